"""Working files, output files, output types, softwares."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from contract_backend import Backend
from contract_helpers import TREE, is_id

from kitsu_sdk import files


@pytest.fixture
def tree(production: dict[str, Any]) -> dict[str, Any]:
    """The production with TREE set on its project."""
    files.update_project_file_tree(production["project"], TREE)
    return production


def _software(kitsu: Backend) -> dict[str, Any]:
    name = kitsu.unique("Soft")
    return files.new_software(name, name[-6:], ".blend")


def test_softwares(kitsu: Backend) -> None:
    made = _software(kitsu)
    assert is_id(made["id"]) and made["file_extension"] == ".blend"
    assert files.get_software(made["id"])["name"] == made["name"]
    assert files.get_software_by_name(made["name"])["id"] == made["id"]
    assert made["id"] in {s["id"] for s in files.all_softwares()}
    assert files.new_software(made["name"], "x", ".ma")["id"] == made["id"]


def test_output_types(kitsu: Backend) -> None:
    name = kitsu.unique("Out")
    made = files.new_output_type(name, name[-5:])
    assert files.get_output_type(made["id"])["name"] == name
    assert files.get_output_type_by_name(name)["id"] == made["id"]
    assert made["id"] in {o["id"] for o in files.all_output_types()}
    assert files.new_output_type(name, "zz")["id"] == made["id"]


def test_new_working_file_revisions(kitsu: Backend, tree: dict[str, Any]) -> None:
    production = tree
    the_task, software = production["shot_task"], _software(kitsu)
    first = files.new_working_file(the_task, software=software, comment="first")
    assert is_id(first["id"]) and first["revision"] == 1
    assert first["task_id"] == the_task["id"] and first["name"] == "main"
    assert first["comment"] == "first" and first["software_id"] == software["id"]
    second = files.new_working_file(the_task, software=software)
    assert second["revision"] == 2
    listed = files.get_working_files_for_task(the_task)
    assert {w["id"] for w in listed} == {first["id"], second["id"]}
    last = files.get_last_working_files(the_task)
    assert last["main"]["id"] == second["id"]
    assert files.get_last_working_file_revision(the_task)["revision"] == 2
    assert files.get_working_file(first["id"])["revision"] == 1


def test_working_file_comment_and_modification_date(kitsu: Backend, tree: dict[str, Any]) -> None:
    made = files.new_working_file(tree["shot_task"], software=_software(kitsu))
    assert files.update_comment(made, "new words")["comment"] == "new words"
    touched = files.update_modification_date(made)
    assert touched["id"] == made["id"]


def test_entity_output_files(kitsu: Backend, tree: dict[str, Any]) -> None:
    production = tree
    output_type = files.new_output_type(kitsu.unique("Geo"), "geo")
    entity, task_type = production["asset"], production["asset_task_type"]
    assert files.get_next_entity_output_revision(entity, output_type, task_type) == 1
    first = files.new_entity_output_file(entity, output_type, task_type, "publish")
    assert is_id(first["id"]) and first["revision"] == 1
    assert first["entity_id"] == entity["id"] and first["output_type_id"] == output_type["id"]
    assert files.get_next_entity_output_revision(entity, output_type, task_type) == 2
    assert files.get_last_entity_output_revision(entity, output_type, task_type) == 1
    second = files.new_entity_output_file(entity, output_type, task_type, "again")
    assert second["revision"] == 2
    listed = files.all_output_files_for_entity(entity, output_type=output_type)
    assert {o["id"] for o in listed} == {first["id"], second["id"]}
    assert files.get_output_file(first["id"])["comment"] == "publish"
    assert output_type["id"] in {o["id"] for o in files.all_output_types_for_entity(entity)}


def test_update_output_file(kitsu: Backend, tree: dict[str, Any]) -> None:
    production = tree
    output_type = files.new_output_type(kitsu.unique("Cache"), "abc")
    made = files.new_entity_output_file(
        production["asset"], output_type, production["asset_task_type"], "c"
    )
    updated = files.update_output_file(made, {"comment": "edited", "data": {"k": 1}})
    assert updated["comment"] == "edited"
    assert files.get_output_file(made["id"])["data"] == {"k": 1}


def test_working_file_path_from_the_tree(kitsu: Backend, tree: dict[str, Any]) -> None:
    made = files.new_working_file(tree["shot_task"], software=_software(kitsu), revision=3)
    project = tree["project"]["name"].lower().replace("-", "_")
    folder = f"/mnt/studio/prod/{project}/shots/sq01/sh010/animation"
    assert made["path"] == f"{folder}/{project}_sh010_animation_main_v003"
    assert made["revision"] == 3


def test_output_file_path_from_the_tree(kitsu: Backend, tree: dict[str, Any]) -> None:
    output_type = files.new_output_type(kitsu.unique("Geo"), "geo")
    made = files.new_entity_output_file(
        tree["asset"], output_type, tree["asset_task_type"], "publish"
    )
    project = tree["project"]["name"].lower().replace("-", "_")
    folder = f"/mnt/studio/export/{project}/assets/character/hero/modeling"
    assert made["path"] == f"{folder}/{project}_hero_modeling_main_v001"


def test_working_file_bytes_round_trip(
    kitsu: Backend, tree: dict[str, Any], tmp_path: Path
) -> None:
    made = files.new_working_file(tree["shot_task"], software=_software(kitsu))
    source = tmp_path / "scene.blend"
    source.write_bytes(b"BLENDER-v300" + bytes(range(256)) * 4)
    files.upload_working_file(made, str(source))
    target = tmp_path / "back.blend"
    files.download_working_file(made, str(target))
    assert target.read_bytes() == source.read_bytes()
