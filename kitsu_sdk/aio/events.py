"""Kitsu's live events on an event loop: `AsyncEventListener`, kitsu_sdk.events.EventListener's
twin on python-socketio's `socketio.AsyncClient` (aiohttp) and an AsyncKitsuClient.

Everything that does not depend on threads is EventListener's own code, reused: registration and
hooks (`_ListenerBase`), the dispatcher (project filter, replay planning without duplicates),
the history reads as operations the async client runs, the redaction of secrets from the logs,
the clock offset, TLS and credential rules (`_event_socket`). socketio, aiohttp and asyncio are
imported inside functions, so `import kitsu_sdk.aio` imports none of them.
"""

from __future__ import annotations

import functools
import inspect
import logging
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Callable, Optional, Union

from .. import events as _events
from .._core import in_process
from .._core.errors import KitsuConnectionError
from .._core.refs import Ref
from .._event_core import CLOCK_ERRORS, clock_offset, replay_context
from .._event_socket import (
    CONNECT_TIMEOUT,
    NAMESPACE,
    _CredentialsBase,
    _explain,
    _socket_defaults,
    _tls_verify,
)
from .._listener_base import _DISCONNECTED, _STOP, CATCH_UP_LIMIT, _Connected, _ListenerBase
from ._client import AsyncKitsuClient, require_client

if TYPE_CHECKING:
    import asyncio

logger = logging.getLogger("kitsu_sdk.events")

_ASYNC_EXTRA = "pip install 'kitsu_sdk[async]'"


# -- the server's clock, credentials, the socket --------------------------------------------------


async def _measure_clock_offset(client: AsyncKitsuClient) -> Optional[float]:
    """Server time minus local time, from the `Date` header of `GET /` (good to about 1 s).

    Calls: GET /
    """
    try:
        started = time.time()
        response = await client.transport.request(
            "GET", client.url(""), "", timeout=client.timeout, authenticate=False
        )
        return clock_offset(response.headers, started, time.time())
    except CLOCK_ERRORS as error:
        logger.debug("could not read the server's clock: %s", error)
        return None


class _AsyncCredentials(_CredentialsBase):
    """The AsyncKitsuClient's credentials per connection attempt: socketio.AsyncClient awaits
    `headers` (a coroutine function) at every (re)connection, then calls `auth`."""

    def __init__(self, client: AsyncKitsuClient) -> None:
        super().__init__()
        self.client: AsyncKitsuClient = client

    async def headers(self) -> dict[str, str]:
        auth = self.client.auth
        try:
            await auth.ensure_fresh()
            token = auth.header()[1]
            if token and self._needs_renewal(token):
                await auth.renew(token)
        except Exception as error:  # noqa: BLE001 - see _CredentialsBase
            self._renewal_failed(error)
        return self._sent_headers()


def _http_session(verify: Union[bool, str], cert: Any) -> Any:
    """An aiohttp session verifying with a CA bundle and/or presenting a client certificate
    (engineio calls this inside the event loop, and closes the session when it disconnects)."""
    import aiohttp

    from .._core.aio_transport import _verify

    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=_verify(verify, cert)))


def _new_async_socket(
    client: AsyncKitsuClient, ssl_verify: Union[bool, str, None], **options: Any
) -> Any:
    """A socketio.AsyncClient with our reconnection backoff and the client's TLS settings."""
    try:
        import aiohttp  # noqa: F401 - engineio's asyncio client needs it, checked here
        import socketio
    except ImportError as error:
        raise ImportError(
            f"the async event listener needs aiohttp and python-socketio: {_ASYNC_EXTRA}"
        ) from error
    _socket_defaults(options)
    verify = _tls_verify(client, ssl_verify)
    if "http_session" not in options and (isinstance(verify, str) or client.cert):
        options["http_session"] = functools.partial(_http_session, verify, client.cert)
    options["ssl_verify"] = bool(verify)
    socket = socketio.AsyncClient(**options)
    in_process_events = in_process.event_socket_factory(client.event_host, True)
    if in_process_events is not None:  # a kitsu_sdk.testing.FakeKitsu's event host
        socket = in_process_events(socket)
    return socket


