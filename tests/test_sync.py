"""kitsu_sdk.sync against a mocked Zou: the event log (with its pages), the imports, the pure
diff and map helpers, and the two-client functions with a source and a target on two hosts."""

from __future__ import annotations

import datetime
import json
import logging
import os
import pathlib
import re
import tempfile
from typing import Any, Callable

import pytest
import requests
import responses
from responses import matchers
from unit_helpers import HOST, make_jwt, url

from kitsu_sdk import KitsuClient, sync
from kitsu_sdk._core.retry import RetryPolicy
from kitsu_sdk.aio import AsyncKitsuClient
from kitsu_sdk.exception import InvalidIdError, InvalidInputError

TARGET = "http://target.test/api"

P = "11111111-1111-4111-8111-111111111111"  # source project
Q = "22222222-2222-4222-8222-222222222222"  # target project
A = "33333333-3333-4333-8333-333333333333"  # asset
SH = "44444444-4444-4444-8444-444444444444"  # shot
T = "55555555-5555-4555-8555-555555555555"  # task
C = "66666666-6666-4666-8666-666666666666"  # source comment
NC = "77777777-7777-4777-8777-777777777777"  # comment posted on the target
AT_S, AT_T = "a0000000-0000-4000-8000-000000000001", "a0000000-0000-4000-8000-000000000002"
TT_S, TT_T = "b0000000-0000-4000-8000-000000000001", "b0000000-0000-4000-8000-000000000002"
ST_S, ST_T = "c0000000-0000-4000-8000-000000000001", "c0000000-0000-4000-8000-000000000002"
PE_S, PE_T = "d0000000-0000-4000-8000-000000000001", "d0000000-0000-4000-8000-000000000002"
UNKNOWN = "e0000000-0000-4000-8000-000000000009"  # a source id the target has no match for
ATT = "f0000000-0000-4000-8000-000000000001"  # attachment file
PV, NPV = "f0000000-0000-4000-8000-000000000002", "f0000000-0000-4000-8000-000000000003"
DEFAULT = "f0000000-0000-4000-8000-000000000004"  # default status for pushed tasks


def turl(path: str) -> str:
    return f"{TARGET}/{path.lstrip('/')}"


@pytest.fixture
def target() -> KitsuClient:
    """The client of the target Kitsu, on another host than `client` (the source)."""
    return KitsuClient(
        TARGET,
        token={"access_token": make_jwt(), "refresh_token": make_jwt(86400)},
        retry=RetryPolicy(sleep=lambda _: None, random=lambda: 0.0),
    )


def loose(value: Any) -> Any:
    """A value given as is, whatever the annotation says (bad input on purpose)."""
    return value


def sent_json(call: Any) -> Any:
    return json.loads(call.request.body)


def posts_to(api: responses.RequestsMock, full_url: str) -> list[Any]:
    return [sent_json(c) for c in api.calls if c.request.url == full_url]


# -- get_last_events ---------------------------------------------------------------------------


