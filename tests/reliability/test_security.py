"""Security, proven against loopback servers and the real Zou:

- TLS is verified by default, for HTTP (requests and httpx) and for the event listeners: a
  loopback HTTPS server whose certificate comes from a CA made at test time (trustme) is refused
  with a KitsuConnectionError that says so, once (no retry), and accepted with
  `ssl_verify=False` or `ssl_verify="/path/ca.pem"`, also when REQUESTS_CA_BUNDLE is set (as on
  Debian and most CI images: requests lets it replace a session's own setting).
- Redirects: both transports follow them (httpx does not by default; ours does, as requests):
  the Authorization header is dropped on a redirect to another host or port and kept on the same
  origin; a 307/308, which keeps the method and the body, is not followed to another origin (an
  APIError with the status): a log-in's password and a write's data never reach another host.
- No secret (password, access, refresh or bot token) in any logger's output at DEBUG (ours and
  requests', urllib3's, httpx's, httpcore's; socketio's and engineio's while a listener runs), in
  reprs, in error messages, in the body an error keeps, or in a formatted exception chain.
- Names from the server cannot change a request's route or leave a target folder: an attachment
  stored on the real Zou as `../../../../auth/logout?.txt` (the issue's finding: it revoked the
  session), a preview whose extension holds a "/", and sync.push_task_comment with such names.

Only the tests that need Zou are marked `integration` (by the fixtures they use, conftest.py).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import pathlib
import ssl
import time
import traceback
import uuid
from collections.abc import Iterator
from typing import Any, Callable, Union
from urllib.parse import quote, urlsplit

import pytest
from fault_proxy import FaultProxy
from it_helpers import new_client, require_env, unique
from it_media import write_png
from security_servers import Handler, Recorder, Tls, TlsFront

import kitsu_sdk
from kitsu_sdk import KitsuClient
from kitsu_sdk._core.retry import NO_RETRY, RetryPolicy
from kitsu_sdk.events import EventListener
from kitsu_sdk.exception import (
    APIError,
    AuthenticationError,
    KitsuConnectionError,
    KitsuError,
    PermissionDeniedError,
    WrongCredentialsError,
)

pytest.importorskip("trustme")
pytestmark = pytest.mark.filterwarnings("ignore:Unverified HTTPS request")

KINDS = ("sync", "async")
WAIT = 10.0  # the most any test waits for a server thread to record something
JWT_LIKE = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzZWN1cml0eS10ZXN0In0."


def fake_token(tag: str) -> str:
    """A JWT-shaped token no server issued, unique to this run."""
    return JWT_LIKE + f"sig-{tag}-{uuid.uuid4().hex}"


def wait_for(condition: Callable[[], bool], timeout: float = WAIT) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


# -- the client under test, sync or async --------------------------------------------------------


class Side:
    """Builds KitsuClients or AsyncKitsuClients and runs calls on them: `side(lambda: ...)`
    returns the result, awaited for the async kind (on this test's own event loop)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.loop = asyncio.new_event_loop() if kind == "async" else None
        self.clients: list[Any] = []

    def client(self, host: str, **options: Any) -> Any:
        options.setdefault("timeout", (3.0, 10.0))
        options.setdefault("retry", RetryPolicy(backoff_factor=0.01))
        if self.kind == "sync":
            made: Any = KitsuClient(host, **options)
        else:
            from kitsu_sdk.aio import AsyncKitsuClient

            made = AsyncKitsuClient(host, **options)
        self.clients.append(made)
        return made

    def __call__(self, fn: Callable[[], Any]) -> Any:
        if self.loop is None:
            return fn()

        async def main() -> Any:
            return await fn()

        return self.loop.run_until_complete(asyncio.wait_for(main(), 30))

    def close(self) -> None:
        if self.loop is None:
            for made in self.clients:
                made.close()
            return
        for made in self.clients:
            self.loop.run_until_complete(made.close())
        self.loop.close()


@pytest.fixture(params=KINDS)
def side(request: pytest.FixtureRequest) -> Iterator[Side]:
    made = Side(request.param)
    yield made
    made.close()


@pytest.fixture
def recorders() -> Iterator[Callable[..., Recorder]]:
    made: list[Recorder] = []

    def make(name: str, address: str = "127.0.0.1") -> Recorder:
        server = Recorder(name, address)
        made.append(server)
        return server

    yield make
    for server in made:
        server.close()


# -- TLS -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Tls:
    return Tls(tmp_path_factory.mktemp("tls"))


@pytest.fixture(params=["no CA variables", "REQUESTS_CA_BUNDLE set"])
def ca_environment(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both environments a user has: requests lets REQUESTS_CA_BUNDLE and CURL_CA_BUNDLE replace a
    session's own `verify` (psf/requests#3829), so each TLS test runs with and without them."""
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)
    if request.param != "no CA variables":
        bundle = ssl.get_default_verify_paths().cafile
        if not bundle or not os.path.exists(bundle):
            import certifi

            bundle = certifi.where()
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", bundle)
    return str(request.param)


@pytest.fixture
def tls_front(tls: Tls, recorders: Callable[..., Recorder]) -> Iterator[tuple[TlsFront, Recorder]]:
    upstream = recorders("api")
    front = TlsFront(upstream.server_address[:2], tls.context)
    yield front, upstream
    front.close()


TLS_FIGURES = {"refused": 0, "accepted": 0}


def test_https_with_an_unknown_certificate_is_refused_by_default_once(
    side: Side, ca_environment: str, tls_front: tuple[TlsFront, Recorder]
) -> None:
    front, upstream = tls_front
    token = fake_token("tls")
    client = side.client(front.url + "/api", token=token)
    with pytest.raises(KitsuConnectionError) as refused:
        side(lambda: client.request("GET", "data/projects"))
    message = str(refused.value)
    assert "TLS" in message and "certificate" in message.lower(), message
    assert f"127.0.0.1:{front.port}" in message  # it says where
    assert wait_for(front.settled)
    assert front.accepted == 1 and front.handshakes_refused == 1  # not retried
    assert front.handshakes_ok == 0 and upstream.seen == []  # the token never left
    TLS_FIGURES["refused"] += front.handshakes_refused


@pytest.mark.parametrize("verify", ["off", "CA bundle"])
def test_https_is_accepted_with_verification_off_or_the_ca_bundle(
    side: Side,
    ca_environment: str,
    tls: Tls,
    tls_front: tuple[TlsFront, Recorder],
    verify: str,
) -> None:
    front, upstream = tls_front
    ssl_verify: Union[bool, str] = False if verify == "off" else tls.ca_path
    token = fake_token("tls-ok")
    client = side.client(front.url + "/api", token=token, ssl_verify=ssl_verify)
    assert side(lambda: client.request("GET", "data/projects")) == {
        "server": "api",
        "path": "/api/data/projects",
    }
    assert upstream.headers_of("/api/data/projects")[0]["authorization"] == f"Bearer {token}"
    assert front.handshakes_ok >= 1 and front.handshakes_refused == 0
    TLS_FIGURES["accepted"] += front.handshakes_ok


def test_gazu_style_default_client_verifies_too(
    ca_environment: str, tls: Tls, tls_front: tuple[TlsFront, Recorder]
) -> None:
    front, upstream = tls_front
    for ssl_verify, works in ((True, False), (tls.ca_path, True)):
        client = kitsu_sdk.client.create_client(front.url + "/api", ssl_verify=ssl_verify)
        client.set_token(fake_token("gazu"))
        if works:
            assert client.get("data/shots")["path"] == "/api/data/shots"
        else:
            with pytest.raises(KitsuConnectionError, match="TLS"):
                client.get("data/shots")
        client.close()
    assert len(upstream.seen) == 1


# -- TLS of the event listeners (the real event server behind a TLS front) ----------------------


@pytest.fixture
def events_front(tls: Tls) -> Iterator[TlsFront]:
    parts = urlsplit(require_env("KITSU_EVENT_HOST"))
    front = TlsFront((parts.hostname or "127.0.0.1", parts.port or 80), tls.context)
    yield front
    front.close()


def _listener_client(
    kitsu_host: str, admin_client: KitsuClient, front: TlsFront, **options: Any
) -> KitsuClient:
    client = KitsuClient(kitsu_host, token=admin_client.tokens, **options)
    client.set_event_host(front.url)
    return client


def _delivered_through(
    listener: Any, admin_client: KitsuClient, project: dict[str, Any]
) -> list[Any]:
    """Make one event on Zou and return what the listener got of it (waits at most WAIT s)."""
    got: list[Any] = []
    marker = unique("tls-event")
    listener.on("project:update", lambda data: got.append(data))
    admin_client.put(f"data/projects/{project['id']}", {"description": marker})
    wait_for(lambda: any(d.get("project_id") == project["id"] for d in got))
    return got


@pytest.fixture(scope="module")
def events_project(project_factory: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    return project_factory("security-events")


def test_event_listener_refuses_an_unknown_certificate_by_default(
    kitsu_host: str, admin_client: KitsuClient, ca_environment: str, events_front: TlsFront
) -> None:
    client = _listener_client(kitsu_host, admin_client, events_front)
    listener = EventListener(client, reconnection=False)
    with pytest.raises(KitsuConnectionError) as refused:
        listener.start()
    message = str(refused.value)
    assert "certificate" in message.lower(), message
    assert events_front.url in message
    assert not listener.running
    time.sleep(0.5)  # a reconnection loop would show as another connection by now
    assert wait_for(events_front.settled)
    assert events_front.accepted == 1 and events_front.handshakes_ok == 0
    TLS_FIGURES["refused"] += events_front.handshakes_refused


@pytest.mark.parametrize("verify", ["listener ssl_verify=False", "client CA bundle"])
def test_event_listener_connects_with_verification_off_or_the_ca_bundle(
    kitsu_host: str,
    admin_client: KitsuClient,
    ca_environment: str,
    tls: Tls,
    events_front: TlsFront,
    events_project: dict[str, Any],
    verify: str,
) -> None:
    if verify == "client CA bundle":
        client = _listener_client(kitsu_host, admin_client, events_front, ssl_verify=tls.ca_path)
        listener = EventListener(client, events_project, reconnection=False)
    else:
        client = _listener_client(kitsu_host, admin_client, events_front)
        listener = EventListener(client, events_project, ssl_verify=False, reconnection=False)
    listener.start()
    try:
        assert listener.connected
        got = _delivered_through(listener, admin_client, events_project)
    finally:
        listener.stop()
    assert any(d.get("project_id") == events_project["id"] for d in got)
    assert events_front.handshakes_ok >= 1 and events_front.handshakes_refused == 0
    TLS_FIGURES["accepted"] += events_front.handshakes_ok


@pytest.mark.parametrize("verify", ["default", "off", "CA bundle"])
def test_async_event_listener_verifies_tls(
    kitsu_host: str,
    admin_client: KitsuClient,
    tls: Tls,
    events_front: TlsFront,
    events_project: dict[str, Any],
    verify: str,
) -> None:
    from kitsu_sdk.aio import AsyncEventListener, AsyncKitsuClient

    got: list[Any] = []

    async def main() -> None:
        ssl_verify: Union[bool, str] = tls.ca_path if verify == "CA bundle" else True
        client = AsyncKitsuClient(kitsu_host, ssl_verify=ssl_verify, tokens=admin_client.tokens)
        client.set_event_host(events_front.url)
        listener = AsyncEventListener(
            client,
            events_project,
            ssl_verify=False if verify == "off" else None,
            reconnection=False,
        )
        listener.on("project:update", lambda data: got.append(data))
        try:
            if verify == "default":
                with pytest.raises(KitsuConnectionError) as refused:
                    await listener.start()
                assert "certificate" in str(refused.value).lower(), str(refused.value)
                return
            await listener.start()
            assert listener.connected
            await asyncio.to_thread(
                admin_client.put,
                f"data/projects/{events_project['id']}",
                {"description": unique("tls-async")},
            )
            for _ in range(int(WAIT / 0.05)):
                if got:
                    break
                await asyncio.sleep(0.05)
        finally:
            await listener.stop()
            await client.close()

    asyncio.run(asyncio.wait_for(main(), 40))
    assert wait_for(events_front.settled)
    if verify == "default":
        assert events_front.accepted == 1 and events_front.handshakes_ok == 0
        TLS_FIGURES["refused"] += 1
    else:
        assert any(d.get("project_id") == events_project["id"] for d in got)
        assert events_front.handshakes_refused == 0
        TLS_FIGURES["accepted"] += events_front.handshakes_ok


# -- redirects -----------------------------------------------------------------------------------

REDIRECT_FIGURES = {"followed": 0, "refused": 0}


@pytest.fixture
def origins(recorders: Callable[..., Recorder]) -> tuple[Recorder, Recorder, Recorder]:
    """The API (A), another port on the same host (B), another host (C, 127.0.0.2)."""
    return recorders("A"), recorders("B"), recorders("C", "127.0.0.2")


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize("where", ["another port", "another host"])
def test_a_redirect_to_another_origin_carries_no_authorization(
    side: Side, origins: tuple[Recorder, Recorder, Recorder], status: int, where: str
) -> None:
    api, port, host = origins
    other = port if where == "another port" else host
    api.redirect("/api/data/projects", status, f"{other.origin}/elsewhere")
    token = fake_token("redirect")
    client = side.client(api.origin + "/api", token=token)
    answer = side(lambda: client.request("GET", "data/projects"))
    assert answer == {"server": other.name, "path": "/elsewhere"}  # followed, as requests does
    assert api.headers_of("/api/data/projects")[0]["authorization"] == f"Bearer {token}"
    landed = other.headers_of("/elsewhere")
    assert len(landed) == 1 and "authorization" not in landed[0]
    assert not any(token in value for value in landed[0].values())
    REDIRECT_FIGURES["followed"] += 1


def test_a_redirect_on_the_same_origin_keeps_the_authorization(
    side: Side, origins: tuple[Recorder, Recorder, Recorder]
) -> None:
    api = origins[0]
    api.redirect("/api/data/projects", 302, f"{api.origin}/api/data/projects/")
    token = fake_token("same")
    client = side.client(api.origin + "/api", token=token)
    assert side(lambda: client.request("GET", "data/projects"))["path"] == "/api/data/projects/"
    assert api.headers_of("/api/data/projects/")[0]["authorization"] == f"Bearer {token}"
    # A 307 on the same origin keeps the method, the body and the header (nginx's slash fixes).
    api.redirect("/api/data/projects/p", 307, f"{api.origin}/api/data/projects/p/")
    side(lambda: client.request("PUT", "data/projects/p", json={"name": "kept"}))
    landed = [(m, h, b) for m, p, h, b in api.seen if p == "/api/data/projects/p/"]
    assert len(landed) == 1 and landed[0][0] == "PUT"
    assert json.loads(landed[0][2]) == {"name": "kept"}
    assert landed[0][1]["authorization"] == f"Bearer {token}"
    REDIRECT_FIGURES["followed"] += 2


@pytest.mark.parametrize("status", [307, 308])
def test_a_body_is_never_carried_to_another_origin(
    side: Side, origins: tuple[Recorder, Recorder, Recorder], status: int
) -> None:
    api, other, _ = origins
    api.redirect("/api/data/projects/p", status, f"{other.origin}/api/data/projects/p")
    client = side.client(api.origin + "/api", token=fake_token("body"))
    with pytest.raises(APIError) as refused:
        side(lambda: client.request("PUT", "data/projects/p", json={"name": "secret plan"}))
    assert refused.value.status == status and refused.value.method == "PUT"
    assert other.origin in str(refused.value) and "not followed" in str(refused.value)
    assert other.seen == [] and len(api.seen) == 1  # refused, not retried
    REDIRECT_FIGURES["refused"] += 1


@pytest.mark.parametrize("status", [302, 307, 308])
def test_credentials_never_reach_another_origin_on_log_in_or_refresh(
    side: Side, origins: tuple[Recorder, Recorder, Recorder], status: int
) -> None:
    api, other, _ = origins
    password = f"pw-{uuid.uuid4().hex}"
    refresh = fake_token("refresh")
    api.redirect("/api/auth/login", status, f"{other.origin}/api/auth/login")
    api.redirect("/api/auth/refresh-token", status, f"{other.origin}/api/auth/refresh-token")
    client = side.client(api.origin + "/api")
    with pytest.raises(KitsuError):
        side(lambda: client.log_in("someone@example.com", password))
    client.set_tokens({"access_token": fake_token("access"), "refresh_token": refresh})
    try:
        side(lambda: client.refresh_access_token())
    except KitsuError:
        pass  # what the other host answers is not the point: what it received is
    for _method, _path, headers, body in other.seen:
        assert password.encode() not in body
        assert not any(refresh in value or password in value for value in headers.values())
    if status in (307, 308):
        assert [p for _m, p, _h, _b in other.seen] == ["/api/auth/refresh-token"]  # a GET


# -- secrets: logs, reprs, errors, tracebacks ----------------------------------------------------

DEPENDENCY_LOGGERS = (
    "kitsu_sdk", "urllib3", "requests", "httpx", "httpcore", "socketio", "engineio", "websocket",
    "aiohttp",
)  # fmt: skip


class Capture(logging.Handler):
    """Every record of every logger at DEBUG, formatted with its exception."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines: list[str] = []
        self.names: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))
        self.names.add(record.name.split(".")[0])


@pytest.fixture
def debug_logs() -> Iterator[Capture]:
    """Every logger of ours and of the libraries under us at DEBUG, recorded; levels restored.
    The libraries' existing child loggers are set too: socketio sets `socketio.client` to ERROR
    the first time a client is made without `logger=True`."""
    import engineio  # noqa: F401 - their loggers exist from here on
    import socketio  # noqa: F401

    capture = Capture()
    root = logging.getLogger()
    names = set(DEPENDENCY_LOGGERS) | {
        name
        for name, existing in logging.Logger.manager.loggerDict.items()
        if isinstance(existing, logging.Logger) and name.split(".")[0] in DEPENDENCY_LOGGERS
    }
    saved = {name: logging.getLogger(name).level for name in names}
    saved_root = root.level
    root.addHandler(capture)
    root.setLevel(logging.DEBUG)
    for name in names:
        logging.getLogger(name).setLevel(logging.DEBUG)
    yield capture
    root.removeHandler(capture)
    root.setLevel(saved_root)
    for name, level in saved.items():
        logging.getLogger(name).setLevel(level)


def chain_text(error: BaseException) -> str:
    """What a user, a log or a crash report can see of an error: message, repr, the body it keeps,
    and the whole formatted chain (causes and contexts)."""
    parts = [str(error), repr(error), repr(getattr(error, "body", None))]
    parts += traceback.format_exception(type(error), error, error.__traceback__)
    return "\n".join(parts)


def assert_no_secret(texts: list[str], secrets: dict[str, str]) -> None:
    """No secret whole, nor a token's signature (its only secret part) alone."""
    whole = "\n".join(texts)
    for label, value in secrets.items():
        assert value and value not in whole, f"the {label} appears"
        signature = value.rsplit(".", 1)[-1]
        if value.count(".") == 2 and len(signature) >= 16:
            assert signature not in whole, f"the {label}'s signature appears"


def test_a_cut_log_in_answer_keeps_no_token_in_the_error(
    side: Side, origins: tuple[Recorder, Recorder, Recorder]
) -> None:
    api = origins[0]
    access, refresh = fake_token("cut-access"), fake_token("cut-refresh")
    body = json.dumps({"login": True, "access_token": access, "refresh_token": refresh})
    cut = body[: body.index(refresh) + len(refresh) // 2].encode()  # cut inside the refresh token

    def answer(handler: Handler) -> None:
        handler.reply(200, cut)

    api.routes["/api/auth/login"] = answer
    password = f"pw-{uuid.uuid4().hex}"
    client = side.client(api.origin + "/api")
    with pytest.raises(APIError) as bad:
        side(lambda: client.log_in("someone@example.com", password))
    assert "cut short" in str(bad.value)
    assert_no_secret(
        [chain_text(bad.value), repr(client), repr(client.auth)],
        {"access token": access, "refresh token": refresh, "password": password},
    )


def test_no_secret_in_debug_logs_reprs_errors_or_tracebacks(
    debug_logs: Capture,
    kitsu_host: str,
    kitsu_credentials: tuple[str, str],
    short_token_host: str,
    admin_client: KitsuClient,
    reliability_figures: list[str],
) -> None:
    from kitsu_sdk.aio import AsyncEventListener, AsyncKitsuClient

    email, password = kitsu_credentials
    secrets: dict[str, str] = {}
    texts: list[str] = []

    # A log-in with a password, a refresh, an expired token renewed, a log-in refused.
    client = KitsuClient(short_token_host)
    logged = client.log_in(email, password)
    secrets.update(access=logged["access_token"], refresh=logged["refresh_token"])
    client.get_current_user()
    client.refresh_access_token()
    secrets["refreshed access"] = client.tokens["access_token"]
    client.auth.refresh_margin = 0.0  # no refresh ahead: let the token expire and be renewed
    texts += [repr(client), repr(client.auth), repr(client.transport)]

    async def async_side() -> None:
        aclient = AsyncKitsuClient(short_token_host)
        answer = await aclient.log_in(email, password)
        secrets["async access"] = answer["access_token"]
        secrets["async refresh"] = answer["refresh_token"]
        await aclient.get_current_user()
        await aclient.refresh_access_token()
        secrets["async refreshed access"] = aclient.tokens["access_token"]
        aclient.auth.refresh_margin = 0.0
        await asyncio.sleep(4.5)  # past the short-token server's 4 s lifetime
        await aclient.get_current_user()  # 401 "Signature has expired", renewed, replayed
        secrets["async renewed access"] = aclient.tokens["access_token"]
        assert aclient.refresh_count >= 2
        texts.extend([repr(aclient), repr(aclient.auth)])
        stranger = f"nobody-{uuid.uuid4().hex[:8]}@example.com"
        with pytest.raises(WrongCredentialsError) as refused:
            await aclient.log_in(stranger, secrets["wrong password"])
        texts.append(chain_text(refused.value))
        await aclient.close()

    secrets["wrong password"] = f"wrong-{uuid.uuid4().hex}"
    asyncio.run(asyncio.wait_for(async_side(), 40))  # the sync client's token expired meanwhile
    client.get_current_user()
    secrets["renewed access"] = client.tokens["access_token"]
    assert client.refresh_count >= 2
    with pytest.raises(WrongCredentialsError) as refused:
        KitsuClient(kitsu_host).log_in("nobody@example.com", secrets["wrong password"])
    texts.append(chain_text(refused.value))
    with pytest.raises(KitsuConnectionError) as unreachable:
        KitsuClient("http://127.0.0.1:9", retry=NO_RETRY).log_in(email, secrets["wrong password"])
    texts.append(chain_text(unreachable.value))

    # A bot token: calls, a route bots may not use, a refresh it cannot do.
    bot = admin_client.post(
        "data/persons", {"first_name": unique("sec-bot"), "last_name": "Bot", "is_bot": True}
    )
    try:
        secrets["bot token"] = bot["access_token"]
        robot = KitsuClient(kitsu_host, token=bot["access_token"])
        robot.get_current_user()
        for action, error_class in (
            (lambda: robot.get("data/user/context"), PermissionDeniedError),
            (robot.refresh_access_token, AuthenticationError),
        ):
            with pytest.raises(error_class) as failed:
                action()
            texts.append(chain_text(failed.value))
        texts += [repr(robot), repr(robot.auth)]
    finally:
        admin_client.delete(f"data/persons/{bot['id']}", params={"force": "true"})

    # The listeners, with socketio's and engineio's own loggers on.
    main = new_client(kitsu_host)
    logged = main.log_in(email, password)
    secrets["listener access"] = logged["access_token"]
    secrets["listener refresh"] = logged["refresh_token"]
    listener = EventListener(main, logger=True, engineio_logger=True, reconnection=False)
    listener.start()
    listener.stop()

    async def async_listener() -> None:
        aclient = AsyncKitsuClient(kitsu_host, tokens=main.tokens)
        aclient.set_event_host(main.event_host)
        alistener = AsyncEventListener(
            aclient, logger=True, engineio_logger=True, reconnection=False
        )
        await alistener.start()
        await alistener.stop()
        await aclient.close()

    asyncio.run(asyncio.wait_for(async_listener(), 30))
    # An operation that carries a password, as data: its repr shows the route only.
    from kitsu_sdk._operations import person as person_ops

    change = person_ops.change_password_for_person(logged["user"]["id"], secrets["wrong password"])
    texts += [repr(change), str(change)]
    texts += debug_logs.lines
    assert {"kitsu_sdk", "urllib3", "httpx", "httpcore"} <= debug_logs.names  # DEBUG was on
    assert {"socketio", "engineio"} & debug_logs.names
    assert_no_secret(texts, secrets)
    reliability_figures.append(
        f"security: {len(secrets)} secrets looked for in {len(debug_logs.lines)} DEBUG records "
        f"from {len(debug_logs.names)} libraries and {len(texts) - len(debug_logs.lines)} "
        "reprs and formatted error chains: none found"
    )


# -- names from the server -------------------------------------------------------------------------

EVIL_NAME = "../../../../auth/logout?.txt"


class Stage:
    """A task on Zou with a comment carrying an attachment stored under EVIL_NAME (sent as raw
    multipart: the SDK's uploads use the local file's name) and a processed PNG preview."""

    def __init__(self, admin: KitsuClient, project: dict[str, Any], folder: pathlib.Path) -> None:
        import requests

        base = f"data/projects/{project['id']}"
        asset_type = admin.asset.all_asset_types()[0]
        asset = admin.post(
            f"{base}/asset-types/{asset_type['id']}/assets/new",
            {"name": unique("evil-names"), "description": ""},
        )
        task_type = admin.get("data/task-types", params={"for_entity": "Asset"})[0]
        self.task = admin.post(
            f"actions/projects/{project['id']}/task-types/{task_type['id']}/assets/create-tasks",
            [asset["id"]],
        )[0]
        self.content = f"attachment {uuid.uuid4().hex}".encode()
        answer = requests.post(
            admin.url(f"actions/tasks/{self.task['id']}/comment"),
            headers=admin.make_auth_header(),
            data={"task_status_id": self.task["task_status_id"], "comment": "evil names"},
            files={"file": (EVIL_NAME, self.content, "text/plain")},
            timeout=30,
        )
        answer.raise_for_status()
        self.comment = answer.json()
        self.attachment = self.comment["attachment_files"][0]
        self.attachment = admin.get(f"data/attachment-files/{self.attachment['id']}")
        assert self.attachment["name"] == EVIL_NAME  # Zou keeps the name as sent
        record = admin.post(
            f"actions/tasks/{self.task['id']}/comments/{self.comment['id']}/add-preview"
        )
        png = write_png(folder / "evil-preview.png", 32, 24)
        self.png = png.read_bytes()
        admin.upload(f"pictures/preview-files/{record['id']}", str(png))
        self.preview = admin.put(
            f"data/preview-files/{record['id']}", {"original_name": "../../../../evil"}
        )


@pytest.fixture(scope="module")
def stage(
    admin_client: KitsuClient,
    project_factory: Callable[..., dict[str, Any]],
    tmp_path_factory: pytest.TempPathFactory,
) -> Stage:
    return Stage(admin_client, project_factory("security-names"), tmp_path_factory.mktemp("st"))


def _proxied(side: Side, proxy: FaultProxy, admin: KitsuClient) -> Any:
    """A client of `side`'s kind with the admin's tokens, talking to Zou through the proxy (which
    logs every path it is asked)."""
    return side.client(proxy.url, token=admin.tokens)


@pytest.mark.parametrize("given", ["id", "record"])
def test_a_stored_attachment_name_cannot_change_the_route_on_zou(
    side: Side,
    stage: Stage,
    fault_proxy: FaultProxy,
    admin_client: KitsuClient,
    tmp_path: pathlib.Path,
    given: str,
) -> None:
    client = _proxied(side, fault_proxy, admin_client)
    att = stage.attachment
    target = tmp_path / "out.txt"
    ref = att["id"] if given == "id" else dict(att)
    written = side(lambda: client.files.download_attachment_file(ref, target))
    assert pathlib.Path(written).read_bytes() == stage.content
    paths = [entry.path for entry in fault_proxy.log]
    expected = [f"/data/attachment-files/{att['id']}/file/file"]
    if given == "id":
        expected.insert(0, f"/data/attachment-files/{att['id']}")  # the name comes from Zou
    assert paths == expected
    # The session is alive (the finding revoked it) and nothing else was written.
    assert side(lambda: client.get_current_user())["id"]
    assert sorted(os.listdir(tmp_path)) == ["out.txt"]


@pytest.mark.parametrize("function", ["download_preview_file", "download_preview_movie"])
@pytest.mark.parametrize("extension", ["a/b", "p?g", "../x"])
def test_a_stored_preview_extension_cannot_change_the_route_on_zou(
    side: Side,
    stage: Stage,
    fault_proxy: FaultProxy,
    admin_client: KitsuClient,
    tmp_path: pathlib.Path,
    extension: str,
    function: str,
) -> None:
    record = admin_client.post(
        f"actions/tasks/{stage.task['id']}/comments/{stage.comment['id']}/add-preview"
    )
    admin_client.put(f"data/preview-files/{record['id']}", {"extension": extension})
    client = _proxied(side, fault_proxy, admin_client)
    download = getattr(client.files, function)
    try:
        side(lambda: download(record["id"], tmp_path / "p.bin"))
    except KitsuError:
        pass  # refused (InvalidInputError), or Zou has no such file: fine, on the function's route
    kind = "movies" if function == "download_preview_movie" else "pictures"
    own = f"/{kind}/originals/preview-files/{record['id']}.{quote(extension, safe='')}"
    paths = [entry.path for entry in fault_proxy.log]
    assert paths[0] == f"/data/preview-files/{record['id']}"
    assert paths[1:] in ([], [own]), f"the route changed: {paths[1:]}"
    assert os.listdir(tmp_path) == []


def test_sync_push_task_comment_keeps_server_names_in_its_folder(
    stage: Stage,
    fault_proxy: FaultProxy,
    admin_client: KitsuClient,
    tmp_path: pathlib.Path,
) -> None:
    source = KitsuClient(fault_proxy.url, token=admin_client.tokens)
    work = tmp_path / "a" / "b" / "c" / "d" / "tmp"
    work.mkdir(parents=True)
    comment = admin_client.get(f"data/comments/{stage.comment['id']}")
    comment["attachment_files"] = [stage.attachment]
    comment["previews"] = [stage.preview["id"]]
    statuses = {stage.task["task_status_id"]: stage.task["task_status_id"]}
    me = admin_client.get_current_user()["id"]
    before_ids = {c["id"] for c in admin_client.get(f"data/tasks/{stage.task['id']}/comments")}
    pushed = kitsu_sdk.sync.push_task_comment(
        statuses, {me: me}, stage.task, comment, source, admin_client, tmp_path=str(work)
    )
    assert pushed is not None
    # Nothing outside the folder, and the folder left as it was.
    everything = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    assert everything == ["a", "a/b", "a/b/c", "a/b/c/d", "a/b/c/d/tmp"]
    # The source was asked only its own routes; the session is alive.
    allowed = (
        f"/data/attachment-files/{stage.attachment['id']}/file/file",
        f"/data/preview-files/{stage.preview['id']}",
        f"/pictures/originals/preview-files/{stage.preview['id']}.png",
    )
    paths = [entry.path for entry in fault_proxy.log]
    assert set(paths) <= set(allowed) and "logout" not in " ".join(paths), paths
    assert source.get_current_user()["id"] == me
    # The target got the comment, its attachment under a name without a path in it.
    after = admin_client.get(f"data/tasks/{stage.task['id']}/comments")
    new = [c for c in after if c["id"] not in before_ids]
    assert len(new) == 1
    names = [a["name"] for a in new[0].get("attachment_files") or []]
    assert len(names) == 1 and "/" not in names[0] and names[0] != ".."
    assert len(new[0].get("previews") or []) == 1


def test_security_figures(reliability_figures: list[str]) -> None:
    reliability_figures.append(
        f"security: TLS handshakes refused {TLS_FIGURES['refused']}, accepted "
        f"{TLS_FIGURES['accepted']}; redirects followed without credentials "
        f"{REDIRECT_FIGURES['followed']}, refused (a body to another origin) "
        f"{REDIRECT_FIGURES['refused']}"
    )
