"""A production dashboard read: task counts by episode and status (Zou's episode stats) and the
retake picture (its retake stats), with names instead of ids, on a KitsuClient.

Two requests make the figures, whatever the size of the production:
`client.shot.get_episode_stats(project)` and `client.shot.get_episode_retake_stats(project)`;
the episode and task type names come from two more.

    python examples/dashboard.py --project "My Show"
    python examples/dashboard.py --project 5ddfc715-... --json

Reads KITSU_HOST and KITSU_LOGIN/KITSU_PASSWORD (or KITSU_TOKEN) from the environment.
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from typing import Any, Optional

from kitsu_sdk import KitsuClient


def connect() -> KitsuClient:
    """A client from the environment (KITSU_HOST, and KITSU_TOKEN or KITSU_LOGIN +
    KITSU_PASSWORD; see kitsu_sdk.config): it logs in on its first request."""
    return KitsuClient.from_env()


def summarise(client: KitsuClient, project: dict[str, Any]) -> dict[str, Any]:
    """{"project", "episodes": {name: {...}}, "all": {...}}; each part has the task count, the
    counts by task status short name, frames, and done/retake/max_retake_count, in total and by
    task type name."""
    stats = client.shot.get_episode_stats(project)
    retakes = client.shot.get_episode_retake_stats(project)
    names = {e["id"]: e["name"] for e in client.shot.all_episodes_for_project(project)}
    names["all"] = "all"
    task_types = {t["id"]: t["name"] for t in client.task.all_task_types()}
    task_types["all"] = "all"

    def part(episode_id: str) -> dict[str, Any]:
        by_type: dict[str, Any] = {}
        for type_id, statuses in (stats.get(episode_id) or {}).items():
            by_status = {s["name"]: s["count"] for s in statuses.values()}
            retake = (retakes.get(episode_id) or {}).get(type_id) or {}
            by_type[task_types.get(type_id, type_id)] = {
                "tasks": sum(by_status.values()),
                "frames": sum(s.get("frames") or 0 for s in statuses.values()),
                "by_status": dict(sorted(by_status.items())),
                "done": (retake.get("done") or {}).get("count", 0),
                "retake": (retake.get("retake") or {}).get("count", 0),
                "max_retake_count": retake.get("max_retake_count", 0),
            }
        total = by_type.pop("all", {"tasks": 0, "frames": 0, "by_status": {}})
        return {**total, "by_task_type": dict(sorted(by_type.items()))}

    episodes = {names.get(e, e): part(e) for e in stats if e != "all"}
    return {
        "project": {"id": project["id"], "name": project["name"]},
        "episodes": dict(sorted(episodes.items())),
        "all": part("all"),
    }


def print_table(summary: dict[str, Any]) -> None:
    statuses = sorted({s for p in [summary["all"]] for s in p.get("by_status", {})})
    header = f"{'episode':<14}{'tasks':>7}{'frames':>8}" + "".join(f"{s:>9}" for s in statuses)
    print(f"{summary['project']['name']}\n{header}\n{'-' * len(header)}")
    for name, part in [*summary["episodes"].items(), ("all", summary["all"])]:
        counts = "".join(f"{part.get('by_status', {}).get(s, 0):>9}" for s in statuses)
        print(f"{name:<14}{part.get('tasks', 0):>7}{part.get('frames', 0):>8}{counts}")
    print("\nretakes by task type (all episodes)")
    for name, part in summary["all"]["by_task_type"].items():
        print(
            f"  {name:<16} done {part['done']:>4}  in retake {part['retake']:>4}"
            f"  most retakes on one task {part['max_retake_count']}"
        )


def find_project(client: KitsuClient, given: str) -> Optional[dict[str, Any]]:
    try:
        return client.project.get_project(str(uuid.UUID(given)))
    except ValueError:  # not an id: a name
        return client.project.get_project_by_name(given)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", required=True, help="the production's name or id")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)

    client = connect()
    project = find_project(client, args.project)
    if not project:
        print(f"no production {args.project!r}", file=sys.stderr)
        return 1
    summary = summarise(client, project)
    if args.json:
        print(json.dumps(summary))
    else:
        print_table(summary)
    client.log_out()
    return 0


if __name__ == "__main__":
    sys.exit(main())
