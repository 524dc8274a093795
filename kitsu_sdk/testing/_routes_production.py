"""Productions: projects (team, settings), asset types, assets, episodes, sequences, shots,
scenes, edits, casting and entity links -- the `data/projects/<id>/...`, `data/<kind>/...` routes
the SDK calls, with Zou 1.0.97's shapes (read on a real server).

Helpers other route modules may import: `entity_type_id(store, name)`, `kind_of(store, row)`
("Shot", "Sequence", "Episode", "Scene", "Edit", "Concept" or "Asset"), `entity_rows(store,
kind, **columns)`, `plain(row)` (an entity as lists give it), `project_name(store, row)`.
"""

from __future__ import annotations

from typing import Any, Optional

from . import _seed
from ._fake import (
    Request,
    Response,
    Row,
    Store,
    abort,
    abort_with,
    json_response,
    not_found,
    route,
)
from ._routes_crud import (
    check_unique,
    create_row,
    list_rows,
    serialize,
    update_row,
)

NON_ASSET = frozenset(_seed.SHOT_TYPES + _seed.LAZY_TYPES)
KINDS = {  # route segment -> entity type name
    "episodes": "Episode",
    "sequences": "Sequence",
    "shots": "Shot",
    "scenes": "Scene",
    "edits": "Edit",
    "concepts": "Concept",
}


# -- helpers ---------------------------------------------------------------------------------------
def entity_type_id(store: Store, name: str) -> str:
    row = store.first("entity-types", name=name)
    if row is None:
        row = store.insert("entity-types", _seed.entity_type_row(name), type="EntityType")
    return str(row["id"])


def kind_of(store: Store, row: Row) -> str:
    kind = store.get("entity-types", row.get("entity_type_id"))
    name = str((kind or {}).get("name") or "")
    return name if name in NON_ASSET else "Asset"


def entity_rows(store: Store, kind: str, **columns: Any) -> list[Row]:
    rows = store.find("entities", **columns)
    return [r for r in rows if kind_of(store, r) == kind]


def plain(row: Row) -> Row:
    return serialize("entities", row)


def project_name(store: Store, row: Row) -> Optional[str]:
    project = store.get("projects", row.get("project_id"))
    return project["name"] if project else None


def require_entity(req: Request, entity_id: str, kind: str) -> Row:
    row = req.store.require("entities", entity_id)
    if kind_of(req.store, row) != kind:
        raise not_found()
    req.check_project_read(row.get("project_id"))
    return row


def require_project(req: Request, project_id: str) -> Row:
    project = req.store.require("projects", project_id)
    req.check_project_read(project["id"])
    return project


def _typed(row: Row, kind: str) -> Row:
    out = plain(row)
    out["type"] = kind
    if kind == "Concept":
        out["entity_concept_links"] = row.get("entity_concept_links") or []
    return out


# -- projects --------------------------------------------------------------------------------------
def _descriptors(req: Request, project_id: str) -> list[Row]:
    from ._routes_breakdown import descriptors_in_project

    return descriptors_in_project(req.store, project_id)


def project_detail(req: Request, project: Row) -> Row:
    out = serialize("projects", project, relations=True)
    status = req.store.get("project-status", project.get("project_status_id"))
    episodes = entity_rows(req.store, "Episode", project_id=project["id"])
    out.update(
        {
            "descriptors": _descriptors(req, project["id"]),
            "first_episode_id": episodes[0]["id"] if episodes else None,
            "task_statuses_link": {},
            "task_type_links": {},
            "task_types_priority": {},
            "project_status_name": (status or {}).get("name"),
        }
    )
    if project.get("production_type") != "tvshow":
        out.pop("first_episode_id")
    return out


@route("POST", "data/projects")
def new_project(req: Request) -> Any:
    body = req.json()
    if isinstance(body, dict):
        body = dict(body)
        body.pop("project_template_id", None)
    project = create_row(req, "projects", body)
    out = serialize("projects", project, relations=True)
    if project.get("production_type") == "tvshow":
        episode = _new_entity(req, project, "Episode", {"name": "E01"})
        out["first_episode_id"] = episode["id"]
    return json_response(out, 201)


