"""kitsu_sdk.files' softwares against a mocked Zou: routes, lookup by name, get-or-create with
secondary extensions, the update body, and bad input raising before any request."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import responses
from unit_helpers import expect

from kitsu_sdk import KitsuClient
from kitsu_sdk import files as F
from kitsu_sdk.exception import InvalidIdError, InvalidInputError

SOFT = "a1b2c3d4-0000-4000-8000-000000000050"
BLENDER = {
    "id": SOFT, "name": "Blender", "short_name": "blend", "file_extension": ".blend",
    "secondary_extensions": None, "type": "Software",
}  # fmt: skip


def wrong(value: object) -> Any:
    """A value of the wrong type, passed on purpose (typed Any for mypy)."""
    return value


def test_all_and_one(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "GET", "data/softwares", answer=[BLENDER])
    assert F.all_softwares(client=client) == [BLENDER]
    expect(api, "GET", f"data/softwares/{SOFT}", answer=BLENDER)
    assert F.get_software({"id": SOFT}, client=client) == BLENDER
    expect(api, "GET", "data/softwares", query={"name": "blender"}, answer=[BLENDER])
    assert F.get_software_by_name("blender", client=client) == BLENDER  # Zou ignores case
    expect(api, "GET", "data/softwares", query={"name": "Maya"}, answer=[])
    assert F.get_software_by_name("Maya", client=client) is None


def test_new_software_found_or_created(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "GET", "data/softwares", query={"name": "Blender"}, answer=[BLENDER])
    assert F.new_software("Blender", "blend", ".blend", client=client) == BLENDER
    assert len(api.calls) == 1
    expect(api, "GET", "data/softwares", query={"name": "Maya"}, answer=[])
    body = {
        "name": "Maya", "short_name": "ma", "file_extension": ".ma",
        "secondary_extensions": ["mb", "fbx"],
    }  # fmt: skip
    expect(api, "POST", "data/softwares", body=body, answer={**body, "id": SOFT}, status=201)
    made = F.new_software("Maya", "ma", ".ma", ["mb", "fbx"], client=client)
    assert made["secondary_extensions"] == ["mb", "fbx"]


def test_new_software_without_secondary_extensions_does_not_send_them(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    expect(api, "GET", "data/softwares", query={"name": "Houdini"}, answer=[])
    body = {"name": "Houdini", "short_name": "hou", "file_extension": ".hip"}
    expect(api, "POST", "data/softwares", body=body, answer={**body, "id": SOFT})
    assert F.new_software("Houdini", "hou", ".hip", client=client)["id"] == SOFT


def test_update_software_sends_the_dict(api: responses.RequestsMock, client: KitsuClient) -> None:
    changed = {**BLENDER, "secondary_extensions": ["blend1"]}
    expect(api, "PUT", f"data/softwares/{SOFT}", body=changed, answer=changed)
    assert F.update_software(changed, client=client)["secondary_extensions"] == ["blend1"]


@pytest.mark.parametrize(
    "call",
    [
        lambda c: F.get_software("Blender", client=c),
        lambda c: F.get_software_by_name(" ", client=c),
        lambda c: F.new_software("", "b", ".b", client=c),
        lambda c: F.new_software("B", wrong(None), ".b", client=c),
        lambda c: F.new_software("B", "b", "", client=c),
        lambda c: F.new_software("B", "b", ".b", wrong("mb"), client=c),
        lambda c: F.new_software("B", "b", ".b", wrong(["mb", 3]), client=c),
        lambda c: F.update_software(wrong(SOFT), client=c),
        lambda c: F.update_software({"name": "no id"}, client=c),
        lambda c: F.update_software({"id": SOFT, "secondary_extensions": "mb"}, client=c),
    ],
)
def test_bad_input_raises_before_any_request(
    api: responses.RequestsMock, client: KitsuClient, call: Callable[[KitsuClient], Any]
) -> None:
    with pytest.raises((InvalidInputError, InvalidIdError)):
        call(client)
    assert len(api.calls) == 0
