"""kitsu_sdk.asset against a real Zou: asset types, assets, instances, CSV and URLs."""

from __future__ import annotations

import csv
import pathlib
import uuid
from typing import Any

import pytest
from it_helpers import unique

from kitsu_sdk import KitsuClient
from kitsu_sdk import asset as ka
from kitsu_sdk.exception import InvalidIdError, NotFoundError, NotFoundInKitsuError

Row = dict[str, Any]


@pytest.fixture(scope="module")
def character(client: KitsuClient) -> Row:
    return dict(ka.new_asset_type("Character", client=client))


@pytest.fixture(scope="module")
def prop(client: KitsuClient) -> Row:
    return dict(ka.new_asset_type("Prop", client=client))


@pytest.fixture(scope="module")
def episode(client: KitsuClient, project: Row) -> Row:
    return dict(client.post(f"data/projects/{project['id']}/episodes", {"name": unique("E")}))


@pytest.fixture(scope="module")
def shot(client: KitsuClient, project: Row, episode: Row) -> Row:
    sequence = client.post(
        f"data/projects/{project['id']}/sequences",
        {"name": unique("SQ"), "episode_id": episode["id"]},
    )
    return dict(
        client.post(
            f"data/projects/{project['id']}/shots",
            {"name": unique("SH"), "sequence_id": sequence["id"]},
        )
    )


@pytest.fixture(scope="module")
def hero(client: KitsuClient, project: Row, episode: Row, character: Row) -> Row:
    # Given by type name: resolved to the Character asset type.
    created = ka.new_asset(
        project, "Character", unique("hero"), "the lead", {"k": 1}, episode, client=client
    )
    return dict(created)


def test_asset_type_lifecycle(client: KitsuClient) -> None:
    name = unique("it-type")
    created = ka.new_asset_type(name, client=client)
    assert created["name"] == name
    # An existing type comes back as gazu returns it: the data/entity-types row, not the
    # data/asset-types one (no task_types).
    again = ka.new_asset_type(name, client=client)
    assert (again["id"], again["type"]) == (created["id"], "EntityType")
    assert "task_types" not in again
    assert ka.new_asset_type(name.upper(), client=client)["id"] == created["id"]
    assert ka.get_asset_type(created, client=client)["name"] == name
    assert ka.get_asset_type_by_name(name, client=client)["id"] == created["id"]
    assert created["id"] in [row["id"] for row in ka.all_asset_types(client=client)]

    renamed = ka.update_asset_type(
        {**created, "name": f"{name}-r", "short_name": "itr"}, client=client
    )
    assert (renamed["name"], renamed["short_name"]) == (f"{name}-r", "itr")
    assert ka.get_asset_type(created["id"], client=client)["short_name"] == "itr"

    ka.remove_asset_type(created, client=client)
    assert ka.get_asset_type_by_name(f"{name}-r", client=client) is None
    with pytest.raises(NotFoundError):
        ka.get_asset_type(created["id"], client=client)


def test_get_asset_type_by_name_finds_any_entity_type_as_gazu(client: KitsuClient) -> None:
    # "Shot" is an entity type but not an asset type: gazu finds it all the same.
    found = ka.get_asset_type_by_name("Shot", client=client)
    assert found is not None and found["name"] == "Shot"
    assert ka.get_asset_type_by_name(unique("no-such-type"), client=client) is None


def test_new_asset_stores_every_field_and_does_not_duplicate(
    client: KitsuClient, project: Row, episode: Row, character: Row, hero: Row
) -> None:
    assert hero["description"] == "the lead"
    assert hero["data"] == {"k": 1}
    assert hero["source_id"] == episode["id"]
    assert hero["entity_type_id"] == character["id"]
    again = ka.new_asset(project["id"], character, hero["name"], client=client)
    assert again["id"] == hero["id"]
    same_name = [
        row
        for row in ka.all_assets_for_project(project, client=client)
        if row["name"] == hero["name"]
    ]
    assert len(same_name) == 1


