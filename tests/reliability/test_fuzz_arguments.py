"""Every public function, fuzzed with the arguments a caller gets wrong (issue 11).

For each public function of each public module (as tests/integration/coverage_check.py lists
them; the operation-backed ones also through `client.<module>` and `aclient.<module>`), called
with generated arguments on a client whose transport is a fake Zou that records requests:

- the call works, or raises a KitsuError, a TypeError or a ValueError with a non-empty message
  of at most MESSAGE_LIMIT characters (never an echo of a 100 kB argument); nothing else escapes;
- an argument the SDK can refuse by itself (an id that is not one, an empty name, a bad date, a
  negative nb_frames, a path with no file or folder behind it, a callback that is not callable)
  is refused before any request;
- every request goes to the client's host and to one of the routes the function's docstring
  names (`Calls:`): no argument can change a route.

Hypothesis draws the arguments, derandomized (the same examples on every run), without
shrinking (a failure reports the first example, with its arguments echoed boundedly), within a
time budget; the number of examples run is printed at the end of the module.
"""

from __future__ import annotations

import asyncio
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Optional

import httpx
import pytest
import responses
from fuzz_support import (
    HOST,
    MESSAGE_LIMIT,
    SHAPES,
    FakeZou,
    Paths,
    Target,
    discover,
    refusable_argument,
    strategy_for,
    valid_for,
)
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from unit_helpers import make_jwt

import kitsu_sdk._client as client_module
from kitsu_sdk import KitsuClient
from kitsu_sdk._core.errors import APIError, KitsuError
from kitsu_sdk._core.refs import echo
from kitsu_sdk._core.retry import RetryPolicy
from kitsu_sdk.aio import AsyncKitsuClient

TARGETS = discover()
#: Examples per function, and what is left once the budget is spent (still a check, only lighter).
EXAMPLES = int(os.environ.get("KITSU_FUZZ_EXAMPLES", "15"))
EXAMPLES_PAST_BUDGET = 3
#: Seconds the whole module may take before the rest of the functions get EXAMPLES_PAST_BUDGET.
BUDGET = float(os.environ.get("KITSU_FUZZ_BUDGET", "75"))
ALLOWED = (KitsuError, TypeError, ValueError)
#: Other errors a function documents, as gazu raises them.
DOCUMENTED_ERRORS: dict[str, tuple[type[BaseException], ...]] = {
    # "KeyError for an id the map lacks", as gazu's convert_id_list.
    "kitsu_sdk._operations.sync.convert_id_list": (KeyError,),
}
TOKEN = {"access_token": make_jwt(7 * 86400), "refresh_token": make_jwt(30 * 86400)}


class FakeSocket:
    """What gazu's event helpers are given as `event_client`."""

    def __init__(self) -> None:
        self.handlers: dict[str, Any] = {}

    def on(self, name: str, handler: Any = None, namespace: Any = None) -> Any:
        self.handlers[name] = handler
        return handler

    def wait(self) -> None:
        return None


@dataclass
class Bench:
    zou: FakeZou
    paths: Paths
    loop: asyncio.AbstractEventLoop
    started: float = field(default_factory=time.monotonic)
    examples: int = 0
    by_via: dict[str, int] = field(default_factory=dict)
    refused: int = 0
    requests: int = 0
    shape_retries: int = 0

    def sync_client(self) -> KitsuClient:
        return KitsuClient(
            HOST, token=TOKEN, retry=RetryPolicy(sleep=lambda _s: None, random=lambda: 0.0)
        )

    def async_client(self) -> AsyncKitsuClient:
        async def no_sleep(_seconds: float) -> None:
            return None

        async def build() -> AsyncKitsuClient:
            # Built on the fuzz's loop: on Python 3.9 asyncio locks bind to the current loop.
            return AsyncKitsuClient(
                HOST,
                token=TOKEN,
                retry=RetryPolicy(sleep=lambda _s: None, random=lambda: 0.0, async_sleep=no_sleep),
                http_transport=httpx.MockTransport(self.zou.httpx_handler),
            )

        return self.loop.run_until_complete(build())


