"""kitsu_sdk._log_redaction: what `redact` removes, the filter on records, the holds, and the event
listeners at DEBUG. The listeners run a real socketio.Client / socketio.AsyncClient over an
engine stand-in that logs every packet as engineio does (the socket.io connect packet carries the
access token): nothing of a token or a password reaches the output of any logger, ours or the
libraries', while they connect, reconnect, refresh the token and replay; nothing stays installed
once they stop, and nothing is installed at import time.
"""

from __future__ import annotations

import asyncio
import email.utils
import io
import json
import logging
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any, Callable, Optional

import httpx
import pytest
import responses
import socketio
from test_event_client import FakeEngine, wait_for
from unit_helpers import HOST, make_jwt, url

from kitsu_sdk import KitsuClient
from kitsu_sdk._core.retry import RetryPolicy
from kitsu_sdk._log_redaction import (
    _FILTER,
    LOGGER_NAMES,
    LOGGER_PREFIXES,
    REDACTED,
    LogRedaction,
    RedactingFilter,
    redact,
)
from kitsu_sdk.aio import AsyncEventListener, AsyncKitsuClient
from kitsu_sdk.events import EventListener

TOKEN = make_jwt(3600)
PASSWORD = "s3cret pass-word"


# -- redact ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ('Sending packet MESSAGE data 0/events,{"token":"' + TOKEN + '"}', "0/events,"),
        ('Sending packet MESSAGE data 0/events,{"token":"opaque-bot-key"}', "0/events,"),
        ("{'email': 'a@b.c', 'password': '" + PASSWORD + "'}", "'email': 'a@b.c'"),
        ('{"login": "a", "password": "' + PASSWORD + '", "totp": "123456"}', '"login": "a"'),
        ('{\\"password\\": \\"' + PASSWORD + '\\"}', "password"),
        ("Authorization: Bearer " + TOKEN, "Authorization: Bearer "),
        ("{'Authorization': 'Bearer " + TOKEN + "'}", "Authorization"),
        (
            "(b'Set-Cookie', b'access_token_cookie=" + TOKEN + "; HttpOnly; Path=/'), "
            "(b'Set-Cookie', b'csrf_access_token=5f3a77e0; Path=/')",
            "HttpOnly; Path=/",
        ),
        (
            "https://me:" + PASSWORD.replace(" ", "") + "@kitsu.test/api?token=xyz&limit=5",
            "limit=5",
        ),
        ("password=" + PASSWORD.replace(" ", "+") + "&email=x", "&email=x"),
        ("refresh_token: " + TOKEN, "refresh_token: "),
        ("email_otp=999111, recovery_code=abcd-efgh", "email_otp="),
    ],
)
def test_redact_removes_tokens_and_passwords(text: str, kept: str) -> None:
    clean = redact(text)
    assert REDACTED in clean and kept in clean
    for secret in (TOKEN, PASSWORD, PASSWORD.replace(" ", ""), "opaque-bot-key", "5f3a77e0"):
        assert secret not in clean
    assert "123456" not in clean and "xyz" not in clean and "999111" not in clean


@pytest.mark.parametrize(
    "text",
    [
        'Received event "task:status-changed" [/events]',
        '{"task_id": "5", "project_id": "p", "name": "tokenizer"}',
        "listening to http://127.0.0.1:5001/events",
        "GET data/events/last -> 200 (12 ms)",
    ],
)
def test_redact_leaves_ordinary_text_alone(text: str) -> None:
    assert redact(text) == text


def test_the_filter_redacts_arguments_exceptions_and_stacks_and_keeps_every_record() -> None:
    record = logging.LogRecord(
        "x",
        logging.DEBUG,
        __file__,
        1,
        "headers %s %d",
        ({"Authorization": f"Bearer {TOKEN}"}, 3),
        None,
    )
    assert RedactingFilter().filter(record)
    assert TOKEN not in record.getMessage() and record.getMessage().endswith(" 3")
    try:
        raise ValueError(f"refused {TOKEN}")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    record.stack_info = f"Stack: password={PASSWORD}"
    assert RedactingFilter().filter(record)
    text = logging.Formatter().format(record)
    assert TOKEN not in text and "s3cret" not in text and "ValueError" in text
    broken = logging.LogRecord("x", logging.INFO, __file__, 1, "%s %s", (TOKEN,), None)
    assert RedactingFilter().filter(broken) and TOKEN not in broken.getMessage()


