"""Lazy iteration over Zou's paginated routes, whichever of its two envelopes they answer with.

Zou pages either as `{data, total, nb_pages, page, limit}` (generic CRUD, tasks, comments…) or as
`{data, page, limit, is_more, stats}` (open tasks). A route that ignores `page` answers a plain
list.

Zou's counts are not trusted alone: 1.0.97's open-tasks route computes `is_more` from a count
taken after the page offset, so it says "no more" pages early on a large database, and its sort
order is not unique, so an item can come on two pages. A walk goes on while pages come back
full or Zou's counts say there is more, and drops items it already gave (by id).
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
        self._walk = PageWalk(page_size, first_page)
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
        items = self._walk.take(body, page)
        self.total = self._walk.total
        self.nb_pages = self._walk.nb_pages
        self._next_page = self._walk.next_page
        return items


class PageWalk:
    """The state of one walk over a paginated route: which page comes next, the ids already
    given (an item on two pages is given once), Zou's counts. Pure: the caller fetches."""

    __slots__ = ("page_size", "next_page", "total", "nb_pages", "given", "_seen")

    def __init__(self, page_size: int, first_page: int = 1) -> None:
        self.page_size = page_size
        self.next_page: Optional[int] = first_page
        self.total: Optional[int] = None
        self.nb_pages: Optional[int] = None
        self.given = 0
        self._seen: set[Any] = set()

    def take(self, body: Any, page: int) -> list[dict[str, Any]]:
        """The new items of one page's answer; sets `next_page` (None when the walk is over)."""
        result = read_page(body, page, self.page_size)
        if result.total is not None:
            self.total = result.total
        if result.nb_pages is not None:
            self.nb_pages = result.nb_pages
        fresh = []
        for item in result.items:
            key = item.get("id") if isinstance(item, dict) else None
            if key is not None:
                if key in self._seen:
                    continue
                self._seen.add(key)
            fresh.append(item)
        self.given += len(fresh)
        more = result.next_page is not None
        if more and not fresh:
            more = False  # a page of items already given: the route is going round
        elif not more and self.total is not None and self.given < self.total and result.items:
            more = True  # Zou's own total says there is more than it paged
        self.next_page = page + 1 if more else None
        return fresh


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


def read_page(body: Any, page: int, page_size: Optional[int] = None) -> Page:
    """Read one answer of a paginated route, whichever envelope it has. Pure.

    There is a next page when Zou's page count says so, or its `is_more`, or when the page came
    back full (`page_size` items: `is_more` alone stops early on Zou 1.0.97).
    """
    if isinstance(body, list):
        # The route does not paginate: everything came at once.
        return Page(list(body), len(body), None, None)
    if not isinstance(body, dict) or not isinstance(body.get("data"), list):
        raise TypeError(f"not a paginated answer: {type(body).__name__}")
    items: list[dict[str, Any]] = list(body["data"])
    total = _count(body.get("total"))
    stats = body.get("stats")
    if total is None and isinstance(stats, dict):
        total = _count(stats.get("total"))
    nb_pages = _count(body.get("nb_pages"))
    if nb_pages is not None:
        more = page < nb_pages
    else:
        full = page_size is not None and len(items) >= page_size
        more = bool(body.get("is_more")) or full
    return Page(items, total, nb_pages, page + 1 if more and items else None)


def _count(value: Any) -> Optional[int]:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
