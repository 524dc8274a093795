"""The read cache: owned by each client, keyed by host + user + route + params, locked,
emptied by every write the client makes. Off until enabled.

gazu's `cache.enable()/disable()/clear_all()` and the `@cache` decorator work on the default client.
"""

from __future__ import annotations

import functools
from collections.abc import Hashable
from typing import Any, Callable, Optional, TypeVar

from ._client import KitsuClient, resolve_client
from ._core.cache_store import ClientCache, is_missing

__all__ = ["ClientCache", "cache", "clear_all", "disable", "enable", "is_enabled"]

F = TypeVar("F", bound=Callable[..., Any])


def _resolve(client: Optional[KitsuClient]) -> KitsuClient:
    return resolve_client(client)


def enable(client: Optional[KitsuClient] = None) -> bool:
    """Turn the read cache on for a client (the default client when none is given)."""
    _resolve(client).cache.enabled = True
    return True


def disable(client: Optional[KitsuClient] = None) -> bool:
    """Turn the read cache off and empty it."""
    store = _resolve(client).cache
    store.enabled = False
    store.clear()
    return False


def clear_all(client: Optional[KitsuClient] = None) -> None:
    """Empty the read cache."""
    _resolve(client).cache.clear()


def is_enabled(client: Optional[KitsuClient] = None) -> bool:
    return _resolve(client).cache.enabled


def cache(function: F, maxsize: int = 300, expire: int = 120) -> F:
    """Memoize a function of yours in the client's cache (gazu's decorator).

    The key holds the host, the user, the function and its arguments; a `client=` keyword
    argument selects the client. `maxsize`/`expire` are accepted for gazu compatibility: the
    client's cache settings apply.
    """

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        client = _resolve(kwargs.get("client"))
        store = client.cache
        if not store.enabled:
            return function(*args, **kwargs)
        try:
            key: Hashable = (
                "fn",
                client.host,
                client._identity(),
                function.__module__,
                function.__qualname__,
                repr(args),
                repr(sorted((k, v) for k, v in kwargs.items() if k != "client")),
            )
        except Exception:  # an argument whose repr fails: just call through
            return function(*args, **kwargs)
        value = store.get(key)
        if not is_missing(value):
            return value
        value = function(*args, **kwargs)
        store.set(key, value)
        return value

    return wrapper  # type: ignore[return-value]
