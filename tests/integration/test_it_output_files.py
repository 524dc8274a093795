"""kitsu_sdk.files' output files against a real Zou: output files of an entity and of an asset
instance made, numbered, listed with filters, found by path, and updated."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from it_helpers import unique
from it_pipeline import Row, forget, remove_output_files, world_in

from kitsu_sdk import KitsuClient
from kitsu_sdk import files as F
from kitsu_sdk.exception import BadRequestError

# The keys gazu's output file dicts have on Zou 1.0.97 (creation adds folder_path, file_name).
KEYS = {
    "id", "name", "revision", "comment", "path", "representation", "nb_elements", "extension",
    "entity_id", "asset_instance_id", "temporal_entity_id", "output_type_id", "task_type_id",
    "person_id", "file_status_id", "source_file_id", "source_file", "canceled", "size",
    "checksum", "data", "created_at", "updated_at", "type",
}  # fmt: skip


@pytest.fixture(scope="module")
def world(client: KitsuClient, project: Row) -> Iterator[dict[str, Row]]:
    with world_in(client, project) as made:
        status = client.post("data/file-status", {"name": unique("fs"), "color": "#336699"})
        made["file_status"] = status
        made["working_file"] = client.post(
            f"data/tasks/{made['shot_task']['id']}/working-files/new", {"name": "main"}
        )
        try:
            yield made
        finally:
            remove_output_files(client, made)
            forget(client, f"data/file-status/{status['id']}")


@pytest.fixture(scope="module")
def outputs(client: KitsuClient, world: dict[str, Row]) -> dict[str, Row]:
    """Two revisions of the shot's "main" cache (abc), one "fx" image sequence, and one output
    of the asset instance in the scene."""
    shot, output_type, task_type = world["shot"], world["output_type"], world["shot_type"]
    first = F.new_entity_output_file(
        shot, output_type, task_type, "first", working_file=world["working_file"],
        representation="abc", file_status_id=world["file_status"]["id"], client=client,
    )  # fmt: skip
    second = F.new_entity_output_file(
        shot, output_type, task_type, "second", representation="abc", client=client
    )
    frames = F.new_entity_output_file(
        shot, output_type, task_type, "frames", name="fx", nb_elements=24, representation="exr",
        revision=5, client=client,
    )  # fmt: skip
    instance = F.new_asset_instance_output_file(
        world["instance"], world["scene"], output_type, task_type, "instance",
        working_file=world["working_file"], file_status_id=world["file_status"], client=client,
    )  # fmt: skip
    return {"first": first, "second": second, "frames": frames, "instance": instance}


def ids(rows: list[Row]) -> list[str]:
    return sorted(row["id"] for row in rows)


def test_new_entity_output_file(world: dict[str, Row], outputs: dict[str, Row]) -> None:
    first, second, frames = outputs["first"], outputs["second"], outputs["frames"]
    assert KEYS | {"folder_path", "file_name"} <= set(first)
    assert (first["revision"], second["revision"], frames["revision"]) == (1, 2, 5)
    assert first["entity_id"] == world["shot"]["id"]
    assert first["source_file_id"] == world["working_file"]["id"]
    assert first["file_status_id"] == world["file_status"]["id"]
    assert first["path"] == f"{first['folder_path']}/{first['file_name']}"
    assert first["path"].endswith("_main_v001") and "/abc/" in first["path"]
    assert frames["nb_elements"] == 24 and frames["path"].endswith("_fx_v005_[1-24]")


def test_new_asset_instance_output_file(world: dict[str, Row], outputs: dict[str, Row]) -> None:
    made = outputs["instance"]
    assert KEYS <= set(made)
    assert made["name"] == "master" and made["revision"] == 1
    assert made["asset_instance_id"] == world["instance"]["id"]
    assert made["temporal_entity_id"] == world["scene"]["id"]
    assert made["entity_id"] == world["asset"]["id"]
    assert made["file_status_id"] == world["file_status"]["id"]
    assert made["source_file_id"] == world["working_file"]["id"]


def test_an_existing_revision_is_refused(
    client: KitsuClient, world: dict[str, Row], outputs: dict[str, Row]
) -> None:
    with pytest.raises(BadRequestError):
        F.new_entity_output_file(
            world["shot"], world["output_type"], world["shot_type"], "again", revision=1,
            representation="abc", client=client,
        )  # fmt: skip
    with pytest.raises(BadRequestError):
        F.new_asset_instance_output_file(
            world["instance"], world["scene"], world["output_type"], world["shot_type"], "again",
            revision=1, client=client,
        )  # fmt: skip


def test_get_output_file_and_by_path(client: KitsuClient, outputs: dict[str, Row]) -> None:
    first = outputs["first"]
    found = F.get_output_file(first["id"], client=client)
    assert KEYS <= set(found) and found["path"] == first["path"]
    assert found["source_file"]["id"] == first["source_file_id"]
    by_path = F.get_output_file_by_path(first["path"], client=client)
    assert by_path is not None and by_path["id"] == first["id"]
    assert F.get_output_file_by_path(first["path"] + "_nothing", client=client) is None


def test_listings_and_filters(
    client: KitsuClient, world: dict[str, Row], outputs: dict[str, Row]
) -> None:
    shot, project = world["shot"], world["project"]
    entity_ids = ids([outputs["first"], outputs["second"], outputs["frames"]])
    assert ids(F.all_output_files_for_entity(shot, client=client)) == entity_ids
    fx = F.all_output_files_for_entity(shot, world["output_type"], world["shot_type"], "fx",
                                       client=client)  # fmt: skip
    assert ids(fx) == [outputs["frames"]["id"]]
    by_status = F.all_output_files_for_entity(shot, file_status=world["file_status"],
                                              client=client)  # fmt: skip
    assert ids(by_status) == [outputs["first"]["id"]]
    abc = F.all_output_files_for_entity(shot, representation="abc", client=client)
    assert ids(abc) == ids([outputs["first"], outputs["second"]])
    # Zou's project listing leaves the outputs of asset instances out
    assert ids(F.all_output_files_for_project(project, client=client)) == entity_ids
    assert F.all_output_files_for_project(project, name="nothing", client=client) == []


def test_asset_instance_listings(
    client: KitsuClient, world: dict[str, Row], outputs: dict[str, Row]
) -> None:
    instance, scene = world["instance"], world["scene"]
    wanted = [outputs["instance"]["id"]]
    assert ids(F.all_output_files_for_asset_instance(instance, client=client)) == wanted
    filtered = F.all_output_files_for_asset_instance(
        instance, scene, world["shot_type"], world["output_type"], "master", client=client
    )
    assert ids(filtered) == wanted
    assert F.all_output_files_for_asset_instance(instance, name="x", client=client) == []
    last = F.get_last_output_files_for_asset_instance(instance, scene, client=client)
    assert ids(last) == wanted
    assert (
        F.get_last_output_files_for_asset_instance(
            instance, scene, output_type=world["output_type"], name="x", client=client
        )
        == []
    )


def test_last_output_files_of_an_entity(
    client: KitsuClient, world: dict[str, Row], outputs: dict[str, Row]
) -> None:
    last = F.get_last_output_files_for_entity(world["shot"], client=client)
    assert ids(last) == ids([outputs["second"], outputs["frames"]])
    only_main = F.get_last_output_files_for_entity(world["shot"], name="main", client=client)
    assert ids(only_main) == [outputs["second"]["id"]]


def test_revisions(client: KitsuClient, world: dict[str, Row], outputs: dict[str, Row]) -> None:
    shot, output_type, task_type = world["shot"], world["output_type"], world["shot_type"]
    assert F.get_next_entity_output_revision(shot, output_type, task_type, client=client) == 3
    assert F.get_last_entity_output_revision(shot, output_type, task_type, client=client) == 2
    assert F.get_last_entity_output_revision(shot, output_type, task_type, "fx",
                                             client=client) == 5  # fmt: skip
    assert F.get_next_entity_output_revision(shot, output_type, task_type, "none",
                                             client=client) == 1  # fmt: skip
    args = (world["instance"], world["scene"], output_type, task_type)
    assert F.get_next_asset_instance_output_revision(*args, client=client) == 2
    assert F.get_last_asset_instance_output_revision(*args, client=client) == 1
    assert F.get_last_asset_instance_output_revision(*args, "main", client=client) == 0


def test_update_output_file(client: KitsuClient, outputs: dict[str, Row]) -> None:
    second = outputs["second"]
    updated = F.update_output_file(second, {"comment": "approved", "data": {"k": 1}},
                                   client=client)  # fmt: skip
    assert updated["id"] == second["id"]
    assert updated["comment"] == "approved" and updated["data"] == {"k": 1}
    assert F.get_output_file(second["id"], client=client)["comment"] == "approved"
