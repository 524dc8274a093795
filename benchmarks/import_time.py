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
SNIPPET = "import time; t = time.perf_counter(); import {mod}; print(time.perf_counter() - t)"


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


def measure(python: pathlib.Path, module: str, runs: int) -> tuple[float, float]:
    inner, wall = [], []
    for _ in range(runs):
        started = time.perf_counter()
        out = subprocess.run(
            [str(python), "-c", SNIPPET.format(mod=module)],
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
    # Warm the file cache and bytecode for both before measuring, alternating to share noise.
    measure(python, "kitsu_sdk", 2)
    measure(python, "gazu", 2)
    results: dict[str, list[tuple[float, float]]] = {"kitsu_sdk": [], "gazu": []}
    for _ in range(args.runs):
        for module in results:
            results[module].append(measure(python, module, 1))
    medians = {
        m: (statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows))
        for m, rows in results.items()
    }
    for module, (inner, wall) in medians.items():
        print(f"{module:10s} import {inner * 1000:8.2f} ms   process {wall * 1000:8.2f} ms")
    ratio_inner = medians["kitsu_sdk"][0] / medians["gazu"][0]
    ratio_wall = medians["kitsu_sdk"][1] / medians["gazu"][1]
    print(
        f"ratio kitsu_sdk/gazu: import {ratio_inner:.3f}, whole process {ratio_wall:.3f} "
        f"({args.runs} runs each, medians)"
    )


if __name__ == "__main__":
    main()
