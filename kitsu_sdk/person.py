"""People of the studio: persons and bots, departments, organisation, time spents and day offs
of a person, avatars, invitations and account administration."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Optional, Union

from ._core.errors import BadRequestError, InvalidInputError
from ._core.refs import Ref, iso_date, to_id
from ._core.rows import pick_by_name, sorted_by_name
from .client import KitsuClient, resolve_client
from .types import Department, Person

if TYPE_CHECKING:
    from ._core.call import ProgressCallback

DateLike = Union[str, datetime.date]

_GAZU_ABSENT: dict[str, str] = {}

# Keys Zou computes: sent back in a PUT they are ignored at best (full_name is a SQL expression).
_READ_ONLY_KEYS = frozenset({"id", "type", "created_at", "updated_at", "full_name", "access_token"})


# -- argument checks --------------------------------------------------------------------------


def _number(value: Any, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInputError(f"{what} must be an integer from {low} to {high}, got {value!r}")
    return value


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"{what} must be a non-empty string, got {value!r}")
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


# -- organisation and departments -------------------------------------------------------------


def all_organisations(client: Optional[KitsuClient] = None) -> list[dict[str, Any]]:
    """The organisations (a Kitsu has one), sorted by name.

    Calls: GET /data/organisations
    """
    return sorted_by_name(resolve_client(client).fetch_all("organisations"))


def get_organisation(client: Optional[KitsuClient] = None) -> dict[str, Any]:
    """The organisation of the logged-in user.

    Calls: GET /auth/authenticated
    """
    return dict(resolve_client(client).get("auth/authenticated")["organisation"])


def all_departments(client: Optional[KitsuClient] = None) -> list[Department]:
    """Every department, sorted by name.

    Calls: GET /data/departments
    """
    return sorted_by_name(resolve_client(client).fetch_all("departments"))


def get_department(department_id: Ref, client: Optional[KitsuClient] = None) -> Department:
    """One department by id.

    Calls: GET /data/departments/{department_id}
    """
    return resolve_client(client).fetch_one("departments", to_id(department_id, "department"))  # type: ignore[return-value]


def get_department_by_name(name: str, client: Optional[KitsuClient] = None) -> Optional[Department]:
    """The department with this name (exact first, then case-insensitive), or None.

    Calls: GET /data/departments?name=
    """
    name = _text(name, "department name")
    rows = resolve_client(client).fetch_all("departments", {"name": name})
    return pick_by_name(rows, name, "name")


def new_department(
    name: str, color: str = "", archived: bool = False, client: Optional[KitsuClient] = None
) -> Department:
    """Create a department, or return the existing one of that name.

    Calls: POST /data/departments (then GET /data/departments?name= when the name is taken)
    """
    name = _text(name, "department name")
    c = resolve_client(client)
    try:
        return c.post("data/departments", {"name": name, "color": color, "archived": archived})  # type: ignore[no-any-return]
    except BadRequestError:
        # Department names are unique: Zou answers 400 for a taken one, gazu returned it.
        existing = get_department_by_name(name, client=c)
        if existing is None:
            raise
        return existing


def update_department(
    department: Mapping[str, Any], client: Optional[KitsuClient] = None
) -> Department:
    """Save the fields of a department dict.

    Calls: PUT /data/departments/{department_id}
    """
    department_id, data = _writable(department, "department")
    return resolve_client(client).put(f"data/departments/{department_id}", data)  # type: ignore[no-any-return]


def remove_department(
    department: Ref, force: bool = False, client: Optional[KitsuClient] = None
) -> Any:
    """Delete a department.

    Calls: DELETE /data/departments/{department_id}
    """
    department_id = to_id(department, "department")
    params = {"force": True} if force else None
    return resolve_client(client).delete(f"data/departments/{department_id}", params)


def add_person_to_department(
    person: Ref, department: Ref, client: Optional[KitsuClient] = None
) -> dict[str, Any]:
    """Add a person to a department.

    Calls: POST /actions/persons/{person_id}/departments/add
    """
    person_id = to_id(person, "person")
    department_id = to_id(department, "department")
    path = f"actions/persons/{person_id}/departments/add"
    return resolve_client(client).post(path, {"department_id": department_id})  # type: ignore[no-any-return]


def remove_person_from_department(
    person: Ref, department: Ref, client: Optional[KitsuClient] = None
) -> Any:
    """Take a person out of a department.

    Calls: DELETE /actions/persons/{person_id}/departments/{department_id}
    """
    person_id = to_id(person, "person")
    department_id = to_id(department, "department")
    return resolve_client(client).delete(f"actions/persons/{person_id}/departments/{department_id}")


# -- persons and bots -------------------------------------------------------------------------


def all_persons(client: Optional[KitsuClient] = None) -> list[Person]:
    """Every person and bot of the studio (as much of each as the user may see).

    Calls: GET /data/persons
    """
    return resolve_client(client).fetch_all("persons")  # type: ignore[return-value]


def get_person(
    id: Ref, relations: bool = False, client: Optional[KitsuClient] = None
) -> Optional[Person]:
    """One person by id, or None; `relations` adds the department ids.

    Calls: GET /data/persons?id=
    """
    person_id = to_id(id, "person")
    params = {"id": person_id, "relations": True if relations else None}
    return resolve_client(client).fetch_first("persons", params)  # type: ignore[return-value]


def get_person_by_desktop_login(
    desktop_login: str, client: Optional[KitsuClient] = None
) -> Optional[Person]:
    """The (non-bot) person with this desktop login, or None.

    Calls: GET /data/persons?desktop_login=&is_bot=false
    """
    login = _text(desktop_login, "desktop login")
    return resolve_client(client).fetch_first("persons", {"desktop_login": login, "is_bot": False})  # type: ignore[return-value]


def get_person_by_email(
    email: str, is_bot: bool = False, client: Optional[KitsuClient] = None
) -> Optional[Person]:
    """The person (or bot, with `is_bot`) with this e-mail, or None.

    Calls: GET /data/persons?email=&is_bot=
    """
    email = _text(email, "email")
    return resolve_client(client).fetch_first("persons", {"email": email, "is_bot": bool(is_bot)})  # type: ignore[return-value]


def get_person_by_full_name(
    full_name: str,
    first_name: Optional[str] = None,
    last_name: Optional[str] = None,
    client: Optional[KitsuClient] = None,
) -> Optional[Person]:
    """The (non-bot) person with this full name, or with this first and last name when both are
    given; None when nobody matches.

    Calls: GET /data/persons?full_name=&is_bot=false (or ?first_name=&last_name=&is_bot=false)
    """
    if first_name is not None and last_name is not None:
        params = {"first_name": first_name, "last_name": last_name, "is_bot": False}
    else:
        params = {"full_name": _text(full_name, "full name"), "is_bot": False}
    return resolve_client(client).fetch_first("persons", params)  # type: ignore[return-value]


def get_person_url(person: Ref, client: Optional[KitsuClient] = None) -> str:
    """The Kitsu web page of a person (no request)."""
    person_id = to_id(person, "person")
    host = resolve_client(client).host
    root = host[: -len("/api")] if host.endswith("/api") else host
    return f"{root}/people/{person_id}/"


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
    client: Optional[KitsuClient] = None,
) -> Person:
    """Create a person, or return the existing (non-bot) person with this e-mail.

    `email` may be None for a person who never logs in (Zou accepts it). Zou checks that an
    e-mail's domain exists (MAIL_CHECK_DELIVERABILITY, on by default) and answers 400 if not.

    Calls: POST /data/persons (then GET /data/persons?email= when the e-mail is taken)
    """
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
    c = resolve_client(client)
    try:
        return c.post("data/persons", data)  # type: ignore[no-any-return]
    except BadRequestError as error:
        # Zou refuses a taken e-mail ("Email already in use."); gazu returned that person.
        taken = "in use" in error.message and "email" in data
        existing = get_person_by_email(data["email"], client=c) if taken else None
        if existing is None:
            raise
        return existing


def update_person(person: Mapping[str, Any], client: Optional[KitsuClient] = None) -> Person:
    """Save the fields of a person dict (`departments` may hold dicts or ids).

    Calls: PUT /data/persons/{person_id}
    """
    person_id, data = _writable(person, "person")
    return resolve_client(client).put(f"data/persons/{person_id}", data)  # type: ignore[no-any-return]


def remove_person(person: Ref, force: bool = False, client: Optional[KitsuClient] = None) -> Any:
    """Delete a person; `force` also deletes or detaches their comments, logs and time spents.

    Calls: DELETE /data/persons/{person_id}
    """
    person_id = to_id(person, "person")
    params = {"force": True} if force else None
    return resolve_client(client).delete(f"data/persons/{person_id}", params)


def new_bot(
    name: str,
    email: Optional[str],
    role: str = "user",
    departments: Optional[Iterable[Ref]] = None,
    active: bool = True,
    expiration_date: Optional[DateLike] = None,
    client: Optional[KitsuClient] = None,
) -> Person:
    """Create a bot; the answer carries its `access_token` (shown once: keep it secret).

    `email` may be None (bots need none). Zou issues the token with no expiry unless
    `expiration_date` ('YYYY-MM-DD', not in the past) is given.

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
    return resolve_client(client).post("data/persons", data)  # type: ignore[no-any-return]


