"""The multi-step operations of kitsu_sdk.comment (and its previews) and kitsu_sdk.files, run
through AsyncKitsuClient against a real Zou: real uploads (pictures, a movie, attachments),
downloads compared byte for byte with what Zou serves, a failed download that leaves nothing, and
a preview fetched from a URL elsewhere (a local web server) without the Kitsu token.

Each test says which flows it covers (it_aio.covers). Tasks are made with raw sync calls in the
module's throwaway project (closed afterwards, as in the sync suite)."""

from __future__ import annotations

import asyncio
import http.server
import pathlib
import threading
import uuid
from collections.abc import Iterator
from functools import partial
from typing import Any

import pytest
from it_aio import covers, in_session, run, session
from it_media import make_shot, write_movie, write_png

from kitsu_sdk import KitsuClient
from kitsu_sdk._core.retry import RetryPolicy
from kitsu_sdk.exception import NotFoundError, PreviewProcessingError

Row = dict[str, Any]


@pytest.fixture(scope="module")
def world(client: KitsuClient, project: Row) -> dict[str, Any]:
    """A shot with two tasks, and the statuses used below."""
    made = make_shot(client, project)
    task_types = client.get("data/task-types", params={"for_entity": "Shot"})
    other_type = next(t for t in task_types if t["id"] != made["task"]["task_type_id"])
    path = f"actions/projects/{project['id']}/task-types/{other_type['id']}/shots/create-tasks"
    made["other_task"] = client.post(path, [made["shot"]["id"]])[0]
    statuses = {s["short_name"]: s for s in client.get("data/task-status")}
    made.update(wip=statuses["wip"], wfa=statuses["wfa"])
    return made


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pathlib.Path]:
    folder = tmp_path_factory.mktemp("async-media")
    note = folder / "notes.txt"
    note.write_text("notes for the artist\n")
    return {
        "png": write_png(folder / "frame.png", 64, 48, (200, 30, 10)),
        "second": write_png(folder / "second.png", 32, 32, (0, 120, 255)),
        "note": note,
        "folder": folder,
    }


# -- several comments at once --------------------------------------------------------------------


@covers(
    "comment.create_multiple_comments", "comment.batch_comments", "comment.add_tasks_batch_comments"
)
def test_comment_batches(
    kitsu_host: str,
    kitsu_credentials: tuple[str, str],
    project: Row,
    world: dict[str, Any],
    media: dict[str, pathlib.Path],
) -> None:
    task, other, wip, wfa = world["task"], world["other_task"], world["wip"], world["wfa"]

    async def body(a: Any) -> None:
        created = await a.comment.create_multiple_comments(project, [
            {"task_id": task["id"], "task_status_id": wip["id"], "comment": "m1"},
            {"object_id": other["id"], "task_status_id": wip, "text": "m2",
             "links": ["https://example.com"]},
        ])  # fmt: skip
        assert [c["text"] for c in created] == ["m1", "m2"]
        assert [c["object_id"] for c in created] == [task["id"], other["id"]]
        assert created[1]["links"] == ["https://example.com"]

        sent: list[int] = []
        batch = await a.comment.batch_comments(
            [
                {"task_status_id": wip["id"], "text": "b0", "attachment_files": [media["note"]]},
                {"task_status_id": wfa["id"], "text": "b1", "preview_files": [media["png"]]},
                {"task_status_id": wip["id"], "text": "b2"},
            ],
            task=task,
            progress_callback=lambda done, total: sent.append(done),
        )
        assert sent
        assert [c["text"] for c in batch] == ["b0", "b1", "b2"]
        assert [len(c["attachment_files"]) for c in batch] == [1, 0, 0]
        assert [len(c["preview_files"]) for c in batch] == [0, 1, 0]
        assert batch[1]["preview_files"][0]["status"] == "ready"

        same = await a.comment.add_tasks_batch_comments(
            [task, other["id"]], {"task_status_id": wip["id"], "text": "same for all"}
        )
        assert {c["object_id"] for c in same} == {task["id"], other["id"]}
        assert {c["text"] for c in same} == {"same for all"}

    in_session(kitsu_host, kitsu_credentials, body)


# -- previews ------------------------------------------------------------------------------------