def test_last_events_sends_the_filters_zou_reads(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    events = [{"id": "e1", "name": "asset:new"}]
    api.get(url("data/events/last"), json=events, match=[matchers.query_param_matcher({
        "limit": "50", "only_files": "true", "project_id": P, "after": "2024-01-02",
        "before": "2024-02-03T10:11:12", "name": "asset:new"})])  # fmt: skip
    found = sync.get_last_events(
        50, {"id": P}, after="2024-01-02", before="2024-02-03T10:11:12", only_files=True,
        name="asset:new", client=client,
    )  # fmt: skip
    assert found == events
    api.get(
        url("data/events/last"),
        json=[],
        match=[matchers.query_param_matcher({"limit": "1000", "only_files": "false"})],
    )
    assert sync.get_last_events(client=client) == []  # default 20000: the first page ends it
    assert len(api.calls) == 2


def test_last_events_dates_as_objects_are_sent_in_utc(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    paris = datetime.timezone(datetime.timedelta(hours=1))
    api.get(url("data/events/last"), json=[], match=[matchers.query_param_matcher({
        "limit": "5", "only_files": "false", "after": "2024-03-01T09:30:00",
        "before": "2024-03-04"})])  # fmt: skip
    sync.get_last_events(5, after=datetime.datetime(2024, 3, 1, 10, 30, tzinfo=paris),
                         before=datetime.date(2024, 3, 4), client=client)  # fmt: skip
    assert len(api.calls) == 1


def test_last_events_reads_pages_of_1000_with_the_cursor_until_the_limit(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    def page(start: int, count: int) -> list[dict[str, Any]]:
        return [{"id": f"{start + i:08x}-0000-4000-8000-000000000000", "n": start + i}
                for i in range(count)]  # fmt: skip

    first, second = page(0, 1000), page(1000, 500)
    api.get(
        url("data/events/last"),
        json=first,
        match=[matchers.query_param_matcher({"limit": "1000", "only_files": "false"})],
    )
    api.get(
        url("data/events/last"),
        json=second,
        match=[
            matchers.query_param_matcher(
                {"limit": "500", "only_files": "false", "cursor_event_id": first[-1]["id"]}
            )
        ],
    )
    found: list[Any] = sync.get_last_events(1500, client=client)
    assert [e["n"] for e in found] == list(range(1500))
    assert len(api.calls) == 2


def test_last_events_stop_at_a_short_page(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.get(
        url("data/events/last"),
        json=[{"id": "x"}] * 3,
        match=[matchers.query_param_matcher({"limit": "1000", "only_files": "false"})],
    )
    assert len(sync.get_last_events(5000, client=client)) == 3
    assert len(api.calls) == 1
    assert sync.get_last_events(0, client=client) == []
    assert len(api.calls) == 1


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"limit": -1}, InvalidInputError),
        ({"limit": "10"}, InvalidInputError),
        ({"limit": True}, InvalidInputError),
        ({"project": "My project"}, InvalidIdError),
        ({"after": "yesterday"}, InvalidInputError),
        ({"before": "2024-13-01"}, InvalidInputError),
        ({"after": 20240101}, InvalidInputError),
        ({"name": 3}, InvalidInputError),
    ],
)
def test_last_events_bad_input_fails_before_the_network(
    api: responses.RequestsMock, client: KitsuClient, kwargs: dict[str, Any],
    error: type[Exception],
) -> None:  # fmt: skip
    with pytest.raises(error):
        sync.get_last_events(client=client, **kwargs)
    assert len(api.calls) == 0


def test_last_events_bound_to_a_client(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.get(url("data/events/last"), json=[{"id": "e"}])
    assert client.sync.get_last_events(3) == [{"id": "e"}]


# -- imports -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "route"),
    [
        (sync.import_entities, "import/kitsu/entities"),
        (sync.import_tasks, "import/kitsu/tasks"),
    ],
)
def test_imports_post_the_rows_and_answer_what_zou_saved(
    api: responses.RequestsMock, client: KitsuClient, function: Callable[..., Any], route: str
) -> None:
    rows = [{"id": A, "name": "hero", "type": "Asset"}]
    api.post(
        url(route),
        json=[{**rows[0], "updated_at": "x"}],
        match=[matchers.json_params_matcher(rows)],
    )
    assert function(rows, client=client) == [{**rows[0], "updated_at": "x"}]
    assert rows == [{"id": A, "name": "hero", "type": "Asset"}]  # the caller's rows untouched


def test_import_entity_links_gives_rows_a_type(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    link = {"entity_in_id": SH, "entity_out_id": A, "nb_occurences": 2}
    api.post(
        url("import/kitsu/entity-links"),
        json=[{**link, "id": C}],
        match=[matchers.json_params_matcher([{**link, "type": "EntityLink"}])],
    )
    assert sync.import_entity_links([link], client=client) == [{**link, "id": C}]
    assert "type" not in link


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda c: sync.import_entities(loose({"id": A}), client=c), InvalidInputError),
        (lambda c: sync.import_entities(loose("rows"), client=c), InvalidInputError),
        (lambda c: sync.import_entities(loose([A]), client=c), InvalidInputError),
        (lambda c: sync.import_entities([{"name": "no id"}], client=c), InvalidIdError),
        (lambda c: sync.import_tasks([{"id": "main"}], client=c), InvalidIdError),
        (lambda c: sync.import_tasks(loose(None), client=c), InvalidInputError),
        (lambda c: sync.import_entity_links([{"entity_in_id": SH}], client=c), InvalidIdError),
        (
            lambda c: sync.import_entity_links(
                [{"entity_in_id": "sh", "entity_out_id": A}], client=c
            ),
            InvalidIdError,
        ),  # fmt: skip
    ],
)
def test_imports_bad_input_fails_before_the_network(
    api: responses.RequestsMock, client: KitsuClient, call: Callable[[KitsuClient], Any],
    error: type[Exception],
) -> None:  # fmt: skip
    with pytest.raises(error):
        call(client)
    assert len(api.calls) == 0


