"""The Redis cache backend: JSON entries with Redis expiry, tag and scope indexes, invalidation
across users of a host, and a Redis that fails making misses (never errors).

Each behaviour runs twice: on a small in-memory fake of the commands the backend sends, and on
the local Redis (scripts/local-kitsu.sh starts it; db 15, a prefix of this run only, removed at
the end) when one answers. Set KITSU_REDIS_URL to use another.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any, Callable, Optional

import pytest

from kitsu_sdk._core.cache_redis import RedisCacheBackend, scope_of
from kitsu_sdk._core.cache_store import MISSING, CacheBackend

REDIS_URL = os.environ.get(
    "KITSU_REDIS_URL", f"redis://127.0.0.1:{os.environ.get('KITSU_REDIS_PORT', '6379')}/15"
)
H = "http://kitsu.test/api"
ALICE = f"{H}|aaaaaaaa-0000-0000-0000-000000000000"
BOB = f"{H}|bbbbbbbb-0000-0000-0000-000000000000"
OTHER = "http://kitsu.test:5000/api|aaaaaaaa-0000-0000-0000-000000000000"


def key(scope: str, function: str, *args: Any) -> str:
    return f"{scope}|{function}|{json.dumps(list(args))}"


# -- a fake of the few Redis commands used ---------------------------------------------------------


def _glob(pattern: str) -> re.Pattern[str]:
    out, i = "", 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            out, i = out + re.escape(pattern[i + 1]), i + 2
            continue
        out += ".*" if ch == "*" else "." if ch == "?" else re.escape(ch)
        i += 1
    return re.compile(out + r"\Z", re.S)


class FakeRedis:
    """Strings and sets with millisecond expiry on a clock the test moves; `down` makes every
    command raise ConnectionError; `calls` counts round trips."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}
        self.expires: dict[str, float] = {}
        self.now = 0.0
        self.down = False
        self.calls = 0

    def _live(self, name: str) -> bool:
        if name in self.expires and self.expires[name] <= self.now:
            self.data.pop(name, None)
            self.expires.pop(name, None)
        return name in self.data

    def _trip(self) -> None:
        self.calls += 1
        if self.down:
            raise ConnectionError("fake redis is down")

    # commands (each a round trip of its own outside a pipeline)
    def _get(self, name: str) -> Any:
        return self.data[name] if self._live(name) else None

    def _set(self, name: str, value: str, px: Optional[int] = None) -> bool:
        self.data[name] = value
        self.expires.pop(name, None)
        if px is not None:
            self.expires[name] = self.now + px / 1000
        return True

    def _sadd(self, name: str, *members: str) -> int:
        found: set[str] = self.data.setdefault(name, set()) if self._live(name) else set()
        self.data[name] = found
        before = len(found)
        found.update(members)
        return len(found) - before

    def _srem(self, name: str, *members: str) -> int:
        if not self._live(name):
            return 0
        found: set[str] = self.data[name]
        before = len(found)
        found.difference_update(members)
        if not found:
            self._delete(name)
        return before - len(found)

    def _scard(self, name: str) -> int:
        return len(self.data[name]) if self._live(name) else 0

    def _smembers(self, name: str) -> set[str]:
        return set(self.data[name]) if self._live(name) else set()

    def _pexpire(self, name: str, ms: int, nx: bool = False, gt: bool = False) -> bool:
        if not self._live(name):
            return False
        current = self.expires.get(name)
        new = self.now + ms / 1000
        if (nx and current is not None) or (gt and (current is None or new <= current)):
            return False
        self.expires[name] = new
        return True

    def _delete(self, *names: str) -> int:
        gone = 0
        for name in names:
            if self._live(name):
                gone += 1
                del self.data[name]
                self.expires.pop(name, None)
        return gone

    def _exists(self, name: str) -> int:
        return int(self._live(name))

    def _ping(self) -> bool:
        return True

    def __getattr__(self, name: str) -> Callable[..., Any]:
        command = object.__getattribute__(self, "_" + name)

        def call(*args: Any, **kwargs: Any) -> Any:
            self._trip()
            return command(*args, **kwargs)

        return call

    def pipeline(self, transaction: bool = True) -> FakePipeline:
        return FakePipeline(self)

    def scan_iter(self, match: Optional[str] = None, count: Optional[int] = None) -> Iterator[str]:
        self._trip()
        pattern = _glob(match or "*")
        return iter([n for n in list(self.data) if self._live(n) and pattern.match(n)])

    def pttl(self, name: str) -> int:
        if not self._live(name):
            return -2
        at = self.expires.get(name)
        return -1 if at is None else int((at - self.now) * 1000)


