"""Projects (productions): their statuses, team and settings (task types, task statuses, asset
types, status automations, preview backgrounds); metadata columns, milestones, quotas and budgets
come from the `metadata` and `budget` operations and are generated into this module too."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from .._core.call import Ask, Call, Flow, delete, get, post, put
from .._core.errors import BadRequestError, InvalidInputError, NotFoundInKitsuError
from .._core.op_cache import cached
from .._core.refs import Ref, echo, to_id, to_ids, to_optional_id
from .._core.refs import require_name as _require_name
from .._core.rows import pick_by_name, sorted_by_name
from ..types import Person, Project, ProjectStatus
from .project_routes import as_mapping, choice, project_list, project_path, read_fresh

__all__ = [
    "PRODUCTION_STYLES", "PRODUCTION_TYPES", "TEAM_ROLES",
    "add_asset_type", "add_person_to_team", "add_preview_background_file",
    "add_status_automation", "add_task_status", "add_task_type", "all_open_projects",
    "all_project_status", "all_projects", "all_status_automations", "close_project",
    "get_preview_background_files", "get_project", "get_project_by_name",
    "get_project_status_by_name", "get_project_task_statuses", "get_project_task_types",
    "get_project_url", "get_team", "new_project", "remove_asset_type",
    "remove_person_from_team", "remove_preview_background_file", "remove_project",
    "remove_status_automation", "remove_task_status", "remove_task_type", "update_project",
    "update_project_data", "update_team_member_role",
]  # fmt: skip

# Zou stores any string of 20 characters as a production type; these are the ones Kitsu knows.
PRODUCTION_TYPES = ("short", "featurefilm", "tvshow", "shots", "assets")
# zou/app/models/project.py PROJECT_STYLES: anything else is a 400 "Invalid production_style".
PRODUCTION_STYLES = (
    "2d", "2dpaper", "3d", "2d3d", "ar", "vfx", "stop-motion", "motion-design", "archviz",
    "commercial", "catalog", "immersive", "nft", "video-game", "vr",
)  # fmt: skip
TEAM_ROLES = ("user", "supervisor", "manager", "client", "vendor")

# Link lists of a project that Zou resolves from ids on create and update.
_PROJECT_LINKS = {
    "team": "person", "asset_types": "asset type", "task_statuses": "task status",
    "task_types": "task type", "status_automations": "status automation",
    "preview_background_files": "preview background file",
}  # fmt: skip

# The link lists gazu's update_project turns into ids in the dict it is given.
_SAVED_LINKS = ("team", "asset_types", "task_statuses", "task_types")

_GAZU_ABSENT: dict[str, str] = {}


def _ref_from(value: Any, key: str, what: str) -> str:
    """An id from a ref, or from gazu's `{key: id}` payload dict."""
    if isinstance(value, Mapping) and key in value:
        return to_id(value[key], what)
    return to_id(value, what)


# -- project statuses --------------------------------------------------------------------------


@cached("project", "task-status")
def all_project_status() -> Call[list[ProjectStatus]]:
    """List the project statuses (Open, Closed, ...), sorted by name.

    Calls: GET /data/project-status
    """
    return get("data/project-status", then=sorted_by_name)


@cached("project", "task-status")
def get_project_status_by_name(project_status_name: str) -> Call[Optional[ProjectStatus]]:
    """The project status called `project_status_name` (case-insensitive), or None.

    Args:
        project_status_name: the project status's name ("Open", "Closed").

    Calls: GET /data/project-status?name=
    """
    name = _require_name(project_status_name, "project status name")
    return get("data/project-status", {"name": name}, then=lambda rows: pick_by_name(rows, name))


# -- projects ----------------------------------------------------------------------------------


@cached("project")
def all_projects() -> Call[list[Project]]:
    """List every project the user can see, open or closed, sorted by name.

    Calls: GET /data/projects
    """
    return get("data/projects", then=sorted_by_name)


@cached("project")
def all_open_projects() -> Call[list[Project]]:
    """List the open projects the user can see, sorted by name.

    Calls: GET /data/projects/open
    """
    return get("data/projects/open", then=sorted_by_name)


@cached("project")
def get_project(project_id: Ref) -> Call[Project]:
    """One project by id, with its settings (descriptors, task type priorities...).

    Args:
        project_id: the project's id (a dict or object with an `id` works too).

    Calls: GET /data/projects/{project_id}
    """
    return get(project_path(project_id))


@cached("project")
def get_project_url(project: Ref, section: str = "assets") -> Call[str]:
    """The web page of a project section, e.g. `https://kitsu.example.com/productions/<id>/assets/`.

    Args:
        project: the project (id or dict).
        section: the section of the project's pages ("assets", "shots", "edits", ...)

    Calls: nothing (built from the host).
    """
    project_id = to_id(project, "project")

    def page(host: str) -> str:
        site = host[: -len("/api")] if host.endswith("/api") else host
        return f"{site}/productions/{project_id}/{section}/"

    return Ask("host", then=page)


