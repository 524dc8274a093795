"""Zou's generic CRUD (zou/app/blueprints/crud/base.py): `data/<model>` and `data/<model>/<id>`.

List: every query parameter that is a column filters (name case-insensitively, "[...]" a JSON list
of values, a relation column by membership); `page` (with `limit`, default 100) gives the
pagination envelope ordered by updated_at desc; `relations=true` adds the relation columns;
`fields=a,b` picks columns. Create: 201 with relations; update: protected columns kept, `data`
merged for entities and tasks (as Zou's EntityResource and TaskResource do); delete: 204, 400 when
rows still refer to it. Each write emits `<model>:new|update|delete` as Zou's base resources do
(entities by their type: `shot:new`, ...).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Optional

from ._fake import (
    Request,
    Response,
    Row,
    abort,
    abort_with,
    forbidden,
    json_response,
    paginate,
    route,
    unsupported,
)

#: The `data/<model>` names Zou 1.0.97 serves generically (crud/__init__.py).
CRUD_TABLES = frozenset(
    {
        "asset-instances", "attachment-files", "budget-entries", "budgets", "chat-messages",
        "chats", "comments", "custom-actions", "day-offs", "departments", "entities",
        "entity-links", "entity-types", "events", "file-status", "hardware-items",
        "metadata-descriptors", "milestones", "news", "notifications", "organisations",
        "output-files", "output-types", "persons", "playlists", "plugins",
        "preview-background-files", "preview-files", "production-schedule-versions",
        "project-status", "project-templates", "projects", "salary-scales", "schedule-items",
        "search-filter-groups", "search-filters", "softwares", "status-automations", "studios",
        "subscriptions", "task-status", "task-type-links", "task-types", "tasks", "time-spents",
        "working-files",
    }
)  # fmt: skip

#: Zou's table name (the event prefix, with "-") of each model.
TABLE_NAMES = {
    "projects": "project",
    "persons": "person",
    "entities": "entity",
    "entity-types": "entity_type",
    "task-types": "task_type",
    "task-status": "task_status",
    "departments": "department",
    "project-status": "project_status",
    "tasks": "task",
    "comments": "comment",
    "preview-files": "preview_file",
    "playlists": "playlist",
    "working-files": "working_file",
    "output-files": "output_file",
    "output-types": "output_type",
    "softwares": "software",
    "asset-instances": "asset_instance",
    "entity-links": "entity_link",
    "organisations": "organisation",
    "day-offs": "day_off",
    "time-spents": "time_spent",
    "metadata-descriptors": "metadata_descriptor",
    "studios": "studio",
    "file-status": "file_status",
}

#: Relation columns (association tables in Zou): served with relations=true only.
RELATIONS: dict[str, tuple[str, ...]] = {
    "projects": (
        "team",
        "asset_types",
        "task_types",
        "task_statuses",
        "status_automations",
        "preview_background_files",
    ),
    "persons": ("departments",),
    "entity-types": ("task_types",),
    "entities": ("entities_out", "entities_in", "instance_casting", "entity_concept_links"),
}

#: Readable by every logged-in person (Zou's resources for these override the admin check).
OPEN_READ = frozenset(
    {
        "task-types", "task-status", "entity-types", "departments", "project-status",
        "organisations", "softwares", "output-types", "file-status", "persons", "studios",
        "metadata-descriptors", "asset-instances",
    }
)  # fmt: skip

#: Columns a create must give (else 400 "A required field is missing.").
REQUIRED: dict[str, tuple[str, ...]] = {
    "projects": ("name",),
    "persons": ("first_name",),
    "entities": ("name", "project_id", "entity_type_id"),
    "entity-types": ("name",),
    "task-types": ("name",),
    "task-status": ("name", "short_name"),
    "departments": ("name",),
    "project-status": ("name",),
}

#: Unique columns (400 "A record with the same unique values already exists.").
UNIQUE: dict[str, tuple[tuple[str, ...], ...]] = {
    "projects": (("name",),),
    "persons": (("email",),),
    "entity-types": (("name",),),
    "task-types": (("name", "for_entity", "department_id"),),
    "task-status": (("name", "for_concept"), ("short_name", "for_concept")),
    "departments": (("name",),),
    "project-status": (("name",),),
    "entities": (("name", "project_id", "entity_type_id", "parent_id"),),
}

MERGE_DATA = frozenset({"entities", "tasks"})
PROTECTED = ("id", "created_at", "updated_at", "type")
DUPLICATE = "A record with the same unique values already exists."


def serialize(table: str, row: Row, relations: bool = False) -> Row:
    """The row as Zou answers it (relation columns only with `relations`)."""
    hidden = () if relations else RELATIONS.get(table, ())
    return {k: v for k, v in row.items() if k not in hidden and not k.startswith("_")}


def _cast_match(stored: Any, value: str) -> bool:
    if isinstance(stored, bool):
        return stored == (value.lower() in ("true", "1", "t", "yes"))
    if isinstance(stored, (int, float)):
        try:
            return float(stored) == float(value)
        except ValueError:
            raise abort(400, "One of the provided values has an invalid format.") from None
    if stored is None:
        return value.lower() in ("null", "none")
    if isinstance(stored, list):
        return value in stored
    return str(stored) == value


def filter_rows(table: str, rows: list[Row], query: Mapping[str, list[str]]) -> list[Row]:
    """Zou's `build_filters`: columns only (other parameters are ignored)."""
    columns: set[str] = set()
    for row in rows[:1]:
        columns = set(row)
    kept = rows
    for key, values in query.items():
        if key in ("page", "relations", "fields", "limit") or not values:
            continue
        value = values[-1]
        if rows and key not in columns:
            continue
        if key == "name":
            kept = [r for r in kept if str(r.get("name") or "").lower() == value.lower()]
        elif value.startswith("["):
            try:
                wanted = json.loads(value)
            except ValueError:
                raise abort(400, f"Malformed list filter for field {key}.", data=None) from None
            kept = [r for r in kept if any(_cast_match(r.get(key), str(w)) for w in wanted)]
        else:
            kept = [r for r in kept if _cast_match(r.get(key), value)]
    return kept


