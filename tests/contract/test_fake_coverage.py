"""Every gazu-compatible public function, called on FakeKitsu, either works or raises
FakeKitsuUnsupported; anything else fails. The functions that raise FakeKitsuUnsupported are
listed in fake_unsupported.txt (one `module.name` a line): a function that starts or stops
working makes the test fail until the file is updated (UPDATE_FAKE_UNSUPPORTED=1 rewrites it).

Each function runs on its own copy of one seeded production (a project with a file tree, an
episode, sequence, shots, a scene, an asset, tasks, a comment with an uploaded preview, a
playlist, working and output files, an artist), with arguments built from its parameter names.
The sync functions copy to a second FakeKitsu (its own host); the event functions use the fake's
in-process event seam (run_client ends when a timer disconnects its socket).
"""

from __future__ import annotations

import copy
import csv
import datetime
import importlib
import inspect
import os
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Callable

import pytest
from contract_helpers import write_png

from kitsu_sdk import KitsuClient
from kitsu_sdk._client import default_client, set_default_client

HERE = Path(__file__).parent
SURFACE = HERE.parent / "data" / "gazu_surface.tsv"
EXPECTED = HERE / "fake_unsupported.txt"
PASSWORD = "coverage-Secret-1"

#: Parts of the surface not called here, with why.
SKIPPED_MODULES = {
    "cli": "commands of the `kitsu` program, not functions",
    "aio": "gazu.aio's primitives: the same operations through httpx, routed by the same seam",
}
EXCLUDED: dict[str, str] = {}


def _surface() -> list[tuple[str, str]]:
    with SURFACE.open() as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        (row["module"], row["name"])
        for row in rows
        if row["kind"] == "function" and row["module"] not in SKIPPED_MODULES
    ]


def _module(name: str) -> Any:
    return importlib.import_module("kitsu_sdk" if name == "(top level)" else f"kitsu_sdk.{name}")


# -- the seeded world -----------------------------------------------------------------------------

TREE: dict[str, Any] = {
    kind: {
        "mountpoint": "/mnt",
        "root": root,
        "folder_path": {
            "shot": "<Project>/<Sequence>/<Shot>/<TaskType>",
            "asset": "<Project>/<AssetType>/<Asset>/<TaskType>",
            "sequence": "<Project>/<Sequence>/<TaskType>",
            "scene": "<Project>/<Sequence>/<Scene>/<TaskType>",
            "episode": "<Project>/<Episode>/<TaskType>",
            "style": "lowercase",
        },
        "file_name": {
            "shot": "<Project>_<Shot>_<TaskType>_<Name>_v<Version>",
            "asset": "<Project>_<Asset>_<TaskType>_<Name>_v<Version>",
            "sequence": "<Project>_<Sequence>_<TaskType>_<Name>_v<Version>",
            "scene": "<Project>_<Scene>_<TaskType>_<Name>_v<Version>",
            "episode": "<Project>_<Episode>_<TaskType>_<Name>_v<Version>",
            "style": "lowercase",
        },
    }
    for kind, root in (("working", "prod"), ("output", "export"))
}


