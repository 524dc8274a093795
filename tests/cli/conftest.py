"""Fixtures of the `kitsu` command's tests: a clean environment with a config dir of the test's
own, and `kitsu(...)` running the command in-process (click's CliRunner)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Optional

import pytest
from cli_helpers import Kitsu
from click.testing import CliRunner, Result

KITSU_VARS = [
    "KITSU_HOST", "KITSU_EVENT_HOST", "KITSU_TOKEN", "KITSU_LOGIN", "KITSU_PASSWORD",
    "KITSU_TIMEOUT", "KITSU_CA_BUNDLE", "KITSU_PROJECT", "GAZU_PROJECT",
]  # fmt: skip


@pytest.fixture(scope="session")
def live_env() -> dict[str, str]:
    """The real Zou's KITSU_* variables, read before any test clears them (integration only)."""
    found = {name: os.environ[name] for name in KITSU_VARS if os.environ.get(name)}
    if "KITSU_HOST" not in found or "KITSU_LOGIN" not in found or "KITSU_PASSWORD" not in found:
        reason = (
            "KITSU_HOST, KITSU_LOGIN and KITSU_PASSWORD are needed (scripts/local-kitsu.sh env)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return found


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No KITSU_* variable and an empty config dir (XDG_CONFIG_HOME) for the test."""
    for name in KITSU_VARS:
        monkeypatch.delenv(name, raising=False)
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    yield home


@pytest.fixture
def kitsu(config_home: Path) -> Kitsu:
    """Run `kitsu ARGS...` in-process; `env=` adds variables for this run only."""
    from kitsu_sdk.cli._app import cli

    def run(
        *args: str, env: Optional[dict[str, Any]] = None, input: Optional[str] = None
    ) -> Result:
        try:  # click < 8.2 (Python 3.9) mixes stderr into stdout unless told not to
            runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
        except TypeError:  # click >= 8.2: always apart
            runner = CliRunner()
        return runner.invoke(cli, list(args), env=env, input=input, catch_exceptions=False)

    return run
