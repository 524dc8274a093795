"""Task types, task statuses, tasks and assignments."""

from __future__ import annotations

from typing import Any

import pytest
from contract_backend import Backend
from contract_helpers import has_keys, ids, is_id

from kitsu_sdk import task, user
from kitsu_sdk.exception import NotAllowedException, RouteNotFoundException


def test_seeded_task_types_and_statuses(kitsu: Backend) -> None:
    types = {(t["name"], t["for_entity"]) for t in task.all_task_types()}
    assert {("Modeling", "Asset"), ("Animation", "Shot"), ("Compositing", "Shot")} <= types
    statuses = {s["short_name"] for s in task.all_task_statuses()}
    assert {"todo", "wip", "wfa", "retake", "done"} <= statuses
    done = task.get_task_status_by_short_name("done")
    assert done is not None and done["is_done"] is True
    assert task.get_task_status_by_name("Todo")["short_name"] == "todo"


def test_task_type_lookups(kitsu: Backend) -> None:
    modeling = task.get_task_type_by_name("Modeling", for_entity="Asset")
    assert modeling is not None and has_keys(modeling, "id", "color", "department_id")
    assert task.get_task_type(modeling["id"])["name"] == "Modeling"
    assert task.get_task_type_by_name("No Such Type") is None


def test_new_task_type_and_status(kitsu: Backend) -> None:
    name = kitsu.unique("Type")
    made = task.new_task_type(name, for_entity="Shot")
    assert made["name"] == name and made["for_entity"] == "Shot" and is_id(made["id"])
    assert task.get_task_type_by_name(name)["id"] == made["id"]
    status = task.new_task_status(kitsu.unique("Status"), kitsu.unique("s")[:10], "#00FF00")
    assert task.get_task_status(status["id"])["color"] == "#00FF00"


def test_new_task_shape(production: dict[str, Any]) -> None:
    made = production["shot_task"]
    assert is_id(made["id"])
    assert made["entity_id"] == production["shot"]["id"]
    assert made["task_type_id"] == production["shot_task_type"]["id"]
    assert made["project_id"] == production["project"]["id"]
    assert made["name"] == "main" and made["assignees"] == []
    assert is_id(made["task_status_id"])
    got = task.get_task(made["id"])
    assert got["task_type"]["id"] == production["shot_task_type"]["id"]
    assert got["entity"]["id"] == production["shot"]["id"]
    assert got["task_status"]["id"] == made["task_status_id"]
    assert got["project"]["id"] == production["project"]["id"]


def test_new_task_twice_returns_the_existing_one(production: dict[str, Any]) -> None:
    again = task.new_task(production["shot"], production["shot_task_type"])
    assert again["id"] == production["shot_task"]["id"]


def test_task_lookups(production: dict[str, Any]) -> None:
    found = task.get_task_by_entity(production["shot"], production["shot_task_type"])
    assert found is not None and found["id"] == production["shot_task"]["id"]
    assert ids(task.all_tasks_for_shot(production["shot"])) == {production["shot_task"]["id"]}
    assert ids(task.all_tasks_for_asset(production["asset"])) == {production["asset_task"]["id"]}
    # a sequence's tasks are those on the sequence itself, not on its shots
    assert task.all_tasks_for_sequence(production["sequence"]) == []
    assert task.all_tasks_for_episode(production["episode"]) == []
    listed = task.all_tasks_for_entity_and_task_type(
        production["shot"], production["shot_task_type"]
    )
    assert ids(listed) == {production["shot_task"]["id"]}
    assert ids(task.all_task_types_for_shot(production["shot"])) == {
        production["shot_task_type"]["id"]
    }


def test_tasks_for_project_and_type(production: dict[str, Any]) -> None:
    every = task.all_tasks_for_project(production["project"])
    assert ids(every) == {production["shot_task"]["id"], production["asset_task"]["id"]}
    of_type = task.all_tasks_for_task_type(production["project"], production["asset_task_type"])
    assert ids(of_type) == {production["asset_task"]["id"]}
    types = task.all_task_types_for_project(production["project"])
    assert {t["name"] for t in types} == {"Animation", "Layout", "Compositing", "Modeling"}


def test_create_shot_tasks_for_several_types(production: dict[str, Any]) -> None:
    layout = task.get_task_type_by_name("Layout", for_entity="Shot")
    comp = task.get_task_type_by_name("Compositing", for_entity="Shot")
    made = task.create_shot_tasks(production["shot2"], [layout, comp])
    assert {t["task_type_id"] for t in made} == {layout["id"], comp["id"]}
    assert all(t["entity_id"] == production["shot2"]["id"] for t in made)
    assert len(task.all_tasks_for_shot(production["shot2"])) == 2