def _seed(client: KitsuClient, png: str) -> dict[str, Any]:
    from kitsu_sdk import asset, files, person, playlist, project, scene, shot, task

    c = {"client": client}
    w: dict[str, Any] = {}
    w["project"] = project.new_project("Coverage", "tvshow", **c)
    w["episode"] = shot.new_episode(w["project"], "E01", **c)
    w["sequence"] = shot.new_sequence(w["project"], "SQ01", episode=w["episode"], **c)
    w["shot"] = shot.new_shot(w["project"], w["sequence"], "SH010", frame_in=1, frame_out=24, **c)
    w["shot2"] = shot.new_shot(w["project"], w["sequence"], "SH020", **c)
    w["scene"] = scene.new_scene(w["project"], w["sequence"], "SC01", **c)
    w["asset_type"] = asset.get_asset_type_by_name("Character", **c)
    w["asset"] = asset.new_asset(w["project"], w["asset_type"], "Hero", **c)
    w["asset2"] = asset.new_asset(w["project"], w["asset_type"], "Villain", **c)
    w["task_type"] = task.get_task_type_by_name("Animation", for_entity="Shot", **c)
    w["asset_task_type"] = task.get_task_type_by_name("Modeling", for_entity="Asset", **c)
    edit_type = task.get_task_type_by_name("Edit", for_entity="Edit", **c)
    concept_type = task.get_task_type_by_name("Concept", for_entity="Concept", **c)
    every_type = [w["task_type"], w["asset_task_type"], edit_type, concept_type]
    for priority, task_type in enumerate(every_type, 1):
        project.add_task_type(w["project"], task_type, priority, **c)
    w["wfa"] = task.get_task_status_by_short_name("wfa", **c)
    w["department"] = person.get_department_by_name("Animation", **c)
    w["artist"] = person.new_person("Cover", "Artist", "artist@example.com", password=PASSWORD, **c)
    project.add_person_to_team(w["project"], w["artist"], **c)
    w["task"] = task.new_task(w["shot"], w["task_type"], assignees=[w["artist"]], **c)
    w["asset_task"] = task.new_task(w["asset"], w["asset_task_type"], **c)
    w["comment"] = task.add_comment(w["task"], w["wfa"], "first", **c)
    w["preview"] = task.add_preview(w["task"], w["comment"], png, **c)
    w["playlist"] = playlist.new_playlist(w["project"], "Dailies", episode=w["episode"], **c)
    w["playlist"] = playlist.add_entity_to_playlist(w["playlist"], w["shot"], **c)
    files.update_project_file_tree(w["project"], TREE, **c)
    w["software"] = files.new_software("Blender", "bl", ".blend", **c)
    w["output_type"] = files.new_output_type("Geometry", "geo", **c)
    w["working_file"] = files.new_working_file(w["task"], software=w["software"], **c)
    w["output_file"] = files.new_entity_output_file(
        w["shot"], w["output_type"], w["task_type"], "publish", **c
    )
    w["time_spent"] = task.set_time_spent(w["task"], w["artist"], "2024-03-04", 60, **c)
    w["reply"] = task.reply_to_comment(w["task"], w["comment"], "a reply", **c)
    _optional_rows(w, c, png)
    w["project"] = project.get_project(w["project"]["id"], **c)
    return w


MISSING = "_missing"
#: The ids of stand-ins, with why there is no real row.
STAND_INS: dict[str, str] = {}


def _stand_in_row(why: str) -> dict[str, Any]:
    row_id = str(uuid.uuid4())
    STAND_INS[row_id] = why
    return {"id": row_id, MISSING: why}


def _optional_rows(w: dict[str, Any], c: dict[str, Any], png: str) -> None:
    """Rows of what the fake may not model: a stand-in that says why when it cannot make one."""
    from kitsu_sdk import (
        casting,
        concept,
        edit,
        person,
        playlist,
        project,
        project_template,
        scene,
        task,
        user,
    )
    from kitsu_sdk import client as raw
    from kitsu_sdk.testing import FakeKitsuUnsupported

    makers: dict[str, Callable[[], Any]] = {
        "edit": lambda: edit.new_edit(w["project"], "Edit01", **c),
        "concept": lambda: concept.new_concept(w["project"], "Concept01", **c),
        "budget": lambda: project.create_budget(w["project"], "Budget", **c),
        "project_template": lambda: project_template.new_project_template("Template", **c),
        "asset_instance": lambda: scene.new_scene_asset_instance(w["scene"], w["asset"], **c),
        "metadata_descriptor": lambda: project.add_metadata_descriptor(
            w["project"], "Difficulty", "Asset", **c
        ),
        "day_off": lambda: person.new_day_off(w["artist"], "2024-05-01", "2024-05-02", **c),
        "bot": lambda: person.new_bot("Coverage Bot", "bot@example.com", **c),
        "filter": lambda: user.new_filter("Mine", "Hero", "asset", project=w["project"], **c),
        "filter_group": lambda: user.new_filter_group("Group", project=w["project"], **c),
        "entity_link": lambda: casting.cast_asset(w["project"], [w["shot"]], w["asset"], **c),
        "attachment_file": lambda: task.add_comment(
            w["task"], w["wfa"], "with a file", attachments=[png], **c
        )["attachment_files"][0],
        "build_job": lambda: playlist.build_playlist_movie(w["playlist"], **c),
        "notification": lambda: user.all_notifications(**c)[0],
        "studio": lambda: raw.create("studios", {"name": "Studio", "color": "#000000"}, **c),
        "organisation": lambda: person.get_organisation(**c),
        "background_file": lambda: raw.create(
            "preview-background-files", {"name": "Background", "extension": "hdr"}, **c
        ),
        "automation": lambda: raw.create(
            "status-automations",
            {
                "entity_type": "asset",
                "in_task_type_id": w["asset_task_type"]["id"],
                "in_task_status_id": w["wfa"]["id"],
                "out_field_type": "status",
                "out_task_type_id": w["asset_task_type"]["id"],
                "out_task_status_id": w["wfa"]["id"],
            },
            **c,
        ),
        "chat": lambda: user.all_chats(**c)[0],
    }
    for key, make in makers.items():
        try:
            made = make()
            if key == "entity_link":
                made = casting.all_entity_links_for_project(w["project"], **c)[0]
        except FakeKitsuUnsupported as error:
            made = _stand_in_row(f"{key}: {error}")
        except (IndexError, KeyError, TypeError):
            made = _stand_in_row(f"{key}: none exists")
        w[key] = made
    from kitsu_sdk import files

    for upload, owner in (
        (files.upload_project_avatar, w["project"]),
        (files.upload_person_avatar, w["artist"]),
        (files.upload_organisation_avatar, w["organisation"]),
    ):
        if MISSING not in owner:
            upload(owner, png, **c)
    if MISSING in w["budget"]:
        w["entry"] = _stand_in_row(f"budget entry: {w['budget'][MISSING]}")
    else:
        try:
            w["entry"] = project.create_budget_entry(w["project"], w["budget"], **c)
        except FakeKitsuUnsupported as error:
            w["entry"] = _stand_in_row(f"budget entry: {error}")


