"""Build a production from a CSV: episodes, sequences, shots with frame ranges, assets cast into
the shots, and the tasks of each, with gazu-style calls (`import kitsu_sdk as gazu`).

Each row is a shot:

    episode,sequence,shot,frame_in,frame_out,assets,tasks
    E01,SQ010,SH010,1001,1048,Character/Fox;Prop/Lantern,Layout;Animation

`assets` lists `Type/Name` pairs (created when missing, cast once each), `tasks` the shot task
types. The episode column may be empty (a feature film). Running it again with the same CSV
changes nothing: every `new_*` function returns the existing entity, as gazu's do.

    python examples/csv_production.py --csv shots.csv --project "My Show"
    python examples/csv_production.py --demo --project "Demo Show"      # a built-in CSV

Reads KITSU_HOST and KITSU_LOGIN/KITSU_PASSWORD (or KITSU_TOKEN) from the environment
(`eval "$(bash scripts/local-kitsu.sh env)"` sets them for the local Kitsu).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
from typing import Any, Optional

import kitsu_sdk as gazu
from kitsu_sdk import KitsuClient

DEMO_CSV = """episode,sequence,shot,frame_in,frame_out,assets,tasks
E01,SQ010,SH010,1001,1048,Character/Fox;Prop/Lantern,Layout;Animation
E01,SQ010,SH020,1049,1120,Character/Fox;Character/Crow,Layout;Animation
E01,SQ020,SH010,1121,1200,Character/Crow,Animation
E02,SQ010,SH010,1001,1060,Character/Fox;Environment/Forest,Layout;Animation
"""
COLUMNS = ("episode", "sequence", "shot", "frame_in", "frame_out", "assets", "tasks")


def connect() -> KitsuClient:
    """A client from the environment (KITSU_HOST, and KITSU_TOKEN or KITSU_LOGIN +
    KITSU_PASSWORD; see kitsu_sdk.config): it logs in on its first request."""
    return KitsuClient.from_env()


def read_rows(text: str) -> list[dict[str, Any]]:
    """The CSV's rows, checked: every column present, frames as integers, in >= out refused."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise SystemExit(f"the CSV has no column {', '.join(missing)} (needs {','.join(COLUMNS)})")
    rows = []
    for line, row in enumerate(reader, start=2):
        try:
            frame_in, frame_out = int(row["frame_in"]), int(row["frame_out"])
        except ValueError:
            raise SystemExit(f"line {line}: frame_in and frame_out must be integers") from None
        if frame_out < frame_in or not row["sequence"].strip() or not row["shot"].strip():
            raise SystemExit(f"line {line}: needs a sequence, a shot and frame_in <= frame_out")
        assets = []
        for pair in filter(None, (p.strip() for p in (row["assets"] or "").split(";"))):
            kind, _, name = pair.partition("/")
            if not kind.strip() or not name.strip():
                raise SystemExit(f"line {line}: assets are Type/Name pairs, got {pair!r}")
            assets.append((kind.strip(), name.strip()))
        rows.append(
            {
                "episode": (row["episode"] or "").strip(),
                "sequence": row["sequence"].strip(),
                "shot": row["shot"].strip(),
                "frame_in": frame_in,
                "frame_out": frame_out,
                "assets": assets,
                "tasks": [t.strip() for t in (row["tasks"] or "").split(";") if t.strip()],
            }
        )
    return rows


def build(project_name: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Create (or find) everything the rows describe; returns what was built, by name and id."""
    tv_show = any(row["episode"] for row in rows)
    production = gazu.project.new_project(project_name, "tvshow" if tv_show else "featurefilm")

    task_types: dict[str, dict[str, Any]] = {}
    for priority, name in enumerate(sorted({t for row in rows for t in row["tasks"]}), start=1):
        task_type = gazu.task.get_task_type_by_name(name)
        if task_type is None:
            raise SystemExit(f"Kitsu has no task type {name!r}")
        gazu.project.add_task_type(production, task_type, priority)
        task_types[name] = task_type

    assets: dict[tuple[str, str], dict[str, Any]] = {}
    for kind, name in sorted({pair for row in rows for pair in row["assets"]}):
        asset_type = gazu.asset.get_asset_type_by_name(kind) or gazu.asset.new_asset_type(kind)
        assets[(kind, name)] = gazu.asset.new_asset(production, asset_type, name)

    episodes: dict[str, dict[str, Any]] = {}
    sequences: dict[tuple[str, str], dict[str, Any]] = {}
    shots: list[dict[str, Any]] = []
    for row in rows:
        episode: Optional[dict[str, Any]] = None
        if row["episode"]:
            if row["episode"] not in episodes:
                episodes[row["episode"]] = gazu.shot.new_episode(production, row["episode"])
            episode = episodes[row["episode"]]
        key = (row["episode"], row["sequence"])
        if key not in sequences:
            sequences[key] = gazu.shot.new_sequence(production, row["sequence"], episode=episode)
        shot = gazu.shot.new_shot(
            production,
            sequences[key],
            row["shot"],
            nb_frames=row["frame_out"] - row["frame_in"] + 1,
            frame_in=row["frame_in"],
            frame_out=row["frame_out"],
        )
        cast = [{"asset_id": assets[pair]["id"], "nb_occurences": 1} for pair in row["assets"]]
        gazu.casting.update_shot_casting(production, shot, cast)
        tasks = [gazu.task.new_task(shot, task_types[name]) for name in row["tasks"]]
        shots.append(
            {
                "episode": row["episode"],
                "sequence": row["sequence"],
                "name": row["shot"],
                "id": shot["id"],
                "cast": [name for _, name in row["assets"]],
                "tasks": {t["task_type_id"]: t["id"] for t in tasks},
            }
        )
    return {
        "project": {"id": production["id"], "name": production["name"]},
        "episodes": {name: e["id"] for name, e in episodes.items()},
        "assets": {f"{k}/{n}": a["id"] for (k, n), a in assets.items()},
        "shots": shots,
    }


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--csv", help="the CSV file (columns: " + ",".join(COLUMNS) + ")")
    source.add_argument("--demo", action="store_true", help="use a small built-in CSV")
    parser.add_argument("--project", required=True, help="the production's name")
    parser.add_argument("--json", action="store_true", help="print what was built as JSON")
    args = parser.parse_args(argv)

    if args.csv:
        with open(args.csv, encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    else:
        text = DEMO_CSV
    rows = read_rows(text)
    started = time.perf_counter()
    client = connect()
    built = build(args.project, rows)
    if args.json:
        print(json.dumps(built))
    else:
        print(f"Project {built['project']['name']} ({built['project']['id']})")
        for shot in built["shots"]:
            where = "/".join(filter(None, (shot["episode"], shot["sequence"], shot["name"])))
            cast = ", ".join(shot["cast"]) or "-"
            print(f"  {where:<22} {len(shot['tasks'])} task(s)  cast: {cast}")
        print(f"{len(rows)} shot rows in {time.perf_counter() - started:.1f} s")
    client.log_out()
    return 0


if __name__ == "__main__":
    sys.exit(main())