def test_holds_are_counted_per_logger_and_released() -> None:
    first, second = LogRedaction(), LogRedaction()
    mine = logging.getLogger("kitsu_sdk.test.redaction")
    first.add()
    second.add([mine, logging.LoggerAdapter(logging.getLogger("engineio.client"), {}), None])
    try:
        for name in LOGGER_NAMES:
            assert _FILTER in logging.getLogger(name).filters, name
        assert _FILTER in mine.filters  # an existing logger under a held prefix
        first.release()
        assert _FILTER in mine.filters and _FILTER in logging.getLogger("engineio.client").filters
        assert _FILTER not in logging.getLogger("socketio.client").filters
    finally:
        first.release()
        second.release()
    assert not any(_FILTER in logging.getLogger(n).filters for n in (*LOGGER_NAMES, mine.name))


def test_importing_installs_nothing() -> None:
    code = (
        "import logging, kitsu_sdk, kitsu_sdk.events, kitsu_sdk.aio.events, "
        "kitsu_sdk._log_redaction, socketio, engineio, httpx\n"
        "names = [n for n, l in logging.Logger.manager.loggerDict.items()"
        " if isinstance(l, logging.Logger) and (l.filters or (n.split('.')[0] in"
        " ('socketio', 'engineio', 'kitsu_sdk') and l.level))]\n"
        "print(names)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- the listeners at DEBUG ---------------------------------------------------------------------


@pytest.fixture
def debug_output() -> Iterator[Callable[[], str]]:
    """Every logger the SDK or its libraries use at DEBUG, written by a handler on the root
    logger and by one on each of them (as an application that set them up would); the text."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    names = {*LOGGER_NAMES, "my.socketio", "my.engineio"}
    names.update(
        n for n, lg in logging.Logger.manager.loggerDict.items()
        if isinstance(lg, logging.Logger) and n.split(".")[0] in LOGGER_PREFIXES
    )  # fmt: skip
    saved = {n: (logging.getLogger(n).level, logging.getLogger(n).propagate) for n in names}
    root = logging.getLogger()
    root_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    for name in names:
        logging.getLogger(name).setLevel(logging.DEBUG)
        logging.getLogger(name).propagate = True
    yield stream.getvalue
    root.removeHandler(handler)
    root.setLevel(root_level)
    for name, (level, propagate) in saved.items():
        logging.getLogger(name).setLevel(level)
        logging.getLogger(name).propagate = propagate


def assert_no_secret(text: str, *secrets: str) -> None:
    for secret in secrets:
        assert secret not in text, f"a secret reached the log output: ...{secret[-6:]}"
    for name in (*LOGGER_NAMES, "my.socketio", "my.engineio"):
        assert _FILTER not in logging.getLogger(name).filters, f"left on {name}"


def fake_zou(api: responses.RequestsMock, refreshed: str, history: list[Any]) -> None:
    api.get(url(""), json={"api": "Zou"}, headers={"Date": email.utils.formatdate(usegmt=True)})
    api.post(
        url("auth/login"),
        json={"login": True, "access_token": make_jwt(1), "refresh_token": make_jwt(86400)},
    )
    api.get(url("auth/refresh-token"), json={"access_token": refreshed})
    api.get(url("data/events/last"), json=history)


class FakeSocketioClient(socketio.Client):  # type: ignore[misc]
    def _engineio_client_class(self) -> type[FakeEngine]:
        return FakeEngine


@pytest.mark.parametrize("own_loggers", [False, True])
def test_the_sync_listener_logs_no_secret_at_debug(
    api: responses.RequestsMock,
    debug_output: Callable[[], str],
    monkeypatch: pytest.MonkeyPatch,
    own_loggers: bool,
) -> None:
    refreshed = make_jwt(3600)
    fake_zou(api, refreshed, [])
    monkeypatch.setattr(FakeEngine, "made", [])
    client = KitsuClient(HOST, retry=RetryPolicy(sleep=lambda s: None))
    client.log_in("a@b.c", PASSWORD)  # an access token about to expire: refreshed to connect
    first = client.tokens["access_token"]
    loggers: dict[str, Any] = {"logger": True, "engineio_logger": True}
    if own_loggers:  # socketio and engineio take logger objects from the caller
        loggers = {
            "logger": logging.getLogger("my.socketio"),
            "engineio_logger": logging.getLogger("my.engineio"),
        }
    listener = EventListener(
        client,
        socket_factory=lambda **o: FakeSocketioClient(**o),
        reconnection_delay=0.01,
        randomization_factor=0,
        **loggers,
    )
    got: list[Any] = []
    listener.on("shot:new", got.append)
    with listener:
        engine = FakeEngine.made[0]
        engine.emit("shot:new", {"shot_id": "s", "token": refreshed})
        logging.getLogger("httpcore.http11").debug(
            "receive_response_headers.complete return_value=%r",
            (
                b"HTTP/1.1",
                200,
                b"OK",
                [(b"Set-Cookie", f"access_token_cookie={refreshed}".encode())],
            ),
        )
        engine.stop_server()
        engine.down = False
        wait_for(lambda: listener.stats["reconnects"] == 1 and bool(got))
    text = debug_output()
    assert "Sending packet MESSAGE data 0/events," in text  # the connect packet was logged...
    assert f'0/events,{{"token":"{REDACTED}"}}' in text  # ...without its token
    assert_no_secret(text, first, refreshed, client.tokens["refresh_token"], PASSWORD)


class FakeAsyncEngine:
    """engineio.AsyncClient without a network, under a real socketio.AsyncClient: it accepts the
    connection and the namespace, and logs what it sends as engineio does."""

    made: list[FakeAsyncEngine] = []

    def __init__(self, **options: Any) -> None:
        self.handlers: dict[str, Callable[..., Any]] = {}
        self.state = "disconnected"
        self.sid: Optional[str] = None
        self.handshakes: list[dict[str, str]] = []
        given = options.get("logger")
        self.logger = (
            given if given not in (None, True, False) else logging.getLogger("engineio.client")
        )
        FakeAsyncEngine.made.append(self)

    def on(self, event: str, handler: Callable[..., Any]) -> None:
        self.handlers[event] = handler

    def create_event(self) -> asyncio.Event:
        return asyncio.Event()

    def start_background_task(self, target: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return asyncio.ensure_future(target(*args, **kwargs))

    async def sleep(self, seconds: float = 0) -> None:
        await asyncio.sleep(min(seconds, 0.01))

    async def connect(
        self, url: str, headers: Optional[dict[str, str]] = None, **kwargs: Any
    ) -> None:
        self.handshakes.append(dict(headers or {}))
        self.state, self.sid = "connected", f"eio-{len(self.handshakes)}"
        await self.handlers["connect"]()

    async def send(self, data: str) -> None:
        self.logger.info("Sending packet %s data %s", "MESSAGE", data)
        if data.startswith("0"):
            namespace = data[1:].split(",", 1)[0] or "/"
            await self.handlers["message"](f"0{namespace},{json.dumps({'sid': 'x'})}")

    async def emit(self, name: str, data: Any) -> None:
        await self.handlers["message"]("2/events," + json.dumps([name, data]))

    async def disconnect(self, abort: bool = False, reason: Any = None) -> None:
        if self.state == "connected":
            self.state = "disconnecting"
            await self.handlers["disconnect"](reason or "client disconnect")
        self.state = "disconnected"

    async def wait(self) -> None:
        return None


class FakeAsyncSocketioClient(socketio.AsyncClient):  # type: ignore[misc]
    def _engineio_client_class(self) -> type[FakeAsyncEngine]:
        return FakeAsyncEngine


def test_the_async_listener_logs_no_secret_at_debug(
    debug_output: Callable[[], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    refreshed = make_jwt(3600)
    monkeypatch.setattr(FakeAsyncEngine, "made", [])

    def zou(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == "/api/auth/login":
            tokens = {"access_token": make_jwt(1), "refresh_token": make_jwt(86400)}
            return httpx.Response(
                200,
                json={"login": True, **tokens},
                headers={"Set-Cookie": f"access_token_cookie={tokens['access_token']}"},
            )
        if path == "/api/auth/refresh-token":
            return httpx.Response(200, json={"access_token": refreshed})
        if path == "/api/data/events/last":
            return httpx.Response(200, json=[])
        return httpx.Response(
            200, json={"api": "Zou"}, headers={"Date": email.utils.formatdate(usegmt=True)}
        )

    async def scenario() -> tuple[str, str]:
        aclient = AsyncKitsuClient(HOST, http_transport=httpx.MockTransport(zou))
        try:
            await aclient.log_in("a@b.c", PASSWORD)
            first = aclient.tokens["access_token"]
            listener = AsyncEventListener(
                aclient,
                socket_factory=lambda **o: FakeAsyncSocketioClient(**o),
                logger=True,
                engineio_logger=True,
            )
            got: list[Any] = []
            listener.on("shot:new", got.append)
            async with listener:
                await FakeAsyncEngine.made[0].emit("shot:new", {"shot_id": "s"})
                deadline = time.monotonic() + 5
                while not got and time.monotonic() < deadline:
                    await asyncio.sleep(0.01)
            assert got == [{"shot_id": "s"}]
            assert FakeAsyncEngine.made[0].handshakes == [{"Authorization": f"Bearer {refreshed}"}]
            return first, aclient.tokens["refresh_token"]
        finally:
            await aclient.close()

    first, refresh = asyncio.run(asyncio.wait_for(scenario(), 20))
    text = debug_output()
    assert f'0/events,{{"token":"{REDACTED}"}}' in text
    assert_no_secret(text, first, refreshed, refresh, PASSWORD)
