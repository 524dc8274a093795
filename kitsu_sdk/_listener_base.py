"""What kitsu_sdk.events.EventListener and kitsu_sdk.aio.AsyncEventListener share: handler and
hook registration, the dispatcher (project filter, replay planning), the connection bookkeeping,
stats, the redaction of secrets from the loggers while listening, and the reads of the event
history as operations that either client runs. No sockets, threads or event loop here: the
listeners own the socket and the order of work.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Callable, Optional, TypeVar, Union, overload

from ._core import call
from ._core.call import Flow
from ._core.errors import (
    InvalidInputError,
    KitsuError,
    PermissionDeniedError,
    ServerError,
    TransportError,
)
from ._core.refs import Ref, to_ids
from ._event_core import EventDispatcher, fetch_events_flow, format_server_time, label
from ._log_redaction import LogRedaction

logger = logging.getLogger("kitsu_sdk.events")

#: Most events replayed after one reconnection (Zou serves at most 1000 per request).
CATCH_UP_LIMIT = 1000
#: Pauses (seconds) between reads of the event log that could not reach Zou after a
#: reconnection: an events server back before the API (Kitsu restarted) still gets its catch-up.
#: About a minute in all, on top of the client's own retries; live events wait meanwhile.
CATCH_UP_DELAYS = (1.0, 2.0, 4.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0)

#: What makes a read of the event log worth another try (the server was not reached, or failed).
_UNREACHABLE = (TransportError, ServerError)

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class _Connected:
    first: bool
    since: Optional[float]
    outage: Optional[float]


_DISCONNECTED = object()
_STOP = object()


class _ListenerBase:
    """Registration, hooks, bookkeeping and history reads of both listeners (see the module)."""

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
        self.catch_up_delays: tuple[float, ...] = CATCH_UP_DELAYS
        #: Why the connection was last lost, as socketio said it (None before any loss).
        self.disconnect_reason: Any = None
        self._hooks: dict[str, list[Callable[[], Any]]] = {}
        self._history_allowed: Optional[bool] = None
        self._disconnected_at: Optional[float] = None
        self._log_redaction = LogRedaction()
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
        """Register `handler(data[, context])` for an event; usable as a decorator.

        Args:
            event_name: the event's name, such as `"task:status-changed"` (see
                kitsu_sdk.event_names).
            handler: called as `handler(data)` or `handler(data, context)`; None: `on` is used as a
                decorator.
        """
        if handler is not None:
            self.dispatcher.add(event_name, handler)
            return handler

        def decorator(fn: F) -> F:
            self.dispatcher.add(event_name, fn)
            return fn

        return decorator

    def on_any(self, handler: F) -> F:
        """Register `handler(name, data[, context])` for every event (a decorator).

        Args:
            handler: called as `handler(name, data)` or `handler(name, data, context)` for every
                event.
        """
        self.dispatcher.add_any(handler)
        return handler

    def _hook(self, kind: str, fn: F) -> F:
        if not callable(fn):
            raise InvalidInputError(f"{kind} needs a callable")
        self._hooks[kind] = [*self._hooks.get(kind, []), fn]
        return fn

    def on_connect(self, fn: F) -> F:
        """`fn()` after every successful connection (the first one and reconnections).

        Args:
            fn: called as `fn()`.
        """
        return self._hook("connect", fn)

    def on_disconnect(self, fn: F) -> F:
        """`fn()` when the connection is lost or closed.

        Args:
            fn: called as `fn()`.
        """
        return self._hook("disconnect", fn)

    def on_reconnect(self, fn: F) -> F:
        """`fn()` after a reconnection, once the missed events are delivered.

        Args:
            fn: called as `fn()`.
        """
        return self._hook("reconnect", fn)

    def _hook_failed(self, kind: str, fn: Callable[..., Any]) -> None:
        """Count and log the exception being handled (call it from an `except` block)."""
        self.dispatcher.handler_errors += 1
        logger.exception("%s hook %s failed", kind, label(fn))

    # -- no secret in the logs while listening ---------------------------------------------------

    def _redact_logs(self, socket: Any = None) -> None:
        """Hold the redacting filter on the usual loggers, or on the socket's own ones (socketio
        and engineio take a logger object from the caller)."""
        if socket is None:
            self._log_redaction.add()
        else:
            engine = getattr(socket, "eio", None)
            own = [getattr(socket, "logger", None), getattr(engine, "logger", None)]
            self._log_redaction.add(own)

    def _release_logs(self) -> None:
        self._log_redaction.release()

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

    def _note_disconnected(self, reason: Any = None) -> None:
        self.disconnect_reason = reason
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
            except _UNREACHABLE as error:
                logger.warning("could not read the event history: %s", error)
                return True  # not known yet: the catch-up tries (and retries) the read
            except KitsuError as error:
                logger.warning("could not read the event history: %s", error)
                return False
        return self._history_allowed

    def _missed_events(self, since: float) -> Flow[Optional[list[dict[str, Any]]]]:
        """The events stored since `since` (server time), newest first; None when Zou could not
        be reached (read again later), [] when it refused."""
        after = format_server_time(since)
        try:
            rows = yield from fetch_events_flow({"after": after}, self.catch_up_limit)
        except _UNREACHABLE as error:
            logger.warning("could not read the events missed since %s: %s", after, error)
            return None
        except KitsuError as error:
            if isinstance(error, PermissionDeniedError):
                self._history_allowed = False
            logger.warning("could not replay the events missed since %s: %s", after, error)
            return []
        if len(rows) >= self.catch_up_limit:
            logger.warning(
                "more than %d events since %s: only the newest are replayed", len(rows), after
            )
        return rows

    def _gave_up(self, since: float) -> None:
        logger.error(
            "could not read the event log for %.0f s: the events sent since %s are not replayed",
            sum(self.catch_up_delays),
            format_server_time(since),
        )

    def _set_clock_offset(self, offset: Optional[float]) -> None:
        if offset is not None:
            self.dispatcher.clock_offset = offset
