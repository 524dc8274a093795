"""What went wrong when no answer came: one reading of requests', urllib3's and httpx's
exceptions, so both transports say the same thing and retry the same way."""

from __future__ import annotations

import socket
import ssl
from typing import Any

#: kind -> (what the error says, worth another try)
_KINDS = {
    "dns": ("cannot resolve the host name", False),
    "tls": ("TLS certificate or handshake refused", False),
    "refused": ("connection refused", True),
    "connect-timeout": ("no connection within the connect timeout", True),
    "reset": ("connection closed before an answer came", True),
}
_DNS_TEXT = (
    "name or service not known",
    "nodename nor servname",
    "temporary failure in name resolution",
    "no address associated",
    "getaddrinfo failed",
    "failed to resolve",
)


def _chain(exc: BaseException) -> list[Any]:
    """The exception and everything it wraps (causes, contexts, urllib3 reasons, args)."""
    seen: set[int] = set()
    stack: list[Any] = [exc]
    found: list[Any] = []
    while stack:
        item = stack.pop()
        if item is None or id(item) in seen or not isinstance(item, BaseException):
            continue
        seen.add(id(item))
        found.append(item)
        stack.extend([item.__cause__, item.__context__, getattr(item, "reason", None)])
        stack.extend(a for a in item.args if isinstance(a, BaseException))
    return found


def failure_kind(exc: BaseException) -> str:
    """ "dns", "tls", "refused", "connect-timeout", "reset" or "other"."""
    chain = _chain(exc)
    names = {type(item).__name__ for item in chain}
    text = " ".join(str(item) for item in chain).lower()
    if any(isinstance(item, socket.gaierror) for item in chain) or "NameResolutionError" in names:
        return "dns"
    if any(marker in text for marker in _DNS_TEXT):
        return "dns"
    if any(isinstance(item, ssl.SSLError) for item in chain) or "SSLError" in names:
        return "tls"
    if any(isinstance(item, ConnectionRefusedError) for item in chain):
        return "refused"
    if names & {"ConnectTimeout", "ConnectTimeoutError"}:
        return "connect-timeout"
    if "NewConnectionError" in names or "ConnectError" in names:
        return "refused"
    return "reset" if any(isinstance(item, ConnectionError) for item in chain) else "other"


def describe(kind: str, fallback: str) -> str:
    return _KINDS[kind][0] if kind in _KINDS else fallback


def retryable(kind: str) -> bool:
    """False for failures another try cannot fix (an unknown host name, a refused certificate)."""
    return _KINDS.get(kind, ("", True))[1]


def never_reached(kind: str) -> bool:
    """True when the request cannot have reached the server (safe to send again, any method)."""
    return kind in ("dns", "tls", "refused", "connect-timeout")
