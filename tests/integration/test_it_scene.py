"""kitsu_sdk.scene against the real Zou: scenes under sequences, shots made from scenes, and
asset and camera instances."""

from __future__ import annotations

from typing import Any

import pytest
from it_helpers import unique

from kitsu_sdk import KitsuClient, scene, shot
from kitsu_sdk.exception import NotFoundError


@pytest.fixture(scope="module")
def tv(client: KitsuClient, project: dict[str, Any]) -> dict[str, Any]:
    episode = shot.new_episode(project, unique("EP"), client=client)
    sequence = shot.new_sequence(project, "SQ01", episode, client=client)
    return {"episode": episode, "sequence": sequence,
            "shot": shot.new_shot(project, sequence, "SH010", client=client)}


def test_scene_creation_is_idempotent_and_listed(client: KitsuClient, project: dict[str, Any],
                                                 tv: dict[str, Any]) -> None:
    name = unique("SC")
    created = scene.new_scene(project, tv["sequence"], name, client=client)
    assert created["parent_id"] == tv["sequence"]["id"]
    assert created["type"] == "Scene"
    assert scene.new_scene(project, tv["sequence"]["id"], name, client=client)["id"] == created[
        "id"]

    full = scene.get_scene(created, client=client)
    assert full["sequence_name"] == "SQ01"
    assert full["episode_id"] == tv["episode"]["id"]
    assert scene.get_scene_by_name(tv["sequence"], name.lower(),
                                   client=client)["id"] == created["id"]
    assert scene.get_scene_by_name(tv["sequence"], "no such scene", client=client) is None

    assert created["id"] in [row["id"] for row in scene.all_scenes(project, client=client)]
    assert created["id"] in [row["id"] for row in scene.all_scenes(client=client)]
    assert created["id"] in [row["id"] for row in scene.all_scenes_for_project(project,
                                                                               client=client)]
    assert [row["id"] for row in scene.all_scenes_for_sequence(tv["sequence"], client=client)
            if row["name"] == name] == [created["id"]]
    with_tasks = scene.all_scenes_with_tasks(project, client=client)
    row = next(row for row in with_tasks if row["id"] == created["id"])
    assert row["tasks"] == []

    assert scene.get_sequence_from_scene(created, client=client)["id"] == tv["sequence"]["id"]
    assert scene.get_sequence_from_scene(created["id"],
                                         client=client)["id"] == tv["sequence"]["id"]


def test_scene_updates(client: KitsuClient, project: dict[str, Any], tv: dict[str, Any]) -> None:
    created = scene.new_scene(project, tv["sequence"], unique("SC"), client=client)
    created["description"] = "layout"
    assert scene.update_scene(created, client=client)["description"] == "layout"
    scene.update_scene_data(created, {"a": 1}, client=client)
    assert scene.update_scene_data(created["id"], {"b": 2},
                                   client=client)["data"] == {"a": 1, "b": 2}
    scene.remove_scene(created, client=client)
    with pytest.raises(NotFoundError):
        scene.get_scene(created, client=client)


def test_shots_made_from_a_scene(client: KitsuClient, project: dict[str, Any],
                                 tv: dict[str, Any]) -> None:
    created = scene.new_scene(project, tv["sequence"], unique("SC"), client=client)
    linked = scene.add_shot_to_scene(created, tv["shot"], client=client)
    assert linked["source_id"] == created["id"]
    assert scene.add_shot_to_scene(created, tv["shot"]["id"],
                                   client=client)["source_id"] == created["id"]
    assert [row["id"] for row in scene.all_shots_for_scene(created, client=client)] == [
        tv["shot"]["id"]]
    scene.remove_shot_from_scene(created, tv["shot"], client=client)
    scene.remove_shot_from_scene(created, tv["shot"], client=client)  # harmless twice
    assert scene.all_shots_for_scene(created, client=client) == []
    assert shot.get_shot(tv["shot"], client=client)["source_id"] is None
    with pytest.raises(NotFoundError):
        scene.add_shot_to_scene(created, "00000000-0000-4000-8000-000000000000", client=client)


def test_asset_and_camera_instances(client: KitsuClient, project: dict[str, Any],
                                    tv: dict[str, Any]) -> None:
    asset_type = client.get("data/asset-types")[0]
    asset_name = unique("chr").replace("-", "_")  # Zou slugifies it into instance names
    asset = client.post(f"data/projects/{project['id']}/asset-types/{asset_type['id']}/assets/new",
                        {"name": asset_name})
    created = scene.new_scene(project, tv["sequence"], unique("SC"), client=client)
    first = scene.new_scene_asset_instance(created, asset, description="hero", client=client)
    second = scene.new_scene_asset_instance(created, asset["id"], client=client)
    assert (first["number"], second["number"]) == (1, 2)
    assert first["name"] == f"{asset_name}_0001" and first["description"] == "hero"

    found = scene.all_asset_instances_for_scene(created, client=client)
    assert sorted(row["id"] for row in found[asset["id"]]) == sorted([first["id"], second["id"]])
    assert scene.get_asset_instance_by_name(created, f"{asset_name}_0002",
                                            client=client)["id"] == second["id"]
    assert scene.all_camera_instances_for_scene(created, client=client) == {}

    assert scene.update_asset_instance_name(first, "hero", client=client)["name"] == "hero"
    scene.update_asset_instance_data(first, {"a": 1}, client=client)
    # Zou replaces an asset instance's data (unlike entities, where it merges).
    assert scene.update_asset_instance_data(first["id"], {"b": 2},
                                            client=client)["data"] == {"b": 2}


def test_feature_film_scene(client: KitsuClient, feature_project: dict[str, Any]) -> None:
    sequence = shot.new_sequence(feature_project, unique("SQ"), client=client)
    created = scene.new_scene(feature_project, sequence, "SC01", client=client)
    full = scene.get_scene(created, client=client)
    assert full["sequence_id"] == sequence["id"]
    assert full.get("episode_id") is None  # Zou leaves the key out without an episode
    assert [row["id"] for row in scene.all_scenes(feature_project, client=client)] == [
        created["id"]]
