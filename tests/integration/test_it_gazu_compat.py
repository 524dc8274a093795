"""gazu's extras against the real Zou: `raw`, the top-level exception names, log_out's and
set_host's returns, make_auth_header and check_status on a response fetched by hand, the
helpers, sorting and cache memo helpers, and the task functions gazu 1.x removed."""

from __future__ import annotations

import asyncio
import json
import pathlib
from typing import Any

import httpx
import pytest
import requests
from it_helpers import new_client, unique

import kitsu_sdk
from kitsu_sdk import KitsuClient, cache, helpers, project, shot, sorting, task
from kitsu_sdk import client as raw
from kitsu_sdk.aio import check_status as aio_check_status

Row = dict[str, Any]


@pytest.fixture(scope="module")
def work(client: KitsuClient, project: Row) -> dict[str, Row]:
    """A shot with an Animation task, in the module's TV-show project."""
    me = client.logged_in_user
    assert me is not None
    kitsu_sdk.project.add_person_to_team(project, me, client=client)
    episode = shot.new_episode(project, unique("E"), client=client)
    sequence = shot.new_sequence(project, unique("SQ"), episode, client=client)
    the_shot = shot.new_shot(project, sequence, "SH010", client=client)
    animation = task.get_task_type_by_name("Animation", "Shot", client=client)
    assert animation is not None
    the_task = task.new_task(the_shot, animation, client=client)
    return {"shot": the_shot, "task": the_task, "type": dict(animation), "me": me}


def test_raw_and_top_level_exceptions(client: KitsuClient, project: Row) -> None:
    from kitsu_sdk import raw as imported

    path = f"data/projects/{project['id']}"
    assert imported.get(path, client=client)["id"] == raw.get(path, client=client)["id"]
    with pytest.raises(kitsu_sdk.RouteNotFoundException):
        raw.fetch_one("projects", "00000000-0000-4000-8000-000000000000", client=client)
    with pytest.raises(kitsu_sdk.AuthFailedException):
        kitsu_sdk.log_in("nobody@example.com", "wrong-password", client=new_client(client.host))


def test_log_out_returns_an_empty_dict_and_set_host_none(
    kitsu_host: str, kitsu_credentials: tuple[str, str]
) -> None:
    other = KitsuClient()
    assert kitsu_sdk.set_host(kitsu_host, client=other) is None  # type: ignore[func-returns-value]
    assert kitsu_sdk.get_host(client=other) == kitsu_host
    assert kitsu_sdk.set_event_host(kitsu_host, client=other) is None  # type: ignore[func-returns-value]
    kitsu_sdk.log_in(*kitsu_credentials, client=other)
    tokens = kitsu_sdk.refresh_token(client=other)
    assert tokens["access_token"]
    assert kitsu_sdk.log_out(client=other) == {}
    assert kitsu_sdk.log_out(client=other) == {}  # already out: still no error, as gazu
    other.close()


def test_make_auth_header_and_check_status_on_a_hand_made_request(client: KitsuClient) -> None:
    headers = raw.make_auth_header(client=client)
    assert set(headers) == {"User-Agent", "Authorization"}
    ok = requests.get(raw.get_full_url("data/projects/open", client=client), headers=headers)
    assert raw.check_status(ok, "data/projects/open", client=client) == (200, False)
    missing = requests.get(
        raw.get_full_url("data/projects/00000000-0000-4000-8000-000000000000", client=client),
        headers=headers,
    )
    with pytest.raises(kitsu_sdk.RouteNotFoundException):
        raw.check_status(missing, "data/projects/…", client=client)
    bad = requests.post(
        raw.get_full_url("data/projects", client=client), json={"name": ""}, headers=headers
    )
    assert bad.status_code == 400
    assert raw.get_message_from_response(bad) != "No additional information"
    with pytest.raises(kitsu_sdk.ParameterException):
        raw.check_status(bad, "data/projects", client=client)

    async def hand_made_async() -> None:
        async with httpx.AsyncClient(headers=headers) as http:
            answer = await http.get(raw.get_full_url("data/projects/open", client=client))
            assert await aio_check_status(answer, "data/projects/open") == (200, False)
            gone = await http.get(raw.get_full_url("data/nothing-here", client=client))
            with pytest.raises(kitsu_sdk.RouteNotFoundException):
                await aio_check_status(gone, "data/nothing-here")

    asyncio.run(hand_made_async())


def test_helpers_on_real_data(client: KitsuClient, project: Row, tmp_path: pathlib.Path) -> None:
    assert helpers.normalize_model_parameter(project["id"]) == {"id": project["id"]}
    assert helpers.normalize_list_of_models_for_links([project]) == [project["id"]]
    assert helpers.validate_date_format(project["created_at"][:10]) == project["created_at"][:10]
    assert helpers.sanitize_filename(f"{project['name']}/v1?.json") == f"{project['name']}v1.json"
    url = raw.get_full_url(f"data/projects/{project['id']}", client=client)
    written = helpers.download_file(url, str(tmp_path), raw.make_auth_header(client=client))
    assert json.loads(pathlib.Path(written).read_text())["id"] == project["id"]
    with pytest.raises(kitsu_sdk.DownloadFileException):
        helpers.download_file(url, str(tmp_path))  # no token: 401
    assert sorted(p.name for p in tmp_path.iterdir()) == [pathlib.Path(written).name]


def test_sorting_and_cache_memo_on_real_data(client: KitsuClient, project: Row) -> None:
    projects = project_list = kitsu_sdk.project.all_open_projects(client=client)
    ordered = sorting.sort_by_name(project_list)
    assert [p["name"].lower() for p in ordered] == sorted(p["name"].lower() for p in projects)
    memo: dict[str, Any] = {}
    state = {"enabled": True, "expire": 120, "maxsize": 1}
    named = {"client": client}
    first = cache.insert_value(kitsu_sdk.project.get_project, memo, (project["id"],), named)
    key = cache.get_cache_key((project["id"],), named)
    assert cache.get_value(memo, key) == first and first["id"] == project["id"]
    assert not cache.is_cache_expired(memo, state, key)
    assert cache.is_cache_enabled(state) == kitsu_sdk.client.default_client().cache.enabled
    cache.insert_value(kitsu_sdk.project.all_open_projects, memo, (), named)
    assert cache.remove_oldest_entry(memo, state["maxsize"]) == key


def test_task_functions_gazu_1_removed(client: KitsuClient, work: dict[str, Row]) -> None:
    found = task.get_task_by_name(work["shot"], work["type"], client=client)
    assert found is not None and found["id"] == work["task"]["id"]
    assert task.get_task_by_name(work["shot"], work["type"], "other", client=client) is None
    reviewed = task.task_to_review(work["task"], work["me"], "ready for review", client=client)
    assert reviewed["id"] == work["task"]["id"]
    status = task.get_task_status(reviewed["task_status_id"], client=client)
    assert status["is_feedback_request"] is True
    assert project.get_project(work["task"]["project_id"], client=client)["id"]
