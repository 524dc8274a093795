"""kitsu_sdk.aio.AsyncEventListener without a network: a fake socketio.AsyncClient plays the
events server and httpx.MockTransport plays Zou's REST API (clock, event log, token refresh).
Each scenario runs in its own event loop (asyncio.run), no pytest plugin.

Covered: sync and async handlers and hooks, order and errors, the project filter, the catch-up
after a reconnection (gap replayed before the live events, a live event arriving during the
replay delivered once), fresh credentials at every handshake, the history refused to
non-managers, stop/run/wait, a failed start, a restart, and the TLS options of the real socket.
"""

from __future__ import annotations

import asyncio
import datetime
import email.utils
import functools
import inspect
import logging
import subprocess
import sys
import time
from collections.abc import Awaitable
from typing import Any, Callable, Optional

import httpx
import pytest
from unit_helpers import HOST, make_jwt

import kitsu_sdk.aio
from kitsu_sdk import KitsuClient, events
from kitsu_sdk._core.retry import RetryPolicy
from kitsu_sdk._event_core import format_server_time
from kitsu_sdk.aio import AsyncEventListener, AsyncKitsuClient
from kitsu_sdk.aio import events as aio_events
from kitsu_sdk.events import EventContext
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


# -- fakes ----------------------------------------------------------------------------------------