@route("GET", "data/projects/<project_id>")
def get_project(req: Request) -> Any:
    return project_detail(req, require_project(req, req.params["project_id"]))


@route("GET", "data/projects/open")
def open_projects(req: Request) -> Any:
    status = req.store.first("project-status", name="Open") or {}
    rows = [
        p
        for p in req.store.all("projects")
        if p.get("project_status_id") == status.get("id") and (req.is_admin or req.in_team(p["id"]))
    ]
    return list_rows(req, "projects", rows)


@route("PUT", "data/projects/<project_id>")
def update_project(req: Request) -> Any:
    project = req.store.require("projects", req.params["project_id"])
    body = req.json()
    if isinstance(body, dict):
        body = {k: v for k, v in body.items() if k != "team"}
    updated = update_row(req, "projects", project, body)
    out = serialize("projects", updated, relations=True)
    if updated.get("production_type") == "tvshow":
        episodes = entity_rows(req.store, "Episode", project_id=updated["id"])
        out["first_episode_id"] = episodes[0]["id"] if episodes else None
    return out


@route("DELETE", "data/projects/<project_id>")
def delete_project(req: Request) -> Any:
    project = req.store.require("projects", req.params["project_id"])
    req.require_admin()
    status = req.store.get("project-status", project.get("project_status_id")) or {}
    if status.get("name") != "Closed":
        raise abort(400, "Only closed projects can be deleted")
    owned = [
        (table, row_id)
        for table, rows in req.store.tables.items()
        for row_id, row in rows.items()
        if row.get("project_id") == project["id"]
    ]
    if owned and not req.flag("force"):
        raise abort(500, "Internal server error.")
    _remove_tasks(req, req.store.find("tasks", project_id=project["id"]))
    for table, row_id in owned:
        req.store.tables[table].pop(row_id, None)
    req.store.delete("projects", project["id"])
    req.emit("project:delete", {"project_id": project["id"]})
    return Response(204, {}, b"")


# team


@route("GET", "data/projects/<project_id>/team")
def get_team(req: Request) -> Any:
    project = require_project(req, req.params["project_id"])
    roles = project.get("_team_roles") or {}
    out = []
    for person_id in project.get("team") or []:
        person = req.store.get("persons", person_id)
        if person is not None:
            out.append(dict(serialize("persons", person, True), project_role=roles.get(person_id)))
    return out


@route("POST", "data/projects/<project_id>/team")
def add_team_member(req: Request) -> Any:
    project = req.store.require("projects", req.params["project_id"])
    req.require_manager()
    body = req.json()
    person = req.store.require("persons", (body or {}).get("person_id"))
    team = list(project.get("team") or [])
    if person["id"] not in team:
        team.append(person["id"])
    roles = dict(project.get("_team_roles") or {})
    if body.get("role") is not None:
        roles[person["id"]] = body["role"]
    req.store.update("projects", project["id"], {"team": team, "_team_roles": roles})
    req.emit("project:update", {"project_id": project["id"]}, project_id=project["id"])
    return json_response(serialize("projects", project), 201)


@route("PUT", "data/projects/<project_id>/team/<person_id>")
def update_team_member(req: Request) -> Any:
    project = req.store.require("projects", req.params["project_id"])
    req.require_manager()
    person = req.store.require("persons", req.params["person_id"])
    if person["id"] not in (project.get("team") or []):
        raise not_found()
    roles = dict(project.get("_team_roles") or {})
    roles[person["id"]] = (req.json() or {}).get("role")
    req.store.update("projects", project["id"], {"_team_roles": roles})
    return {"project_id": project["id"], "person_id": person["id"], "role": roles[person["id"]]}


@route("DELETE", "data/projects/<project_id>/team/<person_id>")
def remove_team_member(req: Request) -> Any:
    project = req.store.require("projects", req.params["project_id"])
    req.require_manager()
    person_id = req.params["person_id"]
    team = [p for p in project.get("team") or [] if p != person_id]
    roles = {k: v for k, v in (project.get("_team_roles") or {}).items() if k != person_id}
    req.store.update("projects", project["id"], {"team": team, "_team_roles": roles})
    req.emit("project:update", {"project_id": project["id"]}, project_id=project["id"])
    return Response(204, {}, b"")


