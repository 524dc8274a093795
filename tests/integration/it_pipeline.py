"""Setup for the file pipeline integration tests (working files, output files, file trees): a
file tree of our own, and a production to render it on, made with raw client calls
(independent of the modules under test). Import as `from it_pipeline import ...`."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any

from it_helpers import unique

from kitsu_sdk import KitsuClient
from kitsu_sdk.exception import APIError

Row = dict[str, Any]

#: The tree the tests render: every kind Zou knows, instance templates, and most tokens.
TREE: dict[str, Any] = {
    "working": {
        "mountpoint": "/mnt/studio",
        "root": "prod",
        "folder_path": {
            "shot": "<Project>/shots/<Episode>/<Sequence>/<Shot>/<TaskType>/<Software>",
            "asset": "<Project>/assets/<AssetType>/<Asset>/<TaskType>",
            "sequence": "<Project>/sequences/<Sequence>/<TaskType>",
            "scene": "<Project>/scenes/<Sequence>/<Scene>/<TaskType>",
            "episode": "<Project>/episodes/<Episode>/<TaskType>",
            "style": "lowercase",
        },
        "file_name": {
            "shot": "<Project>_<Shot>_<TaskType>_<Name>_v<Version>",
            "asset": "<Project>_<Asset>_<TaskType>_<Name>_v<Version>",
            "sequence": "<Project>_<Sequence>_<TaskType>_<Name>",
            "scene": "<Project>_<Scene>_<TaskType>_<Name>",
            "episode": "<Project>_<Episode>_<TaskType>_<Name>",
            "style": "lowercase",
        },
    },
    "output": {
        "mountpoint": "/mnt/studio",
        "root": "export",
        "folder_path": {
            "shot": "<Project>/shots/<Sequence>/<Shot>/<TaskType>/<OutputType>/<Representation>",
            "asset": "<Project>/assets/<AssetType>/<Asset>/<OutputType>",
            "sequence": "<Project>/sequences/<Sequence>/<OutputType>",
            "scene": "<Project>/scenes/<Scene>/<OutputType>",
            "episode": "<Project>/episodes/<Episode>/<OutputType>",
            "instance": "<Project>/<TemporalEntityType>/<TemporalEntity>/<AssetType>/<Asset>"
            "/instance_<Instance.number>/<OutputType>",
            "style": "lowercase",
        },
        "file_name": {
            "shot": "<Project>_<Shot>_<OutputType>_<Name>_v<Version>",
            "asset": "<Project>_<Asset>_<OutputType>_<Name>_v<Version>",
            "sequence": "<Project>_<Sequence>_<OutputType>_<Name>_v<Version>",
            "scene": "<Project>_<Scene>_<OutputType>_<Name>_v<Version>",
            "episode": "<Project>_<Episode>_<OutputType>_<Name>_v<Version>",
            "instance": "<Project>_<TemporalEntity>_<Instance.name>_<OutputType>_<Name>_v<Version>",
            "style": "lowercase",
        },
    },
}


def slug(name: str) -> str:
    """A name as Zou renders it in a lowercase path (python-slugify with "_")."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def make_world(client: KitsuClient, project: Row) -> dict[str, Row]:
    """An episode, sequence, shot, scene, asset, an asset instance in the scene, a task on the
    shot and one on the asset, an output type and a software, all uniquely named."""
    pid = project["id"]
    base = f"data/projects/{pid}"
    episode = client.post(f"{base}/episodes", {"name": unique("E")})
    sequence = client.post(f"{base}/sequences", {"name": unique("SQ"), "episode_id": episode["id"]})
    shot = client.post(f"{base}/shots", {"name": unique("SH"), "sequence_id": sequence["id"]})
    scene = client.post(f"{base}/scenes", {"name": unique("SC"), "sequence_id": sequence["id"]})
    asset_type = client.get("data/asset-types", params={"name": "Character"})[0]
    asset = client.post(
        f"{base}/asset-types/{asset_type['id']}/assets/new", {"name": unique("hero"), "data": {}}
    )
    instance = client.post(f"data/scenes/{scene['id']}/asset-instances", {"asset_id": asset["id"]})
    shot_type = client.get("data/task-types", params={"for_entity": "Shot"})[0]
    asset_task_type = client.get("data/task-types", params={"for_entity": "Asset"})[0]
    shot_task = client.post(
        f"actions/projects/{pid}/task-types/{shot_type['id']}/shots/create-tasks", [shot["id"]]
    )[0]
    asset_task = client.post(
        f"actions/projects/{pid}/task-types/{asset_task_type['id']}/assets/create-tasks",
        [asset["id"]],
    )[0]
    output_type = client.post("data/output-types", {"name": unique("OT"), "short_name": "ot"})
    software = client.post(
        "data/softwares",
        {"name": unique("Soft"), "short_name": "sft", "file_extension": ".sft"},
    )
    return {
        "project": project, "episode": episode, "sequence": sequence, "shot": shot,
        "scene": scene, "asset": asset, "asset_type": asset_type, "instance": instance,
        "shot_task": shot_task, "asset_task": asset_task, "shot_type": shot_type,
        "asset_task_type": asset_task_type, "output_type": output_type, "software": software,
    }  # fmt: skip


def forget(client: KitsuClient, path: str) -> None:
    """DELETE a row the tests made; Zou may refuse (rows still pointing at it): then it stays."""
    with contextlib.suppress(APIError):
        client.delete(path)


def remove_output_files(client: KitsuClient, world: dict[str, Row]) -> None:
    """Delete the output files of the world's project and of its asset instance (Zou's project
    listing leaves instance outputs out)."""
    project_rows = client.get(f"data/projects/{world['project']['id']}/output-files") or []
    instance_rows = client.get(f"data/asset-instances/{world['instance']['id']}/output-files")
    for row in [*project_rows, *(instance_rows or [])]:
        forget(client, f"data/output-files/{row['id']}")


@contextlib.contextmanager
def world_in(client: KitsuClient, project: Row) -> Iterator[dict[str, Row]]:
    """`make_world` with the project's tree set, and the studio-wide rows it made (output type,
    software), with the output and working files made on them, removed at the end."""
    client.put(f"data/projects/{project['id']}", {"file_tree": TREE})
    world = make_world(client, project)
    try:
        yield world
    finally:
        remove_output_files(client, world)
        for task in ("shot_task", "asset_task"):
            for row in client.get(f"data/tasks/{world[task]['id']}/working-files") or []:
                forget(client, f"data/working-files/{row['id']}")
        forget(client, f"data/output-types/{world['output_type']['id']}")
        forget(client, f"data/softwares/{world['software']['id']}")
