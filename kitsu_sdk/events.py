"""Kitsu's live event stream (socket.io, namespace `/events`) and its stored history.

gazu's `init` / `add_listener` / `run_client`, and `EventListener`: handlers by name or catch-all,
project filtering, a background thread, reconnection with fresh credentials, and a replay of the
events stored while disconnected, without duplicates. gazu's functions run on an EventListener
too: `init` returns its socketio.Client (kitsu_sdk._event_client.EventClient), whose `/events`
handlers get the same catch-up. socketio is imported only inside functions, so `import
kitsu_sdk` never does. What does not depend on threads is shared with
kitsu_sdk.aio.AsyncEventListener: `_listener_base` (registration, hooks, bookkeeping, history
reads), `_event_socket` (credentials, TLS, connection), `_event_core` (the dispatcher).
"""

from __future__ import annotations

import datetime
import functools
import logging
import queue
import threading
import time
from collections.abc import Iterable, Mapping
from typing import Any, Callable, Optional, Union

from ._core.errors import InvalidInputError
from ._core.refs import Ref, to_id, to_ids
from ._event_core import (
    PAGE_MAX,
    EventContext,
    EventDispatcher,
    Handler,
    date_param,
    fetch_events,
    measure_clock_offset,
    replay_context,
)
from ._event_core import (
    label as _label,
)
from ._event_socket import (
    CONNECT_TIMEOUT as CONNECT_TIMEOUT,
)
from ._event_socket import (
    NAMESPACE,
    _connect,
    _Credentials,
    _new_socket,
    _shutdown_in_background,
)
from ._event_socket import (
    RANDOMIZATION_FACTOR as RANDOMIZATION_FACTOR,
)
from ._event_socket import (
    RECONNECTION_DELAY as RECONNECTION_DELAY,
)
from ._event_socket import (
    RECONNECTION_DELAY_MAX as RECONNECTION_DELAY_MAX,
)
from ._listener_base import _DISCONNECTED, _STOP, CATCH_UP_LIMIT, _Connected, _ListenerBase
from .client import KitsuClient, resolve_client

logger = logging.getLogger("kitsu_sdk.events")

#: Pause after fetching the history, so live copies of the newest stored events can arrive.
SETTLE_SECONDS = 0.3


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

    Args:
        limit: the number of events at most (pages are followed beyond Zou's 1000).
        project: only the events stored with this project (id or dict); None: all.
        after: only the events after this time (UTC; a string or a date).
        before: only the events before this time (UTC; a string or a date).
        only_files: only file events (previews, working and output files).
        name: only the events with this exact name (such as `task:update`).
        client: the KitsuClient to use (None: the default client).
        cursor_event_id: only the events older than this one (one page).
        name_prefixes: only the events whose name starts with one of these ("task:"...)
        name_suffixes: only the events whose name ends with one of these (":new"...)
        person_ids: only the events of these people (ids or dicts, a list).

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
        "person_ids": _person_ids(person_ids),
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

    Args:
        after: only the logins after this time (UTC; a string or a date).
        before: only the logins before this time (UTC; a string or a date).
        limit: the number of logins at most.
        cursor_login_log_id: only the logins older than this one.
        person_ids: only the logins of these people (ids or dicts, a list).
        client: the KitsuClient to use (None: the default client).

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
        "person_ids": _person_ids(person_ids),
    }
    return list(resolve_client(client).get("data/events/login-logs/last", params=params) or [])


# -- gazu's functions ------------------------------------------------------------------------------


def init(
    client: Optional[KitsuClient] = None,
    ssl_verify: Union[bool, str, None] = True,
    reconnection: bool = True,
    logger: bool = False,
    **kwargs: Any,
) -> Any:
    """A socketio.Client connected to the client's event host on `/events` (gazu's `init`).

    It runs on an EventListener, as gazu's did not: every (re)connection sends the client's
    current token (refreshed first when near expiry); after a reconnection the events stored
    meanwhile are delivered to the `/events` handlers (`add_listener`, or the client's own
    `on(name, handler, namespace="/events")`) oldest first, then the live ones, each once (Zou
    serves that log to managers and admins: for others, live events only). Handlers are called
    as gazu calls them, `handler(data)`, one at a time, in order, in a worker thread; one that
    raises is logged. `disconnect()` stops it all. TLS is verified unless `ssl_verify=False`
    (with the client's CA bundle if it has one; None means as the client). `kwargs` go to
    socketio.Client (`reconnection_delay`, `reconnection_delay_max`, ...). A wrong host or a
    refused namespace raises KitsuConnectionError. EventListener adds filters and hooks.

    Args:
        client: the KitsuClient to use (None: the default client).
        ssl_verify: verify TLS (False: don't; None: as the client).
        reconnection: reconnect when the connection drops.
        logger: let python-socketio log.
        kwargs: options for socketio.Client (`reconnection_delay`, `reconnection_delay_max`...)

    Calls: GET /socket.io/ on the event host; GET /data/events/last after a reconnection
    """
    from ._event_client import EventClient

    c = resolve_client(client)
    options = {"handle_sigint": True, **kwargs, "reconnection": reconnection, "logger": logger}
    factory = functools.partial(_new_socket, c, ssl_verify, EventClient)
    listener = EventListener(c, None, ssl_verify, socket_factory=factory, **options)
    listener.start()
    socket = listener.socket
    socket.kitsu_listener = listener  # from now on its `/events` handlers go to the listener
    return socket


