"""Lazy iteration over Zou's paginated routes (implemented in the core, `_core/pagination.py`)."""

from __future__ import annotations

from ._core.pagination import PageIterator

__all__ = ["PageIterator"]
