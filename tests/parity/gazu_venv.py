"""A virtual environment with gazu from the package index, for the parity suite only.

gazu is never a dependency of kitsu_sdk: it is installed here, at test time, into
~/.cache/kitsu_sdk/parity-gazu-<version> (or $KITSU_PARITY_VENV), and reused while it holds
exactly that version. Run `python tests/parity/gazu_venv.py` to prepare it ahead.
"""

from __future__ import annotations

import fcntl
import os
import pathlib
import shutil
import subprocess
import sys

GAZU_VERSION = "1.3.1"


def venv_dir() -> pathlib.Path:
    default = pathlib.Path.home() / ".cache" / "kitsu_sdk" / f"parity-gazu-{GAZU_VERSION}"
    return pathlib.Path(os.environ.get("KITSU_PARITY_VENV", str(default)))


def _python(root: pathlib.Path) -> pathlib.Path:
    return root / "bin" / "python"


def _has_gazu(python: pathlib.Path) -> bool:
    if not python.exists():
        return False
    probe = subprocess.run(
        [str(python), "-I", "-c", "import gazu; print(gazu.__version__)"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return probe.returncode == 0 and probe.stdout.strip() == GAZU_VERSION


def _make_venv(root: pathlib.Path) -> None:
    base = getattr(sys, "_base_executable", sys.executable)
    made = subprocess.run([base, "-m", "venv", str(root)], capture_output=True, text=True)
    if made.returncode != 0:
        # Debian's python3 ships venv separately (as scripts/run-tests.sh does for .venv).
        apt = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "python3-venv"]
        subprocess.run(["apt-get", "update", "-qq"], check=True, timeout=600)
        subprocess.run(apt, check=True, timeout=600, stdout=subprocess.DEVNULL)
        shutil.rmtree(root, ignore_errors=True)
        subprocess.run([base, "-m", "venv", str(root)], check=True, timeout=600)


def ensure() -> pathlib.Path:
    """The python of a venv holding gazu GAZU_VERSION, made (or remade) when needed; a lock
    keeps two test runs from building it at once."""
    root = venv_dir()
    python = _python(root)
    if _has_gazu(python):
        return python
    root.parent.mkdir(parents=True, exist_ok=True)
    with open(root.parent / f".{root.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _has_gazu(python):
            return python
        shutil.rmtree(root, ignore_errors=True)
        _make_venv(root)
        subprocess.run(
            [
                str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                f"gazu=={GAZU_VERSION}",
            ],
            check=True,
            timeout=900,
        )  # fmt: skip
        if not _has_gazu(python):
            raise RuntimeError(f"{root}: gazu {GAZU_VERSION} did not install")
    return python


if __name__ == "__main__":
    print(ensure())