def connect_error(data: Any) -> Any:
    """Log a refused connection (gazu registers it as the `connect_error` handler).

    Args:
        data: what the server said.
    """
    logger.error("the connection to the event server failed: %s", data)
    return data


def add_listener(event_client: Any, event_name: str, event_handler: Handler) -> Any:
    """Call `event_handler(data)` for each `event_name` event; a handler that raises is logged.

    On a client from `init`, the handler gets the events replayed after a reconnection too.

    Args:
        event_client: the socket from `init`.
        event_name: the event's name, such as `"task:update"`.
        event_handler: called as `event_handler(data)`.
    """
    if not isinstance(event_name, str) or not event_name.strip():
        raise InvalidInputError(f"event_name must be a non-empty string, got {event_name!r}")
    if not callable(event_handler):
        raise InvalidInputError("event_handler must be callable")
    if getattr(event_client, "kitsu_listener", None) is not None:
        event_client.on(event_name, event_handler, namespace=NAMESPACE)  # the listener's
        return event_client

    def guarded(*args: Any) -> Any:
        try:
            return event_handler(*args)
        except Exception:
            logger.exception("handler %s for %s failed", _label(event_handler), event_name)
            return None

    event_client.on(event_name, guarded, namespace=NAMESPACE)
    return event_client


def run_client(event_client: Any) -> Any:
    """Block until the connection ends for good (`disconnect()`, or reconnection given up);
    a client from `init` then stops its listener (also on Ctrl-C).

    Args:
        event_client: the socket from `init`.
    """
    logger.info("listening to Kitsu events")
    try:
        event_client.wait()
    finally:
        listener = getattr(event_client, "kitsu_listener", None)
        if listener is not None and listener.running:
            listener.stop()
    return event_client


# -- the listener ----------------------------------------------------------------------------------


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
    replays what it missed in between. While it runs, no token or password reaches the output
    of the SDK's loggers or of those of socketio, engineio, websocket-client, urllib3, requests,
    httpx, httpcore and aiohttp, at any level (kitsu_sdk._log_redaction).
    kitsu_sdk.aio.AsyncEventListener does the same on an event loop.

    Args:
        client: the KitsuClient (the default one when None); its token is read at every
            connection attempt, refreshed first when near expiry.
        project: a project (id, dict or object) or several; None for all events.
        ssl_verify: TLS verification (on by default; the client's CA bundle is used).
        catch_up: replay what was stored while disconnected.
        catch_up_limit: the most events replayed per reconnection.
        socket_factory: builds the socket from options (tests pass a fake); socketio.Client
            by default. Other keyword arguments go to it (`reconnection_delay_max`, `logger`...).
        stop_timeout: seconds `stop()` waits for the threads to end.
        socket_options: options for socketio.Client (`reconnection_delay`, ...)
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

    @property
    def stopping(self) -> bool:
        """True from the start of `stop()` (a socket closed then is closed by the listener)."""
        return self._stopping.is_set()

    @property
    def socket(self) -> Any:
        """The socketio.Client of the current (or last) run; None before the first start."""
        return self._socket

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
            self._redact_logs()
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
            self._redact_logs(socket)
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
            _shutdown_in_background(socket).join(max(0.0, deadline - time.monotonic()))
        self._queue.put(_STOP)
        worker = self._worker
        if worker is not None and worker is not threading.current_thread():
            worker.join(max(0.0, deadline - time.monotonic()))
        self._release_logs()
        self._stopped.set()

    def wait(self, timeout: Optional[float] = None) -> bool:
        """Block until `stop()` (from a handler or another thread); False on timeout.

        Args:
            timeout: seconds to wait at most (None: until stopped).
        """
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
            _shutdown_in_background(socket)
            return
        self._queue.put(self._note_connected())

    def _on_disconnect(self, socket: Any, *args: Any) -> None:
        if socket is not self._socket:
            return
        self._note_disconnected(args[0] if args else None)
        self._queue.put(_DISCONNECTED)

    def _on_connect_error(self, *args: Any) -> None:
        logger.warning("connection attempt to the event server failed: %s", args[0] if args else "")

    def _on_event(self, socket: Any, name: str, *args: Any) -> None:
        if socket is not self._socket:
            return
        data = args[0] if args else None
        context = self.dispatcher.note_live(name, data)
        if context is not None:  # None: the late copy of an event the catch-up replayed
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
        for delay in self.catch_up_delays:
            if rows is not None or stopping.wait(delay):
                break
            rows = self.client.run(self._missed_events(since))
        if rows is None:
            if not stopping.is_set():
                self._gave_up(since)
            return
        time.sleep(SETTLE_SECONDS)
        for row in self.dispatcher.plan_replay(rows):
            if stopping.is_set():
                return
            if self.dispatcher.deliver(row.get("data"), replay_context(row)):
                self.stats["replayed"] += 1
        self.stats["last_catch_up_seconds"] = time.monotonic() - started


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


def _person_ids(person_ids: Optional[Iterable[Ref]]) -> Optional[list[str]]:
    """The persons' ids (None: everyone); a dict, text or bytes is not a list of persons."""
    if person_ids is None:
        return None
    if isinstance(person_ids, (Mapping, str, bytes, bytearray)):
        raise InvalidInputError(
            f"person_ids must be a list of persons, got {type(person_ids).__name__}"
        )
    return to_ids(list(person_ids), "person") or None
