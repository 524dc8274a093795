"""Lookups that rarely change, kept by each client for a while (`Remember` calls): the default
task status, a task status by short name, an entity's project. A create flow that needs one of
them (new_task without a status) asks the server once per LOOKUP_TTL instead of once per call.

Unlike the operation cache (off unless enabled, emptied by any write), this memo is always on,
holds only these small answers, and is emptied only by a write to the route a lookup reads (the
client's own `PUT data/task-status/...` drops every task status lookup), by a host or identity
change, or when its entries expire, which bounds how long a change made elsewhere goes unseen.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any, Callable, Generic, Optional, TypeVar

from . import constants as C
from .cache_store import MISSING

if TYPE_CHECKING:
    from cachetools import TTLCache
from .call import Call, Op

T = TypeVar("T")


class Remember(Call[T]):
    """`op`'s result, kept by the running client under `key` for LOOKUP_TTL seconds; a write
    through that client to a path starting with `topic` forgets it sooner."""

    __slots__ = ("key", "op", "topic")

    def __init__(self, key: str, op: Op[T], topic: Optional[str] = None) -> None:
        super().__init__("REMEMBER", "", cacheable=True)
        self.key = key
        self.op = op
        self.topic = topic

    def __repr__(self) -> str:
        return f"<Remember {self.key}>"


class LookupMemo(Generic[T]):
    """One client's remembered lookups. Thread-safe (the bulk helpers share a client)."""

    def __init__(
        self,
        ttl: float = C.LOOKUP_TTL,
        maxsize: int = C.LOOKUP_MAXSIZE,
        timer: Callable[[], float] = time.monotonic,
    ) -> None:
        from cachetools import TTLCache  # here, not at import: `import kitsu_sdk` stays cheap

        self._entries: TTLCache[str, tuple[Any, Optional[str]]] = TTLCache(maxsize, ttl, timer)
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, call: Remember[Any]) -> Any:
        """The kept result, or `MISSING`."""
        with self._lock:
            kept = self._entries.get(call.key)
        return MISSING if kept is None else kept[0]

    def forget_written(self, path: str) -> None:
        """A write to `path` went through the client: forget what it may have changed."""
        if not self._entries:  # the common case, a write with nothing remembered: no lock
            return
        with self._lock:
            stale = [
                key
                for key, (_, topic) in self._entries.items()
                if topic is not None and path.startswith(topic)
            ]
            for key in stale:
                self._entries.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def fetch(self, call: Remember[T], run: Callable[[Op[T]], T]) -> T:
        """The kept result, else `run(call.op)`'s, kept (the sync clients' runner)."""
        kept = self.get(call)
        if kept is not MISSING:
            result: T = kept
            return result
        value = run(call.op)
        self.put(call, value)
        return value

    async def afetch(self, call: Remember[T], run: Callable[[Op[T]], Awaitable[T]]) -> T:
        """The same for the async clients' runner."""
        kept = self.get(call)
        if kept is not MISSING:
            result: T = kept
            return result
        value = await run(call.op)
        self.put(call, value)
        return value

    def put(self, call: Remember[Any], value: Any) -> None:
        """Keep a found result (None, "not found", is asked again next time)."""
        if value is None:
            return
        with self._lock:
            self._entries[call.key] = (value, call.topic)
