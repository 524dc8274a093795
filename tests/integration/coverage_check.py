"""Which public kitsu_sdk functions did the integration suite call? Recorded with a profile hook
while integration tests run, reported at the end of the run so gaps are visible in CI."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
import threading
from types import FrameType
from typing import Any, Optional

import kitsu_sdk

called: set[tuple[str, str]] = set()
_lock = threading.Lock()


def _profile(frame: FrameType, event: str, arg: Any) -> None:
    if event != "call":
        return
    module = frame.f_globals.get("__name__", "")
    if module.startswith("kitsu_sdk"):
        code = frame.f_code
        name = getattr(code, "co_qualname", code.co_name)
        key = (module, name)
        if key not in called:
            with _lock:
                called.add(key)


def start() -> None:
    sys.setprofile(_profile)
    threading.setprofile(_profile)


def stop() -> None:
    sys.setprofile(None)
    threading.setprofile(None)  # type: ignore[arg-type]


def public_functions() -> list[tuple[str, str]]:
    """(module, qualname) of every public function and KitsuClient method of the package."""
    found: list[tuple[str, str]] = []
    for info in pkgutil.iter_modules(kitsu_sdk.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"kitsu_sdk.{info.name}")
        for name, obj in vars(module).items():
            if name.startswith("_"):
                continue
            if inspect.isfunction(obj) and obj.__module__ == module.__name__:
                found.append((module.__name__, name))
            elif inspect.isclass(obj) and obj.__module__ == module.__name__:
                if issubclass(obj, BaseException) or getattr(obj, "__total__", None) is not None:
                    continue  # exceptions and TypedDicts
                for attr, member in vars(obj).items():
                    if not attr.startswith("_") and inspect.isfunction(member):
                        found.append((module.__name__, f"{name}.{attr}"))
    return sorted(found)


def uncovered(only_in: Optional[set[str]] = None) -> list[str]:
    names = {f"{m}.{n}" for m, n in called}
    out = []
    for module, name in public_functions():
        if only_in and module not in only_in:
            continue
        if f"{module}.{name}" not in names:
            out.append(f"{module}.{name}")
    return out
