"""People of the studio: persons and bots, departments, organisation, time spents and day offs
of a person, avatars, invitations and account administration."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping
from typing import Any, Optional, Union

from .._core.call import Call, Flow, ProgressCallback, Upload, delete, get, post, put, web_root
from .._core.errors import BadRequestError, InvalidInputError
from .._core.op_cache import cached
from .._core.refs import Ref, echo, iso_date, to_id
from .._core.rows import pick_by_name, sorted_by_name
from ..types import Department, Person
from . import raw
from .file_args import progress as check_progress

DateLike = Union[str, datetime.date]

_GAZU_ABSENT: dict[str, str] = {}

# Keys Zou computes: sent back in a PUT they are ignored at best (full_name is a SQL expression).
_READ_ONLY_KEYS = frozenset({"id", "type", "created_at", "updated_at", "full_name", "access_token"})


# -- argument checks --------------------------------------------------------------------------


def _number(value: Any, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInputError(
            f"{what} must be an integer from {low} to {high}, got {echo(value)}"
        )
    return value


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"{what} must be a non-empty string, got {echo(value)}")
    return value.strip()


def _writable(row: Mapping[str, Any], what: str) -> tuple[str, dict[str, Any]]:
    """(id, the fields to PUT) of an entity dict; refuses anything but a dict with an id."""
    if not isinstance(row, Mapping):
        raise InvalidInputError(
            f"expected the {what} dict (with an 'id'), got {type(row).__name__}"
        )
    row_id = to_id(dict(row), what)
    data = {key: value for key, value in row.items() if key not in _READ_ONLY_KEYS}
    if "email" in data and data["email"] is None:
        # Zou validates any `email` sent back and answers 400 for a null one (a bot, a person
        # created without e-mail): a null e-mail cannot be set anyway, so it is not sent.
        del data["email"]
    if isinstance(data.get("departments"), list):
        data["departments"] = [to_id(dep, "department") for dep in data["departments"]]
    return row_id, data


def _department_ids(departments: Optional[Iterable[Ref]]) -> list[str]:
    if departments is None:
        return []
    if isinstance(departments, (str, Mapping)):
        departments = [departments]
    return [to_id(department, "department") for department in departments]


# -- reading answers --------------------------------------------------------------------------


def _rows(answer: Any) -> list[Any]:
    """`then` for routes answering a list (or nothing, which becomes [])."""
    return list(answer or [])


def _first(answer: Any) -> Optional[Any]:
    """`then` for a filtered list route read for one row: the first, or None."""
    rows = _rows(answer)
    return rows[0] if rows else None


def _persons(params: dict[str, Any]) -> Call[Optional[Person]]:
    """The first row of GET /data/persons with this query, or None."""
    return get("data/persons", params, then=_first)


# -- organisation and departments -------------------------------------------------------------


@cached("person", "organisation")
def all_organisations() -> Call[list[dict[str, Any]]]:
    """The organisations (a Kitsu has one), sorted by name.

    Calls: GET /data/organisations
    """
    return get("data/organisations", then=sorted_by_name)


@cached("person", "organisation")
def get_organisation() -> Call[dict[str, Any]]:
    """The organisation of the logged-in user.

    Calls: GET /auth/authenticated
    """
    return get("auth/authenticated", then=lambda body: dict(body["organisation"]))


@cached("person", "department")
def all_departments() -> Call[list[Department]]:
    """Every department, sorted by name.

    Calls: GET /data/departments
    """
    return get("data/departments", then=sorted_by_name)


@cached("person", "department")
def get_department(department_id: Ref) -> Call[Department]:
    """One department by id.

    Args:
        department_id: the department's id (a dict or object with an `id` works too).

    Calls: GET /data/departments/{department_id}
    """
    return get(f"data/departments/{to_id(department_id, 'department')}")


@cached("person", "department")
def get_department_by_name(name: str) -> Call[Optional[Department]]:
    """The department with this name (exact first, then case-insensitive), or None.

    Args:
        name: the name to look for.

    Calls: GET /data/departments?name=
    """
    name = _text(name, "department name")
    return get(
        "data/departments", {"name": name}, then=lambda rows: pick_by_name(rows, name, "name")
    )


def new_department(name: str, color: str = "", archived: bool = False) -> Flow[Department]:
    """Create a department, or return the existing one of that name.

    Args:
        name: the department's name.
        color: a hex colour, such as `"#FF0000"`.
        archived: create it archived.

    Calls: POST /data/departments (then GET /data/departments?name= when the name is taken)
    """
    name = _text(name, "department name")
    body = {"name": name, "color": color, "archived": archived}
    try:
        created: Department = yield from post("data/departments", body)
    except BadRequestError:
        # Department names are unique: Zou answers 400 for a taken one, gazu returned it.
        existing = yield from get_department_by_name(name)
        if existing is None:
            raise
        return existing
    return created


def update_department(department: Mapping[str, Any]) -> Call[Department]:
    """Save the fields of a department dict.

    Args:
        department: the department dict, with its `id` and the fields to save.

    Calls: PUT /data/departments/{department_id}
    """
    department_id, data = _writable(department, "department")
    return put(f"data/departments/{department_id}", data)


def remove_department(department: Ref, force: bool = False) -> Call[str]:
    """Delete a department.

    Args:
        department: the department (id or dict).
        force: sent as `?force=true` to Zou's delete route.

    Calls: DELETE /data/departments/{department_id}
    """
    department_id = to_id(department, "department")
    params = {"force": True} if force else None
    return delete(f"data/departments/{department_id}", params)


def add_person_to_department(person: Ref, department: Ref) -> Call[dict[str, Any]]:
    """Add a person to a department.

    Args:
        person: the person (id or dict).
        department: the department (id or dict).

    Calls: POST /actions/persons/{person_id}/departments/add
    """
    person_id = to_id(person, "person")
    department_id = to_id(department, "department")
    path = f"actions/persons/{person_id}/departments/add"
    return post(path, {"department_id": department_id})


def remove_person_from_department(person: Ref, department: Ref) -> Call[str]:
    """Take a person out of a department.

    Args:
        person: the person (id or dict).
        department: the department (id or dict).

    Calls: DELETE /actions/persons/{person_id}/departments/{department_id}
    """
    person_id = to_id(person, "person")
    department_id = to_id(department, "department")
    return delete(f"actions/persons/{person_id}/departments/{department_id}")


# -- persons and bots -------------------------------------------------------------------------


@cached("person")
def all_persons() -> Call[list[Person]]:
    """Every person and bot of the studio (as much of each as the user may see).

    Calls: GET /data/persons
    """
    return get("data/persons", then=_rows)


@cached("person")
def get_person(id: Ref, relations: bool = False) -> Call[Optional[Person]]:
    """One person by id, or None; `relations` adds the department ids.

    Args:
        id: the person's id (a dict or object with an `id` works too).
        relations: also return the person's department ids.

    Calls: GET /data/persons?id=
    """
    person_id = to_id(id, "person")
    return _persons({"id": person_id, "relations": True if relations else None})


@cached("person")
def get_person_by_desktop_login(desktop_login: str) -> Call[Optional[Person]]:
    """The (non-bot) person with this desktop login, or None.

    Args:
        desktop_login: the login on the studio's workstations.

    Calls: GET /data/persons?desktop_login=&is_bot=false
    """
    login = _text(desktop_login, "desktop login")
    return _persons({"desktop_login": login, "is_bot": False})


@cached("person")
def get_person_by_email(email: str, is_bot: bool = False) -> Call[Optional[Person]]:
    """The person (or bot, with `is_bot`) with this e-mail, or None.

    Args:
        email: the e-mail address.
        is_bot: look for a bot instead of a person.

    Calls: GET /data/persons?email=&is_bot=
    """
    email = _text(email, "email")
    return _persons({"email": email, "is_bot": bool(is_bot)})


@cached("person")
def get_person_by_full_name(
    full_name: str,
    first_name: Optional[str] = None,
    last_name: Optional[str] = None,
) -> Call[Optional[Person]]:
    """The (non-bot) person with this full name, or with this first and last name when both are
    given; None when nobody matches.

    Args:
        full_name: the person's full name (first and last name).
        first_name: the first name (used with `last_name` when both are given).
        last_name: the last name (used with `first_name` when both are given).

    Calls: GET /data/persons?full_name=&is_bot=false (or ?first_name=&last_name=&is_bot=false)
    """
    if first_name is not None and last_name is not None:
        params = {"first_name": first_name, "last_name": last_name, "is_bot": False}
    else:
        params = {"full_name": _text(full_name, "full name"), "is_bot": False}
    return _persons(params)


@cached("person")
def get_person_url(person: Ref) -> Call[str]:
    """The Kitsu web page of a person (no request).

    Args:
        person: the person (id or dict).
    """
    person_id = to_id(person, "person")
    return web_root().map(lambda root: f"{root}/people/{person_id}/")


def new_person(
    first_name: str,
    last_name: str,
    email: Optional[str],
    phone: str = "",
    role: str = "user",
    desktop_login: str = "",
    departments: Optional[Iterable[Ref]] = None,
    password: Optional[str] = None,
    active: bool = True,
    contract_type: str = "open-ended",
) -> Flow[Person]:
    """Create a person, or return the existing (non-bot) person with this e-mail.

    `email` may be None for a person who never logs in (Zou accepts it). Zou checks that an
    e-mail's domain exists (MAIL_CHECK_DELIVERABILITY, on by default) and answers 400 if not.

    Args:
        first_name: the first name.
        last_name: the last name.
        email: the e-mail address, also the login (None: a person who never logs in).
        phone: the phone number.
        role: the role: "user", "admin", "supervisor", "manager", "client" or "vendor".
        desktop_login: the login on the studio's workstations.
        departments: the person's departments (each an id or a dict).
        password: the initial password (None: set it later or invite the person).
        active: whether the account can log in.
        contract_type: the contract: "open-ended", "fixed-term", "short-term", "freelance",
            "apprentice" or "internship".

    Calls: POST /data/persons (then GET /data/persons?email= when the e-mail is taken)
    """
    if not isinstance(last_name, str):  # may be empty (Zou's bots have none)
        raise InvalidInputError(f"last name must be a string, got {type(last_name).__name__}")
    data: dict[str, Any] = {
        "first_name": _text(first_name, "first name"),
        "last_name": last_name,
        "phone": phone,
        "role": role,
        "desktop_login": desktop_login,
        "departments": _department_ids(departments),
        "password": password,
        "active": active,
        "contract_type": contract_type,
    }
    if email is not None and email != "":
        data["email"] = email = _text(email, "email")
    try:
        created: Person = yield from post("data/persons", data)
    except BadRequestError as error:
        # Zou refuses a taken e-mail ("Email already in use."); gazu returned that person.
        existing = None
        if "in use" in error.message and "email" in data:
            existing = yield from get_person_by_email(data["email"])
        if existing is None:
            raise
        return existing
    return created


def update_person(person: Mapping[str, Any]) -> Call[Person]:
    """Save the fields of a person dict (`departments` may hold dicts or ids).

    Args:
        person: the person dict, with its `id` and the fields to save.

    Calls: PUT /data/persons/{person_id}
    """
    person_id, data = _writable(person, "person")
    return put(f"data/persons/{person_id}", data)


def remove_person(person: Ref, force: bool = False) -> Call[str]:
    """Delete a person; `force` also deletes or detaches their comments, logs and time spents.

    Args:
        person: the person (id or dict).
        force: also delete or detach the person's comments, logs and time spents.

    Calls: DELETE /data/persons/{person_id}
    """
    person_id = to_id(person, "person")
    params = {"force": True} if force else None
    return delete(f"data/persons/{person_id}", params)


def new_bot(
    name: str,
    email: Optional[str],
    role: str = "user",
    departments: Optional[Iterable[Ref]] = None,
    active: bool = True,
    expiration_date: Optional[DateLike] = None,
) -> Call[Person]:
    """Create a bot; the answer carries its `access_token` (shown once: keep it secret).

    `email` may be None (bots need none). Zou issues the token with no expiry unless
    `expiration_date` ('YYYY-MM-DD', not in the past) is given.

    Args:
        name: the bot's name.
        email: the bot's e-mail (None: Zou makes one up).
        role: the role: "user", "admin", "supervisor", "manager", "client" or "vendor".
        departments: the bot's departments (each an id or a dict).
        active: whether the account can log in.
        expiration_date: the day the token stops working: a `datetime.date` or `YYYY-MM-DD` (None:
            never).

    Calls: POST /data/persons
    """
    data: dict[str, Any] = {
        "first_name": _text(name, "bot name"),
        "last_name": "",
        "role": role,
        "departments": _department_ids(departments),
        "active": active,
        "is_bot": True,
    }
    if email is not None and email != "":
        data["email"] = _text(email, "email")
    if expiration_date is not None:
        data["expiration_date"] = iso_date(expiration_date, "expiration_date")
    return post("data/persons", data)


def update_bot(bot: Mapping[str, Any]) -> Call[Person]:
    """Save the fields of a bot dict. A new `expiration_date` makes Zou issue a new token (in the
    answer's `access_token`) and revoke the previous one.

    Args:
        bot: the bot dict, with its `id` and the fields to save.

    Calls: PUT /data/persons/{bot_id}
    """
    return update_person(bot)


def remove_bot(bot: Ref, force: bool = False) -> Call[Any]:
    """Delete a bot (its token stops working).

    Args:
        bot: the bot (id or dict).
        force: also delete or detach the bot's comments, logs and time spents.

    Calls: DELETE /data/persons/{bot_id}
    """
    return remove_person(bot, force=force)


# -- account administration -------------------------------------------------------------------


def set_avatar(
    person: Ref,
    file_path: Union[str, os.PathLike[str]],
    progress_callback: Optional[ProgressCallback] = None,
) -> Call[dict[str, Any]]:
    """Upload a picture as a person's avatar; returns `{"thumbnail_path": ...}`.

    Args:
        person: the person (id or dict).
        file_path: the local file to send.
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: POST /pictures/thumbnails/persons/{person_id}
    """
    check_progress(progress_callback)  # before any request
    person_id = to_id(person, "person")
    return Upload(
        f"pictures/thumbnails/persons/{person_id}",
        [("file", os.fspath(file_path))],
        progress_callback=progress_callback,
    )


def clear_person_avatar(person: Ref) -> Call[str]:
    """Remove a person's avatar.

    Args:
        person: the person (id or dict).

    Calls: DELETE /actions/persons/{person_id}/clear-avatar
    """
    return delete(f"actions/persons/{to_id(person, 'person')}/clear-avatar")


def change_password_for_person(person: Ref, password: str) -> Call[dict[str, Any]]:
    """Set a person's password (admins only); returns `{"success": True}`.

    Args:
        person: the person (id or dict).
        password: the new password.

    Calls: POST /actions/persons/{person_id}/change-password
    """
    person_id = to_id(person, "person")
    if not isinstance(password, str) or not password:
        raise InvalidInputError("password must be a non-empty string")
    path = f"actions/persons/{person_id}/change-password"
    return post(path, {"password": password, "password_2": password})


def invite_person(person: Ref) -> Call[dict[str, Any]]:
    """E-mail a person an invitation to connect to Kitsu.

    Args:
        person: the person (id or dict).

    Calls: GET /actions/persons/{person_id}/invite (a GET that sends mail: never cached)
    """
    return get(f"actions/persons/{to_id(person, 'person')}/invite", cacheable=False)


def disable_two_factor_authentication(person: Ref) -> Call[str]:
    """Turn off a person's two-factor authentication (admins only).

    Args:
        person: the person (id or dict).

    Calls: DELETE /actions/persons/{person_id}/disable-two-factor-authentication
    """
    person_id = to_id(person, "person")
    return delete(f"actions/persons/{person_id}/disable-two-factor-authentication")


def get_presence_log(year: int, month: int) -> Call[str]:
    """The presence table of every person for a month, as CSV text.

    Args:
        year: the year.
        month: the month, 1 to 12.

    Calls: GET /data/persons/presence-logs/{year}-{month}
    """
    year = _number(year, "year", 1, 9999)
    month = _number(month, "month", 1, 12)
    return raw.get(f"data/persons/presence-logs/{year}-{month:02d}", json_response=False).map(str)


# -- time spents and day offs of a person -----------------------------------------------------


def _of_person(person: Ref, suffix: str, params: Any = None) -> Call[list[dict[str, Any]]]:
    """GET /data/persons/{person_id}/<suffix>, a list."""
    return get(f"data/persons/{to_id(person, 'person')}/{suffix}", params, then=_rows)


@cached("person", "time-spent")
def get_time_spents_range(
    person_id: Ref, start_date: DateLike, end_date: DateLike
) -> Call[list[dict[str, Any]]]:
    """A person's time spents between two days, both included.

    Args:
        person_id: the person's id (a dict or object with an `id` works too).
        start_date: the first day: a `datetime.date` or `YYYY-MM-DD`.
        end_date: the last day, included: a `datetime.date` or `YYYY-MM-DD`.

    Calls: GET /data/persons/{person_id}/time-spents?start_date=&end_date=
    """
    params = {
        "start_date": iso_date(start_date, "start_date"),
        "end_date": iso_date(end_date, "end_date"),
    }
    return _of_person(person_id, "time-spents", params)


def get_all_month_time_spents(id: Ref, date: datetime.date) -> Call[list[dict[str, Any]]]:
    """Every time spent of a person in the month of `date`.

    Args:
        id: the person's id (a dict or object with an `id` works too).
        date: a day of the month: a `datetime.date` (or `YYYY-MM-DD`).

    Calls: GET /data/persons/{person_id}/time-spents/month/all/{year}/{month}
    """
    day = datetime.date.fromisoformat(iso_date(date))
    return _of_person(id, f"time-spents/month/all/{day.year}/{day.month:02d}")


@cached("person", "time-spent")
def get_time_spents_by_date(person: Ref, date: DateLike) -> Call[list[dict[str, Any]]]:
    """A person's time spents of one day.

    Args:
        person: the person (id or dict).
        date: the day: a `datetime.date` or `YYYY-MM-DD`.

    Calls: GET /data/persons/{person_id}/time-spents/{date}
    """
    return _of_person(person, f"time-spents/{iso_date(date)}")


@cached("person", "time-spent")
def get_week_time_spents(person: Ref, year: int, week: int) -> Call[list[dict[str, Any]]]:
    """A person's time of an ISO week, one row per task (task, entity and project names,
    total `duration`).

    Args:
        person: the person (id or dict).
        year: the year, such as 2026.
        week: the ISO week number, 1 to 53.

    Calls: GET /data/persons/{person_id}/time-spents/week/{year}/{week}
    """
    year, week = _number(year, "year", 1, 9999), _number(week, "week", 1, 53)
    return _of_person(person, f"time-spents/week/{year}/{week}")


@cached("person", "time-spent")
def get_year_time_spents(person: Ref, year: int) -> Call[list[dict[str, Any]]]:
    """A person's time of a year, one row per task (task, entity and project names, total
    `duration`).

    Args:
        person: the person (id or dict).
        year: the year, such as 2026.

    Calls: GET /data/persons/{person_id}/time-spents/year/{year}
    """
    year = _number(year, "year", 1, 9999)
    return _of_person(person, f"time-spents/year/{year}")


@cached("person", "day-off")
def get_day_offs(person: Ref) -> Call[list[dict[str, Any]]]:
    """Every day off of a person.

    Args:
        person: the person (id or dict).

    Calls: GET /data/persons/{person_id}/day-offs
    """
    return _of_person(person, "day-offs")


@cached("person", "day-off")
def get_week_day_offs(person: Ref, year: int, week: int) -> Call[list[dict[str, Any]]]:
    """A person's day offs in an ISO week.

    Args:
        person: the person (id or dict).
        year: the year, such as 2026.
        week: the ISO week number, 1 to 53.

    Calls: GET /data/persons/{person_id}/day-offs/week/{year}/{week}
    """
    year, week = _number(year, "year", 1, 9999), _number(week, "week", 1, 53)
    return _of_person(person, f"day-offs/week/{year}/{week}")


@cached("person", "day-off")
def get_month_day_offs(person: Ref, year: int, month: int) -> Call[list[dict[str, Any]]]:
    """A person's day offs in a month.

    Args:
        person: the person (id or dict).
        year: the year, such as 2026.
        month: the month, 1 to 12.

    Calls: GET /data/persons/{person_id}/day-offs/month/{year}/{month}
    """
    year, month = _number(year, "year", 1, 9999), _number(month, "month", 1, 12)
    return _of_person(person, f"day-offs/month/{year}/{month:02d}")


@cached("person", "day-off")
def get_year_day_offs(person: Ref, year: int) -> Call[list[dict[str, Any]]]:
    """A person's day offs in a year.

    Args:
        person: the person (id or dict).
        year: the year, such as 2026.

    Calls: GET /data/persons/{person_id}/day-offs/year/{year}
    """
    return _of_person(person, f"day-offs/year/{_number(year, 'year', 1, 9999)}")


@cached("person", "day-off")
def get_day_off(day_off_id: Ref) -> Call[dict[str, Any]]:
    """One day off by id.

    Args:
        day_off_id: the day off's id (a dict or object with an `id` works too).

    Calls: GET /data/day-offs/{day_off_id}
    """
    return raw.fetch_one("day-offs", to_id(day_off_id, "day off"))


def new_day_off(
    person: Ref,
    date: DateLike,
    end_date: DateLike,
    description: Optional[str] = None,
) -> Call[dict[str, Any]]:
    """Give a person days off from `date` to `end_date` (included). Zou refuses a period that
    overlaps another one and removes the time spents inside it.

    Args:
        person: the person (id or dict).
        date: the first day off: a `datetime.date` or `YYYY-MM-DD`.
        end_date: the last day off, included: a `datetime.date` or `YYYY-MM-DD`.
        description: free text.

    Calls: POST /data/day-offs
    """
    data: dict[str, Any] = {
        "person_id": to_id(person, "person"),
        "date": iso_date(date),
        "end_date": iso_date(end_date, "end_date"),
    }
    if description is not None:
        data["description"] = description
    return raw.create("day-offs", data)


def update_day_off(day_off: Mapping[str, Any]) -> Call[dict[str, Any]]:
    """Save the fields of a day off dict (date, end_date, description, person_id).

    Args:
        day_off: the day off dict, with its `id` and the fields to save.

    Calls: PUT /data/day-offs/{day_off_id}
    """
    day_off_id, data = _writable(day_off, "day off")
    return put(f"data/day-offs/{day_off_id}", data)


def remove_day_off(day_off: Ref) -> Call[str]:
    """Delete a day off.

    Args:
        day_off: the day off (id or dict).

    Calls: DELETE /data/day-offs/{day_off_id}
    """
    return delete(f"data/day-offs/{to_id(day_off, 'day off')}")
