"""Milestones, quotas and budgets of a project (public in `project`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from .._core.call import Call, Flow, delete, get, post, put
from .._core.errors import InvalidInputError
from .._core.op_cache import cached
from .._core.refs import Ref, echo, to_id, to_optional_id
from .._core.refs import require_name as _require_name
from ..types import Budget, BudgetEntry
from .project_routes import as_mapping, choice, project_list, project_path, put_whole

__all__ = [
    "BUDGET_POSITIONS", "BUDGET_SENIORITIES", "QUOTA_COUNT_MODES",
    "create_budget", "create_budget_entry", "get_budget", "get_budget_entries",
    "get_budget_entry", "get_budgets", "get_milestones", "get_project_person_quotas",
    "get_project_quotas", "remove_budget", "remove_budget_entry", "update_budget",
    "update_budget_entry",
]  # fmt: skip

QUOTA_COUNT_MODES = ("weighted", "weighteddone", "feedback", "done")
BUDGET_POSITIONS = ("supervisor", "lead", "artist")
BUDGET_SENIORITIES = ("senior", "mid", "junior")
_READ_ONLY = frozenset({"id", "type", "created_at", "updated_at", "project_id", "budget_id"})
_BUDGET_FIELDS = frozenset({"name", "currency"})
_ENTRY_FIELDS = (
    "department_id", "person_id", "start_date", "months_duration", "daily_salary", "position",
    "seniority", "exceptions",
)  # fmt: skip


@cached("budget", "milestone")
def get_milestones(project: Ref) -> Call[list[dict[str, Any]]]:
    """List the milestones of a project's schedule.

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/milestones
    """
    return project_list(project, "milestones")


def _quotas(project: Ref, segment: str, count_mode: Optional[str]) -> Call[dict[str, Any]]:
    if count_mode is not None:
        choice(count_mode, QUOTA_COUNT_MODES, "count_mode")
    path = project_path(project, "quotas", segment)
    return get(path, {"count_mode": count_mode})


@cached("budget", "project")
def get_project_quotas(
    project: Ref, task_type: Ref, *, count_mode: Optional[str] = None
) -> Call[dict[str, Any]]:
    """Quotas of a task type in a project, per person then per period.

    Zou answers a dict (gazu documents a list). `count_mode` is one of QUOTA_COUNT_MODES
    (Zou's default: "weighted").

    Args:
        project: the project (id or dict).
        task_type: the task type (id or dict).
        count_mode: what is counted: "weighted", "weighteddone", "feedback" or "done" (None: Zou's
            default).

    Calls: GET /data/projects/{project_id}/quotas/{task_type_id}
    """
    return _quotas(project, to_id(task_type, "task type"), count_mode)


@cached("budget", "person", "project")
def get_project_person_quotas(
    project: Ref, person: Ref, *, count_mode: Optional[str] = None
) -> Call[dict[str, Any]]:
    """Quotas of one person in a project, per period (a dict, as Zou answers).

    Args:
        project: the project (id or dict).
        person: the person (id or dict).
        count_mode: what is counted: "weighted", "weighteddone", "feedback" or "done" (None: Zou's
            default).

    Calls: GET /data/projects/{project_id}/quotas/persons/{person_id}
    """
    return _quotas(project, f"persons/{to_id(person, 'person')}", count_mode)


# -- budgets ------------------------------------------------------------------------------------


def _budget_path(project: Ref, budget: Ref, *parts: str) -> str:
    return project_path(project, "budgets", to_id(budget, "budget"), *parts)


def _entry_path(project: Ref, budget: Ref, entry: Ref) -> str:
    return _budget_path(project, budget, "entries", to_id(entry, "budget entry"))


def _refuse(given: Mapping[str, Any], what: str, instead: str) -> None:
    unknown = sorted(key for key, value in given.items() if value is not None)
    if unknown:
        raise InvalidInputError(
            f"Zou 1.0.97 {what} have no {', '.join(unknown)}; {what} take {instead}"
        )


def _check_currency(currency: Any) -> None:
    # Zou stores 3 characters and answers 500 to anything longer.
    if currency is not None and (not isinstance(currency, str) or len(currency) != 3):
        raise InvalidInputError(
            f"currency must be a 3-letter code like 'EUR', got {echo(currency)}"
        )


@cached("budget")
def get_budgets(project: Ref) -> Call[list[Budget]]:
    """List the budgets of a project (managers only).

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/budgets
    """
    return project_list(project, "budgets")


def create_budget(
    project: Ref,
    name: str,
    description: Optional[str] = None,
    currency: Optional[str] = None,
    start_date: Optional[str] = None,
    end_date: Optional[str] = None,
    amount: Optional[float] = None,
) -> Call[Budget]:
    """Create a budget (a new revision) for a project; currency defaults to USD on Zou's side.

    Zou 1.0.97 budgets only hold a name and a currency: `description`, `start_date`, `end_date`
    and `amount` (gazu's parameters) raise InvalidInputError instead of being dropped.

    Args:
        project: the project (id or dict).
        name: the budget's name.
        description: free text.
        currency: the currency code, such as `"EUR"` (None: Zou's default, USD).
        start_date: the first day the budget covers, `YYYY-MM-DD`.
        end_date: the last day it covers, `YYYY-MM-DD`.
        amount: the total amount.

    Calls: POST /data/projects/{project_id}/budgets
    """
    path = project_path(project, "budgets")
    gazu_only = {"description": description, "start_date": start_date, "end_date": end_date}
    _refuse({**gazu_only, "amount": amount}, "budgets", "a name and a currency")
    _check_currency(currency)
    body: dict[str, Any] = {"name": _require_name(name, "budget name")}
    if currency is not None:
        body["currency"] = currency
    return post(path, body)


@cached("budget")
def get_budget(project: Ref, budget: Ref) -> Call[Budget]:
    """One budget of a project.

    Args:
        project: the project (id or dict).
        budget: the budget (id or dict).

    Calls: GET /data/projects/{project_id}/budgets/{budget_id}
    """
    return get(_budget_path(project, budget))


def update_budget(project: Ref, budget: Ref, data: Mapping[str, Any]) -> Call[Budget]:
    """Change a budget's `name` and/or `currency` (the only fields Zou lets change).

    Args:
        project: the project (id or dict).
        budget: the budget (id or dict).
        data: the new `name` and/or `currency`.

    Calls: PUT /data/projects/{project_id}/budgets/{budget_id}
    """
    path = _budget_path(project, budget)
    given = as_mapping(data, "data")
    _refuse({k: v for k, v in given.items() if k not in _BUDGET_FIELDS | _READ_ONLY | {"revision"}},
            "budgets", "name and currency")  # fmt: skip
    _check_currency(given.get("currency"))
    body = {key: value for key, value in given.items() if key in _BUDGET_FIELDS}
    return put(path, body)


def remove_budget(project: Ref, budget: Ref) -> Call[str]:
    """Delete a budget and its entries.

    Args:
        project: the project (id or dict).
        budget: the budget (id or dict).

    Calls: DELETE /data/projects/{project_id}/budgets/{budget_id}
    """
    return delete(_budget_path(project, budget))


@cached("budget")
def get_budget_entries(project: Ref, budget: Ref) -> Call[list[BudgetEntry]]:
    """List the entries of a budget.

    Args:
        project: the project (id or dict).
        budget: the budget (id or dict).

    Calls: GET /data/projects/{project_id}/budgets/{budget_id}/entries
    """
    return get(_budget_path(project, budget, "entries"))


def create_budget_entry(
    project: Ref,
    budget: Ref,
    name: Optional[str] = None,
    date: Optional[str] = None,
    amount: Optional[float] = None,
    quantity: Optional[float] = None,
    unit_price: Optional[float] = None,
    description: Optional[str] = None,
    category: Optional[str] = None,
    *,
    department: Optional[Ref] = None,
    start_date: Optional[str] = None,
    months_duration: Optional[int] = None,
    daily_salary: Optional[float] = None,
    position: str = "artist",
    seniority: str = "mid",
    person: Optional[Ref] = None,
) -> Call[BudgetEntry]:
    """Add an entry to a budget: someone (`person`, or an unnamed hire) in a `department` from
    `start_date` (or gazu's `date`) for `months_duration` months at `daily_salary`.

    Zou 1.0.97 budget entries have no name, amount, quantity, unit price, description or
    category: those gazu parameters raise InvalidInputError, as does a missing department,
    start date, duration or salary (Zou answers 500 without them).

    Args:
        project: the project (id or dict).
        budget: the budget (id or dict).
        name: gazu's parameter; Zou 1.0.97 budget entries have none: a value raises
            InvalidInputError.
        date: gazu's name for `start_date`, used when `start_date` is None.
        amount: gazu's parameter; Zou 1.0.97 budget entries have none: a value raises
            InvalidInputError.
        quantity: gazu's parameter; Zou 1.0.97 budget entries have none: a value raises
            InvalidInputError.
        unit_price: gazu's parameter; Zou 1.0.97 budget entries have none: a value raises
            InvalidInputError.
        description: gazu's parameter; Zou 1.0.97 budget entries have none: a value raises
            InvalidInputError.
        category: gazu's parameter; Zou 1.0.97 budget entries have none: a value raises
            InvalidInputError.
        department: the department of the hire (id or dict; required).
        start_date: the first day, `YYYY-MM-DD` (required, or `date`).
        months_duration: how many months (required).
        daily_salary: the cost of a day (required).
        position: "supervisor", "lead" or "artist".
        seniority: "senior", "mid" or "junior".
        person: the person hired (id or dict); None: an unnamed hire.

    Calls: POST /data/projects/{project_id}/budgets/{budget_id}/entries
    """
    path = _budget_path(project, budget, "entries")
    gazu_only = {"name": name, "amount": amount, "quantity": quantity}
    gazu_only.update({"unit_price": unit_price, "description": description, "category": category})
    _refuse(gazu_only, "budget entries", "department, start_date, months_duration, daily_salary")
    start = start_date if start_date is not None else date
    if department is None or start is None or months_duration is None or daily_salary is None:
        raise InvalidInputError(
            "a budget entry needs department, start_date, months_duration and daily_salary"
        )
    choice(position, BUDGET_POSITIONS, "position")
    choice(seniority, BUDGET_SENIORITIES, "seniority")
    body = {
        "department_id": to_id(department, "department"),
        "person_id": to_optional_id(person, "person"),
        "start_date": start,
        "months_duration": months_duration,
        "daily_salary": daily_salary,
        "position": position,
        "seniority": seniority,
    }
    return post(path, body)


@cached("budget")
def get_budget_entry(project: Ref, budget: Ref, entry: Ref) -> Call[BudgetEntry]:
    """One entry of a budget.

    Args:
        project: the project (id or dict).
        budget: the budget (id or dict).
        entry: the budget entry (id or dict).

    Calls: GET /data/projects/{project_id}/budgets/{budget_id}/entries/{entry_id}
    """
    return get(_entry_path(project, budget, entry))


def update_budget_entry(
    project: Ref, budget: Ref, entry: Ref, data: Mapping[str, Any]
) -> Flow[BudgetEntry]:
    """Change some fields of a budget entry (department_id, person_id, start_date,
    months_duration, daily_salary, position, seniority, exceptions), keeping the others.

    Zou nulls every field the body leaves out (and answers 500), so unless `data` holds them
    all the current entry is read first and sent back with the changes.

    Args:
        project: the project (id or dict).
        budget: the budget (id or dict).
        entry: the budget entry (id or dict).
        data: the fields to change; the others are read first and kept.

    Calls: [GET then] PUT /data/projects/{project_id}/budgets/{budget_id}/entries/{entry_id}
    """
    path = _entry_path(project, budget, entry)
    given = as_mapping(data, "data")
    _refuse({k: v for k, v in given.items() if k not in {*_ENTRY_FIELDS, *_READ_ONLY}},
            "budget entries", ", ".join(_ENTRY_FIELDS))  # fmt: skip
    body = {key: given[key] for key in _ENTRY_FIELDS if key in given}
    return put_whole(path, body, _ENTRY_FIELDS)


def remove_budget_entry(project: Ref, budget: Ref, entry: Ref) -> Call[str]:
    """Delete an entry of a budget.

    Args:
        project: the project (id or dict).
        budget: the budget (id or dict).
        entry: the budget entry (id or dict).

    Calls: DELETE /data/projects/{project_id}/budgets/{budget_id}/entries/{entry_id}
    """
    return delete(_entry_path(project, budget, entry))
