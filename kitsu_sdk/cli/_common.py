"""What the commands share: the client (from the environment or the stored session), output as
a table or JSON, name-or-id resolution, progress bars and error messages."""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from collections.abc import Sequence
from typing import Any, Callable, NoReturn, Optional, TypeVar

import click

from .. import project as project_ops
from .._client import KitsuClient
from .._core.errors import (
    AuthenticationError,
    KitsuError,
    LoginError,
    NotFoundError,
    PermissionDeniedError,
)
from ..config import client_from_settings, resolve_settings

F = TypeVar("F", bound=Callable[..., Any])
Columns = Sequence[tuple[str, str]]

_UUID = re.compile(
    r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$"
)


def fail(message: str) -> NoReturn:
    """Print `message` on stderr and exit with status 1."""
    click.echo(message, err=True)
    raise SystemExit(1)


def describe_error(error: KitsuError) -> str:
    """One line for a failed command (the SDK's messages never hold a token or password)."""
    if isinstance(error, LoginError):
        return f"Login failed: {error}"
    if isinstance(error, AuthenticationError):
        return f"Not logged in or session expired ({error}). Run: kitsu login"
    if isinstance(error, PermissionDeniedError):
        return f"Permission denied: {error}"
    if isinstance(error, NotFoundError):
        return f"Not found: {error}"
    return f"Error: {error}"


def is_uuid(value: str) -> bool:
    return bool(_UUID.match(value.strip()))


# -- the client ---------------------------------------------------------------------------------


def get_client(ctx: Optional[click.Context] = None) -> KitsuClient:
    """The command's client: explicit environment first, then the stored `kitsu login`
    session; one per invocation."""
    ctx = ctx or click.get_current_context()
    root = ctx.find_root()
    root.ensure_object(dict)
    client: Optional[KitsuClient] = root.obj.get("client")
    if client is None:
        settings = resolve_settings()
        if not settings.host:
            fail("Not logged in. Run: kitsu login --host <URL> (or set KITSU_HOST)")
        if settings.auth is None:
            fail(
                "Not logged in. Run: kitsu login (or set KITSU_TOKEN, or KITSU_LOGIN and "
                "KITSU_PASSWORD)"
            )
        client = client_from_settings(settings)
        root.obj["client"] = client
        root.call_on_close(client.close)
    return client


# -- output -------------------------------------------------------------------------------------


def json_option(fn: F) -> F:
    """`--json` on a command too (`kitsu projects --json`), as well as `kitsu --json projects`."""

    def remember(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
        if value:
            ctx.meta["kitsu.json"] = True
        return value

    return click.option(
        "--json",
        "_json",
        is_flag=True,
        expose_value=False,
        callback=remember,
        is_eager=True,
        help="Output as JSON.",
    )(fn)


def wants_json(ctx: Optional[click.Context] = None) -> bool:
    ctx = ctx or click.get_current_context()
    root = ctx.find_root()
    return bool(ctx.meta.get("kitsu.json") or (root.obj or {}).get("json"))


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, default=str, ensure_ascii=False))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, default=str)
    return " ".join(str(value).split())


def _is_terminal() -> bool:
    return sys.stdout.isatty()


def output(data: Any, columns: Columns, ctx: Optional[click.Context] = None) -> None:
    """A list as a table (rich on a terminal, aligned plain text in a pipe), one record as
    `HEADER: value` lines, or either as JSON with --json."""
    if wants_json(ctx):
        echo_json(data)
        return
    if not isinstance(data, list):
        data = data or {}
        for header, key in columns:
            click.echo(f"{header}: {_cell(data.get(key))}")
        return
    if not data:
        click.echo("No results.")
        return
    rows = [[_cell(row.get(key)) for _, key in columns] for row in data]
    headers = [header for header, _ in columns]
    if _is_terminal():
        from rich.console import Console
        from rich.table import Table

        table = Table(*headers, box=None, header_style="bold", pad_edge=False)
        for row in rows:
            table.add_row(*row)
        Console().print(table)
        return
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    for line in [headers, ["-" * w for w in widths], *rows]:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip())


# -- resolution ---------------------------------------------------------------------------------


def resolve_project(client: KitsuClient, name_or_id: str) -> dict[str, Any]:
    if is_uuid(name_or_id):
        return dict(project_ops.get_project(name_or_id.strip(), client=client))
    found = project_ops.get_project_by_name(name_or_id, client=client)
    if found is None:
        fail(f"Project not found: {name_or_id}")
    return dict(found or {})


def project_from_option(client: KitsuClient, value: Optional[str]) -> dict[str, Any]:
    """--project, else KITSU_PROJECT (or gazu-cli's GAZU_PROJECT)."""
    name_or_id = value or os.environ.get("KITSU_PROJECT") or os.environ.get("GAZU_PROJECT")
    if not name_or_id:
        fail("Project required: use --project or set KITSU_PROJECT.")
    return resolve_project(client, str(name_or_id))


def project_option(fn: F) -> F:
    return click.option("--project", "-p", "project_opt", help="Project name or id.")(fn)


# -- progress -----------------------------------------------------------------------------------


class Progress:
    """A rich progress bar on stderr when it is a terminal (nothing otherwise), fed by the
    SDK's `progress_callback(done, total)`."""

    def __init__(self, label: str, quiet: bool = False) -> None:
        self.label = label
        self.enabled = not quiet and sys.stderr.isatty()
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                DownloadColumn,
                TextColumn,
                TimeRemainingColumn,
                TransferSpeedColumn,
            )
            from rich.progress import Progress as Bar

            self._bar = Bar(
                TextColumn("{task.description}"),
                BarColumn(),
                DownloadColumn(),
                TransferSpeedColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
            )
            self._bar.__enter__()
            self._task = self._bar.add_task(self.label, total=None)
        return self

    def __call__(self, done: int, total: Optional[int]) -> None:
        if self._bar is not None:
            self._bar.update(self._task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


def with_client(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Pass the command's client as the first argument."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return fn(get_client(), *args, **kwargs)

    return wrapper