class FakePipeline:
    def __init__(self, redis: FakeRedis) -> None:
        self.redis = redis
        self.queued: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def __getattr__(self, name: str) -> Callable[..., FakePipeline]:
        def queue(*args: Any, **kwargs: Any) -> FakePipeline:
            self.queued.append((name, args, kwargs))
            return self

        return queue

    def execute(self) -> list[Any]:
        self.redis._trip()
        return [getattr(self.redis, "_" + n)(*a, **k) for n, a, k in self.queued]


# -- the two stores --------------------------------------------------------------------------------


class Store:
    """A backend under test, a way to let time pass, and the raw client to look inside."""

    def __init__(
        self, backend: RedisCacheBackend, raw: Any, advance: Callable[[float], None]
    ) -> None:
        self.backend, self.raw, self.advance = backend, raw, advance

    def names(self) -> set[str]:
        return {
            n.decode() if isinstance(n, bytes) else n
            for n in self.raw.scan_iter(match=self.backend.prefix.replace("*", "\\*") + "*")
        }

    def pttl(self, name: str) -> int:
        return int(self.raw.pttl(name))


def _real_redis() -> Any:
    redis = pytest.importorskip("redis")
    raw = redis.Redis.from_url(REDIS_URL, socket_timeout=2, decode_responses=True)
    try:
        raw.ping()
    except redis.RedisError as exc:
        pytest.skip(f"no Redis at {REDIS_URL}: {exc}")
    return raw


