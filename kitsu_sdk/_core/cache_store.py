"""The read cache store a client owns: TTL + LRU from cachetools, a lock, values copied in
and out."""

from __future__ import annotations

import copy
import threading
from collections.abc import Hashable
from typing import Any, Optional

from cachetools import TTLCache

from . import constants as C

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
