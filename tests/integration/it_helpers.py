"""Helpers shared by integration tests (import as `from it_helpers import ...`)."""

from __future__ import annotations

import os
import uuid
from typing import Any

import pytest

from kitsu_sdk import KitsuClient


def missing(reason: str) -> None:
    """Fail in CI (a missing server is an error there), skip elsewhere."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"integration server unavailable in CI: {reason}", pytrace=False)
    pytest.skip(f"no Kitsu server: {reason} (run: bash scripts/run-tests.sh)")


def require_env(name: str) -> str:
    """The value of a KITSU_* variable; fails in CI and skips elsewhere when it is unset."""
    value = os.environ.get(name)
    if not value:
        missing(f"{name} is not set")
    return str(value)


def new_client(host: str, **kwargs: Any) -> KitsuClient:
    """A client for `host` with the event host of the local server when known."""
    client = KitsuClient(host, **kwargs)
    event_host = os.environ.get("KITSU_EVENT_HOST")
    if event_host:
        client.set_event_host(event_host)
    return client


def unique(prefix: str = "it") -> str:
    """A name no other test run uses."""
    return f"{prefix}-{uuid.uuid4().hex[:8]}"
