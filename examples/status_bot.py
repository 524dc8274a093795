"""An automation bot that reacts to task status changes and misses none, even across restarts.

It listens to Kitsu's live events (`kitsu_sdk.events.EventListener`, "task:status-changed"),
but takes each change from Zou's stored event log (`kitsu_sdk.events.get_last_events`), which
gives every event an id and a time: a live event only wakes it up. After handling an event it
writes the event's time and id to a small state file (atomically); on start it reads the log
from that point, so the changes made while it was down are handled first, once each, oldest
first. A log read also runs every `--poll` seconds in case a wake-up is lost.

The reaction here: it writes the new status on the task's metadata (`data.status_bot`) and
prints one JSON line per event. Put your own in `react()` (notify, sync a tracker, kick a
render...). Reading the stored log takes a manager's or an admin's account (a bot token).

    python examples/status_bot.py --project "My Show" --state bot-state.json
    python examples/status_bot.py --project ID --max-events 1 --timeout 60   # a smoke test

Reads KITSU_HOST, KITSU_EVENT_HOST (optional) and KITSU_LOGIN/KITSU_PASSWORD (or KITSU_TOKEN).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import signal
import sys
import tempfile
import threading
import time
import uuid
from typing import Any, Optional

from kitsu_sdk import KitsuClient, events

EVENT = "task:status-changed"
#: How far before the last handled event the log is read again (Zou stores times to the
#: second and filters with a strict "after"): the ids already handled are skipped.
OVERLAP = datetime.timedelta(seconds=2)
#: Ids remembered in the state file (the events of the overlap window, and some more).
KEEP_IDS = 500
#: Pauses before reading the log again when a live event woke the bot but the log did not show
#: it yet.
RETRY_PAUSES = (0.2, 0.5, 1.0, 2.0)


def connect() -> KitsuClient:
    """A client from the environment (KITSU_HOST, and KITSU_TOKEN or KITSU_LOGIN +
    KITSU_PASSWORD; see kitsu_sdk.config): it logs in on its first request."""
    return KitsuClient.from_env()


class State:
    """The last handled event's time and the recent ids, kept in a JSON file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.created_at: Optional[str] = None
        self.ids: list[str] = []
        if os.path.exists(path):
            with open(path, encoding="utf-8") as handle:
                saved = json.load(handle)
            self.created_at = saved.get("created_at")
            self.ids = list(saved.get("ids") or [])

    @property
    def known(self) -> bool:
        return self.created_at is not None

    def after(self) -> Optional[str]:
        """The `after` of the next log read: the last event's time less the overlap."""
        if self.created_at is None:
            return None
        moment = datetime.datetime.strptime(self.created_at[:19], "%Y-%m-%dT%H:%M:%S")
        return (moment - OVERLAP).strftime("%Y-%m-%dT%H:%M:%S")

    def mark(self, event: dict[str, Any]) -> None:
        self.created_at = max(self.created_at or "", str(event["created_at"]))
        self.ids = [*self.ids, str(event["id"])][-KEEP_IDS:]
        self.save()

    def save(self) -> None:
        folder = os.path.dirname(os.path.abspath(self.path))
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".status-bot-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"created_at": self.created_at, "ids": self.ids}, handle)
        os.replace(temporary, self.path)


class Bot:
    def __init__(self, client: KitsuClient, project_id: Optional[str], state: State) -> None:
        self.client = client
        self.project_id = project_id
        self.state = state
        self.handled = 0
        self.statuses = {s["id"]: s for s in client.task.all_task_statuses()}

    def unseen(self) -> list[dict[str, Any]]:
        """The stored status changes not handled yet, oldest first."""
        rows = events.get_last_events(
            limit=5000,
            project=self.project_id,
            name=EVENT,
            after=self.state.after(),
            client=self.client,
        )
        seen = set(self.state.ids)
        return [row for row in reversed(rows) if row["id"] not in seen]

    def drain(self, caught_up: bool = False) -> int:
        """Handle every unseen change; returns how many."""
        count = 0
        for row in self.unseen():
            self.react(row, caught_up)
            self.state.mark(row)
            self.handled += 1
            count += 1
        return count

    def react(self, event: dict[str, Any], caught_up: bool) -> None:
        data = event.get("data") or {}
        status = self.status_name(data.get("new_task_status_id"))
        previous = self.status_name(data.get("previous_task_status_id"))
        task_id = data["task_id"]
        self.client.task.update_task_data(
            task_id, {"status_bot": {"status": status, "event_id": event["id"]}}
        )
        line = {
            "event_id": event["id"],
            "created_at": event["created_at"],
            "task_id": task_id,
            "status": status,
            "previous": previous,
            "caught_up": caught_up,
        }
        print(json.dumps(line), flush=True)

    def status_name(self, status_id: Optional[str]) -> Optional[str]:
        if status_id is None:
            return None
        if status_id not in self.statuses:  # a status created since the bot started
            self.statuses = {s["id"]: s for s in self.client.task.all_task_statuses()}
        status = self.statuses.get(status_id)
        return status["short_name"] if status else status_id


def find_project(client: KitsuClient, given: Optional[str]) -> Optional[str]:
    if given is None:
        return None
    try:
        return str(uuid.UUID(given))
    except ValueError:
        project = client.project.get_project_by_name(given)
        if not project:
            raise SystemExit(f"no production {given!r}") from None
        return str(project["id"])


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", help="only this production (name or id); default all")
    parser.add_argument("--state", default="status-bot-state.json", help="the state file")
    parser.add_argument("--max-events", type=int, help="stop after handling this many")
    parser.add_argument("--timeout", type=float, help="stop after this many seconds")
    parser.add_argument("--poll", type=float, default=30.0, help="read the log this often (s)")
    args = parser.parse_args(argv)

    client = connect()
    state = State(args.state)
    bot = Bot(client, find_project(client, args.project), state)
    if not state.known:
        # First run: start from the newest stored change (the history is not replayed).
        newest = events.get_last_events(1, project=bot.project_id, name=EVENT, client=client)
        if newest:
            state.mark(newest[0])
            # The log's times are to the second: changes stored in the same seconds as the
            # newest one are history too, so their ids are remembered as handled.
            for row in bot.unseen():
                state.mark(row)

    wake = threading.Event()
    stop = threading.Event()

    def on_signal(*_: Any) -> None:
        stop.set()
        wake.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    deadline = time.monotonic() + args.timeout if args.timeout else None

    def finished() -> bool:
        if stop.is_set() or (deadline is not None and time.monotonic() >= deadline):
            return True
        return args.max_events is not None and bot.handled >= args.max_events

    listener = events.EventListener(client, project=bot.project_id)
    listener.on(EVENT, lambda data: wake.set())
    with listener:  # live first, then the log: nothing stored meanwhile can fall in between
        caught_up = bot.drain(caught_up=True)
        print(json.dumps({"ready": True, "caught_up": caught_up}), flush=True)
        while not finished():
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            woken = wake.wait(min(args.poll, remaining) if remaining is not None else args.poll)
            wake.clear()
            if finished():
                break
            count = bot.drain()
            for pause in RETRY_PAUSES if woken and not count else ():
                time.sleep(pause)  # the live event may come before the log shows it
                if bot.drain() or finished():
                    break
    client.log_out()
    return 0


if __name__ == "__main__":
    sys.exit(main())
