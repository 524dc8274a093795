"""Task types and task statuses, the two vocabularies tasks are built from (public in `task`,
where gazu keeps them)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Optional

from .._core.call import Call, Flow, delete, get, post, put
from .._core.errors import BadRequestError, InvalidInputError, NotFoundInKitsuError
from .._core.lookups import Remember
from .._core.op_cache import cached
from .._core.refs import Ref, echo, entity_dict, is_id, require_name, to_id, to_optional_id
from .._core.rows import pick_by_name, sorted_by_name
from ..types import TaskStatus, TaskType

#: A write under this route drops the statuses a client keeps (Remember).
STATUS_ROUTE = "data/task-status"

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
        raise InvalidInputError(f"a color must look like '#00FF00', got {echo(color)}")
    return color


def _first(rows: Any) -> Optional[Any]:
    """`then` for filters whose first row is the answer (exact-match filters)."""
    return rows[0] if rows else None


def _status_id(task_status: Ref) -> Flow[str]:
    """The id of a task status given as an id, a dict, an object with `.id` or a short name;
    checked now, looked up (the only case that sends a request) when the flow runs.

    Raises:
        NotFoundInKitsuError: (gazu's TaskStatusNotFoundException) no status has that short name.
    """
    if isinstance(task_status, str) and not is_id(task_status):
        return _status_id_by_short_name(require_name(task_status, "task status short name"))
    return _known(to_id(task_status, "task status"))


def _status_id_by_short_name(short_name: str) -> Flow[str]:
    # Comments and tasks name statuses by short name over and over: the client keeps the answer.
    lookup = get_task_status_by_short_name(short_name)
    found = yield from Remember(f"task-status:short:{short_name}", lookup, STATUS_ROUTE)
    if found is None:
        raise NotFoundInKitsuError(f"no task status has the short name {echo(short_name)}")
    return to_id(found, "task status")


def _known(value: str) -> Flow[str]:
    """A flow that sends nothing: the value is known already."""
    yield from ()
    return value


def _task_types_of(kind: str, entity: Ref) -> Call[list[TaskType]]:
    entity_id = to_id(entity, kind)
    path = f"data/{_TASK_TYPE_ROUTES[kind]}/{entity_id}/task-types"
    return get(path, then=sorted_by_name)


# -- task types ---------------------------------------------------------------------------------


@cached("task-type", "task")
def all_task_types() -> Call[list[TaskType]]:
    """List every task type of the studio, sorted by name.

    Calls: GET /data/task-types
    """
    return get("data/task-types", then=sorted_by_name)


@cached("task-type", "task", "project")
def all_task_types_for_project(project: Ref) -> Call[list[TaskType]]:
    """List the task types enabled in a project, sorted by name.

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/task-types
    """
    project_id = to_id(project, "project")
    return get(f"data/projects/{project_id}/task-types", then=sorted_by_name)


def all_task_types_for_shot(shot: Ref) -> Call[list[TaskType]]:
    """List the task types of the tasks of a shot.

    Args:
        shot: the shot (id or dict).

    Calls: GET /data/shots/{shot_id}/task-types
    """
    return _task_types_of("shot", shot)


def all_task_types_for_asset(asset: Ref) -> Call[list[TaskType]]:
    """List the task types of the tasks of an asset.

    Args:
        asset: the asset (id or dict).

    Calls: GET /data/assets/{asset_id}/task-types
    """
    return _task_types_of("asset", asset)


def all_task_types_for_sequence(sequence: Ref) -> Call[list[TaskType]]:
    """List the task types of the tasks of a sequence's shots and scenes (not its own tasks).

    Args:
        sequence: the sequence (id or dict).

    Calls: GET /data/sequences/{sequence_id}/task-types
    """
    return _task_types_of("sequence", sequence)


@cached("task-type", "episode", "task")
def all_task_types_for_episode(episode: Ref) -> Call[list[TaskType]]:
    """List the task types of the tasks of the shots and scenes of an episode's sequences.

    Args:
        episode: the episode (id or dict).

    Calls: GET /data/episodes/{episode_id}/task-types
    """
    return _task_types_of("episode", episode)


def all_task_types_for_scene(scene: Ref) -> Call[list[TaskType]]:
    """List the task types of the tasks of a scene.

    Args:
        scene: the scene (id or dict).

    Calls: GET /data/scenes/{scene_id}/task-types
    """
    return _task_types_of("scene", scene)


@cached("task-type", "task", "concept")
def all_task_types_for_concept(concept: Ref) -> Call[list[TaskType]]:
    """List the task types of the tasks of a concept.

    Args:
        concept: the concept (id or dict).

    Calls: GET /data/concepts/{concept_id}/task-types
    """
    return _task_types_of("concept", concept)


@cached("task-type", "task")
def get_task_type(task_type_id: Ref) -> Call[TaskType]:
    """Get a task type by id.

    Args:
        task_type_id: the task type's id (a dict or object with an `id` works too).

    Calls: GET /data/task-types/{task_type_id}
    """
    type_id = to_id(task_type_id, "task type")
    return get(f"data/task-types/{type_id}")


@cached("task-type", "task")
def get_task_type_by_name(
    task_type_name: str,
    for_entity: Optional[str] = None,
    department: Optional[Ref] = None,
) -> Call[Optional[TaskType]]:
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
    return get("data/task-types", params, then=lambda rows: pick_by_name(rows, name))


@cached("task-type", "task")
def get_task_type_by_short_name(
    task_type_short_name: str,
    for_entity: Optional[str] = None,
    department: Optional[Ref] = None,
) -> Call[Optional[TaskType]]:
    """Find a task type by short name (exact match), or None.

    Args:
        task_type_short_name: the task type's short name (exact match).
        for_entity: the kind of entity the task type is for ("Asset", "Shot", "Sequence", "Edit",
            "Episode", "Concept").
        department: only those of this department (id or dict); None: no filter.

    Calls: GET /data/task-types?short_name=…
    """
    short_name = require_name(task_type_short_name, "task type short name")
    params = {
        "short_name": short_name,
        "for_entity": for_entity,
        "department_id": to_optional_id(department, "department"),
    }
    return get("data/task-types", params, then=_first)


def new_task_type(
    name: str,
    color: str = "#000000",
    for_entity: str = "Asset",
) -> Flow[TaskType]:
    """Create a task type; returns the existing one when that name exists for `for_entity`.

    Args:
        name: the task type's name.
        color: a hex colour, such as `"#FF0000"`.
        for_entity: "Asset", "Shot", "Sequence", "Episode", "Edit" or "Concept": what its tasks are
            on.

    Calls: POST /data/task-types (then GET /data/task-types?name=… when Zou refuses the name)
    """
    name = require_name(name, "task type name")
    for_entity = require_name(for_entity, "for_entity")
    data = {"name": name, "color": _color(color), "for_entity": for_entity}
    return _new_task_type(data)


def _new_task_type(data: dict[str, str]) -> Flow[TaskType]:
    try:
        created: TaskType = yield from post("data/task-types", data)
    except BadRequestError:
        # Zou refuses a name already used (ignoring case) by any task type; gazu returned the
        # existing one when it is for the same kind of entity.
        existing = yield from get_task_type_by_name(data["name"], data["for_entity"])
        if existing is None:
            raise
        return existing
    return created


def update_task_type(task_type: Mapping[str, Any]) -> Call[TaskType]:
    """Save the fields of a task type dict (it must carry its `id`).

    Args:
        task_type: the task type dict, with its `id` and the fields to save.

    Calls: PUT /data/task-types/{task_type_id}
    """
    data = entity_dict(task_type, "task type")
    return put(f"data/task-types/{data['id']}", data)


def remove_task_type(task_type: Ref, force: bool = False) -> Call[str]:
    """Delete a task type.

    Zou refuses (BadRequestError) while tasks use it, and while it is enabled in a project or
    scheduled unless `force` is True, which detaches it first.

    Args:
        task_type: the task type (id or dict).
        force: detach it from the projects and schedules that use it first (tasks still block it).

    Calls: DELETE /data/task-types/{task_type_id}
    """
    type_id = to_id(task_type, "task type")
    params = {"force": True} if force else None
    return delete(f"data/task-types/{type_id}", params)


# -- task statuses ------------------------------------------------------------------------------


@cached("task-type", "task-status", "task")
def all_task_statuses() -> Call[list[TaskStatus]]:
    """List every task status of the studio, sorted by name.

    Calls: GET /data/task-status
    """
    return get("data/task-status", then=sorted_by_name)


@cached("task-type", "task-status", "task", "project")
def all_task_statuses_for_project(project: Ref) -> Call[list[TaskStatus]]:
    """List the task statuses enabled in a project, sorted by name.

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/settings/task-status
    """
    project_id = to_id(project, "project")
    return get(f"data/projects/{project_id}/settings/task-status", then=sorted_by_name)


@cached("task-type", "task-status", "task")
def get_task_status(task_status_id: Ref) -> Call[TaskStatus]:
    """Get a task status by id.

    Args:
        task_status_id: the task status's id (a dict or object with an `id` works too).

    Calls: GET /data/task-status/{task_status_id}
    """
    status_id = to_id(task_status_id, "task status")
    return get(f"data/task-status/{status_id}")


@cached("task-type", "task-status", "task")
def get_task_status_by_name(name: str) -> Call[Optional[TaskStatus]]:
    """Find a task status by name (case-insensitive), or None.

    Args:
        name: the name to look for.

    Calls: GET /data/task-status?name=…
    """
    name = require_name(name, "task status name")
    return get("data/task-status", {"name": name}, then=lambda rows: pick_by_name(rows, name))


@cached("task-type", "task-status", "task")
def get_task_status_by_short_name(task_status_short_name: str) -> Call[Optional[TaskStatus]]:
    """Find a task status by short name ("wip", "done"…; exact match), or None.

    Args:
        task_status_short_name: the task status's short name ("wip", "done"...)

    Calls: GET /data/task-status?short_name=…
    """
    short_name = require_name(task_status_short_name, "task status short name")
    return get("data/task-status", {"short_name": short_name}, then=_first)


@cached("task-type", "task-status", "task")
def get_default_task_status() -> Call[Optional[TaskStatus]]:
    """The status new tasks start on ("Todo" out of the box), or None.

    Calls: GET /data/task-status?is_default=true&for_concept=false
    """
    # Zou flags two statuses `is_default`: the one for tasks and "Neutral", the one for concepts.
    params = {"is_default": True, "for_concept": False}
    return get("data/task-status", params, then=_first)


def new_task_status(name: str, short_name: str, color: str) -> Call[TaskStatus]:
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
    return post("data/task-status", data)


def update_task_status(task_status: Mapping[str, Any]) -> Call[TaskStatus]:
    """Save the fields of a task status dict (it must carry its `id`).

    Args:
        task_status: the task status dict, with its `id` and the fields to save.

    Calls: PUT /data/task-status/{task_status_id}
    """
    data = entity_dict(task_status, "task status")
    return put(f"data/task-status/{data['id']}", data)


def remove_task_status(task_status: Ref) -> Call[str]:
    """Delete a task status (forced, as gazu does).

    Args:
        task_status: the task status (id or dict).

    Calls: DELETE /data/task-status/{task_status_id}?force=true
    """
    status_id = to_id(task_status, "task status")
    return delete(f"data/task-status/{status_id}", {"force": True})
