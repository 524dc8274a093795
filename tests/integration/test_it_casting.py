"""kitsu_sdk.casting against a real Zou: shot, asset and episode casting, the many-entity
readers and the entity links behind them.

Episodes, sequences and shots are made with raw client calls so that this suite does not
depend on kitsu_sdk.shot.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from it_helpers import unique

from kitsu_sdk import KitsuClient
from kitsu_sdk import casting as kc
from kitsu_sdk.exception import InvalidInputError, NotFoundError

Row = dict[str, Any]


def _asset(client: KitsuClient, project: Row, type_name: str, name: str) -> Row:
    asset_type = client.get("data/asset-types", params={"name": type_name})
    type_id = (
        asset_type[0]["id"]
        if asset_type
        else client.post("data/entity-types", {"name": type_name})["id"]
    )
    return dict(
        client.post(
            f"data/projects/{project['id']}/asset-types/{type_id}/assets/new",
            {"name": name, "data": {}},
        )
    )


def _counts(entries: list[Any]) -> dict[str, tuple[int, str]]:
    return {
        entry["asset_id"]: (entry["nb_occurences"], entry.get("label") or "") for entry in entries
    }


@pytest.fixture(scope="module")
def world(client: KitsuClient, project: Row) -> dict[str, Row]:
    """An episode with one sequence of two shots, and three assets."""
    pid = project["id"]
    episode = client.post(f"data/projects/{pid}/episodes", {"name": unique("E")})
    sequence = client.post(
        f"data/projects/{pid}/sequences", {"name": unique("SQ"), "episode_id": episode["id"]}
    )
    shots = [
        client.post(f"data/projects/{pid}/shots", {"name": name, "sequence_id": sequence["id"]})
        for name in ("SH010", "SH020")
    ]
    return {
        "episode": episode,
        "sequence": sequence,
        "shot": shots[0],
        "shot2": shots[1],
        "hero": _asset(client, project, "Character", unique("hero")),
        "sword": _asset(client, project, "Prop", unique("sword")),
        "house": _asset(client, project, "Environment", unique("house")),
    }


def test_shot_casting_cast_read_uncast(
    client: KitsuClient, project: Row, world: dict[str, Row]
) -> None:
    shot, hero, sword = world["shot"], world["hero"], world["sword"]
    sent = kc.update_shot_casting(
        project,
        shot,
        [
            {"asset_id": hero["id"], "nb_occurences": 3},
            {"asset_id": sword, "nb_occurences": 1, "label": "animate"},
        ],
        client=client,
    )
    assert len(sent) == 2

    casting = kc.get_shot_casting(shot, client=client)
    assert _counts(casting) == {hero["id"]: (3, ""), sword["id"]: (1, "animate")}
    assert {entry["asset_name"] for entry in casting} == {hero["name"], sword["name"]}
    assert _counts(kc.get_shot_casting(shot["id"], client=client)) == _counts(casting)

    cast_in = kc.get_asset_cast_in(hero, client=client)
    assert [(row["shot_id"], row["nb_occurences"]) for row in cast_in] == [(shot["id"], 3)]

    after = kc.uncast_asset(project, shot, sword, client=client)
    assert _counts(after[shot["id"]]) == {hero["id"]: (3, "")}
    assert _counts(kc.get_shot_casting(shot, client=client)) == {hero["id"]: (3, "")}
    assert kc.get_asset_cast_in(sword, client=client) == []


def test_cast_asset_in_several_shots_keeps_their_other_assets(
    client: KitsuClient, project: Row, world: dict[str, Row]
) -> None:
    shot, shot2, hero, house = world["shot"], world["shot2"], world["hero"], world["house"]
    kc.update_shot_casting(
        project, shot, [{"asset_id": hero["id"], "nb_occurences": 3}], client=client
    )
    result = kc.cast_asset(project, [shot, shot2["id"]], house, 2, "bg", client=client)
    assert set(result) == {shot["id"], shot2["id"]}
    assert _counts(kc.get_shot_casting(shot, client=client)) == {
        hero["id"]: (3, ""),
        house["id"]: (2, "bg"),
    }
    # nb_occurences left out keeps the count; only the label changes.
    relabeled = kc.cast_asset(project, shot2, house, label="far", client=client)
    assert _counts(relabeled[shot2["id"]]) == {house["id"]: (2, "far")}


def test_entry_without_count_is_cast_once(
    client: KitsuClient, project: Row, world: dict[str, Row]
) -> None:
    # Zou would silently skip it; the SDK sends nb_occurences=1.
    kc.update_shot_casting(
        project, world["shot2"], [{"asset_id": world["sword"]["id"]}], client=client
    )
    assert _counts(kc.get_shot_casting(world["shot2"], client=client)) == {
        world["sword"]["id"]: (1, "")
    }


def test_many_entity_readers(client: KitsuClient, project: Row, world: dict[str, Row]) -> None:
    shot, shot2, hero, sword = (world[k] for k in ("shot", "shot2", "hero", "sword"))
    kc.update_shot_casting(
        project, shot, [{"asset_id": hero["id"], "nb_occurences": 3}], client=client
    )
    kc.update_shot_casting(
        project, shot2, [{"asset_id": sword["id"], "nb_occurences": 2, "label": "x"}], client=client
    )
    expected = {shot["id"]: {hero["id"]: (3, "")}, shot2["id"]: {sword["id"]: (2, "x")}}

    def as_counts(by_shot: dict[str, Any]) -> dict[str, Any]:
        return {key: _counts(value) for key, value in by_shot.items()}

    by_sequence = kc.get_sequence_shots_casting(project, world["sequence"], client=client)
    assert as_counts(by_sequence) == expected
    assert as_counts(kc.get_sequence_casting(world["sequence"], client=client)) == expected
    assert (
        as_counts(kc.get_episode_shots_casting(project, world["episode"], client=client))
        == expected
    )
    assert as_counts(kc.get_project_shots_casting(project, client=client)) == expected
    assert by_sequence[shot["id"]][0]["sequence_name"] == world["sequence"]["name"]

    # Casting a shot casts its assets in the episode too (links marked data.auto).
    episode_casting = kc.get_episode_casting(world["episode"], client=client)
    assert {entry["asset_id"] for entry in episode_casting} == {hero["id"], sword["id"]}
    by_episode = kc.get_episodes_casting(project, client=client)
    assert {entry["asset_id"] for entry in by_episode[world["episode"]["id"]]} == {
        hero["id"],
        sword["id"],
    }


def test_asset_and_asset_type_casting(
    client: KitsuClient, project: Row, world: dict[str, Row]
) -> None:
    house, sword = world["house"], world["sword"]
    kc.update_asset_casting(
        project, house, [{"asset_id": sword["id"], "nb_occurences": 4}], client=client
    )
    assert _counts(kc.get_asset_casting(house, client=client)) == {sword["id"]: (4, "")}
    by_asset = kc.get_asset_type_casting(project, house["entity_type_id"], client=client)
    assert _counts(by_asset[house["id"]]) == {sword["id"]: (4, "")}


def test_episode_casting_update_uncasts_left_out_assets_from_its_shots(
    client: KitsuClient, project: Row, world: dict[str, Row]
) -> None:
    shot, hero, sword = world["shot"], world["hero"], world["sword"]
    kc.update_shot_casting(
        project,
        shot,
        [
            {"asset_id": hero["id"], "nb_occurences": 1},
            {"asset_id": sword["id"], "nb_occurences": 1},
        ],
        client=client,
    )
    kc.update_episode_casting(
        project, world["episode"], [{"asset_id": hero["id"], "nb_occurences": 1}], client=client
    )
    assert {e["asset_id"] for e in kc.get_episode_casting(world["episode"], client=client)} == {
        hero["id"]
    }
    assert set(_counts(kc.get_shot_casting(shot, client=client))) == {hero["id"]}


def test_entity_links(client: KitsuClient, project: Row, world: dict[str, Row]) -> None:
    shot, hero, sword = world["shot"], world["hero"], world["sword"]
    kc.update_shot_casting(
        project,
        shot,
        [
            {"asset_id": hero["id"], "nb_occurences": 1},
            {"asset_id": sword["id"], "nb_occurences": 5},
        ],
        client=client,
    )
    links = kc.all_entity_links_for_project(project, client=client)
    assert isinstance(links, list)
    sword_link = next(
        link
        for link in links
        if (link["entity_in_id"], link["entity_out_id"]) == (shot["id"], sword["id"])
    )
    assert sword_link["nb_occurences"] == 5

    page = kc.all_entity_links_for_project(project, page=1, limit=1, client=client)
    assert isinstance(page, dict)
    assert len(page["data"]) == 1 and page["total"] == len(links) and page["nb_pages"] == len(links)
    assert len(kc.all_entity_links_for_project(project, limit=1, client=client)) == 1

    assert kc.delete_entity_link(sword_link, client=client) == sword_link
    assert sword_link["id"] not in [
        link["id"] for link in kc.all_entity_links_for_project(project, client=client)
    ]
    assert set(_counts(kc.get_shot_casting(shot, client=client))) == {hero["id"]}


def test_feature_film_project_shots_casting(client: KitsuClient, feature_project: Row) -> None:
    pid = feature_project["id"]
    sequence = client.post(f"data/projects/{pid}/sequences", {"name": unique("SQ")})
    shot = client.post(
        f"data/projects/{pid}/shots", {"name": "SH010", "sequence_id": sequence["id"]}
    )
    prop = _asset(client, feature_project, "Prop", unique("prop"))
    kc.cast_asset(feature_project, shot, prop, 2, client=client)
    assert _counts(kc.get_project_shots_casting(feature_project, client=client)[shot["id"]]) == {
        prop["id"]: (2, "")
    }


def test_errors(client: KitsuClient, project: Row, world: dict[str, Row]) -> None:
    with pytest.raises(NotFoundError):
        kc.get_shot_casting(str(uuid.uuid4()), client=client)
    with pytest.raises(NotFoundError):
        kc.cast_asset(project, [str(uuid.uuid4())], world["hero"], client=client)
    with pytest.raises(NotFoundError):
        kc.update_shot_casting(project, str(uuid.uuid4()), [], client=client)
    with pytest.raises(InvalidInputError):
        kc.update_shot_casting(
            project, world["shot"], {"asset_id": world["hero"]["id"]}, client=client
        )  # type: ignore[arg-type]
