"""Time spent on tasks (public in `task`, where gazu keeps these)."""

from __future__ import annotations

import datetime
from typing import Any, Optional, Union

from .._core.call import Call, delete, get, post
from .._core.errors import InvalidInputError
from .._core.op_cache import cached
from .._core.refs import Ref, echo, iso_date, to_id
from ..types import TimeSpent

DateLike = Union[str, datetime.date]


def _minutes(duration: Any) -> Union[int, float]:
    if isinstance(duration, bool) or not isinstance(duration, (int, float)) or duration < 0:
        raise InvalidInputError(f"duration must be a number of minutes >= 0, got {echo(duration)}")
    return duration


def _time_spent_path(task: Ref, person: Ref, date: DateLike) -> str:
    task_id = to_id(task, "task")
    person_id = to_id(person, "person")
    return f"actions/tasks/{task_id}/time-spents/{iso_date(date)}/persons/{person_id}"


def set_time_spent(task: Ref, person: Ref, date: DateLike, duration: int) -> Call[TimeSpent]:
    """Set the minutes a person spent on a task on a day (the person must be assigned).

    Args:
        task: the task (id or dict).
        person: the person (id or dict).
        date: the day: a `datetime.date` or `YYYY-MM-DD`.
        duration: the minutes spent that day (replaces what was logged).

    Calls: POST /actions/tasks/{task_id}/time-spents/{date}/persons/{person_id}
    """
    path = _time_spent_path(task, person, date)
    data = {"duration": _minutes(duration)}
    return post(path, data)


def add_time_spent(task: Ref, person: Ref, date: DateLike, duration: int) -> Call[TimeSpent]:
    """Add minutes to what a person logged on a task on a day (the person must be assigned).

    Args:
        task: the task (id or dict).
        person: the person (id or dict).
        date: the day: a `datetime.date` or `YYYY-MM-DD`.
        duration: the minutes to add to what was logged that day.

    Calls: POST /actions/tasks/{task_id}/time-spents/{date}/persons/{person_id}/add
    """
    path = _time_spent_path(task, person, date) + "/add"
    data = {"duration": _minutes(duration)}
    return post(path, data)


@cached("time-spent")
def get_time_spent(task: Ref, date: Optional[DateLike] = None) -> Call[dict[str, Any]]:
    """The time logged on a task (on one day if `date` is given).

    Returns `{"total": minutes, person_id: [time spent entries], ...}`.

    Args:
        task: the task (id or dict).
        date: the day: a `datetime.date` or `YYYY-MM-DD`; None: every day.

    Calls: GET /actions/tasks/{task_id}/time-spents[/{date}]
    """
    task_id = to_id(task, "task")
    path = f"actions/tasks/{task_id}/time-spents"
    if date is not None:
        path += f"/{iso_date(date)}"
    return get(path)


@cached("time-spent", "task")
def get_task_time_spent_for_date(task: Ref, date: DateLike) -> Call[dict[str, Any]]:
    """The time logged on a task on one day (see get_time_spent).

    Args:
        task: the task (id or dict).
        date: the day: a `datetime.date` or `YYYY-MM-DD`.

    Calls: GET /actions/tasks/{task_id}/time-spents/{date}
    """
    return get_time_spent(task, iso_date(date))


def remove_time_spent(time_spent: Ref) -> Call[str]:
    """Delete a time spent entry.

    Args:
        time_spent: the time spent entry (id or dict).

    Calls: DELETE /data/time-spents/{time_spent_id}
    """
    time_spent_id = to_id(time_spent, "time spent")
    return delete(f"data/time-spents/{time_spent_id}")
