"""Helpers for the async integration tests (test_it_async*.py), which run without any pytest
plugin: each test drives its coroutine with `run(...)` (asyncio.run).

- `session(host, email, password)`: a logged-in AsyncKitsuClient that logs out and closes at exit;
- `in_session(host, credentials, body)`: `run(body(aclient))` within such a session;
- `count_requests(aclient)`: the requests the client sends from now on, as a list;
- `public_flows()`: the multi-step operations (generator ops of kitsu_sdk/_operations);
- `covers(*flows)`: marks a test as the async test of those flows, and fails it when one of them
  did not run through AsyncKitsuClient.run during the test.

    python tests/integration/it_aio.py    # print the flows the AST scan finds
"""

from __future__ import annotations

import ast
import asyncio
import functools
import importlib
import os
import pathlib
import sys
import types
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from typing import Any, Callable, TypeVar

import httpx

from kitsu_sdk._core.call import Op
from kitsu_sdk._operations import PUBLIC_MODULES
from kitsu_sdk.aio import AsyncKitsuClient

T = TypeVar("T")
OPERATIONS = pathlib.Path(__file__).resolve().parents[2] / "kitsu_sdk" / "_operations"

#: flow ("module.function") -> the tests that declared it with @covers.
COVERED: dict[str, list[str]] = {}
#: flows run through RecordingClient.run since the current @covers test started.
_RAN: set[str] = set()


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Drive one test's coroutine on a fresh event loop."""
    return asyncio.run(coroutine)


def _operation_of(binding_module: str, name: str) -> str:
    """The "op_module.function" that `aclient.<module>.<name>` runs."""
    public = binding_module.rsplit(".", 1)[-1]
    for op_module in PUBLIC_MODULES.get(public, ()):
        module = importlib.import_module(f"kitsu_sdk._operations.{op_module}")
        function = getattr(module, name, None)
        if getattr(function, "__module__", None) == module.__name__:
            return f"{op_module}.{name}"
    return f"{public}.{name}"


class RecordingClient(AsyncKitsuClient):
    """AsyncKitsuClient that notes which flows (operations answering a generator) it ran."""

    async def run(self, op: Op[T]) -> T:
        if isinstance(op, types.GeneratorType):
            # Named after the bound method that called run (`aclient.shot.new_shot`): the
            # generator itself may be a private helper the public operation returned.
            caller = sys._getframe(1)
            module = str(caller.f_globals.get("__name__", ""))
            if module.startswith("kitsu_sdk._bindings."):
                _RAN.add(_operation_of(module, caller.f_code.co_name))
            elif op.gi_frame is not None:
                op_module = str(op.gi_frame.f_globals.get("__name__", "")).rsplit(".", 1)[-1]
                _RAN.add(f"{op_module}.{op.__name__}")
        return await super().run(op)


def new_async_client(host: str, **kwargs: Any) -> RecordingClient:
    """An async client for `host`, with the local event host when known."""
    aclient = RecordingClient(host, **kwargs)
    event_host = os.environ.get("KITSU_EVENT_HOST")
    if event_host:
        aclient.set_event_host(event_host)
    return aclient


@asynccontextmanager
async def session(
    host: str, email: str, password: str, **options: Any
) -> AsyncIterator[RecordingClient]:
    """A logged-in async client (`options` go to AsyncKitsuClient); logs out (revoking its
    tokens) and closes at exit."""
    async with new_async_client(host, **options) as aclient:
        await aclient.log_in(email, password)
        yield aclient


def in_session(
    host: str,
    credentials: tuple[str, str],
    body: Callable[[RecordingClient], Coroutine[Any, Any, T]],
) -> T:
    """Run `body(aclient)` on a fresh event loop, with a client logged in for it."""

    async def main() -> T:
        async with session(host, *credentials) as aclient:
            return await body(aclient)

    return run(main())


def count_requests(aclient: AsyncKitsuClient) -> list[str]:
    """Every request the client sends from now on, as "METHOD /path?query" (an httpx hook)."""
    sent: list[str] = []

    async def hook(request: httpx.Request) -> None:
        sent.append(f"{request.method} {request.url.raw_path.decode()}")

    session_ = aclient.transport.session
    session_.event_hooks = {**session_.event_hooks, "request": [hook]}
    return sent


# -- the flows ------------------------------------------------------------------------------------


def _yields(function: ast.FunctionDef) -> bool:
    """True when the function's own body (not a nested def or lambda) yields."""
    stack: list[ast.AST] = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            return True
        stack.extend(ast.iter_child_nodes(node))
    return False


def _returns_flow(function: ast.FunctionDef) -> bool:
    returns = function.returns
    return (
        isinstance(returns, ast.Subscript)
        and isinstance(returns.value, ast.Name)
        and returns.value.id == "Flow"
    )


def public_flows() -> list[str]:
    """Every multi-step public operation, as "op_module.function": the public functions (in
    `__all__` when the module has one) of the operation modules behind kitsu_sdk's public modules
    (PUBLIC_MODULES, as scripts/gen_bindings.py reads them) that are generators, or that are
    declared `-> Flow[...]` and hand back a private generator (`return _close(path)`)."""
    found: set[str] = set()
    for name in sorted({m for modules in PUBLIC_MODULES.values() for m in modules}):
        tree = ast.parse((OPERATIONS / f"{name}.py").read_text())
        exported: Any = None
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
            ):
                exported = ast.literal_eval(node.value)
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            if exported is not None and node.name not in exported:
                continue
            if _yields(node) or _returns_flow(node):
                found.add(f"{name}.{node.name}")
    return sorted(found)


def covers(*flows: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Declare the flows a test runs through the async client; the test fails when one of them
    was not run through AsyncKitsuClient.run (a RecordingClient) while it ran."""

    def mark(test: Callable[..., None]) -> Callable[..., None]:
        for flow in flows:
            COVERED.setdefault(flow, []).append(f"{test.__module__}::{test.__name__}")

        @functools.wraps(test)
        def checked(*args: Any, **kwargs: Any) -> None:
            _RAN.clear()
            test(*args, **kwargs)
            missing = sorted(set(flows) - _RAN)
            assert not missing, f"declared but not run through AsyncKitsuClient: {missing}"

        return checked

    return mark


if __name__ == "__main__":
    for flow in public_flows():
        print(flow)
