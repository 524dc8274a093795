"""The per-client cache: keyed by host and user, copies out, emptied by writes."""

from __future__ import annotations

import pytest
import responses
from unit_helpers import HOST, make_jwt, url

from kitsu_sdk import KitsuClient, cache
from kitsu_sdk.cache import ClientCache


def test_off_by_default(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.get(url("data/projects"), json=[1])
    client.get("data/projects")
    client.get("data/projects")
    assert len(api.calls) == 2


def test_on_serves_copies_and_writes_invalidate(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    cache.enable(client=client)
    api.get(url("data/projects"), json=[{"name": "a"}])
    first = client.get("data/projects")
    first[0]["name"] = "changed by caller"
    assert client.get("data/projects") == [{"name": "a"}]
    assert len(api.calls) == 1
    api.post(url("data/projects"), json={"id": "x"})
    client.post("data/projects", {"name": "b"})
    client.get("data/projects")
    assert len(api.calls) == 3
    assert client.cache.hits == 1


def test_keys_hold_the_user(api: responses.RequestsMock) -> None:
    alice = KitsuClient(HOST, token=make_jwt(sub="aaaaaaaa-0000-0000-0000-000000000000"))
    api.get(url("data/user/tasks"), json=["alice"])
    alice.cache.enabled = True
    assert alice.get("data/user/tasks") == ["alice"]
    alice.set_token(make_jwt(sub="bbbbbbbb-0000-0000-0000-000000000000"))
    alice.cache.enabled = True
    api.replace(responses.GET, url("data/user/tasks"), json=["bob"])
    assert alice.get("data/user/tasks") == ["bob"]


def test_params_are_part_of_the_key(api: responses.RequestsMock, client: KitsuClient) -> None:
    client.cache.enabled = True
    api.get(url("data/shots"), json=[1])
    client.get("data/shots", params={"a": 1})
    client.get("data/shots", params={"a": 2})
    client.get("data/shots", params={"a": 1})
    assert len(api.calls) == 2


def test_module_functions_and_decorator(client: KitsuClient) -> None:
    calls: list[int] = []

    @cache.cache
    def expensive(x: int, client: KitsuClient | None = None) -> list[int]:
        calls.append(x)
        return [x]

    assert cache.enable(client=client) is True
    assert cache.is_enabled(client=client)
    assert expensive(1, client=client) == [1]
    result = expensive(1, client=client)
    result.append(99)
    assert expensive(1, client=client) == [1]
    assert calls == [1]
    cache.clear_all(client=client)
    expensive(1, client=client)
    assert calls == [1, 1]
    assert cache.disable(client=client) is False
    expensive(1, client=client)
    assert calls == [1, 1, 1]


def test_ttl_and_size() -> None:
    store = ClientCache(maxsize=2, ttl=60)
    store.enabled = True
    for key in "abc":
        store.set(key, key)
    assert len(store) == 2
    store.configure(ttl=1)
    assert len(store) == 0


def test_disabled_store_keeps_nothing() -> None:
    store = ClientCache()
    store.set("a", 1)
    assert len(store) == 0


@pytest.mark.parametrize("verb", ["put", "delete"])
def test_every_write_verb_invalidates(
    api: responses.RequestsMock, client: KitsuClient, verb: str
) -> None:
    client.cache.enabled = True
    api.get(url("data/shots"), json=[1])
    getattr(api, verb)(url("data/shots/x"), json={})
    client.get("data/shots")
    getattr(client, verb)("data/shots/x")
    client.get("data/shots")
    assert len([c for c in api.calls if c.request.method == "GET"]) == 2


def test_no_cache_key_work_while_the_cache_is_off(
    api: responses.RequestsMock, client: KitsuClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    api.get(url("data/projects"), json=[])
    monkeypatch.setattr(client, "_identity", lambda: pytest.fail("identity read with cache off"))
    client.get("data/projects")
