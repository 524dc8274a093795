"""The `kitsu` group: commands are listed here with their one-line help and imported from their
module only when run (so `kitsu --help` imports neither requests nor socketio), and every
KitsuError a command raises becomes one line on stderr and exit status 1."""

from __future__ import annotations

import importlib
from typing import Any, Optional

import click

from .._core.version import __version__

#: name -> (module, attribute, one-line help). gazu-cli's twenty commands, then ours.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "login": ("_session", "login", "Log in to a Kitsu and store the session (never the password)."),
    "logout": ("_session", "logout", "Revoke the stored session on the server and delete it."),
    "status": ("_session", "status", "Show the host, API version and user (and where from)."),
    "projects": ("_listings", "projects", "List open projects (--all: closed ones too)."),
    "project": ("_listings", "project", "Show a project by name or id."),
    "assets": ("_listings", "assets", "List a project's assets."),
    "asset": ("_listings", "asset", "Show an asset by name or id."),
    "asset-types": ("_listings", "asset_types", "List asset types."),
    "shots": ("_listings", "shots", "List a project's shots."),
    "sequences": ("_listings", "sequences", "List a project's sequences."),
    "episodes": ("_listings", "episodes", "List a project's episodes."),
    "shot-casting": ("_listings", "shot_casting", "Show the assets cast in a shot."),
    "tasks": ("_listings", "tasks", "List a project's tasks."),
    "task": ("_listings", "task", "Show a task by id."),
    "task-types": ("_listings", "task_types", "List task types."),
    "task-statuses": ("_listings", "task_statuses", "List task statuses."),
    "comment": ("_listings", "comment", "Comment on a task and set its status."),
    "persons": ("_listings", "persons", "List people."),
    "my-tasks": ("_listings", "my_tasks", "List your tasks to do (--done: done ones)."),
    "search": ("_listings", "search", "Search assets, shots and people."),
    "publish": ("_transfer", "publish", "Upload a preview to a task, with a comment and status."),
    "download": ("_transfer", "download", "Download a preview or an attachment."),
    "events": ("_events", "events", "Follow Kitsu's events (events tail)."),
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use; the help lists them from COMMANDS."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> Optional[click.Command]:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module = importlib.import_module(f"{__package__}.{entry[0]}")
        command: click.Command = getattr(module, entry[1])
        self.commands[cmd_name] = command
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx) if name in COMMANDS]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        from .._core.errors import KitsuError

        try:
            return super().invoke(ctx)
        except KitsuError as error:
            from ._common import describe_error

            click.echo(describe_error(error), err=True)
            ctx.exit(1)


@click.group(cls=LazyGroup)
@click.option("--json", "use_json", is_flag=True, help="Output as JSON (every listing).")
@click.version_option(version=__version__, prog_name="kitsu")
@click.pass_context
def cli(ctx: click.Context, use_json: bool) -> None:
    """kitsu: the command line of Kitsu (kitsu_sdk).

    Configured by `kitsu login`, or by KITSU_HOST with KITSU_TOKEN or KITSU_LOGIN and
    KITSU_PASSWORD (which win over the stored session), KITSU_EVENT_HOST, KITSU_TIMEOUT,
    KITSU_CA_BUNDLE. KITSU_PROJECT names the default --project.
    """
    ctx.ensure_object(dict)
    ctx.obj["json"] = use_json