def test_asset_reads(
    client: KitsuClient, project: Row, episode: Row, character: Row, prop: Row, hero: Row
) -> None:
    read = ka.get_asset(hero["id"], client=client)
    assert read["asset_type_name"] == "Character"
    assert read["episode_id"] == episode["id"]
    assert ka.get_asset_by_name(project, hero["name"].upper(), client=client)["id"] == hero["id"]
    assert ka.get_asset_by_name(project, hero["name"], character, client=client)["id"] == hero["id"]
    assert ka.get_asset_by_name(project, hero["name"], prop, client=client) is None
    assert ka.get_asset_by_name(project, unique("nobody"), client=client) is None

    def ids(rows: list[Any]) -> list[str]:
        return [row["id"] for row in rows]

    assert hero["id"] in ids(ka.all_assets_for_project(project, client=client))
    assert hero["id"] in ids(ka.all_assets_for_project_and_type(project, character, client=client))
    assert ka.all_assets_for_project_and_type(project, prop, client=client) == []
    assert ids(ka.all_assets_for_episode(episode, client=client)) == [hero["id"]]
    assert hero["id"] in ids(ka.all_assets_for_open_projects(client=client))
    assert "Character" in [
        row["name"] for row in ka.all_asset_types_for_project(project, client=client)
    ]
    assert ka.get_episode_from_asset(hero, client=client)["id"] == episode["id"]
    assert ka.get_episode_from_asset(read, client=client)["id"] == episode["id"]
    assert ka.get_asset_type_from_asset(hero, client=client)["id"] == character["id"]
    assert ka.get_asset_type_from_asset(hero["id"], client=client)["name"] == "Character"


def test_assets_cast_in_a_shot(client: KitsuClient, project: Row, shot: Row, hero: Row) -> None:
    client.put(
        f"data/projects/{project['id']}/entities/{shot['id']}/casting",
        [{"asset_id": hero["id"], "nb_occurences": 2}],
    )
    assert [row["id"] for row in ka.all_assets_for_shot(shot, client=client)] == [hero["id"]]
    assert [row["name"] for row in ka.all_asset_types_for_shot(shot, client=client)] == [
        "Character"
    ]


def test_update_asset_round_trips_a_get_asset_dict(
    client: KitsuClient, episode: Row, hero: Row
) -> None:
    read = dict(ka.get_asset(hero, client=client))
    read["description"] = "changed"
    updated = ka.update_asset(read, client=client)
    assert updated["description"] == "changed"
    again = ka.get_asset(hero, client=client)
    assert again["description"] == "changed"
    assert again["episode_id"] == episode["id"]
    assert again["data"]["k"] == 1


def test_update_asset_data_keeps_the_other_keys(
    client: KitsuClient, project: Row, prop: Row
) -> None:
    lamp = ka.new_asset(project, prop, unique("lamp"), extra_data={"a": 1, "b": 2}, client=client)
    updated = ka.update_asset_data(lamp, {"b": 3, "c": 4}, client=client)
    assert updated["data"] == {"a": 1, "b": 3, "c": 4}
    assert ka.get_asset(lamp, client=client)["data"] == {"a": 1, "b": 3, "c": 4}


def test_remove_asset_cancels_then_force_deletes(
    client: KitsuClient, project: Row, prop: Row
) -> None:
    plain = ka.new_asset(project, prop, unique("plain"), client=client)
    ka.remove_asset(plain, client=client)
    with pytest.raises(NotFoundError):
        ka.get_asset(plain, client=client)

    busy = ka.new_asset(project, prop, unique("busy"), client=client)
    task_type = client.get("data/task-types", params={"for_entity": "Asset"})[0]
    client.post(
        f"actions/projects/{project['id']}/task-types/{task_type['id']}/assets/create-tasks",
        [busy["id"]],
    )
    ka.remove_asset(busy["id"], client=client)
    assert ka.get_asset(busy, client=client)["canceled"] is True
    ka.remove_asset(busy, force=True, client=client)
    with pytest.raises(NotFoundError):
        ka.get_asset(busy, client=client)


