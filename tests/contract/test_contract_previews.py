"""Previews: upload to a comment, bytes downloaded back, main preview, listings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from contract_backend import Backend
from contract_helpers import is_id, png_size, write_png

from kitsu_sdk import files, task
from kitsu_sdk.exception import RouteNotFoundException


def test_publish_preview_and_download_it(production: dict[str, Any], tmp_path: Path) -> None:
    source = write_png(tmp_path / "frame.png", 64, 48)
    comment, preview = task.publish_preview(
        production["shot_task"], production["wfa"], "v1", preview_file_path=source
    )
    assert comment["text"] == "v1" and is_id(preview["id"])
    assert preview["extension"] == "png" and preview["revision"] == 1
    assert preview["task_id"] == production["shot_task"]["id"]
    assert preview["status"] == "ready"
    assert task.get_comment(comment["id"])["previews"] == [preview["id"]]
    written = files.download_preview_file(preview, str(tmp_path / "back.png"))
    assert png_size(Path(written).read_bytes()) == (64, 48)


def test_two_step_preview(production: dict[str, Any], tmp_path: Path) -> None:
    comment = task.add_comment(production["shot_task"], production["wfa"], "two steps")
    record = task.create_preview(production["shot_task"], comment)
    assert is_id(record["id"]) and record["revision"] == 1
    uploaded = task.upload_preview_file(record, write_png(tmp_path / "a.png", 32, 16))
    assert uploaded["id"] == record["id"]
    got = files.get_preview_file(record["id"])
    assert got["extension"] == "png" and got["status"] == "ready"
    assert (got["width"], got["height"]) == (32, 16)


def test_revisions_increase(production: dict[str, Any], tmp_path: Path) -> None:
    png = write_png(tmp_path / "f.png")
    first = task.add_preview(
        production["shot_task"],
        task.add_comment(production["shot_task"], production["wfa"], "r1"),
        png,
    )
    second = task.add_preview(
        production["shot_task"],
        task.add_comment(production["shot_task"], production["wfa"], "r2"),
        png,
    )
    assert (first["revision"], second["revision"]) == (1, 2)
    listed = task.all_previews_for_task(production["shot_task"])
    assert {p["id"] for p in listed} == {first["id"], second["id"]}


def test_set_main_preview(production: dict[str, Any], tmp_path: Path) -> None:
    from kitsu_sdk import asset

    comment = task.add_comment(production["asset_task"], production["wfa"], "look")
    preview = task.add_preview(production["asset_task"], comment, write_png(tmp_path / "p.png"))
    entity = task.set_main_preview(preview)
    assert entity["preview_file_id"] == preview["id"]
    assert asset.get_asset(production["asset"]["id"])["preview_file_id"] == preview["id"]


def test_preview_files_for_project(production: dict[str, Any], tmp_path: Path) -> None:
    comment = task.add_comment(production["shot_task"], production["wfa"], "x")
    preview = task.add_preview(production["shot_task"], comment, write_png(tmp_path / "p.png"))
    listed = task.all_preview_files_for_project(production["project"])
    assert preview["id"] in {p["id"] for p in listed}


def test_remove_preview_from_comment(production: dict[str, Any], tmp_path: Path) -> None:
    comment = task.add_comment(production["shot_task"], production["wfa"], "x")
    preview = task.add_preview(production["shot_task"], comment, write_png(tmp_path / "p.png"))
    task.remove_preview_from_comment(production["shot_task"], comment, preview)
    assert task.get_comment(comment["id"])["previews"] == []
    with pytest.raises(RouteNotFoundException):
        files.get_preview_file(preview["id"])


def test_update_preview_position(production: dict[str, Any], tmp_path: Path) -> None:
    comment = task.add_comment(production["shot_task"], production["wfa"], "x")
    preview = task.add_preview(production["shot_task"], comment, write_png(tmp_path / "p.png"))
    files.update_preview(preview, {"position": 2, "validation_status": "validated"})
    assert files.get_preview_file(preview["id"])["validation_status"] == "validated"


def test_previews_of_a_shot_by_task_type(production: dict[str, Any], tmp_path: Path) -> None:
    from kitsu_sdk import shot

    comment = task.add_comment(production["shot_task"], production["wfa"], "x")
    preview = task.add_preview(production["shot_task"], comment, write_png(tmp_path / "p.png"))
    by_type = shot.all_previews_for_shot(production["shot"])
    assert list(by_type) == [production["shot_task_type"]["id"]]
    assert [p["id"] for p in by_type[production["shot_task_type"]["id"]]] == [preview["id"]]


def test_project_and_person_avatars(
    kitsu: Backend, project: dict[str, Any], tmp_path: Path
) -> None:
    from kitsu_sdk import person as persons
    from kitsu_sdk import project as projects

    picture = write_png(tmp_path / "avatar.png", 50, 40)
    answer = files.upload_project_avatar(project, picture)
    assert answer == {"thumbnail_path": f"pictures/thumbnails/projects/{project['id']}.png"}
    assert projects.get_project(project["id"])["has_avatar"] is True
    back = files.download_project_avatar(project, str(tmp_path / "back.png"))
    png_size(Path(back).read_bytes())  # a PNG (Zou makes a 400x400 thumbnail, the fake keeps it)
    someone, _ = kitsu.person("user")
    files.upload_person_avatar(someone, picture)
    assert persons.get_person(someone["id"])["has_avatar"] is True
    persons.clear_person_avatar(someone)
    assert persons.get_person(someone["id"])["has_avatar"] is False
