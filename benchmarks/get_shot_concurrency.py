"""get_shot under concurrency against a real Zou: kitsu_sdk now, kitsu_sdk before the
operation-layer redesign, gazu and a bare requests.Session, side by side in the same run.

Usage (run by hand, not in CI; server from scripts/local-kitsu.sh):
    eval "$(bash scripts/local-kitsu.sh env)"
    python benchmarks/get_shot_concurrency.py --rounds 5

Any Python 3.9+ can start it: the contenders run in the bench venv (default
$XDG_CACHE_HOME/kitsu_sdk/bench-venv, set up by import_time.ensure_venv: gazu==1.3.1; httpx is
added there for the async client). kitsu_sdk comes from source, first on PYTHONPATH: the working
tree copied to a temporary directory (AFTER), and --before-rev (default e3b8acc, before the
operation-layer redesign) `git archive`d next to it (BEFORE). Nothing here is a dependency of the
package.

The project `bench-get-shot-concurrency` (one sequence, --calls shots) is created on first use and
reused after. Contenders, each in its own subprocess per round:
    kitsu_sdk          sequential, --concurrency threads sharing one KitsuClient,
                       AsyncKitsuClient with asyncio.gather under a semaphore of --concurrency
    kitsu_sdk <rev>    sequential, threads (no async client before the redesign)
    gazu 1.3.1         sequential, threads (gazu.aio has no get_shot)
    requests           a bare Session with the bearer header: sequential, threads
Each process imports its library, logs in and makes one untimed get_shot (lazy imports, first
connection); then --calls get_shot are timed: wall time, and the CPU time of the whole process
(all threads). HTTP requests are counted at the transport (requests' HTTPAdapter.send, httpx's
AsyncHTTPTransport.handle_async_request). One untimed round warms Zou's caches first; rounds
rotate the order; memory (tracemalloc peak over the timed calls only) is a separate pass.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
from typing import Any, Callable

ROOT = pathlib.Path(__file__).resolve().parent.parent
PROJECT_NAME = "bench-get-shot-concurrency"
SEQUENCE_NAME = "SQ_BENCH"
# (key, library, mode); the key names the row, the library how the worker gets a shot.
CONTENDERS = (
    ("after-seq", "after", "seq"),
    ("after-threads", "after", "threads"),
    ("after-async", "after", "async"),
    ("before-seq", "before", "seq"),
    ("before-threads", "before", "threads"),
    ("gazu-seq", "gazu", "seq"),
    ("gazu-threads", "gazu", "threads"),
    ("requests-seq", "requests", "seq"),
    ("requests-threads", "requests", "threads"),
)


def _server() -> tuple[str, str, str]:
    return (
        os.environ.get("KITSU_HOST", "http://127.0.0.1:5000"),
        os.environ.get("KITSU_LOGIN", "admin@example.com"),
        os.environ.get("KITSU_PASSWORD", "mysecretpassword"),
    )


# -- inside the bench venv ------------------------------------------------------------------------


def setup_project(calls: int) -> None:
    """Create (or reuse) the project, its sequence and `calls` shots; print their ids as JSON."""
    from kitsu_sdk import KitsuClient, project, shot

    host, login, password = _server()
    client = KitsuClient(host)
    client.log_in(login, password)
    prod = project.new_project(PROJECT_NAME, "featurefilm", client=client)
    seq = shot.new_sequence(prod, SEQUENCE_NAME, client=client)
    have = {s["name"]: s["id"] for s in shot.all_shots_for_sequence(seq, client=client)}
    names = [f"SH{i:04d}" for i in range(1, calls + 1)]
    for name in names:
        if name not in have:
            made = shot.new_shot(prod, seq, name, frame_in=1, frame_out=24, client=client)
            have[name] = made["id"]
    version = client.get_api_version()
    print(json.dumps({"ids": [have[n] for n in names], "zou": version, "project": prod["id"]}))


class _Counter:
    def __init__(self) -> None:
        import threading

        self.n = 0
        self._lock = threading.Lock()

    def hit(self) -> None:
        with self._lock:
            self.n += 1


def _count_requests(counter: _Counter, with_httpx: bool) -> None:
    """Count every HTTP request at the transport (each attempt, retries included)."""
    from requests.adapters import HTTPAdapter

    send = HTTPAdapter.send

    def counted_send(self: Any, *args: Any, **kwargs: Any) -> Any:
        counter.hit()
        return send(self, *args, **kwargs)

    HTTPAdapter.send = counted_send  # type: ignore[method-assign]
    if with_httpx:
        import httpx

        handle = httpx.AsyncHTTPTransport.handle_async_request

        async def counted_handle(self: Any, request: Any) -> Any:
            counter.hit()
            return await handle(self, request)

        httpx.AsyncHTTPTransport.handle_async_request = counted_handle  # type: ignore[method-assign]


def _sync_getter(library: str) -> tuple[Callable[[str], Any], str]:
    """A get_shot function for one library (logged in) and the file the library came from."""
    host, login, password = _server()
    if library in ("after", "before"):
        import kitsu_sdk
        from kitsu_sdk import KitsuClient, shot

        client = KitsuClient(host)
        client.log_in(login, password)
        return (lambda shot_id: shot.get_shot(shot_id, client=client)), kitsu_sdk.__file__
    if library == "gazu":
        import gazu

        gazu.set_host(host)
        gazu.log_in(login, password)
        return gazu.shot.get_shot, gazu.__file__
    import requests

    session = requests.Session()
    base = host.rstrip("/")
    answer = session.post(f"{base}/auth/login", json={"email": login, "password": password})
    answer.raise_for_status()
    session.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"

    def get(shot_id: str) -> Any:
        response = session.get(f"{base}/data/shots/{shot_id}", timeout=30)
        response.raise_for_status()
        return response.json()

    return get, requests.__file__


def worker(library: str, mode: str, ids: list[str], concurrency: int, memory: bool) -> None:
    """One contender's pass; prints a JSON line (seconds, CPU seconds, requests, peak bytes)."""
    import gc
    import time
    import tracemalloc

    counter = _Counter()
    _count_requests(counter, with_httpx=mode == "async")

    def measure(run: Callable[[], list[Any]]) -> dict[str, Any]:
        gc.collect()
        if memory:
            tracemalloc.start()
        before = counter.n
        wall, cpu = time.perf_counter(), time.process_time()
        results = run()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        peak = tracemalloc.get_traced_memory()[1] if memory else None
        tracemalloc.stop()
        got = [r["id"] for r in results]
        assert got == ids, "a get_shot answered another shot"
        return {"wall": wall, "cpu": cpu, "requests": counter.n - before, "peak": peak}

    if mode == "async":
        import asyncio

        async def main() -> dict[str, Any]:
            import kitsu_sdk
            from kitsu_sdk.aio import AsyncKitsuClient

            host, login, password = _server()
            client = AsyncKitsuClient(host)
            await client.log_in(login, password)
            await client.shot.get_shot(ids[0])
            semaphore = asyncio.Semaphore(concurrency)

            async def one(shot_id: str) -> Any:
                async with semaphore:
                    return await client.shot.get_shot(shot_id)

            async def gathered() -> list[Any]:
                return list(await asyncio.gather(*(one(shot_id) for shot_id in ids)))

            # The loop is already running: time the gather from inside it.
            gc.collect()
            if memory:
                tracemalloc.start()
            before = counter.n
            wall, cpu = time.perf_counter(), time.process_time()
            results = await gathered()
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            peak = tracemalloc.get_traced_memory()[1] if memory else None
            tracemalloc.stop()
            assert [r["id"] for r in results] == ids, "a get_shot answered another shot"
            await client.close()
            return {
                "wall": wall,
                "cpu": cpu,
                "requests": counter.n - before,
                "peak": peak,
                "module": kitsu_sdk.__file__,
            }

        out = asyncio.run(main())
    else:
        get, module = _sync_getter(library)
        get(ids[0])
        if mode == "seq":
            out = measure(lambda: [get(shot_id) for shot_id in ids])
        else:
            from concurrent.futures import ThreadPoolExecutor

            def threaded() -> list[Any]:
                with ThreadPoolExecutor(concurrency) as pool:
                    return list(pool.map(get, ids))

            out = measure(threaded)
        out["module"] = module
    out["process_requests"] = counter.n
    print(json.dumps(out))


