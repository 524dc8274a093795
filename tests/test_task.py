"""kitsu_sdk.task, with its task types and statuses, against a mocked Zou."""

from __future__ import annotations

import datetime
import json
from typing import Any, Callable
from urllib.parse import parse_qsl, urlsplit

import pytest
import responses
from responses import matchers
from unit_helpers import url

from kitsu_sdk import KitsuClient
from kitsu_sdk import task as tk
from kitsu_sdk.exception import (
    BadRequestError,
    InvalidIdError,
    InvalidInputError,
    NotFoundError,
    NotFoundInKitsuError,
    TaskMustBeADictException,
    TaskStatusNotFoundException,
)

T = "aaaaaaaa-0000-0000-0000-000000000001"
T2 = "aaaaaaaa-0000-0000-0000-000000000002"
TT = "bbbbbbbb-0000-0000-0000-000000000003"
TT2 = "bbbbbbbb-0000-0000-0000-000000000004"
S = "5555aaaa-0000-0000-0000-000000000005"
WIP = "5555aaaa-0000-0000-0000-000000000006"
PROJ = "99999999-0000-0000-0000-000000000007"
E = "eeee0000-0000-0000-0000-000000000008"
PERSON = "dddddddd-0000-0000-0000-000000000009"
PERSON2 = "dddddddd-0000-0000-0000-00000000000a"
EP = "e0e0e0e0-0000-0000-0000-00000000000b"
DEP = "dede0000-0000-0000-0000-00000000000c"
TS = "71717171-0000-0000-0000-00000000000d"

Call = Callable[[KitsuClient], Any]


def query(api: responses.RequestsMock, index: int = 0) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(api.calls[index].request.url).query))


def body(api: responses.RequestsMock, index: int = 0) -> Any:
    return json.loads(api.calls[index].request.body)


# -- plain GET routes: (call, path, expected query) ----------------------------------------------

GETS: list[tuple[str, Call, str, dict[str, str]]] = [
    (
        "all_tasks_for_person",
        lambda c: tk.all_tasks_for_person(PERSON, client=c),
        f"data/persons/{PERSON}/tasks",
        {},
    ),
    (
        "all_done_tasks_for_person",
        lambda c: tk.all_done_tasks_for_person({"id": PERSON}, client=c),
        f"data/persons/{PERSON}/done-tasks",
        {},
    ),
    (
        "all_tasks_for_person_and_type",
        lambda c: tk.all_tasks_for_person_and_type(PERSON, {"id": TT}, client=c),
        f"data/persons/{PERSON}/related-tasks/{TT}",
        {},
    ),
    (
        "all_tasks_for_entity_and_task_type",
        lambda c: tk.all_tasks_for_entity_and_task_type(E, TT, client=c),
        f"data/entities/{E}/task-types/{TT}/tasks",
        {},
    ),
    (
        "all_tasks_for_project",
        lambda c: tk.all_tasks_for_project(PROJ, client=c),
        f"data/projects/{PROJ}/tasks",
        {},
    ),
    (
        "all_tasks_for_project filtered",
        lambda c: tk.all_tasks_for_project({"id": PROJ}, {"id": TT}, EP, client=c),
        f"data/projects/{PROJ}/tasks",
        {"task_type_id": TT, "episode_id": EP},
    ),
    (
        "all_tasks_for_task_type",
        lambda c: tk.all_tasks_for_task_type(PROJ, TT, client=c),
        "data/tasks",
        {"project_id": PROJ, "task_type_id": TT},
    ),
    (
        "all_tasks_for_task_type episode",
        lambda c: tk.all_tasks_for_task_type(PROJ, TT, {"id": EP}, client=c),
        "data/tasks",
        {"project_id": PROJ, "task_type_id": TT, "episode_id": EP},
    ),
    (
        "all_tasks_for_task_status",
        lambda c: tk.all_tasks_for_task_status(PROJ, TT, S, client=c),
        "data/tasks",
        {"project_id": PROJ, "task_type_id": TT, "task_status_id": S},
    ),
    (
        "all_notifications_for_project",
        lambda c: tk.all_notifications_for_project(PROJ, client=c),
        f"data/projects/{PROJ}/notifications",
        {},
    ),
    (
        "all_subscriptions_for_project",
        lambda c: tk.all_subscriptions_for_project({"id": PROJ}, client=c),
        f"data/projects/{PROJ}/subscriptions",
        {},
    ),
    (
        "get_persons_tasks_dates",
        lambda c: tk.get_persons_tasks_dates(client=c),
        "data/persons/task-dates",
        {},
    ),
    (
        "get_time_spent",
        lambda c: tk.get_time_spent(T, client=c),
        f"actions/tasks/{T}/time-spents",
        {},
    ),
    (
        "get_time_spent date",
        lambda c: tk.get_time_spent(T, "2024-01-02", client=c),
        f"actions/tasks/{T}/time-spents/2024-01-02",
        {},
    ),
    (
        "get_task_time_spent_for_date",
        lambda c: tk.get_task_time_spent_for_date({"id": T}, datetime.date(2024, 3, 4), client=c),
        f"actions/tasks/{T}/time-spents/2024-03-04",
        {},
    ),
    ("get_task_type", lambda c: tk.get_task_type(TT, client=c), f"data/task-types/{TT}", {}),
    (
        "get_task_status",
        lambda c: tk.get_task_status({"id": S}, client=c),
        f"data/task-status/{S}",
        {},
    ),
    ("get_task", lambda c: tk.get_task(T, client=c), f"data/tasks/{T}/full", {}),
    (
        "get_open_tasks_stats",
        lambda c: tk.get_open_tasks_stats(client=c),
        "data/tasks/open-tasks/stats",
        {},
    ),
]


