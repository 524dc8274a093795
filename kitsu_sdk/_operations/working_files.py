"""Working files: the revisions of a task's DCC files (records with a path rendered from the
project's file tree, a comment, a software, an author), and their content stored in Kitsu
(public in `files`)."""

from __future__ import annotations

from typing import Any, Optional

from .._core.call import (
    Call,
    Download,
    Flow,
    PathLike,
    ProgressCallback,
    Upload,
    get,
    post,
    put,
)
from .._core.op_cache import cached
from .._core.refs import Ref, to_id, to_optional_id
from .file_args import (
    file_name,
    local_file,
    local_path,
    mode_name,
    optional_text,
    revision_number,
    row,
    rows,
    separator,
    text,
)
from .file_args import progress as check_progress


@cached("working-file")
def get_working_file(working_file_id: Ref) -> Call[dict[str, Any]]:
    """The working file with this id (with its `outputs`, the output files made from it).

    Args:
        working_file_id: the working file's id (a dict or object with an `id` works too).

    Calls: GET /data/working-files/{working_file_id}
    """
    return get(f"data/working-files/{to_id(working_file_id, 'working file')}", then=row)


@cached("working-file", "task")
def get_working_files_for_task(task: Ref) -> Call[list[dict[str, Any]]]:
    """Every working file revision of a task.

    Args:
        task: the task (id or dict).

    Calls: GET /data/tasks/{task_id}/working-files
    """
    return get(f"data/tasks/{to_id(task, 'task')}/working-files", then=rows)


@cached("working-file", "entity")
def get_all_working_files_for_entity(
    entity: Ref, task: Optional[Ref] = None, name: Optional[str] = None
) -> Call[list[dict[str, Any]]]:
    """Every working file of an entity (all its tasks), optionally of one task and one name.

    Args:
        entity: the entity (asset, shot, sequence, episode, edit, concept...), id or dict.
        task: only those of this task (id or dict); None: no filter.
        name: only those with this name; None: no filter.

    Calls: GET /data/entities/{entity_id}/working-files?task_id=&name=
    """
    entity_id = to_id(entity, "entity")
    params: dict[str, Any] = {}
    task_id = to_optional_id(task, "task")
    if task_id is not None:
        params["task_id"] = task_id
    wanted = optional_text(name, "name")
    if wanted is not None:
        params["name"] = wanted
    return get(f"data/entities/{entity_id}/working-files", params, then=rows)


@cached("working-file")
def get_last_working_files(task: Ref) -> Call[dict[str, Any]]:
    """The last revision of each working file of a task, as a dict keyed by file name.

    Args:
        task: the task (id or dict).

    Calls: GET /data/tasks/{task_id}/working-files/last-revisions
    """
    return get(f"data/tasks/{to_id(task, 'task')}/working-files/last-revisions", then=row)


@cached("working-file")
def get_last_working_file_revision(task: Ref, name: str = "main") -> Call[Optional[dict[str, Any]]]:
    """The last revision of the task's working file with this name, or None when it has none.

    Args:
        task: the task (id or dict).
        name: the name to look for.

    Calls: GET /data/tasks/{task_id}/working-files/last-revisions
    """
    task_id = to_id(task, "task")
    wanted = file_name(name, "name")
    return get(
        f"data/tasks/{task_id}/working-files/last-revisions",
        then=lambda answer: (answer or {}).get(wanted),
    )


def new_working_file(
    task: Ref,
    name: str = "main",
    mode: str = "working",
    software: Optional[Ref] = None,
    comment: str = "",
    person: Optional[Ref] = None,
    revision: int = 0,
    sep: str = "/",
) -> Call[dict[str, Any]]:
    """Create a working file revision for a task; Zou stores its path, rendered from the `mode`
    section of the project's file tree, and assigns the task to the logged-in user.

    Args:
        task: the task the file is made for.
        name: the file's name (several files of a task differ by name).
        mode: the file tree section to use.
        software: the software it is made with (Zou uses Blender if None).
        comment: what changed in this revision.
        person: its author (the logged-in user if None).
        revision: the revision number; 0 takes the next free one for this task and name.
        sep: joins the folder and the file name in the stored path (sent as Zou's `sep`,
            which gazu leaves out), so the path is the one build_working_file_path gives.

    Raises:
        BadRequestError: this revision of this file already exists.

    Calls: POST /data/tasks/{task_id}/working-files/new
    """
    task_id = to_id(task, "task")
    body: dict[str, Any] = {
        "name": file_name(name),
        "comment": text(comment, "comment"),
        "task_id": task_id,
        "revision": revision_number(revision),
        "mode": mode_name(mode),
        "sep": separator(sep),
    }
    person_id = to_optional_id(person, "person")
    if person_id is not None:
        body["person_id"] = person_id
    software_id = to_optional_id(software, "software")
    if software_id is not None:
        body["software_id"] = software_id
    return post(f"data/tasks/{task_id}/working-files/new", body, then=row)


def update_comment(working_file: Ref, comment: str) -> Call[dict[str, Any]]:
    """Replace the comment of a working file; returns the updated working file.

    Args:
        working_file: the working file (id or dict).
        comment: the new comment text.

    Calls: PUT /actions/working-files/{working_file_id}/comment
    """
    working_file_id = to_id(working_file, "working file")
    body = {"comment": file_name(comment, "comment")}
    return put(f"actions/working-files/{working_file_id}/comment", body, then=row)


def update_modification_date(working_file: Ref) -> Call[dict[str, Any]]:
    """Set the modification date (`updated_at`) of a working file to now; returns it.

    Args:
        working_file: the working file (id or dict).

    Calls: PUT /actions/working-files/{working_file_id}/modified
    """
    working_file_id = to_id(working_file, "working file")
    return put(f"actions/working-files/{working_file_id}/modified", {}, then=row)


def upload_working_file(
    working_file: Ref,
    file_path: PathLike,
    progress_callback: Optional[ProgressCallback] = None,
) -> Call[dict[str, Any]]:
    """Store a local file as the content of a working file; returns the working file.

    Args:
        working_file: the working file (id or dict).
        file_path: the local file to send.
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Raises:
        MissingFileError: `file_path` is not an existing file (checked before sending).

    Calls: POST /data/working-files/{working_file_id}/file (multipart, field `file`)
    """
    check_progress(progress_callback)  # before any request
    working_file_id = to_id(working_file, "working file")
    path = local_file(file_path)
    return Upload(
        f"data/working-files/{working_file_id}/file",
        [("file", path)],
        progress_callback=progress_callback,
        then=row,
    )


def download_working_file(
    working_file: Ref,
    file_path: Optional[PathLike] = None,
    progress_callback: Optional[ProgressCallback] = None,
) -> Flow[str]:
    """Save the stored content of a working file; returns the absolute path written.

    Without `file_path` the file goes to the working file's own `path` (as gazu does): the
    folder must exist there. The file is written atomically.

    Args:
        working_file: the working file (id or dict).
        file_path: where to write the file: a file path in a folder that exists (written
            atomically).
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Raises:
        NotFoundError: no content was uploaded for this working file.
        MissingFileError: the target folder does not exist.

    Calls: GET /data/working-files/{working_file_id} (only without `file_path`), then
        GET /data/working-files/{working_file_id}/file
    """
    check_progress(progress_callback)  # before any request
    working_file_id = to_id(working_file, "working file")
    if file_path is None:
        found = yield from get_working_file(working_file_id)
        target = local_path(found.get("path"))
    else:
        target = local_path(file_path)
    path = f"data/working-files/{working_file_id}/file"
    return (yield from Download(path, target, progress_callback=progress_callback, then=str))
