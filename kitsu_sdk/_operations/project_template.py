"""Project templates: reusable production settings (task types, task statuses, asset types, status
automations, preview backgrounds, metadata columns), made from scratch or from a project, and
applied to projects."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from .._core.call import Call, delete, get, post, put
from .._core.errors import InvalidInputError
from .._core.op_cache import cached
from .._core.refs import Ref, echo, require_name, to_id, to_ids, to_optional_id
from .._core.rows import pick_by_name, sorted_by_name
from ..types import Project
from .metadata import METADATA_DATA_TYPES, METADATA_ENTITY_TYPES
from .project import PRODUCTION_STYLES, PRODUCTION_TYPES
from .project_routes import as_mapping, choice

_GAZU_ABSENT: dict[str, str] = {}

# The roles Zou accepts in a task status link's `roles_for_board` (zou/app/models/person.py
# ROLE_TYPES). Zou stores any other string, answers 500, and then fails every read of the
# template's task statuses: unknown roles are refused here, before sending.
_BOARD_ROLES = ("user", "admin", "supervisor", "manager", "client", "vendor")

# Column sizes of zou/app/models/project_template.py: a longer value is a 500 from PostgreSQL.
_SIZES = {"name": 80, "fps": 10, "ratio": 10, "resolution": 12, "production_type": 20}

# The template's link lists, as its GET returns them (ids). Zou ignores the first four in a PUT
# but resets the preview background links from the fifth: a stale dict would unlink the
# backgrounds added since it was read. The link routes below manage all five.
_LINK_LISTS = (
    "task_types", "task_statuses", "asset_types", "status_automations",
    "preview_background_files",
)  # fmt: skip

# link kind -> (route segment under the template, body key, what to call it in errors)
_LINKS = {
    "task_type": ("task-types", "task_type_id", "task type"),
    "task_status": ("task-statuses", "task_status_id", "task status"),
    "asset_type": ("asset-types", "asset_type_id", "asset type"),
    "status_automation": ("status-automations", "status_automation_id", "status automation"),
    "preview_background_file": (
        "preview-background-files", "preview_background_file_id", "preview background file",
    ),
}  # fmt: skip


# -- helpers ----------------------------------------------------------------------------------


def _path(project_template: Ref, *parts: str) -> str:
    """`data/project-templates/<id>/<parts...>` with the template id checked."""
    return "/".join(
        [f"data/project-templates/{to_id(project_template, 'project template')}", *parts]
    )


def _rows(answer: Any) -> list[dict[str, Any]]:
    """`then` for the link lists: Zou's order (task types and statuses by priority, then name)."""
    return list(answer or [])


