"""Comments on tasks (status changes, attachments, replies, batches) and their previews.

gazu keeps these in its `task` module; `kitsu_sdk.task` re-exports every name listed in __all__.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from typing import Any, Optional, Union

from .._core.call import Call, Flow, PathLike, ProgressCallback, delete, get, post, put
from .._core.errors import InvalidInputError, MissingFileError
from .._core.op_cache import cached
from .._core.refs import Ref, echo, to_id, to_optional_id
from ..types import Comment, PreviewFile
from . import raw
from .file_args import progress as check_progress
from .preview import (
    add_preview,
    check_preview_file,
    check_preview_source,
    check_revision,
    data_rows,
    set_main_preview,
    with_preview_file,
)

__all__ = [
    "acknowledge_comment",
    "add_attachment_files_to_comment",
    "add_comment",
    "add_tasks_batch_comments",
    "all_comments_for_project",
    "all_comments_for_task",
    "batch_comments",
    "create_multiple_comments",
    "delete_comment_attachment",
    "delete_comment_reply",
    "get_comment",
    "get_last_comment_for_task",
    "move_comment_to_task",
    "publish_preview",
    "remove_comment",
    "reply_to_comment",
    "update_comment",
]

# Zou's batch route gives comment i the files whose field name *contains* "attachment_file-{i}"
# (or "preview_file-{i}"), so comment 1 also gets the files of comments 10-19. Batches with files
# are sent ten comments at a time, where no index is a prefix of another.
_FILES_PER_REQUEST_LIMIT = 10


# -- input checks --------------------------------------------------------------------------------


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise InvalidInputError(f"{what} must be a string, got {type(value).__name__}")
    return value


def _list(value: Any, what: str) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise InvalidInputError(f"{what} must be a list, got {type(value).__name__}")
    return list(value)


def _files(paths: Any, what: str = "attachment") -> list[str]:
    """Local paths that exist (one path or a list); MissingFileError before any request."""
    if paths is None:
        return []
    items = [paths] if isinstance(paths, (str, os.PathLike)) else _list(paths, f"{what}s")
    out = []
    for item in items:
        if not isinstance(item, (str, os.PathLike)):
            raise InvalidInputError(f"an {what} must be a file path, got {type(item).__name__}")
        path = os.fspath(item)
        if not os.path.isfile(path):
            raise MissingFileError(f"no such {what} file: {echo(path, 300)}")
        out.append(path)
    return out


def _comment_body(
    task_status: Ref,
    comment: Any,
    person: Optional[Ref],
    checklist: Any,
    created_at: Any,
    links: Any,
    for_client: bool,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "task_status_id": to_id(task_status, "task status"),
        "comment": _text(comment, "comment"),
        "checklist": _list(checklist, "checklist"),
        "links": _list(links, "links"),
        "for_client": bool(for_client),
    }
    person_id = to_optional_id(person, "person")
    if person_id is not None:
        body["person_id"] = person_id
    if created_at is not None:
        body["created_at"] = _text(created_at, "created_at")
    return body


# -- comments ------------------------------------------------------------------------------------


def _first_row(body: Any) -> Optional[Any]:
    found = data_rows(body)
    return found[0] if found else None


def add_comment(
    task: Ref,
    task_status: Ref,
    comment: str = "",
    person: Optional[Ref] = None,
    checklist: Optional[list[dict[str, Any]]] = None,
    attachments: Optional[list[PathLike]] = None,
    created_at: Optional[str] = None,
    links: Optional[list[str]] = None,
    for_client: bool = False,
    progress_callback: Optional[ProgressCallback] = None,
) -> Call[Comment]:
    """Comment on a task and set its status (the text may be empty); returns the comment.

    Args:
        task: the task (id or dict).
        task_status: the status the task takes (id or dict).
        comment: the text.
        person: the author; Zou honours it for managers only (others post as themselves).
        checklist: items such as `{"text": "Fix the hands", "checked": False}`.
        attachments: local file paths, sent in the same request (multipart).
        created_at: the comment date, `"YYYY-MM-DDTHH:MM:SS"` (managers only).
        links: URLs shown with the comment.
        for_client: show the comment to clients (managers only).
        progress_callback: `(bytes_sent, total)` while attachments upload.

    Calls: POST /actions/tasks/{task_id}/comment
    """
    check_progress(progress_callback)  # before any request
    task_id = to_id(task, "task")
    body = _comment_body(task_status, comment, person, checklist, created_at, links, for_client)
    files = _files(attachments)
    route = f"actions/tasks/{task_id}/comment"
    if not files:
        return post(route, body)
    # Multipart fields are strings: Zou decodes checklist and links as JSON.
    form = dict(body)
    form["checklist"] = json.dumps(body["checklist"])
    form["links"] = json.dumps(body["links"])
    form["for_client"] = "true" if for_client else "false"
    return raw.upload(
        route, files[0], data=form, extra_files=files[1:], progress_callback=progress_callback
    )


def get_comment(comment_id: Ref) -> Call[Comment]:
    """One comment, with its previews, attachments, mentions and acknowledgements.

    Args:
        comment_id: the comment's id (a dict or object with an `id` works too).

    Calls: GET /data/comments/{comment_id}
    """
    comment_id = to_id(comment_id, "comment")
    return get(f"data/comments/{comment_id}")


def update_comment(comment: Mapping[str, Any]) -> Call[Comment]:
    """Save the fields of a comment dict (text, checklist, pinned, data…); returns the comment.

    Send only what changes, or a whole dict from get_comment: Zou ignores what it does not store.
    `data` is replaced, not merged.

    Args:
        comment: the comment dict, with its `id` and the fields to save.

    Calls: PUT /data/comments/{comment_id}
    """
    if not isinstance(comment, Mapping):
        raise InvalidInputError(
            "update_comment needs the comment dict (with 'id' and the fields to save), "
            f"got {type(comment).__name__}"
        )
    comment_id = to_id(comment, "comment")
    return put(f"data/comments/{comment_id}", dict(comment))


def remove_comment(comment: Ref) -> Call[str]:
    """Delete a comment with its previews, news and notifications (the task status is restored).

    Args:
        comment: the comment (id or dict).

    Calls: DELETE /data/comments/{comment_id}
    """
    comment_id = to_id(comment, "comment")
    return delete(f"data/comments/{comment_id}")


@cached("comment", "task")
def all_comments_for_task(task: Ref) -> Call[list[Comment]]:
    """The comments of a task, newest first.

    Args:
        task: the task (id or dict).

    Calls: GET /data/tasks/{task_id}/comments
    """
    task_id = to_id(task, "task")
    return get(f"data/tasks/{task_id}/comments", then=data_rows)


@cached("comment", "task")
def get_last_comment_for_task(task: Ref) -> Call[Optional[Comment]]:
    """The newest comment of a task, or None.

    Args:
        task: the task (id or dict).

    Calls: GET /data/tasks/{task_id}/comments
    """
    task_id = to_id(task, "task")
    return get(f"data/tasks/{task_id}/comments", then=_first_row)


@cached("comment", "project")
def all_comments_for_project(project: Ref) -> Call[list[Comment]]:
    """Every comment of a project, last updated first (not for clients and vendors).

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/comments
    """
    project_id = to_id(project, "project")
    return get(f"data/projects/{project_id}/comments", then=data_rows)


def acknowledge_comment(task: Ref, comment: Ref) -> Call[Comment]:
    """Acknowledge a comment as the current user, or withdraw the acknowledgement (a toggle).

    Args:
        task: the task (id or dict).
        comment: the comment (id or dict).

    Calls: POST /data/tasks/{task_id}/comments/{comment_id}/ack
    """
    task_id = to_id(task, "task")
    comment_id = to_id(comment, "comment")
    return post(f"data/tasks/{task_id}/comments/{comment_id}/ack", {})


def reply_to_comment(
    task: Ref,
    comment: Ref,
    text: str,
    person: Optional[Ref] = None,
) -> Call[dict[str, Any]]:
    """Reply to a comment; returns the reply (`id`, `text`, `person_id`, `date`...).

    Zou 1.0.97 writes the reply as the logged-in user: `person` is sent but not honoured.

    Args:
        task: the task (id or dict).
        comment: the comment (id or dict).
        text: the reply's text.
        person: the author (id or dict); None: the current user.

    Calls: POST /data/tasks/{task_id}/comments/{comment_id}/reply
    """
    task_id = to_id(task, "task")
    comment_id = to_id(comment, "comment")
    body: dict[str, Any] = {"text": _text(text, "reply text")}
    person_id = to_optional_id(person, "person")
    if person_id is not None:
        body["person_id"] = person_id
    return post(f"data/tasks/{task_id}/comments/{comment_id}/reply", body)


def delete_comment_reply(task: Ref, comment: Ref, reply: Ref) -> Call[str]:
    """Delete a reply (its author, or an admin); returns the comment without it.

    Args:
        task: the task (id or dict).
        comment: the comment (id or dict).
        reply: the reply (a reply dict or its id), id or dict.

    Calls: DELETE /data/tasks/{task_id}/comments/{comment_id}/reply/{reply_id}
    """
    task_id = to_id(task, "task")
    comment_id = to_id(comment, "comment")
    reply_id = to_id(reply, "reply")
    return delete(f"data/tasks/{task_id}/comments/{comment_id}/reply/{reply_id}")


def add_attachment_files_to_comment(
    task: Ref,
    comment: Ref,
    attachments: Union[PathLike, list[PathLike], None] = None,
    progress_callback: Optional[ProgressCallback] = None,
) -> Call[list[dict[str, Any]]]:
    """Attach local files to a comment; returns the comment's attachment files.

    Args:
        task: the task (id or dict).
        comment: the comment (id or dict).
        attachments: local file paths to attach, sent in the same request (multipart).
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: POST /actions/tasks/{task_id}/comments/{comment_id}/add-attachment
    """
    check_progress(progress_callback)  # before any request
    task_id = to_id(task, "task")
    comment_id = to_id(comment, "comment")
    files = _files(attachments)
    if not files:
        raise InvalidInputError("add_attachment_files_to_comment needs at least one file")
    return raw.upload(
        f"actions/tasks/{task_id}/comments/{comment_id}/add-attachment",
        files[0],
        extra_files=files[1:],
        progress_callback=progress_callback,
    )


def delete_comment_attachment(task: Ref, comment: Ref, attachment_file: Ref) -> Call[str]:
    """Delete an attachment of a comment (its author, or a manager of the project).

    Args:
        task: the task (id or dict).
        comment: the comment (id or dict).
        attachment_file: the attachment file (comment attachment), id or dict.

    Calls: DELETE /data/tasks/{task_id}/comments/{comment_id}/attachments/{attachment_file_id}
    """
    task_id = to_id(task, "task")
    comment_id = to_id(comment, "comment")
    attachment_id = to_id(attachment_file, "attachment file")
    return delete(f"data/tasks/{task_id}/comments/{comment_id}/attachments/{attachment_id}")


def move_comment_to_task(task: Ref, comment: Ref, target_task: Ref) -> Call[Comment]:
    """Move a comment to another task of the same entity (managers); returns the moved comment.

    Args:
        task: the task (id or dict).
        comment: the comment (id or dict).
        target_task: the task to move the comment to (id or dict).

    Calls: POST /actions/tasks/{task_id}/comments/{comment_id}/move
    """
    task_id = to_id(task, "task")
    comment_id = to_id(comment, "comment")
    target_id = to_id(target_task, "target task")
    return post(
        f"actions/tasks/{task_id}/comments/{comment_id}/move", {"target_task_id": target_id}
    )


# -- several comments at once --------------------------------------------------------------------


def _entry_task_id(entry: Mapping[str, Any], index: int) -> str:
    for key in ("task_id", "object_id"):
        if entry.get(key) is not None:
            return to_id(entry[key], "task")
    raise InvalidInputError(f"comment {index} has no task_id")


def _entry(entry: Any, index: int) -> dict[str, Any]:
    if not isinstance(entry, Mapping):
        raise InvalidInputError(f"comment {index} must be a dict, got {type(entry).__name__}")
    if entry.get("task_status_id") is None:
        raise InvalidInputError(f"comment {index} has no task_status_id")
    out = dict(entry)
    out["task_status_id"] = to_id(entry["task_status_id"], "task status")
    if entry.get("person_id") is not None:
        out["person_id"] = to_id(entry["person_id"], "person")
    return out


def create_multiple_comments(
    project: Ref,
    comments: Optional[list[dict[str, Any]]] = None,
    progress_callback: Optional[ProgressCallback] = None,
) -> Flow[list[Comment]]:
    """Post comments on several tasks of a project as the current user; returns them.

    Each dict needs `task_id` (or `object_id`) and `task_status_id`; the text is `comment` (or
    `text`), `links` is optional. Zou 1.0.97's route takes JSON only: comments with
    `attachment_files` or `preview_files` are refused here (use batch_comments), and
    `progress_callback` is unused.

    Args:
        project: the project (id or dict).
        comments: one dict per comment: `task_id` (or `object_id`), `task_status_id`, the text as
            `comment` (or `text`), optionally `links`; no files.
        progress_callback: gazu's parameter, unused (this route takes no files).

    Calls: POST /actions/projects/{project_id}/tasks/comment-many
    """
    check_progress(progress_callback)  # before any request
    project_id = to_id(project, "project")
    body = []
    for index, given in enumerate(_list(comments, "comments")):
        entry = _entry(given, index)
        if entry.get("attachment_files") or entry.get("preview_files"):
            raise InvalidInputError(
                f"comment {index}: Zou's comment-many route takes no files; use batch_comments"
            )
        text = entry.get("comment", entry.get("text", ""))
        body.append(
            {
                "object_id": _entry_task_id(entry, index),
                "task_status_id": entry["task_status_id"],
                "comment": _text("" if text is None else text, f"comment {index} text"),
                "links": _list(entry.get("links"), f"comment {index} links"),
            }
        )
    if not body:
        return []
    created: list[Comment] = yield from post(
        f"actions/projects/{project_id}/tasks/comment-many", body
    )
    return created


def batch_comments(
    comments: Optional[list[dict[str, Any]]] = None,
    task: Optional[Ref] = None,
    progress_callback: Optional[ProgressCallback] = None,
) -> Flow[list[Comment]]:
    """Post comments with their attachments and previews; returns them (with `preview_files`).

    Each dict has `task_status_id`, `text`, and optionally `checklist`, `links`, `person_id`,
    `created_at`, `attachment_files` and `preview_files` (local paths); `task_id` too when no
    `task` is given. Files and preview types are checked before sending. Comments with files go
    ten per request (Zou mixes up the files of comment 1 and comment 10 in one request).

    Args:
        comments: one dict per comment: `task_status_id`, `text`, optionally `checklist`, `links`,
            `person_id`, `created_at`, `attachment_files` and `preview_files` (local paths);
            `task_id` when no `task` is given.
        task: the task of every comment (id or dict); None: each names its `task_id`.
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: POST /actions/tasks/{task_id}/batch-comment or POST /actions/tasks/batch-comment
    """
    check_progress(progress_callback)  # before any request
    task_id = to_optional_id(task, "task")
    entries: list[dict[str, Any]] = []
    files: list[tuple[list[str], list[str]]] = []
    for index, given in enumerate(_list(comments, "comments")):
        entry = _entry(given, index)
        if task_id is None:
            entry["task_id"] = _entry_task_id(entry, index)
        entry["text"] = _text(entry.get("text", entry.pop("comment", "")), f"comment {index} text")
        attachments = _files(entry.pop("attachment_files", None))
        previews = _list(entry.pop("preview_files", None), f"comment {index} preview_files")
        previews = [check_preview_file(p) for p in previews]
        entries.append(entry)
        files.append((attachments, previews))
    if not entries:
        return []
    route = f"actions/tasks/{task_id}/batch-comment" if task_id else "actions/tasks/batch-comment"
    if not any(a or p for a, p in files):
        every: list[Comment] = yield from post(route, {"comments": entries})
        return every
    created: list[Comment] = []
    for start in range(0, len(entries), _FILES_PER_REQUEST_LIMIT):
        stop = start + _FILES_PER_REQUEST_LIMIT
        parts = {}
        for i, (attachments, previews) in enumerate(files[start:stop]):
            parts.update({f"attachment_file-{i}-{j}": p for j, p in enumerate(attachments)})
            parts.update({f"preview_file-{i}-{j}": p for j, p in enumerate(previews)})
        form = {"comments": json.dumps(entries[start:stop])}
        if parts:
            answer = yield from raw.upload(
                route, data=form, files=parts, progress_callback=progress_callback
            )
        else:
            answer = yield from post(route, {"comments": entries[start:stop]})
        created.extend(answer)
    return created


def add_tasks_batch_comments(
    tasks: list[Ref], comments_data: Mapping[str, Any]
) -> Flow[list[Comment]]:
    """Post the same comment on several tasks in one request; returns the comments.

    `comments_data` has `task_status_id` and `text`, and optionally `person_id`, `checklist`,
    `links`, `created_at`.

    Args:
        tasks: the tasks to comment on (each an id or a dict).
        comments_data: the comment: `task_status_id` and `text`, optionally `person_id`,
            `checklist`, `links`, `created_at`.

    Calls: POST /actions/tasks/batch-comment
    """
    task_ids = [to_id(t, "task") for t in _list(tasks, "tasks")]
    entry = _entry(comments_data, 0)
    entry["text"] = _text(entry.get("text", entry.pop("comment", "")), "comment text")
    if not task_ids:
        return []
    body = {"comments": [{**entry, "task_id": task_id} for task_id in task_ids]}
    created: list[Comment] = yield from post("actions/tasks/batch-comment", body)
    return created


# -- comment + preview ---------------------------------------------------------------------------


def publish_preview(
    task: Ref,
    task_status: Ref,
    comment: str = "",
    person: Optional[Ref] = None,
    checklist: Optional[list[dict[str, Any]]] = None,
    attachments: Optional[list[PathLike]] = None,
    created_at: Optional[str] = None,
    preview_file_path: Optional[PathLike] = None,
    preview_file_url: Optional[str] = None,
    normalize_movie: bool = True,
    revision: Optional[int] = None,
    set_thumbnail: bool = False,
    links: Optional[list[str]] = None,
    progress_callback: Optional[ProgressCallback] = None,
) -> Flow[tuple[Comment, PreviewFile]]:
    """Comment on a task with a preview, optionally made the entity's thumbnail.

    Returns `(comment, preview_file)`. Every input (ids, files, the preview's type, the URL,
    which is downloaded first) is checked before the comment is created. `progress_callback`
    follows the preview upload.

    If the preview upload fails, the comment stays (with its status change and attachments) and
    the error is raised; the empty preview record is removed as add_preview describes. If
    set_main_preview fails, the comment and the ready preview stay.

    Args:
        task: the task (id or dict).
        task_status: the status the task takes (id or dict).
        comment: the comment's text (may be empty).
        person: the author; Zou honours it for managers only.
        checklist: checklist items such as `{"text": "Fix the hands", "checked": False}`.
        attachments: local file paths to attach, sent in the same request (multipart).
        created_at: the comment's date, `"YYYY-MM-DDTHH:MM:SS"` (managers only).
        preview_file_path: a local file to add as a preview (picture, movie or other file).
        preview_file_url: a URL to download the preview from instead of a local file.
        normalize_movie: let Zou normalize an uploaded movie (re-encode to its preview format).
        revision: the preview's revision number; None: the comment's revision or the task's next
            one.
        set_thumbnail: make the preview the entity's thumbnail.
        links: URLs shown with the comment.
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: POST /actions/tasks/{task_id}/comment,
        POST /actions/tasks/{task_id}/comments/{comment_id}/add-preview,
        POST /pictures/preview-files/{preview_file_id},
        PUT /actions/preview-files/{preview_file_id}/set-main-preview (with set_thumbnail)
    """
    check_progress(progress_callback)  # before any request
    task_id = to_id(task, "task")
    _comment_body(task_status, comment, person, checklist, created_at, links, False)
    _files(attachments)
    check_revision(revision)
    source = check_preview_source(preview_file_path, preview_file_url)

    def use(path: str) -> Flow[tuple[Comment, PreviewFile]]:
        new_comment = yield from add_comment(
            task_id, task_status, comment, person, checklist, attachments, created_at, links
        )
        preview_file = yield from add_preview(
            task_id,
            new_comment,
            preview_file_path=path,
            normalize_movie=normalize_movie,
            revision=revision,
            progress_callback=progress_callback,
        )
        return new_comment, preview_file

    new_comment, preview_file = yield from with_preview_file(source, use)
    if set_thumbnail:
        yield from set_main_preview(preview_file)
    return new_comment, preview_file
