"""Production shapes: projects, episodes, sequences, shots, scenes, assets, casting."""

from __future__ import annotations

from typing import Any

import pytest
from contract_backend import Backend
from contract_helpers import has_keys, ids, is_id, names

from kitsu_sdk import asset, casting, scene, shot
from kitsu_sdk import project as projects
from kitsu_sdk.exception import RouteNotFoundException


def test_new_project_shape_and_lookup(kitsu: Backend) -> None:
    made = kitsu.project()
    assert is_id(made["id"])
    assert made["production_type"] == "tvshow"
    assert has_keys(made, "name", "project_status_id", "fps", "data", "created_at")
    assert projects.get_project(made["id"])["name"] == made["name"]
    assert projects.get_project_by_name(made["name"])["id"] == made["id"]
    assert made["id"] in ids(projects.all_open_projects())


def test_new_project_with_an_existing_name_returns_it(kitsu: Backend) -> None:
    made = kitsu.project()
    again = projects.new_project(made["name"], "tvshow")
    assert again["id"] == made["id"]


def test_update_project_data_merges(project: dict[str, Any]) -> None:
    projects.update_project_data(project, {"a": 1})
    merged = projects.update_project_data(project, {"b": 2})
    assert merged["data"] == {"a": 1, "b": 2}


def test_episode_sequence_shot_hierarchy(project: dict[str, Any]) -> None:
    episode = shot.new_episode(project, "E01")
    sequence = shot.new_sequence(project, "SQ01", episode=episode)
    made = shot.new_shot(project, sequence, "SH010", frame_in=1, frame_out=48)
    assert (made["name"], made["parent_id"], made["project_id"]) == (
        "SH010",
        sequence["id"],
        project["id"],
    )
    assert sequence["parent_id"] == episode["id"]
    assert made["nb_frames"] is None  # Zou does not derive it from the frame range
    assert shot.new_shot(project, sequence, "SH020", nb_frames=24)["nb_frames"] == 24
    assert made["data"]["frame_in"] == 1 and made["data"]["frame_out"] == 48
    assert names(shot.all_episodes_for_project(project)) == ["E01"]
    assert names(shot.all_sequences_for_episode(episode)) == ["SQ01"]
    assert names(shot.all_shots_for_sequence(sequence)) == ["SH010", "SH020"]
    assert names(shot.all_shots_for_project(project)) == ["SH010", "SH020"]
    assert names(shot.all_shots_for_episode(episode)) == ["SH010", "SH020"]


def test_get_shot_has_parent_names(production: dict[str, Any]) -> None:
    got = shot.get_shot(production["shot"]["id"])
    assert got["sequence_name"] == "SQ01"
    assert got["sequence_id"] == production["sequence"]["id"]
    assert got["episode_name"] == "E01"
    assert isinstance(got["tasks"], list) and len(got["tasks"]) == 1
    assert got["type"] == "Shot"


def test_new_shot_twice_returns_the_existing_one(production: dict[str, Any]) -> None:
    again = shot.new_shot(production["project"], production["sequence"], "SH010")
    assert again["id"] == production["shot"]["id"]


def test_new_episode_and_sequence_twice_return_the_existing_ones(project: dict[str, Any]) -> None:
    episode = shot.new_episode(project, "E07")
    assert shot.new_episode(project, "E07")["id"] == episode["id"]
    sequence = shot.new_sequence(project, "SQ07", episode=episode)
    assert shot.new_sequence(project, "SQ07", episode=episode)["id"] == sequence["id"]


def test_shot_lookup_by_name(production: dict[str, Any]) -> None:
    found = shot.get_shot_by_name(production["sequence"], "SH020")
    assert found is not None and found["id"] == production["shot2"]["id"]
    assert shot.get_shot_by_name(production["sequence"], "SH999") is None
    seq = shot.get_sequence_by_name(production["project"], "SQ01", episode=production["episode"])
    assert seq is not None and seq["id"] == production["sequence"]["id"]


