"""Bulk work against a real Zou, kitsu_sdk and gazu side by side in the same run.

Usage (server from scripts/local-kitsu.sh, both libraries in one venv, see import_time.py):
    eval "$(bash scripts/local-kitsu.sh env)"
    ~/.cache/kitsu_sdk/bench-venv/bin/python benchmarks/bulk_ops.py --shots 100 --rounds 3

Each round, for each library in alternating order: create a sequence with N shots, list them,
read each one by id, update each one's data, and read them with 16 threads sharing one client.
Prints the median seconds per step and the kitsu_sdk/gazu ratio (below 1 = kitsu_sdk faster),
plus the peak traced memory of each library's round.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import tracemalloc
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

STEPS = ("create", "list", "get", "update", "threaded_get")


def run_kitsu_sdk(
    host: str, login: str, password: str, project_id: str, n: int
) -> dict[str, float]:
    from kitsu_sdk import KitsuClient, shot

    client = KitsuClient(host)
    client.log_in(login, password)
    return _steps(
        lambda name: shot.new_sequence(project_id, name, client=client),
        lambda seq, name: shot.new_shot(
            project_id, seq, name, frame_in=1, frame_out=24, client=client
        ),
        lambda seq: shot.all_shots_for_sequence(seq, client=client),
        lambda shot_id: shot.get_shot(shot_id, client=client),
        lambda shot_id: shot.update_shot_data(shot_id, {"bench": 1}, client=client),
        n,
    )


def run_gazu(host: str, login: str, password: str, project_id: str, n: int) -> dict[str, float]:
    import gazu

    gazu.set_host(host)
    gazu.log_in(login, password)
    return _steps(
        lambda name: gazu.shot.new_sequence(project_id, name),
        lambda seq, name: gazu.shot.new_shot(project_id, seq, name, frame_in=1, frame_out=24),
        lambda seq: gazu.shot.all_shots_for_sequence(seq),
        lambda shot_id: gazu.shot.get_shot(shot_id),
        lambda shot_id: gazu.shot.update_shot_data(shot_id, {"bench": 1}),
        n,
    )


def _steps(
    new_seq: Callable[[str], Any],
    new_shot: Callable[[Any, str], Any],
    list_shots: Callable[[Any], Any],
    get_shot: Callable[[str], Any],
    update: Callable[[str], Any],
    n: int,
) -> dict[str, float]:
    out: dict[str, float] = {}
    seq = new_seq(f"BENCH-{uuid.uuid4().hex[:6]}")
    started = time.perf_counter()
    shots = [new_shot(seq, f"SH{i:04d}") for i in range(n)]
    out["create"] = time.perf_counter() - started
    started = time.perf_counter()
    listed = list_shots(seq)
    out["list"] = time.perf_counter() - started
    assert len(listed) == n, (len(listed), n)
    ids = [s["id"] for s in shots]
    started = time.perf_counter()
    for shot_id in ids:
        get_shot(shot_id)
    out["get"] = time.perf_counter() - started
    started = time.perf_counter()
    for shot_id in ids:
        update(shot_id)
    out["update"] = time.perf_counter() - started
    started = time.perf_counter()
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(get_shot, ids))
    out["threaded_get"] = time.perf_counter() - started
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shots", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    host = os.environ.get("KITSU_HOST", "http://127.0.0.1:5000")
    login = os.environ.get("KITSU_LOGIN", "admin@example.com")
    password = os.environ.get("KITSU_PASSWORD", "mysecretpassword")

    from kitsu_sdk import KitsuClient, project

    admin = KitsuClient(host)
    admin.log_in(login, password)
    runners = {"kitsu_sdk": run_kitsu_sdk, "gazu": run_gazu}
    times: dict[str, dict[str, list[float]]] = {k: {s: [] for s in STEPS} for k in runners}
    peaks: dict[str, list[int]] = {k: [] for k in runners}
    for round_number in range(args.rounds):
        order = list(runners) if round_number % 2 == 0 else list(reversed(runners))
        # Both projects exist before either library runs: creating a project flushes Zou's caches.
        projects = {
            name: project.new_project(
                f"bench-{name}-{uuid.uuid4().hex[:6]}", "featurefilm", client=admin
            )
            for name in order
        }
        for name in order:
            tracemalloc.start()
            result = runners[name](host, login, password, projects[name]["id"], args.shots)
            peaks[name].append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
            for step, seconds in result.items():
                times[name][step].append(seconds)
        for prod in projects.values():
            project.close_project(prod, client=admin)
    print(f"{args.shots} shots, {args.rounds} rounds, medians in seconds")
    print(f"{'step':14s} {'kitsu_sdk':>10s} {'gazu':>10s} {'ratio':>7s}")
    for step in STEPS:
        ours = statistics.median(times["kitsu_sdk"][step])
        theirs = statistics.median(times["gazu"][step])
        print(f"{step:14s} {ours:10.3f} {theirs:10.3f} {ours / theirs:7.2f}")
    ours_mem = statistics.median(peaks["kitsu_sdk"]) / 1e6
    theirs_mem = statistics.median(peaks["gazu"]) / 1e6
    print(f"{'peak MB':14s} {ours_mem:10.2f} {theirs_mem:10.2f} {ours_mem / theirs_mem:7.2f}")


if __name__ == "__main__":
    main()
