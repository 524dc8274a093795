"""Issue 13's build workloads against a real Zou: gazu, kitsu_sdk and a bare requests.Session in
the same run, alternating, each in a fresh project made before the round starts.

Usage (server from scripts/local-kitsu.sh, gazu and kitsu_sdk in one venv, see import_time.py):
    eval "$(bash scripts/local-kitsu.sh env)"
    ~/.cache/kitsu_sdk/bench-venv/bin/python benchmarks/bulk_build.py --rounds 5

The build: E episodes x S sequences x N shots (default 2 x 5 x 20 = 200 shots), one task
(Animation) per shot.
  (1) sequential: one call after the other (gazu's and kitsu_sdk's new_episode / new_sequence /
      new_shot / new_task; requests: the POSTs only, the floor of one client doing it serially);
  (2) concurrent, at --concurrency requests in flight: kitsu_sdk.bulk on KitsuClient (threads) and
      on AsyncKitsuClient (tasks), one bulk.new_shots per sequence (one lookup, then the creates
      at once); "run_many": every shot's new_shot in one client.run_many (a lookup and a create
      per shot, no wait between sequences); gazu's functions from a thread pool; the requests
      floor from a thread pool (the POSTs only, tasks through Zou's batch route as bulk does).
Prints, per subject, the median wall seconds (min-max), the median client CPU seconds (process
time) and the HTTP requests sent, and the ratios the issue sets targets for. Memory is not
measured here (tracemalloc would inflate the CPU times; see bulk_ops.py for peaks).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import pathlib
import statistics
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

#: This checkout's kitsu_sdk, not a copy installed in the venv that runs the script.
ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOST = os.environ.get("KITSU_HOST", "http://127.0.0.1:5000/api")
LOGIN = os.environ.get("KITSU_LOGIN", "admin@example.com")
PASSWORD = os.environ.get("KITSU_PASSWORD", "mysecretpassword")

_count = itertools.count()
SENT = [0]


def _count_requests() -> None:
    """Count every HTTP request of requests (gazu, KitsuClient, raw) and httpx (async)."""
    import httpx
    import requests.adapters

    send = requests.adapters.HTTPAdapter.send

    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        next(_count)
        return send(self, *args, **kwargs)

    requests.adapters.HTTPAdapter.send = counted  # type: ignore[method-assign]
    asend = httpx.AsyncClient.send

    async def acounted(self: Any, *args: Any, **kwargs: Any) -> Any:
        next(_count)
        return await asend(self, *args, **kwargs)

    httpx.AsyncClient.send = acounted  # type: ignore[method-assign]


def _sent() -> int:
    return next(_count)


def plan(shape: tuple[int, int, int]) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    episodes, sequences, shots = shape
    names = [f"SH{n:03d}" for n in range(shots)]
    return [
        (f"E{e:02d}", [(f"SQ{s:02d}", list(names)) for s in range(sequences)])
        for e in range(episodes)
    ]


# -- (1) sequential ------------------------------------------------------------------------------


def seq_gazu(project: dict[str, Any], task_type: dict[str, Any], shape: Any, _: int) -> None:
    import gazu

    for ep_name, sequences in plan(shape):
        episode = gazu.shot.new_episode(project, ep_name)
        for seq_name, shots in sequences:
            sequence = gazu.shot.new_sequence(project, seq_name, episode=episode)
            for name in shots:
                shot = gazu.shot.new_shot(project, sequence, name, frame_in=1, frame_out=24)
                gazu.task.new_task(shot, task_type)


def seq_kitsu(project: dict[str, Any], task_type: dict[str, Any], shape: Any, _: int) -> None:
    client = _kitsu_client()
    for ep_name, sequences in plan(shape):
        episode = client.shot.new_episode(project, ep_name)
        for seq_name, shots in sequences:
            sequence = client.shot.new_sequence(project, seq_name, episode)
            for name in shots:
                shot = client.shot.new_shot(project, sequence, name, frame_in=1, frame_out=24)
                client.task.new_task(shot, task_type)


def seq_requests(project: dict[str, Any], task_type: dict[str, Any], shape: Any, _: int) -> None:
    session, url = _raw_session()
    pid = project["id"]
    for ep_name, sequences in plan(shape):
        episode = _post(session, url(f"data/projects/{pid}/episodes"), {"name": ep_name})
        for seq_name, shots in sequences:
            sequence = _post(session, url(f"data/projects/{pid}/sequences"),
                             {"name": seq_name, "episode_id": episode["id"]})  # fmt: skip
            for name in shots:
                shot = _post(session, url(f"data/projects/{pid}/shots"),
                             {"name": name, "sequence_id": sequence["id"],
                              "data": {"frame_in": 1, "frame_out": 24}})  # fmt: skip
                _post(session, url(f"data/entities/{shot['id']}/tasks"),
                      {"task_type_ids": [task_type["id"]]})  # fmt: skip


# -- (2) concurrent ------------------------------------------------------------------------------


def bulk_kitsu(project: dict[str, Any], task_type: dict[str, Any], shape: Any, conc: int) -> None:
    client = _kitsu_client()
    client.concurrency = conc
    layout = plan(shape)
    episodes = client.bulk.new_episodes(project, [e for e, _ in layout])
    episodes.raise_for_errors()
    seq_ops = [
        client.bulk.new_sequences(project, [s for s, _ in sequences], episode)
        for episode, (_, sequences) in zip(episodes.succeeded(), layout)
    ]  # one bulk call per episode (its sequences at once)
    shots = []
    for result, (_, sequences) in zip(seq_ops, layout):
        result.raise_for_errors()
        for sequence, (_, names) in zip(result.succeeded(), sequences):
            made = client.bulk.new_shots(project, sequence, names, frame_in=1, frame_out=24)
            made.raise_for_errors()  # one lookup per sequence, its shots created at once
            shots.extend(made.succeeded())
    tasks = client.bulk.new_tasks(shots, [task_type])
    tasks.raise_for_errors()


def run_many_kitsu(
    project: dict[str, Any], task_type: dict[str, Any], shape: Any, conc: int
) -> None:
    """As bulk_kitsu, but every shot of every sequence in one fan-out (`client.run_many` of
    new_shot: a lookup and a create per shot, no barrier between sequences)."""
    from kitsu_sdk._operations import shot as shot_ops

    client = _kitsu_client()
    client.concurrency = conc
    layout = plan(shape)
    episodes = client.bulk.new_episodes(project, [e for e, _ in layout])
    episodes.raise_for_errors()
    ops = []
    for episode, (_, sequences) in zip(episodes.succeeded(), layout):
        made = client.bulk.new_sequences(project, [s for s, _ in sequences], episode)
        made.raise_for_errors()
        for sequence, (_, names) in zip(made.succeeded(), sequences):
            ops += [shot_ops.new_shot(project["id"], sequence, n, None, 1, 24) for n in names]
    shots = client.run_many(ops)
    shots.raise_for_errors()
    client.bulk.new_tasks(shots.succeeded(), [task_type]).raise_for_errors()


def bulk_kitsu_async(
    project: dict[str, Any], task_type: dict[str, Any], shape: Any, conc: int
) -> None:
    from kitsu_sdk.aio import AsyncKitsuClient

    async def main() -> None:
        # The sync client's tokens: no log-in inside the timing (as for the other subjects);
        # closed, not logged out (that would revoke the tokens the sync client shares).
        aclient = AsyncKitsuClient(HOST, tokens=_kitsu_client().tokens)
        try:
            aclient.concurrency = conc
            layout = plan(shape)
            episodes = await aclient.bulk.new_episodes(project, [e for e, _ in layout])
            results = await asyncio.gather(
                *(
                    aclient.bulk.new_sequences(project, [s for s, _ in sequences], episode)
                    for episode, (_, sequences) in zip(episodes.succeeded(), layout)
                )
            )
            shots = []
            for result, (_, sequences) in zip(results, layout):
                for sequence, (_, names) in zip(result.succeeded(), sequences):
                    made = await aclient.bulk.new_shots(
                        project, sequence, names, frame_in=1, frame_out=24
                    )
                    made.raise_for_errors()
                    shots.extend(made.succeeded())
            tasks = await aclient.bulk.new_tasks(shots, [task_type])
            tasks.raise_for_errors()
        finally:
            await aclient.close()

    asyncio.run(main())


def pool_gazu(project: dict[str, Any], task_type: dict[str, Any], shape: Any, conc: int) -> None:
    import gazu

    layout = plan(shape)
    with ThreadPoolExecutor(conc) as pool:
        episodes = list(pool.map(lambda e: gazu.shot.new_episode(project, e[0]), layout))
        seq_jobs = [(ep, s, names) for ep, (_, seqs) in zip(episodes, layout) for s, names in seqs]
        sequences = list(
            pool.map(lambda j: gazu.shot.new_sequence(project, j[1], episode=j[0]), seq_jobs)
        )
        shot_jobs = [(sq, n) for sq, (_, _, names) in zip(sequences, seq_jobs) for n in names]

        def one(job: tuple[dict[str, Any], str]) -> None:
            shot = gazu.shot.new_shot(project, job[0], job[1], frame_in=1, frame_out=24)
            gazu.task.new_task(shot, task_type)

        list(pool.map(one, shot_jobs))


def pool_requests(
    project: dict[str, Any], task_type: dict[str, Any], shape: Any, conc: int
) -> None:
    session, url = _raw_session(pool=max(conc, 10))
    pid = project["id"]
    layout = plan(shape)
    with ThreadPoolExecutor(conc) as pool:
        episodes = list(pool.map(
            lambda e: _post(session, url(f"data/projects/{pid}/episodes"), {"name": e[0]}), layout
        ))  # fmt: skip
        seq_jobs = [(ep, s, names) for ep, (_, seqs) in zip(episodes, layout) for s, names in seqs]
        sequences = list(pool.map(
            lambda j: _post(session, url(f"data/projects/{pid}/sequences"),
                            {"name": j[1], "episode_id": j[0]["id"]}),
            seq_jobs,
        ))  # fmt: skip
        shot_jobs = [(sq, n) for sq, (_, _, names) in zip(sequences, seq_jobs) for n in names]
        shots = list(pool.map(
            lambda j: _post(session, url(f"data/projects/{pid}/shots"),
                            {"name": j[1], "sequence_id": j[0]["id"],
                             "data": {"frame_in": 1, "frame_out": 24}}),
            shot_jobs,
        ))  # fmt: skip
        route = url(f"actions/projects/{pid}/task-types/{task_type['id']}/shots/create-tasks")
        ids = [shot["id"] for shot in shots]
        chunks = [ids[i : i + 100] for i in range(0, len(ids), 100)]
        list(pool.map(lambda chunk: _post(session, route, chunk), chunks))


# -- helpers -------------------------------------------------------------------------------------


#: Logged-in clients made once, before any timing (a log-in costs Zou a password hash).
CLIENTS: dict[str, Any] = {}


def _kitsu_client() -> Any:
    if "kitsu" not in CLIENTS:
        from kitsu_sdk import KitsuClient

        client = KitsuClient(HOST)
        client.log_in(LOGIN, PASSWORD)
        CLIENTS["kitsu"] = client
    return CLIENTS["kitsu"]


def _raw_session(pool: int = 10) -> tuple[Any, Callable[[str], str]]:
    if f"raw{pool}" not in CLIENTS:
        CLIENTS[f"raw{pool}"] = _new_raw_session(pool)
    made: tuple[Any, Callable[[str], str]] = CLIENTS[f"raw{pool}"]
    return made


def _new_raw_session(pool: int) -> tuple[Any, Callable[[str], str]]:
    import requests
    import requests.adapters

    session = requests.Session()
    adapter = requests.adapters.HTTPAdapter(pool_connections=pool, pool_maxsize=pool)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    token = session.post(f"{HOST}/auth/login", json={"email": LOGIN, "password": PASSWORD})
    session.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
    return session, lambda path: f"{HOST}/{path}"


def _post(session: Any, url: str, body: Any) -> Any:
    response = session.post(url, json=body)
    response.raise_for_status()
    return response.json()


SUBJECTS: dict[str, Callable[..., None]] = {
    "(1) gazu sequential": seq_gazu,
    "(1) kitsu_sdk sequential": seq_kitsu,
    "(1) requests sequential": seq_requests,
    "(2) gazu threads": pool_gazu,
    "(2) kitsu_sdk bulk": bulk_kitsu,
    "(2) kitsu_sdk bulk async": bulk_kitsu_async,
    "(2) kitsu_sdk run_many": run_many_kitsu,
    "(2) requests threads": pool_requests,
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--episodes", type=int, default=2)
    parser.add_argument("--sequences", type=int, default=5)
    parser.add_argument("--shots", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--only", default="", help="comma-separated subject substrings")
    args = parser.parse_args()
    shape = (args.episodes, args.sequences, args.shots)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "kitsu_sdk")], check=False)
    _count_requests()

    import gazu

    gazu.set_host(HOST)
    gazu.log_in(LOGIN, PASSWORD)
    admin = _kitsu_client()
    _raw_session()
    _raw_session(max(args.concurrency, 10))
    task_type = admin.task.get_task_type_by_name("Animation")
    subjects = {k: v for k, v in SUBJECTS.items() if not args.only or any(
        part in k for part in args.only.split(","))}  # fmt: skip
    wall: dict[str, list[float]] = {name: [] for name in subjects}
    cpu: dict[str, list[float]] = {name: [] for name in subjects}
    sent: dict[str, list[int]] = {name: [] for name in subjects}

    def fresh_project(label: str) -> dict[str, Any]:
        made: dict[str, Any] = admin.project.new_project(
            f"bench-{label}-{uuid.uuid4().hex[:6]}", "tvshow"
        )
        admin.project.add_task_type(made, task_type, 1)
        return made

    # Warm-up: Zou's caches, the connection pools, the .pyc files (not timed).
    for run in subjects.values():
        run(fresh_project("warm"), task_type, (1, 1, 4), args.concurrency)
    for number in range(args.rounds):
        order = list(subjects) if number % 2 == 0 else list(reversed(subjects))
        # Every project exists before anyone runs: creating a project flushes Zou's caches.
        projects = {name: fresh_project(str(i)) for i, name in enumerate(order)}
        for name in order:
            before = _sent()
            started, started_cpu = time.perf_counter(), time.process_time()
            subjects[name](projects[name], task_type, shape, args.concurrency)
            wall[name].append(time.perf_counter() - started)
            cpu[name].append(time.process_time() - started_cpu)
            sent[name].append(_sent() - before - 1)
        for made in projects.values():
            admin.project.close_project(made)
        print(f"round {number + 1}/{args.rounds} done", file=sys.stderr)

    total = args.episodes * args.sequences * args.shots
    print(
        f"build {args.episodes} episodes x {args.sequences} sequences x {args.shots} shots "
        f"({total} shots, one task each), {args.rounds} rounds, concurrency {args.concurrency}, "
        f"{HOST}"
    )
    print(f"{'subject':28s} {'wall s median (min-max)':>26s} {'CPU s':>7s} {'requests':>9s}")
    for name in subjects:
        w = wall[name]
        print(
            f"{name:28s} {statistics.median(w):9.2f} ({min(w):.2f}-{max(w):.2f})"
            f"{'':6s} {statistics.median(cpu[name]):7.2f} {int(statistics.median(sent[name])):9d}"
        )

    def med(name: str) -> float:
        return statistics.median(wall[name]) if wall.get(name) else float("nan")

    print()
    ratios = [
        ("(1) kitsu_sdk / gazu wall", "(1) kitsu_sdk sequential", "(1) gazu sequential", "<= 0.6"),
        ("(2) kitsu_sdk bulk vs gazu (1)", "(2) kitsu_sdk bulk", "(1) gazu sequential", "<= 0.33"),
        (
            "(2) async bulk vs gazu (1)",
            "(2) kitsu_sdk bulk async",
            "(1) gazu sequential",
            "<= 0.33",
        ),
        ("(2) kitsu_sdk bulk / requests", "(2) kitsu_sdk bulk", "(2) requests threads", "<= 1.15"),
        (
            "(2) async bulk / requests",
            "(2) kitsu_sdk bulk async",
            "(2) requests threads",
            "<= 1.15",
        ),
    ]
    for label, ours, theirs, target in ratios:
        print(f"{label:34s} {med(ours) / med(theirs):6.2f}  (target {target})")


if __name__ == "__main__":
    main()
