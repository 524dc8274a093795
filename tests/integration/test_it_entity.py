"""kitsu_sdk.entity against the real Zou: entities of any kind, entity types, batch removal,
concept-linked entities and the guess of entities from a file path.

Setup data is made with raw client calls in the module's throwaway projects."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from it_helpers import unique

from kitsu_sdk import KitsuClient, entity
from kitsu_sdk.exception import BadRequestError, NotFoundError, ServerError

Row = dict[str, Any]

# The keys gazu's entity rows have (GET /data/entities and /data/entities/{id}).
ENTITY_KEYS = {"id", "name", "type", "project_id", "entity_type_id", "parent_id", "data",
               "canceled", "status", "created_by"}  # fmt: skip
ENTITY_TYPE_KEYS = {"id", "name", "short_name", "description", "archived", "type"}


def ids(rows: Any) -> set[str]:
    return {row["id"] for row in rows}


def _task_type(client: KitsuClient, for_entity: str) -> Row:
    rows = client.get("data/task-types", params={"for_entity": for_entity})
    return dict(rows[0])


def _tasks(client: KitsuClient, project: Row, kind: str, for_entity: str, ids_: list[str]) -> Any:
    task_type = _task_type(client, for_entity)
    path = f"actions/projects/{project['id']}/task-types/{task_type['id']}/{kind}/create-tasks"
    return client.post(path, ids_)


@pytest.fixture(scope="module")
def world(client: KitsuClient, project: Row) -> dict[str, Row]:
    """An episode, a sequence, an asset and a concept tagging the asset (with a task)."""
    pid = project["id"]
    episode = client.post(f"data/projects/{pid}/episodes", {"name": unique("E")})
    sequence = client.post(
        f"data/projects/{pid}/sequences", {"name": unique("SQ"), "episode_id": episode["id"]}
    )
    character = client.get("data/asset-types", params={"name": "Character"})[0]
    hero = client.post(
        f"data/projects/{pid}/asset-types/{character['id']}/assets/new",
        {"name": unique("hero"), "data": {}},
    )
    concept = client.post(
        f"data/projects/{pid}/concepts",
        {"name": unique("concept"), "entity_concept_links": [{"id": hero["id"]}]},
    )
    task = _tasks(client, project, "concepts", "Concept", [concept["id"]])[0]
    return {"episode": episode, "sequence": sequence, "hero": hero, "concept": concept,
            "character": character, "concept_task": task}  # fmt: skip


def _shot(client: KitsuClient, project: Row, sequence: Row) -> Row:
    return dict(
        client.post(
            f"data/projects/{project['id']}/shots",
            {"name": unique("SH"), "sequence_id": sequence["id"]},
        )
    )


def test_entities_of_any_kind(client: KitsuClient, project: Row, world: dict[str, Row]) -> None:
    hero, concept = world["hero"], world["concept"]
    everything = entity.all_entities(client=client)
    assert {hero["id"], concept["id"], world["sequence"]["id"]} <= ids(everything)
    row = next(row for row in everything if row["id"] == hero["id"])
    assert ENTITY_KEYS <= set(row)
    assert row["type"] == "Asset"

    got = entity.get_entity(hero["id"], client=client)
    assert ENTITY_KEYS <= set(got)
    assert {"entities_in", "entities_out", "entity_concept_links"} <= set(got)
    assert (got["type"], got["name"]) == ("Asset", hero["name"])
    assert entity.get_entity(concept, client=client)["entity_concept_links"] == [hero["id"]]
    with pytest.raises(NotFoundError):
        entity.get_entity("00000000-0000-4000-8000-000000000000", client=client)


def test_entity_by_name(client: KitsuClient, project: Row, world: dict[str, Row]) -> None:
    hero = world["hero"]
    found = entity.get_entity_by_name(hero["name"], project, client=client)
    assert found is not None and found["id"] == hero["id"]
    assert ENTITY_KEYS <= set(found)
    upper = entity.get_entity_by_name(hero["name"].upper(), project["id"], client=client)
    assert upper is not None and upper["id"] == hero["id"]
    anywhere = entity.get_entity_by_name(hero["name"], client=client)
    assert anywhere is not None and anywhere["id"] == hero["id"]
    assert entity.get_entity_by_name(unique("nobody"), project, client=client) is None


def test_entity_type_lifecycle(client: KitsuClient) -> None:
    types = entity.all_entity_types(client=client)
    names = [row["name"] for row in types]
    assert {"Shot", "Sequence", "Episode", "Edit", "Concept", "Character"} <= set(names)
    assert names == sorted(names, key=str.casefold)
    assert all(ENTITY_TYPE_KEYS <= set(row) for row in types)

    concept_type = entity.get_entity_type_by_name("Concept", client=client)
    assert concept_type is not None and concept_type["type"] == "EntityType"
    assert entity.get_entity_type(concept_type["id"], client=client)["name"] == "Concept"

    name = unique("it-entity-type")
    created = entity.new_entity_type(name, client=client)
    try:
        assert (created["name"], created["type"]) == (name, "EntityType")
        assert entity.get_entity_type(created, client=client)["id"] == created["id"]
        found = entity.get_entity_type_by_name(name.upper(), client=client)
        assert found is not None and found["id"] == created["id"]
        with pytest.raises(BadRequestError):
            entity.new_entity_type(name, client=client)
    finally:
        entity.remove_entity_type(created, client=client)
    assert entity.get_entity_type_by_name(name, client=client) is None
    with pytest.raises(NotFoundError):
        entity.get_entity_type(created["id"], client=client)


def test_remove_entity(client: KitsuClient, project: Row, world: dict[str, Row]) -> None:
    bare = _shot(client, project, world["sequence"])
    entity.remove_entity(bare, client=client)
    with pytest.raises(NotFoundError):
        entity.get_entity(bare["id"], client=client)

    busy = _shot(client, project, world["sequence"])
    _tasks(client, project, "shots", "Shot", [busy["id"]])
    # Zou's generic route ignores force: an entity with tasks is refused either way.
    with pytest.raises(BadRequestError):
        entity.remove_entity(busy["id"], force=True, client=client)
    assert entity.get_entity(busy, client=client)["canceled"] is False
    entity.remove_entities(project, [busy], force=True, client=client)


def test_remove_entities(client: KitsuClient, project: Row, world: dict[str, Row]) -> None:
    busy = _shot(client, project, world["sequence"])
    bare = _shot(client, project, world["sequence"])
    _tasks(client, project, "shots", "Shot", [busy["id"]])
    missing = "00000000-0000-4000-8000-000000000000"

    handled = entity.remove_entities(project, [busy, bare["id"], missing], client=client)
    assert sorted(handled) == sorted([busy["id"], bare["id"]])
    assert entity.get_entity(busy, client=client)["canceled"] is True  # tasks: canceled only
    with pytest.raises(NotFoundError):
        entity.get_entity(bare, client=client)

    assert entity.remove_entities(project["id"], [busy], force=True, client=client) == [busy["id"]]
    with pytest.raises(NotFoundError):
        entity.get_entity(busy, client=client)
    assert entity.remove_entities(project, [], client=client) == []


def test_entities_linked_with_tasks(client: KitsuClient, world: dict[str, Row]) -> None:
    linked = entity.all_entities_with_tasks_linked_to_entity(world["hero"], client=client)
    assert [row["id"] for row in linked] == [world["concept"]["id"]]
    row = linked[0]
    assert row["type"] == "Concept"
    assert [task["id"] for task in row["tasks"]] == [world["concept_task"]["id"]]
    assert {"task_status_id", "task_type_id", "assignees"} <= set(row["tasks"][0])
    assert (
        entity.all_entities_with_tasks_linked_to_entity(world["concept"]["id"], client=client) == []
    )


@pytest.fixture(scope="module")
def filed_project(client: KitsuClient) -> Iterator[Row]:
    """A throwaway project named without "_" (Zou reads "_" in a path as a space), with a file
    tree and an asset, closed afterwards."""
    created = dict(client.post("data/projects", {"name": unique("guess")}))
    tree = {
        "working": {
            "mountpoint": "/mnt",
            "root": "prods",
            "folder_path": {
                "asset": "<Project>/assets/<AssetType>/<Asset>/<TaskType>",
                "shot": "<Project>/shots/<Sequence>/<Shot>/<TaskType>",
                "style": "lowercase",
            },
            "file_name": {
                "asset": "<Asset>_<TaskType>",
                "shot": "<Shot>_<TaskType>",
                "style": "lowercase",
            },
        }
    }
    client.put(f"data/projects/{created['id']}", {"file_tree": tree})
    yield created
    closed = client.get("data/project-status", params={"name": "Closed"})
    client.put(f"data/projects/{created['id']}", {"project_status_id": closed[0]["id"]})


def test_guess_from_path(client: KitsuClient, filed_project: Row, world: dict[str, Row]) -> None:
    project, character = filed_project, world["character"]
    hero = client.post(
        f"data/projects/{project['id']}/asset-types/{character['id']}/assets/new",
        {"name": unique("hero"), "data": {}},
    )
    path = f"/mnt/prods/{project['name']}/assets/character/{hero['name']}/modeling/hero.ma"
    guesses = entity.guess_from_path(project["id"], path.upper(), client=client)
    asset_guess = next(row for row in guesses if row["Template"] == "asset")
    assert asset_guess["Project"] == project["id"]
    assert asset_guess["Asset"] == hero["id"]
    assert asset_guess["AssetType"] == character["id"]
    modeling = client.get("data/task-types", params={"name": "Modeling"})[0]
    assert asset_guess["TaskType"] == modeling["id"]
    # `sep` splits the path and the tree's templates alike (so the tree must be written with it).
    again = entity.guess_from_path(project, path, "/", client=client)
    assert [row["Asset"] for row in again if row["Template"] == "asset"] == [hero["id"]]
    assert entity.guess_from_path(project, "/elsewhere/file.ma", client=client) == []


def test_guess_from_path_needs_a_file_tree(client: KitsuClient, project: Row) -> None:
    # Zou 1.0.97 answers 500 for a project without file tree (the fixture's has none).
    with pytest.raises(ServerError):
        entity.guess_from_path(project, "/mnt/prods/x/assets/y.ma", client=client)