def test_update_task_and_data(production: dict[str, Any]) -> None:
    made = dict(production["shot_task"])
    made["estimation"] = 3
    assert task.update_task(made)["estimation"] == 3
    task.update_task_data(made, {"note": "x"})
    task.update_task_data(made, {"other": 1})
    assert task.get_task(made["id"])["data"] == {"note": "x", "other": 1}


def test_remove_task(production: dict[str, Any]) -> None:
    task.remove_task(production["asset_task"])
    with pytest.raises(RouteNotFoundException):
        task.get_task(production["asset_task"]["id"])
    assert task.all_tasks_for_asset(production["asset"]) == []


def test_assign_and_clear(kitsu: Backend, production: dict[str, Any]) -> None:
    artist, _ = kitsu.person("user", production["project"])
    assigned = task.assign_task(production["shot_task"], artist)
    assert [t["assignees"] for t in assigned] == [[artist["id"]]]
    assert task.get_task(production["shot_task"]["id"])["assignees"] == [artist["id"]]
    assert ids(task.all_tasks_for_person(artist)) == {production["shot_task"]["id"]}
    task.clear_assignations([production["shot_task"]], artist)
    assert task.get_task(production["shot_task"]["id"])["assignees"] == []


def test_new_task_with_assignees(kitsu: Backend, production: dict[str, Any]) -> None:
    artist, _ = kitsu.person("user", production["project"])
    layout = task.get_task_type_by_name("Layout", for_entity="Shot")
    made = task.new_task(production["shot2"], layout, assignees=[artist])
    assert made["assignees"] == [artist["id"]]


def test_artist_sees_their_tasks(kitsu: Backend, production: dict[str, Any]) -> None:
    artist, as_artist = kitsu.person("user", production["project"])
    task.assign_task(production["shot_task"], artist)
    todo = user.all_tasks_to_do(client=as_artist)
    assert ids(todo) == {production["shot_task"]["id"]}
    assert has_keys(todo[0], "entity_name", "task_type_name", "task_status_short_name")
    assert ids(user.all_open_projects(client=as_artist)) == {production["project"]["id"]}
    assert ids(user.all_tasks_for_shot(production["shot"], client=as_artist)) == {
        production["shot_task"]["id"]
    }


def test_start_task_moves_to_wip(production: dict[str, Any]) -> None:
    started = task.start_task(production["shot_task"])
    wip = task.get_task_status_by_short_name("wip")
    assert started["task_status_id"] == wip["id"]
    assert task.get_task(production["shot_task"]["id"])["task_status_id"] == wip["id"]


def test_time_spent(kitsu: Backend, production: dict[str, Any]) -> None:
    artist, _ = kitsu.person("user", production["project"])
    with pytest.raises(NotAllowedException):  # only for a person assigned to the task
        task.set_time_spent(production["shot_task"], artist, "2024-03-04", 120)
    task.assign_task(production["shot_task"], artist)
    made = task.set_time_spent(production["shot_task"], artist, "2024-03-04", 120)
    assert made["duration"] == 120 and made["person_id"] == artist["id"]
    task.add_time_spent(production["shot_task"], artist, "2024-03-04", 60)
    spent = task.get_time_spent(production["shot_task"], "2024-03-04")
    assert spent["total"] == 180


def test_remove_tasks_batch(production: dict[str, Any]) -> None:
    task.remove_tasks_batch(production["project"], [production["shot_task"]])
    assert ids(task.all_tasks_for_project(production["project"])) == {
        production["asset_task"]["id"]
    }


def test_remove_tasks_for_type(production: dict[str, Any]) -> None:
    task.remove_tasks_for_type(production["project"], production["asset_task_type"])
    assert ids(task.all_tasks_for_project(production["project"])) == {production["shot_task"]["id"]}


def test_subscriptions(production: dict[str, Any]) -> None:
    the_task = production["shot_task"]
    assert user.check_task_subscription(the_task) is False
    user.subscribe_to_task(the_task)
    assert user.check_task_subscription(the_task) is True
    listed = task.all_subscriptions_for_project(production["project"])
    assert [s["task_id"] for s in listed] == [the_task["id"]]
    user.unsubscribe_from_task(the_task)
    assert user.check_task_subscription(the_task) is False