# settings

_SETTINGS = {
    "asset-types": ("asset_types", "asset_type_id", "entity-types"),
    "task-types": ("task_types", "task_type_id", "task-types"),
    "task-status": ("task_statuses", "task_status_id", "task-status"),
    "status-automations": ("status_automations", "status_automation_id", "status-automations"),
    "preview-background-files": (
        "preview_background_files",
        "preview_background_file_id",
        "preview-background-files",
    ),
}


@route("POST", "data/projects/<project_id>/settings/<setting>")
def add_setting(req: Request) -> Any:
    from ._fake import unsupported

    setting = req.params["setting"]
    if setting not in _SETTINGS:
        raise unsupported(req)
    column, key, table = _SETTINGS[setting]
    project = req.store.require("projects", req.params["project_id"])
    req.check_project_write(project["id"])
    body = req.json() or {}
    row = req.store.require(table, body.get(key))
    ids = list(project.get(column) or [])
    if row["id"] not in ids:
        ids.append(row["id"])
    req.store.update("projects", project["id"], {column: ids})
    req.emit("project:update", {"project_id": project["id"]}, project_id=project["id"])
    return json_response(serialize("projects", project), 201)


@route("DELETE", "data/projects/<project_id>/settings/<setting>/<row_id>")
def remove_setting(req: Request) -> Any:
    from ._fake import unsupported

    setting = req.params["setting"]
    if setting not in _SETTINGS:
        raise unsupported(req)
    column, _, _ = _SETTINGS[setting]
    project = req.store.require("projects", req.params["project_id"])
    req.check_project_write(project["id"])
    ids = [i for i in project.get(column) or [] if i != req.params["row_id"]]
    req.store.update("projects", project["id"], {column: ids})
    req.emit("project:update", {"project_id": project["id"]}, project_id=project["id"])
    return Response(204, {}, b"")


@route("GET", "data/projects/<project_id>/settings/status-automations")
def project_status_automations(req: Request) -> Any:
    return _setting_rows(req, "status-automations")


@route("GET", "data/projects/<project_id>/settings/preview-background-files")
def project_preview_backgrounds(req: Request) -> Any:
    return _setting_rows(req, "preview-background-files")


def _setting_rows(req: Request, setting: str) -> list[Row]:
    column, _, table = _SETTINGS[setting]
    project = require_project(req, req.params["project_id"])
    rows = [req.store.get(table, i) for i in project.get(column) or []]
    return [r for r in rows if r is not None]


@route("GET", "data/projects/<project_id>/task-types")
def project_task_types(req: Request) -> Any:
    project = require_project(req, req.params["project_id"])
    rows = [req.store.get("task-types", i) for i in project.get("task_types") or []]
    return [r for r in rows if r is not None]


@route("GET", "data/projects/<project_id>/settings/task-status")
def project_task_statuses(req: Request) -> Any:
    project = require_project(req, req.params["project_id"])
    rows = [req.store.get("task-status", i) for i in project.get("task_statuses") or []]
    return [r for r in rows if r is not None]


# -- asset types -----------------------------------------------------------------------------------
def _asset_type(row: Row, with_task_types: bool = True) -> Row:
    row = serialize("entity-types", row, relations=True)
    out = dict(row, type="AssetType")
    if not with_task_types:
        out.pop("task_types", None)
    return out


def asset_type_rows(store: Store) -> list[Row]:
    return [r for r in store.all("entity-types") if r["name"] not in NON_ASSET]


@route("GET", "data/asset-types")
def all_asset_types(req: Request) -> Any:
    if not req.query:
        return [_asset_type(r) for r in asset_type_rows(req.store)]
    rows = list_rows(req, "entity-types", asset_type_rows(req.store))
    if isinstance(rows, dict):
        rows["data"] = [dict(r, type="AssetType") for r in rows["data"]]
        return rows
    return [dict(r, type="AssetType") for r in rows]


