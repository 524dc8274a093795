"""kitsu_sdk.comment against a real Zou: comments, replies, attachments, batches, real previews."""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from it_helpers import unique

from kitsu_sdk import KitsuClient
from kitsu_sdk import comment as cm
from kitsu_sdk.client import make_auth_header
from kitsu_sdk.exception import (
    BadRequestError,
    InvalidInputError,
    MissingFileError,
    NotFoundError,
)

Image = pytest.importorskip("PIL.Image")


@pytest.fixture(scope="module")
def world(client: KitsuClient, project: dict[str, Any]) -> dict[str, Any]:
    """An asset with two tasks, and the statuses used below (raw routes: task.py is separate)."""
    statuses = {s["short_name"]: s for s in client.get("data/task-status")}
    asset_type = client.get("data/asset-types")[0]
    task_types = [t for t in client.get("data/task-types") if t["for_entity"] == "Asset"]
    asset = client.post(
        f"data/projects/{project['id']}/asset-types/{asset_type['id']}/assets/new",
        {"name": unique("asset")},
    )
    tasks = [
        client.post("data/tasks", {
            "project_id": project["id"], "task_type_id": task_type["id"],
            "entity_id": asset["id"], "task_status_id": statuses["todo"]["id"], "name": "main",
        })
        for task_type in task_types[:2]
    ]  # fmt: skip
    return {"project": project, "asset": asset, "task": tasks[0], "other_task": tasks[1],
            "todo": statuses["todo"], "wip": statuses["wip"], "wfa": statuses["wfa"]}


@pytest.fixture
def task(world: dict[str, Any]) -> dict[str, Any]:
    return dict(world["task"])


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("comment-files")
    png = folder / "frame.png"
    Image.new("RGB", (64, 48), (200, 30, 10)).save(png)
    second = folder / "second.png"
    Image.new("RGB", (32, 32), (0, 120, 255)).save(second)
    note = folder / "notes.txt"
    note.write_text("notes for the artist\n")
    garbage = folder / "broken.png"
    garbage.write_bytes(b"this is not a picture")
    return {"png": str(png), "second": str(second), "note": str(note), "garbage": str(garbage)}


def plain_get(client: KitsuClient, path: str) -> bytes:
    """What Zou serves at `path`, fetched without the SDK's download machinery."""
    response = requests.get(f"{client.host}/{path}", headers=make_auth_header(client=client),
                            timeout=60)
    assert response.status_code == 200, (path, response.status_code, response.text[:200])
    return response.content


def task_status_id(client: KitsuClient, task: dict[str, Any]) -> str:
    return str(client.get(f"data/tasks/{task['id']}")["task_status_id"])


# -- comments ------------------------------------------------------------------------------------


def test_comment_lifecycle(client: KitsuClient, world: dict[str, Any],
                           task: dict[str, Any]) -> None:
    first = cm.add_comment(task, world["wip"], "first pass",
                           checklist=[{"text": "Fix the hands", "checked": False}],
                           links=["https://example.com/ref"], client=client)
    assert first["text"] == "first pass"
    assert first["object_id"] == task["id"]
    assert first["task_status_id"] == world["wip"]["id"]
    assert first["checklist"] == [{"text": "Fix the hands", "checked": False}]
    assert first["links"] == ["https://example.com/ref"]
    assert task_status_id(client, task) == world["wip"]["id"]

    second = cm.add_comment(task["id"], world["wfa"]["id"], client=client)
    assert second["text"] == ""
    assert task_status_id(client, task) == world["wfa"]["id"]

    assert cm.get_comment(first["id"], client=client)["text"] == "first pass"
    ids = [c["id"] for c in cm.all_comments_for_task(task, client=client)]
    assert ids.index(second["id"]) < ids.index(first["id"])  # newest first
    last = cm.get_last_comment_for_task(task, client=client)
    assert last is not None and last["id"] == second["id"]
    in_project = {c["id"] for c in cm.all_comments_for_project(world["project"], client=client)}
    assert {first["id"], second["id"]} <= in_project

    fetched = cm.get_comment(first["id"], client=client)
    fetched["text"] = "first pass, edited"
    updated = cm.update_comment(fetched, client=client)
    assert updated["text"] == "first pass, edited"
    assert cm.update_comment({"id": first["id"], "pinned": True}, client=client)["pinned"] is True
    assert cm.get_comment(first["id"], client=client)["text"] == "first pass, edited"

    cm.remove_comment(second, client=client)
    with pytest.raises(NotFoundError):
        cm.get_comment(second["id"], client=client)
    # Zou gives the task back the status of the comment before.
    assert task_status_id(client, task) == world["wip"]["id"]