def test_my_time_spents(kitsu: Backend, production: dict[str, Any]) -> None:
    artist, as_artist = kitsu.person("user", production["project"])
    task.assign_task(production["shot_task"], artist)
    task.set_time_spent(production["shot_task"], artist, "2024-03-05", 90)
    mine = user.get_time_spents_by_date("2024-03-05", client=as_artist)
    assert [(t["task_id"], t["duration"]) for t in mine] == [(production["shot_task"]["id"], 90)]
    assert user.get_time_spents_by_date("2024-03-06", client=as_artist) == []


def test_open_tasks_board(production: dict[str, Any]) -> None:
    from kitsu_sdk import client as raw

    task.add_comment(production["asset_task"], task.get_task_status_by_short_name("done"), "ok")
    board = raw.get("data/tasks/open-tasks", params={"project_id": production["project"]["id"]})
    assert {"data", "stats", "limit", "is_more", "page"} <= set(board)
    # done tasks stay on the board; rows come by project, episode, sequence (no sequence last)...
    rows = [(r["entity_type_name"], r["type_name"], r["status_short_name"]) for r in board["data"]]
    assert rows == [("Shot", "Animation", "todo"), ("Character", "Modeling", "done")]
    assert board["stats"]["total"] == 2 and board["is_more"] is False
    stats = task.get_open_tasks_stats()
    mine = stats[production["project"]["id"]]
    assert (mine["amount"], mine["amount_done"]) == (2, 1)


def test_a_persons_time_spents(kitsu: Backend, production: dict[str, Any]) -> None:
    from kitsu_sdk import person as persons

    artist, _ = kitsu.person("user", production["project"])
    task.assign_task(production["shot_task"], artist)
    task.set_time_spent(production["shot_task"], artist, "2024-03-05", 30)
    task.set_time_spent(production["shot_task"], artist, "2024-03-07", 45)
    day = persons.get_time_spents_by_date(artist, "2024-03-05")
    assert [(t["date"], t["duration"]) for t in day] == [("2024-03-05", 30)]
    spread = persons.get_time_spents_range(artist["id"], "2024-03-01", "2024-03-06")
    assert [(t["date"], t["project_id"]) for t in spread] == [
        ("2024-03-05", production["project"]["id"])
    ]
    assert spread[0]["task_type_id"] == production["shot_task_type"]["id"]


def test_a_persons_time_per_year_month_and_week(kitsu: Backend, production: dict[str, Any]) -> None:
    from kitsu_sdk import person as persons

    artist, _ = kitsu.person("user", production["project"])
    task.assign_task(production["shot_task"], artist)
    task.set_time_spent(production["shot_task"], artist, "2024-03-05", 30)
    task.set_time_spent(production["shot_task"], artist, "2024-03-07", 45)
    task.set_time_spent(production["shot_task"], artist, "2024-04-02", 60)
    year = persons.get_year_time_spents(artist, 2024)
    assert [(t["task_id"], t["duration"]) for t in year] == [(production["shot_task"]["id"], 135)]
    assert (year[0]["entity_name"], year[0]["sequence_name"], year[0]["episode_name"]) == (
        "SH010",
        "SQ01",
        "E01",
    )
    assert year[0]["project_name"] == production["project"]["name"]
    assert [t["duration"] for t in persons.get_week_time_spents(artist, 2024, 10)] == [75]
    assert persons.get_year_time_spents(artist, 2023) == []


def test_my_search_filters_and_groups(production: dict[str, Any]) -> None:
    project_id = production["project"]["id"]
    group = user.new_filter_group("Group", project=production["project"])
    assert (group["list_type"], group["color"], group["project_id"]) == ("todo", "", project_id)
    made = user.new_filter("Mine", "Hero", "asset", project=production["project"])
    assert (made["search_query"], made["list_type"], made["is_shared"]) == ("Hero", "asset", False)
    assert [f["id"] for f in user.all_filters()["asset"][project_id]] == [made["id"]]
    assert [g["id"] for g in user.all_filter_groups()["todo"][project_id]] == [group["id"]]
    made["name"] = "Renamed"
    assert user.update_filter(made)["name"] == "Renamed"
    group["name"] = "G2"
    user.update_filter_group(group)
    assert user.get_filter_group(group)["name"] == "G2"
    user.remove_filter(made)
    user.remove_filter_group(group)
    assert project_id not in user.all_filters().get("asset", {})
    assert project_id not in user.all_filter_groups().get("todo", {})
