"""The read cache: owned by each client, keyed by host + user + route + params, locked,
emptied by every write the client makes. Off until enabled.

gazu's `cache.enable()/disable()/clear_all()` and the `@cache` decorator work on the default client.
"""

from __future__ import annotations

import copy
import datetime
import functools
import json
from collections.abc import Hashable, MutableMapping
from typing import Any, Callable, Optional, TypeVar

from ._client import KitsuClient, resolve_client
from ._core.cache_store import ClientCache, is_missing

__all__ = [
    "ClientCache",
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
]

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


# -- gazu's memo helpers ---------------------------------------------------------------------------
# gazu's `@cache` keeps, per function, a dict {key: {"date_accessed": datetime, "value": v}} and a
# state {"enabled", "expire", "maxsize"}; scripts that build their own memo on these helpers get
# the same behaviour here. The SDK's own cache is the client's (above).

Memo = MutableMapping[str, dict[str, Any]]


def get_cache_key(args: Any, kwargs: Any) -> str:
    """The JSON key of a call's arguments: "" without any, a `client=` replaced by its host and
    identity (a hash of its token, never the token), so two users never share an entry."""
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
    """A deep copy of the stored value, so a caller changing it cannot change the cache."""
    return copy.deepcopy(cache_store[key]["value"])


def insert_value(function: Callable[..., Any], cache_store: Memo, args: Any, kwargs: Any) -> Any:
    """Call the function, store its result under the arguments' key; returns a copy of it."""
    value = function(*args, **kwargs)
    key = get_cache_key(args, kwargs)
    cache_store[key] = {"date_accessed": datetime.datetime.now(), "value": value}
    return get_value(cache_store, key)


def is_cache_enabled(state: MutableMapping[str, Any]) -> bool:
    """True when the default client's cache and this function's state are both on."""
    return bool(_resolve(None).cache.enabled and state["enabled"])


def is_cache_expired(memo: Memo, state: MutableMapping[str, Any], key: str) -> bool:
    """True when the entry is older than `state["expire"]` seconds (0 or less: never)."""
    expire = state["expire"]
    stored: datetime.datetime = memo[key]["date_accessed"]
    return bool(
        expire > 0 and stored + datetime.timedelta(seconds=expire) < datetime.datetime.now()
    )


def remove_oldest_entry(memo: Memo, maxsize: int) -> Any:
    """Drop the least recently stored entry when the memo holds more than `maxsize`; returns
    its key, or None when nothing was dropped."""
    if maxsize > 0 and len(memo) > maxsize:
        oldest = min(memo, key=lambda key: memo[key]["date_accessed"])
        del memo[oldest]
        return oldest
    return None
