"""What a cached hit costs, kitsu_sdk against gazu 1.3.1, on a real Zou; and how many requests the
cache saves on a realistic read loop.

Usage (by hand, not in CI; server from scripts/local-kitsu.sh):
    eval "$(bash scripts/local-kitsu.sh env)"
    python benchmarks/cache_hits.py --rounds 7

The project `bench-cache-hits` (one sequence, 200 shots, 10 shot task types, a task per shot and
type: 2,000 tasks) is created on first use and reused after. Each round runs one process per
library, in alternating order: kitsu_sdk from this tree (the project venv, PYTHONPATH=tree) and
gazu 1.3.1 (the bench venv, ~/.cache/kitsu_sdk/bench-venv, or the parity venv). A process logs
in, turns the cache on, makes the first (missing) call, checks that the next calls send no
request, then times --hits cached hits of `shot.all_shots_for_project` (200 shots) and of
`task.all_tasks_for_project` (2,000 tasks): client CPU (`time.process_time`) and wall time per
hit. The summary gives per-round medians, their median and range, and the ratio gazu/kitsu_sdk.
The read loop (kitsu_sdk, cache off then on) walks the shots of the project like a report script
and counts the HTTP requests sent. `--codecs` also times marshal, pickle, json, deepcopy and the
in-process backend's planned copy on the 200-shot payload.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parent.parent
PROJECT_NAME = "bench-cache-hits"
SHOTS = 200
TASK_TYPES = 10
CACHE = pathlib.Path(os.environ.get("XDG_CACHE_HOME", pathlib.Path.home() / ".cache"))
GAZU_VENVS = (CACHE / "kitsu_sdk" / "bench-venv", CACHE / "kitsu_sdk" / "parity-gazu-1.3.1")


def _server() -> tuple[str, str, str]:
    try:
        return (
            os.environ["KITSU_HOST"],
            os.environ["KITSU_LOGIN"],
            os.environ["KITSU_PASSWORD"],
        )
    except KeyError as missing:
        raise SystemExit(
            f'{missing} is not set: eval "$(bash scripts/local-kitsu.sh env)"'
        ) from None


def setup_project() -> None:
    """The bench project with 200 shots and 2,000 tasks, made once (reused when complete)."""
    from concurrent.futures import ThreadPoolExecutor

    sys.path.insert(0, str(ROOT))
    import kitsu_sdk

    host, login, password = _server()
    client = kitsu_sdk.KitsuClient(host)
    client.log_in(login, password)
    prod = kitsu_sdk.project.get_project_by_name(PROJECT_NAME, client=client)
    if prod is None:
        prod = kitsu_sdk.project.new_project(PROJECT_NAME, "featurefilm", client=client)
    seq = kitsu_sdk.shot.new_sequence(prod, "SQ_CACHE", client=client)
    have = {s["name"] for s in kitsu_sdk.shot.all_shots_for_project(prod, client=client)}
    names = [f"SH{i:04}" for i in range(SHOTS) if f"SH{i:04}" not in have]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda n: kitsu_sdk.shot.new_shot(prod, seq, n, client=client), names))
    shots = kitsu_sdk.shot.all_shots_for_project(prod, client=client)
    types = [
        kitsu_sdk.task.new_task_type(f"BenchCache{i}", for_entity="Shot", client=client)
        for i in range(TASK_TYPES)
    ]
    tasks = kitsu_sdk.task.all_tasks_for_project(prod, client=client)
    done = {(t["entity_id"], t["task_type_id"]) for t in tasks}
    todo = [(s, t) for s in shots for t in types if (s["id"], t["id"]) not in done]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda st: kitsu_sdk.task.new_task(st[0], st[1], client=client), todo))
    count = len(kitsu_sdk.task.all_tasks_for_project(prod, client=client))
    print(f"bench project: {len(shots)} shots, {count} tasks", file=sys.stderr)


# -- the worker, run in each library's venv --------------------------------------------------------

WORKER = r"""
import json, sys, time
library, host, login, password, name, hits, codecs = sys.argv[1:8]
hits = int(hits)
if library == "kitsu_sdk":
    import kitsu_sdk as gazu
else:
    import gazu
import requests.adapters

sent = [0]
send = requests.adapters.HTTPAdapter.send
def counted(self, *args, **kwargs):
    sent[0] += 1
    return send(self, *args, **kwargs)
requests.adapters.HTTPAdapter.send = counted

gazu.set_host(host)
gazu.log_in(login, password)
project = gazu.project.get_project_by_name(name)
out = {"library": library, "version": getattr(gazu, "__version__", "")}

def read_loop():
    # A report script: the project, its shots, each shot's tasks with their type and status.
    project_ = gazu.project.get_project_by_name(name)
    shots = gazu.shot.all_shots_for_project(project_)
    for shot in shots[:25]:
        gazu.shot.get_shot(shot["id"])
        gazu.shot.get_sequence(shot["parent_id"])
        for task in gazu.task.all_tasks_for_shot(shot):
            gazu.task.get_task_type(task["task_type_id"])
            gazu.task.get_task_status(task["task_status_id"])

