"""kitsu_sdk.project against the real Zou: project lifecycle (create, name clash, update, data
merge, close, delete), statuses, team, settings, metadata columns, milestones, quotas, budgets."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from it_helpers import unique

from kitsu_sdk import KitsuClient
from kitsu_sdk import project as proj
from kitsu_sdk.exception import BadRequestError, InvalidInputError, NotFoundError


def ids(rows: list[dict[str, Any]]) -> list[str]:
    return [row["id"] for row in rows]


@pytest.fixture(scope="module")
def me(client: KitsuClient) -> dict[str, Any]:
    return client.get_current_user()


@pytest.fixture(scope="module")
def refs(client: KitsuClient) -> dict[str, Any]:
    """Studio-wide task types, statuses, asset types and a department to link projects to."""
    return {
        "task_type": client.get("data/task-types", params={"for_entity": "Asset"})[0],
        "shot_task_type": client.get("data/task-types", params={"for_entity": "Shot"})[0],
        "task_status": client.get("data/task-status", params={"short_name": "wip"})[0],
        "done_status": client.get("data/task-status", params={"short_name": "done"})[0],
        "asset_type": client.get("data/asset-types")[0],
        "department": client.get("data/departments")[0],
    }


@pytest.fixture
def scratch(client: KitsuClient) -> Iterator[list[dict[str, Any]]]:
    """Projects a test creates itself; closed and force-deleted afterwards."""
    created: list[dict[str, Any]] = []
    yield created
    for row in created:
        try:
            proj.close_project(row, client=client)
            proj.remove_project(row, force=True, client=client)
        except NotFoundError:
            pass  # the test deleted it


# -- statuses and listings ---------------------------------------------------------------------


def test_project_statuses(client: KitsuClient) -> None:
    statuses = proj.all_project_status(client=client)
    names = [row["name"] for row in statuses]
    assert {"Open", "Closed"} <= set(names)
    assert names == sorted(names, key=str.lower)
    closed = proj.get_project_status_by_name("closed", client=client)
    assert closed is not None and closed["name"] == "Closed"
    assert proj.get_project_status_by_name(unique("nope"), client=client) is None


def test_listings_and_lookups(client: KitsuClient, project: dict[str, Any]) -> None:
    everything = proj.all_projects(client=client)
    assert project["id"] in ids(everything)
    names = [(row.get("name") or "").lower() for row in everything]
    assert names == sorted(names)
    assert project["id"] in ids(proj.all_open_projects(client=client))
    found = proj.get_project_by_name(project["name"].upper(), client=client)
    assert found is not None and found["id"] == project["id"]
    assert proj.get_project_by_name(unique("none"), client=client) is None
    fetched = proj.get_project(project["id"], client=client)
    assert fetched["production_type"] == "tvshow"
    assert fetched["project_status_name"] == "Open"
    url = proj.get_project_url(project, "shots", client=client)
    assert url == f"{client.host}/productions/{project['id']}/shots/"


# -- lifecycle ---------------------------------------------------------------------------------


def test_new_project_update_close_and_remove(
    client: KitsuClient, me: dict[str, Any], refs: dict[str, Any], scratch: list[dict[str, Any]]
) -> None:
    name = unique("it-project")
    created = proj.new_project(
        name,
        "featurefilm",
        team=[me],
        asset_types=[refs["asset_type"]],
        task_statuses=[refs["task_status"]["id"]],
        task_types=[refs["task_type"]],
        production_style="3d",
        client=client,
    )
    scratch.append(created)
    assert created["name"] == name
    assert (created["production_type"], created["production_style"]) == ("featurefilm", "3d")
    assert created["team"] == [me["id"]]
    assert created["asset_types"] == [refs["asset_type"]["id"]]
    assert created["task_types"] == [refs["task_type"]["id"]]
    assert created["task_statuses"] == [refs["task_status"]["id"]]

    # Zou refuses a second project of that name; gazu (and we) return the existing one.
    assert proj.new_project(name, client=client)["id"] == created["id"]

    updated = proj.update_project(
        {**created, "description": "about it", "fps": "24"}, client=client
    )
    assert (updated["description"], updated["fps"]) == ("about it", "24")
    proj.update_project_data(created, {"a": 1, "b": "x"}, client=client)
    merged = proj.update_project_data(created["id"], {"b": "y", "c": [1]}, client=client)
    assert merged["data"] == {"a": 1, "b": "y", "c": [1]}
    assert proj.get_project(created, client=client)["data"] == {"a": 1, "b": "y", "c": [1]}

    with pytest.raises(BadRequestError, match="Only closed projects can be deleted"):
        proj.remove_project(created, client=client)

    closed = proj.close_project(created, client=client)
    closed_status = proj.get_project_status_by_name("Closed", client=client)
    assert closed_status is not None
    # gazu's result: the dict given, with the status set (not Zou's answer).
    assert closed is created and closed["project_status_id"] == closed_status["id"]
    assert proj.get_project(created, client=client)["project_status_id"] == closed_status["id"]
    # Only the status was written: the metadata set above is still there.
    assert proj.get_project(created, client=client)["data"] == {"a": 1, "b": "y", "c": [1]}
    assert created["id"] not in ids(proj.all_open_projects(client=client))
    assert created["id"] in ids(proj.all_projects(client=client))

    assert proj.remove_project(created, force=True, client=client) == ""
    with pytest.raises(NotFoundError):
        proj.get_project(created["id"], client=client)


def test_remove_closed_empty_project_without_force(
    client: KitsuClient, scratch: list[dict[str, Any]]
) -> None:
    created = proj.new_project(unique("it-empty"), "short", client=client)
    scratch.append(created)
    closed = proj.close_project(created["id"], client=client)
    status = proj.get_project_status_by_name("Closed", client=client)
    assert status is not None
    assert closed == {"id": created["id"], "project_status_id": status["id"]}
    assert proj.remove_project(created["id"], client=client) == ""
    assert proj.get_project_by_name(created["name"], client=client) is None


def test_new_tvshow_comes_with_its_first_episode(
    client: KitsuClient, scratch: list[dict[str, Any]]
) -> None:
    created = proj.new_project(unique("it-tv"), "tvshow", client=client)
    scratch.append(created)
    episode = client.get(f"data/episodes/{created['first_episode_id']}")
    assert (episode["name"], episode["project_id"]) == ("E01", created["id"])


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [(("",), {}), (("{name}", "feature"), {}), (("{name}",), {"production_style": "4d"})],
)
def test_new_project_refuses_bad_input_and_creates_nothing(
    client: KitsuClient, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    # Zou itself would store an empty name or any production type.
    name = unique("it-bad")
    args = tuple(arg.format(name=name) for arg in args)
    with pytest.raises(InvalidInputError):
        proj.new_project(*args, client=client, **kwargs)
    assert proj.get_project_by_name(name, client=client) is None


# -- team --------------------------------------------------------------------------------------


def test_team(client: KitsuClient, project: dict[str, Any], me: dict[str, Any]) -> None:
    added = proj.add_person_to_team(project, me, "supervisor", client=client)
    assert added["id"] == project["id"]
    team = {row["id"]: row for row in proj.get_team(project, client=client)}
    assert team[me["id"]]["project_role"] == "supervisor"
    link = proj.update_team_member_role(project, me["id"], None, client=client)
    assert link == {"project_id": project["id"], "person_id": me["id"], "role": None}
    team = {row["id"]: row for row in proj.get_team(project, client=client)}
    assert team[me["id"]]["project_role"] is None
    assert proj.remove_person_from_team(project, me, client=client) == ""
    assert me["id"] not in ids(proj.get_team(project, client=client))


# -- settings ----------------------------------------------------------------------------------


def test_task_type_status_and_asset_type_settings(
    client: KitsuClient, project: dict[str, Any], refs: dict[str, Any]
) -> None:
    p = project
    task_type, status, asset_type = refs["shot_task_type"], refs["done_status"], refs["asset_type"]

    proj.add_task_type(p, task_type, 4, client=client)
    assert task_type["id"] in ids(proj.get_project_task_types(p, client=client))
    assert proj.get_project(p, client=client)["task_types_priority"][task_type["id"]] == 4
    assert proj.remove_task_type(p, task_type, client=client) == ""
    assert task_type["id"] not in ids(proj.get_project_task_types(p, client=client))

    proj.add_task_status(p, status["id"], client=client)
    assert status["id"] in ids(proj.get_project_task_statuses(p, client=client))
    assert proj.remove_task_status(p, status, client=client) == ""
    assert status["id"] not in ids(proj.get_project_task_statuses(p, client=client))

    proj.add_asset_type(p, asset_type, client=client)
    assert asset_type["id"] in proj.get_project(p, client=client)["asset_types"]
    assert proj.remove_asset_type(p, asset_type["id"], client=client) == ""
    assert asset_type["id"] not in proj.get_project(p, client=client)["asset_types"]


def test_status_automations(
    client: KitsuClient, project: dict[str, Any], refs: dict[str, Any]
) -> None:
    automation = client.post(
        "data/status-automations",
        {
            "entity_type": "asset",
            "in_task_type_id": refs["task_type"]["id"],
            "in_task_status_id": refs["done_status"]["id"],
            "out_field_type": "status",
            "out_task_type_id": refs["task_type"]["id"],
            "out_task_status_id": refs["task_status"]["id"],
        },
    )
    try:
        proj.add_status_automation(
            project, {"status_automation_id": automation["id"]}, client=client
        )
        assert automation["id"] in ids(proj.all_status_automations(project, client=client))
        assert proj.remove_status_automation(project, automation, client=client) == ""
        assert proj.all_status_automations(project, client=client) == []
    finally:
        client.delete(f"data/status-automations/{automation['id']}")


def test_preview_background_files(client: KitsuClient, project: dict[str, Any]) -> None:
    background = client.post("data/preview-background-files", {"name": unique("bg")[:40]})
    try:
        payload = {"preview_background_file_id": background["id"]}
        proj.add_preview_background_file(project, payload, client=client)
        files = proj.get_preview_background_files(project, client=client)
        assert [row["name"] for row in files] == [background["name"]]
        assert proj.remove_preview_background_file(project, background, client=client) == ""
        assert proj.get_preview_background_files(project, client=client) == []
    finally:
        client.delete(f"data/preview-background-files/{background['id']}")


# -- metadata descriptors -----------------------------------------------------------------------


def test_metadata_descriptors(
    client: KitsuClient, project: dict[str, Any], refs: dict[str, Any]
) -> None:
    p = project
    level = proj.add_metadata_descriptor(
        p,
        "Difficulty Level",
        "Asset",
        "list",
        ["easy", "hard"],
        True,
        [refs["department"]],
        client=client,
    )
    assert (level["field_name"], level["choices"]) == ("difficulty_level", ["easy", "hard"])
    assert level["departments"] == [refs["department"]["id"]]
    notes = proj.add_metadata_descriptor(p, "Notes", "Asset", client=client)
    rig = proj.add_metadata_descriptor(
        p, "Rig", "Task", task_type_id=refs["task_type"], client=client
    )
    assert rig["task_type_id"] == refs["task_type"]["id"]

    assert proj.get_metadata_descriptor(p, level["id"], client=client)["name"] == "Difficulty Level"
    by_field = proj.get_metadata_descriptor_by_field_name(p, "difficulty_level", client=client)
    assert by_field is not None and by_field["id"] == level["id"]
    assert proj.get_metadata_descriptor_by_field_name(p, "nothing_here", client=client) is None
    everything = ids(proj.all_metadata_descriptors(p, client=client))
    assert {level["id"], notes["id"], rig["id"]} <= set(everything)
    assert ids(proj.all_metadata_descriptors(p, client, entity_type="Task")) == [rig["id"]]

    # Zou alone would reset data_type, choices, for_client and departments on this rename.
    renamed = proj.update_metadata_descriptor(
        p, {"id": level["id"], "name": "Difficulty"}, client=client
    )
    assert renamed["field_name"] == "difficulty"
    assert (renamed["data_type"], renamed["choices"], renamed["for_client"]) == (
        "list",
        ["easy", "hard"],
        True,
    )
    assert renamed["departments"] == [refs["department"]["id"]]

    ordered = proj.reorder_metadata_descriptors(p, "Asset", [notes, level["id"]], client=client)
    positions = {row["id"]: row["position"] for row in ordered}
    assert positions[notes["id"]] < positions[level["id"]]

    assert proj.remove_metadata_descriptor(p, level, client=client) == ""
    assert proj.remove_metadata_descriptor(p, notes["id"], force=True, client=client) == ""
    assert ids(proj.all_metadata_descriptors(p, client, entity_type="Asset")) == []
    with pytest.raises(NotFoundError):
        proj.get_metadata_descriptor(p, level["id"], client=client)


# -- milestones and quotas ----------------------------------------------------------------------


def test_milestones_and_quotas(
    client: KitsuClient, project: dict[str, Any], me: dict[str, Any], refs: dict[str, Any]
) -> None:
    assert proj.get_milestones(project, client=client) == []
    client.post(
        "data/milestones", {"project_id": project["id"], "name": "Lock", "date": "2025-06-01"}
    )
    milestones = proj.get_milestones(project, client=client)
    assert [(row["name"], row["date"]) for row in milestones] == [("Lock", "2025-06-01")]

    # Zou answers a dict keyed by person (gazu documents a list); empty without done tasks.
    assert proj.get_project_quotas(project, refs["shot_task_type"], client=client) == {}
    quotas = proj.get_project_person_quotas(project, me, client=client, count_mode="done")
    assert quotas == {}


# -- budgets -----------------------------------------------------------------------------------


def test_budgets_and_entries(
    client: KitsuClient, project: dict[str, Any], me: dict[str, Any], refs: dict[str, Any]
) -> None:
    p = project
    budget = proj.create_budget(p, "Main", currency="EUR", client=client)
    assert (budget["name"], budget["currency"], budget["revision"]) == ("Main", "EUR", 1)
    second = proj.create_budget(p, "Plan B", client=client)
    assert (second["currency"], second["revision"]) == ("USD", 2)
    assert {budget["id"], second["id"]} == set(ids(proj.get_budgets(p, client=client)))
    assert proj.get_budget(p, budget, client=client)["name"] == "Main"
    renamed = proj.update_budget(p, budget, {"name": "Main v2"}, client=client)
    assert (renamed["name"], renamed["currency"]) == ("Main v2", "EUR")

    entry = proj.create_budget_entry(
        p,
        budget,
        department=refs["department"],
        person=me,
        start_date="2025-01-01",
        months_duration=3,
        daily_salary=300,
        position="lead",
        client=client,
    )
    assert (entry["department_id"], entry["person_id"]) == (refs["department"]["id"], me["id"])
    assert (entry["position"], entry["seniority"], entry["daily_salary"]) == ("lead", "mid", 300)
    assert ids(proj.get_budget_entries(p, budget, client=client)) == [entry["id"]]

    # Zou alone would null every field left out of this body and answer 500.
    changed = proj.update_budget_entry(p, budget, entry, {"daily_salary": 350}, client=client)
    assert changed["daily_salary"] == 350
    again = proj.get_budget_entry(p, budget, entry["id"], client=client)
    assert (again["months_duration"], again["position"], again["person_id"]) == (
        3,
        "lead",
        me["id"],
    )

    assert proj.remove_budget_entry(p, budget, entry, client=client) == ""
    assert proj.get_budget_entries(p, budget, client=client) == []
    assert proj.remove_budget(p, second, client=client) == ""
    assert proj.remove_budget(p, budget["id"], client=client) == ""
    assert proj.get_budgets(p, client=client) == []
