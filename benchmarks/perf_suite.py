"""Issue 13's five workloads in one run: gazu 1.3.1, kitsu_sdk and a bare requests.Session on the
same real Zou, alternating round by round, with the targets the issue sets.

Usage (brings the local Zou up, or reuses it / the server in KITSU_HOST):
    ~/.cache/kitsu_sdk/bench-venv/bin/python benchmarks/perf_suite.py --rounds 5
The bench venv holds gazu 1.3.1 (`python benchmarks/import_time.py` creates it); kitsu_sdk is
this checkout's (put first on sys.path). Run by hand on an otherwise idle machine: not in CI.

Workloads:
  (1) build 2 episodes x 5 sequences x 20 shots, one task per shot, one call after the other;
  (2) the same with kitsu_sdk.bulk (threads and async), against gazu's functions from a thread
      pool and the requests floor (the POSTs only) at the same concurrency;
  (3) read back every shot of such a project with its tasks and casting: gazu the way its API
      leads (all_shots_for_project, then all_tasks_for_shot and get_shot_casting per shot),
      kitsu_sdk with bulk.shots_with_tasks_and_casting, requests with the same two GETs;
  (4) 1,000 single authenticated GETs, each subject in a fresh interpreter (call_overhead.py);
  (5) import and first authenticated answer, a fresh interpreter per run: import, set the host
      and an access token, GET the current user.
How: bytecode compiled first; one untimed warm-up pass of every subject (Zou's caches, the
connection pools); rounds interleaved, the order reversed or rotated every round; medians and
min-max; client CPU is this process's process_time (Zou runs elsewhere); requests counted at
the HTTP adapter (urllib3's pool in fresh interpreters). Memory is measured in a separate pass
(tracemalloc's peak, one run each; for (5) the child's max RSS), never while timing.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import json
import os
import pathlib
import statistics
import subprocess
import sys
import time
import tracemalloc
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

ROOT = pathlib.Path(__file__).resolve().parent.parent
HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))


def _local_zou() -> None:
    """KITSU_HOST & co. from the environment, else from the local Zou (started if down)."""
    if os.environ.get("KITSU_HOST"):
        return
    script = str(ROOT / "scripts" / "local-kitsu.sh")
    subprocess.run(["bash", script, "up"], check=True, stdout=sys.stderr)
    out = subprocess.run(["bash", script, "env"], check=True, capture_output=True, text=True)
    for line in out.stdout.splitlines():
        line = line.strip()
        if line.startswith("export "):
            line = line[len("export ") :]
        if "=" in line:
            key, value = line.split("=", 1)
            os.environ[key] = value.strip().strip("'\"")


_local_zou()

import bulk_build as B  # noqa: E402  (reads KITSU_HOST at import)
import call_overhead as CO  # noqa: E402

Row = dict[str, Any]
Subject = Callable[..., Any]


class Table:
    """Per-subject samples of one workload: wall, CPU, requests, and the memory pass's peak."""

    def __init__(self, title: str, names: list[str]) -> None:
        self.title = title
        self.wall: dict[str, list[float]] = {n: [] for n in names}
        self.cpu: dict[str, list[float]] = {n: [] for n in names}
        self.sent: dict[str, list[int]] = {n: [] for n in names}
        self.peak: dict[str, float] = {}

    def add(self, name: str, wall: float, cpu: float, sent: int) -> None:
        self.wall[name].append(wall)
        self.cpu[name].append(cpu)
        self.sent[name].append(sent)

    def median(self, name: str, what: str = "wall") -> float:
        values = getattr(self, what).get(name) or []
        return statistics.median(values) if values else float("nan")

    def show(self, unit: str = "s", scale: float = 1.0) -> str:
        lines = [
            self.title,
            f"  {'subject':32s} {'wall ' + unit + ' median (min-max)':>28s} "
            f"{'CPU ' + unit + ' (min-max)':>24s} {'requests':>9s} {'peak MB':>8s}",
        ]
        for name, wall in self.wall.items():
            if not wall:
                continue
            cpu = self.cpu[name]
            peak = self.peak.get(name)
            lines.append(
                f"  {name:32s} {statistics.median(wall) * scale:10.3f} "
                f"({min(wall) * scale:.3f}-{max(wall) * scale:.3f}){'':2s}"
                f"{statistics.median(cpu) * scale:9.3f} ({min(cpu) * scale:.3f}-"
                f"{max(cpu) * scale:.3f}) {int(statistics.median(self.sent[name])):9d} "
                f"{'' if peak is None else f'{peak:8.1f}'}"
            )
        return "\n".join(lines)