@pytest.fixture(scope="module")
def bench(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[Bench]:
    root = tmp_path_factory.mktemp("fuzz")
    cwd = root / "work" / "deep" / "er"
    cwd.mkdir(parents=True)
    existing = root / "work" / "frame.png"
    existing.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    figures = _figures(request)
    zou = FakeZou()
    loop = asyncio.new_event_loop()
    saved_default = client_module._default_client
    with (
        pytest.MonkeyPatch.context() as patch,
        responses.RequestsMock(assert_all_requests_are_fired=False) as mock,
    ):
        patch.chdir(cwd)  # relative paths with ../ stay in the temporary folder
        for method in ("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"):
            mock.add_callback(method, re.compile(r".*"), callback=zou.requests_callback)
        state = Bench(zou, Paths(root, cwd, existing), loop)
        try:
            yield state
        finally:
            client_module._default_client = saved_default
            loop.close()
    took = time.monotonic() - state.started
    vias = ", ".join(f"{via} {count}" for via, count in sorted(state.by_via.items()))
    line = (
        f"fuzz: {state.examples} examples over {len(TARGETS)} public functions in {took:.0f} s "
        f"({vias}); {state.refused} refusable inputs refused before any request; "
        f"{state.requests} requests to the fake Zou ({state.shape_retries} calls replayed with "
        "another answer shape)"
    )
    if figures is not None:  # tests/reliability/conftest.py prints them in the summary
        figures.append(line)
    else:  # pragma: no cover - without that conftest
        print(line)


def _figures(request: pytest.FixtureRequest) -> Optional[list[str]]:
    try:
        found: list[str] = request.getfixturevalue("reliability_figures")
    except pytest.FixtureLookupError:
        return None
    return found


@dataclass
class Outcome:
    error: Optional[BaseException]
    sent: list[Any]
    capped: bool


def _vias(target: Target) -> list[str]:
    if not target.generated:
        return ["direct"]
    vias = ["module", "module-default", "namespace"]
    if target.namespace and hasattr(AsyncKitsuClient, target.namespace):
        vias.append("async")
    return vias


def _client_for(target: Target, name: str, sync: KitsuClient, aclient: AsyncKitsuClient) -> Any:
    if name == "event_client":
        return FakeSocket()
    if target.key.startswith("kitsu_sdk.aio."):
        return aclient
    return sync


def _call(
    bench: Bench, target: Target, via: str, args: dict[str, Any], shape: Optional[str]
) -> Outcome:
    """Run the function once on fresh clients; what it raised and what it sent."""
    bench.zou.reset(shape)
    sync = bench.sync_client()
    aclient = bench.async_client()
    client_module._default_client = bench.sync_client()
    kwargs = dict(args)
    positional: list[Any] = []
    for param in target.params:
        if target.kinds[param.name] == "client":
            kwargs[param.name] = _client_for(target, param.name, sync, aclient)
        if param.kind is param.VAR_POSITIONAL:
            positional = list(kwargs.pop(param.name, []))
    name = target.key.rsplit(".", 1)[1]
    error: Optional[BaseException] = None
    try:
        if via == "module-default":
            kwargs["client"] = None
            target.func(**kwargs)
        elif via == "namespace":
            kwargs.pop("client", None)
            getattr(getattr(sync, str(target.namespace)), name)(**kwargs)
        elif via == "async":
            kwargs.pop("client", None)
            method = getattr(getattr(aclient, str(target.namespace)), name)
            bench.loop.run_until_complete(asyncio.wait_for(method(**kwargs), 30))
        elif target.is_async:
            bench.loop.run_until_complete(asyncio.wait_for(target.func(*positional, **kwargs), 30))
        else:
            target.func(*positional, **kwargs)
    except BaseException as raised:  # noqa: BLE001 - judged below, KeyboardInterrupt aside
        if isinstance(raised, KeyboardInterrupt):
            raise
        error = raised
    finally:
        if aclient._transport is not None:
            bench.loop.run_until_complete(aclient.close())
    return Outcome(error, list(bench.zou.sent), bench.zou.capped)


def _shown(args: dict[str, Any]) -> str:
    return ", ".join(f"{key}={echo(value, 60)}" for key, value in args.items())


def _sent(outcome: Outcome) -> str:
    shown = [f"{s.method} {echo(s.api_path or s.url, 300)}" for s in outcome.sent[:3]]
    more = f" (+{len(outcome.sent) - 3})" if len(outcome.sent) > 3 else ""
    return ", ".join(shown) + more


def _problem(bench: Bench, target: Target, via: str, args: dict[str, Any]) -> Optional[str]:
    """What is wrong with this call, or None."""
    wrong = [
        name
        for name, value in args.items()
        if refusable_argument(target.key, name, target.kinds[name], value, args, bench.paths)
    ]
    outcome = _call(bench, target, via, args, None)
    if outcome.error is not None and not isinstance(outcome.error, ALLOWED) and outcome.sent:
        # Maybe the fake's answer had the wrong shape for this route: try the other shapes.
        for shape in SHAPES:
            bench.shape_retries += 1
            other = _call(bench, target, via, args, shape)
            if other.error is None or isinstance(other.error, ALLOWED):
                outcome = other
                break
    bench.requests += len(outcome.sent)
    error = outcome.error
    if outcome.capped:
        return f"made more than {len(outcome.sent) - 1} requests (a loop?): {_sent(outcome)}"
    documented = DOCUMENTED_ERRORS.get(target.key, ())
    if error is not None and not isinstance(error, ALLOWED + documented):
        return f"raised {type(error).__name__}: {echo(str(error), 200)}"
    if error is not None:
        message = str(error)
        # An APIError quotes the server's message (cut at 500 characters by the SDK) after its
        # status, method and path: its own echo of the request is what must stay bounded.
        limit = MESSAGE_LIMIT + 300 if isinstance(error, APIError) else MESSAGE_LIMIT
        if not message.strip():
            return f"raised {type(error).__name__} with an empty message"
        if len(message) > limit:
            return (
                f"raised {type(error).__name__} with a {len(message)}-character message: "
                f"{echo(message, 160)}"
            )
    if wrong:
        if outcome.sent:
            return f"sent {_sent(outcome)} although {', '.join(wrong)} can be refused"
        if error is None:
            return f"accepted {', '.join(wrong)} (refusable) without an error"
        bench.refused += 1
    for sent in outcome.sent:
        if sent.api_path is None:
            if not target.any_host:
                return f"sent a request to another host: {sent.method} {echo(sent.url, 120)}"
            continue
        if target.routes and not target.raw_path:
            if not any(route.fullmatch(sent.api_path) for route in target.routes):
                return f"sent {sent.method} {echo(sent.api_path, 300)}, not a route it names"
    return None


def _budgeted(bench: Bench) -> int:
    return EXAMPLES if time.monotonic() - bench.started < BUDGET else EXAMPLES_PAST_BUDGET


@pytest.mark.parametrize("target", TARGETS, ids=[t.key.replace("kitsu_sdk.", "") for t in TARGETS])
def test_arguments_are_checked_and_errors_bounded(bench: Bench, target: Target) -> None:
    fuzzable = [p.name for p in target.params if target.kinds[p.name] not in ("client", "skip")]
    full = {name: strategy_for(target.kinds[name], bench.paths) for name in fuzzable}
    valid = {name: valid_for(target.kinds[name], bench.paths) for name in fuzzable}
    defaults = {p.name for p in target.params if p.default is not p.empty}
    vias = _vias(target)
    # "focus": one argument from everything, the others valid (so that each check is reached);
    # "wild": every argument from everything; "valid": a correct call.
    modes = ["focus", "focus", "focus", "wild", "valid"] if fuzzable else ["valid"]

    @settings(
        max_examples=_budgeted(bench),
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        mode = data.draw(st.sampled_from(modes), label="mode")
        focus = data.draw(st.sampled_from(fuzzable), label="focus") if mode == "focus" else None
        args: dict[str, Any] = {}
        for name in fuzzable:
            if name != focus and name in defaults and not data.draw(st.booleans(), label="pass"):
                continue
            strategy = full[name] if mode == "wild" or name == focus else valid[name]
            args[name] = data.draw(strategy, label=name)
        via = data.draw(st.sampled_from(vias), label="via")
        bench.examples += 1
        bench.by_via[via] = bench.by_via.get(via, 0) + 1
        problem = _problem(bench, target, via, args)
        if problem is not None:
            raise AssertionError(f"{target.key} via {via}({_shown(args)}): {problem}")

    failed = None
    try:
        check()
    except AssertionError as failure:
        # Hypothesis notes the drawn values unbounded (100 kB strings): report ours instead.
        failed = str(failure).split("\n", 1)[0][:3000]
    if failed is not None:
        pytest.fail(failed, pytrace=False)


def test_every_module_is_fuzzed() -> None:
    """The discovery found the operation-backed functions of every public module."""
    modules = {t.key.rsplit(".", 1)[0] for t in TARGETS if t.generated}
    assert {"kitsu_sdk.shot", "kitsu_sdk.task", "kitsu_sdk.files", "kitsu_sdk._raw"} <= modules
    assert sum(t.generated for t in TARGETS) > 500
    unnamed = [t.key for t in TARGETS if t.generated and not t.routes and not t.raw_path]
    assert len(unnamed) < 40, unnamed