# -- arguments from parameter names ---------------------------------------------------------------


def _text_file(path: Path, text: str) -> str:
    path.write_text(text)
    return str(path)


def _response() -> Any:
    import requests

    response = requests.Response()
    response.status_code = 200
    response._content = b'{"message": "fine"}'
    return response


def _values(w: dict[str, Any], png: str, tmp: Path) -> dict[str, Any]:
    today = datetime.date.today().isoformat()
    return {
        "project": w["project"],
        "project_id": w["project"]["id"],
        "task": w["task"],
        "task_id": w["task"]["id"],
        "tasks": [w["task"]],
        "person": w["artist"],
        "person_id": w["artist"]["id"],
        "shot": w["shot"],
        "shot_id": w["shot"]["id"],
        "sequence": w["sequence"],
        "sequence_id": w["sequence"]["id"],
        "episode": w["episode"],
        "episode_id": w["episode"]["id"],
        "asset": w["asset"],
        "asset_id": w["asset"]["id"],
        "asset_to_instantiate": w["asset2"],
        "scene": w["scene"],
        "scene_id": w["scene"]["id"],
        "entity": w["shot"],
        "entity_id": w["shot"]["id"],
        "entities": [w["shot"]],
        "temporal_entity": w["shot"],
        "asset_type": w["asset_type"],
        "asset_type_id": w["asset_type"]["id"],
        "task_type": w["task_type"],
        "task_type_id": w["task_type"]["id"],
        "task_types": [w["task_type"]],
        "task_status": w["wfa"],
        "task_status_id": w["wfa"]["id"],
        "status_id": w["wfa"]["id"],
        "comment": w["comment"],
        "comment_id": w["comment"]["id"],
        "preview_file": w["preview"],
        "preview_file_id": w["preview"]["id"],
        "playlist": w["playlist"],
        "working_file": w["working_file"],
        "working_file_id": w["working_file"]["id"],
        "output_file": w["output_file"],
        "output_file_id": w["output_file"]["id"],
        "output_type": w["output_type"],
        "output_type_id": w["output_type"]["id"],
        "software": w["software"],
        "software_id": w["software"]["id"],
        "department": w["department"],
        "department_id": w["department"]["id"],
        "target_task": w["task"],
        "name": "coverage",
        "short_name": "cov",
        "color": "#123456",
        "text": "a reply",
        "data": {"coverage": True},
        "date": today,
        "start_date": today,
        "end_date": today,
        "year": datetime.date.today().year,
        "month": 1,
        "week": 1,
        "duration": 60,
        "priority": 1,
        "position": 1,
        "frame_number": 1,
        "file_path": png,
        "file_tree": TREE,
        "casting": [{"asset_id": w["asset"]["id"], "nb_occurences": 1}],
        "email": "someone@example.com",
        "password": PASSWORD,
        "first_name": "First",
        "last_name": "Last",
        "full_name": "Cover Artist",
        "desktop_login": "cover",
        "role": "user",
        "id": w["artist"]["id"],
        "path": "data/projects",
        "model_name": "projects",
        "comments_data": {"task_status_id": w["wfa"]["id"], "comment": "batch"},
        "url": "https://example.com/x.png",
        "file_extension": ".blend",
        "entity_type": w["asset_type"],
        "event_name": "task:new",
        "event_handler": lambda data: None,
        "params": {},
        "query": "Hero",
        "list_type": "asset",
        "key": "x",
        "host": "",
        "new_host": "",
        "token": "not-a-token",
        "edit": w["edit"],
        "edit_id": w["edit"]["id"],
        "concept": w["concept"],
        "concept_id": w["concept"]["id"],
        "budget": w["budget"],
        "project_template": w["project_template"],
        "project_template_id": w["project_template"]["id"],
        "asset_instance": w["asset_instance"],
        "asset_instance_id": w["asset_instance"]["id"],
        "metadata_descriptor": w["metadata_descriptor"],
        "metadata_descriptor_id": w["metadata_descriptor"]["id"],
        "descriptor_ids": [w["metadata_descriptor"]["id"]],
        "descriptors": [w["metadata_descriptor"]],
        "day_off": w["day_off"],
        "day_off_id": w["day_off"]["id"],
        "bot": w["bot"],
        "filter": w["filter"],
        "filter_group": w["filter_group"],
        "entity_link": w["entity_link"],
        "attachment_file": w["attachment_file"],
        "attachment_file_id": w["attachment_file"]["id"],
        "build_job": w["build_job"],
        "notification": w["notification"],
        "studio": w["studio"],
        "studio_id": w["studio"]["id"],
        "organisation": w["organisation"],
        "background_file": w["background_file"],
        "preview_background_file": w["background_file"],
        "automation": w["automation"],
        "status_automation": w["automation"],
        "chat": w["chat"],
        "time_spent": w["time_spent"],
        "reply": w["reply"],
        "task_type_name": "Animation",
        "task_type_short_name": "anim",
        "task_status_short_name": "wfa",
        "software_name": "Blender",
        "output_type_name": "Geometry",
        "shot_name": "SH010",
        "sequence_name": "SQ01",
        "episode_name": "E01",
        "scene_name": "SC01",
        "edit_name": "Edit01",
        "concept_name": "Concept01",
        "studio_name": "Studio",
        "project_name": "Coverage",
        "project_status_name": "Open",
        "entity_name": "Hero",
        "entity_type_name": "Character",
        "entity_type_id": w["asset_type"]["id"],
        "field_name": "difficulty",
        "date_text": "2024-01-01",
        "filename": "a picture?.png",
        "model_parameter": w["shot"],
        "dicts": [{"name": "b"}, {"name": "a"}],
        "ids": [w["shot"]["id"]],
        "model_map": {w["shot"]["id"]: "x"},
        "message_json": {"message": "x"},
        "new_tokens": {},
        "source_list": [w["shot"]],
        "target_list": [w["shot2"]],
        "source_model": w["shot"],
        "target_model": w["shot2"],
        "links": [],
        "csv_file_path": _text_file(tmp / "rows.csv", "Name,Description\nHero,the hero\n"),
        "otio_file_path": _text_file(tmp / "edit.otio", "{}"),
        "entry": w["entry"],
        "request": _response(),
        "response": _response(),
        "function": lambda: 1,
        "args": (),
        "kwargs": {},
        "cache_store": {"x": {"date_accessed": datetime.datetime.now(), "value": 1}},
        "memo": {"x": {"date_accessed": datetime.datetime.now(), "value": 1}},
        "state": {"enabled": True, "expire": 120},
        "maxsize": 1,
        "model_id": w["project"]["id"],
        "tmp": tmp,
    }


