"""The lookups a client keeps (`_core/lookups.py`): the default task status, a status by short
name and an entity's project are asked once per client for many creates, forgotten by the
client's own writes to the task statuses, by an identity change and on expiry, and the async
client keeps them the same way."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
import responses
from responses import matchers
from unit_helpers import HOST, make_jwt, url

from kitsu_sdk import KitsuClient
from kitsu_sdk import task as tk
from kitsu_sdk._core.call import get
from kitsu_sdk._core.lookups import LookupMemo, Remember
from kitsu_sdk.aio import AsyncKitsuClient
from kitsu_sdk.exception import NotFoundInKitsuError

P = "11111111-1111-4111-8111-111111111111"
SH = "44444444-4444-4444-8444-444444444444"
TT = "66666666-6666-4666-8666-666666666666"
TODO = "99999999-9999-4999-8999-999999999999"
WIP = "99999999-9999-4999-8999-999999999998"
DEFAULT_QUERY = {"is_default": "true", "for_concept": "false"}


def _task_answers(api: responses.RequestsMock, statuses: list[dict[str, Any]]) -> None:
    api.get(
        url("data/task-status"),
        json=statuses,
        match=[matchers.query_param_matcher(DEFAULT_QUERY)],
    )
    api.post(url("data/tasks"), json={"id": "t"}, status=201)


def _sent(api: responses.RequestsMock, method: str, path: str) -> int:
    return sum(
        1
        for call in api.calls
        if call.request.method == method and call.request.url.split("?")[0] == url(path)
    )


def test_many_new_tasks_ask_the_default_status_once(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    _task_answers(api, [{"id": TODO, "name": "Todo"}])
    for n in range(5):
        tk.new_task({"id": SH, "project_id": P}, TT, name=f"t{n}", client=client)
    assert _sent(api, "GET", "data/task-status") == 1
    assert _sent(api, "POST", "data/tasks") == 5
    bodies = [json.loads(c.request.body) for c in api.calls if c.request.method == "POST"]
    assert {body["task_status_id"] for body in bodies} == {TODO}


def test_a_status_write_through_the_client_forgets_the_kept_status(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    _task_answers(api, [{"id": TODO, "name": "Todo"}])
    api.put(url(f"data/task-status/{TODO}"), json={"id": TODO, "is_default": False})
    tk.new_task({"id": SH, "project_id": P}, TT, client=client)
    tk.update_task_status({"id": TODO, "is_default": False}, client=client)
    tk.new_task({"id": SH, "project_id": P}, TT, client=client)
    assert _sent(api, "GET", "data/task-status") == 2


def test_other_writes_keep_it(api: responses.RequestsMock, client: KitsuClient) -> None:
    _task_answers(api, [{"id": TODO, "name": "Todo"}])
    api.put(url(f"data/tasks/{SH}"), json={"id": SH})
    tk.new_task({"id": SH, "project_id": P}, TT, client=client)
    client.put(f"data/tasks/{SH}", {"name": "x"})
    tk.new_task({"id": SH, "project_id": P}, TT, client=client)
    assert _sent(api, "GET", "data/task-status") == 1


def test_a_missing_default_is_asked_again(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    _task_answers(api, [])
    for _ in range(2):
        with pytest.raises(NotFoundInKitsuError, match="default"):
            tk.new_task({"id": SH, "project_id": P}, TT, client=client)
    assert _sent(api, "GET", "data/task-status") == 2
    assert _sent(api, "POST", "data/tasks") == 0


def test_an_identity_change_forgets_and_clients_keep_their_own(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    _task_answers(api, [{"id": TODO, "name": "Todo"}])
    other = KitsuClient(HOST, token={"access_token": make_jwt()})
    tk.new_task({"id": SH, "project_id": P}, TT, client=client)
    tk.new_task({"id": SH, "project_id": P}, TT, client=other)
    assert _sent(api, "GET", "data/task-status") == 2
    client.set_token(make_jwt(sub="22222222-2222-2222-2222-222222222222"))
    tk.new_task({"id": SH, "project_id": P}, TT, client=client)
    assert _sent(api, "GET", "data/task-status") == 3


def test_the_project_of_an_entity_id_is_asked_once(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url(f"data/entities/{SH}"), json={"id": SH, "project_id": P})
    api.post(url("data/tasks"), json={"id": "t"}, status=201)
    for n in range(3):
        tk.new_task(SH, TT, name=f"t{n}", task_status=TODO, client=client)
    assert _sent(api, "GET", f"data/entities/{SH}") == 1
    assert all(json.loads(c.request.body)["project_id"] == P for c in api.calls[1:])


def test_status_short_names_are_asked_once_per_name(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(
        url("data/task-status"),
        json=[{"id": WIP, "short_name": "wip"}],
        match=[matchers.query_param_matcher({"short_name": "wip"})],
    )
    api.post(url("data/tasks"), json={"id": "t"}, status=201)
    for n in range(3):
        tk.new_task({"id": SH, "project_id": P}, TT, name=f"t{n}", task_status="wip", client=client)
    assert _sent(api, "GET", "data/task-status") == 1
    assert all(json.loads(c.request.body)["task_status_id"] == WIP for c in api.calls[1:])


def test_entries_expire() -> None:
    now = [0.0]
    memo: LookupMemo[Any] = LookupMemo(ttl=10.0, timer=lambda: now[0])
    asked: list[int] = []

    def run(op: Any) -> Any:
        asked.append(1)
        return "value"

    call: Remember[Any] = Remember("k", get("data/x"))
    assert memo.fetch(call, run) == "value"
    assert memo.fetch(call, run) == "value" and len(asked) == 1
    now[0] = 11.0
    assert memo.fetch(call, run) == "value" and len(asked) == 2


def test_the_async_client_keeps_them_too() -> None:
    seen: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(f"{request.method} {request.url.path}")
        if request.method == "GET":
            return httpx.Response(200, json=[{"id": TODO, "name": "Todo"}])
        return httpx.Response(201, json={"id": "t"})

    async def main() -> None:
        aclient = AsyncKitsuClient(
            HOST,
            token={"access_token": make_jwt()},
            http_transport=httpx.MockTransport(handle),
        )
        try:
            for n in range(4):
                await aclient.task.new_task({"id": SH, "project_id": P}, TT, name=f"t{n}")
        finally:
            await aclient.close()

    asyncio.run(main())
    assert seen.count("GET /api/data/task-status") == 1
    assert seen.count("POST /api/data/tasks") == 4
