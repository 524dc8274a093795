"""kitsu_sdk.person against a real Zou: persons found every way, departments, bots and their
tokens, time spents and day offs, avatars and account actions."""

from __future__ import annotations

import datetime
import os
import pathlib
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from it_helpers import new_client, unique
from it_media import make_shot, write_png

from kitsu_sdk import KitsuClient
from kitsu_sdk import person as PS
from kitsu_sdk.exception import AuthenticationError, BadRequestError


@pytest.fixture(scope="module")
def department(client: KitsuClient) -> Iterator[dict[str, Any]]:
    made = PS.new_department(unique("Anim"), "#22AA44", client=client)
    yield made
    PS.remove_department(made, force=True, client=client)


@pytest.fixture(scope="module")
def artist(client: KitsuClient, department: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """A person without e-mail (Zou accepts that; such a person cannot log in by e-mail)."""
    last = unique("Lee")
    made = PS.new_person(
        "Ann", last, None, desktop_login=f"a{last.lower()}", departments=[department], client=client
    )
    yield made
    PS.remove_person(made, force=True, client=client)


def test_person_is_found_every_way(
    client: KitsuClient, artist: dict[str, Any], department: dict[str, Any]
) -> None:
    assert artist["departments"] == [department["id"]]
    full_name = f"Ann {artist['last_name']}"
    assert PS.get_person_by_full_name(full_name, client=client)["id"] == artist["id"]  # type: ignore[index]
    by_parts = PS.get_person_by_full_name(full_name, "Ann", artist["last_name"], client=client)
    assert by_parts is not None and by_parts["id"] == artist["id"]
    by_login = PS.get_person_by_desktop_login(artist["desktop_login"], client=client)
    assert by_login is not None and by_login["id"] == artist["id"]
    found = PS.get_person(artist["id"], relations=True, client=client)
    assert found is not None and found["departments"] == [department["id"]]
    assert PS.get_person(str(uuid.uuid4()), client=client) is None
    assert artist["id"] in {p["id"] for p in PS.all_persons(client=client)}
    assert PS.get_person_url(artist, client=client) == f"{client.host}/people/{artist['id']}/"
    assert PS.get_person_by_full_name(unique("Nobody"), client=client) is None


def test_person_with_an_email(client: KitsuClient, department: dict[str, Any]) -> None:
    email = f"{unique('ann')}@example.com"
    # scripts/local-kitsu.sh turns MAIL_CHECK_DELIVERABILITY off: Zou would look the domain up.
    made = PS.new_person(
        "Ann", unique("Mail"), email, departments=[department["id"]], client=client
    )
    try:
        assert made["email"] == email
        assert PS.get_person_by_email(email, client=client)["id"] == made["id"]  # type: ignore[index]
        assert PS.get_person_by_email(email, is_bot=True, client=client) is None
        # A taken e-mail gives back the person who has it, as gazu did.
        assert PS.new_person("Other", "Name", email, client=client)["id"] == made["id"]
    finally:
        PS.remove_person(made, client=client)


def test_admin_is_found_by_email(client: KitsuClient) -> None:
    login = os.environ.get("KITSU_LOGIN", "")
    if "@" not in login:
        pytest.skip("KITSU_LOGIN is not an e-mail")
    found = PS.get_person_by_email(login, client=client)
    assert found is not None and found["id"] == client.get_current_user()["id"]


def test_update_person(client: KitsuClient, artist: dict[str, Any]) -> None:
    fetched = PS.get_person(artist["id"], client=client)
    assert fetched is not None
    updated = PS.update_person({**fetched, "phone": "+33 1 23 45 67 89"}, client=client)
    assert updated["phone"] == "+33 1 23 45 67 89"
    assert PS.get_person(artist["id"], client=client)["phone"] == "+33 1 23 45 67 89"  # type: ignore[index]


def test_departments(
    client: KitsuClient, artist: dict[str, Any], department: dict[str, Any]
) -> None:
    assert PS.new_department(department["name"], client=client)["id"] == department["id"]
    assert PS.get_department(department["id"], client=client)["name"] == department["name"]
    assert PS.get_department_by_name(department["name"], client=client)["id"] == department["id"]  # type: ignore[index]
    assert (
        PS.get_department_by_name(department["name"].upper(), client=client)["id"]
        == department["id"]
    )  # type: ignore[index]
    assert department["id"] in {d["id"] for d in PS.all_departments(client=client)}
    recolored = PS.update_department({**department, "color": "#FF8800"}, client=client)
    assert recolored["color"] == "#FF8800"

    other = PS.new_department(unique("Comp"), client=client)
    try:
        PS.add_person_to_department(artist, other, client=client)
        assert set(PS.get_person(artist["id"], True, client=client)["departments"]) == {  # type: ignore[index]
            department["id"],
            other["id"],
        }
        PS.remove_person_from_department(artist["id"], other["id"], client=client)
        assert PS.get_person(artist["id"], True, client=client)["departments"] == [department["id"]]  # type: ignore[index]
    finally:
        PS.remove_department(other, client=client)
    assert PS.get_department_by_name(other["name"], client=client) is None


def test_bot_token_works_until_the_bot_is_gone(
    client: KitsuClient, department: dict[str, Any]
) -> None:
    email = f"{unique('farm')}@example.com"
    bot = PS.new_bot(unique("farm"), email, departments=[department], client=client)
    assert bot["is_bot"] is True and bot["access_token"]
    assert PS.get_person_by_email(email, is_bot=True, client=client)["id"] == bot["id"]  # type: ignore[index]
    assert PS.get_person_by_email(email, client=client) is None
    unnamed = PS.new_bot(unique("mail-less"), None, client=client)
    assert unnamed["email"] is None and unnamed["access_token"]
    PS.remove_bot(unnamed, client=client)
    bot_client = new_client(client.host, token=bot["access_token"])
    try:
        assert bot_client.get_current_user()["id"] == bot["id"]
        assert department["id"] in {d["id"] for d in PS.all_departments(client=bot_client)}
        assert (
            PS.get_organisation(client=bot_client)["id"] == PS.get_organisation(client=client)["id"]
        )

        # A new expiration date makes Zou issue a new token and revoke the old one.
        renewed = PS.update_bot({**bot, "expiration_date": "2099-12-31"}, client=client)
        assert renewed["access_token"] != bot["access_token"]
        with pytest.raises(AuthenticationError):
            bot_client.request("GET", "data/departments", cacheable=False)
        bot_client.set_token(renewed["access_token"])
        assert bot_client.get_current_user()["id"] == bot["id"]
    finally:
        PS.remove_bot(bot, client=client)
    with pytest.raises(AuthenticationError):
        bot_client.request("GET", "data/departments", cacheable=False)
    bot_client.close()


def test_organisation(client: KitsuClient) -> None:
    organisation = PS.get_organisation(client=client)
    assert organisation["id"] in {o["id"] for o in PS.all_organisations(client=client)}


def test_time_spents_of_a_person(
    client: KitsuClient, project: dict[str, Any], artist: dict[str, Any]
) -> None:
    task = make_shot(client, project)["task"]
    client.put(f"actions/persons/{artist['id']}/assign", {"task_ids": [task["id"]]})
    client.post(
        f"actions/tasks/{task['id']}/time-spents/2026-03-17/persons/{artist['id']}",
        {"duration": 90},
    )
    client.post(
        f"actions/tasks/{task['id']}/time-spents/2026-04-02/persons/{artist['id']}",
        {"duration": 30},
    )

    march = PS.get_time_spents_range(
        artist["id"], "2026-03-01", datetime.date(2026, 3, 31), client=client
    )
    assert [(t["date"], t["duration"], t["task_id"]) for t in march] == [
        ("2026-03-17", 90.0, task["id"])
    ]
    month = PS.get_all_month_time_spents(artist["id"], datetime.date(2026, 3, 5), client=client)
    assert [t["duration"] for t in month] == [90.0]
    assert [
        t["duration"] for t in PS.get_time_spents_by_date(artist, "2026-03-17", client=client)
    ] == [90.0]
    assert PS.get_time_spents_by_date(artist, "2026-03-18", client=client) == []
    week = PS.get_week_time_spents(artist, 2026, 12, client=client)
    assert [(row["task_id"], row["duration"]) for row in week] == [(task["id"], 90.0)]
    year = PS.get_year_time_spents(artist, 2026, client=client)
    assert [(row["task_id"], row["duration"]) for row in year] == [(task["id"], 120.0)]


def test_day_offs(client: KitsuClient, artist: dict[str, Any]) -> None:
    made = PS.new_day_off(artist, "2026-12-01", datetime.date(2026, 12, 2), "trip", client=client)
    try:
        assert (made["date"], made["end_date"], made["description"]) == (
            "2026-12-01",
            "2026-12-02",
            "trip",
        )
        assert PS.get_day_off(made["id"], client=client)["person_id"] == artist["id"]
        assert [d["id"] for d in PS.get_day_offs(artist, client=client)] == [made["id"]]
        assert [d["id"] for d in PS.get_week_day_offs(artist, 2026, 49, client=client)] == [
            made["id"]
        ]
        assert PS.get_week_day_offs(artist, 2026, 10, client=client) == []
        assert [d["id"] for d in PS.get_month_day_offs(artist, 2026, 12, client=client)] == [
            made["id"]
        ]
        assert [d["id"] for d in PS.get_year_day_offs(artist["id"], 2026, client=client)] == [
            made["id"]
        ]
        with pytest.raises(BadRequestError):  # overlapping periods are refused
            PS.new_day_off(artist, "2026-12-02", "2026-12-03", client=client)
        changed = PS.update_day_off({**made, "end_date": "2026-12-04"}, client=client)
        assert changed["end_date"] == "2026-12-04"
    finally:
        PS.remove_day_off(made, client=client)
    assert PS.get_day_offs(artist, client=client) == []


def test_presence_log_lists_the_person(client: KitsuClient, artist: dict[str, Any]) -> None:
    log = PS.get_presence_log(2026, 3, client=client)
    assert log.splitlines()[0].startswith("2026;1;2;3")
    assert any(line.startswith(f"Ann {artist['last_name']};") for line in log.splitlines())


def test_account_actions(
    client: KitsuClient, artist: dict[str, Any], tmp_path: pathlib.Path
) -> None:
    answer = PS.set_avatar(artist, write_png(tmp_path / "me.png", 90, 90), client=client)
    assert answer == {"thumbnail_path": f"pictures/thumbnails/persons/{artist['id']}.png"}
    assert PS.get_person(artist["id"], client=client)["has_avatar"] is True  # type: ignore[index]
    PS.clear_person_avatar(artist["id"], client=client)
    assert PS.get_person(artist["id"], client=client)["has_avatar"] is False  # type: ignore[index]

    assert PS.change_password_for_person(artist, "a-long-test-passw0rd", client=client) == {
        "success": True
    }
    assert PS.invite_person(artist, client=client)["success"] is True
    with pytest.raises(BadRequestError, match="not enabled"):
        PS.disable_two_factor_authentication(artist, client=client)