Builder = Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]


def _disposable(kind: str) -> Builder:
    """For removals: a fresh row nothing refers to (the seeded ones are referred to)."""

    def build(v: dict[str, Any], w: dict[str, Any]) -> dict[str, Any]:
        from kitsu_sdk import asset, person, project, shot, task

        if kind == "asset_type":
            return {"asset_type": asset.new_asset_type("Disposable")}
        if kind == "entity_type":
            return {"entity_type": asset.new_asset_type("Disposable")}
        if kind == "entity":
            return {"entity": asset.new_asset(w["project"], w["asset_type"], "Disposable")}
        if kind == "department":
            return {"department": person.new_department("Disposable")}
        if kind == "person":
            return {"person": person.new_person("Dis", "Posable", "disposable@example.com")}
        if kind == "project":
            made = project.new_project("Disposable")
            project.close_project(made)
            return {"project": made}
        if kind == "episode":
            return {"episode": shot.new_episode(w["project"], "E99")}
        if kind == "sequence":
            return {"sequence": shot.new_sequence(w["project"], "SQ99", episode=w["episode"])}
        if kind == "task_status":
            return {"task_status": task.new_task_status("Disposable", "dsp", "#000000")}
        if kind == "task_type":
            return {"task_type": task.new_task_type("Disposable")}
        raise AssertionError(kind)

    return build


