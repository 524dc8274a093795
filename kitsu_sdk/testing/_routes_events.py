"""data/events/last: the event log (zou/app/blueprints/events/resources.py, events_service)."""

from __future__ import annotations

import datetime
from typing import Any, Optional

from ._fake import Request, abort, forbidden, is_uuid, route

FILE_EVENTS = (
    "preview-file:add-file",
    "organisation:set-thumbnail",
    "person:set-thumbnail",
    "project:set-thumbnail",
)


def _date(value: Optional[str]) -> Optional[str]:
    """The parameter as a comparable "YYYY-MM-DDTHH:MM:SS.ffffff" string, or None."""
    if value is None:
        return None
    text = value.strip().replace(" ", "T")
    for form in ("%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            parsed = datetime.datetime.strptime(text, form)
        except ValueError:
            continue
        return parsed.strftime("%Y-%m-%dT%H:%M:%S.%f")
    raise abort(
        400,
        "Wrong date format for before argument.Expected format: 2020-01-05T13:23:10 or 2020-01-05",
        data=None,
    )


@route("GET", "data/events/last")
def last_events(req: Request) -> Any:
    project_id = req.arg("project_id")
    if project_id is not None and not is_uuid(project_id):
        raise abort(400, "The project_id parameter is not a valid id", data=None)
    req.require_manager()
    after, before = _date(req.arg("after")), _date(req.arg("before"))
    try:
        limit = min(int(req.arg("limit") or 100), 1000)
    except ValueError:
        raise abort(400, "Wrong limit value.", data=None) from None
    only_files = req.arg("only_files") == "true"
    name = req.arg("name")
    prefixes = req.query.get("name_prefixes", [])
    suffixes = req.query.get("name_suffixes", [])
    person_ids = req.query.get("person_ids", [])
    allowed: Optional[set[str]] = None
    if not req.is_admin:
        allowed = {p["id"] for p in req.store.all("projects") if req.in_team(p["id"])}
        if project_id is not None and project_id not in allowed:
            raise forbidden()
    cursor = req.arg("cursor_event_id")
    cursor_at: Optional[str] = None
    if cursor is not None:
        found = [e for e in req.fake.events if e["id"] == cursor]
        if not found:
            raise abort(400, f"No event found with id: {cursor}", data=None)
        cursor_at = found[0]["created_at"]
    chosen = []
    for event in reversed(req.fake.events):  # newest first
        at = event["created_at"]
        if after is not None and not at > after:
            continue
        if before is not None and not at < before:
            continue
        if cursor_at is not None and not at < cursor_at:
            continue
        if only_files and event["name"] not in FILE_EVENTS:
            continue
        if project_id is not None and event["project_id"] != project_id:
            continue
        if allowed is not None and event["project_id"] not in allowed:
            continue
        if person_ids and event["user_id"] not in person_ids:
            continue
        if name is not None and event["name"] != name:
            continue
        kind, _, action = event["name"].partition(":")
        if prefixes and kind not in prefixes:
            continue
        if suffixes and action not in suffixes:
            continue
        chosen.append(dict(event, created_at=at[:19]))
        if len(chosen) >= limit:
            break
    return chosen
