"""data/user/...: the requester's productions (zou/app/services/user_service.py): open projects
of their team, and the entities of a project in which they have a task assigned."""

from __future__ import annotations

from typing import Any

from ._fake import Request, Row, route
from ._routes_production import entity_rows, kind_of, plain, project_detail, require_project


def _open(req: Request, project_id: Any) -> bool:
    project = req.store.get("projects", project_id) or {}
    status = req.store.get("project-status", project.get("project_status_id")) or {}
    return status.get("name") == "Open"


def _assigned_entity_ids(req: Request, project_id: Any = None) -> set[str]:
    user_id = (req.user or {}).get("id")
    return {
        str(task.get("entity_id"))
        for task in req.store.all("tasks")
        if user_id in (task.get("assignees") or [])
        and (project_id is None or task.get("project_id") == project_id)
        and _open(req, task.get("project_id"))
    }


def _typed(rows: list[Row], kind: str) -> list[Row]:
    return [dict(plain(r), type=kind) for r in rows]


@route("GET", "data/user/projects/open")
def user_open_projects(req: Request) -> Any:
    name = req.arg("name")
    return [
        project_detail(req, p)
        for p in req.store.all("projects")
        if _open(req, p["id"])
        and (req.is_admin or req.in_team(p["id"]))
        and (name is None or p["name"] == name)
    ]


@route("GET", "data/user/projects/<project_id>/asset-types")
def user_asset_types(req: Request) -> Any:
    project = require_project(req, req.params["project_id"])
    assigned = _assigned_entity_ids(req, project["id"])
    used = {
        a["entity_type_id"]
        for a in entity_rows(req.store, "Asset", project_id=project["id"])
        if a["id"] in assigned
    }
    rows = [r for r in req.store.all("entity-types") if r["id"] in used]
    return [dict({k: v for k, v in r.items() if k != "task_types"}, type="AssetType") for r in rows]


@route("GET", "data/user/projects/<project_id>/asset-types/<type_id>/assets")
def user_assets(req: Request) -> Any:
    project = require_project(req, req.params["project_id"])
    assigned = _assigned_entity_ids(req, project["id"])
    rows = entity_rows(
        req.store, "Asset", project_id=project["id"], entity_type_id=req.params["type_id"]
    )
    return _typed([r for r in rows if r["id"] in assigned], "Asset")


def _parents_of_assigned(req: Request, project_id: str, child: str, parent: str) -> list[Row]:
    assigned = _assigned_entity_ids(req, project_id)
    parents: dict[str, Row] = {}
    for row in entity_rows(req.store, child, project_id=project_id):
        if row["id"] in assigned:
            found = req.store.get("entities", row.get("parent_id"))
            if found is not None and kind_of(req.store, found) == parent:
                parents[found["id"]] = found
    return list(parents.values())


@route("GET", "data/user/projects/<project_id>/sequences")
def user_sequences(req: Request) -> Any:
    project = require_project(req, req.params["project_id"])
    return _typed(_parents_of_assigned(req, project["id"], "Shot", "Sequence"), "Sequence")


@route("GET", "data/user/projects/<project_id>/episodes")
def user_episodes(req: Request) -> Any:
    project = require_project(req, req.params["project_id"])
    sequences = _parents_of_assigned(req, project["id"], "Shot", "Sequence")
    episodes: dict[str, Row] = {}
    for sequence in sequences:
        found = req.store.get("entities", sequence.get("parent_id"))
        if found is not None:
            episodes[found["id"]] = found
    return _typed(list(episodes.values()), "Episode")


def _children_assigned(req: Request, kind: str) -> Any:
    sequence = req.store.require("entities", req.params["sequence_id"])
    assigned = _assigned_entity_ids(req)
    rows = entity_rows(req.store, kind, parent_id=sequence["id"])
    return _typed([r for r in rows if r["id"] in assigned], kind)


@route("GET", "data/user/sequences/<sequence_id>/shots")
def user_sequence_shots(req: Request) -> Any:
    return _children_assigned(req, "Shot")


@route("GET", "data/user/sequences/<sequence_id>/scenes")
def user_sequence_scenes(req: Request) -> Any:
    return _children_assigned(req, "Scene")


@route("GET", "data/user/context")
def user_context(req: Request) -> Any:
    """What Kitsu's web app loads first (user_service.get_context), as far as the fake models."""
    from ._routes_crud import serialize
    from ._routes_production import asset_type_rows

    projects = []
    for project in req.store.all("projects"):
        if _open(req, project["id"]) and (req.is_admin or req.in_team(project["id"])):
            detail = project_detail(req, project)
            detail.pop("first_episode_id", None)
            detail.pop("project_status_name", None)
            projects.append(detail)
    return {
        "asset_types": [dict(r, type="AssetType") for r in asset_type_rows(req.store)],
        "custom_actions": [],
        "status_automations": [],
        "departments": req.store.all("departments"),
        "studios": req.store.all("studios"),
        "notification_count": len(
            [
                n
                for n in req.store.find("notifications", person_id=(req.user or {}).get("id"))
                if not n.get("read")
            ]
        ),
        "persons": [serialize("persons", p, relations=True) for p in req.store.all("persons")],
        "project_status": req.store.all("project-status"),
        "project_roles": {
            p["id"]: role
            for p in req.store.all("projects")
            for person_id, role in (p.get("_team_roles") or {}).items()
            if person_id == (req.user or {}).get("id") and role
        },
        "projects": projects,
        "task_types": req.store.all("task-types"),
        "task_status": req.store.all("task-status"),
        "search_filters": {},
        "search_filter_groups": {},
        "preview_background_files": [],
        "plugins": [],
        "user_limit": 100,
    }
