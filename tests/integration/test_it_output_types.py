"""kitsu_sdk.files' output types, file statuses and softwares against a real Zou: created once
(then found, not duplicated), read by id and by name, listed for an entity and an asset
instance, updated; the studio-wide rows made here are deleted at the end."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from it_helpers import unique
from it_pipeline import Row, forget, world_in

from kitsu_sdk import KitsuClient
from kitsu_sdk import files as F
from kitsu_sdk.exception import NotFoundError

OUTPUT_TYPE_KEYS = {"id", "name", "short_name", "created_at", "updated_at", "type"}
FILE_STATUS_KEYS = {"id", "name", "color", "created_at", "updated_at", "type"}
SOFTWARE_KEYS = {
    "id", "name", "short_name", "file_extension", "secondary_extensions", "archived", "version",
    "monthly_cost", "inventory_amount", "created_at", "updated_at", "type",
}  # fmt: skip


@pytest.fixture(scope="module")
def world(client: KitsuClient, project: Row) -> Iterator[dict[str, Row]]:
    with world_in(client, project) as made:
        yield made


@pytest.fixture
def cleanup(client: KitsuClient) -> Iterator[list[str]]:
    """API paths of rows a test made, deleted after it."""
    paths: list[str] = []
    yield paths
    for path in reversed(paths):
        forget(client, path)


def test_new_output_type_then_found_again(client: KitsuClient, cleanup: list[str]) -> None:
    name = unique("Cache")
    made = F.new_output_type(name, "cch", client=client)
    cleanup.append(f"data/output-types/{made['id']}")
    assert OUTPUT_TYPE_KEYS <= set(made)
    assert (made["name"], made["short_name"], made["type"]) == (name, "cch", "OutputType")
    again = F.new_output_type(name, "other", client=client)
    assert again["id"] == made["id"] and again["short_name"] == "cch"
    assert F.get_output_type(made["id"], client=client)["name"] == name
    found = F.get_output_type_by_name(name, client=client)
    assert found is not None and found["id"] == made["id"]
    assert F.get_output_type_by_name(unique("none"), client=client) is None
    assert made["id"] in {row["id"] for row in F.all_output_types(client=client)}


def test_output_types_of_an_entity_and_an_instance(
    client: KitsuClient, world: dict[str, Row]
) -> None:
    output_type, task_type = world["output_type"], world["shot_type"]
    assert F.all_output_types_for_entity(world["shot"], client=client) == []
    client.post(
        f"data/entities/{world['shot']['id']}/output-files/new",
        {"output_type_id": output_type["id"], "task_type_id": task_type["id"]},
    )
    instance, scene = world["instance"], world["scene"]
    assert F.all_output_types_for_asset_instance(instance, scene, client=client) == []
    client.post(
        f"data/asset-instances/{instance['id']}/entities/{scene['id']}/output-files/new",
        {"output_type_id": output_type["id"], "task_type_id": task_type["id"]},
    )
    for_shot = F.all_output_types_for_entity(world["shot"], client=client)
    assert [row["id"] for row in for_shot] == [output_type["id"]]
    assert OUTPUT_TYPE_KEYS <= set(for_shot[0])
    for_instance = F.all_output_types_for_asset_instance(instance, scene, client=client)
    assert [row["id"] for row in for_instance] == [output_type["id"]]


def test_file_statuses(client: KitsuClient, cleanup: list[str]) -> None:
    name = unique("Review")
    made = F.new_file_status(name, "#FF8800", client=client)
    cleanup.append(f"data/file-status/{made['id']}")
    assert FILE_STATUS_KEYS <= set(made)
    assert (made["name"], made["color"], made["type"]) == (name, "#FF8800", "FileStatus")
    again = F.new_file_status(name, "#000000", client=client)
    assert again["id"] == made["id"] and again["color"] == "#FF8800"
    assert F.get_file_status(made["id"], client=client)["name"] == name
    found = F.get_file_status_by_name(name, client=client)
    assert found is not None and found["id"] == made["id"]
    assert F.get_file_status_by_name(unique("none"), client=client) is None


def test_softwares(client: KitsuClient, cleanup: list[str]) -> None:
    name = unique("Maya")
    made = F.new_software(name, "ma", ".ma", ["mb"], client=client)
    cleanup.append(f"data/softwares/{made['id']}")
    assert SOFTWARE_KEYS <= set(made)
    assert (made["file_extension"], made["secondary_extensions"]) == (".ma", ["mb"])
    again = F.new_software(name, "x", ".x", client=client)
    assert again["id"] == made["id"] and again["file_extension"] == ".ma"
    assert F.get_software(made["id"], client=client)["name"] == name
    found = F.get_software_by_name(name, client=client)
    assert found is not None and found["id"] == made["id"]
    assert F.get_software_by_name(unique("none"), client=client) is None
    assert made["id"] in {row["id"] for row in F.all_softwares(client=client)}
    changed = F.update_software({**made, "secondary_extensions": ["mb", "fbx"]}, client=client)
    assert changed["id"] == made["id"] and changed["secondary_extensions"] == ["mb", "fbx"]
    assert F.get_software(made, client=client)["secondary_extensions"] == ["mb", "fbx"]


def test_unknown_ids(client: KitsuClient) -> None:
    missing = "00000000-0000-4000-8000-000000000000"
    for read in (F.get_output_type, F.get_file_status, F.get_software):
        with pytest.raises(NotFoundError):
            read(missing, client=client)