@cached("project")
def get_project_by_name(project_name: str) -> Call[Optional[Project]]:
    """The project called `project_name` (exact name first, then case-insensitive), or None.

    Args:
        project_name: the project's name.

    Calls: GET /data/projects?name=
    """
    name = _require_name(project_name, "project name")
    return get("data/projects", {"name": name}, then=lambda rows: pick_by_name(rows, name))


def new_project(
    name: str,
    production_type: str = "short",
    team: Optional[list[Ref]] = None,
    asset_types: Optional[list[Ref]] = None,
    task_statuses: Optional[list[Ref]] = None,
    task_types: Optional[list[Ref]] = None,
    production_style: str = "2d3d",
    project_template: Optional[Ref] = None,
) -> Flow[Project]:
    """Create a project; like gazu, return the existing one when the name is taken.

    A `tvshow` gets its first episode (E01) from Zou; its id is in `first_episode_id`.

    Args:
        name: the project name.
        production_type: one of PRODUCTION_TYPES (short, featurefilm, tvshow, shots, assets).
        team: persons (ids or dicts) to put in the team.
        asset_types: the asset types to enable in the project (ids or dicts).
        task_statuses: the task statuses to enable in the project (ids or dicts).
        task_types: the task types to enable in the project (ids or dicts).
        production_style: one of PRODUCTION_STYLES.
        project_template: a template whose settings Zou applies after creation.

    Calls: POST /data/projects (then GET /data/projects?name= when the name is taken)
    """
    name = _require_name(name, "project name")
    choice(production_type, PRODUCTION_TYPES, "production_type")
    choice(production_style, PRODUCTION_STYLES, "production_style")
    data: dict[str, Any] = {
        "name": name,
        "production_type": production_type,
        "production_style": production_style,
        "team": to_ids(team, "person"),
        "asset_types": to_ids(asset_types, "asset type"),
        "task_statuses": to_ids(task_statuses, "task status"),
        "task_types": to_ids(task_types, "task type"),
    }
    template_id = to_optional_id(project_template, "project template")
    if template_id:
        data["project_template_id"] = template_id
    return _create_or_find(data)


def _create_or_find(data: dict[str, Any]) -> Flow[Project]:
    try:
        created: Project = yield from post("data/projects", data)
    except BadRequestError as error:
        # Project names are unique: Zou answers "A record with the same unique values already
        # exists." rather than the existing project as it does for shots and sequences.
        existing = None
        if "unique" in error.message.lower():
            existing = yield from get_project_by_name(data["name"])
        if existing is None:
            raise
        return existing
    return created


def remove_project(project: Ref, force: bool = False) -> Call[str]:
    """Delete a closed project; `force` also deletes everything in it.

    Zou refuses to delete an open project (BadRequestError "Only closed projects can be
    deleted"): close it first with close_project. Without `force`, Zou 1.0.97 answers 500
    (ServerError) when anything still belongs to the project (a tvshow's first episode counts).

    Args:
        project: the project (id or dict).
        force: also delete everything in the project (without it, Zou 1.0.97 answers 500 while
            anything still belongs to it).

    Calls: DELETE /data/projects/{project_id}[?force=true]
    """
    path = project_path(project)
    params = {"force": True} if force else None
    return delete(path, params)


def update_project(project: Mapping[str, Any]) -> Call[Project]:
    """Save a project dict (must hold "id"). Its `data` replaces the stored one entirely:
    use update_project_data to change some metadata keys. The team is not changed here
    (Zou ignores it: use add_person_to_team). The dict given is not modified.

    Args:
        project: the project dict, with its `id` and the fields to save.

    Calls: PUT /data/projects/{project_id}
    """
    body = dict(as_mapping(project, "project"))
    path = project_path(body)
    for key, what in _PROJECT_LINKS.items():
        if key in body:
            body[key] = to_ids(body[key] or [], what)
    return put(path, body)


def update_project_data(project: Ref, data: Optional[Mapping[str, Any]] = None) -> Flow[Project]:
    """Set some keys of a project's metadata (`data`), keeping the others.

    Zou replaces a project's `data` as a whole, so this reads the current one (never from the
    cache) and writes the merge back. A concurrent writer between the two can still be lost.

    Args:
        project: the project (id or dict).
        data: the keys to set in the project's `data` (the other keys are kept).

    Calls: GET then PUT /data/projects/{project_id}
    """
    changes = dict(as_mapping(data if data is not None else {}, "data"))
    path = project_path(project)
    return _merge_data(path, changes)