if library == "kitsu_sdk":
    before = sent[0]
    for _ in range(2):
        read_loop()
    out["loop_requests_off"] = sent[0] - before

gazu.cache.enable()
if library == "kitsu_sdk":
    before = sent[0]
    for _ in range(2):
        read_loop()
    out["loop_requests_on"] = sent[0] - before

calls = {
    "shots": lambda: gazu.shot.all_shots_for_project(project),
    "tasks": lambda: gazu.task.all_tasks_for_project(project),
}
for key, call in calls.items():
    size = len(call())  # the miss
    call()
    before = sent[0]
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for _ in range(hits):
        call()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    if sent[0] != before:
        raise SystemExit(f"{library}: {key} hits sent {sent[0] - before} requests")
    out[key] = {"items": size, "cpu_us": cpu / hits * 1e6, "wall_us": wall / hits * 1e6}

if codecs == "1":
    import marshal, pickle, copy
    value = calls["shots"]()
    for codec, dump, load in (
        ("marshal", marshal.dumps, marshal.loads),
        ("pickle", lambda v: pickle.dumps(v, pickle.HIGHEST_PROTOCOL), pickle.loads),
        ("json", json.dumps, json.loads),
        ("deepcopy", lambda v: v, copy.deepcopy),
    ):
        blob = dump(value)
        if codec == "deepcopy" and library == "kitsu_sdk":
            from kitsu_sdk._core.cache_store import copy_plan, fresh_copy
            plan = copy_plan(value)
            t0 = time.perf_counter()
            for _ in range(200):
                fresh_copy(value, plan)
            out.setdefault("codecs_us", {})["planned copy"] = (time.perf_counter() - t0) / 200 * 1e6
        t0 = time.perf_counter()
        for _ in range(200):
            load(blob)
        out.setdefault("codecs_us", {})[codec] = (time.perf_counter() - t0) / 200 * 1e6
print(json.dumps(out))
"""


def gazu_python() -> str:
    for venv in GAZU_VENVS:
        python = venv / "bin" / "python"
        if python.exists():
            return str(python)
    raise SystemExit(f"no gazu venv: looked in {', '.join(map(str, GAZU_VENVS))}")


def run_worker(library: str, hits: int, codecs: bool) -> dict[str, Any]:
    host, login, password = _server()
    if library == "kitsu_sdk":
        python = str(ROOT / ".venv" / "bin" / "python")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
    else:
        python = gazu_python()
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    args = [library, host, login, password, PROJECT_NAME, str(hits), "1" if codecs else "0"]
    done = subprocess.run(
        [python, "-c", WORKER, *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{library} worker failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):9.1f} [{min(values):.1f}-{max(values):.1f}]"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--hits", type=int, default=200)
    parser.add_argument("--codecs", action="store_true", help="also time marshal/pickle/json")
    parser.add_argument("--json", help="write the raw results here")
    args = parser.parse_args()
    setup_project()
    runs: dict[str, list[dict[str, Any]]] = {"kitsu_sdk": [], "gazu": []}
    for round_ in range(args.rounds):
        order = ["kitsu_sdk", "gazu"] if round_ % 2 == 0 else ["gazu", "kitsu_sdk"]
        for library in order:
            runs[library].append(run_worker(library, args.hits, args.codecs and round_ == 0))
    print(f"cached hits, per hit in microseconds: median of {args.rounds} rounds [range]")
    print(f"{'':24}{'kitsu_sdk cpu':>26}{'gazu 1.3.1 cpu':>26}{'ratio':>8}")
    summary: dict[str, Any] = {}
    for key, label in (("shots", "all_shots_for_project"), ("tasks", "all_tasks_for_project")):
        items = runs["kitsu_sdk"][0][key]["items"]
        for measure in ("cpu_us", "wall_us"):
            ours = [r[key][measure] for r in runs["kitsu_sdk"]]
            theirs = [r[key][measure] for r in runs["gazu"]]
            ratio = statistics.median(theirs) / statistics.median(ours)
            summary[f"{key}_{measure}_ratio"] = ratio
            name = f"{label} ({items}) {measure[:-3]}"
            print(f"{name:34}{_spread(ours):>22}{_spread(theirs):>26}{ratio:7.1f}x")
    loop = runs["kitsu_sdk"][0]
    off, on = loop["loop_requests_off"], loop["loop_requests_on"]
    print(f"read loop (2 passes, 25 shots): {off} requests without the cache, {on} with it")
    summary["loop_requests"] = {"off": off, "on": on}
    if "codecs_us" in loop:
        codecs = ", ".join(f"{k} {v:.0f} us" for k, v in loop["codecs_us"].items())
        print(f"decoding the 200-shot result once: {codecs}")
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps({"summary": summary, "runs": runs}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
