"""The operation cache: which read operations are cached (`@cached`), their per-function settings
(gazu's controls), the key of a call, and each client's cache state (`client.cache`), which the
clients' `run()` consult. Storage is a CacheBackend (cache_store.py).

Key: `f"{host}|{identity}|{function}|{json(normalised arguments)}"`; a Ref argument given as an
id, a dict or an object normalises to its id, so all three hit the same entry.
"""

from __future__ import annotations

import functools
import inspect
import json
import threading
import weakref
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar

from . import constants as C
from .cache_store import (
    EXPIRED,
    FUNCTION_TAG,
    MISSING,
    CacheBackend,
    InProcessBackend,
)
from .call import Call

if TYPE_CHECKING:
    from .._client_base import ClientBase

F = TypeVar("F", bound=Callable[..., Any])

#: gazu's defaults for a cached function.
DEFAULT_EXPIRE = C.CACHE_TTL
DEFAULT_MAXSIZE = 300
_FOREVER = 10 * 365 * 86400.0  # expire <= 0 means "never" in gazu; backends get a long TTL

_lock = threading.Lock()
_generation = [0]


def _bump() -> None:
    with _lock:
        _generation[0] += 1


class CacheSettings:
    """One cached function's settings and statistics, shared by every client (gazu's `state`
    and `statistics`)."""

    def __init__(self, name: str, tags: Collection[str]) -> None:
        self.name = name
        self.tags = (*tags, FUNCTION_TAG + name)
        self.expire: float = DEFAULT_EXPIRE
        self.maxsize: int = DEFAULT_MAXSIZE
        self.enabled = True
        self.hits = 0
        self.misses = 0
        self.expired_hits = 0

    @property
    def ttl(self) -> float:
        return float(self.expire) if self.expire > 0 else _FOREVER

    def count(self, hit: bool, expired: bool = False) -> None:
        with _lock:
            if hit:
                self.hits += 1
            else:
                self.misses += 1
                if expired:
                    self.expired_hits += 1

    # -- gazu's controls ------------------------------------------------------------------------

    def set_cache_expire(self, seconds: float) -> None:
        """Entries of this function live `seconds` (0 or less: until dropped)."""
        self.expire = seconds

    set_expire = set_cache_expire

    def set_cache_max_size(self, maxsize: int) -> None:
        """Keep at most `maxsize` entries of this function (in-process backend)."""
        self.maxsize = maxsize
        _GROUP_LIMITS[self.name] = maxsize

    def clear_cache(self) -> None:
        """Drop this function's entries, for every client and backend."""
        _bump()
        for backend in _backends():
            backend.drop_tags("", [FUNCTION_TAG + self.name])

    def disable_cache(self) -> None:
        self.enabled = False

    def enable_cache(self) -> None:
        self.enabled = True

    def get_cache_infos(self) -> dict[str, Any]:
        """gazu's infos: enabled, expire, maxsize, hits, misses, expired_hits, current_size."""
        size = 0
        for backend in _backends():
            counter = getattr(backend, "count_tag", None)
            if counter is not None:
                size += int(counter(FUNCTION_TAG + self.name))
        return {
            "enabled": self.enabled,
            "expire": self.expire,
            "maxsize": self.maxsize,
            "hits": self.hits,
            "misses": self.misses,
            "expired_hits": self.expired_hits,
            "current_size": size,
        }

    def reset_statistics(self) -> None:
        with _lock:
            self.hits = self.misses = self.expired_hits = 0


#: function name -> settings, for every `@cached` operation.
SETTINGS: dict[str, CacheSettings] = {}
_GROUP_LIMITS: dict[str, int] = {}
_BACKENDS: weakref.WeakSet[Any] = weakref.WeakSet()


def new_backend(maxsize: int = C.CACHE_MAXSIZE) -> InProcessBackend:
    """A client's own in-process backend, known to the per-function controls."""
    backend = InProcessBackend(maxsize, group_limits=_GROUP_LIMITS)
    _BACKENDS.add(backend)
    return backend


def _backends() -> list[CacheBackend]:
    return list(_BACKENDS)


CONTROLS = (
    "set_cache_expire",
    "set_expire",
    "set_cache_max_size",
    "clear_cache",
    "disable_cache",
    "enable_cache",
    "get_cache_infos",
)


def attach_controls(function: Any, operation: Any) -> None:
    """Give `function` (a generated module function or bound method) the cache controls of the
    cached operation it runs: `all_shots.set_cache_expire(60)`, `.get_cache_infos()`..."""
    settings: CacheSettings = operation.cache_settings
    function.cache_settings = settings
    for name in CONTROLS:
        setattr(function, name, getattr(settings, name))


# -- marking operations ---------------------------------------------------------------------------


