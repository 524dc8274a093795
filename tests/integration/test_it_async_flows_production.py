"""The multi-step operations (flows) of kitsu_sdk.project (with budgets and metadata columns),
person and task (with task types), run through AsyncKitsuClient against a real Zou.

Each test says which flows it covers (it_aio.covers); what it creates is removed at its end, or
lives in the module's throwaway project (closed afterwards, as in the sync suite)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from it_aio import covers, in_session
from it_helpers import unique

from kitsu_sdk import KitsuClient
from kitsu_sdk.exception import NotFoundError, NotFoundInKitsuError

Row = dict[str, Any]


def ids(rows: Any) -> set[str]:
    return {row["id"] for row in rows}


@pytest.fixture(scope="module")
def department(client: KitsuClient) -> Row:
    return dict(client.get("data/departments")[0])


# -- project, budget, metadata -------------------------------------------------------------------


@covers("project.new_project", "project.update_project_data", "project.close_project")
def test_project_lifecycle_flows(kitsu_host: str, kitsu_credentials: tuple[str, str]) -> None:
    async def body(a: Any) -> None:
        name = unique("it-async-project")
        created = await a.project.new_project(name, "featurefilm", production_style="3d")
        try:
            assert (created["name"], created["production_style"]) == (name, "3d")
            # Zou refuses a second project of that name: the existing one comes back.
            assert (await a.project.new_project(name))["id"] == created["id"]
            await a.project.update_project_data(created, {"a": 1, "b": "x"})
            merged = await a.project.update_project_data(created["id"], {"b": "y", "c": [1]})
            assert merged["data"] == {"a": 1, "b": "y", "c": [1]}
            closed = await a.project.close_project(created)
            status = await a.project.get_project_status_by_name("Closed")
            assert closed is created and closed["project_status_id"] == status["id"]
            assert created["id"] not in ids(await a.project.all_open_projects())
        finally:
            by_id = await a.project.close_project(created["id"])
            assert set(by_id) == {"id", "project_status_id"}
            await a.project.remove_project(created, force=True)
        with pytest.raises(NotFoundError):
            await a.project.get_project(created["id"])

    in_session(kitsu_host, kitsu_credentials, body)


@covers("budget.update_budget_entry", "metadata.update_metadata_descriptor")
def test_budget_entry_and_metadata_descriptor_updates(
    kitsu_host: str, kitsu_credentials: tuple[str, str], project: Row, department: Row
) -> None:
    async def body(a: Any) -> None:
        me = await a.get_current_user()
        budget = await a.project.create_budget(project, unique("Main"), currency="EUR")
        entry = await a.project.create_budget_entry(
            project, budget, department=department, person=me, start_date="2025-01-01",
            months_duration=3, daily_salary=300, position="lead",
        )  # fmt: skip
        try:
            # Zou alone would null every field left out of this body.
            changed = await a.project.update_budget_entry(
                project, budget, entry, {"daily_salary": 350}
            )
            assert changed["daily_salary"] == 350
            again = await a.project.get_budget_entry(project, budget, entry["id"])
            assert (again["months_duration"], again["position"], again["person_id"]) == (
                3, "lead", me["id"],
            )  # fmt: skip
        finally:
            await a.project.remove_budget_entry(project, budget, entry)
            await a.project.remove_budget(project, budget)

        level = await a.project.add_metadata_descriptor(
            project, unique("Level"), "Asset", "list", ["easy", "hard"], True, [department]
        )
        try:
            # Zou alone would reset data_type, choices, for_client and departments here.
            renamed = await a.project.update_metadata_descriptor(
                project, {"id": level["id"], "name": "Async Difficulty"}
            )
            assert renamed["field_name"] == "async_difficulty"
            assert (renamed["data_type"], renamed["choices"], renamed["for_client"]) == (
                "list", ["easy", "hard"], True,
            )  # fmt: skip
            assert renamed["departments"] == [department["id"]]
        finally:
            await a.project.remove_metadata_descriptor(project, level, force=True)
        with pytest.raises(NotFoundError):
            await a.project.get_metadata_descriptor(project, level["id"])

    in_session(kitsu_host, kitsu_credentials, body)


# -- person --------------------------------------------------------------------------------------


@covers("person.new_department", "person.new_person")
def test_department_and_person_flows(kitsu_host: str, kitsu_credentials: tuple[str, str]) -> None:
    async def body(a: Any) -> None:
        made = await a.person.new_department(unique("AsyncAnim"), "#22AA44")
        people: list[Row] = []
        try:
            assert made["color"] == "#22AA44"
            # A taken name: Zou answers 400, the flow returns the existing department.
            assert (await a.person.new_department(made["name"]))["id"] == made["id"]
            last = unique("Lee")
            artist = await a.person.new_person(
                "Ann", last, None, desktop_login=f"a{last.lower()}", departments=[made]
            )
            people.append(artist)
            assert artist["departments"] == [made["id"]] and artist["email"] is None
            email = f"{unique('async-ann')}@example.com"
            mailed = await a.person.new_person("Ann", unique("Mail"), email)
            people.append(mailed)
            # A taken e-mail gives back the person who has it, as gazu did.
            assert (await a.person.new_person("Other", "Name", email))["id"] == mailed["id"]
            found = await a.person.get_person_by_email(email)
            assert found is not None and found["id"] == mailed["id"]
        finally:
            for person in people:
                await a.person.remove_person(person, force=True)
            await a.person.remove_department(made, force=True)
        assert await a.person.get_department_by_name(made["name"]) is None
        assert await a.person.get_person(people[0]["id"]) is None

    in_session(kitsu_host, kitsu_credentials, body)


# -- task ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shots(client: KitsuClient, project: Row) -> list[Row]:
    """Two shots in the module's project, which takes the todo, wip and done statuses."""
    pid = project["id"]
    for short_name in ("todo", "wip", "done"):
        status = client.get("data/task-status", params={"short_name": short_name})[0]
        client.post(f"data/projects/{pid}/settings/task-status", {"task_status_id": status["id"]})
    sequence = client.post(f"data/projects/{pid}/sequences", {"name": unique("SQ")})
    return [
        client.post(f"data/projects/{pid}/shots", {"name": n, "sequence_id": sequence["id"]})
        for n in ("SH010", "SH020")
    ]


