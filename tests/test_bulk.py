"""kitsu_sdk.bulk and run_many against a mocked Zou: order kept, errors per item, concurrency
bounded, routes and bodies of the batch routes, bad input refused before any request, and the
async client's run_many."""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
from typing import Any

import httpx
import pytest
import responses
from responses import matchers
from unit_helpers import HOST, make_jwt, url

from kitsu_sdk import KitsuClient, bulk
from kitsu_sdk._core import constants as C
from kitsu_sdk._core.bulk import BulkResult, Many, many
from kitsu_sdk._core.call import Call, Flow, get
from kitsu_sdk._core.retry import RetryPolicy
from kitsu_sdk.aio import AsyncKitsuClient
from kitsu_sdk.exception import InvalidIdError, InvalidInputError, NotFoundError, ServerError

P = "11111111-1111-4111-8111-111111111111"  # project
Q = "33333333-3333-4333-8333-333333333333"  # sequence
TT = "66666666-6666-4666-8666-666666666666"  # task type
TT2 = "66666666-6666-4666-8666-666666666667"  # another task type
ST = "99999999-9999-4999-8999-999999999999"  # task status
EP = "22222222-2222-4222-8222-222222222222"  # episode
AT = "12121212-1212-4212-8212-121212121212"  # asset type


def ident(n: int) -> str:
    return f"aaaaaaaa-0000-4000-8000-{n:012d}"


class Gauge:
    """Counts requests in flight; each answer waits a little so that overlaps show."""

    def __init__(self, delay: float = 0.02) -> None:
        self.lock = threading.Lock()
        self.now = 0
        self.peak = 0
        self.delay = delay

    def enter(self) -> None:
        with self.lock:
            self.now += 1
            self.peak = max(self.peak, self.now)

    def leave(self) -> None:
        with self.lock:
            self.now -= 1


def item_route(api: responses.RequestsMock, gauge: Gauge, failing: set[int]) -> None:
    def answer(request: Any) -> tuple[int, dict[str, str], str]:
        gauge.enter()
        try:
            number = int(request.url.rsplit("-", 1)[-1])
            time.sleep(gauge.delay * (1 + (number % 3)))  # out of order on purpose
            if number in failing:
                return 404, {}, json.dumps({"message": "gone"})
            return 200, {}, json.dumps({"id": ident(number), "n": number})
        finally:
            gauge.leave()

    api.add_callback(responses.GET, re.compile(rf"{HOST}/data/items/.*"), callback=answer)


def reads(count: int) -> list[Call[Any]]:
    return [get(f"data/items/{ident(n)}") for n in range(count)]


# -- run_many ---------------------------------------------------------------------------------


