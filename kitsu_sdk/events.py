"""Kitsu's live event stream (socket.io, namespace `/events`) and its stored history.

gazu's `init` / `add_listener` / `run_client`, and `EventListener`: handlers by name or catch-all,
project filtering, a background thread, reconnection with fresh credentials, and a replay of the
events stored while disconnected. socketio is imported only inside functions, so `import
kitsu_sdk` never does. What does not depend on threads (registration, hooks, the connection
bookkeeping, the history reads as operations, TLS and credential rules) is shared with
kitsu_sdk.aio.AsyncEventListener through `_ListenerBase` and the helpers below.
"""

from __future__ import annotations

import datetime
import functools
import logging
import queue
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Callable, Optional, TypeVar, Union, overload

from ._client_base import ClientBase
from ._core import call
from ._core.call import Flow
from ._core.errors import (
    InvalidInputError,
    KitsuConnectionError,
    KitsuError,
    PermissionDeniedError,
)
from ._core.refs import Ref, to_id, to_ids
from ._event_core import (
    PAGE_MAX,
    EventContext,
    EventDispatcher,
    Handler,
    date_param,
    fetch_events,
    fetch_events_flow,
    format_server_time,
    measure_clock_offset,
    replay_context,
    token_exp,
)
from ._event_core import (
    label as _label,
)
from .client import KitsuClient, resolve_client

logger = logging.getLogger("kitsu_sdk.events")

NAMESPACE = "/events"
#: Reconnection backoff (seconds): doubles from the delay up to the max, each +/- randomization.
RECONNECTION_DELAY = 1.0
RECONNECTION_DELAY_MAX = 10.0
RANDOMIZATION_FACTOR = 0.5
#: How long `connect` waits for the server to accept the `/events` namespace.
CONNECT_TIMEOUT = 10.0
#: Most events replayed after one reconnection (Zou serves at most 1000 per request).
CATCH_UP_LIMIT = 1000
#: Pause after fetching the history, so live copies of the newest stored events can arrive.
SETTLE_SECONDS = 0.3

_HANDSHAKE_MARGIN = 2.0

F = TypeVar("F", bound=Callable[..., Any])


# -- the event log (REST) -------------------------------------------------------------------------


def get_last_events(
    limit: int = 100,
    project: Optional[Ref] = None,
    after: Union[str, datetime.date, None] = None,
    before: Union[str, datetime.date, None] = None,
    only_files: bool = False,
    name: Optional[str] = None,
    client: Optional[KitsuClient] = None,
    *,
    cursor_event_id: Optional[str] = None,
    name_prefixes: Optional[Iterable[str]] = None,
    name_suffixes: Optional[Iterable[str]] = None,
    person_ids: Optional[Iterable[Ref]] = None,
) -> list[dict[str, Any]]:
    """The stored events, newest first: `{id, created_at, name, user_id, project_id, data}`.

    Zou serves this log to managers (their projects only) and admins; others get
    PermissionDeniedError. `after`/`before` are UTC (`created_at` is too, to the second). Above
    1000 (Zou's cap per request) the pages are followed with `cursor_event_id`, which alone asks
    for the events older than that one. `project` filters on the project the event was stored
    with: some are stored without one though their payload names it (`project:new`).

    Calls: GET /data/events/last
    """
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise InvalidInputError(f"limit must be a positive integer, got {limit!r}")
    params: dict[str, Any] = {
        "project_id": to_id(project, "project") if project is not None else None,
        "after": date_param(after, "after"),
        "before": date_param(before, "before"),
        "only_files": True if only_files else None,
        "name": name,
        "name_prefixes": list(name_prefixes) if name_prefixes else None,
        "name_suffixes": list(name_suffixes) if name_suffixes else None,
        "person_ids": to_ids(list(person_ids), "person") if person_ids else None,
    }
    if cursor_event_id is not None:
        params["cursor_event_id"] = to_id(cursor_event_id, "event")
        page = resolve_client(client).get(
            "data/events/last", params={**params, "limit": min(limit, PAGE_MAX)}
        )
        return list(page or [])
    return fetch_events(resolve_client(client), params, limit)