@covers(
    "comment.publish_preview",
    "preview.add_preview",
    "preview.add_extra_preview",
    "files.wait_for_preview_file",
    "files.get_all_preview_files_for_task",
    "files.get_running_preview_files",
    "files.download_preview_file",
    "files.get_preview_movie_url",
    "files.get_preview_lowdef_movie_url",
)
def test_picture_previews_up_and_down(
    kitsu_host: str,
    kitsu_credentials: tuple[str, str],
    world: dict[str, Any],
    media: dict[str, pathlib.Path],
    tmp_path: pathlib.Path,
) -> None:
    task, wfa = world["task"], world["wfa"]

    async def body(a: Any) -> None:
        progress: list[tuple[int, Any]] = []
        comment, picture = await a.comment.publish_preview(
            task, wfa, "v1 for review", preview_file_path=media["png"], set_thumbnail=True,
            progress_callback=lambda done, total: progress.append((done, total)),
        )  # fmt: skip
        assert progress[-1][0] == progress[-1][1]
        assert (picture["status"], picture["extension"]) == ("ready", "png")
        assert (picture["width"], picture["height"]) == (64, 48)
        assert (await a.raw.get(f"data/shots/{world['shot']['id']}"))["preview_file_id"] == (
            picture["id"]
        )
        assert (await a.files.wait_for_preview_file(picture, timeout=10, poll_interval=0.5))[
            "status"
        ] == "ready"

        extra = await a.comment.add_extra_preview(task, comment, picture, media["second"])
        assert (extra["revision"], extra["status"]) == (picture["revision"], "ready")
        later = await a.task.add_preview(
            task, comment, str(media["png"]), revision=picture["revision"] + 10
        )
        assert later["revision"] == picture["revision"] + 10
        listed = {p["id"] for p in await a.files.get_all_preview_files_for_task(task["id"])}
        assert {picture["id"], extra["id"], later["id"]} <= listed
        running = await a.files.get_running_preview_files()
        assert picture["id"] not in {p["id"] for p in running}

        # Downloads, compared with what Zou serves at the same route.
        pid = picture["id"]
        route = f"pictures/originals/preview-files/{pid}.png"
        saved = await a.files.download_preview_file(pid, tmp_path / "original.png")
        data = pathlib.Path(saved).read_bytes()
        assert data == await a.raw.get_file_data_from_url(route)
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert await a.files.get_preview_movie_url(picture) == (
            f"movies/originals/preview-files/{pid}.png"
        )
        assert (
            await a.files.get_preview_lowdef_movie_url(pid) == f"movies/low/preview-files/{pid}.mp4"
        )

    in_session(kitsu_host, kitsu_credentials, body)


@covers("files.wait_for_preview_file")
def test_waiting_for_a_preview_never_uploaded_times_out(
    kitsu_host: str, kitsu_credentials: tuple[str, str], world: dict[str, Any]
) -> None:
    naps: list[float] = []

    async def nap(seconds: float) -> None:
        naps.append(seconds)
        await asyncio.sleep(seconds)

    async def main() -> None:
        policy = RetryPolicy(async_sleep=nap)
        async with session(kitsu_host, *kitsu_credentials, retry=policy) as a:
            task = world["other_task"]
            comment = await a.comment.add_comment(task, world["wip"], "no file")
            empty = await a.comment.create_preview(task, comment)
            try:
                with pytest.raises(PreviewProcessingError):
                    await a.files.wait_for_preview_file(empty, timeout=1, poll_interval=0.3)
            finally:
                await a.files.remove_preview_file(empty, force=True)
            with pytest.raises(NotFoundError):
                await a.files.get_preview_file(empty["id"])

    run(main())
    # The flow's waits are the client's (RetryPolicy.async_sleep), as retry.sleep in the sync one.
    assert naps and all(0 < seconds <= 0.3 for seconds in naps)


@covers("files.download_preview_movie", "files.download_preview_file")
def test_failed_downloads_leave_nothing(
    kitsu_host: str, kitsu_credentials: tuple[str, str], world: dict[str, Any],
    media: dict[str, pathlib.Path], tmp_path: pathlib.Path,
) -> None:  # fmt: skip
    async def body(a: Any) -> None:
        _, picture = await a.comment.publish_preview(
            world["other_task"], world["wip"], "a picture", preview_file_path=media["png"]
        )
        with pytest.raises(NotFoundError):  # a picture has no movie
            await a.files.download_preview_movie(picture, tmp_path / "nope.mp4")
        with pytest.raises(NotFoundError):
            await a.files.download_preview_file(str(uuid.uuid4()), tmp_path / "none.png")
        with pytest.raises(NotFoundError):
            await a.raw.download(f"pictures/originals/preview-files/{uuid.uuid4()}.png",
                                 tmp_path / "raw.png")  # fmt: skip
        assert list(tmp_path.iterdir()) == []

    in_session(kitsu_host, kitsu_credentials, body)


