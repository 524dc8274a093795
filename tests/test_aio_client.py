"""AsyncKitsuClient against httpx.MockTransport: the sync client's promises, on an event loop.

Retries (bounded, idempotent calls only, Retry-After), one refresh for 50 concurrent tasks then
re-login, typed errors, ids checked before the network, errors thrown back into multi-step
operations, streamed uploads, atomic downloads, async pagination and gazu.aio's primitives.
Coroutines are driven with asyncio.run: no pytest plugin needed.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Awaitable
from typing import Any, Callable, Optional

import httpx
import pytest
from unit_helpers import HOST, ID, make_jwt

import kitsu_sdk.aio as aio
from kitsu_sdk._core.retry import RetryPolicy
from kitsu_sdk.aio import AsyncKitsuClient
from kitsu_sdk.exception import (
    AuthenticationError,
    BadRequestError,
    DownloadError,
    InvalidIdError,
    InvalidInputError,
    KitsuConnectionError,
    KitsuTimeoutError,
    MissingFileError,
    NotFoundError,
    ServerError,
    UploadError,
    WrongCredentialsError,
)

Handler = Callable[[httpx.Request], Any]


class Server:
    """Answers by handler; records every request and every retry pause."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.routes: dict[tuple[str, str], list[Handler]] = {}
        self.sleeps: list[float] = []

    def on(self, method: str, path: str, *answers: Handler) -> None:
        self.routes.setdefault((method, path), []).extend(answers)

    async def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        path = request.url.path.removeprefix("/api/")
        answers = self.routes.get((request.method, path))
        if not answers:
            return httpx.Response(404, json={"message": f"no route {request.method} {path}"})
        handler = answers.pop(0) if len(answers) > 1 else answers[0]
        await asyncio.sleep(0)
        result = handler(request)
        if isinstance(result, Awaitable):
            result = await result
        return result  # type: ignore[no-any-return]

    def client(self, **options: Any) -> AsyncKitsuClient:
        async def nap(seconds: float) -> None:
            self.sleeps.append(seconds)

        options.setdefault("token", {"access_token": make_jwt(), "refresh_token": make_jwt(86400)})
        return AsyncKitsuClient(
            HOST,
            retry=RetryPolicy(async_sleep=nap, random=lambda: 0.0),
            http_transport=httpx.MockTransport(self.handle),
            **options,
        )


def ok(body: Any = None, status: int = 200, **headers: str) -> Handler:
    return lambda request: httpx.Response(status, json=body, headers=headers)


def fail(exc: type[Exception]) -> Handler:
    def raise_it(request: httpx.Request) -> Any:
        raise exc("simulated", request=request)  # type: ignore[call-arg]

    return raise_it


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


@pytest.fixture
def server() -> Server:
    return Server()


# -- retries ---------------------------------------------------------------------------------------


def test_get_retries_on_503_then_succeeds(server: Server) -> None:
    server.on("GET", f"data/shots/{ID}", ok(status=503), ok(status=502), ok({"id": ID}))
    client = server.client()
    assert run(client.shot.get_shot(ID)) == {"id": ID}
    assert len(server.requests) == 3 and server.sleeps == [0.25, 0.5]


def test_retries_are_bounded_and_raise_the_typed_error(server: Server) -> None:
    server.on("GET", "data/projects", ok({"message": "down"}, status=503))
    with pytest.raises(ServerError) as info:
        run(aio.get("data/projects", client=server.client()))
    assert len(server.requests) == 4 and info.value.status == 503
    assert info.value.path == "data/projects" and info.value.message == "down"


def test_retry_after_is_honoured_and_a_long_one_raises_at_once(server: Server) -> None:
    server.on("GET", "data/projects", ok(status=429, **{"Retry-After": "3"}), ok([]))
    assert run(aio.get("data/projects", client=server.client())) == []
    assert server.sleeps == [3.0]
    other = Server()
    other.on("GET", "data/projects", ok(status=429, **{"Retry-After": "3600"}))
    with pytest.raises(Exception) as info:
        run(aio.get("data/projects", client=other.client()))
    assert getattr(info.value, "status", None) == 429 and len(other.requests) == 1


