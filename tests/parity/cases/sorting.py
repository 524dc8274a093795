"""gazu.sorting."""

from __future__ import annotations

from cases import read

CASES = [
    read("sorting.sort_by_name", [{"name": "b"}, {"name": "A"}, {}, {"name": None}, {"name": "a"}]),
]
