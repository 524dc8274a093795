"""kitsu_sdk.events against the real local Zou: delivery latency, the gazu helpers, a restart of
the events server while listening (every change made meanwhile delivered exactly once, to an
EventListener and to gazu's init / add_listener / run_client alike), and a short-lived token
that expires while the listener runs.

The restart tests drive `scripts/local-kitsu.sh stop-events / start-events`; they run only when
the events server is the local one that script started.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import threading
import time
from collections.abc import Iterator
from typing import Any, Callable
from urllib.parse import urlsplit

import pytest
from it_helpers import missing, new_client, unique

from kitsu_sdk import KitsuClient, events
from kitsu_sdk.events import EventContext, EventListener
from kitsu_sdk.exception import KitsuConnectionError

SCRIPT = pathlib.Path(__file__).resolve().parents[2] / "scripts" / "local-kitsu.sh"


def wait_for(predicate: Callable[[], bool], timeout: float = 15.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.01)


def report(
    capsys: pytest.CaptureFixture[str], record: Callable[[str, Any], None], **numbers: float
) -> None:
    """Print measured numbers in the test output (even without -s) and in the junit report."""
    for key, value in numbers.items():
        record(key, round(value, 3))
    with capsys.disabled():
        print("\n[events] " + ", ".join(f"{k}={v * 1000:.0f} ms" for k, v in numbers.items()))


def new_sequence(client: KitsuClient, project: dict[str, Any]) -> dict[str, Any]:
    return dict(client.post(f"data/projects/{project['id']}/sequences", {"name": unique("seq")}))


class Recorder:
    """A catch-all handler keeping (name, data, context, time) of what it was given."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, dict[str, Any], EventContext, float]] = []
        self.lock = threading.Lock()

    def __call__(self, name: str, data: dict[str, Any], context: EventContext) -> None:
        with self.lock:
            self.seen.append((name, data, context, time.monotonic()))

    def sequences(self) -> list[tuple[str, bool]]:
        with self.lock:
            return [
                (d["sequence_id"], c.replayed) for n, d, c, _ in self.seen if n == "sequence:new"
            ]

    def time_of(self, sequence_id: str) -> float:
        with self.lock:
            return next(t for n, d, _, t in self.seen if d.get("sequence_id") == sequence_id)


# -- live delivery --------------------------------------------------------------------------------


def test_listener_delivers_a_create_and_filters_by_project(
    client: KitsuClient,
    project: dict[str, Any],
    feature_project: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    record_property: Callable[[str, Any], None],
) -> None:
    listener = EventListener(client, project=project)
    recorder = Recorder()
    listener.on_any(recorder)
    plain: list[dict[str, Any]] = []
    listener.on("sequence:new", plain.append)  # gazu-style handler(data)
    connected: list[bool] = []
    listener.on_connect(lambda: connected.append(True))
    with listener:
        assert listener.connected
        wait_for(lambda: connected == [True], what="the connect hook")
        new_sequence(client, feature_project)  # another project: filtered out
        started = time.monotonic()
        created = new_sequence(client, project)
        answered = time.monotonic()
        wait_for(lambda: len(plain) == 1, what="sequence:new")
        latency = recorder.time_of(created["id"]) - started
        assert listener.wait(0.05) is False  # still running
    assert not listener.running
    assert plain == [{"project_id": project["id"], "sequence_id": created["id"]}]
    assert recorder.sequences() == [(created["id"], False)]
    assert all(d.get("project_id") == project["id"] for _, d, _, _ in recorder.seen)
    report(
        capsys,
        record_property,
        latency_write_to_handler=latency,
        latency_after_http_answer=recorder.time_of(created["id"]) - answered,
    )
    assert latency < 2.0


def test_listener_run_blocks_until_stopped(client: KitsuClient, project: dict[str, Any]) -> None:
    listener = EventListener(client, project=project, catch_up=False)
    got: list[str] = []
    listener.on("sequence:new", lambda data: got.append(data["sequence_id"]))
    runner = threading.Thread(target=listener.run, daemon=True)
    runner.start()
    wait_for(lambda: listener.connected, what="the connection")
    created = new_sequence(client, project)
    wait_for(lambda: got == [created["id"]], what="sequence:new")
    started = time.monotonic()
    listener.stop()
    runner.join(5)
    assert not runner.is_alive() and time.monotonic() - started < 5


def test_gazu_init_add_listener_run_client(client: KitsuClient, project: dict[str, Any]) -> None:
    event_client = events.init(client)
    got: list[dict[str, Any]] = []
    assert events.add_listener(event_client, "sequence:new", got.append) is event_client
    runner = threading.Thread(target=events.run_client, args=(event_client,), daemon=True)
    runner.start()
    created = new_sequence(client, project)
    wait_for(lambda: any(d["sequence_id"] == created["id"] for d in got), what="sequence:new")
    event_client.disconnect()
    runner.join(5)
    assert not runner.is_alive()