async def _connect(socket: Any, client: AsyncKitsuClient, credentials: _AsyncCredentials) -> None:
    import socketio

    url = client.event_host
    try:
        await socket.connect(
            url,
            headers=credentials.headers,
            auth=credentials.auth,
            namespaces=[NAMESPACE],
            wait_timeout=CONNECT_TIMEOUT,
        )
    except (socketio.exceptions.ConnectionError, ValueError) as error:  # ValueError: a bad URL
        raise KitsuConnectionError(_explain(url, error), "GET", "socket.io") from error
    logger.info("listening to %s%s", url, NAMESPACE)


async def _stopped_within(stopping: asyncio.Event, seconds: float) -> bool:
    """Wait up to `seconds`; True as soon as `stopping` is set."""
    import asyncio

    try:
        await asyncio.wait_for(stopping.wait(), seconds)
    except asyncio.TimeoutError:
        return False
    return True


async def _shutdown(socket: Any) -> None:
    try:
        shutdown = getattr(socket, "shutdown", None)
        outcome = shutdown() if shutdown is not None else socket.disconnect()
        if inspect.isawaitable(outcome):
            await outcome
    except Exception as error:  # noqa: BLE001 - closing must not raise out of stop()
        logger.debug("closing the event socket: %s", error)


# -- the listener ----------------------------------------------------------------------------------