# -- pure helpers ------------------------------------------------------------------------------


def test_model_list_diff() -> None:
    source = [{"id": 1, "k": "a"}, {"id": 2, "k": "b"}, {"id": 3, "k": "c"}]
    target = [{"id": 3, "k": "z"}, {"id": 4, "k": "a"}]
    assert sync.get_model_list_diff(source, target) == (
        [{"id": 1, "k": "a"}, {"id": 2, "k": "b"}],
        [{"id": 4, "k": "a"}],
    )
    assert sync.get_model_list_diff(source, target, id_field="k") == (
        [{"id": 2, "k": "b"}, {"id": 3, "k": "c"}],
        [{"id": 3, "k": "z"}],
    )
    assert sync.get_model_list_diff([], []) == ([], [])


def test_link_list_diff_compares_the_pairs_not_the_ids() -> None:
    source = [
        {"id": "1", "entity_in_id": "s1", "entity_out_id": "a1"},
        {"id": "2", "entity_in_id": "s1", "entity_out_id": "a2"},
    ]
    target = [
        {"id": "9", "entity_in_id": "s1", "entity_out_id": "a1"},
        {"id": "8", "entity_in_id": "a2", "entity_out_id": "s1"},
    ]
    missing, unexpected = sync.get_link_list_diff(source, target)
    assert missing == [source[1]]
    assert unexpected == [target[1]]


def test_id_maps_match_names_without_case() -> None:
    source: list[dict[str, Any]] = [
        {"id": "s1", "name": "Hero"},
        {"id": "s2", "name": "Prop"},
        {"id": "s3", "name": None},
    ]
    target: list[dict[str, Any]] = [
        {"id": "t1", "name": "hero"},
        {"id": "t0", "name": "HERO"},
        {"id": "t3", "name": "x"},
    ]
    assert sync.get_id_map_by_name(source, target) == {"Hero": "t0"}  # the last equal name wins
    assert sync.get_id_map_by_id(source, target) == {"s1": "t0"}
    people: list[dict[str, Any]] = [
        {"id": "p1", "email": "A@x.org"},
        {"id": "bot", "email": None},
        {"id": "p2"},
    ]
    others: list[dict[str, Any]] = [{"id": "q1", "email": "a@X.org"}, {"id": "qbot", "email": None}]
    assert sync.get_id_map_by_id(people, others, field="email") == {"p1": "q1"}


def test_is_changed_and_convert_id_list() -> None:
    newer = {"updated_at": "2024-05-02T10:00:00"}
    older = {"updated_at": "2024-05-01T23:59:59"}
    assert sync.is_changed(newer, older) is True
    assert sync.is_changed(older, newer) is False
    assert sync.is_changed(newer, dict(newer)) is False
    assert sync.convert_id_list(["a", "b"], {"a": 1, "b": 2, "c": 3}) == [1, 2]
    with pytest.raises(KeyError):
        sync.convert_id_list(["a", "z"], {"a": 1})


@pytest.mark.parametrize(
    "call",
    [
        lambda: sync.get_model_list_diff("not a list", []),
        lambda: sync.get_model_list_diff([{"name": "no id"}], []),
        lambda: sync.get_model_list_diff([], [], id_field=["id"]),
        lambda: sync.get_link_list_diff([{"entity_in_id": "a"}], []),
        lambda: sync.get_id_map_by_name(["a"], []),
        lambda: sync.get_id_map_by_id([], [{"name": "no id"}]),
        lambda: sync.is_changed({"updated_at": "2024"}, {}),
        lambda: sync.convert_id_list("ab", {}),
    ],
)
def test_pure_helpers_refuse_what_is_not_a_list_of_models(call: Any) -> None:
    with pytest.raises(InvalidInputError):
        call()


