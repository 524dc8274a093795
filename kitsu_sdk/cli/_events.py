"""events tail: print Kitsu's events as they come (a line each, or JSON lines)."""

from __future__ import annotations

import fnmatch
import json
import sys
import threading
import time
from typing import Any, Optional

import click

from ._common import get_client, json_option, project_option, resolve_project, wants_json


@click.group()
def events() -> None:
    """Kitsu's events (live, through socket.io)."""


@events.command("tail")
@project_option
@click.option("--event", "-e", "names", multiple=True,
              help="Only events with this name; a glob (task:*) works; repeatable.")  # fmt: skip
@click.option("--max-events", "-n", type=click.IntRange(min=1), default=None,
              help="Stop after this many events.")  # fmt: skip
@click.option("--timeout", "-T", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Stop after this many seconds.")  # fmt: skip
@json_option
def tail(
    project_opt: Optional[str],
    names: tuple[str, ...],
    max_events: Optional[int],
    timeout: Optional[float],
) -> None:
    """Print events as they come until Ctrl-C (or --max-events, or --timeout).

    A line per event: its time, name and data; with --json, one JSON object per line
    ({"event", "data", "replayed"}). Exits 0 (also on --timeout).
    """
    from ..events import EventListener

    client = get_client()
    project_id = resolve_project(client, project_opt)["id"] if project_opt else None
    as_json = wants_json()
    seen = 0
    done = threading.Event()
    lock = threading.Lock()
    listener = EventListener(client, project=project_id, catch_up=False)

    @listener.on_any
    def show(name: str, data: Any, context: Any) -> None:
        nonlocal seen
        if names and not any(fnmatch.fnmatchcase(name, pattern) for pattern in names):
            return
        with lock:
            if done.is_set():
                return
            if as_json:
                line = json.dumps(
                    {"event": name, "data": data, "replayed": bool(context.replayed)},
                    default=str,
                )
            else:
                stamp = time.strftime("%H:%M:%S")
                line = f"{stamp} {name} {json.dumps(data, default=str, sort_keys=True)}"
            click.echo(line)
            sys.stdout.flush()
            seen += 1
            if max_events is not None and seen >= max_events:
                done.set()

    listener.start()
    try:
        if not as_json:
            click.echo(f"Listening to {client.event_host} (Ctrl-C to stop)", err=True)
        done.wait(timeout)
    except KeyboardInterrupt:
        pass
    finally:
        listener.stop()
