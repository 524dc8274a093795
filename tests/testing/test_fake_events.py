"""FakeKitsu's events: the SDK's listeners (sync, async, gazu's init) receive them in-process
through socketio itself, and catch up from data/events/last after a dropped connection."""

from __future__ import annotations

import asyncio
import time
from typing import Any, Callable

import pytest

from kitsu_sdk import events
from kitsu_sdk.exception import KitsuConnectionError
from kitsu_sdk.testing import FakeKitsu
from kitsu_sdk.testing._event_names import EVENTS

# Zou shows created_at to the second and the listener never replays what is older than its first
# connection, estimated from the `Date` header (to the second, +-0.5 s): an event is replayable
# when it comes more than 1.5 s after that connection.
SECOND = 2.0
FAST = {"reconnection_delay": 0.05, "reconnection_delay_max": 0.1, "randomization_factor": 0}


def _wait(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.01)


def test_a_listener_gets_live_events_and_catches_up_after_a_drop() -> None:
    with FakeKitsu() as fake:
        client = fake.client
        got: list[tuple[str, dict[str, Any], bool]] = []
        listener = events.EventListener(client, **FAST)
        listener.on_any(lambda name, data, context: got.append((name, data, context.replayed)))
        with listener:
            project = client.project.new_project("Live")
            _wait(lambda: len(got) == 1)
            assert got[0] == ("project:new", {"project_id": project["id"]}, False)
            time.sleep(SECOND)  # see SECOND
            fake.drop_event_connections()
            episode = client.shot.new_episode(project, "E1")  # while disconnected
            _wait(lambda: len(got) == 2)
            assert got[1] == (
                "episode:new",
                {"episode_id": episode["id"], "project_id": project["id"]},
                True,
            )
            _wait(lambda: listener.connected)
            client.shot.new_sequence(project, "SQ", episode=episode)
            _wait(lambda: len(got) == 3)
            assert (got[2][0], got[2][2]) == ("sequence:new", False)


def test_payload_keys_are_zous() -> None:
    with FakeKitsu() as fake:
        client = fake.client
        project = client.project.new_project("Keys", production_type="tvshow")
        episode = client.shot.all_episodes_for_project(project)[0]
        sequence = client.shot.new_sequence(project, "SQ", episode=episode)
        shot = client.shot.new_shot(project, sequence, "SH")
        asset = client.asset.new_asset(project, client.asset.all_asset_types()[0], "A")
        client.casting.update_shot_casting(project, shot, [{"asset_id": asset["id"]}])
        client.person.new_person("a", "b", "ab@example.com")
        for event in fake.events:
            assert set(event["data"]) <= set(EVENTS[event["name"]]) | {"project_id"}, event


def test_a_bad_token_is_refused_like_zou_refuses_the_namespace() -> None:
    with FakeKitsu() as fake:
        intruder = type(fake.client)(fake.host, event_host=fake.event_host, token="a.b.c")
        with pytest.raises(KitsuConnectionError, match="refused the /events namespace"):
            events.EventListener(intruder, **FAST).start()


def test_gazu_init_and_add_listener() -> None:
    with FakeKitsu() as fake:
        client = fake.client
        got: list[dict[str, Any]] = []
        socket = events.init(client=client, **FAST)
        try:
            events.add_listener(socket, "project:new", got.append)
            project = client.project.new_project("Gazu")
            _wait(lambda: len(got) == 1)
            assert got == [{"project_id": project["id"]}]
        finally:
            socket.disconnect()


def test_get_last_events_filters() -> None:
    with FakeKitsu() as fake:
        client = fake.client
        first = client.project.new_project("A")
        second = client.project.new_project("B")
        client.shot.new_sequence(first, "SQ")
        client.shot.new_sequence(second, "SQ")
        everything = events.get_last_events(client=client)
        assert [e["name"] for e in everything] == [
            "sequence:new",
            "sequence:new",
            "project:new",
            "project:new",
        ]  # fmt: skip (newest first, as Zou)
        assert set(everything[0]) == {"id", "created_at", "name", "user_id", "project_id", "data"}
        scoped = events.get_last_events(project=first, client=client)
        assert [e["data"].get("project_id") for e in scoped] == [first["id"]]
        assert len(events.get_last_events(limit=1, client=client)) == 1
        named = events.get_last_events(name="project:new", client=client)
        assert [e["data"]["project_id"] for e in named] == [second["id"], first["id"]]
        assert events.get_last_events(after="2999-01-01T00:00:00", client=client) == []


def test_the_async_listener() -> None:
    from kitsu_sdk.aio import AsyncKitsuClient
    from kitsu_sdk.aio.events import AsyncEventListener

    async def main(fake: FakeKitsu) -> list[tuple[str, bool]]:
        aclient = AsyncKitsuClient(fake.host, event_host=fake.event_host)
        got: list[tuple[str, bool]] = []
        try:
            await aclient.log_in(fake.admin_email, fake.admin_password)
            listener = AsyncEventListener(aclient, **FAST)
            listener.on_any(lambda name, data, context: got.append((name, context.replayed)))
            async with listener:
                project = await aclient.project.new_project("Async")
                await _until(lambda: len(got) == 1)
                await asyncio.sleep(SECOND)  # see SECOND
                fake.drop_event_connections()
                await aclient.shot.new_episode(project, "E1")
                await _until(lambda: len(got) == 2)
                await _until(lambda: listener.connected)
                # an event emitted from another thread (a sync client) reaches the loop too
                await asyncio.to_thread(fake.client.shot.new_episode, project, "E2")
                await _until(lambda: len(got) == 3)
        finally:
            await aclient.close()
        return got

    with FakeKitsu() as fake:
        got = asyncio.run(main(fake))
    assert got == [("project:new", False), ("episode:new", True), ("episode:new", False)]


async def _until(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        await asyncio.sleep(0.01)
