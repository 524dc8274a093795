"""Helpers over lists of rows as Zou returns them: sort by name, and pick the row really named so.

Zou filters `name=` with ILIKE: case-insensitive, and `_`/`%` are wildcards, so the rows it returns
for "SQ_1" may include "SQA1", and "e01" may come back for "E01".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Optional


def sorted_by_name(rows: Optional[Iterable[Any]], key: str = "name") -> list[Any]:
    """Rows sorted by `key`, ignoring case (the order gazu returns)."""
    return sorted(rows or [], key=lambda row: str(row.get(key) or "").casefold())


def pick_by_name(rows: Optional[Iterable[Any]], name: str, key: str = "name") -> Optional[Any]:
    """The row whose `key` equals `name` exactly, else one equal ignoring case, else None."""
    candidates = list(rows or [])
    for row in candidates:
        if row.get(key) == name:
            return row
    folded = name.casefold()
    return next((row for row in candidates if str(row.get(key) or "").casefold() == folded), None)
