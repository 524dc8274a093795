"""The fake's event bus: in-process socket.io connections for listeners pointed at
`fake.event_host`.

The seam is below socketio: `kitsu_sdk._event_socket._new_socket` (and the async listener's
`_new_async_socket`) build a real `socketio.Client` / `socketio.AsyncClient`, then ask
`_core.in_process.event_socket_factory(event_host)`; for a fake's event host it swaps the
socket's engine.io client for `FakeEngineIO` / `FakeAsyncEngineIO` here, which speak the socket.io
protocol with the fake instead of a server. So everything of socketio runs unchanged: namespace
connection (the token is checked as Zou does: a bad one is a refused `/events` namespace), the
catch-all `*` handler, disconnect reasons, reconnection. `fake.drop_event_connections()` cuts
every connection as a network failure would (socketio then reconnects by itself, and the
listener catches up from `data/events/last`).
"""

from __future__ import annotations

import asyncio
import queue
import threading
import uuid
from typing import TYPE_CHECKING, Any, Optional

from .._core import in_process

if TYPE_CHECKING:
    from ._fake import FakeKitsu

NAMESPACE = "/events"
_DROP = object()
_CLOSE = None


class EventBus:
    """The fake's side of the event connections."""

    def __init__(self, fake: FakeKitsu) -> None:
        self.fake = fake
        self.lock = threading.Lock()
        self.connections: list[Any] = []  # the fake engine.io clients connected

    def register(self) -> None:
        in_process.register_events(self.fake.event_host, self.attach_sync, self.attach_async)

    def unregister(self) -> None:
        in_process.unregister_events(self.fake.event_host)
        self.drop(close=True)

    # -- the seam's factories: swap the socket's engine.io client -----------------------------

    def attach_sync(self, socket: Any) -> Any:
        socket.eio = _swap(socket.eio, FakeEngineIO(self, logger=socket.eio.logger))
        return socket

    def attach_async(self, socket: Any) -> Any:
        socket.eio = _swap(socket.eio, FakeAsyncEngineIO(self, logger=socket.eio.logger))
        return socket

    # -- connections --------------------------------------------------------------------------

    def check_token(self, headers: dict[str, Any], auth: Any) -> Optional[str]:
        """None when the handshake's token names an active person, else why not."""
        from ._fake import HTTPAbort

        value = ""
        for key, header in (headers or {}).items():
            if key.lower() == "authorization":
                value = str(header)
        token = value[7:].strip() if value.lower().startswith("bearer ") else ""
        if not token and isinstance(auth, dict):
            token = str(auth.get("token") or "")
        if not token:
            return "no token"
        try:
            self.fake.person_for_token(token)
        except HTTPAbort:
            return "invalid token"
        return None

    def joined(self, connection: Any) -> None:
        with self.lock:
            if connection not in self.connections:
                self.connections.append(connection)

    def left(self, connection: Any) -> None:
        with self.lock:
            if connection in self.connections:
                self.connections.remove(connection)

    def publish(self, name: str, data: dict[str, Any]) -> None:
        with self.lock:
            connections = list(self.connections)
        if not connections:
            return
        from socketio import packet

        encoded = packet.Packet(packet.EVENT, data=[name, data], namespace=NAMESPACE).encode()
        for connection in connections:
            if connection.namespace_joined:
                connection.deliver(encoded)

    def drop(self, close: bool = False) -> None:
        """Cut every connection: a network failure (socketio reconnects), or with `close` the
        server going away for good (the fake stopped)."""
        with self.lock:
            connections = list(self.connections)
            self.connections.clear()
        for connection in connections:
            connection.deliver(_DROP)


def _swap(old: Any, new: Any) -> Any:
    new.handlers = old.handlers  # socketio's connect / message / disconnect handlers
    return new


class _ProtocolMixin:
    """What both fake engine.io clients do with the socket.io packets the client sends."""

    bus: EventBus
    handshake: dict[str, Any]
    namespace_joined: bool

    def _answer(self, encoded: str) -> Optional[str]:
        """The fake server's reply to one socket.io packet from the client, if any."""
        from socketio import packet

        pkt = packet.Packet(encoded_packet=encoded)
        if pkt.packet_type == packet.CONNECT:
            namespace = pkt.namespace or "/"
            if namespace != NAMESPACE:
                return str(
                    packet.Packet(
                        packet.CONNECT_ERROR,
                        data={"message": "namespace not served"},
                        namespace=namespace,
                    ).encode()
                )
            refused = self.bus.check_token(self.handshake, pkt.data)
            if refused is not None:
                return str(
                    packet.Packet(
                        packet.CONNECT_ERROR, data={"message": refused}, namespace=namespace
                    ).encode()
                )
            self.namespace_joined = True
            return str(
                packet.Packet(
                    packet.CONNECT, data={"sid": uuid.uuid4().hex}, namespace=namespace
                ).encode()
            )
        if pkt.packet_type == packet.DISCONNECT:
            self.namespace_joined = False
        return None  # client events (Zou's rooms) are accepted and ignored


