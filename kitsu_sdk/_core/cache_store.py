"""Where the operation cache keeps results: the `CacheBackend` interface, and the in-process
backend (the default).

The in-process backend keeps a private copy of each result (made by a marshal round trip, which
also refuses what is not plain data) with a copy plan: which of its containers hold containers.
A hit copies the containers only (C-level `dict.copy`/`list.copy`, rows of a listing with one
`map`) and shares the immutable leaves (strings, numbers, None): the caller owns every dict and
list it gets, and nothing it does reaches the next caller. Measured on a 200-shot listing of the
local Zou (benchmarks/cache_hits.py --codecs): decoding marshal 178 us, pickle 213 us, json 413 us,
deepcopy 1,423 us; the planned copy about 50 us."""

from __future__ import annotations

import marshal
import threading
import time
from collections import OrderedDict
from collections.abc import Collection, Mapping
from typing import Any, Callable, Optional, Protocol, runtime_checkable

from . import constants as C


class _Marker:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


_MISSING: Any = _Marker("MISSING")
MISSING: Any = _MISSING
"""What `CacheBackend.get` returns for a key it does not hold (or holds expired)."""
EXPIRED: Any = _Marker("EXPIRED")
"""A miss that a backend knows was an expired entry (counted as gazu's "expired_hits")."""


@runtime_checkable
class CacheBackend(Protocol):
    """Where the operation cache keeps results. Keys are
    `f"{host}|{identity}|{function}|{json(args)}"`; values are Zou's JSON-able results. A
    *scope* is a key prefix `"host|identity"` (or `"host|"` for every identity of a host);
    `""` means everything."""

    def get(self, key: str) -> Any: ...  # a fresh, caller-owned copy, or MISSING

    def set(self, key: str, value: Any, ttl: float, tags: Collection[str]) -> None: ...

    def drop_tags(self, scope: str, tags: Collection[str]) -> int: ...  # entries of `scope`

    def clear(self, scope: str = "") -> None: ...  # scope = "host|identity" prefix; "" = all


#: Tags of the form "fn:<function>" name the cached function an entry belongs to: the in-process
#: backend keeps a per-function LRU on them, and `clear_cache()` of one function drops that tag.
FUNCTION_TAG = "fn:"


_LEAVES = (str, int, float, bool, type(None), bytes)
_COPY, _ROWS = 0, 1
_FLAT = (_COPY, ())  # a container of leaves only: one C-level copy
#: How to copy a value: None for an immutable leaf (shared), else (kind, fixups): `_COPY` copies
#: a dict or list and then replaces the children listed in fixups `(key, plan)`; `_ROWS` copies a
#: list of dicts with one map(dict.copy) and then the fixups `(index, key, plan)` of the rows.
Plan = Optional[tuple[int, tuple[Any, ...]]]


def copy_plan(value: Any) -> Plan:
    """The copy plan of plain data (ValueError for anything else)."""
    kind = type(value)
    if kind in _LEAVES:
        return None
    if kind is tuple:
        if all(copy_plan(item) is None for item in value):
            return None
        raise ValueError("a tuple holding containers is not cached")
    if kind is dict:
        return _COPY, tuple(
            (key, plan) for key, item in value.items() if (plan := copy_plan(item)) is not None
        )
    if kind is list:
        if value and all(type(item) is dict for item in value):
            return _ROWS, tuple(
                (index, key, plan)
                for index, row in enumerate(value)
                for key, item in row.items()
                if (plan := copy_plan(item)) is not None
            )
        return _COPY, tuple(
            (index, plan)
            for index, item in enumerate(value)
            if (plan := copy_plan(item)) is not None
        )
    if kind is set:
        return _COPY, ()
    raise ValueError(f"not plain data: {kind.__name__}")


def fresh_copy(value: Any, plan: Plan) -> Any:
    """A copy of `value` whose every container is new (leaves are immutable, so shared)."""
    if plan is None:
        return value
    kind, fixups = plan
    if kind == _ROWS:
        rows = list(map(dict.copy, value))
        for index, key, sub in fixups:
            row = rows[index]
            row[key] = row[key].copy() if sub == _FLAT else fresh_copy(row[key], sub)
        return rows
    new = value.copy()
    for key, sub in fixups:
        new[key] = new[key].copy() if sub == _FLAT else fresh_copy(new[key], sub)
    return new