@route("GET", "data/asset-types/<type_id>")
def get_asset_type(req: Request) -> Any:
    row = req.store.require("entity-types", req.params["type_id"])
    if row["name"] in NON_ASSET:
        raise not_found()
    return _asset_type(row)


@route("GET", "data/projects/<project_id>/asset-types")
def project_asset_types(req: Request) -> Any:
    project = require_project(req, req.params["project_id"])
    used = {a["entity_type_id"] for a in entity_rows(req.store, "Asset", project_id=project["id"])}
    rows = [r for r in asset_type_rows(req.store) if r["id"] in used]
    return [_asset_type(r, False) for r in sorted(rows, key=lambda r: r["name"])]


# -- entities: creation ----------------------------------------------------------------------------
def _new_entity(req: Request, project: Row, kind: str, body: dict[str, Any]) -> Row:
    """Create an entity of `kind` as Zou's project routes do (events included)."""
    name = body.get("name")
    if not name:
        raise abort_with(400, {"message": "A required field is missing."})
    row = _seed.entity_row(
        str(name),
        project["id"],
        entity_type_id(req.store, kind),
        (req.user or {}).get("id"),
        description=body.get("description"),
        data=body.get("data") or {},
        parent_id=body.get("parent_id"),
    )
    for key in ("nb_frames", "is_shared", "source_id"):
        if body.get(key) is not None:
            row[key] = body[key]
    check_unique(req, "entities", row, None)
    stored = req.store.insert("entities", row, type=kind)
    _emit_entity(req, stored, kind, "new")
    return stored


def _emit_entity(req: Request, row: Row, kind: str, action: str) -> None:
    prefix = "asset" if kind == "Asset" else kind.lower()
    payload: dict[str, Any] = {f"{prefix}_id": row["id"]}
    if action == "new" and kind == "Shot":
        parent = req.store.get("entities", row.get("parent_id")) or {}
        payload["episode_id"] = parent.get("parent_id")
    if action == "new" and kind == "Asset":
        payload["asset_type"] = row.get("entity_type_id")
        payload["episode_id"] = row.get("source_id")
    req.emit(f"{prefix}:{action}", payload, project_id=row.get("project_id"))


def _find_same(req: Request, project: Row, kind: str, name: str, parent_id: Any) -> Optional[Row]:
    for row in entity_rows(req.store, kind, project_id=project["id"], parent_id=parent_id):
        if row["name"] == name:
            return row
    return None


@route("POST", "data/projects/<project_id>/<kind>")
def new_project_entity(req: Request) -> Any:
    from ._fake import unsupported

    segment = req.params["kind"]
    if segment not in ("episodes", "sequences", "shots", "scenes", "edits", "concepts"):
        raise unsupported(req)
    kind = KINDS[segment]
    project = req.store.require("projects", req.params["project_id"])
    req.check_project_write(project["id"])
    body = dict(req.json() or {})
    parent_key = {"Sequence": "episode_id", "Shot": "sequence_id", "Scene": "sequence_id"}.get(
        kind, "parent_id"
    )
    parent_id = body.pop(parent_key, None) or None
    if kind == "Edit":
        parent_id = body.pop("episode_id", None) or None
    if parent_id is not None:
        parent = req.store.require("entities", parent_id)
        if parent.get("project_id") != project["id"]:
            raise not_found()
    existing = _find_same(req, project, kind, str(body.get("name") or ""), parent_id)
    if existing is not None:
        return json_response(_typed(existing, kind), 200)
    body["parent_id"] = parent_id
    if kind == "Shot":
        data = dict(body.get("data") or {})
        for key in ("frame_in", "frame_out", "fps"):
            if body.get(key) is not None:
                data[key] = body.pop(key)
        body["data"] = data
    row = _new_entity(req, project, kind, body)
    return json_response(_typed(row, kind), 201)