def get_last_login_logs(
    after: Union[str, datetime.date, None] = None,
    before: Union[str, datetime.date, None] = None,
    limit: int = 100,
    cursor_login_log_id: Optional[str] = None,
    person_ids: Optional[Iterable[Ref]] = None,
    client: Optional[KitsuClient] = None,
) -> list[dict[str, Any]]:
    """The last logins (person_id, created_at, ip_address, origin), newest first. Admins only.

    Calls: GET /data/events/login-logs/last
    """
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise InvalidInputError(f"limit must be a positive integer, got {limit!r}")
    params = {
        "limit": limit,
        "after": date_param(after, "after"),
        "before": date_param(before, "before"),
        "cursor_login_log_id": (
            to_id(cursor_login_log_id, "login log") if cursor_login_log_id else None
        ),
        "person_ids": to_ids(list(person_ids), "person") if person_ids else None,
    }
    return list(resolve_client(client).get("data/events/login-logs/last", params=params) or [])


# -- the socket: credentials, TLS, connection -----------------------------------------------------


class _CredentialsBase:
    """What socketio evaluates on every (re)connection attempt: the client's token NOW.

    A near-expiry token is refreshed first; an expired one the refresh could not renew makes the
    client log in again when it holds credentials. `headers` never raises: socketio's reconnect
    loop would die on anything but its own ConnectionError. Subclasses: `_Credentials` (a
    KitsuClient) and kitsu_sdk.aio.events' (an AsyncKitsuClient, `headers` a coroutine).
    """

    client: ClientBase  # whose `auth` is a TokenAuth or an AsyncTokenAuth

    def __init__(self) -> None:
        self.handshakes: list[tuple[float, Optional[float]]] = []  # (time, token exp) per attempt

    @staticmethod
    def _needs_renewal(token: Optional[str]) -> bool:
        # An expired token (or one about to be, given latency and clock skew) that the
        # proactive refresh could not renew: refresh now, else log in again.
        exp = token_exp(token)
        return bool(token) and exp is not None and exp - time.time() < _HANDSHAKE_MARGIN

    def _renewal_failed(self, error: Exception) -> None:
        logger.warning("could not renew the token before connecting: %s", error)

    def _sent_headers(self) -> dict[str, str]:
        """The headers of this attempt, recorded with the expiry of the token they carry."""
        header, token = self.client.auth.header()
        self.handshakes.append((time.time(), token_exp(token)))
        del self.handshakes[:-100]
        return dict(header)

    def auth(self) -> Optional[dict[str, str]]:
        # Evaluated after `headers` for the same attempt; the payload is another way Zou reads it.
        token = self.client.auth.header()[1]
        return {"token": token} if token else None


class _Credentials(_CredentialsBase):
    """The KitsuClient's credentials per connection attempt (see _CredentialsBase)."""

    def __init__(self, client: KitsuClient) -> None:
        super().__init__()
        self.client: KitsuClient = client

    def headers(self) -> dict[str, str]:
        auth = self.client.auth
        try:
            auth.ensure_fresh()
            token = auth.header()[1]
            if token and self._needs_renewal(token):
                auth.renew(token)
        except Exception as error:  # noqa: BLE001 - see _CredentialsBase
            self._renewal_failed(error)
        return self._sent_headers()


def _socket_defaults(options: dict[str, Any]) -> dict[str, Any]:
    """Our reconnection backoff, unless the caller chose another."""
    options.setdefault("reconnection_delay", RECONNECTION_DELAY)
    options.setdefault("reconnection_delay_max", RECONNECTION_DELAY_MAX)
    options.setdefault("randomization_factor", RANDOMIZATION_FACTOR)
    return options


def _tls_verify(client: ClientBase, ssl_verify: Union[bool, str, None]) -> Union[bool, str]:
    """The socket's TLS verification: False, True, or the CA bundle to verify with.

    None (gazu's default) means "as the client", never "off"; True keeps the client's CA bundle.
    """
    verify: Union[bool, str] = client.ssl_verify if ssl_verify is None else ssl_verify
    if verify is True and isinstance(client.ssl_verify, str):
        verify = client.ssl_verify  # verification stays on, with the client's CA bundle
    return verify


def _new_socket(client: KitsuClient, ssl_verify: Union[bool, str, None], **options: Any) -> Any:
    """A socketio.Client with our reconnection backoff and the client's TLS settings."""
    import socketio

    _socket_defaults(options)
    verify = _tls_verify(client, ssl_verify)
    if "http_session" not in options and (isinstance(verify, str) or client.cert):
        session = client.transport.new_session()
        session.verify = verify
        options["http_session"] = session
    options["ssl_verify"] = bool(verify)
    return socketio.Client(**options)


