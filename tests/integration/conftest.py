"""Fixtures for the integration suite: a real Zou, reached through KITSU_* variables.

`bash scripts/run-tests.sh` brings a local Zou up and exports them (see scripts/local-kitsu.sh env).
In CI (CI=true) a missing server fails the run; elsewhere the suite skips with one line.
"""

from __future__ import annotations

import os
import pathlib
from collections.abc import Iterator
from typing import Any

import coverage_check
import pytest
from it_helpers import missing, new_client, require_env, unique

from kitsu_sdk import KitsuClient

HERE = pathlib.Path(__file__).parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in pathlib.Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.integration)


def pytest_runtest_call(item: pytest.Item) -> None:
    if HERE in pathlib.Path(str(item.fspath)).parents:
        coverage_check.start()


def pytest_runtest_teardown(item: pytest.Item) -> None:
    coverage_check.stop()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not coverage_check.called:
        return
    gaps = coverage_check.uncovered()
    terminalreporter.section("public functions no integration test called")
    terminalreporter.write_line(f"{len(gaps)} uncovered")
    for name in gaps:
        terminalreporter.write_line(f"  {name}")


@pytest.fixture(scope="session")
def kitsu_host() -> str:
    return require_env("KITSU_HOST")


@pytest.fixture(scope="session")
def kitsu_credentials() -> tuple[str, str]:
    return require_env("KITSU_LOGIN"), require_env("KITSU_PASSWORD")


@pytest.fixture(scope="session")
def admin_client(kitsu_host: str) -> Iterator[KitsuClient]:
    """A client with admin rights for the whole run: KITSU_LOGIN/KITSU_PASSWORD, or KITSU_TOKEN
    (a bot token) when no login is given."""
    client = new_client(kitsu_host)
    if not client.host_is_valid():
        missing(f"{kitsu_host} does not answer like Zou")
    token = os.environ.get("KITSU_TOKEN")
    if token and not os.environ.get("KITSU_LOGIN"):
        client.set_token(token)
    else:
        client.log_in(require_env("KITSU_LOGIN"), require_env("KITSU_PASSWORD"))
    yield client
    client.close()


@pytest.fixture(scope="session")
def client(admin_client: KitsuClient) -> KitsuClient:
    """Alias: most tests just need a logged-in client."""
    return admin_client


def _close_project(client: KitsuClient, project: dict[str, Any]) -> None:
    closed = client.get("data/project-status", params={"name": "Closed"})
    if closed:
        client.put(f"data/projects/{project['id']}", {"project_status_id": closed[0]["id"]})


@pytest.fixture(scope="module")
def project(admin_client: KitsuClient, request: pytest.FixtureRequest) -> Iterator[dict[str, Any]]:
    """A throwaway TV-show project for one test module, closed afterwards."""
    name = unique(request.module.__name__.rsplit(".", 1)[-1])
    created = admin_client.post("data/projects", {"name": name, "production_type": "tvshow"})
    yield created
    _close_project(admin_client, created)


@pytest.fixture(scope="module")
def feature_project(
    admin_client: KitsuClient, request: pytest.FixtureRequest
) -> Iterator[dict[str, Any]]:
    """A throwaway feature-film project (no episodes), closed afterwards."""
    name = unique("film-" + request.module.__name__.rsplit(".", 1)[-1])
    created = admin_client.post("data/projects", {"name": name, "production_type": "featurefilm"})
    yield created
    _close_project(admin_client, created)