def _move_comment(v: dict[str, Any], w: dict[str, Any]) -> dict[str, Any]:
    from kitsu_sdk import task

    layout = task.get_task_type_by_name("Layout", for_entity="Shot")
    comment = task.add_comment(w["task"], w["wfa"], "to move")
    return {"task": w["task"], "comment": comment, "target_task": task.new_task(w["shot"], layout)}


def _delete_attachment(v: dict[str, Any], w: dict[str, Any]) -> dict[str, Any]:
    from kitsu_sdk import task

    comment = task.add_comment(w["task"], w["wfa"], "attached", attachments=[v["file_path"]])
    attachment = comment["attachment_files"][0]
    return {"task": w["task"], "comment": comment, "attachment_file": attachment}


def _remove_share_link(v: dict[str, Any], w: dict[str, Any]) -> dict[str, Any]:
    from kitsu_sdk import playlist

    link = playlist.new_share_link(w["playlist"])
    return {"playlist": w["playlist"], "token": link["token"]}


def _download_working_file(v: dict[str, Any], w: dict[str, Any]) -> dict[str, Any]:
    from kitsu_sdk import files

    files.upload_working_file(w["working_file"], v["file_path"])
    return {"working_file": w["working_file"], "file_path": str(v["tmp"] / "working.bin")}


def _task_type(name: str, for_entity: str) -> Any:
    from kitsu_sdk import task

    return task.get_task_type_by_name(name, for_entity=for_entity)


def _event_client(v: dict[str, Any], w: dict[str, Any]) -> Any:
    """A socket from events.init on the fake's event seam, disconnected after the call."""
    from kitsu_sdk import events

    socket = events.init()
    v["cleanups"].append(socket.disconnect)
    return socket


def _ending_event_client(v: dict[str, Any], w: dict[str, Any]) -> Any:
    """For run_client, which blocks until the connection ends: a socket a timer disconnects."""
    socket = _event_client(v, w)
    timer = threading.Timer(0.2, socket.disconnect)
    timer.start()
    v["cleanups"].append(timer.cancel)
    return socket


def _sync_pair(v: dict[str, Any], w: dict[str, Any]) -> dict[str, Any]:
    """A second FakeKitsu (its own host) as the target of the sync functions: a project named as
    the source's with its task types and the artist (matched by e-mail); for the comment pushes,
    the source's entities and tasks pushed to it first. Made once per call, stopped after it."""
    if "sync" in v:
        return dict(v["sync"])
    from kitsu_sdk import person, project, sync, task
    from kitsu_sdk.testing import FakeKitsu

    target = FakeKitsu()
    target.start()
    v["cleanups"].append(target.stop)
    source_client = default_client()
    c = {"client": target.client}
    made = project.new_project(w["project"]["name"], "tvshow", **c)
    for priority, name in enumerate(["Animation", "Modeling", "Edit", "Concept"], 1):
        project.add_task_type(made, task.get_task_type_by_name(name, **c), priority, **c)
    artist = w["artist"]
    person.new_person(artist["first_name"], artist["last_name"], artist["email"], **c)
    v["sync"] = {
        "target": target,
        "source_client": source_client,
        "client_source": source_client,
        "target_client": target.client,
        "client_target": target.client,
        "project_source": w["project"],
        "project_target": made,
        "default_status": task.get_task_status_by_short_name("todo", **c),
        "task_status_map": sync.get_sync_task_status_id_map(source_client, target.client),
        "person_map": sync.get_sync_person_id_map(source_client, target.client),
    }
    return dict(v["sync"])