class Mark:
    """What run() needs to cache an operation: the function's settings and its arguments."""

    __slots__ = ("settings", "normalise", "args", "kwargs")

    def __init__(
        self,
        settings: CacheSettings,
        normalise: Callable[[tuple[Any, ...], dict[str, Any]], Optional[str]],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> None:
        self.settings = settings
        self.normalise = normalise
        self.args = args
        self.kwargs = kwargs


_FLOW_MARKS: weakref.WeakKeyDictionary[Any, Mark] = weakref.WeakKeyDictionary()


def mark_of(op: Any) -> Optional[Mark]:
    """The cache mark of an operation (None when it is not a cached read)."""
    if isinstance(op, Call):
        marked: Optional[Mark] = op.cache_mark
        return marked
    try:
        return _FLOW_MARKS.get(op)
    except TypeError:
        return None


def _ref_id(value: Any) -> Any:
    if isinstance(value, dict):
        return value.get("id", value)
    found = getattr(value, "id", None)
    return found if isinstance(found, str) else value


def _normaliser(
    function: Callable[..., Any],
) -> Callable[[tuple[Any, ...], dict[str, Any]], Optional[str]]:
    signature = inspect.signature(function)
    refs = {
        name
        for name, parameter in signature.parameters.items()
        if "Ref" in str(parameter.annotation)
    }
    names = list(signature.parameters)
    simple = all(
        p.kind in (p.POSITIONAL_OR_KEYWORD, p.POSITIONAL_ONLY)
        for p in signature.parameters.values()
    )
    defaults = [p.default for p in signature.parameters.values()]

    def normalise(args: tuple[Any, ...], kwargs: dict[str, Any]) -> Optional[str]:
        if simple and not kwargs and len(args) <= len(names):
            values = [*args, *defaults[len(args) :]]
            items = dict(zip(names, values))
        else:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            items = dict(bound.arguments)
        for name in refs & items.keys():
            items[name] = _ref_id(items[name])
        try:
            return json.dumps(list(items.values()), sort_keys=True, separators=(",", ":"))
        except (TypeError, ValueError):
            return None  # an argument that is not plain data: not cached

    return normalise


def cached(*tags: str) -> Callable[[F], F]:
    """Mark a read operation as cached (gazu's `@cache`): `tags` are the Zou nouns it reads
    (an event or a write about one of them drops its entries). The operation is built as
    before; the clients' `run()` serves it from the cache."""

    def decorate(function: F) -> F:
        module = function.__module__.rsplit(".", 1)[-1]
        settings = SETTINGS.setdefault(
            f"{module}.{function.__name__}", CacheSettings(f"{module}.{function.__name__}", tags)
        )
        normalise = _normaliser(function)

        @functools.wraps(function)
        def operation(*args: Any, **kwargs: Any) -> Any:
            op = function(*args, **kwargs)
            mark = Mark(settings, normalise, args, kwargs)
            if isinstance(op, Call):
                op.cache_mark = mark
            else:
                _FLOW_MARKS[op] = mark
            return op

        operation.cache_settings = settings  # type: ignore[attr-defined]
        for name in CONTROLS:
            setattr(operation, name, getattr(settings, name))
        return operation  # type: ignore[return-value]

    return decorate


# -- events -------------------------------------------------------------------------------------

#: A noun's change also stales what embeds it (a shot listing holds its sequence's name, a task
#: its entity's name and its last comment ...). "*" drops everything of the host.
EMBEDDED_IN: dict[str, tuple[str, ...]] = {
    "project": ("user", "task", "person", "entity", "search-filter"),
    "production-schedule-version": ("project",),
    "episode": ("sequence", "shot", "asset", "task", "entity", "edit", "casting"),
    "sequence": ("shot", "task", "entity", "casting", "episode"),
    "shot": ("task", "casting", "entity", "sequence", "episode"),
    "asset": ("task", "casting", "entity", "asset-type"),
    "asset-instance": ("asset", "shot", "casting", "scene"),
    "asset-type": ("asset", "task", "entity"),
    "edit": ("task", "entity"),
    "concept": ("task", "entity"),
    "scene": ("task", "entity", "casting", "shot"),
    "entity": ("shot", "asset", "sequence", "episode", "edit", "concept", "scene", "task"),
    "entity-link": ("casting", "shot", "asset", "entity"),
    "task": ("shot", "asset", "entity", "user", "person", "edit", "concept", "scene"),
    "task-type": ("task", "shot", "asset", "project", "department"),
    "task-status": ("task", "comment", "project"),
    "comment": ("task", "user", "preview-file"),
    "preview-file": ("task", "comment", "shot", "asset", "entity", "playlist", "files"),
    "person": ("task", "user", "project", "department"),
    "department": ("person", "task-type", "project"),
    "working-file": ("files", "task"),
    "output-file": ("files", "task"),
    "output-type": ("files",),
    "software": ("files",),
    "time-spent": ("task", "user"),
    "metadata-descriptor": ("project", "shot", "asset", "entity", "sequence", "episode"),
    "organisation": ("*",),
    "studio": ("project",),
}


def tags_for_event(name: str) -> tuple[str, ...]:
    """The tags an event makes stale: `shot:update` -> ("shot", "task", "casting", ...)."""
    noun = name.split(":", 1)[0].replace("_", "-")
    return (noun, *EMBEDDED_IN.get(noun, ()))


def invalidate_host(backend: CacheBackend, host: str, tags: Iterable[str]) -> int:
    """Drop the entries of every user of `host` holding one of `tags` ("*": all of them), in
    `backend` and in every other backend of this process."""
    _bump()
    tags = tuple(tags)
    dropped = 0
    for each in {id(b): b for b in [backend, *_backends()]}.values():
        if "*" in tags:
            each.clear(f"{host}|")
        else:
            dropped += each.drop_tags(f"{host}|", tags)
    return dropped


# -- a client's cache ---------------------------------------------------------------------------


class ClientCache:
    """A client's side of the cache (`client.cache`): whether it is on, its backend (its own
    in-process one unless another is set, e.g. one shared by several clients or Redis), its
    statistics and its events listener. Results are stored
    under the client's scope `host|identity`."""

    def __init__(self, client: Optional[ClientBase] = None, enabled: bool = False) -> None:
        self._client = weakref.ref(client) if client is not None else None
        self.enabled = enabled
        self._backend: Optional[CacheBackend] = None
        #: A TTL that replaces every function's expiry for this client (`configure(ttl=)`).
        self.ttl: Optional[float] = None
        self.hits = 0
        self.misses = 0
        #: The events listener started by `kitsu_sdk.cache.enable(events=True)`.
        self.listener: Any = None
        self.listener_task: Any = None

    @property
    def backend(self) -> CacheBackend:
        backend = self._backend
        if backend is None:
            with _lock:
                if self._backend is None:
                    self._backend = new_backend()
                backend = self._backend
        return backend

    @backend.setter
    def backend(self, backend: Optional[CacheBackend]) -> None:
        if backend is not None and not isinstance(backend, CacheBackend):
            from .errors import InvalidInputError

            raise InvalidInputError("a cache backend needs get, set, drop_tags and clear")
        self._backend = backend
        if backend is not None:
            try:
                _BACKENDS.add(backend)
            except TypeError:  # not weak-referenceable: per-function clear_cache misses it
                pass

    def configure(self, maxsize: Optional[int] = None, ttl: Optional[float] = None) -> None:
        """This client's TTL for every entry (`ttl`), and its own in-process store of `maxsize`
        entries instead of the shared one."""
        if ttl is not None:
            self.ttl = ttl
        if maxsize is not None:
            self.backend = new_backend(maxsize)

    def scope(self) -> str:
        client = self._client() if self._client is not None else None
        if client is None:
            return "|"
        return f"{client._host or ''}|{client._identity()}"

    def host_scope(self) -> str:
        client = self._client() if self._client is not None else None
        return f"{client._host or ''}|" if client is not None else "|"

    def clear(self, scope: Optional[str] = None) -> None:
        """Drop this client's entries (those of `scope`, a `host|identity`, when given)."""
        _bump()
        self.backend.clear(self.scope() if scope is None else scope)

    def invalidate(self) -> None:
        """After a write: drop what this client cached (other users learn it from events)."""
        if self.enabled:
            self.clear()

    def key(self, mark: Mark) -> Optional[str]:
        arguments = mark.normalise(mark.args, mark.kwargs)
        if arguments is None:
            return None
        return f"{self.scope()}|{mark.settings.name}|{arguments}"

    def lookup(self, mark: Mark) -> tuple[Optional[str], Any, int]:
        """(key, the cached value or MISSING, the generation to store under)."""
        settings = mark.settings
        key = self.key(mark) if settings.enabled else None
        if key is None:
            return None, MISSING, 0
        generation = _generation[0]
        value = self.backend.get(key)
        if value is MISSING or value is EXPIRED:
            settings.count(False, value is EXPIRED)
            with _lock:
                self.misses += 1
            return key, MISSING, generation
        settings.count(True)
        with _lock:
            self.hits += 1
        return key, value, generation

    def store(self, mark: Mark, key: str, value: Any, generation: int) -> None:
        """Keep a fresh result, unless something was invalidated while it was being fetched."""
        if generation != _generation[0]:
            return
        settings = mark.settings
        ttl = self.ttl if self.ttl is not None else settings.ttl
        try:
            self.backend.set(key, value, ttl, settings.tags)
        except (TypeError, ValueError):
            pass  # not plain data (marshal/JSON refuse it): served uncached

    def __len__(self) -> int:
        counter = getattr(self.backend, "keys", None)
        if counter is None:
            return 0
        scope = self.scope() + "|"
        return sum(1 for key in counter() if key.startswith(scope))
