"""gazu's event functions (`events.init` / `add_listener` / `run_client`) on an EventListener,
without a network: a real socketio.Client (kitsu_sdk._event_client.EventClient) over FakeEngine,
an engineio.Client stand-in that plays the events server (handshakes, namespace answers, events,
a server that goes down and comes back), and `responses` for Zou's REST routes.

Covered: what `init` returns and sends, clear errors, handlers called as gazu calls them, the
events stored while the server was down delivered after it is back once each (a live copy that
arrives late included), fresh credentials at the reconnection, `disconnect()` and `run_client`
ending the listener, connect/disconnect/catch-all handlers on `/events`.
"""

from __future__ import annotations

import email.utils
import json
import logging
import threading
import time
from collections.abc import Iterator
from typing import Any, Callable, Optional

import engineio
import pytest
import responses
import socketio
from responses import matchers
from unit_helpers import make_jwt, url

from kitsu_sdk import KitsuClient, _event_client, events
from kitsu_sdk._event_client import EventClient
from kitsu_sdk._event_core import format_server_time
from kitsu_sdk._log_redaction import _FILTER
from kitsu_sdk.exception import KitsuConnectionError

PROJECT = "a1b2c3d4-0000-4000-8000-000000000001"
PERSON = "a1b2c3d4-0000-4000-8000-0000000000aa"
FAST = {"reconnection_delay": 0.01, "reconnection_delay_max": 0.05, "randomization_factor": 0}


def row(n: int, name: str, data: dict[str, Any], created: float) -> dict[str, Any]:
    """A stored event as GET /data/events/last returns it."""
    return {
        "id": f"e0000000-0000-4000-8000-{n:012d}",
        "created_at": format_server_time(created),
        "name": name,
        "user_id": PERSON,
        "project_id": data.get("project_id"),
        "data": data,
    }


def wait_for(predicate: Callable[[], bool], timeout: float = 5.0, state: Any = None) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(
                f"condition not met in time: {state() if callable(state) else state!r}"
            )
        time.sleep(0.005)


