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
        if params["page"] > len(self.pages):  # past the end, Zou answers an empty page
            return {"data": [], "page": params["page"], "is_more": False}
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
    assert len(fetch.asked) == 3  # page 2 was full: page 3 is asked, and is empty


def test_a_full_page_is_followed_even_when_is_more_says_no() -> None:
    # Zou 1.0.97's open tasks: is_more turns false too early on a large database.
    rows = [{"id": n} for n in range(7)]
    fetch = Pages(
        [
            {"data": rows[0:3], "page": 1, "is_more": True},
            {"data": rows[3:6], "page": 2, "is_more": False},
            {"data": rows[6:], "page": 3, "is_more": False},
        ]
    )
    assert list(PageIterator(fetch, page_size=3)) == rows
    assert [a["page"] for a in fetch.asked] == [1, 2, 3]


def test_stats_total_keeps_the_walk_going_and_is_reported() -> None:
    rows = [{"id": n} for n in range(5)]
    fetch = Pages(
        [
            {"data": rows[0:2], "is_more": False, "stats": {"total": 5}},
            {"data": rows[2:4], "is_more": False, "stats": {"total": 5}},
            {"data": rows[4:], "is_more": False, "stats": {"total": 5}},
        ]
    )
    pages = PageIterator(fetch, page_size=3)  # pages shorter than asked, counts say more
    assert list(pages) == rows and pages.total == 5


def test_an_item_on_two_pages_is_given_once_and_a_repeating_route_ends() -> None:
    a, b, c = {"id": "a"}, {"id": "b"}, {"id": "c"}
    fetch = Pages([{"data": [a, b], "is_more": True}, {"data": [b, c], "is_more": True}])
    assert list(PageIterator(fetch, page_size=2)) == [a, b, c]
    same = Pages([{"data": [a, b], "is_more": True}] * 50)
    assert list(PageIterator(same, page_size=2)) == [a, b]
    assert len(same.asked) == 2  # the second page held nothing new: the walk stops


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
