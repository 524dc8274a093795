"""kitsu_sdk.files against a real Zou: preview records, media downloads compared byte for byte
with a plain GET of the same route, frames, annotations, attachments and avatars."""

from __future__ import annotations

import pathlib
from typing import Any, Optional

import pytest
import requests
from it_helpers import unique
from it_media import add_preview, make_shot, write_movie, write_png

from kitsu_sdk import KitsuClient
from kitsu_sdk import files as F
from kitsu_sdk.exception import InvalidIdError, NotFoundError, PreviewProcessingError

# -- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def media(
    client: KitsuClient, project: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("media")
    made = make_shot(client, project)
    made["png_bytes"] = write_png(folder / "frame.png").read_bytes()
    made["picture"] = add_preview(client, made["task"], folder / "frame.png")
    movie = write_movie(folder / "clip.mp4")
    made["movie"] = add_preview(client, made["task"], movie) if movie else None
    return made


@pytest.fixture
def movie(media: dict[str, Any]) -> dict[str, Any]:
    if media["movie"] is None:
        pytest.skip("ffmpeg is needed to make a movie preview")
    return media["movie"]  # type: ignore[no-any-return]


# -- records ----------------------------------------------------------------------------------


def test_preview_file_records(client: KitsuClient, media: dict[str, Any]) -> None:
    picture = F.get_preview_file(media["picture"]["id"], client=client)
    assert picture["extension"] == "png"
    assert picture["status"] == "ready"
    assert picture["task_id"] == media["task"]["id"]
    ids = {pf["id"] for pf in F.get_all_preview_files_for_task(media["task"], client=client)}
    assert media["picture"]["id"] in ids
    assert all("status" in pf for pf in F.get_running_preview_files(client=client))


def test_wait_for_preview_file_returns_a_ready_one(
    client: KitsuClient, media: dict[str, Any]
) -> None:
    done = F.wait_for_preview_file(media["picture"], timeout=10, poll_interval=0.5, client=client)
    assert done["status"] == "ready"


def test_wait_for_preview_file_times_out_on_a_preview_never_uploaded(
    client: KitsuClient, media: dict[str, Any]
) -> None:
    task = media["task"]
    comment = client.post(
        f"actions/tasks/{task['id']}/comment",
        {"task_status_id": task["task_status_id"], "comment": "no file"},
    )
    empty = client.post(f"actions/tasks/{task['id']}/comments/{comment['id']}/add-preview", {})
    try:
        with pytest.raises(PreviewProcessingError):
            F.wait_for_preview_file(empty, timeout=1, poll_interval=0.3, client=client)
    finally:
        F.remove_preview_file(empty, force=True, client=client)
    with pytest.raises(NotFoundError):
        F.get_preview_file(empty["id"], client=client)


def test_update_preview_and_its_position_and_annotations(
    client: KitsuClient, media: dict[str, Any]
) -> None:
    picture = media["picture"]
    assert (
        F.update_preview(picture, {"description": "checked"}, client=client)["description"]
        == "checked"
    )
    revision = F.update_preview_position(picture, 1, client=client)
    assert [pf["id"] for pf in revision] == [picture["id"]]
    added = F.update_preview_annotations(
        picture,
        additions=[{"time": 0.0, "drawing": {"objects": [{"id": "stroke-1", "type": "path"}]}}],
        client=client,
    )
    assert added["annotations"][0]["drawing"]["objects"][0]["id"] == "stroke-1"
    cleared = F.update_preview_annotations(
        picture, deletions=[{"time": 0.0, "objects": ["stroke-1"]}], client=client
    )
    assert cleared["annotations"] == []


# -- media downloads --------------------------------------------------------------------------


