"""The data the parity cases run on, built with kitsu_sdk's admin client and raw routes only (none
of the family modules under comparison), and removed at the end.

- the shared production (read cases): a TV show with two episodes, sequences, shots, a scene, asset
  types, assets, asset instances, casting, task types and statuses, tasks assigned to two people,
  comments (with a reply, an attachment, a checklist), an image and a movie preview, a playlist,
  metadata descriptors, a concept, an edit, working and output files, a budget, time spent, a
  day off, a subscription, a notification, and a few studio-wide things (a department, a studio,
  a project template, an output type, a software, a file status);
- one sandbox per library (write cases): a smaller project of the same shape that only that
  library changes.

Every value is a plain Zou dict; cases name them with placeholders ("{shots.0}", "{sbx.task}").
"""

from __future__ import annotations

import os
import pathlib
import struct
import subprocess
import zlib
from collections.abc import Iterable
from typing import Any, Callable, Optional

from cases import PROVIDED

from kitsu_sdk import KitsuClient

DAY = "2024-03-05"
MISSING_ID = "00000000-0000-4000-8000-000000000000"
PASSWORD = "parity-Secret-2024"
#: Where working and output files of the parity projects go (Zou builds their paths from it).
FILE_TREE: dict[str, Any] = {
    kind: {
        "mountpoint": "/parity",
        "root": root,
        "folder_path": {
            "shot": "<Project>/shots/<Sequence>/<Shot>/<TaskType>",
            "asset": "<Project>/assets/<AssetType>/<Asset>/<TaskType>",
            "sequence": "<Project>/sequences/<Sequence>/<TaskType>",
            "scene": "<Project>/scenes/<Sequence>/<Scene>/<TaskType>",
            "episode": "<Project>/episodes/<Episode>/<TaskType>",
            "instance": "<Project>/<TemporalEntity>/<TaskType>/<Asset>/<Instance.number>",
            "style": "lowercase",
        },
        "file_name": {
            "shot": "<Project>_<Sequence>_<Shot>_<TaskType>_<Name>_v<Version>",
            "asset": "<Project>_<AssetType>_<Asset>_<TaskType>_<Name>_v<Version>",
            "sequence": "<Project>_<Sequence>_<TaskType>_<Name>_v<Version>",
            "scene": "<Project>_<Scene>_<TaskType>_<Name>_v<Version>",
            "episode": "<Project>_<Episode>_<TaskType>_<Name>_v<Version>",
            "instance": "<Project>_<TemporalEntity>_<Asset>_<Name>_v<Version>",
            "style": "lowercase",
        },
    }
    for kind, root in (("working", "work"), ("output", "export"), ("preview", "previews"))
}


