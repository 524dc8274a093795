"""The flows of gazu's extras (task_legacy) through AsyncKitsuClient against a real Zou."""

from __future__ import annotations

from typing import Any

import pytest
from it_aio import count_requests, covers, in_session
from it_helpers import unique

from kitsu_sdk import KitsuClient, shot, task
from kitsu_sdk.exception import ServerError

Row = dict[str, Any]


@covers("task_legacy.task_to_review")
def test_task_to_review_through_the_async_client(
    kitsu_host: str, kitsu_credentials: tuple[str, str], client: KitsuClient, project: Row
) -> None:
    me = client.logged_in_user
    assert me is not None
    episode = shot.new_episode(project, unique("E"), client=client)
    sequence = shot.new_sequence(project, unique("SQ"), episode, client=client)
    the_shot = shot.new_shot(project, sequence, "SH010", client=client)
    layout = task.get_task_type_by_name("Layout", "Shot", client=client)
    assert layout is not None
    the_task = task.new_task(the_shot, layout, client=client)

    async def body(a: Any) -> None:
        kept = await a.task.task_to_review(the_task, me, "wip", change_status=False)
        assert kept["task_status_id"] == the_task["task_status_id"]
        reviewed = await a.task.task_to_review(the_task, me, "please review")
        status = await a.task.get_task_status(reviewed["task_status_id"])
        assert status["is_feedback_request"] is True
        comments = await a.task.all_comments_for_task(the_task)
        assert [c["text"] for c in comments][:2] == ["please review", "wip"]

    in_session(kitsu_host, kitsu_credentials, body)


@covers("search.search_entities")
def test_search_entities_through_the_async_client(
    kitsu_host: str, kitsu_credentials: tuple[str, str], project: Row
) -> None:
    async def body(a: Any) -> None:
        sent = count_requests(a)
        assert await a.search.search_entities("ab", project) == {}  # too short: Zou finds nothing
        assert sent == []
        # No Meilisearch indexer on these machines: Zou fails the search (see test_it_search).
        with pytest.raises(ServerError):
            await a.search.search_entities("hero", project, None, limit=5)
        assert len(sent) == 1

    in_session(kitsu_host, kitsu_credentials, body)