def test_comment_with_attachments(client: KitsuClient, world: dict[str, Any],
                                  task: dict[str, Any], files: dict[str, str],
                                  tmp_path: pathlib.Path) -> None:
    sent: list[int] = []
    comment = cm.add_comment(task, world["wip"], "with files", checklist=[{"text": "a"}],
                             attachments=[files["note"], files["png"]], links=["https://x.org"],
                             for_client=True, client=client,
                             progress_callback=lambda done, total: sent.append(done))
    assert sent
    assert comment["checklist"] == [{"text": "a"}]
    assert comment["links"] == ["https://x.org"]
    assert comment["for_client"] is True
    # Multipart fields are strings: "false" must reach Zou as False, not as a non-empty string.
    plain = cm.add_comment(task, world["wip"], attachments=[files["note"]], client=client)
    assert plain["for_client"] is False
    stored = cm.get_comment(comment["id"], client=client)["attachment_files"]
    assert sorted(a["name"] for a in stored) == ["frame.png", "notes.txt"]
    note = next(a for a in stored if a["name"] == "notes.txt")
    assert plain_get(client, f"data/attachment-files/{note['id']}/file/notes.txt") == (
        pathlib.Path(files["note"]).read_bytes())

    added = cm.add_attachment_files_to_comment(task, comment, files["second"], client=client)
    assert "second.png" in {a["name"] for a in added}
    new_one = next(a for a in added if a["name"] == "second.png")
    cm.delete_comment_attachment(task, comment, new_one, client=client)
    names = {a["name"] for a in cm.get_comment(comment["id"], client=client)["attachment_files"]}
    assert names == {"frame.png", "notes.txt"}


def test_replies_and_acknowledgements(client: KitsuClient, world: dict[str, Any],
                                      task: dict[str, Any]) -> None:
    comment = cm.add_comment(task, world["wip"], "please check", client=client)
    reply = cm.reply_to_comment(task, comment, "checked", client=client)
    assert reply["text"] == "checked"
    assert reply["person_id"] == client.get_current_user()["id"]
    replies = cm.get_comment(comment["id"], client=client)["replies"]
    assert [r["id"] for r in replies] == [reply["id"]]
    after = cm.delete_comment_reply(task, comment, reply, client=client)
    assert json.loads(after)["replies"] == []  # gazu returns the answer's text

    acked = cm.acknowledge_comment(task, comment, client=client)
    assert client.get_current_user()["id"] in acked["acknowledgements"]
    unacked = cm.acknowledge_comment(task, comment, client=client)
    assert client.get_current_user()["id"] not in unacked["acknowledgements"]


def test_move_comment_to_task(client: KitsuClient, world: dict[str, Any],
                              task: dict[str, Any]) -> None:
    comment = cm.add_comment(task, world["wip"], "wrong task", client=client)
    moved = cm.move_comment_to_task(task, comment, world["other_task"], client=client)
    assert moved["object_id"] == world["other_task"]["id"]
    assert comment["id"] in {c["id"] for c in
                             cm.all_comments_for_task(world["other_task"], client=client)}
    assert comment["id"] not in {c["id"] for c in cm.all_comments_for_task(task, client=client)}


# -- several at once -----------------------------------------------------------------------------


def test_create_multiple_comments(client: KitsuClient, world: dict[str, Any]) -> None:
    created = cm.create_multiple_comments(world["project"], [
        {"task_id": world["task"]["id"], "task_status_id": world["wip"]["id"], "comment": "m1"},
        {"object_id": world["other_task"]["id"], "task_status_id": world["wip"],
         "text": "m2", "links": ["https://example.com"]},
    ], client=client)
    assert [c["text"] for c in created] == ["m1", "m2"]
    assert [c["object_id"] for c in created] == [world["task"]["id"], world["other_task"]["id"]]
    assert created[1]["links"] == ["https://example.com"]