@pytest.fixture(params=["fake", "redis"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    prefix = f"kitsu_sdk_test:{uuid.uuid4().hex[:12]}:"
    if request.param == "fake":
        fake = FakeRedis()

        def advance(seconds: float) -> None:
            fake.now += seconds

        yield Store(RedisCacheBackend(prefix=prefix, client=fake), fake, advance)
        return
    raw = _real_redis()
    backend = RedisCacheBackend(REDIS_URL, prefix=prefix)
    try:
        yield Store(backend, raw, time.sleep)
    finally:
        backend.clear("")
        assert not Store(backend, raw, time.sleep).names()


@pytest.fixture
def fake() -> FakeRedis:
    return FakeRedis()


# -- the interface ---------------------------------------------------------------------------------


def test_is_a_cache_backend(store: Store) -> None:
    assert isinstance(store.backend, CacheBackend)


def test_values_round_trip_as_fresh_copies(store: Store) -> None:
    backend = store.backend
    k = key(ALICE, "shot.all_shots_for_project", "p1")
    assert backend.get(k) is MISSING
    value = [{"id": "s1", "name": "SH010", "data": {"frame_in": 1, "é": None}}, 2.5, True]
    backend.set(k, value, 60, ["shot"])
    first = backend.get(k)
    assert first == value
    first[0]["name"] = "changed by the caller"
    assert backend.get(k) == value
    assert store.raw.get(backend.prefix + "v:" + k) == json.dumps(value, separators=(",", ":"))


def test_a_value_json_cannot_hold_is_not_stored(store: Store) -> None:
    k = key(ALICE, "f")
    store.backend.set(k, {"when": object()}, 60, ["shot"])
    store.backend.set(key(ALICE, "g"), float("nan"), 60, ["shot"])
    store.backend.set(key(ALICE, "h"), [(1, 2)], 60, ["shot"])  # a hit would give [[1, 2]]
    store.backend.set(key(ALICE, "i"), {1: "a"}, 60, ["shot"])  # a hit would give {"1": "a"}
    for name in "fghi":
        assert store.backend.get(key(ALICE, name)) is MISSING
    assert not store.names()


def test_an_entry_that_is_not_json_is_a_miss(store: Store) -> None:
    k = key(ALICE, "f")
    store.raw.set(store.backend.prefix + "v:" + k, "\x80not json{")
    assert store.backend.get(k) is MISSING
    store.raw.set(store.backend.prefix + "v:" + k, b"\xff\xfe not UTF-8")
    assert store.backend.get(k) is MISSING
    assert store.backend.ping()  # a bad entry is a miss, not a Redis failure


def test_entries_expire_with_their_ttl(store: Store) -> None:
    k = key(ALICE, "f")
    store.backend.set(k, [1], 0.2, ["shot"])
    assert 0 < store.pttl(store.backend.prefix + "v:" + k) <= 200
    assert store.backend.get(k) == [1]
    store.advance(0.3)
    assert store.backend.get(k) is MISSING


def test_no_ttl_means_max_ttl(store: Store) -> None:
    k = key(ALICE, "f")
    store.backend.set(k, [1], 0, [])
    left = store.pttl(store.backend.prefix + "v:" + k)
    assert store.backend.max_ttl * 1000 - 5000 < left <= store.backend.max_ttl * 1000


def test_indexes_outlive_every_entry_they_list(store: Store) -> None:
    backend, p = store.backend, store.backend.prefix
    backend.set(key(ALICE, "long"), 1, 100, ["shot"])
    backend.set(key(ALICE, "short"), 2, 1, ["shot"])  # must not shorten the shot index
    tag_set = p + "t:" + json.dumps([ALICE, "shot"])
    for name in (tag_set, p + "k:" + ALICE, p + "g:" + ALICE, p + "scopes"):
        assert store.pttl(name) > 100_000, name
    backend.set(key(ALICE, "longer"), 3, 200, ["shot"])
    assert store.pttl(tag_set) > 200_000
    assert store.raw.smembers(tag_set) == {key(ALICE, n) for n in ("long", "short", "longer")}


def _fill(backend: RedisCacheBackend) -> dict[str, str]:
    keys = {
        "alice_shot": key(ALICE, "shot.all_shots_for_project", "p1"),
        "alice_task": key(ALICE, "task.all_tasks_for_shot", "s1"),
        "alice_both": key(ALICE, "shot.get_shot", "s1"),
        "alice_proj": key(ALICE, "project.all_projects"),
        "bob_shot": key(BOB, "shot.all_shots_for_project", "p1"),
        "bob_proj": key(BOB, "project.all_projects"),
        "other_shot": key(OTHER, "shot.all_shots_for_project", "p1"),
    }
    tags = {
        "alice_shot": ["shot"],
        "alice_task": ["task"],
        "alice_both": ["shot", "task"],
        "alice_proj": ["project"],
        "bob_shot": ["shot"],
        "bob_proj": ["project"],
        "other_shot": ["shot"],
    }
    for name, k in keys.items():
        backend.set(k, name, 60, tags[name])
    return keys


def _left(backend: RedisCacheBackend, keys: dict[str, str]) -> set[str]:
    return {name for name, k in keys.items() if backend.get(k) is not MISSING}


def test_drop_tags_of_one_user(store: Store) -> None:
    keys = _fill(store.backend)
    assert store.backend.drop_tags(ALICE, ["shot"]) == 2
    assert _left(store.backend, keys) == {
        "alice_task", "alice_proj", "bob_shot", "bob_proj", "other_shot",
    }  # fmt: skip
    assert store.backend.drop_tags(ALICE, ["shot"]) == 0
    assert store.backend.drop_tags(ALICE, []) == 0
    assert store.backend.keys(ALICE) == sorted([keys["alice_task"], keys["alice_proj"]])


def test_keys_and_count_tag(store: Store) -> None:
    backend = store.backend
    keys = _fill(backend)
    assert backend.keys() == sorted(keys.values())
    assert backend.keys(f"{H}|") == sorted(v for n, v in keys.items() if n != "other_shot")
    assert backend.keys(BOB) == sorted([keys["bob_shot"], keys["bob_proj"]])
    assert backend.count_tag("shot") == 4
    assert backend.count_tag("shot", ALICE) == 2
    assert backend.count_tag("nothing") == 0
    backend.drop_tags(f"{H}|", ["shot"])
    assert backend.count_tag("shot") == 1


@pytest.mark.parametrize("scope", [f"{H}|", f"{H}|*"])
def test_drop_tags_of_every_user_of_a_host(store: Store, scope: str) -> None:
    keys = _fill(store.backend)
    assert store.backend.drop_tags(scope, ["shot", "task"]) == 4
    assert _left(store.backend, keys) == {"alice_proj", "bob_proj", "other_shot"}


def test_drop_tags_everywhere(store: Store) -> None:
    keys = _fill(store.backend)
    assert store.backend.drop_tags("", ["shot"]) == 4
    assert _left(store.backend, keys) == {"alice_task", "alice_proj", "bob_proj"}


def test_drop_tags_of_some_functions_of_a_scope(store: Store) -> None:
    keys = _fill(store.backend)
    assert store.backend.drop_tags(f"{ALICE}|shot.get", ["task"]) == 1
    assert "alice_both" not in _left(store.backend, keys)
    assert "alice_task" in _left(store.backend, keys)


def test_clear_one_user_then_a_host_then_all(store: Store) -> None:
    backend = store.backend
    keys = _fill(backend)
    foreign = "kitsu_sdk_test_foreign:" + uuid.uuid4().hex
    store.raw.set(foreign, "not ours", px=60_000)
    try:
        backend.clear(ALICE)
        assert _left(backend, keys) == {"bob_shot", "bob_proj", "other_shot"}
        assert not any(ALICE in name for name in store.names() if ":v:" in name)
        # the indexes of the cleared scope list nothing any more
        assert not store.raw.smembers(backend.prefix + "k:" + ALICE)
        assert not store.raw.smembers(backend.prefix + "t:" + json.dumps([ALICE, "shot"]))
        backend.clear(f"{H}|*")
        assert _left(backend, keys) == {"other_shot"}
        backend.clear("")
        assert _left(backend, keys) == set()
        assert not store.names()
        assert store.raw.get(foreign) == "not ours"
    finally:
        store.raw.delete(foreign)


def test_a_prefix_with_glob_characters_clears_only_itself(fake: FakeRedis) -> None:
    star = RedisCacheBackend(prefix="farm*:", client=fake)
    plain = RedisCacheBackend(prefix="farmA:", client=fake)
    star.set(key(ALICE, "f"), 1, 60, ["shot"])
    plain.set(key(ALICE, "f"), 2, 60, ["shot"])
    star.clear("")
    assert star.get(key(ALICE, "f")) is MISSING
    assert plain.get(key(ALICE, "f")) == 2


def test_scope_of() -> None:
    assert scope_of(key(ALICE, "f", "a|b")) == ALICE
    assert scope_of(f"{H}|") == f"{H}|"
    assert scope_of("no bar") == "no bar"


# -- failures --------------------------------------------------------------------------------------


def test_redis_down_is_a_miss_logged_once(
    fake: FakeRedis, caplog: pytest.LogCaptureFixture
) -> None:
    backend = RedisCacheBackend(client=fake, retry_after=60)
    k = key(ALICE, "f")
    backend.set(k, [1], 60, ["shot"])
    fake.down = True
    with caplog.at_level(logging.DEBUG, logger="kitsu_sdk"):
        assert backend.get(k) is MISSING
        calls = fake.calls
        for _ in range(20):
            assert backend.get(k) is MISSING
            backend.set(k, [2], 60, ["shot"])
            assert backend.drop_tags(ALICE, ["shot"]) == 0
            backend.clear(BOB)
            assert backend.keys() == [] and backend.count_tag("shot") == 0
    assert fake.calls == calls  # paused: no round trip until retry_after has passed
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "fake redis is down" in warnings[0].getMessage()


def test_missed_invalidations_are_sent_before_the_next_read(
    fake: FakeRedis, caplog: pytest.LogCaptureFixture
) -> None:
    backend = RedisCacheBackend(client=fake, retry_after=0)
    shot, proj, bob = key(ALICE, "shot"), key(ALICE, "proj"), key(BOB, "proj")
    backend.set(shot, 1, 60, ["shot"])
    backend.set(proj, 2, 60, ["project"])
    backend.set(bob, 3, 60, ["project"])
    fake.down = True
    assert backend.drop_tags(f"{H}|", ["shot"]) == 0  # an event Redis did not get
    backend.clear(BOB)  # a write of Bob's Redis did not get
    assert set(fake.data) >= {backend.prefix + "v:" + k for k in (shot, proj, bob)}
    fake.down = False
    with caplog.at_level(logging.INFO, logger="kitsu_sdk"):
        assert backend.get(shot) is MISSING
    assert backend.get(proj) == 2
    assert backend.get(bob) is MISSING
    assert any("answers again" in r.getMessage() for r in caplog.records)


def test_a_failed_replay_is_kept(fake: FakeRedis) -> None:
    backend = RedisCacheBackend(client=fake, retry_after=0)
    shot = key(ALICE, "shot")
    backend.set(shot, 1, 60, ["shot"])
    fake.down = True
    backend.drop_tags(ALICE, ["shot"])
    assert backend.get(shot) is MISSING  # the replay fails: kept for later
    fake.down = False
    assert backend.get(shot) is MISSING
    backend.set(shot, 5, 60, ["shot"])
    assert backend.get(shot) == 5  # sent once, not again


def test_too_many_missed_invalidations_become_one_clear(fake: FakeRedis) -> None:
    backend = RedisCacheBackend(client=fake, retry_after=0)
    backend.set(key(ALICE, "f"), 1, 60, [])
    fake.down = True
    for n in range(1001):
        backend.drop_tags(f"http://h{n}|x", ["shot"])
    fake.down = False
    assert backend.get(key(ALICE, "f")) is MISSING


def test_an_unreachable_redis_costs_one_timeout_then_nothing(
    caplog: pytest.LogCaptureFixture,
) -> None:
    pytest.importorskip("redis")
    backend = RedisCacheBackend("redis://:s3cret@127.0.0.1:1/0", timeout=0.3, retry_after=60)
    start = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="kitsu_sdk"):
        for _ in range(50):
            assert backend.get(key(ALICE, "f")) is MISSING
            backend.set(key(ALICE, "f"), 1, 60, ["shot"])
    assert time.monotonic() - start < 1.5
    assert len(caplog.records) == 1
    assert "s3cret" not in caplog.text and "s3cret" not in repr(backend)
    assert "127.0.0.1:1/0" in repr(backend)
    assert not backend.ping()


def test_a_key_redis_cannot_encode_is_a_miss(store: Store) -> None:
    k = f"{ALICE}|f|\ud800"
    store.backend.set(k, 1, 60, ["shot"])
    assert store.backend.get(k) is MISSING


@pytest.fixture
def real_backend() -> Iterator[RedisCacheBackend]:
    _real_redis()
    backend = RedisCacheBackend(REDIS_URL, prefix=f"kitsu_sdk_test:{uuid.uuid4().hex[:12]}:")
    try:
        yield backend
    finally:
        backend.clear("")


def test_concurrent_stores_and_drops_never_lose_an_index(real_backend: RedisCacheBackend) -> None:
    """Processes store while others drop: every entry stays listed, so the drops remove them
    all (drop_tags removes the members it read, never a whole set). On the real Redis only: the
    fake is not thread-safe."""
    backend = real_backend
    others = [RedisCacheBackend(REDIS_URL, prefix=backend.prefix) for _ in range(4)]
    stop = threading.Event()
    dropped = [0]

    def write(index: int) -> None:
        for n in range(200):
            others[index].set(key(ALICE, f"f{index}", n), n, 60, ["shot", "task"])

    def drop() -> None:
        while not stop.is_set():
            dropped[0] += backend.drop_tags(f"{H}|", ["shot"])

    dropper = threading.Thread(target=drop)
    dropper.start()
    writers = [threading.Thread(target=write, args=(i,)) for i in range(4)]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    stop.set()
    dropper.join()
    dropped[0] += backend.drop_tags(ALICE, ["shot"])
    assert dropped[0] == 800
    assert list(backend.client.scan_iter(match=backend.prefix + "v:*")) == []
    assert backend.count_tag("shot") == 0


def test_ping(store: Store) -> None:
    assert store.backend.ping()


# -- packaging -------------------------------------------------------------------------------------


def test_the_public_name() -> None:
    import kitsu_sdk.cache

    assert kitsu_sdk.cache.RedisCacheBackend is RedisCacheBackend
    assert "RedisCacheBackend" in kitsu_sdk.cache.__all__


def test_importing_kitsu_sdk_does_not_import_redis() -> None:
    code = (
        "import sys, kitsu_sdk, kitsu_sdk.cache, kitsu_sdk._core.cache_redis;"
        "assert 'redis' not in sys.modules, 'redis imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_without_redis_py_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "redis", None)
    with pytest.raises(ImportError, match=r"kitsu_sdk\[redis\]"):
        RedisCacheBackend()
    assert RedisCacheBackend(client=FakeRedis()).get("a|b|c|[]") is MISSING
