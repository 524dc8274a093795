"""What the main roles may do, as Zou decides it."""

from __future__ import annotations

from typing import Any

import pytest
from contract_backend import Backend

from kitsu_sdk import events, project, shot, task
from kitsu_sdk.exception import NotAllowedException


def test_artist_cannot_create_a_project(kitsu: Backend) -> None:
    _, as_artist = kitsu.person("user")
    with pytest.raises(NotAllowedException) as caught:
        project.new_project(kitsu.unique("nope"), client=as_artist)
    assert caught.value.status == 403


def test_artist_outside_the_team_cannot_read_the_project(
    kitsu: Backend, production: dict[str, Any]
) -> None:
    _, outsider = kitsu.person("user")
    with pytest.raises(NotAllowedException):
        shot.all_shots_for_project(production["project"], client=outsider)
    assert production["project"]["id"] not in {
        p["id"] for p in project.all_open_projects(client=outsider)
    }


def test_artist_in_the_team_reads_but_cannot_create_shots(
    kitsu: Backend, production: dict[str, Any]
) -> None:
    _, as_artist = kitsu.person("user", production["project"])
    listed = shot.all_shots_for_project(production["project"], client=as_artist)
    assert {s["id"] for s in listed} == {production["shot"]["id"], production["shot2"]["id"]}
    with pytest.raises(NotAllowedException):
        shot.new_shot(production["project"], production["sequence"], "SH999", client=as_artist)


def test_manager_in_the_team_creates_shots(kitsu: Backend, production: dict[str, Any]) -> None:
    _, as_manager = kitsu.person("manager", production["project"])
    made = shot.new_shot(production["project"], production["sequence"], "SH030", client=as_manager)
    assert made["name"] == "SH030"


def test_client_cannot_create_shots(kitsu: Backend, production: dict[str, Any]) -> None:
    _, as_client = kitsu.person("client", production["project"])
    with pytest.raises(NotAllowedException):
        shot.new_shot(production["project"], production["sequence"], "SH040", client=as_client)


def test_artist_comments_on_an_assigned_task(kitsu: Backend, production: dict[str, Any]) -> None:
    artist, as_artist = kitsu.person("user", production["project"])
    task.assign_task(production["shot_task"], artist)
    wip = task.get_task_status_by_short_name("wip")
    comment = task.add_comment(production["shot_task"], wip, "on it", client=as_artist)
    assert comment["person_id"] == artist["id"]
    assert task.get_task(production["shot_task"]["id"])["task_status_id"] == wip["id"]


def test_artist_cannot_delete_a_task(kitsu: Backend, production: dict[str, Any]) -> None:
    _, as_artist = kitsu.person("user", production["project"])
    with pytest.raises(NotAllowedException):
        task.remove_task(production["shot_task"], client=as_artist)
    assert task.get_task(production["shot_task"]["id"])["id"] == production["shot_task"]["id"]


def test_artist_cannot_read_the_event_log(kitsu: Backend, production: dict[str, Any]) -> None:
    _, as_artist = kitsu.person("user", production["project"])
    with pytest.raises(NotAllowedException):
        events.get_last_events(limit=5, client=as_artist)


def test_artist_cannot_comment_on_a_task_of_someone_else(
    kitsu: Backend, production: dict[str, Any]
) -> None:
    _, as_artist = kitsu.person("user", production["project"])
    with pytest.raises(NotAllowedException):
        task.add_comment(production["shot_task"], production["wfa"], "not mine", client=as_artist)
    assert task.all_comments_for_task(production["shot_task"]) == []
