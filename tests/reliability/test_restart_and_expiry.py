"""A Zou API restart in the middle of a workload, and access tokens that expire every few seconds
during a minute-long workload: no failure, no entity lost or made twice, sync and async alike.

The restart (`scripts/local-kitsu.sh restart-api`, about 10 s, also restarting the short-token
server) is done once per run, and only on the local server this project's script started. While
it is down, connections are refused: a request that never left is safe to send again, whatever
its method, and the SDK retries it. Then, while the new workers boot, connections are accepted
and answered late: a request just waits, within its read timeout (60 s by default). The default
retry policy gives up after 3 retries, 1.75 to 3.5 s of waiting in all: about as long as the
refused phase (2.4 s on an idle machine, longer on a loaded one), so whether a client with the
default policy survives a restart is chance (the observer below reports it: in one run it failed
with "connection refused", in others not). A client meant to ride one out needs a policy whose
least total wait exceeds that phase: RESTART_POLICY waits at least 31.75 s (11 retries, backoff
0.5 s doubling, capped at 8 s). The test measures both phases, checks the bound against the
refused one, and reports what a client with the default policy saw meanwhile.

Token expiry runs on the short-token server (KITSU_SHORT_TOKEN_HOST, access tokens of 4 s)
through a pass-through proxy that counts Zou's 401 answers: clients that refresh ahead of
expiry (the default) and clients that only renew after a 401 (refresh_margin pushed out of
reach) work side by side, several requests in flight each.
"""

from __future__ import annotations

import asyncio
import http.client
import os
import pathlib
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import urlsplit

import pytest
from fault_proxy import FaultProxy
from it_helpers import missing, unique
from it_media import write_png
from test_workload_under_faults import (
    Api,
    Workload,
    async_api,
    log_in,
    sync_api,
    verify_units,
)

from kitsu_sdk import KitsuClient
from kitsu_sdk._core.auth import jwt_claims
from kitsu_sdk._core.retry import RetryPolicy
from kitsu_sdk.exception import KitsuError

SCRIPT = pathlib.Path(__file__).resolve().parents[2] / "scripts" / "local-kitsu.sh"
#: Sized for a restart of about 10 s on a loaded machine, with room to spare (see the docstring).
RESTART_POLICY: dict[str, Any] = {"max_retries": 11, "backoff_factor": 0.5, "max_backoff": 8.0}
#: Seconds the script may take to restart the API (it waits for health itself).
RESTART_TIMEOUT = 240
#: Units each workload completes after the restart before it stops.
UNITS_AFTER_RESTART = 3
#: Seconds the token-expiry workload runs (~15 lifetimes of a 4 s token).
EXPIRY_SECONDS = float(os.environ.get("KITSU_EXPIRY_SECONDS", "60"))


def total_waits(policy: RetryPolicy) -> tuple[float, float]:
    """The least and the most a policy waits in all before it gives up (jitter on the upper
    half of each backoff), when no Retry-After is given."""
    bases = [
        min(policy.max_backoff, policy.backoff_factor * 2**attempt)
        for attempt in range(policy.max_retries)
    ]
    return sum(base / 2 for base in bases), sum(bases)


def test_restart_policy_bound() -> None:
    """What the docstring says of the two policies, computed from the policy itself."""
    assert total_waits(RetryPolicy()) == (1.75, 3.5)
    least, _ = total_waits(RetryPolicy(**RESTART_POLICY))
    assert least == 31.75


# -- a restart of the API ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def restartable(kitsu_host: str) -> str:
    """The API this project's script runs, which may be restarted; skipped otherwise (a server
    given by KITSU_HOST that the script did not start is not ours to restart)."""
    if not SCRIPT.is_file():
        missing(f"{SCRIPT} is not there")
    host = urlsplit(kitsu_host)
    port = os.environ.get("KITSU_API_PORT", "5000")
    if host.hostname not in ("127.0.0.1", "localhost") or str(host.port) != port:
        pytest.skip(f"{kitsu_host} is not the local server scripts/local-kitsu.sh runs")
    status = subprocess.run(
        ["bash", str(SCRIPT), "status"], capture_output=True, text=True, timeout=60
    )
    api = [line for line in status.stdout.splitlines() if line.startswith("api ")]
    if not api or " up " not in api[0] or "ours" not in api[0]:
        pytest.skip(f"the local API is not one scripts/local-kitsu.sh started: {api}")
    return kitsu_host


class OutageProbe:
    """Asks `GET /` every 0.1 s (1 s timeout) in a thread: when the API refused connections,
    and when it accepted them without answering within a second (workers still booting)."""

    def __init__(self, host: str) -> None:
        parts = urlsplit(host)
        self.address = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.stop = threading.Event()
        self.refused: list[float] = []
        self.silent: list[float] = []
        self.thread = threading.Thread(target=self._run, name="outage-probe", daemon=True)

    def _run(self) -> None:
        while not self.stop.wait(0.1):
            connection = http.client.HTTPConnection(*self.address, timeout=1.0)
            try:
                connection.request("GET", "/")
                connection.getresponse().read()
            except ConnectionRefusedError:
                self.refused.append(time.monotonic())
            except (OSError, http.client.HTTPException):
                self.silent.append(time.monotonic())
            finally:
                connection.close()

    def __enter__(self) -> OutageProbe:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=5)

    @staticmethod
    def _span(times: list[float]) -> float:
        return (times[-1] - times[0] + 0.1) if times else 0.0

    @property
    def seconds(self) -> float:
        """From the first failure to the last, whatever it was."""
        return self._span(sorted(self.refused + self.silent))

    @property
    def refused_seconds(self) -> float:
        """How long connections were refused: what retries must outlast (a connection that is
        accepted waits for its answer within the read timeout)."""
        return self._span(self.refused)


