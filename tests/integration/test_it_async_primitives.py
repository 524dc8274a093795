"""gazu.aio's primitives (kitsu_sdk.aio: `await get(path, client=aclient)`, ...) against a real
Zou, and their refusal of a missing client before anything is sent."""

from __future__ import annotations

import json
import pathlib
from collections.abc import Coroutine
from typing import Any, Callable

import httpx
import pytest
import requests
from it_aio import new_async_client, run
from it_helpers import unique
from it_media import write_png

from kitsu_sdk import KitsuClient
from kitsu_sdk import aio as kaio
from kitsu_sdk.exception import InvalidInputError, NotFoundError


def test_every_primitive_on_a_real_server(
    kitsu_host: str, kitsu_credentials: tuple[str, str], tmp_path: pathlib.Path
) -> None:
    picture = write_png(tmp_path / "avatar.png", 80, 80, (10, 160, 90))

    async def main() -> None:
        aclient = new_async_client(kitsu_host)
        made: list[dict[str, Any]] = []
        try:
            body = await kaio.log_in(*kitsu_credentials, client=aclient)
            assert body["login"] is True and aclient.tokens["access_token"]
            assert kaio.get_full_url("data/projects", client=aclient) == (
                f"{kitsu_host}/data/projects"
            )
            created = await kaio.create(
                "projects", {"name": unique("aio"), "production_type": "short"}, client=aclient
            )
            made.append(created)
            posted = await kaio.post("data/projects", {"name": unique("aio2")}, client=aclient)
            made.append(posted)
            pid = created["id"]

            assert (await kaio.fetch_one("projects", created, client=aclient))["name"] == (
                created["name"]
            )
            updated = await kaio.update(
                "projects", pid, {"description": "from aio"}, client=aclient
            )
            assert updated["description"] == "from aio"
            put = await kaio.put(f"data/projects/{pid}", {"fps": "24"}, client=aclient)
            assert put["fps"] == "24"
            first = await kaio.fetch_first("projects", {"name": created["name"]}, client=aclient)
            assert first is not None and first["id"] == pid
            assert (
                await kaio.fetch_first("projects", {"name": unique("none")}, client=aclient) is None
            )
            rows = await kaio.fetch_all("projects", {"name": created["name"]}, client=aclient)
            assert [(r["id"], r["fps"]) for r in rows] == [(pid, "24")]
            trimmed = await kaio.fetch_all("projects", {"id": pid}, client=aclient, fields="name")
            assert [r["name"] for r in trimmed] == [created["name"]]
            assert "fps" not in trimmed[0] and "description" not in trimmed[0]
            got = await kaio.get(f"data/projects/{pid}", client=aclient)
            assert got["description"] == "from aio"
            text = await kaio.get(f"data/projects/{pid}", json_response=False, client=aclient)
            assert isinstance(text, str) and json.loads(text)["id"] == pid
            assert (
                await kaio.get("data/projects", params={"name": unique("x")}, client=aclient) == []
            )

            imported = await kaio.import_data(
                "projects", [{**posted, "description": "imported"}], client=aclient
            )
            assert imported is not None
            assert (await kaio.fetch_one("projects", posted["id"], client=aclient))[
                "description"
            ] == "imported"

            # Upload (multipart, streamed, with progress) and download (atomic, with progress).
            sent: list[tuple[int, Any]] = []
            answer = await kaio.upload(
                f"pictures/thumbnails/projects/{pid}",
                str(picture),
                client=aclient,
                progress_callback=lambda done, total: sent.append((done, total)),
            )
            assert answer["thumbnail_path"] == f"pictures/thumbnails/projects/{pid}.png"
            assert sent and sent[-1][0] == sent[-1][1]
            served = await kaio.get_file_data_from_url(answer["thumbnail_path"], client=aclient)
            assert served[:8] == b"\x89PNG\r\n\x1a\n"
            got_bytes: list[int] = []
            target = await kaio.download(
                answer["thumbnail_path"],
                tmp_path / "back.png",
                client=aclient,
                progress_callback=lambda done, total: got_bytes.append(done),
            )
            assert pathlib.Path(target).read_bytes() == served
            assert got_bytes[-1] == len(served)
            with pytest.raises(NotFoundError):
                await kaio.download(
                    f"pictures/thumbnails/projects/{posted['id']}.png",
                    tmp_path / "none.png",
                    client=aclient,
                )
            assert sorted(p.name for p in tmp_path.iterdir()) == ["avatar.png", "back.png"]
        finally:
            closed = await kaio.fetch_first("project-status", {"name": "Closed"}, client=aclient)
            assert closed is not None
            for project in made:
                await kaio.update(
                    "projects", project, {"project_status_id": closed["id"]}, client=aclient
                )
                assert await kaio.delete(
                    f"data/projects/{project['id']}", {"force": "true"}, client=aclient
                ) in (None, "", {})
            for project in made:
                with pytest.raises(NotFoundError):
                    await kaio.fetch_one("projects", project["id"], client=aclient)
            out = await kaio.log_out(client=aclient)
            assert isinstance(out, dict) and aclient.tokens == {}
            await aclient.close()

    run(main())


