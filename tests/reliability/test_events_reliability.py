"""Event listeners against the real Zou while a workload makes changes: every event delivered,
none twice, through (a) a restart of the events server and (b) access tokens that expire every
few seconds (the short-token Zou), with the three ways of listening side by side: EventListener,
gazu's init / add_listener / run_client, and AsyncEventListener (in a thread with its own loop).
Each runs on its own client, so nothing but its own listener renews its token.

The workload creates sequences and shots in a throwaway project (the events `sequence:new` and
`shot:new`, whose payloads name a new id each: a key delivered twice is a duplicate, a key not
delivered is a miss). Zou stores them in its event log, which managers and admins may read: the
listeners replay what was stored while they were disconnected. Everything is logged at DEBUG
meanwhile (every logger of the SDK and of its libraries, websocket-client's trace included): no
JWT and no password may appear in the output.

The short-token Zou (KITSU_SHORT_TOKEN_HOST, :5002, 4 s access tokens) has no events server of
its own: scripts/local-kitsu.sh serves its events from the main one (:5001, KITSU_EVENT_HOST),
which checks its tokens (same secret). The events server is stopped and started with
`scripts/local-kitsu.sh stop-events / start-events`, only when it is the local one that script
runs.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import pathlib
import re
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any, Callable, Optional
from urllib.parse import urlsplit

import pytest
from it_helpers import missing, new_client, unique

from kitsu_sdk import KitsuClient, events
from kitsu_sdk._log_redaction import LOGGER_NAMES, LOGGER_PREFIXES
from kitsu_sdk.aio import AsyncEventListener, AsyncKitsuClient
from kitsu_sdk.events import EventContext, EventListener
from kitsu_sdk.exception import KitsuError

SCRIPT = pathlib.Path(__file__).resolve().parents[2] / "scripts" / "local-kitsu.sh"
#: The events counted, and the payload key naming the new entity of each.
TRACKED = {"sequence:new": "sequence_id", "shot:new": "shot_id"}
#: Seconds of workload before the outage, during it (after the stop), and after the reconnection.
BEFORE, DURING, AFTER = 2.0, 3.0, 2.0
#: Bounds on every wait (seconds).
CONNECT_WAIT, RECONNECT_WAIT, DELIVERY_WAIT = 30.0, 60.0, 30.0
JWT = re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+")

Key = tuple[str, str]


def wait_for(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.02)


# -- the events server ---------------------------------------------------------------------------


def _events_up(event_host: str) -> bool:
    import requests

    try:
        answer = requests.get(f"{event_host}/socket.io/?EIO=4&transport=polling", timeout=2)
    except requests.RequestException:
        return False
    return answer.text.startswith("0{")


def _script(command: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    for ours, theirs in (("KITSU_ZOU_HOME", "ZOU_HOME"), ("KITSU_ZOU_VENV", "ZOU_VENV")):
        if os.environ.get(ours):
            env[theirs] = os.environ[ours]
    return subprocess.run(
        ["bash", str(SCRIPT), command], capture_output=True, text=True, env=env, timeout=180
    )


@pytest.fixture
def events_server(kitsu_host: str) -> Iterator[Callable[[str], float]]:
    """`control("stop")` / `control("start")` for the local events server (the time it took);
    started again at the end whatever happened."""
    event_host = os.environ.get("KITSU_EVENT_HOST") or ""
    if not event_host:
        missing("KITSU_EVENT_HOST is not set (scripts/local-kitsu.sh env)")
    if not SCRIPT.is_file():
        missing(f"{SCRIPT} is not there: cannot stop the events server")
    if urlsplit(event_host).hostname not in ("127.0.0.1", "localhost"):
        pytest.skip(f"the events server {event_host} is not local: not stopping it")

    def control(action: str) -> float:
        started = time.monotonic()
        done = _script(f"{action}-events")
        assert done.returncode == 0, done.stderr[-2000:]
        if action == "stop" and _events_up(event_host):
            pytest.skip(f"{event_host} was not started by scripts/local-kitsu.sh: cannot stop it")
        return time.monotonic() - started

    yield control
    if not _events_up(event_host):
        _script("start-events")


# -- everything at DEBUG ---------------------------------------------------------------------------


@pytest.fixture
def debug_logs() -> Iterator[Callable[[], str]]:
    """Every logger of the SDK and its libraries at DEBUG (websocket-client's trace too), into
    one handler on the root logger; their own handlers set aside meanwhile. The text so far."""
    import websocket

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(threadName)s %(name)s %(levelname)s %(message)s"))
    names = set(LOGGER_NAMES) | {
        name
        for name, found in logging.Logger.manager.loggerDict.items()
        if isinstance(found, logging.Logger) and name.split(".")[0] in LOGGER_PREFIXES
    }
    saved = {}
    for name in names:
        found = logging.getLogger(name)
        saved[name] = (found.level, found.propagate, list(found.handlers))
        found.setLevel(logging.DEBUG)
        found.propagate = True
        for own in list(found.handlers):
            found.removeHandler(own)
    root = logging.getLogger()
    root_level = root.level
    root.setLevel(logging.DEBUG)
    root.addHandler(handler)
    websocket.enableTrace(True, handler=logging.NullHandler())  # traces go to its logger
    try:
        yield stream.getvalue
    finally:
        websocket.enableTrace(False)
        root.removeHandler(handler)
        root.setLevel(root_level)
        for name, (level, propagate, handlers) in saved.items():
            found = logging.getLogger(name)
            found.setLevel(level)
            found.propagate = propagate
            for own in list(found.handlers):
                found.removeHandler(own)
            for own in handlers:
                found.addHandler(own)


def check_logs(text: str, password: str) -> None:
    """The connect packets were logged (DEBUG was on), with no JWT and no password anywhere."""
    assert 'Sending packet MESSAGE data 0/events,{"token":"[redacted]"}' in text
    leaks = [f"a JWT ending ...{m.group(0)[-6:]}" for m in JWT.finditer(text)]
    if password in text:
        leaks.append("the password")
    assert not leaks, f"secrets in the log output ({len(text)} characters): {leaks[:5]}"


# -- what is delivered ---------------------------------------------------------------------------


class Delivered:
    """The tracked events one listener delivered for the project: keys, and how each came."""

    def __init__(self, project_id: str) -> None:
        self.project_id = project_id
        self.lock = threading.Lock()
        self.keys: list[Key] = []
        self.replayed = 0

    def record(self, name: str, data: Any, replayed: Optional[bool] = None) -> None:
        if name not in TRACKED or not isinstance(data, dict):
            return
        if data.get("project_id") != self.project_id:
            return
        with self.lock:
            self.keys.append((name, str(data.get(TRACKED[name]))))
            self.replayed += bool(replayed)

    def counted(self) -> Counter[Key]:
        with self.lock:
            return Counter(self.keys)


class Workload(threading.Thread):
    """Creates a sequence, then shots in it, then another sequence... until stopped; records
    the key of each event it causes, and in which phase (before / during / after the outage)."""

    def __init__(self, client: KitsuClient, project: dict[str, Any], pause: float = 0.1) -> None:
        super().__init__(name="events-workload", daemon=True)
        self.client = client
        self.project_id = project["id"]
        self.pause = pause
        self.phase = "before"
        self.expected: list[tuple[Key, str]] = []
        self.failed: list[str] = []  # writes that raised: their event may or may not exist
        self.halt = threading.Event()

    def run(self) -> None:
        sequence: Optional[str] = None
        made = 0
        while not self.halt.wait(self.pause):
            try:
                if sequence is None or made % 4 == 0:
                    path = f"data/projects/{self.project_id}/sequences"
                    sequence = str(self.client.post(path, {"name": unique("seq")})["id"])
                    self.expected.append((("sequence:new", sequence), self.phase))
                else:
                    shot = self.client.post(
                        f"data/projects/{self.project_id}/shots",
                        {"name": unique("sh"), "sequence_id": sequence},
                    )
                    self.expected.append((("shot:new", str(shot["id"])), self.phase))
                made += 1
            except KitsuError as error:  # another user restarted the API: counted, reported
                self.failed.append(f"{type(error).__name__}: {str(error)[:200]}")

    def finish(self) -> None:
        self.halt.set()
        self.join(30)
        assert not self.is_alive(), "the workload did not stop"

    def counted(self) -> Counter[Key]:
        return Counter(key for key, _ in self.expected)

    def made_during_outage(self) -> int:
        return sum(phase == "during" for _, phase in self.expected)


# -- the three ways of listening -------------------------------------------------------------------


class SyncSide:
    """EventListener on its own KitsuClient, filtered on the project."""

    label = "EventListener"

    def __init__(self, client: KitsuClient, project: dict[str, Any]) -> None:
        self.client = client
        self.delivered = Delivered(project["id"])
        self.listener = EventListener(client, project=project, reconnection_delay_max=2)

        @self.listener.on_any
        def record(name: str, data: Any, context: EventContext) -> None:
            self.delivered.record(name, data, context.replayed)

    def start(self) -> None:
        self.listener.start()

    def stop(self) -> None:
        self.listener.stop()

    @property
    def connected(self) -> bool:
        return self.listener.connected

    @property
    def stats(self) -> dict[str, Any]:
        return self.listener.stats

    def refreshes(self) -> int:
        return self.client.refresh_count

    def last_handshake(self) -> tuple[float, Optional[float]]:
        return self.listener.credentials.handshakes[-1]


class GazuSide(SyncSide):
    """gazu's functions, as a script that only changed its import runs them: init, one
    add_listener per event name, run_client in a thread; handlers take the payload only."""

    label = "gazu init/add_listener/run_client"

    def __init__(self, client: KitsuClient, project: dict[str, Any]) -> None:
        self.client = client
        self.delivered = Delivered(project["id"])
        self.event_client: Any = None
        self.runner: Optional[threading.Thread] = None

    def start(self) -> None:
        self.event_client = events.init(self.client, reconnection_delay_max=2)
        for name in TRACKED:
            events.add_listener(
                self.event_client, name, lambda data, name=name: self.delivered.record(name, data)
            )
        self.listener = self.event_client.kitsu_listener
        self.runner = threading.Thread(
            target=events.run_client, args=(self.event_client,), name="gazu-run-client", daemon=True
        )
        self.runner.start()

    def stop(self) -> None:
        if self.event_client is not None:
            self.event_client.disconnect()
        if self.runner is not None:
            self.runner.join(15)
            assert not self.runner.is_alive(), "run_client did not return after disconnect()"


class AsyncSide:
    """AsyncEventListener on its own AsyncKitsuClient, in a thread running its own loop."""

    label = "AsyncEventListener"

    def __init__(self, host: str, credentials: tuple[str, str], project: dict[str, Any]) -> None:
        self.host, self.credentials_, self.project = host, credentials, project
        self.delivered = Delivered(project["id"])
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="aio-events", daemon=True)
        self.aclient: Optional[AsyncKitsuClient] = None
        self.listener: Optional[AsyncEventListener] = None

    def _call(self, coroutine: Any, timeout: float = 60.0) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    async def _start(self) -> None:
        self.aclient = AsyncKitsuClient(self.host)
        event_host = os.environ.get("KITSU_EVENT_HOST")
        if event_host:
            self.aclient.set_event_host(event_host)
        await self.aclient.log_in(*self.credentials_)
        self.listener = AsyncEventListener(
            self.aclient, project=self.project, reconnection_delay_max=2
        )

        @self.listener.on_any
        def record(name: str, data: Any, context: EventContext) -> None:
            self.delivered.record(name, data, context.replayed)

        await self.listener.start()

    async def _stop(self) -> None:
        try:
            if self.listener is not None:
                await self.listener.stop()
        finally:
            if self.aclient is not None:
                await self.aclient.close()

    def start(self) -> None:
        self.thread.start()
        self._call(self._start())

    def stop(self) -> None:
        try:
            if self.thread.is_alive():
                self._call(self._stop())
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(10)
            if not self.thread.is_alive():
                self.loop.close()

    @property
    def connected(self) -> bool:
        return bool(self.listener is not None and self.listener.connected)

    @property
    def stats(self) -> dict[str, Any]:
        return self.listener.stats if self.listener is not None else {}

    def refreshes(self) -> int:
        return self.aclient.refresh_count if self.aclient is not None else 0

    def last_handshake(self) -> tuple[float, Optional[float]]:
        assert self.listener is not None
        return self.listener.credentials.handshakes[-1]


Side = Any  # SyncSide | GazuSide | AsyncSide


def logged_in(host: str, credentials: tuple[str, str]) -> KitsuClient:
    client = new_client(host)
    if not client.host_is_valid():
        missing(f"{host} does not answer like Zou")
    client.log_in(*credentials)
    return client


def the_three(host: str, credentials: tuple[str, str], project: dict[str, Any]) -> list[Side]:
    return [
        SyncSide(logged_in(host, credentials), project),
        GazuSide(logged_in(host, credentials), project),
        AsyncSide(host, credentials, project),
    ]


# -- the scenario --------------------------------------------------------------------------------


def run_through_an_outage(
    sides: list[Side],
    workload: Workload,
    events_server: Callable[[str], float],
    hold: float = 0.0,
) -> dict[str, float]:
    """Listen with every side while the workload runs; after `hold` seconds more of live events,
    stop the events server, go on writing, start it again, wait for every side to reconnect and
    catch up, write a little more, then wait for every expected event. Timings measured."""
    started: list[Side] = []
    timings: dict[str, float] = {}
    try:
        for side in sides:
            side.start()
            started.append(side)
        wait_for(lambda: all(s.connected for s in sides), CONNECT_WAIT, "every listener connected")
        workload.start()
        time.sleep(BEFORE + hold)
        wait_for(lambda: all(s.delivered.counted() for s in sides), DELIVERY_WAIT, "live events")
        timings["stop_events"] = events_server("stop")
        workload.phase = "during"
        wait_for(lambda: not any(s.connected for s in sides), 30, "every listener disconnected")
        time.sleep(DURING)
        down_since = time.monotonic()
        timings["start_events"] = events_server("start")
        workload.phase = "after"
        wait_for(
            lambda: all(s.stats.get("reconnects", 0) >= 1 for s in sides),
            RECONNECT_WAIT,
            "every listener reconnected and caught up",
        )
        timings["back_to_caught_up"] = time.monotonic() - down_since
        time.sleep(AFTER)
        workload.finish()
        expected = workload.counted()
        wait_for(
            lambda: all(not (expected - s.delivered.counted()) for s in sides),
            DELIVERY_WAIT,
            "every expected event",
        )
        time.sleep(1.5)  # any duplicate would show up now
    finally:
        if workload.is_alive():
            workload.halt.set()
            workload.join(30)
        for side in reversed(started):
            side.stop()
    return timings


def check_and_report(
    scenario: str,
    sides: list[Side],
    workload: Workload,
    timings: dict[str, float],
    figures: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    expected = workload.counted()
    problems = []
    lines = []
    for side in sides:
        got = side.delivered.counted()
        missed = expected - got
        twice = {key: n for key, n in got.items() if n > 1}
        unexpected = got - expected
        lines.append(
            f"events [{scenario}] {side.label}: expected {sum(expected.values())}, delivered "
            f"{sum(got.values())}; the listener replayed {side.stats.get('replayed')} stored "
            f"event(s) after {side.stats.get('reconnects')} reconnection(s); missed "
            f"{sum(missed.values())}, twice {len(twice)}"
        )
        if missed:
            problems.append(f"{side.label} missed {sorted(missed)[:5]}")
        if twice:
            problems.append(f"{side.label} delivered twice {sorted(twice)[:5]}")
        if len(unexpected) > len(workload.failed):  # a failed write may still have been made
            problems.append(f"{side.label} delivered unexpected {sorted(unexpected)[:5]}")
    lines.append(
        f"events [{scenario}] workload: {sum(expected.values())} events caused, "
        f"{workload.made_during_outage()} while the events server was down, "
        f"{len(workload.failed)} writes failed; stop-events {timings.get('stop_events', 0):.1f} s, "
        f"start-events {timings.get('start_events', 0):.1f} s, back and caught up "
        f"{timings.get('back_to_caught_up', 0):.1f} s after the start"
    )
    figures.extend(lines)
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert workload.made_during_outage() > 0, "nothing was written while the server was down"
    assert not problems, "; ".join(problems)


# -- (a) a restart of the events server ------------------------------------------------------------


def test_listeners_miss_nothing_through_an_events_server_restart(
    kitsu_host: str,
    kitsu_credentials: tuple[str, str],
    project_factory: Callable[..., dict[str, Any]],
    events_server: Callable[[str], float],
    debug_logs: Callable[[], str],
    reliability_figures: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    project = project_factory("events-restart", production_type="featurefilm")
    sides = the_three(kitsu_host, kitsu_credentials, project)
    workload = Workload(logged_in(kitsu_host, kitsu_credentials), project)
    timings = run_through_an_outage(sides, workload, events_server)
    check_and_report("restart", sides, workload, timings, reliability_figures, capsys)
    for side in sides:
        assert side.stats["reconnects"] >= 1 and side.stats["replayed"] >= 1, side.label
    check_logs(debug_logs(), kitsu_credentials[1])


# -- (b) access tokens that expire every few seconds -----------------------------------------------


def test_listeners_miss_nothing_while_their_tokens_expire(
    kitsu_credentials: tuple[str, str],
    short_token_host: str,
    project_factory: Callable[..., dict[str, Any]],
    events_server: Callable[[str], float],
    debug_logs: Callable[[], str],
    reliability_figures: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The listeners connect with a 4 s token, keep listening long past its expiry, lose the
    events server, and must come back with a fresh token (refreshed at the handshake) and read
    the missed events with it; the workload's client is another one, renewing its own."""
    lifetime = float(os.environ.get("KITSU_SHORT_ACCESS_SECONDS", "4"))
    project = project_factory("events-expiry", production_type="featurefilm")
    sides = the_three(short_token_host, kitsu_credentials, project)
    workload = Workload(logged_in(short_token_host, kitsu_credentials), project)
    timings = run_through_an_outage(sides, workload, events_server, hold=lifetime + 1.0)
    check_and_report("token expiry", sides, workload, timings, reliability_figures, capsys)
    for side in sides:
        at, exp = side.last_handshake()
        assert exp is not None and exp > at, f"{side.label} reconnected with an expired token"
        assert side.refreshes() > 0, f"{side.label}'s client never refreshed its token"
    check_logs(debug_logs(), kitsu_credentials[1])