@pytest.mark.parametrize(("name", "call", "path", "params"), GETS, ids=[g[0] for g in GETS])
def test_get_routes_return_what_zou_answers(
    api: responses.RequestsMock,
    client: KitsuClient,
    name: str,
    call: Call,
    path: str,
    params: dict[str, str],
) -> None:
    answer: Any = [{"id": T, "name": "b"}, {"id": T2, "name": "a"}]
    api.get(url(path), json=answer, match=[matchers.query_param_matcher(params)])
    assert call(client) == answer  # unsorted: these routes keep Zou's order
    assert len(api.calls) == 1
    assert api.calls[0].request.method == "GET"


# -- lists sorted by name: one helper + a table ---------------------------------------------------

SORTED: list[tuple[Call, str]] = [
    (lambda c: tk.all_tasks_for_shot(E, client=c), f"data/shots/{E}/tasks"),
    (lambda c: tk.all_tasks_for_asset(E, client=c), f"data/assets/{E}/tasks"),
    (lambda c: tk.all_tasks_for_sequence(E, client=c), f"data/sequences/{E}/tasks"),
    (lambda c: tk.all_tasks_for_episode(E, client=c), f"data/episodes/{E}/tasks"),
    (lambda c: tk.all_tasks_for_scene(E, client=c), f"data/scenes/{E}/tasks"),
    (lambda c: tk.all_tasks_for_edit(E, client=c), f"data/edits/{E}/tasks"),
    (lambda c: tk.all_tasks_for_concept(E, client=c), f"data/concepts/{E}/tasks"),
    (lambda c: tk.all_shot_tasks_for_sequence(E, client=c), f"data/sequences/{E}/shot-tasks"),
    (lambda c: tk.all_shot_tasks_for_episode(E, client=c), f"data/episodes/{E}/shot-tasks"),
    (lambda c: tk.all_assets_tasks_for_episode(E, client=c), f"data/episodes/{E}/asset-tasks"),
    (lambda c: tk.all_task_types(client=c), "data/task-types"),
    (lambda c: tk.all_task_types_for_project(PROJ, client=c), f"data/projects/{PROJ}/task-types"),
    (lambda c: tk.all_task_types_for_shot(E, client=c), f"data/shots/{E}/task-types"),
    (lambda c: tk.all_task_types_for_asset(E, client=c), f"data/assets/{E}/task-types"),
    (lambda c: tk.all_task_types_for_sequence(E, client=c), f"data/sequences/{E}/task-types"),
    (lambda c: tk.all_task_types_for_episode(E, client=c), f"data/episodes/{E}/task-types"),
    (lambda c: tk.all_task_types_for_scene(E, client=c), f"data/scenes/{E}/task-types"),
    (lambda c: tk.all_task_types_for_concept(E, client=c), f"data/concepts/{E}/task-types"),
    (lambda c: tk.all_task_statuses(client=c), "data/task-status"),
    (
        lambda c: tk.all_task_statuses_for_project({"id": PROJ}, client=c),
        f"data/projects/{PROJ}/settings/task-status",
    ),
]


