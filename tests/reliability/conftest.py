"""Fixtures for the reliability suite: the real Zou (KITSU_* variables, as tests/integration), the
fault proxy, throwaway projects, and the figures each test reports at the end of the run.

A test that uses a server fixture (`kitsu_host`, `admin_client`, `short_token_host`,
`project_factory`, `fault_proxy`) is marked `integration`, so `-m "not integration"` leaves it
out; like the integration suite, a missing server fails the run in CI (CI=true) and skips
elsewhere. Tests that need no server are left unmarked.
"""

from __future__ import annotations

import os
import pathlib
import sys
from collections.abc import Iterator
from typing import Any, Callable

import pytest

HERE = pathlib.Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "integration"))

from fault_proxy import FaultProxy  # noqa: E402
from it_helpers import missing, new_client, require_env, unique  # noqa: E402

from kitsu_sdk import KitsuClient  # noqa: E402

SERVER_FIXTURES = frozenset(
    {
        "kitsu_host",
        "admin_client",
        "short_token_host",
        "project_factory",
        "fault_proxy",
        "close_afterwards",
    }
)

#: Lines each test adds with `reliability_figures`, printed in the terminal summary.
FIGURES: list[str] = []


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE not in pathlib.Path(str(item.fspath)).parents:
            continue
        if SERVER_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.integration)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not FIGURES:
        return
    terminalreporter.section("reliability figures")
    for line in FIGURES:
        terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def reliability_figures() -> list[str]:
    """Append lines here (requests made, faults by kind, entities expected/found…)."""
    return FIGURES


@pytest.fixture(scope="session")
def kitsu_host() -> str:
    return require_env("KITSU_HOST")


@pytest.fixture(scope="session")
def kitsu_credentials() -> tuple[str, str]:
    return require_env("KITSU_LOGIN"), require_env("KITSU_PASSWORD")


@pytest.fixture(scope="session")
def short_token_host() -> str:
    """The Zou whose access tokens last a few seconds (scripts/local-kitsu.sh)."""
    return require_env("KITSU_SHORT_TOKEN_HOST")


@pytest.fixture(scope="session")
def admin_client(kitsu_host: str, kitsu_credentials: tuple[str, str]) -> Iterator[KitsuClient]:
    """An admin client talking to Zou directly (never through a proxy): what the server holds."""
    client = new_client(kitsu_host)
    if not client.host_is_valid():
        missing(f"{kitsu_host} does not answer like Zou")
    token = os.environ.get("KITSU_TOKEN")
    if token and not os.environ.get("KITSU_LOGIN"):
        client.set_token(token)
    else:
        client.log_in(*kitsu_credentials)
    yield client
    client.close()


def close_project(client: KitsuClient, project: dict[str, Any]) -> None:
    closed = client.get("data/project-status", params={"name": "Closed"})
    if closed:
        client.put(f"data/projects/{project['id']}", {"project_status_id": closed[0]["id"]})


@pytest.fixture(scope="module")
def project_factory(
    admin_client: KitsuClient, request: pytest.FixtureRequest
) -> Iterator[Callable[..., dict[str, Any]]]:
    """`make(prefix, production_type="tvshow")`: a throwaway project made directly on Zou,
    closed at the end of the module."""
    made: list[dict[str, Any]] = []
    module = request.module.__name__.rsplit(".", 1)[-1]

    def make(prefix: str = "", production_type: str = "tvshow") -> dict[str, Any]:
        name = unique(f"{prefix or module}")
        project: dict[str, Any] = admin_client.post(
            "data/projects", {"name": name, "production_type": production_type}
        )
        made.append(project)
        return project

    yield make
    for project in made:
        close_project(admin_client, project)


@pytest.fixture
def close_afterwards(admin_client: KitsuClient) -> Iterator[Callable[[dict[str, Any]], None]]:
    """`close_afterwards(project)`: close a project the test made (through the SDK under test)
    when the test ends."""
    projects: list[dict[str, Any]] = []
    yield projects.append
    for project in projects:
        close_project(admin_client, project)


@pytest.fixture
def fault_proxy(kitsu_host: str, admin_client: KitsuClient) -> Iterator[FaultProxy]:
    """A fault proxy in front of the real Zou, for one test (at most 2 minutes, 2,000 requests)."""
    with FaultProxy(kitsu_host, max_seconds=120, max_requests=2000) as proxy:
        yield proxy
