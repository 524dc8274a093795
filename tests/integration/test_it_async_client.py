"""AsyncKitsuClient's foundation against a real Zou: log-in lifecycle, sessions, typed errors,
pagination, and 50 concurrent reads across a real token expiry (one refresh for all of them).

Every test drives its coroutine with asyncio.run (it_aio.run): no pytest plugin is needed.
"""

from __future__ import annotations

import asyncio
import math
import pathlib
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from it_aio import count_requests, in_session, new_async_client, run, session
from it_helpers import require_env, unique

from kitsu_sdk import KitsuClient
from kitsu_sdk import aio as kaio
from kitsu_sdk._core.auth import jwt_claims
from kitsu_sdk._core.retry import RetryPolicy
from kitsu_sdk.exception import (
    AuthenticationError,
    InvalidIdError,
    NotFoundError,
    WrongCredentialsError,
)

PASSWORD = "It-Async-Pass-1234"


@pytest.fixture(scope="module")
def user(admin_client: KitsuClient) -> Iterator[dict[str, Any]]:
    """A plain artist account, so a wrong password never counts against the admin."""
    email = f"{unique('auser')}@example.com"
    person = admin_client.post(
        "data/persons", {"first_name": "It", "last_name": unique("a"), "email": email}
    )
    admin_client.post(
        f"actions/persons/{person['id']}/change-password",
        {"password": PASSWORD, "password_2": PASSWORD},
    )
    yield dict(person)
    admin_client.delete(f"data/persons/{person['id']}", params={"force": True})


async def _is_revoked(host: str, access_token: str) -> bool:
    async with kaio.AsyncKitsuClient(host, token=access_token) as stale:
        try:
            await stale.raw.get("data/projects/open")
        except AuthenticationError as error:
            return error.status == 401
    return False


# -- authentication ------------------------------------------------------------------------------


def test_log_in_current_user_refresh_and_log_out(kitsu_host: str, user: dict[str, Any]) -> None:
    async def main() -> None:
        aclient = new_async_client(kitsu_host)
        try:
            body = await kaio.log_in(user["email"], PASSWORD, client=aclient)
            assert body["login"] is True and aclient.logged_in_user is not None
            assert (await aclient.get_current_user())["id"] == user["id"]
            assert (await kaio.get_current_user(client=aclient))["email"] == user["email"]
            assert set(await aclient.refresh_access_token()) == {"access_token"}  # as gazu.aio
            assert aclient.refresh_count == 1
            stale = aclient.tokens["access_token"]
            await kaio.log_out(client=aclient)
            assert aclient.tokens == {}
            assert await _is_revoked(kitsu_host, stale)
        finally:
            await aclient.close()

    run(main())


def test_create_session_logs_out_at_exit(kitsu_host: str, user: dict[str, Any]) -> None:
    async def main() -> None:
        async with await kaio.create_session(kitsu_host, user["email"], PASSWORD) as aclient:
            token = aclient.tokens["access_token"]
            assert (await aclient.raw.get("auth/authenticated"))["authenticated"] is True
        assert aclient.tokens == {}
        assert await _is_revoked(kitsu_host, token)

    run(main())


def test_host_checks(kitsu_host: str) -> None:
    async def main() -> None:
        async with kaio.AsyncKitsuClient(kitsu_host) as aclient:
            assert await aclient.host_is_up() and await aclient.host_is_valid()
            assert await kaio.check_server_status(client=aclient)
            assert (await aclient.get_api_version()).startswith("1.")
            with pytest.raises(AuthenticationError):
                await aclient.raw.get("data/projects")  # no token
        waits: list[float] = []

        async def no_wait(seconds: float) -> None:
            waits.append(seconds)

        refused = kaio.AsyncKitsuClient(
            "http://127.0.0.1:9", retry=RetryPolicy(async_sleep=no_wait)
        )
        async with refused:
            assert not await refused.host_is_up() and not await refused.host_is_valid()
        assert waits == []  # is the host up? one try, answered at once

    run(main())