@route("POST", "data/projects/<project_id>/asset-types/<type_id>/assets/new")
def new_asset(req: Request) -> Any:
    project = req.store.require("projects", req.params["project_id"])
    req.check_project_write(project["id"])
    asset_type = req.store.require("entity-types", req.params["type_id"])
    body = dict(req.json() or {})
    body["source_id"] = body.pop("episode_id", None) or body.get("source_id")
    name = body.get("name")
    if not name:
        raise abort_with(400, {"message": "A required field is missing."})
    row = _seed.entity_row(
        str(name),
        project["id"],
        asset_type["id"],
        (req.user or {}).get("id"),
        description=body.get("description"),
        data=body.get("data") or {},
        source_id=body.get("source_id"),
        is_shared=bool(body.get("is_shared", False)),
    )
    stored = req.store.insert("entities", row, type="Asset")
    _emit_entity(req, stored, "Asset", "new")
    return json_response(_typed(stored, "Asset"), 201)


# -- entities: reading -----------------------------------------------------------------------------
def _shot_extra(store: Store, row: Row) -> Row:
    out = _typed(row, "Shot")
    sequence = store.get("entities", row.get("parent_id")) or {}
    out["project_name"] = project_name(store, row)
    out["sequence_name"] = sequence.get("name")
    return out


@route("GET", "data/projects/<project_id>/<kind>")
def project_entities(req: Request) -> Any:
    from ._fake import unsupported

    segment = req.params["kind"]
    project = require_project(req, req.params["project_id"])
    if segment == "assets":
        rows = entity_rows(req.store, "Asset", project_id=project["id"])
        return [_typed(r, "Asset") for r in rows if not r.get("canceled")]
    if segment not in KINDS:
        raise unsupported(req)
    kind = KINDS[segment]
    rows = entity_rows(req.store, kind, project_id=project["id"])
    return [_typed(r, kind) for r in rows if not r.get("canceled")]


@route("GET", "data/projects/<project_id>/asset-types/<type_id>/assets")
def project_assets_of_type(req: Request) -> Any:
    project = require_project(req, req.params["project_id"])
    rows = entity_rows(
        req.store, "Asset", project_id=project["id"], entity_type_id=req.params["type_id"]
    )
    return [_typed(r, "Asset") for r in rows if not r.get("canceled")]


def _children(req: Request, parent_kind: str, child_kind: str) -> Any:
    parent = require_entity(req, req.params["parent_id"], parent_kind)
    if parent_kind == "Episode" and child_kind == "Shot":
        sequences = {s["id"] for s in entity_rows(req.store, "Sequence", parent_id=parent["id"])}
        rows = [r for r in entity_rows(req.store, "Shot") if r.get("parent_id") in sequences]
    else:
        rows = entity_rows(req.store, child_kind, parent_id=parent["id"])
    if child_kind == "Shot":
        return [_shot_extra(req.store, r) for r in rows]
    return [_typed(r, child_kind) for r in rows]


@route("GET", "data/episodes/<parent_id>/sequences")
def episode_sequences(req: Request) -> Any:
    return _children(req, "Episode", "Sequence")


@route("GET", "data/episodes/<parent_id>/shots")
def episode_shots(req: Request) -> Any:
    return _children(req, "Episode", "Shot")


@route("GET", "data/sequences/<parent_id>/shots")
def sequence_shots(req: Request) -> Any:
    return _children(req, "Sequence", "Shot")


@route("GET", "data/sequences/<parent_id>/scenes")
def sequence_scenes(req: Request) -> Any:
    return _children(req, "Sequence", "Scene")


def _kind_list(req: Request, kind: str, with_names: bool) -> Any:
    rows = entity_rows(req.store, kind)
    query = dict(req.query)
    for alias in ("sequence_id", "episode_id"):
        if alias in query and kind in ("Shot", "Sequence", "Scene", "Edit"):
            query["parent_id"] = query.pop(alias)
    if kind == "Asset" and "episode_id" in query:
        query["source_id"] = query.pop("episode_id")
    if "asset_type_id" in query:
        query["entity_type_id"] = query.pop("asset_type_id")
    saved = req.query
    req.query = query
    try:
        out = list_rows(req, "entities", [r for r in rows if not r.get("canceled")])
    finally:
        req.query = saved
    items = out["data"] if isinstance(out, dict) else out
    for item in items:
        item["type"] = kind
        if kind == "Concept":
            item["entity_concept_links"] = item.get("entity_concept_links") or []
        if with_names and kind == "Shot":
            item.update(_shot_extra(req.store, item))
        elif with_names and kind == "Edit":
            item["project_name"] = project_name(req.store, item)
    return out


