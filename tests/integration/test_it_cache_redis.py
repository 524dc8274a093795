"""The Redis cache backend shared by processes, against the real Zou and the local Redis
(scripts/local-kitsu.sh starts it; db 15 by default, KITSU_REDIS_URL for another; each test
uses a prefix of its own and removes it).

Two worker processes (cache_redis_worker.py) read the same project: the second one's reads are
all hits (no request reaches Zou). An event (another client renames a shot) received by one of
them drops the shot entries for both. A Redis that is down is a miss, never an error.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from it_helpers import missing, new_client, unique

import kitsu_sdk
from kitsu_sdk import KitsuClient
from kitsu_sdk._core.cache_redis import RedisCacheBackend

WORKER = pathlib.Path(__file__).with_name("cache_redis_worker.py")
REDIS_URL = os.environ.get(
    "KITSU_REDIS_URL", f"redis://127.0.0.1:{os.environ.get('KITSU_REDIS_PORT', '6379')}/15"
)
READS = ("project", "shots", "shot", "task_types", "task_statuses")


@pytest.fixture
def backend() -> Iterator[RedisCacheBackend]:
    """The shared backend as the test sees it: a prefix of this test only, removed after."""
    try:
        import redis  # noqa: F401
    except ImportError:
        missing("redis-py is not installed (pip install -e '.[dev]')")
    shared = RedisCacheBackend(REDIS_URL, prefix=f"kitsu_sdk_it:{uuid.uuid4().hex[:12]}:")
    if not shared.ping():
        missing(f"no Redis at {REDIS_URL} (bash scripts/local-kitsu.sh up)")
    yield shared
    shared.clear("")
    assert shared.keys() == []


@pytest.fixture(scope="module")
def scene_ids(admin_client: KitsuClient, feature_project: dict[str, Any]) -> dict[str, str]:
    sequence = kitsu_sdk.shot.new_sequence(feature_project, unique("SQ"), client=admin_client)
    made = kitsu_sdk.shot.new_shot(feature_project, sequence, unique("SH"), client=admin_client)
    return {"project": feature_project["id"], "shot": made["id"]}


class Worker:
    """A process with its own client and the shared Redis cache."""

    def __init__(self, backend: RedisCacheBackend, events: bool = False) -> None:
        config = {
            "host": os.environ["KITSU_HOST"],
            "event_host": os.environ.get("KITSU_EVENT_HOST"),
            "login": os.environ["KITSU_LOGIN"],
            "password": os.environ["KITSU_PASSWORD"],
            "redis_url": REDIS_URL,
            "prefix": backend.prefix,
            "events": events,
        }
        self.process = subprocess.Popen(
            [sys.executable, str(WORKER), json.dumps(config)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.hello = self._answer()

    def _answer(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line, f"the worker ended (exit {self.process.poll()})"
        answer: dict[str, Any] = json.loads(line)
        return answer

    def _ask(self, command: dict[str, Any]) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        return self._answer()

    def read(self, ids: dict[str, str]) -> dict[str, Any]:
        return self._ask({"read": ids})

    def events(self) -> int:
        """How many events this worker's cache listener has handled."""
        time.sleep(0.3)  # (one received just now may still be on its way through the worker)
        return int(self._ask({"status": True})["events"])

    def close(self) -> None:
        if self.process.poll() is None and self.process.stdin is not None:
            try:
                self.process.stdin.write('{"quit": true}\n')
                self.process.stdin.close()
                self.process.wait(timeout=20)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()
        assert self.process.stdout is not None
        self.process.stdout.close()


@pytest.fixture
def workers() -> Iterator[list[Worker]]:
    started: list[Worker] = []
    yield started
    for worker in started:
        worker.close()


def test_a_second_process_reads_what_the_first_cached(
    backend: RedisCacheBackend, scene_ids: dict[str, str], workers: list[Worker]
) -> None:
    first = Worker(backend)
    workers.append(first)
    second = Worker(backend)
    workers.append(second)
    cold = first.read(scene_ids)
    assert cold["requests"] == len(READS)
    assert cold["results"]["shot"]["id"] == scene_ids["shot"]
    assert [s["id"] for s in cold["results"]["shots"]] == [scene_ids["shot"]]
    assert cold["results"]["project"]["id"] == scene_ids["project"]
    warm = second.read(scene_ids)
    assert warm["requests"] == 0
    assert warm["results"] == cold["results"]
    assert first.read(scene_ids)["requests"] == 0
    assert len(backend.keys()) == len(READS)
    assert all("|shot." in k or "|project." in k or "|task" in k for k in backend.keys())


def test_an_event_in_one_process_drops_the_entries_of_every_process(
    backend: RedisCacheBackend,
    scene_ids: dict[str, str],
    workers: list[Worker],
    admin_client: KitsuClient,
) -> None:
    listening = Worker(backend, events=True)
    workers.append(listening)
    if not listening.hello["events"]:
        missing("the worker's events listener did not connect (is the events server up?)")
    other = Worker(backend)
    workers.append(other)
    assert listening.read(scene_ids)["requests"] == len(READS)
    assert _all_hits(other, listening, listening, backend, scene_ids)

    renamed = unique("SH-renamed")
    kitsu_sdk.shot.update_shot({"id": scene_ids["shot"], "name": renamed}, client=admin_client)
    deadline = time.monotonic() + 20
    while any("|shot.get_shot|" in key for key in backend.keys()):
        assert time.monotonic() < deadline, "the shot:update event dropped nothing"
        time.sleep(0.1)
    assert not any("|shot.all_shots_for_project|" in key for key in backend.keys())
    assert listening.events() >= 1

    fresh = other.read(scene_ids)
    assert fresh["results"]["shot"]["name"] == renamed
    assert [s["name"] for s in fresh["results"]["shots"]] == [renamed]
    assert fresh["requests"] >= 2  # at least the two shot reads went to Zou
    assert _all_hits(listening, other, listening, backend, scene_ids, fresh["results"])


def _all_hits(
    reader: Worker,
    filler: Worker,
    listening: Worker,
    backend: RedisCacheBackend,
    ids: dict[str, str],
    expected: Any = None,
) -> bool:
    """`reader`'s reads are all hits of what `filler` stored (and equal `expected`), unless an
    event (other tests share this Zou) dropped entries meanwhile: then it starts over."""
    for _ in range(5):
        before = listening.events()
        answer = reader.read(ids)
        if answer["requests"] == 0:
            assert expected is None or answer["results"] == expected
            return True
        assert listening.events() != before, f"{answer['requests']} misses, no event to explain"
        expected = None  # something changed: the values may have too
        backend.clear("")
        filler.read(ids)
    return False


def test_a_redis_that_is_down_is_a_miss(
    kitsu_host: str, kitsu_credentials: tuple[str, str], scene_ids: dict[str, str]
) -> None:
    client = new_client(kitsu_host)
    client.log_in(*kitsu_credentials)
    sent = [0]
    client.transport.session.hooks["response"].append(
        lambda response, *args, **kwargs: sent.__setitem__(0, sent[0] + 1)
    )
    down = RedisCacheBackend("redis://127.0.0.1:1/0", timeout=0.2)
    kitsu_sdk.cache.enable(client=client, backend=down)
    try:
        for _ in range(2):
            shot = kitsu_sdk.shot.get_shot(scene_ids["shot"], client=client)
            assert shot["id"] == scene_ids["shot"]
        assert sent[0] == 2
    finally:
        kitsu_sdk.cache.disable(client)
        client.close()
