"""Comments with status changes, replies, acknowledgements, removal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from contract_backend import Backend
from contract_helpers import has_keys, is_id, write_png

from kitsu_sdk import task
from kitsu_sdk.exception import RouteNotFoundException


def test_comment_changes_the_task_status(production: dict[str, Any]) -> None:
    the_task = production["shot_task"]
    comment = task.add_comment(the_task, production["wfa"], "please review")
    assert is_id(comment["id"])
    assert comment["text"] == "please review"
    assert comment["object_id"] == the_task["id"]
    assert comment["task_status_id"] == production["wfa"]["id"]
    assert has_keys(comment, "person_id", "created_at", "previews", "checklist")
    got = task.get_task(the_task["id"])
    assert got["task_status_id"] == production["wfa"]["id"]
    assert got["last_comment_date"] is not None


def test_comment_author_is_the_current_user(kitsu: Backend, production: dict[str, Any]) -> None:
    comment = task.add_comment(production["shot_task"], production["todo"], "note")
    me = kitsu_me(kitsu)
    assert comment["person_id"] == me["id"]


def kitsu_me(kitsu: Backend) -> dict[str, Any]:
    from kitsu_sdk import client as raw

    return raw.get("auth/authenticated")["user"]  # type: ignore[no-any-return]


def test_comments_for_task_newest_first(production: dict[str, Any]) -> None:
    the_task = production["shot_task"]
    first = task.add_comment(the_task, production["todo"], "first")
    second = task.add_comment(the_task, production["wfa"], "second")
    listed = task.all_comments_for_task(the_task)
    assert [c["id"] for c in listed] == [second["id"], first["id"]]
    assert listed[0]["task_status"]["id"] == production["wfa"]["id"]
    assert listed[0]["person"]["id"] == second["person_id"]
    last = task.get_last_comment_for_task(the_task)
    assert last is not None and last["id"] == second["id"]


def test_comment_by_status_short_name_lookup(production: dict[str, Any]) -> None:
    retake = task.get_task_status_by_short_name("retake")
    task.add_comment(production["asset_task"], retake, "redo")
    assert task.get_task(production["asset_task"]["id"])["task_status_id"] == retake["id"]


def test_get_and_update_comment(production: dict[str, Any]) -> None:
    comment = task.add_comment(production["shot_task"], production["todo"], "typo")
    got = task.get_comment(comment["id"])
    assert got["text"] == "typo"
    got["text"] = "fixed"
    task.update_comment(got)
    assert task.get_comment(comment["id"])["text"] == "fixed"


def test_remove_comment(production: dict[str, Any]) -> None:
    comment = task.add_comment(production["shot_task"], production["todo"], "gone soon")
    task.remove_comment(comment)
    with pytest.raises(RouteNotFoundException):
        task.get_comment(comment["id"])
    assert task.all_comments_for_task(production["shot_task"]) == []


def test_last_comment_none_without_comments(production: dict[str, Any]) -> None:
    assert task.get_last_comment_for_task(production["shot_task"]) is None
    assert task.all_comments_for_task(production["shot_task"]) == []


def test_reply_and_delete_reply(production: dict[str, Any]) -> None:
    the_task = production["shot_task"]
    comment = task.add_comment(the_task, production["todo"], "question?")
    reply = task.reply_to_comment(the_task, comment, "answer")
    assert reply["text"] == "answer" and is_id(reply["id"])
    replies = task.get_comment(comment["id"])["replies"]
    assert [r["text"] for r in replies] == ["answer"]
    task.delete_comment_reply(the_task, comment, reply)
    assert task.get_comment(comment["id"])["replies"] == []


def test_acknowledge_comment(production: dict[str, Any]) -> None:
    the_task = production["shot_task"]
    comment = task.add_comment(the_task, production["todo"], "ack me")
    acked = task.acknowledge_comment(the_task, comment)
    assert len(acked["acknowledgements"]) == 1
    unacked = task.acknowledge_comment(the_task, comment)
    assert unacked["acknowledgements"] == []


def test_comments_for_project(production: dict[str, Any]) -> None:
    task.add_comment(production["shot_task"], production["todo"], "one")
    task.add_comment(production["asset_task"], production["wfa"], "two")
    listed = task.all_comments_for_project(production["project"])
    assert sorted(c["text"] for c in listed) == ["one", "two"]


def test_batch_comments_on_several_tasks(production: dict[str, Any]) -> None:
    made = task.add_tasks_batch_comments(
        [production["shot_task"], production["asset_task"]],
        {"task_status_id": production["wfa"]["id"], "comment": "batch"},
    )
    assert {c["object_id"] for c in made} == {
        production["shot_task"]["id"],
        production["asset_task"]["id"],
    }
    for key in ("shot_task", "asset_task"):
        assert task.get_task(production[key]["id"])["task_status_id"] == production["wfa"]["id"]


def test_move_comment_to_another_task_of_the_entity(production: dict[str, Any]) -> None:
    layout = task.get_task_type_by_name("Layout", for_entity="Shot")
    target = task.new_task(production["shot"], layout)
    comment = task.add_comment(production["shot_task"], production["wfa"], "wrong task")
    moved = task.move_comment_to_task(production["shot_task"], comment, target)
    assert moved["object_id"] == target["id"]
    assert [c["id"] for c in task.all_comments_for_task(target)] == [comment["id"]]
    assert task.all_comments_for_task(production["shot_task"]) == []
    assert task.get_task(target["id"])["task_status_id"] == production["wfa"]["id"]


def test_comment_attachments_round_trip(production: dict[str, Any], tmp_path: Path) -> None:
    from kitsu_sdk import files

    notes = tmp_path / "notes.txt"
    notes.write_text("hello notes")
    picture = write_png(tmp_path / "pic.png")
    comment = task.add_comment(
        production["shot_task"], production["wfa"], "with files", attachments=[picture, str(notes)]
    )
    attached = comment["attachment_files"]
    assert [(a["name"], a["extension"]) for a in attached] == [
        ("pic.png", "png"),
        ("notes.txt", "txt"),
    ]
    assert all(is_id(a["id"]) for a in attached)
    listed = files.get_all_attachment_files_for_task(production["shot_task"])
    assert {a["id"] for a in listed} == {a["id"] for a in attached}
    text = next(a for a in listed if a["name"] == "notes.txt")
    assert text["mimetype"] == "text/plain" and text["comment_id"] == comment["id"]
    back = files.download_attachment_file(text, str(tmp_path / "back.txt"))
    assert Path(back).read_text() == "hello notes"
    task.delete_comment_attachment(production["shot_task"], comment, text)
    assert [a["name"] for a in task.get_comment(comment["id"])["attachment_files"]] == ["pic.png"]


def test_add_attachment_to_an_existing_comment(production: dict[str, Any], tmp_path: Path) -> None:
    notes = tmp_path / "later.txt"
    notes.write_text("added later")
    comment = task.add_comment(production["shot_task"], production["todo"], "plain")
    added = task.add_attachment_files_to_comment(production["shot_task"], comment, [str(notes)])
    assert [(a["name"], a["size"]) for a in added] == [("later.txt", 11)]
    assert [a["id"] for a in task.get_comment(comment["id"])["attachment_files"]] == [
        added[0]["id"]
    ]


def test_notifications_of_an_assigned_artist(kitsu: Backend, production: dict[str, Any]) -> None:
    from kitsu_sdk import user

    artist, as_artist = kitsu.person("user", production["project"])
    the_task = production["shot_task"]
    task.assign_task(the_task, artist)
    comment = task.add_comment(the_task, production["wfa"], f"hello @{artist['full_name']}")
    assert comment["mentions"] == [artist["id"]]
    mine = user.all_notifications(client=as_artist)
    assert [(n["notification_type"], n["change"]) for n in mine] == [
        ("mention", False),
        ("comment", True),
        ("assignation", False),
    ]
    first = mine[0]
    assert first["comment_id"] == comment["id"] and first["task_id"] == the_task["id"]
    assert first["full_entity_name"] == "E01 / SQ01 / SH010"
    assert first["comment_text"] == comment["text"] and first["read"] is False
    assert first["project_name"] == production["project"]["name"]
    user.update_notification({"id": first["id"], "read": True}, client=as_artist)
    assert user.get_notification(first["id"], client=as_artist)["read"] is True
    user.mark_all_notifications_as_read(client=as_artist)
    assert all(n["read"] for n in user.all_notifications(client=as_artist))
    listed = task.all_notifications_for_project(production["project"])
    assert {n["person_id"] for n in listed} == {artist["id"]} and len(listed) == 3