def visible_rows(req: Request, table: str, rows: list[Row]) -> list[Row]:
    """Zou's read permission and project filter of a list."""
    if table == "persons" and req.is_client:
        # clients see the people of their productions' teams (and themselves)
        ids = {(req.user or {}).get("id")}
        for project in req.store.all("projects"):
            if req.in_team(project["id"]):
                ids.update(project.get("team") or [])
        return [r for r in rows if r["id"] in ids]
    if req.is_admin or table in OPEN_READ:
        return rows
    if not rows:
        return rows
    if table == "projects":
        return [r for r in rows if req.in_team(r["id"])]
    if rows and "project_id" in rows[0]:
        return [r for r in rows if req.in_team(r.get("project_id"))]
    raise forbidden()


def list_rows(req: Request, table: str, rows: list[Row]) -> Any:
    """Filter, permission, order, paginate and serialize a list as Zou's base resource does."""
    if not req.query:
        return [serialize(table, r) for r in visible_rows(req, table, rows)]
    kept = visible_rows(req, table, filter_rows(table, rows, req.query))
    relations = req.flag("relations")
    if req.arg("page"):
        kept = sorted(kept, key=lambda r: r.get("id", ""))
        kept = sorted(kept, key=lambda r: r.get("created_at", ""), reverse=True)
        kept = sorted(kept, key=lambda r: r.get("updated_at", ""), reverse=True)
    result = [serialize(table, r, relations) for r in kept]
    names = [n.strip() for n in (req.arg("fields") or "").split(",") if n.strip()]
    if names:
        result = [{k: r[k] for k in names if k in r} for r in result]
    return paginate(req, result)


