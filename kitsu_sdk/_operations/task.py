"""Tasks: listing, creation, updates, assignation, and the project notifications and
subscriptions Zou files under tasks. Task types and statuses (`task_types`), time spent
(`task_time`) and comments, previews and attachments (`comment`, `preview`) are public here too,
where gazu keeps them.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Optional, Union

from .._core.call import Call, Flow, delete, get, post, put, web_root
from .._core.errors import BadRequestError, InvalidIdError, InvalidInputError, NotFoundInKitsuError
from .._core.lookups import Remember
from .._core.op_cache import cached
from .._core.refs import Ref, entity_dict, require_name, to_id, to_ids, to_optional_id
from .._core.rows import pick_by_name, sorted_by_name
from ..types import Comment, Task
from .task_types import STATUS_ROUTE, _status_id, get_default_task_status

# key -> (what the id names, collection, suffix): GET data/<collection>/<id>/<suffix>
_TASK_LISTS: dict[str, tuple[str, str, str]] = {
    "shot": ("shot", "shots", "tasks"),
    "asset": ("asset", "assets", "tasks"),
    "sequence": ("sequence", "sequences", "tasks"),
    "episode": ("episode", "episodes", "tasks"),
    "scene": ("scene", "scenes", "tasks"),
    "edit": ("edit", "edits", "tasks"),
    "concept": ("concept", "concepts", "tasks"),
    "sequence shots": ("sequence", "sequences", "shot-tasks"),
    "episode shots": ("episode", "episodes", "shot-tasks"),
    "episode assets": ("episode", "episodes", "asset-tasks"),
}


def _tasks_of(key: str, entity: Ref, relations: bool) -> Call[list[Task]]:
    """The tasks Zou lists under an entity, sorted by name: the body of every all_*tasks_for_*."""
    what, collection, suffix = _TASK_LISTS[key]
    entity_id = to_id(entity, what)
    params = {"relations": True} if relations else None
    return get(f"data/{collection}/{entity_id}/{suffix}", params, then=sorted_by_name)


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (datetime.date, datetime.datetime)) else value


# -- listing tasks ------------------------------------------------------------------------------


@cached("task", "shot")
def all_tasks_for_shot(shot: Ref, relations: bool = False) -> Call[list[Task]]:
    """List the tasks of a shot, sorted by name.

    Args:
        shot: the shot (id or dict).
        relations: also return Zou's related fields for each task (asks `relations=true`).

    Calls: GET /data/shots/{shot_id}/tasks
    """
    return _tasks_of("shot", shot, relations)


@cached("task", "asset")
def all_tasks_for_asset(asset: Ref, relations: bool = False) -> Call[list[Task]]:
    """List the tasks of an asset, sorted by name.

    Args:
        asset: the asset (id or dict).
        relations: also return Zou's related fields for each task (asks `relations=true`).

    Calls: GET /data/assets/{asset_id}/tasks
    """
    return _tasks_of("asset", asset, relations)


@cached("task", "sequence")
def all_tasks_for_sequence(sequence: Ref, relations: bool = False) -> Call[list[Task]]:
    """List the tasks linked directly to a sequence, sorted by name.

    Args:
        sequence: the sequence (id or dict).
        relations: also return Zou's related fields for each task (asks `relations=true`).

    Calls: GET /data/sequences/{sequence_id}/tasks
    """
    return _tasks_of("sequence", sequence, relations)


@cached("task", "episode")
def all_tasks_for_episode(episode: Ref, relations: bool = False) -> Call[list[Task]]:
    """List the tasks linked directly to an episode, sorted by name.

    Args:
        episode: the episode (id or dict).
        relations: also return Zou's related fields for each task (asks `relations=true`).

    Calls: GET /data/episodes/{episode_id}/tasks
    """
    return _tasks_of("episode", episode, relations)


@cached("task", "scene")
def all_tasks_for_scene(scene: Ref, relations: bool = False) -> Call[list[Task]]:
    """List the tasks of a scene, sorted by name.

    Args:
        scene: the scene (id or dict).
        relations: also return Zou's related fields for each task (asks `relations=true`).

    Calls: GET /data/scenes/{scene_id}/tasks
    """
    return _tasks_of("scene", scene, relations)


@cached("task", "edit")
def all_tasks_for_edit(edit: Ref, relations: bool = False) -> Call[list[Task]]:
    """List the tasks of an edit, sorted by name.

    Args:
        edit: the edit (id or dict).
        relations: also return Zou's related fields for each task (asks `relations=true`).

    Calls: GET /data/edits/{edit_id}/tasks
    """
    return _tasks_of("edit", edit, relations)


@cached("task", "concept")
def all_tasks_for_concept(concept: Ref, relations: bool = False) -> Call[list[Task]]:
    """List the tasks of a concept, sorted by name.

    Args:
        concept: the concept (id or dict).
        relations: also return Zou's related fields for each task (asks `relations=true`).

    Calls: GET /data/concepts/{concept_id}/tasks
    """
    return _tasks_of("concept", concept, relations)


@cached("task", "shot", "sequence")
def all_shot_tasks_for_sequence(sequence: Ref, relations: bool = False) -> Call[list[Task]]:
    """List the tasks of every shot of a sequence, sorted by name.

    Args:
        sequence: the sequence (id or dict).
        relations: also return Zou's related fields for each task (asks `relations=true`).

    Calls: GET /data/sequences/{sequence_id}/shot-tasks
    """
    return _tasks_of("sequence shots", sequence, relations)


@cached("task", "shot", "episode")
def all_shot_tasks_for_episode(episode: Ref, relations: bool = False) -> Call[list[Task]]:
    """List the tasks of every shot of an episode, sorted by name.

    Args:
        episode: the episode (id or dict).
        relations: also return Zou's related fields for each task (asks `relations=true`).

    Calls: GET /data/episodes/{episode_id}/shot-tasks
    """
    return _tasks_of("episode shots", episode, relations)


@cached("task", "episode", "asset")
def all_assets_tasks_for_episode(episode: Ref, relations: bool = False) -> Call[list[Task]]:
    """List the tasks of the assets cast in an episode, sorted by name.

    Args:
        episode: the episode (id or dict).
        relations: also return Zou's related fields for each task (asks `relations=true`).

    Calls: GET /data/episodes/{episode_id}/asset-tasks
    """
    return _tasks_of("episode assets", episode, relations)


@cached("task", "project")
def all_tasks_for_project(
    project: Ref,
    task_type: Optional[Ref] = None,
    episode: Optional[Ref] = None,
) -> Call[list[Task]]:
    """List the tasks of a project, optionally of one task type and/or one episode.

    Args:
        project: the project (id or dict).
        task_type: only the tasks of this task type (id or dict); None: all.
        episode: only the tasks of this episode's entities (id or dict); None: all.

    Calls: GET /data/projects/{project_id}/tasks
    """
    project_id = to_id(project, "project")
    params = {
        "task_type_id": to_optional_id(task_type, "task type"),
        "episode_id": to_optional_id(episode, "episode"),
    }
    return get(f"data/projects/{project_id}/tasks", params)


@cached("task", "task-type")
def all_tasks_for_task_type(
    project: Ref,
    task_type: Ref,
    episode: Optional[Ref] = None,
) -> Call[list[Task]]:
    """List the tasks of one task type in a project (and episode, if given).

    Args:
        project: the project (id or dict).
        task_type: the task type (id or dict).
        episode: only those of this episode (id or dict); None: no filter.

    Calls: GET /data/tasks?project_id=…&task_type_id=…[&episode_id=…]
    """
    params = {
        "project_id": to_id(project, "project"),
        "task_type_id": to_id(task_type, "task type"),
        "episode_id": to_optional_id(episode, "episode"),
    }
    return get("data/tasks", params)


@cached("task", "task-status")
def all_tasks_for_task_status(project: Ref, task_type: Ref, task_status: Ref) -> Flow[list[Task]]:
    """List the tasks of one task type in a project that are at a given status.

    `task_status` may also be a short name ("wip"); an unknown one raises NotFoundInKitsuError.

    Args:
        project: the project (id or dict).
        task_type: the task type (id or dict).
        task_status: the task status (id or dict).

    Calls: GET /data/task-status (for a short name),
        GET /data/tasks?project_id=…&task_type_id=…&task_status_id=…
    """
    params = {
        "project_id": to_id(project, "project"),
        "task_type_id": to_id(task_type, "task type"),
    }
    return _tasks_at_status(params, _status_id(task_status))


def _tasks_at_status(params: dict[str, str], status_id: Flow[str]) -> Flow[list[Task]]:
    params = {**params, "task_status_id": (yield from status_id)}
    tasks: list[Task] = yield from get("data/tasks", params)
    return tasks


@cached("task", "task-type", "entity")
def all_tasks_for_entity_and_task_type(entity: Ref, task_type: Ref) -> Call[list[Task]]:
    """List the tasks of one task type on an entity (shot, asset, sequence…).

    Args:
        entity: the entity (asset, shot, sequence, episode, edit, concept...), id or dict.
        task_type: the task type (id or dict).

    Calls: GET /data/entities/{entity_id}/task-types/{task_type_id}/tasks
    """
    entity_id = to_id(entity, "entity")
    task_type_id = to_id(task_type, "task type")
    return get(f"data/entities/{entity_id}/task-types/{task_type_id}/tasks")


@cached("task", "person")
def all_tasks_for_person(person: Ref) -> Call[list[Task]]:
    """List the unfinished tasks assigned to a person, in open projects.

    Args:
        person: the person (id or dict).

    Calls: GET /data/persons/{person_id}/tasks
    """
    person_id = to_id(person, "person")
    return get(f"data/persons/{person_id}/tasks")


@cached("task", "person")
def all_done_tasks_for_person(person: Ref) -> Call[list[Task]]:
    """List the finished tasks assigned to a person, in open projects.

    Args:
        person: the person (id or dict).

    Calls: GET /data/persons/{person_id}/done-tasks
    """
    person_id = to_id(person, "person")
    return get(f"data/persons/{person_id}/done-tasks")


@cached("task", "person")
def all_tasks_for_person_and_type(person: Ref, task_type: Ref) -> Call[list[Task]]:
    """List the tasks of a task type on the entities a person works on.

    Args:
        person: the person (id or dict).
        task_type: the task type (id or dict).

    Calls: GET /data/persons/{person_id}/related-tasks/{task_type_id}
    """
    person_id = to_id(person, "person")
    task_type_id = to_id(task_type, "task type")
    return get(f"data/persons/{person_id}/related-tasks/{task_type_id}")


@cached("task")
def all_open_tasks() -> Call[dict[str, Any]]:
    """The unfinished tasks of the open projects, as Zou's first page: a dict whose `data` holds
    the tasks (at most `limit`, Zou's default 100) next to `stats` (counts, durations and
    estimations per status), `page`, `limit` and `is_more`, as gazu returns it
    (`all_open_tasks()["data"]`). Every page's tasks in one list:
    `kitsu_sdk.client.fetch_all("tasks/open-tasks", paginated=True)`.

    Calls: GET /data/tasks/open-tasks
    """
    return get("data/tasks/open-tasks", then=_envelope)


def _envelope(answer: Any) -> dict[str, Any]:
    """`then` for a route answering a page envelope (`{}` for an empty answer)."""
    return dict(answer or {})


@cached("task")
def get_open_tasks_stats() -> Call[dict[str, Any]]:
    """Counts, durations and estimations of the open tasks, per project and status.

    Calls: GET /data/tasks/open-tasks/stats
    """
    return get("data/tasks/open-tasks/stats")


@cached("task", "person")
def get_persons_tasks_dates() -> Call[list[dict[str, Any]]]:
    """For each person, the first start and last due date of their tasks: a list of
    `{person_id, min_date, max_date, busy_periods}` (gazu documents a dict).

    Calls: GET /data/persons/task-dates
    """
    return get("data/persons/task-dates")


# -- one task -----------------------------------------------------------------------------------


@cached("task")
def get_task(task_id: Ref) -> Call[Task]:
    """Get a task with its project, entity, type, status and assignees expanded.

    Args:
        task_id: the task's id (a dict or object with an `id` works too).

    Calls: GET /data/tasks/{task_id}/full
    """
    task = to_id(task_id, "task")
    return get(f"data/tasks/{task}/full")


@cached("task", "entity")
def get_task_by_entity(entity: Ref, task_type: Ref, name: str = "main") -> Call[Optional[Task]]:
    """Find the task of a task type with that name on an entity, or None.

    Args:
        entity: the entity (asset, shot, sequence, episode, edit, concept...), id or dict.
        task_type: the task type (id or dict).
        name: the task's name ("main" for most tasks).

    Calls: GET /data/tasks?entity_id=…&task_type_id=…&name=…
    """
    wanted = require_name(name, "task name")
    params = {
        "entity_id": to_id(entity, "entity"),
        "task_type_id": to_id(task_type, "task type"),
        "name": wanted,
    }
    return get("data/tasks", params, then=lambda rows: pick_by_name(rows, wanted))


def new_task(
    entity: Ref,
    task_type: Ref,
    name: str = "main",
    task_status: Optional[Ref] = None,
    assigner: Optional[Ref] = None,
    assignees: Optional[list[Ref]] = None,
) -> Flow[Task]:
    """Create a task; returns the existing one when the entity already has it.

    Args:
        entity: the shot, asset… (a dict carrying `project_id` saves a request).
        task_type: its task type (must be for that kind of entity).
        name: the task name; an entity has one task per task type and name.
        task_status: a status (dict, id or short name); default: the default status (Todo).
        assigner: who assigns it.
        assignees: persons to assign.

    Raises:
        NotFoundInKitsuError: `task_status` is a short name no status has.

    Calls: POST /data/tasks (after GET /data/entities/{id} when the project is not known, and
    GET /data/task-status?is_default=true without a status, GET /data/task-status for a status
    short name)
    """
    entity_id = to_id(entity, "entity")
    task_type_id = to_id(task_type, "task type")
    name = require_name(name, "task name")
    assigner_id = to_optional_id(assigner, "person")
    assignee_ids = to_ids(assignees or [], "person")
    status_id = _default_status_id() if task_status is None else _status_id(task_status)
    # Zou stores what it is sent: without a project the task would belong to none.
    project_id = entity.get("project_id") if isinstance(entity, Mapping) else None
    data: dict[str, Any] = {
        "project_id": to_id(project_id, "project") if project_id else None,
        "entity_id": entity_id,
        "task_type_id": task_type_id,
        "task_status_id": None,  # set by the flow, once known
        "name": name,
        "assignees": assignee_ids,
    }
    if assigner_id is not None:
        data["assigner_id"] = assigner_id
    return _new_task(data, status_id)


def _default_status_id() -> Flow[str]:
    # Every new task without a status needs it: the client keeps it a while (_core/lookups.py).
    default = yield from Remember("task-status:default", get_default_task_status(), STATUS_ROUTE)
    if default is None:
        raise NotFoundInKitsuError("no task status is flagged as the default one")
    return to_id(default, "task status")


def _new_task(data: dict[str, Any], status_id: Flow[str]) -> Flow[Task]:
    data = {**data, "task_status_id": (yield from status_id)}
    if data["project_id"] is None:
        entity_id = data["entity_id"]
        # An entity never changes project: the client keeps the answer a while.
        project = yield from Remember(
            f"entity-project:{entity_id}",
            get(f"data/entities/{entity_id}", then=lambda row: row["project_id"]),
        )
        data["project_id"] = to_id(project, "project")
    try:
        created: Task = yield from post("data/tasks", data)
    except BadRequestError as error:
        # Zou answers 400 "Task already exists." where gazu returned the existing task.
        if "already exists" not in error.message:
            raise
        existing = yield from get_task_by_entity(
            data["entity_id"], data["task_type_id"], data["name"]
        )
        if existing is None:
            raise
        return existing
    return created


def update_task(task: Mapping[str, Any]) -> Call[Task]:
    """Save the fields of a task dict (it must carry its `id`).

    Scheduling goes through here: `start_date`, `due_date` (ISO strings or dates), `estimation`
    and `duration` (minutes), `priority`. `assignees` may hold person dicts or ids. Zou 1.0.97
    merges `data` into the existing metadata rather than replacing it.

    Args:
        task: the task dict, with its `id` and the fields to save.

    Calls: PUT /data/tasks/{task_id}
    """
    data = {key: _jsonable(value) for key, value in entity_dict(task, "task").items()}
    if "assignees" in data:
        data["assignees"] = to_ids(data["assignees"] or [], "person")
    return put(f"data/tasks/{data['id']}", data)


def update_task_data(task: Ref, data: Optional[Mapping[str, Any]] = None) -> Call[Task]:
    """Set metadata keys of a task; the keys not given are kept.

    Args:
        task: the task (id or dict).
        data: the keys to set in the task's `data` (the other keys are kept).

    Calls: PUT /data/tasks/{task_id}
    """
    task_id = to_id(task, "task")
    if data is not None and not isinstance(data, Mapping):
        raise InvalidInputError(f"data must be a dict, got {type(data).__name__}")
    # Zou merges a non-empty `data` server-side in one request, but an empty one would wipe
    # the metadata: send nothing to change then.
    payload = {"data": dict(data)} if data else {}
    return put(f"data/tasks/{task_id}", payload)


def remove_task(task: Ref) -> Call[str]:
    """Delete a task with its comments, previews and time spent.

    Args:
        task: the task (id or dict).

    Calls: DELETE /data/tasks/{task_id}?force=true
    """
    task_id = to_id(task, "task")
    return delete(f"data/tasks/{task_id}", {"force": True})


def remove_tasks_batch(project: Ref, tasks: list[Ref]) -> Call[list[str]]:
    """Delete several tasks of a project; returns the ids Zou deleted.

    Args:
        project: the project (id or dict).
        tasks: the tasks (each an id or a dict).

    Calls: POST /actions/projects/{project_id}/delete-tasks
    """
    project_id = to_id(project, "project")
    task_ids = to_ids(tasks, "task")
    return post(f"actions/projects/{project_id}/delete-tasks", task_ids)


def remove_tasks_for_type(project: Ref, task_type: Ref) -> Call[str]:
    """Delete every task of a task type in a project (admins only).

    Args:
        project: the project (id or dict).
        task_type: the task type (id or dict).

    Calls: DELETE /actions/projects/{project_id}/task-types/{task_type_id}/delete-tasks
    """
    project_id = to_id(project, "project")
    task_type_id = to_id(task_type, "task type")
    path = f"actions/projects/{project_id}/task-types/{task_type_id}/delete-tasks"
    return delete(path)


def start_task(
    task: Ref,
    started_task_status: Optional[Ref] = None,
    person: Optional[Ref] = None,
) -> Flow[Comment]:
    """Move a task to a work-in-progress status with an empty comment; Zou then sets its real
    start date.

    Args:
        started_task_status: the status (dict, id or short name); default: the "wip" status.
        person: the comment's author (managers only; default: the current user).
        task: the task (id or dict).

    Raises:
        NotFoundInKitsuError: (gazu's TaskStatusNotFoundException) the status short name, "wip"
            by default, does not exist.

    Calls: GET /data/task-status (for a status given by short name, "wip" by default),
        POST /actions/tasks/{task_id}/comment
    """
    task_id = to_id(task, "task")
    person_id = to_optional_id(person, "person")
    status_id = _status_id("wip" if started_task_status is None else started_task_status)
    return _start_task(task_id, status_id, person_id)


def _start_task(task_id: str, status_id: Flow[str], person_id: Optional[str]) -> Flow[Comment]:
    data: dict[str, Any] = {"task_status_id": (yield from status_id), "comment": ""}
    if person_id is not None:
        data["person_id"] = person_id
    comment: Comment = yield from post(f"actions/tasks/{task_id}/comment", data)
    return comment


@cached("task")
def get_task_url(task: Mapping[str, Any]) -> Call[str]:
    """The address of a task in the Kitsu web app (built locally: no request is sent).

    Args:
        task: the task (id or dict).

    Raises:
        InvalidIdError: (gazu's TaskMustBeADictException) `task` is not a task dict with
            `id` and `project_id`.
    """
    if not isinstance(task, Mapping) or not task.get("project_id"):
        raise InvalidIdError("get_task_url needs the task dict, with 'id' and 'project_id'")
    task_id = to_id(task, "task")
    project_id = to_id(task["project_id"], "project")
    # The web app lives at the site root, the API host minus Kitsu's "/api" prefix.
    return web_root().map(lambda site: f"{site}/productions/{project_id}/shots/tasks/{task_id}/")


# -- creating tasks in bulk ---------------------------------------------------------------------


def _create_tasks(what: str, entity: Ref, task_types: list[Ref]) -> Call[list[Task]]:
    entity_id = to_id(entity, what)
    data = {"task_type_ids": to_ids(task_types, "task type")}
    return post(f"data/entities/{entity_id}/tasks", data)


def create_entity_tasks(entity: Ref, task_types: list[Ref]) -> Call[list[Task]]:
    """Create the tasks of several task types on an entity; returns the tasks created.

    Task types must be enabled in the project; tasks that exist already are skipped. An empty
    list means every task type of the project that fits the entity.

    Args:
        entity: the entity (asset, shot, sequence, episode, edit, concept...), id or dict.
        task_types: the task types (each an id or a dict).

    Calls: POST /data/entities/{entity_id}/tasks
    """
    return _create_tasks("entity", entity, task_types)


def create_shot_tasks(shot: Ref, task_types: list[Ref]) -> Call[list[Task]]:
    """Create the tasks of several task types on a shot (see create_entity_tasks).

    Args:
        shot: the shot (id or dict).
        task_types: the task types (each an id or a dict).

    Calls: POST /data/entities/{shot_id}/tasks
    """
    return _create_tasks("shot", shot, task_types)


def create_asset_tasks(asset: Ref, task_types: list[Ref]) -> Call[list[Task]]:
    """Create the tasks of several task types on an asset (see create_entity_tasks).

    Args:
        asset: the asset (id or dict).
        task_types: the task types (each an id or a dict).

    Calls: POST /data/entities/{asset_id}/tasks
    """
    return _create_tasks("asset", asset, task_types)


def create_edit_tasks(edit: Ref, task_types: list[Ref]) -> Call[list[Task]]:
    """Create the tasks of several task types on an edit (see create_entity_tasks).

    Args:
        edit: the edit (id or dict).
        task_types: the task types (each an id or a dict).

    Calls: POST /data/entities/{edit_id}/tasks
    """
    return _create_tasks("edit", edit, task_types)


def create_concept_tasks(concept: Ref, task_types: list[Ref]) -> Call[list[Task]]:
    """Create the tasks of several task types on a concept (see create_entity_tasks).

    Args:
        concept: the concept (id or dict).
        task_types: the task types (each an id or a dict).

    Calls: POST /data/entities/{concept_id}/tasks
    """
    return _create_tasks("concept", concept, task_types)


# -- assignation --------------------------------------------------------------------------------


def assign_task(task: Ref, person: Ref) -> Call[list[Task]]:
    """Assign a person to a task; returns the list of tasks Zou assigned (the task alone, or
    an empty list when the current user may not assign it), as gazu does.

    Args:
        task: the task (id or dict).
        person: the person to assign (id or dict).

    Calls: PUT /actions/persons/{person_id}/assign
    """
    data = {"task_ids": [to_id(task, "task")]}
    return put(f"actions/persons/{to_id(person, 'person')}/assign", data)


def assign_tasks_to_person(tasks: list[Ref], person: Ref) -> Flow[list[Task]]:
    """Assign a person to several tasks; returns the tasks Zou assigned.

    Tasks the current user may not assign, or that do not exist, are left out by Zou.

    Args:
        tasks: the tasks (each an id or a dict).
        person: the person (id or dict).

    Calls: PUT /actions/persons/{person_id}/assign
    """
    task_ids = to_ids(tasks, "task")
    person_id = to_id(person, "person")
    path = f"actions/persons/{person_id}/assign"
    return _unless_empty(task_ids, put(path, {"task_ids": task_ids}))


def clear_assignations(
    tasks: Union[Ref, list[Ref]], person: Optional[Ref] = None
) -> Flow[list[str]]:
    """Unassign one person (or everyone) from one or several tasks; returns the task ids.

    Args:
        tasks: the tasks (each an id or a dict).
        person: the person to unassign (id or dict); None: everyone.

    Calls: PUT /actions/tasks/clear-assignation
    """
    task_ids = to_ids(tasks, "task")
    person_id = to_optional_id(person, "person")
    data: dict[str, Any] = {"task_ids": task_ids}
    if person_id is not None:
        data["person_id"] = person_id
    return _unless_empty(task_ids, put("actions/tasks/clear-assignation", data))


def _unless_empty(task_ids: list[str], call: Call[list[Any]]) -> Flow[list[Any]]:
    """`call`'s result, or [] without a request when there is no task to send."""
    if not task_ids:
        return []
    result: list[Any] = yield from call
    return result


# -- project notifications and subscriptions ----------------------------------------------------


@cached("task", "project", "notification")
def all_notifications_for_project(project: Ref) -> Call[list[dict[str, Any]]]:
    """List the notifications on the tasks of a project, newest first (admins only).

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/notifications
    """
    project_id = to_id(project, "project")
    return get(f"data/projects/{project_id}/notifications")


@cached("task", "project", "subscription")
def all_subscriptions_for_project(project: Ref) -> Call[list[dict[str, Any]]]:
    """List who watches which task of a project (admins only).

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/subscriptions
    """
    project_id = to_id(project, "project")
    return get(f"data/projects/{project_id}/subscriptions")