def _explain(url: str, error: BaseException) -> str:
    text = " ".join(str(arg) for arg in error.args if arg) or type(error).__name__
    if "namespace" in text.lower():
        return (
            f"the event server at {url} refused the {NAMESPACE} namespace ({text}): "
            "is the token valid?"
        )
    if "status code" in text.lower():
        return (
            f"no socket.io server answers at {url}/socket.io/ ({text}): set the event host with "
            "client.set_event_host(...) (Kitsu serves it at the site root, a bare Zou on :5001)"
        )
    return f"cannot connect to the event server at {url}: {text}"


def _connect(socket: Any, client: KitsuClient, credentials: _Credentials) -> None:
    import socketio

    url = client.event_host
    try:
        socket.connect(
            url,
            headers=credentials.headers,
            auth=credentials.auth,
            namespaces=[NAMESPACE],
            wait_timeout=CONNECT_TIMEOUT,
        )
    except (socketio.exceptions.ConnectionError, ValueError) as error:  # ValueError: a bad URL
        raise KitsuConnectionError(_explain(url, error), "GET", "socket.io") from error
    logger.info("listening to %s%s", url, NAMESPACE)


# -- gazu's functions ------------------------------------------------------------------------------


def init(
    client: Optional[KitsuClient] = None,
    ssl_verify: Union[bool, str, None] = True,
    reconnection: bool = True,
    logger: bool = False,
    **kwargs: Any,
) -> Any:
    """A socketio.Client connected to the client's event host on `/events` (gazu's `init`).

    Every (re)connection sends the client's current token, refreshed first when near expiry.
    TLS is verified unless `ssl_verify=False` (with the client's CA bundle if it has one; None
    means as the client). `kwargs` go to socketio.Client (`reconnection_delay`,
    `reconnection_delay_max`, ...). A wrong host or a refused namespace raises
    KitsuConnectionError. See EventListener for filtering and replay.

    Calls: GET /socket.io/ on the event host
    """
    c = resolve_client(client)
    socket = _new_socket(c, ssl_verify, reconnection=reconnection, logger=logger, **kwargs)
    socket.on("connect_error", connect_error, namespace=NAMESPACE)
    _connect(socket, c, _Credentials(c))
    return socket


def connect_error(data: Any) -> Any:
    """Log a refused connection (gazu registers it as the `connect_error` handler)."""
    logger.error("the connection to the event server failed: %s", data)
    return data


def add_listener(event_client: Any, event_name: str, event_handler: Handler) -> Any:
    """Call `event_handler(data)` for each `event_name` event; a handler that raises is logged."""
    if not isinstance(event_name, str) or not event_name.strip():
        raise InvalidInputError(f"event_name must be a non-empty string, got {event_name!r}")
    if not callable(event_handler):
        raise InvalidInputError("event_handler must be callable")

    def guarded(*args: Any) -> Any:
        try:
            return event_handler(*args)
        except Exception:
            logger.exception("handler %s for %s failed", _label(event_handler), event_name)
            return None

    event_client.on(event_name, guarded, namespace=NAMESPACE)
    return event_client


def run_client(event_client: Any) -> Any:
    """Block until the connection ends for good (reconnection given up, or disconnected)."""
    logger.info("listening to Kitsu events")
    event_client.wait()
    return event_client


# -- the listener ----------------------------------------------------------------------------------


@dataclass
class _Connected:
    first: bool
    since: Optional[float]
    outage: Optional[float]


_DISCONNECTED = object()
_STOP = object()


