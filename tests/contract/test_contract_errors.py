"""Error answers become the SDK's typed errors; pagination envelopes."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from contract_backend import Backend
from contract_helpers import is_id

import kitsu_sdk
from kitsu_sdk import client as raw
from kitsu_sdk import shot, task
from kitsu_sdk.exception import (
    AuthFailedException,
    NotAuthenticatedException,
    ParameterException,
    RouteNotFoundException,
)


def test_missing_shot_is_not_found(kitsu: Backend) -> None:
    with pytest.raises(RouteNotFoundException) as caught:
        shot.get_shot(str(uuid.uuid4()))
    assert caught.value.status == 404


def test_missing_task_is_not_found(kitsu: Backend) -> None:
    with pytest.raises(RouteNotFoundException):
        task.get_task(str(uuid.uuid4()))


def test_malformed_id_is_a_bad_request(kitsu: Backend) -> None:
    with pytest.raises(ParameterException) as caught:
        raw.get("data/projects/not-an-id")
    assert caught.value.status == 400


def test_missing_required_field_is_a_bad_request(kitsu: Backend) -> None:
    with pytest.raises(ParameterException) as caught:
        raw.post("data/projects", {"description": "no name"})
    assert caught.value.status == 400


def test_wrong_password(kitsu: Backend) -> None:
    other = kitsu.new_client()
    with pytest.raises(AuthFailedException):
        other.log_in(kitsu.admin_email, "not the password")


def test_no_token_is_not_authenticated(kitsu: Backend) -> None:
    other = kitsu.new_client()
    with pytest.raises(NotAuthenticatedException):
        kitsu_sdk.project.all_projects(client=other)


def test_log_out_then_not_authenticated(kitsu: Backend) -> None:
    other = kitsu.new_client()
    other.log_in(kitsu.admin_email, kitsu.admin_password)
    assert kitsu_sdk.project.all_projects(client=other) is not None
    kitsu_sdk.log_out(client=other)
    with pytest.raises(NotAuthenticatedException):
        kitsu_sdk.project.all_projects(client=other)


def test_authenticated_user(kitsu: Backend) -> None:
    answer = raw.get("auth/authenticated")
    assert answer["authenticated"] is True
    assert answer["user"]["email"] == kitsu.admin_email
    assert answer["user"]["role"] == "admin"


def _many_tasks(production: dict[str, Any]) -> list[dict[str, Any]]:
    made = [production["shot_task"], production["asset_task"]]
    for name in ("Layout", "Compositing"):
        made.append(task.new_task(production["shot"], task.get_task_type_by_name(name, "Shot")))
    made.append(task.new_task(production["shot2"], production["shot_task_type"]))
    return made


def test_page_envelope(production: dict[str, Any]) -> None:
    made = _many_tasks(production)
    params = {"project_id": production["project"]["id"], "page": 1, "limit": 2}
    first = raw.get("data/tasks", params=params)
    assert {"data", "total", "nb_pages", "limit", "offset", "page"} <= set(first)
    assert (first["total"], first["nb_pages"], first["limit"], first["page"]) == (5, 3, 2, 1)
    assert len(first["data"]) == 2 and all(is_id(t["id"]) for t in first["data"])
    last = raw.get("data/tasks", params={**params, "page": 3})
    assert len(last["data"]) == 1 and last["offset"] == 4
    every = raw.fetch_all("tasks", {"project_id": production["project"]["id"]}, paginated=True)
    assert {t["id"] for t in every} == {t["id"] for t in made}


def test_filters_on_columns(production: dict[str, Any]) -> None:
    _many_tasks(production)
    rows = raw.fetch_all(
        "tasks",
        {"project_id": production["project"]["id"], "entity_id": production["shot"]["id"]},
    )
    assert len(rows) == 3 and {t["entity_id"] for t in rows} == {production["shot"]["id"]}
    first = raw.fetch_first("tasks", {"entity_id": production["asset"]["id"]})
    assert first is not None and first["id"] == production["asset_task"]["id"]


def test_paginate_iterator(production: dict[str, Any]) -> None:
    made = _many_tasks(production)
    seen = list(
        kitsu_sdk.default_client().paginate(
            "data/tasks", {"project_id": production["project"]["id"]}, page_size=2
        )
    )
    assert sorted(t["id"] for t in seen) == sorted(t["id"] for t in made)


def test_task_type_of_another_kind_of_entity_is_refused(production: dict[str, Any]) -> None:
    with pytest.raises(ParameterException) as caught:
        task.new_task(production["asset"], production["shot_task_type"])
    assert "does not match entity type" in caught.value.message


def test_comment_on_a_missing_task_is_not_found(production: dict[str, Any]) -> None:
    with pytest.raises(RouteNotFoundException):
        task.add_comment(str(uuid.uuid4()), production["wfa"], "nobody reads this")


def test_an_output_revision_that_exists_is_refused(
    kitsu: Backend, production: dict[str, Any]
) -> None:
    from contract_helpers import TREE

    from kitsu_sdk import files

    files.update_project_file_tree(production["project"], TREE)
    output_type = files.new_output_type(kitsu.unique("Geo"), "geo")
    args = (production["asset"], output_type, production["asset_task_type"], "v1")
    files.new_entity_output_file(*args, revision=1)
    with pytest.raises(ParameterException):
        files.new_entity_output_file(*args, revision=1)
