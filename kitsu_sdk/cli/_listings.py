"""gazu-cli's listing and detail commands (same names, options and columns), and `comment`."""

from __future__ import annotations

from typing import Any, Optional

import click

from .. import asset as asset_ops
from .. import casting as casting_ops
from .. import person as person_ops
from .. import search as search_ops
from .. import shot as shot_ops
from .. import task as task_ops
from .. import user as user_ops
from .._client import KitsuClient
from ._common import (
    echo_json,
    fail,
    get_client,
    is_uuid,
    json_option,
    output,
    project_from_option,
    project_option,
    resolve_project,
    wants_json,
)

_PROJECT_COLUMNS = [
    ("NAME", "name"),
    ("TYPE", "production_type"),
    ("STYLE", "production_style"),
    ("ID", "id"),
]
_TASK_COLUMNS = [
    ("ENTITY", "entity_name"),
    ("TYPE", "task_type_name"),
    ("STATUS", "task_status_name"),
    ("ASSIGNEES", "assignees"),
    ("ID", "id"),
]


@click.command()
@click.option("--all", "show_all", is_flag=True, help="Include closed projects.")
@json_option
def projects(show_all: bool) -> None:
    """List projects (open ones unless --all)."""
    from .. import project as project_ops

    client = get_client()
    data = (
        project_ops.all_projects(client=client)
        if show_all
        else project_ops.all_open_projects(client=client)
    )
    output(data, _PROJECT_COLUMNS)


@click.command()
@click.argument("name_or_id")
@json_option
def project(name_or_id: str) -> None:
    """Show a project by name or id."""
    data = resolve_project(get_client(), name_or_id)
    output(data, [*_PROJECT_COLUMNS[:3], ("STATUS", "project_status_name"), ("ID", "id")])


@click.command()
@project_option
@click.option("--type", "-t", "asset_type", help="Only assets of this type (name).")
@json_option
def assets(project_opt: Optional[str], asset_type: Optional[str]) -> None:
    """List a project's assets."""
    client = get_client()
    proj = project_from_option(client, project_opt)
    if asset_type:
        found = asset_ops.get_asset_type_by_name(asset_type, client=client)
        if found is None:
            fail(f"Asset type not found: {asset_type}")
        data = asset_ops.all_assets_for_project_and_type(proj, found, client=client)
    else:
        data = asset_ops.all_assets_for_project(proj, client=client)
    output(
        data,
        [("NAME", "name"), ("TYPE", "asset_type_name"), ("DESCRIPTION", "description"),
         ("ID", "id")],
    )  # fmt: skip


@click.command()
@click.argument("name_or_id")
@project_option
@json_option
def asset(name_or_id: str, project_opt: Optional[str]) -> None:
    """Show an asset by id, or by name in a project."""
    client = get_client()
    data: Any
    if is_uuid(name_or_id):
        data = asset_ops.get_asset(name_or_id.strip(), client=client)
    else:
        proj = project_from_option(client, project_opt)
        data = asset_ops.get_asset_by_name(proj, name_or_id, client=client)
        if data is None:
            fail(f"Asset not found: {name_or_id}")
    output(
        data,
        [("NAME", "name"), ("TYPE", "asset_type_name"), ("DESCRIPTION", "description"),
         ("PROJECT", "project_name"), ("ID", "id")],
    )  # fmt: skip


def _episode(client: KitsuClient, proj: dict[str, Any], name: str) -> Any:
    found = shot_ops.get_episode_by_name(proj, name, client=client)
    if found is None:
        fail(f"Episode not found: {name}")
    return found


@click.command()
@project_option
@click.option("--sequence", "-s", help="Only this sequence's shots (name).")
@click.option("--episode", "-e", help="Only this episode's shots (name).")
@json_option
def shots(project_opt: Optional[str], sequence: Optional[str], episode: Optional[str]) -> None:
    """List a project's shots."""
    client = get_client()
    proj = project_from_option(client, project_opt)
    data: Any
    if sequence:
        seq = shot_ops.get_sequence_by_name(proj, sequence, client=client)
        if seq is None:
            fail(f"Sequence not found: {sequence}")
        data = shot_ops.all_shots_for_sequence(seq, client=client)
    elif episode:
        data = shot_ops.all_shots_for_episode(_episode(client, proj, episode), client=client)
    else:
        data = shot_ops.all_shots_for_project(proj, client=client)
    output(
        data,
        [("SEQUENCE", "sequence_name"), ("NAME", "name"), ("FRAMES", "nb_frames"),
         ("DESCRIPTION", "description"), ("ID", "id")],
    )  # fmt: skip


