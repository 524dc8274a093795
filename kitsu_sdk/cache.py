"""The operation cache's switches (gazu's `cache.enable()/disable()/clear_all()`), gazu's `@cache`
decorator for your own functions, and gazu's memo helpers.

The cache sits in the clients' `run()`: the read functions gazu caches are marked, their results
kept per host, user, function and arguments (an id and a dict of the same entity share an entry),
in the shared in-process store (or a backend given to `enable`, e.g. Redis). Each cached function
has gazu's controls: `kitsu_sdk.shot.all_shots_for_project.set_cache_expire(60)`, `.clear_cache()`,
`.get_cache_infos()`... Writes drop the client's entries; `enable(events=True)` also drops what
Kitsu's events say changed. Off until enabled.
"""

from __future__ import annotations

import datetime
import functools
import json
import logging
import marshal
from collections.abc import MutableMapping
from typing import Any, Callable, Optional, TypeVar

from ._client import KitsuClient, resolve_client
from ._client_base import ClientBase
from ._core import constants as C
from ._core.cache_redis import RedisCacheBackend  # redis-py is imported when one is made
from ._core.cache_store import FUNCTION_TAG, CacheBackend, InProcessBackend, is_missing
from ._core.errors import InvalidInputError
from ._core.op_cache import SETTINGS, CacheSettings, ClientCache
from ._core.op_cache import invalidate_host as _invalidate_host
from ._core.op_cache import tags_for_event as _tags_for_event

__all__ = [
    "CacheBackend",
    "CacheSettings",
    "ClientCache",
    "InProcessBackend",
    "RedisCacheBackend",
    "cache",
    "clear_all",
    "disable",
    "enable",
    "get_cache_key",
    "get_value",
    "insert_value",
    "is_cache_enabled",
    "is_cache_expired",
    "is_enabled",
    "remove_oldest_entry",
    "settings",
]

logger = logging.getLogger(C.LOGGER_NAME)
F = TypeVar("F", bound=Callable[..., Any])
AnyClient = Optional[ClientBase]


def _resolve(client: AnyClient) -> ClientBase:
    if isinstance(client, ClientBase):
        return client
    return resolve_client(client)


def enable(
    client: AnyClient = None, events: bool = False, backend: Optional[CacheBackend] = None
) -> bool:
    """Turn the cache on for a client (the default client when none is given).

    Args:
        client: a KitsuClient or an AsyncKitsuClient (then call it from its event loop when
            `events` is on; the listener starts in a task, `client.cache.listener_task`).
        events: listen to Kitsu's events and drop the entries each one makes stale, for every
            user of the host; on a disconnection the client's entries are dropped, since events
            may have been missed meanwhile.
        backend: where entries go (any CacheBackend, e.g. the Redis one); the shared in-process
            store by default.
    """
    if not isinstance(events, bool):
        raise InvalidInputError(f"events must be True or False, got {type(events).__name__}")
    target = _resolve(client)
    store = target.cache
    if backend is not None:
        store.backend = backend
    store.enabled = True
    if events and store.listener is None:
        _listen(target)
    return True


def disable(client: AnyClient = None) -> bool:
    """Turn the cache off for a client, drop its entries and stop its events listener.

    Args:
        client: a KitsuClient or an AsyncKitsuClient (None: the default client).
    """
    target = _resolve(client)
    store = target.cache
    store.clear()
    store.enabled = False
    _stop_listening(target)
    return False


def clear_all(client: AnyClient = None) -> None:
    """Drop a client's entries (those of its host and user).

    Args:
        client: a KitsuClient or an AsyncKitsuClient (None: the default client).
    """
    _resolve(client).cache.clear()


def is_enabled(client: AnyClient = None) -> bool:
    """True when the client's cache is on.

    Args:
        client: a KitsuClient or an AsyncKitsuClient (None: the default client).
    """
    return _resolve(client).cache.enabled


def settings(function_name: str) -> CacheSettings:
    """The settings of a cached function by name (`"shot.all_shots_for_project"`).

    Args:
        function_name: the cached function's name, such as `"shot.all_shots_for_project"`.
    """
    try:
        return SETTINGS[function_name]
    except KeyError:
        raise InvalidInputError(f"not a cached function: {function_name!r}") from None


# -- events --------------------------------------------------------------------------------------


def _listen(client: ClientBase) -> None:
    store = client.cache

    def on_event(name: str, data: Any) -> None:
        dropped = _invalidate_host(store.backend, store.host_scope()[:-1], _tags_for_event(name))
        logger.debug("cache: %s dropped %s entries", name, dropped)

    def on_connection_change() -> None:
        store.clear()  # events may have been missed meanwhile

    if isinstance(client, KitsuClient):
        from .events import EventListener

        listener = EventListener(client)
        listener.on_any(on_event)
        listener.on_connect(on_connection_change)
        listener.on_disconnect(on_connection_change)
        store.listener = listener
        try:
            listener.start()
        except BaseException:
            store.listener = None
            raise
        return
    import asyncio

    from .aio.events import AsyncEventListener

    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        raise InvalidInputError(
            "enable(events=True) for an AsyncKitsuClient must be called from its event loop"
        ) from None
    alistener = AsyncEventListener(client)  # type: ignore[arg-type]
    alistener.on_any(on_event)
    alistener.on_connect(on_connection_change)
    alistener.on_disconnect(on_connection_change)
    store.listener = alistener

    async def start() -> None:
        try:
            await alistener.start()
        except BaseException:
            if store.listener is alistener:
                store.listener = None
            raise

    store.listener_task = loop.create_task(start())


