"""What `pip install .` ships: every sub-package of kitsu_sdk (a package list that names only the
top one installs a kitsu_sdk that cannot import its own core), and the typing marker."""

from __future__ import annotations

import pathlib
import sys

from setuptools import find_packages

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
