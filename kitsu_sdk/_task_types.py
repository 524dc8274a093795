"""Task types and task statuses, the two vocabularies tasks are built from.

Private: `kitsu_sdk.task` re-exports every public name (gazu keeps them in its `task` module).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Optional, cast

from ._core.errors import BadRequestError, InvalidInputError, NotFoundInKitsuError
from ._core.refs import Ref, entity_dict, is_id, require_name, to_id, to_optional_id
from ._core.rows import pick_by_name, sorted_by_name
from .client import KitsuClient, resolve_client
from .types import TaskStatus, TaskType

__all__ = [
    "all_task_statuses",
    "all_task_statuses_for_project",
    "all_task_types",
    "all_task_types_for_asset",
    "all_task_types_for_concept",
    "all_task_types_for_episode",
    "all_task_types_for_project",
    "all_task_types_for_scene",
    "all_task_types_for_sequence",
    "all_task_types_for_shot",
    "get_default_task_status",
    "get_task_status",
    "get_task_status_by_name",
    "get_task_status_by_short_name",
    "get_task_type",
    "get_task_type_by_name",
    "get_task_type_by_short_name",
    "new_task_status",
    "new_task_type",
    "remove_task_status",
    "remove_task_type",
    "update_task_status",
    "update_task_type",
]

_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")

# entity kind -> collection under data/ that serves `<collection>/<id>/task-types`
_TASK_TYPE_ROUTES = {
    "shot": "shots",
    "asset": "assets",
    "sequence": "sequences",
    "episode": "episodes",
    "scene": "scenes",
    "concept": "concepts",
}


# -- helpers shared with task.py ---------------------------------------------------------------


def _color(color: Any) -> str:
    if not isinstance(color, str) or not _COLOR.match(color):
        raise InvalidInputError(f"a color must look like '#00FF00', got {color!r}")
    return color


def _status_id(task_status: Ref, client: Optional[KitsuClient]) -> str:
    """The id of a task status given as an id, a dict, an object with `.id` or a short name.

    Raises:
        NotFoundInKitsuError: (gazu's TaskStatusNotFoundException) no status has that short name.
    """
    if isinstance(task_status, str) and not is_id(task_status):
        short_name = require_name(task_status, "task status short name")
        found = get_task_status_by_short_name(short_name, client=client)
        if found is None:
            raise NotFoundInKitsuError(f"no task status has the short name {short_name!r}")
        return to_id(found, "task status")
    return to_id(task_status, "task status")


def _task_types_of(kind: str, entity: Ref, client: Optional[KitsuClient]) -> list[TaskType]:
    entity_id = to_id(entity, kind)
    rows = resolve_client(client).get(f"data/{_TASK_TYPE_ROUTES[kind]}/{entity_id}/task-types")
    return sorted_by_name(rows)


# -- task types ---------------------------------------------------------------------------------


def all_task_types(client: Optional[KitsuClient] = None) -> list[TaskType]:
    """List every task type of the studio, sorted by name.

    Calls: GET /data/task-types
    """
    return sorted_by_name(resolve_client(client).get("data/task-types"))


def all_task_types_for_project(
    project: Ref, client: Optional[KitsuClient] = None
) -> list[TaskType]:
    """List the task types enabled in a project, sorted by name.

    Calls: GET /data/projects/{project_id}/task-types
    """
    project_id = to_id(project, "project")
    return sorted_by_name(resolve_client(client).get(f"data/projects/{project_id}/task-types"))


def all_task_types_for_shot(shot: Ref, client: Optional[KitsuClient] = None) -> list[TaskType]:
    """List the task types of the tasks of a shot.

    Calls: GET /data/shots/{shot_id}/task-types
    """
    return _task_types_of("shot", shot, client)


def all_task_types_for_asset(asset: Ref, client: Optional[KitsuClient] = None) -> list[TaskType]:
    """List the task types of the tasks of an asset.

    Calls: GET /data/assets/{asset_id}/task-types
    """
    return _task_types_of("asset", asset, client)


def all_task_types_for_sequence(
    sequence: Ref, client: Optional[KitsuClient] = None
) -> list[TaskType]:
    """List the task types of the tasks of a sequence's shots and scenes (not its own tasks).

    Calls: GET /data/sequences/{sequence_id}/task-types
    """
    return _task_types_of("sequence", sequence, client)


def all_task_types_for_episode(
    episode: Ref, client: Optional[KitsuClient] = None
) -> list[TaskType]:
    """List the task types of the tasks of the shots and scenes of an episode's sequences.

    Calls: GET /data/episodes/{episode_id}/task-types
    """
    return _task_types_of("episode", episode, client)


def all_task_types_for_scene(scene: Ref, client: Optional[KitsuClient] = None) -> list[TaskType]:
    """List the task types of the tasks of a scene.

    Calls: GET /data/scenes/{scene_id}/task-types
    """
    return _task_types_of("scene", scene, client)


def all_task_types_for_concept(
    concept: Ref, client: Optional[KitsuClient] = None
) -> list[TaskType]:
    """List the task types of the tasks of a concept.

    Calls: GET /data/concepts/{concept_id}/task-types
    """
    return _task_types_of("concept", concept, client)


def get_task_type(task_type_id: Ref, client: Optional[KitsuClient] = None) -> TaskType:
    """Get a task type by id.

    Calls: GET /data/task-types/{task_type_id}
    """
    type_id = to_id(task_type_id, "task type")
    return cast(TaskType, resolve_client(client).get(f"data/task-types/{type_id}"))


def get_task_type_by_name(
    task_type_name: str,
    for_entity: Optional[str] = None,
    department: Optional[Ref] = None,
    client: Optional[KitsuClient] = None,
) -> Optional[TaskType]:
    """Find a task type by name (case-insensitive), or None.

    Args:
        task_type_name: the name, e.g. "Animation".
        for_entity: narrow to task types for "Asset", "Shot", "Sequence", "Episode", "Edit"…
        department: narrow to a department (dict or id).

    Calls: GET /data/task-types?name=…
    """
    name = require_name(task_type_name, "task type name")
    params = {
        "name": name,
        "for_entity": for_entity,
        "department_id": to_optional_id(department, "department"),
    }
    rows = resolve_client(client).get("data/task-types", params=params)
    return cast(Optional[TaskType], pick_by_name(rows, name))


def get_task_type_by_short_name(
    task_type_short_name: str,
    for_entity: Optional[str] = None,
    department: Optional[Ref] = None,
    client: Optional[KitsuClient] = None,
) -> Optional[TaskType]:
    """Find a task type by short name (exact match), or None.

    Calls: GET /data/task-types?short_name=…
    """
    short_name = require_name(task_type_short_name, "task type short name")
    params = {
        "short_name": short_name,
        "for_entity": for_entity,
        "department_id": to_optional_id(department, "department"),
    }
    rows = resolve_client(client).get("data/task-types", params=params)
    return cast(Optional[TaskType], rows[0] if rows else None)


def new_task_type(
    name: str,
    color: str = "#000000",
    for_entity: str = "Asset",
    client: Optional[KitsuClient] = None,
) -> TaskType:
    """Create a task type; returns the existing one when that name exists for `for_entity`.

    Calls: POST /data/task-types (then GET /data/task-types?name=… when Zou refuses the name)
    """
    name = require_name(name, "task type name")
    for_entity = require_name(for_entity, "for_entity")
    data = {"name": name, "color": _color(color), "for_entity": for_entity}
    c = resolve_client(client)
    try:
        return cast(TaskType, c.post("data/task-types", data))
    except BadRequestError:
        # Zou refuses a name already used (ignoring case) by any task type; gazu returned the
        # existing one when it is for the same kind of entity.
        existing = get_task_type_by_name(name, for_entity, client=c)
        if existing is None:
            raise
        return existing


def update_task_type(
    task_type: Mapping[str, Any], client: Optional[KitsuClient] = None
) -> TaskType:
    """Save the fields of a task type dict (it must carry its `id`).

    Calls: PUT /data/task-types/{task_type_id}
    """
    data = entity_dict(task_type, "task type")
    return cast(TaskType, resolve_client(client).put(f"data/task-types/{data['id']}", data))


def remove_task_type(
    task_type: Ref, force: bool = False, client: Optional[KitsuClient] = None
) -> None:
    """Delete a task type.

    Zou refuses (BadRequestError) while tasks use it, and while it is enabled in a project or
    scheduled unless `force` is True, which detaches it first.

    Calls: DELETE /data/task-types/{task_type_id}
    """
    type_id = to_id(task_type, "task type")
    params = {"force": True} if force else None
    resolve_client(client).delete(f"data/task-types/{type_id}", params)


# -- task statuses ------------------------------------------------------------------------------


def all_task_statuses(client: Optional[KitsuClient] = None) -> list[TaskStatus]:
    """List every task status of the studio, sorted by name.

    Calls: GET /data/task-status
    """
    return sorted_by_name(resolve_client(client).get("data/task-status"))


def all_task_statuses_for_project(
    project: Ref, client: Optional[KitsuClient] = None
) -> list[TaskStatus]:
    """List the task statuses enabled in a project, sorted by name.

    Calls: GET /data/projects/{project_id}/settings/task-status
    """
    project_id = to_id(project, "project")
    rows = resolve_client(client).get(f"data/projects/{project_id}/settings/task-status")
    return sorted_by_name(rows)


def get_task_status(task_status_id: Ref, client: Optional[KitsuClient] = None) -> TaskStatus:
    """Get a task status by id.

    Calls: GET /data/task-status/{task_status_id}
    """
    status_id = to_id(task_status_id, "task status")
    return cast(TaskStatus, resolve_client(client).get(f"data/task-status/{status_id}"))


def get_task_status_by_name(
    name: str, client: Optional[KitsuClient] = None
) -> Optional[TaskStatus]:
    """Find a task status by name (case-insensitive), or None.

    Calls: GET /data/task-status?name=…
    """
    name = require_name(name, "task status name")
    rows = resolve_client(client).get("data/task-status", params={"name": name})
    return cast(Optional[TaskStatus], pick_by_name(rows, name))


def get_task_status_by_short_name(
    task_status_short_name: str, client: Optional[KitsuClient] = None
) -> Optional[TaskStatus]:
    """Find a task status by short name ("wip", "done"…; exact match), or None.

    Calls: GET /data/task-status?short_name=…
    """
    short_name = require_name(task_status_short_name, "task status short name")
    rows = resolve_client(client).get("data/task-status", params={"short_name": short_name})
    return cast(Optional[TaskStatus], rows[0] if rows else None)


def get_default_task_status(client: Optional[KitsuClient] = None) -> Optional[TaskStatus]:
    """The status new tasks start on ("Todo" out of the box), or None.

    Calls: GET /data/task-status?is_default=true&for_concept=false
    """
    # Zou flags two statuses `is_default`: the one for tasks and "Neutral", the one for concepts.
    params = {"is_default": True, "for_concept": False}
    rows = resolve_client(client).get("data/task-status", params=params)
    return cast(Optional[TaskStatus], rows[0] if rows else None)


def new_task_status(
    name: str, short_name: str, color: str, client: Optional[KitsuClient] = None
) -> TaskStatus:
    """Create a task status.

    Args:
        name: e.g. "Waiting For Approval".
        short_name: e.g. "wfa"; Zou keeps short names unique.
        color: "#RRGGBB".

    Calls: POST /data/task-status
    """
    data = {
        "name": require_name(name, "task status name"),
        "short_name": require_name(short_name, "task status short name"),
        "color": _color(color),
    }
    return cast(TaskStatus, resolve_client(client).post("data/task-status", data))


def update_task_status(
    task_status: Mapping[str, Any], client: Optional[KitsuClient] = None
) -> TaskStatus:
    """Save the fields of a task status dict (it must carry its `id`).

    Calls: PUT /data/task-status/{task_status_id}
    """
    data = entity_dict(task_status, "task status")
    return cast(TaskStatus, resolve_client(client).put(f"data/task-status/{data['id']}", data))


def remove_task_status(task_status: Ref, client: Optional[KitsuClient] = None) -> None:
    """Delete a task status (forced, as gazu does).

    Calls: DELETE /data/task-status/{task_status_id}?force=true
    """
    status_id = to_id(task_status, "task status")
    resolve_client(client).delete(f"data/task-status/{status_id}", {"force": True})