def write_png(path: pathlib.Path, rgb: tuple[int, int, int] = (200, 40, 40)) -> pathlib.Path:
    """A valid 64x48 RGB PNG, written without any imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    rows = b"".join(b"\x00" + bytes(rgb) * 64 for _ in range(48))
    header = struct.pack(">IIBBBBB", 64, 48, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    return path


def write_movie(path: pathlib.Path) -> Optional[pathlib.Path]:
    """A one-second H.264 clip with sound, or None without ffmpeg."""
    try:
        subprocess.run(
            [
                "ffmpeg", "-y", "-loglevel", "error",
                "-f", "lavfi", "-i", "testsrc=size=160x120:rate=24",
                "-f", "lavfi", "-i", "sine=frequency=440",
                "-t", "1", "-c:v", "libx264", "-bf", "0", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-shortest", str(path),
            ],
            check=True,
            timeout=60,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    return path


def write_media(folder: pathlib.Path) -> dict[str, str]:
    """The files cases upload: {"png", "png2", "movie", "text", "csv_shots", "csv_assets",
    "edl"}."""
    folder.mkdir(parents=True, exist_ok=True)
    media = {
        "png": str(write_png(folder / "red.png")),
        "png2": str(write_png(folder / "blue.png", (40, 40, 200))),
    }
    (folder / "notes.txt").write_text("parity attachment\n")
    media["text"] = str(folder / "notes.txt")
    (folder / "shots.csv").write_text(
        "Episode,Sequence,Name,Description,Nb Frames\nE01,SQ01,SH900,imported,12\n"
    )
    media["csv_shots"] = str(folder / "shots.csv")
    (folder / "assets.csv").write_text("Episode,Type,Name,Description\n,Prop,Lamp,imported\n")
    (folder / "cut.edl").write_text(
        "TITLE: parity\nFCM: NON-DROP FRAME\n\n"
        "001  AX       V     C        00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n"
        "* FROM CLIP NAME: otio_SQ01-SH777\n\n"
        "002  AX       V     C        00:00:00:00 00:00:02:00 01:00:01:00 01:00:03:00\n"
        "* FROM CLIP NAME: otio_SQ01-SH778\n"
    )
    media["edl"] = str(folder / "cut.edl")
    media["csv_assets"] = str(folder / "assets.csv")
    movie = write_movie(folder / "clip.mp4")
    media["movie"] = str(movie) if movie else media["png"]
    return media


class Builder:
    """Creates data through `client` and remembers what to remove afterwards."""

    def __init__(self, client: KitsuClient, run: str, media: dict[str, str]) -> None:
        self.client = client
        self.run = run
        self.media = media
        self.cleanup: list[Callable[[], Any]] = []

    # -- small helpers ----------------------------------------------------------------------
    def post(self, path: str, data: Any = None) -> Any:
        return self.client.post(path, data if data is not None else {})

    def first(self, path: str, **params: Any) -> dict[str, Any]:
        found = self.client.get(path, params=params)
        if not found:
            raise LookupError(f"{path} {params}: nothing found on this Zou")
        return dict(found[0])

    def global_row(self, model: str, data: dict[str, Any]) -> dict[str, Any]:
        """A studio-wide row, removed at the end."""
        row: dict[str, Any] = self.post(f"data/{model}", data)
        self.cleanup.append(
            lambda: self.client.delete(f"data/{model}/{row['id']}", params={"force": True})
        )
        return row

    # -- studio-wide things -----------------------------------------------------------------
    def studio(self) -> dict[str, Any]:
        run = self.run
        statuses = {
            key: self.first("data/task-status", short_name=key)
            for key in ("todo", "wip", "wfa", "done", "retake")
        }
        task_types = {
            "layout": self.first("data/task-types", name="Layout", for_entity="Shot"),
            "animation": self.first("data/task-types", name="Animation", for_entity="Shot"),
            "modeling": self.first("data/task-types", name="Modeling", for_entity="Asset"),
            "rigging": self.first("data/task-types", name="Rigging", for_entity="Asset"),
            "concept": self.first("data/task-types", name="Concept", for_entity="Concept"),
            "edit": self.first("data/task-types", name="Edit", for_entity="Edit"),
        }
        task_types["sequence"] = self.global_row(
            "task-types",
            {
                "name": f"Seq-{run}",
                "short_name": "psq",
                "for_entity": "Sequence",
                "color": "#112233",
            },
        )
        task_types["scene"] = self.global_row(
            "task-types",
            {
                "name": f"Scene-{run}",
                "short_name": "psc",
                "for_entity": "Scene",
                "color": "#223344",
            },
        )
        task_types["episode"] = self.global_row(
            "task-types",
            {"name": f"Ep-{run}", "short_name": "pep", "for_entity": "Episode", "color": "#334455"},
        )
        asset_types = {
            "character": self.first("data/asset-types", name="Character"),
            "prop": self.first("data/asset-types", name="Prop"),
        }
        department = self.global_row("departments", {"name": f"Dep-{run}", "color": "#445566"})
        person = self.post(
            "data/persons",
            {
                "first_name": "Parity",
                "last_name": f"Artist-{run}",
                "email": f"parity-{run}@example.com",
                "password": PASSWORD,
                "role": "manager",
                "desktop_login": f"parity-{run}",
                "departments": [department["id"]],
            },
        )
        self.cleanup.append(
            lambda: self.client.delete(f"data/persons/{person['id']}", params={"force": True})
        )
        admin = self.client.get("auth/authenticated")["user"]
        output_type = self.global_row("output-types", {"name": f"OT-{run}", "short_name": "ot"})
        software = self.global_row(
            "softwares", {"name": f"Soft-{run}", "short_name": "sft", "file_extension": "sft"}
        )
        file_status = self.global_row("file-status", {"name": f"FS-{run}", "color": "#556677"})
        studio = self.global_row("studios", {"name": f"Studio-{run}", "color": "#667788"})
        template = self.global_row(
            "project-templates", {"name": f"Template-{run}", "description": "parity"}
        )
        automation = self.global_row(
            "status-automations",
            {
                "entity_type": "asset",
                "in_task_type_id": task_types["modeling"]["id"],
                "in_task_status_id": statuses["done"]["id"],
                "out_field_type": "status",
                "out_task_type_id": task_types["rigging"]["id"],
                "out_task_status_id": statuses["todo"]["id"],
            },
        )
        background = self.global_row(
            "preview-background-files",
            {"name": f"BG-{run}", "original_name": "studio", "extension": "hdr"},
        )
        return {
            "statuses": statuses,
            "task_types": task_types,
            "asset_types": asset_types,
            "department": department,
            "person": person,
            "admin": admin,
            "output_type": output_type,
            "software": software,
            "file_status": file_status,
            "studio": studio,
            "project_template": template,
            "status_automation": automation,
            "background": background,
            "file_tree": FILE_TREE,
            "organisation": self.client.get("auth/authenticated")["organisation"],
        }

    # -- a project --------------------------------------------------------------------------
    def project(self, name: str, studio: dict[str, Any], full: bool) -> dict[str, Any]:
        """A TV show with settings, entities, tasks, comments and a preview; `full` adds what
        only the read cases need."""
        c = self.client
        project = self.post("data/projects", {"name": name, "production_type": "tvshow"})
        pid = project["id"]
        self.cleanup.append(lambda: self.remove_project(pid))
        base = f"data/projects/{pid}"
        c.put(base, {"file_tree": FILE_TREE})
        for status in studio["statuses"].values():
            self.post(f"{base}/settings/task-status", {"task_status_id": status["id"]})
        for priority, task_type in enumerate(studio["task_types"].values(), 1):
            self.post(
                f"{base}/settings/task-types",
                {"task_type_id": task_type["id"], "priority": priority},
            )
        for asset_type in studio["asset_types"].values():
            self.post(f"{base}/settings/asset-types", {"asset_type_id": asset_type["id"]})
        admin, person = studio["admin"], studio["person"]
        self.post(f"{base}/team", {"person_id": admin["id"]})
        self.post(f"{base}/team", {"person_id": person["id"]})

        episodes = [self.post(f"{base}/episodes", {"name": n}) for n in ("E01", "E02")]
        sequences = [
            self.post(f"{base}/sequences", {"name": "SQ01", "episode_id": episodes[0]["id"]}),
            self.post(f"{base}/sequences", {"name": "SQ02", "episode_id": episodes[1]["id"]}),
        ]
        shots = [
            self.post(
                f"{base}/shots",
                {
                    "name": name,
                    "sequence_id": sequences[seq]["id"],
                    "nb_frames": frames,
                    "description": f"shot {name}",
                    "data": {"frame_in": 1, "frame_out": frames},
                },
            )
            for name, seq, frames in (("SH010", 0, 24), ("SH020", 0, 48), ("SH030", 1, 12))
        ]
        scene = self.post(f"{base}/scenes", {"name": "SC01", "sequence_id": sequences[0]["id"]})
        self.post(f"data/scenes/{scene['id']}/shots", {"shot_id": shots[0]["id"]})
        types = studio["asset_types"]
        assets = [
            self.post(
                f"{base}/asset-types/{types['character']['id']}/assets/new",
                {
                    "name": "Hero",
                    "description": "the hero",
                    "data": {},
                    "episode_id": episodes[0]["id"],
                },
            ),
            self.post(
                f"{base}/asset-types/{types['prop']['id']}/assets/new",
                {"name": "Sword", "description": "a sword", "data": {}},
            ),
        ]
        hero, sword = assets
        casting = [
            {"asset_id": hero["id"], "nb_occurences": 1},
            {"asset_id": sword["id"], "nb_occurences": 2},
        ]
        c.put(f"{base}/entities/{shots[0]['id']}/casting", casting)
        c.put(f"{base}/entities/{shots[2]['id']}/casting", casting[:1])
        c.put(f"{base}/entities/{episodes[0]['id']}/casting", casting[:1])

        tt, st = studio["task_types"], studio["statuses"]

        def create_tasks(kind: str, task_type: dict[str, Any], ids: list[str]) -> list[Any]:
            path = f"actions/projects/{pid}/task-types/{task_type['id']}/{kind}/create-tasks"
            return list(c.post(path, ids))

        shot_ids = [shot["id"] for shot in shots]
        asset_ids = [asset["id"] for asset in assets]
        layout = create_tasks("shots", tt["layout"], shot_ids)
        animation = create_tasks("shots", tt["animation"], shot_ids[:1])
        modeling = create_tasks("assets", tt["modeling"], asset_ids)
        rigging = create_tasks("assets", tt["rigging"], asset_ids[:1])
        tasks = {
            "layout": layout[0],
            "layout2": layout[1],
            "layout3": layout[2],
            "animation": animation[0],
            "modeling": modeling[0],
            "modeling2": modeling[1],
            "rigging": rigging[0],
        }
        tasks["sequence"] = c.post(
            "data/tasks",
            {
                "project_id": pid,
                "entity_id": sequences[0]["id"],
                "task_type_id": tt["sequence"]["id"],
                "task_status_id": st["todo"]["id"],
                "name": "main",
            },
        )
        tasks["scene"] = c.post(
            "data/tasks",
            {
                "project_id": pid,
                "entity_id": scene["id"],
                "task_type_id": tt["scene"]["id"],
                "task_status_id": st["todo"]["id"],
                "name": "main",
            },
        )
        c.put(
            f"actions/persons/{admin['id']}/assign",
            {"task_ids": [tasks["layout"]["id"], tasks["modeling"]["id"], tasks["sequence"]["id"]]},
        )
        c.put(
            f"actions/persons/{person['id']}/assign",
            {"task_ids": [tasks["layout"]["id"], tasks["animation"]["id"], tasks["rigging"]["id"]]},
        )
        task = tasks["layout"]
        comment = self.post(
            f"actions/tasks/{task['id']}/comment",
            {
                "task_status_id": st["wip"]["id"],
                "comment": "first pass",
                "checklist": [{"text": "check framing", "checked": False}],
            },
        )
        preview = self.post(f"actions/tasks/{task['id']}/comments/{comment['id']}/add-preview")
        preview = c.upload(f"pictures/preview-files/{preview['id']}", self.media["png"])
        c.put(f"actions/preview-files/{preview['id']}/set-main-preview", {})
        values: dict[str, Any] = {
            "project": c.get(f"data/projects/{pid}"),
            "episodes": [c.get(f"data/episodes/{e['id']}") for e in episodes],
            "sequences": [c.get(f"data/sequences/{s['id']}") for s in sequences],
            "shots": [c.get(f"data/shots/{s['id']}") for s in shots],
            "scene": c.get(f"data/scenes/{scene['id']}"),
            "assets": [c.get(f"data/assets/{a['id']}") for a in assets],
            "tasks": tasks,
            "task": task,
            "comment": comment,
            "preview": preview,
        }
        if full:
            values.update(self.production_extras(values, studio))
        values["task"] = c.get(f"data/tasks/{task['id']}")
        values["comment"] = c.get(f"data/comments/{comment['id']}")
        return values

    def production_extras(self, values: dict[str, Any], studio: dict[str, Any]) -> dict[str, Any]:
        """What only the read cases need, on the shared production."""
        c = self.client
        run = self.run
        pid = values["project"]["id"]
        base = f"data/projects/{pid}"
        shots, assets, scene = values["shots"], values["assets"], values["scene"]
        episodes = values["episodes"]
        tasks, task, comment = values["tasks"], values["task"], values["comment"]
        st, tt = studio["statuses"], studio["task_types"]
        admin, person = studio["admin"], studio["person"]
        extras: dict[str, Any] = {}

        scene_instance = self.post(
            f"data/scenes/{scene['id']}/asset-instances",
            {"asset_id": assets[1]["id"], "description": "sword in scene"},
        )
        self.post(
            f"data/shots/{shots[0]['id']}/asset-instances",
            {"asset_instance_id": scene_instance["id"]},
        )
        asset_instance = self.post(
            f"data/assets/{assets[0]['id']}/asset-asset-instances",
            {"asset_to_instantiate_id": assets[1]["id"], "description": "hero holds sword"},
        )
        extras["scene_instance"] = scene_instance
        extras["asset_instance"] = asset_instance

        reply = self.post(
            f"data/tasks/{task['id']}/comments/{comment['id']}/reply", {"text": "a reply"}
        )
        attached = c.upload(
            f"actions/tasks/{task['id']}/comments/{comment['id']}/add-attachment",
            self.media["text"],
        )
        extras["reply"] = reply
        extras["attachment"] = (
            attached[0] if isinstance(attached, list) else attached["attachment_files"][0]
        )
        movie_comment = self.post(
            f"actions/tasks/{tasks['animation']['id']}/comment",
            {"task_status_id": st["wfa"]["id"], "comment": "movie"},
        )
        movie = self.post(
            f"actions/tasks/{tasks['animation']['id']}/comments/{movie_comment['id']}/add-preview"
        )
        extras["movie"] = c.upload(f"pictures/preview-files/{movie['id']}", self.media["movie"])
        extras["movie_comment"] = movie_comment
        done_comment = self.post(
            f"actions/tasks/{tasks['modeling2']['id']}/comment",
            {"task_status_id": st["done"]["id"], "comment": "approved"},
        )
        extras["done_comment"] = done_comment

        # The other person comments on a task assigned to the admin: a notification for them.
        other = KitsuClient(c.host)
        try:
            other.log_in(person["email"], PASSWORD)
            extras["person_comment"] = other.post(
                f"actions/tasks/{tasks['modeling']['id']}/comment",
                {"task_status_id": st["wfa"]["id"], "comment": f"please check @{admin['id']}"},
            )
        finally:
            other.close()

        playlist = self.post(
            "data/playlists",
            {
                "name": f"Dailies-{run}",
                "project_id": pid,
                "episode_id": episodes[0]["id"],
                "for_entity": "shot",
            },
        )
        extras["playlist"] = c.put(
            f"data/playlists/{playlist['id']}",
            {
                "shots": [
                    {"entity_id": shots[0]["id"], "preview_file_id": extras["movie"]["id"]},
                    {"entity_id": shots[1]["id"]},
                ]
            },
        )
        descriptors = [
            self.post(
                f"{base}/metadata-descriptors",
                {
                    "name": "Difficulty",
                    "entity_type": "Shot",
                    "data_type": "list",
                    "choices": ["easy", "hard"],
                    "for_client": False,
                    "departments": [],
                },
            ),
            self.post(
                f"{base}/metadata-descriptors",
                {
                    "name": "Material",
                    "entity_type": "Asset",
                    "data_type": "string",
                    "choices": [],
                    "for_client": False,
                    "departments": [],
                },
            ),
        ]
        extras["descriptors"] = descriptors
        c.put(f"data/entities/{shots[0]['id']}", {"data": {"difficulty": "hard"}})
        concept = self.post(f"{base}/concepts", {"name": "Moodboard", "data": {}})
        extras["concept"] = concept
        extras["concept_task"] = c.post(
            "data/tasks",
            {
                "project_id": pid,
                "entity_id": concept["id"],
                "task_type_id": tt["concept"]["id"],
                "task_status_id": st["todo"]["id"],
                "name": "main",
            },
        )
        edit = self.post(f"{base}/edits", {"name": "Trailer", "parent_id": episodes[0]["id"]})
        extras["edit"] = c.get(f"data/edits/{edit['id']}")
        extras["edit_task"] = c.post(
            "data/tasks",
            {
                "project_id": pid,
                "entity_id": edit["id"],
                "task_type_id": tt["edit"]["id"],
                "task_status_id": st["todo"]["id"],
                "name": "main",
            },
        )
        extras["episode_task"] = c.post(
            "data/tasks",
            {
                "project_id": pid,
                "entity_id": episodes[0]["id"],
                "task_type_id": tt["episode"]["id"],
                "task_status_id": st["todo"]["id"],
                "name": "main",
            },
        )
        extras["working_file"] = self.post(
            f"data/tasks/{tasks['modeling']['id']}/working-files/new",
            {
                "name": "main",
                "mode": "working",
                "comment": "v1",
                "revision": 1,
                "task_id": tasks["modeling"]["id"],
                "software_id": studio["software"]["id"],
                "person_id": admin["id"],
            },
        )
        c.upload(f"data/working-files/{extras['working_file']['id']}/file", self.media["text"])
        extras["output_file"] = self.post(
            f"data/entities/{assets[0]['id']}/output-files/new",
            {
                "output_type_id": studio["output_type"]["id"],
                "task_type_id": tt["modeling"]["id"],
                "comment": "published",
                "revision": 1,
                "representation": "abc",
                "name": "main",
                "nb_elements": 1,
                "sep": "/",
                "working_file_id": extras["working_file"]["id"],
                "file_status_id": studio["file_status"]["id"],
            },
        )
        extras["instance_output_file"] = self.post(
            f"data/asset-instances/{scene_instance['id']}/entities/{scene['id']}/output-files/new",
            {
                "output_type_id": studio["output_type"]["id"],
                "task_type_id": tt["layout"]["id"],
                "comment": "instance cache",
                "name": "master",
                "revision": 1,
                "representation": "abc",
                "nb_elements": 1,
                "sep": "/",
            },
        )
        budget = self.post(f"{base}/budgets", {"name": "Main budget", "currency": "EUR"})
        extras["budget"] = budget
        extras["budget_entry"] = self.post(
            f"{base}/budgets/{budget['id']}/entries",
            {
                "department_id": studio["department"]["id"],
                "person_id": person["id"],
                "start_date": DAY,
                "months_duration": 2,
                "daily_salary": 300,
                "position": "artist",
                "seniority": "senior",
            },
        )
        extras["time_spent"] = self.post(
            f"actions/tasks/{task['id']}/time-spents/{DAY}/persons/{admin['id']}",
            {"duration": 3600},
        )
        self.post(
            f"actions/tasks/{task['id']}/time-spents/{DAY}/persons/{person['id']}",
            {"duration": 1800},
        )
        extras["day_off"] = self.global_row(
            "day-offs",
            {
                "person_id": person["id"],
                "date": DAY,
                "end_date": "2024-03-06",
                "description": "parity",
            },
        )
        self.post(f"actions/user/tasks/{tasks['layout2']['id']}/subscribe")
        notifications = c.get(
            "data/user/notifications", params={"task_id": tasks["modeling"]["id"]}
        )
        extras["notification"] = next(
            (n for n in notifications if n.get("task_id") == tasks["modeling"]["id"]), None
        )
        self.post(f"actions/user/chats/{shots[0]['id']}/join")
        self.post(f"data/entities/{shots[0]['id']}/chat/messages", {"message": "hello"})
        extras["milestone"] = self.post(
            "data/milestones", {"project_id": pid, "name": "Delivery", "date": DAY}
        )
        self.post(
            f"{base}/settings/status-automations",
            {"status_automation_id": studio["status_automation"]["id"]},
        )
        self.post(
            f"{base}/settings/preview-background-files",
            {"preview_background_file_id": studio["background"]["id"]},
        )
        return extras

    # -- cleanup ----------------------------------------------------------------------------
    def remove_project(self, pid: str) -> None:
        """Close and delete a project; its asset instances first (Zou 1.0.97 fails to delete a
        project that still has some)."""
        c = self.client
        entities = c.get("data/entities", params={"project_id": pid})
        shot_type = c.get("data/entity-types", params={"name": "Shot"})[0]["id"]
        instances: set[str] = set()
        for entity in entities:
            for key in ("asset_id", "scene_id", "target_asset_id"):
                found = c.get("data/asset-instances", params={key: entity["id"]})
                instances.update(instance["id"] for instance in found)
            if entity["entity_type_id"] == shot_type:
                linked = c.get(f"data/shots/{entity['id']}/asset-instances")
                if isinstance(linked, dict):  # grouped by asset
                    linked = [item for group in linked.values() for item in group]
                for instance in linked:
                    c.delete(f"data/shots/{entity['id']}/asset-instances/{instance['id']}")
        for instance in instances:
            for output in c.get("data/output-files", params={"asset_instance_id": instance}):
                c.delete(f"data/output-files/{output['id']}")
            c.delete(f"data/asset-instances/{instance}")
        closed = c.get("data/project-status", params={"name": "Closed"})
        if closed:
            c.put(f"data/projects/{pid}", {"project_status_id": closed[0]["id"]})
        c.delete(f"data/projects/{pid}", params={"force": True})

    def remove_all(self) -> list[str]:
        """Remove what was built (best effort, last made first); the errors met, one line
        each."""
        errors: list[str] = []
        for step in reversed(self.cleanup):
            try:
                step()
            except Exception as error:
                errors.append(f"{type(error).__name__}: {error}")
        return errors


def build(builder: Builder, tags: Iterable[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(shared values, {tag: sandbox values}) for one run: the shared production, and a sandbox
    for each tag, named after it. What was made is in `builder` even when this raises."""
    studio = builder.studio()
    shared = builder.project(f"parity-{builder.run}", studio, full=True)
    shared.update(studio)
    shared["media"] = builder.media
    shared["day"] = DAY
    shared["missing_id"] = MISSING_ID
    shared["host"] = builder.client.host
    sandboxes = {tag: builder.project(f"parity-{tag}", studio, full=False) for tag in tags}
    unnamed = set(shared) - PROVIDED
    if unnamed:
        raise AssertionError(f"add {sorted(unnamed)} to cases.PROVIDED")
    return shared, sandboxes


if __name__ == "__main__":  # build once and print the values: a quick check of this module
    import json
    import tempfile
    import uuid

    admin = KitsuClient(os.environ["KITSU_HOST"])
    admin.log_in(os.environ["KITSU_LOGIN"], os.environ["KITSU_PASSWORD"])
    with tempfile.TemporaryDirectory() as tmp:
        builder = Builder(admin, uuid.uuid4().hex[:6], write_media(pathlib.Path(tmp)))
        try:
            studio = builder.studio()
            values = builder.project(f"parity-{builder.run}", studio, full=True)
            print(json.dumps(values, indent=1)[:4000])
        finally:
            print(builder.remove_all())
