"""gazu's event client: the socketio.Client that kitsu_sdk.events.init returns. Its `/events`
handlers are an EventListener's (catch-up after a reconnection, de-duplication, fresh credentials
at every attempt, one worker thread), called as socketio would call them; for everything else it
is a plain socketio.Client. Imported by `init` only: this module imports socketio.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Optional

import socketio

from ._event_core import _accepts, label
from ._event_socket import NAMESPACE

if TYPE_CHECKING:
    from .events import EventListener

#: What stays socketio's own on `/events` (the listener keeps its connect/disconnect handlers).
_SOCKET_EVENTS = frozenset({"connect_error", "__disconnect_final"})


def _named(fn: Callable[..., Any], wrapper: Callable[..., Any]) -> Callable[..., Any]:
    # The handler's name in the log when it raises; no __wrapped__ (the dispatcher would then
    # read the handler's signature and hand it a context gazu handlers do not take).
    wrapper.__qualname__ = label(fn)
    return wrapper


def _route(listener: EventListener, event: str, fn: Callable[..., Any]) -> None:
    """Register a socketio-style `/events` handler on the listener, called as socketio calls it."""
    if event == "*":
        listener.on_any(_named(fn, lambda name, data: fn(name, data)))
    elif event == "connect":
        listener.on_connect(_named(fn, lambda: fn()))
    elif event == "disconnect":
        # socketio >= 5.12 passes the reason to a handler that takes it.
        with_reason = _accepts(fn, 1)
        listener.on_disconnect(
            _named(fn, lambda: fn(listener.disconnect_reason) if with_reason else fn())
        )
    else:
        listener.on(event, _named(fn, lambda data: fn(data)))


class EventClient(socketio.Client):  # type: ignore[misc]  # socketio has no type hints
    """A socketio.Client whose `/events` handlers run on `kitsu_listener` (set by `init`).

    `on(name, handler, namespace="/events")` (what gazu's `add_listener` calls) registers on the
    listener: the handler gets the live events and those replayed after a reconnection, each
    once. `disconnect()` and `shutdown()` stop the listener, which closes the socket for good.
    """

    kitsu_listener: Optional[EventListener] = None

    def on(
        self, event: str, handler: Optional[Callable[..., Any]] = None, namespace: Any = None
    ) -> Any:
        listener = self.kitsu_listener
        if listener is None or (namespace or "/") != NAMESPACE or event in _SOCKET_EVENTS:
            return super().on(event, handler, namespace)

        def register(fn: Callable[..., Any]) -> Callable[..., Any]:
            _route(listener, event, fn)
            return fn

        if handler is None:
            return register
        register(handler)
        return None

    def disconnect(self) -> None:
        """Disconnect for good: the listener stops, `wait()` returns."""
        if not self._stop_listener():
            super().disconnect()

    def shutdown(self) -> None:
        if not self._stop_listener():
            super().shutdown()

    def _stop_listener(self) -> bool:
        """Stop the listener in place of closing the socket here (it closes the socket itself,
        through these methods again: False then, and when it does not run)."""
        listener = self.kitsu_listener
        if listener is None or not listener.running or listener.stopping:
            return False
        listener.stop()
        return True