@dataclass
class Observer:
    """A client with the default retry policy reading in a loop during the restart: what a
    client not sized for restarts sees (reported, not asserted)."""

    client: KitsuClient
    project: dict[str, Any]
    reads: int = 0
    errors: list[str] = field(default_factory=list)

    def run(self, stop: threading.Event) -> None:
        while not stop.wait(0.2):
            try:
                self.client.project.get_project(self.project)
                self.reads += 1
            except KitsuError as error:
                self.errors.append(f"{type(error).__name__}: {error}"[:200])


def restart_api() -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(SCRIPT), "restart-api"],
        capture_output=True,
        text=True,
        timeout=RESTART_TIMEOUT,
    )


async def _restart_during(
    workloads: list[Workload], observer: Observer
) -> subprocess.CompletedProcess[str]:
    """Run the units of every workload; restart the API once each has made a few; stop each
    UNITS_AFTER_RESTART units after the restart is over."""
    restarted: dict[int, int] = {}
    deadline = time.monotonic() + RESTART_TIMEOUT + 120

    def keep_going(workload: Workload) -> Callable[[], bool]:
        def check() -> bool:
            if time.monotonic() > deadline:
                return False
            after = restarted.get(id(workload))
            return after is None or len(workload.built.shots) < after + UNITS_AFTER_RESTART

        return check

    runs = [asyncio.ensure_future(w.units("E01_SQ01", keep_going(w), workers=3)) for w in workloads]
    while any(len(w.built.shots) < 3 for w in workloads):
        if any(run.done() for run in runs):
            break  # a workload failed before the restart: its error is raised below
        await asyncio.sleep(0.1)
    stop_observer = threading.Event()
    observer_thread = threading.Thread(target=observer.run, args=(stop_observer,), daemon=True)
    observer_thread.start()
    loop = asyncio.get_running_loop()
    try:
        result = await loop.run_in_executor(None, restart_api)
    finally:
        for workload in workloads:
            restarted[id(workload)] = len(workload.built.shots)
        stop_observer.set()
        observer_thread.join(timeout=30)
    await asyncio.gather(*runs)
    return result


@pytest.mark.integration
def test_workload_rides_out_an_api_restart(
    restartable: str,
    kitsu_credentials: tuple[str, str],
    admin_client: KitsuClient,
    close_afterwards: Callable[[dict[str, Any]], None],
    reliability_figures: list[str],
    tmp_path: pathlib.Path,
) -> None:
    host = restartable
    png = write_png(tmp_path / "preview.png")
    policy: dict[str, Any] = {"retry": RetryPolicy(**RESTART_POLICY)}
    apis = {"sync": sync_api(host, **policy), "async": async_api(host, **policy)}
    workloads: dict[str, Workload] = {}
    observer = Observer(KitsuClient(host, token=dict(admin_client.tokens)), {})

    async def main() -> subprocess.CompletedProcess[str]:
        try:
            for kind, api in apis.items():
                await log_in(api, kitsu_credentials)
                downloads = tmp_path / kind
                downloads.mkdir()
                workload = workloads[kind] = Workload(api, png, downloads)
                close_afterwards(await workload.start(unique(f"restart-{kind}")))
                await workload.episode("E01")
                await workload.sequence("E01", "E01_SQ01")
            observer.project = workloads["sync"].built.project
            with OutageProbe(host) as probe:
                result = await _restart_during(list(workloads.values()), observer)
            figures["outage"] = probe.seconds
            figures["refused"] = probe.refused_seconds
            return result
        finally:
            for api in apis.values():
                await _close(api)
            observer.client.close()

    figures: dict[str, float] = {}
    started = time.monotonic()
    result = asyncio.run(asyncio.wait_for(main(), RESTART_TIMEOUT + 240))
    assert result.returncode == 0, f"restart-api failed: {result.stderr[-2000:]}"

    outage, refused = figures["outage"], figures["refused"]
    least, _ = total_waits(RetryPolicy(**RESTART_POLICY))
    default_least, default_most = total_waits(RetryPolicy())
    lines = []
    for kind, workload in workloads.items():
        tally = verify_units(admin_client, workload.built, "E01_SQ01")
        lines.append(
            f"{kind}: units {len(workload.built.shots)}, {tally.line()}, "
            f"POSTs reset in the backlog {len(workload.errors)}"
        )
        assert tally.problems == [], (kind, tally.problems)
        # Riding it out: no refused connection, timeout or error status reached the workload.
        # One race is allowed (and reported): a connection the kernel had accepted into the
        # listen backlog is reset when gunicorn closes its socket; the client cannot tell a
        # POST lost there from one Zou did, so the SDK raises and the TD's lookup decides.
        unexpected = [e for e in workload.errors if not backlog_reset(e)]
        assert unexpected == [], (kind, unexpected)
    reliability_figures.append(
        f"API restart [{time.monotonic() - started:.0f} s]: outage {outage:.1f} s measured "
        f"(connections refused {refused:.1f} s, then accepted but unanswered); "
        f"restart policy waits >= {least:.2f} s, default policy {default_least:.2f}-"
        f"{default_most:.2f} s; {'; '.join(lines)}; default-policy observer: "
        f"{observer.reads} reads, {len(observer.errors)} errors {observer.errors[:2]}"
    )
    assert outage > 0, "the probe never saw the API down: was it restarted?"
    assert refused < least, f"refused for {refused:.1f} s: more than the policy's {least} s"