@pytest.mark.parametrize(("call", "path"), SORTED, ids=[s[1] for s in SORTED])
def test_lists_come_back_sorted_by_name(
    api: responses.RequestsMock, client: KitsuClient, call: Call, path: str
) -> None:
    rows = [{"id": "1", "name": "layout"}, {"id": "2", "name": None}, {"id": "3", "name": "Anim"}]
    api.get(url(path), json=rows, match=[matchers.query_param_matcher({})])
    assert [row["id"] for row in call(client)] == ["2", "3", "1"]


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (lambda c: tk.all_tasks_for_shot(E, True, client=c), f"data/shots/{E}/tasks"),
        (
            lambda c: tk.all_shot_tasks_for_episode(E, relations=True, client=c),
            f"data/episodes/{E}/shot-tasks",
        ),
    ],
)
def test_relations_is_sent_only_when_asked(
    api: responses.RequestsMock, client: KitsuClient, call: Call, path: str
) -> None:
    api.get(url(path), json=[], match=[matchers.query_param_matcher({"relations": "true"})])
    assert call(client) == []


def test_all_open_tasks_returns_zous_first_page_envelope(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    envelope = {
        "data": [{"id": T}, {"id": T2}],
        "stats": {"total": 150, "status": [{"task_status_id": WIP, "amount": 150}]},
        "limit": 100,
        "is_more": True,
        "page": 1,
    }
    # gazu's request: no page, no limit; scripts read `all_open_tasks()["data"]`.
    api.get(url("data/tasks/open-tasks"), json=envelope, match=[matchers.query_string_matcher("")])
    result = tk.all_open_tasks(client=client)
    assert result == envelope
    assert [row["id"] for row in result["data"]] == [T, T2]
    assert len(api.calls) == 1  # is_more does not make it read the next page


def test_all_open_tasks_empty_answer(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.get(url("data/tasks/open-tasks"), body="")
    assert tk.all_open_tasks(client=client) == {}


# -- task types and statuses by name -------------------------------------------------------------


def test_get_task_type_by_name_keeps_only_the_exact_name(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    # Zou's ILIKE makes "_" a wildcard: "Mod_ling" also matches "Modeling".
    api.get(
        url("data/task-types"),
        json=[{"id": TT2, "name": "Modeling"}, {"id": TT, "name": "mod_ling"}],
        match=[
            matchers.query_param_matcher(
                {"name": "Mod_ling", "for_entity": "Asset", "department_id": DEP}
            )
        ],
    )
    found = tk.get_task_type_by_name("Mod_ling", "Asset", {"id": DEP}, client=client)
    assert found == {"id": TT, "name": "mod_ling"}


def test_get_task_type_by_name_none_when_absent(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(
        url("data/task-types"),
        json=[{"id": TT, "name": "Modeling"}],
        match=[matchers.query_param_matcher({"name": "Mod_ling"})],
    )
    assert tk.get_task_type_by_name("Mod_ling", client=client) is None


def test_get_task_type_by_short_name(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.get(
        url("data/task-types"),
        json=[{"id": TT, "short_name": "anim"}],
        match=[matchers.query_param_matcher({"short_name": "anim", "for_entity": "Shot"})],
    )
    api.get(
        url("data/task-types"),
        json=[],
        match=[matchers.query_param_matcher({"short_name": "nope"})],
    )
    assert tk.get_task_type_by_short_name("anim", "Shot", client=client)["id"] == TT
    assert tk.get_task_type_by_short_name("nope", client=client) is None


def test_get_task_status_by_name_and_short_name(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(
        url("data/task-status"),
        json=[{"id": S, "name": "Todo"}],
        match=[matchers.query_param_matcher({"name": "todo"})],
    )
    api.get(
        url("data/task-status"),
        json=[{"id": WIP, "short_name": "wip"}],
        match=[matchers.query_param_matcher({"short_name": "wip"})],
    )
    assert tk.get_task_status_by_name("todo", client=client) == {"id": S, "name": "Todo"}
    assert tk.get_task_status_by_short_name("wip", client=client)["id"] == WIP


def test_get_default_task_status_skips_the_concept_default(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(
        url("data/task-status"),
        json=[{"id": S, "name": "Todo"}],
        match=[matchers.query_param_matcher({"is_default": "true", "for_concept": "false"})],
    )
    assert tk.get_default_task_status(client=client) == {"id": S, "name": "Todo"}


@pytest.mark.parametrize(
    "call",
    [
        lambda c: tk.get_task_type_by_name("", client=c),
        lambda c: tk.get_task_type_by_short_name("  ", client=c),
        lambda c: tk.get_task_type_by_name("Anim", department="Animation", client=c),
        lambda c: tk.get_task_status_by_name(None, client=c),
        lambda c: tk.get_task_status_by_short_name("", client=c),
        lambda c: tk.get_task_type("Animation", client=c),
        lambda c: tk.get_task_status("wip", client=c),
    ],
)
def test_lookups_refuse_bad_input_before_the_network(
    api: responses.RequestsMock, client: KitsuClient, call: Call
) -> None:
    with pytest.raises(InvalidInputError):
        call(client)
    assert len(api.calls) == 0


# -- task type and status writes -----------------------------------------------------------------


def test_new_task_type_posts_once(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.post(
        url("data/task-types"),
        json={"id": TT, "name": "FX"},
        status=201,
        match=[
            matchers.json_params_matcher({"name": "FX", "color": "#00FF00", "for_entity": "Shot"})
        ],
    )
    assert tk.new_task_type("FX", "#00FF00", "Shot", client=client) == {"id": TT, "name": "FX"}
    assert len(api.calls) == 1


def test_new_task_type_returns_the_existing_one(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.post(
        url("data/task-types"),
        status=400,
        json={"error": True, "message": "A task type with similar name already exists"},
    )
    api.get(
        url("data/task-types"),
        json=[{"id": TT, "name": "fx"}],
        match=[matchers.query_param_matcher({"name": "FX", "for_entity": "Asset"})],
    )
    assert tk.new_task_type("FX", client=client) == {"id": TT, "name": "fx"}
    assert json.loads(api.calls[0].request.body)["color"] == "#000000"


def test_new_task_type_reraises_when_the_name_is_taken_by_another_kind(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.post(
        url("data/task-types"),
        status=400,
        json={"error": True, "message": "A task type with similar name already exists"},
    )
    api.get(url("data/task-types"), json=[])
    with pytest.raises(BadRequestError, match="similar name"):
        tk.new_task_type("FX", for_entity="Shot", client=client)


@pytest.mark.parametrize(
    "call",
    [
        lambda c: tk.new_task_type("FX", "green", client=c),
        lambda c: tk.new_task_type("", client=c),
        lambda c: tk.new_task_status("Check", "chk", "00FF00", client=c),
        lambda c: tk.new_task_status("Check", "chk", "#GGGGGG", client=c),
        lambda c: tk.new_task_status("Check", "", "#00FF00", client=c),
        lambda c: tk.update_task_type(TT, client=c),
        lambda c: tk.update_task_type({"name": "no id"}, client=c),
        lambda c: tk.update_task_status({"id": "todo"}, client=c),
        lambda c: tk.remove_task_type("FX", client=c),
        lambda c: tk.remove_task_status({"name": "Todo"}, client=c),
    ],
)
def test_type_and_status_writes_refuse_bad_input(
    api: responses.RequestsMock, client: KitsuClient, call: Call
) -> None:
    with pytest.raises(InvalidInputError):
        call(client)
    assert len(api.calls) == 0


def test_new_update_remove_task_status(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.post(
        url("data/task-status"),
        json={"id": S},
        status=201,
        match=[
            matchers.json_params_matcher({"name": "Check", "short_name": "chk", "color": "#0f0"})
        ],
    )
    api.put(
        url(f"data/task-status/{S}"),
        json={"id": S, "color": "#111111"},
        match=[matchers.json_params_matcher({"id": S, "color": "#111111"})],
    )
    api.delete(
        url(f"data/task-status/{S}"),
        status=204,
        match=[matchers.query_param_matcher({"force": "true"})],
    )
    assert tk.new_task_status("Check", "chk", "#0f0", client=client) == {"id": S}
    assert tk.update_task_status({"id": S, "color": "#111111"}, client=client)["color"] == "#111111"
    assert tk.remove_task_status({"id": S}, client=client) == ""
    assert [c.request.method for c in api.calls] == ["POST", "PUT", "DELETE"]


def test_update_and_remove_task_type(api: responses.RequestsMock, client: KitsuClient) -> None:
    original = {"id": TT, "name": "FX", "color": "#000000"}
    api.put(
        url(f"data/task-types/{TT}"),
        json={**original, "color": "#222222"},
        match=[matchers.json_params_matcher({"id": TT, "name": "FX", "color": "#222222"})],
    )
    api.delete(url(f"data/task-types/{TT}"), status=204, match=[matchers.query_param_matcher({})])
    api.delete(
        url(f"data/task-types/{TT2}"),
        status=204,
        match=[matchers.query_param_matcher({"force": "true"})],
    )
    changed = {**original, "color": "#222222"}
    assert tk.update_task_type(changed, client=client)["color"] == "#222222"
    assert original["color"] == "#000000"
    assert tk.remove_task_type(TT, client=client) == ""
    assert tk.remove_task_type({"id": TT2}, force=True, client=client) == ""
    assert len(api.calls) == 3


# -- one task ------------------------------------------------------------------------------------


def test_get_task_by_entity_matches_the_exact_name(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(
        url("data/tasks"),
        json=[{"id": T2, "name": "Main"}, {"id": T, "name": "main"}],
        match=[matchers.query_param_matcher({"entity_id": E, "task_type_id": TT, "name": "main"})],
    )
    # Zou's ILIKE filter returns both; the exact name wins over a case-insensitive one.
    assert tk.get_task_by_entity({"id": E}, TT, client=client)["id"] == T
    api.get(
        url("data/tasks"),
        json=[],
        match=[matchers.query_param_matcher({"entity_id": E, "task_type_id": TT, "name": "v2"})],
    )
    assert tk.get_task_by_entity(E, TT, "v2", client=client) is None


def test_new_task_with_entity_dict_and_status_posts_once(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    expected = {
        "project_id": PROJ,
        "entity_id": E,
        "task_type_id": TT,
        "task_status_id": S,
        "name": "main",
        "assignees": [PERSON, PERSON2],
        "assigner_id": PERSON,
    }
    api.post(
        url("data/tasks"),
        json={"id": T},
        status=201,
        match=[matchers.json_params_matcher(expected)],
    )
    created = tk.new_task(
        {"id": E, "project_id": PROJ},
        {"id": TT},
        task_status={"id": S},
        assigner=PERSON,
        assignees=[{"id": PERSON}, PERSON2],
        client=client,
    )
    assert created == {"id": T}
    assert len(api.calls) == 1


def test_new_task_looks_up_the_project_and_the_default_status(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("data/task-status"), json=[{"id": S, "name": "Todo"}])
    api.get(url(f"data/entities/{E}"), json={"id": E, "project_id": PROJ})
    api.post(
        url("data/tasks"),
        json={"id": T},
        status=201,
        match=[
            matchers.json_params_matcher(
                {
                    "project_id": PROJ,
                    "entity_id": E,
                    "task_type_id": TT,
                    "task_status_id": S,
                    "name": "layout v2",
                    "assignees": [],
                }
            )
        ],
    )
    assert tk.new_task(E, TT, "layout v2", client=client) == {"id": T}
    assert query(api, 0) == {"is_default": "true", "for_concept": "false"}


def test_new_task_accepts_a_status_short_name(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(
        url("data/task-status"),
        json=[{"id": WIP, "short_name": "wip"}],
        match=[matchers.query_param_matcher({"short_name": "wip"})],
    )
    api.post(url("data/tasks"), json={"id": T}, status=201)
    tk.new_task({"id": E, "project_id": PROJ}, TT, task_status="wip", client=client)
    assert body(api, 1)["task_status_id"] == WIP


def test_new_task_unknown_status_short_name_fails_before_the_write(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("data/task-status"), json=[])
    with pytest.raises(TaskStatusNotFoundException, match="nope"):
        tk.new_task({"id": E, "project_id": PROJ}, TT, task_status="nope", client=client)
    assert [c.request.method for c in api.calls] == ["GET"]


def test_new_task_without_default_status(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.get(url("data/task-status"), json=[])
    with pytest.raises(NotFoundInKitsuError):
        tk.new_task({"id": E, "project_id": PROJ}, TT, client=client)
    assert len(api.calls) == 1


def test_new_task_returns_the_existing_task(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.post(url("data/tasks"), json={"message": "Task already exists."}, status=400)
    api.get(
        url("data/tasks"),
        json=[{"id": T, "name": "main"}],
        match=[matchers.query_param_matcher({"entity_id": E, "task_type_id": TT, "name": "main"})],
    )
    found = tk.new_task({"id": E, "project_id": PROJ}, TT, task_status=S, client=client)
    assert found == {"id": T, "name": "main"}


def test_new_task_other_400s_are_raised(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.post(
        url("data/tasks"),
        status=400,
        json={"error": True, "message": "Task type of the task does not match entity type."},
    )
    with pytest.raises(BadRequestError, match="does not match"):
        tk.new_task({"id": E, "project_id": PROJ}, TT, task_status=S, client=client)
    assert len(api.calls) == 1


@pytest.mark.parametrize(
    "kwargs",
    [
        {"entity": "SH010"},
        {"task_type": "Animation"},
        {"name": ""},
        {"assigner": "john"},
        {"assignees": ["john"]},
        {"task_status": {"name": "no id"}},
    ],
)
def test_new_task_bad_input_fails_before_the_network(
    api: responses.RequestsMock, client: KitsuClient, kwargs: dict[str, Any]
) -> None:
    args: dict[str, Any] = {"entity": {"id": E, "project_id": PROJ}, "task_type": TT, **kwargs}
    with pytest.raises(InvalidInputError):
        tk.new_task(client=client, **args)
    assert len(api.calls) == 0


def test_update_task_sends_schedule_fields_and_assignee_ids(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    task = {
        "id": T,
        "start_date": datetime.date(2024, 5, 1),
        "due_date": "2024-05-31",
        "estimation": 960,
        "assignees": [{"id": PERSON}, PERSON2],
    }
    api.put(
        url(f"data/tasks/{T}"),
        json={"id": T},
        match=[
            matchers.json_params_matcher(
                {
                    "id": T,
                    "start_date": "2024-05-01",
                    "due_date": "2024-05-31",
                    "estimation": 960,
                    "assignees": [PERSON, PERSON2],
                }
            )
        ],
    )
    assert tk.update_task(task, client=client) == {"id": T}
    assert task["assignees"] == [{"id": PERSON}, PERSON2]  # the caller's dict is left alone


def test_update_task_needs_a_task_dict(api: responses.RequestsMock, client: KitsuClient) -> None:
    with pytest.raises(InvalidInputError):
        tk.update_task(T, client=client)  # type: ignore[arg-type]
    with pytest.raises(InvalidIdError):
        tk.update_task({"id": T, "assignees": ["john"]}, client=client)
    assert len(api.calls) == 0


def test_update_task_data_sends_only_the_new_keys(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.put(
        url(f"data/tasks/{T}"),
        json={"id": T, "data": {"a": 1, "b": 2}},
        match=[matchers.json_params_matcher({"data": {"b": 2}})],
    )
    assert tk.update_task_data({"id": T}, {"b": 2}, client=client)["data"] == {"a": 1, "b": 2}
    assert len(api.calls) == 1


def test_update_task_data_empty_does_not_wipe(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.put(
        url(f"data/tasks/{T}"),
        json={"id": T, "data": {"a": 1}},
        match=[matchers.json_params_matcher({})],
    )
    assert tk.update_task_data(T, client=client)["data"] == {"a": 1}


def test_update_task_data_bad_input(api: responses.RequestsMock, client: KitsuClient) -> None:
    with pytest.raises(InvalidInputError):
        tk.update_task_data(T, ["a"], client=client)  # type: ignore[arg-type]
    with pytest.raises(InvalidIdError):
        tk.update_task_data("main", {"a": 1}, client=client)
    assert len(api.calls) == 0


def test_removals(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.delete(
        url(f"data/tasks/{T}"), status=204, match=[matchers.query_param_matcher({"force": "true"})]
    )
    api.post(
        url(f"actions/projects/{PROJ}/delete-tasks"),
        json=[T, T2],
        match=[matchers.json_params_matcher([T, T2])],
    )
    api.delete(url(f"actions/projects/{PROJ}/task-types/{TT}/delete-tasks"), status=204)
    api.delete(url(f"data/time-spents/{TS}"), status=204)
    assert tk.remove_task({"id": T}, client=client) == ""
    assert tk.remove_tasks_batch(PROJ, [T, {"id": T2}], client=client) == [T, T2]
    assert tk.remove_tasks_for_type({"id": PROJ}, TT, client=client) == ""
    assert tk.remove_time_spent({"id": TS}, client=client) == ""
    assert len(api.calls) == 4


@pytest.mark.parametrize(
    "call",
    [
        lambda c: tk.remove_task("main", client=c),
        lambda c: tk.remove_tasks_batch(PROJ, [T, "main"], client=c),
        lambda c: tk.remove_tasks_batch("My Film", [T], client=c),
        lambda c: tk.remove_tasks_for_type(PROJ, "Animation", client=c),
        lambda c: tk.remove_time_spent(60, client=c),
        lambda c: tk.get_task("SH010 anim", client=c),
        lambda c: tk.all_tasks_for_shot("SH010", client=c),
        lambda c: tk.all_task_types_for_scene({"name": "sc"}, client=c),
        lambda c: tk.all_tasks_for_project(PROJ, task_type="Animation", client=c),
        lambda c: tk.all_tasks_for_person("john", client=c),
        lambda c: tk.all_notifications_for_project(None, client=c),
    ],
)
def test_wrong_ids_fail_before_the_network(
    api: responses.RequestsMock, client: KitsuClient, call: Call
) -> None:
    with pytest.raises(InvalidIdError):
        call(client)
    assert len(api.calls) == 0


# -- start_task and task statuses given by short name --------------------------------------------


def test_start_task_uses_the_wip_status(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.get(
        url("data/task-status"),
        json=[{"id": WIP, "short_name": "wip"}],
        match=[matchers.query_param_matcher({"short_name": "wip"})],
    )
    api.post(
        url(f"actions/tasks/{T}/comment"),
        json={"id": "c", "task_status_id": WIP},
        status=201,
        match=[
            matchers.json_params_matcher(
                {"task_status_id": WIP, "comment": "", "person_id": PERSON}
            )
        ],
    )
    comment = tk.start_task({"id": T}, person={"id": PERSON}, client=client)
    assert comment["task_status_id"] == WIP


def test_start_task_with_a_status_dict_skips_the_lookup(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.post(
        url(f"actions/tasks/{T}/comment"),
        json={"id": "c"},
        status=201,
        match=[matchers.json_params_matcher({"task_status_id": S, "comment": ""})],
    )
    tk.start_task(T, {"id": S}, client=client)
    assert len(api.calls) == 1


def test_start_task_without_wip_raises_before_the_write(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("data/task-status"), json=[])
    with pytest.raises(TaskStatusNotFoundException, match="'wip'"):
        tk.start_task(T, client=client)
    assert [c.request.method for c in api.calls] == ["GET"]


def test_all_tasks_for_task_status_by_short_name(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(
        url("data/task-status"),
        json=[],
        match=[matchers.query_param_matcher({"short_name": "gone"})],
    )
    with pytest.raises(NotFoundInKitsuError):
        tk.all_tasks_for_task_status(PROJ, TT, "gone", client=client)
    assert len(api.calls) == 1


def test_start_task_bad_ids(api: responses.RequestsMock, client: KitsuClient) -> None:
    with pytest.raises(InvalidIdError):
        tk.start_task("SH010", client=client)
    with pytest.raises(InvalidIdError):
        tk.start_task(T, person="john", client=client)
    assert len(api.calls) == 0


# -- get_task_url --------------------------------------------------------------------------------


def test_get_task_url_points_at_the_web_app(client: KitsuClient) -> None:
    link = tk.get_task_url({"id": T, "project_id": PROJ}, client=client)
    assert link == f"http://kitsu.test/productions/{PROJ}/shots/tasks/{T}/"


@pytest.mark.parametrize("task", [T, {"id": T}, {"project_id": PROJ}])
def test_get_task_url_needs_a_task_dict(client: KitsuClient, task: Any) -> None:
    with pytest.raises(TaskMustBeADictException):
        tk.get_task_url(task, client=client)


# -- creating tasks in bulk ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "create",
    [
        tk.create_entity_tasks,
        tk.create_shot_tasks,
        tk.create_asset_tasks,
        tk.create_edit_tasks,
        tk.create_concept_tasks,
    ],
)
def test_create_tasks_for_several_types(
    api: responses.RequestsMock, client: KitsuClient, create: Callable[..., Any]
) -> None:
    api.post(
        url(f"data/entities/{E}/tasks"),
        json=[{"id": T}, {"id": T2}],
        status=201,
        match=[matchers.json_params_matcher({"task_type_ids": [TT, TT2]})],
    )
    assert create({"id": E}, [TT, {"id": TT2}], client=client) == [{"id": T}, {"id": T2}]


def test_create_tasks_bad_input(api: responses.RequestsMock, client: KitsuClient) -> None:
    with pytest.raises(InvalidIdError):
        tk.create_shot_tasks("SH010", [TT], client=client)
    with pytest.raises(InvalidIdError):
        tk.create_asset_tasks(E, ["Modeling"], client=client)
    assert len(api.calls) == 0


# -- assignation ---------------------------------------------------------------------------------


def test_assign_task(api: responses.RequestsMock, client: KitsuClient) -> None:
    # gazu's route and result: the list of tasks Zou assigned.
    api.put(
        url(f"actions/persons/{PERSON}/assign"),
        json=[{"id": T, "assignees": [PERSON]}],
        match=[matchers.json_params_matcher({"task_ids": [T]})],
    )
    assert tk.assign_task({"id": T}, {"id": PERSON}, client=client) == [
        {"id": T, "assignees": [PERSON]}
    ]


def test_assign_tasks_to_person(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.put(
        url(f"actions/persons/{PERSON}/assign"),
        json=[{"id": T}, {"id": T2}],
        match=[matchers.json_params_matcher({"task_ids": [T, T2]})],
    )
    assert len(tk.assign_tasks_to_person([T, {"id": T2}], PERSON, client=client)) == 2
    assert tk.assign_tasks_to_person([], PERSON, client=client) == []
    assert len(api.calls) == 1


def test_clear_assignations(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.put(
        url("actions/tasks/clear-assignation"),
        json=[T],
        match=[matchers.json_params_matcher({"task_ids": [T]})],
    )
    api.put(
        url("actions/tasks/clear-assignation"),
        json=[T, T2],
        match=[matchers.json_params_matcher({"task_ids": [T, T2], "person_id": PERSON})],
    )
    assert tk.clear_assignations({"id": T}, client=client) == [T]
    assert tk.clear_assignations([T, T2], {"id": PERSON}, client=client) == [T, T2]
    assert tk.clear_assignations([], client=client) == []
    assert len(api.calls) == 2


@pytest.mark.parametrize(
    "call",
    [
        lambda c: tk.assign_task(T, "john", client=c),
        lambda c: tk.assign_task("SH010", PERSON, client=c),
        lambda c: tk.assign_tasks_to_person([T, "x"], PERSON, client=c),
        lambda c: tk.assign_tasks_to_person([T], "john", client=c),
        lambda c: tk.clear_assignations("SH010", client=c),
        lambda c: tk.clear_assignations([T], "john", client=c),
    ],
)
def test_assignation_bad_ids(api: responses.RequestsMock, client: KitsuClient, call: Call) -> None:
    with pytest.raises(InvalidIdError):
        call(client)
    assert len(api.calls) == 0


# -- time spent ----------------------------------------------------------------------------------


def test_set_and_add_time_spent(api: responses.RequestsMock, client: KitsuClient) -> None:
    base = f"actions/tasks/{T}/time-spents/2024-01-02/persons/{PERSON}"
    api.post(
        url(base),
        json={"id": TS, "duration": 60.0},
        status=201,
        match=[matchers.json_params_matcher({"duration": 60})],
    )
    api.post(
        url(base + "/add"),
        json={"id": TS, "duration": 90.0},
        status=201,
        match=[matchers.json_params_matcher({"duration": 30})],
    )
    assert tk.set_time_spent(T, PERSON, "2024-01-02", 60, client=client)["duration"] == 60.0
    moment = datetime.datetime(2024, 1, 2, 18, 30)
    assert tk.add_time_spent({"id": T}, {"id": PERSON}, moment, 30, client=client)["id"] == TS


@pytest.mark.parametrize(
    "call",
    [
        lambda c: tk.set_time_spent(T, PERSON, "2024-13-02", 60, client=c),
        lambda c: tk.set_time_spent(T, PERSON, "2024/01/02", 60, client=c),
        lambda c: tk.set_time_spent(T, PERSON, "../../x", 60, client=c),
        lambda c: tk.set_time_spent(T, PERSON, "2024-01-02", -5, client=c),
        lambda c: tk.set_time_spent(T, PERSON, "2024-01-02", "60", client=c),
        lambda c: tk.add_time_spent(T, PERSON, "2024-01-02", True, client=c),
        lambda c: tk.add_time_spent(T, "john", "2024-01-02", 5, client=c),
        lambda c: tk.get_time_spent(T, "yesterday", client=c),
        lambda c: tk.get_task_time_spent_for_date(T, None, client=c),
    ],
)
def test_time_spent_bad_input(api: responses.RequestsMock, client: KitsuClient, call: Call) -> None:
    with pytest.raises(InvalidInputError):
        call(client)
    assert len(api.calls) == 0


def test_time_spent_errors_from_zou_propagate(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(
        url(f"actions/tasks/{T}/time-spents"),
        status=404,
        json={"error": True, "message": "Task not found"},
    )
    with pytest.raises(NotFoundError):
        tk.get_time_spent(T, client=client)


# -- the module's surface ------------------------------------------------------------------------


def _without_client_arg(doc: str) -> str:
    """A docstring's words, without the `client` entry gen_bindings adds to a module function's
    docstring (nor the `Args:` section that holds only that entry)."""
    entry = "client: the KitsuClient to run on (None: the default client)."
    words = " ".join(doc.split())
    return words.replace(f" Args: {entry}", "").replace(f" {entry}", "")


def test_task_types_and_comment_functions_are_reexported() -> None:
    # kitsu_sdk.task is generated from the task_types operations (and comment's, preview's): each
    # of them is public here, with the same parameters (plus client) and documentation.
    import inspect

    from kitsu_sdk import comment
    from kitsu_sdk._operations import task_types

    operations = [
        name for name, value in vars(task_types).items()
        if inspect.isfunction(value) and value.__module__ == task_types.__name__
        and not name.startswith("_")
    ]  # fmt: skip
    assert len(operations) == 23
    for name in operations:
        ours = [p for p in inspect.signature(getattr(tk, name)).parameters if p != "client"]
        assert ours == list(inspect.signature(getattr(task_types, name)).parameters)
        ours_doc, op_doc = getattr(tk, name).__doc__, getattr(task_types, name).__doc__
        assert "client:" in ours_doc
        assert _without_client_arg(ours_doc) == _without_client_arg(op_doc)
    for name in ("add_comment", "publish_preview", "all_comments_for_task", "set_main_preview"):
        assert getattr(tk, name) is getattr(comment, name)