def _make_classes() -> tuple[type, type]:
    import engineio
    from engineio import packet as eio_packet

    class SyncEngineIO(_ProtocolMixin, engineio.Client):  # type: ignore[misc]
        def __init__(self, bus: EventBus, **options: Any) -> None:
            super().__init__(handle_sigint=False, **options)
            self.bus = bus
            self.handshake = {}
            self.namespace_joined = False
            self._inbox: queue.Queue[Any] = queue.Queue()

        def _connect_polling(self, url: str, headers: dict[str, Any], engineio_path: str) -> Any:
            if in_process.event_socket_factory(url, False) is None:
                raise engineio.exceptions.ConnectionError("the fake event host is stopped")
            self.handshake = dict(headers or {})
            self.namespace_joined = False
            self._inbox = queue.Queue()
            self.sid = uuid.uuid4().hex
            self.base_url = url
            self.current_transport = "polling"
            self.state = "connected"
            engineio.base_client.connected_clients.append(self)
            self.bus.joined(self)
            self._trigger_event("connect", run_async=False)
            self.read_loop_task = self.start_background_task(self._fake_read_loop, self._inbox)
            self.write_loop_task = self.read_loop_task
            return None

        _connect_websocket = _connect_polling

        def _send_packet(self, pkt: Any) -> None:
            if pkt.packet_type == eio_packet.CLOSE:
                self.bus.left(self)
                self._inbox.put(_CLOSE)
            elif pkt.packet_type == eio_packet.MESSAGE and isinstance(pkt.data, str):
                reply = self._answer(pkt.data)
                if reply is not None:
                    self._inbox.put(reply)

        def deliver(self, item: Any) -> None:
            self._inbox.put(item)

        def _fake_read_loop(self, inbox: queue.Queue[Any]) -> None:
            while True:
                item = inbox.get()
                if item is _CLOSE:
                    return
                if item is _DROP:
                    self.bus.left(self)
                    if self.state == "connected":
                        self._trigger_event(
                            "disconnect", self.reason.TRANSPORT_ERROR, run_async=False
                        )
                        self.state = "disconnected"
                        try:
                            engineio.base_client.connected_clients.remove(self)
                        except ValueError:
                            pass
                    return
                self._trigger_event("message", item, run_async=False)

    class AsyncEngineIO(_ProtocolMixin, engineio.AsyncClient):  # type: ignore[misc]
        def __init__(self, bus: EventBus, **options: Any) -> None:
            super().__init__(handle_sigint=False, **options)
            self.bus = bus
            self.handshake = {}
            self.namespace_joined = False
            self._loop: Optional[asyncio.AbstractEventLoop] = None
            self._inbox: Optional[asyncio.Queue[Any]] = None

        async def _connect_polling(
            self, url: str, headers: dict[str, Any], engineio_path: str
        ) -> Any:
            if in_process.event_socket_factory(url, True) is None:
                raise engineio.exceptions.ConnectionError("the fake event host is stopped")
            self.handshake = dict(headers or {})
            self.namespace_joined = False
            self._loop = asyncio.get_running_loop()
            inbox: asyncio.Queue[Any] = asyncio.Queue()
            self._inbox = inbox
            self.sid = uuid.uuid4().hex
            self.base_url = url
            self.current_transport = "polling"
            self.state = "connected"
            engineio.base_client.connected_clients.append(self)
            self.bus.joined(self)
            await self._trigger_event("connect", run_async=False)
            self.read_loop_task = self.start_background_task(self._fake_read_loop, inbox)
            self.write_loop_task = self.read_loop_task
            return None

        _connect_websocket = _connect_polling

        async def _send_packet(self, pkt: Any) -> None:
            if pkt.packet_type == eio_packet.CLOSE:
                self.bus.left(self)
                self.deliver(_CLOSE)
            elif pkt.packet_type == eio_packet.MESSAGE and isinstance(pkt.data, str):
                reply = self._answer(pkt.data)
                if reply is not None:
                    self.deliver(reply)

        def deliver(self, item: Any) -> None:
            loop, inbox = self._loop, self._inbox
            if loop is None or inbox is None or loop.is_closed():
                return
            try:
                running = asyncio.get_running_loop()
            except RuntimeError:
                running = None
            if running is loop:
                inbox.put_nowait(item)
            else:
                loop.call_soon_threadsafe(inbox.put_nowait, item)

        async def _fake_read_loop(self, inbox: asyncio.Queue[Any]) -> None:
            while True:
                item = await inbox.get()
                if item is _CLOSE:
                    return
                if item is _DROP:
                    self.bus.left(self)
                    if self.state == "connected":
                        await self._trigger_event(
                            "disconnect", self.reason.TRANSPORT_ERROR, run_async=False
                        )
                        self.state = "disconnected"
                        try:
                            engineio.base_client.connected_clients.remove(self)
                        except ValueError:
                            pass
                    return
                await self._trigger_event("message", item, run_async=False)

    return SyncEngineIO, AsyncEngineIO


_CLASSES: Optional[tuple[type, type]] = None


def _classes() -> tuple[type, type]:
    global _CLASSES
    if _CLASSES is None:
        _CLASSES = _make_classes()
    return _CLASSES


def FakeEngineIO(bus: EventBus, **options: Any) -> Any:  # noqa: N802 - a class factory
    return _classes()[0](bus, **options)


def FakeAsyncEngineIO(bus: EventBus, **options: Any) -> Any:  # noqa: N802 - a class factory
    return _classes()[1](bus, **options)
