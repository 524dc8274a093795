"""Files served by Kitsu: preview files (records, media downloads, frames, annotations),
comment attachments and avatars. Every download is status-checked and written atomically."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any, Optional, TypeVar, Union

from .._core.call import (
    Call,
    Download,
    Flow,
    PathLike,
    ProgressCallback,
    RawGet,
    Sleep,
    Upload,
    delete,
    download_target,
    get,
    known,
    put,
)
from .._core.errors import InvalidInputError, PreviewProcessingError
from .._core.op_cache import cached
from .._core.refs import Ref, echo, segment, to_id
from ..types import PreviewFile
from . import raw
from .file_args import local_file
from .file_args import progress as check_progress

T = TypeVar("T")


_GAZU_ABSENT: dict[str, str] = {}


# -- preview file records ---------------------------------------------------------------------


def _rows(path: str, params: Optional[dict[str, Any]] = None) -> Flow[list[Any]]:
    """Every row of `data/<path>` (as `raw.fetch_all` reads them), typed by the caller."""
    rows: list[Any] = yield from raw.fetch_all(path, params)
    return rows


@cached("files", "preview-file")
def get_preview_file(preview_file_id: Ref) -> Call[PreviewFile]:
    """One preview file record (revision, extension, status, task…).

    Args:
        preview_file_id: the preview file's id (a dict or object with an `id` works too).

    Calls: GET /data/preview-files/{preview_file_id}
    """
    preview_id = to_id(preview_file_id, "preview file")
    return get(f"data/preview-files/{preview_id}")


@cached("files", "preview-file", "task")
def get_all_preview_files_for_task(task: Ref) -> Flow[list[PreviewFile]]:
    """Every preview file uploaded for a task.

    Args:
        task: the task (id or dict).

    Calls: GET /data/preview-files?task_id=
    """
    task_id = to_id(task, "task")
    return _rows("preview-files", {"task_id": task_id})


@cached("files", "preview-file")
def get_running_preview_files() -> Flow[list[PreviewFile]]:
    """Preview files still processing, or broken, across the studio.

    Calls: GET /data/playlists/preview-files/running
    """
    return _rows("playlists/preview-files/running")


def update_preview(preview_file: Ref, data: Mapping[str, Any]) -> Call[PreviewFile]:
    """Change fields of a preview file record.

    Args:
        preview_file: the preview file (id or dict).
        data: the fields of the preview file record to change.

    Calls: PUT /data/preview-files/{preview_file_id}
    """
    preview_id = to_id(preview_file, "preview file")
    if not isinstance(data, Mapping):
        raise InvalidInputError("data must be a dict of the fields to change")
    return put(f"data/preview-files/{preview_id}", dict(data))


def update_preview_position(preview_file: Ref, position: float) -> Call[list[PreviewFile]]:
    """Move a preview among the previews of its revision; returns them all, in their new order.

    Args:
        preview_file: the preview file (id or dict).
        position: the new position among the previews of its revision.

    Calls: PUT /actions/preview-files/{preview_file_id}/update-position
    """
    preview_id = to_id(preview_file, "preview file")
    if isinstance(position, bool) or not isinstance(position, (int, float)):
        raise InvalidInputError(f"position must be a number, got {echo(position)}")
    path = f"actions/preview-files/{preview_id}/update-position"
    return put(path, {"position": position})


def update_preview_annotations(
    preview_file: Ref,
    additions: Optional[list[dict[str, Any]]] = None,
    updates: Optional[list[dict[str, Any]]] = None,
    deletions: Optional[list[str]] = None,
) -> Call[PreviewFile]:
    """Add, change and delete drawing annotations of a preview.

    `additions` and `updates` are annotation dicts (one per frame, with `time` and `drawing`),
    `deletions` are `{"time", "objects"}` dicts or ids as Zou takes them.

    Args:
        preview_file: the preview file (id or dict).
        additions: annotation dicts to add (one per frame, with `time` and `drawing`).
        updates: annotation dicts to change (as in `additions`).
        deletions: `{"time", "objects"}` dicts or ids of the annotations to delete.

    Calls: PUT /actions/preview-files/{preview_file_id}/update-annotations
    """
    preview_id = to_id(preview_file, "preview file")
    data = {
        key: value
        for key, value in (("additions", additions), ("updates", updates), ("deletions", deletions))
        if value is not None
    }
    for key, value in data.items():
        if not isinstance(value, list):
            raise InvalidInputError(f"{key} must be a list, got {type(value).__name__}")
    path = f"actions/preview-files/{preview_id}/update-annotations"
    return put(path, data)


def remove_preview_file(preview_file: Ref, force: bool = False) -> Call[str]:
    """Delete a preview file; `force` also erases its media even if the server keeps files.

    Args:
        preview_file: the preview file (id or dict).
        force: also erase its media, even when the server keeps files.

    Calls: DELETE /data/preview-files/{preview_file_id}
    """
    preview_id = to_id(preview_file, "preview file")
    params = {"force": True} if force else None
    return delete(f"data/preview-files/{preview_id}", params)


def wait_for_preview_file(
    preview_file: Ref,
    timeout: float = 60,
    poll_interval: float = 5,
) -> Flow[PreviewFile]:
    """Poll a preview file until Zou is done with it; returns it, `ready` or `broken`.

    Raises PreviewProcessingError when it is still `processing` after `timeout` seconds.

    Args:
        preview_file: the preview file (id or dict).
        timeout: seconds to wait at most (PreviewProcessingError after that).
        poll_interval: seconds between two reads.

    Calls: GET /data/preview-files/{preview_file_id} (every `poll_interval` seconds, uncached)
    """
    preview_id = to_id(preview_file, "preview file")
    for value, what in ((timeout, "timeout"), (poll_interval, "poll_interval")):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise InvalidInputError(f"{what} must be a number of seconds >= 0, got {echo(value)}")
    deadline = time.monotonic() + timeout
    while True:
        current: PreviewFile = yield from get(f"data/preview-files/{preview_id}", cacheable=False)
        if current.get("status") != "processing":
            return current
        left = deadline - time.monotonic()
        if left <= 0:
            raise PreviewProcessingError(
                f"preview file {preview_id} is still processing after {timeout} s"
            )
        yield Sleep(min(poll_interval, left))


# -- preview media ----------------------------------------------------------------------------


def _download(
    path: str, file_path: PathLike, progress_callback: Optional[ProgressCallback]
) -> Call[str]:
    return Download(path, file_path, progress_callback=progress_callback)


def _original_url(found: PreviewFile) -> str:
    kind = "movies" if found["extension"] == "mp4" else "pictures"
    return _original_path(kind, found)


def _original_path(kind: str, found: PreviewFile) -> str:
    """`<kind>/originals/preview-files/<id>.<extension>`: the id and the extension come from the
    server and are data, so they are checked and escaped (an extension "a/b" is refused)."""
    preview_id = to_id(found, "preview file")
    extension = segment(found.get("extension"), "preview extension")
    return f"{kind}/originals/preview-files/{preview_id}.{extension}"


def _lowdef_movie_path(preview_file: Ref) -> str:
    return f"movies/low/preview-files/{to_id(preview_file, 'preview file')}.mp4"


def get_preview_file_url(preview_file: Ref) -> Call[str]:
    """The API path of a preview's original media (movies are served as .mp4).

    Args:
        preview_file: the preview file (id or dict).

    Calls: GET /data/preview-files/{preview_file_id} (the extension is read from the server:
    a record created before its upload says "mp4" whatever comes next)
    """
    return get_preview_file(preview_file).map(_original_url)


def get_preview_movie_url(preview_file: Ref, lowdef: bool = False) -> Flow[str]:
    """The API path of a preview's movie, the low definition one with `lowdef`.

    Zou serves low definition movies at /movies/low/ (gazu's /movies/lowdef/ does not exist).

    Args:
        preview_file: the preview file (id or dict).
        lowdef: the low definition movie instead of the full one.

    Calls: GET /data/preview-files/{preview_file_id} (only for the original)
    """
    if lowdef:
        return _lowdef_movie_path(preview_file)
    found = yield from get_preview_file(preview_file)
    return _original_path("movies", found)


def get_preview_lowdef_movie_url(preview_file: Ref) -> Flow[str]:
    """The API path of a preview's low definition movie (no request).

    Args:
        preview_file: the preview file (id or dict).
    """
    return known(_lowdef_movie_path(preview_file))


def download_preview_file(
    preview_file: Ref,
    file_path: PathLike,
    progress_callback: Optional[ProgressCallback] = None,
) -> Flow[str]:
    """Save a preview's original media to `file_path`; returns the absolute path written.

    Args:
        preview_file: the preview file (id or dict).
        file_path: where to write the file: a file path in a folder that exists (written
            atomically).
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: GET /data/preview-files/{id}, then
        GET /{movies|pictures}/originals/preview-files/{id}.{extension}
    """
    check_progress(progress_callback)  # before any request
    target = download_target(file_path)  # before any request
    url = yield from get_preview_file_url(preview_file)
    return (yield from _download(url, target, progress_callback))


def download_preview_file_thumbnail(
    preview_file: Ref,
    file_path: PathLike,
    progress_callback: Optional[ProgressCallback] = None,
) -> Call[str]:
    """Save a preview's thumbnail (PNG) to `file_path`; returns the absolute path written.

    Args:
        preview_file: the preview file (id or dict).
        file_path: where to write the file: a file path in a folder that exists (written
            atomically).
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: GET /pictures/thumbnails/preview-files/{preview_file_id}.png
    """
    check_progress(progress_callback)  # before any request
    preview_id = to_id(preview_file, "preview file")
    path = f"pictures/thumbnails/preview-files/{preview_id}.png"
    return _download(path, file_path, progress_callback)


def download_preview_file_cover(
    preview_file: Ref,
    file_path: PathLike,
    progress_callback: Optional[ProgressCallback] = None,
) -> Call[str]:
    """Save a preview's full-size picture (PNG; a movie's first frame) to `file_path`.

    Args:
        preview_file: the preview file (id or dict).
        file_path: where to write the file: a file path in a folder that exists (written
            atomically).
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: GET /pictures/originals/preview-files/{preview_file_id}.png
    """
    check_progress(progress_callback)  # before any request
    preview_id = to_id(preview_file, "preview file")
    path = f"pictures/originals/preview-files/{preview_id}.png"
    return _download(path, file_path, progress_callback)


def download_preview_movie(
    preview_file: Ref,
    file_path: PathLike,
    progress_callback: Optional[ProgressCallback] = None,
) -> Flow[str]:
    """Save a preview's movie to `file_path`; returns the absolute path written.

    Args:
        preview_file: the preview file (id or dict).
        file_path: where to write the file: a file path in a folder that exists (written
            atomically).
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: GET /data/preview-files/{id}, then GET /movies/originals/preview-files/{id}.mp4
    """
    check_progress(progress_callback)  # before any request
    target = download_target(file_path)  # before any request
    url = yield from get_preview_movie_url(preview_file, lowdef=False)
    return (yield from _download(url, target, progress_callback))


def download_preview_lowdef_movie(
    preview_file: Ref,
    file_path: PathLike,
    progress_callback: Optional[ProgressCallback] = None,
) -> Call[str]:
    """Save a preview's low definition movie to `file_path`; returns the absolute path written.

    Args:
        preview_file: the preview file (id or dict).
        file_path: where to write the file: a file path in a folder that exists (written
            atomically).
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: GET /movies/low/preview-files/{preview_file_id}.mp4
    """
    check_progress(progress_callback)  # before any request
    return _download(_lowdef_movie_path(preview_file), file_path, progress_callback)


def _extract(
    path: str,
    params: Optional[dict[str, Any]],
    file_path: Optional[PathLike],
    progress_callback: Optional[ProgressCallback],
) -> Call[Union[str, bytes]]:
    if file_path is None:
        return RawGet(path, params=params, then=bytes)
    return Download(
        path,
        file_path,
        params=params,
        progress_callback=progress_callback,
        then=str,
    )


def extract_frame_from_preview(
    preview_file: Ref,
    frame_number: int,
    file_path: Optional[PathLike] = None,
    progress_callback: Optional[ProgressCallback] = None,
) -> Call[Union[str, bytes]]:
    """One frame of a movie preview as a PNG: saved to `file_path` (the path is returned), or
    returned as bytes when no path is given.

    Args:
        preview_file: the preview file (id or dict).
        frame_number: the frame, counted from 0.
        file_path: where to write the PNG: a file path in a folder that exists (written atomically);
            None: return its bytes.
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: GET /actions/preview-files/{preview_file_id}/extract-frame?frame_number=
    """
    check_progress(progress_callback)  # before any request
    preview_id = to_id(preview_file, "preview file")
    if isinstance(frame_number, bool) or not isinstance(frame_number, int) or frame_number < 0:
        raise InvalidInputError(f"frame_number must be an integer >= 0, got {echo(frame_number)}")
    path = f"actions/preview-files/{preview_id}/extract-frame"
    return _extract(path, {"frame_number": frame_number}, file_path, progress_callback)


def extract_tile_from_preview(
    preview_file: Ref,
    file_path: Optional[PathLike] = None,
    progress_callback: Optional[ProgressCallback] = None,
) -> Call[Union[str, bytes]]:
    """The tile strip (frames side by side) of a movie preview as a PNG: saved to `file_path`
    (the path is returned), or returned as bytes when no path is given.

    Args:
        preview_file: the preview file (id or dict).
        file_path: where to write the PNG: a file path in a folder that exists (written atomically);
            None: return its bytes.
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: GET /actions/preview-files/{preview_file_id}/extract-tile
    """
    check_progress(progress_callback)  # before any request
    preview_id = to_id(preview_file, "preview file")
    path = f"actions/preview-files/{preview_id}/extract-tile"
    return _extract(path, None, file_path, progress_callback)


# -- attachments ------------------------------------------------------------------------------


def get_attachment_file(attachment_file_id: Ref) -> Call[dict[str, Any]]:
    """One comment attachment record (name, mimetype, size, comment).

    Args:
        attachment_file_id: the attachment file (comment attachment)'s id (a dict or object with an
            `id` works too).

    Calls: GET /data/attachment-files/{attachment_file_id}
    """
    attachment_id = to_id(attachment_file_id, "attachment file")
    return raw.fetch_one("attachment-files", attachment_id)


@cached("files", "task")
def get_all_attachment_files_for_task(task: Ref) -> Flow[list[dict[str, Any]]]:
    """Every file attached to the comments of a task.

    Args:
        task: the task (id or dict).

    Calls: GET /data/tasks/{task_id}/attachment-files
    """
    return _rows(f"tasks/{to_id(task, 'task')}/attachment-files")


def get_all_attachment_files_for_project(project: Ref) -> Flow[list[dict[str, Any]]]:
    """Every file attached to comments in a project.

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/attachment-files
    """
    return _rows(f"projects/{to_id(project, 'project')}/attachment-files")


def _attachment_thumbnail_path(attachment_file: Ref) -> str:
    return f"pictures/thumbnails/attachment-files/{to_id(attachment_file, 'attachment file')}.png"


def _name_in_url(name: Any) -> str:
    """The stored name as the route's last segment, escaped. Zou finds the file by its id (the
    name is for browsers), so a name that cannot be one segment ("../x", "a/b") becomes "file":
    data never changes the route."""
    try:
        return segment(name, "attachment name")
    except InvalidInputError:
        return "file"


def get_attachment_thumbnail_url(attachment_file: Ref) -> Flow[str]:
    """The API path of an attachment's thumbnail (no request).

    Args:
        attachment_file: the attachment file (comment attachment), id or dict.
    """
    return known(_attachment_thumbnail_path(attachment_file))


def download_attachment_file(
    attachment_file: Ref,
    file_path: PathLike,
    progress_callback: Optional[ProgressCallback] = None,
) -> Flow[str]:
    """Save a comment attachment to `file_path`; returns the absolute path written.

    Args:
        attachment_file: the attachment file (comment attachment), id or dict.
        file_path: where to write the file: a file path in a folder that exists (written
            atomically).
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: GET /data/attachment-files/{id} (unless the dict has its name), then
    GET /data/attachment-files/{id}/file/{name}
    """
    check_progress(progress_callback)  # before any request
    attachment_id = to_id(attachment_file, "attachment file")
    target = download_target(file_path)  # before any request
    name = attachment_file.get("name") if isinstance(attachment_file, Mapping) else None
    if not name:
        name = (yield from get_attachment_file(attachment_id))["name"]
    path = f"data/attachment-files/{attachment_id}/file/{_name_in_url(name)}"
    return (yield from _download(path, target, progress_callback))


def download_attachment_thumbnail(
    attachment_file: Ref,
    file_path: PathLike,
    progress_callback: Optional[ProgressCallback] = None,
) -> Call[str]:
    """Save an attachment's thumbnail (PNG) to `file_path`; returns the absolute path written.

    Zou 1.0.97 makes thumbnails only for PNG/JPEG chat attachments (uploaded with an image
    mimetype): other attachments, comment ones included, have none (NotFoundError).

    Args:
        attachment_file: the attachment file (comment attachment), id or dict.
        file_path: where to write the file: a file path in a folder that exists (written
            atomically).
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: GET /pictures/thumbnails/attachment-files/{attachment_file_id}.png
    """
    check_progress(progress_callback)  # before any request
    path = _attachment_thumbnail_path(attachment_file)
    return _download(path, file_path, progress_callback)


# -- avatars ----------------------------------------------------------------------------------

_AVATAR_KINDS = {"persons": "person", "projects": "project", "organisations": "organisation"}


def _avatar_path(kind: str, model: Ref) -> str:
    return f"pictures/thumbnails/{kind}/{to_id(model, _AVATAR_KINDS[kind])}"


def _download_avatar(
    kind: str,
    model: Ref,
    file_path: PathLike,
    progress_callback: Optional[ProgressCallback],
) -> Call[str]:
    return _download(_avatar_path(kind, model) + ".png", file_path, progress_callback)


def _upload_avatar(
    kind: str,
    model: Ref,
    file_path: PathLike,
    progress_callback: Optional[ProgressCallback],
) -> Call[dict[str, Any]]:
    path = _avatar_path(kind, model)
    files = [("file", local_file(file_path))]  # before any request
    return Upload(path, files, progress_callback=progress_callback)


def download_person_avatar(
    person: Ref,
    file_path: PathLike,
    progress_callback: Optional[ProgressCallback] = None,
) -> Call[str]:
    """Save a person's avatar (PNG) to `file_path`; NotFoundError when they have none.

    Args:
        person: the person (id or dict).
        file_path: where to write the file: a file path in a folder that exists (written
            atomically).
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: GET /pictures/thumbnails/persons/{person_id}.png
    """
    check_progress(progress_callback)  # before any request
    return _download_avatar("persons", person, file_path, progress_callback)


def upload_person_avatar(
    person: Ref,
    file_path: PathLike,
    progress_callback: Optional[ProgressCallback] = None,
) -> Call[dict[str, Any]]:
    """Set a person's avatar from a picture; returns `{"thumbnail_path": ...}`.

    Args:
        person: the person (id or dict).
        file_path: the local file to send.
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: POST /pictures/thumbnails/persons/{person_id}
    """
    check_progress(progress_callback)  # before any request
    return _upload_avatar("persons", person, file_path, progress_callback)


def download_project_avatar(
    project: Ref,
    file_path: PathLike,
    progress_callback: Optional[ProgressCallback] = None,
) -> Call[str]:
    """Save a project's avatar (PNG) to `file_path`; NotFoundError when it has none.

    Args:
        project: the project (id or dict).
        file_path: where to write the file: a file path in a folder that exists (written
            atomically).
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: GET /pictures/thumbnails/projects/{project_id}.png
    """
    check_progress(progress_callback)  # before any request
    return _download_avatar("projects", project, file_path, progress_callback)


def upload_project_avatar(
    project: Ref,
    file_path: PathLike,
    progress_callback: Optional[ProgressCallback] = None,
) -> Call[dict[str, Any]]:
    """Set a project's avatar from a picture; returns `{"thumbnail_path": ...}`.

    Args:
        project: the project (id or dict).
        file_path: the local file to send.
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: POST /pictures/thumbnails/projects/{project_id}
    """
    check_progress(progress_callback)  # before any request
    return _upload_avatar("projects", project, file_path, progress_callback)


def download_organisation_avatar(
    organisation: Ref,
    file_path: PathLike,
    progress_callback: Optional[ProgressCallback] = None,
) -> Call[str]:
    """Save the organisation's avatar (PNG) to `file_path`; NotFoundError when it has none.

    Args:
        organisation: the organisation (id or dict).
        file_path: where to write the file: a file path in a folder that exists (written
            atomically).
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: GET /pictures/thumbnails/organisations/{organisation_id}.png
    """
    check_progress(progress_callback)  # before any request
    return _download_avatar("organisations", organisation, file_path, progress_callback)


def upload_organisation_avatar(
    organisation: Ref,
    file_path: PathLike,
    progress_callback: Optional[ProgressCallback] = None,
) -> Call[dict[str, Any]]:
    """Set the organisation's avatar from a picture; returns `{"thumbnail_path": ...}`.

    Args:
        organisation: the organisation (id or dict).
        file_path: the local file to send.
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: POST /pictures/thumbnails/organisations/{organisation_id}
    """
    check_progress(progress_callback)  # before any request
    return _upload_avatar("organisations", organisation, file_path, progress_callback)