def _merge_data(path: str, changes: dict[str, Any]) -> Flow[Project]:
    current = yield from read_fresh(path)
    merged = {**(current.get("data") or {}), **changes}
    updated: Project = yield from put(path, {"data": merged})
    return updated


def close_project(project: Ref) -> Flow[Project]:
    """Give a project the "Closed" status; returns the project given, with its new
    `project_status_id`.

    As gazu does, a project dict is changed in place and returned (its `team`, `asset_types`,
    `task_statuses` and `task_types` become lists of ids, as gazu's save leaves them); given an
    id, `{"id": ..., "project_status_id": ...}` comes back. The status is the first, by name,
    called "closed" in any case. Only the status is written: the other fields of a possibly
    stale dict are not sent back (gazu PUTs the whole dict). NotFoundInKitsuError (a
    ValueError) when no status is called "closed".

    Args:
        project: the project (id or dict).

    Calls: GET /data/project-status, PUT /data/projects/{project_id}
    """
    path = project_path(project)
    given: Any = project if isinstance(project, dict) else {"id": to_id(project, "project")}
    links = {key: to_ids(given[key], _PROJECT_LINKS[key]) for key in _SAVED_LINKS if key in given}
    statuses = yield from all_project_status()
    closed = next((row for row in statuses if str(row.get("name", "")).lower() == "closed"), None)
    if closed is None:
        raise NotFoundInKitsuError("this Kitsu has no project status called 'Closed'")
    given["project_status_id"] = closed["id"]
    given.update(links)
    yield from put(path, {"project_status_id": closed["id"]})
    result: Project = given
    return result


# -- team --------------------------------------------------------------------------------------


def get_team(project: Ref) -> Call[list[Person]]:
    """List the team of a project; each person has its `project_role` (None: global role).

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/team
    """
    return get(project_path(project, "team"))


def add_person_to_team(project: Ref, person: Ref, role: Optional[str] = None) -> Call[Project]:
    """Add a person to a project team, optionally with a role on this project only
    (user, supervisor, manager, client or vendor). Returns the project.

    Args:
        project: the project (id or dict).
        person: the person (id or dict).
        role: a role on this project only ("user", "supervisor", "manager", "client", "vendor");
            None: the person's global role.

    Calls: POST /data/projects/{project_id}/team
    """
    path = project_path(project, "team")
    body: dict[str, Any] = {"person_id": to_id(person, "person")}
    if role is not None:
        choice(role, TEAM_ROLES, "role")
        body["role"] = role
    return post(path, body)


def update_team_member_role(project: Ref, person: Ref, role: Optional[str]) -> Call[dict[str, Any]]:
    """Set the role a team member has on this project only; None restores their global role.

    Returns the team link: `{project_id, person_id, role}`.

    Args:
        project: the project (id or dict).
        person: the person (id or dict).
        role: the role on this project ("user", "supervisor", "manager", "client", "vendor"); None
            restores the global role.

    Calls: PUT /data/projects/{project_id}/team/{person_id}
    """
    path = project_path(project, "team", to_id(person, "person"))
    if role is not None:
        choice(role, TEAM_ROLES, "role")
    return put(path, {"role": role})


def remove_person_from_team(project: Ref, person: Ref) -> Call[str]:
    """Remove a person from a project team.

    Args:
        project: the project (id or dict).
        person: the person (id or dict).

    Calls: DELETE /data/projects/{project_id}/team/{person_id}
    """
    path = project_path(project, "team", to_id(person, "person"))
    return delete(path)


# -- settings: asset types, task types, task statuses, automations, backgrounds ----------------

# kind -> (settings path segment, body key, what to call it in errors)
_SETTINGS = {
    "asset_type": ("asset-types", "asset_type_id", "asset type"),
    "task_type": ("task-types", "task_type_id", "task type"),
    "task_status": ("task-status", "task_status_id", "task status"),
    "status_automation": ("status-automations", "status_automation_id", "status automation"),
    "preview_background_file": (
        "preview-background-files", "preview_background_file_id", "preview background file",
    ),
}  # fmt: skip


def _add_setting(project: Ref, kind: str, ref: Any, **extra: Any) -> Call[Project]:
    segment, key, what = _SETTINGS[kind]
    path = project_path(project, "settings", segment)
    body = {key: _ref_from(ref, key, what), **extra}
    return post(path, body)


def _remove_setting(project: Ref, kind: str, ref: Any) -> Call[str]:
    segment, key, what = _SETTINGS[kind]
    path = project_path(project, "settings", segment, _ref_from(ref, key, what))
    return delete(path)


