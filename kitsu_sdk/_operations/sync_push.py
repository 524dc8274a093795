"""Copy a production from one Kitsu to another (gazu.sync's push functions).

Each function takes the source client and the target client, as gazu's do: it reads the source
with operations run by `client_source`, maps the source's ids of shared models (asset types,
task types, statuses, persons) to the target's with a pure function, and writes with operations
run by `client_target` (see `_operations/sync.py` for why these are plain functions and not
operations). Entities, tasks and links keep their ids and audit dates (`/import/kitsu/*`
upserts); comments are posted again on the target with their date, text, checklist,
attachments and previews.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Mapping
from typing import Any, Callable, Optional

from .._core import constants as C
from .._core.call import Call, PathLike
from .._core.errors import InvalidInputError
from .._core.refs import Ref, echo, to_id
from . import asset, casting, files, preview, shot
from . import comment as comment_ops
from . import task as task_ops
from .project import get_project
from .sync import (
    Runner,
    get_sync_asset_type_id_map,
    get_sync_person_id_map,
    get_sync_task_status_id_map,
    get_sync_task_type_id_map,
    import_entities,
    import_entity_links,
    import_tasks,
    runner,
)

__all__ = [
    "push_assets",
    "push_entity_links",
    "push_episodes",
    "push_project_entities",
    "push_sequences",
    "push_shots",
    "push_task_comment",
    "push_task_comments",
    "push_tasks",
    "push_tasks_comments",
]

logger = logging.getLogger(C.LOGGER_NAME)

Rows = list[dict[str, Any]]


def _clients(client_source: Any, client_target: Any) -> tuple[Runner, Runner]:
    return runner(client_source, "client_source"), runner(client_target, "client_target")


def _import(target: Runner, rows: Rows, importer: Callable[[Rows], Call[Rows]]) -> Rows:
    """Send rows to an import route; nothing to send, no request."""
    if not rows:
        return []
    imported: Rows = target.run(importer(rows))
    return imported


# -- entities ---------------------------------------------------------------------------------


def _assets_for_target(
    assets: Rows, asset_types: dict[str, str], task_types: dict[str, str], project_id: str
) -> Rows:
    """The source assets as the target stores them: its asset type, `ready_for` task type and
    project. An asset whose type the target lacks is left out (with a warning)."""
    out = []
    for row in assets:
        moved = dict(row)
        if moved.get("entity_type_id") not in asset_types:
            logger.warning(
                "sync: asset %s left out, the target has no asset type matching %s",
                moved.get("id"),
                moved.get("entity_type_id"),
            )
            continue
        moved["entity_type_id"] = asset_types[moved["entity_type_id"]]
        ready_for = moved.get("ready_for")
        if ready_for is not None:
            if ready_for not in task_types:
                logger.warning(
                    "sync: asset %s imported without ready_for, the target has no task type "
                    "matching %s",
                    moved.get("id"),
                    ready_for,
                )
            moved["ready_for"] = task_types.get(ready_for)
        moved["project_id"] = project_id
        out.append(moved)
    return out


def _in_project(rows: Any, project_id: str) -> Rows:
    return [{**row, "project_id": project_id} for row in rows]


def push_assets(
    project_source: Ref, project_target: Ref, client_source: Runner, client_target: Runner
) -> Rows:
    """Copy the assets of a project to a project of another Kitsu, keeping their ids and
    dates. Asset types and `ready_for` task types are matched by name; an asset whose type the
    target lacks is left out (logged).

    Args:
        project_source: the project on the source Kitsu (id or dict).
        project_target: the project on the target Kitsu (id or dict).
        client_source: the client of the Kitsu to copy from.
        client_target: the client of the Kitsu to copy to.

    Returns: the assets as the target saved them.
    Calls: GET /data/asset-types and /data/task-types on both clients,
        GET /data/projects/{project_id}/assets on the source, POST /import/kitsu/entities on
        the target.
    """
    source_id, target_id = to_id(project_source, "project"), to_id(project_target, "project")
    source, target = _clients(client_source, client_target)
    asset_types = get_sync_asset_type_id_map(source, target)
    task_types = get_sync_task_type_id_map(source, target)
    assets: Rows = [dict(row) for row in source.run(asset.all_assets_for_project(source_id))]
    mapped = _assets_for_target(assets, asset_types, task_types, target_id)
    return _import(target, mapped, import_entities)


def push_episodes(
    project_source: Ref, project_target: Ref, client_source: Runner, client_target: Runner
) -> Rows:
    """Copy the episodes of a project to a project of another Kitsu, keeping ids and dates.

    Args:
        project_source: the project on the source Kitsu (id or dict).
        project_target: the project on the target Kitsu (id or dict).
        client_source: the client of the Kitsu to copy from.
        client_target: the client of the Kitsu to copy to.

    Returns: the episodes as the target saved them.
    Calls: GET /data/projects/{project_id}/episodes on the source,
        POST /import/kitsu/entities on the target.
    """
    source_id, target_id = to_id(project_source, "project"), to_id(project_target, "project")
    source, target = _clients(client_source, client_target)
    episodes = source.run(shot.all_episodes_for_project(source_id))
    return _import(target, _in_project(episodes, target_id), import_entities)


def push_sequences(
    project_source: Ref, project_target: Ref, client_source: Runner, client_target: Runner
) -> Rows:
    """Copy the sequences of a project to a project of another Kitsu, keeping ids and dates
    (and their episode, which must be there: push the episodes first).

    Args:
        project_source: the project on the source Kitsu (id or dict).
        project_target: the project on the target Kitsu (id or dict).
        client_source: the client of the Kitsu to copy from.
        client_target: the client of the Kitsu to copy to.

    Returns: the sequences as the target saved them.
    Calls: GET /data/projects/{project_id}/sequences on the source,
        POST /import/kitsu/entities on the target.
    """
    source_id, target_id = to_id(project_source, "project"), to_id(project_target, "project")
    source, target = _clients(client_source, client_target)
    sequences = source.run(shot.all_sequences_for_project(source_id))
    return _import(target, _in_project(sequences, target_id), import_entities)


def push_shots(
    project_source: Ref, project_target: Ref, client_source: Runner, client_target: Runner
) -> Rows:
    """Copy the shots of a project to a project of another Kitsu, keeping ids and dates (and
    their sequence, which must be there: push the sequences first).

    Args:
        project_source: the project on the source Kitsu (id or dict).
        project_target: the project on the target Kitsu (id or dict).
        client_source: the client of the Kitsu to copy from.
        client_target: the client of the Kitsu to copy to.

    Returns: the shots as the target saved them.
    Calls: GET /data/projects/{project_id}/shots on the source,
        POST /import/kitsu/entities on the target.
    """
    source_id, target_id = to_id(project_source, "project"), to_id(project_target, "project")
    source, target = _clients(client_source, client_target)
    shots = source.run(shot.all_shots_for_project(source_id))
    return _import(target, _in_project(shots, target_id), import_entities)


def push_entity_links(
    project_source: Ref, project_target: Ref, client_source: Runner, client_target: Runner
) -> Rows:
    """Copy the entity links (casting, concepts) of a project to another Kitsu, keeping ids
    and dates. The linked entities must be there already (push them first).
    `project_target` is not used (a link belongs to its entities), as in gazu.

    Args:
        project_source: the project on the source Kitsu (id or dict).
        project_target: the project on the target Kitsu (id or dict).
        client_source: the client of the Kitsu to copy from.
        client_target: the client of the Kitsu to copy to.

    Returns: the links as the target saved them.
    Calls: GET /data/projects/{project_id}/entity-links on the source,
        POST /import/kitsu/entity-links on the target.
    """
    source_id = to_id(project_source, "project")
    source, target = _clients(client_source, client_target)
    answer = source.run(casting.all_entity_links_for_project(source_id))
    links: Rows = list(answer) if isinstance(answer, list) else list(answer.get("data") or [])
    return _import(target, links, import_entity_links)


def push_project_entities(
    project_source: Ref, project_target: Ref, client_source: Runner, client_target: Runner
) -> dict[str, Rows]:
    """Copy the assets, episodes (TV shows only), sequences, shots and entity links of a
    project to a project of another Kitsu, in that order, keeping ids and dates.

    `project_source` may be the project dict (its `production_type` is read) or an id (the
    project is fetched from the source first).

    Args:
        project_source: the project on the source Kitsu (id or dict).
        project_target: the project on the target Kitsu (id or dict).
        client_source: the client of the Kitsu to copy from.
        client_target: the client of the Kitsu to copy to.

    Returns: `{"assets", "episodes", "sequences", "shots", "entity_links"}`: what the target
        saved of each.
    Calls: GET /data/projects/{project_id} on the source (unless given the project dict), then
        those of push_assets, push_episodes, push_sequences, push_shots, push_entity_links.
    """
    source_id, target_id = to_id(project_source, "project"), to_id(project_target, "project")
    source, target = _clients(client_source, client_target)
    production_type = (
        project_source.get("production_type") if isinstance(project_source, Mapping) else None
    )
    if production_type is None:
        production_type = source.run(get_project(source_id))["production_type"]
    pushed = {"assets": push_assets(source_id, target_id, source, target)}
    pushed["episodes"] = (
        push_episodes(source_id, target_id, source, target) if production_type == "tvshow" else []
    )
    pushed["sequences"] = push_sequences(source_id, target_id, source, target)
    pushed["shots"] = push_shots(source_id, target_id, source, target)
    pushed["entity_links"] = push_entity_links(source_id, target_id, source, target)
    return pushed


# -- tasks ------------------------------------------------------------------------------------


def _tasks_for_target(
    tasks: Rows,
    task_types: dict[str, str],
    persons: dict[str, str],
    status_id: str,
    project_id: str,
) -> Rows:
    """The source tasks as the target stores them: its task type, persons and project, and
    the status given. A task whose type the target lacks is left out (with a warning); persons
    the target lacks are dropped from the assignees (an unknown assigner is logged)."""
    out = []
    for row in tasks:
        moved = dict(row)
        if moved.get("task_type_id") not in task_types:
            logger.warning(
                "sync: task %s left out, the target has no task type matching %s",
                moved.get("id"),
                moved.get("task_type_id"),
            )
            continue
        moved["task_type_id"] = task_types[moved["task_type_id"]]
        moved["task_status_id"] = status_id
        assigner = moved.get("assigner_id")
        if assigner is not None and assigner not in persons:
            logger.warning(
                "sync: task %s imported without assigner, the target has no person matching %s",
                moved.get("id"),
                assigner,
            )
        moved["assigner_id"] = persons.get(assigner) if assigner is not None else None
        moved["assignees"] = [persons[p] for p in moved.get("assignees") or [] if p in persons]
        moved["project_id"] = project_id
        out.append(moved)
    return out


def push_tasks(
    project_source: Ref,
    project_target: Ref,
    default_status: Ref,
    client_source: Runner,
    client_target: Runner,
) -> Rows:
    """Copy the tasks of a project to a project of another Kitsu, keeping their ids and dates,
    all at `default_status` (a status of the target; comments, pushed later, set the real
    ones). Task types are matched by name and persons by email; a task whose type the target
    lacks is left out, persons it lacks are dropped (logged).

    Args:
        project_source: the project on the source Kitsu (id or dict).
        project_target: the project on the target Kitsu (id or dict).
        default_status: the target's task status every task gets (id or dict); comments set the real
            ones.
        client_source: the client of the Kitsu to copy from.
        client_target: the client of the Kitsu to copy to.

    Returns: the tasks as the target saved them.
    Calls: GET /data/task-types and /data/persons on both clients,
        GET /data/projects/{project_id}/tasks on the source, POST /import/kitsu/tasks on the
        target.
    """
    source_id, target_id = to_id(project_source, "project"), to_id(project_target, "project")
    status_id = to_id(default_status, "task status")
    source, target = _clients(client_source, client_target)
    task_types = get_sync_task_type_id_map(source, target)
    persons = get_sync_person_id_map(source, target)
    tasks: Rows = [dict(row) for row in source.run(task_ops.all_tasks_for_project(source_id))]
    mapped = _tasks_for_target(tasks, task_types, persons, status_id, target_id)
    return _import(target, mapped, import_tasks)


# -- comments ---------------------------------------------------------------------------------


def push_tasks_comments(project_source: Ref, client_source: Runner, client_target: Runner) -> Rows:
    """Post again on the target every comment of every task of a project (the tasks must be
    there, with the same ids: push them first), oldest first, with their dates, attachments
    and previews. Statuses are matched by name and authors by email.

    Args:
        project_source: the project on the source Kitsu (id or dict).
        client_source: the client of the Kitsu to copy from.
        client_target: the client of the Kitsu to copy to.

    Returns: the source's tasks.
    Calls: GET /data/task-status and /data/persons on both clients,
        GET /data/projects/{project_id}/tasks on the source, then push_task_comments per task.
    """
    source_id = to_id(project_source, "project")
    source, target = _clients(client_source, client_target)
    statuses = get_sync_task_status_id_map(source, target)
    persons = get_sync_person_id_map(source, target)
    tasks: Rows = [dict(row) for row in source.run(task_ops.all_tasks_for_project(source_id))]
    for row in tasks:
        push_task_comments(statuses, persons, row, source, target)
    return tasks


def push_task_comments(
    task_status_map: dict[str, str],
    person_map: dict[str, str],
    task: Ref,
    client_source: Runner,
    client_target: Runner,
) -> Rows:
    """Post again on the target task (same id) every comment of the source task, oldest
    first (see push_task_comment).

    Args:
        task_status_map: source task status id -> target task status id.
        person_map: source person id -> target person id.
        task: the task (id or dict).
        client_source: the client of the Kitsu to copy from.
        client_target: the client of the Kitsu to copy to.

    Returns: the source comments that were posted (those whose status is in the map).
    Calls: GET /data/tasks/{task_id}/comments on the source, then push_task_comment each.
    """
    task_id = to_id(task, "task")
    source, target = _clients(client_source, client_target)
    comments = source.run(comment_ops.all_comments_for_task(task_id))
    pushed = []
    for row in reversed(comments):
        done = push_task_comment(task_status_map, person_map, task_id, dict(row), source, target)
        if done is not None:
            pushed.append(done)
    return pushed


def _safe_name(name: Any, fallback: str) -> str:
    """A file name from the server that cannot leave its folder."""
    text = str(name or "").replace("/", "_").replace("\\", "_").replace("\0", "_").strip()
    return fallback if text in ("", ".", "..") else text


def push_task_comment(
    task_status_map: dict[str, str],
    person_map: dict[str, str],
    task: Ref,
    comment: dict[str, Any],
    client_source: Runner,
    client_target: Runner,
    author_id: Optional[str] = None,
    tmp_path: Optional[str] = None,
) -> Optional[dict[str, Any]]:
    """Post one source comment again on the target task (same id): same text, checklist and
    date, the target's status matching its status, its author matched by email (or
    `author_id`), its attachments and previews downloaded from the source and uploaded to the
    target (with the previews' annotations).

    Args:
        task_status_map: source task status id -> target task status id (see
            get_sync_task_status_id_map).
        person_map: source person id -> target person id (see get_sync_person_id_map).
        task: the task (id or dict) the comment belongs to, on both instances.
        comment: the source comment, as all_comments_for_task lists it.
        author_id: the target person to post as; by default the mapped author (the target
            client's user when the author has no match: logged).
        tmp_path: a folder for the downloaded files (removed once uploaded); by default a
            temporary folder, removed at the end.
        client_source: the client of the Kitsu to copy from.
        client_target: the client of the Kitsu to copy to.

    Returns: the source comment, or None when the target has no status matching its status
        (nothing is posted: logged).
    Calls: GET /data/preview-files/{id} and the file downloads on the source,
        POST /actions/tasks/{task_id}/comment, add_preview and PUT /data/preview-files/{id}
        (annotations) on the target.
    """
    task_id = to_id(task, "task")
    if not isinstance(comment, Mapping):
        raise InvalidInputError(f"comment must be a comment dict, got {type(comment).__name__}")
    if author_id is not None:
        author_id = to_id(author_id, "person")
    if tmp_path is not None and not os.path.isdir(tmp_path):
        raise InvalidInputError(f"tmp_path must be an existing folder, got {echo(tmp_path)}")
    source, target = _clients(client_source, client_target)
    status = comment.get("task_status_id")
    if status not in task_status_map:
        logger.warning(
            "sync: comment %s not pushed, the target has no task status matching %s",
            comment.get("id"),
            status,
        )
        return None
    if author_id is None:
        author_id = person_map.get(comment.get("person_id") or "")
        if author_id is None:
            logger.warning(
                "sync: comment %s posted as the target client's user, the target has no "
                "person matching %s",
                comment.get("id"),
                comment.get("person_id"),
            )
    folder = tmp_path if tmp_path is not None else tempfile.mkdtemp(prefix="kitsu_sync_")
    written: list[str] = []
    try:
        attachments = _download_attachments(source, comment, folder, written)
        previews = _download_previews(source, comment, folder, written)
        posted = target.run(
            comment_ops.add_comment(
                task_id,
                task_status_map[status],
                comment=comment.get("text") or "",
                person=author_id,
                checklist=comment.get("checklist") or [],
                attachments=attachments,
                created_at=comment.get("created_at"),
            )
        )
        for path, annotations in previews:
            added = target.run(preview.add_preview(task_id, posted, path))
            if annotations:
                target.run(files.update_preview(added, {"annotations": annotations}))
    finally:
        _clean(folder, written, remove_folder=tmp_path is None)
    return dict(comment)


def _download_attachments(
    source: Runner, comment: Mapping[str, Any], folder: str, written: list[str]
) -> list[PathLike]:
    paths: list[PathLike] = []
    for index, item in enumerate(comment.get("attachment_files") or []):
        record = item if isinstance(item, Mapping) and item.get("name") else None
        if record is None:
            record = source.run(files.get_attachment_file(to_id(item, "attachment file")))
        path = _file_in(folder, f"attachment-{index}", _safe_name(record["name"], "attachment"))
        written.append(path)
        source.run(files.download_attachment_file(record, path))
        paths.append(path)
    return paths


def _download_previews(
    source: Runner, comment: Mapping[str, Any], folder: str, written: list[str]
) -> list[tuple[str, Any]]:
    found = []
    for index, item in enumerate(comment.get("previews") or []):
        record = source.run(files.get_preview_file(to_id(item, "preview file")))
        name, extension = record.get("original_name"), record.get("extension")
        if not name or not extension:
            logger.warning(
                "sync: preview %s not pushed, it has no original name or extension",
                record.get("id"),
            )
            continue
        path = _file_in(folder, f"preview-{index}", _safe_name(f"{name}.{extension}", "preview"))
        written.append(path)
        source.run(files.download_preview_file(record, path))
        found.append((path, record.get("annotations")))
    return found


def _file_in(folder: str, subfolder: str, name: str) -> str:
    """A path for a downloaded file, alone in its own subfolder: the upload keeps its name."""
    where = os.path.join(folder, subfolder)
    os.makedirs(where, exist_ok=True)
    return os.path.join(where, name)


def _clean(folder: str, written: list[str], remove_folder: bool) -> None:
    if remove_folder:
        shutil.rmtree(folder, ignore_errors=True)
        return
    for path in written:
        try:
            os.remove(path)
        except OSError:
            pass
        try:
            os.rmdir(os.path.dirname(path))
        except OSError:
            pass