def test_post_is_not_retried_on_503_nor_after_a_dropped_connection(server: Server) -> None:
    server.on("POST", "data/projects", ok(status=503))
    with pytest.raises(ServerError):
        run(aio.post("data/projects", {"name": "x"}, client=server.client()))
    assert len(server.requests) == 1
    dropped = Server()
    dropped.on("POST", "data/projects", fail(httpx.ReadError))
    with pytest.raises(KitsuConnectionError):
        run(aio.post("data/projects", {"name": "x"}, client=dropped.client()))
    assert len(dropped.requests) == 1


def test_post_is_retried_when_the_connection_was_refused(server: Server) -> None:
    server.on("POST", "data/projects", fail(httpx.ConnectError), ok({"id": ID}))
    assert run(aio.post("data/projects", {"name": "x"}, client=server.client())) == {"id": ID}
    assert len(server.requests) == 2


def test_timeouts_become_kitsu_timeout_errors_after_bounded_retries(server: Server) -> None:
    server.on("GET", "data/projects", fail(httpx.ReadTimeout))
    with pytest.raises(KitsuTimeoutError):
        run(aio.get("data/projects", client=server.client()))
    assert len(server.requests) == 4


def test_every_request_carries_a_timeout(server: Server) -> None:
    server.on("GET", "data/projects", ok([]))
    run(aio.get("data/projects", client=server.client(timeout=(2.0, 7.0))))
    timeout = server.requests[0].extensions["timeout"]
    assert timeout["connect"] == 2.0 and timeout["read"] == 7.0


# -- tokens ----------------------------------------------------------------------------------------


def test_fifty_tasks_hitting_an_expired_token_cause_one_refresh(server: Server) -> None:
    stale, fresh = make_jwt(), make_jwt(7200)
    refreshes: list[int] = []

    def by_token(request: httpx.Request) -> httpx.Response:
        if request.headers["Authorization"] == f"Bearer {stale}":
            return httpx.Response(401, json={"message": "Signature has expired"})
        return httpx.Response(200, json={"id": ID})

    async def refresh(request: httpx.Request) -> httpx.Response:
        refreshes.append(1)
        await asyncio.sleep(0.01)  # the others pile up on the lock meanwhile
        return httpx.Response(200, json={"access_token": fresh})

    server.on("GET", f"data/shots/{ID}", by_token)
    server.on("GET", "auth/refresh-token", refresh)
    client = server.client(token={"access_token": stale, "refresh_token": make_jwt(86400)})

    async def main() -> list[Any]:
        return list(await asyncio.gather(*(client.shot.get_shot(ID) for _ in range(50))))

    assert run(main()) == [{"id": ID}] * 50
    assert refreshes == [1] and client.refresh_count == 1
    assert client.tokens["access_token"] == fresh


def test_refresh_failure_falls_back_to_one_login(server: Server) -> None:
    login = {"login": True, "access_token": make_jwt(), "refresh_token": make_jwt(), "user": {}}
    server.on("POST", "auth/login", ok(login))
    server.on("GET", "data/projects", ok({"message": "Signature has expired"}, status=401), ok([1]))
    server.on("GET", "auth/refresh-token", ok({"msg": "Token has been revoked"}, status=401))
    client = server.client(token=None)

    async def main() -> Any:
        await client.log_in("a@b.c", "pw")
        return await aio.get("data/projects", client=client)

    assert run(main()) == [1]
    assert len([r for r in server.requests if r.url.path.endswith("auth/login")]) == 2


def test_a_coroutine_callback_may_renew_when_nothing_else_can(server: Server) -> None:
    server.on("GET", "data/projects", ok({"message": "Signature has expired"}, status=401), ok([]))
    asked: list[AsyncKitsuClient] = []

    async def callback(client: AsyncKitsuClient) -> bool:
        asked.append(client)
        client.set_token(make_jwt(sub="22222222-2222-2222-2222-222222222222"))
        return True

    client = server.client(token=make_jwt(), callback_not_authenticated=callback)
    assert run(aio.get("data/projects", client=client)) == []
    assert asked == [client]


