"""kitsu_sdk.context against the real Zou: with `user_context=True` the lists hold what the
logged-in admin has tasks on, without it everything in the production; both sorted by name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from it_my_work import my_work, undo_my_work

from kitsu_sdk import KitsuClient, context

Row = dict[str, Any]


def ids(rows: Any) -> list[str]:
    return [row["id"] for row in rows]


def is_sorted_by_name(rows: Any) -> bool:
    names = [(row.get("name") or "").lower() for row in rows]
    return names == sorted(names)


@pytest.fixture(scope="module")
def work(client: KitsuClient, project: Row) -> Iterator[dict[str, Any]]:
    made = my_work(client, project)
    yield made
    undo_my_work(client, made)


def test_open_projects(client: KitsuClient, work: Row) -> None:
    for user_context in (False, True):
        projects = context.all_open_projects(user_context, client=client)
        assert work["project"]["id"] in ids(projects)
        assert is_sorted_by_name(projects)
    assert ids(context.all_open_projects(client=client)) == ids(
        context.all_open_projects(False, client=client))  # fmt: skip


def test_shots_sequences_episodes_and_scenes(client: KitsuClient, work: Row) -> None:
    project, sequence = work["project"], work["sequence"]
    # Both shots in the production, only the one with my task in my context.
    shots = context.all_shots_for_sequence(sequence, client=client)
    assert ids(shots) == [work["shot"]["id"], work["shot2"]["id"]]
    assert ids(context.all_shots_for_sequence(sequence, True, client=client)) == [
        work["shot"]["id"]]  # fmt: skip
    assert {"id", "name", "parent_id", "project_id", "type"} <= set(shots[0])

    for user_context in (False, True):
        assert ids(context.all_sequences_for_project(project, user_context, client=client)) == [
            sequence["id"]]  # fmt: skip
        assert ids(context.all_scenes_for_sequence(sequence, user_context, client=client)) == [
            work["scene"]["id"]]  # fmt: skip
    # Zou may give a TV show a first episode of its own: mine is among the production's.
    episodes = context.all_episodes_for_project(project["id"], client=client)
    assert work["episode"]["id"] in ids(episodes) and is_sorted_by_name(episodes)
    assert ids(context.all_episodes_for_project(project, True, client=client)) == [
        work["episode"]["id"]]  # fmt: skip
    assert ids(context.all_sequences_for_episode(work["episode"], client=client)) == [
        sequence["id"]]  # fmt: skip
    assert ids(context.all_scenes_for_project(project, client=client)) == [work["scene"]["id"]]


def test_assets_and_asset_types(client: KitsuClient, work: Row) -> None:
    project = work["project"]
    assets = context.all_assets_for_project(project, client=client)
    assert set(ids(assets)) == {work["asset"]["id"], work["prop"]["id"]}
    assert is_sorted_by_name(assets)

    production_types = context.all_asset_types_for_project(project, client=client)
    assert {"Character", "Prop"} <= {row["name"] for row in production_types}
    assert ids(context.all_asset_types_for_project(project, True, client=client)) == [
        work["asset_type"]["id"]]  # fmt: skip

    character = work["asset_type"]
    for user_context in (False, True):
        assert ids(
            context.all_assets_for_asset_type_and_project(
                project, character, user_context, client=client
            )
        ) == [work["asset"]["id"]]
    # The production variant takes a type name too (kitsu_sdk.asset does).
    assert ids(context.all_assets_for_asset_type_and_project(project, "Prop", client=client)) == [
        work["prop"]["id"]
    ]


def test_task_types(client: KitsuClient, work: Row) -> None:
    expected = {"shot": "animation", "asset": "modeling", "scene": "scene_type"}
    for kind, task_type in expected.items():
        function = getattr(context, f"all_task_types_for_{kind}")
        for user_context in (False, True):
            found = function(work[kind], user_context, client=client)
            assert ids(found) == [work[task_type]["id"]], (kind, user_context)
            assert {"id", "name", "for_entity", "color"} <= set(found[0])
    # Not mine: the production route lists it, my context does not.
    assert ids(context.all_task_types_for_asset(work["prop"], client=client)) == [
        work["modeling"]["id"]]  # fmt: skip
    assert context.all_task_types_for_asset(work["prop"], True, client=client) == []

    # Zou's two sequence routes differ: the production one lists the task types of the
    # sequence's shots and scenes, the user one those of my tasks on the sequence itself.
    sequence = work["sequence"]
    production = ids(context.all_task_types_for_sequence(sequence, client=client))
    assert set(production) == {work["animation"]["id"], work["scene_type"]["id"]}
    assert ids(context.all_task_types_for_sequence(sequence, True, client=client)) == [
        work["sequence_type"]["id"]]  # fmt: skip