def add_asset_type(project: Ref, asset_type: Ref) -> Call[Project]:
    """Enable an asset type in a project; returns the project.

    Args:
        project: the project (id or dict).
        asset_type: the asset type (id or dict).

    Calls: POST /data/projects/{project_id}/settings/asset-types
    """
    return _add_setting(project, "asset_type", asset_type)


def remove_asset_type(project: Ref, asset_type: Ref) -> Call[str]:
    """Disable an asset type in a project (not in gazu).

    Args:
        project: the project (id or dict).
        asset_type: the asset type (id or dict).

    Calls: DELETE /data/projects/{project_id}/settings/asset-types/{asset_type_id}
    """
    return _remove_setting(project, "asset_type", asset_type)


def add_task_type(project: Ref, task_type: Ref, priority: int) -> Call[Project]:
    """Enable a task type in a project at `priority` (its rank in the project); returns the
    project.

    Args:
        project: the project (id or dict).
        task_type: the task type (id or dict).
        priority: the task type's rank among the project's task types.

    Calls: POST /data/projects/{project_id}/settings/task-types
    """
    if isinstance(priority, bool) or not isinstance(priority, int):
        raise InvalidInputError(f"priority must be an int, got {echo(priority)}")
    return _add_setting(project, "task_type", task_type, priority=priority)


def remove_task_type(project: Ref, task_type: Ref) -> Call[str]:
    """Disable a task type in a project.

    Args:
        project: the project (id or dict).
        task_type: the task type (id or dict).

    Calls: DELETE /data/projects/{project_id}/settings/task-types/{task_type_id}
    """
    return _remove_setting(project, "task_type", task_type)


def add_task_status(project: Ref, task_status: Ref) -> Call[Project]:
    """Enable a task status in a project; returns the project.

    Args:
        project: the project (id or dict).
        task_status: the task status (id or dict).

    Calls: POST /data/projects/{project_id}/settings/task-status
    """
    return _add_setting(project, "task_status", task_status)


def remove_task_status(project: Ref, task_status: Ref) -> Call[str]:
    """Disable a task status in a project.

    Args:
        project: the project (id or dict).
        task_status: the task status (id or dict).

    Calls: DELETE /data/projects/{project_id}/settings/task-status/{task_status_id}
    """
    return _remove_setting(project, "task_status", task_status)


@cached("project", "task-type", "task")
def get_project_task_types(project: Ref) -> Call[list[Any]]:
    """List the task types enabled in a project.

    gazu GETs /settings/task-types, which Zou serves for POST only.

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/task-types
    """
    return project_list(project, "task-types")


@cached("project", "task-status", "task")
def get_project_task_statuses(project: Ref) -> Call[list[Any]]:
    """List the task statuses enabled in a project.

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/settings/task-status
    """
    return project_list(project, "settings/task-status")


@cached("project", "task-status")
def all_status_automations(project: Ref) -> Call[list[Any]]:
    """List the status automations enabled in a project.

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/settings/status-automations
    """
    return project_list(project, "settings/status-automations")


def add_status_automation(project: Ref, automation: Any) -> Call[Project]:
    """Enable a status automation in a project; returns the project.

    Args:
        automation: gazu's `{"status_automation_id": id}`, or the automation (id or dict).
        project: the project (id or dict).

    Calls: POST /data/projects/{project_id}/settings/status-automations
    """
    return _add_setting(project, "status_automation", automation)


def remove_status_automation(project: Ref, automation: Any) -> Call[str]:
    """Disable a status automation in a project.

    Args:
        project: the project (id or dict).
        automation: the status automation (id or dict).

    Calls: DELETE /data/projects/{project_id}/settings/status-automations/{automation_id}
    """
    return _remove_setting(project, "status_automation", automation)


@cached("project", "preview-file")
def get_preview_background_files(project: Ref) -> Call[list[Any]]:
    """List the preview background files (HDRIs of the 3D viewer) of a project.

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/settings/preview-background-files
    """
    return project_list(project, "settings/preview-background-files")


def add_preview_background_file(project: Ref, background_file: Any) -> Call[Project]:
    """Attach a preview background file to a project; returns the project.

    Args:
        background_file: gazu's `{"preview_background_file_id": id}`, or the file (id or dict).
        project: the project (id or dict).

    Calls: POST /data/projects/{project_id}/settings/preview-background-files
    """
    return _add_setting(project, "preview_background_file", background_file)


def remove_preview_background_file(project: Ref, background_file: Any) -> Call[str]:
    """Detach a preview background file from a project.

    Args:
        project: the project (id or dict).
        background_file: the preview background file (id or dict).

    Calls: DELETE /data/projects/{project_id}/settings/preview-background-files/{file_id}
    """
    return _remove_setting(project, "preview_background_file", background_file)
