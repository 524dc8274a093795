"""kitsu_sdk.person against a mocked Zou: routes, queries, bodies, get-or-create, input checks."""

from __future__ import annotations

import datetime
from typing import Any, Callable

import pytest
import responses
from unit_helpers import expect, url

from kitsu_sdk import KitsuClient
from kitsu_sdk import person as ps
from kitsu_sdk.exception import BadRequestError, InvalidIdError, InvalidInputError, MissingFileError

PERSON = "a1b2c3d4-0000-4000-8000-000000000001"
DEPARTMENT = "a1b2c3d4-0000-4000-8000-000000000002"
DEPARTMENT2 = "a1b2c3d4-0000-4000-8000-000000000003"
DAY_OFF = "a1b2c3d4-0000-4000-8000-000000000004"




# -- simple reads: one table, one test --------------------------------------------------------

READS: list[tuple[str, Callable[[KitsuClient], Any], str, dict[str, str]]] = [
    ("all_persons", lambda c: ps.all_persons(client=c), "data/persons", {}),
    ("get_person", lambda c: ps.get_person(PERSON, client=c), "data/persons", {"id": PERSON}),
    (
        "get_person relations",
        lambda c: ps.get_person({"id": PERSON}, True, client=c),
        "data/persons",
        {"id": PERSON, "relations": "true"},
    ),
    (
        "by desktop login",
        lambda c: ps.get_person_by_desktop_login("jdoe", client=c),
        "data/persons",
        {"desktop_login": "jdoe", "is_bot": "false"},
    ),
    (
        "by email",
        lambda c: ps.get_person_by_email("j@studio.com", client=c),
        "data/persons",
        {"email": "j@studio.com", "is_bot": "false"},
    ),
    (
        "bot by email",
        lambda c: ps.get_person_by_email("b@studio.com", is_bot=True, client=c),
        "data/persons",
        {"email": "b@studio.com", "is_bot": "true"},
    ),
    (
        "by full name",
        lambda c: ps.get_person_by_full_name("John Doe", client=c),
        "data/persons",
        {"full_name": "John Doe", "is_bot": "false"},
    ),
    (
        "by first and last name",
        lambda c: ps.get_person_by_full_name("", "John", "Doe", client=c),
        "data/persons",
        {"first_name": "John", "last_name": "Doe", "is_bot": "false"},
    ),
    (
        "time spents range",
        lambda c: ps.get_time_spents_range(
            PERSON, "2026-01-01", datetime.date(2026, 1, 31), client=c
        ),
        f"data/persons/{PERSON}/time-spents",
        {"start_date": "2026-01-01", "end_date": "2026-01-31"},
    ),
    (
        "month time spents",
        lambda c: ps.get_all_month_time_spents(PERSON, datetime.date(2026, 3, 17), client=c),
        f"data/persons/{PERSON}/time-spents/month/all/2026/03",
        {},
    ),
    (
        "time spents by date",
        lambda c: ps.get_time_spents_by_date({"id": PERSON}, "2026-03-17", client=c),
        f"data/persons/{PERSON}/time-spents/2026-03-17",
        {},
    ),
    (
        "week time spents",
        lambda c: ps.get_week_time_spents(PERSON, 2026, 9, client=c),
        f"data/persons/{PERSON}/time-spents/week/2026/9",
        {},
    ),
    (
        "year time spents",
        lambda c: ps.get_year_time_spents(PERSON, 2026, client=c),
        f"data/persons/{PERSON}/time-spents/year/2026",
        {},
    ),
    (
        "day offs",
        lambda c: ps.get_day_offs(PERSON, client=c),
        f"data/persons/{PERSON}/day-offs",
        {},
    ),
    (
        "week day offs",
        lambda c: ps.get_week_day_offs(PERSON, 2026, 12, client=c),
        f"data/persons/{PERSON}/day-offs/week/2026/12",
        {},
    ),
    (
        "month day offs",
        lambda c: ps.get_month_day_offs(PERSON, 2026, 4, client=c),
        f"data/persons/{PERSON}/day-offs/month/2026/04",
        {},
    ),
    (
        "year day offs",
        lambda c: ps.get_year_day_offs(PERSON, 2026, client=c),
        f"data/persons/{PERSON}/day-offs/year/2026",
        {},
    ),
]