for _segment, _kind in list(KINDS.items()) + [("assets", "Asset")]:

    def _make(kind: str, with_names: bool) -> Any:
        def handler(req: Request) -> Any:
            return _kind_list(req, kind, with_names)

        return handler

    route("GET", f"data/{_segment}")(_make(_kind, False))
    route("GET", f"data/{_segment}/all")(_make(_kind, True))


#: The task columns Zou embeds in a shot's / an asset's detail (shots add the drawing counts).
_TASK_IN_ENTITY = (
    "id", "assignees", "data", "difficulty", "done_date", "due_date", "duration", "end_date",
    "entity_id", "estimation", "last_comment_date", "last_preview_file_id", "priority",
    "real_start_date", "retake_count", "start_date", "task_status_id", "task_type_id",
)  # fmt: skip


def _entity_tasks(req: Request, entity_id: str, shot: bool) -> list[Row]:
    user_id = (req.user or {}).get("id")
    subscribed = {s.get("task_id") for s in req.store.find("subscriptions", person_id=user_id)}
    out = []
    for task in req.store.find("tasks", entity_id=entity_id):
        row = {k: task.get(k) for k in _TASK_IN_ENTITY}
        if shot:
            row["nb_assets_ready"] = task.get("nb_assets_ready", 0)
            row["nb_drawings"] = task.get("nb_drawings", 0)
        row["is_subscribed"] = task["id"] in subscribed
        out.append(row)
    return out


@route("GET", "data/shots/<entity_id>")
def get_shot(req: Request) -> Any:
    row = require_entity(req, req.params["entity_id"], "Shot")
    out = serialize("entities", row, relations=True)
    sequence = req.store.get("entities", row.get("parent_id")) or {}
    episode = req.store.get("entities", sequence.get("parent_id")) or {}
    data = row.get("data") or {}
    out.update(
        {
            "type": "Shot",
            "project_name": project_name(req.store, row),
            "sequence_id": sequence.get("id"),
            "sequence_name": sequence.get("name"),
            "episode_id": episode.get("id"),
            "episode_name": episode.get("name"),
            "fps": data.get("fps"),
            "frame_in": data.get("frame_in"),
            "frame_out": data.get("frame_out"),
            "tasks": _entity_tasks(req, row["id"], shot=True),
        }
    )
    return out


@route("GET", "data/sequences/<entity_id>")
def get_sequence(req: Request) -> Any:
    row = require_entity(req, req.params["entity_id"], "Sequence")
    out = _typed(row, "Sequence")
    episode = req.store.get("entities", row.get("parent_id")) or {}
    out.update(
        {
            "project_name": project_name(req.store, row),
            "episode_id": episode.get("id"),
            "episode_name": episode.get("name"),
        }
    )
    return out


@route("GET", "data/episodes/<entity_id>")
def get_episode(req: Request) -> Any:
    row = require_entity(req, req.params["entity_id"], "Episode")
    return dict(_typed(row, "Episode"), project_name=project_name(req.store, row))


@route("GET", "data/scenes/<entity_id>")
def get_scene(req: Request) -> Any:
    row = require_entity(req, req.params["entity_id"], "Scene")
    sequence = req.store.get("entities", row.get("parent_id")) or {}
    return dict(
        _typed(row, "Scene"),
        project_name=project_name(req.store, row),
        sequence_id=sequence.get("id"),
        sequence_name=sequence.get("name"),
    )