class _ListenerBase:
    """What EventListener and kitsu_sdk.aio.AsyncEventListener share: handler and hook
    registration, the dispatcher (filter, replay planning), the connection bookkeeping, stats,
    and the reads of the event history as operations that either client runs.

    The subclasses own the socket and the order of work: threads and a queue for one, tasks and
    an asyncio.Queue for the other.
    """

    def __init__(
        self,
        project: Union[Ref, Iterable[Ref], None],
        *,
        catch_up: bool,
        catch_up_limit: int,
        stop_timeout: float,
    ) -> None:
        project_ids = to_ids(project, "project") if project is not None else None
        self.dispatcher = EventDispatcher(project_ids)
        self.catch_up = catch_up
        self.catch_up_limit = catch_up_limit
        self.stop_timeout = stop_timeout
        self._hooks: dict[str, list[Callable[[], Any]]] = {}
        self._history_allowed: Optional[bool] = None
        self._disconnected_at: Optional[float] = None
        self.stats: dict[str, Any] = {
            "connects": 0, "reconnects": 0, "live": 0, "replayed": 0,
            "last_outage_seconds": None, "last_catch_up_seconds": None,
        }  # fmt: skip

    # -- registration ---------------------------------------------------------------------------

    @overload
    def on(self, event_name: str) -> Callable[[F], F]: ...

    @overload
    def on(self, event_name: str, handler: F) -> F: ...

    def on(self, event_name: str, handler: Optional[F] = None) -> Any:
        """Register `handler(data[, context])` for an event; usable as a decorator."""
        if handler is not None:
            self.dispatcher.add(event_name, handler)
            return handler

        def decorator(fn: F) -> F:
            self.dispatcher.add(event_name, fn)
            return fn

        return decorator

    def on_any(self, handler: F) -> F:
        """Register `handler(name, data[, context])` for every event (a decorator)."""
        self.dispatcher.add_any(handler)
        return handler

    def _hook(self, kind: str, fn: F) -> F:
        if not callable(fn):
            raise InvalidInputError(f"{kind} needs a callable")
        self._hooks[kind] = [*self._hooks.get(kind, []), fn]
        return fn

    def on_connect(self, fn: F) -> F:
        """`fn()` after every successful connection (the first one and reconnections)."""
        return self._hook("connect", fn)

    def on_disconnect(self, fn: F) -> F:
        """`fn()` when the connection is lost or closed."""
        return self._hook("disconnect", fn)

    def on_reconnect(self, fn: F) -> F:
        """`fn()` after a reconnection, once the missed events are delivered."""
        return self._hook("reconnect", fn)

    def _hook_failed(self, kind: str, fn: Callable[..., Any]) -> None:
        """Count and log the exception being handled (call it from an `except` block)."""
        self.dispatcher.handler_errors += 1
        logger.exception("%s hook %s failed", kind, _label(fn))

    # -- connection bookkeeping (called from the socket's callbacks) -----------------------------

    def _note_connected(self) -> _Connected:
        """Count a connection and mark where its catch-up starts (before any event is queued)."""
        self.stats["connects"] += 1
        outage = None
        if self._disconnected_at is not None:
            outage = time.monotonic() - self._disconnected_at
            self._disconnected_at = None
        since = self.dispatcher.note_connected()
        return _Connected(self.stats["connects"] == 1, since, outage)

    def _note_disconnected(self) -> None:
        if self._disconnected_at is None:
            self._disconnected_at = time.monotonic()

    def _note_reconnected(self, marker: _Connected) -> None:
        self.stats["reconnects"] += 1
        self.stats["last_outage_seconds"] = marker.outage
        logger.info("reconnected to the event server after %.1f s", marker.outage or 0.0)

    # -- the event history, as operations (client.run / await aclient.run) ----------------------

    def _history_check(self) -> Flow[bool]:
        """Whether this user may read the event history (asked once, remembered)."""
        if self._history_allowed is None:
            try:
                yield from call.get("data/events/last", {"limit": 1})
                self._history_allowed = True
            except PermissionDeniedError:
                self._history_allowed = False
                logger.warning(
                    "Zou serves the event history to managers and admins only: events sent "
                    "while disconnected will not be replayed, listening to live events only"
                )
            except KitsuError as error:
                logger.warning("could not read the event history: %s", error)
                return False
        return self._history_allowed

    def _missed_events(self, since: float) -> Flow[Optional[list[dict[str, Any]]]]:
        """The events stored since `since` (server time), newest first; None when unreadable."""
        after = format_server_time(since)
        try:
            rows = yield from fetch_events_flow({"after": after}, self.catch_up_limit)
        except KitsuError as error:
            logger.warning("could not replay the events missed since %s: %s", after, error)
            return None
        if len(rows) >= self.catch_up_limit:
            logger.warning(
                "more than %d events since %s: only the newest are replayed", len(rows), after
            )
        return rows

    def _set_clock_offset(self, offset: Optional[float]) -> None:
        if offset is not None:
            self.dispatcher.clock_offset = offset


