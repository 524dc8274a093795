"""The socket side that kitsu_sdk.events and kitsu_sdk.aio.events share: the credentials socketio
evaluates at every (re)connection attempt, the socket's TLS settings and reconnection backoff,
connection failures explained, and closing a socket without raising.

socketio is imported only inside functions, so importing this module does not import it.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING, Any, Optional, Union

from ._client_base import ClientBase
from ._core import in_process
from ._core.errors import KitsuConnectionError
from ._event_core import token_exp

if TYPE_CHECKING:
    from .client import KitsuClient

logger = logging.getLogger("kitsu_sdk.events")

NAMESPACE = "/events"
#: Reconnection backoff (seconds): doubles from the delay up to the max, each +/- randomization.
RECONNECTION_DELAY = 1.0
RECONNECTION_DELAY_MAX = 10.0
RANDOMIZATION_FACTOR = 0.5
#: How long `connect` waits for the server to accept the `/events` namespace.
CONNECT_TIMEOUT = 10.0

_HANDSHAKE_MARGIN = 2.0


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
        # Evaluated after `headers` for the same attempt. Zou reads the handshake's header first
        # and this payload when the header did not make it (a proxy that drops it). engineio logs
        # the packet that carries it: the listeners redact their loggers (kitsu_sdk._log_redaction).
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


def _new_socket(
    client: KitsuClient,
    ssl_verify: Union[bool, str, None],
    socket_class: Any = None,
    **options: Any,
) -> Any:
    """A socketio.Client (or `socket_class`, a subclass) with our reconnection backoff and the
    client's TLS settings."""
    import socketio

    _socket_defaults(options)
    verify = _tls_verify(client, ssl_verify)
    if "http_session" not in options:
        # Always our session: engineio's own would let REQUESTS_CA_BUNDLE override the
        # client's setting (requests#3829), e.g. turn ssl_verify=False back on.
        session = client.transport.new_session()
        session.verify = verify
        options["http_session"] = session
    options["ssl_verify"] = bool(verify)
    socket = (socket_class or socketio.Client)(**options)
    in_process_events = in_process.event_socket_factory(client.event_host, False)
    if in_process_events is not None:  # a kitsu_sdk.testing.FakeKitsu's event host
        socket = in_process_events(socket)
    return socket


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
    if "certificate_verify_failed" in text.lower():
        return (
            f"cannot connect to the event server at {url}: TLS certificate refused (pass "
            "ssl_verify=False, or a CA bundle path as ssl_verify, to trust it)"
        )
    return f"cannot connect to the event server at {url}: {text[:300]}"


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


def _shutdown(socket: Any) -> None:
    """Close the socket and stop its reconnection loop; never raises."""
    try:
        shutdown = getattr(socket, "shutdown", None)
        if shutdown is not None:
            shutdown()
        else:
            socket.disconnect()
    except Exception as error:  # noqa: BLE001 - closing must not raise out of stop()
        logger.debug("closing the event socket: %s", error)


def _shutdown_in_background(socket: Any) -> threading.Thread:
    closer = threading.Thread(target=_shutdown, args=(socket,), daemon=True)
    closer.start()
    return closer