def test_create_session_and_log_out(kitsu_host: str, kitsu_credentials: tuple[str, str]) -> None:
    async def main() -> None:
        aclient = await kaio.create_session(kitsu_host, *kitsu_credentials)
        try:
            assert (await kaio.get_current_user(client=aclient))["email"] == kitsu_credentials[0]
            assert isinstance(await kaio.get("data/projects/open", client=aclient), list)
            await kaio.log_out(client=aclient)
            assert aclient.tokens == {}
        finally:
            await aclient.close()

    run(main())


# -- no client, no request ------------------------------------------------------------------------

Primitive = Callable[[Any, pathlib.Path], Coroutine[Any, Any, Any]]

PRIMITIVES: dict[str, Primitive] = {
    "log_in": lambda c, _: kaio.log_in("a@example.com", "secret", client=c),
    "log_out": lambda c, _: kaio.log_out(client=c),
    "get": lambda c, _: kaio.get("data/projects", client=c),
    "post": lambda c, _: kaio.post("data/projects", {"name": "x"}, client=c),
    "put": lambda c, _: kaio.put("data/projects/x", {"fps": "24"}, client=c),
    "delete": lambda c, _: kaio.delete("data/projects/x", client=c),
    "fetch_all": lambda c, _: kaio.fetch_all("projects", client=c, paginated=True),
    "fetch_one": lambda c, _: kaio.fetch_one("projects", "a" * 32, client=c),
    "fetch_first": lambda c, _: kaio.fetch_first("projects", client=c),
    "create": lambda c, _: kaio.create("projects", {"name": "x"}, client=c),
    "update": lambda c, _: kaio.update("projects", "a" * 32, {"fps": "24"}, client=c),
    "upload": lambda c, tmp: kaio.upload(
        "pictures/thumbnails/projects/x", str(write_png(tmp / "up.png")), client=c
    ),
    "download": lambda c, tmp: kaio.download("pictures/x.png", tmp / "down.png", client=c),
    "import_data": lambda c, _: kaio.import_data("projects", [], client=c),
    "get_file_data_from_url": lambda c, _: kaio.get_file_data_from_url("x", client=c),
    "get_api_version": lambda c, _: kaio.get_api_version(client=c),
    "get_current_user": lambda c, _: kaio.get_current_user(client=c),
    "check_server_status": lambda c, _: kaio.check_server_status(client=c),
}


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every request any client tries (httpx or requests) is recorded and refused."""
    tried: list[str] = []

    async def async_send(self: Any, request: httpx.Request, **kwargs: Any) -> Any:
        tried.append(f"{request.method} {request.url}")
        raise AssertionError("no request may be sent")

    def sync_send(self: Any, request: Any, **kwargs: Any) -> Any:
        tried.append(f"{request.method} {request.url}")
        raise AssertionError("no request may be sent")

    monkeypatch.setattr(httpx.AsyncClient, "send", async_send)
    monkeypatch.setattr(requests.Session, "send", sync_send)
    return tried


@pytest.mark.parametrize("name", sorted(PRIMITIVES))
def test_primitives_refuse_client_none_before_any_request(
    name: str, no_network: list[str], kitsu_host: str, tmp_path: pathlib.Path
) -> None:
    call = PRIMITIVES[name]
    with pytest.raises(InvalidInputError, match="client=AsyncKitsuClient"):
        run(call(None, tmp_path))
    # Nor is a sync client taken for an async one (nor the default client behind gazu's API).
    with pytest.raises(InvalidInputError, match="got KitsuClient"):
        run(call(KitsuClient(kitsu_host, token="not-used"), tmp_path))
    with pytest.raises(InvalidInputError):
        kaio.get_full_url("data/projects")  # type: ignore[call-arg]
    assert no_network == []
    assert [p.name for p in tmp_path.iterdir()] in ([], ["up.png"])  # only the file to send
