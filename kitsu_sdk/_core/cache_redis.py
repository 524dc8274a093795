"""The operation cache in Redis: one store shared by every process of a render farm.

Optional: needs redis-py (`pip install kitsu_sdk[redis]`), imported when a backend is made, never
by `import kitsu_sdk`. A farm turns it on with
`kitsu_sdk.cache.enable(backend=RedisCacheBackend("redis://cache-host:6379/0"))`.

Layout under the prefix (default "kitsu_sdk:"); a scope is "host|identity", the head of a key:

    {p}v:{key}                the entry: its value as JSON (never pickle: another process, maybe
                              another program, wrote it), Redis expiry = its TTL
    {p}k:{scope}              set: the keys of a scope (for clear(scope))
    {p}t:["scope","tag"]      set: the keys of a scope carrying a tag (for drop_tags)
    {p}g:{scope}              set: the tags used in a scope
    {p}scopes                 set: every scope seen (for "host|" and "" scopes: all users)

Index sets are given the longest expiry of what they index (PEXPIRE NX, then GT: Redis 7), so an
index never disappears before an entry it lists. Entries are removed with SREM of the members
read, never DEL of a whole set: a key another process adds meanwhile stays listed.

Redis down or slow: every command has a socket timeout and no retries; a failure turns the
backend off for `retry_after` seconds (reads are misses, writes skipped, one warning per outage),
and the invalidations it could not send are sent again, before any read, once Redis answers.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Any, Optional, Protocol
from urllib.parse import urlsplit

from . import constants as C
from .cache_store import MISSING

logger = logging.getLogger(C.LOGGER_NAME)

__all__ = ["RedisCacheBackend"]

#: Seconds an entry stored with no expiry (ttl <= 0) lives at most: a shared store keeps nothing
#: for ever (events and writes still drop it before then).
MAX_TTL = 86400.0
#: An index set outlives the entries it lists by this many milliseconds.
_INDEX_MARGIN_MS = 1000
#: Keys per DEL/SREM command.
_BATCH = 500

Tags = set[str]  # (named here: inside the class, `set` is the method)


class RedisLike(Protocol):
    """The part of redis-py's `Redis` this backend uses (any compatible client will do)."""

    def get(self, name: str) -> Any: ...

    def ping(self) -> Any: ...

    def pipeline(self, transaction: bool = True) -> Any: ...

    def scan_iter(self, match: Optional[str] = None, count: Optional[int] = None) -> Any: ...


def _text(value: Any) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def scope_of(key: str) -> str:
    """The scope of a key: its head "host|identity" (everything before the second "|")."""
    first = key.find("|")
    second = key.find("|", first + 1) if first >= 0 else -1
    return key[:second] if second >= 0 else key


def _glob_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "*?[]\\" else ch for ch in text)