def test_wrong_password_is_a_typed_login_error(server: Server) -> None:
    server.on("POST", "auth/login", ok({"login": False, "message": "Wrong email or password"}, 400))
    with pytest.raises(WrongCredentialsError):
        run(aio.log_in("a@b.c", "bad", client=server.client(token=None)))


def test_bot_token_gets_401_without_refresh_and_no_secret_in_the_error(server: Server) -> None:
    server.on("GET", "data/projects", ok({"msg": "Token has been revoked"}, status=401))
    client = server.client(token="bot-token-value")
    with pytest.raises(AuthenticationError) as info:
        run(aio.get("data/projects", client=client))
    assert len(server.requests) == 1 and "bot-token-value" not in str(info.value)
    assert "bot-token-value" not in repr(client)


# -- operations ------------------------------------------------------------------------------------


def test_bad_input_is_refused_before_any_request(server: Server) -> None:
    client = server.client()
    with pytest.raises(InvalidIdError):
        run(client.shot.get_shot("SH010"))
    with pytest.raises(InvalidIdError):
        run(client.shot.get_shot_url("SH010"))
    with pytest.raises(InvalidInputError):
        run(aio.get("data/projects", client=None))
    assert server.requests == []


def test_errors_are_thrown_back_into_a_multi_step_operation(server: Server) -> None:
    # new_person falls back to a lookup when Zou says the e-mail is taken.
    server.on("POST", "data/persons", ok({"message": "Email already in use."}, status=400))
    server.on("GET", "data/persons", ok([{"id": ID, "email": "a@b.c"}]))
    client = server.client()
    person = run(client.person.new_person("A", "B", "a@b.c"))
    assert person["id"] == ID
    assert [r.method for r in server.requests] == ["POST", "GET"]


def test_an_error_no_flow_step_catches_is_raised(server: Server) -> None:
    server.on("GET", f"data/sequences/{ID}", ok({"message": "gone"}, status=404))
    with pytest.raises(NotFoundError):
        run(server.client().shot.get_episode_from_sequence(ID))


def test_async_pagination_is_lazy_and_walks_both_envelopes(server: Server) -> None:
    def page(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params["page"])
        rows = [{"id": f"{number}-{i}"} for i in range(2 if number < 3 else 1)]
        return httpx.Response(200, json={"data": rows, "total": 5, "nb_pages": 3, "page": number})

    server.on("GET", "data/tasks", page)
    client = server.client()

    async def first_three() -> list[Any]:
        return [row async for row in client.paginate("data/tasks", page_size=2, max_items=3)]

    assert [r["id"] for r in run(first_three())] == ["1-0", "1-1", "2-0"]
    assert len(server.requests) == 2
    rows = run(aio.fetch_all("tasks", client=client, paginated=True, limit=2))
    assert len(rows) == 5


# -- transfers -------------------------------------------------------------------------------------


def test_upload_streams_multipart_with_progress(server: Server, tmp_path: Any) -> None:
    media = tmp_path / "frame.png"
    media.write_bytes(b"\x89PNG" + b"x" * 300_000)
    seen: list[tuple[int, Optional[int]]] = []

    async def receive(request: httpx.Request) -> httpx.Response:
        body = await request.aread()
        assert int(request.headers["Content-Length"]) == len(body)
        assert b'name="file"; filename="frame.png"' in body and b"x" * 1000 in body
        assert b'name="comment"' in body
        return httpx.Response(201, json={"id": ID})

    server.on("POST", "pictures/thumbnails/projects/x", receive)
    result = run(
        aio.upload(
            "pictures/thumbnails/projects/x",
            str(media),
            {"comment": "hi"},
            client=server.client(),
            progress_callback=lambda done, total: seen.append((done, total)),
        )
    )
    assert result == {"id": ID}
    assert seen and seen[-1][0] == seen[-1][1]


def test_upload_of_a_missing_file_fails_before_the_network(server: Server) -> None:
    with pytest.raises(MissingFileError):
        run(aio.upload("pictures/x", "/no/such/file.png", client=server.client()))
    assert server.requests == []


