"""What a DCC plugin's "my tasks" panel needs: the feed of the logged-in artist's tasks, and the
publish of a playblast on one of them with a progress bar.

    python examples/my_tasks_panel.py list                    # the panel's rows
    python examples/my_tasks_panel.py list --json
    python examples/my_tasks_panel.py publish --task TASK_ID --status wfa \\
        --comment "Blocking v2" [--file playblast.mp4]

`list` is one request (`client.user.all_tasks_to_do()`): each row already carries the project,
entity, task type and status names a panel shows. `publish` posts a comment that moves the task
to the given status and uploads the movie as its preview (`client.task.publish_preview`), the
upload streamed from disk with a progress callback; without `--file` it makes a one-second
H.264 playblast with ffmpeg (with a sound track and no B-frames: Zou's normalisation mishandles
silent clips with B-frames), or a PNG where ffmpeg is missing. Zou accepts pictures (png, jpg),
movies (mp4, mov, ...) and some other files as previews; the SDK checks the type before sending.

Reads KITSU_HOST and KITSU_LOGIN/KITSU_PASSWORD (or KITSU_TOKEN) from the environment.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from typing import Any, Optional

from kitsu_sdk import KitsuClient


def connect() -> KitsuClient:
    """A client from the environment (KITSU_HOST, and KITSU_TOKEN or KITSU_LOGIN +
    KITSU_PASSWORD; see kitsu_sdk.config): it logs in on its first request."""
    return KitsuClient.from_env()


# -- the feed ------------------------------------------------------------------------------------


def feed(client: KitsuClient) -> list[dict[str, Any]]:
    """The panel's rows: one per unfinished task of the user, in Zou's order."""
    rows = []
    for task in client.user.all_tasks_to_do():
        entity = "/".join(
            part
            for part in (
                task.get("episode_name"),
                task.get("sequence_name"),
                task.get("entity_name"),
            )
            if part
        )
        rows.append(
            {
                "task_id": task["id"],
                "project": task.get("project_name"),
                "entity": entity,
                "entity_type": task.get("entity_type_name"),
                "task_type": task.get("task_type_name"),
                "status": task.get("task_status_short_name"),
                "due_date": task.get("due_date"),
                "last_comment": (task.get("last_comment") or {}).get("text"),
            }
        )
    return rows


# -- the publish ---------------------------------------------------------------------------------


def make_playblast(folder: str) -> str:
    """A one-second movie made with ffmpeg, or a PNG where ffmpeg is missing."""
    if shutil.which("ffmpeg"):
        path = os.path.join(folder, "playblast.mp4")
        subprocess.run(
            [
                "ffmpeg", "-y", "-loglevel", "error",
                "-f", "lavfi", "-i", "testsrc=size=320x180:rate=24",
                "-f", "lavfi", "-i", "sine=frequency=440",
                "-t", "1", "-c:v", "libx264", "-bf", "0", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-shortest", path,
            ],
            check=True,
            timeout=120,
        )  # fmt: skip
        return path
    path = os.path.join(folder, "playblast.png")
    width, height = 320, 180

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    rows = (b"\x00" + bytes((30, 90, 160)) * width) * height
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    with open(path, "wb") as handle:
        handle.write(
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b"")
        )
    return path


class ProgressBar:
    """`callback(sent, total)` as the SDK calls it while a file uploads: a bar on stderr, and
    the figures kept for whoever wants them."""

    def __init__(self, label: str, quiet: bool = False) -> None:
        self.label = label
        self.quiet = quiet
        self.calls: list[tuple[int, Optional[int]]] = []

    def __call__(self, sent: int, total: Optional[int]) -> None:
        self.calls.append((sent, total))
        if self.quiet:
            return
        if total:
            done = int(30 * sent / total)
            print(
                f"\r{self.label} [{'#' * done}{'.' * (30 - done)}] {100 * sent // total:3d}%",
                end="",
                file=sys.stderr,
            )
        else:
            print(f"\r{self.label} {sent} bytes", end="", file=sys.stderr)

    def close(self) -> None:
        if not self.quiet:
            print(file=sys.stderr)


def publish(
    client: KitsuClient,
    task_id: str,
    status: str,
    comment: str,
    path: Optional[str],
    quiet: bool = False,
) -> dict[str, Any]:
    """Comment on the task at `status` (a short name: wfa, wip...) with the file as preview."""
    task_status = client.task.get_task_status_by_short_name(status)
    if task_status is None:
        raise SystemExit(f"Kitsu has no task status {status!r}")
    with tempfile.TemporaryDirectory() as folder:
        path = path or make_playblast(folder)
        bar = ProgressBar(f"uploading {os.path.basename(path)}", quiet)
        started = time.perf_counter()
        try:
            new_comment, preview = client.task.publish_preview(
                task_id,
                task_status,
                comment=comment,
                preview_file_path=path,
                progress_callback=bar,
            )
        finally:
            bar.close()
        size = os.path.getsize(path)
    return {
        "comment_id": new_comment["id"],
        "preview_file_id": preview["id"],
        "extension": preview.get("extension"),
        "bytes": size,
        "progress_calls": len(bar.calls),
        "last_progress": bar.calls[-1] if bar.calls else None,
        "seconds": round(time.perf_counter() - started, 2),
    }


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="the user's unfinished tasks")
    listing.add_argument("--json", action="store_true", help="one JSON list instead of a table")
    sending = commands.add_parser("publish", help="publish a playblast on a task")
    sending.add_argument("--task", required=True, help="the task id")
    sending.add_argument("--status", default="wfa", help="the new status' short name")
    sending.add_argument("--comment", default="", help="the comment's text")
    sending.add_argument("--file", help="the movie or picture (default: one made here)")
    sending.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)

    client = connect()
    if args.command == "list":
        rows = feed(client)
        if args.json:
            print(json.dumps(rows))
        else:
            for row in rows:
                print(
                    f"{row['project'] or '':<20} {row['entity']:<26} {row['task_type'] or '':<12}"
                    f" {row['status'] or '':<6} {row['task_id']}"
                )
            print(f"{len(rows)} task(s)")
    else:
        result = publish(client, args.task, args.status, args.comment, args.file, args.json)
        print(json.dumps(result) if args.json else f"published: {result}")
    client.log_out()
    return 0


if __name__ == "__main__":
    sys.exit(main())