@click.command()
@project_option
@click.option("--episode", "-e", help="Only this episode's sequences (name).")
@json_option
def sequences(project_opt: Optional[str], episode: Optional[str]) -> None:
    """List a project's sequences."""
    client = get_client()
    proj = project_from_option(client, project_opt)
    data: Any
    if episode:
        data = shot_ops.all_sequences_for_episode(_episode(client, proj, episode), client=client)
    else:
        data = shot_ops.all_sequences_for_project(proj, client=client)
    output(data, [("NAME", "name"), ("EPISODE", "episode_name"), ("ID", "id")])


@click.command()
@project_option
@json_option
def episodes(project_opt: Optional[str]) -> None:
    """List a project's episodes."""
    client = get_client()
    proj = project_from_option(client, project_opt)
    output(shot_ops.all_episodes_for_project(proj, client=client), [("NAME", "name"), ("ID", "id")])


def _task_status(client: KitsuClient, short_name: str) -> Any:
    found = task_ops.get_task_status_by_short_name(short_name, client=client)
    if found is None and is_uuid(short_name):
        found = task_ops.get_task_status(short_name.strip(), client=client)
    if found is None:
        found = task_ops.get_task_status_by_name(short_name, client=client)
    if found is None:
        fail(f"Task status not found: {short_name}")
    return found


def _task_type(client: KitsuClient, name: str) -> Any:
    found = task_ops.get_task_type_by_name(name, client=client)
    if found is None:
        fail(f"Task type not found: {name}")
    return found


