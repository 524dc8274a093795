"""kitsu_sdk.user and kitsu_sdk.context through AsyncKitsuClient against a real Zou: the flow
(is_authenticated, which turns a refused token into False) and the user routes, which need a
person's session (the async client logs in as the admin, who has tasks in a throwaway project).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from it_aio import covers, in_session, new_async_client
from it_my_work import my_work, undo_my_work

from kitsu_sdk import KitsuClient

Row = dict[str, Any]


def ids(rows: Any) -> list[str]:
    return [row["id"] for row in rows]


@pytest.fixture(scope="module")
def work(client: KitsuClient, project: Row) -> Iterator[dict[str, Any]]:
    made = my_work(client, project)
    yield made
    undo_my_work(client, made)


@covers("user.is_authenticated")
def test_is_authenticated(kitsu_host: str, kitsu_credentials: tuple[str, str]) -> None:
    async def body(a: Any) -> None:
        assert await a.user.is_authenticated() is True
        async with new_async_client(kitsu_host) as other:
            await other.log_in(*kitsu_credentials)
            assert await other.user.is_authenticated() is True
            await other.log_out()
            assert await other.user.is_authenticated() is False

    in_session(kitsu_host, kitsu_credentials, body)


def test_my_work_through_the_async_client(
    kitsu_host: str, kitsu_credentials: tuple[str, str], work: Row
) -> None:
    project, sequence = work["project"], work["sequence"]

    async def body(a: Any) -> None:
        todo, shots, mine, tasks, context = await asyncio.gather(
            a.user.all_tasks_to_do(),
            a.context.all_shots_for_sequence(sequence),
            a.context.all_shots_for_sequence(sequence, True),
            a.user.all_tasks_for_shot(work["shot"]),
            a.user.get_context(),
        )
        assert work["tasks"]["shot"]["id"] in ids(todo)
        assert ids(shots) == [work["shot"]["id"], work["shot2"]["id"]]
        assert ids(mine) == [work["shot"]["id"]]
        assert ids(tasks) == [work["tasks"]["shot"]["id"]]
        assert project["id"] in ids(context["projects"])
        # The production variant of this one is a flow of kitsu_sdk.asset (a type name works).
        assets = await a.context.all_assets_for_asset_type_and_project(project, "Character")
        assert ids(assets) == [work["asset"]["id"]]

        group = await a.user.new_filter_group("it-async-group", project)
        try:
            assert (await a.user.get_filter_group(group))["id"] == group["id"]
        finally:
            assert await a.user.remove_filter_group(group) == ""

    in_session(kitsu_host, kitsu_credentials, body)