def check_unique(req: Request, table: str, row: Mapping[str, Any], own_id: Optional[str]) -> None:
    for columns in UNIQUE.get(table, ()):
        for other in req.store.all(table):
            if other["id"] != own_id and all(other.get(c) == row.get(c) for c in columns):
                raise abort_with(400, {"message": DUPLICATE})


def event_prefix(req: Request, table: str, row: Mapping[str, Any]) -> str:
    if table == "entities":
        kind = req.store.get("entity-types", row.get("entity_type_id"))
        name = str((kind or {}).get("name") or "entity").lower()
        from ._seed import LAZY_TYPES, SHOT_TYPES

        known = {t.lower() for t in SHOT_TYPES + LAZY_TYPES}
        return name if name in known else ("asset" if kind else "entity")
    if table == "entity-types" and row.get("name") not in _shot_type_names():
        return "asset-type"
    return TABLE_NAMES.get(table, table.rstrip("s")).replace("_", "-")


def _shot_type_names() -> set[str]:
    from ._seed import LAZY_TYPES, SHOT_TYPES

    return set(SHOT_TYPES + LAZY_TYPES)


def emit_change(req: Request, table: str, row: Mapping[str, Any], action: str) -> None:
    prefix = event_prefix(req, table, row)
    key = prefix.replace("-", "_") + "_id"
    req.emit(f"{prefix}:{action}", {key: row["id"]}, project_id=row.get("project_id"))


def check_write(req: Request, table: str, row: Mapping[str, Any]) -> None:
    """Zou's default write check: admin; project rows: admin, or manager/supervisor of its team."""
    if "project_id" in row and table not in ("projects",):
        req.check_project_write(row.get("project_id"))
    elif table == "projects" and row.get("id"):
        req.check_project_write(row["id"])
    else:
        req.require_admin()


def create_row(req: Request, table: str, body: Any, type_name: Optional[str] = None) -> Row:
    """The generic create, for other modules too: checks, defaults, insert, event."""
    if not isinstance(body, dict):
        raise abort(
            400,
            "Data are empty. Please verify that you sent JSON data and that you set the right "
            "headers.",
            data=None,
        )
    for column in REQUIRED.get(table, ()):
        if body.get(column) in (None, ""):
            raise abort_with(400, {"message": "A required field is missing."})
    data = {k: v for k, v in body.items() if k not in PROTECTED}
    check_write(req, table, data)
    row = _with_defaults(req, table, data)
    check_unique(req, table, row, None)
    stored = req.store.insert(table, row, type=type_name or _type_name(req, table, row))
    emit_change(req, table, stored, "new")
    return stored


def _with_defaults(req: Request, table: str, data: dict[str, Any]) -> Row:
    from . import _seed

    if table == "projects":
        status = req.store.first("project-status", name="Open")
        return _seed.project_row(
            data.pop("name"), data.pop("project_status_id", (status or {}).get("id")), **data
        )
    if table == "persons":
        return _seed.person_row(
            data.pop("email", None) or "",
            data.pop("first_name", ""),
            data.pop("last_name", ""),
            data.pop("role", "user"),
            **data,
        )
    if table == "entities":
        user = (req.user or {}).get("id")
        return _seed.entity_row(
            data.pop("name"), data.pop("project_id"), data.pop("entity_type_id"), user, **data
        )
    if table == "entity-types":
        return _seed.entity_type_row(data.pop("name"), **data)
    if table == "task-types":
        return _seed.task_type_row(data.pop("name"), **data)
    if table == "task-status":
        return _seed.task_status_row(data.pop("name"), data.pop("short_name"), **data)
    return data


_TYPE_NAMES = {
    "projects": "Project",
    "persons": "Person",
    "entity-types": "EntityType",
    "task-types": "TaskType",
    "task-status": "TaskStatus",
    "departments": "Department",
    "project-status": "ProjectStatus",
    "organisations": "Organisation",
}


