"""kitsu_sdk.aio.AsyncEventListener against the real local Zou (test_it_events.py's twin): a write
seen live, a restart of the events server while listening (every change made meanwhile delivered
by the catch-up, exactly once), and a short-lived token that expires while the listener runs.

Each test runs its own event loop (asyncio.run), with an AsyncKitsuClient doing the writes too.
The restart tests drive `scripts/local-kitsu.sh stop-events / start-events` (in a thread, so the
loop keeps running) and run only when the events server is the local one that script started.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Coroutine
from typing import Any, Callable, TypeVar

import pytest
import test_it_events as sync_it
from it_helpers import missing, unique

from kitsu_sdk import KitsuClient
from kitsu_sdk.aio import AsyncEventListener, AsyncKitsuClient, post
from kitsu_sdk.exception import KitsuConnectionError

T = TypeVar("T")

# The same recorder, report and events-server control as the sync listener's tests.
Recorder = sync_it.Recorder
report = sync_it.report
restartable_events = sync_it.restartable_events


def new_async_client(host: str, **kwargs: Any) -> AsyncKitsuClient:
    """An async client for `host` with the event host of the local server when known."""
    aclient = AsyncKitsuClient(host, **kwargs)
    event_host = os.environ.get("KITSU_EVENT_HOST")
    if event_host:
        aclient.set_event_host(event_host)
    return aclient


def run(scenario: Coroutine[Any, Any, T], timeout: float = 150.0) -> T:
    return asyncio.run(asyncio.wait_for(scenario, timeout))


async def until(predicate: Callable[[], bool], timeout: float = 15.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        await asyncio.sleep(0.01)


async def new_sequence(aclient: AsyncKitsuClient, project: dict[str, Any]) -> dict[str, Any]:
    path = f"data/projects/{project['id']}/sequences"
    return dict(await post(path, {"name": unique("seq")}, client=aclient))


# -- live delivery --------------------------------------------------------------------------------


def test_async_listener_delivers_a_create_and_filters_by_project(
    client: KitsuClient,
    kitsu_host: str,
    project: dict[str, Any],
    feature_project: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    record_property: Callable[[str, Any], None],
) -> None:
    recorder = Recorder()
    plain: list[dict[str, Any]] = []

    async def scenario() -> tuple[dict[str, Any], float, float]:
        aclient = new_async_client(kitsu_host, tokens=client.tokens)
        listener = AsyncEventListener(aclient, project=project)
        listener.on_any(recorder)

        @listener.on("sequence:new")
        async def on_sequence(data: dict[str, Any]) -> None:  # a coroutine handler, gazu style
            plain.append(data)

        connected: list[bool] = []

        @listener.on_connect
        async def on_connect() -> None:
            connected.append(True)

        try:
            async with listener:
                assert listener.connected and listener.running
                await until(lambda: connected == [True], what="the connect hook")
                await new_sequence(aclient, feature_project)  # another project: filtered out
                started = time.monotonic()
                created = await new_sequence(aclient, project)
                answered = time.monotonic()
                await until(lambda: len(plain) == 1, what="sequence:new")
                assert await listener.wait(0.05) is False  # still running
            assert not listener.running and not listener.connected
        finally:
            await aclient.close()
        return created, started, answered

    created, started, answered = run(scenario())
    assert plain == [{"project_id": project["id"], "sequence_id": created["id"]}]
    assert recorder.sequences() == [(created["id"], False)]
    assert all(d.get("project_id") == project["id"] for _, d, _, _ in recorder.seen)
    latency = recorder.time_of(created["id"]) - started
    report(
        capsys,
        record_property,
        async_latency_write_to_handler=latency,
        async_latency_after_http_answer=recorder.time_of(created["id"]) - answered,
    )
    assert latency < 2.0


def test_async_listener_run_until_stopped_and_a_wrong_host_is_a_clear_error(
    client: KitsuClient, kitsu_host: str, project: dict[str, Any]
) -> None:
    async def scenario() -> None:
        aclient = new_async_client(kitsu_host, tokens=client.tokens)
        try:
            listener = AsyncEventListener(aclient, project=project, catch_up=False)
            got: list[str] = []
            listener.on("sequence:new", lambda data: got.append(data["sequence_id"]))
            runner = asyncio.ensure_future(listener.run())
            await until(lambda: listener.connected, what="the connection")
            created = await new_sequence(aclient, project)
            await until(lambda: got == [created["id"]], what="sequence:new")
            started = time.monotonic()
            await listener.stop()
            await asyncio.wait_for(runner, 5)
            assert time.monotonic() - started < 5

            wrong = new_async_client(kitsu_host, tokens=client.tokens)
            wrong.set_event_host(kitsu_host)  # a root-served Zou API has no socket.io
            with pytest.raises(KitsuConnectionError, match="set the event host"):
                await AsyncEventListener(wrong).start()
            await wrong.close()
        finally:
            await aclient.close()

    run(scenario())


# -- restarting the events server -----------------------------------------------------------------


def test_events_server_restart_delivers_every_change_once(
    client: KitsuClient,
    kitsu_host: str,
    project: dict[str, Any],
    restartable_events: Callable[[str], None],
    capsys: pytest.CaptureFixture[str],
    record_property: Callable[[str, Any], None],
) -> None:
    recorder = Recorder()

    async def scenario() -> tuple[AsyncEventListener, dict[str, float]]:
        aclient = new_async_client(kitsu_host, tokens=client.tokens)
        listener = AsyncEventListener(aclient, project=project, reconnection_delay_max=2)
        listener.on_any(recorder)
        reconnected: list[float] = []
        connected_at: list[float] = []
        disconnected: list[float] = []
        listener.on_connect(lambda: connected_at.append(time.monotonic()))
        listener.on_disconnect(lambda: disconnected.append(time.monotonic()))

        @listener.on_reconnect
        async def on_reconnect() -> None:
            reconnected.append(time.monotonic())

        try:
            async with listener:
                before = await new_sequence(aclient, project)
                await until(
                    lambda: (before["id"], False) in recorder.sequences(), what="the first event"
                )
                await asyncio.sleep(1.1)  # Zou's times are to the second: keep the gap apart
                await asyncio.to_thread(restartable_events, "stop")
                await until(lambda: bool(disconnected), what="the disconnect hook")
                gap = [(await new_sequence(aclient, project))["id"] for _ in range(3)]
                await asyncio.to_thread(restartable_events, "start")
                server_back = time.monotonic()
                await until(lambda: bool(reconnected), timeout=60, what="the reconnection")
                after = await new_sequence(aclient, project)
                await until(
                    lambda: (after["id"], False) in recorder.sequences(), what="the event after"
                )
                await asyncio.sleep(1.0)  # let any duplicate show up
        finally:
            await aclient.close()
        seen = recorder.sequences()
        assert seen == [(before["id"], False), *((g, True) for g in gap), (after["id"], False)]
        return listener, {
            "async_reconnect_after_server_back": connected_at[-1] - server_back,
            "async_replay_done_after_server_back": reconnected[-1] - server_back,
        }

    listener, numbers = run(scenario())
    report(
        capsys,
        record_property,
        **numbers,
        async_outage_disconnect_to_connect=listener.stats["last_outage_seconds"],
        async_catch_up_fetch_and_deliver=listener.stats["last_catch_up_seconds"],
    )
    assert listener.stats["reconnects"] == 1 and listener.stats["replayed"] >= 3


def test_short_lived_token_keeps_working_across_expiry_and_restart(
    project: dict[str, Any],
    kitsu_credentials: tuple[str, str],
    restartable_events: Callable[[str], None],
    capsys: pytest.CaptureFixture[str],
    record_property: Callable[[str, Any], None],
) -> None:
    short_host = os.environ.get("KITSU_SHORT_TOKEN_HOST")
    if not short_host:
        missing("KITSU_SHORT_TOKEN_HOST is not set (scripts/local-kitsu.sh serves one on :5002)")
    lifetime = float(os.environ.get("KITSU_SHORT_ACCESS_SECONDS", "4"))
    recorder = Recorder()

    async def scenario() -> AsyncEventListener:
        short = new_async_client(str(short_host))
        try:
            if not await short.host_is_valid():
                missing(f"{short_host} does not answer like Zou")
            await short.log_in(*kitsu_credentials)
            first_token = short.tokens["access_token"]
            listener = AsyncEventListener(short, project=project, reconnection_delay_max=2)
            listener.on_any(recorder)
            reconnected: list[float] = []
            listener.on_reconnect(lambda: reconnected.append(time.monotonic()))
            async with listener:
                await asyncio.sleep(lifetime + 1.5)  # the token it connected with has expired
                live = await new_sequence(short, project)
                await until(
                    lambda: (live["id"], False) in recorder.sequences(),
                    what="an event after expiry",
                )
                await asyncio.sleep(lifetime + 1.5)
                await asyncio.to_thread(restartable_events, "stop")
                await until(lambda: not listener.connected, what="the disconnection")
                gap = await new_sequence(short, project)
                await asyncio.to_thread(restartable_events, "start")
                await until(lambda: bool(reconnected), timeout=60, what="the reconnection")
                after = await new_sequence(short, project)
                await until(
                    lambda: (after["id"], False) in recorder.sequences(), what="the event after"
                )
            assert recorder.sequences() == [
                (live["id"], False),
                (gap["id"], True),
                (after["id"], False),
            ]
            handshake_at, handshake_exp = listener.credentials.handshakes[-1]
            assert handshake_exp is not None and handshake_exp > handshake_at  # not expired
            assert short.tokens["access_token"] != first_token and short.refresh_count > 0
        finally:
            await short.close()
        return listener

    listener = run(scenario())
    report(capsys, record_property, async_short_token_outage=listener.stats["last_outage_seconds"])
