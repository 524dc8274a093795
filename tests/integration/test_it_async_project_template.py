"""kitsu_sdk.project_template and kitsu_sdk.studio through AsyncKitsuClient against a real Zou.

Every operation of these modules is a single call (no flow to declare with it_aio.covers): this
checks that the async bindings (`aclient.project_template`, `aclient.studio`) send the same
requests and give the same results as the sync ones, concurrently too. Templates and the studio
are made for the test and removed at its end."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from it_aio import count_requests, in_session
from it_helpers import unique

from kitsu_sdk import KitsuClient, project_template
from kitsu_sdk.exception import BadRequestError, NotFoundError

Row = dict[str, Any]


def test_template_lifecycle_through_the_async_client(
    kitsu_host: str, kitsu_credentials: tuple[str, str], client: KitsuClient, project: Row
) -> None:
    task_type = client.get("data/task-types", params={"name": "Animation"})[0]
    asset_type = client.get("data/asset-types", params={"name": "Character"})[0]
    names = [unique("it-async-tpl"), unique("it-async-from")]

    async def body(a: Any) -> None:
        pt = a.project_template
        made = await pt.new_project_template(names[0], "async", "30", production_style="2d")
        assert (made["name"], made["fps"], made["production_style"]) == (names[0], "30", "2d")
        sent = count_requests(a)
        link, added = await asyncio.gather(
            pt.add_task_type_to_project_template(made, task_type, 5),
            pt.add_asset_type_to_project_template(made["id"], asset_type),
        )
        assert (link["task_type_id"], link["priority"]) == (task_type["id"], 5)
        assert added == {"id": asset_type["id"], "name": "Character"}
        routes = sorted(f"{line.split()[0]} {line.split('/data/', 1)[1]}" for line in sent)
        assert routes == [
            f"POST project-templates/{made['id']}/asset-types",
            f"POST project-templates/{made['id']}/task-types",
        ]
        types, assets, statuses, found = await asyncio.gather(
            pt.all_task_types_for_project_template(made),
            pt.all_asset_types_for_project_template(made),
            pt.all_task_statuses_for_project_template(made),
            pt.get_project_template_by_name(names[0].upper()),
        )
        assert [(row["id"], row["priority"]) for row in types] == [(task_type["id"], 5)]
        assert assets == [added] and statuses == []
        assert found is not None and found["id"] == made["id"]
        with pytest.raises(BadRequestError, match="already exists"):
            await pt.new_project_template(names[0])

        described = await pt.set_project_template_metadata_descriptors(
            made, [{"name": "Lens", "entity_type": "Shot", "data_type": "number"}]
        )
        assert [d["field_name"] for d in described["metadata_descriptors"]] == ["lens"]
        applied = await pt.apply_project_template(project, made)
        assert (applied["id"], applied["fps"]) == (project["id"], "30")
        snapshot = await pt.new_project_template_from_project(project, names[1])
        assert task_type["id"] in {
            row["id"] for row in await pt.all_task_types_for_project_template(snapshot)
        }

        assert await pt.remove_task_type_from_project_template(made, task_type) == ""
        assert await pt.all_task_types_for_project_template(made) == []
        await asyncio.gather(pt.remove_project_template(made), pt.remove_project_template(snapshot))
        with pytest.raises(NotFoundError):
            await pt.get_project_template(made["id"])

    try:
        in_session(kitsu_host, kitsu_credentials, body)
    finally:
        for name in names:
            left = project_template.get_project_template_by_name(name, client=client)
            if left is not None:
                project_template.remove_project_template(left, client=client)


def test_studio_through_the_async_client(
    kitsu_host: str, kitsu_credentials: tuple[str, str], client: KitsuClient
) -> None:
    made = client.post("data/studios", {"name": unique("it-async-studio"), "color": "#abcdef"})

    async def body(a: Any) -> None:
        listed, read, found = await asyncio.gather(
            a.studio.all_studios(),
            a.studio.get_studio(made["id"]),
            a.studio.get_studio_by_name(made["name"]),
        )
        assert made["id"] in {row["id"] for row in listed}
        assert read["name"] == made["name"] and found is not None and found["id"] == made["id"]
        updated = await a.studio.update_studio({**read, "color": "#fedcba"})
        assert updated["color"] == "#fedcba"
        assert await a.studio.remove_studio(made, True) == ""
        with pytest.raises(NotFoundError):
            await a.studio.get_studio(made["id"])

    try:
        in_session(kitsu_host, kitsu_credentials, body)
    finally:
        try:
            client.delete(f"data/studios/{made['id']}")
        except NotFoundError:
            pass
