"""kitsu_sdk.files' output types and file statuses against a mocked Zou: routes, lookups by name
(exact match first), get-or-create, and bad input raising before any request."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import responses
from unit_helpers import expect

from kitsu_sdk import KitsuClient
from kitsu_sdk import files as F
from kitsu_sdk.exception import InvalidIdError, InvalidInputError

OT = "a1b2c3d4-0000-4000-8000-000000000040"
ENTITY = "a1b2c3d4-0000-4000-8000-000000000041"
INSTANCE = "a1b2c3d4-0000-4000-8000-000000000042"
SCENE = "a1b2c3d4-0000-4000-8000-000000000043"
STATUS = "a1b2c3d4-0000-4000-8000-000000000044"

GEOMETRY = {"id": OT, "name": "Geometry", "short_name": "geo", "type": "OutputType"}
WIP = {"id": STATUS, "name": "WIP", "color": "#00FF00", "type": "FileStatus"}


def wrong(value: object) -> Any:
    """A value of the wrong type, passed on purpose (typed Any for mypy)."""
    return value


def test_output_type_listings(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "GET", "data/output-types", answer=[GEOMETRY])
    assert F.all_output_types(client=client) == [GEOMETRY]
    expect(api, "GET", f"data/entities/{ENTITY}/output-types", answer=[GEOMETRY])
    assert F.all_output_types_for_entity({"id": ENTITY}, client=client) == [GEOMETRY]
    route = f"data/asset-instances/{INSTANCE}/entities/{SCENE}/output-types"
    expect(api, "GET", route, answer=[])
    assert F.all_output_types_for_asset_instance({"id": INSTANCE}, SCENE, client=client) == []


def test_get_output_type_and_by_name(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "GET", f"data/output-types/{OT}", answer=GEOMETRY)
    assert F.get_output_type(OT, client=client) == GEOMETRY
    # Zou's name filter ignores case: the exact name wins
    other = {**GEOMETRY, "id": "x", "name": "GEOMETRY"}
    expect(api, "GET", "data/output-types", query={"name": "Geometry"}, answer=[other, GEOMETRY])
    assert F.get_output_type_by_name("Geometry", client=client) == GEOMETRY
    expect(api, "GET", "data/output-types", query={"name": "Cache"}, answer=[])
    assert F.get_output_type_by_name("Cache", client=client) is None


def test_new_output_type_returns_an_existing_one(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    expect(api, "GET", "data/output-types", query={"name": "Geometry"}, answer=[GEOMETRY])
    assert F.new_output_type("Geometry", "geo", client=client) == GEOMETRY
    assert [call.request.method for call in api.calls] == ["GET"]


def test_new_output_type_creates_a_missing_one(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    expect(api, "GET", "data/output-types", query={"name": "Cache"}, answer=[])
    made = {"id": OT, "name": "Cache", "short_name": "abc"}
    expect(api, "POST", "data/output-types", body={"name": "Cache", "short_name": "abc"},
           answer=made, status=201)  # fmt: skip
    assert F.new_output_type("Cache", "abc", client=client) == made


def test_file_statuses(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "GET", f"data/file-status/{STATUS}", answer=WIP)
    assert F.get_file_status(STATUS, client=client) == WIP
    expect(api, "GET", "data/file-status", query={"name": "WIP"}, answer=[WIP])
    assert F.get_file_status_by_name("WIP", client=client) == WIP
    assert F.new_file_status("WIP", "#FF0000", client=client) == WIP  # found, left unchanged
    expect(api, "GET", "data/file-status", query={"name": "Done"}, answer=[])
    assert F.get_file_status_by_name("Done", client=client) is None
    made = {"id": STATUS, "name": "Done", "color": "#0f0"}
    expect(api, "POST", "data/file-status", body={"name": "Done", "color": "#0f0"}, answer=made)
    assert F.new_file_status("Done", "#0f0", client=client) == made


@pytest.mark.parametrize(
    "call",
    [
        lambda c: F.all_output_types_for_entity("SH010", client=c),
        lambda c: F.all_output_types_for_asset_instance(INSTANCE, "SC01", client=c),
        lambda c: F.all_output_types_for_asset_instance(wrong(None), SCENE, client=c),
        lambda c: F.get_output_type("Geometry", client=c),
        lambda c: F.get_output_type_by_name("", client=c),
        lambda c: F.get_output_type_by_name(wrong(None), client=c),
        lambda c: F.new_output_type(" ", "geo", client=c),
        lambda c: F.new_output_type("Geometry", wrong(None), client=c),
        lambda c: F.new_file_status("WIP", "green", client=c),
        lambda c: F.new_file_status("WIP", "#12345", client=c),
        lambda c: F.new_file_status("", "#00FF00", client=c),
        lambda c: F.get_file_status("WIP", client=c),
        lambda c: F.get_file_status_by_name(wrong(3), client=c),
    ],
)
def test_bad_input_raises_before_any_request(
    api: responses.RequestsMock, client: KitsuClient, call: Callable[[KitsuClient], Any]
) -> None:
    with pytest.raises((InvalidInputError, InvalidIdError)):
        call(client)
    assert len(api.calls) == 0
