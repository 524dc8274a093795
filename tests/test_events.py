"""kitsu_sdk.events without a network: the event-log routes, gazu's socket helpers on a fake
socket, the dispatch core (filter, handler errors, de-duplication, replay order), the
fresh-credential callables, and EventListener driven through a fake socketio client."""

from __future__ import annotations

import datetime
import email.utils
import json
import logging
import subprocess
import sys
import threading
import time
from typing import Any, Callable, Optional

import pytest
import responses
from responses import matchers
from unit_helpers import HOST, make_jwt, url

from kitsu_sdk import KitsuClient, events
from kitsu_sdk._event_core import EventDispatcher, format_server_time
from kitsu_sdk.events import EventContext, EventListener
from kitsu_sdk.exception import InvalidIdError, InvalidInputError, KitsuConnectionError

PROJECT = "a1b2c3d4-0000-4000-8000-000000000001"
OTHER = "a1b2c3d4-0000-4000-8000-000000000002"
PERSON = "a1b2c3d4-0000-4000-8000-0000000000aa"


def ev(n: int) -> str:
    return f"e0000000-0000-4000-8000-{n:012d}"


def row(n: int, name: str, data: dict[str, Any], created: float) -> dict[str, Any]:
    """A stored event as GET /data/events/last returns it."""
    return {
        "id": ev(n),
        "created_at": format_server_time(created),
        "name": name,
        "user_id": PERSON,
        "project_id": data.get("project_id"),
        "data": data,
    }


def jwt(exp_in: float, lifetime: float = 3600.0) -> str:
    """An unsigned JWT-shaped token issued `lifetime - exp_in` seconds ago."""
    import base64
    import json

    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    now = time.time()
    claims = {"sub": PERSON, "exp": now + exp_in, "iat": now + exp_in - lifetime}
    return ".".join([part({"alg": "HS256"}), part(claims), "sig"])


def wait_for(predicate: Callable[[], bool], timeout: float = 5.0, state: Any = None) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met in time: {state!r}")
        time.sleep(0.01)


# -- the import stays light ---------------------------------------------------------------------


