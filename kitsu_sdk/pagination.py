"""Lazy iteration over Zou's paginated routes, whichever of its two envelopes they answer with.

Zou pages either as `{data, total, nb_pages, page, limit}` (generic CRUD, tasks, comments…) or as
`{data, page, limit, is_more}` (open tasks). A route that ignores `page` answers a plain list.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Callable, Optional

from . import _constants as C


class PageIterator(Iterator[dict[str, Any]]):
    """Iterates over every item of a paginated route, fetching one page at a time.

    Attributes:
        total: the item count Zou reported (None until the first page, or if Zou gives none).
        nb_pages: the page count Zou reported, when it does.
    """

    def __init__(
        self,
        fetch: Callable[[dict[str, Any]], Any],
        params: Optional[Mapping[str, Any]] = None,
        *,
        page_size: int = C.DEFAULT_PAGE_SIZE,
        max_items: Optional[int] = None,
        first_page: int = 1,
    ) -> None:
        if page_size < 1:
            raise ValueError("page_size must be at least 1")
        self._fetch = fetch
        self._params = dict(params or {})
        self._page_size = page_size
        self._max_items = max_items
        self._next_page: Optional[int] = first_page
        self._buffer: list[dict[str, Any]] = []
        self._yielded = 0
        self.total: Optional[int] = None
        self.nb_pages: Optional[int] = None

    def __iter__(self) -> PageIterator:
        return self

    def __next__(self) -> dict[str, Any]:
        if self._max_items is not None and self._yielded >= self._max_items:
            raise StopIteration
        while not self._buffer:
            if self._next_page is None:
                raise StopIteration
            self._buffer = self._load(self._next_page)
        self._yielded += 1
        return self._buffer.pop(0)

    def pages(self) -> Iterator[list[dict[str, Any]]]:
        """Iterate page by page instead of item by item."""
        while self._next_page is not None:
            page = self._load(self._next_page)
            if page:
                yield page

    def _load(self, page: int) -> list[dict[str, Any]]:
        params = {**self._params, "page": page, "limit": self._page_size}
        body = self._fetch(params)
        if isinstance(body, list):
            # The route does not paginate: everything came at once.
            self._next_page = None
            self.total = len(body)
            return list(body)
        if not isinstance(body, dict) or not isinstance(body.get("data"), list):
            raise TypeError(f"not a paginated answer: {type(body).__name__}")
        items: list[dict[str, Any]] = body["data"]
        if "total" in body:
            self.total = int(body["total"])
        if "nb_pages" in body:
            self.nb_pages = int(body["nb_pages"])
            more = page < self.nb_pages
        else:
            more = bool(body.get("is_more"))
        self._next_page = page + 1 if more and items else None
        return list(items)
