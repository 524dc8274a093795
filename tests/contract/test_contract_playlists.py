"""Playlists: create, lookups, entities added and removed, update, delete."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from contract_helpers import is_id, write_png

from kitsu_sdk import playlist, task
from kitsu_sdk.exception import RouteNotFoundException


def test_new_playlist_shape(production: dict[str, Any]) -> None:
    made = playlist.new_playlist(production["project"], "Dailies", episode=production["episode"])
    assert is_id(made["id"])
    assert made["name"] == "Dailies" and made["project_id"] == production["project"]["id"]
    assert made["episode_id"] == production["episode"]["id"]
    assert made["for_entity"] == "shot" and made["for_client"] is False
    got = playlist.get_playlist(made)
    assert got["shots"] is None and got["name"] == "Dailies"  # Zou: no list until one is added
    found = playlist.get_playlist_by_name(production["project"], "Dailies")
    assert found is not None and found["id"] == made["id"]
    assert playlist.get_playlist_by_name(production["project"], "Nope") is None


def test_playlists_for_project_and_episode(production: dict[str, Any]) -> None:
    a = playlist.new_playlist(production["project"], "A", episode=production["episode"])
    b = playlist.new_playlist(production["project"], "B", episode=production["episode"])
    listed = playlist.all_playlists_for_project(production["project"])
    assert {p["id"] for p in listed} == {a["id"], b["id"]}
    in_episode = playlist.all_playlists_for_episode(production["episode"])
    assert {p["id"] for p in in_episode} == {a["id"], b["id"]}


def test_add_entity_with_its_preview(production: dict[str, Any], tmp_path: Path) -> None:
    made = playlist.new_playlist(production["project"], "Review", episode=production["episode"])
    comment = task.add_comment(production["shot_task"], production["wfa"], "take")
    preview = task.add_preview(production["shot_task"], comment, write_png(tmp_path / "p.png"))
    updated = playlist.add_entity_to_playlist(made, production["shot"])
    assert [s["entity_id"] for s in updated["shots"]] == [production["shot"]["id"]]
    assert updated["shots"][0]["preview_file_id"] == preview["id"]
    got = playlist.get_playlist(made)
    assert [s["entity_id"] for s in got["shots"]] == [production["shot"]["id"]]


def test_remove_entity(production: dict[str, Any]) -> None:
    made = playlist.new_playlist(production["project"], "R", episode=production["episode"])
    made = playlist.add_entity_to_playlist(made, production["shot"])
    made = playlist.add_entity_to_playlist(made, production["shot2"])
    assert len(made["shots"]) == 2
    left = playlist.remove_entity_from_playlist(made, production["shot"])
    assert [s["entity_id"] for s in left["shots"]] == [production["shot2"]["id"]]
    assert [s["entity_id"] for s in playlist.get_playlist(made)["shots"]] == [
        production["shot2"]["id"]
    ]


def test_update_and_delete_playlist(production: dict[str, Any]) -> None:
    made = playlist.new_playlist(production["project"], "Old", episode=production["episode"])
    made["name"] = "New"
    assert playlist.update_playlist(made)["name"] == "New"
    assert playlist.get_playlist(made)["name"] == "New"
    playlist.delete_playlist(made)
    with pytest.raises(RouteNotFoundException):
        playlist.get_playlist(made["id"])


def test_entity_preview_files(production: dict[str, Any], tmp_path: Path) -> None:
    comment = task.add_comment(production["shot_task"], production["wfa"], "take")
    preview = task.add_preview(production["shot_task"], comment, write_png(tmp_path / "p.png"))
    by_type = playlist.get_entity_preview_files(production["shot"])
    assert list(by_type) == [production["shot_task_type"]["id"]]
    assert [p["id"] for p in by_type[production["shot_task_type"]["id"]]] == [preview["id"]]


def test_share_links(production: dict[str, Any]) -> None:
    made = playlist.new_playlist(production["project"], "Shared", episode=production["episode"])
    link = playlist.new_share_link(made, expiration_date="2030-01-01", password="secretpw")
    assert is_id(link["token"]) and link["playlist_id"] == made["id"]
    assert link["expiration_date"] == "2030-01-01T23:59:59"
    assert (link["is_active"], link["can_comment"], link["has_password"]) == (True, True, True)
    assert "password" not in link
    open_link = playlist.new_share_link(made, can_comment=False)
    assert open_link["has_password"] is False and open_link["can_comment"] is False
    listed = playlist.all_share_links_for_playlist(made)
    assert {x["token"] for x in listed} == {link["token"], open_link["token"]}
    playlist.remove_share_link(made, link["token"])
    assert [x["token"] for x in playlist.all_share_links_for_playlist(made)] == [open_link["token"]]
