"""kitsu_sdk.files' working files against a real Zou: revisions made and listed, the last
revisions by name, comments and modification dates, and content uploaded then downloaded."""

from __future__ import annotations

import pathlib
from collections.abc import Iterator

import pytest
from it_pipeline import Row, world_in

from kitsu_sdk import KitsuClient
from kitsu_sdk import files as F
from kitsu_sdk.exception import BadRequestError, MissingFileError, NotFoundError

# The keys gazu's working file dicts have on Zou 1.0.97.
KEYS = {
    "id", "name", "revision", "comment", "path", "task_id", "entity_id", "person_id",
    "software_id", "size", "checksum", "data", "description", "validation_status",
    "created_at", "updated_at", "type",
}  # fmt: skip


@pytest.fixture(scope="module")
def world(client: KitsuClient, project: Row) -> Iterator[dict[str, Row]]:
    with world_in(client, project) as made:
        yield made


@pytest.fixture(scope="module")
def revisions(client: KitsuClient, world: dict[str, Row]) -> list[Row]:
    """Two revisions of "main" and one of "fx" on the shot task."""
    task, software = world["shot_task"], world["software"]
    first = F.new_working_file(task, software=software, comment="blocking", client=client)
    second = F.new_working_file(task, software=software, comment="spline", client=client)
    other = F.new_working_file(task, name="fx", software=software, client=client)
    return [first, second, other]


def test_new_working_file_numbers_revisions(
    client: KitsuClient, world: dict[str, Row], revisions: list[Row]
) -> None:
    first, second, other = revisions
    assert KEYS <= set(first)
    assert first["type"] == "WorkingFile"
    assert (first["revision"], second["revision"], other["revision"]) == (1, 2, 1)
    assert first["task_id"] == world["shot_task"]["id"]
    assert first["entity_id"] == world["shot"]["id"]
    assert first["software_id"] == world["software"]["id"]
    assert first["comment"] == "blocking"
    assert first["path"] == F.build_working_file_path(
        world["shot_task"], software=world["software"], revision=1, client=client
    )


def test_a_revision_made_twice_is_refused(
    client: KitsuClient, world: dict[str, Row], revisions: list[Row]
) -> None:
    with pytest.raises(BadRequestError):
        F.new_working_file(world["shot_task"], revision=1, software=world["software"],
                           client=client)  # fmt: skip


def test_reading_working_files(
    client: KitsuClient, world: dict[str, Row], revisions: list[Row]
) -> None:
    first, second, other = revisions
    task = world["shot_task"]
    found = F.get_working_file(first["id"], client=client)
    assert found["id"] == first["id"] and found["outputs"] == []
    for_task = F.get_working_files_for_task(task, client=client)
    assert {row["id"] for row in revisions} <= {row["id"] for row in for_task}
    assert all(KEYS <= set(row) for row in for_task)
    for_entity = F.get_all_working_files_for_entity(world["shot"], client=client)
    assert {row["id"] for row in revisions} <= {row["id"] for row in for_entity}
    only_fx = F.get_all_working_files_for_entity(world["shot"], task, "fx", client=client)
    assert [row["id"] for row in only_fx] == [other["id"]]
    assert F.get_all_working_files_for_entity(world["asset"], client=client) == []


def test_last_revisions(client: KitsuClient, world: dict[str, Row], revisions: list[Row]) -> None:
    first, second, other = revisions
    task = world["shot_task"]
    last = F.get_last_working_files(task, client=client)
    assert last["main"]["id"] == second["id"]
    assert last["fx"]["id"] == other["id"]
    main = F.get_last_working_file_revision(task, client=client)
    assert main is not None and main["revision"] == 2
    fx = F.get_last_working_file_revision(task, "fx", client=client)
    assert fx is not None and fx["id"] == other["id"]
    assert F.get_last_working_file_revision(task, "nothing", client=client) is None
    assert F.get_last_working_files(world["asset_task"], client=client) == {}


def test_comment_and_modification_date(client: KitsuClient, revisions: list[Row]) -> None:
    first = revisions[0]
    updated = F.update_comment(first, "blocking, fixed", client=client)
    assert updated["id"] == first["id"] and updated["comment"] == "blocking, fixed"
    touched = F.update_modification_date(first["id"], client=client)
    assert touched["id"] == first["id"]
    assert touched["updated_at"] >= first["updated_at"]
    assert F.get_working_file(first, client=client)["comment"] == "blocking, fixed"


def test_upload_then_download_content(
    client: KitsuClient, revisions: list[Row], tmp_path: pathlib.Path
) -> None:
    second = revisions[1]
    source = tmp_path / "scene.sft"
    source.write_bytes(b"\x00working file content\xff" * 100)
    stored = F.upload_working_file(second, source, client=client)
    assert stored["id"] == second["id"] and KEYS <= set(stored)
    target = tmp_path / "copy.sft"
    written = F.download_working_file(second, target, client=client)
    assert written == str(target.resolve())
    assert target.read_bytes() == source.read_bytes()


def test_download_to_the_stored_path_needs_its_folder(
    client: KitsuClient, revisions: list[Row]
) -> None:
    second = revisions[1]
    # the stored path is under the tree's mountpoint (/mnt/studio/...), absent here
    assert not pathlib.Path(second["path"]).parent.exists()
    with pytest.raises(MissingFileError):
        F.download_working_file(second, client=client)


def test_download_of_a_file_never_uploaded(
    client: KitsuClient, revisions: list[Row], tmp_path: pathlib.Path
) -> None:
    with pytest.raises(NotFoundError):
        F.download_working_file(revisions[2], tmp_path / "none", client=client)
    assert list(tmp_path.iterdir()) == []