def test_run_many_keeps_input_order_and_bounds_concurrency(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    gauge = Gauge()
    item_route(api, gauge, set())
    result = client.run_many(reads(12), concurrency=3)
    assert [row["n"] for row in result.succeeded()] == list(range(12))
    assert result.ok and result.errors == {}
    assert gauge.peak == 3  # overlapped, never more than asked
    assert len(api.calls) == 12


def test_run_many_uses_the_clients_setting(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    assert client.concurrency == C.BULK_CONCURRENCY == 8
    gauge = Gauge()
    item_route(api, gauge, set())
    client.concurrency = 2
    client.run_many(reads(8))
    assert gauge.peak == 2
    client.concurrency = 1
    gauge.peak = 0
    client.run_many(reads(4))
    assert gauge.peak == 1


def test_run_many_collects_errors_per_item(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    item_route(api, Gauge(0.001), {1, 4})
    result = client.run_many(reads(6))
    assert sorted(result.errors) == [1, 4]
    assert all(isinstance(e, NotFoundError) for e in result.errors.values())
    assert result.results[1] is None and result.results[4] is None
    assert [row["n"] for row in result.succeeded()] == [0, 2, 3, 5]
    assert not result.ok and len(result) == 6
    with pytest.raises(NotFoundError):
        result.raise_for_errors()


def test_run_many_with_nothing_sends_nothing(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    result: BulkResult[Any] = client.run_many([])
    assert result.results == [] and result.ok
    assert len(api.calls) == 0


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "8"])
def test_run_many_refuses_a_bad_concurrency(client: KitsuClient, bad: Any) -> None:
    with pytest.raises(InvalidInputError):
        client.run_many(reads(2), concurrency=bad)
    with pytest.raises(InvalidInputError):
        Many(reads(2), bad)


def test_a_flow_can_fan_out_and_go_on(api: responses.RequestsMock, client: KitsuClient) -> None:
    item_route(api, Gauge(0.001), {2})

    def flow() -> Flow[int]:
        done = yield from many(reads(4), 2)
        return len(done.succeeded())

    assert client.run(flow()) == 3


def test_bulk_result_repr_and_iteration() -> None:
    result: BulkResult[int] = BulkResult([1, None, 3], {1: ValueError("x")})
    assert list(result) == [1, None, 3] and result[2] == 3
    assert repr(result) == "<BulkResult 3 items, 1 errors>"


# -- creating ---------------------------------------------------------------------------------


def test_new_shots_one_flow_per_name_in_order(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("data/shots/all"), json=[])

    def made(request: Any) -> tuple[int, dict[str, str], str]:
        body = json.loads(request.body)
        assert body["data"] == {"frame_in": 1, "frame_out": 24}
        return 201, {}, json.dumps({"id": ident(int(body["name"][2:])), "name": body["name"]})

    api.add_callback(responses.POST, url(f"data/projects/{P}/shots"), callback=made)
    names = [f"SH{n:03d}" for n in range(10)]
    result = bulk.new_shots(P, {"id": Q}, names, frame_in=1, frame_out=24, client=client)
    assert [shot["name"] for shot in result.succeeded()] == names
    assert len(api.calls) == 11  # one lookup for all, then a create per shot


def test_new_shots_returns_the_existing_ones(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("data/shots/all"), json=[{"id": ident(1), "name": "SH001"}])
    result = bulk.new_shots(P, Q, ["SH001", "SH001"], client=client)
    assert [s["id"] for s in result.succeeded()] == [ident(1), ident(1)]
    assert all(call.request.method == "GET" for call in api.calls)


def test_new_shots_creates_a_name_once_and_keeps_errors(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("data/shots/all"), json=[{"id": ident(1), "name": "SH001"}],
            match=[matchers.query_param_matcher({"sequence_id": Q})])  # fmt: skip
    api.post(url(f"data/projects/{P}/shots"), status=201, json={"id": ident(2), "name": "SH002"},
             match=[matchers.json_params_matcher({"name": "SH002", "sequence_id": Q,
                                                  "data": {}, "nb_frames": 24})])  # fmt: skip
    api.post(url(f"data/projects/{P}/shots"), status=400, json={"message": "refused"},
             match=[matchers.json_params_matcher({"name": "SH003", "sequence_id": Q,
                                                  "data": {}, "nb_frames": 24})])  # fmt: skip
    names = ["sh001", "SH002", "SH003", "SH002", "SH003"]
    result = bulk.new_shots(P, Q, names, nb_frames=24, client=client)
    assert [s and s["id"] for s in result] == [ident(1), ident(2), None, ident(2), None]
    assert sorted(result.errors) == [2, 4]
    assert len(api.calls) == 3  # SH002 and SH003 are created once each


def test_new_episodes_and_sequences(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.add_callback(
        responses.POST,
        url(f"data/projects/{P}/episodes"),
        callback=lambda r: (201, {}, json.dumps({"name": json.loads(r.body or "")["name"]})),
    )
    episodes = bulk.new_episodes(P, ["E01", "E02", "E03"], client=client, concurrency=2)
    assert [e["name"] for e in episodes.succeeded()] == ["E01", "E02", "E03"]
    api.get(url("data/sequences"), json=[],
            match=[matchers.query_param_matcher({"episode_id": EP, "name": "SQ1"})])  # fmt: skip
    api.get(url("data/sequences"), json=[],
            match=[matchers.query_param_matcher({"episode_id": EP, "name": "SQ2"})])  # fmt: skip
    api.add_callback(
        responses.POST,
        url(f"data/projects/{P}/sequences"),
        callback=lambda r: (201, {}, r.body),
    )
    sequences = bulk.new_sequences(P, ["SQ1", "SQ2"], EP, client=client)
    assert [(s["name"], s["episode_id"]) for s in sequences.succeeded()] == [
        ("SQ1", EP),
        ("SQ2", EP),
    ]


def test_new_assets_looks_the_type_name_up_once(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    types = api.get(url("data/entity-types"), json=[{"id": AT, "name": "Character"}],
                    match=[matchers.query_param_matcher({"name": "Character"})])  # fmt: skip
    api.get(url("data/assets/all"), json=[])
    api.add_callback(
        responses.POST,
        url(f"data/projects/{P}/asset-types/{AT}/assets/new"),
        callback=lambda r: (201, {}, r.body),
    )
    result = bulk.new_assets(P, "Character", ["A", "B", "C"], client=client)
    assert [a["name"] for a in result.succeeded()] == ["A", "B", "C"]
    assert types.call_count == 1


def test_new_assets_with_an_unknown_type_name(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("data/entity-types"), json=[])
    with pytest.raises(InvalidInputError, match="no asset type"):
        bulk.new_assets(P, "Nope", ["A"], client=client)
    assert len(api.calls) == 1


def test_new_tasks_uses_the_batch_route_per_task_type_and_chunk(
    api: responses.RequestsMock, client: KitsuClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(C, "BULK_CHUNK_SIZE", 2)
    shots = [{"id": ident(n), "type": "Shot", "project_id": P} for n in range(3)]
    bodies: list[tuple[str, list[str]]] = []
    lock = threading.Lock()

    def create(request: Any) -> tuple[int, dict[str, str], str]:
        ids = json.loads(request.body)
        type_id = request.url.split("/task-types/")[1].split("/")[0]
        with lock:
            bodies.append((type_id, ids))
        tasks = [{"id": f"t-{type_id[-1]}-{i}", "entity_id": i, "task_type_id": type_id}
                 for i in ids]  # fmt: skip
        return 201, {}, json.dumps(tasks)

    for type_id in (TT, TT2):
        route = f"actions/projects/{P}/task-types/{type_id}/shots/create-tasks"
        api.add_callback(responses.POST, url(route), callback=create)
    result = bulk.new_tasks(shots, [TT2, {"id": TT}], client=client)
    assert result.ok
    assert [[t["task_type_id"] for t in tasks or []] for tasks in result] == [[TT2, TT]] * 3
    assert [t["entity_id"] for t in result.results[2] or []] == [ident(2), ident(2)]
    assert sorted(bodies) == sorted(
        [(tt, [ident(0), ident(1)]) for tt in (TT, TT2)] + [(tt, [ident(2)]) for tt in (TT, TT2)]
    )


def test_new_tasks_gives_a_failed_requests_error_to_its_entities(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    shots = [{"id": ident(n), "type": "Shot", "project_id": P} for n in range(2)]
    api.post(url(f"actions/projects/{P}/task-types/{TT}/shots/create-tasks"), status=500,
             json={"message": "boom"})  # fmt: skip
    api.post(url(f"data/entities/{ident(5)}/tasks"), status=201,
             json=[{"id": "t5", "entity_id": ident(5), "task_type_id": TT}],
             match=[matchers.json_params_matcher({"task_type_ids": [TT]})])  # fmt: skip
    result = bulk.new_tasks([*shots, ident(5)], [TT], client=client)
    assert sorted(result.errors) == [0, 1]
    assert isinstance(result.errors[0], ServerError)
    assert result.results[:2] == [None, None]
    assert [t["id"] for t in result.results[2] or []] == ["t5"]


def test_new_tasks_refuses_bad_input_before_any_request(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    with pytest.raises(InvalidInputError):
        bulk.new_tasks([ident(1)], [], client=client)
    with pytest.raises(InvalidIdError):
        bulk.new_tasks(["SH010"], [TT], client=client)
    with pytest.raises(InvalidInputError):
        bulk.new_tasks(ident(1), [TT], client=client)
    assert len(api.calls) == 0


@pytest.mark.parametrize(
    "call",
    [
        lambda c: bulk.new_shots(P, Q, ["ok", ""], client=c),
        lambda c: bulk.new_shots(P, Q, 10, client=c),  # type: ignore[arg-type]
        lambda c: bulk.new_shots(P, Q, ["SH010"], frame_in=10, frame_out=2, client=c),
        lambda c: bulk.new_shots("P", Q, ["SH010"], client=c),
        lambda c: bulk.new_episodes(P, ["E01"], client=c, concurrency=0),
        lambda c: bulk.new_sequences(P, [None], client=c),  # type: ignore[list-item]
        lambda c: bulk.new_assets(P, AT, ["A"], extra_data=[1], client=c),  # type: ignore[arg-type]
        lambda c: bulk.update_entities([{"name": "no id"}], client=c),
        lambda c: bulk.add_comments([{"task_id": ident(1)}], client=c),
        lambda c: bulk.add_comments(["text"], client=c),  # type: ignore[list-item]
        lambda c: bulk.tasks_for_entities(["SH010"], client=c),
        lambda c: bulk.casting_for_shots([{"name": "SH010"}], client=c),
    ],
)
def test_bad_input_raises_before_any_request(
    api: responses.RequestsMock, client: KitsuClient, call: Any
) -> None:
    with pytest.raises((InvalidInputError, InvalidIdError)):
        call(client)
    assert len(api.calls) == 0


# -- updating, commenting, reading ------------------------------------------------------------


def test_update_entities_puts_each_and_keeps_errors(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.put(url(f"data/entities/{ident(1)}"), json={"id": ident(1), "description": "x"},
            match=[matchers.json_params_matcher({"id": ident(1), "description": "x"})])  # fmt: skip
    api.put(url(f"data/entities/{ident(2)}"), status=404, json={"message": "gone"})
    result = bulk.update_entities(
        [{"id": ident(1), "description": "x"}, {"id": ident(2), "description": "y"}],
        client=client,
    )
    assert result.results[0] == {"id": ident(1), "description": "x"}
    assert list(result.errors) == [1] and isinstance(result.errors[1], NotFoundError)


def test_add_comments_goes_in_chunks_and_maps_back(
    api: responses.RequestsMock, client: KitsuClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(C, "BULK_CHUNK_SIZE", 2)

    def batch(request: Any) -> tuple[int, dict[str, str], str]:
        sent = json.loads(request.body)["comments"]
        if any(c["text"] == "bad" for c in sent):
            return 400, {}, json.dumps({"message": "refused"})
        return 201, {}, json.dumps([{"object_id": c["task_id"], "text": c["text"]} for c in sent])

    api.add_callback(responses.POST, url("actions/tasks/batch-comment"), callback=batch)
    texts = ["a", "b", "c", "bad", "e"]
    comments = [
        {"task_id": ident(n), "task_status_id": ST, "text": text} for n, text in enumerate(texts)
    ]
    result = bulk.add_comments(comments, client=client)
    assert len(api.calls) == 3
    assert [c and c["text"] for c in result] == ["a", "b", None, None, "e"]
    assert sorted(result.errors) == [2, 3]
    last: Any = result.results[4]
    assert last["object_id"] == ident(4)


def test_tasks_for_entities_picks_the_route_by_type(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    unsorted = [{"id": "b", "name": "b"}, {"id": "a", "name": "a"}]
    api.get(url(f"data/shots/{ident(1)}/tasks"), json=unsorted)
    api.get(url(f"data/assets/{ident(2)}/tasks"), json=[{"id": "c", "name": "c"}],
            match=[matchers.query_param_matcher({"relations": "true"})])  # fmt: skip
    api.get(url("data/tasks"), json=[{"id": "d", "name": "d"}],
            match=[matchers.query_param_matcher({"entity_id": ident(3)})])  # fmt: skip
    entities: list[Any] = [{"id": ident(1), "type": "Shot"}, {"id": ident(2), "type": "Asset"}]
    first = bulk.tasks_for_entities(entities[:1], client=client)
    assert [t["id"] for t in first.results[0] or []] == ["a", "b"]
    result = bulk.tasks_for_entities([entities[1], ident(3)], True, client=client)
    assert [[t["id"] for t in tasks or []] for tasks in result] == [["c"], ["d"]]


def test_casting_for_shots(api: responses.RequestsMock, client: KitsuClient) -> None:
    for n in range(3):
        api.get(url(f"data/projects/{P}/entities/{ident(n)}/casting"),
                json=[{"asset_id": ident(10 + n), "nb_occurences": 1}])  # fmt: skip
    shots = [{"id": ident(n), "project_id": P} for n in range(3)]
    result = bulk.casting_for_shots(shots, client=client)
    assert [c[0]["asset_id"] for c in result if c] == [ident(10), ident(11), ident(12)]


# -- the async client -------------------------------------------------------------------------


def test_async_run_many_keeps_order_bounds_and_collects_errors() -> None:
    now = 0
    peak = 0

    async def handle(request: httpx.Request) -> httpx.Response:
        nonlocal now, peak
        now += 1
        peak = max(peak, now)
        try:
            number = int(request.url.path.rsplit("-", 1)[-1])
            await asyncio.sleep(0.005 * (1 + number % 3))
            if number == 3:
                return httpx.Response(404, json={"message": "gone"})
            return httpx.Response(200, json={"n": number})
        finally:
            now -= 1

    async def main() -> tuple[BulkResult[Any], BulkResult[Any]]:
        aclient = AsyncKitsuClient(
            HOST,
            token={"access_token": make_jwt(), "refresh_token": make_jwt(86400)},
            retry=RetryPolicy(random=lambda: 0.0),
            http_transport=httpx.MockTransport(handle),
        )
        try:
            first = await aclient.run_many(reads(10), concurrency=4)
            aclient.concurrency = 2
            second = await aclient.bulk.update_entities(
                [{"id": ident(n)} for n in range(2)], concurrency=None
            )
            return first, second
        finally:
            await aclient.close()

    first, second = asyncio.run(main())
    assert [r and r["n"] for r in first] == [0, 1, 2, None, 4, 5, 6, 7, 8, 9]
    assert list(first.errors) == [3] and isinstance(first.errors[3], NotFoundError)
    assert peak == 4
    assert second.ok and [r and r["n"] for r in second] == [0, 1]


def test_shots_with_tasks_and_casting_joins_two_reads(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    a, b = ident(1), ident(2)
    api.get(
        url("data/shots/with-tasks"),
        json=[
            {"id": b, "name": "SH002", "sequence_name": "SQ01", "tasks": []},
            {"id": a, "name": "SH001", "sequence_name": "SQ01", "tasks": [{"id": ident(9)}]},
        ],
        match=[matchers.query_param_matcher({"project_id": P})],
    )
    api.get(
        url(f"data/projects/{P}/sequences/all/casting"),
        json={a: [{"asset_id": ident(5), "nb_occurences": 2}]},
    )
    rows = bulk.shots_with_tasks_and_casting({"id": P}, client=client)
    assert [(r["name"], len(r["tasks"]), r["casting"]) for r in rows] == [
        ("SH001", 1, [{"asset_id": ident(5), "nb_occurences": 2}]),
        ("SH002", 0, []),
    ]
    assert len(api.calls) == 2


def test_shots_with_tasks_and_casting_of_one_episode(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(
        url("data/shots/with-tasks"),
        json=[],
        match=[matchers.query_param_matcher({"project_id": P, "episode_id": EP})],
    )
    api.get(url(f"data/projects/{P}/episodes/{EP}/sequences/all/casting"), json={})
    assert bulk.shots_with_tasks_and_casting(P, EP, client=client) == []
    with pytest.raises(InvalidIdError):
        bulk.shots_with_tasks_and_casting("not an id", client=client)
    assert len(api.calls) == 2


def test_remove_tasks_chunks_on_the_batch_route(
    api: responses.RequestsMock, client: KitsuClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(C, "BULK_CHUNK_SIZE", 2)
    route = url(f"actions/projects/{P}/delete-tasks")
    api.post(route, json=[ident(0), ident(1)],
             match=[matchers.json_params_matcher([ident(0), ident(1)])])  # fmt: skip
    api.post(route, status=500, json={"message": "boom"},
             match=[matchers.json_params_matcher([ident(2), ident(3)])])  # fmt: skip
    api.post(route, json=[ident(4)], match=[matchers.json_params_matcher([ident(4)])])
    done = bulk.remove_tasks(P, [ident(0), {"id": ident(1)}, ident(2), ident(3), ident(4)],
                             client=client)  # fmt: skip
    assert done.results == [ident(0), ident(1), None, None, ident(4)]
    assert sorted(done.errors) == [2, 3] and isinstance(done.errors[2], ServerError)
    with pytest.raises(InvalidIdError):
        bulk.remove_tasks(P, ["SH010"], client=client)
