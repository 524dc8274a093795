"""The operation cache: marked reads served in run(), keyed by host, user, function and
normalised arguments; cheap copies out; LRU + TTL; gazu's controls; writes, identity changes and
events drop what they make stale; safe under threads and asyncio."""

from __future__ import annotations

import asyncio
import email.utils
import functools
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import responses
from test_events import FakeSocket
from unit_helpers import HOST, make_jwt, url

import kitsu_sdk
from kitsu_sdk import KitsuClient, cache
from kitsu_sdk._core.cache_store import EXPIRED, MISSING, CacheBackend, InProcessBackend
from kitsu_sdk._core.op_cache import SETTINGS, tags_for_event
from kitsu_sdk.aio import AsyncKitsuClient
from kitsu_sdk.cache import ClientCache

P = "a1b2c3d4-0000-4000-8000-0000000000aa"
Q = "a1b2c3d4-0000-4000-8000-0000000000bb"
SHOTS = [{"id": f"s{i}", "name": f"SH{i:03}", "data": {"frame_in": i}} for i in range(3)]
all_shots = kitsu_sdk.shot.all_shots_for_project


@pytest.fixture(autouse=True)
def fresh_settings() -> Iterator[None]:
    """Per-function settings are process-wide (as gazu's): put back what a test changes."""
    settings = all_shots.cache_settings  # type: ignore[attr-defined]
    saved = (settings.expire, settings.maxsize, settings.enabled)
    settings.reset_statistics()
    settings.clear_cache()
    yield
    settings.set_cache_expire(saved[0])
    settings.set_cache_max_size(saved[1])
    settings.enabled = saved[2]


def shots_route(api: responses.RequestsMock, project: str = P, body: Any = None) -> None:
    api.get(url(f"data/projects/{project}/shots"), json=SHOTS if body is None else body)


def gets(api: responses.RequestsMock) -> int:
    return len([c for c in api.calls if c.request.method == "GET"])


# -- the backend --------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_backend_ttl_expires_with_an_injected_clock() -> None:
    clock = Clock()
    store = InProcessBackend(clock=clock)
    store.set("h|u|f|[1]", [1], 10, ["shot"])
    clock.now += 9.9
    assert store.get("h|u|f|[1]") == [1]
    clock.now += 0.2
    assert store.get("h|u|f|[1]") is EXPIRED
    assert store.get("h|u|f|[1]") is MISSING and len(store) == 0


def test_backend_lru_order_overall_and_per_function() -> None:
    store = InProcessBackend(maxsize=3)
    for key in "abc":
        store.set(key, key, 60, [])
    assert store.get("a") == "a"  # now the most recent
    store.set("d", "d", 60, [])
    assert store.keys() == ["c", "a", "d"]  # b, the least recently used, went
    limited = InProcessBackend(maxsize=100, group_limits={"f": 2})
    for key in "xyz":
        limited.set(key, key, 60, ["fn:f"])
    limited.set("other", 1, 60, ["fn:g"])
    assert limited.keys() == ["y", "z", "other"]


def test_backend_copies_are_the_callers_own() -> None:
    store = InProcessBackend()
    value = [{"name": "a", "data": {"x": [1]}}]
    store.set("k", value, 60, [])
    value[0]["name"] = "changed before the next read"
    first = store.get("k")
    first[0]["data"]["x"].append(2)
    assert store.get("k") == [{"name": "a", "data": {"x": [1]}}]
    assert store.get("k") is not store.get("k")


def _mutate_everything(value: Any) -> None:
    if isinstance(value, dict):
        for key in list(value):
            _mutate_everything(value[key])
        value["added"] = 1
    elif isinstance(value, list):
        for item in value:
            _mutate_everything(item)
        value.append("added")


@pytest.mark.parametrize(
    "value",
    [
        [{"a": 1, "data": {"x": [1, {"y": 2}]}, "ids": []}, {"a": 2, "data": None, "ids": [3]}],
        [{"rows": [{"a": 1}, {"b": [2]}]}, [], [[1, 2], {"c": {"d": {}}}], "leaf", 3, None],
        {"nested": [{"a": 1}, {"a": 2}], "flat": {"b": 1}, "rows": [{"c": [1]}], "t": (1, "x")},
        [{"a": 1}, {"b": 2}],  # rows without nested containers
        {"s": {1, 2}},
        "text",
    ],
)
def test_backend_hits_share_no_container(value: Any) -> None:
    import copy

    store = InProcessBackend()
    store.set("k", value, 60, [])
    expected = copy.deepcopy(value)
    for _ in range(2):
        got = store.get("k")
        assert got == expected
        _mutate_everything(got)
        if isinstance(got, set):
            got.add(3)
    assert store.get("k") == expected


