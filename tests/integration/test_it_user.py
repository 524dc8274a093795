"""kitsu_sdk.user against the real Zou, logged in as the admin with tasks assigned in a throwaway
project: my tasks and what they are on, to-do lists, time spents and days off, filters and filter
groups, notifications and subscriptions, chats, desktop log-ins. Results are checked for the
shape gazu 1.3.1 gives on the same server."""

from __future__ import annotations

import datetime
import random
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from it_helpers import new_client, unique
from it_my_work import my_work, undo_my_work

from kitsu_sdk import KitsuClient, person, task, user
from kitsu_sdk.exception import NotFoundError

Row = dict[str, Any]

TASK_KEYS = {"id", "name", "task_type_id", "task_status_id", "entity_id", "project_id"}
TODO_KEYS = TASK_KEYS | {"entity_name", "project_name", "task_type_name", "task_status_name",
                         "task_status_short_name", "last_comment", "sequence_name"}  # fmt: skip


def ids(rows: Any) -> list[str]:
    return [row["id"] for row in rows]


def is_sorted_by_name(rows: Any) -> bool:
    names = [(row.get("name") or "").lower() for row in rows]
    return names == sorted(names)


def a_free_day() -> datetime.date:
    """A day far from today that no other test run is likely to use."""
    return datetime.date(2001, 1, 1) + datetime.timedelta(days=random.randrange(3000))


@pytest.fixture(scope="module")
def work(client: KitsuClient, project: Row) -> Iterator[dict[str, Any]]:
    made = my_work(client, project)
    yield made
    undo_my_work(client, made)


@pytest.fixture(scope="module")
def other_person(client: KitsuClient) -> Iterator[Row]:
    """Someone else, to author comments (Kitsu does not notify people of their own)."""
    made = person.new_person("Other", unique("Artist"), f"{unique('it-user')}@example.com",
                             client=client)  # fmt: skip
    yield dict(made)
    person.remove_person(made, force=True, client=client)


# -- what I work on -----------------------------------------------------------------------------


def test_my_open_projects_and_what_i_have_tasks_on(client: KitsuClient, work: Row) -> None:
    projects = user.all_open_projects(client=client)
    assert work["project"]["id"] in ids(projects)
    assert is_sorted_by_name(projects)
    assert {"id", "name", "project_status_id", "team"} <= set(projects[0])

    project = work["project"]
    assert ids(user.all_episodes_for_project(project, client=client)) == [work["episode"]["id"]]
    assert ids(user.all_sequences_for_project(project["id"], client=client)) == [
        work["sequence"]["id"]]  # fmt: skip
    # Only the shot with my task, not its sibling.
    assert ids(user.all_shots_for_sequence(work["sequence"], client=client)) == [work["shot"]["id"]]
    assert ids(user.all_scenes_for_sequence(work["sequence"], client=client)) == [
        work["scene"]["id"]]  # fmt: skip
    asset_types = user.all_asset_types_for_project(project, client=client)
    assert ids(asset_types) == [work["asset_type"]["id"]]  # not Prop: no task of mine there
    assets = user.all_assets_for_asset_type_and_project(project, work["asset_type"], client=client)
    assert ids(assets) == [work["asset"]["id"]]
    assert {"id", "name", "entity_type_id", "project_id", "type"} <= set(assets[0])


@pytest.mark.parametrize("kind", ["shot", "asset", "scene", "sequence"])
def test_my_tasks_and_task_types_on_an_entity(client: KitsuClient, work: Row, kind: str) -> None:
    entity = work[kind]
    tasks = getattr(user, f"all_tasks_for_{kind}")(entity, client=client)
    assert ids(tasks) == [work["tasks"][kind]["id"]]
    assert TASK_KEYS <= set(tasks[0])
    task_types = getattr(user, f"all_task_types_for_{kind}")(entity["id"], client=client)
    expected = {"shot": "animation", "asset": "modeling", "scene": "scene_type",
                "sequence": "sequence_type"}[kind]  # fmt: skip
    assert ids(task_types) == [work[expected]["id"]]
    assert {"id", "name", "for_entity", "color"} <= set(task_types[0])


def test_nothing_of_mine_on_a_shot_without_my_tasks(client: KitsuClient, work: Row) -> None:
    assert user.all_tasks_for_shot(work["shot2"], client=client) == []
    assert user.all_task_types_for_shot(work["shot2"], client=client) == []


def test_a_missing_entity_is_a_404(client: KitsuClient, work: Row) -> None:
    with pytest.raises(NotFoundError):
        user.all_tasks_for_shot(str(uuid.uuid4()), client=client)


# -- to-do lists --------------------------------------------------------------------------------


