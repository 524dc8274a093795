"""The multi-step operations of kitsu_sdk.playlist, run through AsyncKitsuClient against a real
Zou: playlists found or made, read across Zou's pages of 20, and their entries.

Each test says which flows it covers (it_aio.covers). The shot and its preview are made with raw
sync calls in the module's throwaway project (closed afterwards, as in the sync suite)."""

from __future__ import annotations

import asyncio
import pathlib
from collections.abc import Iterator
from typing import Any

import pytest
from it_aio import covers, in_session
from it_helpers import unique
from it_media import add_preview, make_shot, write_png

from kitsu_sdk import KitsuClient

Row = dict[str, Any]


@pytest.fixture(scope="module")
def media(
    client: KitsuClient, project: Row, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("async-playlist")
    made = make_shot(client, project)
    made["picture"] = add_preview(client, made["task"], write_png(folder / "board.png"))
    made["second"] = add_preview(client, made["task"], write_png(folder / "next.png", 32, 32))
    return made


@pytest.fixture
def film(client: KitsuClient) -> Iterator[Row]:
    """A project of its own, for a known number of playlists; closed afterwards."""
    made = client.post(
        "data/projects", {"name": unique("apaging"), "production_type": "featurefilm"}
    )
    yield made
    closed = client.get("data/project-status", params={"name": "Closed"})[0]["id"]
    client.put(f"data/projects/{made['id']}", {"project_status_id": closed})


@covers("playlist.new_playlist", "playlist.all_playlists_for_episode")
def test_new_playlist_and_episode_playlists(
    kitsu_host: str, kitsu_credentials: tuple[str, str], project: Row, media: dict[str, Any]
) -> None:
    episode = media["episode"]

    async def body(a: Any) -> None:
        name = unique("review")
        made = await a.playlist.new_playlist(project, name, for_client=True)
        assert (made["name"], made["episode_id"], made["for_client"]) == (name, None, True)
        # Zou's unique key does not hold with a null episode: the lookup keeps it single.
        assert (await a.playlist.new_playlist(project, name))["id"] == made["id"]
        # As gazu: the name is looked up in the whole project, whatever the level asked for.
        at_project = await a.playlist.new_playlist(project, name, episode=episode)
        assert (at_project["id"], at_project["episode_id"]) == (made["id"], None)
        name = unique("review-ep")
        in_episode = await a.playlist.new_playlist(project, name, episode=episode)
        assert in_episode["episode_id"] == episode["id"]
        again = await a.playlist.new_playlist(project["id"], name, episode=episode["id"])
        assert again["id"] == in_episode["id"]
        assert (await a.playlist.new_playlist(project, name))["id"] == in_episode["id"]

        by_dict, by_id = await asyncio.gather(
            a.playlist.all_playlists_for_episode(episode),
            a.playlist.all_playlists_for_episode(episode["id"]),
        )
        assert [p["id"] for p in by_dict] == [p["id"] for p in by_id] == [in_episode["id"]]

    in_session(kitsu_host, kitsu_credentials, body)


@covers("playlist.new_playlist", "playlist.all_playlists_for_project")
def test_project_playlists_are_read_across_pages(
    kitsu_host: str, kitsu_credentials: tuple[str, str], film: Row
) -> None:
    async def body(a: Any) -> None:
        # 23 flows at once on one client: each looks its name up, then creates it.
        made = await asyncio.gather(
            *(a.playlist.new_playlist(film, f"pl-{n:02d}") for n in range(23))
        )
        assert len({p["id"] for p in made}) == 23
        every = await a.playlist.all_playlists_for_project(film)
        assert [p["name"] for p in every] == [f"pl-{n:02d}" for n in range(23)]
        assert {p["id"] for p in every} == {p["id"] for p in made}
        assert len(await a.playlist.all_playlists_for_project(film, page=1)) == 20
        assert len(await a.playlist.all_playlists_for_project(film["id"], page=2)) == 3

    in_session(kitsu_host, kitsu_credentials, body)


@covers(
    "playlist.add_entity_to_playlist",
    "playlist.update_entity_preview",
    "playlist.remove_entity_from_playlist",
)
def test_entries_added_changed_and_removed(
    kitsu_host: str,
    kitsu_credentials: tuple[str, str],
    project: Row,
    media: dict[str, Any],
    tmp_path: pathlib.Path,
) -> None:
    shot, picture, second = media["shot"], media["picture"], media["second"]

    async def body(a: Any) -> None:
        playlist = await a.playlist.new_playlist(project, unique("daily"))
        added = await a.playlist.add_entity_to_playlist(playlist, shot, picture)
        assert added["shots"] == [{"entity_id": shot["id"], "preview_file_id": picture["id"]}]
        local = await a.playlist.add_entity_to_playlist(added, shot, second, persist=False)
        assert [e["preview_file_id"] for e in local["shots"]] == [picture["id"], second["id"]]
        fresh = await a.playlist.new_playlist(project, unique("daily"))
        only = await a.playlist.add_entity_to_playlist(fresh, shot, persist=False)
        assert [e["entity_id"] for e in only["shots"]] == [shot["id"]]  # null shots: empty
        assert fresh["shots"] is None
        assert await a.playlist.delete_playlist(fresh) == ""
        assert await a.playlist.all_shots_for_playlist(playlist) == added["shots"]

        changed = await a.playlist.update_entity_preview(playlist["id"], shot["id"], second)
        assert changed["shots"] == [{"entity_id": shot["id"], "preview_file_id": second["id"]}]
        assert await a.playlist.all_shots_for_playlist(playlist["id"]) == changed["shots"]

        # gazu's result: the dict given, edited in place; nothing saved without persist.
        kept = await a.playlist.remove_entity_from_playlist(changed, shot, persist=False)
        assert kept is changed and kept["shots"] == []
        assert len(await a.playlist.all_shots_for_playlist(playlist)) == 1
        removed = await a.playlist.remove_entity_from_playlist(playlist["id"], shot["id"])
        assert removed["shots"] == []
        assert await a.playlist.all_shots_for_playlist(playlist) == []
        assert await a.playlist.delete_playlist(playlist) == ""

    in_session(kitsu_host, kitsu_credentials, body)
