"""kitsu_sdk.project_template against a mocked Zou: routes, bodies, query strings, result shapes,
bad input refused before any request, and the signatures of gazu 1.3.1."""

from __future__ import annotations

import csv
import inspect
import pathlib
import re
from typing import Any, Callable

import pytest
import responses
from responses import matchers
from unit_helpers import url

from kitsu_sdk import KitsuClient, project_template
from kitsu_sdk._core.call import Call, TextCall
from kitsu_sdk._operations import project_template as ops
from kitsu_sdk.exception import BadRequestError, InvalidIdError, InvalidInputError, NotFoundError

T = "11111111-1111-4111-8111-111111111111"  # project template
P = "22222222-2222-4222-8222-222222222222"  # project
TT = "33333333-3333-4333-8333-333333333333"  # task type
TS = "44444444-4444-4444-8444-444444444444"  # task status
AT = "55555555-5555-4555-8555-555555555555"  # asset type
SA = "66666666-6666-4666-8666-666666666666"  # status automation
BG = "77777777-7777-4777-8777-777777777777"  # preview background file
D = "88888888-8888-4888-8888-888888888888"  # department

TEMPLATE = {"id": T, "name": "Feature", "type": "ProjectTemplate", "fps": "25"}
BASE = f"data/project-templates/{T}"


def strict(body: Any) -> Any:
    return matchers.json_params_matcher(body, strict_match=True)


def no_query() -> Any:
    return matchers.query_string_matcher("")


# -- templates ----------------------------------------------------------------------------------


