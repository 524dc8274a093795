"""kitsu_sdk.files' file tree and path builders against a real Zou: the tree set on a project,
then the exact paths Zou renders from it for tasks, entities and asset instances."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from it_pipeline import TREE, Row, slug, world_in

from kitsu_sdk import KitsuClient
from kitsu_sdk import files as F
from kitsu_sdk.exception import BadRequestError, InvalidInputError


@pytest.fixture(scope="module")
def world(client: KitsuClient, project: Row) -> Iterator[dict[str, Row]]:
    with world_in(client, project) as made:
        yield made


@pytest.fixture(scope="module")
def names(world: dict[str, Row]) -> dict[str, str]:
    """The names of the world as Zou renders them in lowercase paths."""
    return {
        key: slug(world[key]["name"])
        for key in ("project", "episode", "sequence", "shot", "scene", "asset", "asset_type",
                    "shot_type", "asset_task_type", "output_type", "software")
    }  # fmt: skip


def test_update_project_file_tree_sets_the_tree(
    client: KitsuClient, project: Row, world: dict[str, Row]
) -> None:
    updated = F.update_project_file_tree(project, TREE, client=client)
    assert updated["id"] == project["id"]
    assert updated["file_tree"] == TREE
    assert client.get(f"data/projects/{project['id']}")["file_tree"] == TREE


def test_a_malformed_tree_never_reaches_zou(client: KitsuClient, project: Row) -> None:
    broken = copy.deepcopy(TREE)
    del broken["output"]["mountpoint"]
    with pytest.raises(InvalidInputError):
        F.update_project_file_tree(project, broken, client=client)
    assert client.get(f"data/projects/{project['id']}")["file_tree"] == TREE


def test_working_file_path_of_a_shot_task(
    client: KitsuClient, world: dict[str, Row], names: dict[str, str]
) -> None:
    n = names
    folder = (
        f"/mnt/studio/prod/{n['project']}/shots/{n['episode']}/{n['sequence']}/{n['shot']}/"
        f"{n['shot_type']}/{n['software']}"
    )
    task, software = world["shot_task"], world["software"]
    path = F.build_working_file_path(task, software=software, client=client)
    assert path == f"{folder}/{n['project']}_{n['shot']}_{n['shot_type']}_main_v001"
    path = F.build_working_file_path(
        task, name="Layout Pass", software=software, revision=12, client=client
    )
    assert path == f"{folder}/{n['project']}_{n['shot']}_{n['shot_type']}_layout_pass_v012"
    # gazu's joining: Zou's folder keeps "/", `sep` only joins the folder and the file name
    path = F.build_working_file_path(task, software=software, sep="\\", client=client)
    assert path == f"{folder}\\{n['project']}_{n['shot']}_{n['shot_type']}_main_v001"


def test_working_file_path_of_an_asset_task(
    client: KitsuClient, world: dict[str, Row], names: dict[str, str]
) -> None:
    n = names
    path = F.build_working_file_path(world["asset_task"], revision=3, client=client)
    assert path == (
        f"/mnt/studio/prod/{n['project']}/assets/{n['asset_type']}/{n['asset']}/"
        f"{n['asset_task_type']}/{n['project']}_{n['asset']}_{n['asset_task_type']}_main_v003"
    )


def test_working_file_path_for_a_mode_the_tree_lacks(
    client: KitsuClient, world: dict[str, Row]
) -> None:
    with pytest.raises(BadRequestError):
        F.build_working_file_path(world["shot_task"], mode="preview", client=client)


def test_entity_output_file_paths(
    client: KitsuClient, world: dict[str, Row], names: dict[str, str]
) -> None:
    n = names
    output_type, shot_type = world["output_type"], world["shot_type"]
    path = F.build_entity_output_file_path(
        world["shot"], output_type, shot_type, representation="abc", revision=4, client=client
    )
    assert path == (
        f"/mnt/studio/export/{n['project']}/shots/{n['sequence']}/{n['shot']}/{n['shot_type']}/"
        f"{n['output_type']}/abc/{n['project']}_{n['shot']}_{n['output_type']}_main_v004"
    )
    path = F.build_entity_output_file_path(
        world["asset"], output_type, world["asset_task_type"], name="Rig", revision=2,
        sep="\\", client=client,
    )  # fmt: skip
    assert path == (
        f"/mnt/studio\\export\\{n['project']}\\assets\\{n['asset_type']}\\{n['asset']}\\"
        f"{n['output_type']}\\{n['project']}_{n['asset']}_{n['output_type']}_rig_v002"
    )
    path = F.build_entity_output_file_path(
        world["sequence"], output_type, shot_type, revision=1, client=client
    )
    assert path == (
        f"/mnt/studio/export/{n['project']}/sequences/{n['sequence']}/{n['output_type']}/"
        f"{n['project']}_{n['sequence']}_{n['output_type']}_main_v001"
    )
    # revision 0: Zou takes the next free revision for the name (1: nothing exported yet)
    path = F.build_entity_output_file_path(world["scene"], output_type, shot_type, client=client)
    assert path.endswith(f"/{n['project']}_{n['scene']}_{n['output_type']}_main_v001")


def test_asset_instance_output_file_path(
    client: KitsuClient, world: dict[str, Row], names: dict[str, str]
) -> None:
    n = names
    instance = world["instance"]
    path = F.build_asset_instance_output_file_path(
        instance, world["scene"], world["output_type"], world["shot_type"], revision=7,
        client=client,
    )  # fmt: skip
    number = str(instance["number"]).zfill(4)
    assert path == (
        f"/mnt/studio/export/{n['project']}/scene/{n['scene']}/{n['asset_type']}/{n['asset']}/"
        f"instance_{number}/{n['output_type']}/"
        f"{n['project']}_{n['scene']}_{slug(instance['name'])}_{n['output_type']}_main_v007"
    )


def test_paths_stored_with_new_files_are_the_built_ones(
    client: KitsuClient, world: dict[str, Row]
) -> None:
    task, software = world["shot_task"], world["software"]
    for sep in ("/", "\\"):
        name = "tree" if sep == "/" else "tree_windows"
        built = F.build_working_file_path(
            task, name=name, software=software, revision=1, sep=sep, client=client
        )
        made = F.new_working_file(task, name=name, software=software, sep=sep, client=client)
        assert made["revision"] == 1
        assert made["path"] == built
    built_output = F.build_entity_output_file_path(
        world["shot"], world["output_type"], world["shot_type"], name="tree", revision=1,
        client=client,
    )  # fmt: skip
    made_output = F.new_entity_output_file(
        world["shot"], world["output_type"], world["shot_type"], "tree check", name="tree",
        client=client,
    )  # fmt: skip
    assert made_output["path"] == built_output
    assert f"{made_output['folder_path']}/{made_output['file_name']}" == built_output


def test_an_empty_tree_leaves_nothing_to_render(
    client: KitsuClient, project: Row, world: dict[str, Row]
) -> None:
    try:
        emptied: Any = F.update_project_file_tree(project, {}, client=client)
        assert emptied["file_tree"] == {}
        with pytest.raises(BadRequestError):
            F.build_working_file_path(world["shot_task"], client=client)
    finally:
        F.update_project_file_tree(project, TREE, client=client)