# -- the orchestrator (any Python) ----------------------------------------------------------------


def _bench_python(venv: pathlib.Path) -> pathlib.Path:
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
    from import_time import ensure_venv  # gazu==1.3.1 and this checkout, as import_time.py does

    python = ensure_venv(venv)
    has_httpx = subprocess.run([str(python), "-c", "import httpx"], capture_output=True)
    if has_httpx.returncode != 0:
        subprocess.run([str(python), "-m", "pip", "install", "-q", "httpx"], check=True)
    return python


def _export_before(rev: str, target: pathlib.Path) -> None:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", rev, "kitsu_sdk"],
        check=True,
        capture_output=True,
    ).stdout
    target.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)


def _run(python: pathlib.Path, args: list[str], pythonpath: str | None = None) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    done = subprocess.run(
        [str(python), str(pathlib.Path(__file__).resolve()), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd="/",
        timeout=900,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:3])} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _span(values: list[float], scale: float = 1.0, digits: int = 3) -> str:
    lo, med, hi = min(values) * scale, statistics.median(values) * scale, max(values) * scale
    return f"{med:.{digits}f} [{lo:.{digits}f}-{hi:.{digits}f}]"


def main() -> None:
    cache = pathlib.Path(os.environ.get("XDG_CACHE_HOME", pathlib.Path.home() / ".cache"))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds (at least 5)")
    parser.add_argument("--calls", type=int, default=200, help="get_shot calls per pass")
    parser.add_argument("--concurrency", type=int, default=8, help="threads / semaphore size")
    parser.add_argument("--memory-runs", type=int, default=3, help="tracemalloc passes each")
    parser.add_argument("--before-rev", default="e3b8acc")
    parser.add_argument("--venv", default=str(cache / "kitsu_sdk" / "bench-venv"))
    parser.add_argument("--worker", nargs=2, metavar=("LIBRARY", "MODE"), help=argparse.SUPPRESS)
    parser.add_argument("--ids-file", help=argparse.SUPPRESS)
    parser.add_argument("--memory", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--setup", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.setup:
        setup_project(args.calls)
    elif args.worker:
        ids = json.loads(pathlib.Path(args.ids_file).read_text())
        worker(*args.worker, ids, args.concurrency, args.memory)
    else:
        orchestrate(args)


def orchestrate(args: argparse.Namespace) -> None:
    if args.rounds < 5:
        print(f"note: {args.rounds} rounds; this project's benchmarks report at least 5")
    venv = pathlib.Path(args.venv)
    python = _bench_python(venv)
    with tempfile.TemporaryDirectory(prefix="kitsu-before-") as tmp:
        before_dir, after_dir = pathlib.Path(tmp) / "before", pathlib.Path(tmp) / "after"
        _export_before(args.before_rev, before_dir)
        # A snapshot of the working tree: the installed copy is not used (pyproject lists only
        # the top package, so a pip-installed kitsu_sdk lacks _core, _operations, aio...).
        skip = shutil.ignore_patterns("__pycache__")
        shutil.copytree(ROOT / "kitsu_sdk", after_dir / "kitsu_sdk", ignore=skip)
        site = subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        # Bytecode first, so no contender pays for compiling inside a timed pass.
        subprocess.run([str(python), "-m", "compileall", "-q", "-j", "0", site, tmp], check=True)
        setup = _run(python, ["--setup", "--calls", str(args.calls)], str(after_dir))
        ids_file = pathlib.Path(tmp) / "ids.json"
        ids_file.write_text(json.dumps(setup["ids"]))
        sources = {"after": str(after_dir), "before": str(before_dir)}

        def run(key: str, memory: bool = False) -> dict[str, Any]:
            _, library, mode = next(c for c in CONTENDERS if c[0] == key)
            worker_args = ["--worker", library, mode, "--ids-file", str(ids_file)]
            worker_args += ["--concurrency", str(args.concurrency)]
            worker_args += ["--memory"] if memory else []
            out = _run(python, worker_args, sources.get(library))
            if library in sources and not out["module"].startswith(sources[library]):
                raise RuntimeError(f"{key} imported {out['module']}, not from {sources[library]}")
            return out

        keys = [c[0] for c in CONTENDERS]
        for key in keys:  # warm-up: Zou's caches, the OS file cache, the pool of each library
            run(key)
        rows: dict[str, list[dict[str, Any]]] = {key: [] for key in keys}
        for round_number in range(args.rounds):
            shift = round_number % len(keys)
            for key in keys[shift:] + keys[:shift]:
                rows[key].append(run(key))
        peaks: dict[str, list[int]] = {key: [] for key in keys}
        for round_number in range(args.memory_runs):
            shift = round_number % len(keys)
            for key in keys[shift:] + keys[:shift]:
                peaks[key].append(run(key, memory=True)["peak"])
        versions = subprocess.run(
            [
                str(python),
                "-c",
                "import sys, gazu, requests, httpx; print(sys.version.split()[0], gazu.__version__,"
                " requests.__version__, httpx.__version__)",
            ],
            check=True,
            capture_output=True,
            text=True,
            cwd="/",
        ).stdout.split()

    labels = {
        "after": "kitsu_sdk",
        "before": f"kitsu_sdk@{args.before_rev}",
        "gazu": f"gazu {versions[1]}",
        "requests": f"requests {versions[2]}",
    }
    modes = {"seq": "sequential", "threads": f"{args.concurrency} threads", "async": "async sem"}
    print(
        f"{args.calls} get_shot per pass, {args.rounds} rounds (+1 warm-up), Zou {setup['zou']},"
        f" Python {versions[0]}, httpx {versions[3]}, {os.cpu_count()} CPUs"
    )
    print("wall and CPU in seconds per pass: median [min-max]; HTTP = timed (whole process)")
    header = f"{'library':20s} {'mode':11s} {'wall s':21s} {'calls/s':>7s}  {'CPU s':21s} "
    print(header + f"{'HTTP':>10s} {'peak KiB':>8s}")
    for key, library, mode in CONTENDERS:
        walls = [r["wall"] for r in rows[key]]
        cpus = [r["cpu"] for r in rows[key]]
        timed = sorted({r["requests"] for r in rows[key]})
        whole = sorted({r["process_requests"] for r in rows[key]})
        http = "/".join(map(str, timed)) + " (" + "/".join(map(str, whole)) + ")"
        rate = args.calls / statistics.median(walls)
        peak = statistics.median(peaks[key]) / 1024
        print(
            f"{labels[library]:20s} {modes[mode]:11s} {_span(walls):21s} {rate:7.0f}  "
            f"{_span(cpus):21s} {http:>10s} {peak:8.0f}"
        )


if __name__ == "__main__":
    main()
