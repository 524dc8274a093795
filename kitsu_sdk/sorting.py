"""gazu's sorting helper (`gazu.sorting`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

__all__ = ["sort_by_name"]

M = TypeVar("M", bound=Mapping[str, Any])


def sort_by_name(dicts: list[M]) -> list[M]:
    """A new list of the dicts ordered by name, case-insensitively (no name sorts first)."""
    return sorted(dicts, key=lambda item: (item.get("name") or "").lower())