def _copy_tasks(source: Any, pair: dict[str, Any]) -> None:
    """The source project's entities and tasks, same ids, into the target's project (its types
    and people by name, every task at the default status), as push_project_entities and
    push_tasks would make them: what the comment pushes need, without calling those."""
    target = pair["target"]
    project_id = pair["project_source"]["id"]

    def same(table: str, row_id: Any, key: str) -> Any:
        row = source.store.get(table, row_id)
        found = row and target.store.first(table, **{key: row[key]})
        return found["id"] if found else None

    for table in ("entities", "tasks"):
        for row in source.store.find(table, project_id=project_id):
            copied = {**copy.deepcopy(row), "project_id": pair["project_target"]["id"]}
            if table == "entities":
                copied["entity_type_id"] = same("entity-types", row["entity_type_id"], "name")
            else:
                copied["task_type_id"] = same("task-types", row["task_type_id"], "name")
                copied["task_status_id"] = pair["default_status"]["id"]
                copied["assignees"] = [same("persons", a, "email") for a in row["assignees"]]
            target.store.insert(table, copied)


def _sync(*names: str, tasks_pushed: bool = False) -> Builder:
    """These arguments of a sync function from _sync_pair (with tasks on the target or not)."""

    def build(v: dict[str, Any], w: dict[str, Any]) -> dict[str, Any]:
        pair = _sync_pair(v, w)
        if tasks_pushed:
            _copy_tasks(v["fake"], pair)
        return {name: pair[name] for name in names}

    return build


def _with(**extra: Any) -> Builder:
    """The arguments from the names, plus these (a callable value gets the values and world)."""

    def build(v: dict[str, Any], w: dict[str, Any]) -> dict[str, Any]:
        return {k: (e(v, w) if callable(e) else e) for k, e in extra.items()}

    return build


#: Arguments for a function that the names alone do not give (module.name -> kwargs builder);
#: `_with` adds to (or replaces) what the names give.
OVERRIDES: dict[str, Builder] = {
    "asset.remove_asset_type": _disposable("asset_type"),
    "entity.remove_entity_type": _disposable("entity_type"),
    "entity.remove_entity": _disposable("entity"),
    "person.remove_department": _disposable("department"),
    "person.remove_person": _disposable("person"),
    "project.remove_project": _disposable("project"),
    "shot.remove_episode": _disposable("episode"),
    "shot.remove_sequence": _disposable("sequence"),
    "task.remove_task_status": _disposable("task_status"),
    "task.remove_task_type": _disposable("task_type"),
    "task.move_comment_to_task": _move_comment,
    "task.delete_comment_attachment": _delete_attachment,
    "playlist.remove_share_link": _remove_share_link,
    "files.download_working_file": _download_working_file,
}
EXTRA: dict[str, Builder] = {
    "(top level).log_in": _with(
        email=lambda v, w: v["admin_email"], password=lambda v, w: v["admin_password"]
    ),
    "task.create_asset_tasks": _with(task_types=lambda v, w: [w["asset_task_type"]]),
    "client.create": _with(model_name="projects", data={"name": "Created"}),
    "client.post": _with(path="data/projects", data={"name": "Posted"}),
    "client.fetch_all": _with(path="projects"),
    "client.fetch_first": _with(path="projects"),
    "client.put": _with(
        path=lambda v, w: f"data/projects/{w['project']['id']}", data={"description": "put"}
    ),
    "client.delete": _with(
        path=lambda v, w: f"data/time-spents/{w['time_spent']['id']}",
    ),
    "client.fetch_one": _with(model_name="projects", id=lambda v, w: w["project"]["id"]),
    "client.update": _with(model_name="projects", data={"description": "updated"}),
    "client.upload": _with(
        path=lambda v, w: f"pictures/preview-files/{w['preview']['id']}",
        file_path=lambda v, w: v["file_path"],
    ),
    "client.set_tokens": _with(new_tokens=lambda v, w: dict(default_client().tokens)),
    "sync.get_link_list_diff": _with(source_list=[], target_list=[]),
    "task.add_attachment_files_to_comment": _with(attachments=lambda v, w: [v["file_path"]]),
    "events.connect_error": _with(data="a refused connection (logged as an error)"),
    "task.create_concept_tasks": _with(
        task_types=lambda v, w: [_task_type("Concept", "Concept")],
    ),
    "task.create_edit_tasks": _with(
        task_types=lambda v, w: [_task_type("Edit", "Edit")],
    ),
    "files.get_file_status": _with(status_id=lambda v, w: w["output_file"]["file_status_id"]),
    "project.add_metadata_descriptor": _with(entity_type="Asset"),
    "project.reorder_metadata_descriptors": _with(entity_type="Asset"),
    "task.add_preview": _with(preview_file_path=lambda v, w: v["file_path"]),
    "task.add_extra_preview": _with(preview_file_path=lambda v, w: v["file_path"]),
    "task.publish_preview": _with(preview_file_path=lambda v, w: v["file_path"]),
    "(top level).set_host": _with(url=lambda v, w: v["host"]),
    "(top level).set_event_host": _with(url=lambda v, w: v["event_host"]),
    "client.set_event_host": _with(new_host=lambda v, w: v["event_host"]),
    "(top level).create_session": _with(
        email=lambda v, w: v["admin_email"], password=lambda v, w: v["admin_password"]
    ),
    "events.add_listener": _with(event_client=_event_client),
    "events.run_client": _with(event_client=_ending_event_client),
    **{
        f"sync.get_sync_{kind}_id_map": _sync("source_client", "target_client")
        for kind in ("asset_type", "department", "person", "project", "task_status", "task_type")
    },
    **{
        f"sync.push_{kind}": _sync(
            "project_source", "project_target", "client_source", "client_target"
        )
        for kind in ("assets", "entity_links", "episodes", "project_entities", "sequences", "shots")
    },  # fmt: skip
    "sync.push_tasks": _sync(
        "project_source", "project_target", "default_status", "client_source", "client_target"
    ),
    "sync.push_tasks_comments": _sync(
        "project_source", "client_source", "client_target", tasks_pushed=True
    ),
    "sync.push_task_comments": _sync(
        "task_status_map", "person_map", "client_source", "client_target", tasks_pushed=True
    ),
    "sync.push_task_comment": _sync(
        "task_status_map", "person_map", "client_source", "client_target", tasks_pushed=True
    ),
    "helpers.download_file": _with(
        url=lambda v, w: f"{v['host']}/pictures/originals/preview-files/{w['preview']['id']}.png",
        file_path=lambda v, w: str(v["tmp"] / "downloaded.png"),
        headers=lambda v, w: default_client().make_auth_header(),
    ),
}