def test_picture_downloads_match_a_plain_get(
    client: KitsuClient, media: dict[str, Any], tmp_path: pathlib.Path
) -> None:
    pid = media["picture"]["id"]
    assert (
        F.get_preview_file_url(pid, client=client) == f"pictures/originals/preview-files/{pid}.png"
    )
    progress: list[tuple[int, Optional[int]]] = []
    original = F.download_preview_file(
        pid,
        tmp_path / "original.png",
        client=client,
        progress_callback=lambda d, t: progress.append((d, t)),
    )
    data = pathlib.Path(original).read_bytes()
    # Zou stores a re-encoded copy of the upload: compare with what it serves, not what we sent.
    assert data == client.get_file_data_from_url(f"pictures/originals/preview-files/{pid}.png")
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[16:24] == media["png_bytes"][16:24]
    assert progress[-1] == (len(data), len(data))
    thumb = F.download_preview_file_thumbnail(pid, tmp_path / "thumb.png", client=client)
    expected = client.get_file_data_from_url(f"pictures/thumbnails/preview-files/{pid}.png")
    assert pathlib.Path(thumb).read_bytes() == expected
    assert expected.startswith(b"\x89PNG")
    cover = F.download_preview_file_cover(media["picture"], tmp_path / "cover.png", client=client)
    assert pathlib.Path(cover).read_bytes() == data


def test_movie_downloads_match_a_plain_get(
    client: KitsuClient, movie: dict[str, Any], tmp_path: pathlib.Path
) -> None:
    mid = movie["id"]
    assert (
        F.get_preview_movie_url(mid, client=client) == f"movies/originals/preview-files/{mid}.mp4"
    )
    assert F.get_preview_file_url(mid, client=client) == f"movies/originals/preview-files/{mid}.mp4"
    assert (
        F.get_preview_lowdef_movie_url(mid, client=client) == f"movies/low/preview-files/{mid}.mp4"
    )
    full = pathlib.Path(F.download_preview_movie(movie, tmp_path / "full.mp4", client=client))
    low = pathlib.Path(F.download_preview_lowdef_movie(mid, tmp_path / "low.mp4", client=client))
    whole = pathlib.Path(F.download_preview_file(mid, tmp_path / "whole.mp4", client=client))
    assert full.read_bytes() == client.get_file_data_from_url(
        f"movies/originals/preview-files/{mid}.mp4"
    )
    assert low.read_bytes() == client.get_file_data_from_url(f"movies/low/preview-files/{mid}.mp4")
    assert whole.read_bytes() == full.read_bytes()
    assert low.stat().st_size < full.stat().st_size
    cover = F.download_preview_file_cover(mid, tmp_path / "cover.png", client=client)
    assert pathlib.Path(cover).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_gazu_lowdef_route_is_not_served(client: KitsuClient, movie: dict[str, Any]) -> None:
    with pytest.raises(NotFoundError):
        client.get_file_data_from_url(f"movies/lowdef/preview-files/{movie['id']}.mp4")


def test_a_failed_download_leaves_nothing(
    client: KitsuClient, media: dict[str, Any], tmp_path: pathlib.Path
) -> None:
    with pytest.raises(NotFoundError):
        F.download_preview_movie(media["picture"], tmp_path / "nope.mp4", client=client)
    assert list(tmp_path.iterdir()) == []


def test_frames_and_tiles_of_a_movie(
    client: KitsuClient, movie: dict[str, Any], tmp_path: pathlib.Path
) -> None:
    frame = F.extract_frame_from_preview(movie, 3, client=client)
    assert isinstance(frame, bytes) and frame.startswith(b"\x89PNG")
    saved = F.extract_frame_from_preview(movie["id"], 3, tmp_path / "f3.png", client=client)
    assert pathlib.Path(str(saved)).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    tile = F.extract_tile_from_preview(movie, client=client)
    assert isinstance(tile, bytes) and tile.startswith(b"\x89PNG")
    tile_path = F.extract_tile_from_preview(movie, tmp_path / "tile.png", client=client)
    assert pathlib.Path(str(tile_path)).read_bytes() == tile


# -- attachments ------------------------------------------------------------------------------


