"""Every gazu function of the modules we cover exists here with compatible parameters.

A module lists what it leaves out on purpose, with why, in `_GAZU_ABSENT = {name: reason}`.
"""

from __future__ import annotations

import csv
import importlib
import inspect
import pathlib
import re

import pytest

SURFACE = pathlib.Path(__file__).parent / "data" / "gazu_surface.tsv"
COVERED = [
    "project", "shot", "asset", "casting", "task", "playlist", "person", "files", "client",
    "events", "aio", "scene",
]  # fmt: skip
# Modules where only some gazu functions are in scope; the rest must be listed as absent.


def _rows() -> list[dict[str, str]]:
    with SURFACE.open() as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _param_names(signature: str) -> list[str]:
    inner = signature.strip()
    inner = inner[1 : inner.index(")")] if ")" in inner else inner
    names = []
    depth = 0
    current = ""
    for char in inner:
        if char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        if char == "," and depth == 0:
            names.append(current)
            current = ""
        else:
            current += char
    if current.strip():
        names.append(current)
    cleaned = []
    for item in names:
        name = re.split(r"[:=]", item.strip(), maxsplit=1)[0].strip().lstrip("*")
        if name:
            cleaned.append(name)
    return cleaned


def _cases() -> list[tuple[str, str, str]]:
    return [
        (row["module"], row["name"], row["signature"])
        for row in _rows()
        if row["module"] in COVERED and row["kind"] == "function"
    ]


@pytest.mark.parametrize(("module_name", "name", "signature"), _cases())
def test_gazu_function_exists_with_compatible_parameters(
    module_name: str, name: str, signature: str
) -> None:
    module = importlib.import_module(f"kitsu_sdk.{module_name}")
    absent = getattr(module, "_GAZU_ABSENT", {})
    if name in absent:
        assert absent[name].strip(), f"{module_name}.{name}: give the reason it is left out"
        assert not hasattr(module, name) or callable(getattr(module, name))
        return
    assert hasattr(module, name), f"kitsu_sdk.{module_name}.{name} is missing"
    ours = inspect.signature(getattr(module, name))
    ours_names = list(ours.parameters)
    theirs = [n for n in _param_names(signature) if n not in ("client", "kwargs", "args")]
    positional = [n for n in ours_names if n != "client"]
    assert positional[: len(theirs)] == theirs, (
        f"{module_name}.{name}: gazu has {theirs}, we have {positional}"
    )
    if "client" in _param_names(signature):
        assert "client" in ours.parameters, f"{module_name}.{name} must take client="


def test_gazu_exception_names_exist() -> None:
    from kitsu_sdk import exception

    for row in _rows():
        if row["module"] == "exception":
            assert issubclass(getattr(exception, row["name"]), exception.KitsuError)