def test_to_do_done_and_feedback_lists(client: KitsuClient, work: Row, other_person: Row) -> None:
    todo = user.all_tasks_to_do(client=client)
    mine = {row["id"]: row for row in todo}
    for kind in ("shot", "asset", "scene", "sequence"):
        assert work["tasks"][kind]["id"] in mine
    assert work["tasks"]["shot2"]["id"] not in mine
    assert TODO_KEYS <= set(mine[work["tasks"]["shot"]["id"]])

    # A comment asking for feedback puts the task in the admin's review list.
    wfa = task.get_task_status_by_short_name("wfa", client=client)
    assert wfa is not None and wfa["is_feedback_request"]
    task.add_comment(work["tasks"]["shot"], wfa, "please review", person=other_person,
                     client=client)  # fmt: skip
    to_check = user.all_tasks_requiring_feedback(client=client)
    assert work["tasks"]["shot"]["id"] in ids(to_check)
    assert TODO_KEYS <= set(to_check[0])

    # A done task leaves the to-do list for the done list.
    done_status = task.get_task_status_by_short_name("done", client=client)
    assert done_status is not None
    layout = task.get_task_type_by_name("Layout", "Shot", client=client)
    assert layout is not None
    finished = task.new_task(work["shot"], layout, assignees=[work["me"]], client=client)
    task.add_comment(finished, done_status, "finished", client=client)
    done = user.all_done_tasks(client=client)
    assert finished["id"] in ids(done)
    assert finished["id"] not in ids(user.all_tasks_to_do(client=client))
    assert TODO_KEYS <= set(done[0])


# -- session ------------------------------------------------------------------------------------


def test_context_and_authentication(
    client: KitsuClient, kitsu_host: str, kitsu_credentials: tuple[str, str], work: Row
) -> None:
    context = user.get_context(client=client)
    assert {
        "projects",
        "task_types",
        "task_status",
        "asset_types",
        "persons",
        "departments",
        "search_filters",
        "search_filter_groups",
        "notification_count",
    } <= set(context)
    assert work["project"]["id"] in ids(context["projects"])

    assert user.is_authenticated(client=client) is True
    other = new_client(kitsu_host)
    other.log_in(*kitsu_credentials)
    assert other.user.is_authenticated() is True
    other.log_out()
    assert user.is_authenticated(client=other) is False


def test_desktop_log_ins_and_avatar(client: KitsuClient) -> None:
    log = user.log_desktop_session_log_in(client=client)
    assert {"id", "person_id", "date", "type"} <= set(log)
    me = client.logged_in_user
    assert me is not None and log["person_id"] == me["id"]
    logs = user.all_desktop_login_logs(client=client)
    assert log["id"] in ids(logs)
    dates = [row["date"] for row in logs]
    assert dates == sorted(dates, reverse=True)
    assert user.clear_avatar(client=client) == ""


# -- time spents and days off -------------------------------------------------------------------


def test_time_spents(client: KitsuClient, work: Row) -> None:
    day = a_free_day()
    mine, other_task = work["tasks"]["shot"], work["tasks"]["asset"]
    made = task.set_time_spent(mine, work["me"], day, 90, client=client)
    try:
        entry = user.get_task_time_spent(mine, day, client=client)
        assert entry is not None and entry["id"] == made["id"] and entry["duration"] == 90
        assert {"id", "task_id", "person_id", "date", "duration"} <= set(entry)
        # Nothing logged: None (gazu's route answers 500 there).
        assert user.get_task_time_spent(other_task, day.isoformat(), client=client) is None

        assert made["id"] in ids(user.get_time_spents_by_date(day, client=client))
        ranged = user.get_timespents_range(day - datetime.timedelta(days=1), day.isoformat(),
                                           client=client)  # fmt: skip
        row = next(row for row in ranged if row["id"] == made["id"])
        assert (row["project_id"], row["task_type_id"]) == (
            work["project"]["id"],
            work["animation"]["id"],
        )
        assert made["id"] not in ids(
            user.get_timespents_range(
                day + datetime.timedelta(days=1), day + datetime.timedelta(days=2), client=client
            )
        )
    finally:
        task.remove_time_spent(made, client=client)
    assert user.get_task_time_spent(mine, day, client=client) is None


def test_day_off(client: KitsuClient, work: Row) -> None:
    start = a_free_day() + datetime.timedelta(days=4000)  # not the time spents' days
    day_off = person.new_day_off(work["me"], start, start + datetime.timedelta(days=2),
                                 client=client)  # fmt: skip
    try:
        found = user.get_day_off(start + datetime.timedelta(days=1), client=client)
        assert found["id"] == day_off["id"]
        assert {"id", "date", "end_date", "person_id"} <= set(found)
    finally:
        person.remove_day_off(day_off, client=client)
    assert user.get_day_off(start.isoformat(), client=client) == {}