@pytest.mark.parametrize(("label", "call", "path", "query"), READS, ids=[r[0] for r in READS])
def test_reads_call_the_right_route(
    api: responses.RequestsMock,
    client: KitsuClient,
    label: str,
    call: Callable[[KitsuClient], Any],
    path: str,
    query: dict[str, str],
) -> None:
    answer = [{"id": PERSON, "marker": label}]
    expect(api, "GET", path, query=query, answer=answer)
    result = call(client)
    assert result == answer or result == answer[0]
    assert len(api.calls) == 1


def test_one_row_reads(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "GET", f"data/departments/{DEPARTMENT}", answer={"id": DEPARTMENT, "name": "Anim"})
    expect(api, "GET", f"data/day-offs/{DAY_OFF}", answer={"id": DAY_OFF, "date": "2026-05-01"})
    assert ps.get_department({"id": DEPARTMENT}, client=client)["name"] == "Anim"
    assert ps.get_day_off(DAY_OFF, client=client)["date"] == "2026-05-01"


def test_lookups_answer_none_when_nobody_matches(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    expect(api, "GET", "data/persons", query={"email": "x@y.com", "is_bot": "false"}, answer=[])
    assert ps.get_person_by_email("x@y.com", client=client) is None


def test_lists_are_sorted_by_name(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "GET", "data/departments", answer=[{"name": "Modeling"}, {"name": "animation"}])
    expect(api, "GET", "data/organisations", answer=[{"name": "B"}, {"name": "a"}])
    assert [d["name"] for d in ps.all_departments(client=client)] == ["animation", "Modeling"]
    assert [o["name"] for o in ps.all_organisations(client=client)] == ["a", "B"]


def test_get_organisation_reads_the_authenticated_answer(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    expect(
        api, "GET", "auth/authenticated", answer={"user": {}, "organisation": {"name": "Studio"}}
    )
    assert ps.get_organisation(client=client) == {"name": "Studio"}


def test_get_department_by_name_prefers_the_exact_name(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    answer = [{"id": DEPARTMENT, "name": "anim"}, {"id": DEPARTMENT2, "name": "Anim"}]
    expect(api, "GET", "data/departments", query={"name": "Anim"}, answer=answer)
    assert ps.get_department_by_name("Anim", client=client)["id"] == DEPARTMENT2  # type: ignore[index]


def test_get_person_url(client: KitsuClient) -> None:
    assert ps.get_person_url(PERSON, client=client) == f"http://kitsu.test/people/{PERSON}/"
    local = KitsuClient("http://127.0.0.1:5000")
    assert (
        ps.get_person_url({"id": PERSON}, client=local) == f"http://127.0.0.1:5000/people/{PERSON}/"
    )


def test_presence_log_is_csv_text(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.add(
        "GET", url("data/persons/presence-logs/2026-03"), body="2026;1;2\r\nAnn;;\r\n", status=200
    )
    assert ps.get_presence_log(2026, 3, client=client) == "2026;1;2\r\nAnn;;\r\n"


# -- departments ------------------------------------------------------------------------------


def test_new_department_posts_once(api: responses.RequestsMock, client: KitsuClient) -> None:
    body = {"name": "Anim", "color": "#00FF00", "archived": False}
    expect(
        api, "POST", "data/departments", body=body, answer={"id": DEPARTMENT, **body}, status=201
    )
    assert ps.new_department("Anim", "#00FF00", client=client)["id"] == DEPARTMENT
    assert len(api.calls) == 1


def test_new_department_returns_the_existing_one(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    error = {"message": "A record with the same unique values already exists."}
    expect(api, "POST", "data/departments", answer=error, status=400)
    expect(
        api,
        "GET",
        "data/departments",
        query={"name": "Anim"},
        answer=[{"id": DEPARTMENT, "name": "Anim"}],
    )
    assert ps.new_department("Anim", client=client)["id"] == DEPARTMENT


def test_new_department_refusal_is_raised_when_no_such_name(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    expect(api, "POST", "data/departments", answer={"message": "bad color"}, status=400)
    expect(api, "GET", "data/departments", query={"name": "Anim"}, answer=[])
    with pytest.raises(BadRequestError, match="bad color"):
        ps.new_department("Anim", client=client)


def test_update_and_remove_department(api: responses.RequestsMock, client: KitsuClient) -> None:
    path = f"data/departments/{DEPARTMENT}"
    expect(api, "PUT", path, body={"name": "Anim", "color": "#FF0000"}, answer={"id": DEPARTMENT})
    expect(api, "DELETE", path, query={"force": "true"}, status=204)
    expect(api, "DELETE", path, status=204)
    department = {
        "id": DEPARTMENT,
        "name": "Anim",
        "color": "#FF0000",
        "type": "Department",
        "updated_at": "x",
    }
    ps.update_department(department, client=client)
    ps.remove_department(department, force=True, client=client)
    ps.remove_department(DEPARTMENT, client=client)
    assert [c.request.method for c in api.calls] == ["PUT", "DELETE", "DELETE"]


def test_department_membership(api: responses.RequestsMock, client: KitsuClient) -> None:
    body = {"department_id": DEPARTMENT}
    expect(
        api, "POST", f"actions/persons/{PERSON}/departments/add", body=body, answer={"id": PERSON}
    )
    expect(api, "DELETE", f"actions/persons/{PERSON}/departments/{DEPARTMENT}", status=204)
    ps.add_person_to_department({"id": PERSON}, {"id": DEPARTMENT}, client=client)
    ps.remove_person_from_department(PERSON, DEPARTMENT, client=client)
    assert len(api.calls) == 2


# -- persons and bots -------------------------------------------------------------------------


def test_new_person_body(api: responses.RequestsMock, client: KitsuClient) -> None:
    body = {
        "first_name": "Ann",
        "last_name": "Lee",
        "email": "ann@studio.com",
        "phone": "",
        "role": "manager",
        "desktop_login": "alee",
        "departments": [DEPARTMENT, DEPARTMENT2],
        "password": None,
        "active": True,
        "contract_type": "open-ended",
    }
    expect(api, "POST", "data/persons", body=body, answer={"id": PERSON}, status=201)
    made = ps.new_person(
        "Ann", "Lee", "ann@studio.com", role="manager", desktop_login="alee",
        departments=[{"id": DEPARTMENT}, DEPARTMENT2], client=client,
    )  # fmt: skip
    assert made == {"id": PERSON}


def test_new_person_without_email_sends_none(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.add("POST", url("data/persons"), json={"id": PERSON}, status=201)
    ps.new_person("Ann", "Lee", None, client=client)
    assert b"email" not in (api.calls[0].request.body or b"")


def test_new_person_returns_the_person_with_a_taken_email(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    expect(
        api,
        "POST",
        "data/persons",
        answer={"error": True, "message": "Email already in use."},
        status=400,
    )
    query = {"email": "ann@studio.com", "is_bot": "false"}
    expect(api, "GET", "data/persons", query=query, answer=[{"id": PERSON}])
    assert ps.new_person("Ann", "Lee", "ann@studio.com", client=client) == {"id": PERSON}


def test_new_person_other_refusals_are_raised(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    expect(
        api,
        "POST",
        "data/persons",
        answer={"error": True, "message": "User limit reached."},
        status=400,
    )
    with pytest.raises(BadRequestError, match="User limit"):
        ps.new_person("Ann", "Lee", "ann@studio.com", client=client)
    assert len(api.calls) == 1


def test_update_person_sends_department_ids_and_no_computed_keys(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    person = {
        "id": PERSON,
        "type": "Person",
        "full_name": "Ann Lee",
        "email": None,
        "phone": "123",
        "departments": [{"id": DEPARTMENT}, DEPARTMENT2],
    }
    body = {"phone": "123", "departments": [DEPARTMENT, DEPARTMENT2]}
    expect(api, "PUT", f"data/persons/{PERSON}", body=body, answer={"id": PERSON})
    ps.update_person(person, client=client)
    assert person["departments"] == [{"id": DEPARTMENT}, DEPARTMENT2]


def test_remove_person_and_bot(api: responses.RequestsMock, client: KitsuClient) -> None:
    path = f"data/persons/{PERSON}"
    expect(api, "DELETE", path, query={"force": "true"}, status=204)
    expect(api, "DELETE", path, status=204)
    ps.remove_person(PERSON, force=True, client=client)
    ps.remove_bot({"id": PERSON}, client=client)
    assert len(api.calls) == 2


def test_new_bot_body(api: responses.RequestsMock, client: KitsuClient) -> None:
    body = {
        "first_name": "render-farm",
        "last_name": "",
        "role": "user",
        "departments": [],
        "active": True,
        "is_bot": True,
        "email": "farm@studio.com",
        "expiration_date": "2030-01-01",
    }
    expect(api, "POST", "data/persons", body=body, answer={"id": PERSON, "access_token": "tok"})
    bot = ps.new_bot(
        "render-farm", "farm@studio.com", expiration_date=datetime.date(2030, 1, 1), client=client
    )
    assert bot["access_token"] == "tok"


def test_update_bot(api: responses.RequestsMock, client: KitsuClient) -> None:
    body = {"expiration_date": "2031-01-01", "is_bot": True}
    expect(
        api,
        "PUT",
        f"data/persons/{PERSON}",
        body=body,
        answer={"id": PERSON, "access_token": "new"},
    )
    bot = ps.update_bot({"id": PERSON, "access_token": "old", "email": None, **body}, client=client)
    assert bot["access_token"] == "new"


# -- account administration -------------------------------------------------------------------


def test_account_actions(api: responses.RequestsMock, client: KitsuClient) -> None:
    body = {"password": "a-long-secret", "password_2": "a-long-secret"}
    expect(
        api,
        "POST",
        f"actions/persons/{PERSON}/change-password",
        body=body,
        answer={"success": True},
    )
    expect(api, "GET", f"actions/persons/{PERSON}/invite", answer={"success": True})
    expect(api, "DELETE", f"actions/persons/{PERSON}/disable-two-factor-authentication", status=204)
    expect(api, "DELETE", f"actions/persons/{PERSON}/clear-avatar", status=204)
    assert ps.change_password_for_person(PERSON, "a-long-secret", client=client) == {
        "success": True
    }
    assert ps.invite_person({"id": PERSON}, client=client) == {"success": True}
    ps.disable_two_factor_authentication(PERSON, client=client)
    ps.clear_person_avatar(PERSON, client=client)
    assert len(api.calls) == 4


def test_invite_is_never_served_from_the_cache(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    client.cache.enabled = True
    expect(api, "GET", f"actions/persons/{PERSON}/invite", answer={"success": True})
    ps.invite_person(PERSON, client=client)
    ps.invite_person(PERSON, client=client)
    assert len(api.calls) == 2


def test_set_avatar_uploads_the_file(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: Any
) -> None:
    picture = tmp_path / "me.png"
    picture.write_bytes(b"\x89PNG fake")
    answer = {"thumbnail_path": f"pictures/thumbnails/persons/{PERSON}.png"}
    api.add("POST", url(f"pictures/thumbnails/persons/{PERSON}"), json=answer, status=201)
    assert ps.set_avatar(PERSON, picture, client=client) == answer
    request = api.calls[0].request
    assert request.headers["Content-Type"].startswith("multipart/form-data")
    body = request.body if isinstance(request.body, bytes) else request.body.read()
    assert b'name="file"; filename="me.png"' in body and b"\x89PNG fake" in body


def test_set_avatar_missing_file(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: Any
) -> None:
    with pytest.raises(MissingFileError):
        ps.set_avatar(PERSON, tmp_path / "nope.png", client=client)
    assert len(api.calls) == 0


# -- day offs ---------------------------------------------------------------------------------


def test_day_off_lifecycle(api: responses.RequestsMock, client: KitsuClient) -> None:
    body = {
        "person_id": PERSON,
        "date": "2026-05-01",
        "end_date": "2026-05-03",
        "description": "trip",
    }
    expect(api, "POST", "data/day-offs", body=body, answer={"id": DAY_OFF, **body}, status=201)
    made = ps.new_day_off(PERSON, datetime.date(2026, 5, 1), "2026-05-03", "trip", client=client)
    change = {
        "date": "2026-05-01",
        "end_date": "2026-05-04",
        "description": "trip",
        "person_id": PERSON,
    }
    expect(api, "PUT", f"data/day-offs/{DAY_OFF}", body=change, answer={"id": DAY_OFF})
    ps.update_day_off({**made, "end_date": "2026-05-04", "type": "DayOff"}, client=client)
    expect(api, "DELETE", f"data/day-offs/{DAY_OFF}", status=204)
    ps.remove_day_off(made, client=client)
    assert [c.request.method for c in api.calls] == ["POST", "PUT", "DELETE"]


def test_new_day_off_without_description(api: responses.RequestsMock, client: KitsuClient) -> None:
    body = {"person_id": PERSON, "date": "2026-05-01", "end_date": "2026-05-01"}
    expect(api, "POST", "data/day-offs", body=body, answer={"id": DAY_OFF}, status=201)
    ps.new_day_off(PERSON, "2026-05-01", "2026-05-01", client=client)


# -- input checks -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda c: ps.get_person("John Doe", client=c), InvalidIdError),
        (lambda c: ps.get_person_by_email("", client=c), InvalidInputError),
        (lambda c: ps.get_person_by_desktop_login(None, client=c), InvalidInputError),
        (lambda c: ps.get_person_by_full_name("  ", client=c), InvalidInputError),
        (lambda c: ps.get_department_by_name("", client=c), InvalidInputError),
        (lambda c: ps.new_department(" ", client=c), InvalidInputError),
        (lambda c: ps.new_person("", "Lee", "a@b.com", client=c), InvalidInputError),
        (
            lambda c: ps.new_person("Ann", "Lee", "a@b.com", departments=["Anim"], client=c),
            InvalidIdError,
        ),
        (lambda c: ps.new_bot("", "a@b.com", client=c), InvalidInputError),
        (
            lambda c: ps.new_bot("farm", None, expiration_date="next year", client=c),
            InvalidInputError,
        ),
        (lambda c: ps.update_person(PERSON, client=c), InvalidInputError),
        (lambda c: ps.update_person({"name": "no id"}, client=c), InvalidIdError),
        (lambda c: ps.add_person_to_department(PERSON, "Anim", client=c), InvalidIdError),
        (lambda c: ps.change_password_for_person(PERSON, "", client=c), InvalidInputError),
        (
            lambda c: ps.get_time_spents_range(PERSON, "01/02/2026", "2026-02-03", client=c),
            InvalidInputError,
        ),
        (lambda c: ps.get_all_month_time_spents(PERSON, "March", client=c), InvalidInputError),
        (lambda c: ps.get_time_spents_by_date(PERSON, 20260101, client=c), InvalidInputError),
        (lambda c: ps.get_week_time_spents(PERSON, 2026, 54, client=c), InvalidInputError),
        (lambda c: ps.get_month_day_offs(PERSON, 2026, 13, client=c), InvalidInputError),
        (lambda c: ps.get_year_day_offs(PERSON, "2026", client=c), InvalidInputError),
        (lambda c: ps.get_presence_log(2026, 0, client=c), InvalidInputError),
        (lambda c: ps.new_day_off(PERSON, "2026-05-01", "soon", client=c), InvalidInputError),
        (lambda c: ps.remove_day_off("day off", client=c), InvalidIdError),
    ],
)
def test_bad_input_raises_before_any_request(
    api: responses.RequestsMock,
    client: KitsuClient,
    call: Callable[[KitsuClient], Any],
    error: type,
) -> None:
    with pytest.raises(error):
        call(client)
    assert len(api.calls) == 0
