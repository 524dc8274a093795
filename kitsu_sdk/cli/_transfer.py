"""publish (a preview with a comment and a status, uploaded with a progress bar) and download
(a preview's media or thumbnail, an attachment), atomically, with a progress bar."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Optional

import click

from .. import files as files_ops
from .. import task as task_ops
from ._common import Progress, echo_json, get_client, json_option, wants_json
from ._listings import _task_status

_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")


@click.command()
@click.argument("task_id")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, readable=True))
@click.option("--status", "-s", "status", required=True,
              help="Task status short name (e.g. wfa, wip) or id.")  # fmt: skip
@click.option("--comment", "-c", "--message", "-m", "text", default="", help="Comment text.")
@click.option("--set-thumbnail", is_flag=True, help="Make the preview the entity's thumbnail.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@json_option
def publish(
    task_id: str, file: str, status: str, text: str, set_thumbnail: bool, quiet: bool
) -> None:
    """Publish FILE as a preview of TASK_ID: a comment with a status, the file uploaded."""
    client = get_client()
    task_status = _task_status(client, status)
    with Progress(f"upload {Path(file).name}", quiet) as progress:
        posted, preview = task_ops.publish_preview(
            task_id.strip(), task_status, comment=text, preview_file_path=file,
            set_thumbnail=set_thumbnail, client=client, progress_callback=progress,
        )  # fmt: skip
    if wants_json():
        echo_json({"comment": posted, "preview_file": preview})
        return
    click.echo(
        f"Published {Path(file).name} on task {task_id.strip()}: preview {preview.get('id')}, "
        f"comment {posted.get('id')} ({task_status.get('short_name')})"
    )


def _target(output: Optional[str], default_name: str) -> str:
    """`--output` as a file, or a folder (existing, or given with a trailing slash) to put
    `default_name` in; the current folder without --output."""
    name = _UNSAFE.sub("_", default_name).strip(". ") or "download"
    if not output:
        return name
    if os.path.isdir(output) or output.endswith(("/", os.sep)):
        return os.path.join(output, name)
    return output


@click.group()
def download() -> None:
    """Download a preview or an attachment (atomically: a failure leaves no file)."""


@download.command("preview")
@click.argument("preview_id")
@click.option("--output", "-o", help="A file path, or a folder. Default: <id>.<extension> here.")
@click.option("--thumbnail", is_flag=True, help="The thumbnail (png) instead of the original.")
@click.option("--movie", is_flag=True, help="The movie (mp4) of a video preview.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@json_option
def download_preview(
    preview_id: str, output: Optional[str], thumbnail: bool, movie: bool, quiet: bool
) -> None:
    """Download a preview's original media (or its movie, or its thumbnail)."""
    client = get_client()
    preview_id = preview_id.strip()
    if thumbnail:
        extension = "png"
    elif movie:
        extension = "mp4"
    else:
        extension = str(files_ops.get_preview_file(preview_id, client=client).get("extension"))
    target = _target(output, f"{preview_id}.{extension}")
    with Progress(f"download {Path(target).name}", quiet) as progress:
        if thumbnail:
            written = files_ops.download_preview_file_thumbnail(
                preview_id, target, client=client, progress_callback=progress
            )
        elif movie:
            written = files_ops.download_preview_movie(
                preview_id, target, client=client, progress_callback=progress
            )
        else:
            written = files_ops.download_preview_file(
                preview_id, target, client=client, progress_callback=progress
            )
    _done(written)


@download.command("attachment")
@click.argument("attachment_id")
@click.option("--output", "-o", help="A file path, or a folder. Default: its name here.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@json_option
def download_attachment(attachment_id: str, output: Optional[str], quiet: bool) -> None:
    """Download a comment's attachment file."""
    client = get_client()
    attachment_id = attachment_id.strip()
    record = files_ops.get_attachment_file(attachment_id, client=client)
    name = str(record.get("name") or attachment_id)
    extension = record.get("extension")
    if extension and not name.lower().endswith(f".{str(extension).lower()}"):
        name = f"{name}.{extension}"
    target = _target(output, name)
    with Progress(f"download {Path(target).name}", quiet) as progress:
        written = files_ops.download_attachment_file(
            attachment_id, target, client=client, progress_callback=progress
        )
    _done(written)


def _done(written: str) -> None:
    if wants_json():
        echo_json({"path": written, "size": os.path.getsize(written)})
    else:
        click.echo(f"Saved {written} ({os.path.getsize(written)} bytes)")
