"""gazu's sorting helper (`gazu.sorting`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from ._core.errors import InvalidInputError

__all__ = ["sort_by_name"]

M = TypeVar("M", bound=Mapping[str, Any])


def sort_by_name(dicts: list[M]) -> list[M]:
    """A new list of the dicts ordered by name, case-insensitively (no name sorts first).

    Args:
        dicts: the dicts to sort (each may have a `name`).
    """
    if isinstance(dicts, (str, bytes)) or not all(isinstance(item, Mapping) for item in dicts):
        raise InvalidInputError("sort_by_name needs a list of dicts")
    return sorted(dicts, key=lambda item: str(item.get("name") or "").lower())
