"""The logged-in person's side of Kitsu (gazu.user): my tasks and what they are on, my open
projects, to-do lists, saved filters, notifications and subscriptions, time spents, chats."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Optional, Union

from .._core.call import Call, Flow, delete, get, post, put
from .._core.errors import AuthenticationError
from .._core.op_cache import cached
from .._core.refs import Ref, entity_dict, iso_date, to_id
from .._core.rows import sorted_by_name
from ..types import (
    Asset,
    AssetType,
    Episode,
    Project,
    Scene,
    Sequence,
    Shot,
    Task,
    TaskType,
    TimeSpent,
)

DateLike = Union[str, datetime.date]

_GAZU_ABSENT: dict[str, str] = {}


# -- reading answers --------------------------------------------------------------------------


def _rows(answer: Any) -> list[Any]:
    """`then` for routes answering a list (or nothing, which becomes [])."""
    return list(answer or [])


def _as_dict(answer: Any) -> dict[str, Any]:
    """`then` for routes answering a dict (or nothing, which becomes {})."""
    return dict(answer or {})


def _mine(path: str) -> Call[list[Any]]:
    """GET /data/user/<path>, sorted by name as gazu sorts these lists."""
    return get(f"data/user/{path}", then=sorted_by_name)


def _entity_ref(kind: str, entity: Ref) -> str:
    """`<kinds>/{id}` of the user routes for an asset, shot, scene or sequence."""
    return f"{kind}s/{to_id(entity, kind)}"


# -- projects and what the user works on in them ------------------------------------------------


@cached("user", "project")
def all_open_projects() -> Call[list[Project]]:
    """The open projects the user belongs to (every open project for an admin), sorted by name.

    Calls: GET /data/user/projects/open
    """
    return _mine("projects/open")


@cached("user", "asset-type", "asset", "project")
def all_asset_types_for_project(project: Ref) -> Call[list[AssetType]]:
    """The asset types of a project's assets the user has tasks on, sorted by name.

    Args:
        project: the project (id or dict).

    Calls: GET /data/user/projects/{project_id}/asset-types
    """
    return _mine(f"projects/{to_id(project, 'project')}/asset-types")


@cached("user", "asset-type", "asset", "project")
def all_assets_for_asset_type_and_project(project: Ref, asset_type: Ref) -> Call[list[Asset]]:
    """The assets of one type in a project that the user has tasks on, sorted by name.

    Args:
        project: the project (id or dict).
        asset_type: the asset type (id or dict).

    Calls: GET /data/user/projects/{project_id}/asset-types/{asset_type_id}/assets
    """
    project_id = to_id(project, "project")
    asset_type_id = to_id(asset_type, "asset type")
    return _mine(f"projects/{project_id}/asset-types/{asset_type_id}/assets")


@cached("user", "sequence", "project")
def all_sequences_for_project(project: Ref) -> Call[list[Sequence]]:
    """The sequences of a project where the user has tasks, sorted by name.

    Args:
        project: the project (id or dict).

    Calls: GET /data/user/projects/{project_id}/sequences
    """
    return _mine(f"projects/{to_id(project, 'project')}/sequences")


@cached("user", "episode", "project")
def all_episodes_for_project(project: Ref) -> Call[list[Episode]]:
    """The episodes of a project where the user has tasks, sorted by name.

    Args:
        project: the project (id or dict).

    Calls: GET /data/user/projects/{project_id}/episodes
    """
    return _mine(f"projects/{to_id(project, 'project')}/episodes")


@cached("user", "shot", "sequence")
def all_shots_for_sequence(sequence: Ref) -> Call[list[Shot]]:
    """The shots of a sequence the user has tasks on, sorted by name.

    Args:
        sequence: the sequence (id or dict).

    Calls: GET /data/user/sequences/{sequence_id}/shots
    """
    return _mine(f"{_entity_ref('sequence', sequence)}/shots")


@cached("user", "sequence", "scene")
def all_scenes_for_sequence(sequence: Ref) -> Call[list[Scene]]:
    """The scenes of a sequence the user has tasks on, sorted by name.

    Args:
        sequence: the sequence (id or dict).

    Calls: GET /data/user/sequences/{sequence_id}/scenes
    """
    return _mine(f"{_entity_ref('sequence', sequence)}/scenes")


# -- my tasks, and their types, on one entity ---------------------------------------------------


@cached("user", "asset", "task")
def all_tasks_for_asset(asset: Ref) -> Call[list[Task]]:
    """The user's tasks on an asset, sorted by name.

    Args:
        asset: the asset (id or dict).

    Calls: GET /data/user/assets/{asset_id}/tasks
    """
    return _mine(f"{_entity_ref('asset', asset)}/tasks")


@cached("user", "shot", "task")
def all_tasks_for_shot(shot: Ref) -> Call[list[Task]]:
    """The user's tasks on a shot, sorted by name.

    Args:
        shot: the shot (id or dict).

    Calls: GET /data/user/shots/{shot_id}/tasks
    """
    return _mine(f"{_entity_ref('shot', shot)}/tasks")


@cached("user", "task", "scene")
def all_tasks_for_scene(scene: Ref) -> Call[list[Task]]:
    """The user's tasks on a scene, sorted by name.

    Args:
        scene: the scene (id or dict).

    Calls: GET /data/user/scenes/{scene_id}/tasks
    """
    return _mine(f"{_entity_ref('scene', scene)}/tasks")


@cached("user", "sequence", "task")
def all_tasks_for_sequence(sequence: Ref) -> Call[list[Task]]:
    """The user's tasks on a sequence itself (not on its shots), sorted by name.

    Args:
        sequence: the sequence (id or dict).

    Calls: GET /data/user/sequences/{sequence_id}/tasks
    """
    return _mine(f"{_entity_ref('sequence', sequence)}/tasks")


@cached("user", "task-type", "asset", "task")
def all_task_types_for_asset(asset: Ref) -> Call[list[TaskType]]:
    """The task types of the user's tasks on an asset, sorted by name.

    Args:
        asset: the asset (id or dict).

    Calls: GET /data/user/assets/{asset_id}/task-types
    """
    return _mine(f"{_entity_ref('asset', asset)}/task-types")


@cached("user", "task-type", "shot", "task")
def all_task_types_for_shot(shot: Ref) -> Call[list[TaskType]]:
    """The task types of the user's tasks on a shot, sorted by name.

    Args:
        shot: the shot (id or dict).

    Calls: GET /data/user/shots/{shot_id}/task-types
    """
    return _mine(f"{_entity_ref('shot', shot)}/task-types")


@cached("user", "task-type", "task", "scene")
def all_task_types_for_scene(scene: Ref) -> Call[list[TaskType]]:
    """The task types of the user's tasks on a scene, sorted by name.

    Args:
        scene: the scene (id or dict).

    Calls: GET /data/user/scenes/{scene_id}/task-types
    """
    return _mine(f"{_entity_ref('scene', scene)}/task-types")


@cached("user", "task-type", "sequence", "task")
def all_task_types_for_sequence(sequence: Ref) -> Call[list[TaskType]]:
    """The task types of the user's tasks on a sequence itself, sorted by name.

    Args:
        sequence: the sequence (id or dict).

    Calls: GET /data/user/sequences/{sequence_id}/task-types
    """
    return _mine(f"{_entity_ref('sequence', sequence)}/task-types")


# -- to-do lists --------------------------------------------------------------------------------


@cached("user", "task")
def all_tasks_to_do() -> Call[list[dict[str, Any]]]:
    """The user's unfinished tasks in open projects, as Zou orders them, each with its entity,
    project, type and status names and last comment.

    Calls: GET /data/user/tasks
    """
    return get("data/user/tasks", then=_rows)


@cached("user", "task")
def all_done_tasks() -> Call[list[dict[str, Any]]]:
    """The user's tasks at a "done" status in open projects (rows shaped as all_tasks_to_do).

    Calls: GET /data/user/done-tasks
    """
    return get("data/user/done-tasks", then=_rows)


@cached("user", "task")
def all_tasks_requiring_feedback() -> Call[list[dict[str, Any]]]:
    """The tasks waiting for the user's review: at a feedback-request status, in the user's
    projects (all of them for an admin) and, for a supervisor, in the user's departments.
    Rows are shaped as all_tasks_to_do; an artist gets an empty list.

    Calls: GET /data/user/tasks-to-check
    """
    return get("data/user/tasks-to-check", then=_rows)


# -- session ------------------------------------------------------------------------------------


@cached("user")
def get_context() -> Call[dict[str, Any]]:
    """What a Kitsu client loads at start for this user: open projects, asset types, task types
    and statuses, departments, persons, project roles, custom actions, the user's filters and
    filter groups, the unread notification count, ...

    Calls: GET /data/user/context
    """
    return get("data/user/context", then=_as_dict)


def is_authenticated() -> Flow[bool]:
    """True when the client's token is accepted by Kitsu, False when it is not (after the client
    tried to renew it as it does for any call).

    Calls: GET /auth/authenticated (never answered from the client's cache)
    """
    try:
        answer = yield from get("auth/authenticated", cacheable=False)
    except AuthenticationError:
        return False
    return bool(isinstance(answer, Mapping) and answer.get("authenticated"))


def log_desktop_session_log_in() -> Call[dict[str, Any]]:
    """Record that the user opened a session on a workstation; returns the log entry (`id`,
    `person_id`, `date`).

    Kitsu stamps the entry with its own clock, in UTC (gazu sends the workstation's local time,
    which Kitsu would store as if it were UTC).

    Calls: POST /data/user/desktop-login-logs
    """
    return post("data/user/desktop-login-logs", {}, then=_as_dict)


@cached("user")
def all_desktop_login_logs() -> Call[list[dict[str, Any]]]:
    """The user's workstation log-in entries, latest first.

    Calls: GET /data/user/desktop-login-logs
    """
    return get("data/user/desktop-login-logs", then=_rows)


def clear_avatar() -> Call[str]:
    """Remove the user's avatar picture; returns "" (Zou's empty answer), as gazu.

    Calls: DELETE /actions/user/clear-avatar
    """
    return delete("actions/user/clear-avatar")


# -- time spents and days off -------------------------------------------------------------------


@cached("user")
def get_timespents_range(start_date: DateLike, end_date: DateLike) -> Call[list[dict[str, Any]]]:
    """The user's time spent entries from `start_date` to `end_date` included, each with the
    `project_id` and `task_type_id` of its task.

    Args:
        start_date: the first day, a date or `YYYY-MM-DD`.
        end_date: the last day, a date or `YYYY-MM-DD`.

    Calls: GET /data/user/time-spents?start_date=&end_date=
    """
    params = {
        "start_date": iso_date(start_date, "start_date"),
        "end_date": iso_date(end_date, "end_date"),
    }
    return get("data/user/time-spents", params, then=_rows)


@cached("user", "time-spent")
def get_time_spents_by_date(date: DateLike) -> Call[list[TimeSpent]]:
    """The user's time spent entries of one day (all tasks).

    Args:
        date: the day, a date or `YYYY-MM-DD`.

    Calls: GET /data/user/time-spents/{date}
    """
    return get(f"data/user/time-spents/{iso_date(date)}", then=_rows)


@cached("user", "time-spent", "task")
def get_task_time_spent(task: Ref, date: DateLike) -> Call[Optional[TimeSpent]]:
    """The user's time spent entry on a task for one day, or None when nothing is logged.

    Args:
        task: the task (id or dict).
        date: the day, a date or `YYYY-MM-DD`.

    Reads the user's entries of that day and picks the task's: Zou 1.0.97's
    GET /data/user/tasks/{task_id}/time-spents/{date} (gazu's route) answers 500 instead of
    null when nothing is logged.

    Calls: GET /data/user/time-spents/{date}
    """
    task_id = to_id(task, "task")
    day = iso_date(date)

    def pick(answer: Any) -> Optional[TimeSpent]:
        return next((row for row in _rows(answer) if row.get("task_id") == task_id), None)

    return get(f"data/user/time-spents/{day}", then=pick)


@cached("user", "day-off")
def get_day_off(date: DateLike) -> Call[dict[str, Any]]:
    """The user's day off covering this day, or {} when it is a working day.

    Args:
        date: the day, a date or `YYYY-MM-DD`.

    Calls: GET /data/user/day-offs/{date}
    """
    return get(f"data/user/day-offs/{iso_date(date)}", then=_as_dict)


# -- notifications and subscriptions ------------------------------------------------------------


@cached("user", "notification")
def all_notifications() -> Call[list[dict[str, Any]]]:
    """The user's last 100 notifications, newest first, each with its comment text, task,
    project and entity names.

    Calls: GET /data/user/notifications
    """
    return get("data/user/notifications", then=_rows)


@cached("user", "notification")
def get_notification(notification: Ref) -> Call[dict[str, Any]]:
    """One of the user's notifications (shaped as in all_notifications).

    Args:
        notification: the notification (id or dict).

    Calls: GET /data/user/notifications/{notification_id}
    """
    return get(f"data/user/notifications/{to_id(notification, 'notification')}")


def update_notification(notification: Mapping[str, Any]) -> Call[dict[str, Any]]:
    """Save a notification dict's `read` flag; returns the stored notification.

    Args:
        notification: the notification dict, with its `id` and `read`.

    Calls: PUT /data/user/notifications/{notification_id}
    """
    data = entity_dict(notification, "notification")
    return put(f"data/user/notifications/{data['id']}", data, then=_as_dict)


def mark_all_notifications_as_read() -> Call[dict[str, bool]]:
    """Mark every notification of the user as read; returns `{"success": True}`.

    Calls: POST /actions/user/notifications/mark-all-as-read
    """
    return post("actions/user/notifications/mark-all-as-read", {}, then=_as_dict)


@cached("user", "task", "subscription")
def check_task_subscription(task: Ref) -> Call[bool]:
    """True when the user follows a task (gets its notifications without being assigned).

    Args:
        task: the task (id or dict).

    Calls: GET /data/user/tasks/{task_id}/subscribed
    """
    return get(f"data/user/tasks/{to_id(task, 'task')}/subscribed", then=bool)


def subscribe_to_task(task: Ref) -> Call[dict[str, Any]]:
    """Follow a task; returns the subscription (`task_id`, `person_id`, `entity_id`,
    `task_type_id`).

    Args:
        task: the task (id or dict).

    Calls: POST /actions/user/tasks/{task_id}/subscribe
    """
    return post(f"actions/user/tasks/{to_id(task, 'task')}/subscribe", {}, then=_as_dict)


def unsubscribe_from_task(task: Ref) -> Call[str]:
    """Stop following a task (harmless when not following); returns "" (Zou's empty
    answer), as gazu.

    Args:
        task: the task (id or dict).

    Calls: DELETE /actions/user/tasks/{task_id}/unsubscribe
    """
    return delete(f"actions/user/tasks/{to_id(task, 'task')}/unsubscribe")


# -- chats --------------------------------------------------------------------------------------


def _chat_entity_id(chat: Ref) -> str:
    """The id of the entity a chat is about: a chat dict's `object_id`, else the id given (an
    entity id or dict). gazu sends a chat dict's own `id`, which Zou answers with 404."""
    if isinstance(chat, Mapping) and chat.get("object_id") is not None:
        return to_id(chat["object_id"], "entity")
    return to_id(chat, "entity")


@cached("user")
def all_chats() -> Call[list[dict[str, Any]]]:
    """The entity chats the user takes part in, in open projects, each with its `object_id`
    (the entity), `entity_name`, `project_id` and `last_message`.

    Calls: GET /data/user/chats
    """
    return get("data/user/chats", then=_rows)


def join_chat(chat: Ref) -> Call[dict[str, Any]]:
    """Join the chat of an entity; returns the chat.

    Args:
        chat: the entity (id or dict) whose chat to join, or a chat dict (its `object_id`).

    Calls: POST /actions/user/chats/{entity_id}/join
    """
    return post(f"actions/user/chats/{_chat_entity_id(chat)}/join", {}, then=_as_dict)


def leave_chat(chat: Ref) -> Call[str]:
    """Leave the chat of an entity; returns "" (Zou's empty answer), as gazu.

    Args:
        chat: the entity (id or dict) whose chat to leave, or a chat dict (its `object_id`).

    Calls: DELETE /actions/user/chats/{entity_id}/join
    """
    return delete(f"actions/user/chats/{_chat_entity_id(chat)}/join")
