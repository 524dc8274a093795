"""Unit-test fixtures: a client on a fake host, with `responses` intercepting every request."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import responses
from unit_helpers import HOST, make_jwt, url  # noqa: F401 - re-exported for old imports

from kitsu_sdk import KitsuClient
from kitsu_sdk._core.retry import RetryPolicy


@pytest.fixture
def sleeps() -> list[float]:
    """The delays the retry policy asked for (nothing really sleeps)."""
    return []


@pytest.fixture
def api() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def client(sleeps: list[float]) -> KitsuClient:
    """A client for HOST with a valid-looking token and a retry policy that never sleeps."""
    return KitsuClient(
        HOST,
        token={"access_token": make_jwt(), "refresh_token": make_jwt(86400)},
        retry=RetryPolicy(sleep=sleeps.append, random=lambda: 0.0),
    )
