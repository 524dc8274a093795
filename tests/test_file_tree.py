"""kitsu_sdk.files' file tree and path builders against a mocked Zou: the bodies sent, the path
made from Zou's answer as gazu makes it, the tree checks, and bad input raising before any
request."""

from __future__ import annotations

import copy
from typing import Any, Callable

import pytest
import responses
from unit_helpers import expect

from kitsu_sdk import KitsuClient
from kitsu_sdk import files as F
from kitsu_sdk.exception import BadRequestError, InvalidIdError, InvalidInputError

PROJECT = "a1b2c3d4-0000-4000-8000-000000000020"
TASK = "a1b2c3d4-0000-4000-8000-000000000021"
ENTITY = "a1b2c3d4-0000-4000-8000-000000000022"
OUTPUT_TYPE = "a1b2c3d4-0000-4000-8000-000000000023"
TASK_TYPE = "a1b2c3d4-0000-4000-8000-000000000024"
INSTANCE = "a1b2c3d4-0000-4000-8000-000000000025"
SCENE = "a1b2c3d4-0000-4000-8000-000000000026"
SOFT = "a1b2c3d4-0000-4000-8000-000000000027"

TREE: dict[str, Any] = {
    "working": {
        "mountpoint": "/mnt/studio",
        "root": "prod",
        "folder_path": {
            "shot": "<Project>/shots/<Sequence>/<Shot>/<TaskType>",
            "asset": "<Project>/assets/<AssetType>/<Asset>/<TaskType>",
            "style": "lowercase",
        },
        "file_name": {
            "shot": "<Project>_<Shot>_<TaskType>_<Name>_v<Version>",
            "asset": "<Project>_<Asset>_<TaskType>_<Name>_v<Version>",
            "style": "lowercase",
        },
    },
    "output": {
        "mountpoint": "/mnt/studio",
        "root": "",
        "folder_path": {"shot": "<Project>/export/<Shot>/<OutputType>"},
        "file_name": {"shot": "<Shot>_<OutputType>_<Name>_v<Version>"},
    },
}


def wrong(value: object) -> Any:
    """A value of the wrong type, passed on purpose (typed Any for mypy)."""
    return value


# -- build_working_file_path ------------------------------------------------------------------


def test_working_path_defaults(api: responses.RequestsMock, client: KitsuClient) -> None:
    body = {"mode": "working", "name": "main", "revision": 1}
    expect(api, "POST", f"data/tasks/{TASK}/working-file-path", body=body,
           answer={"path": "/mnt/prod/sh010/anim", "name": "prod_sh010_anim"})  # fmt: skip
    path = F.build_working_file_path(TASK, client=client)
    assert path == "/mnt/prod/sh010/anim/prod_sh010_anim"