# -- typed errors --------------------------------------------------------------------------------


def test_wrong_password_is_wrong_credentials(kitsu_host: str, user: dict[str, Any]) -> None:
    async def main() -> None:
        async with new_async_client(kitsu_host) as aclient:
            with pytest.raises(WrongCredentialsError) as wrong:
                await aclient.log_in(user["email"], "not-the-password")
            assert wrong.value.status == 400
            assert "not-the-password" not in str(wrong.value)
            assert aclient.tokens == {}
            with pytest.raises(WrongCredentialsError):
                await kaio.create_session(kitsu_host, user["email"], "still-not-it")
            # The right password still works after two misses.
            await aclient.log_in(user["email"], PASSWORD)
            assert (await aclient.get_current_user())["id"] == user["id"]

    run(main())


def test_missing_id_is_not_found(kitsu_host: str, kitsu_credentials: tuple[str, str]) -> None:
    async def body(aclient: Any) -> None:
        missing = str(uuid.uuid4())
        with pytest.raises(NotFoundError) as info:
            await aclient.shot.get_shot(missing)
        assert (info.value.status, info.value.method) == (404, "GET")
        assert info.value.path == f"data/shots/{missing}"
        with pytest.raises(NotFoundError):
            await aclient.project.get_project(missing)
        with pytest.raises(NotFoundError):  # a flow: the error comes out of its first step
            await aclient.shot.get_shot_frame_range(missing)
        with pytest.raises(NotFoundError):
            await kaio.fetch_one("projects", missing, client=aclient)

    in_session(kitsu_host, kitsu_credentials, body)


def test_names_where_ids_belong_fail_before_any_request(
    kitsu_host: str, kitsu_credentials: tuple[str, str], tmp_path: pathlib.Path
) -> None:
    async def body(aclient: Any) -> None:
        sent = count_requests(aclient)
        with pytest.raises(InvalidIdError):
            await aclient.shot.get_shot("SH010")
        with pytest.raises(InvalidIdError):
            await aclient.asset.get_asset_url("hero")  # a flow
        with pytest.raises(InvalidIdError):
            await aclient.task.assign_task({"name": "no id"}, "someone")
        with pytest.raises(InvalidIdError):
            await aclient.files.download_preview_file("SH010 v3", tmp_path / "x.png")
        with pytest.raises(InvalidIdError):
            await kaio.fetch_one("projects", "my project", client=aclient)
        assert sent == []
        assert list(tmp_path.iterdir()) == []
        await aclient.raw.get("data/projects/open")
        assert sent == ["GET /data/projects/open"]  # the counter does see requests

    in_session(kitsu_host, kitsu_credentials, body)


# -- pagination ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def entities(admin_client: KitsuClient, project: dict[str, Any]) -> list[dict[str, Any]]:
    """The entities of the module's project (its E01, a sequence and seven shots), read with
    data/entities?project_id=: pages that no other test or run changes."""
    pid = project["id"]
    sequence = admin_client.post(f"data/projects/{pid}/sequences", {"name": unique("SQ")})
    for number in range(7):
        admin_client.post(
            f"data/projects/{pid}/shots", {"name": f"SH{number:03d}", "sequence_id": sequence["id"]}
        )
    return list(admin_client.get("data/entities", params={"project_id": pid}))