class _Entry:
    __slots__ = ("value", "plan", "expires", "tags", "group")

    def __init__(
        self, value: Any, plan: Plan, expires: float, tags: frozenset[str], group: str
    ) -> None:
        self.value = value
        self.plan = plan
        self.expires = expires
        self.tags = tags
        self.group = group


class InProcessBackend:
    """A CacheBackend in this process: private copies with a copy plan (see the module), LRU
    (overall and per cached function) and a TTL per entry, one lock (never held while copying).

    Args:
        maxsize: the most entries overall (least recently used dropped first).
        clock: seconds, monotonic (tests pass a fake one).
        group_limits: the most entries per function (`{"shot.all_shots": 300}`), read at every
            store, so changing the mapping applies at once.
    """

    def __init__(
        self,
        maxsize: int = C.CACHE_MAXSIZE,
        clock: Callable[[], float] = time.monotonic,
        group_limits: Optional[Mapping[str, int]] = None,
    ) -> None:
        self.maxsize = maxsize
        self.clock = clock
        self.group_limits: Mapping[str, int] = group_limits if group_limits is not None else {}
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._groups: dict[str, OrderedDict[str, None]] = {}
        self._tags: dict[str, set[str]] = {}

    # -- CacheBackend ---------------------------------------------------------------------------

    def get(self, key: str) -> Any:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return MISSING
            if entry.expires <= self.clock():
                self._remove(key)
                return EXPIRED
            self._entries.move_to_end(key)
            group = self._groups.get(entry.group)
            if group is not None:
                group.move_to_end(key)
            value, plan = entry.value, entry.plan
        return fresh_copy(value, plan)

    def set(self, key: str, value: Any, ttl: float, tags: Collection[str]) -> None:
        # A private copy (marshal: a C copy; ValueError for what is not plain data).
        private = marshal.loads(marshal.dumps(value))
        plan = copy_plan(private)
        tagset = frozenset(tags)
        group = next((t for t in tagset if t.startswith(FUNCTION_TAG)), "")
        with self._lock:
            if key in self._entries:
                self._remove(key)
            self._entries[key] = _Entry(private, plan, self.clock() + ttl, tagset, group)
            self._groups.setdefault(group, OrderedDict())[key] = None
            for tag in tagset:
                self._tags.setdefault(tag, set()).add(key)
            limit = self.group_limits.get(group[len(FUNCTION_TAG) :]) if group else None
            members = self._groups[group]
            while limit is not None and limit >= 0 and len(members) > limit:
                self._remove(next(iter(members)))
            while len(self._entries) > max(self.maxsize, 0):
                self._remove(next(iter(self._entries)))

    def drop_tags(self, scope: str, tags: Collection[str]) -> int:
        dropped = 0
        with self._lock:
            for tag in tags:
                for key in list(self._tags.get(tag, ())):
                    if key.startswith(scope):
                        self._remove(key)
                        dropped += 1
        return dropped

    def clear(self, scope: str = "") -> None:
        with self._lock:
            if not scope:
                self._entries.clear()
                self._groups.clear()
                self._tags.clear()
                return
            for key in [k for k in self._entries if k.startswith(scope)]:
                self._remove(key)

    # -- extras of this backend -----------------------------------------------------------------

    def count_tag(self, tag: str) -> int:
        """How many entries hold `tag` (expired ones not yet dropped included)."""
        with self._lock:
            return len(self._tags.get(tag, ()))

    def keys(self) -> list[str]:
        """The keys held, least recently used first."""
        with self._lock:
            return list(self._entries)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def _remove(self, key: str) -> None:
        entry = self._entries.pop(key)
        group = self._groups.get(entry.group)
        if group is not None:
            group.pop(key, None)
            if not group:
                del self._groups[entry.group]
        for tag in entry.tags:
            keys = self._tags.get(tag)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self._tags[tag]


def is_missing(value: Any) -> bool:
    """True for MISSING and EXPIRED (both misses)."""
    return value is MISSING or value is EXPIRED
