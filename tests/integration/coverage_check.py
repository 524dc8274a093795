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
        name = getattr(code, "co_qualname", None)
        if name is None:  # Python < 3.11: rebuild Class.method from `self`
            owner = frame.f_locals.get("self")
            name = f"{type(owner).__name__}.{code.co_name}" if owner is not None else code.co_name
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
    names = [""] + [
        f".{info.name}"
        for info in pkgutil.iter_modules(kitsu_sdk.__path__)
        if not info.name.startswith("_")
    ]
    for suffix in names:
        try:
            module = importlib.import_module(f"kitsu_sdk{suffix}")
        except Exception as error:  # reported as a gap, never hides the rest
            found.append((f"kitsu_sdk{suffix}", f"<import failed: {error}>"))
            continue
        for name, obj in vars(module).items():
            if name.startswith("_"):
                continue
            defined_here = getattr(obj, "__module__", None) == module.__name__
            # Functions of private modules count where a public module re-exports them.
            private_origin = str(getattr(obj, "__module__", "")).startswith("kitsu_sdk._")
            if inspect.isfunction(obj) and (defined_here or private_origin):
                found.append((obj.__module__, obj.__qualname__))
            elif inspect.isclass(obj) and obj.__module__ == module.__name__:
                if issubclass(obj, BaseException) or getattr(obj, "__total__", None) is not None:
                    continue  # exceptions and TypedDicts
                for attr, member in vars(obj).items():
                    if not attr.startswith("_") and inspect.isfunction(member):
                        found.append((module.__name__, f"{name}.{attr}"))
    return sorted(set(found))


def uncovered(only_in: Optional[set[str]] = None) -> list[str]:
    names = {f"{m}.{n}" for m, n in called}
    out = []
    for module, name in public_functions():
        if only_in and module not in only_in:
            continue
        if f"{module}.{name}" not in names:
            out.append(f"{module}.{name}")
    return out