class EventListener(_ListenerBase):
    """Listen to Kitsu's events in background threads, with filters, hooks and catch-up.

    ```python
    listener = EventListener(client, project=project)

    @listener.on("task:status-changed")
    def changed(data): ...                      # gazu style

    @listener.on_any
    def everything(name, data, context): ...    # context.replayed tells a replay from live

    with listener:                              # start() ... stop()
        ...
    ```
    Handlers run one at a time, in order, in one worker thread; one that raises is logged and
    the next event is delivered. Zou broadcasts every event to every client: `project` (one or
    several) keeps only the events whose payload names that project (events without a project
    are dropped then). After a reconnection the events stored meanwhile are fetched
    (`GET /data/events/last`) and delivered oldest first, before the live ones, without
    duplicates (see EventDispatcher). Zou serves that log to managers and admins only: for other
    roles the listener says so once in the log and stays live-only. Events Zou never stores
    (`event_names.LIVE_ONLY_EVENTS`) cannot be replayed. A stopped listener started again
    replays what it missed in between. kitsu_sdk.aio.AsyncEventListener does the same on an
    event loop.

    Args:
        client: the KitsuClient (the default one when None); its token is read at every
            connection attempt, refreshed first when near expiry.
        project: a project (id, dict or object) or several; None for all events.
        ssl_verify: TLS verification (on by default; the client's CA bundle is used).
        catch_up: replay what was stored while disconnected.
        catch_up_limit: the most events replayed per reconnection.
        socket_factory: builds the socket from options (tests pass a fake); socketio.Client
            by default. Other keyword arguments go to it (`reconnection_delay_max`, `logger`...).
    """

    def __init__(
        self,
        client: Optional[KitsuClient] = None,
        project: Union[Ref, Iterable[Ref], None] = None,
        ssl_verify: Union[bool, str, None] = True,
        *,
        catch_up: bool = True,
        catch_up_limit: int = CATCH_UP_LIMIT,
        stop_timeout: float = 5.0,
        socket_factory: Optional[Callable[..., Any]] = None,
        **socket_options: Any,
    ) -> None:
        self.client = resolve_client(client)
        super().__init__(
            project, catch_up=catch_up, catch_up_limit=catch_up_limit, stop_timeout=stop_timeout
        )
        self.ssl_verify = ssl_verify
        self.credentials = _Credentials(self.client)
        self._socket_factory = socket_factory
        self._socket_options = {"handle_sigint": False, **socket_options}
        self._socket: Any = None
        self._queue: queue.Queue[Any] = queue.Queue()
        self._worker: Optional[threading.Thread] = None
        self._stopping = threading.Event()
        self._stopped = threading.Event()
        self._stopped.set()

    def _run_hooks(self, kind: str) -> None:
        for fn in self._hooks.get(kind, []):
            try:
                fn()
            except Exception:
                self._hook_failed(kind, fn)

    # -- life cycle -----------------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        return bool(self._socket is not None and self._socket.connected)

    @property
    def running(self) -> bool:
        return not self._stopped.is_set()

    def start(self) -> EventListener:
        """Connect and return; events are handled in background threads until `stop()`.

        Raises KitsuConnectionError when the event host cannot be reached or refuses `/events`.
        """
        if self.running:
            return self
        # A fresh queue and stop flag per run: a worker left behind by a stop that timed out
        # (a slow handler) keeps its own and exits, it never competes with the new one.
        self._stopping = threading.Event()
        self._queue = queue.Queue()
        self._stopped.clear()
        try:
            self._set_clock_offset(measure_clock_offset(self.client))
            self._worker = threading.Thread(
                target=self._work,
                args=(self._queue, self._stopping),
                name="kitsu-events",
                daemon=True,
            )
            self._worker.start()
            factory = self._socket_factory or self._default_socket
            socket = factory(**self._socket_options)
            # Bound to this socket: one left over from an earlier run is ignored (and closed).
            socket.on("connect", functools.partial(self._on_connect, socket), namespace=NAMESPACE)
            socket.on(
                "disconnect", functools.partial(self._on_disconnect, socket), namespace=NAMESPACE
            )
            socket.on("connect_error", self._on_connect_error, namespace=NAMESPACE)
            socket.on("*", functools.partial(self._on_event, socket), namespace=NAMESPACE)
            self._socket = socket
            _connect(socket, self.client, self.credentials)
        except BaseException:
            self.stop()
            raise
        return self

    def _default_socket(self, **options: Any) -> Any:
        return _new_socket(self.client, self.ssl_verify, **options)

    def stop(self) -> None:
        """Disconnect and stop the threads; returns within about `stop_timeout` seconds."""
        self._stopping.set()
        deadline = time.monotonic() + self.stop_timeout
        socket = self._socket
        if socket is not None:
            socket.reconnection = False  # no new reconnect loop after this
            closer = threading.Thread(target=_shutdown, args=(socket,), daemon=True)
            closer.start()
            closer.join(max(0.0, deadline - time.monotonic()))
        self._queue.put(_STOP)
        worker = self._worker
        if worker is not None and worker is not threading.current_thread():
            worker.join(max(0.0, deadline - time.monotonic()))
        self._stopped.set()

    def wait(self, timeout: Optional[float] = None) -> bool:
        """Block until `stop()` (from a handler or another thread); False on timeout."""
        return self._stopped.wait(timeout)

    def run(self) -> None:
        """Start, block until stopped or interrupted (Ctrl-C), then stop."""
        self.start()
        try:
            while not self._stopped.wait(0.5):
                pass
        finally:
            self.stop()

    def __enter__(self) -> EventListener:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- socket callbacks (socketio's thread: record, queue, return) ----------------------------

    def _on_connect(self, socket: Any, *args: Any) -> None:
        if socket is not self._socket or self._stopping.is_set():
            threading.Thread(target=_shutdown, args=(socket,), daemon=True).start()
            return
        self._queue.put(self._note_connected())

    def _on_disconnect(self, socket: Any, *args: Any) -> None:
        if socket is not self._socket:
            return
        self._note_disconnected()
        self._queue.put(_DISCONNECTED)

    def _on_connect_error(self, *args: Any) -> None:
        logger.warning("connection attempt to the event server failed: %s", args[0] if args else "")

    def _on_event(self, socket: Any, name: str, *args: Any) -> None:
        if socket is not self._socket:
            return
        data = args[0] if args else None
        context = self.dispatcher.note_live(name, data)
        self._queue.put((data, context))

    # -- the worker thread ----------------------------------------------------------------------

    def _work(self, items: queue.Queue[Any], stopping: threading.Event) -> None:
        while not stopping.is_set():
            item = items.get()
            if item is _STOP or stopping.is_set():
                break
            if item is _DISCONNECTED:
                logger.info("disconnected from the event server")
                self._run_hooks("disconnect")
            elif isinstance(item, _Connected):
                self._connected(item, stopping)
            else:
                data, context = item
                if self.dispatcher.deliver(data, context):
                    self.stats["live"] += 1

    def _connected(self, marker: _Connected, stopping: threading.Event) -> None:
        if marker.first:
            if self.catch_up:
                self._history_available()
            self._run_hooks("connect")
            return
        self._note_reconnected(marker)
        self._run_hooks("connect")
        try:
            if self.catch_up and marker.since is not None and self._history_available():
                self._replay(marker.since, stopping)
        finally:
            self.dispatcher.replay_done()
        self._run_hooks("reconnect")

    def _history_available(self) -> bool:
        return self.client.run(self._history_check())

    def _replay(self, since: float, stopping: threading.Event) -> None:
        started = time.monotonic()
        self._set_clock_offset(measure_clock_offset(self.client))
        rows = self.client.run(self._missed_events(since))
        if rows is None:
            return
        time.sleep(SETTLE_SECONDS)
        for row in self.dispatcher.plan_replay(rows):
            if stopping.is_set():
                return
            if self.dispatcher.deliver(row.get("data"), replay_context(row)):
                self.stats["replayed"] += 1
        self.stats["last_catch_up_seconds"] = time.monotonic() - started


def _shutdown(socket: Any) -> None:
    try:
        shutdown = getattr(socket, "shutdown", None)
        if shutdown is not None:
            shutdown()
        else:
            socket.disconnect()
    except Exception as error:  # noqa: BLE001 - closing must not raise out of stop()
        logger.debug("closing the event socket: %s", error)


__all__ = [
    "NAMESPACE",
    "EventContext",
    "EventDispatcher",
    "EventListener",
    "add_listener",
    "connect_error",
    "get_last_events",
    "get_last_login_logs",
    "init",
    "run_client",
]
