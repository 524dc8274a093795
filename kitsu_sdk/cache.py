"""The read cache: owned by each client, keyed by host + user + route + params, locked,
emptied by every write the client makes. Off until enabled.

gazu's `cache.enable()/disable()/clear_all()` and the `@cache` decorator work on the default client.
"""

from __future__ import annotations

import copy
import functools
import threading
from collections.abc import Hashable
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar

from cachetools import TTLCache

from . import _constants as C

if TYPE_CHECKING:
    from .client import KitsuClient

F = TypeVar("F", bound=Callable[..., Any])
_MISSING = object()


class ClientCache:
    """A TTL + LRU store with a lock. Values go in and come out as deep copies, so a caller that
    edits a result cannot change what the next caller gets."""

    def __init__(self, maxsize: int = C.CACHE_MAXSIZE, ttl: float = C.CACHE_TTL) -> None:
        self._lock = threading.Lock()
        self._store: TTLCache[Hashable, Any] = TTLCache(maxsize=maxsize, ttl=ttl)
        self.enabled = False
        self.hits = 0
        self.misses = 0

    def configure(self, maxsize: Optional[int] = None, ttl: Optional[float] = None) -> None:
        """Replace the store with one of another size or lifetime (empties it)."""
        with self._lock:
            self._store = TTLCache(
                maxsize=maxsize or self._store.maxsize, ttl=ttl or self._store.ttl
            )

    def get(self, key: Hashable) -> Any:
        """The cached value (a copy) or the module's `_MISSING` marker."""
        if not self.enabled:
            return _MISSING
        with self._lock:
            value = self._store.get(key, _MISSING)
            if value is _MISSING:
                self.misses += 1
                return _MISSING
            self.hits += 1
        return copy.deepcopy(value)

    def set(self, key: Hashable, value: Any) -> None:
        if not self.enabled:
            return
        stored = copy.deepcopy(value)
        with self._lock:
            self._store[key] = stored

    def clear(self) -> None:
        with self._lock:
            self._store.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._store)


def is_missing(value: Any) -> bool:
    return value is _MISSING


def _resolve(client: Optional[KitsuClient]) -> KitsuClient:
    from .client import resolve_client

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
