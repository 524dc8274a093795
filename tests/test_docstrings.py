"""Every public function describes each of its parameters in a Google-style `Args:` section.

The docs site (mkdocstrings) renders these sections; the public modules copy the operations'
docstrings (scripts/gen_bindings.py adds the `client` entry), so a parameter added to an
operation without a line in its docstring fails here.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import re
from typing import Any, Callable

import pytest

from kitsu_sdk._operations import PUBLIC_MODULES

#: the hand-written public modules, checked like the generated ones
HAND_WRITTEN = [
    "kitsu_sdk",
    "kitsu_sdk.client",
    "kitsu_sdk.cache",
    "kitsu_sdk.events",
    "kitsu_sdk.aio",
    "kitsu_sdk.helpers",
    "kitsu_sdk.sorting",
    "kitsu_sdk.exception",
    "kitsu_sdk.config",
    "kitsu_sdk.custom_actions",
    "kitsu_sdk.cli",
]
GENERATED = [f"kitsu_sdk.{name}" for name in PUBLIC_MODULES] + ["kitsu_sdk.aio._raw"]

#: One name per entry (`name:` or `name (type):`): the docs site's parser (griffe) reads a grouped
#: `a, b: ...` as one unknown parameter, so grouped entries describe nothing here either.
_ENTRY = re.compile(r"(\*{0,2}[A-Za-z_][A-Za-z0-9_]*)\s*(\([^)]*\))?\s*:")


def described(doc: str) -> set[str]:
    """The parameter names the `Args:` section of a docstring describes."""
    lines = inspect.cleandoc(doc).splitlines()
    names: set[str] = set()
    for index, line in enumerate(lines):
        if line.strip() not in ("Args:", "Arguments:"):
            continue
        base = len(line) - len(line.lstrip())
        entry_indent = None
        for entry in lines[index + 1 :]:
            if not entry.strip():
                break
            indent = len(entry) - len(entry.lstrip())
            if indent <= base:
                break
            if entry_indent is None:
                entry_indent = indent
            if indent != entry_indent:
                continue  # a continuation line
            match = _ENTRY.match(entry.strip())
            if match:
                names.add(match.group(1).lstrip("*"))
        break
    return names


def undescribed(function: Callable[..., Any]) -> list[str]:
    """The parameters of `function` its docstring does not describe."""
    wanted = [
        name for name in inspect.signature(function).parameters if name not in ("self", "cls")
    ]
    if not wanted:
        return []
    have = described(inspect.getdoc(function) or "")
    return [name for name in wanted if name not in have]


def public_functions(module_name: str) -> list[tuple[str, Callable[..., Any]]]:
    module = importlib.import_module(module_name)
    names = getattr(module, "__all__", None) or [n for n in vars(module) if not n.startswith("_")]
    found = []
    for name in names:
        value = getattr(module, name, None)
        if inspect.isfunction(value) and value.__module__.startswith("kitsu_sdk"):
            found.append((f"{module_name}.{name}", value))
    return found


def test_the_check_sees_a_missing_parameter() -> None:
    def documented(project: str, name: str) -> None:
        """Do it.

        Args:
            project: the project.
            name: the name, on a line
                that goes on.
        """

    def missing(project: str, name: str, *args: Any, **kwargs: Any) -> None:
        """Do it.

        Args:
            project: the project.
            name, other: a grouped entry, which describes neither.
            *args: extra values.

        Calls: GET /name
        """

    assert undescribed(documented) == []
    assert undescribed(missing) == ["name", "kwargs"]
    assert described(inspect.getdoc(missing) or "") == {"project", "args"}
    assert described("No section at all.") == set()


@pytest.mark.parametrize("module_name", GENERATED + HAND_WRITTEN)
def test_every_parameter_is_described(module_name: str) -> None:
    functions = public_functions(module_name)
    assert functions, f"no public function found in {module_name}"
    missing = {
        qualified: gaps for qualified, function in functions if (gaps := undescribed(function))
    }
    assert not missing, "parameters without a line in Args: " + "; ".join(
        f"{name}: {', '.join(gaps)}" for name, gaps in sorted(missing.items())
    )


def public_methods(cls: type) -> list[tuple[str, Callable[..., Any]]]:
    """The public methods of a class (its constructor as the class: its docstring describes the
    constructor's parameters), inherited ones included."""
    found: list[tuple[str, Callable[..., Any]]] = []
    init = cls.__dict__.get("__init__")
    if init is not None:
        documented_init = functools.wraps(init)(lambda *a, **k: None)
        documented_init.__doc__ = cls.__doc__
        documented_init.__signature__ = inspect.signature(init)  # type: ignore[attr-defined]
        found.append((f"{cls.__name__}()", documented_init))
    for name, value in inspect.getmembers(cls, inspect.isfunction):
        if not name.startswith("_") and value.__module__.startswith("kitsu_sdk"):
            found.append((f"{cls.__name__}.{name}", value))
    return found


def _classes() -> list[type]:
    from kitsu_sdk import KitsuClient
    from kitsu_sdk.aio import AsyncEventListener, AsyncKitsuClient
    from kitsu_sdk.events import EventListener
    from kitsu_sdk.testing import FakeKitsu, KitsuFactory

    return [KitsuClient, AsyncKitsuClient, EventListener, AsyncEventListener, FakeKitsu,
            KitsuFactory]  # fmt: skip


@pytest.mark.parametrize("cls", _classes(), ids=lambda cls: cls.__name__)
def test_every_method_parameter_is_described(cls: type) -> None:
    methods = public_methods(cls)
    assert len(methods) > 5
    missing = {qualified: gaps for qualified, method in methods if (gaps := undescribed(method))}
    assert not missing, "parameters without a line in Args: " + "; ".join(
        f"{name}: {', '.join(gaps)}" for name, gaps in sorted(missing.items())
    )


def test_the_bound_methods_share_the_docstrings() -> None:
    from kitsu_sdk._bindings.shot import ShotFunctions

    method = ShotFunctions.get_shot
    assert undescribed(method) == []
    assert "client" not in described(inspect.getdoc(method) or "")