def update_bot(bot: Mapping[str, Any], client: Optional[KitsuClient] = None) -> Person:
    """Save the fields of a bot dict. A new `expiration_date` makes Zou issue a new token (in the
    answer's `access_token`) and revoke the previous one.

    Calls: PUT /data/persons/{bot_id}
    """
    return update_person(bot, client=client)


def remove_bot(bot: Ref, force: bool = False, client: Optional[KitsuClient] = None) -> Any:
    """Delete a bot (its token stops working).

    Calls: DELETE /data/persons/{bot_id}
    """
    return remove_person(bot, force=force, client=client)


# -- account administration -------------------------------------------------------------------


def set_avatar(
    person: Ref,
    file_path: Union[str, os.PathLike[str]],
    client: Optional[KitsuClient] = None,
    progress_callback: Optional[ProgressCallback] = None,
) -> dict[str, Any]:
    """Upload a picture as a person's avatar; returns `{"thumbnail_path": ...}`.

    Calls: POST /pictures/thumbnails/persons/{person_id}
    """
    person_id = to_id(person, "person")
    return resolve_client(client).upload(  # type: ignore[no-any-return]
        f"pictures/thumbnails/persons/{person_id}",
        os.fspath(file_path),
        progress_callback=progress_callback,
    )


def clear_person_avatar(person: Ref, client: Optional[KitsuClient] = None) -> Any:
    """Remove a person's avatar.

    Calls: DELETE /actions/persons/{person_id}/clear-avatar
    """
    return resolve_client(client).delete(f"actions/persons/{to_id(person, 'person')}/clear-avatar")


