"""The operation cache against the real Zou: another client changes a shot; with events on, the
first client's cached read reflects it soon after; without events, once the entry expires."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Callable

import pytest
from it_aio import RecordingClient, in_session
from it_helpers import new_client, unique

import kitsu_sdk
from kitsu_sdk import KitsuClient
from kitsu_sdk.exception import KitsuConnectionError

all_shots = kitsu_sdk.shot.all_shots_for_project


def poll(check: Callable[[], bool], seconds: float = 30.0) -> bool:
    """True as soon as `check()` is; False after `seconds` (a bound, not a timing assertion)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return check()


def enable_with_events(client: KitsuClient) -> None:
    """cache.enable(events=True), riding out an event server being restarted by another run of
    the shared local Kitsu (bounded)."""
    deadline = time.monotonic() + 30
    while True:
        try:
            kitsu_sdk.cache.enable(client=client, events=True)
            return
        except KitsuConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


@pytest.fixture(scope="module")
def shot(admin_client: KitsuClient, feature_project: dict[str, Any]) -> Mapping[str, Any]:
    sequence = kitsu_sdk.shot.new_sequence(feature_project, unique("SQ"), client=admin_client)
    return kitsu_sdk.shot.new_shot(feature_project, sequence, unique("SH"), client=admin_client)


@pytest.fixture
def reader(kitsu_host: str, kitsu_credentials: tuple[str, str]) -> Iterator[KitsuClient]:
    client = new_client(kitsu_host)
    client.log_in(*kitsu_credentials)
    yield client
    kitsu_sdk.cache.disable(client=client)
    client.log_out()
    client.close()


def name_in(shots: Sequence[Mapping[str, Any]], shot_id: str) -> str:
    return str(next(s["name"] for s in shots if s["id"] == shot_id))


def test_with_events_a_change_by_another_client_shows_soon(
    reader: KitsuClient,
    admin_client: KitsuClient,
    feature_project: dict[str, Any],
    shot: Mapping[str, Any],
) -> None:
    enable_with_events(reader)
    listener = reader.cache.listener
    assert listener is not None and poll(lambda: bool(listener.connected), 20)
    time.sleep(0.5)  # the connection's hooks (which empty the cache) have run
    before = all_shots(feature_project, client=reader)
    # (No hit count here: other runs on the shared Zou send events that drop entries too.)
    again = all_shots(feature_project["id"], client=reader)
    assert again == before and again is not before
    assert set(before[0]) >= {"id", "name", "parent_id", "project_id", "entity_type_id"}
    new_name = unique("SH-events")
    kitsu_sdk.shot.update_shot({"id": shot["id"], "name": new_name}, client=admin_client)
    assert poll(lambda: name_in(all_shots(feature_project, client=reader), shot["id"]) == new_name)
    assert name_in(all_shots(feature_project, client=reader), shot["id"]) == new_name
    assert reader.cache.hits + reader.cache.misses >= 3


def test_without_events_a_change_shows_after_the_ttl(
    reader: KitsuClient,
    admin_client: KitsuClient,
    feature_project: dict[str, Any],
    shot: Mapping[str, Any],
) -> None:
    settings = kitsu_sdk.cache.settings("shot.all_shots_for_project")
    expire = settings.expire
    all_shots.set_cache_expire(3)  # type: ignore[attr-defined]
    try:
        kitsu_sdk.cache.enable(client=reader)
        assert kitsu_sdk.cache.is_enabled(client=reader)
        old_name = name_in(all_shots(feature_project, client=reader), shot["id"])
        new_name = unique("SH-ttl")
        kitsu_sdk.shot.update_shot({"id": shot["id"], "name": new_name}, client=admin_client)
        # Nobody told the reader: until the entry expires it reads what it cached.
        assert name_in(all_shots(feature_project, client=reader), shot["id"]) == old_name
        assert poll(
            lambda: name_in(all_shots(feature_project, client=reader), shot["id"]) == new_name
        )
        infos = all_shots.get_cache_infos()  # type: ignore[attr-defined]
        assert infos["expired_hits"] >= 1 and infos["hits"] >= 1
        kitsu_sdk.cache.clear_all(client=reader)
    finally:
        settings.set_cache_expire(expire)


def test_own_writes_invalidate(
    reader: KitsuClient, feature_project: dict[str, Any], shot: dict[str, Any]
) -> None:
    kitsu_sdk.cache.enable(client=reader)
    all_shots(feature_project, client=reader)
    new_name = unique("SH-own")
    kitsu_sdk.shot.update_shot({"id": shot["id"], "name": new_name}, client=reader)
    assert name_in(all_shots(feature_project, client=reader), shot["id"]) == new_name


def test_async_client_with_events(
    kitsu_host: str,
    kitsu_credentials: tuple[str, str],
    admin_client: KitsuClient,
    feature_project: dict[str, Any],
    shot: Mapping[str, Any],
) -> None:
    async def body(aclient: RecordingClient) -> None:
        deadline = time.monotonic() + 30
        while True:  # riding out an event server restarted by another run (bounded)
            kitsu_sdk.cache.enable(client=aclient, events=True)
            try:
                await aclient.cache.listener_task  # connected
                break
            except KitsuConnectionError:
                assert aclient.cache.listener is None  # a failed start leaves none behind
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(1)
        await asyncio.sleep(0.5)  # the connection's hooks (which empty the cache) have run
        first = await aclient.shot.all_shots_for_project(feature_project)
        assert await aclient.shot.all_shots_for_project(feature_project["id"]) == first
        new_name = unique("SH-async")
        kitsu_sdk.shot.update_shot({"id": shot["id"], "name": new_name}, client=admin_client)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            shots = await aclient.shot.all_shots_for_project(feature_project)
            if name_in(shots, shot["id"]) == new_name:
                break
            await asyncio.sleep(0.2)
        assert name_in(shots, shot["id"]) == new_name
        kitsu_sdk.cache.disable(client=aclient)
        await aclient.cache.listener_task  # stopped
        assert aclient.cache.listener is None and not kitsu_sdk.cache.is_enabled(client=aclient)

    in_session(kitsu_host, kitsu_credentials, body)
