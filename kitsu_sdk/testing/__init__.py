"""Test tools for code that uses kitsu_sdk: `FakeKitsu`, an in-memory Zou 1.0.97 behind the SDK's
transports, and a pytest plugin (`kitsu_fake`, `kitsu_factory` fixtures; `kitsu_sdk.testing.
pytest_plugin`, registered through the `pytest11` entry point).

    from kitsu_sdk.testing import FakeKitsu

    with FakeKitsu() as fake:
        kitsu_sdk.set_host(fake.host)
        kitsu_sdk.log_in(fake.admin_email, fake.admin_password)
        project = kitsu_sdk.project.new_project("P")

Not imported by `import kitsu_sdk`; importing this package imports nothing heavy (the fake
itself loads on first use of `FakeKitsu`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._factory import KitsuFactory
    from ._fake import FakeKitsu, FakeKitsuUnsupported

__all__ = ["FakeKitsu", "FakeKitsuUnsupported", "KitsuFactory"]

_WHERE = {
    "FakeKitsu": "._fake",
    "FakeKitsuUnsupported": "._fake",
    "KitsuFactory": "._factory",
}


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(where, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