#: What to end with the value a function returns (module.name -> called with it after the call).
RESULT_CLEANUPS: dict[str, Callable[[Any], Any]] = {
    "events.init": lambda socket: socket.disconnect(),
}


def _kwargs(function: Any, qualified: str, values: dict[str, Any], w: dict[str, Any]) -> Any:
    if qualified in OVERRIDES:
        return OVERRIDES[qualified](values, w)
    if qualified.startswith("files."):  # there `comment` is a text
        values = {**values, "comment": "a comment"}
    extra = EXTRA[qualified](values, w) if qualified in EXTRA else {}
    kwargs: dict[str, Any] = dict(extra)
    for parameter in inspect.signature(function).parameters.values():
        if parameter.default is not inspect.Parameter.empty:
            continue
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        if parameter.name in extra:
            continue
        if parameter.name not in values:
            return f"no argument for {parameter.name!r}"
        kwargs[parameter.name] = values[parameter.name]
    return kwargs


# -- the run ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    from kitsu_sdk.testing import FakeKitsu

    tmp = tmp_path_factory.mktemp("coverage")
    png = write_png(tmp / "seed.png")
    fake = FakeKitsu()
    with fake:
        client = KitsuClient(fake.host)
        client.log_in(fake.admin_email, fake.admin_password)
        world = _seed(client, png)
        snapshot = {
            "tables": copy.deepcopy(fake.store.tables),
            "blobs": dict(fake.store.blobs),
            "passwords": dict(fake.passwords),
            "events": copy.deepcopy(fake.events),
        }
    yield {"host": fake.host, "world": world, "snapshot": snapshot, "tmp": tmp}


def _stand_in(value: Any) -> str:
    """Why an argument (or an item of one) is a stand-in, or ""."""
    if isinstance(value, dict):
        if MISSING in value:
            return str(value[MISSING])
        return next((why for why in map(_stand_in, value.values()) if why), "")
    if isinstance(value, (list, tuple)):
        return next((why for why in map(_stand_in, value) if why), "")
    if isinstance(value, str):
        return STAND_INS.get(value, "")
    return ""