def _stop_listening(client: ClientBase) -> None:
    store = client.cache
    listener, store.listener = store.listener, None
    if listener is None:
        return
    result = listener.stop()
    if hasattr(result, "__await__"):
        import asyncio

        # An AsyncEventListener stops on its loop: `await client.cache.listener_task` to wait.
        store.listener_task = asyncio.ensure_future(result)


# -- gazu's decorator ----------------------------------------------------------------------------


def cache(function: F, maxsize: int = 300, expire: int = 120) -> F:
    """Memoize a function of yours in the client's cache (gazu's decorator).

    The key holds the host, the user, the function and its arguments; a `client=` keyword
    argument selects the client. Entries live `expire` seconds (the client's `configure(ttl=)`
    wins); `maxsize` applies in the in-process store.

    Args:
        function: the function to memoize.
        maxsize: entries kept at most for this function (in-process store).
        expire: seconds an entry lives (the client's `configure(ttl=)` wins).
    """
    if not callable(function):
        raise InvalidInputError(f"cache() decorates a function, got {type(function).__name__}")
    name = (
        f"{getattr(function, '__module__', '')}.{getattr(function, '__qualname__', repr(function))}"
    )
    tags = (FUNCTION_TAG + name,)

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        client = _resolve(kwargs.get("client"))
        store = client.cache
        if not store.enabled:
            return function(*args, **kwargs)
        try:
            arguments = repr((args, sorted((k, v) for k, v in kwargs.items() if k != "client")))
        except Exception:  # an argument whose repr fails: just call through
            return function(*args, **kwargs)
        key = f"{store.scope()}|{name}|{arguments}"
        value = store.backend.get(key)
        if not is_missing(value):
            return value
        value = function(*args, **kwargs)
        try:
            ttl = store.ttl if store.ttl is not None else float(expire if expire > 0 else 1e9)
            store.backend.set(key, value, ttl, tags)
        except (TypeError, ValueError):
            pass  # not plain data: not kept
        return value

    return wrapper  # type: ignore[return-value]


# -- gazu's memo helpers ---------------------------------------------------------------------------
# gazu's `@cache` keeps, per function, a dict {key: {"date_accessed": datetime, "value": v}} and a
# state {"enabled", "expire", "maxsize"}; scripts that build their own memo on these helpers get
# the same behaviour here. The SDK's own cache is the client's (above).

Memo = MutableMapping[str, dict[str, Any]]


def get_cache_key(args: Any, kwargs: Any) -> str:
    """The JSON key of a call's arguments: "" without any, a `client=` replaced by its host and
    identity (a hash of its token, never the token), so two users never share an entry.

    Args:
        args: the call's positional arguments.
        kwargs: the call's keyword arguments.
    """
    named = dict(kwargs)
    if "client" in named:
        client = named["client"]
        named["client"] = [getattr(client, "host", None), client._identity()]
    if not args and not named:
        return ""
    if not named:
        return json.dumps(args)
    if not args:
        return json.dumps(named)
    return json.dumps([args, named])


def get_value(cache_store: Memo, key: str) -> Any:
    """A copy of the stored value, so a caller changing it cannot change the cache.

    Args:
        cache_store: gazu's memo dict: `{key: {"date_accessed", "value"}}`.
        key: the entry's key (see get_cache_key).
    """
    value = cache_store[key]["value"]
    try:
        return marshal.loads(marshal.dumps(value))  # a C copy of plain data
    except ValueError:
        import copy

        return copy.deepcopy(value)


def insert_value(function: Callable[..., Any], cache_store: Memo, args: Any, kwargs: Any) -> Any:
    """Call the function, store its result under the arguments' key; returns a copy of it.

    Args:
        function: the function to call.
        cache_store: gazu's memo dict: `{key: {"date_accessed", "value"}}`.
        args: the positional arguments to call it with.
        kwargs: the keyword arguments to call it with.
    """
    value = function(*args, **kwargs)
    key = get_cache_key(args, kwargs)
    cache_store[key] = {"date_accessed": datetime.datetime.now(), "value": value}
    return get_value(cache_store, key)


def is_cache_enabled(state: MutableMapping[str, Any]) -> bool:
    """True when the default client's cache and this function's state are both on.

    Args:
        state: the function's state: `{"enabled", "expire", "maxsize"}`.
    """
    return bool(_resolve(None).cache.enabled and state["enabled"])


def is_cache_expired(memo: Memo, state: MutableMapping[str, Any], key: str) -> bool:
    """True when the entry is older than `state["expire"]` seconds (0 or less: never).

    Args:
        memo: gazu's memo dict: `{key: {"date_accessed", "value"}}`.
        state: the function's state: `{"enabled", "expire", "maxsize"}`.
        key: the entry's key.
    """
    expire = state["expire"]
    stored: datetime.datetime = memo[key]["date_accessed"]
    return bool(
        expire > 0 and stored + datetime.timedelta(seconds=expire) < datetime.datetime.now()
    )


def remove_oldest_entry(memo: Memo, maxsize: int) -> Any:
    """Drop the least recently stored entry when the memo holds more than `maxsize`; returns
    its key, or None when nothing was dropped.

    Args:
        memo: gazu's memo dict: `{key: {"date_accessed", "value"}}`.
        maxsize: the size the memo may have.
    """
    if maxsize > 0 and len(memo) > maxsize:
        oldest = min(memo, key=lambda key: memo[key]["date_accessed"])
        del memo[oldest]
        return oldest
    return None