def backlog_reset(error: str) -> bool:
    """A POST whose connection was reset before an answer came (see the restart test)."""
    return "KitsuConnectionError" in error and "closed before an answer came" in error


async def _close(api: Api) -> None:
    await api.close()
    if api.pool is not None:
        api.pool.shutdown(wait=False)


# -- token expiry ------------------------------------------------------------------------------


@pytest.fixture
def short_proxy(short_token_host: str) -> Iterator[FaultProxy]:
    """A pass-through proxy in front of the short-token server: it counts Zou's 401s."""
    with FaultProxy(
        short_token_host, max_seconds=EXPIRY_SECONDS + 180, max_requests=50_000
    ) as proxy:
        yield proxy


def _make_api(kind: str, host: str) -> Api:
    return sync_api(host) if kind == "sync" else async_api(host)


@pytest.mark.integration
def test_token_expiry_during_a_long_workload(
    short_proxy: FaultProxy,
    kitsu_credentials: tuple[str, str],
    close_afterwards: Callable[[dict[str, Any]], None],
    admin_client: KitsuClient,
    reliability_figures: list[str],
    tmp_path: pathlib.Path,
) -> None:
    png = write_png(tmp_path / "preview.png")
    # (kind, renews ahead of expiry): the reactive ones only renew after Zou answers 401.
    variants = [("sync", True), ("sync", False), ("async", True), ("async", False)]
    workloads: dict[str, Workload] = {}
    lifetimes: list[float] = []

    async def main() -> None:
        apis: list[Api] = []
        try:
            for kind, ahead in variants:
                label = f"{kind}-{'ahead' if ahead else 'after-401'}"
                api = _make_api(kind, short_proxy.url)
                apis.append(api)
                await log_in(api, kitsu_credentials)
                claims = jwt_claims(api.client.tokens.get("access_token"))
                lifetimes.append(float(claims.get("exp", 0)) - float(claims.get("iat", 0)))
                if not ahead:
                    api.client.auth.refresh_margin = -3600.0  # never ahead: after a 401 only
                downloads = tmp_path / label
                downloads.mkdir()
                workload = workloads[label] = Workload(api, png, downloads)
                close_afterwards(await workload.start(unique(f"expiry-{label}")))
                await workload.episode("E01")
                await workload.sequence("E01", "E01_SQ01")
            deadline = time.monotonic() + EXPIRY_SECONDS

            def keep_going() -> bool:
                return time.monotonic() < deadline

            await asyncio.gather(
                *(w.units("E01_SQ01", keep_going, workers=2) for w in workloads.values())
            )
        finally:
            for api in apis:
                await _close(api)

    started = time.monotonic()
    asyncio.run(asyncio.wait_for(main(), EXPIRY_SECONDS + 150))
    elapsed = time.monotonic() - started

    lifetime = max(lifetimes)
    assert 0 < lifetime <= 30, f"{short_proxy.upstream_port} gives {lifetime} s tokens: not short"
    lines = []
    for label, workload in workloads.items():
        tally = verify_units(admin_client, workload.built, "E01_SQ01")
        refreshes = workload.api.client.refresh_count
        lines.append(f"{label}: units {len(workload.built.shots)}, refreshes {refreshes}")
        assert tally.problems == [], (label, tally.problems)
        assert workload.lost == {}, (label, dict(workload.lost))
        assert len(workload.built.shots) >= 3, label
        # The token expired again and again during the run, and was renewed every time.
        assert refreshes >= EXPIRY_SECONDS / (3 * lifetime), (label, refreshes)
    figures = short_proxy.figures()
    unauthorized = short_proxy.statuses[401]
    reliability_figures.append(
        f"token expiry [{elapsed:.0f} s, {lifetime:.0f} s tokens]: requests {figures['received']}, "
        f"401 answers {unauthorized}, refresh calls {short_proxy.count('GET', r'^/auth/refresh')}"
        f"; {'; '.join(lines)}"
    )
    reactive = sum(w.api.client.refresh_count for k, w in workloads.items() if "401" in k)
    assert unauthorized >= reactive > 0  # the after-401 clients did meet expired tokens