def test_batch_comments_with_files(client: KitsuClient, world: dict[str, Any],
                                   task: dict[str, Any], files: dict[str, str]) -> None:
    created = cm.batch_comments([
        {"task_status_id": world["wip"]["id"], "text": "b0", "attachment_files": [files["note"]]},
        {"task_status_id": world["wfa"]["id"], "text": "b1", "preview_files": [files["png"]]},
        {"task_status_id": world["wip"]["id"], "text": "b2"},
    ], task=task, client=client)
    assert [c["text"] for c in created] == ["b0", "b1", "b2"]
    assert [len(c["attachment_files"]) for c in created] == [1, 0, 0]
    assert [len(c["preview_files"]) for c in created] == [0, 1, 0]
    assert created[1]["preview_files"][0]["status"] == "ready"

    no_task = cm.batch_comments([{"task_id": world["other_task"]["id"],
                                  "task_status_id": world["wip"]["id"], "text": "json"}],
                                client=client)
    assert no_task[0]["object_id"] == world["other_task"]["id"]


def test_batch_comments_files_stay_with_their_comment_past_ten(
        client: KitsuClient, world: dict[str, Any], task: dict[str, Any],
        files: dict[str, str]) -> None:
    comments: list[dict[str, Any]] = [
        {"task_status_id": world["wip"]["id"], "text": f"c{i}"} for i in range(11)]
    comments[10]["attachment_files"] = [files["note"]]
    created = cm.batch_comments(comments, task=task, client=client)
    counts = {c["text"]: len(c["attachment_files"]) for c in created}
    # Sent in one request, Zou would attach comment 10's file to comment 1 as well.
    assert counts["c1"] == 0
    assert counts["c10"] == 1
    assert len(created) == 11


def test_add_tasks_batch_comments(client: KitsuClient, world: dict[str, Any]) -> None:
    created = cm.add_tasks_batch_comments(
        [world["task"], world["other_task"]["id"]],
        {"task_status_id": world["wip"]["id"], "text": "same for all"}, client=client)
    assert {c["object_id"] for c in created} == {world["task"]["id"], world["other_task"]["id"]}
    assert {c["text"] for c in created} == {"same for all"}


# -- previews ------------------------------------------------------------------------------------


def test_publish_png_preview_set_main_and_download(client: KitsuClient, world: dict[str, Any],
                                                   task: dict[str, Any], files: dict[str, str],
                                                   tmp_path: pathlib.Path) -> None:
    progress: list[tuple[int, Any]] = []
    comment, preview = cm.publish_preview(
        task, world["wfa"], "v1 for review", preview_file_path=files["png"], set_thumbnail=True,
        client=client, progress_callback=lambda done, total: progress.append((done, total)))
    assert progress[-1][0] == progress[-1][1]
    assert comment["text"] == "v1 for review"
    assert preview["status"] == "ready"
    assert preview["extension"] == "png"
    assert (preview["width"], preview["height"]) == (64, 48)
    assert preview["original_name"] == "frame"
    assert preview["task_id"] == task["id"]
    asset = client.get(f"data/assets/{world['asset']['id']}")
    assert asset["preview_file_id"] == preview["id"]
    assert cm.get_comment(comment["id"], client=client)["previews"] == [preview["id"]]

    route = f"pictures/originals/preview-files/{preview['id']}.png"
    target = tmp_path / "downloaded.png"
    written = client.download(route, target)
    assert pathlib.Path(written).read_bytes() == plain_get(client, route)
    with Image.open(target) as picture:
        assert picture.size == (64, 48)
        assert picture.convert("RGB").getpixel((10, 10)) == (200, 30, 10)

    assert preview["id"] in {p["id"] for p in cm.all_previews_for_task(task, client=client)}
    in_project = cm.all_preview_files_for_project(world["project"], client=client)
    assert preview["id"] in {p["id"] for p in in_project}

    again = cm.set_main_preview(preview, client=client)
    assert again["preview_file_id"] == preview["id"]


