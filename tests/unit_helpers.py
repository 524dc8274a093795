"""Shared by unit tests (import as `from unit_helpers import ...`; `conftest` is ambiguous
because tests/integration has one too)."""

from __future__ import annotations

import base64
import json
import time
from typing import Any, Optional

import responses
from responses import matchers

HOST = "http://kitsu.test/api"
ID = "a1b2c3d4-0000-4000-8000-000000000001"


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
        [
            part({"alg": "HS256"}),
            part({"sub": sub, "exp": now + exp_in, "iat": now - iat_ago}),
            "sig",
        ]
    )


def url(path: str) -> str:
    """The full URL of an API path on the unit tests' fake host."""
    return f"{HOST}/{path.lstrip('/')}"


def expect(
    api: responses.RequestsMock,
    method: str,
    path: str,
    *,
    query: Optional[dict[str, str]] = None,
    body: Any = None,
    answer: Any = None,
    status: int = 200,
) -> None:
    """Register one answer that matches only this method, path, exact query and JSON body."""
    match = [matchers.query_param_matcher(query or {})]
    if body is not None:
        match.append(matchers.json_params_matcher(body))
    api.add(method, url(path), json=answer, status=status, match=match)