def test_all_project_templates_sorted_by_name(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    rows = [{"id": "b", "name": "tv"}, {"id": "a", "name": "Film"}, {"id": "c", "name": "short"}]
    api.get(url("data/project-templates"), json=rows, match=[no_query()])
    assert [row["id"] for row in project_template.all_project_templates(client=client)] == [
        "a",
        "c",
        "b",
    ]


def test_get_project_template_by_id_or_dict(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url(BASE), json=TEMPLATE, match=[no_query()])
    assert project_template.get_project_template(T, client=client) == TEMPLATE
    assert project_template.get_project_template({"id": T}, client=client)["name"] == "Feature"
    assert len(api.calls) == 2


def test_get_project_template_by_name_prefers_the_exact_name(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    # Zou filters name= case-insensitively: both rows come back for "Film".
    rows = [{"id": "x", "name": "FILM"}, {"id": "y", "name": "Film"}]
    api.get(
        url("data/project-templates"),
        json=rows,
        match=[matchers.query_param_matcher({"name": "Film"})],
    )
    found = project_template.get_project_template_by_name("Film", client=client)
    assert found is not None and found["id"] == "y"
    api.get(
        url("data/project-templates"),
        json=[{"id": "x", "name": "FILM"}],
        match=[matchers.query_param_matcher({"name": "film"})],
    )
    found = project_template.get_project_template_by_name("film", client=client)
    assert found is not None and found["id"] == "x"
    api.get(
        url("data/project-templates"),
        json=[],
        match=[matchers.query_param_matcher({"name": "none"})],
    )
    assert project_template.get_project_template_by_name("none", client=client) is None


def test_new_project_template_sends_only_the_settings_given(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.post(
        url("data/project-templates"),
        json=TEMPLATE,
        status=201,
        match=[strict({"name": "Feature", "description": None})],
    )
    assert project_template.new_project_template("Feature", client=client) == TEMPLATE
    full = {
        "name": "Feature",
        "description": "films",
        "fps": "24",
        "ratio": "2.39",
        "resolution": "4096x1716",
        "production_type": "featurefilm",
        "production_style": "3d",
    }
    api.post(url("data/project-templates"), json=TEMPLATE, status=201, match=[strict(full)])
    fps: Any = 24  # a number is sent as Zou stores it, "24"
    created = project_template.new_project_template(
        "Feature", "films", fps, "2.39", "4096x1716", "featurefilm", "3d", client=client
    )
    assert created["id"] == T
    assert len(api.calls) == 2


def test_a_taken_template_name_is_zous_400(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.post(
        url("data/project-templates"),
        status=400,
        json={"message": "A project template with this name already exists"},
    )
    with pytest.raises(BadRequestError, match="already exists"):
        project_template.new_project_template("Feature", client=client)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": ""}, "name"),
        ({"name": None}, "name"),
        ({"name": "x" * 81}, "at most 80"),
        ({"name": "ok", "fps": "1" * 11}, "fps"),
        ({"name": "ok", "resolution": True}, "resolution"),
        ({"name": "ok", "production_type": "sitcom"}, "production_type"),
        ({"name": "ok", "production_style": "nope"}, "production_style"),
    ],
)
def test_new_project_template_refuses_bad_settings_before_sending(
    api: responses.RequestsMock, client: KitsuClient, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        project_template.new_project_template(client=client, **kwargs)
    assert len(api.calls) == 0


def test_update_project_template_leaves_out_the_link_lists(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    stale = {
        **TEMPLATE,
        "description": "new",
        "task_types": [TT],
        "task_statuses": [TS],
        "asset_types": [AT],
        "status_automations": [SA],
        "preview_background_files": [],
    }
    api.put(
        url(BASE),
        json={**TEMPLATE, "description": "new"},
        match=[strict({**TEMPLATE, "description": "new"})],
    )
    assert project_template.update_project_template(stale, client=client)["description"] == "new"
    assert stale["preview_background_files"] == []  # the caller's dict is untouched


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("Feature", InvalidInputError),
        ({"name": "no id"}, InvalidIdError),
        ({"id": T, "production_style": "watercolour"}, InvalidInputError),
        ({"id": T, "name": ""}, InvalidInputError),
        ({"id": T, "ratio": "x" * 11}, InvalidInputError),
    ],
)
def test_update_project_template_refuses_bad_input(
    api: responses.RequestsMock, client: KitsuClient, value: Any, error: type[Exception]
) -> None:
    with pytest.raises(error):
        project_template.update_project_template(value, client=client)
    assert len(api.calls) == 0


def test_remove_project_template(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.delete(url(BASE), status=204, match=[no_query()])
    assert project_template.remove_project_template({"id": T}, client=client) == ""
    api.delete(url(BASE), status=404, json={"message": "Project template not found"})
    with pytest.raises(NotFoundError):
        project_template.remove_project_template(T, client=client)


def test_new_project_template_from_project(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.post(
        url(f"data/project-templates/from-project/{P}"),
        json=TEMPLATE,
        status=201,
        match=[strict({"name": "From film", "description": "snapshot"})],
    )
    made = project_template.new_project_template_from_project(
        {"id": P}, "From film", "snapshot", client=client
    )
    assert made == TEMPLATE
    with pytest.raises(InvalidInputError):
        project_template.new_project_template_from_project(P, " ", client=client)
    with pytest.raises(InvalidIdError):
        project_template.new_project_template_from_project("my film", "x", client=client)
    assert len(api.calls) == 1


def test_apply_project_template(api: responses.RequestsMock, client: KitsuClient) -> None:
    applied = {"id": P, "name": "Film", "type": "Project", "fps": "25"}
    api.post(url(f"data/projects/{P}/apply-template/{T}"), json=applied, match=[strict({})])
    assert project_template.apply_project_template(P, {"id": T}, client=client) == applied
    with pytest.raises(InvalidIdError):
        project_template.apply_project_template(P, "Feature", client=client)
    assert len(api.calls) == 1


# -- links --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "segment"),
    [
        (project_template.all_task_types_for_project_template, "task-types"),
        (project_template.all_task_statuses_for_project_template, "task-statuses"),
        (project_template.all_asset_types_for_project_template, "asset-types"),
        (project_template.all_status_automations_for_project_template, "status-automations"),
        (
            project_template.all_preview_background_files_for_project_template,
            "preview-background-files",
        ),
    ],
)
def test_link_lists_keep_zous_order(
    api: responses.RequestsMock,
    client: KitsuClient,
    function: Callable[..., list[dict[str, Any]]],
    segment: str,
) -> None:
    # Zou orders task types and statuses by the link's priority: not re-sorted by name here.
    rows = [{"id": "z", "name": "Zeta", "priority": 1}, {"id": "a", "name": "Alpha", "priority": 2}]
    api.get(url(f"{BASE}/{segment}"), json=rows, match=[no_query()])
    assert function({"id": T}, client=client) == rows
    api.get(url(f"{BASE}/{segment}"), json=None)
    assert function(T, client=client) == []
    with pytest.raises(InvalidIdError):
        function("Feature", client=client)
    assert len(api.calls) == 2


def test_add_task_type_with_and_without_priority(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    link = {"project_template_id": T, "task_type_id": TT, "priority": 3}
    api.post(url(f"{BASE}/task-types"), json=link, status=201,
             match=[strict({"task_type_id": TT, "priority": 3})])  # fmt: skip
    api.post(url(f"{BASE}/task-types"), json=link, status=201,
             match=[strict({"task_type_id": TT})])  # fmt: skip
    assert (
        project_template.add_task_type_to_project_template(T, {"id": TT}, 3, client=client) == link
    )
    assert project_template.add_task_type_to_project_template(T, TT, client=client)["priority"] == 3
    text: Any = "1"
    with pytest.raises(InvalidInputError, match="priority"):
        project_template.add_task_type_to_project_template(T, TT, text, client=client)
    with pytest.raises(InvalidInputError, match="priority"):
        project_template.add_task_type_to_project_template(T, TT, True, client=client)
    assert len(api.calls) == 2


def test_add_task_status_with_priority_and_board_roles(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    link = {"task_status_id": TS, "priority": 2, "roles_for_board": ["admin", "client"]}
    api.post(
        url(f"{BASE}/task-statuses"),
        json=link,
        status=201,
        match=[strict({"task_status_id": TS, **link})],
    )
    api.post(
        url(f"{BASE}/task-statuses"), json=link, status=201, match=[strict({"task_status_id": TS})]
    )
    added = project_template.add_task_status_to_project_template(
        T, TS, 2, ["admin", "client"], client=client
    )
    assert added == link
    assert (
        project_template.add_task_status_to_project_template(T, {"id": TS}, client=client) == link
    )
    assert len(api.calls) == 2


@pytest.mark.parametrize("roles", [["boss"], "admin", [1], ["admin", "Admin"]])
def test_unknown_board_roles_are_refused_before_sending(
    api: responses.RequestsMock, client: KitsuClient, roles: Any
) -> None:
    # Zou would store them with a 500 and then fail every read of the template's statuses.
    with pytest.raises(InvalidInputError, match="roles_for_board"):
        project_template.add_task_status_to_project_template(
            T, TS, roles_for_board=roles, client=client
        )
    assert len(api.calls) == 0


@pytest.mark.parametrize(
    ("function", "segment", "key", "ref"),
    [
        (project_template.add_asset_type_to_project_template, "asset-types", "asset_type_id", AT),
        (project_template.add_status_automation_to_project_template, "status-automations",
         "status_automation_id", SA),
        (project_template.add_preview_background_file_to_project_template,
         "preview-background-files", "preview_background_file_id", BG),
    ],
)  # fmt: skip
def test_adding_links_posts_the_id(
    api: responses.RequestsMock,
    client: KitsuClient,
    function: Callable[..., dict[str, Any]],
    segment: str,
    key: str,
    ref: str,
) -> None:
    answer = {"id": ref, "name": "linked"}
    api.post(url(f"{BASE}/{segment}"), json=answer, status=201, match=[strict({key: ref})])
    assert function({"id": T}, {"id": ref}, client=client) == answer
    assert function(T, ref, client=client) == answer
    with pytest.raises(InvalidIdError):
        function(T, "Character", client=client)
    assert len(api.calls) == 2


@pytest.mark.parametrize(
    ("function", "segment", "ref"),
    [
        (project_template.remove_task_type_from_project_template, "task-types", TT),
        (project_template.remove_task_status_from_project_template, "task-statuses", TS),
        (project_template.remove_asset_type_from_project_template, "asset-types", AT),
        (project_template.remove_status_automation_from_project_template, "status-automations", SA),
        (project_template.remove_preview_background_file_from_project_template,
         "preview-background-files", BG),
    ],
)  # fmt: skip
def test_removing_links_deletes_the_link_route(
    api: responses.RequestsMock,
    client: KitsuClient,
    function: Callable[..., Any],
    segment: str,
    ref: str,
) -> None:
    api.delete(url(f"{BASE}/{segment}/{ref}"), status=204, match=[no_query()])
    assert function({"id": T}, {"id": ref}, client=client) == ""  # gazu's text of the 204
    assert function(T, ref, client=client) == ""
    with pytest.raises(InvalidIdError):
        function(T, "name", client=client)
    with pytest.raises(InvalidIdError):
        function("name", ref, client=client)
    assert len(api.calls) == 2


def test_default_preview_background_file_set_and_cleared(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    path = url(f"{BASE}/default-preview-background-file")
    api.put(path, json={**TEMPLATE, "default_preview_background_file_id": BG},
            match=[strict({"default_preview_background_file_id": BG})])  # fmt: skip
    api.put(path, json={**TEMPLATE, "default_preview_background_file_id": None},
            match=[strict({"default_preview_background_file_id": None})])  # fmt: skip
    set_ = project_template.set_project_template_default_preview_background_file(
        T, {"id": BG}, client=client
    )
    assert set_["default_preview_background_file_id"] == BG
    cleared = project_template.set_project_template_default_preview_background_file(
        {"id": T}, None, client=client
    )
    assert cleared["default_preview_background_file_id"] is None
    with pytest.raises(InvalidIdError):
        project_template.set_project_template_default_preview_background_file(
            T, "hdri", client=client
        )
    assert len(api.calls) == 2


def test_default_preview_background_file_not_linked_is_zous_400(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.put(url(f"{BASE}/default-preview-background-file"), status=400,
            json={"message": "Preview background file is not linked to this template"})  # fmt: skip
    with pytest.raises(BadRequestError, match="not linked"):
        project_template.set_project_template_default_preview_background_file(T, BG, client=client)


def test_metadata_descriptors_are_checked_and_normalised(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    descriptors: list[dict[str, Any]] = [
        {"name": "Difficulty", "entity_type": "Asset", "data_type": "list",
         "choices": ["easy", "hard"], "departments": [{"id": D}]},
        {"name": "Notes", "entity_type": "Task", "data_type": "string", "task_type_id": {"id": TT}},
    ]  # fmt: skip
    sent = [
        {**descriptors[0], "departments": [D]},
        {**descriptors[1], "task_type_id": TT},
    ]
    answer = {**TEMPLATE, "metadata_descriptors": sent}
    api.put(url(f"{BASE}/metadata-descriptors"), json=answer,
            match=[strict({"metadata_descriptors": sent})])  # fmt: skip
    api.put(url(f"{BASE}/metadata-descriptors"), json=TEMPLATE,
            match=[strict({"metadata_descriptors": []})])  # fmt: skip
    result = project_template.set_project_template_metadata_descriptors(
        T, descriptors, client=client
    )
    assert result["metadata_descriptors"] == sent
    assert descriptors[0]["departments"] == [{"id": D}]  # the caller's dicts are untouched
    assert (
        project_template.set_project_template_metadata_descriptors(T, [], client=client) == TEMPLATE
    )
    assert len(api.calls) == 2


@pytest.mark.parametrize(
    ("descriptors", "message"),
    [
        ({"name": "x", "entity_type": "Asset"}, "list"),
        ("Difficulty", "list"),
        (["Difficulty"], "dict"),
        ([{"entity_type": "Asset"}], "name"),
        ([{"name": "x", "entity_type": "asset"}], "entity_type"),
        ([{"name": "x", "entity_type": "Asset", "data_type": "text"}], "data_type"),
        ([{"name": "x", "entity_type": "Asset", "departments": ["Lighting"]}], "id"),
    ],
)
def test_bad_metadata_descriptors_are_refused_before_sending(
    api: responses.RequestsMock, client: KitsuClient, descriptors: Any, message: str
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        project_template.set_project_template_metadata_descriptors(T, descriptors, client=client)
    assert len(api.calls) == 0


# -- the operations and gazu's signatures -------------------------------------------------------


def test_operations_are_single_calls_built_without_io() -> None:
    call = ops.add_task_status_to_project_template(T, TS, 1, ["user"])
    assert isinstance(call, Call)
    assert (call.method, call.path) == ("POST", f"{BASE}/task-statuses")
    assert call.json == {"task_status_id": TS, "priority": 1, "roles_for_board": ["user"]}
    removal = ops.remove_project_template(T)
    assert isinstance(removal, TextCall)  # the answer stays text, "" for a 204, as gazu
    assert removal.finish("") == ""


SURFACE = pathlib.Path(__file__).parent / "data" / "gazu_surface.tsv"


def gazu_parameters(module: str) -> dict[str, list[tuple[str, str]]]:
    """gazu's (parameter, default) pairs of every function of `module`, `client` left out."""
    found: dict[str, list[tuple[str, str]]] = {}
    with SURFACE.open() as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["module"] != module or row["kind"] != "function":
                continue
            inner = row["signature"].strip()[1:].rsplit(")", 1)[0]
            params = []
            for part in re.split(r",\s*(?=\w+:)", inner):
                name = part.split(":", 1)[0].strip()
                default = part.split(" = ", 1)[1] if " = " in part else ""
                if name and name != "client":
                    params.append((name, default))
            found[row["name"]] = params
    return found


def ours(function: Callable[..., Any]) -> list[tuple[str, str]]:
    return [
        (name, "" if p.default is inspect.Parameter.empty else repr(p.default))
        for name, p in inspect.signature(function).parameters.items()
        if name != "client"
    ]


def test_every_gazu_function_with_gazus_parameters_and_defaults() -> None:
    theirs = gazu_parameters("project_template")
    assert len(theirs) == 25
    for name, params in theirs.items():
        function = getattr(project_template, name)
        assert ours(function) == params, name
        assert list(inspect.signature(function).parameters)[-1] == "client"
    assert project_template._GAZU_ABSENT == {}
