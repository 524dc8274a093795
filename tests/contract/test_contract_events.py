"""Events: a listener receives what a change emits; the stored log serves it back."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any, Callable

from contract_backend import Backend
from contract_helpers import write_png

from kitsu_sdk import events, shot, task
from kitsu_sdk.events import EventListener


def wait_for(predicate: Callable[[], bool], timeout: float = 15.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.01)


def test_listener_receives_task_status_changed(kitsu: Backend, production: dict[str, Any]) -> None:
    the_task = production["shot_task"]
    listener = EventListener(kitsu.client, project=production["project"], catch_up=False)
    changed: list[dict[str, Any]] = []
    comments: list[dict[str, Any]] = []
    lock = threading.Lock()

    def on_changed(data: dict[str, Any]) -> None:
        with lock:
            changed.append(data)

    listener.on("task:status-changed", on_changed)
    listener.on("comment:new", comments.append)
    with listener:
        assert listener.connected
        before = task.get_task(the_task["id"])["task_status_id"]
        comment = task.add_comment(the_task, production["wfa"], "to review")
        wait_for(lambda: len(changed) == 1 and len(comments) == 1, what="the events")
    got = changed[0]
    assert got["task_id"] == the_task["id"]
    assert got["new_task_status_id"] == production["wfa"]["id"]
    assert got["previous_task_status_id"] == before
    assert got["project_id"] == production["project"]["id"]
    assert comments[0]["comment_id"] == comment["id"]
    assert comments[0]["task_id"] == the_task["id"]


def test_same_status_comment_does_not_change_status(
    kitsu: Backend, production: dict[str, Any]
) -> None:
    the_task = production["shot_task"]
    current = task.get_task_status(task.get_task(the_task["id"])["task_status_id"])
    task.add_comment(the_task, current, "no change")
    stored = events.get_last_events(limit=50, project=production["project"])
    assert not [
        e
        for e in stored
        if e["name"] == "task:status-changed" and e["data"]["task_id"] == the_task["id"]
    ]
    assert [e for e in stored if e["name"] == "comment:new"]


def test_get_last_events_returns_the_status_change(
    kitsu: Backend, production: dict[str, Any]
) -> None:
    the_task = production["shot_task"]
    task.add_comment(the_task, production["wfa"], "review")
    stored = events.get_last_events(limit=20, project=production["project"])
    assert all({"id", "created_at", "name", "data"} <= set(e) for e in stored)
    changes = [e for e in stored if e["name"] == "task:status-changed"]
    assert len(changes) == 1
    assert changes[0]["data"]["task_id"] == the_task["id"]
    assert changes[0]["data"]["new_task_status_id"] == production["wfa"]["id"]
    assert changes[0]["project_id"] == production["project"]["id"]
    only = events.get_last_events(limit=20, project=production["project"], name="task:new")
    assert {e["data"]["task_id"] for e in only} == {
        production["shot_task"]["id"],
        production["asset_task"]["id"],
    }


def test_creations_are_logged_newest_first(kitsu: Backend, project: dict[str, Any]) -> None:
    episode = shot.new_episode(project, "E01")
    sequence = shot.new_sequence(project, "SQ01", episode=episode)
    stored = events.get_last_events(limit=20, project=project)
    names = [e["name"] for e in stored]
    assert names.index("sequence:new") < names.index("episode:new")
    seq_event = stored[names.index("sequence:new")]
    assert seq_event["data"]["sequence_id"] == sequence["id"]


#: What Zou 1.0.97 stores for the pipeline of test_a_pipeline_emits_what_zou_emits: event name ->
#: payload keys (read on the real server).
PIPELINE_EVENTS = {
    "comment:new": [
        "comment_id", "for_client", "person_id", "project_id", "task_id", "task_status_id",
    ],
    "comment:update": ["comment_id", "for_client", "person_id", "project_id", "task_id"],
    "news:new": ["news_id", "project_id", "task_status_id", "task_type_id"],
    "playlist:add_entity": ["entity_id", "playlist_id", "preview_file_id", "project_id"],
    "playlist:new": ["playlist_id", "project_id"],
    "preview-file:add-file": [
        "comment_id", "extension", "preview_file_id", "project_id", "revision", "status", "task_id",
    ],
    "preview-file:new": ["comment_id", "preview_file_id", "project_id"],
    "preview-file:set-main": ["entity_id", "preview_file_id", "preview_file_status", "project_id"],
    "preview-file:update": ["preview_file_id", "project_id", "status"],
    "shot:update": ["project_id", "shot_id"],
    "task:assign": ["person_id", "project_id", "task_id"],
    "task:new": ["project_id", "task_id"],
    "task:status-changed": [
        "new_task_status_id", "person_id", "previous_task_status_id", "project_id", "task_id",
    ],
    "task:to-review": [
        "comment_id", "new_task_status_id", "person_id", "previous_task_status_id", "project_id",
        "task_id",
    ],
    "task:update": ["project_id", "task_id"],
}  # fmt: skip


def test_a_pipeline_emits_what_zou_emits(
    kitsu: Backend, production: dict[str, Any], tmp_path: Path
) -> None:
    from kitsu_sdk import playlist

    start = events.get_last_events(limit=1)
    after = start[0]["created_at"] if start else None
    artist, _ = kitsu.person("user", production["project"])
    the_task = task.new_task(production["shot2"], production["shot_task_type"])
    task.assign_task(the_task, artist)
    comment = task.add_comment(the_task, production["wfa"], "look")
    preview = task.add_preview(the_task, comment, write_png(tmp_path / "p.png"))
    task.set_main_preview(preview)
    made = playlist.new_playlist(production["project"], "Events", episode=production["episode"])
    playlist.add_entity_to_playlist(made, production["shot2"])
    stored = events.get_last_events(limit=200, project=production["project"], after=after)
    ours = [e for e in stored if e["name"] in PIPELINE_EVENTS]
    keys = {e["name"]: sorted(e["data"]) for e in ours}
    assert keys == PIPELINE_EVENTS
    assert all(e["data"]["project_id"] == production["project"]["id"] for e in ours)