def change_password_for_person(
    person: Ref, password: str, client: Optional[KitsuClient] = None
) -> dict[str, Any]:
    """Set a person's password (admins only); returns `{"success": True}`.

    Calls: POST /actions/persons/{person_id}/change-password
    """
    person_id = to_id(person, "person")
    if not isinstance(password, str) or not password:
        raise InvalidInputError("password must be a non-empty string")
    path = f"actions/persons/{person_id}/change-password"
    return resolve_client(client).post(path, {"password": password, "password_2": password})  # type: ignore[no-any-return]


def invite_person(person: Ref, client: Optional[KitsuClient] = None) -> dict[str, Any]:
    """E-mail a person an invitation to connect to Kitsu.

    Calls: GET /actions/persons/{person_id}/invite (a GET that sends mail: never cached)
    """
    path = f"actions/persons/{to_id(person, 'person')}/invite"
    return resolve_client(client).request("GET", path, cacheable=False)  # type: ignore[no-any-return]


def disable_two_factor_authentication(person: Ref, client: Optional[KitsuClient] = None) -> Any:
    """Turn off a person's two-factor authentication (admins only).

    Calls: DELETE /actions/persons/{person_id}/disable-two-factor-authentication
    """
    person_id = to_id(person, "person")
    return resolve_client(client).delete(
        f"actions/persons/{person_id}/disable-two-factor-authentication"
    )


def get_presence_log(year: int, month: int, client: Optional[KitsuClient] = None) -> str:
    """The presence table of every person for a month, as CSV text.

    Calls: GET /data/persons/presence-logs/{year}-{month}
    """
    year = _number(year, "year", 1, 9999)
    month = _number(month, "month", 1, 12)
    body = resolve_client(client).get(
        f"data/persons/presence-logs/{year}-{month:02d}", json_response=False
    )
    return str(body)


# -- time spents and day offs of a person -----------------------------------------------------


def _of_person(person: Ref, suffix: str, client: Optional[KitsuClient], params: Any = None) -> Any:
    return resolve_client(client).get(
        f"data/persons/{to_id(person, 'person')}/{suffix}", params=params
    )


def get_time_spents_range(
    person_id: Ref, start_date: DateLike, end_date: DateLike, client: Optional[KitsuClient] = None
) -> list[dict[str, Any]]:
    """A person's time spents between two days, both included.

    Calls: GET /data/persons/{person_id}/time-spents?start_date=&end_date=
    """
    params = {
        "start_date": iso_date(start_date, "start_date"),
        "end_date": iso_date(end_date, "end_date"),
    }
    return list(_of_person(person_id, "time-spents", client, params) or [])


def get_all_month_time_spents(
    id: Ref, date: datetime.date, client: Optional[KitsuClient] = None
) -> list[dict[str, Any]]:
    """Every time spent of a person in the month of `date`.

    Calls: GET /data/persons/{person_id}/time-spents/month/all/{year}/{month}
    """
    day = datetime.date.fromisoformat(iso_date(date))
    return list(_of_person(id, f"time-spents/month/all/{day.year}/{day.month:02d}", client) or [])