# -- id maps between two clients ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "route", "field"),
    [
        (sync.get_sync_department_id_map, "data/departments", "name"),
        (sync.get_sync_asset_type_id_map, "data/asset-types", "name"),
        (sync.get_sync_project_id_map, "data/projects", "name"),
        (sync.get_sync_task_type_id_map, "data/task-types", "name"),
        (sync.get_sync_task_status_id_map, "data/task-status", "name"),
        (sync.get_sync_person_id_map, "data/persons", "email"),
    ],
)
def test_sync_id_maps_read_each_client(
    api: responses.RequestsMock, client: KitsuClient, target: KitsuClient,
    function: Callable[[Any, Any], dict[str, str]], route: str, field: str,
) -> None:  # fmt: skip
    api.get(url(route), json=[{"id": "s1", "name": "Alpha", field: "Alpha"},
                              {"id": "s2", "name": "Beta", field: "Beta"}])  # fmt: skip
    api.get(turl(route), json=[{"id": "t1", "name": "alpha", field: "alpha"}])
    assert function(client, target) == {"s1": "t1"}
    assert [str(c.request.url).split("?")[0] for c in api.calls] == [url(route), turl(route)]


@pytest.mark.parametrize("bad", [None, "http://kitsu.test/api", object()])
def test_two_client_functions_need_clients(
    api: responses.RequestsMock, client: KitsuClient, bad: Any
) -> None:
    with pytest.raises(InvalidInputError, match="source_client"):
        sync.get_sync_task_type_id_map(bad, client)
    with pytest.raises(InvalidInputError, match="client_target"):
        sync.push_shots(P, Q, client, bad)
    assert len(api.calls) == 0


