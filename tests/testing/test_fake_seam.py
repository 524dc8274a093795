"""The in-process seam: FakeKitsu answers requests for its host, from sync and async clients,
created before or after it started, and nothing else."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
import responses

import kitsu_sdk
import kitsu_sdk.aio
from kitsu_sdk import KitsuClient
from kitsu_sdk._client import set_default_client
from kitsu_sdk._core import in_process
from kitsu_sdk.exception import NotFoundError, ServerError
from kitsu_sdk.testing import FakeKitsu, FakeKitsuUnsupported


def test_a_client_made_before_the_fake_is_routed_to_it() -> None:
    early = KitsuClient("http://early.test/api")
    with FakeKitsu(host="http://early.test/api") as fake:
        early.log_in(fake.admin_email, fake.admin_password)
        assert early.get("auth/authenticated")["user"]["email"] == fake.admin_email
    assert not in_process.active()


def test_the_default_client_is_routed() -> None:
    previous = kitsu_sdk._client._default_client
    with FakeKitsu() as fake:
        try:
            set_default_client(KitsuClient(fake.host))
            kitsu_sdk.log_in(fake.admin_email, fake.admin_password)
            created = kitsu_sdk.project.new_project("Default")
            assert kitsu_sdk.project.get_project(created["id"])["name"] == "Default"
        finally:
            kitsu_sdk._client._default_client = previous


def test_other_hosts_are_untouched() -> None:
    with FakeKitsu() as fake, responses.RequestsMock() as api:
        api.add(responses.GET, "http://other.test/api/data/projects", json=[{"id": "x"}])
        other = KitsuClient("http://other.test/api", token="t")
        assert other.get("data/projects") == [{"id": "x"}]
        fake.client.project.new_project("Mine")  # the fake still answers its own host
        assert len(api.calls) == 1


def test_two_fakes_keep_their_own_state() -> None:
    with FakeKitsu() as one, FakeKitsu() as two:
        one.client.project.new_project("OnlyInOne")
        assert [p["name"] for p in one.client.project.all_projects()] == ["OnlyInOne"]
        assert two.client.project.all_projects() == []


def test_unsupported_routes_raise_fake_kitsu_unsupported_once() -> None:
    with FakeKitsu() as fake:
        client = fake.client
        before = len(fake.requests)
        with pytest.raises(FakeKitsuUnsupported, match=r"^GET data/no-such-thing"):
            client.get("data/no-such-thing")
        with pytest.raises(FakeKitsuUnsupported, match="PUT data/projects"):
            client.put("data/projects", {})  # a route exists, not for this method
        # each reached the fake once: not retried
        assert fake.requests[before:] == [("GET", "data/no-such-thing"), ("PUT", "data/projects")]
        with pytest.raises(FakeKitsuUnsupported):
            client.get("data/events/whatever/else")


def test_errors_have_zous_shapes() -> None:
    with FakeKitsu() as fake:
        with pytest.raises(NotFoundError) as missing:
            fake.client.project.get_project("00000000-0000-0000-0000-000000000000")
        assert missing.value.body == {
            "error": True,
            "message": "404 Not Found: The requested URL was not found on the server. If you "
            "entered the URL manually please check your spelling and try again.",
        }
        response = fake.handle("GET", "data/projects/not-an-id", headers=_admin(fake))
        assert (response.status, response.body) == (
            400,
            b'{"error": true, "message": "Malformed ID.", "data": null}',
        )
        anonymous = fake.handle("GET", "data/projects")
        assert anonymous.status == 401 and b"Missing JWT" in anonymous.body


def test_a_route_that_raises_is_not_turned_into_a_server_error() -> None:
    from kitsu_sdk.testing._fake import route

    @route("GET", "data/seam-test-boom")
    def boom(req: object) -> object:
        raise RuntimeError("handler bug")

    with FakeKitsu() as fake:
        with pytest.raises(RuntimeError, match="handler bug"):
            fake.client.get("data/seam-test-boom")
        assert not isinstance(RuntimeError(), ServerError)


def test_the_async_client_is_routed() -> None:
    from kitsu_sdk.aio import AsyncKitsuClient

    async def main(fake: FakeKitsu) -> None:
        aclient = AsyncKitsuClient(fake.host)
        try:
            await aclient.log_in(fake.admin_email, fake.admin_password)
            project = await aclient.project.new_project("Async")
            assert (await aclient.project.get_project(project["id"]))["name"] == "Async"
            with pytest.raises(FakeKitsuUnsupported):
                await kitsu_sdk.aio.get("data/no-such-thing", client=aclient)
        finally:
            await aclient.close()

    with FakeKitsu() as fake:
        asyncio.run(main(fake))
        assert fake.client.project.get_project_by_name("Async") is not None


def test_expired_tokens_are_refreshed_by_the_sdk() -> None:
    with FakeKitsu() as fake:
        client = fake.client
        fake.expire_access_tokens()
        assert client.project.all_projects() == []  # 401, refresh, replay
        assert fake.requests[-3:] == [
            ("GET", "data/projects"),
            ("GET", "auth/refresh-token"),
            ("GET", "data/projects"),
        ]
        bare = fake.handle("GET", "data/projects", headers={"Authorization": "Bearer x.y"})
        assert bare.status == 422


def test_short_lived_tokens_are_renewed_ahead_of_expiry() -> None:
    with FakeKitsu(access_token_seconds=1) as fake:
        client = fake.client
        time.sleep(1.1)
        assert client.project.all_projects() == []
        assert ("GET", "auth/refresh-token") in fake.requests
        assert fake.requests[-1] == ("GET", "data/projects")


def _admin(fake: FakeKitsu) -> dict[str, str]:
    return {"Authorization": "Bearer " + fake.issue_tokens(fake.admin["id"])["access_token"]}


def test_bytes_and_module_level_downloads_are_routed(tmp_path: Any) -> None:
    from kitsu_sdk.helpers import download_file
    from kitsu_sdk.testing._fake import Request, bytes_response, route

    payload = bytes(range(256)) * 1000

    @route("GET", "data/seam-test-bytes", auth=False)
    def blob(req: Request) -> object:
        return bytes_response(payload, "application/octet-stream", filename="blob.bin")

    with FakeKitsu() as fake:
        target = download_file(f"{fake.host}/data/seam-test-bytes", str(tmp_path / "blob.bin"))
        with open(target, "rb") as written:
            assert written.read() == payload