# -- filters and filter groups ------------------------------------------------------------------


def test_filters(client: KitsuClient, work: Row) -> None:
    project_id = work["project"]["id"]
    made = user.new_filter(unique("heroes"), "hero", "asset", work["project"], "Asset",
                           client=client)  # fmt: skip
    everywhere = user.new_filter(unique("any"), "sh", "shot", client=client)
    try:
        assert (made["search_query"], made["project_id"], made["list_type"]) == (
            "hero",
            project_id,
            "asset",
        )
        assert made["entity_type"] == "Asset" and everywhere["project_id"] is None
        grouped = user.all_filters(client=client)
        assert made["id"] in ids(grouped["asset"][project_id])
        assert everywhere["id"] in ids(grouped["shot"]["all"])

        made["name"] = unique("renamed")
        made["search_query"] = "villain"
        saved = user.update_filter(made, client=client)
        assert (saved["name"], saved["search_query"]) == (made["name"], "villain")
    finally:
        assert user.remove_filter(made, client=client) == ""
        assert user.remove_filter(everywhere["id"], client=client) == ""
    assert made["id"] not in ids(
        user.all_filters(client=client).get("asset", {}).get(project_id, [])
    )


def test_filter_groups(client: KitsuClient, work: Row) -> None:
    project_id = work["project"]["id"]
    group = user.new_filter_group(unique("mine"), work["project"], client=client)
    try:
        assert (group["project_id"], group["list_type"], group["color"]) == (project_id, "todo", "")
        assert group["id"] in ids(user.all_filter_groups(client=client)["todo"][project_id])
        assert user.get_filter_group(group, client=client)["name"] == group["name"]
        group["color"] = "#ff0000"
        assert user.update_filter_group(group, client=client)["color"] == "#ff0000"
        assert user.get_filter_group(group["id"], client=client)["color"] == "#ff0000"
    finally:
        assert user.remove_filter_group(group, client=client) == ""
    with pytest.raises(NotFoundError):
        user.get_filter_group(group, client=client)


# -- notifications and subscriptions ------------------------------------------------------------


def test_notifications(client: KitsuClient, work: Row, other_person: Row) -> None:
    shot_task = work["tasks"]["shot"]
    todo = task.get_task_status_by_short_name("todo", client=client)
    assert todo is not None
    comment = task.add_comment(shot_task, todo, unique("note"), person=other_person,
                               client=client)  # fmt: skip
    notifications = user.all_notifications(client=client)
    mine = next(n for n in notifications if n["comment_id"] == comment["id"])
    assert (mine["task_id"], mine["author_id"], mine["read"]) == (
        shot_task["id"],
        other_person["id"],
        False,
    )
    assert {"notification_type", "project_name", "full_entity_name", "comment_text"} <= set(mine)

    one = user.get_notification(mine, client=client)
    assert one["id"] == mine["id"] and one["comment_text"] == comment["text"]
    one["read"] = True
    saved = user.update_notification(one, client=client)
    assert saved["read"] is True and saved["person_id"] == work["me"]["id"]
    assert user.get_notification(mine["id"], client=client)["read"] is True

    one["read"] = False
    user.update_notification(one, client=client)
    assert user.mark_all_notifications_as_read(client=client) == {"success": True}
    assert user.get_notification(mine, client=client)["read"] is True


def test_task_subscription(client: KitsuClient, work: Row) -> None:
    followed = work["tasks"]["prop"]  # not assigned to me
    assert user.check_task_subscription(followed, client=client) is False
    subscription = user.subscribe_to_task(followed, client=client)
    try:
        assert (subscription["task_id"], subscription["person_id"]) == (
            followed["id"],
            work["me"]["id"],
        )
        assert user.check_task_subscription(followed["id"], client=client) is True
    finally:
        assert user.unsubscribe_from_task(followed, client=client) == ""
    assert user.check_task_subscription(followed, client=client) is False


# -- chats --------------------------------------------------------------------------------------


def test_chats(client: KitsuClient, work: Row) -> None:
    chat = user.join_chat(work["shot"], client=client)
    assert chat["object_id"] == work["shot"]["id"]
    assert {"id", "object_id", "object_type", "last_message"} <= set(chat)
    listed = next(row for row in user.all_chats(client=client)
                  if row["object_id"] == work["shot"]["id"])  # fmt: skip
    assert {"id", "object_id", "entity_name", "project_id", "preview_file_id"} <= set(listed)
    # A chat dict from the list names its entity in object_id (gazu sent the chat id: 404).
    assert user.leave_chat(listed, client=client) == ""
    assert work["shot"]["id"] not in [row["object_id"] for row in user.all_chats(client=client)]
    user.join_chat(work["asset"]["id"], client=client)
    assert user.leave_chat(work["asset"]["id"], client=client) == ""