def _location(url: str) -> str:
    """The URL without its user and password, for logs and repr."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


def _chunks(items: Sequence[str], size: int = _BATCH) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class RedisCacheBackend:
    """A `CacheBackend` in Redis, shared by every process that uses the same URL and prefix.

    Args:
        url: where Redis is ("redis://host:port/db", "rediss://" for TLS, "unix:///path").
        prefix: the start of every key this backend writes; change it to keep two farms (or two
            SDK versions whose results differ) apart on one Redis.
        client: an existing redis-py client (or a compatible object) to use instead of `url`.
        timeout: seconds each Redis command (and connecting) may take before it counts as a
            failure.
        retry_after: seconds the backend stays off (misses, skipped stores) after a failure.
        max_ttl: the longest an entry lives, also the lifetime of entries stored with ttl <= 0.
    """

    def __init__(
        self,
        url: str = "redis://127.0.0.1:6379/0",
        prefix: str = "kitsu_sdk:",
        client: Optional[RedisLike] = None,
        *,
        timeout: float = 1.0,
        retry_after: float = 5.0,
        max_ttl: float = MAX_TTL,
    ) -> None:
        self.prefix = prefix
        self.timeout = timeout
        self.retry_after = retry_after
        self.max_ttl = max_ttl
        self._errors: tuple[type[BaseException], ...] = (OSError,)
        try:
            import redis  # only here: `import kitsu_sdk` never imports redis

            self._errors = (OSError, redis.RedisError)
        except ImportError:
            if client is None:
                raise ImportError(
                    "RedisCacheBackend needs redis-py: pip install 'kitsu_sdk[redis]'"
                ) from None
        if client is None:
            from redis.backoff import NoBackoff
            from redis.retry import Retry

            client = redis.Redis.from_url(
                url,
                socket_timeout=timeout,
                socket_connect_timeout=timeout,
                retry=Retry(NoBackoff(), 0),  # a failure is a miss at once, not four timeouts
                decode_responses=True,
            )
            self.location = _location(url)
        else:
            self.location = type(client).__name__
        self.client: RedisLike = client
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._down = False
        self._replaying = False
        # Invalidations Redis missed: scope -> tags to drop, or None to clear the whole scope.
        self._pending: dict[str, Optional[Tags]] = {}

    def __repr__(self) -> str:
        return f"RedisCacheBackend({self.location!r}, prefix={self.prefix!r})"

    # -- the CacheBackend interface -------------------------------------------------------------

    def get(self, key: str) -> Any:
        """The value stored under `key` (decoded from JSON: a fresh copy), or MISSING."""
        if not self._usable():
            return MISSING
        try:
            raw = self.client.get(self._entry(key))
        except UnicodeError:  # a key Redis cannot hold, or a value that is not UTF-8
            return MISSING
        except self._errors as exc:
            self._failed("get", exc)
            return MISSING
        self._answered()
        if raw is None:
            return MISSING
        try:
            return json.loads(raw)
        except ValueError:
            logger.debug("cache: %s holds no JSON: a miss", self.location)
            return MISSING

    def set(self, key: str, value: Any, ttl: float, tags: Collection[str]) -> None:
        """Store `value` as JSON for `ttl` seconds (<= 0: `max_ttl`), listed under its scope
        and `tags`. A value JSON cannot give back as it is (a tuple, a key that is not text, an
        object) is not stored: a hit returns exactly what a miss returned."""
        try:
            data = json.dumps(value, separators=(",", ":"), allow_nan=False)
            key.encode("utf-8")  # a lone surrogate in a key: Redis cannot hold it
            same = json.loads(data) == value  # (C speed; a miss has just cost a request)
        except (TypeError, ValueError):
            same = False
        if not same:
            logger.debug("cache: a result of %s is not plain JSON: not stored", key.split("|")[2:3])
            return
        if not self._usable():
            return
        seconds = ttl if 0 < ttl <= self.max_ttl else self.max_ttl
        ms = max(1, int(seconds * 1000))
        index_ms = ms + _INDEX_MARGIN_MS
        scope = scope_of(key)
        tags = sorted(set(tags))
        pipe = self.client.pipeline(transaction=True)
        pipe.set(self._entry(key), data, px=ms)
        indexes = [self._scope_set(scope)] + [self._tag_set(scope, tag) for tag in tags]
        for index in indexes:
            pipe.sadd(index, key)
        if tags:
            pipe.sadd(self._tags_of(scope), *tags)
            indexes.append(self._tags_of(scope))
        pipe.sadd(self._scopes(), scope)
        indexes.append(self._scopes())
        for index in indexes:
            # NX gives a new set its first expiry; GT only ever makes it longer.
            pipe.pexpire(index, index_ms, nx=True)
            pipe.pexpire(index, index_ms, gt=True)
        try:
            pipe.execute()
        except self._errors as exc:
            self._failed("set", exc)
            return
        self._answered()

    def drop_tags(self, scope: str, tags: Collection[str]) -> int:
        """Remove the entries of `scope` carrying any of `tags`; returns how many were removed.

        `scope` is "host|identity" (one user), "host|" or "host|*" (every user of that host),
        "" (everyone); a longer prefix ("host|identity|shot.") limits it to keys starting so.
        """
        tags = set(tags)
        if not tags:
            return 0
        if not self._usable():
            self._remember(scope, tags)
            return 0
        try:
            dropped = self._drop_tags(scope, tags)
        except self._errors as exc:
            self._failed("drop_tags", exc)
            self._remember(scope, tags)
            return 0
        self._answered()
        return dropped

    def clear(self, scope: str = "") -> None:
        """Remove the entries of `scope` (see `drop_tags`); "" removes everything under the
        prefix."""
        if not self._usable():
            self._remember(scope, None)
            return
        try:
            self._clear(scope)
        except self._errors as exc:
            self._failed("clear", exc)
            self._remember(scope, None)
            return
        self._answered()

    # -- more than the interface ----------------------------------------------------------------

    def ping(self) -> bool:
        """True when Redis answers now (also ends a pause after a failure)."""
        try:
            self.client.ping()
        except self._errors as exc:
            self._failed("ping", exc)
            return False
        with self._lock:
            self._down_until = 0.0
        return self._usable()

    def keys(self, scope: str = "") -> list[str]:
        """The keys of the live entries of `scope` ([] when Redis fails)."""
        if not self._usable():
            return []
        try:
            targets = self._resolve(scope)
            found: list[str] = []
            for (_, start), members in zip(
                targets, self._members([self._scope_set(stored) for stored, _ in targets])
            ):
                found += [key for key in members if key.startswith(start)]
            if not found:
                return []
            pipe = self.client.pipeline(transaction=False)
            for key in found:
                pipe.exists(self._entry(key))
            live = pipe.execute()
        except self._errors as exc:
            self._failed("keys", exc)
            return []
        return sorted(key for key, alive in zip(found, live) if alive)

    def count_tag(self, tag: str, scope: str = "") -> int:
        """How many entries of `scope` carry `tag` (expired ones not yet dropped included: an
        index forgets them when it is next dropped or expires); 0 when Redis fails."""
        if not self._usable():
            return 0
        try:
            targets = self._resolve(scope)
            pipe = self.client.pipeline(transaction=False)
            for stored, _ in targets:
                pipe.scard(self._tag_set(stored, tag))
            return sum(int(n) for n in pipe.execute()) if targets else 0
        except self._errors as exc:
            self._failed("count_tag", exc)
            return 0

    # -- Redis keys -----------------------------------------------------------------------------

    def _entry(self, key: str) -> str:
        return f"{self.prefix}v:{key}"

    def _scope_set(self, scope: str) -> str:
        return f"{self.prefix}k:{scope}"

    def _tag_set(self, scope: str, tag: str) -> str:
        return self.prefix + "t:" + json.dumps([scope, tag])

    def _tags_of(self, scope: str) -> str:
        return f"{self.prefix}g:{scope}"

    def _scopes(self) -> str:
        return f"{self.prefix}scopes"

    # -- the work -------------------------------------------------------------------------------

    def _members(self, sets: Sequence[str]) -> list[list[str]]:
        if not sets:
            return []
        pipe = self.client.pipeline(transaction=False)
        for name in sets:
            pipe.smembers(name)
        return [sorted(_text(m) for m in members) for members in pipe.execute()]

    def _resolve(self, scope: str) -> list[tuple[str, str]]:
        """The stored scopes a scope argument reaches, each with the key prefix to keep."""
        scope = scope[:-1] if scope.endswith("*") else scope
        head = scope_of(scope)
        if head != scope:  # longer than a scope: one scope, some of its keys
            return [(head, scope)]
        if scope.count("|") == 1 and not scope.endswith("|"):
            return [(scope, "")]
        # Every scope of a host (or of everything): those the registry lists.
        known = self._members([self._scopes()])[0]
        return [(stored, "") for stored in known if stored.startswith(scope)]

    def _remove(self, keys: Sequence[str], scope: str, tag_sets: Iterable[str]) -> int:
        """DEL the entries of `keys` and SREM them from their indexes; returns entries removed."""
        if not keys:
            return 0
        sets = [self._scope_set(scope), *tag_sets]
        pipe = self.client.pipeline(transaction=False)
        deleted = 0
        for chunk in _chunks(keys):
            pipe.delete(*[self._entry(key) for key in chunk])
            for name in sets:
                pipe.srem(name, *chunk)
        results = pipe.execute()
        stride = 1 + len(sets)
        deleted = sum(int(results[i]) for i in range(0, len(results), stride))
        return deleted

    def _drop_tags(self, scope: str, tags: Tags) -> int:
        targets = self._resolve(scope)
        pairs = [(stored, start, tag) for stored, start in targets for tag in sorted(tags)]
        members = self._members([self._tag_set(stored, tag) for stored, _, tag in pairs])
        dropped = 0
        for (stored, start, tag), keys in zip(pairs, members):
            chosen = [key for key in keys if key.startswith(start)]
            dropped += self._remove(chosen, stored, [self._tag_set(stored, tag)])
        return dropped

    def _clear(self, scope: str) -> None:
        if scope in ("", "*"):
            pattern = _glob_escape(self.prefix) + "*"
            batch: list[str] = []
            for name in self.client.scan_iter(match=pattern, count=1000):
                batch.append(_text(name))
                if len(batch) >= _BATCH:
                    self._delete(batch)
                    batch = []
            self._delete(batch)
            return
        targets = self._resolve(scope)
        names = [self._scope_set(stored) for stored, _ in targets]
        names += [self._tags_of(stored) for stored, _ in targets]
        found = self._members(names)
        for index, (stored, start) in enumerate(targets):
            keys = [key for key in found[index] if key.startswith(start)]
            tags = found[len(targets) + index]
            self._remove(keys, stored, [self._tag_set(stored, tag) for tag in tags])

    def _delete(self, names: Sequence[str]) -> None:
        if names:
            pipe = self.client.pipeline(transaction=False)
            pipe.delete(*names)
            pipe.execute()

    # -- failures -------------------------------------------------------------------------------

    def _usable(self) -> bool:
        """False while paused after a failure; sends missed invalidations first when resuming."""
        with self._lock:
            if self._replaying or time.monotonic() < self._down_until:
                return False  # (while another thread sends the missed invalidations: a miss)
            if not self._pending:
                return True
            pending, self._pending, self._replaying = self._pending, {}, True
        try:
            for scope, tags in pending.items():
                if tags is None:
                    self._clear(scope)
                else:
                    self._drop_tags(scope, tags)
        except self._errors as exc:
            for scope, tags in pending.items():
                self._remember(scope, tags)
            self._failed("invalidate", exc)
            return False
        finally:
            with self._lock:
                self._replaying = False
        self._answered()
        return True

    def _remember(self, scope: str, tags: Optional[Tags]) -> None:
        """Keep an invalidation Redis missed, to send when it answers again."""
        with self._lock:
            if "" in self._pending and self._pending[""] is None:
                return  # everything is cleared anyway
            if scope in self._pending:
                known = self._pending[scope]
                if known is None or tags is None:
                    self._pending[scope] = None
                else:
                    known.update(tags)
            else:
                self._pending[scope] = None if tags is None else set(tags)
            if len(self._pending) > 1000 or (scope == "" and tags is None):
                self._pending = {"": None}

    def _failed(self, what: str, exc: BaseException) -> None:
        with self._lock:
            self._down_until = time.monotonic() + self.retry_after
            first, self._down = not self._down, True
        from .._log_redaction import redact

        reason = redact(f"{type(exc).__name__}: {exc}")
        if first:
            logger.warning(
                "cache: Redis at %s failed (%s on %s): reads go to Kitsu, retrying in %.0f s",
                self.location, reason, what, self.retry_after,
            )  # fmt: skip
        else:
            logger.debug("cache: Redis at %s still failing (%s on %s)", self.location, reason, what)

    def _answered(self) -> None:
        if self._down:
            with self._lock:
                back, self._down = self._down, False
            if back:
                logger.info("cache: Redis at %s answers again", self.location)