def _sized(value: Any, key: str) -> str:
    """A text setting, numbers accepted (fps=24), within Zou's column size."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InvalidInputError(f"{key} must be a string, got {echo(value)}")
    text = str(value)
    if len(text) > _SIZES[key]:
        raise InvalidInputError(f"{key} is at most {_SIZES[key]} characters, got {echo(text)}")
    return text


def _name(value: Any) -> str:
    return _sized(require_name(value, "project template name"), "name")


def _check_style(data: Mapping[str, Any]) -> None:
    """Zou stores an unknown production style with a 500, then fails every read of the
    template list: refuse it before sending."""
    if "production_style" in data:
        choice(data["production_style"], PRODUCTION_STYLES, "production_style")


def _priority(priority: Optional[int]) -> Optional[int]:
    if priority is not None and (isinstance(priority, bool) or not isinstance(priority, int)):
        raise InvalidInputError(f"priority must be an int, got {echo(priority)}")
    return priority


def _roles(roles: Optional[list[str]]) -> Optional[list[str]]:
    if roles is None:
        return None
    if isinstance(roles, str) or not all(isinstance(role, str) for role in roles):
        raise InvalidInputError(f"roles_for_board must be a list of role names, got {echo(roles)}")
    for role in roles:
        choice(role, _BOARD_ROLES, "each of roles_for_board")
    return list(roles)


def _descriptor(entry: Any) -> dict[str, Any]:
    """A metadata descriptor of the snapshot, checked as Zou will create it on apply."""
    descriptor = dict(as_mapping(entry, "each metadata descriptor"))
    descriptor["name"] = require_name(descriptor.get("name"), "metadata descriptor name")
    choice(descriptor.get("entity_type"), METADATA_ENTITY_TYPES, "entity_type")
    if descriptor.get("data_type") is not None:
        choice(descriptor["data_type"], METADATA_DATA_TYPES, "data_type")
    if descriptor.get("departments"):
        descriptor["departments"] = to_ids(descriptor["departments"], "department")
    if descriptor.get("task_type_id") is not None:
        descriptor["task_type_id"] = to_id(descriptor["task_type_id"], "task type")
    return descriptor


def _add(project_template: Ref, kind: str, ref: Ref, **extra: Any) -> Call[dict[str, Any]]:
    segment, key, what = _LINKS[kind]
    path = _path(project_template, segment)
    return post(path, {key: to_id(ref, what), **extra})


def _remove(project_template: Ref, kind: str, ref: Ref) -> Call[str]:
    segment, _key, what = _LINKS[kind]
    return delete(_path(project_template, segment, to_id(ref, what)))


def _links(project_template: Ref, kind: str) -> Call[list[dict[str, Any]]]:
    return get(_path(project_template, _LINKS[kind][0]), then=_rows)


# -- templates --------------------------------------------------------------------------------


@cached("project-template", "project")
def all_project_templates() -> Call[list[dict[str, Any]]]:
    """List every project template (manager rights needed), sorted by name.

    Calls: GET /data/project-templates
    """
    return get("data/project-templates", then=sorted_by_name)


@cached("project-template", "project")
def get_project_template(project_template_id: Ref) -> Call[dict[str, Any]]:
    """One project template by id, with the ids of its linked task types, task statuses, asset
    types, status automations and preview background files.

    Args:
        project_template_id: the project template's id (a dict or object with an `id` works too).

    Calls: GET /data/project-templates/{project_template_id}
    """
    return get(_path(project_template_id))


@cached("project-template", "project")
def get_project_template_by_name(name: str) -> Call[Optional[dict[str, Any]]]:
    """The project template called `name` (exact name first, then case-insensitive), or None.

    Args:
        name: the name to look for.

    Calls: GET /data/project-templates?name=
    """
    wanted = require_name(name, "project template name")
    return get(
        "data/project-templates", {"name": wanted}, then=lambda rows: pick_by_name(rows, wanted)
    )


def new_project_template(
    name: str,
    description: Optional[str] = None,
    fps: Optional[str] = None,
    ratio: Optional[str] = None,
    resolution: Optional[str] = None,
    production_type: Optional[str] = None,
    production_style: Optional[str] = None,
) -> Call[dict[str, Any]]:
    """Create an empty project template; the settings left to None get Zou's defaults (25 fps,
    16:9, 1920x1080, short, 2d3d). Zou answers 400 when the name is taken.

    Args:
        name: a name no other template has.
        description: free text.
        fps: the frame rate of the projects made from it, such as "24" (None: Zou's default).
        ratio: the picture ratio of the projects made from it, such as "16:9".
        resolution: the resolution of the projects made from it, such as "1920x1080".
        production_type: one of PRODUCTION_TYPES of the project module (short, tvshow, ...).
        production_style: one of PRODUCTION_STYLES of the project module (2d, 3d, 2d3d, ...).

    Calls: POST /data/project-templates
    """
    body: dict[str, Any] = {"name": _name(name), "description": description}
    for key, value in (("fps", fps), ("ratio", ratio), ("resolution", resolution)):
        if value is not None:
            body[key] = _sized(value, key)
    if production_type is not None:
        choice(production_type, PRODUCTION_TYPES, "production_type")
        body["production_type"] = production_type
    if production_style is not None:
        body["production_style"] = production_style
    _check_style(body)
    return post("data/project-templates", body)


def update_project_template(project_template: Mapping[str, Any]) -> Call[dict[str, Any]]:
    """Save the fields of a project template dict (it must hold "id"); returns the template.

    The link lists of the dict (task_types, ..., preview_background_files) are not sent: Zou
    would reset the preview background links from a stale copy. Change links with the add_* and
    remove_* functions. The dict given is not modified.

    Args:
        project_template: the project template dict, with its `id` and the fields to save.

    Calls: PUT /data/project-templates/{project_template_id}
    """
    body = dict(as_mapping(project_template, "project_template"))
    path = _path(body)
    for key in _LINK_LISTS:
        body.pop(key, None)
    if "name" in body:
        body["name"] = _name(body["name"])
    for key in ("fps", "ratio", "resolution", "production_type"):
        if body.get(key) is not None:
            body[key] = _sized(body[key], key)
    _check_style(body)
    return put(path, body)


def remove_project_template(project_template: Ref) -> Call[str]:
    """Delete a project template (the projects made from it are not touched); returns Zou's
    empty answer, "", as gazu does.

    Args:
        project_template: the project template (id or dict).

    Calls: DELETE /data/project-templates/{project_template_id}
    """
    return delete(_path(project_template))


def new_project_template_from_project(
    project: Ref, name: str, description: Optional[str] = None
) -> Call[dict[str, Any]]:
    """Create a template from a project's settings: production settings, task types and task
    statuses (with priorities and board roles), asset types, status automations, preview
    backgrounds and metadata columns. No team, dates, tasks or entities.

    Args:
        project: the project (id or dict).
        name: the new template's name.
        description: free text.

    Calls: POST /data/project-templates/from-project/{project_id}
    """
    project_id = to_id(project, "project")
    body = {"name": _name(name), "description": description}
    return post(f"data/project-templates/from-project/{project_id}", body)


def apply_project_template(project: Ref, project_template: Ref) -> Call[Project]:
    """Give a project the settings of a template; returns the project, without its link lists
    (read the project for them).

    What the project already has is kept: the template's links are added when missing, its
    production settings overwrite the project's, its metadata columns are created when no
    column of that name exists.

    Args:
        project: the project (id or dict).
        project_template: the project template (id or dict).

    Calls: POST /data/projects/{project_id}/apply-template/{project_template_id}
    """
    project_id = to_id(project, "project")
    template_id = to_id(project_template, "project template")
    return post(f"data/projects/{project_id}/apply-template/{template_id}", {})


# -- links ------------------------------------------------------------------------------------


@cached("project-template", "task-type", "task", "project")
def all_task_types_for_project_template(project_template: Ref) -> Call[list[dict[str, Any]]]:
    """List the task types of a template, each with the link's priority, bitrates and client
    visibility, by priority then name.

    Args:
        project_template: the project template (id or dict).

    Calls: GET /data/project-templates/{project_template_id}/task-types
    """
    return _links(project_template, "task_type")


def add_task_type_to_project_template(
    project_template: Ref, task_type: Ref, priority: Optional[int] = None
) -> Call[dict[str, Any]]:
    """Link a task type to a template (or change the priority of its link); returns the link.

    Args:
        project_template: the project template (id or dict).
        task_type: the task type (id or dict).
        priority: the rank among the others (a lower one comes first).

    Calls: POST /data/project-templates/{project_template_id}/task-types
    """
    extra = {} if priority is None else {"priority": _priority(priority)}
    return _add(project_template, "task_type", task_type, **extra)


def remove_task_type_from_project_template(project_template: Ref, task_type: Ref) -> Call[str]:
    """Unlink a task type from a template (nothing happens when it is not linked); returns "".

    Args:
        project_template: the project template (id or dict).
        task_type: the task type (id or dict).

    Calls: DELETE /data/project-templates/{project_template_id}/task-types/{task_type_id}
    """
    return _remove(project_template, "task_type", task_type)


@cached("project-template", "task-status", "task", "project")
def all_task_statuses_for_project_template(project_template: Ref) -> Call[list[dict[str, Any]]]:
    """List the task statuses of a template, each with the link's priority, `roles_for_board`
    and `link_is_client_allowed` (None: the studio's `is_client_allowed`), by priority then name.

    Args:
        project_template: the project template (id or dict).

    Calls: GET /data/project-templates/{project_template_id}/task-statuses
    """
    return _links(project_template, "task_status")


def add_task_status_to_project_template(
    project_template: Ref,
    task_status: Ref,
    priority: Optional[int] = None,
    roles_for_board: Optional[list[str]] = None,
) -> Call[dict[str, Any]]:
    """Link a task status to a template (or change the link's priority or board roles); returns
    the link.

    Args:
        priority: its rank among the template's statuses.
        roles_for_board: the roles that see it on the board ("user", "admin", "supervisor",
            "manager", "client", "vendor"); Zou's default is all but "client".
        project_template: the project template (id or dict).
        task_status: the task status (id or dict).

    Calls: POST /data/project-templates/{project_template_id}/task-statuses
    """
    extra: dict[str, Any] = {}
    if priority is not None:
        extra["priority"] = _priority(priority)
    if roles_for_board is not None:
        extra["roles_for_board"] = _roles(roles_for_board)
    return _add(project_template, "task_status", task_status, **extra)


def remove_task_status_from_project_template(project_template: Ref, task_status: Ref) -> Call[str]:
    """Unlink a task status from a template (nothing happens when it is not linked); returns "".

    Args:
        project_template: the project template (id or dict).
        task_status: the task status (id or dict).

    Calls: DELETE /data/project-templates/{project_template_id}/task-statuses/{task_status_id}
    """
    return _remove(project_template, "task_status", task_status)


@cached("project-template", "asset-type", "asset", "project")
def all_asset_types_for_project_template(project_template: Ref) -> Call[list[dict[str, Any]]]:
    """List the asset types of a template, as `{"id", "name"}` rows.

    Args:
        project_template: the project template (id or dict).

    Calls: GET /data/project-templates/{project_template_id}/asset-types
    """
    return _links(project_template, "asset_type")


def add_asset_type_to_project_template(
    project_template: Ref, asset_type: Ref
) -> Call[dict[str, Any]]:
    """Link an asset type to a template; returns it as `{"id", "name"}`.

    Args:
        project_template: the project template (id or dict).
        asset_type: the asset type (id or dict).

    Calls: POST /data/project-templates/{project_template_id}/asset-types
    """
    return _add(project_template, "asset_type", asset_type)


def remove_asset_type_from_project_template(project_template: Ref, asset_type: Ref) -> Call[str]:
    """Unlink an asset type from a template (nothing happens when it is not linked); returns "".

    Args:
        project_template: the project template (id or dict).
        asset_type: the asset type (id or dict).

    Calls: DELETE /data/project-templates/{project_template_id}/asset-types/{asset_type_id}
    """
    return _remove(project_template, "asset_type", asset_type)


@cached("project-template", "project", "task-status")
def all_status_automations_for_project_template(
    project_template: Ref,
) -> Call[list[dict[str, Any]]]:
    """List the status automations of a template.

    Args:
        project_template: the project template (id or dict).

    Calls: GET /data/project-templates/{project_template_id}/status-automations
    """
    return _links(project_template, "status_automation")


def add_status_automation_to_project_template(
    project_template: Ref, status_automation: Ref
) -> Call[dict[str, Any]]:
    """Link a status automation to a template; returns the automation.

    Args:
        project_template: the project template (id or dict).
        status_automation: the status automation (id or dict).

    Calls: POST /data/project-templates/{project_template_id}/status-automations
    """
    return _add(project_template, "status_automation", status_automation)


def remove_status_automation_from_project_template(
    project_template: Ref, status_automation: Ref
) -> Call[str]:
    """Unlink a status automation from a template (nothing happens when it is not linked);
    returns "".

    Args:
        project_template: the project template (id or dict).
        status_automation: the status automation (id or dict).

    Calls: DELETE /data/project-templates/{project_template_id}/status-automations/
    {status_automation_id}
    """
    return _remove(project_template, "status_automation", status_automation)


@cached("project-template", "preview-file", "project")
def all_preview_background_files_for_project_template(
    project_template: Ref,
) -> Call[list[dict[str, Any]]]:
    """List the preview background files of a template, as `{"id", "name", "is_default"}` rows
    (`is_default`: the file's studio-wide flag, not the template's default).

    Args:
        project_template: the project template (id or dict).

    Calls: GET /data/project-templates/{project_template_id}/preview-background-files
    """
    return _links(project_template, "preview_background_file")


def add_preview_background_file_to_project_template(
    project_template: Ref, preview_background_file: Ref
) -> Call[dict[str, Any]]:
    """Link a preview background file to a template; returns it as `{"id", "name",
    "is_default"}`.

    Args:
        project_template: the project template (id or dict).
        preview_background_file: the preview background file (id or dict).

    Calls: POST /data/project-templates/{project_template_id}/preview-background-files
    """
    return _add(project_template, "preview_background_file", preview_background_file)


def remove_preview_background_file_from_project_template(
    project_template: Ref, preview_background_file: Ref
) -> Call[str]:
    """Unlink a preview background file from a template; it stops being the template's default
    if it was. Returns "".

    Args:
        project_template: the project template (id or dict).
        preview_background_file: the preview background file (id or dict).

    Calls: DELETE /data/project-templates/{project_template_id}/preview-background-files/
    {preview_background_file_id}
    """
    return _remove(project_template, "preview_background_file", preview_background_file)


def set_project_template_default_preview_background_file(
    project_template: Ref, preview_background_file: Optional[Ref]
) -> Call[dict[str, Any]]:
    """Make a linked preview background file the template's default (None: no default);
    returns the template. Zou answers 400 for a file not linked to the template.

    Args:
        project_template: the project template (id or dict).
        preview_background_file: the preview background file (id or dict).

    Calls: PUT /data/project-templates/{project_template_id}/default-preview-background-file
    """
    path = _path(project_template, "default-preview-background-file")
    file_id = to_optional_id(preview_background_file, "preview background file")
    return put(path, {"default_preview_background_file_id": file_id})


def set_project_template_metadata_descriptors(
    project_template: Ref, descriptors: list[dict[str, Any]]
) -> Call[dict[str, Any]]:
    """Replace the metadata columns a template creates in the projects it is applied to;
    returns the template.

    Args:
        descriptors: the whole new list (the old one is dropped), each a dict with `name`,
            `entity_type` (one of METADATA_ENTITY_TYPES of the metadata module: "Asset",
            "Shot", ...; a "Task" column also needs `task_type_id`), `data_type` (one of
            METADATA_DATA_TYPES: "string", "list", ...), and optionally `choices`, `for_client`,
            `departments` (ids or dicts), `position`. Zou fills in `field_name`.
        project_template: the project template (id or dict).

    Calls: PUT /data/project-templates/{project_template_id}/metadata-descriptors
    """
    path = _path(project_template, "metadata-descriptors")
    given: Any = descriptors
    if isinstance(given, (str, Mapping)) or not isinstance(given, (list, tuple)):
        raise InvalidInputError(
            f"descriptors must be a list of descriptor dicts, got {type(given).__name__}"
        )
    return put(path, {"metadata_descriptors": [_descriptor(entry) for entry in given]})