def test_two_client_functions_refuse_an_async_client(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    aclient: Any = AsyncKitsuClient(HOST)
    with pytest.raises(InvalidInputError, match="async"):
        sync.push_episodes(P, Q, aclient, client)
    with pytest.raises(InvalidInputError, match="async"):
        sync.get_sync_person_id_map(client, aclient)
    assert len(api.calls) == 0


# -- push: entities ----------------------------------------------------------------------------


def _types(api: responses.RequestsMock) -> None:
    api.get(url("data/asset-types"), json=[{"id": AT_S, "name": "Character"}])
    api.get(turl("data/asset-types"), json=[{"id": AT_T, "name": "character"}])
    api.get(url("data/task-types"), json=[{"id": TT_S, "name": "Modeling"},
                                          {"id": UNKNOWN, "name": "Only here"}])  # fmt: skip
    api.get(turl("data/task-types"), json=[{"id": TT_T, "name": "Modeling"}])


def test_push_assets_maps_types_and_project(
    api: responses.RequestsMock, client: KitsuClient, target: KitsuClient,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    _types(api)
    assets: list[dict[str, Any]] = [
        {"id": A, "name": "hero", "type": "Asset", "project_id": P, "entity_type_id": AT_S,
         "ready_for": TT_S},
        {"id": SH, "name": "lamp", "type": "Asset", "project_id": P, "entity_type_id": UNKNOWN,
         "ready_for": None},
        {"id": C, "name": "rock", "type": "Asset", "project_id": P, "entity_type_id": AT_S,
         "ready_for": UNKNOWN},
    ]  # fmt: skip
    api.get(url(f"data/projects/{P}/assets"), json=assets)
    api.post(turl("import/kitsu/entities"), json=[{"id": A}, {"id": C}])
    with caplog.at_level(logging.WARNING, logger="kitsu_sdk"):
        assert sync.push_assets({"id": P}, {"id": Q}, client, target) == [{"id": A}, {"id": C}]
    assert posts_to(api, turl("import/kitsu/entities")) == [[
        {**assets[0], "project_id": Q, "entity_type_id": AT_T, "ready_for": TT_T},
        {**assets[2], "project_id": Q, "entity_type_id": AT_T, "ready_for": None},
    ]]  # fmt: skip
    assert SH in caplog.text and UNKNOWN in caplog.text


@pytest.mark.parametrize(
    ("function", "route"),
    [
        (sync.push_episodes, "episodes"),
        (sync.push_sequences, "sequences"),
        (sync.push_shots, "shots"),
    ],
)
def test_push_shot_entities_move_them_to_the_target_project(
    api: responses.RequestsMock, client: KitsuClient, target: KitsuClient,
    function: Callable[..., Any], route: str,
) -> None:  # fmt: skip
    rows = [{"id": SH, "name": "X", "type": "Shot", "project_id": P, "created_at": "2020-01-01"}]
    api.get(url(f"data/projects/{P}/{route}"), json=rows)
    api.post(
        turl("import/kitsu/entities"),
        json=[{"id": SH, "project_id": Q}],
        match=[matchers.json_params_matcher([{**rows[0], "project_id": Q}])],
    )
    assert function(P, Q, client, target) == [{"id": SH, "project_id": Q}]


def test_push_with_nothing_to_copy_posts_nothing(
    api: responses.RequestsMock, client: KitsuClient, target: KitsuClient
) -> None:
    api.get(url(f"data/projects/{P}/shots"), json=[])
    assert sync.push_shots(P, Q, client, target) == []
    assert len(api.calls) == 1


def test_push_entity_links(
    api: responses.RequestsMock, client: KitsuClient, target: KitsuClient
) -> None:
    links = [{"id": C, "entity_in_id": SH, "entity_out_id": A, "nb_occurences": 1,
              "type": "EntityLink"}]  # fmt: skip
    api.get(url(f"data/projects/{P}/entity-links"), json=links)
    api.post(
        turl("import/kitsu/entity-links"), json=links, match=[matchers.json_params_matcher(links)]
    )
    assert sync.push_entity_links(P, Q, client, target) == links


@pytest.mark.parametrize(
    ("project", "tvshow"),
    [
        ({"id": P, "production_type": "tvshow"}, True),
        ({"id": P, "production_type": "short"}, False),
        (P, True),
    ],  # fmt: skip
)
def test_push_project_entities_in_order(
    api: responses.RequestsMock, client: KitsuClient, target: KitsuClient, project: Any,
    tvshow: bool,
) -> None:  # fmt: skip
    _types(api)
    api.get(url(f"data/projects/{P}"), json={"id": P, "production_type": "tvshow"})
    for route in ("assets", "episodes", "sequences", "shots"):
        api.get(url(f"data/projects/{P}/{route}"), json=[{"id": SH, "type": route, "name": route,
                                                          "entity_type_id": AT_S}])  # fmt: skip
    api.get(url(f"data/projects/{P}/entity-links"), json=[])

    def echo(request: requests.PreparedRequest) -> tuple[int, dict[str, str], Any]:
        return 200, {}, request.body or "[]"  # the rows sent, as Zou saves them

    api.add_callback(responses.POST, turl("import/kitsu/entities"), callback=echo)
    pushed = sync.push_project_entities(project, {"id": Q}, client, target)
    assert list(pushed) == ["assets", "episodes", "sequences", "shots", "entity_links"]
    assert [rows[0]["type"] for rows in pushed.values() if rows] == (
        ["assets", "episodes", "sequences", "shots"] if tvshow else ["assets", "sequences", "shots"]
    )
    assert all(rows[0]["project_id"] == Q for rows in pushed.values() if rows)
    fetched = [c for c in api.calls if c.request.url == url(f"data/projects/{P}")]
    assert len(fetched) == (0 if isinstance(project, dict) else 1)


# -- push: tasks -------------------------------------------------------------------------------


def test_push_tasks_maps_types_persons_and_status(
    api: responses.RequestsMock, client: KitsuClient, target: KitsuClient,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    _types(api)
    api.get(url("data/persons"), json=[{"id": PE_S, "email": "ann@x.org"},
                                       {"id": UNKNOWN, "email": "gone@x.org"},
                                       {"id": "bot", "email": None}])  # fmt: skip
    api.get(turl("data/persons"), json=[{"id": PE_T, "email": "ANN@x.org"}])
    tasks = [
        {"id": T, "task_type_id": TT_S, "task_status_id": ST_S, "project_id": P,
         "assigner_id": UNKNOWN, "assignees": [PE_S, UNKNOWN]},
        {"id": C, "task_type_id": UNKNOWN, "task_status_id": ST_S, "project_id": P,
         "assigner_id": None, "assignees": []},
    ]  # fmt: skip
    api.get(url(f"data/projects/{P}/tasks"), json=tasks)
    api.post(turl("import/kitsu/tasks"), json=[{"id": T}])
    with caplog.at_level(logging.WARNING, logger="kitsu_sdk"):
        assert sync.push_tasks(P, Q, {"id": DEFAULT}, client, target) == [{"id": T}]
    assert posts_to(api, turl("import/kitsu/tasks")) == [[{
        "id": T, "task_type_id": TT_T, "task_status_id": DEFAULT, "project_id": Q,
        "assigner_id": None, "assignees": [PE_T]}]]  # fmt: skip
    assert "left out" in caplog.text and "without assigner" in caplog.text


def test_push_tasks_bad_input_fails_before_the_network(
    api: responses.RequestsMock, client: KitsuClient, target: KitsuClient
) -> None:
    with pytest.raises(InvalidIdError):
        sync.push_tasks(P, Q, "wip", client, target)
    with pytest.raises(InvalidIdError):
        sync.push_tasks("Source", Q, DEFAULT, client, target)
    with pytest.raises(InvalidIdError):
        sync.push_assets(P, {"name": "no id"}, client, target)
    assert len(api.calls) == 0


# -- push: comments ----------------------------------------------------------------------------


def _multipart(request: requests.PreparedRequest) -> dict[str, Any]:
    given: Any = request.body
    body = given.read() if hasattr(given, "read") else given
    assert isinstance(body, bytes)
    found = re.search(r"boundary=(\S+)", request.headers["Content-Type"])
    assert found
    fields: dict[str, str] = {}
    files: dict[str, tuple[str, bytes]] = {}
    for chunk in body.split(b"--" + found.group(1).encode())[1:-1]:
        head, _, content = chunk.strip(b"\r\n").partition(b"\r\n\r\n")
        name = re.search(rb'name="([^"]*)"', head)
        assert name
        filename = re.search(rb'filename="([^"]*)"', head)
        if filename:
            files[name.group(1).decode()] = (filename.group(1).decode(), content)
        else:
            fields[name.group(1).decode()] = content.decode()
    return {"fields": fields, "files": files}


def _serve(api: responses.RequestsMock, full_url: str, data: bytes) -> None:
    api.add("GET", full_url, body=data, headers={"Content-Length": str(len(data))})


SOURCE_COMMENT: dict[str, Any] = {
    "id": C, "text": "fix it", "task_status_id": ST_S, "person_id": PE_S,
    "created_at": "2024-01-02T03:04:05", "checklist": [{"text": "a", "checked": False}],
    "attachment_files": [{"id": ATT, "name": "../notes.txt"}], "previews": [{"id": PV}],
}  # fmt: skip
ANNOTATIONS = [{"time": 0, "drawing": {"objects": []}}]


def _comment_world(api: responses.RequestsMock) -> list[dict[str, Any]]:
    """The source files of SOURCE_COMMENT and the target routes it is posted through; returns
    the multipart comment requests the target received."""
    # The stored name "../notes.txt" cannot be a URL segment: the route names the file "file"
    # (Zou finds it by id), so the name cannot change the route.
    _serve(api, url(f"data/attachment-files/{ATT}/file/file"), b"note body")
    api.get(url(f"data/preview-files/{PV}"),
            json={"id": PV, "original_name": "frame", "extension": "png",
                  "annotations": ANNOTATIONS})  # fmt: skip
    _serve(api, url(f"pictures/originals/preview-files/{PV}.png"), b"\x89PNG\r\n\x1a\npix")
    seen: list[dict[str, Any]] = []

    def comment(request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        seen.append(_multipart(request))
        return 201, {}, json.dumps({"id": NC})

    api.add_callback(responses.POST, turl(f"actions/tasks/{T}/comment"), callback=comment)
    api.post(turl(f"actions/tasks/{T}/comments/{NC}/add-preview"), json={"id": NPV})
    api.post(turl(f"pictures/preview-files/{NPV}"), json={"id": NPV, "status": "ready"})
    api.put(
        turl(f"data/preview-files/{NPV}"),
        json={"id": NPV},
        match=[matchers.json_params_matcher({"annotations": ANNOTATIONS})],
    )
    return seen


def test_push_task_comment_posts_text_files_and_previews(
    api: responses.RequestsMock, client: KitsuClient, target: KitsuClient,
    tmp_path: pathlib.Path,
) -> None:  # fmt: skip
    seen = _comment_world(api)
    work = tmp_path / "work"
    work.mkdir()
    pushed = sync.push_task_comment({ST_S: ST_T}, {PE_S: PE_T}, {"id": T}, SOURCE_COMMENT,
                                    client, target, tmp_path=str(work))  # fmt: skip
    assert pushed == SOURCE_COMMENT
    fields, files = seen[0]["fields"], seen[0]["files"]
    assert fields["task_status_id"] == ST_T and fields["person_id"] == PE_T
    assert fields["comment"] == "fix it" and fields["created_at"] == "2024-01-02T03:04:05"
    assert json.loads(fields["checklist"]) == [{"text": "a", "checked": False}]
    assert files["file"] == (".._notes.txt", b"note body")  # the name cannot leave the folder
    upload = [c for c in api.calls if c.request.url == turl(f"pictures/preview-files/{NPV}")]
    assert _multipart(upload[0].request)["files"]["file"][0] == "frame.png"
    assert any(c.request.method == "PUT" for c in api.calls)
    assert os.listdir(work) == []  # the downloads are removed, the folder given is kept


def test_push_task_comment_uses_a_temporary_folder_it_removes(
    api: responses.RequestsMock, client: KitsuClient, target: KitsuClient,
    monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path,
) -> None:  # fmt: skip
    _comment_world(api)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    sync.push_task_comment({ST_S: ST_T}, {}, T, SOURCE_COMMENT, client, target, author_id=PE_T)
    assert os.listdir(tmp_path) == []


def test_push_task_comment_skips_an_unmapped_status(
    api: responses.RequestsMock, client: KitsuClient, target: KitsuClient,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    with caplog.at_level(logging.WARNING, logger="kitsu_sdk"):
        assert sync.push_task_comment({}, {}, T, SOURCE_COMMENT, client, target) is None
    assert ST_S in caplog.text
    assert len(api.calls) == 0


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"task": "Modeling"}, InvalidIdError),
        ({"comment": C}, InvalidInputError),
        ({"author_id": "ann"}, InvalidIdError),
        ({"tmp_path": "/nonexistent/folder"}, InvalidInputError),
    ],
)
def test_push_task_comment_bad_input_fails_before_the_network(
    api: responses.RequestsMock, client: KitsuClient, target: KitsuClient,
    kwargs: dict[str, Any], error: type[Exception],
) -> None:  # fmt: skip
    args: dict[str, Any] = {"task": T, "comment": SOURCE_COMMENT, **kwargs}
    with pytest.raises(error):
        sync.push_task_comment({ST_S: ST_T}, {}, client_source=client, client_target=target,
                               **args)  # fmt: skip
    assert len(api.calls) == 0


def test_push_task_comments_oldest_first_and_tasks_comments(
    api: responses.RequestsMock, client: KitsuClient, target: KitsuClient
) -> None:
    posted: list[str] = []

    def comment(request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        posted.append(json.loads(request.body or b"{}")["comment"])
        return 201, {}, json.dumps({"id": NC})

    newest = {**SOURCE_COMMENT, "text": "second", "attachment_files": [], "previews": []}
    oldest = {**newest, "text": "first", "id": NPV}
    unmapped = {**newest, "text": "other status", "task_status_id": UNKNOWN}
    api.get(url(f"data/tasks/{T}/comments"), json=[newest, unmapped, oldest])
    api.add_callback(responses.POST, turl(f"actions/tasks/{T}/comment"), callback=comment)
    assert sync.push_task_comments({ST_S: ST_T}, {}, T, client, target) == [oldest, newest]
    assert posted == ["first", "second"]

    api.get(url("data/task-status"), json=[{"id": ST_S, "name": "WIP"}])
    api.get(turl("data/task-status"), json=[{"id": ST_T, "name": "wip"}])
    api.get(url("data/persons"), json=[])
    api.get(turl("data/persons"), json=[])
    api.get(url(f"data/projects/{P}/tasks"), json=[{"id": T, "name": "main"}])
    assert sync.push_tasks_comments({"id": P}, client, target) == [{"id": T, "name": "main"}]
    assert posted == ["first", "second", "first", "second"]