class FakeEngine:
    """engineio.Client without a network, under a real socketio.Client: it plays the events
    server and logs what it sends as engineio does (`Sending packet MESSAGE data ...`, INFO)."""

    made: list[FakeEngine] = []
    #: Applied to each new engine (a test sets it before `init` builds the socket).
    preset: dict[str, Any] = {}

    def __init__(self, **options: Any) -> None:
        self.options = options
        self.handlers: dict[str, Callable[..., Any]] = {}
        self.state = "disconnected"
        self.sid: Optional[str] = None
        self.down = False  # the server is stopped: every connection attempt fails
        self.status: Optional[int] = None  # the server answers this HTTP status instead
        self.refuse: Optional[str] = None  # the namespace is refused with this message
        self.url: Optional[str] = None
        self.handshakes: list[dict[str, str]] = []  # the headers of each successful attempt
        self.attempts = 0
        self.sent: list[str] = []  # the socket.io packets the client sent
        self.closed = threading.Event()
        given = options.get("logger")
        self.logger = (
            given if given not in (None, True, False) else logging.getLogger("engineio.client")
        )
        self.__dict__.update(self.preset)
        FakeEngine.made.append(self)

    # what socketio.Client asks of its engine
    def on(self, event: str, handler: Callable[..., Any]) -> None:
        self.handlers[event] = handler

    def create_event(self) -> threading.Event:
        return threading.Event()

    def start_background_task(self, target: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        thread = threading.Thread(target=target, args=args, kwargs=kwargs, daemon=True)
        thread.start()
        return thread

    def sleep(self, seconds: float = 0) -> None:
        time.sleep(min(seconds, 0.01))

    def connect(self, url: str, headers: Optional[dict[str, str]] = None, **kwargs: Any) -> None:
        self.attempts += 1
        if self.down:
            raise engineio.exceptions.ConnectionError("Connection refused by the server")
        if self.status is not None:
            raise engineio.exceptions.ConnectionError(
                f"Unexpected status code {self.status} in server response"
            )
        self.url = url
        self.handshakes.append(dict(headers or {}))
        self.state = "connected"
        self.sid = f"eio-{self.attempts}"
        self.closed.clear()
        self.handlers["connect"]()

    def send(self, data: str) -> None:
        self.logger.info("Sending packet %s data %s", "MESSAGE", data)
        self.sent.append(data)
        if data.startswith("0"):  # a namespace CONNECT: the server answers it
            namespace = data[1:].split(",", 1)[0] or "/"
            answer = {"message": self.refuse} if self.refuse else {"sid": f"sid-{self.sid}"}
            self.receive(f"{4 if self.refuse else 0}{namespace},{json.dumps(answer)}")

    def disconnect(self, abort: bool = False, reason: Any = None) -> None:
        if self.state == "connected":
            self.state = "disconnecting"
            self.handlers["disconnect"](reason or "client disconnect")
        self.state = "disconnected"
        self.closed.set()

    def wait(self) -> None:
        self.closed.wait(10)

    # what the test does as the server
    def receive(self, data: str) -> None:
        self.handlers["message"](data)

    def emit(self, name: str, data: Any) -> None:
        self.receive("2/events," + json.dumps([name, data]))

    def stop_server(self) -> None:
        """The events server stops: the transport breaks, socketio starts reconnecting."""
        self.down = True
        self.handlers["disconnect"]("transport error")  # still 'connected': socketio retries
        self.state = "disconnected"
        self.closed.set()

    def connect_packets(self) -> list[dict[str, Any]]:
        """The auth payloads of the namespace CONNECT packets sent so far."""
        return [json.loads(p.split(",", 1)[1] or "null") for p in self.sent if p.startswith("0")]


class FakeEventClient(EventClient):
    def _engineio_client_class(self) -> type[FakeEngine]:
        return FakeEngine


@pytest.fixture
def gazu(
    api: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch
) -> Iterator[list[FakeEngine]]:
    """`events.init` builds FakeEventClients; GET / tells the server's time; the history is
    readable (an empty log until a test says otherwise). Yields the engines made."""
    monkeypatch.setattr(_event_client, "EventClient", FakeEventClient)
    monkeypatch.setattr(events, "SETTLE_SECONDS", 0.0)
    monkeypatch.setattr(FakeEngine, "made", [])
    monkeypatch.setattr(FakeEngine, "preset", {})
    api.get(url(""), json={"api": "Zou"}, headers={"Date": email.utils.formatdate(usegmt=True)})
    api.get(url("data/events/last"), json=[], match=[matchers.query_param_matcher({"limit": "1"})])
    yield FakeEngine.made
    for engine in FakeEngine.made:  # whatever a failed test left running
        engine.down = True
    for socket in list(_started):
        socket.disconnect()
    _started.clear()


_started: list[Any] = []


def start(client: KitsuClient, **options: Any) -> Any:
    socket = events.init(client, **{**FAST, "handle_sigint": False, **options})
    _started.append(socket)
    return socket


# -- init ------------------------------------------------------------------------------------------


def test_init_returns_a_connected_socketio_client_running_a_listener(
    gazu: list[FakeEngine], client: KitsuClient
) -> None:
    event_client = start(client, reconnection_delay_max=3)
    engine = gazu[0]
    assert isinstance(event_client, socketio.Client) and event_client.connected
    listener = event_client.kitsu_listener
    assert isinstance(listener, events.EventListener) and listener.running
    assert listener.socket is event_client and listener.dispatcher.project_ids is None
    assert event_client.reconnection is True and event_client.reconnection_delay_max == 3
    assert engine.url == "http://kitsu.test" and event_client.connection_namespaces == ["/events"]
    token = client.tokens["access_token"]
    assert engine.handshakes == [{"Authorization": f"Bearer {token}"}]
    assert engine.connect_packets() == [{"token": token}]
    event_client.disconnect()
    assert not listener.running and not event_client.connected


def test_init_passes_gazu_options_to_socketio(
    client: KitsuClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[dict[str, Any]] = []

    def new_socket(c: KitsuClient, ssl_verify: Any, socket_class: Any, **options: Any) -> Any:
        made.append({"ssl_verify": ssl_verify, "class": socket_class, **options})
        raise RuntimeError("stop here")

    monkeypatch.setattr(events, "_new_socket", new_socket)
    monkeypatch.setattr(events, "measure_clock_offset", lambda c: None)
    with pytest.raises(RuntimeError, match="stop here"):
        events.init(client, False, reconnection=False, logger=True, request_timeout=3)
    assert made == [
        {
            "ssl_verify": False,
            "class": EventClient,
            "handle_sigint": True,  # socketio's default, as gazu's client had
            "request_timeout": 3,
            "reconnection": False,
            "logger": True,
        }
    ]


@pytest.mark.parametrize(
    ("preset", "expected"),
    [
        ({"refuse": "Token has expired"}, "refused the /events namespace"),
        ({"status": 404}, "set the event host"),
        ({"down": True}, "cannot connect to the event server at http://kitsu.test"),
    ],
)
def test_init_turns_connection_failures_into_clear_errors(
    gazu: list[FakeEngine],
    client: KitsuClient,
    monkeypatch: pytest.MonkeyPatch,
    preset: dict[str, Any],
    expected: str,
) -> None:
    monkeypatch.setattr(FakeEngine, "preset", preset)
    before = threading.active_count()
    with pytest.raises(KitsuConnectionError, match=expected):
        start(client, reconnection=False)
    wait_for(lambda: threading.active_count() <= before)
    assert not any(
        _FILTER in logging.getLogger(n).filters for n in ("engineio.client", "kitsu_sdk")
    )


# -- handlers, catch-up, de-duplication ---------------------------------------------------------


@pytest.mark.parametrize("d_arrives", ["while the log is read", "after the replay began"])
def test_events_sent_while_the_server_was_down_are_delivered_after_it_is_back_once_each(
    gazu: list[FakeEngine], api: responses.RequestsMock, client: KitsuClient, d_arrives: str
) -> None:
    event_client = start(client)
    engine = gazu[0]
    sequences: list[Any] = []
    shots: list[Any] = []
    names: list[str] = []
    d = {"sequence_id": "d", "project_id": PROJECT}

    def on_sequence(data: Any) -> None:  # gazu's handler(data)
        sequences.append(data)
        if data["sequence_id"] == "b" and d_arrives == "after the replay began":
            engine.emit("sequence:new", d)  # the live copy of a stored event, late

    events.add_listener(event_client, "sequence:new", on_sequence)

    @event_client.on("shot:new", namespace="/events")  # socketio's own registration
    def on_shot(data: Any) -> None:
        shots.append(data["shot_id"])

    event_client.on("*", lambda name, data: names.append(name), namespace="/events")
    listener = event_client.kitsu_listener

    engine.emit("sequence:new", {"sequence_id": "a", "project_id": PROJECT})
    wait_for(lambda: len(sequences) == 1, state=sequences)
    live_at = listener.dispatcher.server_now()

    engine.stop_server()
    wait_for(lambda: not event_client.connected and engine.attempts >= 2)
    # Stored while the server was down (Zou's times are to the second: stamped a little after
    # the first connection): b, c, a shot, and d, whose live copy comes after the reconnection;
    # a, delivered live before, is in the log as well.
    later = listener.dispatcher.floor + 2
    stored = [
        row(5, "sequence:new", d, later + 0.3),
        row(4, "shot:new", {"shot_id": "s1", "project_id": PROJECT}, later + 0.2),
        row(3, "sequence:new", {"sequence_id": "c", "project_id": PROJECT}, later + 0.2),
        row(2, "sequence:new", {"sequence_id": "b", "project_id": PROJECT}, later),
        row(1, "sequence:new", {"sequence_id": "a", "project_id": PROJECT}, live_at),
    ]

    def history(request: Any) -> tuple[int, dict[str, str], str]:
        if d_arrives == "while the log is read":
            engine.emit("sequence:new", d)
        return 200, {}, json.dumps(stored)

    api.add_callback(
        responses.GET,
        url("data/events/last"),
        callback=history,
        match=[matchers.query_param_matcher({"limit": "1000"}, strict_match=False)],
    )
    fresh = make_jwt(7200)
    client.set_tokens({"access_token": fresh, "refresh_token": make_jwt(86400)})
    engine.down = False  # the server is back: socketio's reconnection loop gets in
    wait_for(lambda: listener.stats["reconnects"] == 1 and len(sequences) == 4, state=sequences)
    time.sleep(0.2)  # let any duplicate show up

    assert [d["sequence_id"] for d in sequences] == ["a", "b", "c", "d"]
    assert shots == ["s1"]
    assert sorted(names) == sorted(["sequence:new"] * 4 + ["shot:new"])
    # d is delivered live when its copy came before the replay was planned, else replayed (and
    # its late copy dropped): once either way.
    late = d_arrives == "after the replay began"
    assert listener.stats["replayed"] == (4 if late else 3)
    assert listener.stats["live"] == (1 if late else 2)
    # The reconnection carried the token the client held then, in the header and the payload.
    assert engine.handshakes[1] == {"Authorization": f"Bearer {fresh}"}
    assert engine.connect_packets()[-1] == {"token": fresh}


def test_handlers_are_called_as_gazu_calls_them_and_errors_are_logged(
    gazu: list[FakeEngine], client: KitsuClient, caplog: pytest.LogCaptureFixture
) -> None:
    event_client = start(client)
    got: list[tuple[Any, ...]] = []

    def boom(data: Any) -> None:
        raise RuntimeError("handler bug")

    def two_params(data: Any, extra: Any = "default") -> None:  # never handed a context
        got.append((data["n"], extra))

    assert events.add_listener(event_client, "task:update", boom) is event_client
    events.add_listener(event_client, "task:update", two_params)
    with caplog.at_level(logging.ERROR, logger="kitsu_sdk.events"):
        gazu[0].emit("task:update", {"n": 1})
        gazu[0].emit("task:update", {"n": 2})
        wait_for(lambda: len(got) == 2, state=got)
    assert got == [(1, "default"), (2, "default")]
    failures = [r for r in caplog.records if "boom for task:update failed" in r.getMessage()]
    assert len(failures) == 2 and "handler bug" in caplog.text


def test_connect_and_disconnect_handlers_on_events_become_the_listener_hooks(
    gazu: list[FakeEngine], client: KitsuClient
) -> None:
    event_client = start(client)
    engine = gazu[0]
    seen: list[Any] = []
    event_client.on("connect", lambda: seen.append("connect"), namespace="/events")
    event_client.on("disconnect", lambda reason: seen.append(reason), namespace="/events")
    own = event_client.handlers["/events"]["connect"]
    engine.stop_server()
    engine.down = False
    # (The first connection's hook may run too: it can still be queued when `on` registers.)
    wait_for(lambda: seen[-2:] == ["transport error", "connect"], state=seen)
    # The listener's own socket handlers are still in place (its catch-up depends on them).
    assert event_client.handlers["/events"]["connect"] is own
    assert event_client.kitsu_listener.stats["reconnects"] == 1


# -- the end ---------------------------------------------------------------------------------------


def test_disconnect_stops_the_listener_and_run_client_returns(
    gazu: list[FakeEngine], client: KitsuClient
) -> None:
    before = threading.active_count()
    event_client = start(client)
    listener = event_client.kitsu_listener
    runner = threading.Thread(target=events.run_client, args=(event_client,), daemon=True)
    runner.start()
    time.sleep(0.05)
    assert runner.is_alive()
    event_client.disconnect()
    runner.join(5)
    assert not runner.is_alive() and not listener.running and not event_client.connected
    wait_for(lambda: threading.active_count() <= before, state=threading.enumerate)
    assert _FILTER not in logging.getLogger("engineio.client").filters


def test_a_handler_may_disconnect_and_run_client_then_returns(
    gazu: list[FakeEngine], client: KitsuClient
) -> None:
    event_client = start(client)
    got: list[Any] = []

    def last(data: Any) -> None:
        got.append(data)
        event_client.disconnect()  # from the listener's worker thread

    events.add_listener(event_client, "shot:new", last)
    runner = threading.Thread(target=events.run_client, args=(event_client,), daemon=True)
    runner.start()
    gazu[0].emit("shot:new", {"shot_id": "s"})
    runner.join(5)
    assert not runner.is_alive() and got == [{"shot_id": "s"}]
    assert not event_client.kitsu_listener.running


def test_run_client_stops_the_listener_when_interrupted(
    gazu: list[FakeEngine], client: KitsuClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    event_client = start(client)

    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(event_client, "wait", interrupted)
    with pytest.raises(KeyboardInterrupt):
        events.run_client(event_client)
    assert not event_client.kitsu_listener.running and not event_client.connected


def test_other_namespaces_stay_socketio_own(gazu: list[FakeEngine], client: KitsuClient) -> None:
    event_client = start(client)

    def on_root(data: Any) -> None: ...

    event_client.on("message", on_root)  # the default namespace
    assert event_client.handlers["/"]["message"] is on_root
    event_client.on("connect_error", on_root, namespace="/events")
    assert event_client.handlers["/events"]["connect_error"] is on_root