def test_update_shot_and_data(production: dict[str, Any]) -> None:
    made = dict(production["shot"])
    made["description"] = "updated"
    assert shot.update_shot(made)["description"] == "updated"
    shot.update_shot_data(made, {"camera": "A"})
    got = shot.get_shot(made["id"])
    assert got["data"]["camera"] == "A" and got["data"]["frame_in"] == 1
    assert got["description"] == "updated"


def test_remove_shot_without_tasks_deletes_it(production: dict[str, Any]) -> None:
    shot.remove_shot(production["shot2"])
    with pytest.raises(RouteNotFoundException):
        shot.get_shot(production["shot2"]["id"])


def test_remove_shot_with_tasks_cancels_then_force_deletes(production: dict[str, Any]) -> None:
    target = production["shot"]
    shot.remove_shot(target)
    assert shot.get_shot(target["id"])["canceled"] is True
    shot.remove_shot(target, force=True)
    with pytest.raises(RouteNotFoundException):
        shot.get_shot(target["id"])


def test_scenes(project: dict[str, Any]) -> None:
    sequence = shot.new_sequence(project, "SQ01", episode=shot.new_episode(project, "E01"))
    made = scene.new_scene(project, sequence, "SC01")
    assert made["parent_id"] == sequence["id"] and is_id(made["id"])
    assert names(scene.all_scenes_for_sequence(sequence)) == ["SC01"]
    assert names(scene.all_scenes(project)) == ["SC01"]
    assert scene.get_scene_by_name(sequence, "SC01")["id"] == made["id"]


def test_assets_and_types(production: dict[str, Any]) -> None:
    hero = production["asset"]
    got = asset.get_asset(hero["id"])
    assert got["name"] == "Hero" and got["description"] == "the hero"
    assert got["asset_type_name"] == "Character"
    assert got["entity_type_id"] == production["asset_type"]["id"]
    listed = asset.all_assets_for_project(production["project"])
    assert [a["name"] for a in listed] == ["Hero"]
    by_type = asset.all_assets_for_project_and_type(production["project"], production["asset_type"])
    assert ids(by_type) == {hero["id"]}
    assert asset.get_asset_by_name(production["project"], "Hero")["id"] == hero["id"]
    types = asset.all_asset_types_for_project(production["project"])
    assert [t["name"] for t in types] == ["Character"]


def test_new_asset_twice_returns_the_existing_one(production: dict[str, Any]) -> None:
    again = asset.new_asset(production["project"], production["asset_type"], "Hero")
    assert again["id"] == production["asset"]["id"]


def test_update_asset_data_merges(production: dict[str, Any]) -> None:
    asset.update_asset_data(production["asset"], {"size": "L"})
    asset.update_asset_data(production["asset"], {"rig": "v2"})
    assert asset.get_asset(production["asset"]["id"])["data"] == {"size": "L", "rig": "v2"}


def test_shot_casting_round_trip(production: dict[str, Any]) -> None:
    p, sh, hero = production["project"], production["shot"], production["asset"]
    casting.update_shot_casting(p, sh, [{"asset_id": hero["id"], "nb_occurences": 2}])
    cast = casting.get_shot_casting(sh)
    assert [(c["asset_id"], c["nb_occurences"]) for c in cast] == [(hero["id"], 2)]
    assert has_keys(cast[0], "asset_name", "asset_type_name")
    cast_in = casting.get_asset_cast_in(hero)
    assert [c["shot_id"] for c in cast_in] == [sh["id"]]


def test_sequence_shots_casting(production: dict[str, Any]) -> None:
    p, sh, hero = production["project"], production["shot"], production["asset"]
    casting.update_shot_casting(p, sh, [{"asset_id": hero["id"], "nb_occurences": 1}])
    by_shot = casting.get_sequence_shots_casting(p, production["sequence"])
    assert set(by_shot) == {sh["id"]}
    assert by_shot[sh["id"]][0]["asset_id"] == hero["id"]


def test_clear_casting(production: dict[str, Any]) -> None:
    p, sh, hero = production["project"], production["shot"], production["asset"]
    casting.update_shot_casting(p, sh, [{"asset_id": hero["id"], "nb_occurences": 1}])
    casting.update_shot_casting(p, sh, [])
    assert casting.get_shot_casting(sh) == []
