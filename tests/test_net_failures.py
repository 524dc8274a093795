"""Errors when no answer comes: they say what happened and where, and only failures another try
can fix are retried (a host name that does not resolve is not). Real sockets, no server."""

from __future__ import annotations

import asyncio
import socket

import pytest

from kitsu_sdk import KitsuClient
from kitsu_sdk._core.net_failures import failure_kind, retryable
from kitsu_sdk._core.retry import RetryPolicy
from kitsu_sdk.aio import AsyncKitsuClient
from kitsu_sdk.exception import KitsuConnectionError


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _policy(sleeps: list[float]) -> RetryPolicy:
    async def asleep(seconds: float) -> None:
        sleeps.append(seconds)

    return RetryPolicy(sleep=sleeps.append, async_sleep=asleep, random=lambda: 0.0)


def test_an_unknown_host_name_is_said_so_and_not_retried() -> None:
    sleeps: list[float] = []
    client = KitsuClient("http://kitsu.invalid/api", token="t", retry=_policy(sleeps))
    with pytest.raises(KitsuConnectionError) as info:
        client.get("data/projects")
    message = str(info.value)
    assert "kitsu.invalid" in message and "cannot resolve the host name" in message
    assert "refused" not in message
    assert sleeps == []


def test_a_refused_connection_names_the_host_and_is_retried_boundedly() -> None:
    sleeps: list[float] = []
    port = _closed_port()
    client = KitsuClient(f"http://127.0.0.1:{port}/api", token="t", retry=_policy(sleeps))
    with pytest.raises(KitsuConnectionError) as info:
        client.post("data/projects", {"name": "x"})  # never reached Zou: safe to retry a POST
    assert f"127.0.0.1:{port}" in str(info.value) and "connection refused" in str(info.value)
    # past max_retries while the connect budget lasts (a restarting server), then it gives up
    assert len(sleeps) > client.retry.max_retries
    assert abs(sum(sleeps) - client.retry.connect_retry_seconds) < 1e-6


def test_the_async_client_says_the_same() -> None:
    async def main() -> tuple[str, list[float], str]:
        sleeps: list[float] = []
        async with AsyncKitsuClient("http://kitsu.invalid/api", retry=_policy(sleeps)) as a:
            a.set_token("t")
            with pytest.raises(KitsuConnectionError) as dns:
                await a.request("GET", "data/projects")
        port = _closed_port()
        refused: list[float] = []
        async with AsyncKitsuClient(f"http://127.0.0.1:{port}/api", retry=_policy(refused)) as b:
            b.set_token("t")
            with pytest.raises(KitsuConnectionError) as info:
                await b.request("GET", "data/projects")
        assert abs(sum(refused) - b.retry.connect_retry_seconds) < 1e-6
        return str(dns.value), sleeps, str(info.value)

    dns_message, dns_sleeps, refused_message = asyncio.run(main())
    assert "cannot resolve the host name" in dns_message and dns_sleeps == []
    assert "connection refused" in refused_message


def test_failure_kinds() -> None:
    assert failure_kind(socket.gaierror(-2, "Name or service not known")) == "dns"
    assert failure_kind(ConnectionRefusedError(111, "refused")) == "refused"
    assert failure_kind(ConnectionResetError(104, "reset")) == "reset"
    assert not retryable("dns") and not retryable("tls") and retryable("reset")


def test_a_wrong_host_at_log_in_is_not_called_wrong_credentials() -> None:
    import responses as mock_http

    from kitsu_sdk.exception import LoginError, NotFoundError, ServerError

    with mock_http.RequestsMock() as api:
        api.post("http://zou.test/api/auth/login", status=404, body="<h1>Not Found</h1>")
        api.post("http://zou.test/auth/login", status=500, json={"message": "db down"})
        client = KitsuClient("http://zou.test/api", retry=RetryPolicy(max_retries=0))
        with pytest.raises(NotFoundError) as info:
            client.log_in("a@example.com", "pw")
        assert not isinstance(info.value, LoginError)
        assert "check the host" in str(info.value) and "pw" not in str(info.value)
        root = KitsuClient("http://zou.test", retry=RetryPolicy(max_retries=0))
        with pytest.raises(ServerError):
            root.log_in("a@example.com", "pw")


def test_a_request_that_cannot_be_made_is_a_typed_error_not_a_retry() -> None:
    from kitsu_sdk.exception import InvalidInputError

    async def main() -> None:
        sleeps: list[float] = []
        async with AsyncKitsuClient("http://127.0.0.1:9/api", retry=_policy(sleeps)) as a:
            a.set_token("t")
            with pytest.raises(InvalidInputError) as info:
                await a.request("GET", "data/shots", params={"name": "x" * 100_000})
            assert len(str(info.value)) < 400 and sleeps == []

    asyncio.run(main())