@covers("comment.publish_preview", "files.download_preview_movie", "files.get_preview_movie_url")
def test_movie_preview_up_and_down(
    kitsu_host: str, kitsu_credentials: tuple[str, str], world: dict[str, Any],
    media: dict[str, pathlib.Path], tmp_path: pathlib.Path,
) -> None:  # fmt: skip
    movie = write_movie(media["folder"] / "clip.mp4")
    if movie is None:
        pytest.skip("ffmpeg is needed to make a movie preview")

    async def body(a: Any) -> None:
        _, preview = await a.comment.publish_preview(
            world["task"], world["wfa"], "animatic", preview_file_path=movie
        )
        mid = preview["id"]
        assert preview["extension"] == "mp4"
        route = await a.files.get_preview_movie_url(mid)
        assert route == f"movies/originals/preview-files/{mid}.mp4"
        got: list[int] = []
        full = pathlib.Path(
            await a.files.download_preview_movie(
                preview, tmp_path / "full.mp4", progress_callback=lambda d, t: got.append(d)
            )
        )
        data = full.read_bytes()
        assert data[4:8] == b"ftyp" and got[-1] == len(data)
        assert data == await a.raw.get_file_data_from_url(route)
        low = pathlib.Path(await a.files.download_preview_lowdef_movie(mid, tmp_path / "low.mp4"))
        assert 0 < low.stat().st_size < len(data)

    in_session(kitsu_host, kitsu_credentials, body)


# -- a preview taken from a URL elsewhere ---------------------------------------------------------


@pytest.fixture
def elsewhere(media: dict[str, pathlib.Path]) -> Iterator[tuple[str, list[dict[str, str]]]]:
    """A web server on another port, serving the media folder; notes each request's headers."""
    seen: list[dict[str, str]] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            seen.append(dict(self.headers))
            super().do_GET()

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(Handler, directory=str(media["folder"]))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


@covers("comment.publish_preview")
def test_preview_from_a_url_elsewhere_gets_no_token(
    kitsu_host: str, kitsu_credentials: tuple[str, str], world: dict[str, Any],
    elsewhere: tuple[str, list[dict[str, str]]],
) -> None:  # fmt: skip
    base, seen = elsewhere
    task = world["other_task"]

    async def body(a: Any) -> None:
        before = len(await a.comment.all_comments_for_task(task))
        with pytest.raises(NotFoundError):  # the other host answers 404: nothing is created
            await a.comment.publish_preview(
                task, world["wip"], "x", preview_file_url=f"{base}/missing.png"
            )
        assert len(await a.comment.all_comments_for_task(task)) == before
        comment, preview = await a.comment.publish_preview(
            task, world["wfa"], "from a URL", preview_file_url=f"{base}/second.png"
        )
        assert (preview["status"], preview["width"], preview["height"]) == ("ready", 32, 32)
        assert preview["original_name"] == "second"
        assert (await a.comment.get_comment(comment["id"]))["previews"] == [preview["id"]]

    in_session(kitsu_host, kitsu_credentials, body)
    assert len(seen) == 2
    assert not any(key.lower() == "authorization" for headers in seen for key in headers)


# -- attachments ---------------------------------------------------------------------------------


@covers(
    "files.get_all_attachment_files_for_task",
    "files.get_all_attachment_files_for_project",
    "files.download_attachment_file",
    "files.get_attachment_thumbnail_url",
)
def test_attachments_up_and_down(
    kitsu_host: str, kitsu_credentials: tuple[str, str], project: Row, world: dict[str, Any],
    media: dict[str, pathlib.Path], tmp_path: pathlib.Path,
) -> None:  # fmt: skip
    task = world["task"]

    async def body(a: Any) -> None:
        sent: list[int] = []
        comment = await a.comment.add_comment(
            task, world["wip"], "with a file", attachments=[media["note"]],
            progress_callback=lambda done, total: sent.append(done),
        )  # fmt: skip
        assert sent
        [note] = comment["attachment_files"]
        added = await a.comment.add_attachment_files_to_comment(task, comment, str(media["second"]))
        picture = next(x for x in added if x["name"] == "second.png")

        on_task = {x["id"] for x in await a.files.get_all_attachment_files_for_task(task)}
        in_project = await a.files.get_all_attachment_files_for_project(project["id"])
        assert {note["id"], picture["id"]} <= on_task
        assert {note["id"], picture["id"]} <= {x["id"] for x in in_project}

        saved = await a.files.download_attachment_file(note["id"], tmp_path / "copy.txt")
        assert pathlib.Path(saved).read_text() == "notes for the artist\n"
        copy = await a.files.download_attachment_file(picture, tmp_path / "copy.png")
        assert pathlib.Path(copy).read_bytes() == media["second"].read_bytes()
        assert await a.files.get_attachment_thumbnail_url(picture) == (
            f"pictures/thumbnails/attachment-files/{picture['id']}.png"
        )
        await a.comment.delete_comment_attachment(task, comment, picture)
        remaining = (await a.comment.get_comment(comment["id"]))["attachment_files"]
        assert [x["name"] for x in remaining] == ["notes.txt"]

    in_session(kitsu_host, kitsu_credentials, body)
