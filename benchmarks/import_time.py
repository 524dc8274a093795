"""Import time of kitsu_sdk against gazu, both installed in one venv, many runs, medians.

Usage: python benchmarks/import_time.py [--runs 40] [--venv PATH]
The venv (default: $XDG_CACHE_HOME/kitsu_sdk/bench-venv) is created when missing, with
gazu==1.3.1 and this checkout installed. Each run is a fresh interpreter; the time printed is
measured inside it around the import statement (interpreter start-up excluded), plus the
whole-process wall time.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
CACHE = pathlib.Path(os.environ.get("XDG_CACHE_HOME", pathlib.Path.home() / ".cache"))
SNIPPET = "import time; t = time.perf_counter(); {stmt}; print(time.perf_counter() - t)"
# What each row imports. "kitsu_sdk (everything)" is the fair twin of `import gazu`, which loads
# all its modules and requests at once; kitsu_sdk loads those on first use.
SUBJECTS = {
    "kitsu_sdk": "import kitsu_sdk",
    "kitsu_sdk (everything)": "import kitsu_sdk; from kitsu_sdk import project, shot, scene, "
    "asset, casting, task, playlist, person, files, search, events; "
    "import kitsu_sdk._core.transport",
    "gazu": "import gazu",
}


def ensure_venv(venv: pathlib.Path) -> pathlib.Path:
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "gazu==1.3.1"], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(ROOT)],
        check=True,
    )
    subprocess.run([str(python), "-m", "pip", "install", "-q", "cachetools"], check=True)
    return python


def measure(python: pathlib.Path, stmt: str, runs: int) -> tuple[float, float]:
    inner, wall = [], []
    for _ in range(runs):
        started = time.perf_counter()
        out = subprocess.run(
            [str(python), "-c", SNIPPET.format(stmt=stmt)],
            check=True,
            capture_output=True,
            text=True,
            cwd="/",
        )
        wall.append(time.perf_counter() - started)
        inner.append(float(out.stdout.strip()))
    return statistics.median(inner), statistics.median(wall)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--venv", default=str(CACHE / "kitsu_sdk" / "bench-venv"))
    args = parser.parse_args()
    python = ensure_venv(pathlib.Path(args.venv))
    # Warm the file cache and bytecode first; alternate subjects so they share the noise.
    for stmt in SUBJECTS.values():
        measure(python, stmt, 2)
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in SUBJECTS}
    for _ in range(args.runs):
        for name, stmt in SUBJECTS.items():
            results[name].append(measure(python, stmt, 1))
    medians = {
        name: (statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows))
        for name, rows in results.items()
    }
    gazu_inner, gazu_wall = medians["gazu"]
    for name, (inner, wall) in medians.items():
        print(
            f"{name:24s} import {inner * 1000:8.2f} ms  process {wall * 1000:8.2f} ms  "
            f"ratio to gazu {inner / gazu_inner:.3f} / {wall / gazu_wall:.3f}"
        )
    print(f"({args.runs} runs each, medians; ratio = import time / whole process)")


if __name__ == "__main__":
    main()