def test_importing_the_package_and_events_does_not_import_socketio() -> None:
    code = (
        "import sys, kitsu_sdk, kitsu_sdk.events, kitsu_sdk.event_names; "
        "print('socketio' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_event_names_cover_the_catalogue() -> None:
    from kitsu_sdk import event_names as N

    assert N.SHOT_NEW == "shot:new"
    assert N.TASK_STATUS_CHANGED == "task:status-changed"
    assert N.PLAYLIST_ADD_ENTITY == "playlist:add_entity"
    assert N.ASSET_INSTANCE_NEW == "asset-instance:new"
    assert N.ASSET_INSTANCE_NEW_UNDERSCORE == "asset_instance:new"
    assert len(N.ALL_EVENTS) == 206
    assert N.COMMENT_ACKNOWLEDGE in N.LIVE_ONLY_EVENTS and N.SHOT_NEW not in N.LIVE_ONLY_EVENTS
    assert N.ROOM_EVENTS <= N.LIVE_ONLY_EVENTS


# -- the event log routes -----------------------------------------------------------------------


def test_get_last_events_sends_the_filters(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    rows = [row(1, "shot:new", {"project_id": PROJECT}, time.time())]
    api.get(
        url("data/events/last"),
        json=rows,
        match=[
            matchers.query_param_matcher(
                {
                    "limit": "50",
                    "project_id": PROJECT,
                    "after": "2026-01-05T10:00:00",
                    "before": "2026-01-06",
                    "only_files": "true",
                    "name": "shot:new",
                }
            )
        ],
    )
    got = events.get_last_events(
        50, {"id": PROJECT}, "2026-01-05T10:00:00", datetime.date(2026, 1, 6), True, "shot:new",
        client=client,
    )  # fmt: skip
    assert got == rows


def test_get_last_events_converts_aware_datetimes_to_utc(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(
        url("data/events/last"),
        json=[],
        match=[matchers.query_param_matcher({"limit": "100", "after": "2026-01-05T08:00:00"})],
    )
    paris = datetime.timezone(datetime.timedelta(hours=2))
    assert (
        events.get_last_events(after=datetime.datetime(2026, 1, 5, 10, tzinfo=paris), client=client)
        == []
    )


def test_get_last_events_pages_past_zou_cap_with_the_cursor(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    first = [row(i, "shot:update", {}, 0) for i in range(1000)]
    second = [row(1000 + i, "shot:update", {}, 0) for i in range(200)]
    api.get(
        url("data/events/last"), json=first, match=[matchers.query_param_matcher({"limit": "1000"})]
    )
    api.get(
        url("data/events/last"),
        json=second,
        match=[matchers.query_param_matcher({"limit": "200", "cursor_event_id": ev(999)})],
    )
    assert len(events.get_last_events(1200, client=client)) == 1200
    assert len(api.calls) == 2


def test_get_last_events_with_a_cursor_is_one_page(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(
        url("data/events/last"),
        json=[],
        match=[matchers.query_param_matcher({"limit": "10", "cursor_event_id": ev(5)})],
    )
    assert events.get_last_events(10, client=client, cursor_event_id=ev(5)) == []


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"after": "05/01/2026"}, InvalidInputError),
        ({"before": "2026-01-05 10:00"}, InvalidInputError),
        ({"limit": 0}, InvalidInputError),
        ({"project": "My Project"}, InvalidIdError),
        ({"cursor_event_id": "nope"}, InvalidIdError),
    ],
)
def test_get_last_events_bad_input_before_network(
    api: responses.RequestsMock, client: KitsuClient, kwargs: dict[str, Any], error: type[Exception]
) -> None:
    with pytest.raises(error):
        events.get_last_events(client=client, **kwargs)
    assert len(api.calls) == 0


def test_get_last_login_logs(api: responses.RequestsMock, client: KitsuClient) -> None:
    logs = [{"id": ev(1), "person_id": PERSON, "ip_address": "127.0.0.1", "origin": "script"}]
    api.get(
        url("data/events/login-logs/last"),
        json=logs,
        match=[
            matchers.query_param_matcher(
                {
                    "limit": "5",
                    "after": "2026-01-05",
                    "cursor_login_log_id": ev(9),
                    "person_ids": [PERSON, OTHER],
                }
            )
        ],
    )
    got = events.get_last_login_logs(
        "2026-01-05", None, 5, ev(9), [{"id": PERSON}, OTHER], client=client
    )
    assert got == logs
    with pytest.raises(InvalidInputError):
        events.get_last_login_logs(before="yesterday", client=client)
    with pytest.raises(InvalidIdError):
        events.get_last_login_logs(person_ids=["Alice"], client=client)
    assert len(api.calls) == 1


# -- a fake socketio.Client ---------------------------------------------------------------------


class FakeSocket:
    """Records what the SDK asks of socketio.Client and lets a test play the server."""

    def __init__(self, **options: Any) -> None:
        self.options = options
        self.handlers: dict[tuple[str, str], Callable[..., Any]] = {}
        self.connected = False
        self.reconnection = options.get("reconnection", True)
        self.connect_kwargs: dict[str, Any] = {}
        self.handshakes: list[tuple[dict[str, str], Any]] = []
        self.fail: Optional[Exception] = None
        self.shutdown_delay = 0.0
        self.shutdowns = 0
        self.waited = False

    def on(self, event: str, handler: Callable[..., Any], namespace: Optional[str] = None) -> None:
        self.handlers[(namespace or "/", event)] = handler

    def connect(self, url: str, **kwargs: Any) -> None:
        self.connect_kwargs = {"url": url, **kwargs}
        if self.fail is not None:
            raise self.fail
        self.reconnect()

    def reconnect(self) -> None:
        """What socketio does on each attempt: evaluate the callables, then connect."""
        self.handshakes.append((self.connect_kwargs["headers"](), self.connect_kwargs["auth"]()))
        self.connected = True
        if ("/events", "connect") in self.handlers:
            self.handlers[("/events", "connect")]()

    def drop(self) -> None:
        self.connected = False
        self.handlers[("/events", "disconnect")]("transport close")

    def emit_event(self, name: str, data: Any) -> None:
        self.handlers[("/events", "*")](name, data)

    def shutdown(self) -> None:
        self.shutdowns += 1
        time.sleep(self.shutdown_delay)
        self.connected = False

    def wait(self) -> None:
        self.waited = True


# -- gazu's helpers (on a listener: tests/test_event_client.py) ----------------------------------


def test_new_socket_verifies_tls_and_uses_the_client_ca_bundle(tmp_path: Any) -> None:
    plain = events._new_socket(KitsuClient("https://k.test/api"), True)
    assert (
        plain.eio.ssl_verify is True
        and plain.reconnection_delay_max == events.RECONNECTION_DELAY_MAX
    )
    off = events._new_socket(KitsuClient("https://k.test/api"), False)
    assert off.eio.ssl_verify is False
    # gazu's None means "as the client": on unless the client turned it off.
    assert events._new_socket(KitsuClient("https://k.test/api"), None).eio.ssl_verify is True
    lax = KitsuClient("https://k.test/api", ssl_verify=False)
    assert events._new_socket(lax, None).eio.ssl_verify is False
    bundle = str(tmp_path / "ca.pem")
    custom = events._new_socket(KitsuClient("https://k.test/api", ssl_verify=bundle), True)
    assert custom.eio.ssl_verify is True and custom.eio.http.verify == bundle


def test_add_listener_guards_the_handler(caplog: pytest.LogCaptureFixture) -> None:
    socket = FakeSocket()
    seen: list[Any] = []

    def boom(data: Any) -> None:
        seen.append(data)
        raise RuntimeError("handler bug")

    assert events.add_listener(socket, "shot:new", boom) is socket
    with caplog.at_level(logging.ERROR, logger="kitsu_sdk.events"):
        socket.handlers[("/events", "shot:new")]({"shot_id": "x"})
    assert seen == [{"shot_id": "x"}]
    assert "handler bug" in caplog.text
    with pytest.raises(InvalidInputError):
        events.add_listener(socket, "", boom)
    with pytest.raises(InvalidInputError):
        events.add_listener(socket, "shot:new", "not callable")  # type: ignore[arg-type]


def test_run_client_waits_and_connect_error_logs(caplog: pytest.LogCaptureFixture) -> None:
    socket = FakeSocket()
    assert events.run_client(socket) is socket and socket.waited
    with caplog.at_level(logging.ERROR, logger="kitsu_sdk.events"):
        assert events.connect_error("refused") == "refused"
    assert "refused" in caplog.text


# -- fresh credentials --------------------------------------------------------------------------


def test_credentials_refresh_a_near_expiry_token_before_each_attempt(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    client.set_tokens({"access_token": jwt(10), "refresh_token": make_jwt(86400)})
    fresh = make_jwt(3600)
    api.get(url("auth/refresh-token"), json={"access_token": fresh})
    credentials = events._Credentials(client)
    assert credentials.headers() == {"Authorization": f"Bearer {fresh}"}
    assert credentials.auth() == {"token": fresh}
    # A later attempt (a reconnection) reads whatever the client holds then.
    newer = make_jwt(7200)
    client.set_tokens({"access_token": newer, "refresh_token": make_jwt(86400)})
    assert credentials.headers() == {"Authorization": f"Bearer {newer}"}
    assert len(api.calls) == 1


def test_credentials_log_in_again_when_the_refresh_fails(api: responses.RequestsMock) -> None:
    from kitsu_sdk._core.retry import RetryPolicy

    client = KitsuClient(HOST, retry=RetryPolicy(sleep=lambda s: None))
    api.post(
        url("auth/login"),
        json={"login": True, "access_token": make_jwt(-5), "refresh_token": make_jwt(-1)},
    )
    client.log_in("a@b.c", "pw")
    relogged = make_jwt(3600)
    api.get(url("auth/refresh-token"), status=401, json={"msg": "Token has expired"})
    api.post(
        url("auth/login"),
        json={"login": True, "access_token": relogged, "refresh_token": make_jwt(9)},
    )
    assert events._Credentials(client).headers() == {"Authorization": f"Bearer {relogged}"}


def test_credentials_never_raise_into_socketio(
    client: KitsuClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise RuntimeError("network down")

    monkeypatch.setattr(client.auth, "ensure_fresh", broken)
    token = client.tokens["access_token"]
    assert events._Credentials(client).headers() == {"Authorization": f"Bearer {token}"}


# -- the dispatch core --------------------------------------------------------------------------


def test_handlers_get_the_context_only_when_they_take_it() -> None:
    core = EventDispatcher()
    got: list[tuple[Any, ...]] = []
    core.add("shot:new", lambda data: got.append(("plain", data)))
    core.add("shot:new", lambda data, context: got.append(("ctx", data, context.replayed)))
    core.add_any(lambda name, data: got.append(("any", name)))
    core.add_any(lambda name, data, context: got.append(("any-ctx", name, context.name)))
    core.add_any(lambda *args: got.append(("var", len(args))))
    core.deliver({"shot_id": "s"}, EventContext("shot:new", replayed=True))
    assert got == [
        ("plain", {"shot_id": "s"}),
        ("ctx", {"shot_id": "s"}, True),
        ("any", "shot:new"),
        ("any-ctx", "shot:new", "shot:new"),
        ("var", 3),
    ]


def test_project_filter_keeps_only_that_project() -> None:
    core = EventDispatcher([PROJECT])
    got: list[Any] = []
    core.add_any(lambda name, data: got.append(name))
    assert core.deliver({"project_id": PROJECT}, EventContext("a:new"))
    assert not core.deliver({"project_id": OTHER}, EventContext("b:new"))
    assert not core.deliver({"person_id": PERSON}, EventContext("person:new"))
    assert got == ["a:new"]


def test_a_raising_handler_is_logged_and_the_others_still_run(
    caplog: pytest.LogCaptureFixture,
) -> None:
    core = EventDispatcher()
    got: list[str] = []

    def boom(data: Any) -> None:
        raise ValueError("bad handler")

    core.add("x:new", boom)
    core.add("x:new", lambda data: got.append("second"))
    with caplog.at_level(logging.ERROR, logger="kitsu_sdk.events"):
        core.deliver({}, EventContext("x:new"))
        core.deliver({}, EventContext("x:new"))
    assert got == ["second", "second"]
    assert core.handler_errors == 2 and "bad handler" in caplog.text


def test_registration_refuses_bad_input() -> None:
    core = EventDispatcher()
    with pytest.raises(InvalidInputError):
        core.add("", lambda data: None)
    with pytest.raises(InvalidInputError):
        core.add("x:new", None)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        core.add_any(42)  # type: ignore[arg-type]


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_replay_is_chronological_and_skips_what_came_live() -> None:
    clock = Clock(1_000_000.0)
    core = EventDispatcher(clock=clock)
    assert core.note_connected() is None  # the first connection: nothing to catch up
    clock.now += 5
    core.note_live("sequence:new", {"sequence_id": "a", "project_id": PROJECT})
    clock.now += 60  # disconnected; reconnects a minute later
    since = core.note_connected()
    assert since == pytest.approx(1_000_005.0 - core.margin)
    stored = [  # newest first, as Zou returns them
        row(3, "sequence:new", {"sequence_id": "c", "project_id": PROJECT}, 1_000_040.2),
        row(2, "sequence:new", {"sequence_id": "b", "project_id": PROJECT}, 1_000_040.1),
        row(1, "sequence:new", {"sequence_id": "a", "project_id": PROJECT}, 1_000_005.0),
    ]
    plan = core.plan_replay(stored)
    assert [r["id"] for r in plan] == [ev(2), ev(3)]  # same second: Zou's order kept, reversed
    assert core.plan_replay(stored) == []  # replayed ids are not replayed twice
    core.replay_done()


def test_identical_events_are_counted_not_collapsed() -> None:
    clock = Clock(2_000_000.0)
    core = EventDispatcher(clock=clock)
    core.note_connected()
    for _ in range(3):  # Zou sends project:update three times when a project is set up
        core.note_live("project:update", {"project_id": PROJECT})
    stored = [row(10 + i, "project:update", {"project_id": PROJECT}, 2_000_000.0) for i in range(4)]
    assert len(core.plan_replay(list(reversed(stored)))) == 1


def test_a_live_event_far_from_the_stored_time_is_not_its_copy() -> None:
    clock = Clock(3_000_000.0)
    core = EventDispatcher(clock=clock)
    core.note_connected()
    core.note_live("shot:update", {"shot_id": "s"})
    later = row(20, "shot:update", {"shot_id": "s"}, 3_000_000.0 + 3 * core.tolerance)
    assert core.plan_replay([later]) == [later]


def test_events_from_before_the_first_connection_are_not_replayed() -> None:
    clock = Clock(4_000_000.0)
    core = EventDispatcher(clock=clock)
    core.note_connected()
    before = row(30, "project:new", {"project_id": PROJECT}, 4_000_000.0 - 3)
    after = row(31, "project:update", {"project_id": PROJECT}, 4_000_000.0 + 2)
    assert core.plan_replay([after, before]) == [after]


def test_a_live_copy_arriving_after_the_replay_is_dropped_once() -> None:
    clock = Clock(6_000_000.0)
    core = EventDispatcher(clock=clock)
    core.note_connected()
    assert core.note_live("shot:new", {"shot_id": "a"}) is not None
    clock.now += 30  # disconnected; b was stored meanwhile, its live copy is late
    core.note_connected()
    missed = row(50, "shot:new", {"shot_id": "b"}, clock.now - 0.5)
    assert core.plan_replay([missed]) == [missed]
    assert core.note_live("shot:new", {"shot_id": "b"}) is None  # the copy: not delivered again
    core.replay_done()
    # The same payload again is a new event: delivered.
    assert core.note_live("shot:new", {"shot_id": "b"}) is not None
    clock.now += 3 * core.tolerance
    core.note_connected()
    again = row(51, "shot:new", {"shot_id": "c"}, clock.now)
    assert core.plan_replay([again]) == [again]
    clock.now += 3 * core.tolerance  # far from the stored time: not its copy
    assert core.note_live("shot:new", {"shot_id": "c"}) is not None


def test_live_entries_survive_a_long_outage_until_the_catch_up() -> None:
    clock = Clock(5_000_000.0)
    core = EventDispatcher(clock=clock)
    core.note_connected()
    core.note_live("task:update", {"task_id": "t"})
    clock.now += 600  # ten minutes down
    core.note_connected()
    core.note_live("task:update", {"task_id": "u"})  # a live event right after reconnecting
    old_copy = row(40, "task:update", {"task_id": "t"}, 5_000_000.0)
    assert core.plan_replay([old_copy]) == []


# -- EventListener on a fake socket -------------------------------------------------------------


@pytest.fixture
def server_clock(api: responses.RequestsMock) -> None:
    """GET / answers with the server's Date header (the listener reads the clock from it)."""
    api.get(url(""), json={"api": "Zou"}, headers={"Date": email.utils.formatdate(usegmt=True)})


@pytest.fixture
def sockets() -> list[FakeSocket]:
    return []


@pytest.fixture
def listener(
    client: KitsuClient, sockets: list[FakeSocket], monkeypatch: pytest.MonkeyPatch
) -> Any:
    monkeypatch.setattr(events, "SETTLE_SECONDS", 0.0)

    def factory(**options: Any) -> FakeSocket:
        sockets.append(FakeSocket(**options))
        return sockets[-1]

    made = EventListener(client, socket_factory=factory, stop_timeout=2.0)
    yield made
    made.stop()


def test_listener_delivers_in_order_and_survives_handler_errors(
    api: responses.RequestsMock,
    server_clock: None,
    listener: EventListener,
    sockets: list[FakeSocket],
) -> None:
    api.get(url("data/events/last"), json=[])
    got: list[tuple[str, Any, bool]] = []

    @listener.on("shot:new")
    def shot(data: Any) -> None:
        if data["n"] == 1:
            raise RuntimeError("first one breaks")
        got.append(("shot", data["n"], False))

    @listener.on_any
    def every(name: str, data: Any, context: EventContext) -> None:
        got.append((name, data["n"], context.replayed))

    connects: list[str] = []
    listener.on_connect(lambda: connects.append("connect"))
    with listener:
        socket = sockets[0]
        assert socket.options["handle_sigint"] is False
        assert socket.connect_kwargs["namespaces"] == ["/events"]
        for n in range(1, 4):
            socket.emit_event("shot:new", {"n": n})
        wait_for(lambda: len(got) == 5)
        assert listener.running and listener.connected
    assert got == [
        ("shot:new", 1, False),
        ("shot", 2, False),
        ("shot:new", 2, False),
        ("shot", 3, False),
        ("shot:new", 3, False),
    ]
    assert connects == ["connect"] and listener.dispatcher.handler_errors == 1
    assert abs(listener.dispatcher.clock_offset) < 2  # read from the Date header of GET /
    assert not listener.running and socket.shutdowns == 1


def test_listener_replays_the_gap_before_live_events_without_duplicates(
    api: responses.RequestsMock,
    server_clock: None,
    listener: EventListener,
    sockets: list[FakeSocket],
    client: KitsuClient,
) -> None:
    api.get(url("data/events/last"), json=[], match=[matchers.query_param_matcher({"limit": "1"})])
    got: list[tuple[str, str, bool]] = []
    hooks: list[str] = []
    listener.on_any(lambda name, data, ctx: got.append((name, data["sequence_id"], ctx.replayed)))
    listener.on_connect(lambda: hooks.append("connect"))
    listener.on_disconnect(lambda: hooks.append("disconnect"))
    listener.on_reconnect(lambda: hooks.append("reconnect"))
    listener.start()
    socket = sockets[0]
    socket.emit_event("sequence:new", {"sequence_id": "a", "project_id": PROJECT})
    wait_for(lambda: len(got) == 1)
    live_at = time.time() + listener.dispatcher.clock_offset

    time.sleep(2.1)  # Zou's times are to the second: the gap is after the first connection's
    socket.drop()
    # While down: b and c were created. Right after the reconnection d arrives live; the log
    # (read after) holds a (already delivered), b, c and d.
    now = time.time()
    stored = [
        row(4, "sequence:new", {"sequence_id": "d", "project_id": PROJECT}, now),
        row(3, "sequence:new", {"sequence_id": "c", "project_id": PROJECT}, now - 0.2),
        row(2, "sequence:new", {"sequence_id": "b", "project_id": PROJECT}, now - 0.4),
        row(1, "sequence:new", {"sequence_id": "a", "project_id": PROJECT}, live_at),
    ]
    api.get(
        url("data/events/last"),
        json=stored,
        match=[matchers.query_param_matcher({"limit": "1000"}, strict_match=False)],
    )
    client.set_tokens({"access_token": make_jwt(7200), "refresh_token": make_jwt(86400)})
    socket.reconnect()
    socket.emit_event("sequence:new", {"sequence_id": "d", "project_id": PROJECT})
    wait_for(lambda: hooks[-1:] == ["reconnect"] and len(got) == 4, state=(got, hooks, api.calls))
    time.sleep(0.1)
    assert got == [
        ("sequence:new", "a", False),
        ("sequence:new", "b", True),
        ("sequence:new", "c", True),
        ("sequence:new", "d", False),
    ]
    assert hooks == ["connect", "disconnect", "connect", "reconnect"]
    after = api.calls[-1].request.params["after"]  # type: ignore[attr-defined]
    since = datetime.datetime.strptime(after, "%Y-%m-%dT%H:%M:%S").replace(
        tzinfo=datetime.timezone.utc
    )
    assert live_at - 20 < since.timestamp() < live_at - 10  # the margin behind the last live event
    # The reconnection sent the token the client held then, not the first one.
    assert socket.handshakes[1][0]["Authorization"] == f"Bearer {client.tokens['access_token']}"
    assert socket.handshakes[0] != socket.handshakes[1]
    assert listener.stats["reconnects"] == 1 and listener.stats["replayed"] == 2


def test_listener_without_history_rights_says_so_once_and_stays_live(
    api: responses.RequestsMock,
    server_clock: None,
    listener: EventListener,
    sockets: list[FakeSocket],
    caplog: pytest.LogCaptureFixture,
) -> None:
    api.get(url("data/events/last"), status=403, json={"error": True, "message": "Forbidden"})
    got: list[str] = []
    reconnected: list[int] = []
    listener.on("task:update", lambda data: got.append(data["task_id"]))
    listener.on_reconnect(lambda: reconnected.append(1))
    with caplog.at_level(logging.WARNING, logger="kitsu_sdk.events"):
        listener.start()
        socket = sockets[0]
        for _ in range(2):
            socket.drop()
            socket.reconnect()
        socket.emit_event("task:update", {"task_id": "t"})
        wait_for(lambda: got == ["t"] and len(reconnected) == 2)
    assert caplog.text.count("managers and admins only") == 1
    assert len([c for c in api.calls if "events/last" in str(c.request.url)]) == 1


def test_stop_returns_promptly_even_when_the_socket_hangs(
    api: responses.RequestsMock, server_clock: None, client: KitsuClient
) -> None:
    api.get(url("data/events/last"), json=[])
    socket = FakeSocket()
    socket.shutdown_delay = 10.0
    listener = EventListener(
        client, socket_factory=lambda **o: socket, stop_timeout=0.5, catch_up=False
    )
    listener.start()
    started = time.monotonic()
    listener.stop()
    assert time.monotonic() - started < 1.5
    assert not listener.running and socket.reconnection is False


def test_a_failed_start_raises_and_leaves_nothing_running(
    api: responses.RequestsMock, server_clock: None, client: KitsuClient
) -> None:
    import socketio

    socket = FakeSocket()
    socket.fail = socketio.exceptions.ConnectionError(
        "Unexpected status code 404 in server response"
    )
    listener = EventListener(client, socket_factory=lambda **o: socket)
    before = threading.active_count()
    with pytest.raises(KitsuConnectionError, match="set the event host"):
        listener.start()
    assert not listener.running
    wait_for(lambda: threading.active_count() <= before)


def test_listener_project_filter_and_wait(
    api: responses.RequestsMock, server_clock: None, client: KitsuClient
) -> None:
    api.get(url("data/events/last"), json=[])
    socket = FakeSocket()
    listener = EventListener(client, project=[{"id": PROJECT}], socket_factory=lambda **o: socket)
    got: list[str] = []

    @listener.on("shot:new")
    def shot(data: Any) -> None:
        got.append(data["project_id"])
        listener.stop()  # stopping from a handler is allowed

    listener.start()
    socket.emit_event("shot:new", {"project_id": OTHER})
    socket.emit_event("shot:new", {"project_id": PROJECT})
    assert listener.wait(5)
    assert got == [PROJECT]
    with pytest.raises(InvalidIdError):
        EventListener(client, project="Big Buck Bunny")


def test_clock_offset_from_the_date_header(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    from kitsu_sdk._event_core import measure_clock_offset

    ahead = email.utils.formatdate(time.time() + 120, usegmt=True)
    api.get(url(""), json={"api": "Zou"}, headers={"Date": ahead})
    assert measure_clock_offset(client) == pytest.approx(120, abs=2)
    api.replace(responses.GET, url(""), json={"api": "Zou"}, headers={"Date": "garbage"})
    assert measure_clock_offset(client) is None


def test_token_exp_reads_the_claim_or_gives_none() -> None:
    from kitsu_sdk._event_core import token_exp

    assert token_exp(jwt(30)) == pytest.approx(time.time() + 30, abs=2)
    assert token_exp("not-a-jwt") is None and token_exp(None) is None


def test_a_restarted_listener_replays_what_it_missed_and_ignores_the_old_socket(
    api: responses.RequestsMock,
    server_clock: None,
    listener: EventListener,
    sockets: list[FakeSocket],
) -> None:
    api.get(url("data/events/last"), json=[], match=[matchers.query_param_matcher({"limit": "1"})])
    got: list[tuple[str, bool]] = []
    listener.on("shot:new", lambda data, ctx: got.append((data["shot_id"], ctx.replayed)))
    listener.start()
    sockets[0].emit_event("shot:new", {"shot_id": "a"})
    wait_for(lambda: got == [("a", False)], state=got)
    time.sleep(2.1)  # Zou's times are to the second
    listener.stop()
    missed = row(7, "shot:new", {"shot_id": "b"}, time.time())
    api.get(
        url("data/events/last"),
        json=[missed],
        match=[matchers.query_param_matcher({"limit": "1000"}, strict_match=False)],
    )
    listener.start()
    sockets[0].emit_event("shot:new", {"shot_id": "stale"})  # the first run's socket
    sockets[1].emit_event("shot:new", {"shot_id": "c"})
    wait_for(lambda: len(got) == 3, state=got)
    time.sleep(0.1)
    assert got == [("a", False), ("b", True), ("c", False)]


def counting_reads(listener: EventListener) -> list[float]:
    """Record each read of the event log the listener starts (whatever the client retries)."""
    reads: list[float] = []
    read = listener._missed_events

    def counted(since: float) -> Any:
        reads.append(since)
        return read(since)

    listener._missed_events = counted  # type: ignore[method-assign]
    return reads


def test_a_catch_up_the_api_cannot_serve_yet_is_read_again(
    api: responses.RequestsMock,
    server_clock: None,
    listener: EventListener,
    sockets: list[FakeSocket],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Kitsu restarted: the events server is back before the API; the first reads of the log
    fail (after the client's own retries: refused, then 503), the third gets the missed
    events."""
    import requests

    api.get(url("data/events/last"), json=[], match=[matchers.query_param_matcher({"limit": "1"})])
    got: list[tuple[str, bool]] = []
    listener.on("shot:new", lambda data, ctx: got.append((data["shot_id"], ctx.replayed)))
    listener.catch_up_delays = (0.0, 0.0, 0.0)
    reads = counting_reads(listener)
    listener.start()
    socket = sockets[0]
    socket.drop()
    later = (listener.dispatcher.floor or 0.0) + 2

    def history(request: Any) -> Any:
        if len(reads) == 1:
            raise requests.ConnectionError("refused")
        if len(reads) == 2:
            return 503, {}, '{"message": "starting"}'
        return 200, {}, json.dumps([row(9, "shot:new", {"shot_id": "m"}, later)])

    api.add_callback(
        responses.GET,
        url("data/events/last"),
        callback=history,
        match=[matchers.query_param_matcher({"limit": "1000"}, strict_match=False)],
    )
    with caplog.at_level(logging.WARNING, logger="kitsu_sdk.events"):
        socket.reconnect()
        wait_for(lambda: got == [("m", True)], state=got)
    assert len(reads) == 3 and len(set(reads)) == 1  # the same gap, read again
    assert caplog.text.count("could not read the events missed since") == 2
    assert listener.stats["reconnects"] == 1 and listener.stats["replayed"] == 1


def test_a_catch_up_that_never_gets_the_log_gives_up_loudly_and_stays_live(
    api: responses.RequestsMock,
    server_clock: None,
    listener: EventListener,
    sockets: list[FakeSocket],
    caplog: pytest.LogCaptureFixture,
) -> None:
    import requests

    api.get(url("data/events/last"), json=[], match=[matchers.query_param_matcher({"limit": "1"})])
    got: list[str] = []
    reconnected: list[int] = []
    listener.on("shot:new", lambda data: got.append(data["shot_id"]))
    listener.on_reconnect(lambda: reconnected.append(1))
    listener.catch_up_delays = (0.0, 0.0)
    reads = counting_reads(listener)
    listener.start()
    socket = sockets[0]
    socket.drop()
    api.get(
        url("data/events/last"),
        body=requests.ConnectionError("refused"),
        match=[matchers.query_param_matcher({"limit": "1000"}, strict_match=False)],
    )
    with caplog.at_level(logging.WARNING, logger="kitsu_sdk.events"):
        socket.reconnect()
        socket.emit_event("shot:new", {"shot_id": "live"})
        wait_for(lambda: got == ["live"] and reconnected == [1], state=got)
    assert "are not replayed" in caplog.text
    assert len(reads) == 3  # the first read and one per pause