def test_two_step_preview_extra_preview_and_removal(client: KitsuClient, world: dict[str, Any],
                                                    task: dict[str, Any],
                                                    files: dict[str, str]) -> None:
    comment = cm.add_comment(task, world["wfa"], "two pages", client=client)
    record = cm.create_preview(task, comment, client=client)
    assert record["status"] == "processing" and not record["original_name"]
    first = cm.upload_preview_file(record, files["png"], client=client)
    assert first["id"] == record["id"] and first["status"] == "ready"

    extra_record = cm.create_extra_preview(task, comment, first, client=client)
    assert extra_record["revision"] == first["revision"]
    extra = cm.upload_preview_file(extra_record["id"], files["second"], client=client)
    assert (extra["width"], extra["height"]) == (32, 32)

    third = cm.add_extra_preview(task, comment, first, files["second"], client=client)
    assert third["revision"] == first["revision"]
    assert third["status"] == "ready"

    added = cm.add_preview(task, comment, files["png"], revision=first["revision"] + 10,
                           client=client)
    assert added["revision"] == first["revision"] + 10

    cm.remove_preview_from_comment(task, comment, extra, client=client)
    remaining = {p["id"] for p in cm.all_previews_for_task(task, client=client)}
    assert extra["id"] not in remaining
    assert {first["id"], third["id"], added["id"]} <= remaining


def test_failed_preview_upload_leaves_the_comment_and_no_empty_preview(
        client: KitsuClient, world: dict[str, Any], task: dict[str, Any],
        files: dict[str, str]) -> None:
    comment = cm.add_comment(task, world["wfa"], "broken upload", client=client)
    before = {p["id"] for p in cm.all_previews_for_task(task, client=client)}
    with pytest.raises(BadRequestError, match="readable picture"):
        cm.add_preview(task, comment, files["garbage"], client=client)
    assert {p["id"] for p in cm.all_previews_for_task(task, client=client)} == before
    kept = cm.get_comment(comment["id"], client=client)
    assert kept["text"] == "broken upload" and kept["previews"] == []

    # Without add_preview's clean-up, Zou keeps the empty record after this failure.
    record = cm.create_preview(task, comment, client=client)
    with pytest.raises(BadRequestError):
        cm.upload_preview_file(record, files["garbage"], client=client)
    leftover = {p["id"]: p for p in cm.all_previews_for_task(task, client=client)}
    assert leftover[record["id"]]["status"] == "processing"
    cm.remove_preview_from_comment(task, comment, record, client=client)


def test_bad_preview_input_creates_nothing(client: KitsuClient, world: dict[str, Any],
                                           task: dict[str, Any], files: dict[str, str]) -> None:
    before = len(cm.all_comments_for_task(task, client=client))
    with pytest.raises(MissingFileError):
        cm.publish_preview(task, world["wfa"], "x", preview_file_path="/nonexistent/a.png",
                           client=client)
    with pytest.raises(InvalidInputError):
        cm.publish_preview(task, world["wfa"], "x", preview_file_path=files["note"],
                           client=client)
    assert len(cm.all_comments_for_task(task, client=client)) == before


@pytest.fixture(scope="module")
def movie(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if shutil.which("ffmpeg") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("ffmpeg is required in CI for the movie preview test")
        pytest.skip("ffmpeg is not installed: the movie preview test needs it to make a clip")
    path = tmp_path_factory.mktemp("movie") / "clip.mp4"
    # An audio track matters: Zou 1.0.97 breaks silent movies with B-frames (LOCAL-ZOU.md).
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
         "testsrc=size=320x240:rate=24", "-f", "lavfi", "-i", "sine=frequency=440", "-t", "1",
         "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", str(path)],
        check=True, timeout=120,
    )  # fmt: skip
    yield str(path)


def test_publish_movie_preview(client: KitsuClient, world: dict[str, Any], task: dict[str, Any],
                               movie: str, tmp_path: pathlib.Path) -> None:
    comment, preview = cm.publish_preview(task, world["wfa"], "animatic",
                                          preview_file_path=movie, client=client)
    assert preview["extension"] == "mp4"
    assert preview["original_name"] == "clip"
    status = client.get(f"data/preview-files/{preview['id']}")["status"]
    assert status == "ready", status
    route = f"movies/originals/preview-files/{preview['id']}.mp4"
    written = pathlib.Path(client.download(route, tmp_path / "clip.mp4"))
    data = written.read_bytes()
    assert data[4:8] == b"ftyp"
    assert data == plain_get(client, route)
    assert cm.get_comment(comment["id"], client=client)["previews"] == [preview["id"]]