class AsyncEventListener(_ListenerBase):
    """Listen to Kitsu's events on an event loop, with filters, hooks and catch-up.

    ```python
    listener = AsyncEventListener(aclient, project=project)

    @listener.on("task:status-changed")
    async def changed(data): ...                  # or a plain function

    @listener.on_any
    def everything(name, data, context): ...      # context.replayed tells a replay from live

    async with listener:                          # await start() ... await stop()
        await listener.wait(60)                   # or: await listener.run()
    ```
    It behaves as kitsu_sdk.events.EventListener: handlers (functions or coroutine functions)
    run one at a time, in order, in one worker task; one that raises is logged and the next
    event is delivered. `project` keeps only the events whose payload names that project. Every
    (re)connection sends the client's current token, refreshed first when near expiry. After a
    reconnection the events stored meanwhile are fetched (`GET /data/events/last`, through the
    AsyncKitsuClient) and delivered oldest first, before the live ones, without duplicates;
    users who may not read that log (not managers or admins) stay live-only. Hooks
    (`on_connect`, `on_disconnect`, `on_reconnect`) may be coroutine functions too. While it
    runs, no token or password reaches the output of the SDK's loggers or of its network
    libraries' (kitsu_sdk._log_redaction).

    Use it from the event loop its AsyncKitsuClient runs on. Needs aiohttp
    (`pip install 'kitsu_sdk[async]'`).

    Args:
        client: the AsyncKitsuClient; its token is read at every connection attempt.
        project: a project (id, dict or object) or several; None for all events.
        ssl_verify: TLS verification; None (the default) follows the client's `ssl_verify`
            (its CA bundle included), True verifies (with the client's CA bundle if any),
            False does not.
        catch_up: replay what was stored while disconnected.
        catch_up_limit: the most events replayed per reconnection.
        stop_timeout: how long `stop()` waits for the socket and the worker before cancelling.
        socket_factory: builds the socket from options (tests pass a fake); socketio.AsyncClient
            by default. Other keyword arguments go to it (`reconnection_delay_max`, `logger`...).
        socket_options: options for socketio.AsyncClient (`reconnection_delay`, ...)
    """

    def __init__(
        self,
        client: AsyncKitsuClient,
        project: Union[Ref, Iterable[Ref], None] = None,
        ssl_verify: Union[bool, str, None] = None,
        *,
        catch_up: bool = True,
        catch_up_limit: int = CATCH_UP_LIMIT,
        stop_timeout: float = 5.0,
        socket_factory: Optional[Callable[..., Any]] = None,
        **socket_options: Any,
    ) -> None:
        self.client = require_client(client)
        super().__init__(
            project, catch_up=catch_up, catch_up_limit=catch_up_limit, stop_timeout=stop_timeout
        )
        self.ssl_verify = ssl_verify
        self.credentials = _AsyncCredentials(self.client)
        self._socket_factory = socket_factory
        self._socket_options = {"handle_sigint": False, **socket_options}
        self._socket: Any = None
        # Created by start(), inside the running loop (Python 3.9 binds them at creation).
        self._queue: Optional[asyncio.Queue[Any]] = None
        self._worker: Optional[asyncio.Task[None]] = None
        self._stopping: Optional[asyncio.Event] = None
        self._stopped: Optional[asyncio.Event] = None
        self._closers: set[asyncio.Task[None]] = set()

    async def _run_hooks(self, kind: str) -> None:
        for fn in self._hooks.get(kind, []):
            try:
                outcome = fn()
                if inspect.isawaitable(outcome):
                    await outcome
            except Exception:
                self._hook_failed(kind, fn)

    # -- life cycle -----------------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        return bool(self._socket is not None and self._socket.connected)

    @property
    def running(self) -> bool:
        return self._stopped is not None and not self._stopped.is_set()

    @property
    def socket(self) -> Any:
        """The socketio.AsyncClient of the current (or last) run; None before the first start."""
        return self._socket

    async def start(self) -> AsyncEventListener:
        """Connect and return; events are handled in a background task until `stop()`.

        Raises KitsuConnectionError when the event host cannot be reached or refuses `/events`.
        """
        import asyncio

        if self.running:
            return self
        # A fresh queue and stop flag per run: a worker left from an earlier run keeps its own.
        stopping = self._stopping = asyncio.Event()
        items: asyncio.Queue[Any] = asyncio.Queue()
        self._queue = items
        self._stopped = asyncio.Event()
        try:
            self._redact_logs()
            self._set_clock_offset(await _measure_clock_offset(self.client))
            self._worker = asyncio.ensure_future(self._work(items, stopping))
            factory = self._socket_factory or self._default_socket
            socket = factory(**self._socket_options)
            self._redact_logs(socket)
            # Plain functions, bound to this socket: socketio calls them in the task reading the
            # message, so an event is recorded (and queued) in arrival order, before any await.
            socket.on("connect", functools.partial(self._on_connect, socket), namespace=NAMESPACE)
            socket.on(
                "disconnect", functools.partial(self._on_disconnect, socket), namespace=NAMESPACE
            )
            socket.on("connect_error", self._on_connect_error, namespace=NAMESPACE)
            socket.on("*", functools.partial(self._on_event, socket), namespace=NAMESPACE)
            self._socket = socket
            await _connect(socket, self.client, self.credentials)
        except BaseException:
            await self.stop()
            raise
        return self

    def _default_socket(self, **options: Any) -> Any:
        return _new_async_socket(self.client, self.ssl_verify, **options)

    async def stop(self) -> None:
        """Disconnect and stop the worker task; returns within about `stop_timeout` seconds
        (a handler still running then is cancelled)."""
        import asyncio

        stopping, stopped = self._stopping, self._stopped
        if stopping is None or stopped is None or stopped.is_set():
            return  # never started, or already stopped
        stopping.set()
        try:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + self.stop_timeout
            socket = self._socket
            if socket is not None:
                socket.reconnection = False  # no new reconnect loop after this
                try:
                    await asyncio.wait_for(_shutdown(socket), max(0.0, deadline - loop.time()))
                except asyncio.TimeoutError:
                    logger.warning("the event socket did not close within %s s", self.stop_timeout)
            if self._queue is not None:
                self._queue.put_nowait(_STOP)
            worker = self._worker
            if worker is not None and worker is not asyncio.current_task() and not worker.done():
                done, _ = await asyncio.wait({worker}, timeout=max(0.0, deadline - loop.time()))
                if not done:
                    logger.warning(
                        "a handler still ran %s s after stop(): cancelled", self.stop_timeout
                    )
                    worker.cancel()
        finally:
            self._release_logs()
            stopped.set()

    async def wait(self, timeout: Optional[float] = None) -> bool:
        """Wait until `stop()` (from a handler or another task); False on timeout.

        Args:
            timeout: seconds to wait at most (None: until stopped).
        """
        import asyncio

        stopped = self._stopped
        if stopped is None:
            return True
        try:
            await asyncio.wait_for(stopped.wait(), timeout)
        except asyncio.TimeoutError:
            return False
        return True

    async def run(self) -> None:
        """Start, wait until stopped (or cancelled: Ctrl-C under asyncio.run), then stop."""
        await self.start()
        try:
            await self.wait()
        finally:
            await self.stop()

    async def __aenter__(self) -> AsyncEventListener:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # -- socket callbacks (socketio's tasks: record, queue, return; never await) -----------------

    def _put(self, item: Any) -> None:
        if self._queue is not None:
            self._queue.put_nowait(item)

    def _on_connect(self, socket: Any, *args: Any) -> None:
        if socket is not self._socket or (self._stopping is not None and self._stopping.is_set()):
            self._close_later(socket)
            return
        self._put(self._note_connected())

    def _close_later(self, socket: Any) -> None:
        import asyncio

        closer = asyncio.ensure_future(_shutdown(socket))
        self._closers.add(closer)
        closer.add_done_callback(self._closers.discard)

    def _on_disconnect(self, socket: Any, *args: Any) -> None:
        if socket is not self._socket:
            return
        self._note_disconnected(args[0] if args else None)
        self._put(_DISCONNECTED)

    def _on_connect_error(self, *args: Any) -> None:
        logger.warning("connection attempt to the event server failed: %s", args[0] if args else "")

    def _on_event(self, socket: Any, name: str, *args: Any) -> None:
        if socket is not self._socket:
            return
        data = args[0] if args else None
        context = self.dispatcher.note_live(name, data)
        if context is not None:  # None: the late copy of an event the catch-up replayed
            self._put((data, context))

    # -- the worker task ------------------------------------------------------------------------

    async def _work(self, items: asyncio.Queue[Any], stopping: asyncio.Event) -> None:
        while not stopping.is_set():
            item = await items.get()
            if item is _STOP or stopping.is_set():
                break
            if item is _DISCONNECTED:
                logger.info("disconnected from the event server")
                await self._run_hooks("disconnect")
            elif isinstance(item, _Connected):
                await self._connected(item, stopping)
            else:
                data, context = item
                if await self.dispatcher.deliver_async(data, context):
                    self.stats["live"] += 1

    async def _connected(self, marker: _Connected, stopping: asyncio.Event) -> None:
        if marker.first:
            if self.catch_up:
                await self._history_available()
            await self._run_hooks("connect")
            return
        self._note_reconnected(marker)
        await self._run_hooks("connect")
        try:
            if self.catch_up and marker.since is not None and await self._history_available():
                await self._replay(marker.since, stopping)
        finally:
            self.dispatcher.replay_done()
        await self._run_hooks("reconnect")

    async def _history_available(self) -> bool:
        return await self.client.run(self._history_check())

    async def _replay(self, since: float, stopping: asyncio.Event) -> None:
        import asyncio

        started = time.monotonic()
        self._set_clock_offset(await _measure_clock_offset(self.client))
        rows = await self.client.run(self._missed_events(since))
        for delay in self.catch_up_delays:
            if rows is not None or await _stopped_within(stopping, delay):
                break
            rows = await self.client.run(self._missed_events(since))
        if rows is None:
            if not stopping.is_set():
                self._gave_up(since)
            return
        await asyncio.sleep(_events.SETTLE_SECONDS)
        for row in self.dispatcher.plan_replay(rows):
            if stopping.is_set():
                return
            if await self.dispatcher.deliver_async(row.get("data"), replay_context(row)):
                self.stats["replayed"] += 1
        self.stats["last_catch_up_seconds"] = time.monotonic() - started


__all__ = ["AsyncEventListener"]
