"""Types that editors can use: every public function's hints resolve at run time, and mypy and
pyright see `gazu.shot.get_shot(...)` as a Shot (not Any) through every binding."""

from __future__ import annotations

import importlib
import inspect
import pathlib
import re
import shutil
import subprocess
import sys
import typing

import kitsu_sdk
from kitsu_sdk._operations import PUBLIC_MODULES

ROOT = pathlib.Path(__file__).resolve().parent.parent
EDITOR_FILE = ROOT / "tests" / "typing" / "editor_types.py"
EXPECTED = ["Shot", "Shot", "list[Task]", "Shot"]


def _public_functions() -> list[tuple[str, object]]:
    found = []
    modules = [m for m in PUBLIC_MODULES if not m.startswith("_")]
    modules += ["client", "aio", "cache", "events"]
    for name in modules:
        module = importlib.import_module(f"kitsu_sdk.{name}")
        for attr in getattr(module, "__all__", dir(module)):
            value = getattr(module, attr)
            if inspect.isfunction(value):
                found.append((f"{name}.{attr}", value))
    for name in PUBLIC_MODULES:
        bound = importlib.import_module(f"kitsu_sdk._bindings.{name}")
        for cls_name, cls in inspect.getmembers(bound, inspect.isclass):
            if cls.__module__ == bound.__name__:
                for meth_name, meth in inspect.getmembers(cls, inspect.isfunction):
                    if not meth_name.startswith("_"):
                        found.append((f"{cls_name}.{meth_name}", meth))
    return found


def test_get_type_hints_works_on_every_public_function() -> None:
    functions = _public_functions()
    assert len(functions) > 1000
    failures = []
    for label, function in functions:
        try:
            hints = typing.get_type_hints(function)
        except Exception as error:  # noqa: BLE001 - collected and reported below
            failures.append(f"{label}: {error!r}")
            continue
        assert "return" in hints, f"{label} has no return annotation"
    assert not failures, "\n".join(failures[:20])


def test_top_level_names_resolve() -> None:
    for name in kitsu_sdk.__all__:
        assert getattr(kitsu_sdk, name) is not None
    assert kitsu_sdk.RetryPolicy().max_retries >= 0


def _revealed(output: str) -> list[str]:
    return re.findall(r'Revealed type is "([^"]+)"|Type of ".*" is "([^"]+)"$', output, re.M)


def test_mypy_sees_the_result_types() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", str(EDITOR_FILE)],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    # Older mypy versions (the Python 3.9 run) spell builtins out: builtins.list[...].
    revealed = [a.replace("builtins.", "") for a, _b in _revealed(result.stdout)]
    assert len(revealed) == len(EXPECTED), result.stdout
    for shown, expected in zip(revealed, EXPECTED):
        assert f"kitsu_sdk.types.{expected.replace('list[', '')}".rstrip("]") in shown, shown
        assert shown.startswith("list[") == expected.startswith("list["), shown


def test_pyright_sees_the_result_types() -> None:
    pyright = shutil.which("pyright", path=str(pathlib.Path(sys.executable).parent))
    assert pyright, "pyright is a dev dependency"
    result = subprocess.run(
        [pyright, str(EDITOR_FILE)], capture_output=True, text=True, cwd=ROOT, timeout=600
    )
    revealed = [b for _a, b in _revealed(result.stdout)]
    assert revealed == EXPECTED, result.stdout