def test_upload_is_not_retried_after_a_dropped_connection(server: Server, tmp_path: Any) -> None:
    media = tmp_path / "a.png"
    media.write_bytes(b"png")
    server.on("POST", "pictures/x", fail(httpx.ReadError))
    with pytest.raises(UploadError):
        run(aio.upload("pictures/x", str(media), client=server.client()))
    assert len(server.requests) == 1


def test_download_writes_atomically_and_leaves_nothing_on_failure(
    server: Server, tmp_path: Any
) -> None:
    server.on(
        "GET",
        "movies/originals/preview-files/a.mp4",
        lambda r: httpx.Response(200, content=b"m" * 1000),
    )
    target = tmp_path / "a.mp4"
    written = run(
        aio.download("movies/originals/preview-files/a.mp4", str(target), client=server.client())
    )
    assert written == str(target) and target.read_bytes() == b"m" * 1000

    server.on("GET", "missing.mp4", ok({"message": "nope"}, status=404))
    with pytest.raises(NotFoundError):
        run(aio.download("missing.mp4", str(tmp_path / "b.mp4"), client=server.client()))

    cut = httpx.Response(200, content=b"m" * 10, headers={"Content-Length": "999"})
    server.on("GET", "cut.mp4", lambda r: cut)
    with pytest.raises(DownloadError):
        run(aio.download("cut.mp4", str(tmp_path / "c.mp4"), client=server.client()))
    assert sorted(os.listdir(tmp_path)) == ["a.mp4"]


def test_download_target_is_checked_before_the_network(server: Server, tmp_path: Any) -> None:
    with pytest.raises(MissingFileError):
        run(aio.download("x.mp4", str(tmp_path / "no" / "x.mp4"), client=server.client()))
    assert server.requests == []


def test_gazu_aio_primitives_build_the_same_requests(server: Server) -> None:
    server.on("GET", f"data/shots/{ID}", ok({"id": ID}))
    server.on("POST", "data/shots", ok({"id": ID}))
    server.on("PUT", f"data/shots/{ID}", ok({"id": ID, "name": "b"}))
    server.on("DELETE", f"data/shots/{ID}", lambda r: httpx.Response(204))
    server.on("GET", "data/shots", ok([{"id": ID}]))
    client = server.client()

    async def main() -> None:
        assert await aio.fetch_one("shots", ID, client=client) == {"id": ID}
        assert await aio.create("shots", {"name": "a"}, client=client) == {"id": ID}
        assert await aio.update("shots", ID, {"name": "b"}, client=client) == {
            "id": ID,
            "name": "b",
        }
        assert (
            await aio.delete(f"data/shots/{ID}", client=client) == ""
        )  # gazu returns the body text
        assert await aio.fetch_first("shots", {"name": "a"}, client=client) == {"id": ID}
        assert await aio.fetch_all("shots", client=client) == [{"id": ID}]
        assert aio.get_full_url("data/shots", client=client) == f"{HOST}/data/shots"

    run(main())
    assert json.loads(server.requests[1].content) == {"name": "a"}
    assert server.requests[4].url.params["name"] == "a"


def test_bad_request_carries_the_servers_message(server: Server) -> None:
    server.on("POST", "data/projects", ok({"message": "Name already taken"}, status=400))
    with pytest.raises(BadRequestError) as info:
        run(aio.create("projects", {"name": "x"}, client=server.client()))
    assert info.value.message == "Name already taken" and info.value.method == "POST"


def test_async_with_logs_out_and_closes(server: Server) -> None:
    login = {"login": True, "access_token": make_jwt(), "refresh_token": make_jwt(), "user": {}}
    server.on("POST", "auth/login", ok(login))
    server.on("GET", "auth/logout", ok({"logout": True}))

    async def main() -> AsyncKitsuClient:
        async with server.client(token=None) as client:
            await client.log_in("a@b.c", "pw")
        return client

    client = run(main())
    assert client.tokens == {} and server.requests[-1].url.path.endswith("auth/logout")