def _classify(seeded: dict[str, Any], module_name: str, name: str) -> tuple[str, str]:
    from kitsu_sdk.testing import FakeKitsu, FakeKitsuUnsupported

    qualified = f"{module_name}.{name}"
    snapshot = seeded["snapshot"]
    fake = FakeKitsu(seeded["host"], seed=False)
    fake.store.tables = copy.deepcopy(snapshot["tables"])
    fake.store.blobs = dict(snapshot["blobs"])
    fake.passwords = dict(snapshot["passwords"])
    fake.events = copy.deepcopy(snapshot["events"])
    fake.admin = fake.store.first("persons", email=fake.admin_email)
    tmp: Path = seeded["tmp"] / name
    tmp.mkdir(exist_ok=True)
    png = write_png(tmp / "picture.png")
    previous = default_client()
    values: dict[str, Any] = {"cleanups": []}  # what a builder started, ended after the call
    with fake:
        client = KitsuClient(fake.host)
        client.set_event_host(fake.event_host)
        client.log_in(fake.admin_email, fake.admin_password)
        set_default_client(client)
        try:
            function = getattr(_module(module_name), name)
            values.update(_values(seeded["world"], png, tmp))
            values["host"] = values["new_host"] = fake.host
            values["event_host"], values["fake"] = fake.event_host, fake
            values["admin_email"], values["admin_password"] = fake.admin_email, fake.admin_password
            kwargs = _kwargs(function, qualified, values, seeded["world"])
            if isinstance(kwargs, str):
                return "error", kwargs
            returned = function(**kwargs)
            if qualified in RESULT_CLEANUPS:
                RESULT_CLEANUPS[qualified](returned)
        except FakeKitsuUnsupported as error:
            return "unsupported", str(error)
        except Exception as error:  # noqa: BLE001 - classified and reported
            missing = _stand_in(kwargs)
            if missing:  # an argument is a stand-in for what the fake cannot make
                return "unsupported", f"needs {missing}"
            return "error", f"{type(error).__name__}: {error}"
        finally:
            for cleanup in reversed(values["cleanups"]):
                cleanup()
            set_default_client(previous)
    return "works", ""


def test_every_public_function_works_or_is_unsupported(
    seeded: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    results: dict[str, tuple[str, str]] = {}
    for module_name, name in _surface():
        qualified = f"{module_name}.{name}"
        if qualified in EXCLUDED:
            continue
        results[qualified] = _classify(seeded, module_name, name)
    works = sorted(q for q, (kind, _) in results.items() if kind == "works")
    unsupported = sorted(q for q, (kind, _) in results.items() if kind == "unsupported")
    errors = {q: why for q, (kind, why) in results.items() if kind == "error"}
    report = seeded["tmp"] / "fake_coverage.tsv"
    report.write_text(
        "function\tresult\twhy\n"
        + "".join(f"{q}\t{kind}\t{why}\n" for q, (kind, why) in sorted(results.items()))
        + "".join(f"{q}\texcluded\t{why}\n" for q, why in sorted(EXCLUDED.items()))
    )
    with capsys.disabled():
        print(
            f"\n[fake coverage] {len(results)} functions called, {len(EXCLUDED)} excluded: "
            f"{len(works)} work, {len(unsupported)} raise FakeKitsuUnsupported, "
            f"{len(errors)} fail otherwise; every result with why: {report}"
        )
    if os.environ.get("UPDATE_FAKE_UNSUPPORTED"):
        EXPECTED.write_text("".join(f"{q}\n" for q in unsupported))
    assert not errors, "functions failing otherwise than FakeKitsuUnsupported:\n" + "\n".join(
        f"  {q}: {why[:300]}" for q, why in sorted(errors.items())
    )
    expected = [line for line in EXPECTED.read_text().splitlines() if line.strip()]
    started = sorted(set(expected) - set(unsupported))
    stopped = sorted(set(unsupported) - set(expected))
    assert not started and not stopped, (
        f"{EXPECTED.name} is out of date (UPDATE_FAKE_UNSUPPORTED=1 rewrites it):\n"
        f"  now working: {started}\n  now unsupported: {stopped}"
    )


def test_excluded_functions_exist_and_say_why() -> None:
    surface = {f"{m}.{n}" for m, n in _surface()}
    for qualified, why in EXCLUDED.items():
        assert qualified in surface, qualified
        assert why.strip()