def test_comment_attachments(
    client: KitsuClient, media: dict[str, Any], tmp_path: pathlib.Path
) -> None:
    note = tmp_path / "note.txt"
    note.write_text("notes for the shot\n")
    task, comment_id = media["task"], media["picture"]["comment_id"]
    [made] = client.upload(
        f"actions/tasks/{task['id']}/comments/{comment_id}/add-attachment", str(note)
    )
    record = F.get_attachment_file(made["id"], client=client)
    assert record["name"] == "note.txt" and record["comment_id"] == comment_id
    assert made["id"] in {a["id"] for a in F.get_all_attachment_files_for_task(task, client=client)}
    in_project = F.get_all_attachment_files_for_project(task["project_id"], client=client)
    assert made["id"] in {a["id"] for a in in_project}
    saved = F.download_attachment_file(made["id"], tmp_path / "copy.txt", client=client)
    assert pathlib.Path(saved).read_text() == "notes for the shot\n"
    # Zou 1.0.97 makes no thumbnail for comment attachments.
    with pytest.raises(NotFoundError):
        F.download_attachment_thumbnail(made, tmp_path / "thumb.png", client=client)
    assert not (tmp_path / "thumb.png").exists()


def test_chat_picture_attachment_has_a_thumbnail(
    client: KitsuClient, media: dict[str, Any], tmp_path: pathlib.Path
) -> None:
    shot_id = media["shot"]["id"]
    client.post(f"actions/user/chats/{shot_id}/join", {})
    # Zou thumbnails a chat attachment only when its part says image/png: sent by hand here.
    picture = write_png(tmp_path / "board.png", 40, 30)
    answer = requests.post(
        client.url(f"data/entities/{shot_id}/chat/messages"),
        headers=client.auth.header()[0],
        data={"message": "board"},
        files={"file": ("board.png", picture.read_bytes(), "image/png")},
        timeout=30,
    )
    answer.raise_for_status()
    attachment = answer.json()["attachment_files"][0]
    url = F.get_attachment_thumbnail_url(attachment, client=client)
    assert url == f"pictures/thumbnails/attachment-files/{attachment['id']}.png"
    thumb = F.download_attachment_thumbnail(attachment["id"], tmp_path / "thumb.png", client=client)
    assert pathlib.Path(thumb).read_bytes() == client.get_file_data_from_url(url)
    copy = F.download_attachment_file(attachment, tmp_path / "copy.png", client=client)
    assert pathlib.Path(copy).read_bytes() == picture.read_bytes()


# -- avatars ----------------------------------------------------------------------------------


def test_avatars(client: KitsuClient, project: dict[str, Any], tmp_path: pathlib.Path) -> None:
    picture = write_png(tmp_path / "avatar.png", 120, 120, (20, 120, 200))
    bot = client.post(
        "data/persons", {"first_name": unique("avatar-bot"), "last_name": "", "is_bot": True}
    )
    try:
        with pytest.raises(NotFoundError):
            F.download_person_avatar(bot, tmp_path / "none.png", client=client)
        answer = F.upload_person_avatar(bot["id"], picture, client=client)
        assert answer["thumbnail_path"] == f"pictures/thumbnails/persons/{bot['id']}.png"
        saved = F.download_person_avatar(bot, tmp_path / "person.png", client=client)
        assert pathlib.Path(saved).read_bytes() == client.get_file_data_from_url(
            answer["thumbnail_path"]
        )
    finally:
        client.delete(f"data/persons/{bot['id']}")
    answer = F.upload_project_avatar(project, picture, client=client)
    saved = F.download_project_avatar(project["id"], tmp_path / "project.png", client=client)
    assert pathlib.Path(saved).read_bytes() == client.get_file_data_from_url(
        answer["thumbnail_path"]
    )
    organisation = client.get("auth/authenticated")["organisation"]
    answer = F.upload_organisation_avatar(organisation, picture, client=client)
    saved = F.download_organisation_avatar(organisation["id"], tmp_path / "org.png", client=client)
    assert pathlib.Path(saved).read_bytes() == client.get_file_data_from_url(
        answer["thumbnail_path"]
    )


def test_bad_ids_are_refused_before_sending(client: KitsuClient, tmp_path: pathlib.Path) -> None:
    with pytest.raises(InvalidIdError):
        F.download_preview_file("SH010 v3", tmp_path / "x.png", client=client)
    assert list(tmp_path.iterdir()) == []