@pytest.fixture(scope="module")
def artist(client: KitsuClient) -> Iterator[Row]:
    name = unique("async-artist")
    created = client.post(
        "data/persons",
        {"first_name": name, "last_name": "Task", "email": f"{name}@example.com", "role": "user"},
    )
    yield created
    client.delete(f"data/persons/{created['id']}", params={"force": True})


@covers(
    "task_types.new_task_type",
    "task.new_task",
    "task.all_tasks_for_task_status",
    "task.assign_tasks_to_person",
    "task.clear_assignations",
    "task.start_task",
)
def test_task_flows(
    kitsu_host: str,
    kitsu_credentials: tuple[str, str],
    project: Row,
    shots: list[Row],
    artist: Row,
) -> None:
    async def body(a: Any) -> None:
        me = await a.get_current_user()
        task_type = await a.task.new_task_type(unique("it-async"), "#336699", "Shot")
        try:
            assert task_type["for_entity"] == "Shot"
            again = await a.task.new_task_type(task_type["name"].upper(), "#000000", "Shot")
            assert again["id"] == task_type["id"]
            await a.project.add_task_type(project, task_type, 1)
            await _tasks(a, me, task_type)
        finally:
            # Tasks keep a task type alive even with force: remove them first.
            for row in await a.raw.get("data/tasks", params={"task_type_id": task_type["id"]}):
                await a.raw.delete(f"data/tasks/{row['id']}", {"force": "true"})
            await a.task.remove_task_type(task_type, force=True)
        assert await a.task.get_task_type_by_name(task_type["name"], "Shot") is None

    async def _tasks(a: Any, me: Row, task_type: Row) -> None:
        first, second = await asyncio.gather(
            a.task.new_task(shots[0], task_type, assigner=me, assignees=[me]),
            a.task.new_task(shots[1]["id"], task_type["id"], "v2", task_status="wip"),
        )
        todo = await a.task.get_default_task_status()
        wip = await a.task.get_task_status_by_short_name("wip")
        assert (first["entity_id"], first["project_id"]) == (shots[0]["id"], project["id"])
        assert (first["task_status_id"], first["assignees"]) == (todo["id"], [me["id"]])
        assert second["task_status_id"] == wip["id"]
        # The same entity, type and name: Zou refuses, the flow returns the existing task.
        assert (await a.task.new_task(shots[0]["id"], task_type))["id"] == first["id"]
        with pytest.raises(NotFoundInKitsuError):
            await a.task.new_task(shots[0], task_type, "v3", task_status="nope-xx")

        at_todo = await a.task.all_tasks_for_task_status(project, task_type, todo["id"])
        assert ids(at_todo) == {first["id"]}
        assert ids(await a.task.all_tasks_for_task_status(project, task_type, "wip")) == {
            second["id"]
        }

        assigned = await a.task.assign_tasks_to_person([first, second["id"]], artist)
        assert ids(assigned) == {first["id"], second["id"]}
        assert await a.task.assign_tasks_to_person([], artist) == []
        assert await a.task.clear_assignations(second, artist) == [second["id"]]
        assert await a.task.clear_assignations([first], artist) == [first["id"]]
        assert (await a.task.get_task(first["id"]))["assignees"] == [me["id"]]
        assert (await a.task.get_task(second["id"]))["assignees"] == []

        comment = await a.task.start_task(first)
        assert comment["task_status_id"] == wip["id"]
        started = await a.task.get_task(first["id"])
        assert started["task_status_id"] == wip["id"] and started["real_start_date"]
        # One call, no longer a flow: Zou's first page, as gazu returns it.
        first_page = await a.task.all_open_tasks()
        total = first_page["stats"]["total"]
        assert (first_page["page"], first_page["is_more"]) == (1, total > 100)
        if total <= 100:
            assert {first["id"], second["id"]} <= ids(first_page["data"])
        ours = await a.raw.fetch_all(
            "tasks/open-tasks", {"project_id": project["id"]}, paginated=True
        )
        assert {first["id"], second["id"]} <= ids(ours)
        done = await a.task.start_task(first["id"], "done", me)
        assert done["task_status_id"] == (await a.task.get_task_status_by_short_name("done"))["id"]

    in_session(kitsu_host, kitsu_credentials, body)
