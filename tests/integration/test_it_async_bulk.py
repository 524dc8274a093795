"""kitsu_sdk.bulk through AsyncKitsuClient against the real Zou: every bulk flow, run as tasks
under the client's semaphore, with results in input order and errors per item."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from it_aio import covers, in_session
from it_helpers import unique

from kitsu_sdk import KitsuClient
from kitsu_sdk.exception import NotFoundError

Row = dict[str, Any]


@pytest.fixture(scope="module")
def task_type(client: KitsuClient, project: Row) -> Row:
    found = client.get("data/task-types", params={"name": "Animation"})
    client.post(f"data/projects/{project['id']}/settings/task-types",
                {"task_type_id": found[0]["id"], "priority": 1})  # fmt: skip
    return dict(found[0])


@covers(
    "bulk.new_episodes",
    "bulk.new_sequences",
    "bulk.new_shots",
    "bulk.new_assets",
    "bulk.new_tasks",
    "bulk.update_entities",
    "bulk.add_comments",
    "bulk.tasks_for_entities",
    "bulk.casting_for_shots",
    "bulk.shots_with_tasks_and_casting",
    "bulk.remove_tasks",
)
def test_bulk_flows_async(
    kitsu_host: str,
    kitsu_credentials: tuple[str, str],
    client: KitsuClient,
    project: Row,
    task_type: Row,
) -> None:
    wip = client.get("data/task-status", params={"short_name": "wip"})[0]

    async def body(a: Any) -> None:
        a.concurrency = 4
        episodes = await a.bulk.new_episodes(project, [unique("E")])
        assert episodes.ok, episodes.errors
        sequences = await a.bulk.new_sequences(project, ["SQ01", "SQ02"], episodes.results[0])
        assert [s["name"] for s in sequences.succeeded()] == ["SQ01", "SQ02"]
        names = [f"SH{n:03d}" for n in range(10)]
        shots = await a.bulk.new_shots(project, sequences.results[0], names, concurrency=3)
        assert [s["name"] for s in shots.succeeded()] == names
        again = await a.bulk.new_shots(project, sequences.results[0], names[:2])
        assert [s["id"] for s in again.succeeded()] == [s["id"] for s in shots.succeeded()[:2]]

        assets = await a.bulk.new_assets(project, "Prop", [unique("cup"), unique("mug")])
        assert assets.ok and {x["type"] for x in assets.succeeded()} == {"Asset"}

        tasks = await a.bulk.new_tasks(shots.succeeded(), [task_type["id"]])
        assert tasks.ok, tasks.errors
        assert [made[0]["entity_id"] for made in tasks if made] == [
            s["id"] for s in shots.succeeded()
        ]
        read = await a.bulk.tasks_for_entities(shots.succeeded()[:3])
        assert [[t["id"] for t in r or []] for r in read] == [
            [made[0]["id"]] for made in tasks.results[:3] if made
        ]
        posted = await a.bulk.add_comments(
            [
                {"task_id": made[0]["id"], "task_status_id": wip["id"], "text": "hi"}
                for made in tasks.results[:3]
                if made
            ]  # fmt: skip
        )
        assert [c["text"] for c in posted.succeeded()] == ["hi"] * 3

        saved = await a.bulk.update_entities(
            [{"id": shots.results[0]["id"], "description": "async"}, {"id": str(uuid.uuid4())}]
        )
        assert saved.results[0]["description"] == "async"
        assert list(saved.errors) == [1] and isinstance(saved.errors[1], NotFoundError)

        casting = await a.bulk.casting_for_shots(shots.succeeded()[:2])
        assert casting.ok and casting.results == [[], []]

        read_back = await a.bulk.shots_with_tasks_and_casting(project, episodes.results[0])
        by_id = {row["id"]: row for row in read_back}
        assert set(by_id) == {s["id"] for s in shots.succeeded()}
        assert [t["id"] for t in by_id[shots.results[0]["id"]]["tasks"]] == [
            tasks.results[0][0]["id"]
        ]
        assert {len(row["casting"]) for row in read_back} == {0}

        first_task = tasks.results[-1][0]["id"]
        removed = await a.bulk.remove_tasks(project, [first_task])
        assert removed.ok and removed.results == [first_task]
        assert await a.task.all_tasks_for_shot(shots.results[-1]) == []

    in_session(kitsu_host, kitsu_credentials, body)
