"""kitsu_sdk.sync through AsyncKitsuClient against a real Zou: the event log (a flow: pages of
1000 events) sees what the test just did, the imports keep ids and dates, and the two-client
functions, which run on KitsuClient as gazu's do, refuse an async client before any request."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from it_aio import count_requests, covers, in_session
from it_helpers import unique

from kitsu_sdk import KitsuClient, sync
from kitsu_sdk.exception import InvalidInputError

Row = dict[str, Any]


@covers("sync.get_last_events")
def test_last_events_and_imports(
    kitsu_host: str, kitsu_credentials: tuple[str, str], project: Row, client: KitsuClient
) -> None:
    prop = client.get("data/asset-types", params={"name": "Prop"})[0]
    made = "2002-03-04T05:06:07"

    async def body(a: Any) -> None:
        lamp = await a.asset.new_asset(project, prop, unique("lamp"))
        new_assets, recent = await asyncio.gather(
            a.sync.get_last_events(20, project=project, name="asset:new"),
            a.sync.get_last_events(5, project["id"]),
        )
        assert lamp["id"] in {event["data"]["asset_id"] for event in new_assets}
        assert {event["name"] for event in new_assets} == {"asset:new"}
        assert len(recent) <= 5
        assert set(recent[0]) == {"id", "created_at", "name", "user_id", "project_id", "data"}
        assert await a.sync.get_last_events(0) == []

        rows = [{"id": str(uuid.uuid4()), "name": unique("rock"), "type": "Asset",
                 "project_id": project["id"], "entity_type_id": prop["id"],
                 "created_at": made, "updated_at": made, "data": {}}]  # fmt: skip
        saved = await a.sync.import_entities(rows)
        assert [(r["id"], r["created_at"]) for r in saved] == [(rows[0]["id"], made)]
        modeling = (await a.task.get_task_type_by_name("Modeling"))["id"]
        todo = (await a.task.get_task_status_by_short_name("todo"))["id"]
        task_row = {"id": str(uuid.uuid4()), "name": "main", "project_id": project["id"],
                    "entity_id": rows[0]["id"], "task_type_id": modeling,
                    "task_status_id": todo, "created_at": made}  # fmt: skip
        assert [t["id"] for t in await a.sync.import_tasks([task_row])] == [task_row["id"]]
        link = {"entity_in_id": lamp["id"], "entity_out_id": rows[0]["id"], "nb_occurences": 1}
        linked = await a.sync.import_entity_links([link])
        assert [(r["entity_in_id"], r["entity_out_id"]) for r in linked] == [
            (lamp["id"], rows[0]["id"])
        ]

    in_session(kitsu_host, kitsu_credentials, body)


def test_two_client_functions_refuse_an_async_client(
    kitsu_host: str, kitsu_credentials: tuple[str, str], project: Row, client: KitsuClient
) -> None:
    async def body(a: Any) -> None:
        sent = count_requests(a)
        with pytest.raises(InvalidInputError, match="async"):
            sync.push_shots(project, project, a, client)
        with pytest.raises(InvalidInputError, match="async"):
            sync.get_sync_task_type_id_map(client, a)
        assert sent == []

    in_session(kitsu_host, kitsu_credentials, body)
