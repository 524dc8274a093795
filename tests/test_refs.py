"""Id normalization at the edge."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from kitsu_sdk._core.refs import is_id, require_name, to_id, to_ids, to_optional_id
from kitsu_sdk.exception import InvalidIdError, InvalidInputError

ID = "A1B2C3D4-0000-4000-8000-000000000001"


def test_accepts_id_dict_and_object() -> None:
    assert to_id(ID) == ID.lower()
    assert to_id({"id": ID, "name": "SH010"}) == ID.lower()
    assert to_id(SimpleNamespace(id=ID)) == ID.lower()


def test_a_name_where_an_id_belongs_says_so() -> None:
    with pytest.raises(InvalidIdError, match="expected a Kitsu id or an entity dict, got 'SH010'"):
        to_id("SH010")


@pytest.mark.parametrize("bad", [None, 12, {"name": "x"}, "", "../../etc", ID + "0", [ID]])
def test_bad_refs(bad: object) -> None:
    with pytest.raises(InvalidIdError):
        to_id(bad)


def test_invalid_id_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        to_id("nope")


def test_lists_of_refs() -> None:
    assert to_ids([ID, {"id": ID}]) == [ID.lower()] * 2
    assert to_ids({"id": ID}) == [ID.lower()]
    assert to_ids(None) == []
    with pytest.raises(InvalidIdError):
        to_ids([ID, "SH010"])


def test_optional_and_names() -> None:
    assert to_optional_id(None) is None
    assert is_id(ID) and not is_id("x")
    assert require_name("  SH010 ") == "SH010"
    for bad in ("", "   ", None, 3):
        with pytest.raises(InvalidInputError):
            require_name(bad)


def test_entity_dict_copies_and_checks_the_id() -> None:
    from kitsu_sdk._core.refs import entity_dict

    given = {"id": ID, "name": "x"}
    out = entity_dict(given, "task")
    assert out == {"id": ID.lower(), "name": "x"} and out is not given
    with pytest.raises(InvalidInputError, match="task dict"):
        entity_dict(ID, "task")
    with pytest.raises(InvalidIdError):
        entity_dict({"name": "x"}, "task")


def test_iso_date() -> None:
    import datetime

    from kitsu_sdk._core.refs import iso_date

    assert iso_date(datetime.date(2026, 1, 2)) == "2026-01-02"
    assert iso_date(datetime.datetime(2026, 1, 2, 10, 30)) == "2026-01-02"
    assert iso_date(" 2026-01-02 ") == "2026-01-02"
    for bad in ("2026-02-30", "02/01/2026", "../x", None, 20260102):
        with pytest.raises(InvalidInputError, match="start"):
            iso_date(bad, "start")


def test_errors_echo_what_they_were_given_boundedly() -> None:
    from kitsu_sdk._core.refs import echo, iso_date, require_name, to_id

    huge = "x" * 100_000
    for call in (lambda: to_id(huge), lambda: iso_date(huge), lambda: require_name([huge])):
        with pytest.raises(ValueError) as info:
            call()
        assert len(str(info.value)) < 300 and "100" in str(info.value)
    assert echo("short") == "'short'"


def test_segment_escapes_or_refuses() -> None:
    from kitsu_sdk._core.call import check_route
    from kitsu_sdk._core.refs import segment
    from kitsu_sdk.exception import InvalidInputError

    assert segment("a b?c#d%e.txt") == "a%20b%3Fc%23d%25e.txt"
    for bad in ("", " ", ".", "..", "../x", "a/b", "a\\b", None, 1.5):
        with pytest.raises(InvalidInputError):
            segment(bad)
    check_route("data/attachment-files/x/file/a%3Fb.txt")
    for bad_path in ("data/../auth/logout", "data/x?y=1", "data/x#f", "data/%2e%2e/auth", "a\\b",
                     "data/a%2Fb"):  # fmt: skip
        with pytest.raises(InvalidInputError):
            check_route(bad_path)