def get_time_spents_by_date(
    person: Ref, date: DateLike, client: Optional[KitsuClient] = None
) -> list[dict[str, Any]]:
    """A person's time spents of one day.

    Calls: GET /data/persons/{person_id}/time-spents/{date}
    """
    return list(_of_person(person, f"time-spents/{iso_date(date)}", client) or [])


def get_week_time_spents(
    person: Ref, year: int, week: int, client: Optional[KitsuClient] = None
) -> list[dict[str, Any]]:
    """A person's time of an ISO week, one row per task (task, entity and project names,
    total `duration`).

    Calls: GET /data/persons/{person_id}/time-spents/week/{year}/{week}
    """
    year, week = _number(year, "year", 1, 9999), _number(week, "week", 1, 53)
    return list(_of_person(person, f"time-spents/week/{year}/{week}", client) or [])


def get_year_time_spents(
    person: Ref, year: int, client: Optional[KitsuClient] = None
) -> list[dict[str, Any]]:
    """A person's time of a year, one row per task (task, entity and project names, total
    `duration`).

    Calls: GET /data/persons/{person_id}/time-spents/year/{year}
    """
    year = _number(year, "year", 1, 9999)
    return list(_of_person(person, f"time-spents/year/{year}", client) or [])


def get_day_offs(person: Ref, client: Optional[KitsuClient] = None) -> list[dict[str, Any]]:
    """Every day off of a person.

    Calls: GET /data/persons/{person_id}/day-offs
    """
    return list(_of_person(person, "day-offs", client) or [])


def get_week_day_offs(
    person: Ref, year: int, week: int, client: Optional[KitsuClient] = None
) -> list[dict[str, Any]]:
    """A person's day offs in an ISO week.

    Calls: GET /data/persons/{person_id}/day-offs/week/{year}/{week}
    """
    year, week = _number(year, "year", 1, 9999), _number(week, "week", 1, 53)
    return list(_of_person(person, f"day-offs/week/{year}/{week}", client) or [])


def get_month_day_offs(
    person: Ref, year: int, month: int, client: Optional[KitsuClient] = None
) -> list[dict[str, Any]]:
    """A person's day offs in a month.

    Calls: GET /data/persons/{person_id}/day-offs/month/{year}/{month}
    """
    year, month = _number(year, "year", 1, 9999), _number(month, "month", 1, 12)
    return list(_of_person(person, f"day-offs/month/{year}/{month:02d}", client) or [])


def get_year_day_offs(
    person: Ref, year: int, client: Optional[KitsuClient] = None
) -> list[dict[str, Any]]:
    """A person's day offs in a year.

    Calls: GET /data/persons/{person_id}/day-offs/year/{year}
    """
    return list(_of_person(person, f"day-offs/year/{_number(year, 'year', 1, 9999)}", client) or [])


def get_day_off(day_off_id: Ref, client: Optional[KitsuClient] = None) -> dict[str, Any]:
    """One day off by id.

    Calls: GET /data/day-offs/{day_off_id}
    """
    return resolve_client(client).fetch_one("day-offs", to_id(day_off_id, "day off"))


def new_day_off(
    person: Ref,
    date: DateLike,
    end_date: DateLike,
    description: Optional[str] = None,
    client: Optional[KitsuClient] = None,
) -> dict[str, Any]:
    """Give a person days off from `date` to `end_date` (included). Zou refuses a period that
    overlaps another one and removes the time spents inside it.

    Calls: POST /data/day-offs
    """
    data: dict[str, Any] = {
        "person_id": to_id(person, "person"),
        "date": iso_date(date),
        "end_date": iso_date(end_date, "end_date"),
    }
    if description is not None:
        data["description"] = description
    return resolve_client(client).create("day-offs", data)


def update_day_off(
    day_off: Mapping[str, Any], client: Optional[KitsuClient] = None
) -> dict[str, Any]:
    """Save the fields of a day off dict (date, end_date, description, person_id).

    Calls: PUT /data/day-offs/{day_off_id}
    """
    day_off_id, data = _writable(day_off, "day off")
    return resolve_client(client).put(f"data/day-offs/{day_off_id}", data)  # type: ignore[no-any-return]


def remove_day_off(day_off: Ref, client: Optional[KitsuClient] = None) -> Any:
    """Delete a day off.

    Calls: DELETE /data/day-offs/{day_off_id}
    """
    return resolve_client(client).delete(f"data/day-offs/{to_id(day_off, 'day off')}")
