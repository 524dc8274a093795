"""What `pip install .` ships: every sub-package of kitsu_sdk (a package list that names only the
top one installs a kitsu_sdk that cannot import its own core), and the typing marker; the
metadata written once (version, SPDX license); an sdist that carries its tests and runs some."""

from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys
import tarfile
from typing import Any

import pytest
from setuptools import find_packages

import kitsu_sdk

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.9/3.10
    import tomli as tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_every_sub_package_is_installed() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    find = config["tool"]["setuptools"]["packages"]["find"]
    shipped = set(find_packages(str(ROOT), include=find["include"]))
    on_disk = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "kitsu_sdk").rglob("__init__.py")
    }
    assert on_disk <= shipped, sorted(on_disk - shipped)
    assert "py.typed" in config["tool"]["setuptools"]["package-data"]["kitsu_sdk"]


# -- metadata written once ------------------------------------------------------------------------


def _pyproject() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_the_version_is_written_once() -> None:
    import kitsu_sdk
    from kitsu_sdk._core.version import __version__

    config = _pyproject()
    assert "version" not in config["project"] and "version" in config["project"]["dynamic"]
    attr = config["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    assert attr == "kitsu_sdk._core.version.__version__"
    assert kitsu_sdk.__version__ == __version__
    assert re.fullmatch(r"\d+\.\d+\.\d+([ab]\d+|rc\d+)?", __version__), __version__
    assigned = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "kitsu_sdk").rglob("*.py")
        if re.search(r"^__version__\s*=", path.read_text(), re.MULTILINE)
    ]
    assert assigned == [str(pathlib.Path("kitsu_sdk", "_core", "version.py"))]
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert "## [Unreleased]" in changelog
    assert re.search(r"^## \[0\.1\.0\] - \d{4}-\d{2}-\d{2}$", changelog, re.MULTILINE)


def test_the_license_is_an_spdx_string_with_its_file() -> None:
    config = _pyproject()
    project = config["project"]
    assert project["license"] == "MIT"  # the table form stops building in 2027
    assert project["license-files"] == ["LICENSE"]
    # PEP 639: a License classifier next to an SPDX expression is refused by setuptools.
    assert not [c for c in project["classifiers"] if c.startswith("License ::")]
    assert "Programming Language :: Python :: 3.9" in project["classifiers"]
    assert "Typing :: Typed" in project["classifiers"]
    assert project["urls"] and project["keywords"]
    assert "setuptools>=77" in config["build-system"]["requires"]
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("MIT License") and "The kitsu_sdk authors" in text


# -- the sdist ------------------------------------------------------------------------------------

#: What the sdist must carry for its own tests and for what the README points to.
SDIST_MUST_HOLD = [
    "LICENSE",
    "CHANGELOG.md",
    "README.md",
    "PKG-INFO",
    "pyproject.toml",
    "kitsu_sdk/py.typed",
    "kitsu_sdk/_core/version.py",
    "tests/conftest.py",
    "tests/unit_helpers.py",
    "tests/data/gazu_surface.tsv",
    "tests/integration/conftest.py",
    "tests/examples/test_examples.py",
    "examples/quickstart.py",
    "scripts/run-tests.sh",
    "scripts/local-kitsu.sh",
    "docs/architecture.md",
]
#: A handful of unit tests run from the unpacked sdist (fast, no network).
SDIST_TESTS = ["tests/test_custom_actions.py", "tests/test_refs.py", "tests/test_call.py"]


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """The sdist built from this tree (setuptools' own backend, offline), unpacked."""
    out = tmp_path_factory.mktemp("sdist")
    build = (
        "import sys; from setuptools import build_meta;print(build_meta.build_sdist(sys.argv[1]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", build, str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    name = done.stdout.strip().splitlines()[-1]
    with tarfile.open(out / name) as archive:
        members = archive.getmembers()
        assert all(not m.name.startswith("/") and ".." not in m.name for m in members)
        # The "data" filter where the Python has it (3.12+, and 3.9-3.11 security releases).
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        archive.extractall(out, **safe)
    (unpacked,) = [p for p in out.iterdir() if p.is_dir()]
    return unpacked


def test_the_sdist_holds_its_tests_and_metadata(sdist: pathlib.Path) -> None:
    files = {str(p.relative_to(sdist)).replace("\\", "/") for p in sdist.rglob("*") if p.is_file()}
    missing = [name for name in SDIST_MUST_HOLD if name not in files]
    assert not missing, missing
    caches = [f for f in files if re.search(r"(__pycache__|\.mypy_cache|\.pytest_cache)/", f)]
    assert not caches, caches[:5]
    assert not [f for f in files if f.startswith((".venv", "build/", "dist/"))]
    metadata = (sdist / "PKG-INFO").read_text()
    assert "License-Expression: MIT" in metadata
    assert "License-File: LICENSE" in metadata
    assert f"Version: {kitsu_sdk.__version__}" in metadata


def test_unit_tests_run_from_the_unpacked_sdist(sdist: pathlib.Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(sdist), "PYTHONDONTWRITEBYTECODE": "1"}
    where = subprocess.run(
        [sys.executable, "-c", "import kitsu_sdk; print(kitsu_sdk.__file__)"],
        cwd=sdist,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert pathlib.Path(where.stdout.strip()).parent == sdist / "kitsu_sdk", where.stdout
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *SDIST_TESTS],
        cwd=sdist,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert re.search(r"\b\d{2,} passed\b", done.stdout), done.stdout[-500:]
