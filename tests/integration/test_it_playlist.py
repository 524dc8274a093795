"""kitsu_sdk.playlist against a real Zou: playlists of a shot with picture and movie previews,
paging, entries, movie builds, zip downloads, share links and temporary playlists."""

from __future__ import annotations

import pathlib
import zipfile
from typing import Any

import pytest
from it_helpers import unique
from it_media import add_preview, make_shot, write_movie, write_png

from kitsu_sdk import KitsuClient
from kitsu_sdk import playlist as P
from kitsu_sdk.exception import BadRequestError, NotFoundError, ServerError


@pytest.fixture(scope="module")
def media(
    client: KitsuClient, project: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("playlist-media")
    made = make_shot(client, project)
    made["picture"] = add_preview(client, made["task"], write_png(folder / "board.png"))
    movie = write_movie(folder / "clip.mp4")
    made["movie"] = add_preview(client, made["task"], movie) if movie else None
    return made


@pytest.fixture
def playlist(client: KitsuClient, project: dict[str, Any]) -> dict[str, Any]:
    return P.new_playlist(project, unique("daily"), client=client)


def test_new_playlist_is_found_by_every_lookup(
    client: KitsuClient, project: dict[str, Any], media: dict[str, Any]
) -> None:
    name = unique("review")
    made = P.new_playlist(project, name, for_client=True, client=client)
    assert made["name"] == name and made["project_id"] == project["id"]
    assert made["episode_id"] is None and made["for_client"] is True
    # Zou's unique key does not hold with a null episode: the lookup keeps it from duplicating.
    assert P.new_playlist(project, name, client=client)["id"] == made["id"]
    assert P.get_playlist(made["id"], client=client)["name"] == name
    assert P.get_playlist_by_name(project, name, client=client)["id"] == made["id"]  # type: ignore[index]
    assert P.get_playlist_by_name(project, name.upper(), client=client)["id"] == made["id"]  # type: ignore[index]
    assert P.get_playlist_by_name(project, name[:-2] + "%", client=client) is None
    assert made["id"] in {p["id"] for p in P.all_playlists(client=client)}

    # As gazu: the name is looked up in the whole project, whatever the level asked for.
    assert P.new_playlist(project, name.upper(), client=client)["id"] == made["id"]
    episode = media["episode"]
    at_project = P.new_playlist(project, name, episode=episode, for_entity="shot", client=client)
    assert at_project["id"] == made["id"] and at_project["episode_id"] is None

    name = unique("review-ep")
    in_episode = P.new_playlist(project, name, episode=episode, for_entity="shot", client=client)
    assert in_episode["name"] == name and in_episode["episode_id"] == episode["id"]
    assert P.new_playlist(project, name, client=client)["id"] == in_episode["id"]
    assert (
        P.new_playlist(project, name, episode=episode["id"], client=client)["id"]
        == in_episode["id"]
    )
    with pytest.raises(BadRequestError):  # the same name under the same episode, sent raw
        client.post(
            "data/playlists",
            {"name": name, "project_id": project["id"], "episode_id": episode["id"]},
        )
    assert [p["id"] for p in P.all_playlists_for_episode(episode["id"], client=client)] == [
        in_episode["id"]
    ]
    assert [p["id"] for p in P.all_playlists_for_episode(episode, client=client)] == [
        in_episode["id"]
    ]


def test_project_playlists_are_read_across_pages(client: KitsuClient) -> None:
    project = client.post(
        "data/projects", {"name": unique("paging"), "production_type": "featurefilm"}
    )
    try:
        made = {P.new_playlist(project, f"pl-{n:02d}", client=client)["id"] for n in range(23)}
        every = P.all_playlists_for_project(project, client=client)
        assert {p["id"] for p in every} == made
        assert [p["name"] for p in every] == [f"pl-{n:02d}" for n in range(23)]
        assert len(P.all_playlists_for_project(project, client=client, page=1)) == 20
        assert len(P.all_playlists_for_project(project["id"], client=client, page=2)) == 3
    finally:
        closed = client.get("data/project-status", params={"name": "Closed"})
        client.put(f"data/projects/{project['id']}", {"project_status_id": closed[0]["id"]})


def test_entries_added_changed_and_removed(
    client: KitsuClient, media: dict[str, Any], playlist: dict[str, Any]
) -> None:
    shot, picture = media["shot"], media["picture"]
    previews = P.get_entity_preview_files(shot, client=client)
    revisions = previews[media["task"]["task_type_id"]]
    assert revisions[-1]["id"] == picture["id"]
    newest = revisions[0]["id"]

    added = P.add_entity_to_playlist(playlist, shot, picture, client=client)
    assert added["shots"] == [{"entity_id": shot["id"], "preview_file_id": picture["id"]}]
    # Without a preview Zou adds the latest one; the same couple again is not duplicated.
    again = P.add_entity_to_playlist(playlist["id"], shot["id"], client=client)
    assert [e["preview_file_id"] for e in again["shots"]] == (
        [picture["id"]] if newest == picture["id"] else [picture["id"], newest]
    )
    # Not saved: a copy with the entry appended (again, as gazu does), the newest preview.
    saved = [dict(entry) for entry in again["shots"]]
    local = P.add_entity_to_playlist(again, shot, persist=False, client=client)
    assert local["shots"] == saved + [{"entity_id": shot["id"], "preview_file_id": newest}]
    assert again["shots"] == saved
    assert P.all_shots_for_playlist(playlist, client=client) == saved

    # gazu's result: the dict given, edited in place, with every key it had.
    keys = set(again)
    changed = P.update_entity_preview(again, shot, picture["id"], client=client)
    assert changed is again and set(changed) == keys
    assert {e["preview_file_id"] for e in changed["shots"]} == {picture["id"]}
    assert P.all_shots_for_playlist(playlist["id"], client=client) == changed["shots"]

    kept_locally = P.remove_entity_from_playlist(changed, shot, persist=False, client=client)
    assert kept_locally is changed and changed["shots"] == []
    assert len(P.all_shots_for_playlist(playlist, client=client)) == len(saved)
    removed = P.remove_entity_from_playlist(playlist["id"], shot["id"], client=client)
    assert removed["shots"] == [] and removed["id"] == playlist["id"] and "build_jobs" in removed
    assert P.all_shots_for_playlist(playlist, client=client) == []


def test_entry_added_locally_to_a_new_playlist(
    client: KitsuClient, media: dict[str, Any], playlist: dict[str, Any]
) -> None:
    assert playlist["shots"] is None  # what Zou gives a new playlist
    local = P.add_entity_to_playlist(playlist, media["shot"], persist=False, client=client)
    newest = P.get_entity_preview_files(media["shot"], client=client)[
        media["task"]["task_type_id"]
    ][0]
    assert local["shots"] == [{"entity_id": media["shot"]["id"], "preview_file_id": newest["id"]}]
    assert playlist["shots"] is None
    assert P.all_shots_for_playlist(playlist, client=client) == []


def test_update_and_delete_playlist(client: KitsuClient, playlist: dict[str, Any]) -> None:
    renamed = P.update_playlist(
        {**playlist, "name": playlist["name"] + "-v2", "for_client": True}, client=client
    )
    assert renamed["name"] == playlist["name"] + "-v2" and renamed["for_client"] is True
    assert P.get_playlist(playlist, client=client)["name"] == renamed["name"]
    assert P.delete_playlist(playlist, client=client) == ""
    with pytest.raises(NotFoundError):
        P.get_playlist(playlist["id"], client=client)


def test_movie_build_download_and_removal(
    client: KitsuClient,
    project: dict[str, Any],
    media: dict[str, Any],
    playlist: dict[str, Any],
    tmp_path: pathlib.Path,
) -> None:
    if media["movie"] is None:
        pytest.skip("ffmpeg is needed to make a movie preview")
    P.add_entity_to_playlist(playlist, media["shot"], media["movie"], client=client)
    job = P.build_playlist_movie(playlist, client=client)
    # No job queue on this server: the build runs inside the request.
    assert job["status"] == "succeeded" and job["playlist_id"] == playlist["id"]
    assert P.get_build_job(playlist, job, client=client)["status"] == "succeeded"
    assert job["id"] in {j["id"] for j in P.all_build_jobs_for_project(project, client=client)}
    progress: list[int] = []
    saved = P.download_playlist_build(
        playlist, job["id"], tmp_path / "build.mp4", client=client,
        progress_callback=lambda done, total: progress.append(done),
    )  # fmt: skip
    route = f"data/playlists/{playlist['id']}/jobs/{job['id']}/build/mp4"
    assert pathlib.Path(saved).read_bytes() == client.get_file_data_from_url(route)
    assert progress and progress[-1] == pathlib.Path(saved).stat().st_size
    P.remove_build_job(playlist["id"], job, client=client)
    with pytest.raises(NotFoundError):
        P.get_build_job(playlist, job["id"], client=client)


def test_a_build_without_movies_fails_and_is_recorded(
    client: KitsuClient, project: dict[str, Any], media: dict[str, Any], playlist: dict[str, Any]
) -> None:
    P.add_entity_to_playlist(playlist, media["shot"], media["picture"], client=client)
    with pytest.raises(ServerError):
        P.build_playlist_movie(playlist, client=client)
    jobs = [
        j
        for j in P.all_build_jobs_for_project(project, client=client)
        if j["playlist_id"] == playlist["id"]
    ]
    assert [j["status"] for j in jobs] == ["failed"]


def test_zip_of_the_previews(
    client: KitsuClient, media: dict[str, Any], playlist: dict[str, Any], tmp_path: pathlib.Path
) -> None:
    P.add_entity_to_playlist(playlist, media["shot"], media["picture"], client=client)
    saved = P.download_playlist_zip(playlist, tmp_path / "previews.zip", client=client)
    with zipfile.ZipFile(saved) as archive:
        names = archive.namelist()
    assert len(names) == 1 and names[0].endswith(".png")


def test_share_links(client: KitsuClient, playlist: dict[str, Any]) -> None:
    link = P.new_share_link(
        playlist, "2099-12-31", can_comment=False, password="a-long-secret", client=client
    )
    assert link["playlist_id"] == playlist["id"] and link["can_comment"] is False
    assert link["has_password"] is True and link["expiration_date"].startswith("2099-12-31")
    assert [x["token"] for x in P.all_share_links_for_playlist(playlist, client=client)] == [
        link["token"]
    ]
    P.remove_share_link(playlist["id"], link["token"], client=client)
    assert P.all_share_links_for_playlist(playlist["id"], client=client) == []


def test_temp_playlist_and_client_notification(
    client: KitsuClient, project: dict[str, Any], media: dict[str, Any], playlist: dict[str, Any]
) -> None:
    entries = P.generate_temp_playlist(project, {"task_ids": [media["task"]["id"]]}, client=client)
    assert [e["id"] for e in entries] == [media["shot"]["id"]]
    assert entries[0]["preview_file_task_id"] == media["task"]["id"]
    assert P.notify_clients_playlist_ready(playlist, client=client) == {"status": "success"}
