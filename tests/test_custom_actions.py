"""kitsu_sdk.custom_actions: both ways Kitsu posts a custom action (a form post and an AJAX JSON
post, with their different field names) and the refusal of anything malformed."""

from __future__ import annotations

import dataclasses
import json
import sys
import uuid
from typing import Any
from urllib.parse import parse_qs, urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kitsu_sdk import InvalidInputError
from kitsu_sdk.custom_actions import (
    MAX_SELECTION,
    CustomActionRequest,
    parse_custom_action,
)

PERSON = str(uuid.UUID(int=1))
PROJECT = str(uuid.UUID(int=2))
TASKS = [str(uuid.UUID(int=10 + n)) for n in range(3)]


def form_fields(**changes: Any) -> dict[str, Any]:
    """What Kitsu's form post sends (the hidden inputs of its action panel)."""
    fields = {
        "personid": PERSON,
        "personemail": "jane@studio.test",
        "projectid": PROJECT,
        "currentpath": f"/productions/{PROJECT}/shots",
        "currentserver": "kitsu.studio.test",
        "selection": ",".join(TASKS),
        "entitytype": "shot",
    }
    fields.update(changes)
    return {k: v for k, v in fields.items() if v is not None}


def ajax_fields(**changes: Any) -> dict[str, Any]:
    """What Kitsu's AJAX post sends (a JSON object, other names)."""
    fields: dict[str, Any] = {
        "entitytype": "asset",
        "originurl": f"/productions/{PROJECT}/assets",
        "originserver": "127.0.0.1:8080",
        "selection": TASKS,
        "productionid": PROJECT,
        "userid": PERSON,
        "useremail": "jane@studio.test",
    }
    fields.update(changes)
    return fields


