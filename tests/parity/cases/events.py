"""gazu.events: the login logs and the listener helpers that need no socket."""

from __future__ import annotations

from cases import read

CASES = [
    read("events.get_last_login_logs", kw={"limit": 3}),
    read(
        "events.get_last_login_logs",
        kw={"after": "2024-01-01", "before": "2024-01-02T00:00:00", "limit": 5},
        label="range",
    ),
    read("events.get_last_login_logs", kw={"person_ids": ["{person}"]}, label="persons"),
    read("events.get_last_login_logs", kw={"after": "yesterday"}, label="bad date"),
    read("events.connect_error", "boom"),
]
