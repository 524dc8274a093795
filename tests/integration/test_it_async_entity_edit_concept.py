"""The flows of kitsu_sdk.entity, edit and concept (edit.get_edit_url, and edit.new_edit and
concept.new_concept, which look the name up before creating: every other function is one
request), run through AsyncKitsuClient against a real Zou, with a few of their single calls
beside it.

Setup data is made with raw calls of the sync admin client in the module's throwaway project
(closed afterwards)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from it_aio import covers, in_session
from it_helpers import unique

from kitsu_sdk import KitsuClient
from kitsu_sdk.exception import InvalidIdError

Row = dict[str, Any]


@pytest.fixture(scope="module")
def episode(client: KitsuClient, project: Row) -> Row:
    return dict(client.post(f"data/projects/{project['id']}/episodes", {"name": unique("E")}))


@covers("edit.new_edit", "edit.get_edit_url")
def test_edit_url_flow(
    kitsu_host: str, kitsu_credentials: tuple[str, str], project: Row, episode: Row
) -> None:
    async def body(a: Any) -> None:
        in_episode, loose = await asyncio.gather(
            a.edit.new_edit(project, unique("cut"), episode=episode),
            a.edit.new_edit(project["id"], unique("cut")),
        )
        assert (in_episode["parent_id"], loose["parent_id"]) == (episode["id"], None)
        # An existing edit is found project-wide, whatever the episode given (as gazu).
        again = await a.edit.new_edit(project, in_episode["name"])
        assert (again["id"], again["project_name"]) == (in_episode["id"], project["name"])
        urls = await asyncio.gather(
            a.edit.get_edit_url(in_episode), a.edit.get_edit_url(loose["id"])
        )
        base = f"/productions/{project['id']}"
        assert urls[0].endswith(f"{base}/episodes/{episode['id']}/edits/{in_episode['id']}/")
        assert urls[1].endswith(f"{base}/edits/{loose['id']}/")
        with pytest.raises(InvalidIdError):
            await a.edit.get_edit_url("not an id")

    in_session(kitsu_host, kitsu_credentials, body)


@covers("concept.new_concept")
def test_new_concept_flow_and_single_calls(
    kitsu_host: str, kitsu_credentials: tuple[str, str], project: Row
) -> None:
    async def body(a: Any) -> None:
        made = await a.concept.new_concept(project, unique("c"), "d")
        again = await a.concept.new_concept(project["id"], made["name"], "other")
        assert (again["id"], again["description"]) == (made["id"], "d")
        assert again["project_name"] == project["name"]
        found, by_id, as_entity = await asyncio.gather(
            a.concept.get_concept_by_name(project, made["name"]),
            a.concept.get_concept(made["id"]),
            a.entity.get_entity(made),
        )
        assert found["id"] == by_id["id"] == as_entity["id"] == made["id"]
        assert as_entity["type"] == "Concept"
        concept_type = await a.entity.get_entity_type_by_name("Concept")
        assert as_entity["entity_type_id"] == concept_type["id"]
        assert await a.entity.remove_entities(project, [made]) == [made["id"]]
        assert await a.concept.get_concept_by_name(project, made["name"]) is None

    in_session(kitsu_host, kitsu_credentials, body)