def test_working_path_with_every_argument_and_gazu_joining(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    body = {"mode": "custom", "name": "take 2", "revision": 0, "software_id": SOFT}
    expect(api, "POST", f"data/tasks/{TASK}/working-file-path", body=body,
           answer={"path": "/my drive/prod/sh010", "name": "prod sh010"})  # fmt: skip
    path = F.build_working_file_path(
        {"id": TASK}, "take 2", "custom", {"id": SOFT}, 0, "\\", client=client
    )
    # gazu's rendering: spaces become underscores in both parts, joined by `sep`.
    assert path == "/my_drive/prod/sh010\\prod_sh010"


def test_working_path_on_a_tree_without_the_mode(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    expect(api, "POST", f"data/tasks/{TASK}/working-file-path", status=400,
           body={"mode": "working", "name": "main", "revision": 1},
           answer={"message": "Mode working cannot be found on given tree."})  # fmt: skip
    with pytest.raises(BadRequestError, match="Mode working"):
        F.build_working_file_path(TASK, client=client)


# -- output file paths ------------------------------------------------------------------------

OUTPUT_BODY = {
    "task_type_id": TASK_TYPE, "output_type_id": OUTPUT_TYPE, "mode": "output", "name": "main",
    "representation": "", "revision": 0, "nb_elements": 1, "separator": "/",
}  # fmt: skip


def test_entity_output_path(api: responses.RequestsMock, client: KitsuClient) -> None:
    answer = {"folder_path": "/mnt/export/sh010/geometry", "file_name": "sh010_geo"}
    expect(api, "POST", f"data/entities/{ENTITY}/output-file-path", body=OUTPUT_BODY, answer=answer)
    path = F.build_entity_output_file_path(ENTITY, OUTPUT_TYPE, TASK_TYPE, client=client)
    assert path == "/mnt/export/sh010/geometry/sh010_geo"


def test_entity_output_path_with_every_argument(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    body = {
        **OUTPUT_BODY, "name": "cache", "mode": "export", "representation": "abc",
        "revision": 3, "nb_elements": 10, "separator": "\\",
    }  # fmt: skip
    answer = {"folder_path": "\\mnt\\export\\sh010", "file_name": "sh010 cache v003"}
    expect(api, "POST", f"data/entities/{ENTITY}/output-file-path", body=body, answer=answer)
    path = F.build_entity_output_file_path(
        {"id": ENTITY}, {"id": OUTPUT_TYPE}, {"id": TASK_TYPE}, "cache", "export", "abc", 3, 10,
        "\\", client=client,
    )  # fmt: skip
    assert path == "\\mnt\\export\\sh010\\sh010_cache_v003"


def test_asset_instance_output_path(api: responses.RequestsMock, client: KitsuClient) -> None:
    body = {**OUTPUT_BODY, "representation": "abc", "revision": 2}
    route = f"data/asset-instances/{INSTANCE}/entities/{SCENE}/output-file-path"
    answer = {"folder_path": "/mnt/sc01/hero/instance_0001/abc", "file_name": "hero_v002"}
    expect(api, "POST", route, body=body, answer=answer)
    path = F.build_asset_instance_output_file_path(
        INSTANCE, SCENE, OUTPUT_TYPE, TASK_TYPE, representation="abc", revision=2, client=client
    )
    assert path == "/mnt/sc01/hero/instance_0001/abc/hero_v002"


# -- update_project_file_tree -----------------------------------------------------------------


def test_update_project_file_tree_puts_the_tree(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    expect(api, "PUT", f"data/projects/{PROJECT}", body={"file_tree": TREE},
           answer={"id": PROJECT, "file_tree": TREE})  # fmt: skip
    assert F.update_project_file_tree({"id": PROJECT}, TREE, client=client)["file_tree"] == TREE
    expect(api, "PUT", f"data/projects/{PROJECT}", body={"file_tree": {}},
           answer={"id": PROJECT, "file_tree": {}})  # fmt: skip
    assert F.update_project_file_tree(PROJECT, {}, client=client)["file_tree"] == {}


def _tree_without(*keys: str) -> dict[str, Any]:
    tree = copy.deepcopy(TREE)
    section = tree["working"]
    for key in keys[:-1]:
        section = section[key]
    del section[keys[-1]]
    return tree


def _tree_with(value: Any, *keys: str) -> dict[str, Any]:
    tree = copy.deepcopy(TREE)
    section = tree["working"]
    for key in keys[:-1]:
        section = section[key]
    section[keys[-1]] = value
    return tree


@pytest.mark.parametrize(
    "tree",
    [
        None,
        [TREE],
        {"working": "productions"},
        {"bad mode": TREE["working"]},
        _tree_without("mountpoint"),
        _tree_without("root"),
        _tree_without("folder_path"),
        _tree_with({}, "file_name"),
        _tree_with(["<Project>"], "folder_path"),
        _tree_with(42, "folder_path", "shot"),
        _tree_with(None, "root"),
    ],
)
def test_a_malformed_file_tree_is_refused_before_sending(
    api: responses.RequestsMock, client: KitsuClient, tree: Any
) -> None:
    with pytest.raises(InvalidInputError):
        F.update_project_file_tree(PROJECT, tree, client=client)
    assert len(api.calls) == 0


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda c: F.build_working_file_path("sh010 anim", client=c), InvalidIdError),
        (lambda c: F.build_working_file_path(TASK, mode="work ing", client=c), InvalidInputError),
        (lambda c: F.build_working_file_path(TASK, mode=wrong(None), client=c),
         InvalidInputError),
        (lambda c: F.build_working_file_path(TASK, revision=-2, client=c), InvalidInputError),
        (lambda c: F.build_working_file_path(TASK, revision=wrong(1.5), client=c),
         InvalidInputError),
        (lambda c: F.build_working_file_path(TASK, name="  ", client=c), InvalidInputError),
        (lambda c: F.build_working_file_path(TASK, sep="", client=c), InvalidInputError),
        (lambda c: F.build_working_file_path(TASK, software="Maya", client=c), InvalidIdError),
        (lambda c: F.build_entity_output_file_path(ENTITY, "Geometry", TASK_TYPE, client=c),
         InvalidIdError),
        (lambda c: F.build_entity_output_file_path(ENTITY, OUTPUT_TYPE, wrong(None), client=c),
         InvalidIdError),
        (lambda c: F.build_entity_output_file_path(
            ENTITY, OUTPUT_TYPE, TASK_TYPE, nb_elements=0, client=c), InvalidInputError),
        (lambda c: F.build_entity_output_file_path(
            ENTITY, OUTPUT_TYPE, TASK_TYPE, representation=wrong(None), client=c),
         InvalidInputError),
        (lambda c: F.build_entity_output_file_path(
            ENTITY, OUTPUT_TYPE, TASK_TYPE, mode="a/b", client=c), InvalidInputError),
        (lambda c: F.build_asset_instance_output_file_path(
            INSTANCE, "SC01", OUTPUT_TYPE, TASK_TYPE, client=c), InvalidIdError),
        (lambda c: F.build_asset_instance_output_file_path(
            INSTANCE, SCENE, OUTPUT_TYPE, TASK_TYPE, revision=wrong("1"), client=c),
         InvalidInputError),
        (lambda c: F.update_project_file_tree("my project", TREE, client=c), InvalidIdError),
    ],
)  # fmt: skip
def test_bad_input_raises_before_any_request(
    api: responses.RequestsMock,
    client: KitsuClient,
    call: Callable[[KitsuClient], Any],
    error: type,
) -> None:
    with pytest.raises(error):
        call(client)
    assert len(api.calls) == 0
