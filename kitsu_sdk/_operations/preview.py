"""Preview files of task comments: create the record, upload the media, set it as main preview.

gazu keeps these in its `task` module; `kitsu_sdk.comment` and `kitsu_sdk.task` hold them.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from typing import Any, Callable, Optional, TypeVar
from urllib.parse import unquote, urlsplit

from .._core import constants as C
from .._core.call import (
    Call,
    Download,
    Flow,
    PathLike,
    ProgressCallback,
    Upload,
    delete,
    get,
    post,
    put,
)
from .._core.errors import (
    APIError,
    InvalidInputError,
    KitsuError,
    KitsuTimeoutError,
    MissingFileError,
    NotFoundError,
    UploadError,
)
from .._core.op_cache import cached
from .._core.refs import Ref, echo, to_id
from ..types import Entity, PreviewFile
from .file_args import progress as check_progress

__all__ = [
    "add_extra_preview",
    "add_preview",
    "all_preview_files_for_project",
    "all_previews_for_task",
    "create_extra_preview",
    "create_preview",
    "remove_preview_from_comment",
    "set_main_preview",
    "upload_preview_file",
]

logger = logging.getLogger(C.LOGGER_NAME)

T = TypeVar("T")


# What Zou 1.0.97 accepts as a preview (zou/app/blueprints/previews/resources.py). It reads the
# extension from the uploaded file name, lower-cased; anything else is refused with a 400 after
# the upload, so we refuse it before sending.
PICTURE_EXTENSIONS = frozenset({"jpe", "jpeg", "jpg", "png"})
MOVIE_EXTENSIONS = frozenset({"avi", "m4v", "mkv", "mov", "mp4", "webm", "wmv"})
FILE_EXTENSIONS = frozenset(
    {
        "ae", "ai", "blend", "clip", "comp", "diff", "exr", "fbx", "fla", "flv", "gif", "glb",
        "gltf", "hip", "kra", "ma", "mb", "md", "mp3", "obj", "pdf", "psd", "psb", "rar", "rev",
        "riv", "sai", "sai2", "sbbkp", "svg", "swf", "tvpp", "wav", "zip",
    }
)  # fmt: skip
PREVIEW_EXTENSIONS = PICTURE_EXTENSIONS | MOVIE_EXTENSIONS | FILE_EXTENSIONS

# Answers after which Zou may still be working on the file (a proxy gave up waiting, or we did):
# the preview record is kept then, since removing it could destroy a preview about to be ready.
_OUTCOME_UNKNOWN_STATUSES = frozenset({502, 503, 504})


# -- input checks --------------------------------------------------------------------------------


def preview_extension(file_name: str) -> str:
    """The extension Zou reads from a file name (what follows the last dot, lower-cased)."""
    return os.path.basename(file_name).rsplit(".", 1)[-1].lower()


def check_preview_file(file_path: Any, what: str = "preview file") -> str:
    """The path as a str; MissingFileError if absent, InvalidInputError if Zou refuses its type."""
    if not isinstance(file_path, (str, os.PathLike)):
        raise InvalidInputError(f"{what} must be a file path, got {type(file_path).__name__}")
    path = os.fspath(file_path)
    if not os.path.isfile(path):
        raise MissingFileError(f"no such {what}: {echo(path, 300)}")
    check_preview_name(path, what)
    return path


def check_preview_name(name: str, what: str = "preview file") -> None:
    """InvalidInputError when Zou 1.0.97 would refuse a preview with this file name."""
    extension = preview_extension(name)
    if "." not in os.path.basename(name) or extension not in PREVIEW_EXTENSIONS:
        raise InvalidInputError(
            f"{what} {echo(os.path.basename(name))}: Zou does not accept this type as a preview "
            f"(pictures: {', '.join(sorted(PICTURE_EXTENSIONS))}; movies: "
            f"{', '.join(sorted(MOVIE_EXTENSIONS))}; or one of {len(FILE_EXTENSIONS)} file types "
            "such as pdf, zip, exr, gif)"
        )


def check_revision(revision: Any) -> Optional[int]:
    if revision is None:
        return None
    if isinstance(revision, bool) or not isinstance(revision, int) or revision < 1:
        raise InvalidInputError(f"revision must be a positive integer, got {echo(revision)}")
    return revision


# -- where the preview file comes from -----------------------------------------------------------


def check_preview_source(
    preview_file_path: Optional[PathLike], preview_file_url: Optional[str]
) -> tuple[Optional[str], Optional[str]]:
    """`(local path, None)` or `(None, URL)`, everything checked before any request: the file
    exists and has a type Zou takes, or the URL is http(s) and names such a file."""
    if preview_file_path is not None and preview_file_url is not None:
        raise InvalidInputError("give preview_file_path or preview_file_url, not both")
    if preview_file_path is not None:
        return check_preview_file(preview_file_path), None
    if preview_file_url is None:
        raise InvalidInputError("a preview needs preview_file_path or preview_file_url")
    parts = urlsplit(preview_file_url) if isinstance(preview_file_url, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise InvalidInputError(
            f"preview_file_url must be an http(s) URL, got {echo(preview_file_url)}"
        )
    check_preview_name(os.path.basename(unquote(parts.path)), "preview file URL")
    return None, preview_file_url


def with_preview_file(
    source: tuple[Optional[str], Optional[str]], use: Callable[[str], Flow[T]]
) -> Flow[T]:
    """Run the flow `use(local_path)` on a checked source (see check_preview_source): the path
    given, or the URL downloaded first into a temporary folder removed afterwards."""
    path, url = source
    if path is not None:
        return (yield from use(path))
    assert url is not None
    folder = tempfile.mkdtemp(prefix="kitsu_sdk-preview-")
    try:
        name = os.path.basename(unquote(urlsplit(url).path))
        local = yield from _download_url(url, os.path.join(folder, name))
        return (yield from use(local))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _download_url(url: str, target: str) -> Call[str]:
    # A file elsewhere: the Kitsu token must not go to that host.
    return Download(url, target, full=True, authenticate=False)


# -- preview records -----------------------------------------------------------------------------


def create_preview(
    task: Ref,
    comment: Ref,
    revision: Optional[int] = None,
) -> Call[PreviewFile]:
    """Create an empty preview record on a comment; upload its file with upload_preview_file.

    Without `revision`, Zou uses the comment's revision or the task's next one.

    Args:
        task: the task (id or dict).
        comment: the comment (id or dict).
        revision: the revision number; None: the comment's revision or the task's next one.

    Calls: POST /actions/tasks/{task_id}/comments/{comment_id}/add-preview
    """
    task_id = to_id(task, "task")
    comment_id = to_id(comment, "comment")
    data = {} if revision is None else {"revision": check_revision(revision)}
    return post(f"actions/tasks/{task_id}/comments/{comment_id}/add-preview", data)


def create_extra_preview(
    task: Ref,
    comment: Ref,
    preview_file: Ref,
) -> Call[PreviewFile]:
    """Create an empty preview record with the same revision as `preview_file` (an extra page).

    Args:
        task: the task (id or dict).
        comment: the comment (id or dict).
        preview_file: the preview file (id or dict).

    Calls: POST /actions/tasks/{task_id}/comments/{comment_id}/preview-files/{preview_file_id}
    """
    task_id = to_id(task, "task")
    comment_id = to_id(comment, "comment")
    preview_file_id = to_id(preview_file, "preview file")
    return post(
        f"actions/tasks/{task_id}/comments/{comment_id}/preview-files/{preview_file_id}", {}
    )


def upload_preview_file(
    preview_file: Ref,
    file_path: PathLike,
    normalize_movie: bool = True,
    no_job: bool = False,
    progress_callback: Optional[ProgressCallback] = None,
) -> Call[PreviewFile]:
    """Upload the media of an empty preview record; returns the updated preview file.

    Pictures become PNG and movies H.264 MP4 on the server. `normalize_movie=False` keeps a movie
    as sent; `no_job=True` asks Zou to build the variants inside the request even when it has a
    job queue. A record can receive one file only (Zou answers 400 to a second upload).

    Args:
        preview_file: the preview file (id or dict).
        file_path: the local file to send.
        normalize_movie: let Zou normalize an uploaded movie (re-encode to its preview format).
        no_job: process the upload in the request instead of a background job.
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Raises:
        MissingFileError, InvalidInputError: before sending (no file, or a type Zou refuses).
        UploadError: the transfer did not complete. PreviewProcessingError: Zou marked it broken.
        APIError: Zou refused it (for a refused file type Zou also deletes the record).

    Calls: POST /pictures/preview-files/{preview_file_id}
    """
    check_progress(progress_callback)  # before any request
    preview_file_id = to_id(preview_file, "preview file")
    path = check_preview_file(file_path)
    flags = {"normalize": "false" if not normalize_movie else None}
    flags["no_job"] = "true" if no_job else None
    params = {key: value for key, value in flags.items() if value is not None}
    route = f"pictures/preview-files/{preview_file_id}"
    return Upload(
        route, [("file", path)], params=params or None, progress_callback=progress_callback
    )


def _outcome_unknown(error: KitsuError) -> bool:
    if isinstance(error, UploadError) and isinstance(error.__cause__, KitsuTimeoutError):
        return True
    return isinstance(error, APIError) and error.status in _OUTCOME_UNKNOWN_STATUSES


def _upload_or_discard(
    task_id: str,
    comment_id: str,
    record: PreviewFile,
    file_path: str,
    normalize_movie: bool,
    no_job: bool,
    progress_callback: Optional[ProgressCallback],
) -> Flow[PreviewFile]:
    """Upload into a new record; when that fails, remove the record unless Zou may still use it."""
    try:
        uploaded: PreviewFile = yield from upload_preview_file(
            record, file_path, normalize_movie, no_job, progress_callback=progress_callback
        )
        return uploaded
    except KitsuError as error:
        if _outcome_unknown(error):
            logger.warning(
                "preview %s: upload outcome unknown (%s); the record is kept", record["id"], error
            )
            raise
        try:
            yield from remove_preview_from_comment(task_id, comment_id, record)
        except NotFoundError:
            pass  # Zou already removed it (it does so for refused types and failed movies)
        except KitsuError as cleanup_error:
            logger.warning("could not remove the empty preview %s: %s", record["id"], cleanup_error)
        raise


def add_preview(
    task: Ref,
    comment: Ref,
    preview_file_path: Optional[PathLike] = None,
    preview_file_url: Optional[str] = None,
    normalize_movie: bool = True,
    revision: Optional[int] = None,
    no_job: bool = False,
    progress_callback: Optional[ProgressCallback] = None,
) -> Flow[PreviewFile]:
    """Add a preview (picture, movie or file) to a comment; returns the preview file.

    Give a local `preview_file_path` or a `preview_file_url` (downloaded first, without sending
    the Kitsu token to that host). The file's existence and type are checked before anything is
    created. `progress_callback(bytes_sent, total)` follows the upload.

    On failure the comment is left as it was and the error is raised. The empty preview record
    created for the upload is removed, except when the outcome is unknown (a timeout, or a
    502/503/504 from a proxy): Zou may still be processing the file, so the record is kept and
    shows up in all_previews_for_task.

    Args:
        task: the task (id or dict).
        comment: the comment (id or dict).
        preview_file_path: a local file to add as a preview (picture, movie or other file).
        preview_file_url: a URL to download the preview from instead of a local file.
        normalize_movie: let Zou normalize an uploaded movie (re-encode to its preview format).
        revision: the revision number; None: the comment's revision or the task's next one.
        no_job: process the upload in the request instead of a background job.
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Raises:
        InvalidInputError: bad arguments, before any request (MissingFileError: no such file).
        UploadError: the transfer was cut.
        PreviewProcessingError: Zou could not process the preview.
        APIError: Zou refused the upload (the mapped subclass).

    Calls: POST /actions/tasks/{task_id}/comments/{comment_id}/add-preview,
        POST /pictures/preview-files/{preview_file_id}
    """
    check_progress(progress_callback)  # before any request
    task_id = to_id(task, "task")
    comment_id = to_id(comment, "comment")
    check_revision(revision)
    source = check_preview_source(preview_file_path, preview_file_url)

    def use(path: str) -> Flow[PreviewFile]:
        record = yield from create_preview(task_id, comment_id, revision=revision)
        return (
            yield from _upload_or_discard(
                task_id, comment_id, record, path, normalize_movie, no_job, progress_callback
            )
        )

    preview: PreviewFile = yield from with_preview_file(source, use)
    return preview


def add_extra_preview(
    task: Ref,
    comment: Ref,
    preview_file: Ref,
    preview_file_path: Optional[PathLike] = None,
    preview_file_url: Optional[str] = None,
    normalize_movie: bool = True,
    no_job: bool = False,
    progress_callback: Optional[ProgressCallback] = None,
) -> Flow[PreviewFile]:
    """Add another preview with the same revision as `preview_file` (e.g. a second page).

    Same checks and failure behaviour as add_preview.

    Args:
        task: the task (id or dict).
        comment: the comment (id or dict).
        preview_file: the preview file (id or dict).
        preview_file_path: a local file to add as a preview (picture, movie or other file).
        preview_file_url: a URL to download the preview from instead of a local file.
        normalize_movie: let Zou normalize an uploaded movie (re-encode to its preview format).
        no_job: process the upload in the request instead of a background job.
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: POST /actions/tasks/{task_id}/comments/{comment_id}/preview-files/{preview_file_id},
        POST /pictures/preview-files/{new_preview_file_id}
    """
    check_progress(progress_callback)  # before any request
    task_id = to_id(task, "task")
    comment_id = to_id(comment, "comment")
    preview_file_id = to_id(preview_file, "preview file")
    source = check_preview_source(preview_file_path, preview_file_url)

    def use(path: str) -> Flow[PreviewFile]:
        record = yield from create_extra_preview(task_id, comment_id, preview_file_id)
        return (
            yield from _upload_or_discard(
                task_id, comment_id, record, path, normalize_movie, no_job, progress_callback
            )
        )

    preview: PreviewFile = yield from with_preview_file(source, use)
    return preview


def set_main_preview(
    preview_file: Ref,
    frame_number: Optional[int] = None,
) -> Call[Entity]:
    """Make a preview the thumbnail of its entity; returns the entity (not the preview file).

    `frame_number` picks the frame of a movie to use.

    Args:
        preview_file: the preview file (id or dict).
        frame_number: the frame, counted from 0.

    Calls: PUT /actions/preview-files/{preview_file_id}/set-main-preview
    """
    preview_file_id = to_id(preview_file, "preview file")
    data: dict[str, Any] = {}
    if frame_number is not None:
        if isinstance(frame_number, bool) or not isinstance(frame_number, int) or frame_number < 0:
            raise InvalidInputError(
                f"frame_number must be an integer >= 0, got {echo(frame_number)}"
            )
        data["frame_number"] = frame_number
    return put(f"actions/preview-files/{preview_file_id}/set-main-preview", data)


def remove_preview_from_comment(
    task: Ref,
    comment: Ref,
    preview_file: Ref,
) -> Call[str]:
    """Delete a preview of a comment (the entity gets its previous main preview back).

    Args:
        task: the task (id or dict).
        comment: the comment (id or dict).
        preview_file: the preview file (id or dict).

    Calls: DELETE /actions/tasks/{task_id}/comments/{comment_id}/preview-files/{preview_file_id}
    """
    task_id = to_id(task, "task")
    comment_id = to_id(comment, "comment")
    preview_file_id = to_id(preview_file, "preview file")
    return delete(f"actions/tasks/{task_id}/comments/{comment_id}/preview-files/{preview_file_id}")


# -- listings ------------------------------------------------------------------------------------


def data_rows(body: Any) -> list[Any]:
    """The rows of a `data/...` listing (a list, or the `data` of a page)."""
    if isinstance(body, dict) and isinstance(body.get("data"), list):
        return list(body["data"])
    return list(body or [])


@cached("preview-file", "task")
def all_previews_for_task(task: Ref) -> Call[list[PreviewFile]]:
    """The preview files of a task.

    Args:
        task: the task (id or dict).

    Calls: GET /data/tasks/{task_id}/previews
    """
    task_id = to_id(task, "task")
    return get(f"data/tasks/{task_id}/previews", then=data_rows)


@cached("preview-file", "project")
def all_preview_files_for_project(project: Ref) -> Call[list[PreviewFile]]:
    """Every preview file of a project (Zou allows this to admins only).

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/preview-files
    """
    project_id = to_id(project, "project")
    return get(f"data/projects/{project_id}/preview-files", then=data_rows)