@route("GET", "data/assets/<entity_id>")
def get_asset(req: Request) -> Any:
    row = require_entity(req, req.params["entity_id"], "Asset")
    out = serialize("entities", row, relations=True)
    out.pop("nb_frames", None)
    out.pop("source_id", None)
    asset_type = req.store.get("entity-types", row.get("entity_type_id")) or {}
    out.update(
        {
            "type": "Asset",
            "project_name": project_name(req.store, row),
            "asset_type_id": asset_type.get("id"),
            "asset_type_name": asset_type.get("name"),
            "episode_id": row.get("source_id") or "",
            "casting_episode_ids": _casting_episode_ids(req.store, row["id"]),
            "tasks": _entity_tasks(req, row["id"], shot=False),
        }
    )
    return out


# -- entities: updates and deletes -----------------------------------------------------------------
@route("PUT", "data/entities/<entity_id>")
def update_entity(req: Request) -> Any:
    row = req.store.require("entities", req.params["entity_id"])
    kind = kind_of(req.store, row)
    updated = update_row(req, "entities", row, req.json())
    if kind == "Shot" and isinstance(updated.get("data"), dict):
        pass
    return serialize("entities", updated, relations=True)


@route("PUT", "data/shots/<entity_id>")
def update_shot(req: Request) -> Any:
    row = req.store.require("entities", req.params["entity_id"])
    if kind_of(req.store, row) != "Shot":
        raise not_found()
    return serialize("entities", update_row(req, "entities", row, req.json()))


def _remove_entity(req: Request, kind: str) -> Any:
    row = req.store.require("entities", req.params["entity_id"])
    if kind_of(req.store, row) != kind:
        raise not_found()
    req.check_project_write(row.get("project_id"))
    _remove_entity_row(req, row, kind, req.flag("force"))
    return Response(204, {}, b"")


def _remove_entity_row(req: Request, row: Row, kind: str, force: bool) -> None:
    """Zou's removal of an entity: one with tasks is only canceled without `force`; one with
    children is refused without it."""
    tasks = req.store.find("tasks", entity_id=row["id"])
    children = req.store.find("entities", parent_id=row["id"])
    if kind in ("Shot", "Asset", "Edit", "Concept") and tasks and not force:
        req.store.update("entities", row["id"], {"canceled": True})
        _emit_entity(req, row, kind, "update")
        return
    if children and not force:
        raise abort(400, "Some data are still linked to given entity.")
    _delete_tree(req, row["id"])
    _emit_entity(req, row, kind, "delete")


def _remove_tasks(req: Request, tasks: list[Row]) -> None:
    """Tasks go with what they hang on, with their comments, previews and files when the tasks
    module is there (its remove_task, Zou's deletion_service.remove_task)."""
    try:
        from ._routes_tasks import remove_task
    except ImportError:  # pragma: no cover - the tasks module ships with the fake
        for task in tasks:
            req.store.tables.get("tasks", {}).pop(task["id"], None)
        return
    for task in tasks:
        if req.store.get("tasks", task["id"]) is not None:
            remove_task(req, task)


def _delete_tree(req: Request, entity_id: str) -> None:
    store = req.store
    for child in store.find("entities", parent_id=entity_id):
        _delete_tree(req, child["id"])
    _remove_tasks(req, store.find("tasks", entity_id=entity_id))
    for link in list(store.tables.get("entity-links", {}).values()):
        if entity_id in (link.get("entity_in_id"), link.get("entity_out_id")):
            store.tables["entity-links"].pop(link["id"], None)
    store.tables.get("entities", {}).pop(entity_id, None)


for _segment, _kind in list(KINDS.items()) + [("assets", "Asset")]:

    def _remover(kind: str) -> Any:
        def handler(req: Request) -> Any:
            return _remove_entity(req, kind)

        return handler

    route("DELETE", f"data/{_segment}/<entity_id>")(_remover(_kind))


# -- casting helpers (the casting routes are in _routes_breakdown.py) ------------------------------


def _links(store: Store, **columns: Any) -> list[Row]:
    return store.find("entity-links", **columns)


def _casting_episode_ids(store: Store, asset_id: str) -> list[str]:
    out = []
    for link in _links(store, entity_out_id=asset_id):
        entity = store.get("entities", link["entity_in_id"])
        if entity is not None and kind_of(store, entity) == "Episode":
            out.append(entity["id"])
    return out
