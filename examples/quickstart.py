"""Build a small TV production with kitsu_sdk and print a summary.

An episode, two sequences of shots with frame ranges, three assets cast into the shots, an
animation task per shot, and a comment with a PNG preview on the first one.

    python examples/quickstart.py [--project "Demo TV"]

Reads KITSU_HOST and KITSU_LOGIN/KITSU_PASSWORD (or KITSU_TOKEN) from the environment;
`bash scripts/demo.sh` sets them for the local Kitsu.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
import tempfile
import time
import zlib
from typing import Any, Optional

import kitsu_sdk as gazu
from kitsu_sdk import KitsuClient, asset, casting, project, shot, task


def tiny_png(width: int = 96, height: int = 54) -> bytes:
    """A solid-colour PNG, written by hand so the demo needs nothing but the SDK."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    row = b"\x00" + bytes((40, 120, 200)) * width
    raw = zlib.compress(row * height)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def connect() -> KitsuClient:
    """A client from the environment (KITSU_HOST, and KITSU_TOKEN or KITSU_LOGIN +
    KITSU_PASSWORD; see kitsu_sdk.config): it logs in on its first request."""
    client = KitsuClient.from_env()
    gazu.set_default_client(client)  # the module functions below use it
    return client


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", help="the production's name (default: one with the time)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    client = connect()
    print(f"Kitsu {client.get_api_version()} at {client.host}")

    name = args.project or f"Demo TV {time.strftime('%Y-%m-%d %H%M%S')}"
    production = project.new_project(name, "tvshow")
    animation = task.get_task_type_by_name("Animation")
    modeling = task.get_task_type_by_name("Modeling")
    for task_type in (animation, modeling):
        if task_type:
            project.add_task_type(production, task_type, 1)
    episode = shot.new_episode(production, "E01")

    shots: list[dict[str, Any]] = []
    frame = 1001
    for sequence_name, count in (("SQ010", 3), ("SQ020", 2)):
        sequence = shot.new_sequence(production, sequence_name, episode=episode)
        for index in range(1, count + 1):
            length = 48 + 24 * index
            shots.append(
                shot.new_shot(
                    production,
                    sequence,
                    f"SH{index * 10:03d}",
                    nb_frames=length,
                    frame_in=frame,
                    frame_out=frame + length - 1,
                )
            )
            frame += length

    character = asset.get_asset_type_by_name("Character")
    prop = asset.get_asset_type_by_name("Prop")
    assets = [
        asset.new_asset(production, character, "Fox", "the hero"),
        asset.new_asset(production, character, "Crow", "the sidekick"),
        asset.new_asset(production, prop, "Lantern", "carried by the fox"),
    ]
    for number, each_shot in enumerate(shots):
        cast = [{"asset_id": assets[0]["id"], "nb_occurences": 1}]
        if number % 2:
            cast.append({"asset_id": assets[1]["id"], "nb_occurences": 1})
        if number == 0:
            cast.append({"asset_id": assets[2]["id"], "nb_occurences": 2})
        casting.update_shot_casting(production, each_shot, cast)

    tasks = [task.new_task(s, animation) for s in shots]
    if modeling:
        for each_asset in assets:
            task.new_task(each_asset, modeling)

    review = task.get_task_status_by_short_name("wfa")
    with tempfile.TemporaryDirectory() as folder:
        png = os.path.join(folder, "SH010_v001.png")
        with open(png, "wb") as handle:
            handle.write(tiny_png())
        comment, preview = task.publish_preview(
            tasks[0], review, comment="First blocking pass", preview_file_path=png
        )

    print(f"\nProject  {production['name']}  ({production['production_type']})")
    print(f"Episode  {episode['name']}")
    for sequence in shot.all_sequences_for_episode(episode):
        print(f"  Sequence {sequence['name']}")
        for each in sorted(shot.all_shots_for_sequence(sequence), key=lambda s: s["name"]):
            data = each.get("data") or {}
            cast = casting.get_shot_casting(each)
            names = ", ".join(
                f"{c.get('asset_name') or c.get('name')} x{c.get('nb_occurences', 1)}" for c in cast
            )
            print(
                f"    {each['name']}  frames {data.get('frame_in')}-{data.get('frame_out')}"
                f" ({each.get('nb_frames')})  cast: {names}"
            )
    print("Assets   " + ", ".join(a["name"] for a in asset.all_assets_for_project(production)))
    print(f"Tasks    {len(task.all_tasks_for_project(production))}")
    print(
        f"Comment  '{comment['text']}' on {shots[0]['name']}, preview {preview['id']}"
        f" ({preview.get('extension', 'png')}, {preview.get('status', 'ready')})"
    )
    print(f"\nDone in {time.perf_counter() - started:.1f} s")
    client.log_out()
    return 0


if __name__ == "__main__":
    sys.exit(main())