class FakeZou:
    """Zou's REST routes the listener uses, for httpx.MockTransport; records every request."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        #: Answers GET /data/events/last: a list of stored events, or an httpx.Response.
        self.history: Callable[[httpx.Request], Any] = lambda request: []
        self.clock_ahead = 0.0
        self.refreshes: list[str] = []
        self.refresh_status = 200
        self.logins: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        path = request.url.path
        if path == "/api/":
            date = email.utils.formatdate(time.time() + self.clock_ahead, usegmt=True)
            return httpx.Response(200, json={"api": "Zou"}, headers={"Date": date})
        if path == "/api/data/events/last":
            answer = self.history(request)
            return (
                answer if isinstance(answer, httpx.Response) else httpx.Response(200, json=answer)
            )
        if path == "/api/auth/refresh-token":
            if self.refresh_status != 200:
                return httpx.Response(self.refresh_status, json={"msg": "Token has expired"})
            self.refreshes.append(make_jwt(3600))
            return httpx.Response(200, json={"access_token": self.refreshes[-1]})
        if path == "/api/auth/login":
            self.logins.append(make_jwt(3600))
            return httpx.Response(
                200,
                json={"login": True, "access_token": self.logins[-1], "refresh_token": make_jwt(9)},
            )
        return httpx.Response(404, json={"message": f"no route {path}"})

    def history_calls(self) -> list[httpx.Request]:
        return [r for r in self.requests if r.url.path == "/api/data/events/last"]


class FakeAsyncSocket:
    """Records what the SDK asks of socketio.AsyncClient and lets a test play the server."""

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

    def on(self, event: str, handler: Callable[..., Any], namespace: Optional[str] = None) -> None:
        self.handlers[(namespace or "/", event)] = handler

    async def connect(self, url: str, **kwargs: Any) -> None:
        self.connect_kwargs = {"url": url, **kwargs}
        if self.fail is not None:
            raise self.fail
        await self.reconnect()

    async def reconnect(self) -> None:
        """What socketio.AsyncClient does on each attempt: await or call the callables (as its
        `_get_real_value`), then connect; the connect handler is called, not awaited."""
        values = []
        for key in ("headers", "auth"):
            value = self.connect_kwargs[key]
            values.append(await value() if inspect.iscoroutinefunction(value) else value())
        self.handshakes.append((values[0], values[1]))
        self.connected = True
        handler = self.handlers[("/events", "connect")]
        assert not inspect.iscoroutinefunction(handler)
        handler()

    def drop(self) -> None:
        self.connected = False
        self.handlers[("/events", "disconnect")]("transport close")

    def emit_event(self, name: str, data: Any) -> None:
        self.handlers[("/events", "*")](name, data)

    async def shutdown(self) -> None:
        self.shutdowns += 1
        await asyncio.sleep(self.shutdown_delay)
        self.connected = False


async def until(predicate: Callable[[], bool], timeout: float = 5.0, state: Any = None) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met in time: {state!r}")
        await asyncio.sleep(0.005)


async def no_sleep(seconds: float) -> None:
    return None


Scenario = Callable[[AsyncKitsuClient, FakeZou, list[FakeAsyncSocket]], Awaitable[None]]


@pytest.fixture
def drive(monkeypatch: pytest.MonkeyPatch) -> Callable[..., FakeZou]:
    """`drive(scenario)`: run `scenario(aclient, zou, sockets)` in a fresh event loop, with an
    AsyncKitsuClient on the fake Zou; `sockets` collects what `socket_factory` builds."""
    monkeypatch.setattr(events, "SETTLE_SECONDS", 0.0)

    def run(scenario: Scenario, token: Optional[dict[str, str]] = None) -> FakeZou:
        zou = FakeZou()

        async def main() -> None:
            aclient = AsyncKitsuClient(
                HOST,
                token=token or {"access_token": make_jwt(), "refresh_token": make_jwt(86400)},
                http_transport=httpx.MockTransport(zou),
                retry=RetryPolicy(
                    async_sleep=no_sleep, random=lambda: 0.0, connect_retry_seconds=0.0
                ),
            )
            try:
                await asyncio.wait_for(scenario(aclient, zou, []), 20)
            finally:
                await aclient.close()

        asyncio.run(main())
        return zou

    return run


def listener_on(
    aclient: AsyncKitsuClient, sockets: list[FakeAsyncSocket], **kwargs: Any
) -> AsyncEventListener:
    def factory(**options: Any) -> FakeAsyncSocket:
        sockets.append(FakeAsyncSocket(**options))
        return sockets[-1]

    kwargs.setdefault("stop_timeout", 2.0)
    return AsyncEventListener(aclient, socket_factory=factory, **kwargs)


# -- the import stays light, the API is there --------------------------------------------------


def test_importing_the_async_package_does_not_import_socketio_or_aiohttp() -> None:
    code = (
        "import sys, kitsu_sdk, kitsu_sdk.aio, kitsu_sdk.aio.events; "
        "print(sorted(m for m in ('socketio', 'engineio', 'aiohttp') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert kitsu_sdk.aio.AsyncEventListener is aio_events.AsyncEventListener
    assert "AsyncEventListener" in kitsu_sdk.aio.__all__


def test_the_listener_needs_an_async_client_and_project_ids() -> None:
    with pytest.raises(InvalidInputError, match="AsyncKitsuClient"):
        AsyncEventListener(KitsuClient(HOST))  # type: ignore[arg-type]
    with pytest.raises(InvalidIdError):
        AsyncEventListener(AsyncKitsuClient(HOST), project="Big Buck Bunny")
    idle = AsyncEventListener(AsyncKitsuClient(HOST))
    assert not idle.running and not idle.connected
    assert asyncio.run(idle.wait(0)) is True  # never started: nothing to wait for
    asyncio.run(idle.stop())  # a no-op


# -- handlers, hooks, the project filter --------------------------------------------------------


def test_sync_and_async_handlers_run_in_order_one_at_a_time(
    drive: Callable[..., FakeZou], caplog: pytest.LogCaptureFixture
) -> None:
    got: list[Any] = []

    async def scenario(
        aclient: AsyncKitsuClient, zou: FakeZou, sockets: list[FakeAsyncSocket]
    ) -> None:
        zou.clock_ahead = 120.0
        listener = listener_on(aclient, sockets)

        @listener.on("shot:new")
        async def shot(data: Any) -> None:
            got.append(("start", data["n"]))
            await asyncio.sleep(0.02)  # the next event waits: one handler at a time
            if data["n"] == 1:
                raise RuntimeError("first one breaks")
            got.append(("end", data["n"]))

        @listener.on_any
        def every(name: str, data: Any, context: EventContext) -> None:
            got.append((name, data["n"], context.replayed, context.project_id))

        listener.on("shot:new", lambda data: got.append(("plain", data["n"])))

        hooks: list[str] = []

        @listener.on_connect
        async def connected() -> None:
            await asyncio.sleep(0)
            hooks.append("async connect")

        listener.on_connect(lambda: hooks.append("sync connect"))
        listener.on_connect(lambda: 1 / 0)  # a failing hook is logged and counted

        async with listener:
            socket = sockets[0]
            assert listener.running and listener.connected
            assert socket.options["handle_sigint"] is False
            assert socket.connect_kwargs["url"] == "http://kitsu.test"
            assert socket.connect_kwargs["namespaces"] == ["/events"]
            for n in (1, 2):
                socket.emit_event("shot:new", {"n": n, "project_id": PROJECT})
            await until(lambda: len(got) == 7, state=got)
            assert await listener.wait(0.01) is False  # still running
        assert not listener.running and not listener.connected and socket.shutdowns == 1
        assert hooks == ["async connect", "sync connect"]
        assert listener.dispatcher.handler_errors == 2  # the shot handler once, the hook once
        assert listener.dispatcher.clock_offset == pytest.approx(120, abs=2)  # from Date
        assert listener.stats["live"] == 2 and listener.stats["connects"] == 1

    with caplog.at_level(logging.ERROR, logger="kitsu_sdk.events"):
        drive(scenario)
    assert got == [
        ("start", 1),
        ("plain", 1),
        ("shot:new", 1, False, PROJECT),
        ("start", 2),
        ("end", 2),
        ("plain", 2),
        ("shot:new", 2, False, PROJECT),
    ]
    assert "first one breaks" in caplog.text and "connect hook" in caplog.text


def test_project_filter_stop_from_a_handler_and_wait(drive: Callable[..., FakeZou]) -> None:
    got: list[str] = []

    async def scenario(
        aclient: AsyncKitsuClient, zou: FakeZou, sockets: list[FakeAsyncSocket]
    ) -> None:
        listener = listener_on(aclient, sockets, project=[{"id": PROJECT}])

        @listener.on("shot:new")
        async def shot(data: Any) -> None:
            got.append(data["project_id"])
            await listener.stop()  # stopping from a handler is allowed

        listener.on_any(lambda name, data: got.append(name))
        await listener.start()
        socket = sockets[0]
        socket.emit_event("shot:new", {"project_id": OTHER})
        socket.emit_event("person:new", {"person_id": PERSON})  # no project: dropped
        socket.emit_event("shot:new", {"project_id": PROJECT})
        socket.emit_event("shot:new", {"project_id": PROJECT})  # after the stop: not delivered
        assert await listener.wait(5) is True
        assert not listener.running and socket.shutdowns == 1

    drive(scenario)
    assert got == [PROJECT, "shot:new"]


def test_run_waits_until_stopped_and_stops_when_cancelled(drive: Callable[..., FakeZou]) -> None:
    async def scenario(
        aclient: AsyncKitsuClient, zou: FakeZou, sockets: list[FakeAsyncSocket]
    ) -> None:
        listener = listener_on(aclient, sockets, catch_up=False)
        runner = asyncio.ensure_future(listener.run())
        await until(lambda: listener.connected)
        await listener.stop()
        await asyncio.wait_for(runner, 2)
        assert sockets[0].shutdowns == 1

        runner = asyncio.ensure_future(listener.run())  # a second run, cancelled (Ctrl-C)
        await until(lambda: len(sockets) == 2 and listener.connected)
        runner.cancel()
        with pytest.raises(asyncio.CancelledError):
            await runner
        assert not listener.running and sockets[1].shutdowns == 1

    zou = drive(scenario)
    assert zou.history_calls() == []  # catch_up=False: the history is never read


# -- catch-up -----------------------------------------------------------------------------------


def test_catch_up_replays_the_gap_before_live_events_without_duplicates(
    drive: Callable[..., FakeZou],
) -> None:
    got: list[tuple[str, str, bool]] = []
    hooks: list[str] = []

    async def scenario(
        aclient: AsyncKitsuClient, zou: FakeZou, sockets: list[FakeAsyncSocket]
    ) -> None:
        listener = listener_on(aclient, sockets)

        @listener.on_any
        async def record(name: str, data: Any, ctx: EventContext) -> None:
            got.append((name, data["sequence_id"], ctx.replayed))

        listener.on_connect(lambda: hooks.append("connect"))
        listener.on_disconnect(lambda: hooks.append("disconnect"))

        @listener.on_reconnect
        async def reconnected() -> None:
            hooks.append("reconnect")

        await listener.start()
        socket = sockets[0]
        floor = listener.dispatcher.floor
        assert floor is not None
        socket.emit_event("sequence:new", {"sequence_id": "a", "project_id": PROJECT})
        await until(lambda: len(got) == 1)
        live_at = listener.dispatcher.server_now()
        socket.drop()
        # While down: b and c are stored. Right after the reconnection d arrives live, and e
        # arrives live while the log is being read; the log holds a (delivered live before the
        # outage), b, c, d and e. Times are Zou's (to the second), after the first connection.
        stored = [
            row(5, "sequence:new", {"sequence_id": "e", "project_id": PROJECT}, floor + 3.6),
            row(4, "sequence:new", {"sequence_id": "d", "project_id": PROJECT}, floor + 3.4),
            row(3, "sequence:new", {"sequence_id": "c", "project_id": PROJECT}, floor + 3.2),
            row(2, "sequence:new", {"sequence_id": "b", "project_id": PROJECT}, floor + 3.0),
            row(1, "sequence:new", {"sequence_id": "a", "project_id": PROJECT}, live_at),
        ]

        def history(request: httpx.Request) -> Any:
            if request.url.params.get("limit") == "1":
                return []
            socket.emit_event("sequence:new", {"sequence_id": "e", "project_id": PROJECT})
            return stored

        zou.history = history
        aclient.set_tokens({"access_token": make_jwt(7200), "refresh_token": make_jwt(86400)})
        await socket.reconnect()
        socket.emit_event("sequence:new", {"sequence_id": "d", "project_id": PROJECT})
        await until(lambda: hooks[-1:] == ["reconnect"] and len(got) == 5, state=(got, hooks))
        await asyncio.sleep(0.05)  # any duplicate would show up now

        after = zou.history_calls()[-1].url.params["after"]
        since = datetime.datetime.strptime(after, "%Y-%m-%dT%H:%M:%S")
        since_epoch = since.replace(tzinfo=datetime.timezone.utc).timestamp()
        assert live_at - 17 < since_epoch < live_at - 13  # the margin behind the last live one
        # The reconnection sent the token the client held then, not the first one.
        assert socket.handshakes[1][0] == {
            "Authorization": f"Bearer {aclient.tokens['access_token']}"
        }
        assert socket.handshakes[0] != socket.handshakes[1]
        assert listener.stats["reconnects"] == 1 and listener.stats["replayed"] == 2
        assert listener.stats["live"] == 3 and listener.stats["last_outage_seconds"] is not None
        assert listener.stats["last_catch_up_seconds"] is not None
        await listener.stop()

    zou = drive(scenario)
    assert got == [
        ("sequence:new", "a", False),
        ("sequence:new", "b", True),
        ("sequence:new", "c", True),
        ("sequence:new", "d", False),
        ("sequence:new", "e", False),
    ]
    assert hooks == ["connect", "disconnect", "connect", "reconnect"]
    # The rights check once at the first connection, then one read of the gap.
    assert [dict(r.url.params).get("limit") for r in zou.history_calls()] == ["1", "1000"]


def test_a_catch_up_the_api_cannot_serve_yet_is_read_again(
    drive: Callable[..., FakeZou], caplog: pytest.LogCaptureFixture
) -> None:
    """Kitsu restarted: the events server is back before the API; the first two reads of the log
    fail (after the client's own retries), the third gets the missed events."""
    got: list[tuple[str, bool]] = []
    reads: list[float] = []

    async def scenario(
        aclient: AsyncKitsuClient, zou: FakeZou, sockets: list[FakeAsyncSocket]
    ) -> None:
        listener = listener_on(aclient, sockets)
        listener.catch_up_delays = (0.0, 0.0, 0.0)
        read = listener._missed_events

        def counted(since: float) -> Any:
            reads.append(since)
            return read(since)

        listener._missed_events = counted  # type: ignore[method-assign]
        listener.on("shot:new", lambda data, ctx: got.append((data["shot_id"], ctx.replayed)))
        await listener.start()
        socket = sockets[0]
        floor = listener.dispatcher.floor
        assert floor is not None
        socket.drop()

        def history(request: httpx.Request) -> Any:
            if request.url.params.get("limit") == "1":
                return []
            if len(reads) <= 2:
                raise httpx.ConnectError("connection refused", request=request)
            return [row(9, "shot:new", {"shot_id": "m"}, floor + 2)]

        zou.history = history
        await socket.reconnect()
        await until(lambda: got == [("m", True)], state=got)
        assert listener.stats["replayed"] == 1
        await listener.stop()

    with caplog.at_level(logging.WARNING, logger="kitsu_sdk.events"):
        drive(scenario)
    assert len(reads) == 3 and len(set(reads)) == 1  # the same gap, read again
    assert caplog.text.count("could not read the events missed since") == 2


def test_without_history_rights_it_says_so_once_and_stays_live(
    drive: Callable[..., FakeZou], caplog: pytest.LogCaptureFixture
) -> None:
    got: list[str] = []
    reconnected: list[int] = []

    async def scenario(
        aclient: AsyncKitsuClient, zou: FakeZou, sockets: list[FakeAsyncSocket]
    ) -> None:
        zou.history = lambda request: httpx.Response(
            403, json={"error": True, "message": "Forbidden"}
        )
        listener = listener_on(aclient, sockets)
        listener.on("task:update", lambda data: got.append(data["task_id"]))
        listener.on_reconnect(lambda: reconnected.append(1))
        async with listener:
            socket = sockets[0]
            for _ in range(2):
                socket.drop()
                await socket.reconnect()
            socket.emit_event("task:update", {"task_id": "t"})
            await until(lambda: got == ["t"] and len(reconnected) == 2, state=(got, reconnected))

    with caplog.at_level(logging.WARNING, logger="kitsu_sdk.events"):
        zou = drive(scenario)
    assert caplog.text.count("managers and admins only") == 1
    assert len(zou.history_calls()) == 1


def test_a_restarted_listener_replays_what_it_missed_and_ignores_the_old_socket(
    drive: Callable[..., FakeZou],
) -> None:
    got: list[tuple[str, bool]] = []

    async def scenario(
        aclient: AsyncKitsuClient, zou: FakeZou, sockets: list[FakeAsyncSocket]
    ) -> None:
        listener = listener_on(aclient, sockets)
        listener.on("shot:new", lambda data, ctx: got.append((data["shot_id"], ctx.replayed)))
        await listener.start()
        floor = listener.dispatcher.floor
        assert floor is not None
        sockets[0].emit_event("shot:new", {"shot_id": "a"})
        await until(lambda: got == [("a", False)], state=got)
        await listener.stop()
        missed = row(7, "shot:new", {"shot_id": "b"}, floor + 3)
        zou.history = lambda request: [missed]
        await listener.start()
        sockets[0].emit_event("shot:new", {"shot_id": "stale"})  # the first run's socket
        sockets[1].emit_event("shot:new", {"shot_id": "c"})
        await until(lambda: len(got) == 3, state=got)
        await asyncio.sleep(0.05)
        await listener.stop()

    drive(scenario)
    assert got == [("a", False), ("b", True), ("c", False)]


# -- credentials: read, and refreshed if needed, at every handshake ------------------------------


def test_every_handshake_reads_the_current_token_refreshed_first(
    drive: Callable[..., FakeZou],
) -> None:
    async def scenario(
        aclient: AsyncKitsuClient, zou: FakeZou, sockets: list[FakeAsyncSocket]
    ) -> None:
        listener = listener_on(aclient, sockets, catch_up=False)
        await listener.start()
        socket = sockets[0]
        # The near-expiry token was refreshed before the first handshake.
        fresh = zou.refreshes[0]
        assert socket.handshakes[0] == ({"Authorization": f"Bearer {fresh}"}, {"token": fresh})
        # A reconnection reads whatever the client holds then.
        newer = make_jwt(7200)
        aclient.set_tokens({"access_token": newer, "refresh_token": make_jwt(86400)})
        socket.drop()
        await socket.reconnect()
        assert socket.handshakes[1] == ({"Authorization": f"Bearer {newer}"}, {"token": newer})
        # Another near-expiry token: refreshed again before that handshake.
        expiring = make_jwt(10, iat_ago=3590)
        aclient.set_tokens({"access_token": expiring, "refresh_token": make_jwt(86400)})
        socket.drop()
        await socket.reconnect()
        assert socket.handshakes[2][1] == {"token": zou.refreshes[1]}
        (at, exp), *_ = listener.credentials.handshakes[-1:]
        assert exp is not None and exp - at > 3000
        await listener.stop()

    near_expiry = make_jwt(10, iat_ago=3590)  # a one-hour token with 10 s left
    zou = drive(scenario, token={"access_token": near_expiry, "refresh_token": make_jwt(86400)})
    assert len(zou.refreshes) == 2


def test_an_expired_token_that_cannot_be_refreshed_logs_in_again(
    drive: Callable[..., FakeZou],
) -> None:
    async def scenario(
        aclient: AsyncKitsuClient, zou: FakeZou, sockets: list[FakeAsyncSocket]
    ) -> None:
        await aclient.log_in("a@b.c", "pw")  # remembers the credentials for a re-login
        aclient.set_tokens({"access_token": make_jwt(-5), "refresh_token": make_jwt(-1)})
        zou.refresh_status = 401
        credentials = aio_events._AsyncCredentials(aclient)
        assert await credentials.headers() == {"Authorization": f"Bearer {zou.logins[-1]}"}
        assert len(zou.logins) == 2

    drive(scenario)


def test_credentials_never_raise_into_socketio(
    drive: Callable[..., FakeZou], monkeypatch: pytest.MonkeyPatch
) -> None:
    async def scenario(
        aclient: AsyncKitsuClient, zou: FakeZou, sockets: list[FakeAsyncSocket]
    ) -> None:
        async def broken() -> None:
            raise RuntimeError("network down")

        monkeypatch.setattr(aclient.auth, "ensure_fresh", broken)
        token = aclient.tokens["access_token"]
        credentials = aio_events._AsyncCredentials(aclient)
        assert await credentials.headers() == {"Authorization": f"Bearer {token}"}
        assert credentials.auth() == {"token": token}

    drive(scenario)


# -- failures and stopping ----------------------------------------------------------------------


def test_a_failed_start_raises_a_clear_error_and_leaves_nothing_running(
    drive: Callable[..., FakeZou],
) -> None:
    import socketio

    async def scenario(
        aclient: AsyncKitsuClient, zou: FakeZou, sockets: list[FakeAsyncSocket]
    ) -> None:
        before = len(asyncio.all_tasks())
        socket = FakeAsyncSocket()
        socket.fail = socketio.exceptions.ConnectionError(
            "Unexpected status code 404 in server response"
        )
        listener = AsyncEventListener(aclient, socket_factory=lambda **o: socket)
        with pytest.raises(KitsuConnectionError, match="set the event host"):
            await listener.start()
        assert not listener.running
        await until(lambda: len(asyncio.all_tasks()) <= before)

    drive(scenario)


def test_stop_returns_promptly_even_when_the_socket_or_a_handler_hangs(
    drive: Callable[..., FakeZou],
) -> None:
    async def scenario(
        aclient: AsyncKitsuClient, zou: FakeZou, sockets: list[FakeAsyncSocket]
    ) -> None:
        socket = FakeAsyncSocket()
        socket.shutdown_delay = 10.0
        listener = AsyncEventListener(
            aclient, socket_factory=lambda **o: socket, stop_timeout=0.5, catch_up=False
        )
        started_handler = asyncio.Event()

        @listener.on("shot:new")
        async def slow(data: Any) -> None:
            started_handler.set()
            await asyncio.sleep(10)

        await listener.start()
        socket.emit_event("shot:new", {})
        await started_handler.wait()
        started = time.monotonic()
        await listener.stop()
        assert time.monotonic() - started < 1.5
        assert not listener.running and socket.reconnection is False
        worker = listener._worker
        assert worker is not None
        await asyncio.wait({worker}, timeout=1)
        assert worker.cancelled()  # the hanging handler was cancelled, not left behind

    drive(scenario)


# -- the real socket: options and TLS -------------------------------------------------------------


def test_the_socket_follows_the_client_tls_settings() -> None:
    import ssl

    import certifi

    async def scenario() -> None:
        new = functools.partial(aio_events._new_async_socket, handle_sigint=False)
        plain = new(AsyncKitsuClient("https://k.test/api"), None)
        assert type(plain).__name__ == "AsyncClient" and plain.eio.ssl_verify is True
        assert plain.reconnection_delay_max == events.RECONNECTION_DELAY_MAX
        assert plain.eio.http_factory is None
        lax = AsyncKitsuClient("https://k.test/api", ssl_verify=False)
        assert new(lax, None).eio.ssl_verify is False  # as the client
        assert new(lax, True).eio.ssl_verify is True  # asked for
        strict = AsyncKitsuClient("https://k.test/api")
        assert new(strict, False).eio.ssl_verify is False
        bundle = certifi.where()
        custom = AsyncKitsuClient("https://k.test/api", ssl_verify=bundle)
        socket = new(custom, None, reconnection_delay_max=3)
        assert socket.eio.ssl_verify is True and socket.reconnection_delay_max == 3
        session = socket.eio.http_factory()  # engineio builds it inside the loop
        try:
            assert isinstance(session.connector._ssl, ssl.SSLContext)
        finally:
            await session.close()

    asyncio.run(scenario())


def test_the_listener_reads_the_event_log_through_the_async_client(
    drive: Callable[..., FakeZou],
) -> None:
    """The history pages past Zou's cap of 1000 with the cursor, as the sync listener does."""
    pages: list[dict[str, str]] = []

    async def scenario(
        aclient: AsyncKitsuClient, zou: FakeZou, sockets: list[FakeAsyncSocket]
    ) -> None:
        def history(request: httpx.Request) -> Any:
            params = dict(request.url.params)
            pages.append(params)
            if params.get("limit") == "1":
                return []
            if "cursor_event_id" not in params:
                return [row(i, "x:new", {}, 0) for i in range(1000)]
            return [row(1000 + i, "x:new", {}, 0) for i in range(200)]

        zou.history = history
        listener = listener_on(aclient, sockets, catch_up_limit=1200)
        rows = await aclient.run(listener._missed_events(time.time()))
        assert rows is not None and len(rows) == 1200

    drive(scenario)
    assert [(p["limit"], p.get("cursor_event_id")) for p in pages] == [
        ("1000", None),
        ("200", ev(999)),
    ]
    assert all("after" in page for page in pages)
