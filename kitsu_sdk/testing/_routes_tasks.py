"""FakeKitsu's tasks: creation (one, many per entity), lists per entity / project / person / user,
assignments, comments with status changes (events as Zou emits them), replies, acknowledgements,
time spents, and the project's task types and statuses.

Shapes and rules read on Zou 1.0.97 (crud/task.py, comments_service.create_comment and
_manage_status_change, permissions_service.check_task_action_access / check_time_spent_access).
"""

from __future__ import annotations

import itertools
import json
import mimetypes
from collections.abc import Mapping
from typing import Any, Optional

from ._fake import (
    Request,
    Response,
    Row,
    UploadedFile,
    abort,
    abort_with,
    bytes_response,
    forbidden,
    is_uuid,
    json_response,
    not_found,
    now,
    route,
    unsupported,
)
from ._routes_crud import list_rows, serialize

#: Entity types that are not asset types (the rest are asset types, as in Zou).
TEMPORAL_TYPES = ("Episode", "Sequence", "Shot", "Edit", "Scene", "Concept")
_SEQ = itertools.count()


# -- shared helpers (other domain modules import these) ------------------------------------------


def public(row: Mapping[str, Any]) -> Row:
    """A copy of a row without the fake's private columns (those starting with "_")."""
    return {k: v for k, v in row.items() if not k.startswith("_")}


def order_key(row: Mapping[str, Any]) -> tuple[str, int]:
    """Creation order: the timestamp (to the second, as Zou shows it), then insertion."""
    return (str(row.get("created_at") or ""), int(row.get("_seq") or 0))


def stamp() -> dict[str, Any]:
    """Private columns every row created here carries (the insertion order)."""
    return {"_seq": next(_SEQ)}


def entity_type_name(req: Request, entity: Mapping[str, Any]) -> str:
    kind = req.store.get("entity-types", entity.get("entity_type_id"))
    return str((kind or {}).get("name") or "")


def is_asset(req: Request, entity: Mapping[str, Any]) -> bool:
    return entity_type_name(req, entity) not in TEMPORAL_TYPES


def require_entity(req: Request, entity_id: str, kind: Optional[str] = None) -> Row:
    """The entity with this id (of this type name when given: "Shot", "Asset"...), else 404."""
    entity = req.store.require("entities", entity_id)
    if kind is not None:
        name = entity_type_name(req, entity)
        if (kind == "Asset" and name in TEMPORAL_TYPES) or (kind != "Asset" and name != kind):
            raise abort(404, f"{kind} not found", data=None)
    return entity


def require_task(req: Request, task_id: Any) -> Row:
    return req.store.require("tasks", task_id)


def check_task_read(req: Request, task: Mapping[str, Any]) -> None:
    """Zou's check_task_access: admin, or the project's team (vendors: assigned only)."""
    if req.is_admin:
        return
    if not req.in_team(task.get("project_id")):
        raise forbidden()
    if req.role == "vendor" and (req.user or {}).get("id") not in task.get("assignees", []):
        raise forbidden()


def check_task_action(req: Request, task: Mapping[str, Any]) -> None:
    """Zou's check_task_action_access: admin; in the team: manager and client, the assignees,
    a supervisor of the task type's department, the entity's creator."""
    if req.is_admin:
        return
    user = req.user or {}
    if req.in_team(task.get("project_id")):
        if req.role in ("manager", "client"):
            return
        if user.get("id") in task.get("assignees", []):
            return
        if req.role == "supervisor":
            departments = user.get("departments") or []
            task_type = req.store.get("task-types", task.get("task_type_id")) or {}
            if not departments or task_type.get("department_id") in departments:
                return
        entity = req.store.get("entities", task.get("entity_id")) or {}
        if entity.get("created_by") == user.get("id"):
            return
    raise forbidden()


def check_manager_of(req: Request, project_id: Optional[str]) -> None:
    """Zou's check_manager_project_access: admin, or a manager in the team."""
    if req.is_admin or (req.role == "manager" and req.in_team(project_id)):
        return
    raise forbidden()


def small_person(person: Optional[Mapping[str, Any]]) -> Optional[Row]:
    if person is None:
        return None
    return {
        "id": person["id"],
        "first_name": person.get("first_name"),
        "last_name": person.get("last_name"),
        "full_name": person.get("full_name"),
        "has_avatar": person.get("has_avatar", False),
        "role": person.get("role"),
    }


def task_row(data: Mapping[str, Any]) -> Row:
    """A task with Zou's columns and defaults."""
    row: Row = {
        "name": "main",
        "description": None,
        "priority": 0,
        "difficulty": 3,
        "duration": 0.0,
        "estimation": 0.0,
        "completion_rate": 0,
        "retake_count": 0,
        "sort_order": 0,
        "start_date": None,
        "due_date": None,
        "real_start_date": None,
        "end_date": None,
        "done_date": None,
        "last_comment_date": None,
        "nb_assets_ready": 0,
        "data": None,
        "nb_drawings": 0,
        "shotgun_id": None,
        "last_preview_file_id": None,
        "project_id": None,
        "task_type_id": None,
        "task_status_id": None,
        "entity_id": None,
        "assigner_id": None,
        "assignees": [],
    }
    row.update(data)
    row.update(stamp())
    return row


def default_status_id(req: Request) -> Optional[str]:
    status = req.store.first("task-status", is_default=True, for_concept=False)
    return status["id"] if status else None


def parent_of(req: Request, entity: Mapping[str, Any]) -> Optional[Row]:
    return req.store.get("entities", entity.get("parent_id"))


def task_names(req: Request, task: Mapping[str, Any]) -> Row:
    """The task with the names Zou's entity task lists add."""
    project = req.store.get("projects", task.get("project_id")) or {}
    task_type = req.store.get("task-types", task.get("task_type_id")) or {}
    status = req.store.get("task-status", task.get("task_status_id")) or {}
    entity = req.store.get("entities", task.get("entity_id")) or {}
    row = public(task)
    row.pop("assignees", None)
    row.update(
        {
            "project_name": project.get("name"),
            "task_type_name": task_type.get("name"),
            "task_status_name": status.get("name"),
            "entity_type_name": entity_type_name(req, entity),
            "entity_name": entity.get("name"),
        }
    )
    return row


def person_task(req: Request, task: Mapping[str, Any]) -> Row:
    """A task as Zou's person / user task lists give it (names, colours, last comment)."""
    project = req.store.get("projects", task.get("project_id")) or {}
    task_type = req.store.get("task-types", task.get("task_type_id")) or {}
    status = req.store.get("task-status", task.get("task_status_id")) or {}
    entity = req.store.get("entities", task.get("entity_id")) or {}
    sequence: Row = {}
    episode: Row = {}
    if entity_type_name(req, entity) == "Shot":
        sequence = parent_of(req, entity) or {}
        episode = parent_of(req, sequence) or {}
    elif not is_asset(req, entity):
        episode = parent_of(req, entity) or {}
    elif entity.get("source_id"):
        episode = req.store.get("entities", entity.get("source_id")) or {}
    comments = _task_comments(req, task["id"])
    last = comments[0] if comments else None
    row = public(task)
    assignees = row.pop("assignees", [])
    row.update(
        {
            "project_name": project.get("name"),
            "project_has_avatar": project.get("has_avatar", False),
            "entity_name": entity.get("name"),
            "entity_description": entity.get("description"),
            "entity_data": entity.get("data"),
            "entity_preview_file_id": entity.get("preview_file_id") or "",
            "entity_source_id": entity.get("source_id") or "",
            "entity_type_name": entity_type_name(req, entity),
            "entity_canceled": entity.get("canceled", False),
            "sequence_name": sequence.get("name"),
            "episode_id": episode.get("id"),
            "episode_name": episode.get("name"),
            "task_type_for_entity": task_type.get("for_entity"),
            "task_estimation": task.get("estimation"),
            "task_duration": task.get("duration"),
            "task_start_date": task.get("start_date"),
            "task_due_date": task.get("due_date"),
            "task_type_name": task_type.get("name"),
            "task_status_name": status.get("name"),
            "task_type_color": task_type.get("color"),
            "task_status_color": status.get("color"),
            "task_status_short_name": status.get("short_name"),
            "assignees": list(assignees),
            "last_comment": (
                {
                    "text": last["text"],
                    "date": last["created_at"],
                    "person_id": last["person_id"],
                }
                if last
                else {}
            ),
        }
    )
    return row


def full_task(req: Request, task: Mapping[str, Any]) -> Row:
    """`data/tasks/<id>/full`: the task with its entity, type, status, project and people."""
    entity = req.store.get("entities", task.get("entity_id")) or {}
    row = public(task)
    kind = req.store.get("entity-types", entity.get("entity_type_id"))
    sequence: Optional[Row] = None
    episode: Optional[Row] = None
    if entity and entity_type_name(req, entity) == "Shot":
        sequence = parent_of(req, entity)
        episode = parent_of(req, sequence) if sequence else None
    elif entity and entity_type_name(req, entity) == "Sequence":
        episode = parent_of(req, entity)
    assigner = req.store.get("persons", task.get("assigner_id"))
    row.update(
        {
            "entity": _plain(entity, "Entity") if entity else None,
            "entity_type": _plain(kind, "EntityType", drop=("task_types",)) if kind else None,
            "is_subscribed": bool(
                req.store.first(
                    "subscriptions", task_id=task["id"], person_id=(req.user or {}).get("id")
                )
            ),
            "persons": [
                public(p)
                for p in (req.store.get("persons", pid) for pid in task.get("assignees", []))
                if p
            ],
            "project": serialize("projects", req.store.require("projects", task["project_id"])),
            "task_status": public(req.store.require("task-status", task["task_status_id"])),
            "task_type": public(req.store.require("task-types", task["task_type_id"])),
            "sequence": _plain(sequence, "Entity") if sequence else None,
            "episode": _plain(episode, "Entity") if episode else None,
        }
    )
    if assigner:
        row["assigner"] = public(assigner)
    return row


