"""A render farm starting: N processes (32 by default) read the same project, its shots, task types
and task statuses. How many requests reach Zou without a cache, with each process's own cache,
and with the Redis cache they share (kitsu_sdk.cache.RedisCacheBackend).

Usage (run by hand, not in CI; Zou and Redis from scripts/local-kitsu.sh; needs redis-py:
`pip install -e '.[redis]'`):
    eval "$(bash scripts/local-kitsu.sh env)"
    .venv/bin/python benchmarks/cache_farm.py --processes 32

Each job process logs in (not counted), waits until every job is ready, then reads --repeat
times: get_project, all_task_types, all_task_statuses, all_shots_for_project, and get_shot and
all_tasks_for_shot for each of the project's shots (the project `bench-cache-farm`, --shots
shots, is created on first use and reused). Requests are counted at the job's requests.Session.

Scenarios:
    no cache          every read is a request
    own cache         the in-process cache of each job (kitsu_sdk.cache.enable())
    redis, together   the shared Redis cache, empty, all jobs starting at the same instant: jobs
                      miss together before the first answers land (no cross-process locking)
    redis, staggered  the shared Redis cache, empty, jobs starting --stagger seconds apart (as a
                      farm's queue starts them)
    redis, warm       the shared Redis cache as the scenario before left it
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from typing import Any, Optional

PROJECT_NAME = "bench-cache-farm"
SEQUENCE_NAME = "SQ_FARM"


def _server() -> tuple[str, str, str]:
    return (
        os.environ.get("KITSU_HOST", "http://127.0.0.1:5000"),
        os.environ.get("KITSU_LOGIN", "admin@example.com"),
        os.environ.get("KITSU_PASSWORD", "mysecretpassword"),
    )


def setup_project(shots: int) -> str:
    """The benchmark project (created on first use, with `shots` shots); its id."""
    from kitsu_sdk import KitsuClient, project, shot

    host, login, password = _server()
    client = KitsuClient(host)
    client.log_in(login, password)
    prod = project.new_project(PROJECT_NAME, "featurefilm", client=client)
    seq = shot.new_sequence(prod, SEQUENCE_NAME, client=client)
    have = {s["name"] for s in shot.all_shots_for_sequence(seq, client=client)}
    for i in range(1, shots + 1):
        if f"SH{i:04d}" not in have:
            shot.new_shot(prod, seq, f"SH{i:04d}", client=client)
    client.close()
    return str(prod["id"])


def job(config: dict[str, Any]) -> dict[str, Any]:
    """One farm process: log in, wait for the start, read; what it sent to Zou."""
    import kitsu_sdk
    from kitsu_sdk import KitsuClient

    host, login, password = _server()
    client = KitsuClient(host)
    client.log_in(login, password)
    sent = [0]
    client.transport.session.hooks["response"].append(
        lambda response, *args, **kwargs: sent.__setitem__(0, sent[0] + 1)
    )
    if config["mode"] == "own":
        kitsu_sdk.cache.enable(client=client)
    elif config["mode"] == "redis":
        backend = kitsu_sdk.cache.RedisCacheBackend(config["redis_url"], prefix=config["prefix"])
        kitsu_sdk.cache.enable(client=client, backend=backend)
    print("ready", flush=True)
    sys.stdin.readline()  # the parent's "go"
    started = time.perf_counter()
    project_id = config["project"]
    reads = 0
    for _ in range(config["repeat"]):
        kitsu_sdk.project.get_project(project_id, client=client)
        kitsu_sdk.task.all_task_types(client=client)
        kitsu_sdk.task.all_task_statuses(client=client)
        shots = kitsu_sdk.shot.all_shots_for_project(project_id, client=client)
        reads += 4
        for one in shots:
            kitsu_sdk.shot.get_shot(one["id"], client=client)
            kitsu_sdk.task.all_tasks_for_shot(one, client=client)
            reads += 2
    seconds = time.perf_counter() - started
    client.close()
    return {"requests": sent[0], "reads": reads, "seconds": seconds}


def run_scenario(
    mode: str,
    processes: int,
    project_id: str,
    repeat: int,
    redis_url: str,
    prefix: str,
    stagger: float,
) -> dict[str, Any]:
    children = []
    config = {
        "mode": mode,
        "project": project_id,
        "repeat": repeat,
        "redis_url": redis_url,
        "prefix": prefix,
    }
    for _ in range(processes):
        children.append(
            subprocess.Popen(
                [sys.executable, __file__, "--job", json.dumps(config)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
        )
    # Every process has started Python, imported and logged in: then they all go at once (or
    # `stagger` seconds apart).
    for child in children:
        assert child.stdout is not None
        if child.stdout.readline().strip() != "ready":
            raise SystemExit(f"a job failed to start (exit {child.wait()})")
    began = time.perf_counter()
    for index, child in enumerate(children):
        assert child.stdin is not None
        wait = began + index * stagger - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        child.stdin.write("go\n")
        child.stdin.flush()
    results = []
    for child in children:
        out, _ = child.communicate(timeout=600)
        out = out or ""
        if child.returncode != 0:
            raise SystemExit(f"a job failed (exit {child.returncode})")
        results.append(json.loads(out.strip().splitlines()[-1]))
    return {
        "requests": sum(r["requests"] for r in results),
        "reads": sum(r["reads"] for r in results),
        "per_process": statistics.mean(r["requests"] for r in results),
        "max_per_process": max(r["requests"] for r in results),
        "median_seconds": statistics.median(r["seconds"] for r in results),
        "wall_seconds": time.perf_counter() - began,
    }


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=32)
    parser.add_argument("--shots", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=2, help="times each job reads it all")
    parser.add_argument("--stagger", type=float, default=0.1, help="seconds between starts")
    parser.add_argument(
        "--redis-url",
        default=os.environ.get(
            "KITSU_REDIS_URL", f"redis://127.0.0.1:{os.environ.get('KITSU_REDIS_PORT', '6379')}/15"
        ),
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--job", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.job:
        print(json.dumps(job(json.loads(args.job))))
        return

    from kitsu_sdk.cache import RedisCacheBackend

    project_id = setup_project(args.shots)
    prefix = f"bench_cache_farm:{uuid.uuid4().hex[:12]}:"
    shared = RedisCacheBackend(args.redis_url, prefix=prefix)
    if not shared.ping():
        raise SystemExit(f"no Redis at {args.redis_url} (bash scripts/local-kitsu.sh up)")
    scenarios = (
        ("no cache", "none", 0.0),
        ("own cache", "own", 0.0),
        ("redis, together", "redis", 0.0),
        ("redis, warm", "redis", 0.0),
        ("redis, staggered", "redis", args.stagger),
    )
    rows = {}
    try:
        for name, mode, stagger in scenarios:
            if name == "redis, staggered":
                shared.clear("")
            rows[name] = run_scenario(
                mode, args.processes, project_id, args.repeat, args.redis_url, prefix, stagger
            )
    finally:
        shared.clear("")
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(
        f"{args.processes} processes, {args.repeat} x (4 + 2 x {args.shots} shots) reads each, "
        f"Zou at {_server()[0]}, Redis at {shared.location}"
    )
    print(f"{'scenario':18} {'requests to Zou':>16} {'per process':>12} {'max':>5} {'reads':>7}")
    for name, row in rows.items():
        print(
            f"{name:18} {row['requests']:16d} {row['per_process']:12.1f} "
            f"{row['max_per_process']:5d} {row['reads']:7d}   "
            f"(median job {row['median_seconds'] * 1000:.0f} ms, all done in "
            f"{row['wall_seconds']:.1f} s)"
        )


if __name__ == "__main__":
    main()