def test_a_form_post() -> None:
    body = urlencode(form_fields()).encode()
    request = parse_custom_action(body, "application/x-www-form-urlencoded")
    assert request == CustomActionRequest(
        person_id=PERSON,
        person_email="jane@studio.test",
        project_id=PROJECT,
        current_path=f"/productions/{PROJECT}/shots",
        current_server="kitsu.studio.test",
        selection=tuple(TASKS),
        entity_type="shot",
        ajax=False,
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        request.person_id = "x"  # type: ignore[misc]


def test_an_ajax_post() -> None:
    body = json.dumps(ajax_fields()).encode()
    request = parse_custom_action(body, "application/json; charset=utf-8")
    assert request.ajax is True
    assert request.entity_type == "asset"
    assert request.current_server == "127.0.0.1:8080"
    assert request.current_path == f"/productions/{PROJECT}/assets"
    assert request.selection == tuple(TASKS)
    assert (request.person_id, request.project_id) == (PERSON, PROJECT)


def test_the_encoding_is_sniffed_without_a_content_type() -> None:
    assert parse_custom_action(json.dumps(ajax_fields())).ajax is True
    assert parse_custom_action(urlencode(form_fields())).ajax is False


def test_decoded_mappings_from_web_frameworks() -> None:
    # request.form.to_dict(), parse_qs (one-item lists), request.get_json()
    assert parse_custom_action(form_fields()).selection == tuple(TASKS)
    assert parse_custom_action(parse_qs(urlencode(form_fields()))).selection == tuple(TASKS)
    assert parse_custom_action(ajax_fields()).ajax is True


def test_ids_are_lowercased_and_repeats_dropped() -> None:
    upper = TASKS[0].upper()
    request = parse_custom_action(
        form_fields(personid=PERSON.upper(), selection=f"{upper},{TASKS[0]}")
    )
    assert request.person_id == PERSON
    assert request.selection == (TASKS[0],)


def test_no_project_and_an_empty_selection() -> None:
    # A person's to-do list spans productions: Kitsu sends no production id there.
    assert parse_custom_action(form_fields(projectid="", selection="")).project_id is None
    request = parse_custom_action(ajax_fields(productionid=None, selection=[]))
    assert (request.project_id, request.selection) == (None, ())


def test_unknown_fields_are_ignored() -> None:
    assert parse_custom_action(ajax_fields(somethingnew=1)).entity_type == "asset"


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (b"", None, "personid"),
        (b"\xff\xfe", None, "not UTF-8"),
        (b"{not json", "application/json", "not valid JSON"),
        (b"[1, 2]", "application/json", "must be a JSON object"),
        (b"selection=1&&=", "application/x-www-form-urlencoded", "not a form post"),
        (b"<xml/>", "text/xml", "Content-Type"),
        (b"a=1", "multipart/form-data; boundary=x", "Content-Type"),
        (urlencode(form_fields(personid=None)).encode(), None, "'personid' (or 'userid')"),
        (urlencode(form_fields(entitytype=None)).encode(), None, "entitytype is missing"),
        (urlencode(form_fields(personid="Jane")).encode(), None, "person id must be a Kitsu id"),
        (urlencode(form_fields(projectid="x")).encode(), None, "project id must be a Kitsu id"),
        (urlencode(form_fields(selection="a,b")).encode(), None, "selection[0]"),
        (urlencode(form_fields(personemail="jane")).encode(), None, "not an address"),
        (urlencode(form_fields(currentserver="evil/path")).encode(), None, "host[:port]"),
        (urlencode(form_fields(currentpath="no-slash")).encode(), None, "must start with '/'"),
        (urlencode(form_fields(entitytype="Shot!")).encode(), None, "lowercase word"),
        (urlencode(form_fields(currentpath="/a\nb")).encode(), None, "control characters"),
        (urlencode(form_fields()).encode() + b"&personid=" + PERSON.encode(), None, "twice"),
        (b"a=1&" * 100, None, "not a form post"),
    ],
)
def test_malformed_bodies_are_refused(body: bytes, content_type: Any, message: str) -> None:
    with pytest.raises(InvalidInputError, match="custom action") as caught:
        parse_custom_action(body, content_type)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"userid": 42}, "must be a Kitsu id, got int"),
        ({"useremail": ["a@b.c"]}, "must be text, got list"),
        ({"selection": {"a": 1}}, "got dict"),
        ({"selection": [1]}, "selection[0] must be a Kitsu id, got int"),
        ({"selection": TASKS[:1] * (MAX_SELECTION + 1)}, "at most"),
        ({"entitytype": None}, "must be text, got NoneType"),
        ({"originurl": "/" + "x" * 5000}, "too long"),
        ({"personid": str(uuid.UUID(int=9))}, "both given and differ"),
    ],
)
def test_wrong_types_are_refused(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_custom_action(json.dumps(ajax_fields(**changes)), "application/json")
    assert message in str(caught.value)


def test_duplicate_json_keys_are_refused() -> None:
    body = json.dumps(ajax_fields())[:-1] + f', "userid": "{PERSON}"}}'
    with pytest.raises(InvalidInputError, match="given twice"):
        parse_custom_action(body, "application/json")


def test_oversized_and_deeply_nested_bodies() -> None:
    with pytest.raises(InvalidInputError, match="too large: 2049 bytes"):
        parse_custom_action(b"x" * 2049, max_bytes=2048)
    with pytest.raises(InvalidInputError, match="too large"):
        parse_custom_action("é" * 1500, max_bytes=2048)
    deep = "[" * (sys.getrecursionlimit() + 10) + "]" * (sys.getrecursionlimit() + 10)
    with pytest.raises(InvalidInputError, match="JSON"):
        parse_custom_action('{"x": ' + deep + "}", "application/json")
    with pytest.raises(InvalidInputError, match="max_bytes"):
        parse_custom_action(b"", max_bytes=0)
    with pytest.raises(InvalidInputError, match="bytes, text or a mapping"):
        parse_custom_action(42)  # type: ignore[arg-type]


def test_messages_stay_short_whatever_was_sent() -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_custom_action(json.dumps(ajax_fields(userid="x" * 100_000)), "application/json")
    assert len(str(caught.value)) < 200


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_any_body_parses_or_raises_invalid_input(body: bytes) -> None:
    for content_type in (None, "application/json", "application/x-www-form-urlencoded"):
        try:
            parse_custom_action(body, content_type)
        except InvalidInputError as error:
            assert len(str(error)) < 300


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(sorted(ajax_fields()) + sorted(form_fields())),
        st.none() | st.integers() | st.text(max_size=50) | st.lists(st.text(max_size=40)),
    )
)
def test_any_json_object_parses_or_raises_invalid_input(fields: dict[str, Any]) -> None:
    try:
        parse_custom_action(json.dumps({**ajax_fields(), **fields}), "application/json")
    except InvalidInputError:
        pass
