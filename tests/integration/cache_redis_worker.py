"""A process sharing the Redis cache, driven by test_it_cache_redis.py (and benchmarks/cache_farm.py
reads the same way): `python cache_redis_worker.py '<json config>'`, then one JSON command per
line on stdin, one JSON answer per line on stdout.

Config: host, event_host, login, password, redis_url, prefix, events (bool).
Commands: {"read": {"project": id, "shot": id}} -> {"requests": n, "results": {...}} (the HTTP
requests this read sent to Zou); {"status": true} -> {"events": n} (the events the cache's
listener has handled); {"quit": true}.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from typing import Any

import kitsu_sdk
from kitsu_sdk import KitsuClient


def read(client: KitsuClient, project: str, shot: str) -> dict[str, Any]:
    """The reads a farm job starts with: its project, shots, task types and statuses."""
    return {
        "project": kitsu_sdk.project.get_project(project, client=client),
        "shots": kitsu_sdk.shot.all_shots_for_project(project, client=client),
        "shot": kitsu_sdk.shot.get_shot({"id": shot}, client=client),
        "task_types": kitsu_sdk.task.all_task_types(client=client),
        "task_statuses": kitsu_sdk.task.all_task_statuses(client=client),
    }


def main() -> None:
    config = json.loads(sys.argv[1])
    client = KitsuClient(config["host"])
    if config.get("event_host"):
        client.set_event_host(config["event_host"])
    client.log_in(config["login"], config["password"])
    sent = [0]
    client.transport.session.hooks["response"].append(
        lambda response, *args, **kwargs: sent.__setitem__(0, sent[0] + 1)
    )
    backend = kitsu_sdk.cache.RedisCacheBackend(config["redis_url"], prefix=config["prefix"])
    kitsu_sdk.cache.enable(client=client, events=bool(config.get("events")), backend=backend)
    listener = client.cache.listener
    handled = [0]
    if listener is not None:
        # Registered after the cache's own handler: counted once the entries are dropped.
        listener.on_any(lambda *args: handled.__setitem__(0, handled[0] + 1))
        # Ready once the listener's connect hooks (they clear this user's entries) have run.
        hooked = threading.Event()
        listener.on_connect(hooked.set)
        deadline = time.monotonic() + 20
        while not listener.connected and time.monotonic() < deadline:
            time.sleep(0.05)
        if not hooked.wait(5):
            time.sleep(1)
    print(json.dumps({"ready": True, "events": listener is not None and listener.connected}))
    sys.stdout.flush()
    for line in sys.stdin:
        command = json.loads(line)
        if command.get("quit"):
            break
        if command.get("status"):
            print(json.dumps({"events": handled[0]}))
            sys.stdout.flush()
            continue
        before = sent[0]
        results = read(client, **command["read"])
        print(json.dumps({"requests": sent[0] - before, "results": results}))
        sys.stdout.flush()
    if listener is not None:
        listener.stop()  # (not cache.disable(): that would drop this user's shared entries)
    client.close()


if __name__ == "__main__":
    main()
