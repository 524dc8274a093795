"""kitsu_sdk.sync against the real Zou: the event log, the imports that keep ids and dates, the
id maps, and the push functions between two clients.

There is one local Zou, so the two "instances" are two clients logged in to it, a source
project and a target project. Ids are kept by the imports, so on one server a push MOVES what it
copies into the target project (the same rows, now in the target), and comments are posted a
second time on the same task: the tests check exactly that, and the shapes gazu gives."""

from __future__ import annotations

import datetime
import pathlib
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from it_helpers import new_client, unique
from it_media import write_png

from kitsu_sdk import KitsuClient, asset, casting, files, project, shot, sync, task

Row = dict[str, Any]

EVENT_KEYS = {"id", "created_at", "name", "user_id", "project_id", "data"}
FILE_EVENTS = {
    "preview-file:add-file",
    "organisation:set-thumbnail",
    "person:set-thumbnail",
    "project:set-thumbnail",
}


def ids(rows: Any) -> set[str]:
    return {row["id"] for row in rows}


@pytest.fixture(scope="module")
def target_client(kitsu_host: str, kitsu_credentials: tuple[str, str]) -> Iterator[KitsuClient]:
    """A second client: the "target Kitsu" of the push functions."""
    other = new_client(kitsu_host)
    other.log_in(*kitsu_credentials)
    yield other
    other.log_out()
    other.close()


@pytest.fixture
def pair(client: KitsuClient) -> Iterator[tuple[Row, Row]]:
    """A source and a target TV-show project, closed afterwards."""
    made = [
        project.new_project(unique(f"it-sync-{side}"), production_type="tvshow", client=client)
        for side in ("source", "target")
    ]
    yield made[0], made[1]
    for row in made:
        project.close_project(row, client=client)


def _world(client: KitsuClient, source: Row, tmp_path: pathlib.Path) -> dict[str, Any]:
    """In the source project: an episode, a sequence, a shot casting an asset, a task assigned
    to the user with a comment carrying an attachment and an annotated PNG preview."""
    episode = shot.new_episode(source, unique("E"), client=client)
    sequence = shot.new_sequence(source, "SQ01", episode=episode, client=client)
    sh = shot.new_shot(source, sequence, "SH010", client=client)
    hero = asset.new_asset(source, "Character", unique("hero"), client=client)
    casting.update_shot_casting(source, sh, [{"asset_id": hero["id"], "nb_occurences": 2}],
                                client=client)  # fmt: skip
    animation = task.get_task_type_by_name("Animation", client=client)
    made = task.new_task(sh, animation, client=client)
    me = client.get_current_user()
    task.assign_task(made, me, client=client)
    wip = task.get_task_status_by_short_name("wip", client=client)
    note = tmp_path / "note.txt"
    note.write_text("from the source")
    posted = task.add_comment(made, wip, "source words", attachments=[note],
                              checklist=[{"text": "check", "checked": False}],
                              client=client)  # fmt: skip
    frame = write_png(tmp_path / "frame.png")
    preview = task.add_preview(made, posted, frame, client=client)
    annotations = [{"time": 0, "drawing": {"objects": [{"type": "path"}]}}]
    files.update_preview(preview, {"annotations": annotations}, client=client)
    return {
        "episode": episode, "sequence": sequence, "shot": sh, "asset": hero, "task": made,
        "comment": posted, "preview": preview, "annotations": annotations, "me": me, "wip": wip,
    }  # fmt: skip


# -- the event log -----------------------------------------------------------------------------


