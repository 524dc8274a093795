"""Unit-test fixtures: a client on a fake host, with `responses` intercepting every request."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
import responses

from kitsu_sdk import KitsuClient
from kitsu_sdk._transport import RetryPolicy

HOST = "http://kitsu.test/api"


def make_jwt(
    exp_in: float = 3600.0,
    sub: str = "11111111-1111-1111-1111-111111111111",
    iat_ago: float = 0.0,
) -> str:
    """An unsigned JWT-shaped token (the SDK reads `exp`/`sub`, never verifies)."""

    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    now = time.time()
    return ".".join(
        [part({"alg": "HS256"}), part({"sub": sub, "exp": now + exp_in, "iat": now - iat_ago}), "sig"]
    )


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


def url(path: str) -> str:
    return f"{HOST}/{path.lstrip('/')}"