def test_paginate_and_fetch_all_paginated(
    kitsu_host: str,
    kitsu_credentials: tuple[str, str],
    project: dict[str, Any],
    entities: list[dict[str, Any]],
) -> None:
    query = {"project_id": project["id"]}
    everything = sorted(e["id"] for e in entities)
    pages = math.ceil(len(everything) / 2)
    assert pages >= 4

    async def body(aclient: Any) -> None:
        sent = count_requests(aclient)
        items = [row async for row in aclient.paginate("data/entities", query, page_size=2)]
        assert sorted(e["id"] for e in items) == everything
        assert len(sent) == pages  # one request per page, no more
        assert all("page=" in line and "limit=2" in line for line in sent)

        sent.clear()
        head = [e async for e in aclient.paginate("data/entities", query, page_size=2, max_items=3)]
        assert len(head) == 3 and {e["id"] for e in head} <= set(everything)
        assert len(sent) == 2  # lazily: the third page was never asked for
        sent.clear()
        one = [e async for e in aclient.paginate("data/entities", query, page_size=2, max_items=2)]
        assert len(one) == 2
        assert len(sent) == 1  # enough items after the first page: the second is not read
        sent.clear()
        assert [e async for e in aclient.paginate("data/entities", query, max_items=0)] == []
        assert sent == []

        walked = await kaio.fetch_all("entities", query, client=aclient, paginated=True, limit=2)
        assert sorted(e["id"] for e in walked) == everything
        assert len(sent) == pages
        bound = await aclient.raw.fetch_all("entities", query, paginated=True, limit=3)
        assert sorted(e["id"] for e in bound) == everything

    in_session(kitsu_host, kitsu_credentials, body)


# -- tokens that really expire: 50 concurrent reads, one refresh -----------------------------------


@pytest.mark.parametrize("path", ["proactive", "after-401"])
def test_concurrent_reads_across_a_real_expiry_refresh_once(
    kitsu_credentials: tuple[str, str], path: str
) -> None:
    short_host = require_env("KITSU_SHORT_TOKEN_HOST")

    async def main() -> None:
        async with session(short_host, *kitsu_credentials) as aclient:
            me = await aclient.get_current_user()
            refresh_token = aclient.tokens["refresh_token"]
            exp = jwt_claims(aclient.tokens["access_token"])["exp"]
            await asyncio.sleep(max(0.0, exp - time.time()) + 1.5)  # the token is dead now
            if path == "after-401":
                # No refresh ahead of time: each of the 50 reads meets Zou's 401.
                aclient.auth.refresh_margin = -1e9
            before = aclient.refresh_count
            reads = await asyncio.gather(
                *(aclient.person.get_person(me["id"]) for _ in range(50)),
                return_exceptions=True,
            )
            assert [r for r in reads if isinstance(r, BaseException)] == []
            assert [r["id"] for r in reads] == [me["id"]] * 50  # type: ignore[index]
            assert aclient.refresh_count == before + 1
            assert aclient.tokens["refresh_token"] == refresh_token  # Zou does not rotate it

    run(main())


def test_revoked_refresh_token_one_log_in_for_fifty_reads(
    kitsu_credentials: tuple[str, str],
) -> None:
    """The access token expired and the refresh token was revoked (logged out elsewhere): the 50
    reads cause one failed proactive refresh, one failed refresh after the 401s, one log-in."""
    short_host = require_env("KITSU_SHORT_TOKEN_HOST")

    async def main() -> None:
        async with session(short_host, *kitsu_credentials) as aclient:
            me = await aclient.get_current_user()
            async with kaio.AsyncKitsuClient(short_host, tokens=aclient.tokens) as twin:
                await twin.log_out()  # revokes this session's tokens on the server
            exp = jwt_claims(aclient.tokens["access_token"])["exp"]
            await asyncio.sleep(max(0.0, exp - time.time()) + 1.5)
            sent = count_requests(aclient)
            reads = await asyncio.gather(
                *(aclient.person.get_person(me["id"]) for _ in range(50)), return_exceptions=True
            )
            assert [r for r in reads if isinstance(r, BaseException)] == []
            assert [line for line in sent if line == "POST /auth/login"] == ["POST /auth/login"]
            refreshes = [line for line in sent if line == "GET /auth/refresh-token"]
            assert len(refreshes) <= 2, f"{len(refreshes)} refresh requests for one token"
            assert aclient.refresh_count == 0
            assert await aclient.get_current_user() == me

    run(main())