def timed(table: Table, name: str, run: Callable[[], Any]) -> None:
    before = B._sent()
    started, started_cpu = time.perf_counter(), time.process_time()
    run()
    wall, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    table.add(name, wall, cpu, B._sent() - before - 1)


def peak_mb(run: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


# -- (3) read back -------------------------------------------------------------------------------


def read_gazu(project: Row) -> list[Any]:
    import gazu

    return [
        (shot, gazu.task.all_tasks_for_shot(shot), gazu.casting.get_shot_casting(shot))
        for shot in gazu.shot.all_shots_for_project(project)
    ]


def read_kitsu(project: Row) -> list[Any]:
    rows: list[Any] = B._kitsu_client().bulk.shots_with_tasks_and_casting(project)
    return rows


def read_kitsu_async(project: Row) -> list[Any]:
    from kitsu_sdk.aio import AsyncKitsuClient

    async def main() -> list[Any]:
        aclient = AsyncKitsuClient(B.HOST, tokens=B._kitsu_client().tokens)
        try:
            rows: list[Any] = await aclient.bulk.shots_with_tasks_and_casting(project)
            return rows
        finally:
            await aclient.close()

    return asyncio.run(main())


def read_requests(project: Row) -> list[Any]:
    session, url = B._raw_session()
    pid = project["id"]
    with ThreadPoolExecutor(2) as pool:
        shots_f = pool.submit(session.get, url("data/shots/with-tasks"), params={"project_id": pid})
        cast_f = pool.submit(session.get, url(f"data/projects/{pid}/sequences/all/casting"))
        shots, cast = shots_f.result().json(), cast_f.result().json()
    return [{**shot, "casting": cast.get(shot["id"], [])} for shot in shots]


READERS: dict[str, Subject] = {
    "(3) gazu, per shot": read_gazu,
    "(3) kitsu_sdk bulk read": read_kitsu,
    "(3) kitsu_sdk bulk read async": read_kitsu_async,
    "(3) requests, same 2 GETs": read_requests,
}


def cast_project(project: Row, task_type: Row, shape: tuple[int, int, int]) -> None:
    """Build the read-back project with the bulk helpers, and cast 3 props in every shot."""
    client = B._kitsu_client()
    B.bulk_kitsu(project, task_type, shape, 8)
    props = client.bulk.new_assets(project, "Prop", [f"prop{n}" for n in range(3)])
    props.raise_for_errors()
    casting = [{"asset_id": p["id"], "nb_occurences": 1} for p in props.succeeded()]
    shots = client.shot.all_shots_for_project(project)
    from kitsu_sdk._operations import casting as casting_ops

    done = client.run_many([casting_ops.update_shot_casting(project, s, casting) for s in shots])
    done.raise_for_errors()


# -- (5) import and first answer -----------------------------------------------------------------

FIRST = r"""
import json, os, sys, time
subject = sys.argv[1]
host, token = os.environ["KITSU_HOST"].rstrip("/"), os.environ["BENCH_TOKEN"]
sent = [0]
def count_requests():
    # After the subject's import (urllib3 is part of what gazu and requests import).
    import urllib3.connectionpool as pool
    urlopen = pool.HTTPConnectionPool.urlopen
    def counting(self, *args, **kwargs):
        sent[0] += 1
        return urlopen(self, *args, **kwargs)
    pool.HTTPConnectionPool.urlopen = counting
started = time.perf_counter()
if subject == "kitsu_sdk":
    import kitsu_sdk
    imported = time.perf_counter()
    count_requests()
    kitsu_sdk.set_host(host)
    kitsu_sdk.set_token(token)
    user = kitsu_sdk.client.get_current_user()
elif subject == "gazu":
    import gazu
    imported = time.perf_counter()
    count_requests()
    gazu.set_host(host)
    gazu.set_token(token)
    user = gazu.client.get_current_user()
else:
    import requests
    imported = time.perf_counter()
    count_requests()
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + token
    response = session.get(host + "/auth/authenticated")
    response.raise_for_status()
    user = response.json()["user"]
done = time.perf_counter()
assert user["id"]
# VmHWM, not ru_maxrss: Linux keeps the parent's high-water mark in ru_maxrss across exec.
with open("/proc/self/status") as status:
    hwm = [line for line in status if line.startswith("VmHWM:")][0].split()[1]
print(json.dumps({"import": imported - started, "first": done - started,
                  "cpu": time.process_time(), "requests": sent[0],
                  "rss_mb": int(hwm) / 1024}))
"""


def first_answer(subject: str, token: str) -> dict[str, float]:
    env = {**os.environ, "BENCH_TOKEN": token, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", FIRST, subject], capture_output=True, text=True, env=env, cwd="/"
    )
    if out.returncode:
        raise SystemExit(f"(5) {subject} failed:\n{out.stderr[-2000:]}")
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    result["process"] = time.perf_counter() - started
    return result


# -- the run -------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--calls", type=int, default=1000, help="GETs of workload (4)")
    parser.add_argument("--workloads", default="1,2,3,4,5")
    parser.add_argument("--shape", default="2,5,20", help="episodes,sequences,shots per sequence")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory pass")
    args = parser.parse_args()
    wanted = set(args.workloads.split(","))
    shape = tuple(int(n) for n in args.shape.split(","))
    compileall.compile_dir(str(ROOT / "kitsu_sdk"), quiet=1)
    subprocess.run([sys.executable, "-m", "compileall", "-q", *CO._site(sys.executable)])
    B._count_requests()

    import gazu

    gazu.set_host(B.HOST)
    gazu.log_in(B.LOGIN, B.PASSWORD)
    admin = B._kitsu_client()
    B._raw_session()
    B._raw_session(max(args.concurrency, 10))
    task_type = admin.task.get_task_type_by_name("Animation")

    def fresh_project(label: str) -> Row:
        made: Row = admin.project.new_project(f"perf-{label}-{uuid.uuid4().hex[:6]}", "tvshow")
        admin.project.add_task_type(made, task_type, 1)
        return made

    build = {name: run for name, run in B.SUBJECTS.items() if name[1] in wanted}  # "(1) ..."
    tables: dict[str, Table] = {
        "build": Table("(1)/(2) build 200 shots, one task each (seconds)", list(build)),
        "read": Table("(3) read back 200 shots with tasks and casting (seconds)", list(READERS)),
        "gets": Table(f"(4) {args.calls} single GETs (microseconds per call)", list(CO_SUBJECTS)),
        "first": Table("(5) import + first authenticated answer (ms)", list(CO_SUBJECTS)),
    }
    import_ms: dict[str, list[float]] = {n: [] for n in CO_SUBJECTS}
    token = admin.tokens["access_token"]
    pythons = {name: sys.executable for name in CO_SUBJECTS}

    # Warm-up, untimed: Zou's caches, the pools, the .pyc files, every code path once.
    print("warming up", file=sys.stderr)
    read_project = None
    if "3" in wanted:
        read_project = fresh_project("read")
        cast_project(read_project, task_type, shape)
    for run in build.values():
        run(fresh_project("warm"), task_type, (1, 1, 4), args.concurrency)
    for read in READERS.values():
        if read_project is not None:
            read(read_project)
    for name in CO_SUBJECTS:
        if "4" in wanted:
            CO.run(pythons[name], name, 50, "auth/authenticated")
        if "5" in wanted:
            first_answer(name, token)

    for number in range(args.rounds):
        forward = number % 2 == 0
        order = list(build) if forward else list(reversed(build))
        projects = {name: fresh_project(str(i)) for i, name in enumerate(order)}
        for name in order:
            job = (build[name], projects[name], task_type, shape, args.concurrency)
            timed(tables["build"], name, lambda j=job: j[0](*j[1:]))
        for made in projects.values():
            admin.project.close_project(made)
        if read_project is not None:
            readers = list(READERS) if forward else list(reversed(READERS))
            for name in readers:
                timed(tables["read"], name, lambda n=name: READERS[n](read_project))
        shift = number % len(CO_SUBJECTS)
        rotated = CO_SUBJECTS[shift:] + CO_SUBJECTS[:shift]
        for name in rotated:
            if "4" in wanted:
                got = CO.run(pythons[name], name, args.calls, "auth/authenticated")
                tables["gets"].add(name, got["wall"] / args.calls, got["cpu"] / args.calls,
                                   int(got["requests"]))  # fmt: skip
            if "5" in wanted:
                one = first_answer(name, token)
                tables["first"].add(name, one["first"], one["cpu"], int(one["requests"]))
                import_ms[name].append(one["import"])
        print(f"round {number + 1}/{args.rounds} done", file=sys.stderr)

    if not args.no_memory:
        print("memory pass", file=sys.stderr)
        for name, run in build.items():
            project = fresh_project("mem")
            tables["build"].peak[name] = peak_mb(
                lambda r=run, p=project: r(p, task_type, shape, args.concurrency)
            )
            admin.project.close_project(project)
        if read_project is not None:
            for name, read in READERS.items():
                tables["read"].peak[name] = peak_mb(lambda r=read: r(read_project))
        if "5" in wanted:
            for name in CO_SUBJECTS:
                tables["first"].peak[name] = first_answer(name, token)["rss_mb"]
    if read_project is not None:
        admin.project.close_project(read_project)

    print(f"\n{B.HOST}, {args.rounds} interleaved rounds, concurrency {args.concurrency}, "
          "medians (min-max); CPU = client process time (5: the whole child process); "
          "peak = tracemalloc's (5: the child's peak RSS)")  # fmt: skip
    if build:
        print(tables["build"].show())
    if read_project is not None:
        print(tables["read"].show())
    if "4" in wanted:
        print(tables["gets"].show("us", 1e6))
    if "5" in wanted:
        print(tables["first"].show("ms", 1e3))
        print("  import alone, ms: " + ", ".join(
            f"{n} {statistics.median(v) * 1e3:.1f}" for n, v in import_ms.items()))  # fmt: skip

    b, r, g, f = tables["build"], tables["read"], tables["gets"], tables["first"]
    ratios = [
        ("(1) kitsu_sdk / gazu, wall", b.median("(1) kitsu_sdk sequential")
         / b.median("(1) gazu sequential"), "<= 0.6"),
        ("(1) requests floor / gazu, wall", b.median("(1) requests sequential")
         / b.median("(1) gazu sequential"), "(the floor)"),
        ("(2) bulk / gazu (1), wall", b.median("(2) kitsu_sdk bulk")
         / b.median("(1) gazu sequential"), "<= 0.33"),
        ("(2) async bulk / gazu (1), wall", b.median("(2) kitsu_sdk bulk async")
         / b.median("(1) gazu sequential"), "<= 0.33"),
        ("(2) bulk / requests threads", b.median("(2) kitsu_sdk bulk")
         / b.median("(2) requests threads"), "<= 1.15"),
        ("(2) async bulk / requests threads", b.median("(2) kitsu_sdk bulk async")
         / b.median("(2) requests threads"), "<= 1.15"),
        ("(3) kitsu_sdk / gazu, wall", r.median("(3) kitsu_sdk bulk read")
         / r.median("(3) gazu, per shot"), "<= 0.5"),
        ("(3) kitsu_sdk / gazu, requests", r.median("(3) kitsu_sdk bulk read", "sent")
         / r.median("(3) gazu, per shot", "sent"), "< 1"),
        ("(4) kitsu_sdk / requests, CPU", g.median("kitsu_sdk", "cpu")
         / g.median("requests", "cpu"), "<= 0.6"),
        ("(4) kitsu_sdk / requests, wall", g.median("kitsu_sdk") / g.median("requests"),
         "<= 1.0"),
        ("(4) kitsu_sdk / gazu, CPU", g.median("kitsu_sdk", "cpu") / g.median("gazu", "cpu"),
         "(for reference)"),
        ("(5) kitsu_sdk / gazu, import", _med(import_ms, "kitsu_sdk") / _med(import_ms, "gazu"),
         "<= 0.5"),
        ("(5) kitsu_sdk / gazu, first answer", f.median("kitsu_sdk") / f.median("gazu"),
         "(for reference)"),
    ]  # fmt: skip
    print("\nratios (same run)")
    for label, value, target in ratios:
        if value == value:  # not NaN: the workload ran
            print(f"  {label:38s} {value:7.3f}  target {target}")


CO_SUBJECTS = ["gazu", "kitsu_sdk", "requests"]


def _med(values: dict[str, list[float]], name: str) -> float:
    return statistics.median(values[name]) if values.get(name) else float("nan")


if __name__ == "__main__":
    main()