def _plain(row: Optional[Mapping[str, Any]], type_name: str, drop: tuple[str, ...] = ()) -> Row:
    hidden = {"entities_out", "entities_in", "instance_casting", "entity_concept_links", *drop}
    out = {k: v for k, v in (row or {}).items() if k not in hidden and not k.startswith("_")}
    out["type"] = type_name
    return out


def emit_task(req: Request, name: str, task: Mapping[str, Any], **extra: Any) -> None:
    req.emit(name, {"task_id": task["id"], **extra}, project_id=task.get("project_id"))


def create_task(req: Request, data: Mapping[str, Any]) -> Row:
    """Insert a task (400 "Task already exists." for the same entity, type and name)."""
    entity = req.store.require("entities", data.get("entity_id"))
    task_type = req.store.require("task-types", data.get("task_type_id"))
    kind = entity_type_name(req, entity)
    for_entity = task_type.get("for_entity")
    if (for_entity == "Asset" and kind in TEMPORAL_TYPES) or (
        for_entity != "Asset" and for_entity != kind
    ):
        raise abort_with(400, {"message": "Task type of the task does not match entity type."})
    name = data.get("name") or "main"
    for other in req.store.find("tasks", entity_id=entity["id"], task_type_id=task_type["id"]):
        if other.get("name") == name:
            raise abort_with(400, {"message": "Task already exists."})
    assignees = list(data.get("assignees") or [])
    for person_id in assignees:
        req.store.require("persons", person_id)
    columns = {k: v for k, v in data.items() if k not in ("id", "created_at", "updated_at")}
    columns.update(
        {
            "name": name,
            "project_id": data.get("project_id") or entity["project_id"],
            "task_status_id": data.get("task_status_id") or default_status_id(req),
            "assignees": assignees,
        }
    )
    task = req.store.insert("tasks", task_row(columns), type="Task")
    emit_task(req, "task:new", task)
    return task


def update_task(req: Request, task: Row, changes: Mapping[str, Any]) -> Row:
    """Zou's tasks_service.update_task: end/done dates follow the status, `task:update`."""
    status = req.store.get("task-status", changes.get("task_status_id"))
    extra: dict[str, Any] = {}
    if status is not None and status["id"] != task.get("task_status_id"):
        if status.get("is_feedback_request"):
            extra["end_date"] = now()
        if status.get("is_done"):
            extra["done_date"] = now()
    updated = req.store.update("tasks", task["id"], {**changes, **extra})
    emit_task(req, "task:update", updated)
    return updated


# -- task creation and lookups -----------------------------------------------------------------


@route("POST", "data/tasks")
def post_task(req: Request) -> Any:
    body = req.json()
    if not isinstance(body, dict):
        raise abort_with(400, {"message": "A JSON object is expected."})
    for key in ("task_type_id", "entity_id"):
        if not is_uuid(body.get(key)):
            raise abort_with(400, {"message": f"A valid {key} is required."})
    if "assignees" in body and not isinstance(body["assignees"], list):
        raise abort_with(400, {"message": "assignees must be a list."})
    task = create_task(req, body)
    return json_response(public(task), 201)


@route("GET", "data/persons/task-dates")
def not_modelled(req: Request) -> Any:
    """Zou's schedule dates: not modelled (a literal route, so it does not fall to an id one)."""
    raise unsupported(req)


def _open_tasks(req: Request) -> list[Row]:
    """Zou's todos_service.get_open_tasks: the tasks of open projects (done ones included),
    concepts' left out, ordered by project, episode, sequence, entity type, entity, task type."""
    tasks = [t for t in req.store.all("tasks") if _open(req, t)]
    tasks = [
        t
        for t in tasks
        if (req.store.get("task-types", t.get("task_type_id")) or {}).get("for_entity") != "Concept"
    ]
    if not req.is_admin:
        tasks = [t for t in tasks if req.in_team(t.get("project_id"))]
    return sorted(sorted(tasks, key=order_key), key=lambda t: _board_key(req, t))


def _board_key(req: Request, task: Mapping[str, Any]) -> tuple[tuple[bool, str], ...]:
    row = person_task(req, task)
    return tuple(  # PostgreSQL puts NULLs last
        (row.get(key) is None, str(row.get(key) or ""))
        for key in (
            "project_name", "episode_name", "sequence_name", "entity_type_name", "entity_name",
            "task_type_name",
        )
    )  # fmt: skip


@route("GET", "data/tasks/open-tasks")
def open_tasks(req: Request) -> Any:
    """Zou's open tasks board: the tasks of open projects, filtered, one page of 100."""
    tasks = _open_tasks(req)
    for column in ("project_id", "task_type_id", "task_status_id"):
        wanted = req.arg(column)
        if wanted:
            tasks = [t for t in tasks if t.get(column) == wanted]
    person_id = req.arg("person_id")
    if person_id:
        tasks = [t for t in tasks if person_id in t.get("assignees", [])]
    limit = int(req.arg("limit") or 100)
    page = int(req.arg("page") or 1)
    chosen = tasks[(page - 1) * limit : page * limit]
    rows = []
    for task in chosen:
        row = person_task(req, task)
        row.pop("last_comment", None)
        for old_key, new_key in (
            ("task_type_name", "type_name"),
            ("task_status_name", "status_name"),
            ("task_type_color", "type_color"),
            ("task_status_color", "status_color"),
            ("task_status_short_name", "status_short_name"),
        ):
            row[new_key] = row.pop(old_key)
        for key in ("task_estimation", "task_duration", "task_start_date", "task_due_date"):
            row.pop(key, None)
        rows.append(row)
    by_status: dict[str, int] = {}
    for task in tasks:
        by_status[task["task_status_id"]] = by_status.get(task["task_status_id"], 0) + 1
    return {
        "data": rows,
        "stats": {
            "total_duration": sum(float(t.get("duration") or 0) for t in tasks),
            "total_estimation": sum(float(t.get("estimation") or 0) for t in tasks),
            "total": len(tasks),
            "status": [{"task_status_id": k, "amount": v} for k, v in by_status.items()],
        },
        "limit": limit,
        "is_more": len(tasks) > page * limit,
        "page": page,
    }


@route("GET", "data/tasks/open-tasks/stats")
def open_tasks_stats(req: Request) -> Any:
    """Per open project: task counts and times, in total and per task type and status."""
    if not req.is_admin and req.role != "manager":
        raise forbidden()
    stats: dict[str, Row] = {}
    for task in req.store.all("tasks"):
        if not _open(req, task):
            continue
        if not req.is_admin and not req.in_team(task.get("project_id")):
            continue
        done = 1 if _done(req, task) else 0
        duration = float(task.get("duration") or 0)
        estimation = float(task.get("estimation") or 0)
        project = stats.setdefault(
            task["project_id"],
            {
                "amount": 0,
                "amount_done": 0,
                "total_duration": 0.0,
                "total_estimation": 0.0,
                "task_types": [],
            },
        )
        for target in (project, _stat_group(project, task)):
            target["amount"] += 1
            target["amount_done"] += done
            target["total_duration"] += duration
            target["total_estimation"] += estimation
    return stats


def _stat_group(project: Row, task: Mapping[str, Any]) -> Row:
    groups: list[Row] = project["task_types"]
    for group in groups:
        if (group["task_type_id"], group["task_status_id"]) == (
            task["task_type_id"],
            task["task_status_id"],
        ):
            return group
    group = {
        "task_status_id": task["task_status_id"],
        "task_type_id": task["task_type_id"],
        "project_id": task["project_id"],
        "amount": 0,
        "amount_done": 0,
        "total_duration": 0.0,
        "total_estimation": 0.0,
    }
    project["task_types"].append(group)
    return group


