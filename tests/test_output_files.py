"""kitsu_sdk.files' output files against a mocked Zou: listings and their filters, the lookup by
path, revisions, creation bodies, updates, and bad input raising before any request."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import responses
from unit_helpers import expect

from kitsu_sdk import KitsuClient
from kitsu_sdk import files as F
from kitsu_sdk.exception import BadRequestError, InvalidIdError, InvalidInputError

PROJECT = "a1b2c3d4-0000-4000-8000-000000000030"
ENTITY = "a1b2c3d4-0000-4000-8000-000000000031"
OUTPUT_TYPE = "a1b2c3d4-0000-4000-8000-000000000032"
TASK_TYPE = "a1b2c3d4-0000-4000-8000-000000000033"
INSTANCE = "a1b2c3d4-0000-4000-8000-000000000034"
SHOT = "a1b2c3d4-0000-4000-8000-000000000035"
STATUS = "a1b2c3d4-0000-4000-8000-000000000036"
OF = "a1b2c3d4-0000-4000-8000-000000000037"
WF = "a1b2c3d4-0000-4000-8000-000000000038"
PERSON = "a1b2c3d4-0000-4000-8000-000000000039"

OUTPUT_FILE = {"id": OF, "name": "main", "revision": 1, "path": "/mnt/x/sh010_geo_main"}
FILTERS = {
    "output_type_id": OUTPUT_TYPE, "task_type_id": TASK_TYPE, "name": "main",
    "representation": "abc", "file_status_id": STATUS,
}  # fmt: skip
INSTANCE_BASE = f"data/asset-instances/{INSTANCE}/entities/{SHOT}"


def wrong(value: object) -> Any:
    """A value of the wrong type, passed on purpose (typed Any for mypy)."""
    return value


def test_get_output_file(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "GET", f"data/output-files/{OF}", answer={**OUTPUT_FILE, "source_file": None})
    assert F.get_output_file(OF, client=client)["source_file"] is None


def test_get_output_file_by_path(api: responses.RequestsMock, client: KitsuClient) -> None:
    path = "/mnt/x/sh010_geo_main"
    expect(api, "GET", "data/output-files", query={"path": path}, answer=[OUTPUT_FILE])
    assert F.get_output_file_by_path(path, client=client) == OUTPUT_FILE
    expect(api, "GET", "data/output-files", query={"path": "/nowhere"}, answer=[])
    assert F.get_output_file_by_path("/nowhere", client=client) is None


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (F.all_output_files_for_entity, f"data/entities/{ENTITY}/output-files"),
        (F.all_output_files_for_project, f"data/projects/{PROJECT}/output-files"),
        (F.get_last_output_files_for_entity,
         f"data/entities/{ENTITY}/output-files/last-revisions"),
    ],
)  # fmt: skip
def test_listings_send_only_the_filters_given(
    api: responses.RequestsMock, client: KitsuClient, call: Callable[..., Any], path: str
) -> None:
    owner = PROJECT if "projects" in path else ENTITY
    expect(api, "GET", path, answer=[OUTPUT_FILE])
    assert call(owner, client=client) == [OUTPUT_FILE]
    expect(api, "GET", path, query=FILTERS, answer=[])
    found = call(
        {"id": owner}, {"id": OUTPUT_TYPE}, TASK_TYPE, "main", "abc", {"id": STATUS}, client=client
    )
    assert found == []
    # empty text is no filter, as in gazu
    expect(api, "GET", path, query={"output_type_id": OUTPUT_TYPE}, answer=[OUTPUT_FILE])
    assert call(owner, OUTPUT_TYPE, name="", representation="", client=client) == [OUTPUT_FILE]


def test_asset_instance_listings(api: responses.RequestsMock, client: KitsuClient) -> None:
    path = f"data/asset-instances/{INSTANCE}/output-files"
    expect(api, "GET", path, answer=[OUTPUT_FILE])
    assert F.all_output_files_for_asset_instance(INSTANCE, client=client) == [OUTPUT_FILE]
    expect(api, "GET", path, query={**FILTERS, "temporal_entity_id": SHOT}, answer=[])
    # gazu's order here: temporal entity, task type, then output type
    found = F.all_output_files_for_asset_instance(
        INSTANCE, SHOT, TASK_TYPE, OUTPUT_TYPE, "main", "abc", STATUS, client=client
    )
    assert found == []
    last = f"{INSTANCE_BASE}/output-files/last-revisions"
    expect(api, "GET", last, answer=[OUTPUT_FILE])
    assert F.get_last_output_files_for_asset_instance(INSTANCE, SHOT, client=client) == [
        OUTPUT_FILE
    ]
    expect(api, "GET", last, query=FILTERS, answer=[])
    found = F.get_last_output_files_for_asset_instance(
        {"id": INSTANCE}, {"id": SHOT}, TASK_TYPE, OUTPUT_TYPE, "main", "abc", STATUS,
        client=client,
    )  # fmt: skip
    assert found == []


def test_entity_revisions(api: responses.RequestsMock, client: KitsuClient) -> None:
    route = f"data/entities/{ENTITY}/output-files/next-revision"
    body = {"name": "main", "output_type_id": OUTPUT_TYPE, "task_type_id": TASK_TYPE}
    expect(api, "POST", route, body=body, answer={"next_revision": 4})
    assert F.get_next_entity_output_revision(ENTITY, OUTPUT_TYPE, TASK_TYPE, client=client) == 4
    assert F.get_last_entity_output_revision(ENTITY, OUTPUT_TYPE, TASK_TYPE, client=client) == 3
    expect(api, "POST", route, body={**body, "name": "cache"}, answer={"next_revision": 1})
    last = F.get_last_entity_output_revision(
        {"id": ENTITY}, {"id": OUTPUT_TYPE}, {"id": TASK_TYPE}, "cache", client=client
    )
    assert last == 0


def test_asset_instance_revisions_default_to_master(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    route = f"{INSTANCE_BASE}/output-files/next-revision"
    body = {"name": "master", "output_type_id": OUTPUT_TYPE, "task_type_id": TASK_TYPE}
    expect(api, "POST", route, body=body, answer={"next_revision": 2})
    args = (INSTANCE, SHOT, OUTPUT_TYPE, TASK_TYPE)
    assert F.get_next_asset_instance_output_revision(*args, client=client) == 2
    assert F.get_last_asset_instance_output_revision(*args, client=client) == 1


NEW_BODY = {
    "output_type_id": OUTPUT_TYPE, "task_type_id": TASK_TYPE, "comment": "first export",
    "name": "main", "mode": "output", "revision": 0, "representation": "", "nb_elements": 1,
    "sep": "/",
}  # fmt: skip


def test_new_entity_output_file(api: responses.RequestsMock, client: KitsuClient) -> None:
    route = f"data/entities/{ENTITY}/output-files/new"
    answer = {**OUTPUT_FILE, "folder_path": "/mnt/x", "file_name": "sh010_geo_main"}
    expect(api, "POST", route, body=NEW_BODY, answer=answer, status=201)
    made = F.new_entity_output_file(ENTITY, OUTPUT_TYPE, TASK_TYPE, "first export", client=client)
    assert made["file_name"] == "sh010_geo_main"
    full = {
        **NEW_BODY, "working_file_id": WF, "person_id": PERSON, "name": "cache", "revision": 3,
        "nb_elements": 24, "representation": "exr", "sep": "\\", "file_status_id": STATUS,
    }  # fmt: skip
    expect(api, "POST", route, body=full, answer=answer, status=201)
    F.new_entity_output_file(
        {"id": ENTITY}, OUTPUT_TYPE, TASK_TYPE, "first export", {"id": WF}, PERSON, "cache",
        "output", 3, 24, "exr", "\\", STATUS, client=client,
    )  # fmt: skip


def test_new_asset_instance_output_file(api: responses.RequestsMock, client: KitsuClient) -> None:
    route = f"{INSTANCE_BASE}/output-files/new"
    body = {**NEW_BODY, "name": "master", "file_status_id": STATUS}
    expect(api, "POST", route, body=body, answer=OUTPUT_FILE, status=201)
    made = F.new_asset_instance_output_file(
        INSTANCE, SHOT, OUTPUT_TYPE, TASK_TYPE, "first export", file_status_id={"id": STATUS},
        client=client,
    )  # fmt: skip
    assert made["id"] == OF


def test_new_output_file_that_exists(api: responses.RequestsMock, client: KitsuClient) -> None:
    route = f"data/entities/{ENTITY}/output-files/new"
    expect(api, "POST", route, body=NEW_BODY, status=400,
           answer={"error": "The given output file already exists."})  # fmt: skip
    with pytest.raises(BadRequestError):
        F.new_entity_output_file(ENTITY, OUTPUT_TYPE, TASK_TYPE, "first export", client=client)


def test_update_output_file(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "PUT", f"data/output-files/{OF}", body={"comment": "fixed"},
           answer={**OUTPUT_FILE, "comment": "fixed"})  # fmt: skip
    assert F.update_output_file(OUTPUT_FILE, {"comment": "fixed"}, client=client)["comment"] == (
        "fixed"
    )


@pytest.mark.parametrize(
    "call",
    [
        lambda c: F.get_output_file("main", client=c),
        lambda c: F.get_output_file_by_path("", client=c),
        lambda c: F.get_output_file_by_path(wrong(None), client=c),
        lambda c: F.all_output_files_for_entity("SH010", client=c),
        lambda c: F.all_output_files_for_entity(ENTITY, "Geometry", client=c),
        lambda c: F.all_output_files_for_entity(ENTITY, file_status="done", client=c),
        lambda c: F.all_output_files_for_entity(ENTITY, name=wrong(1), client=c),
        lambda c: F.all_output_files_for_project(PROJECT, task_type="Anim", client=c),
        lambda c: F.all_output_files_for_asset_instance(INSTANCE, "SH010", client=c),
        lambda c: F.get_last_output_files_for_entity(ENTITY, representation=wrong(2), client=c),
        lambda c: F.get_last_output_files_for_asset_instance(INSTANCE, wrong(None), client=c),
        lambda c: F.get_next_entity_output_revision(ENTITY, OUTPUT_TYPE, TASK_TYPE, "", client=c),
        lambda c: F.get_last_entity_output_revision(ENTITY, "geo", TASK_TYPE, client=c),
        lambda c: F.get_next_asset_instance_output_revision(
            INSTANCE, SHOT, OUTPUT_TYPE, "anim", client=c),
        lambda c: F.get_last_asset_instance_output_revision(
            INSTANCE, SHOT, OUTPUT_TYPE, TASK_TYPE, wrong(None), client=c),
        lambda c: F.new_entity_output_file(
            ENTITY, OUTPUT_TYPE, TASK_TYPE, wrong(None), client=c),
        lambda c: F.new_entity_output_file(
            ENTITY, OUTPUT_TYPE, TASK_TYPE, "c", revision=-1, client=c),
        lambda c: F.new_entity_output_file(
            ENTITY, OUTPUT_TYPE, TASK_TYPE, "c", nb_elements=0, client=c),
        lambda c: F.new_entity_output_file(
            ENTITY, OUTPUT_TYPE, TASK_TYPE, "c", mode="out put", client=c),
        lambda c: F.new_entity_output_file(
            ENTITY, OUTPUT_TYPE, TASK_TYPE, "c", working_file="main", client=c),
        lambda c: F.new_entity_output_file(
            ENTITY, OUTPUT_TYPE, TASK_TYPE, "c", file_status_id="done", client=c),
        lambda c: F.new_asset_instance_output_file(
            INSTANCE, SHOT, OUTPUT_TYPE, TASK_TYPE, "c", sep=wrong(None), client=c),
        lambda c: F.new_asset_instance_output_file(
            INSTANCE, SHOT, OUTPUT_TYPE, TASK_TYPE, "c", person="Jane", client=c),
        lambda c: F.update_output_file(OF, {}, client=c),
        lambda c: F.update_output_file(OF, wrong(["comment"]), client=c),
        lambda c: F.update_output_file("of", {"comment": "x"}, client=c),
    ],
)  # fmt: skip
def test_bad_input_raises_before_any_request(
    api: responses.RequestsMock, client: KitsuClient, call: Callable[[KitsuClient], Any]
) -> None:
    with pytest.raises((InvalidInputError, InvalidIdError)):
        call(client)
    assert len(api.calls) == 0