def test_a_wrong_event_host_is_a_clear_error(client: KitsuClient, kitsu_host: str) -> None:
    api_as_events = new_client(kitsu_host, token=client.tokens)
    api_as_events.set_event_host(kitsu_host)  # a root-served Zou API has no socket.io
    with pytest.raises(KitsuConnectionError, match="set the event host"):
        events.init(api_as_events, reconnection=False)
    nothing = new_client(kitsu_host, token=client.tokens)
    nothing.set_event_host("http://127.0.0.1:9")
    with pytest.raises(KitsuConnectionError, match="cannot connect to the event server"):
        EventListener(nothing).start()
    assert events.connect_error("logged") == "logged"


# -- the event log --------------------------------------------------------------------------------


def test_event_log_and_login_logs(client: KitsuClient, project: dict[str, Any]) -> None:
    created = new_sequence(client, project)
    last = events.get_last_events(10, project, client=client)
    assert last and all(row["project_id"] == project["id"] for row in last)
    mine = [row for row in last if row["data"].get("sequence_id") == created["id"]]
    assert [row["name"] for row in mine] == ["sequence:new"]
    # Newest first, times in UTC to the second; `after` takes that format back.
    assert [row["created_at"] for row in last] == sorted(
        (row["created_at"] for row in last), reverse=True
    )
    after = events.get_last_events(
        100, project, after=mine[0]["created_at"][:10], name="sequence:new", client=client
    )
    assert created["id"] in {row["data"]["sequence_id"] for row in after}
    older = events.get_last_events(5, project, client=client, cursor_event_id=last[0]["id"])
    assert last[0]["id"] not in {row["id"] for row in older}
    logins = events.get_last_login_logs(limit=3, client=client)
    assert 1 <= len(logins) <= 3 and {"person_id", "created_at", "origin"} <= set(logins[0])


# -- restarting the events server -----------------------------------------------------------------


