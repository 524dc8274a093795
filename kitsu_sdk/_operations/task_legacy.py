"""Task functions gazu 1.x removed that integrations still call (four popular DCC add-ons call
`get_task_by_name`); Zou still serves what they need, so a script that breaks on gazu works here.
"""

from __future__ import annotations

from typing import Optional

from .._core.call import Call, Flow
from .._core.errors import InvalidInputError, NotFoundInKitsuError
from .._core.refs import Ref, echo, to_id
from ..types import Task, TaskStatus
from .comment import add_comment
from .task import get_task, get_task_by_entity
from .task_types import all_task_statuses


def get_task_by_name(entity: Ref, task_type: Ref, name: str = "main") -> Call[Optional[Task]]:
    """gazu 0.x's name for `get_task_by_entity`: the task of that type and name on the entity,
    or None.

    Args:
        entity: the entity (asset, shot, sequence, episode, edit, concept...), id or dict.
        task_type: the task type (id or dict).
        name: the task's name ("main" for most tasks).

    Calls: GET /data/tasks?entity_id=…&task_type_id=…&name=…
    """
    return get_task_by_entity(entity, task_type, name)


def task_to_review(
    task: Ref, person: Ref, comment: str, revision: int = 1, change_status: bool = True
) -> Flow[Task]:
    """Put a task to review as `person`, with a comment (gazu 0.x); returns the updated task.

    gazu 0.x called `PUT actions/tasks/{id}/to-review`, which Zou 1.0.97 no longer serves (it
    answers 404 for every task). What it did is still possible: a comment by `person` that sets
    the task to the studio's feedback-request status ("wfa", Waiting For Approval), or keeps the
    status with `change_status=False`. `revision` only named the preview path the old route
    recorded; it is checked but not sent.

    Args:
        task: the task (id or dict).
        person: the author of the comment (id or dict).
        comment: the comment's text.
        revision: gazu 0.x's preview revision; checked (a positive integer), not sent.
        change_status: set the feedback-request status (False: keep the status).

    Calls: GET /data/tasks/{task_id}/full, GET /data/task-status,
    POST /actions/tasks/{task_id}/comment, GET /data/tasks/{task_id}/full
    """
    if isinstance(revision, bool) or not isinstance(revision, int) or revision < 1:
        raise InvalidInputError(f"revision must be a positive integer, got {echo(revision)}")
    if not isinstance(comment, str):
        raise InvalidInputError(f"comment must be a string, got {type(comment).__name__}")
    task_id = to_id(task, "task")
    person_id = to_id(person, "person")
    return _to_review(task_id, person_id, comment, change_status)


def _to_review(task_id: str, person_id: str, text: str, change_status: bool) -> Flow[Task]:
    current: Task = yield from get_task(task_id)
    status_id = current["task_status_id"]
    if change_status:
        statuses = yield from all_task_statuses()
        review = _review_status(statuses)
        if review is None:
            raise NotFoundInKitsuError("this Kitsu has no feedback-request task status")
        status_id = review["id"]
    yield from add_comment(task_id, status_id, text, person=person_id)
    updated: Task = yield from get_task(task_id)
    return updated


def _review_status(statuses: list[TaskStatus]) -> Optional[TaskStatus]:
    """The "to review" status: Zou's own (short name wfa) among the feedback-request ones."""
    requests = [s for s in statuses if s.get("is_feedback_request")]
    for status in requests:
        if str(status.get("short_name", "")).lower() == "wfa":
            return status
    return requests[0] if requests else None