def test_asset_instances(
    client: KitsuClient, project: Row, shot: Row, character: Row, prop: Row
) -> None:
    room = ka.new_asset(project, character, unique("room"), client=client)
    chair = ka.new_asset(project, prop, unique("chair"), client=client)
    instance = ka.new_asset_asset_instance(room, chair, "by the window", client=client)
    # Zou numbers the instance after a slug of the asset name ("-" becomes "_").
    assert instance["name"] == f"{chair['name'].replace('-', '_')}_0001"
    assert instance["number"] == 1
    assert (instance["asset_id"], instance["target_asset_id"]) == (chair["id"], room["id"])
    assert ka.get_asset_instance(instance["id"], client=client)["description"] == "by the window"

    in_room = ka.all_asset_instances_for_asset(room, client=client)
    assert [row["id"] for row in in_room[chair["id"]]] == [instance["id"]]
    assert ka.disable_asset_instance(instance, client=client)["active"] is False
    assert ka.get_asset_instance(instance, client=client)["active"] is False
    assert ka.enable_asset_instance(instance["id"], client=client)["active"] is True

    # Nothing placed in shots or scenes: Zou answers an empty dict (its docs say a list).
    assert ka.all_shot_asset_instances_for_asset(chair, client=client) == {}
    assert not ka.all_asset_instances_for_shot(shot, client=client)
    scene_instances = ka.all_scene_asset_instances_for_asset(chair, client=client)
    assert instance["id"] in [row["id"] for rows in scene_instances.values() for row in rows]


def test_csv_export_and_import(
    client: KitsuClient, project: Row, episode: Row, hero: Row, tmp_path: pathlib.Path
) -> None:
    exported = ka.export_assets_with_csv(project, str(tmp_path / "all.csv"), client=client)
    with open(exported, newline="") as handle:
        names = [row["Name"] for row in csv.DictReader(handle, delimiter=";")]
    assert hero["name"] in names

    only_episode = ka.export_assets_with_csv(
        project, str(tmp_path / "ep.csv"), episode=episode, client=client
    )
    with open(only_episode, newline="") as handle:
        assert [row["Name"] for row in csv.DictReader(handle, delimiter=";")] == [hero["name"]]

    source = tmp_path / "import.csv"
    imported_name = unique("imported")
    source.write_text(f"Episode;Type;Name;Description\n;Prop;{imported_name};from csv\n")
    rows = ka.import_assets_with_csv(project, str(source), client=client)
    assert [row["name"] for row in rows] == [imported_name]
    found = ka.get_asset_by_name(project, imported_name, client=client)
    assert found is not None and found["description"] == "from csv"


def test_urls(
    client: KitsuClient, project: Row, feature_project: Row, episode: Row, prop: Row, hero: Row
) -> None:
    web = client.host[: -len("/api")] if client.host.endswith("/api") else client.host
    base = f"{web}/productions/{project['id']}"
    assert (
        ka.get_asset_url(hero, client=client)
        == f"{base}/episodes/{episode['id']}/assets/{hero['id']}/"
    )
    assert ka.get_all_assets_url(project, client=client) == f"{base}/episodes/main/assets/"
    assert ka.get_asset_type_url(project, prop, client=client) == (
        f"{base}/episodes/main/assets?search=type%3D%5BProp%5D"
    )
    film = ka.new_asset(feature_project, prop, unique("film-prop"), client=client)
    film_base = f"{web}/productions/{feature_project['id']}"
    assert ka.get_asset_url(film, client=client) == f"{film_base}/assets/{film['id']}/"
    assert ka.get_all_assets_url(feature_project, client=client) == f"{film_base}/assets/"


def test_errors(client: KitsuClient, project: Row) -> None:
    with pytest.raises(NotFoundInKitsuError):
        ka.new_asset(project, unique("NoSuchType"), "ghost", client=client)
    with pytest.raises(NotFoundError):
        ka.get_asset(str(uuid.uuid4()), client=client)
    with pytest.raises(InvalidIdError):
        ka.get_asset("hero", client=client)


def test_all_assets_for_open_projects_with_many_open_projects(client: KitsuClient) -> None:
    """More open projects than one request line can name (gunicorn caps it at 4094 bytes)."""
    opened = []
    while len(client.get("data/projects/open")) < 90:
        opened.append(client.post("data/projects", {"name": unique("many")}))
    try:
        last = client.get("data/projects/open")[-1]
        character = ka.get_asset_type_by_name("Character", client=client)
        asset = ka.new_asset(last, character, unique("far"), client=client)
        assert asset["id"] in {a["id"] for a in ka.all_assets_for_open_projects(client=client)}
    finally:
        closed = client.get("data/project-status", params={"name": "Closed"})[0]["id"]
        for project in opened:
            client.put(f"data/projects/{project['id']}", {"project_status_id": closed})