def test_backend_tags_and_scopes() -> None:
    store = InProcessBackend()
    store.set("h1|u|f|1", 1, 60, ["shot", "fn:f"])
    store.set("h1|v|f|1", 2, 60, ["shot", "fn:f"])
    store.set("h1|u|g|1", 3, 60, ["asset", "fn:g"])
    store.set("h2|u|f|1", 4, 60, ["shot", "fn:f"])
    assert store.drop_tags("h1|", ["shot"]) == 2
    assert store.keys() == ["h1|u|g|1", "h2|u|f|1"]
    store.clear("h2|")
    assert store.keys() == ["h1|u|g|1"]
    store.clear()
    assert len(store) == 0
    assert store.count_tag("shot") == 0
    assert isinstance(store, CacheBackend)


def test_not_plain_data_is_refused() -> None:
    with pytest.raises(ValueError):
        InProcessBackend().set("k", object(), 60, [])


# -- the cache in run() ---------------------------------------------------------------------------


def test_off_by_default(api: responses.RequestsMock, client: KitsuClient) -> None:
    shots_route(api)
    all_shots(P, client=client)
    all_shots(P, client=client)
    assert gets(api) == 2


def test_hits_are_copies_and_an_id_and_a_dict_share_an_entry(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    cache.enable(client=client)
    shots_route(api)
    first = all_shots(P, client=client)
    first[0]["name"] = "changed by the caller"
    first[0]["data"]["frame_in"] = 99
    assert all_shots({"id": P, "name": "a project"}, client=client) == SHOTS
    assert client.shot.all_shots_for_project(P) == SHOTS  # bound function: same entry
    assert gets(api) == 1
    assert client.cache.hits == 2 and client.cache.misses == 1


def test_arguments_are_part_of_the_key(api: responses.RequestsMock, client: KitsuClient) -> None:
    cache.enable(client=client)
    shots_route(api)
    shots_route(api, Q, [])
    assert all_shots(P, client=client) == SHOTS
    assert all_shots(Q, client=client) == []
    assert all_shots(P, client=client) == SHOTS
    assert gets(api) == 2


def test_raw_requests_are_not_cached(api: responses.RequestsMock, client: KitsuClient) -> None:
    cache.enable(client=client)
    api.get(url("data/projects"), json=[1])
    client.get("data/projects")
    client.get("data/projects")
    assert gets(api) == 2


def test_per_user_separation(api: responses.RequestsMock) -> None:
    alice = KitsuClient(HOST, token=make_jwt(sub="aaaaaaaa-0000-0000-0000-000000000000"))
    bob = KitsuClient(HOST, token=make_jwt(sub="bbbbbbbb-0000-0000-0000-000000000000"))
    shared = InProcessBackend()
    cache.enable(client=alice, backend=shared)
    cache.enable(client=bob, backend=shared)
    shots_route(api, body=[{"id": "alice"}])
    assert all_shots(P, client=alice) == [{"id": "alice"}]
    api.replace(responses.GET, url(f"data/projects/{P}/shots"), json=[{"id": "bob"}])
    assert all_shots(P, client=bob) == [{"id": "bob"}]
    assert all_shots(P, client=alice) == [{"id": "alice"}]
    assert {key.split("|")[1] for key in shared.keys()} == {
        "aaaaaaaa-0000-0000-0000-000000000000",
        "bbbbbbbb-0000-0000-0000-000000000000",
    }
    assert all("token" not in key and "." not in key.split("|")[1] for key in shared.keys())


def test_identity_changes_drop_the_previous_identitys_entries(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    cache.enable(client=client)
    shots_route(api, body=[{"id": "first"}])
    all_shots(P, client=client)
    client.set_token(make_jwt(sub="cccccccc-0000-0000-0000-000000000000"))
    assert len(client.cache.backend) == 0  # type: ignore[arg-type]
    api.replace(responses.GET, url(f"data/projects/{P}/shots"), json=[{"id": "second"}])
    assert all_shots(P, client=client) == [{"id": "second"}]
    client.set_host("http://kitsu.test/api")
    assert len(client.cache.backend) == 0  # type: ignore[arg-type]
    all_shots(P, client=client)
    api.get(url("auth/logout"), json={})
    client.log_out()
    assert len(client.cache.backend) == 0  # type: ignore[arg-type]


@pytest.mark.parametrize("verb", ["post", "put", "delete"])
def test_every_write_drops_the_clients_entries(
    api: responses.RequestsMock, client: KitsuClient, verb: str
) -> None:
    cache.enable(client=client)
    shots_route(api)
    getattr(api, verb)(url("data/shots/x"), json={})
    all_shots(P, client=client)
    getattr(client, verb)("data/shots/x")
    all_shots(P, client=client)
    assert gets(api) == 2


def test_a_write_operation_drops_entries(api: responses.RequestsMock, client: KitsuClient) -> None:
    cache.enable(client=client)
    shots_route(api)
    api.put(url(f"data/entities/{Q}"), json={"id": Q})
    all_shots(P, client=client)
    kitsu_sdk.shot.update_shot({"id": Q, "name": "SH000"}, client=client)
    all_shots(P, client=client)
    assert gets(api) == 2


def test_a_read_that_raced_a_write_is_not_kept(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    cache.enable(client=client)

    def answer(request: Any) -> tuple[int, dict[str, str], str]:
        client.cache.invalidate()  # a write landing while this read is on the wire
        return 200, {}, "[]"

    api.add_callback(responses.GET, url(f"data/projects/{P}/shots"), callback=answer)
    all_shots(P, client=client)
    all_shots(P, client=client)
    assert gets(api) == 2


# -- gazu's controls and statistics --------------------------------------------------------------


def test_per_function_controls(api: responses.RequestsMock, client: KitsuClient) -> None:
    cache.enable(client=client)
    shots_route(api)
    for name in (
        "set_cache_expire",
        "set_expire",
        "set_cache_max_size",
        "clear_cache",
        "disable_cache",
        "enable_cache",
        "get_cache_infos",
    ):
        assert callable(getattr(all_shots, name))
        assert callable(getattr(client.shot.all_shots_for_project, name))
    all_shots(P, client=client)
    all_shots(P, client=client)
    infos = all_shots.get_cache_infos()  # type: ignore[attr-defined]
    assert infos == {
        "enabled": True,
        "expire": 120.0,
        "maxsize": 300,
        "hits": 1,
        "misses": 1,
        "expired_hits": 0,
        "current_size": 1,
    }
    all_shots.clear_cache()  # type: ignore[attr-defined]
    assert all_shots.get_cache_infos()["current_size"] == 0  # type: ignore[attr-defined]
    all_shots(P, client=client)
    assert gets(api) == 2
    client.shot.all_shots_for_project.disable_cache()  # type: ignore[attr-defined]
    all_shots(P, client=client)
    assert gets(api) == 3
    all_shots.enable_cache()  # type: ignore[attr-defined]
    all_shots(P, client=client)
    assert gets(api) == 3
    all_shots.set_expire(30)  # type: ignore[attr-defined]
    assert SETTINGS["shot.all_shots_for_project"].expire == 30
    all_shots.set_cache_max_size(1)  # type: ignore[attr-defined]
    shots_route(api, Q, [])
    all_shots(Q, client=client)
    assert all_shots.get_cache_infos()["current_size"] == 1  # type: ignore[attr-defined]
    assert cache.settings("shot.all_shots_for_project") is all_shots.cache_settings  # type: ignore[attr-defined]


def test_expiry_counts_expired_hits(api: responses.RequestsMock, client: KitsuClient) -> None:
    clock = Clock()
    cache.enable(client=client, backend=InProcessBackend(clock=clock))
    shots_route(api)
    all_shots.set_cache_expire(5)  # type: ignore[attr-defined]
    all_shots(P, client=client)
    clock.now += 6
    all_shots(P, client=client)
    infos = all_shots.get_cache_infos()  # type: ignore[attr-defined]
    assert (infos["hits"], infos["misses"], infos["expired_hits"]) == (0, 2, 1)
    assert gets(api) == 2


def test_client_ttl_override_and_module_switches(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    assert cache.enable(client=client) is True and cache.is_enabled(client=client)
    client.cache.configure(maxsize=10, ttl=1)
    clock = Clock()
    client.cache.backend = InProcessBackend(clock=clock)
    shots_route(api)
    all_shots(P, client=client)
    clock.now += 0.5
    assert all_shots(P, client=client) == SHOTS
    clock.now += 0.6  # the client's 1 s, not the function's 120 s
    assert all_shots(P, client=client) == SHOTS
    assert gets(api) == 2
    client.cache.configure(ttl=60)
    all_shots(P, client=client)
    before = gets(api)
    cache.clear_all(client=client)
    all_shots(P, client=client)
    assert gets(api) == before + 1
    assert cache.disable(client=client) is False
    all_shots(P, client=client)
    assert gets(api) == before + 2
    with pytest.raises(kitsu_sdk.InvalidInputError):
        cache.enable(client=client, backend="redis://x")  # type: ignore[arg-type]
    with pytest.raises(kitsu_sdk.InvalidInputError):
        cache.settings("shot.nothing")


def test_gazu_decorator(client: KitsuClient) -> None:
    calls: list[int] = []

    @cache.cache
    def expensive(x: int, client: KitsuClient | None = None) -> list[int]:
        calls.append(x)
        return [x]

    cache.enable(client=client)
    assert expensive(1, client=client) == [1]
    result = expensive(1, client=client)
    result.append(99)
    assert expensive(1, client=client) == [1]
    assert calls == [1]
    cache.clear_all(client=client)
    expensive(1, client=client)
    assert calls == [1, 1]
    cache.disable(client=client)
    expensive(1, client=client)
    assert calls == [1, 1, 1]


def test_client_cache_state_without_a_client() -> None:
    state = ClientCache()
    assert state.scope() == "|" and not state.enabled and len(state) == 0


# -- events ---------------------------------------------------------------------------------------


def test_event_names_map_to_tags() -> None:
    assert {"shot", "task", "casting"} <= set(tags_for_event("shot:update"))
    assert tags_for_event("task:status-changed")[0] == "task"
    assert tags_for_event("asset_instance:new")[0] == "asset-instance"
    assert tags_for_event("project:update")[0] == "project"
    assert tags_for_event("organisation:update") == ("organisation", "*")


def test_an_event_drops_the_entries_it_makes_stale(
    api: responses.RequestsMock, client: KitsuClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    api.get(url(""), json={"api": "Zou"}, headers={"Date": email.utils.formatdate(usegmt=True)})
    socket = FakeSocket()
    monkeypatch.setattr(
        kitsu_sdk.events,
        "EventListener",
        functools.partial(
            kitsu_sdk.events.EventListener,
            socket_factory=lambda **o: socket,
            catch_up=False,
            stop_timeout=1.0,
        ),
    )
    cache.enable(client=client, events=True)
    try:
        listener = client.cache.listener
        assert listener is not None
        ready = threading.Event()
        listener.on("ping:ready", lambda data: ready.set())
        socket.emit_event("ping:ready", {})
        assert ready.wait(5)  # the connection's hooks (which clear the cache) have run
        shots_route(api)
        api.get(url(f"data/projects/{P}"), json={"id": P})
        api.get(url("data/persons"), json=[])
        all_shots(P, client=client)
        kitsu_sdk.person.all_persons(client=client)
        done = threading.Event()
        listener.on("shot:update", lambda data: done.set())
        socket.emit_event("shot:update", {"shot_id": "s0", "project_id": P})
        assert done.wait(5)
        all_shots(P, client=client)
        kitsu_sdk.person.all_persons(client=client)
        shot_reads = [c for c in api.calls if str(c.request.url).endswith("/shots")]
        person_reads = [c for c in api.calls if str(c.request.url).endswith("/persons")]
        assert (len(shot_reads), len(person_reads)) == (2, 1)  # persons untouched
        dropped = threading.Event()
        listener.on_disconnect(dropped.set)
        socket.drop()
        assert dropped.wait(5)
        kitsu_sdk.person.all_persons(client=client)
        assert len([c for c in api.calls if str(c.request.url).endswith("/persons")]) == 2
    finally:
        cache.disable(client=client)
    assert client.cache.listener is None


# -- threads and asyncio --------------------------------------------------------------------------


def test_sixteen_threads(api: responses.RequestsMock, client: KitsuClient) -> None:
    cache.enable(client=client)
    projects = [f"a1b2c3d4-0000-4000-8000-{i:012}" for i in range(8)]
    for project in projects:
        shots_route(api, project, [{"id": project, "data": {"n": 1}}])
    errors: list[BaseException] = []
    start = threading.Barrier(16)

    def work(n: int) -> None:
        try:
            start.wait()
            for i in range(300):
                project = projects[(n + i) % len(projects)]
                got = all_shots(project, client=client)
                assert got == [{"id": project, "data": {"n": 1}}]
                got[0]["data"]["n"] = n  # must not reach anyone else
                if i % 97 == 0:
                    client.cache.clear()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert client.cache.hits + client.cache.misses == 16 * 300
    assert client.cache.hits > 16 * 300 // 2


def test_asyncio_concurrency() -> None:
    answered: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        answered.append(request.url.path)
        return httpx.Response(200, json=[{"id": request.url.path, "data": {"n": 1}}])

    async def main() -> None:
        aclient = AsyncKitsuClient(
            HOST, token=make_jwt(), http_transport=httpx.MockTransport(handler)
        )
        cache.enable(client=aclient)
        await aclient.shot.all_shots_for_project(P)
        results = await asyncio.gather(
            *(aclient.shot.all_shots_for_project(P if i % 2 else Q) for i in range(200))
        )
        for result in results:
            result[0]["data"]["n"] = 2
        again = await aclient.shot.all_shots_for_project(P)
        assert again[0]["data"] == {"n": 1}
        await aclient.request("PUT", f"data/entities/{P}", json={"name": "x"})
        await aclient.shot.all_shots_for_project(P)
        await aclient.close()

    asyncio.run(main())
    shot_reads = [path for path in answered if path.endswith("/shots")]
    # one read of P, at most one per concurrent miss of Q, one after the write
    assert shot_reads.count(f"/api/data/projects/{P}/shots") == 2
    assert 1 <= shot_reads.count(f"/api/data/projects/{Q}/shots") <= 100
