"""Client cost of one authenticated GET: kitsu_sdk against a bare requests.Session and gazu.

Usage:
    eval "$(bash scripts/local-kitsu.sh env)"
    python benchmarks/call_overhead.py [--calls 1000] [--rounds 7] [--path auth/authenticated]

Each subject runs in its own fresh interpreter per round (rounds interleaved, the order rotated
every round): it logs in (not timed), warms the connection and Zou with 50 GETs (not timed),
then times `--calls` GETs of the same path, one after the other, decoding each JSON answer.
Printed per subject: the median and min-max over rounds of the wall time and of the client CPU
time (time.process_time, this process only: Zou's work is not in it) per call, the requests sent
(counted at urllib3's connection pool, the same hook for every subject) and the ratios to bare
requests. kitsu_sdk and bare requests run in this interpreter; gazu 1.3.1 in its bench venv
(`--gazu-python`, default ~/.cache/kitsu_sdk/bench-venv/bin/python, falling back to
~/.cache/kitsu_sdk/parity-gazu-1.3.1/bin/python). Bytecode is compiled before the first round.
Not part of CI: run by hand on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import pathlib
import statistics
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CACHE = pathlib.Path(os.environ.get("XDG_CACHE_HOME", pathlib.Path.home() / ".cache"))
GAZU_PYTHONS = (
    CACHE / "kitsu_sdk" / "bench-venv" / "bin" / "python",
    CACHE / "kitsu_sdk" / "parity-gazu-1.3.1" / "bin" / "python",
)
WARMUP = 50

# One worker, run as `python -c WORKER subject calls path`; prints a JSON line.
WORKER = (
    r"""
import json, os, sys, time
subject, calls, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
host = os.environ["KITSU_HOST"]
login, password = os.environ["KITSU_LOGIN"], os.environ["KITSU_PASSWORD"]
api = host.rstrip("/")
import urllib3.connectionpool as pool
sent = [0]
_urlopen = pool.HTTPConnectionPool.urlopen
def counting(self, *args, **kwargs):
    sent[0] += 1
    return _urlopen(self, *args, **kwargs)
pool.HTTPConnectionPool.urlopen = counting
if subject == "kitsu_sdk":
    import kitsu_sdk
    client = kitsu_sdk.KitsuClient(api)
    client.log_in(login, password)
    def one():
        return kitsu_sdk.client.get(path, client=client)
elif subject == "gazu":
    import gazu
    gazu.set_host(api)
    gazu.log_in(login, password)
    def one():
        return gazu.client.get(path)
else:
    import requests
    session = requests.Session()
    token = session.post(api + "/auth/login", json={"email": login, "password": password}).json()
    session.headers["Authorization"] = "Bearer " + token["access_token"]
    url = api + "/" + path
    def one():
        response = session.get(url)
        response.raise_for_status()
        return response.json()
for _ in range(WARMUP):
    one()
sent[0] = 0
wall, cpu = time.perf_counter(), time.process_time()
for _ in range(calls):
    one()
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
print(json.dumps({"wall": wall, "cpu": cpu, "requests": sent[0]}))
"""
).replace("WARMUP", str(WARMUP))


def gazu_python(explicit: str | None) -> str:
    if explicit:
        return explicit
    for candidate in GAZU_PYTHONS:
        if candidate.exists():
            return str(candidate)
    raise SystemExit("no Python with gazu 1.3.1: pass --gazu-python")


def run(python: str, subject: str, calls: int, path: str) -> dict[str, float]:
    env = dict(os.environ)
    if subject == "kitsu_sdk":
        env["PYTHONPATH"] = str(ROOT)
    out = subprocess.run(
        [python, "-c", WORKER, subject, str(calls), path],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd="/",
    )
    if out.returncode:
        raise SystemExit(f"{subject} failed:\n{out.stderr[-2000:]}")
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def spread(values: list[float], scale: float) -> str:
    return (
        f"{statistics.median(values) * scale:8.1f} "
        f"({min(values) * scale:.1f}-{max(values) * scale:.1f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--path", default="auth/authenticated")
    parser.add_argument("--gazu-python", default=None)
    args = parser.parse_args()
    for name in ("KITSU_HOST", "KITSU_LOGIN", "KITSU_PASSWORD"):
        if not os.environ.get(name):
            raise SystemExit(f'{name} is not set: eval "$(bash scripts/local-kitsu.sh env)"')
    pythons = {"requests": sys.executable, "kitsu_sdk": sys.executable}
    pythons["gazu"] = gazu_python(args.gazu_python)
    compileall.compile_dir(str(ROOT / "kitsu_sdk"), quiet=1)
    for python in set(pythons.values()):
        subprocess.run(
            [python, "-m", "compileall", "-q", "-x", "test", *_site(python)], check=False
        )
    # One untimed pass each: Zou's own caches, the page cache, the .pyc files.
    for subject, python in pythons.items():
        run(python, subject, 50, args.path)

    order = list(pythons)
    results: dict[str, list[dict[str, float]]] = {name: [] for name in order}
    for round_index in range(args.rounds):
        shift = round_index % len(order)
        for subject in order[shift:] + order[:shift]:
            results[subject].append(run(pythons[subject], subject, args.calls, args.path))

    micro = 1e6 / args.calls
    base_cpu = statistics.median(r["cpu"] for r in results["requests"])
    base_wall = statistics.median(r["wall"] for r in results["requests"])
    print(
        f"{args.calls} x GET {os.environ['KITSU_HOST']}/{args.path}, "
        f"{args.rounds} interleaved rounds, per call: median (min-max)"
    )
    print(
        f"{'subject':<10} {'wall us':>22} {'client CPU us':>22} {'requests':>9} "
        f"{'CPU/requests':>12} {'wall/requests':>13}"
    )
    for subject in order:
        rows = results[subject]
        cpu = [r["cpu"] for r in rows]
        wall = [r["wall"] for r in rows]
        sent = sorted({int(r["requests"]) for r in rows})
        print(
            f"{subject:<10} {spread(wall, micro):>22} {spread(cpu, micro):>22} "
            f"{'/'.join(map(str, sent)):>9} "
            f"{statistics.median(cpu) / base_cpu:12.2f} {statistics.median(wall) / base_wall:13.2f}"
        )


def _site(python: str) -> list[str]:
    out = subprocess.run(
        [
            python,
            "-c",
            "import requests, os; print(os.path.dirname(os.path.dirname(requests.__file__)))",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return [out.stdout.strip()]


if __name__ == "__main__":
    main()
