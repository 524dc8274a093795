"""The in-process seam: a process-wide registry of apps that answer requests for a host prefix,
without a socket. `kitsu_sdk.testing.FakeKitsu` registers itself here; both transports consult the
registry on every request (requests through `_Session.get_adapter`, httpx through
`_RoutingAsyncClient._transport_for_url`), so clients created before the registration are routed
too. When nothing is registered the cost is one dict truthiness check per request.

An app is a callable taking an `InProcessRequest` and returning `(status, headers, body)`. An
exception it raises (other than the transports' own) reaches the caller unchanged: the transports
only catch requests' and httpx's exceptions, so nothing retries it.

The event side: `register_events(prefix, factory)` maps an event host prefix to a factory of
socket objects standing in for `socketio.Client` / `socketio.AsyncClient` (the listeners ask
`event_socket_factory(url, is_async)` before building a real one).

No import of requests, httpx or socketio here: the transports import this module, not the reverse.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Optional
from urllib.parse import parse_qs, unquote, urlsplit


@dataclass
class InProcessRequest:
    """One request as an in-process app sees it.

    `path` is what follows the registered prefix, without leading "/" and percent-decoded
    (`data/projects/<id>`); `query` is a multi-dict (`{"name": ["x"]}`, blank values kept);
    `headers` keys are lower-case; `body` is the raw bytes sent (JSON or multipart).
    """

    method: str
    url: str
    path: str
    query: dict[str, list[str]] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


Answer = tuple[int, dict[str, str], bytes]
App = Callable[[InProcessRequest], Answer]
SocketFactory = Callable[..., Any]

# {prefix without trailing "/": app}. Replaced as a whole under the lock (readers take no lock).
_APPS: dict[str, App] = {}
_EVENT_APPS: dict[str, tuple[SocketFactory, SocketFactory]] = {}
_LOCK = threading.Lock()


def _norm(prefix: str) -> str:
    return prefix.rstrip("/")


def _matches(url: str, prefix: str) -> bool:
    return url.startswith(prefix) and (len(url) == len(prefix) or url[len(prefix)] in "/?")


def register(prefix: str, app: App) -> None:
    """Route every request whose URL starts with `prefix` (e.g. "http://fake.test/api") to app."""
    global _APPS
    with _LOCK:
        apps = dict(_APPS)
        apps[_norm(prefix)] = app
        _APPS = apps


def unregister(prefix: str) -> None:
    global _APPS
    with _LOCK:
        apps = dict(_APPS)
        apps.pop(_norm(prefix), None)
        _APPS = apps


def register_events(prefix: str, sync_factory: SocketFactory, async_factory: SocketFactory) -> None:
    """Let listeners whose event host starts with `prefix` use these socket factories (called
    with the options a socketio client would get)."""
    global _EVENT_APPS
    with _LOCK:
        apps = dict(_EVENT_APPS)
        apps[_norm(prefix)] = (sync_factory, async_factory)
        _EVENT_APPS = apps


def unregister_events(prefix: str) -> None:
    global _EVENT_APPS
    with _LOCK:
        apps = dict(_EVENT_APPS)
        apps.pop(_norm(prefix), None)
        _EVENT_APPS = apps


def app_for(url: str) -> Optional[tuple[str, App]]:
    """The (prefix, app) that answers `url`, or None (always None when nothing is registered)."""
    apps = _APPS
    if not apps:
        return None
    for prefix, app in apps.items():
        if _matches(url, prefix):
            return prefix, app
    return None


def active() -> bool:
    """True when some app is registered (the transports' per-request check)."""
    return bool(_APPS)


def event_socket_factory(url: Optional[str], is_async: bool) -> Optional[SocketFactory]:
    """The in-process socket factory for this event host, or None."""
    apps = _EVENT_APPS
    if not apps or not url:
        return None
    for prefix, factories in apps.items():
        if _matches(url, prefix):
            return factories[1] if is_async else factories[0]
    return None


def build_request(
    prefix: str, method: str, url: str, headers: dict[str, str], body: bytes
) -> InProcessRequest:
    """The InProcessRequest for a full URL routed to the app registered at `prefix`."""
    parts = urlsplit(url)
    base = urlsplit(prefix)
    path = parts.path
    if path.startswith(base.path):
        path = path[len(base.path) :]
    query = parse_qs(parts.query, keep_blank_values=True)
    return InProcessRequest(
        method=method.upper(),
        url=url,
        path=unquote(path.strip("/")),
        query=query,
        headers={k.lower(): v for k, v in headers.items()},
        body=body,
    )
