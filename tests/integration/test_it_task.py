"""kitsu_sdk.task (and the task types and statuses it re-exports) against a real Zou.

Shots, assets, persons… are made with raw client calls: their modules are not this one's subject.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from it_helpers import unique

from kitsu_sdk import KitsuClient
from kitsu_sdk import client as kitsu_client
from kitsu_sdk import task as tk
from kitsu_sdk.exception import (
    BadRequestError,
    InvalidIdError,
    NotFoundError,
    NotFoundInKitsuError,
)

DAY = "2024-02-03"


def _ids(rows: Any) -> set[str]:
    return {row["id"] for row in rows}


def _studio_type(client: KitsuClient, name: str, for_entity: str) -> dict[str, Any]:
    rows = client.get("data/task-types", params={"name": name, "for_entity": for_entity})
    assert rows, f"the studio has no {for_entity} task type {name!r} (zou init-data)"
    return dict(rows[0])


@pytest.fixture(scope="module")
def me(client: KitsuClient) -> dict[str, Any]:
    return client.get_current_user()


@pytest.fixture(scope="module")
def person(client: KitsuClient) -> Iterator[dict[str, Any]]:
    name = unique("artist")
    created = client.post(
        "data/persons",
        {"first_name": name, "last_name": "Task", "email": f"{name}@example.com", "role": "user"},
    )
    yield created
    client.delete(f"data/persons/{created['id']}", params={"force": True})


@pytest.fixture(scope="module")
def types(client: KitsuClient) -> Iterator[dict[str, dict[str, Any]]]:
    """Studio task types, plus throwaway ones for the kinds init-data gives none."""
    found = {
        "anim": _studio_type(client, "Animation", "Shot"),
        "layout": _studio_type(client, "Layout", "Shot"),
        "modeling": _studio_type(client, "Modeling", "Asset"),
        "edit": _studio_type(client, "Edit", "Edit"),
        "concept": _studio_type(client, "Concept", "Concept"),
    }
    made = []
    for kind in ("Sequence", "Episode", "Scene"):
        created = tk.new_task_type(unique(f"it-{kind.lower()}"), "#336699", kind, client=client)
        assert created["for_entity"] == kind
        found[kind.lower()] = created
        made.append(created)
    yield found
    for created in made:
        # Tasks keep a task type alive even with force: remove them first.
        for row in client.get("data/tasks", params={"task_type_id": created["id"]}):
            client.delete(f"data/tasks/{row['id']}", params={"force": True})
        tk.remove_task_type(created, force=True, client=client)


@pytest.fixture(scope="module")
def world(
    client: KitsuClient, project: dict[str, Any], types: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """An episode, a sequence, two shots, an asset, a scene, an edit and a concept."""
    pid = project["id"]
    for key in ("anim", "layout", "modeling", "edit", "concept"):
        client.post(f"data/projects/{pid}/settings/task-types", {"task_type_id": types[key]["id"]})
    for short_name in ("todo", "wip", "done"):
        status = client.get("data/task-status", params={"short_name": short_name})[0]
        client.post(f"data/projects/{pid}/settings/task-status", {"task_status_id": status["id"]})
    episode = client.post(f"data/projects/{pid}/episodes", {"name": "E01"})
    sequence = client.post(
        f"data/projects/{pid}/sequences", {"name": "SQ01", "episode_id": episode["id"]}
    )
    shots = [
        client.post(f"data/projects/{pid}/shots", {"name": n, "sequence_id": sequence["id"]})
        for n in ("SH010", "SH020")
    ]
    asset_type = client.get("data/asset-types", params={"name": "Prop"})[0]
    asset = client.post(
        f"data/projects/{pid}/asset-types/{asset_type['id']}/assets/new",
        {
            "name": "Lamp",
            "description": "",
            "data": {},
            "is_shared": False,
            "episode_id": episode["id"],
        },
    )
    scene = client.post(
        f"data/projects/{pid}/scenes", {"name": "SC01", "sequence_id": sequence["id"]}
    )
    edit = client.post(f"data/projects/{pid}/edits", {"name": "Cut", "episode_id": episode["id"]})
    concept = client.post(f"data/projects/{pid}/concepts", {"name": "Mood"})
    return {
        "project": project,
        "episode": episode,
        "sequence": sequence,
        "shot": shots[0],
        "shot2": shots[1],
        "asset": asset,
        "scene": scene,
        "edit": edit,
        "concept": concept,
    }


# -- task types and statuses ---------------------------------------------------------------------


def test_task_type_lookups(client: KitsuClient, types: dict[str, dict[str, Any]]) -> None:
    anim = types["anim"]
    every = tk.all_task_types(client=client)
    assert anim["id"] in _ids(every)
    names = [row["name"].lower() for row in every]
    assert names == sorted(names)
    assert tk.get_task_type(anim["id"], client=client)["name"] == "Animation"
    assert tk.get_task_type_by_name("animation", client=client)["id"] == anim["id"]
    assert tk.get_task_type_by_name("Animation", "Shot", client=client)["id"] == anim["id"]
    assert tk.get_task_type_by_name("Animation", "Asset", client=client) is None
    dept = anim["department_id"]
    assert tk.get_task_type_by_name("Animation", department=dept, client=client)["id"] == anim["id"]
    assert tk.get_task_type_by_name("Anim_tion", client=client) is None  # no ILIKE wildcard


def test_new_update_remove_task_type(client: KitsuClient) -> None:
    name = unique("it-type")
    created = tk.new_task_type(name, "#123456", "Shot", client=client)
    assert (created["name"], created["color"], created["for_entity"]) == (name, "#123456", "Shot")
    again = tk.new_task_type(name.upper(), "#654321", "Shot", client=client)
    assert again["id"] == created["id"]
    with pytest.raises(BadRequestError):
        tk.new_task_type(name, for_entity="Asset", client=client)
    short = unique("s")[:10]
    updated = tk.update_task_type({"id": created["id"], "short_name": short}, client=client)
    assert updated["short_name"] == short
    assert tk.get_task_type_by_short_name(short, client=client)["id"] == created["id"]
    assert tk.get_task_type_by_short_name(short, "Asset", client=client) is None
    assert tk.remove_task_type(created, client=client) == ""
    with pytest.raises(NotFoundError):
        tk.get_task_type(created["id"], client=client)


def test_task_status_lookups(client: KitsuClient, world: dict[str, Any]) -> None:
    statuses = tk.all_task_statuses(client=client)
    assert {"todo", "wip", "done"} <= {row["short_name"] for row in statuses}
    wip = tk.get_task_status_by_short_name("wip", client=client)
    assert wip is not None and wip["is_wip"]
    assert tk.get_task_status(wip["id"], client=client)["short_name"] == "wip"
    assert tk.get_task_status_by_name("work in progress", client=client)["id"] == wip["id"]
    assert tk.get_task_status_by_short_name("no-such", client=client) is None
    default = tk.get_default_task_status(client=client)
    assert default is not None and default["short_name"] == "todo"  # not Neutral (concepts)
    in_project = tk.all_task_statuses_for_project(world["project"], client=client)
    assert {row["short_name"] for row in in_project} == {"todo", "wip", "done"}


def test_new_update_remove_task_status(client: KitsuClient) -> None:
    short = unique("c")[:10]
    created = tk.new_task_status(unique("Check"), short, "#00ff00", client=client)
    assert (created["short_name"], created["color"]) == (short, "#00ff00")
    changes = {**created, "color": "#0000ff", "is_retake": True}
    updated = tk.update_task_status(changes, client=client)
    assert (updated["color"], updated["is_retake"]) == ("#0000ff", True)
    assert tk.remove_task_status(created["id"], client=client) == ""
    assert tk.get_task_status_by_short_name(short, client=client) is None


def test_task_types_for_project(
    client: KitsuClient, world: dict[str, Any], types: dict[str, dict[str, Any]]
) -> None:
    enabled = tk.all_task_types_for_project(world["project"], client=client)
    keys = ("anim", "layout", "modeling", "edit", "concept")
    assert _ids(enabled) == {types[k]["id"] for k in keys}


# -- tasks ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def anim_task(
    client: KitsuClient, world: dict[str, Any], types: dict[str, dict[str, Any]], me: dict[str, Any]
) -> dict[str, Any]:
    return tk.new_task(world["shot"], types["anim"], assigner=me, assignees=[me], client=client)


def test_new_task(
    client: KitsuClient,
    world: dict[str, Any],
    types: dict[str, dict[str, Any]],
    me: dict[str, Any],
    anim_task: dict[str, Any],
) -> None:
    todo = tk.get_default_task_status(client=client)
    assert anim_task["entity_id"] == world["shot"]["id"]
    assert anim_task["project_id"] == world["project"]["id"]
    assert anim_task["task_status_id"] == todo["id"]
    assert anim_task["assignees"] == [me["id"]]
    assert anim_task["assigner_id"] == me["id"]
    # The same entity, type and name: Zou refuses, we return the existing task.
    again = tk.new_task(world["shot"]["id"], types["anim"]["id"], client=client)
    assert again["id"] == anim_task["id"]
    # A status by short name; the entity given by id (its project is looked up).
    v2 = tk.new_task(world["shot"]["id"], types["anim"], "v2", task_status="wip", client=client)
    assert v2["task_status_id"] == tk.get_task_status_by_short_name("wip", client=client)["id"]
    before = len(tk.all_tasks_for_shot(world["shot"], client=client))
    with pytest.raises(NotFoundInKitsuError):
        tk.new_task(world["shot"], types["anim"], "v3", task_status="nope-xx", client=client)
    assert len(tk.all_tasks_for_shot(world["shot"], client=client)) == before


def test_tasks_for_every_kind_of_entity(
    client: KitsuClient,
    world: dict[str, Any],
    types: dict[str, dict[str, Any]],
    anim_task: dict[str, Any],
) -> None:
    seq_task = tk.new_task(world["sequence"], types["sequence"], client=client)
    ep_task = tk.new_task(world["episode"], types["episode"], client=client)
    scene_task = tk.new_task(world["scene"], types["scene"], client=client)
    asset_tasks = tk.create_asset_tasks(world["asset"], [types["modeling"]], client=client)
    edit_tasks = tk.create_edit_tasks(world["edit"], [types["edit"]], client=client)
    concept_tasks = tk.create_concept_tasks(world["concept"], [types["concept"]], client=client)
    assert [t["task_type_id"] for t in asset_tasks] == [types["modeling"]["id"]]
    assert [t["entity_id"] for t in edit_tasks] == [world["edit"]["id"]]
    assert [t["entity_id"] for t in concept_tasks] == [world["concept"]["id"]]
    # Concepts start on their own default status, "Neutral".
    neutral = tk.get_task_status(concept_tasks[0]["task_status_id"], client=client)
    assert neutral["for_concept"] is True

    shot_ids = _ids(tk.all_tasks_for_shot(world["shot"], client=client))
    assert anim_task["id"] in shot_ids
    assert _ids(tk.all_tasks_for_sequence(world["sequence"], client=client)) == {seq_task["id"]}
    assert _ids(tk.all_tasks_for_episode(world["episode"], client=client)) == {ep_task["id"]}
    assert _ids(tk.all_tasks_for_scene(world["scene"], client=client)) == {scene_task["id"]}
    assert _ids(tk.all_tasks_for_asset(world["asset"], client=client)) == _ids(asset_tasks)
    assert _ids(tk.all_tasks_for_edit(world["edit"], client=client)) == _ids(edit_tasks)
    assert _ids(tk.all_tasks_for_concept(world["concept"], client=client)) == _ids(concept_tasks)
    assert shot_ids <= _ids(tk.all_shot_tasks_for_sequence(world["sequence"], client=client))
    assert shot_ids <= _ids(tk.all_shot_tasks_for_episode(world["episode"], client=client))
    episode_assets = tk.all_assets_tasks_for_episode(world["episode"], client=client)
    assert _ids(asset_tasks) <= _ids(episode_assets)
    with_relations = tk.all_tasks_for_shot(world["shot"], relations=True, client=client)
    assert all("assignees" in row for row in with_relations)

    assert _ids(tk.all_task_types_for_shot(world["shot"], client=client)) == {types["anim"]["id"]}
    assert _ids(tk.all_task_types_for_asset(world["asset"], client=client)) == {
        types["modeling"]["id"]
    }
    # Zou answers the types of the tasks one level down (shots and scenes), not its own.
    below = {types["anim"]["id"], types["scene"]["id"]}
    assert _ids(tk.all_task_types_for_sequence(world["sequence"], client=client)) == below
    assert _ids(tk.all_task_types_for_episode(world["episode"], client=client)) == below
    assert _ids(tk.all_task_types_for_scene(world["scene"], client=client)) == {
        types["scene"]["id"]
    }
    assert _ids(tk.all_task_types_for_concept(world["concept"], client=client)) == {
        types["concept"]["id"]
    }


def test_create_shot_and_entity_tasks(
    client: KitsuClient, world: dict[str, Any], types: dict[str, dict[str, Any]]
) -> None:
    layout = tk.create_shot_tasks(world["shot2"], [types["layout"]], client=client)
    assert [t["task_type_id"] for t in layout] == [types["layout"]["id"]]
    both = tk.create_entity_tasks(world["shot2"], [types["layout"], types["anim"]], client=client)
    assert [t["task_type_id"] for t in both] == [types["anim"]["id"]]  # layout existed: skipped
    found = tk.all_tasks_for_entity_and_task_type(world["shot2"], types["layout"], client=client)
    assert _ids(found) == _ids(layout)


def test_get_update_and_find_a_task(
    client: KitsuClient,
    world: dict[str, Any],
    types: dict[str, dict[str, Any]],
    anim_task: dict[str, Any],
) -> None:
    full = tk.get_task(anim_task["id"], client=client)
    assert full["entity"]["id"] == world["shot"]["id"]
    assert full["task_type"]["name"] == "Animation"
    found = tk.get_task_by_entity(world["shot"], types["anim"], client=client)
    assert found is not None and found["id"] == anim_task["id"]
    assert tk.get_task_by_entity(world["shot"], types["anim"], "v9", client=client) is None

    changed = tk.update_task(
        {
            "id": anim_task["id"],
            "start_date": datetime.date(2024, 2, 1),
            "due_date": "2024-02-29",
            "estimation": 960,
            "priority": 2,
        },
        client=client,
    )
    assert changed["start_date"].startswith("2024-02-01")
    assert changed["due_date"].startswith("2024-02-29")
    assert (changed["estimation"], changed["priority"]) == (960, 2)

    tk.update_task_data(anim_task, {"a": 1}, client=client)
    merged = tk.update_task_data(anim_task["id"], {"b": 2}, client=client)
    assert merged["data"] == {"a": 1, "b": 2}
    assert tk.update_task_data(anim_task["id"], {}, client=client)["data"] == {"a": 1, "b": 2}

    link = tk.get_task_url(full, client=client)
    assert link.endswith(f"/productions/{world['project']['id']}/shots/tasks/{anim_task['id']}/")
    with pytest.raises(NotFoundError):
        tk.get_task("00000000-0000-0000-0000-000000000000", client=client)


def test_project_wide_task_lists(
    client: KitsuClient,
    world: dict[str, Any],
    types: dict[str, dict[str, Any]],
    anim_task: dict[str, Any],
) -> None:
    project, anim = world["project"], types["anim"]
    everything = tk.all_tasks_for_project(project, client=client)
    assert anim_task["id"] in _ids(everything)
    only_anim = tk.all_tasks_for_project(project, anim, world["episode"], client=client)
    assert anim_task["id"] in _ids(only_anim)
    assert {row["task_type_id"] for row in only_anim} == {anim["id"]}
    by_type = tk.all_tasks_for_task_type(project, anim, client=client)
    assert _ids(by_type) == _ids(only_anim)
    assert _ids(tk.all_tasks_for_task_type(project, anim, world["episode"], client=client)) == (
        _ids(by_type)
    )
    status_id = tk.get_task(anim_task["id"], client=client)["task_status_id"]
    by_status = tk.all_tasks_for_task_status(project, anim, status_id, client=client)
    assert anim_task["id"] in _ids(by_status)
    assert {row["task_status_id"] for row in by_status} == {status_id}
    with pytest.raises(NotFoundInKitsuError):
        tk.all_tasks_for_task_status(project, anim, "nope-xx", client=client)


def test_assignation(
    client: KitsuClient,
    world: dict[str, Any],
    types: dict[str, dict[str, Any]],
    person: dict[str, Any],
    me: dict[str, Any],
    anim_task: dict[str, Any],
) -> None:
    layout = tk.get_task_by_entity(world["shot2"], types["layout"], client=client)
    assert layout is not None
    one = tk.assign_task(anim_task, person, client=client)
    assert [task["id"] for task in one] == [anim_task["id"]]  # a list, as gazu's
    assert set(one[0]["assignees"]) == {me["id"], person["id"]}
    many = tk.assign_tasks_to_person([anim_task, layout["id"]], person, client=client)
    assert _ids(many) == {anim_task["id"], layout["id"]}
    assert {anim_task["id"], layout["id"]} <= _ids(tk.all_tasks_for_person(person, client=client))
    related = tk.all_tasks_for_person_and_type(person, types["layout"], client=client)
    assert layout["id"] in _ids(related)
    notifications = tk.all_notifications_for_project(world["project"], client=client)
    assert person["id"] in {row["person_id"] for row in notifications}

    assert tk.clear_assignations(layout, person, client=client) == [layout["id"]]
    assert person["id"] not in tk.get_task(layout["id"], client=client)["assignees"]
    assert tk.clear_assignations([anim_task], person, client=client) == [anim_task["id"]]
    assert tk.get_task(anim_task["id"], client=client)["assignees"] == [me["id"]]


def test_time_spent(client: KitsuClient, me: dict[str, Any], anim_task: dict[str, Any]) -> None:
    entry = tk.set_time_spent(anim_task, me, DAY, 60, client=client)
    assert (entry["duration"], entry["date"]) == (60, DAY)
    day = datetime.date(2024, 2, 3)
    added = tk.add_time_spent(anim_task["id"], me["id"], day, 30, client=client)
    assert added["id"] == entry["id"] and added["duration"] == 90
    spent = tk.get_time_spent(anim_task, client=client)
    assert spent["total"] == 90
    assert [row["id"] for row in spent[me["id"]]] == [entry["id"]]
    assert tk.get_time_spent(anim_task, DAY, client=client)["total"] == 90
    assert tk.get_task_time_spent_for_date(anim_task, "2024-02-04", client=client)["total"] == 0
    assert tk.remove_time_spent(entry, client=client) == ""
    assert tk.get_task_time_spent_for_date(anim_task, DAY, client=client)["total"] == 0


def test_start_task_and_person_lists(
    client: KitsuClient,
    world: dict[str, Any],
    types: dict[str, dict[str, Any]],
    me: dict[str, Any],
    anim_task: dict[str, Any],
) -> None:
    comment = tk.start_task(anim_task, client=client)
    wip = tk.get_task_status_by_short_name("wip", client=client)
    assert comment["task_status_id"] == wip["id"]
    started = tk.get_task(anim_task["id"], client=client)
    assert started["task_status_id"] == wip["id"]
    assert started["real_start_date"] is not None
    with pytest.raises(NotFoundInKitsuError):
        tk.start_task(anim_task, "nope-xx", client=client)

    assert anim_task["id"] in _ids(tk.all_tasks_for_person(me, client=client))
    # gazu's shape: Zou's first page of open tasks, `all_open_tasks()["data"]` in scripts.
    first_page = tk.all_open_tasks(client=client)
    assert set(first_page) == {"data", "stats", "limit", "is_more", "page"}
    assert (first_page["page"], first_page["limit"]) == (1, 100)
    total = first_page["stats"]["total"]
    assert first_page["is_more"] == (total > 100)
    assert len(first_page["data"]) == min(total, 100)
    if not first_page["is_more"]:
        assert anim_task["id"] in _ids(first_page["data"])
    # Every page, the way the docstring gives (one here: only this project's open tasks).
    ours = kitsu_client.fetch_all(
        "tasks/open-tasks", {"project_id": world["project"]["id"]}, client=client, paginated=True
    )
    assert anim_task["id"] in _ids(ours)
    stats = tk.get_open_tasks_stats(client=client)
    assert world["project"]["id"] in stats
    dates = tk.get_persons_tasks_dates(client=client)
    assert me["id"] in {row["person_id"] for row in dates}

    tk.start_task(anim_task["id"], "done", me, client=client)
    assert anim_task["id"] in _ids(tk.all_done_tasks_for_person(me, client=client))
    assert anim_task["id"] not in _ids(tk.all_tasks_for_person(me, client=client))


def test_subscriptions(
    client: KitsuClient, world: dict[str, Any], anim_task: dict[str, Any], me: dict[str, Any]
) -> None:
    client.post(f"actions/user/tasks/{anim_task['id']}/subscribe")
    subscriptions = tk.all_subscriptions_for_project(world["project"], client=client)
    assert (anim_task["id"], me["id"]) in {(s["task_id"], s["person_id"]) for s in subscriptions}


def test_bad_ids_fail_before_the_network(client: KitsuClient) -> None:
    with pytest.raises(InvalidIdError):
        tk.all_tasks_for_shot("SH010", client=client)
    with pytest.raises(InvalidIdError):
        tk.assign_task({"name": "no id"}, "someone", client=client)


def test_removals(
    client: KitsuClient,
    world: dict[str, Any],
    types: dict[str, dict[str, Any]],
) -> None:
    shot2 = world["shot2"]
    tasks = tk.all_tasks_for_shot(shot2, client=client)
    layout = [t for t in tasks if t["task_type_id"] == types["layout"]["id"]]
    anim = [t for t in tasks if t["task_type_id"] == types["anim"]["id"]]
    assert tk.remove_task(layout[0], client=client) == ""
    with pytest.raises(NotFoundError):
        tk.get_task(layout[0]["id"], client=client)
    extra = tk.new_task(shot2, types["layout"], "extra", client=client)
    removed = tk.remove_tasks_batch(world["project"], [extra, anim[0]["id"]], client=client)
    assert set(removed) == {extra["id"], anim[0]["id"]}
    assert tk.all_tasks_for_shot(shot2, client=client) == []

    scene_type = types["scene"]
    assert tk.all_tasks_for_scene(world["scene"], client=client)
    assert tk.remove_tasks_for_type(world["project"], scene_type, client=client) == ""
    assert tk.all_tasks_for_scene(world["scene"], client=client) == []