def _with_names(client: KitsuClient, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Task rows as Zou's plain listing gives them lack the type and status names the table
    shows: add them (two cached lookups), leaving what is there."""
    if not rows or all("task_type_name" in row and "task_status_name" in row for row in rows):
        return rows
    types = {t["id"]: t["name"] for t in task_ops.all_task_types(client=client)}
    statuses = {s["id"]: s["short_name"] for s in task_ops.all_task_statuses(client=client)}
    out = []
    for row in rows:
        row = dict(row)
        row.setdefault("task_type_name", types.get(row.get("task_type_id", "")))
        row.setdefault("task_status_name", statuses.get(row.get("task_status_id", "")))
        out.append(row)
    return out


@click.command()
@project_option
@click.option("--type", "-t", "task_type", help="Only tasks of this type (name).")
@click.option("--status", "-s", "task_status", help="Only tasks with this status (short name).")
@json_option
def tasks(project_opt: Optional[str], task_type: Optional[str], task_status: Optional[str]) -> None:
    """List a project's tasks."""
    client = get_client()
    proj = project_from_option(client, project_opt)
    data: list[dict[str, Any]]
    if task_type and task_status:
        data = [
            dict(row)
            for row in task_ops.all_tasks_for_task_status(
                proj, _task_type(client, task_type), _task_status(client, task_status),
                client=client,
            )
        ]  # fmt: skip
    elif task_type:
        found_type = _task_type(client, task_type)
        data = [
            dict(row) for row in task_ops.all_tasks_for_task_type(proj, found_type, client=client)
        ]
    else:
        data = client.fetch_all("tasks", {"project_id": proj["id"]})
        if task_status:
            wanted = _task_status(client, task_status)["id"]
            data = [row for row in data if row.get("task_status_id") == wanted]
    output(_with_names(client, data), _TASK_COLUMNS)


@click.command()
@click.argument("task_id")
@json_option
def task(task_id: str) -> None:
    """Show a task by id."""
    data = task_ops.get_task(task_id.strip(), client=get_client())
    output(
        data,
        [*_TASK_COLUMNS[:4], ("PROJECT", "project_name"), ("DESCRIPTION", "description"),
         ("ID", "id")],
    )  # fmt: skip


@click.command()
@click.option("--task", "-t", "task_id", required=True, help="Task id.")
@click.option("--status", "-s", "status_short", required=True,
              help="Task status short name (e.g. wip, done, todo).")  # fmt: skip
@click.option("--message", "-m", default="", help="Comment text.")
@json_option
def comment(task_id: str, status_short: str, message: str) -> None:
    """Comment on a task and set its status."""
    client = get_client()
    status = _task_status(client, status_short)
    result = task_ops.add_comment(task_id.strip(), status, comment=message, client=client)
    if wants_json():
        echo_json(result)
    else:
        click.echo(f"Comment posted (ID: {result.get('id')})")


@click.command()
@json_option
def persons() -> None:
    """List people."""
    output(
        person_ops.all_persons(client=get_client()),
        [("FIRST NAME", "first_name"), ("LAST NAME", "last_name"), ("EMAIL", "email"),
         ("ROLE", "role"), ("ID", "id")],
    )  # fmt: skip


@click.command("my-tasks")
@click.option("--done", is_flag=True, help="Show done tasks instead.")
@json_option
def my_tasks(done: bool) -> None:
    """List the tasks assigned to you (to do, or done with --done)."""
    client = get_client()
    data = (
        user_ops.all_done_tasks(client=client) if done else user_ops.all_tasks_to_do(client=client)
    )
    output(
        data,
        [("PROJECT", "project_name"), ("ENTITY", "entity_name"), ("TYPE", "task_type_name"),
         ("STATUS", "task_status_name"), ("ID", "id")],
    )  # fmt: skip


@click.command()
@click.argument("query")
@project_option
@json_option
def search(query: str, project_opt: Optional[str]) -> None:
    """Search assets, shots and people across the Kitsu (or in one project)."""
    client = get_client()
    proj = resolve_project(client, project_opt) if project_opt else None
    data = search_ops.search_entities(query, project=proj, client=client)
    if wants_json():
        echo_json(data)
        return
    found = False
    for kind, entities in data.items():
        if entities:
            found = True
            click.echo(f"\n{kind.upper()} ({len(entities)})")
            click.echo("-" * 40)
            for entity in entities:
                name = entity.get("name") or entity.get("full_name") or ""
                click.echo(f"  {name}  ({entity.get('id', '')})")
    if not found:
        click.echo("No results.")


@click.command("shot-casting")
@click.argument("shot_id")
@json_option
def shot_casting(shot_id: str) -> None:
    """Show the assets cast in a shot."""
    client = get_client()
    found = shot_ops.get_shot(shot_id.strip(), client=client)
    data = casting_ops.get_shot_casting(found, client=client)
    if wants_json():
        echo_json(data)
        return
    if not data:
        click.echo("No casting for this shot.")
        return
    for entry in data:
        name = entry.get("asset_name") or entry.get("name") or entry.get("asset_id")
        click.echo(f"  {name} (x{entry.get('nb_occurences', 1)})")


@click.command("asset-types")
@project_option
@json_option
def asset_types(project_opt: Optional[str]) -> None:
    """List asset types (a project's with --project)."""
    client = get_client()
    data = (
        asset_ops.all_asset_types_for_project(resolve_project(client, project_opt), client=client)
        if project_opt
        else asset_ops.all_asset_types(client=client)
    )
    output(data, [("NAME", "name"), ("ID", "id")])


@click.command("task-types")
@project_option
@json_option
def task_types(project_opt: Optional[str]) -> None:
    """List task types (a project's with --project)."""
    client = get_client()
    data = (
        task_ops.all_task_types_for_project(resolve_project(client, project_opt), client=client)
        if project_opt
        else task_ops.all_task_types(client=client)
    )
    output(data, [("NAME", "name"), ("FOR", "for_entity"), ("ID", "id")])


@click.command("task-statuses")
@project_option
@json_option
def task_statuses(project_opt: Optional[str]) -> None:
    """List task statuses (a project's with --project)."""
    client = get_client()
    data = (
        task_ops.all_task_statuses_for_project(resolve_project(client, project_opt), client=client)
        if project_opt
        else task_ops.all_task_statuses(client=client)
    )
    output(data, [("NAME", "name"), ("SHORT", "short_name"), ("ID", "id")])