def _type_name(req: Request, table: str, row: Mapping[str, Any]) -> str:
    if table == "entities":
        kind = req.store.get("entity-types", row.get("entity_type_id"))
        name = str((kind or {}).get("name") or "Entity")
        return name if name in _shot_type_names() else "Asset"
    if table in _TYPE_NAMES:
        return _TYPE_NAMES[table]
    singular = TABLE_NAMES.get(table, table.rstrip("s"))
    return "".join(part.capitalize() for part in singular.replace("-", "_").split("_"))


def update_row(req: Request, table: str, row: Row, body: Any) -> Row:
    """The generic update, for other modules too: checks, protected columns, `data` merge."""
    if not isinstance(body, dict):
        raise abort(400, "Data are empty.", data=None)
    check_write(req, table, row)
    changes = {k: v for k, v in body.items() if k not in PROTECTED and k != "project_id"}
    merge = table in MERGE_DATA
    if table == "entities" and changes.get("data") is None:
        changes["data"] = {}
    if merge and isinstance(changes.get("data"), dict):
        changes["data"] = {**(row.get("data") or {}), **changes["data"]}
    check_unique(req, table, {**row, **changes}, row["id"])
    updated = req.store.update(table, row["id"], changes)
    emit_change(req, table, updated, "update")
    return updated


#: Columns that refer to a row of a table, to refuse deleting a row still referred to.
REFERENCES: dict[str, tuple[str, ...]] = {
    "projects": ("project_id",),
    "persons": ("person_id", "assignees", "author_id"),
    "entities": ("entity_id", "parent_id"),
    "entity-types": ("entity_type_id",),
    "task-types": ("task_type_id",),
    "task-status": ("task_status_id",),
    "departments": ("department_id",),
    "project-status": ("project_status_id",),
}


def referring(req: Request, table: str, row_id: str) -> Optional[str]:
    """A table with a row that refers to this one, or None."""
    for column in REFERENCES.get(table, ()):
        for other_table, rows in req.store.tables.items():
            for other in rows.values():
                value = other.get(column)
                if value == row_id or (isinstance(value, list) and row_id in value):
                    return other_table
    return None


def delete_row(req: Request, table: str, row: Row) -> Response:
    check_write(req, table, row)
    if referring(req, table, row["id"]):
        raise abort(400, "The change conflicts with records referencing this one.")
    req.store.delete(table, row["id"])
    emit_change(req, table, row, "delete")
    return Response(204, {"Content-Type": "text/html; charset=utf-8"}, b"")


def _table(req: Request) -> str:
    table = req.params["model"]
    if table not in CRUD_TABLES:
        raise unsupported(req, f"data/{table} is not a Zou model")
    if table in ("events",):
        raise unsupported(req, "the generic data/events CRUD is not modelled")
    return table


@route("GET", "data/<model>")
def list_models(req: Request) -> Any:
    table = _table(req)
    return list_rows(req, table, req.store.all(table))


@route("POST", "data/<model>")
def create_model(req: Request) -> Any:
    table = _table(req)
    row = create_row(req, table, req.json() if req.body.strip() else None)
    return json_response(serialize(table, row, relations=True), 201)


@route("GET", "data/<model>/<instance_id>")
def get_model(req: Request) -> Any:
    table = _table(req)
    row = req.store.require(table, req.params["instance_id"])
    if not (req.is_admin or table in OPEN_READ):
        project_id = row["id"] if table == "projects" else row.get("project_id")
        req.check_project_read(project_id)
    relations = (req.arg("relations") or "true").lower() in ("true", "1")
    return serialize(table, row, relations)


@route("PUT", "data/<model>/<instance_id>")
def update_model(req: Request) -> Any:
    table = _table(req)
    row = req.store.require(table, req.params["instance_id"])
    return serialize(table, update_row(req, table, row, req.json()))


@route("DELETE", "data/<model>/<instance_id>")
def delete_model(req: Request) -> Any:
    table = _table(req)
    row = req.store.require(table, req.params["instance_id"])
    return delete_row(req, table, row)