def _script(command: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    for ours, theirs in (("KITSU_ZOU_HOME", "ZOU_HOME"), ("KITSU_ZOU_VENV", "ZOU_VENV")):
        if os.environ.get(ours):
            env[theirs] = os.environ[ours]
    return subprocess.run(
        ["bash", str(SCRIPT), command], capture_output=True, text=True, env=env, timeout=180
    )


def _events_up(event_host: str) -> bool:
    import requests

    try:
        answer = requests.get(f"{event_host}/socket.io/?EIO=4&transport=polling", timeout=2)
    except requests.RequestException:
        return False
    return answer.text.startswith("0{")


@pytest.fixture
def restartable_events(client: KitsuClient) -> Iterator[Callable[[str], None]]:
    """`control("stop")` / `control("start")` for the local events server; restarted at the end."""
    event_host = client.event_host
    if not (os.environ.get("KITSU_ZOU_HOME") or SCRIPT.exists()):
        missing(
            "no scripts/local-kitsu.sh and KITSU_ZOU_HOME unset: cannot restart the events server"
        )
    if urlsplit(event_host).hostname not in ("127.0.0.1", "localhost"):
        pytest.skip(f"the events server {event_host} is not local: not restarting it")
    if "stop-events" not in SCRIPT.read_text():
        pytest.skip("scripts/local-kitsu.sh has no stop-events subcommand yet")

    def control(action: str) -> None:
        done = _script(f"{action}-events")
        assert done.returncode == 0, done.stderr
        if action == "stop" and _events_up(event_host):
            pytest.skip(f"{event_host} was not started by scripts/local-kitsu.sh: cannot stop it")

    yield control
    if not _events_up(event_host):
        _script("start-events")


def test_events_server_restart_delivers_every_change_once(
    client: KitsuClient,
    project: dict[str, Any],
    restartable_events: Callable[[str], None],
    capsys: pytest.CaptureFixture[str],
    record_property: Callable[[str, Any], None],
) -> None:
    listener = EventListener(client, project=project, reconnection_delay_max=2)
    recorder = Recorder()
    listener.on_any(recorder)
    reconnected: list[float] = []
    listener.on_reconnect(lambda: reconnected.append(time.monotonic()))
    connected_at: list[float] = []
    listener.on_connect(lambda: connected_at.append(time.monotonic()))
    disconnected: list[float] = []
    listener.on_disconnect(lambda: disconnected.append(time.monotonic()))
    with listener:
        before = new_sequence(client, project)
        wait_for(lambda: (before["id"], False) in recorder.sequences(), what="the first event")
        time.sleep(1.1)  # Zou's times are to the second: keep the gap apart from the start
        restartable_events("stop")
        wait_for(lambda: bool(disconnected), what="the disconnect hook")
        gap = [new_sequence(client, project)["id"] for _ in range(3)]
        restartable_events("start")
        server_back = time.monotonic()
        wait_for(lambda: bool(reconnected), timeout=60, what="the reconnection")
        after = new_sequence(client, project)
        wait_for(lambda: (after["id"], False) in recorder.sequences(), what="the event after")
        time.sleep(1.0)  # let any duplicate show up
    seen = recorder.sequences()
    assert seen == [(before["id"], False), *((g, True) for g in gap), (after["id"], False)]
    report(
        capsys,
        record_property,
        reconnect_after_server_back=connected_at[-1] - server_back,
        outage_disconnect_to_connect=listener.stats["last_outage_seconds"],
        catch_up_fetch_and_deliver=listener.stats["last_catch_up_seconds"],
    )
    assert listener.stats["reconnects"] == 1 and listener.stats["replayed"] >= 3


def test_gazu_functions_deliver_what_was_sent_while_the_events_server_was_down(
    client: KitsuClient,
    project: dict[str, Any],
    restartable_events: Callable[[str], None],
    capsys: pytest.CaptureFixture[str],
    record_property: Callable[[str, Any], None],
) -> None:
    """What a gazu script that only changed its import runs: init / add_listener / run_client.
    The sequences made while the events server is stopped reach the handler once it is back,
    each once, between the one made before and the one made after."""
    event_client = events.init(client, reconnection_delay_max=2)
    got: list[str] = []
    lock = threading.Lock()

    def on_sequence(data: dict[str, Any]) -> None:  # gazu's handler(data)
        if data.get("project_id") == project["id"]:
            with lock:
                got.append(data["sequence_id"])

    def seen() -> list[str]:
        with lock:
            return list(got)

    events.add_listener(event_client, "sequence:new", on_sequence)
    runner = threading.Thread(target=events.run_client, args=(event_client,), daemon=True)
    runner.start()
    listener = event_client.kitsu_listener
    try:
        before = new_sequence(client, project)["id"]
        wait_for(lambda: seen() == [before], what="the first event")
        time.sleep(1.1)  # Zou's times are to the second: keep the gap apart from the start
        restartable_events("stop")
        wait_for(lambda: not event_client.connected, what="the disconnection")
        gap = [new_sequence(client, project)["id"] for _ in range(3)]
        restartable_events("start")
        wait_for(lambda: listener.stats["reconnects"] >= 1, timeout=60, what="the reconnection")
        after = new_sequence(client, project)["id"]
        wait_for(lambda: after in seen(), what="the event after")
        time.sleep(1.0)  # let any duplicate show up
    finally:
        event_client.disconnect()
        runner.join(10)
    assert seen() == [before, *gap, after]
    assert not runner.is_alive() and not listener.running
    report(capsys, record_property, gazu_outage=listener.stats["last_outage_seconds"])


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
    short = new_client(str(short_host))
    if not short.host_is_valid():
        missing(f"{short_host} does not answer like Zou")
    short.log_in(*kitsu_credentials)
    lifetime = float(os.environ.get("KITSU_SHORT_ACCESS_SECONDS", "4"))
    first_token = short.tokens["access_token"]
    listener = EventListener(short, project=project, reconnection_delay_max=2)
    recorder = Recorder()
    listener.on_any(recorder)
    reconnected: list[float] = []
    listener.on_reconnect(lambda: reconnected.append(time.monotonic()))
    with listener:
        time.sleep(lifetime + 1.5)  # the token the listener connected with is now expired
        live = new_sequence(short, project)
        wait_for(lambda: (live["id"], False) in recorder.sequences(), what="an event after expiry")
        time.sleep(lifetime + 1.5)
        restartable_events("stop")
        wait_for(lambda: not listener.connected, what="the disconnection")
        gap = new_sequence(short, project)
        restartable_events("start")
        wait_for(lambda: bool(reconnected), timeout=60, what="the reconnection")
        after = new_sequence(short, project)
        wait_for(lambda: (after["id"], False) in recorder.sequences(), what="the event after")
    assert recorder.sequences() == [(live["id"], False), (gap["id"], True), (after["id"], False)]
    handshake_at, handshake_exp = listener.credentials.handshakes[-1]
    assert handshake_exp is not None and handshake_exp > handshake_at  # not an expired token
    assert short.tokens["access_token"] != first_token and short.refresh_count > 0
    report(capsys, record_property, short_token_outage=listener.stats["last_outage_seconds"])
