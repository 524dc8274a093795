"""Every gazu function of the modules we cover exists here with compatible parameters.

A module lists what it leaves out on purpose, with why, in `_GAZU_ABSENT = {name: reason}`.
"""

from __future__ import annotations

import csv
import importlib
import inspect
import pathlib
import re
from typing import Any

import pytest

SURFACE = pathlib.Path(__file__).parent / "data" / "gazu_surface.tsv"
COVERED = [
    "(top level)", "project", "shot", "asset", "casting", "task", "playlist", "person", "files",
    "client", "events", "aio", "scene", "search", "user", "context", "entity", "edit", "concept",
    "studio", "project_template", "sync", "helpers", "sorting", "cache",
]  # fmt: skip
#: gazu-cli's commands: checked against the `kitsu` command group (kitsu_sdk.cli).
COMMANDS = "cli"


def _module(name: str) -> Any:
    return importlib.import_module("kitsu_sdk" if name == "(top level)" else f"kitsu_sdk.{name}")


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
    module = _module(module_name)
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


def test_the_whole_surface_file_is_checked() -> None:
    """Every row of gazu's surface belongs to a module checked here, or to named other work."""
    kinds = {"function", "class", "method", "command"}
    for row in _rows():
        assert row["kind"] in kinds, row
        assert row["module"] in COVERED or row["module"] in ("exception", COMMANDS), (
            f"gazu module {row['module']!r} is checked nowhere"
        )


@pytest.mark.parametrize(
    ("module_name", "name"),
    [(row["module"], row["name"]) for row in _rows() if row["kind"] in ("class", "method")],
)
def test_gazu_classes_and_methods_exist(module_name: str, name: str) -> None:
    target: Any = _module(module_name)
    for part in name.split("."):
        assert hasattr(target, part), f"kitsu_sdk.{module_name}.{name} is missing"
        target = getattr(target, part)


def _command_rows() -> list[dict[str, str]]:
    return [row for row in _rows() if row["kind"] == "command"]


def test_gazu_cli_has_twenty_commands() -> None:
    assert len(_command_rows()) == 20
    assert {row["module"] for row in _command_rows()} == {COMMANDS}


@pytest.mark.parametrize("row", _command_rows(), ids=lambda row: row["name"])
def test_gazu_cli_command_exists_in_kitsu_with_the_same_options(row: dict[str, str]) -> None:
    """`kitsu NAME` takes gazu-cli's arguments and options, with the same long and short names
    (it may take more: --json on every listing)."""
    import click

    from kitsu_sdk.cli._app import cli

    ctx = click.Context(cli)
    command = cli.get_command(ctx, row["name"])
    assert command is not None, f"kitsu has no {row['name']} command"
    arguments = [p.name for p in command.params if isinstance(p, click.Argument)]
    options = {tuple(sorted(p.opts)) for p in command.params if isinstance(p, click.Option)}
    for item in row["signature"].split():
        if item.startswith("--"):
            wanted = tuple(sorted(item.split("/")))
            assert wanted in options, f"kitsu {row['name']}: no option {item} (has {options})"
        else:
            assert item.lower() in arguments, f"kitsu {row['name']}: no argument {item}"
    gazu_arguments = [item for item in row["signature"].split() if not item.startswith("--")]
    assert len(arguments) == len(gazu_arguments), f"kitsu {row['name']} takes {arguments}"