@route("GET", "data/tasks/<task_id>")
def get_task(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    check_task_read(req, task)
    return public(task)


@route("GET", "data/tasks/<task_id>/full")
def get_full_task(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    check_task_read(req, task)
    return full_task(req, task)


@route("PUT", "data/tasks/<task_id>")
def put_task(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    body = req.json()
    if not isinstance(body, dict):
        raise abort(400, "Data are empty.", data=None)
    check_task_action(req, task)
    changes = {k: v for k, v in body.items() if k not in ("assignees",)}
    if "assignees" in body and isinstance(body["assignees"], list):
        changes["assignees"] = [a["id"] if isinstance(a, dict) else a for a in body["assignees"]]
    for key in ("id", "created_at", "updated_at", "type", "project_id"):
        changes.pop(key, None)
    data = changes.pop("data", None)
    if isinstance(data, dict):
        changes["data"] = {**(task.get("data") or {}), **data}
    updated = update_task(req, task, changes)
    return public(updated)


@route("DELETE", "data/tasks/<task_id>")
def delete_task(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    check_manager_of(req, task.get("project_id"))
    remove_task(req, task)
    return Response(204, {"Content-Type": "text/html; charset=utf-8"}, b"")


def remove_task(req: Request, task: Row) -> None:
    """Zou's deletion_service.remove_task: the task, its comments, previews, files, time."""
    for table, column in (
        ("comments", "object_id"),
        ("preview-files", "task_id"),
        ("working-files", "task_id"),
        ("time-spents", "task_id"),
        ("subscriptions", "task_id"),
        ("notifications", "task_id"),
    ):
        for row in req.store.find(table, **{column: task["id"]}):
            req.store.delete(table, row["id"])
    req.store.delete("tasks", task["id"])
    req.emit(
        "task:delete",
        {
            "task_id": task["id"],
            "entity_id": task["entity_id"],
            "task_type_id": task["task_type_id"],
        },
        project_id=task.get("project_id"),
    )


@route("GET", "data/tasks")
def list_tasks(req: Request) -> Any:
    rows = req.store.all("tasks")
    episode_id = req.arg("episode_id")
    if episode_id is not None:
        if not is_uuid(episode_id):
            raise abort(400, f"Invalid UUID format for episode_id: {episode_id}")
        rows = [t for t in rows if _episode_of(req, t) == episode_id]
    rows = sorted(rows, key=order_key)
    query = {k: v for k, v in req.query.items() if k != "episode_id"}
    original = req.query
    req.query = query
    try:
        if req.role == "vendor":
            me = (req.user or {}).get("id")
            rows = [t for t in rows if me in t.get("assignees", [])]
        return list_rows(req, "tasks", [public(t) for t in rows])
    finally:
        req.query = original


def _episode_of(req: Request, task: Mapping[str, Any]) -> Optional[str]:
    entity = req.store.get("entities", task.get("entity_id")) or {}
    parent = parent_of(req, entity) or {}
    return parent.get("parent_id")


_COLLECTIONS = {
    "shots": "Shot",
    "assets": "Asset",
    "sequences": "Sequence",
    "episodes": "Episode",
    "scenes": "Scene",
    "edits": "Edit",
    "concepts": "Concept",
}


def _collection(req: Request) -> str:
    kind = _COLLECTIONS.get(req.params["collection"])
    if kind is None:
        raise unsupported(req)
    return kind


def _entity_tasks(req: Request, entity_ids: set[str]) -> list[Row]:
    tasks = [t for t in req.store.all("tasks") if t.get("entity_id") in entity_ids]
    return sorted(tasks, key=order_key)


def _names_list(req: Request, tasks: list[Row]) -> list[Row]:
    relations = req.flag("relations")
    out = []
    for task in tasks:
        row = task_names(req, task)
        if relations:
            row["assignees"] = list(task.get("assignees", []))
        out.append(row)
    return out


def _check_entity_read(req: Request, entity: Mapping[str, Any]) -> None:
    req.check_project_read(entity.get("project_id"))
    if req.role == "vendor":
        raise forbidden()


@route("GET", "data/<collection>/<entity_id>/tasks")
def entity_tasks(req: Request) -> Any:
    entity = require_entity(req, req.params["entity_id"], _collection(req))
    _check_entity_read(req, entity)
    return _names_list(req, _entity_tasks(req, {entity["id"]}))


def _children(req: Request, parent_ids: set[str], kind: str) -> list[Row]:
    return [
        e
        for e in req.store.all("entities")
        if e.get("parent_id") in parent_ids and entity_type_name(req, e) == kind
    ]


@route("GET", "data/<collection>/<entity_id>/shot-tasks")
def shot_tasks(req: Request) -> Any:
    kind = _collection(req)
    if kind not in ("Sequence", "Episode"):
        raise unsupported(req)
    entity = require_entity(req, req.params["entity_id"], kind)
    _check_entity_read(req, entity)
    parents = {entity["id"]}
    if kind == "Episode":
        parents = {s["id"] for s in _children(req, parents, "Sequence")}
    shots = {s["id"] for s in _children(req, parents, "Shot")}
    return _names_list(req, _entity_tasks(req, shots))


@route("GET", "data/episodes/<episode_id>/asset-tasks")
def episode_asset_tasks(req: Request) -> Any:
    episode = require_entity(req, req.params["episode_id"], "Episode")
    _check_entity_read(req, episode)
    assets = {
        e["id"]
        for e in req.store.find("entities", project_id=episode["project_id"])
        if is_asset(req, e) and e.get("source_id") == episode["id"]
    }
    for link in req.store.all("entity-links"):
        if link.get("entity_in_id") == episode["id"]:
            assets.add(link.get("entity_out_id"))
    return _names_list(req, _entity_tasks(req, assets))


def _task_types_of_tasks(req: Request, tasks: list[Row]) -> list[Row]:
    seen: dict[str, Row] = {}
    for task in tasks:
        task_type = req.store.get("task-types", task.get("task_type_id"))
        if task_type is not None:
            seen[task_type["id"]] = public(task_type)
    return sorted(seen.values(), key=lambda t: (t.get("priority") or 0, t.get("name") or ""))


@route("GET", "data/<collection>/<entity_id>/task-types")
def entity_task_types(req: Request) -> Any:
    kind = _collection(req)
    entity = require_entity(req, req.params["entity_id"], kind)
    _check_entity_read(req, entity)
    ids = {entity["id"]}
    if kind == "Sequence":  # Zou: the task types of the sequence's shots
        ids = {s["id"] for s in _children(req, ids, "Shot")}
    return _task_types_of_tasks(req, _entity_tasks(req, ids))


@route("GET", "data/entities/<entity_id>/task-types/<task_type_id>/tasks")
def entity_type_tasks(req: Request) -> Any:
    entity = req.store.require("entities", req.params["entity_id"])
    _check_entity_read(req, entity)
    task_type_id = req.params["task_type_id"]
    return [
        public(t)
        for t in _entity_tasks(req, {entity["id"]})
        if t.get("task_type_id") == task_type_id
    ]


@route("POST", "data/entities/<entity_id>/tasks")
def create_entity_tasks(req: Request) -> Any:
    entity = req.store.require("entities", req.params["entity_id"])
    req.check_project_read(entity.get("project_id"))
    check_manager_of(req, entity.get("project_id"))
    body = req.json()
    project = req.store.require("projects", entity["project_id"])
    wanted = list(body.get("task_type_ids") or []) if isinstance(body, dict) else []
    kind = entity_type_name(req, entity)
    for_entity = "Asset" if kind not in TEMPORAL_TYPES else kind
    if not wanted:
        wanted = [
            tid
            for tid in project.get("task_types", [])
            if (req.store.get("task-types", tid) or {}).get("for_entity") == for_entity
        ]
    made = []
    for task_type_id in wanted:
        req.store.require("task-types", task_type_id)
        if task_type_id not in project.get("task_types", []):
            raise abort_with(
                400,
                {"message": f"Task type {task_type_id} is not enabled in project {project['id']}."},
            )
        if req.store.first("tasks", entity_id=entity["id"], task_type_id=task_type_id):
            continue
        task = create_task(
            req,
            {"entity_id": entity["id"], "task_type_id": task_type_id, "name": "main"},
        )
        made.append(task_names(req, task))
    return json_response(made, 201)


@route("GET", "data/projects/<project_id>/tasks")
def project_tasks(req: Request) -> Any:
    project = req.store.require("projects", req.params["project_id"])
    req.check_project_read(project["id"])
    tasks = [t for t in req.store.find("tasks", project_id=project["id"])]
    task_type_id = req.arg("task_type_id")
    if task_type_id:
        tasks = [t for t in tasks if t.get("task_type_id") == task_type_id]
    episode_id = req.arg("episode_id")
    if episode_id:
        tasks = [t for t in tasks if _episode_of(req, t) == episode_id]
    return [public(t) for t in sorted(tasks, key=order_key)]


# -- persons' and the user's tasks -------------------------------------------------------------


def _open(req: Request, task: Mapping[str, Any]) -> bool:
    project = req.store.get("projects", task.get("project_id")) or {}
    status = req.store.get("project-status", project.get("project_status_id")) or {}
    return status.get("name") != "Closed"


def _done(req: Request, task: Mapping[str, Any]) -> bool:
    status = req.store.get("task-status", task.get("task_status_id")) or {}
    return bool(status.get("is_done"))


def _tasks_of_person(req: Request, person_id: str, done: bool) -> list[Row]:
    tasks = [
        t
        for t in req.store.all("tasks")
        if person_id in t.get("assignees", []) and _open(req, t) and _done(req, t) == done
    ]
    return [person_task(req, t) for t in sorted(tasks, key=order_key)]


def _check_person_read(req: Request, person_id: str) -> None:
    req.store.require("persons", person_id)
    if not (req.is_admin or req.role == "manager" or (req.user or {}).get("id") == person_id):
        raise forbidden()


@route("GET", "data/persons/<person_id>/tasks")
def person_tasks(req: Request) -> Any:
    _check_person_read(req, req.params["person_id"])
    return _tasks_of_person(req, req.params["person_id"], done=False)


@route("GET", "data/persons/<person_id>/done-tasks")
def person_done_tasks(req: Request) -> Any:
    _check_person_read(req, req.params["person_id"])
    return _tasks_of_person(req, req.params["person_id"], done=True)


@route("GET", "data/persons/<person_id>/related-tasks/<task_type_id>")
def person_related_tasks(req: Request) -> Any:
    person_id = req.params["person_id"]
    _check_person_read(req, person_id)
    task_type_id = req.params["task_type_id"]
    entities = {
        t["entity_id"] for t in req.store.all("tasks") if person_id in t.get("assignees", [])
    }
    tasks = [
        t
        for t in req.store.all("tasks")
        if t.get("entity_id") in entities and t.get("task_type_id") == task_type_id
    ]
    return [public(t) for t in sorted(tasks, key=order_key)]


def _me(req: Request) -> str:
    return str((req.user or {}).get("id"))


@route("GET", "data/user/tasks")
def user_tasks(req: Request) -> Any:
    return _tasks_of_person(req, _me(req), done=False)


@route("GET", "data/user/done-tasks")
def user_done_tasks(req: Request) -> Any:
    return _tasks_of_person(req, _me(req), done=True)


@route("GET", "data/user/tasks-to-check")
def user_tasks_to_check(req: Request) -> Any:
    if req.role not in ("admin", "manager", "supervisor"):
        return []
    tasks = []
    for task in req.store.all("tasks"):
        status = req.store.get("task-status", task.get("task_status_id")) or {}
        if status.get("is_feedback_request") and _open(req, task):
            if req.is_admin or req.in_team(task.get("project_id")):
                tasks.append(task)
    return [person_task(req, t) for t in sorted(tasks, key=order_key)]


def _user_entity_tasks(req: Request, kind: str) -> list[Row]:
    entity = require_entity(req, req.params["entity_id"], kind)
    me = _me(req)
    if not (req.is_admin or req.in_team(entity.get("project_id"))):
        raise forbidden()
    tasks = _entity_tasks(req, {entity["id"]})
    return [t for t in tasks if me in t.get("assignees", [])]


@route("GET", "data/user/<collection>/<entity_id>/tasks")
def user_entity_tasks(req: Request) -> Any:
    return [public(t) for t in _user_entity_tasks(req, _collection(req))]


@route("GET", "data/user/<collection>/<entity_id>/task-types")
def user_entity_task_types(req: Request) -> Any:
    return _task_types_of_tasks(req, _user_entity_tasks(req, _collection(req)))


# -- assignments --------------------------------------------------------------------------------


def _may_assign(req: Request, task: Mapping[str, Any]) -> bool:
    if req.is_admin:
        return True
    return req.role in ("manager", "supervisor") and req.in_team(task["project_id"])


@route("PUT", "actions/persons/<person_id>/assign")
def assign(req: Request) -> Any:
    person = req.store.require("persons", req.params["person_id"])
    body = req.json()
    task_ids = body.get("task_ids") if isinstance(body, dict) else None
    if not isinstance(task_ids, list):
        raise abort_with(400, {"message": "Missing required parameter: task_ids"})
    done = []
    for task_id in task_ids:
        task = req.store.get("tasks", task_id)
        if task is None:
            continue
        if not _may_assign(req, task):
            continue
        assignees = list(task.get("assignees", []))
        if person["id"] not in assignees:
            assignees.append(person["id"])
        updated = req.store.update(
            "tasks", task["id"], {"assignees": assignees, "assigner_id": _me(req)}
        )
        emit_task(req, "task:assign", updated, person_id=person["id"])
        if person["id"] != _me(req):
            notify(req, person["id"], "assignation", task)
        emit_task(req, "task:update", updated)
        done.append(public(updated))
    return done


@route("PUT", "actions/tasks/clear-assignation")
def clear_assignation(req: Request) -> Any:
    body = req.json()
    task_ids = body.get("task_ids") if isinstance(body, dict) else None
    if not isinstance(task_ids, list):
        raise abort_with(400, {"message": "Missing required parameter: task_ids"})
    person_id = body.get("person_id")
    cleared = []
    for task_id in task_ids:
        task = req.store.get("tasks", task_id)
        if task is None:
            continue
        if not _may_assign(req, task):
            continue
        before = list(task.get("assignees", []))
        after = [] if person_id is None else [p for p in before if p != person_id]
        req.store.update("tasks", task["id"], {"assignees": after})
        for gone in before:
            if gone not in after:
                emit_task(req, "task:unassign", task, person_id=gone)
        emit_task(req, "task:update", task)
        cleared.append(task["id"])
    return cleared


# -- comments -----------------------------------------------------------------------------------


def comment_row(data: Mapping[str, Any]) -> Row:
    row: Row = {
        "shotgun_id": None,
        "object_id": None,
        "object_type": "Task",
        "text": "",
        "data": None,
        "replies": [],
        "checklist": [],
        "pinned": None,
        "for_client": False,
        "links": [],
        "task_status_id": None,
        "person_id": None,
        "editor_id": None,
        "preview_file_id": None,
        "previews": [],
        "mentions": [],
        "department_mentions": [],
        "acknowledgements": [],
        "attachment_files": [],
    }
    row.update(data)
    row.update(stamp())
    return row


def _task_comments(req: Request, task_id: str) -> list[Row]:
    return sorted(req.store.find("comments", object_id=task_id), key=order_key, reverse=True)


def comment_answer(req: Request, comment: Mapping[str, Any]) -> Row:
    """`data/comments/<id>`: the row, its author in short, replies with their authors."""
    row = public(comment)
    row["person"] = small_person(req.store.get("persons", comment.get("person_id")))
    row["replies"] = [
        {**reply, "person": small_person(req.store.get("persons", reply.get("person_id")))}
        for reply in comment.get("replies", [])
    ]
    return row


def create_comment(
    req: Request,
    task: Row,
    status_id: str,
    text: str,
    *,
    person_id: Optional[str] = None,
    checklist: Optional[list[Any]] = None,
    links: Optional[list[Any]] = None,
    for_client: bool = False,
    created_at: Optional[str] = None,
) -> Row:
    """Zou's comments_service.create_comment: the comment, then the task's status (with
    `task:status-changed`, and `task:to-review` for a feedback status)."""
    status = req.store.require("task-status", status_id)
    author_id = person_id or _me(req)
    req.store.require("persons", author_id)
    stamp_at = created_at or now()
    comment = req.store.insert(
        "comments",
        comment_row(
            {
                "object_id": task["id"],
                "task_status_id": status["id"],
                "person_id": author_id,
                "text": text or "",
                "checklist": list(checklist or []),
                "links": list(links or []),
                "for_client": bool(for_client),
                "mentions": _mentions(req, task, text or ""),
                "created_at": stamp_at,
                "updated_at": stamp_at,
            }
        ),
        type="Comment",
    )
    req.emit(
        "comment:new",
        {
            "comment_id": comment["id"],
            "task_id": task["id"],
            "task_status_id": status["id"],
            "person_id": author_id,
            "for_client": comment["for_client"],
        },
        project_id=task.get("project_id"),
    )
    last = task.get("last_comment_date")
    if last is None or last <= comment["created_at"]:
        previous = task.get("task_status_id")
        changed = status["id"] != previous
        changes: dict[str, Any] = {
            "task_status_id": status["id"],
            "last_comment_date": comment["created_at"],
        }
        if changed and status.get("is_retake"):
            changes["retake_count"] = (task.get("retake_count") or 0) + 1
        if changed and status.get("is_wip") and task.get("real_start_date") is None:
            changes["real_start_date"] = now()
        update_task(req, task, changes)
        if changed:
            payload = {
                "task_id": task["id"],
                "new_task_status_id": status["id"],
                "previous_task_status_id": previous,
                "person_id": author_id,
            }
            req.emit("task:status-changed", payload, project_id=task.get("project_id"))
            if status.get("is_feedback_request"):
                req.emit(
                    "task:to-review",
                    {**payload, "comment_id": comment["id"]},
                    project_id=task.get("project_id"),
                )
    else:
        changed = False
    _notify_comment(req, task, comment, changed)
    news = req.store.insert(
        "news",
        {
            "change": changed,
            "author_id": author_id,
            "comment_id": comment["id"],
            "task_id": task["id"],
            "preview_file_id": None,
            **stamp(),
        },
        type="News",
    )
    req.emit(
        "news:new",
        {
            "news_id": news["id"],
            "task_status_id": status["id"],
            "task_type_id": task.get("task_type_id"),
        },
        project_id=task.get("project_id"),
    )
    return comment


def _check_status_use(req: Request, status: Mapping[str, Any]) -> None:
    if req.role in ("user", "vendor") and not status.get("is_artist_allowed", True):
        raise forbidden()
    if req.is_client and not status.get("is_client_allowed", True):
        raise forbidden()


def _post_comment(req: Request, task: Row, body: Mapping[str, Any]) -> Row:
    status_id = body.get("task_status_id")
    if not status_id:
        raise abort_with(400, {"message": "Missing required parameter: task_status_id"})
    status = req.store.require("task-status", status_id)
    try:
        check_task_action(req, task)
    except Exception:
        if status["id"] != task.get("task_status_id"):
            raise
        req.check_project_read(task.get("project_id"))
    _check_status_use(req, status)
    manager = req.role in ("admin", "manager")
    comment = create_comment(
        req,
        task,
        status["id"],
        str(body.get("comment") or ""),
        person_id=body.get("person_id") if manager else None,
        checklist=body.get("checklist"),
        links=body.get("links"),
        for_client=bool(body.get("for_client")) if manager else False,
        created_at=body.get("created_at") if manager else None,
    )
    answer = public(comment)
    answer["task_status"] = public(status)
    answer["person"] = public(req.store.require("persons", comment["person_id"]))
    return answer


def _comment_body(req: Request) -> tuple[dict[str, Any], list[UploadedFile]]:
    if req.headers.get("content-type", "").startswith("multipart/"):
        fields, files = req.form()
        body: dict[str, Any] = dict(fields)
        for key in ("checklist", "links"):
            if isinstance(body.get(key), str):
                body[key] = json.loads(body[key] or "[]")
        if isinstance(body.get("for_client"), str):
            body["for_client"] = body["for_client"].lower() == "true"
        return body, list(files.values())
    body = req.json()
    return (body if isinstance(body, dict) else {}), []


@route("POST", "actions/tasks/<task_id>/comment")
def comment_task(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    body, files = _comment_body(req)
    answer = _post_comment(req, task, body)
    if files:
        comment = req.store.require("comments", answer["id"])
        answer["attachment_files"] = add_attachments(req, comment, files)
    return json_response(answer, 201)


# -- attachments ----------------------------------------------------------------------------------


def _attachment_key(attachment_id: str) -> str:
    return f"attachment-files/{attachment_id}"


def add_attachments(req: Request, comment: Row, files: list[UploadedFile]) -> list[Row]:
    """Store uploaded files as the comment's attachments; returns the comment's list."""
    listed = list(comment.get("attachment_files", []))
    for upload in files:
        name = upload.filename or "file"
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        row = req.store.insert(
            "attachment-files",
            {
                "name": name,
                "size": len(upload.data),
                "extension": extension,
                "mimetype": mimetypes.guess_type(name)[0] or upload.content_type,
                "comment_id": comment["id"],
                "reply_id": None,
                "chat_message_id": None,
                **stamp(),
            },
            type="AttachmentFile",
        )
        req.store.blobs[_attachment_key(row["id"])] = upload.data
        listed.append(
            {"id": row["id"], "name": name, "extension": extension, "size": len(upload.data)}
        )
    req.store.update("comments", comment["id"], {"attachment_files": listed})
    return listed


def _attachment_answer(req: Request, row: Row) -> Row:
    answer = public(row)
    comment = req.store.get("comments", row.get("comment_id"))
    if comment is not None:
        answer["comment"] = {
            k: v
            for k, v in public(comment).items()
            if k
            not in (
                "previews", "mentions", "department_mentions", "acknowledgements",
                "attachment_files",
            )
        }  # fmt: skip
    return answer


@route("POST", "actions/tasks/<task_id>/comments/<comment_id>/add-attachment")
def add_attachment(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    comment = _require_comment(req, req.params["comment_id"])
    check_task_action(req, task)
    _fields, files = req.form()
    if not files:
        raise abort_with(400, {"message": "No file was sent."})
    before = {a["id"] for a in comment.get("attachment_files", [])}
    listed = add_attachments(req, comment, list(files.values()))
    return json_response([a for a in listed if a["id"] not in before], 201)


def _attachments_of_tasks(req: Request, task_ids: set[str]) -> list[Row]:
    comments = {c["id"] for c in req.store.all("comments") if c.get("object_id") in task_ids}
    rows = [a for a in req.store.all("attachment-files") if a.get("comment_id") in comments]
    return [_attachment_answer(req, a) for a in sorted(rows, key=order_key)]


@route("GET", "data/tasks/<task_id>/attachment-files")
def task_attachments(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    check_task_read(req, task)
    return _attachments_of_tasks(req, {task["id"]})


@route("GET", "data/projects/<project_id>/attachment-files")
def project_attachments(req: Request) -> Any:
    project = req.store.require("projects", req.params["project_id"])
    req.check_project_read(project["id"])
    return _attachments_of_tasks(
        req, {t["id"] for t in req.store.find("tasks", project_id=project["id"])}
    )


def _attachment(req: Request, attachment_id: str) -> Row:
    row = req.store.require("attachment-files", attachment_id)
    comment = req.store.get("comments", row.get("comment_id")) or {}
    task = req.store.get("tasks", comment.get("object_id"))
    if task is not None:
        check_task_read(req, task)
    return row


@route("GET", "data/attachment-files/<attachment_id>")
def get_attachment(req: Request) -> Any:
    return _attachment_answer(req, _attachment(req, req.params["attachment_id"]))


@route("GET", "data/attachment-files/<attachment_id>/file/<file_name>")
def download_attachment(req: Request) -> Any:
    row = _attachment(req, req.params["attachment_id"])
    data = req.store.blobs.get(_attachment_key(row["id"]))
    if data is None:
        raise not_found()
    return bytes_response(data, str(row.get("mimetype") or "application/octet-stream"))


@route("GET", "pictures/thumbnails/attachment-files/<attachment_file>")
def attachment_thumbnail(req: Request) -> Any:
    row = _attachment(req, req.params["attachment_file"].rsplit(".", 1)[0])
    data = req.store.blobs.get(_attachment_key(row["id"]))
    if data is None or not str(row.get("mimetype") or "").startswith("image/"):
        raise not_found()
    return bytes_response(data, str(row["mimetype"]))


@route("DELETE", "data/tasks/<task_id>/comments/<comment_id>/attachments/<attachment_id>")
def delete_attachment(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    comment = _require_comment(req, req.params["comment_id"])
    row = req.store.require("attachment-files", req.params["attachment_id"])
    if row.get("comment_id") != comment["id"]:
        raise not_found()
    if not (req.is_admin or comment.get("person_id") == _me(req)):
        check_manager_of(req, task.get("project_id"))
    left = [a for a in comment.get("attachment_files", []) if a.get("id") != row["id"]]
    req.store.update("comments", comment["id"], {"attachment_files": left})
    req.store.delete("attachment-files", row["id"])
    req.store.blobs.pop(_attachment_key(row["id"]), None)
    return Response(204, {"Content-Type": "text/html; charset=utf-8"}, b"")


@route("POST", "actions/tasks/batch-comment")
def batch_comment(req: Request) -> Any:
    body = req.json()
    entries = body.get("comments") if isinstance(body, dict) else None
    if not isinstance(entries, list):
        raise abort_with(400, {"message": "Missing required parameter: comments"})
    made = []
    for entry in entries:
        task = require_task(req, entry.get("task_id") or entry.get("object_id"))
        made.append(_post_comment(req, task, entry))
    return json_response(made, 201)


@route("POST", "actions/tasks/<task_id>/batch-comment")
def task_batch_comment(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    if req.headers.get("content-type", "").startswith("multipart/"):
        fields, files = req.form()
        if files:
            raise unsupported(req, "comment attachments are not modelled")
        entries = json.loads(fields.get("comments") or "[]")
    else:
        body = req.json()
        entries = body.get("comments") if isinstance(body, dict) else body
    if not isinstance(entries, list):
        raise abort_with(400, {"message": "Missing required parameter: comments"})
    made = [_post_comment(req, task, entry) for entry in entries]
    return json_response(made, 201)


@route("POST", "actions/projects/<project_id>/tasks/comment-many")
def comment_many(req: Request) -> Any:
    project = req.store.require("projects", req.params["project_id"])
    check_manager_of(req, project["id"])
    body = req.json()
    entries = body if isinstance(body, list) else (body or {}).get("comments", [])
    made = []
    for entry in entries:
        task = req.store.get("tasks", entry.get("object_id") or entry.get("task_id"))
        if task is None or task.get("project_id") != project["id"]:
            continue
        made.append(_post_comment(req, task, entry))
    return json_response(made, 201)


@route("GET", "data/tasks/<task_id>/comments")
def task_comments(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    check_task_read(req, task)
    out = []
    for comment in _task_comments(req, task["id"]):
        if req.is_client and not comment.get("for_client"):
            author = req.store.get("persons", comment.get("person_id")) or {}
            if author.get("role") != "client":
                continue
        row = public(comment)
        status = req.store.get("task-status", comment.get("task_status_id")) or {}
        row["person"] = small_person(req.store.get("persons", comment.get("person_id")))
        row["task_status"] = {
            "name": status.get("name"),
            "short_name": status.get("short_name"),
            "color": status.get("color"),
            "id": status.get("id"),
        }
        out.append(row)
    return out


@route("GET", "data/projects/<project_id>/comments")
def project_comments(req: Request) -> Any:
    project = req.store.require("projects", req.params["project_id"])
    req.check_project_read(project["id"])
    tasks = {t["id"] for t in req.store.find("tasks", project_id=project["id"])}
    comments = [c for c in req.store.all("comments") if c.get("object_id") in tasks]
    return [public(c) for c in sorted(comments, key=order_key, reverse=True)]


def _require_comment(req: Request, comment_id: str) -> Row:
    comment = req.store.require("comments", comment_id)
    if not req.is_admin:
        task = req.store.get("tasks", comment.get("object_id")) or {}
        req.check_project_read(task.get("project_id"))
    return comment


@route("GET", "data/comments/<comment_id>")
def get_comment(req: Request) -> Any:
    return comment_answer(req, _require_comment(req, req.params["comment_id"]))


@route("PUT", "data/comments/<comment_id>")
def put_comment(req: Request) -> Any:
    comment = _require_comment(req, req.params["comment_id"])
    if not (req.is_admin or comment.get("person_id") == _me(req)):
        raise forbidden()
    body = req.json()
    if not isinstance(body, dict):
        raise abort(400, "Data are empty.", data=None)
    allowed = ("text", "checklist", "pinned", "for_client", "links", "data", "task_status_id")
    changes = {k: v for k, v in body.items() if k in allowed}
    changes["editor_id"] = _me(req)
    updated = req.store.update("comments", comment["id"], changes)
    task = req.store.get("tasks", comment.get("object_id")) or {}
    req.emit(
        "comment:update",
        {"comment_id": comment["id"], "task_id": task.get("id")},
        project_id=task.get("project_id"),
    )
    return public(updated)


@route("DELETE", "data/comments/<comment_id>")
def delete_comment(req: Request) -> Any:
    comment = _require_comment(req, req.params["comment_id"])
    task = req.store.get("tasks", comment.get("object_id")) or {}
    if not (req.is_admin or comment.get("person_id") == _me(req)):
        check_manager_of(req, task.get("project_id"))
    for preview_id in comment.get("previews", []):
        if req.store.get("preview-files", preview_id):
            req.store.delete("preview-files", preview_id)
    for attachment in req.store.find("attachment-files", comment_id=comment["id"]):
        req.store.delete("attachment-files", attachment["id"])
        req.store.blobs.pop(_attachment_key(attachment["id"]), None)
    for notification in req.store.find("notifications", comment_id=comment["id"]):
        req.store.delete("notifications", notification["id"])
    for news in req.store.find("news", comment_id=comment["id"]):
        req.store.delete("news", news["id"])
        req.emit("news:delete", {"news_id": news["id"]}, project_id=task.get("project_id"))
    req.store.delete("comments", comment["id"])
    req.emit("comment:delete", {"comment_id": comment["id"]}, project_id=task.get("project_id"))
    if task:
        _reset_task(req, task)
    return Response(204, {"Content-Type": "text/html; charset=utf-8"}, b"")


def _reset_task(req: Request, task: Row) -> None:
    """Zou's reset_task_data: the status and dates follow the comments left."""
    comments = _task_comments(req, task["id"])
    if comments:
        changes = {
            "task_status_id": comments[0]["task_status_id"],
            "last_comment_date": comments[0]["created_at"],
        }
    else:
        changes = {"task_status_id": default_status_id(req), "last_comment_date": None}
    update_task(req, task, changes)


@route("POST", "data/tasks/<task_id>/comments/<comment_id>/reply")
def reply(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    comment = _require_comment(req, req.params["comment_id"])
    req.check_project_read(task.get("project_id"))
    body = req.json()
    text = body.get("text") if isinstance(body, dict) else None
    if not text:
        raise abort_with(400, {"message": "Missing required parameter: text"})
    made = {
        "id": _new_id(),
        "date": now(),
        "person_id": _me(req),
        "text": text,
        "mentions": [],
        "department_mentions": [],
        "created_at": now(),
    }
    req.store.update("comments", comment["id"], {"replies": [*comment["replies"], made]})
    req.emit(
        "comment:reply",
        {"task_id": task["id"], "comment_id": comment["id"], "reply_id": made["id"]},
        project_id=task.get("project_id"),
    )
    return {**made, "person": small_person(req.user)}


def _new_id() -> str:
    import uuid

    return str(uuid.uuid4())


@route("DELETE", "data/tasks/<task_id>/comments/<comment_id>/reply/<reply_id>")
def delete_reply(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    comment = _require_comment(req, req.params["comment_id"])
    reply_id = req.params["reply_id"]
    target = next((r for r in comment["replies"] if r.get("id") == reply_id), None)
    if target is None:
        raise abort(404, "Reply not found", data=None)
    if not (req.is_admin or target.get("person_id") == _me(req)):
        raise forbidden()
    left = [r for r in comment["replies"] if r.get("id") != reply_id]
    req.store.update("comments", comment["id"], {"replies": left})
    req.emit(
        "comment:delete-reply",
        {"task_id": task["id"], "comment_id": comment["id"], "reply_id": reply_id},
        project_id=task.get("project_id"),
    )
    return Response(204, {"Content-Type": "text/html; charset=utf-8"}, b"")


@route("POST", "data/tasks/<task_id>/comments/<comment_id>/ack")
def acknowledge(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    comment = _require_comment(req, req.params["comment_id"])
    me = _me(req)
    acks = list(comment.get("acknowledgements", []))
    if me in acks:
        acks.remove(me)
        name = "comment:unacknowledge"
    else:
        acks.append(me)
        name = "comment:acknowledge"
    updated = req.store.update("comments", comment["id"], {"acknowledgements": acks})
    req.emit(
        name,
        {"comment_id": comment["id"], "person_id": me},
        project_id=task.get("project_id"),
    )
    return public(updated)


@route("POST", "actions/tasks/<task_id>/comments/<comment_id>/move")
def move_comment(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    comment = _require_comment(req, req.params["comment_id"])
    body = req.json()
    target = require_task(req, body.get("target_task_id") if isinstance(body, dict) else None)
    check_manager_of(req, task.get("project_id"))
    if target["id"] == task["id"]:
        raise abort_with(400, {"message": "Source and target tasks must be different."})
    if target["entity_id"] != task["entity_id"]:
        raise abort_with(
            400, {"message": "A comment can only be moved between tasks of the same entity."}
        )
    if comment.get("previews"):
        raise abort_with(
            400, {"message": "A comment attached to a preview revision cannot be moved."}
        )
    updated = req.store.update("comments", comment["id"], {"object_id": target["id"]})
    _reset_task(req, task)
    _reset_task(req, target)
    req.emit(
        "comment:delete",
        {"comment_id": comment["id"], "task_id": task["id"]},
        project_id=task.get("project_id"),
    )
    req.emit(
        "comment:new",
        {
            "comment_id": comment["id"],
            "task_id": target["id"],
            "task_status_id": comment["task_status_id"],
            "person_id": comment["person_id"],
            "for_client": comment["for_client"],
        },
        project_id=target.get("project_id"),
    )
    return comment_answer(req, updated)


# -- time spents --------------------------------------------------------------------------------


def _check_time(req: Request, task: Mapping[str, Any], person_id: str) -> None:
    person = req.store.require("persons", person_id)
    project = req.store.get("projects", task.get("project_id")) or {}
    if person.get("is_bot") and not project.get("is_bot_collaboration_enabled"):
        raise forbidden()
    allowed = person_id in task.get("assignees", []) and (
        _me(req) == person_id
        or req.is_admin
        or (req.role == "manager" and req.in_team(task.get("project_id")))
    )
    if not allowed:
        raise forbidden()


def _valid_date(req: Request, value: str) -> str:
    import datetime

    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise abort_with(400, {"message": "Wrong date format."}) from None
    return value


def _set_time(req: Request, add: bool) -> Any:
    task = require_task(req, req.params["task_id"])
    person_id = req.params["person_id"]
    day = _valid_date(req, req.params["date"])
    _check_time(req, task, person_id)
    body = req.json()
    duration = body.get("duration") if isinstance(body, dict) else None
    if not isinstance(duration, (int, float)) or isinstance(duration, bool):
        raise abort_with(400, {"message": "Missing required parameter: duration"})
    existing = req.store.first("time-spents", task_id=task["id"], person_id=person_id, date=day)
    if existing is None:
        row = req.store.insert(
            "time-spents",
            {
                "duration": float(duration),
                "date": day,
                "task_id": task["id"],
                "person_id": person_id,
                **stamp(),
            },
            type="TimeSpent",
        )
        status = 201
    else:
        total = float(duration) + (float(existing["duration"]) if add else 0.0)
        row = req.store.update("time-spents", existing["id"], {"duration": total})
        status = 201 if add else 200
    spent = sum(float(t["duration"]) for t in req.store.find("time-spents", task_id=task["id"]))
    update_task(req, task, {"duration": spent})
    return json_response(public(row), status)


@route("POST", "actions/tasks/<task_id>/time-spents/<date>/persons/<person_id>")
def set_time_spent(req: Request) -> Any:
    return _set_time(req, add=False)


@route("POST", "actions/tasks/<task_id>/time-spents/<date>/persons/<person_id>/add")
def add_time_spent(req: Request) -> Any:
    return _set_time(req, add=True)


def _time_answer(rows: list[Row]) -> Row:
    answer: Row = {"total": sum(float(r["duration"]) for r in rows)}
    for row in sorted(rows, key=order_key):
        answer.setdefault(row["person_id"], []).append(public(row))
    return answer


@route("GET", "actions/tasks/<task_id>/time-spents")
def task_time_spents(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    check_task_read(req, task)
    return _time_answer(req.store.find("time-spents", task_id=task["id"]))


@route("GET", "actions/tasks/<task_id>/time-spents/<date>")
def task_time_spents_for_date(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    check_task_read(req, task)
    day = _valid_date(req, req.params["date"])
    return _time_answer(req.store.find("time-spents", task_id=task["id"], date=day))


@route("DELETE", "data/time-spents/<time_spent_id>")
def delete_time_spent(req: Request) -> Any:
    row = req.store.require("time-spents", req.params["time_spent_id"])
    task = req.store.get("tasks", row.get("task_id")) or {}
    if not (req.is_admin or row.get("person_id") == _me(req)):
        check_manager_of(req, task.get("project_id"))
    req.store.delete("time-spents", row["id"])
    if task:
        spent = sum(float(t["duration"]) for t in req.store.find("time-spents", task_id=task["id"]))
        update_task(req, task, {"duration": spent})
    return Response(204, {"Content-Type": "text/html; charset=utf-8"}, b"")


# -- batch deletions ----------------------------------------------------------------------------


@route("POST", "actions/projects/<project_id>/delete-tasks")
def delete_tasks(req: Request) -> Any:
    project = req.store.require("projects", req.params["project_id"])
    check_manager_of(req, project["id"])
    body = req.json()
    if not isinstance(body, list):
        raise abort_with(400, {"message": "A list of task ids is expected."})
    deleted = []
    for task_id in body:
        task = req.store.get("tasks", task_id)
        if task is not None and task.get("project_id") == project["id"]:
            remove_task(req, task)
            deleted.append(task["id"])
    return deleted


@route("DELETE", "actions/projects/<project_id>/task-types/<task_type_id>/delete-tasks")
def delete_tasks_of_type(req: Request) -> Any:
    project = req.store.require("projects", req.params["project_id"])
    check_manager_of(req, project["id"])
    task_type = req.store.require("task-types", req.params["task_type_id"])
    for task in req.store.find("tasks", project_id=project["id"], task_type_id=task_type["id"]):
        remove_task(req, task)
    return Response(204, {"Content-Type": "text/html; charset=utf-8"}, b"")


# -- subscriptions and the user's time ------------------------------------------------------------


@route("GET", "data/user/tasks/<task_id>/subscribed")
def is_subscribed(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    check_task_read(req, task)
    return bool(req.store.first("subscriptions", task_id=task["id"], person_id=_me(req)))


@route("POST", "actions/user/tasks/<task_id>/subscribe")
def subscribe(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    check_task_read(req, task)
    found = req.store.first("subscriptions", task_id=task["id"], person_id=_me(req))
    if found is None:
        found = req.store.insert(
            "subscriptions",
            {
                "person_id": _me(req),
                "task_id": task["id"],
                "entity_id": None,
                "task_type_id": None,
                **stamp(),
            },
            type="Subscription",
        )
    return json_response(public(found), 201)


@route("DELETE", "actions/user/tasks/<task_id>/unsubscribe")
def unsubscribe(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    for row in req.store.find("subscriptions", task_id=task["id"], person_id=_me(req)):
        req.store.delete("subscriptions", row["id"])
    return Response(204, {"Content-Type": "text/html; charset=utf-8"}, b"")


@route("GET", "data/projects/<project_id>/subscriptions")
def project_subscriptions(req: Request) -> Any:
    project = req.store.require("projects", req.params["project_id"])
    check_manager_of(req, project["id"])
    tasks = {t["id"] for t in req.store.find("tasks", project_id=project["id"])}
    rows = [s for s in req.store.all("subscriptions") if s.get("task_id") in tasks]
    return [public(s) for s in sorted(rows, key=order_key)]


@route("GET", "data/user/time-spents/<date>")
def user_time_spents_for_date(req: Request) -> Any:
    day = _valid_date(req, req.params["date"])
    rows = req.store.find("time-spents", person_id=_me(req), date=day)
    return [public(r) for r in sorted(rows, key=order_key)]


@route("GET", "data/user/time-spents")
def user_time_spents(req: Request) -> Any:
    start = req.arg("start_date")
    end = req.arg("end_date")
    if not start or not end:
        raise abort_with(400, {"message": "Missing required parameter: start_date, end_date"})
    start, end = _valid_date(req, start), _valid_date(req, end)
    rows = [
        r
        for r in req.store.find("time-spents", person_id=_me(req))
        if start <= str(r.get("date")) <= end
    ]
    return [public(r) for r in sorted(rows, key=order_key)]


def _check_time_reader(req: Request, person_id: str) -> None:
    """Zou: admins and managers read anyone's time; a person their own."""
    person = req.store.require("persons", person_id)
    if person.get("is_bot"):
        raise forbidden()
    if not (req.is_admin or req.role in ("manager", "supervisor") or _me(req) == person_id):
        raise forbidden()


@route("GET", "data/persons/<person_id>/time-spents/<date>")
def person_time_spents_for_date(req: Request) -> Any:
    person_id = req.params["person_id"]
    _check_time_reader(req, person_id)
    day = _valid_date(req, req.params["date"])
    rows = req.store.find("time-spents", person_id=person_id, date=day)
    return [public(r) for r in sorted(rows, key=order_key)]


@route("GET", "data/persons/<person_id>/time-spents")
def person_time_spents(req: Request) -> Any:
    """Without dates: today's; with `start_date` and `end_date`: the range, with each row's
    project and task type."""
    import datetime

    person_id = req.params["person_id"]
    _check_time_reader(req, person_id)
    start, end = req.arg("start_date"), req.arg("end_date")
    if not start and not end:
        today = datetime.date.today().isoformat()
        rows = req.store.find("time-spents", person_id=person_id, date=today)
        return [public(r) for r in sorted(rows, key=order_key)]
    if not start or not end:
        raise abort_with(
            400,
            {
                "message": "If querying for a range of dates, both a `start_date` and an "
                "`end_date` must be given."
            },
        )
    start, end = _valid_date(req, start), _valid_date(req, end)
    out = []
    for row in sorted(req.store.find("time-spents", person_id=person_id), key=order_key):
        if start <= str(row.get("date")) <= end:
            task = req.store.get("tasks", row.get("task_id")) or {}
            out.append(
                {
                    **public(row),
                    "project_id": task.get("project_id"),
                    "task_type_id": task.get("task_type_id"),
                }
            )
    return out


# -- notifications --------------------------------------------------------------------------------


def _mentions(req: Request, task: Mapping[str, Any], text: str) -> list[str]:
    """The persons of the project's team named in the text as "@Full Name"."""
    project = req.store.get("projects", task.get("project_id")) or {}
    found = []
    for person_id in project.get("team", []):
        person = req.store.get("persons", person_id) or {}
        if person.get("full_name") and f"@{person['full_name']}" in text:
            found.append(person_id)
    return found


def notify(
    req: Request,
    person_id: str,
    kind: str,
    task: Mapping[str, Any],
    comment: Optional[Mapping[str, Any]] = None,
    change: bool = False,
) -> Row:
    row = req.store.insert(
        "notifications",
        {
            "read": False,
            "change": change,
            "person_id": person_id,
            "author_id": _me(req),
            "comment_id": (comment or {}).get("id"),
            "task_id": task["id"],
            "playlist_id": None,
            "reply_id": None,
            "notification_type": kind,
            **stamp(),
        },
        type="Notification",
    )
    return row


def _notify_comment(req: Request, task: Mapping[str, Any], comment: Row, changed: bool) -> None:
    """Zou's create_notifications_for_task_and_comment: the assignees and subscribers but the
    author get a "comment" notification, the persons mentioned a "mention" one."""
    author = comment["person_id"]
    recipients = list(task.get("assignees", []))
    for row in req.store.find("subscriptions", task_id=task["id"]):
        if row["person_id"] not in recipients:
            recipients.append(row["person_id"])
    for person_id in recipients:
        if person_id != author:
            notify(req, person_id, "comment", task, comment, change=changed)
    for person_id in comment.get("mentions", []):
        if person_id != author:
            notify(req, person_id, "mention", task, comment)


def full_entity_name(req: Request, entity: Mapping[str, Any]) -> tuple[str, Optional[str]]:
    """Zou's get_full_entity_name: "Episode / Sequence / Shot", "Asset type / Asset"...; and
    the episode id."""
    kind = entity_type_name(req, entity)
    if kind == "Shot":
        sequence = parent_of(req, entity) or {}
        episode = parent_of(req, sequence)
        if episode is None:
            return f"{sequence.get('name')} / {entity['name']}", None
        return f"{episode['name']} / {sequence.get('name')} / {entity['name']}", episode["id"]
    if kind == "Episode":
        return str(entity["name"]), None
    if kind == "Sequence":
        episode = parent_of(req, entity)
        if episode is None:
            return str(entity["name"]), None
        return f"{episode['name']} / {entity['name']}", episode["id"]
    return f"{kind} / {entity['name']}", entity.get("source_id")


def _user_notification(req: Request, row: Mapping[str, Any]) -> Row:
    task = req.store.get("tasks", row.get("task_id")) or {}
    comment = req.store.get("comments", row.get("comment_id")) or {}
    project = req.store.get("projects", task.get("project_id")) or {}
    entity = req.store.get("entities", task.get("entity_id")) or {}
    name, episode_id = full_entity_name(req, entity) if entity else ("", None)
    return {
        "id": row["id"],
        "type": "Notification",
        "notification_type": row.get("notification_type"),
        "author_id": row.get("author_id"),
        "comment_id": row.get("comment_id"),
        "task_id": row.get("task_id"),
        "task_type_id": task.get("task_type_id"),
        "task_status_id": comment.get("task_status_id"),
        "mentions": list(comment.get("mentions", [])),
        "department_mentions": list(comment.get("department_mentions", [])),
        "reply_mentions": [],
        "reply_department_mentions": [],
        "preview_file_id": comment.get("preview_file_id"),
        "project_id": task.get("project_id"),
        "project_name": project.get("name"),
        "comment_text": comment.get("text", ""),
        "reply_text": "",
        "created_at": row.get("created_at"),
        "read": row.get("read", False),
        "change": row.get("change", False),
        "full_entity_name": name,
        "episode_id": episode_id,
        "entity_preview_file_id": entity.get("preview_file_id"),
        "subscription_id": None,
        "playlist_id": None,
        "playlist_name": "",
        "playlist_for_entity": "",
        "playlist_is_for_all": False,
    }


def _my_notifications(req: Request) -> list[Row]:
    rows = req.store.find("notifications", person_id=_me(req))
    return sorted(rows, key=order_key, reverse=True)


@route("GET", "data/user/notifications")
def user_notifications(req: Request) -> Any:
    rows = _my_notifications(req)
    read = req.arg("read")
    if read is not None:
        rows = [r for r in rows if r.get("read") == (read.lower() == "true")]
    return [_user_notification(req, r) for r in rows]


def _my_notification(req: Request) -> Row:
    row = req.store.require("notifications", req.params["notification_id"])
    if row.get("person_id") != _me(req):
        raise abort(404, "Notification not found", data=None)
    return row


@route("GET", "data/user/notifications/<notification_id>")
def user_notification(req: Request) -> Any:
    return _user_notification(req, _my_notification(req))


@route("PUT", "data/user/notifications/<notification_id>")
def update_user_notification(req: Request) -> Any:
    row = _my_notification(req)
    body = req.json()
    read = bool(body.get("read")) if isinstance(body, dict) else False
    updated = req.store.update("notifications", row["id"], {"read": read})
    req.emit(
        "notification:read" if read else "notification:unread",
        {"person_id": _me(req), "notification_id": row["id"]},
    )
    return public(updated)


@route("POST", "actions/user/notifications/mark-all-as-read")
def mark_all_read(req: Request) -> Any:
    for row in _my_notifications(req):
        if not row.get("read"):
            req.store.update("notifications", row["id"], {"read": True})
    return {"success": True}


@route("GET", "data/projects/<project_id>/notifications")
def project_notifications(req: Request) -> Any:
    project = req.store.require("projects", req.params["project_id"])
    req.require_admin()
    tasks = {t["id"] for t in req.store.find("tasks", project_id=project["id"])}
    rows = [n for n in req.store.all("notifications") if n.get("task_id") in tasks]
    return [public(n) for n in sorted(rows, key=order_key, reverse=True)]


def _interval_time_spents(req: Request, start: str, end: str) -> list[Row]:
    """Zou's _get_interval_time_spents: a person's time over [start, end[ summed per task, with
    the task's project and entity names."""
    person_id = req.params["person_id"]
    _check_time_reader(req, person_id)
    totals: dict[str, float] = {}
    for row in sorted(req.store.find("time-spents", person_id=person_id), key=order_key):
        if start <= str(row.get("date")) < end:
            totals[row["task_id"]] = totals.get(row["task_id"], 0.0) + float(row["duration"])
    out = []
    for task_id, duration in totals.items():
        task = req.store.get("tasks", task_id) or {}
        names = person_task(req, task) if task else {}
        out.append(
            {
                "task_id": task_id,
                "task_type_id": task.get("task_type_id"),
                "project_id": task.get("project_id"),
                "project_name": names.get("project_name"),
                "entity_name": names.get("entity_name"),
                "entity_type_name": names.get("entity_type_name"),
                "sequence_name": names.get("sequence_name"),
                "episode_name": names.get("episode_name"),
                "duration": duration,
            }
        )
    return out


def _interval(req: Request, unit: str) -> tuple[str, str]:
    import datetime

    p = req.params
    try:
        if unit == "year":
            start = datetime.date(int(p["year"]), 1, 1)
            end = datetime.date(start.year + 1, 1, 1)
        elif unit == "month":
            start = datetime.date(int(p["year"]), int(p["month"]), 1)
            end = (start + datetime.timedelta(days=32)).replace(day=1)
        elif unit == "week":
            start = datetime.date.fromisocalendar(int(p["year"]), int(p["week"]), 1)
            end = start + datetime.timedelta(days=7)
        else:
            start = datetime.date(int(p["year"]), int(p["month"]), int(p["day"]))
            end = start + datetime.timedelta(days=1)
    except (ValueError, OverflowError):
        raise abort_with(400, {"message": "Wrong date format."}) from None
    return start.isoformat(), end.isoformat()


@route("GET", "data/persons/<person_id>/time-spents/year/<year>")
def person_year_time_spents(req: Request) -> Any:
    return _interval_time_spents(req, *_interval(req, "year"))


@route("GET", "data/persons/<person_id>/time-spents/month/<year>/<month>")
def person_month_time_spents(req: Request) -> Any:
    return _interval_time_spents(req, *_interval(req, "month"))


@route("GET", "data/persons/<person_id>/time-spents/week/<year>/<week>")
def person_week_time_spents(req: Request) -> Any:
    return _interval_time_spents(req, *_interval(req, "week"))


@route("GET", "data/persons/<person_id>/time-spents/day/<year>/<month>/<day>")
def person_day_time_spents(req: Request) -> Any:
    return _interval_time_spents(req, *_interval(req, "day"))


# -- the user's search filters and filter groups ---------------------------------------------

_FILTER_TABLES = {
    "filters": ("search-filters", "SearchFilter"),
    "filter-groups": ("search-filter-groups", "SearchFilterGroup"),
}


def _filter_row(kind: str, body: Mapping[str, Any], person_id: str) -> Row:
    common = {
        "entity_type": body.get("entity_type"),
        "name": body.get("name"),
        "is_shared": bool(body.get("is_shared", False)),
        "person_id": person_id,
        "project_id": body.get("project_id"),
        "department_id": body.get("department_id"),
    }
    if kind == "filters":
        return {
            "list_type": body.get("list_type"),
            **common,
            "search_query": body.get("query", body.get("search_query", "")),
            "search_filter_group_id": body.get("search_filter_group_id"),
        }
    return {"list_type": body.get("list_type") or "todo", **common, "color": body.get("color", "")}


def _filters_kind(req: Request) -> tuple[str, str, str]:
    kind = req.params["kind"]
    if kind not in _FILTER_TABLES:
        raise unsupported(req)
    table, type_name = _FILTER_TABLES[kind]
    return kind, table, type_name


@route("GET", "data/user/<kind>")
def user_filters(req: Request) -> Any:
    """`{list_type: {project_id: [rows]}}` of the user's filters (or filter groups)."""
    _kind, table, _type = _filters_kind(req)
    grouped: dict[str, dict[str, list[Row]]] = {}
    for row in sorted(req.store.find(table, person_id=_me(req)), key=order_key):
        by_project = grouped.setdefault(str(row.get("list_type")), {})
        by_project.setdefault(str(row.get("project_id")), []).append(public(row))
    return grouped


@route("POST", "data/user/<kind>")
def new_user_filter(req: Request) -> Any:
    kind, table, type_name = _filters_kind(req)
    body = req.json()
    if not isinstance(body, dict) or not body.get("name"):
        raise abort_with(400, {"message": "A required field is missing."})
    if kind == "filters" and not body.get("list_type"):
        raise abort_with(400, {"message": "A required field is missing."})
    if body.get("project_id"):
        req.check_project_read(body["project_id"])
    row = req.store.insert(table, {**_filter_row(kind, body, _me(req)), **stamp()}, type=type_name)
    return json_response(public(row), 201)


def _my_filter(req: Request) -> tuple[str, Row]:
    _kind, table, _type = _filters_kind(req)
    row = req.store.require(table, req.params["filter_id"])
    if row.get("person_id") != _me(req):
        raise not_found()
    return table, row


@route("GET", "data/user/<kind>/<filter_id>")
def get_user_filter(req: Request) -> Any:
    return public(_my_filter(req)[1])


@route("PUT", "data/user/<kind>/<filter_id>")
def update_user_filter(req: Request) -> Any:
    table, row = _my_filter(req)
    body = req.json()
    if not isinstance(body, dict):
        raise abort_with(400, {"message": "Data are empty."})
    allowed = (
        "name", "search_query", "list_type", "entity_type", "is_shared", "project_id",
        "department_id", "search_filter_group_id", "color",
    )  # fmt: skip
    changes = {k: v for k, v in body.items() if k in allowed and k in row}
    if "query" in body and "search_query" in row:
        changes["search_query"] = body["query"]
    return public(req.store.update(table, row["id"], changes))


@route("DELETE", "data/user/<kind>/<filter_id>")
def delete_user_filter(req: Request) -> Any:
    table, row = _my_filter(req)
    req.store.delete(table, row["id"])
    return Response(204, {"Content-Type": "text/html; charset=utf-8"}, b"")
