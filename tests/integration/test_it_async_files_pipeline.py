"""The file pipeline run through AsyncKitsuClient against a real Zou: a software, an output type
and a file status made (once, even when asked for concurrently), a working file saved, stored,
and downloaded to the path the project's file tree gives it, then exported as an output file.
Each test says which flows it covers (it_aio.covers)."""

from __future__ import annotations

import asyncio
import copy
import pathlib
from collections.abc import Iterator
from typing import Any

import pytest
from it_aio import covers, in_session
from it_helpers import unique
from it_pipeline import TREE, Row, forget, world_in

from kitsu_sdk import KitsuClient
from kitsu_sdk.exception import InvalidInputError, MissingFileError, NotFoundError


@pytest.fixture(scope="module")
def world(client: KitsuClient, project: Row) -> Iterator[dict[str, Row]]:
    with world_in(client, project) as made:
        yield made


@covers("softwares.new_software", "output_types.new_output_type", "output_types.new_file_status")
def test_vocabularies_are_made_once(
    kitsu_host: str, kitsu_credentials: tuple[str, str], client: KitsuClient
) -> None:
    names = {"software": unique("Nuke"), "output_type": unique("Render"), "status": unique("ok")}

    async def body(a: Any) -> dict[str, Row]:
        software = await a.files.new_software(names["software"], "nk", ".nk", ["nknc"])
        output_type = await a.files.new_output_type(names["output_type"], "rnd")
        status = await a.files.new_file_status(names["status"], "#22AA44")
        # asked again, concurrently: found, never created twice
        again = await asyncio.gather(
            a.files.new_software(names["software"], "other", ".other"),
            a.files.new_output_type(names["output_type"], "other"),
            a.files.new_file_status(names["status"], "#000000"),
        )
        assert [row["id"] for row in again] == [software["id"], output_type["id"], status["id"]]
        with pytest.raises(InvalidInputError):
            await a.files.new_file_status(unique("bad"), "green")
        return {"software": software, "output_type": output_type, "status": status}

    made = in_session(kitsu_host, kitsu_credentials, body)
    try:
        assert made["software"]["secondary_extensions"] == ["nknc"]
        assert made["software"]["file_extension"] == ".nk"
        assert made["output_type"]["short_name"] == "rnd"
        assert made["status"]["color"] == "#22AA44"
        for kind, route in (("software", "softwares"), ("output_type", "output-types"),
                            ("status", "file-status")):  # fmt: skip
            assert len(client.get(f"data/{route}", params={"name": names[kind]})) == 1
    finally:
        forget(client, f"data/softwares/{made['software']['id']}")
        forget(client, f"data/output-types/{made['output_type']['id']}")
        forget(client, f"data/file-status/{made['status']['id']}")


@covers("working_files.download_working_file")
def test_working_file_round_trip_and_export(
    kitsu_host: str,
    kitsu_credentials: tuple[str, str],
    client: KitsuClient,
    project: Row,
    world: dict[str, Row],
    tmp_path: pathlib.Path,
) -> None:
    # the tree's working files live under tmp_path, so a file can go to its stored path
    tree = copy.deepcopy(TREE)
    tree["working"]["mountpoint"] = str(tmp_path / "studio")
    task, software = world["shot_task"], world["software"]
    source = tmp_path / "shot.sft"
    source.write_bytes(b"async working file" * 50)

    async def body(a: Any) -> None:
        await a.files.update_project_file_tree(project, tree)
        try:
            path = await a.files.build_working_file_path(task, "async", software=software)
            made = await a.files.new_working_file(task, "async", software=software, comment="c")
            assert made["path"] == path and path.startswith(str(tmp_path / "studio"))
            await a.files.upload_working_file(made, source)

            copied = tmp_path / "copy.sft"
            written_to_copy, missing = await asyncio.gather(
                a.files.download_working_file(made, copied),
                a.files.download_working_file(made),  # its stored folder does not exist yet
                return_exceptions=True,
            )
            assert written_to_copy == str(copied.resolve())
            assert isinstance(missing, MissingFileError)
            pathlib.Path(path).parent.mkdir(parents=True)
            assert await a.files.download_working_file(made["id"]) == path
            assert pathlib.Path(path).read_bytes() == copied.read_bytes() == source.read_bytes()
            with pytest.raises(NotFoundError):
                never = await a.files.new_working_file(task, "never", software=software)
                await a.files.download_working_file(never, tmp_path / "never")

            exported = await a.files.new_entity_output_file(
                world["shot"], world["output_type"], world["shot_type"], "export",
                working_file=made, name="async",
            )  # fmt: skip
            found = await a.files.get_output_file_by_path(exported["path"])
            assert found is not None and found["source_file_id"] == made["id"]
            last = await a.files.get_last_entity_output_revision(
                world["shot"], world["output_type"], world["shot_type"], "async"
            )
            assert last == exported["revision"] == 1
        finally:
            await a.files.update_project_file_tree(project, TREE)

    in_session(kitsu_host, kitsu_credentials, body)
