"""Lazy iteration over Zou's paginated routes, whichever of its two envelopes they answer with.

Zou pages either as `{data, total, nb_pages, page, limit}` (generic CRUD, tasks, comments…) or as
`{data, page, limit, is_more}` (open tasks). A route that ignores `page` answers a plain list.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Callable, Optional

from . import constants as C


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
        body = self._fetch(page_params(self._params, page, self._page_size))
        result = read_page(body, page)
        if result.total is not None:
            self.total = result.total
        if result.nb_pages is not None:
            self.nb_pages = result.nb_pages
        self._next_page = result.next_page
        return result.items


class Page:
    """One page, read: its items, Zou's counts when given, and the next page number or None."""

    __slots__ = ("items", "total", "nb_pages", "next_page")

    def __init__(
        self,
        items: list[dict[str, Any]],
        total: Optional[int],
        nb_pages: Optional[int],
        next_page: Optional[int],
    ) -> None:
        self.items = items
        self.total = total
        self.nb_pages = nb_pages
        self.next_page = next_page


def page_params(params: Mapping[str, Any], page: int, page_size: int) -> dict[str, Any]:
    """The query for one page (the caller's params are never changed)."""
    return {**params, "page": page, "limit": page_size}


def read_page(body: Any, page: int) -> Page:
    """Read one answer of a paginated route, whichever envelope it has. Pure."""
    if isinstance(body, list):
        # The route does not paginate: everything came at once.
        return Page(list(body), len(body), None, None)
    if not isinstance(body, dict) or not isinstance(body.get("data"), list):
        raise TypeError(f"not a paginated answer: {type(body).__name__}")
    items: list[dict[str, Any]] = list(body["data"])
    total = int(body["total"]) if "total" in body else None
    nb_pages = int(body["nb_pages"]) if "nb_pages" in body else None
    more = page < nb_pages if nb_pages is not None else bool(body.get("is_more"))
    return Page(items, total, nb_pages, page + 1 if more and items else None)
