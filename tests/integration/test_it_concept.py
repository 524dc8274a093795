"""kitsu_sdk.concept against the real Zou: concepts tagging assets, their image previews (a
preview published on the concept's task, as Kitsu does), lookups, updates and removal.

Setup data (assets, tasks, previews) is made with raw client calls."""

from __future__ import annotations

import pathlib
from typing import Any

import pytest
from it_helpers import unique
from it_media import add_preview, write_png

from kitsu_sdk import KitsuClient, concept
from kitsu_sdk.exception import NotFoundError

Row = dict[str, Any]

# The keys of gazu's results for the same routes.
ROW_KEYS = {"id", "name", "description", "data", "project_id", "entity_type_id", "parent_id",
            "canceled", "status", "created_by", "type", "entity_concept_links"}  # fmt: skip
FULL_KEYS = ROW_KEYS | {"project_name", "tasks", "preview_file_status"}


def _asset(client: KitsuClient, project: Row, type_name: str) -> Row:
    asset_type = client.get("data/asset-types", params={"name": type_name})[0]
    return dict(
        client.post(
            f"data/projects/{project['id']}/asset-types/{asset_type['id']}/assets/new",
            {"name": unique(type_name.lower()), "data": {}},
        )
    )


@pytest.fixture(scope="module")
def assets(client: KitsuClient, project: Row) -> dict[str, Row]:
    return {"hero": _asset(client, project, "Character"), "sword": _asset(client, project, "Prop")}


def _concept_task(client: KitsuClient, project: Row, made: Row) -> Row:
    task_type = client.get("data/task-types", params={"for_entity": "Concept"})[0]
    path = f"actions/projects/{project['id']}/task-types/{task_type['id']}/concepts/create-tasks"
    return dict(client.post(path, [made["id"]])[0])


def test_new_concept_and_lookups(client: KitsuClient, project: Row, assets: dict[str, Row]) -> None:
    hero, sword = assets["hero"], assets["sword"]
    name = unique("hero-front")
    made = concept.new_concept(project, name, "front view", {"k": 1}, [hero, sword["id"]],
                               client=client)  # fmt: skip
    assert ROW_KEYS <= set(made)
    assert made["type"] == "Concept"
    assert sorted(made["entity_concept_links"]) == sorted([hero["id"], sword["id"]])
    assert (made["description"], made["data"]) == ("front view", {"k": 1})
    # An existing concept comes back unchanged, as gazu's lookup row (with project_name).
    again = concept.new_concept(project["id"], name, "other", {"k": 2}, [hero], client=client)
    assert (again["id"], again["description"], again["data"]) == (made["id"], "front view",
                                                                  {"k": 1})  # fmt: skip
    assert again["project_name"] == project["name"]
    assert sorted(again["entity_concept_links"]) == sorted([hero["id"], sword["id"]])
    assert "project_name" not in made  # the POST answer of a new concept has no project name

    full = concept.get_concept(made, client=client)
    assert FULL_KEYS <= set(full)
    assert full["project_name"] == project["name"] and full["tasks"] == []

    found = concept.get_concept_by_name(project, name.upper(), client=client)
    assert found is not None and found["id"] == made["id"]
    assert ROW_KEYS | {"project_name"} <= set(found)
    assert concept.get_concept_by_name(project, unique("none"), client=client) is None

    bare = concept.new_concept(project, unique("sketch"), client=client)
    assert bare["entity_concept_links"] == [] and bare["data"] == {}
    for_project = concept.all_concepts_for_project(project, client=client)
    assert {made["id"], bare["id"]} <= {row["id"] for row in for_project}
    names = [row["name"] for row in for_project]
    assert names == sorted(names, key=str.casefold)
    everywhere = concept.all_concepts(client=client)
    row = next(row for row in everywhere if row["id"] == made["id"])
    assert ROW_KEYS | {"project_name"} <= set(row)


def test_update_concept(client: KitsuClient, project: Row, assets: dict[str, Row]) -> None:
    made = concept.new_concept(project, unique("c"), data={"a": 1}, client=client)
    full = concept.get_concept(made, client=client)
    full["description"] = "v2"
    full["entity_concept_links"] = [assets["hero"]]
    saved = concept.update_concept(full, client=client)
    assert (saved["description"], saved["data"]) == ("v2", {"a": 1})
    assert saved["entity_concept_links"] == [assets["hero"]["id"]]
    unlinked = concept.update_concept({"id": made["id"], "entity_concept_links": []},
                                      client=client)  # fmt: skip
    assert unlinked["entity_concept_links"] == []
    kept = concept.update_concept({"id": made["id"], "name": made["name"] + "b"}, client=client)
    assert (kept["name"], kept["description"]) == (made["name"] + "b", "v2")


def test_concept_image_preview_and_removal(
    client: KitsuClient, project: Row, assets: dict[str, Row], tmp_path: pathlib.Path
) -> None:
    made = concept.new_concept(project, unique("c"), entity_concept_links=[assets["hero"]],
                               client=client)  # fmt: skip
    assert concept.all_previews_for_concept(made, client=client) == {}
    task = _concept_task(client, project, made)
    preview = add_preview(client, task, write_png(tmp_path / "concept.png"))
    previews = concept.all_previews_for_concept(made["id"], client=client)
    assert list(previews) == [task["task_type_id"]]
    row = previews[task["task_type_id"]][0]
    assert (row["id"], row["extension"]) == (preview["id"], "png")

    # With a task, removal only cancels the concept; force deletes it with task and preview.
    concept.remove_concept(made, client=client)
    assert concept.get_concept(made, client=client)["canceled"] is True
    concept.remove_concept(made["id"], force=True, client=client)
    with pytest.raises(NotFoundError):
        concept.get_concept(made, client=client)

    bare = concept.new_concept(project, unique("c"), client=client)
    concept.remove_concept(bare, client=client)
    with pytest.raises(NotFoundError):
        concept.get_concept(bare, client=client)
