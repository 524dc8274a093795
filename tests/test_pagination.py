"""The lazy page iterator over both Zou envelopes."""

from __future__ import annotations

from typing import Any

import pytest

from kitsu_sdk.pagination import PageIterator


class Pages:
    def __init__(self, pages: list[Any]) -> None:
        self.pages = pages
        self.asked: list[dict[str, Any]] = []

    def __call__(self, params: dict[str, Any]) -> Any:
        self.asked.append(dict(params))
        return self.pages[params["page"] - 1]


def test_nb_pages_envelope_is_lazy() -> None:
    fetch = Pages(
        [
            {"data": [1, 2], "nb_pages": 2, "page": 1, "limit": 2, "total": 3},
            {"data": [3], "nb_pages": 2, "page": 2, "limit": 2, "total": 3},
        ]
    )
    params = {"project_id": "p"}
    pages = PageIterator(fetch, params, page_size=2)
    assert fetch.asked == []
    assert next(pages) == 1
    assert pages.total == 3 and pages.nb_pages == 2
    assert len(fetch.asked) == 1
    assert list(pages) == [2, 3]
    assert fetch.asked == [
        {"project_id": "p", "page": 1, "limit": 2},
        {"project_id": "p", "page": 2, "limit": 2},
    ]
    assert params == {"project_id": "p"}


def test_is_more_envelope() -> None:
    fetch = Pages(
        [
            {"data": [1], "page": 1, "limit": 1, "is_more": True},
            {"data": [2], "page": 2, "limit": 1, "is_more": False},
        ]
    )
    assert list(PageIterator(fetch, page_size=1)) == [1, 2]
    assert len(fetch.asked) == 2


def test_plain_list_answer_stops() -> None:
    fetch = Pages([[1, 2, 3]])
    it = PageIterator(fetch)
    assert list(it) == [1, 2, 3]
    assert it.total == 3


def test_max_items_stops_early() -> None:
    fetch = Pages(
        [{"data": [1, 2], "page": 1, "is_more": True}, {"data": [3, 4], "page": 2, "is_more": True}]
    )
    assert list(PageIterator(fetch, page_size=2, max_items=3)) == [1, 2, 3]


def test_pages_and_empty_and_errors() -> None:
    fetch = Pages([{"data": [1, 2], "nb_pages": 2}, {"data": [3], "nb_pages": 2}])
    assert list(PageIterator(fetch, page_size=2).pages()) == [[1, 2], [3]]
    assert list(PageIterator(Pages([{"data": [], "nb_pages": 0}]))) == []
    with pytest.raises(TypeError):
        list(PageIterator(Pages([{"nope": 1}])))
    with pytest.raises(ValueError):
        PageIterator(fetch, page_size=0)
