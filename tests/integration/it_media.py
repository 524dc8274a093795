"""Media and setup helpers shared by integration tests: a PNG and a movie made here, and a shot
with a task and a preview built with raw client calls (independent of the family modules)."""

from __future__ import annotations

import pathlib
import shutil
import struct
import subprocess
import zlib
from typing import Any, Optional

from it_helpers import unique

from kitsu_sdk import KitsuClient


def write_png(
    path: pathlib.Path, width: int = 64, height: int = 48, rgb: tuple[int, int, int] = (200, 40, 40)
) -> pathlib.Path:
    """A valid RGB PNG, written without any imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    return path


def write_movie(path: pathlib.Path) -> Optional[pathlib.Path]:
    """A one-second H.264 clip with sound (Zou breaks silent clips with B-frames), or None
    without ffmpeg."""
    if shutil.which("ffmpeg") is None:
        return None
    subprocess.run(
        [
            "ffmpeg", "-y", "-loglevel", "error",
            "-f", "lavfi", "-i", "testsrc=size=320x240:rate=24",
            "-f", "lavfi", "-i", "sine=frequency=440",
            "-t", "1", "-c:v", "libx264", "-bf", "0", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-shortest", str(path),
        ],
        check=True,
        timeout=60,
    )  # fmt: skip
    return path


def make_shot(client: KitsuClient, project: dict[str, Any]) -> dict[str, Any]:
    """An episode, a sequence, a shot and a task on it: {"episode", "sequence", "shot", "task"}."""
    base = f"data/projects/{project['id']}"
    episode = client.post(f"{base}/episodes", {"name": unique("E")})
    sequence = client.post(f"{base}/sequences", {"name": unique("SQ"), "episode_id": episode["id"]})
    shot = client.post(f"{base}/shots", {"name": unique("SH"), "sequence_id": sequence["id"]})
    task_type = client.get("data/task-types", params={"for_entity": "Shot"})[0]
    path = f"actions/projects/{project['id']}/task-types/{task_type['id']}/shots/create-tasks"
    task = client.post(path, [shot["id"]])[0]
    return {"episode": episode, "sequence": sequence, "shot": shot, "task": task}


def add_preview(
    client: KitsuClient, task: dict[str, Any], file_path: pathlib.Path
) -> dict[str, Any]:
    """A comment on `task` with `file_path` uploaded as its preview; returns the preview file."""
    comment = client.post(
        f"actions/tasks/{task['id']}/comment",
        {"task_status_id": task["task_status_id"], "comment": f"preview {file_path.name}"},
    )
    preview = client.post(f"actions/tasks/{task['id']}/comments/{comment['id']}/add-preview", {})
    uploaded = client.upload(f"pictures/preview-files/{preview['id']}", str(file_path))
    return {**uploaded, "comment_id": comment["id"]}
