"""The multi-step operations (flows) of kitsu_sdk.asset, casting, scene and shot, run through
AsyncKitsuClient against a real Zou. Each test says which flows it covers (it_aio.covers) and
fails when one of them did not run through the async client; test_it_async_flow_list.py checks
that every flow of kitsu_sdk/_operations is covered somewhere.

Setup data is made with raw calls of the sync admin client, in the module's throwaway projects
(closed afterwards, as in the sync suite)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from it_aio import covers, in_session
from it_helpers import unique

from kitsu_sdk import KitsuClient
from kitsu_sdk.exception import NotFoundError, NotFoundInKitsuError

Row = dict[str, Any]


def ids(rows: Any) -> set[str]:
    return {row["id"] for row in rows}


def counts(entries: list[Any]) -> dict[str, tuple[int, str]]:
    return {e["asset_id"]: (e["nb_occurences"], e.get("label") or "") for e in entries}


def _asset(client: KitsuClient, project: Row, type_name: str) -> Row:
    asset_type = client.get("data/asset-types", params={"name": type_name})[0]
    return dict(
        client.post(
            f"data/projects/{project['id']}/asset-types/{asset_type['id']}/assets/new",
            {"name": unique(type_name.lower()), "data": {}},
        )
    )


@pytest.fixture(scope="module")
def world(client: KitsuClient, project: Row) -> dict[str, Row]:
    """An episode, a sequence of two shots and three assets, in the TV-show project."""
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
        "episode": episode, "sequence": sequence, "shot": shots[0], "shot2": shots[1],
        "hero": _asset(client, project, "Character"), "sword": _asset(client, project, "Prop"),
        "house": _asset(client, project, "Environment"),
    }  # fmt: skip


# -- asset ---------------------------------------------------------------------------------------


@covers(
    "asset.new_asset_type",
    "asset.new_asset",
    "asset.get_asset_by_name",
    "asset.all_assets_for_project_and_type",
    "asset.all_assets_for_open_projects",
    "asset.get_episode_from_asset",
    "asset.get_asset_type_from_asset",
)
def test_asset_flows(
    kitsu_host: str, kitsu_credentials: tuple[str, str], project: Row, world: dict[str, Row]
) -> None:
    episode = world["episode"]

    async def body(a: Any) -> None:
        character = await a.asset.new_asset_type("Character")  # exists: found, not created
        assert character["name"] == "Character"
        name = unique("it-async-type")
        made_type = await a.asset.new_asset_type(name)
        try:
            assert made_type["name"] == name
            assert (await a.asset.new_asset_type(name))["id"] == made_type["id"]
        finally:
            await a.asset.remove_asset_type(made_type)
        assert await a.asset.get_asset_type_by_name(name) is None

        hero = await a.asset.new_asset(
            project, "Character", unique("hero"), "the lead", {"k": 1}, episode
        )
        assert (hero["entity_type_id"], hero["source_id"]) == (character["id"], episode["id"])
        assert (hero["description"], hero["data"]) == ("the lead", {"k": 1})
        assert (await a.asset.new_asset(project["id"], character, hero["name"]))["id"] == hero["id"]
        with pytest.raises(NotFoundInKitsuError):
            await a.asset.new_asset(project, unique("NoSuchType"), "ghost")

        found = await a.asset.get_asset_by_name(project, hero["name"].upper())
        assert found is not None and found["id"] == hero["id"]
        assert await a.asset.get_asset_by_name(project, hero["name"], world["sword"]) is None
        assert await a.asset.get_asset_by_name(project, unique("nobody")) is None

        typed = await a.asset.all_assets_for_project_and_type(project, "Character")
        assert {hero["id"], world["hero"]["id"]} <= ids(typed)
        assert world["sword"]["id"] not in ids(typed)
        assert hero["id"] in ids(await a.asset.all_assets_for_open_projects())

        from_dict, from_id = await asyncio.gather(
            a.asset.get_episode_from_asset(hero), a.asset.get_episode_from_asset(hero["id"])
        )
        assert from_dict["id"] == from_id["id"] == episode["id"]
        assert await a.asset.get_episode_from_asset(world["sword"]) is None  # main pack
        assert (await a.asset.get_asset_type_from_asset(hero))["id"] == character["id"]
        assert (await a.asset.get_asset_type_from_asset(hero["id"]))["name"] == "Character"

    in_session(kitsu_host, kitsu_credentials, body)


@covers("asset.get_asset_url", "asset.get_all_assets_url", "asset.get_asset_type_url")
def test_asset_urls(
    kitsu_host: str,
    kitsu_credentials: tuple[str, str],
    project: Row,
    feature_project: Row,
    world: dict[str, Row],
    client: KitsuClient,
) -> None:
    film_prop = _asset(client, feature_project, "Prop")

    async def body(a: Any) -> None:
        base = f"{a.web_root}/productions/{project['id']}"
        sword, hero = world["sword"], world["hero"]
        hero_url, sword_url, film_url = await asyncio.gather(
            a.asset.get_asset_url(hero["id"]),
            a.asset.get_asset_url(sword),
            a.asset.get_asset_url(film_prop),
        )
        assert hero_url == f"{base}/episodes/main/assets/{hero['id']}/"
        assert sword_url == f"{base}/episodes/main/assets/{sword['id']}/"
        film_base = f"{a.web_root}/productions/{feature_project['id']}"
        assert film_url == f"{film_base}/assets/{film_prop['id']}/"
        assert await a.asset.get_all_assets_url(project) == f"{base}/episodes/main/assets/"
        assert await a.asset.get_all_assets_url(feature_project["id"]) == f"{film_base}/assets/"
        prop_type = await a.asset.get_asset_type_from_asset(sword)
        assert await a.asset.get_asset_type_url(project, prop_type["id"]) == (
            f"{base}/episodes/main/assets?search=type%3D%5BProp%5D"
        )

    in_session(kitsu_host, kitsu_credentials, body)


# -- casting -------------------------------------------------------------------------------------


@covers(
    "casting.get_shot_casting",
    "casting.get_sequence_casting",
    "casting.get_episode_casting",
    "casting.get_asset_casting",
)
def test_casting_flows(
    kitsu_host: str, kitsu_credentials: tuple[str, str], project: Row, world: dict[str, Row]
) -> None:
    shot, shot2, hero, sword, house = (
        world[k] for k in ("shot", "shot2", "hero", "sword", "house")
    )

    async def body(a: Any) -> None:
        await a.casting.update_shot_casting(
            project,
            shot,
            [
                {"asset_id": hero["id"], "nb_occurences": 3},
                {"asset_id": sword, "nb_occurences": 1, "label": "animate"},
            ],
        )
        await a.casting.update_shot_casting(
            project, shot2, [{"asset_id": sword["id"], "nb_occurences": 2}]
        )
        expected = {hero["id"]: (3, ""), sword["id"]: (1, "animate")}
        by_dict, by_id = await asyncio.gather(
            a.casting.get_shot_casting(shot), a.casting.get_shot_casting(shot["id"])
        )
        assert counts(by_dict) == counts(by_id) == expected
        assert {e["asset_name"] for e in by_dict} == {hero["name"], sword["name"]}

        by_sequence = await a.casting.get_sequence_casting(world["sequence"]["id"])
        assert {k: counts(v) for k, v in by_sequence.items()} == {
            shot["id"]: expected,
            shot2["id"]: {sword["id"]: (2, "")},
        }
        # Casting a shot casts its assets in the episode too.
        in_episode = await a.casting.get_episode_casting(world["episode"])
        assert {e["asset_id"] for e in in_episode} == {hero["id"], sword["id"]}

        await a.casting.update_asset_casting(
            project, house, [{"asset_id": sword["id"], "nb_occurences": 4}]
        )
        assert counts(await a.casting.get_asset_casting(house)) == {sword["id"]: (4, "")}
        assert counts(await a.casting.get_asset_casting(house["id"])) == {sword["id"]: (4, "")}
        with pytest.raises(NotFoundError):
            await a.casting.get_shot_casting(str(uuid.uuid4()))

    in_session(kitsu_host, kitsu_credentials, body)


# -- scene and shot ------------------------------------------------------------------------------


@covers("scene.get_sequence_from_scene")
def test_scene_flow(
    kitsu_host: str, kitsu_credentials: tuple[str, str], project: Row, world: dict[str, Row]
) -> None:
    sequence = world["sequence"]

    async def body(a: Any) -> None:
        made = await a.scene.new_scene(project, sequence, unique("SC"))
        try:
            assert (await a.scene.get_sequence_from_scene(made))["id"] == sequence["id"]
            assert (await a.scene.get_sequence_from_scene(made["id"]))["id"] == sequence["id"]
        finally:
            await a.scene.remove_scene(made)
        with pytest.raises(NotFoundError):
            await a.scene.get_sequence_from_scene(made["id"])

    in_session(kitsu_host, kitsu_credentials, body)


@covers(
    "shot.new_sequence",
    "shot.new_shot",
    "shot.get_episode_from_sequence",
    "shot.get_sequence_from_shot",
    "shot.get_shot_frame_range",
    "shot.get_episode_url",
    "shot.get_shot_url",
    "shot.get_sequence_url",
)
def test_shot_flows(
    kitsu_host: str, kitsu_credentials: tuple[str, str], project: Row, feature_project: Row
) -> None:
    async def body(a: Any) -> None:
        episode = await a.shot.new_episode(project, unique("EP"))
        sequence = await a.shot.new_sequence(project, "SQ01", episode)
        made = await a.shot.new_shot(
            project, sequence, "SH010", nb_frames=24, frame_in=1001, frame_out=1024,
            data={"fps": 24, "note": "keep"},
        )  # fmt: skip
        # Existing ones come back as gazu's lookups give them: the shot with its project and
        # sequence names, the sequence of an episode even when no episode is given.
        named = await a.shot.new_sequence(project, unique("SQ"), episode)
        again, loose, same = await asyncio.gather(
            a.shot.new_shot(project, sequence["id"], "sh010", frame_in=1, frame_out=2),
            a.shot.new_sequence(project, named["name"]),
            a.shot.new_sequence(project, "SQ01", episode["id"]),
        )
        assert (again["id"], again["sequence_name"]) == (made["id"], "SQ01")
        assert (again["data"]["frame_in"], again["project_name"]) == (1001, project["name"])
        assert (loose["id"], loose["parent_id"]) == (named["id"], episode["id"])
        assert same["id"] == sequence["id"]
        assert (await a.shot.get_episode_from_sequence(sequence))["id"] == episode["id"]
        assert (await a.shot.get_episode_from_sequence(sequence["id"]))["id"] == episode["id"]
        assert (await a.shot.get_sequence_from_shot(made))["id"] == sequence["id"]
        assert (await a.shot.get_sequence_from_shot(made["id"]))["id"] == sequence["id"]
        assert await a.shot.get_shot_frame_range(made) == {
            "frame_in": 1001, "frame_out": 1024, "nb_frames": 24, "fps": 24.0,
        }  # fmt: skip
        await a.shot.set_shot_frame_range(made, 1, 48, fps=25)
        assert await a.shot.get_shot_frame_range(made["id"]) == {
            "frame_in": 1, "frame_out": 48, "nb_frames": 48, "fps": 25.0,
        }  # fmt: skip

        root = f"{a.web_root}/productions/{project['id']}"
        shot_url, sequence_url, episode_url = await asyncio.gather(
            a.shot.get_shot_url(made),
            a.shot.get_sequence_url(sequence["id"]),
            a.shot.get_episode_url(episode),
        )
        assert shot_url == f"{root}/episodes/{episode['id']}/shots/{made['id']}/"
        assert sequence_url == f"{root}/episodes/{episode['id']}/sequences/{sequence['id']}/"
        assert episode_url == f"{root}/episodes/{episode['id']}/shots"

        # A feature film: no episode above the sequence.
        film_sequence = await a.shot.new_sequence(feature_project, unique("SQ"))
        film_shot = await a.shot.new_shot(feature_project, film_sequence, "SH100")
        assert await a.shot.get_episode_from_sequence(film_sequence) is None
        film_root = f"{a.web_root}/productions/{feature_project['id']}"
        assert await a.shot.get_shot_url(film_shot["id"]) == (
            f"{film_root}/shots/{film_shot['id']}/"
        )
        assert await a.shot.get_sequence_url(film_sequence) == (
            f"{film_root}/sequences/{film_sequence['id']}/"
        )
        assert await a.shot.get_shot_frame_range(film_shot) == {
            "frame_in": None, "frame_out": None, "nb_frames": None, "fps": None,
        }  # fmt: skip

        await a.shot.remove_shot(made)
        with pytest.raises(NotFoundError):
            await a.shot.get_shot_frame_range(made["id"])

    in_session(kitsu_host, kitsu_credentials, body)