def test_last_events_see_what_the_test_just_did(
    client: KitsuClient, pair: tuple[Row, Row], tmp_path: pathlib.Path
) -> None:
    source, _ = pair
    world = _world(client, source, tmp_path)
    recent = sync.get_last_events(200, project=source, client=client)
    assert recent and all(set(event) == EVENT_KEYS for event in recent)
    assert all(event["project_id"] == source["id"] for event in recent)
    dates = [event["created_at"] for event in recent]
    assert dates == sorted(dates, reverse=True)  # newest first
    names = {event["name"] for event in recent}
    assert {"episode:new", "sequence:new", "shot:new", "asset:new", "task:new",
            "comment:new", "preview-file:add-file"} <= names  # fmt: skip

    new_assets = sync.get_last_events(10, project=source["id"], name="asset:new", client=client)
    assert [e["data"]["asset_id"] for e in new_assets] == [world["asset"]["id"]]

    today = datetime.datetime.now(datetime.timezone.utc).date()
    window = sync.get_last_events(
        200, project=source, after=str(today - datetime.timedelta(days=1)),
        before=(today + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S"), client=client,
    )  # fmt: skip
    assert ids(window) == ids(recent)
    assert sync.get_last_events(10, project=source, after=str(today + datetime.timedelta(days=1)),
                                client=client) == []  # fmt: skip

    only_files = sync.get_last_events(10, project=source, only_files=True, client=client)
    assert only_files and {e["name"] for e in only_files} <= FILE_EVENTS
    assert world["preview"]["id"] in {e["data"].get("preview_file_id") for e in only_files}

    assert len(sync.get_last_events(3, project=source, client=client)) == 3
    assert client.sync.get_last_events(1, project=source)[0]["id"] == recent[0]["id"]


def test_last_events_past_one_page(client: KitsuClient) -> None:
    # Zou answers 1000 events per request at most: more are read page after page.
    found = sync.get_last_events(1200, client=client)
    assert len(found) == len(ids(found)) <= 1200
    if len(sync.get_last_events(1000, client=client)) == 1000:  # the log is longer than a page
        assert len(found) > 1000
    dates = [event["created_at"] for event in found]
    assert dates == sorted(dates, reverse=True)


# -- imports -----------------------------------------------------------------------------------


def test_imports_keep_ids_and_dates(client: KitsuClient, pair: tuple[Row, Row]) -> None:
    _, target = pair
    prop = asset.get_asset_type_by_name("Prop", client=client)
    assert prop is not None
    made = "2001-02-03T04:05:06"
    sequence_id = str(uuid.uuid4())
    rows = [
        {"id": str(uuid.uuid4()), "name": unique("lamp"), "type": "Asset",
         "project_id": target["id"], "entity_type_id": prop["id"], "created_at": made,
         "updated_at": made, "data": {}},
        {"id": sequence_id, "name": unique("SQ"), "type": "Sequence",
         "project_id": target["id"], "created_at": made, "updated_at": made, "data": {}},
        {"id": str(uuid.uuid4()), "name": unique("SH"), "type": "Shot", "parent_id": sequence_id,
         "project_id": target["id"], "created_at": made, "updated_at": made, "data": {}},
    ]  # fmt: skip
    saved = sync.import_entities(rows, client=client)
    assert [(r["id"], r["created_at"], r["project_id"]) for r in saved] == [
        (row["id"], made, target["id"]) for row in rows
    ]
    assert saved[0]["type"] == "Entity" and saved[0]["entity_type_id"] == prop["id"]
    assert asset.get_asset(rows[0]["id"], client=client)["name"] == rows[0]["name"]
    imported_shot = shot.get_shot(rows[2]["id"], client=client)
    assert (imported_shot["created_at"], imported_shot["sequence_id"]) == (made, sequence_id)

    modeling = task.get_task_type_by_name("Modeling", client=client)
    todo = task.get_task_status_by_short_name("todo", client=client)
    me = client.get_current_user()
    task_row = {
        "id": str(uuid.uuid4()), "name": "main", "project_id": target["id"],
        "entity_id": rows[0]["id"], "task_type_id": modeling["id"], "task_status_id": todo["id"],
        "assignees": [me["id"]], "created_at": made, "updated_at": made,
    }  # fmt: skip
    saved_tasks = sync.import_tasks([task_row], client=client)
    assert [(t["id"], t["created_at"]) for t in saved_tasks] == [(task_row["id"], made)]
    assert task.get_task(task_row["id"], client=client)["assignees"] == [me["id"]]

    link = {"id": str(uuid.uuid4()), "entity_in_id": rows[2]["id"],
            "entity_out_id": rows[0]["id"], "nb_occurences": 3}  # fmt: skip
    saved_links = sync.import_entity_links([link], client=client)
    assert [(r["id"], r["nb_occurences"], r["type"]) for r in saved_links] == [
        (link["id"], 3, "EntityLink")
    ]
    cast = casting.get_shot_casting(rows[2]["id"], client=client)
    assert [(c["asset_id"], c["nb_occurences"]) for c in cast] == [(rows[0]["id"], 3)]
    assert sync.import_entities([], client=client) == []


# -- id maps -----------------------------------------------------------------------------------


def test_sync_id_maps_between_two_clients(client: KitsuClient, target_client: KitsuClient) -> None:
    # One server on both sides: every uniquely named model maps to itself.
    for function, rows, field in (
        (sync.get_sync_department_id_map, client.get("data/departments"), "name"),
        (sync.get_sync_asset_type_id_map, client.get("data/asset-types"), "name"),
        (sync.get_sync_project_id_map, client.get("data/projects"), "name"),
        (sync.get_sync_task_type_id_map, client.get("data/task-types"), "name"),
        (sync.get_sync_task_status_id_map, client.get("data/task-status"), "name"),
        (sync.get_sync_person_id_map, client.get("data/persons"), "email"),
    ):
        found = function(client, target_client)
        keys = [row[field].lower() for row in rows if isinstance(row.get(field), str)]
        unique_rows = [row for row in rows if isinstance(row.get(field), str)
                       and keys.count(row[field].lower()) == 1]  # fmt: skip
        assert unique_rows, function.__name__
        assert {row["id"]: row["id"] for row in unique_rows}.items() <= found.items()
        assert set(found) <= {row["id"] for row in rows}
    bots = [row["id"] for row in client.get("data/persons") if not row.get("email")]
    assert not set(bots) & set(sync.get_sync_person_id_map(client, target_client))


def test_pure_helpers_on_real_rows(client: KitsuClient) -> None:
    statuses = task.all_task_statuses(client=client)
    renamed = [{**row, "name": row["name"].upper()} for row in statuses]
    assert sync.get_id_map_by_id(statuses, renamed) == {r["id"]: r["id"] for r in statuses}
    by_name = sync.get_id_map_by_name(statuses, renamed)
    assert set(by_name) == {r["name"] for r in statuses}
    missing, unexpected = sync.get_model_list_diff(statuses, statuses[1:])
    assert (missing, unexpected) == ([statuses[0]], [])
    short_names = {r["id"]: r["short_name"] for r in statuses}
    assert sync.convert_id_list([r["id"] for r in statuses], short_names) == [
        r["short_name"] for r in statuses
    ]
    newest = max(statuses, key=lambda r: r["updated_at"])
    oldest = min(statuses, key=lambda r: r["updated_at"])
    assert sync.is_changed(newest, oldest) is (newest["updated_at"] != oldest["updated_at"])
    assert sync.get_link_list_diff([], []) == ([], [])


# -- push --------------------------------------------------------------------------------------


def test_push_a_production_between_two_clients(
    client: KitsuClient, target_client: KitsuClient, pair: tuple[Row, Row],
    tmp_path: pathlib.Path,
) -> None:  # fmt: skip
    source, target = pair
    world = _world(client, source, tmp_path)
    the_task = world["task"]

    # Comments first (on one server the task is the same on both sides): posted again.
    pushed_tasks = sync.push_tasks_comments(source, client, target_client)
    assert [t["id"] for t in pushed_tasks] == [the_task["id"]]
    comments = task.all_comments_for_task(the_task, client=client)
    assert len(comments) == 2
    copy, original = comments  # newest first
    assert copy["id"] != original["id"]
    assert (copy["text"], copy["created_at"], copy["task_status_id"], copy["person_id"]) == (
        original["text"], original["created_at"], original["task_status_id"],
        original["person_id"],
    )  # fmt: skip
    assert copy["checklist"] == original["checklist"]
    assert [a["name"] for a in copy["attachment_files"]] == ["note.txt"]
    assert len(copy["previews"]) == 1
    copied_preview = files.get_preview_file(copy["previews"][0]["id"], client=client)
    assert (copied_preview["original_name"], copied_preview["extension"]) == ("frame", "png")
    assert copied_preview["annotations"] == world["annotations"]

    # A status the target does not have: nothing is posted.
    assert sync.push_task_comment({}, {}, the_task, original, client, target_client) is None
    only_one = sync.push_task_comments(
        {world["wip"]["id"]: world["wip"]["id"]}, {}, the_task["id"], client, target_client
    )
    assert len(only_one) == 2  # both comments of the task, oldest first
    assert only_one[0]["id"] == original["id"]

    # Links, then entities, then tasks: same ids, now in the target project.
    links_before = casting.all_entity_links_for_project(source, client=client)
    links = sync.push_entity_links(source, target, client, target_client)
    assert ids(links) == ids(links_before) and len(links) == 2  # the shot's and the episode's
    assert all(set(link) >= {"id", "entity_in_id", "entity_out_id", "nb_occurences", "type",
                             "created_at", "updated_at"} for link in links)  # fmt: skip

    pushed = sync.push_project_entities(source, target, client, target_client)
    assert list(pushed) == ["assets", "episodes", "sequences", "shots", "entity_links"]
    for key, made in (("assets", world["asset"]), ("episodes", world["episode"]),
                      ("sequences", world["sequence"]), ("shots", world["shot"])):  # fmt: skip
        assert (made["id"], target["id"], made["created_at"]) in [
            (r["id"], r["project_id"], r["created_at"]) for r in pushed[key]
        ], key
        assert {r["project_id"] for r in pushed[key]} == {target["id"]}
    assert len(pushed["episodes"]) == 2  # Zou gives a new TV show an episode E01
    assert pushed["entity_links"] == []  # the entities moved before their links were read
    assert ids(shot.all_shots_for_project(target, client=client)) == {world["shot"]["id"]}
    assert asset.all_assets_for_project(source, client=client) == []

    todo = task.get_task_status_by_short_name("todo", client=client)
    tasks = sync.push_tasks(source, target, todo, client, target_client)
    assert [(t["id"], t["project_id"], t["task_status_id"]) for t in tasks] == [
        (the_task["id"], target["id"], todo["id"])
    ]
    moved = task.get_task(the_task, client=client)
    assert moved["assignees"] == [world["me"]["id"]]

    # And each kind of entity back, one function at a time.
    assert ids(sync.push_assets(target, source, client, target_client)) == {world["asset"]["id"]}
    assert world["episode"]["id"] in ids(sync.push_episodes(target, source, client, target_client))
    assert ids(sync.push_sequences(target["id"], source["id"], client, target_client)) == {
        world["sequence"]["id"]}  # fmt: skip
    assert ids(sync.push_shots(target, source, client, target_client)) == {world["shot"]["id"]}
    assert ids(shot.all_shots_for_project(source, client=client)) == {world["shot"]["id"]}
    assert shot.all_shots_for_project(target, client=client) == []
