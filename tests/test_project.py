"""kitsu_sdk.project against a mocked Zou: routes, bodies, query strings, and bad input."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import responses
from responses import matchers
from unit_helpers import url

from kitsu_sdk import KitsuClient, project
from kitsu_sdk.exception import (
    BadRequestError,
    InvalidIdError,
    InvalidInputError,
    NotFoundInKitsuError,
    ServerError,
)

P = "11111111-1111-4111-8111-111111111111"  # project
N = "22222222-2222-4222-8222-222222222222"  # person
TT = "33333333-3333-4333-8333-333333333333"  # task type
TS = "44444444-4444-4444-8444-444444444444"  # task status
AT = "55555555-5555-4555-8555-555555555555"  # asset type
SA = "66666666-6666-4666-8666-666666666666"  # status automation
BG = "77777777-7777-4777-8777-777777777777"  # preview background file
MD = "88888888-8888-4888-8888-888888888888"  # metadata descriptor
B = "99999999-9999-4999-8999-999999999999"  # budget
BE = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"  # budget entry
D = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"  # department
CLOSED = "cccccccc-cccc-4ccc-8ccc-cccccccccccc"  # "Closed" project status

UNSORTED = [{"id": "b", "name": "beta"}, {"id": "a", "name": "Alpha"}, {"id": "c", "name": None}]
ENTRY = {
    "id": BE,
    "budget_id": B,
    "department_id": D,
    "person_id": None,
    "start_date": "2025-01-01",
    "months_duration": 3,
    "daily_salary": 300.0,
    "position": "artist",
    "seniority": "mid",
    "exceptions": {"2025-02": 2},
    "type": "BudgetEntry",
}


def json_body(body: Any) -> Any:
    return matchers.json_params_matcher(body, strict_match=True)


# -- listings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "path"),
    [
        (project.all_projects, "data/projects"),
        (project.all_open_projects, "data/projects/open"),
        (project.all_project_status, "data/project-status"),
    ],
)
def test_global_listings_are_sorted_by_name(
    api: responses.RequestsMock, client: KitsuClient, function: Callable[..., Any], path: str
) -> None:
    api.get(url(path), json=UNSORTED, match=[matchers.query_string_matcher("")])
    assert [row["id"] for row in function(client=client)] == ["c", "a", "b"]


@pytest.mark.parametrize(
    ("function", "args", "path"),
    [
        (project.get_project, (), ""),
        (project.get_team, (), "/team"),
        (project.get_project_task_types, (), "/task-types"),
        (project.get_project_task_statuses, (), "/settings/task-status"),
        (project.all_status_automations, (), "/settings/status-automations"),
        (project.get_preview_background_files, (), "/settings/preview-background-files"),
        (project.get_milestones, (), "/milestones"),
        (project.get_budgets, (), "/budgets"),
        (project.get_budget, ({"id": B},), f"/budgets/{B}"),
        (project.get_budget_entries, (B,), f"/budgets/{B}/entries"),
        (project.get_budget_entry, (B, {"id": BE}), f"/budgets/{B}/entries/{BE}"),
        (project.get_metadata_descriptor, ({"id": MD},), f"/metadata-descriptors/{MD}"),
    ],
)
def test_reads_call_their_route_and_return_zou_answer(
    api: responses.RequestsMock,
    client: KitsuClient,
    function: Callable[..., Any],
    args: tuple[Any, ...],
    path: str,
) -> None:
    answer = [{"id": "x", "marker": path}]
    api.get(url(f"data/projects/{P}{path}"), json=answer, match=[matchers.query_string_matcher("")])
    assert function({"id": P, "name": "prod"}, *args, client=client) == answer


def test_get_project_task_types_avoids_the_route_zou_serves_for_post_only(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url(f"data/projects/{P}/task-types"), json=[{"id": TT}])
    project.get_project_task_types(P, client=client)
    assert api.calls[0].request.url == url(f"data/projects/{P}/task-types")


# -- lookups by name --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "path"),
    [
        (project.get_project_by_name, "data/projects"),
        (project.get_project_status_by_name, "data/project-status"),
    ],
)
def test_by_name_prefers_the_exact_name_over_ilike_matches(
    api: responses.RequestsMock, client: KitsuClient, function: Callable[..., Any], path: str
) -> None:
    # Zou filters with ILIKE: "a_b" also matches "axb", and case is ignored.
    rows = [{"id": "1", "name": "axb"}, {"id": "2", "name": "A_B"}, {"id": "3", "name": "a_b"}]
    api.get(url(path), json=rows, match=[matchers.query_param_matcher({"name": "a_b"})])
    assert function("a_b", client=client)["id"] == "3"


def test_by_name_falls_back_to_case_insensitive_and_none(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("data/projects"), json=[{"id": "2", "name": "My Prod"}])
    assert project.get_project_by_name("my prod", client=client)["id"] == "2"
    api.get(url("data/project-status"), json=[{"id": "9", "name": "Openish"}])
    assert project.get_project_status_by_name("Open", client=client) is None


@pytest.mark.parametrize("name", ["", "   ", None, 3])
def test_by_name_refuses_empty_names(
    api: responses.RequestsMock, client: KitsuClient, name: Any
) -> None:
    with pytest.raises(InvalidInputError):
        project.get_project_by_name(name, client=client)
    with pytest.raises(InvalidInputError):
        project.get_project_status_by_name(name, client=client)
    assert len(api.calls) == 0


def test_get_project_url_drops_the_api_suffix(client: KitsuClient) -> None:
    assert project.get_project_url({"id": P}, client=client) == (
        f"http://kitsu.test/productions/{P}/assets/"
    )
    assert project.get_project_url(P, "shots", client=client).endswith(f"/{P}/shots/")
    root = KitsuClient("http://127.0.0.1:5000", token="t")
    assert (
        project.get_project_url(P, client=root) == f"http://127.0.0.1:5000/productions/{P}/assets/"
    )


# -- create, update, close, remove --------------------------------------------------------------


def test_new_project_sends_ids_and_styles(api: responses.RequestsMock, client: KitsuClient) -> None:
    body = {
        "name": "Prod",
        "production_type": "tvshow",
        "production_style": "3d",
        "team": [N],
        "asset_types": [AT],
        "task_statuses": [TS],
        "task_types": [TT],
        "project_template_id": B,
    }
    api.post(
        url("data/projects"), json={"id": P, "name": "Prod"}, status=201, match=[json_body(body)]
    )
    created = project.new_project(
        " Prod ", "tvshow", [{"id": N}], [AT], [{"id": TS}], [TT], "3d", {"id": B}, client=client
    )
    assert created == {"id": P, "name": "Prod"}
    assert len(api.calls) == 1


def test_new_project_defaults(api: responses.RequestsMock, client: KitsuClient) -> None:
    body = {
        "name": "Prod",
        "production_type": "short",
        "production_style": "2d3d",
        "team": [],
        "asset_types": [],
        "task_statuses": [],
        "task_types": [],
    }
    api.post(url("data/projects"), json={"id": P}, status=201, match=[json_body(body)])
    assert project.new_project("Prod", client=client)["id"] == P


def test_new_project_returns_the_existing_project_when_the_name_is_taken(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.post(
        url("data/projects"),
        status=400,
        json={"message": "A record with the same unique values already exists."},
    )
    api.get(
        url("data/projects"),
        json=[{"id": "other", "name": "Prodx"}, {"id": P, "name": "Prod"}],
        match=[matchers.query_param_matcher({"name": "Prod"})],
    )
    assert project.new_project("Prod", client=client)["id"] == P


def test_new_project_reraises_other_refusals(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.post(
        url("data/projects"), status=400, json={"error": True, "message": "Invalid resolution"}
    )
    with pytest.raises(BadRequestError, match="Invalid resolution"):
        project.new_project("Prod", client=client)
    assert len(api.calls) == 1


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("",), {}),
        (("   ",), {}),
        ((None,), {}),
        (("Prod", "feature"), {}),
        (("Prod", "TVSHOW"), {}),
        (("Prod",), {"production_style": "2D"}),
        (("Prod",), {"team": ["bob"]}),
        (("Prod",), {"task_types": [{"name": "Anim"}]}),
        (("Prod",), {"project_template": "template name"}),
    ],
)
def test_new_project_refuses_bad_input_before_the_network(
    api: responses.RequestsMock, client: KitsuClient, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    with pytest.raises(InvalidInputError):
        project.new_project(*args, client=client, **kwargs)
    assert len(api.calls) == 0


@pytest.mark.parametrize("production_type", project.PRODUCTION_TYPES)
def test_new_project_accepts_every_known_type(
    api: responses.RequestsMock, client: KitsuClient, production_type: str
) -> None:
    api.post(url("data/projects"), json={"id": P, "production_type": production_type}, status=201)
    assert project.new_project("Prod", production_type, client=client)["id"] == P


def test_update_project_normalizes_links_and_keeps_the_callers_dict(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    given = {
        "id": P,
        "name": "Renamed",
        "asset_types": [{"id": AT}],
        "task_types": [TT],
        "team": [{"id": N}],
        "data": {"a": 1},
    }
    sent = {**given, "asset_types": [AT], "team": [N]}
    api.put(url(f"data/projects/{P}"), json={"id": P, "name": "Renamed"}, match=[json_body(sent)])
    assert project.update_project(given, client=client)["name"] == "Renamed"
    assert given["asset_types"] == [{"id": AT}]


@pytest.mark.parametrize("value", [P, {"name": "no id"}, None])
def test_update_project_needs_a_dict_with_an_id(
    api: responses.RequestsMock, client: KitsuClient, value: Any
) -> None:
    with pytest.raises(InvalidInputError):
        project.update_project(value, client=client)
    assert len(api.calls) == 0


def test_update_project_data_merges_into_the_stored_data(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url(f"data/projects/{P}"), json={"id": P, "data": {"keep": 1, "change": "old"}})
    merged = {"data": {"keep": 1, "change": "new", "add": True}}
    api.put(url(f"data/projects/{P}"), json={"id": P, **merged}, match=[json_body(merged)])
    result = project.update_project_data({"id": P}, {"change": "new", "add": True}, client=client)
    assert result["data"] == merged["data"]


def test_update_project_data_reads_past_the_cache(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    client.cache.enabled = True
    api.get(url(f"data/projects/{P}"), json={"id": P, "data": {"v": 1}})
    project.get_project(P, client=client)  # now cached
    api.replace(responses.GET, url(f"data/projects/{P}"), json={"id": P, "data": {"v": 2}})
    api.put(url(f"data/projects/{P}"), json={}, match=[json_body({"data": {"v": 2, "w": 0}})])
    project.update_project_data(P, {"w": 0}, client=client)
    assert [call.request.method for call in api.calls] == ["GET", "GET", "PUT"]


def test_update_project_data_with_null_data_and_no_changes(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url(f"data/projects/{P}"), json={"id": P, "data": None})
    api.put(url(f"data/projects/{P}"), json={"id": P}, match=[json_body({"data": {}})])
    project.update_project_data(P, client=client)


@pytest.mark.parametrize(("ref", "data"), [("Prod", {}), (P, ["not", "a", "dict"])])
def test_update_project_data_refuses_bad_input(
    api: responses.RequestsMock, client: KitsuClient, ref: Any, data: Any
) -> None:
    with pytest.raises(InvalidInputError):
        project.update_project_data(ref, data, client=client)
    assert len(api.calls) == 0


OPEN = "dddddddd-dddd-4ddd-8ddd-dddddddddddd"  # "Open" project status
STATUSES = [{"id": OPEN, "name": "Open"}, {"id": CLOSED, "name": "Closed"}]


def test_close_project_returns_the_dict_given_with_the_closed_status(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("data/project-status"), json=STATUSES, match=[matchers.query_string_matcher("")])
    api.put(
        url(f"data/projects/{P}"),
        json={"id": P, "name": "x", "project_status_id": CLOSED, "data": {"kept": 1}},
        # Only the status: the stale fields of the dict given are not written back.
        match=[json_body({"project_status_id": CLOSED})],
    )
    given = {"id": P, "name": "x", "project_status_id": OPEN, "data": None, "build": [1]}
    closed = project.close_project(given, client=client)
    # gazu's result: the dict given itself, changed, not Zou's answer.
    assert closed is given
    assert closed == {"id": P, "name": "x", "project_status_id": CLOSED, "data": None, "build": [1]}
    assert len(api.calls) == 2


def test_close_project_by_id_returns_the_id_and_the_status(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("data/project-status"), json=STATUSES)
    api.put(url(f"data/projects/{P}"), json={"id": P, "name": "x", "project_status_id": CLOSED})
    assert project.close_project(P, client=client) == {"id": P, "project_status_id": CLOSED}


def test_close_project_leaves_the_link_lists_as_ids(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    # gazu saves the dict through update_project, which turns its link lists into ids.
    api.get(url("data/project-status"), json=STATUSES)
    api.put(url(f"data/projects/{P}"), json={}, match=[json_body({"project_status_id": CLOSED})])
    given: dict[str, Any] = {
        "id": P,
        "team": [{"id": N, "first_name": "A"}],
        "asset_types": [AT],
        "task_types": None,
        "task_statuses": {"id": TS},
        "status_automations": [{"id": SA}],
    }
    project.close_project(given, client=client)
    assert given == {
        "id": P,
        "project_status_id": CLOSED,
        "team": [N],
        "asset_types": [AT],
        "task_types": [],
        "task_statuses": [TS],
        "status_automations": [{"id": SA}],
    }


def test_close_project_finds_the_status_whatever_its_case(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    other = "eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee"
    statuses = [{"id": OPEN, "name": "Open"}, {"id": other, "name": "CLOSED"}, STATUSES[1]]
    api.get(url("data/project-status"), json=statuses)
    api.put(url(f"data/projects/{P}"), json={}, match=[json_body({"project_status_id": other})])
    assert project.close_project(P, client=client)["project_status_id"] == other


def test_close_project_without_a_closed_status(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("data/project-status"), json=[{"id": OPEN, "name": "Open"}])
    given = {"id": P, "name": "x"}
    with pytest.raises(NotFoundInKitsuError):
        project.close_project(given, client=client)
    assert len(api.calls) == 1
    assert given == {"id": P, "name": "x"}


@pytest.mark.parametrize(
    "ref", ["Prod", {"name": "x"}, {"id": P, "team": ["Alice"]}], ids=["name", "no id", "team"]
)
def test_close_project_bad_input_raises_before_any_request(
    api: responses.RequestsMock, client: KitsuClient, ref: Any
) -> None:
    with pytest.raises(InvalidInputError):
        project.close_project(ref, client=client)
    assert len(api.calls) == 0


@pytest.mark.parametrize(("force", "query"), [(False, ""), (True, "force=true")])
def test_remove_project_honours_force(
    api: responses.RequestsMock, client: KitsuClient, force: bool, query: str
) -> None:
    api.delete(url(f"data/projects/{P}"), status=204, match=[matchers.query_string_matcher(query)])
    assert (
        project.remove_project({"id": P}, force=force, client=client) == ""
    )  # gazu returns the body text


def test_remove_project_surfaces_zous_refusal_for_open_projects(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.delete(
        url(f"data/projects/{P}"),
        status=400,
        json={"error": True, "message": "Only closed projects can be deleted"},
    )
    with pytest.raises(BadRequestError, match="Only closed projects can be deleted"):
        project.remove_project(P, client=client)


def test_remove_project_does_not_hide_server_errors(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.delete(url(f"data/projects/{P}"), status=500, json={"message": "Internal server error."})
    with pytest.raises(ServerError):
        project.remove_project(P, client=client)


# -- team --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "body"), [(None, {"person_id": N}), ("vendor", {"person_id": N, "role": "vendor"})]
)
def test_add_person_to_team(
    api: responses.RequestsMock, client: KitsuClient, role: Any, body: dict[str, Any]
) -> None:
    api.post(url(f"data/projects/{P}/team"), json={"id": P}, status=201, match=[json_body(body)])
    assert project.add_person_to_team(P, {"id": N}, role, client=client) == {"id": P}


@pytest.mark.parametrize("role", ["supervisor", None])
def test_update_team_member_role(
    api: responses.RequestsMock, client: KitsuClient, role: Any
) -> None:
    link = {"project_id": P, "person_id": N, "role": role}
    api.put(url(f"data/projects/{P}/team/{N}"), json=link, match=[json_body({"role": role})])
    assert project.update_team_member_role(P, N, role, client=client) == link


def test_team_roles_are_checked_before_the_network(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    with pytest.raises(InvalidInputError, match="role"):
        project.add_person_to_team(P, N, "admin", client=client)
    with pytest.raises(InvalidInputError, match="role"):
        project.update_team_member_role(P, N, "Manager", client=client)
    with pytest.raises(InvalidIdError):
        project.add_person_to_team(P, "John Doe", client=client)
    assert len(api.calls) == 0


# -- settings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "ref", "segment", "body"),
    [
        (project.add_asset_type, {"id": AT}, "asset-types", {"asset_type_id": AT}),
        (project.add_task_status, TS, "task-status", {"task_status_id": TS}),
        (
            project.add_status_automation,
            {"status_automation_id": SA},
            "status-automations",
            {"status_automation_id": SA},
        ),
        (
            project.add_status_automation,
            {"id": SA},
            "status-automations",
            {"status_automation_id": SA},
        ),
        (
            project.add_preview_background_file,
            {"preview_background_file_id": BG},
            "preview-background-files",
            {"preview_background_file_id": BG},
        ),
        (
            project.add_preview_background_file,
            BG,
            "preview-background-files",
            {"preview_background_file_id": BG},
        ),
    ],
)
def test_settings_are_enabled_with_their_id(
    api: responses.RequestsMock,
    client: KitsuClient,
    function: Callable[..., Any],
    ref: Any,
    segment: str,
    body: dict[str, Any],
) -> None:
    api.post(
        url(f"data/projects/{P}/settings/{segment}"),
        json={"id": P},
        status=201,
        match=[json_body(body)],
    )
    assert function({"id": P}, ref, client=client) == {"id": P}


def test_add_task_type_sends_the_priority(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.post(
        url(f"data/projects/{P}/settings/task-types"),
        json={"id": P},
        status=201,
        match=[json_body({"task_type_id": TT, "priority": 3})],
    )
    assert project.add_task_type(P, {"id": TT}, 3, client=client) == {"id": P}


@pytest.mark.parametrize("priority", ["3", 2.5, True, None])
def test_add_task_type_refuses_a_priority_that_is_not_an_int(
    api: responses.RequestsMock, client: KitsuClient, priority: Any
) -> None:
    with pytest.raises(InvalidInputError):
        project.add_task_type(P, TT, priority, client=client)
    assert len(api.calls) == 0


@pytest.mark.parametrize(
    ("function", "ref", "path"),
    [
        (project.remove_asset_type, AT, f"settings/asset-types/{AT}"),
        (project.remove_task_type, {"id": TT}, f"settings/task-types/{TT}"),
        (project.remove_task_status, TS, f"settings/task-status/{TS}"),
        (project.remove_status_automation, {"id": SA}, f"settings/status-automations/{SA}"),
        (project.remove_preview_background_file, BG, f"settings/preview-background-files/{BG}"),
        (project.remove_person_from_team, {"id": N}, f"team/{N}"),
        (project.remove_budget, B, f"budgets/{B}"),
    ],
)
def test_removals_delete_their_route(
    api: responses.RequestsMock,
    client: KitsuClient,
    function: Callable[..., Any],
    ref: Any,
    path: str,
) -> None:
    api.delete(url(f"data/projects/{P}/{path}"), status=204)
    assert function(P, ref, client=client) == ""  # gazu returns the body text
    assert api.calls[0].request.method == "DELETE"


@pytest.mark.parametrize(
    "function",
    [
        project.add_asset_type,
        project.add_task_status,
        project.add_status_automation,
        project.add_preview_background_file,
        project.remove_asset_type,
        project.remove_task_type,
        project.remove_task_status,
        project.remove_status_automation,
        project.remove_preview_background_file,
        project.remove_person_from_team,
        project.remove_budget,
        project.get_budget,
        project.get_budget_entries,
        project.get_metadata_descriptor,
        project.get_project_quotas,
        project.get_project_person_quotas,
    ],
)
def test_two_ref_functions_refuse_names_before_the_network(
    api: responses.RequestsMock, client: KitsuClient, function: Callable[..., Any]
) -> None:
    with pytest.raises(InvalidIdError):
        function(P, "Character", client=client)
    with pytest.raises(InvalidIdError):
        function("My Project", {"id": TT}, client=client)
    assert len(api.calls) == 0


# -- metadata descriptors -----------------------------------------------------------------------


def test_add_metadata_descriptor(api: responses.RequestsMock, client: KitsuClient) -> None:
    body = {
        "name": "Difficulty",
        "entity_type": "Asset",
        "data_type": "list",
        "choices": ["easy", "hard"],
        "for_client": True,
        "departments": [D],
    }
    api.post(
        url(f"data/projects/{P}/metadata-descriptors"),
        json={"id": MD},
        status=201,
        match=[json_body(body)],
    )
    result = project.add_metadata_descriptor(
        P, "Difficulty", "Asset", "list", ["easy", "hard"], True, [{"id": D}], client=client
    )
    assert result == {"id": MD}


def test_add_task_metadata_descriptor_sends_its_task_type(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    body = {
        "name": "Rig",
        "entity_type": "Task",
        "data_type": "string",
        "choices": [],
        "for_client": False,
        "departments": [],
        "task_type_id": TT,
    }
    api.post(
        url(f"data/projects/{P}/metadata-descriptors"),
        json={"id": MD},
        status=201,
        match=[json_body(body)],
    )
    project.add_metadata_descriptor(P, "Rig", "Task", task_type_id={"id": TT}, client=client)


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("", "Asset"), {}),
        (("x", "asset"), {}),
        (("x", "Asset", "float"), {}),
        (("x", "Task"), {}),
        (("x", "Shot"), {"task_type_id": TT}),
        (("x", "Shot"), {"departments": ["Modeling"]}),
    ],
)
def test_add_metadata_descriptor_refuses_bad_input(
    api: responses.RequestsMock, client: KitsuClient, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    with pytest.raises(InvalidInputError):
        project.add_metadata_descriptor(P, *args, client=client, **kwargs)
    assert len(api.calls) == 0


def test_get_metadata_descriptor_by_field_name(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    params = {"project_id": P, "field_name": "difficulty"}
    api.get(
        url("data/metadata-descriptors"),
        json=[{"id": MD}],
        match=[matchers.query_param_matcher(params)],
    )
    assert project.get_metadata_descriptor_by_field_name(
        {"id": P}, "difficulty", client=client
    ) == {"id": MD}
    api.replace(responses.GET, url("data/metadata-descriptors"), json=[])
    assert project.get_metadata_descriptor_by_field_name(P, "nothing", client=client) is None


def test_all_metadata_descriptors_filters_on_entity_type(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    rows = [{"id": "1", "entity_type": "Asset"}, {"id": "2", "entity_type": "Shot"}]
    api.get(url(f"data/projects/{P}/metadata-descriptors"), json=rows)
    assert project.all_metadata_descriptors(P, client=client) == rows
    assert project.all_metadata_descriptors(P, client, entity_type="Shot") == [rows[1]]


def test_update_metadata_descriptor_fills_what_zou_would_reset(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    path = url(f"data/projects/{P}/metadata-descriptors/{MD}")
    current = {
        "id": MD,
        "name": "Difficulty Level",
        "data_type": "list",
        "for_client": True,
        "choices": ["easy", "hard"],
        "departments": [D],
        "field_name": "difficulty_level",
    }
    api.get(path, json=current)
    sent = {
        "name": "Difficulty",
        "data_type": "list",
        "for_client": True,
        "choices": ["easy", "hard"],
        "departments": [D],
    }
    api.put(path, json={"id": MD, **sent}, match=[json_body(sent)])
    given = {"id": MD, "name": "Difficulty"}
    assert project.update_metadata_descriptor(P, given, client=client)["name"] == "Difficulty"
    assert given == {"id": MD, "name": "Difficulty"}


def test_update_metadata_descriptor_with_every_field_sends_one_request(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    sent = {
        "name": "N",
        "data_type": "string",
        "for_client": False,
        "choices": [],
        "departments": [D],
    }
    api.put(
        url(f"data/projects/{P}/metadata-descriptors/{MD}"),
        json={"id": MD},
        match=[json_body(sent)],
    )
    descriptor = {**sent, "id": MD, "departments": [{"id": D}], "field_name": "n"}
    project.update_metadata_descriptor(P, descriptor, client=client)
    assert len(api.calls) == 1


@pytest.mark.parametrize(("force", "query"), [(False, ""), (True, "force=true")])
def test_remove_metadata_descriptor(
    api: responses.RequestsMock, client: KitsuClient, force: bool, query: str
) -> None:
    api.delete(
        url(f"data/projects/{P}/metadata-descriptors/{MD}"),
        status=204,
        match=[matchers.query_string_matcher(query)],
    )
    assert (
        project.remove_metadata_descriptor(P, {"id": MD}, force, client=client) == ""
    )  # gazu returns the body text


def test_reorder_metadata_descriptors(api: responses.RequestsMock, client: KitsuClient) -> None:
    body = {"entity_type": "Shot", "descriptor_ids": [MD, B]}
    api.post(
        url(f"data/projects/{P}/metadata-descriptors/reorder"),
        json=[{"id": MD}],
        match=[json_body(body)],
    )
    assert project.reorder_metadata_descriptors(P, "Shot", [{"id": MD}, B], client=client) == [
        {"id": MD}
    ]


@pytest.mark.parametrize(("entity_type", "ids"), [("shot", [MD]), ("Shot", []), ("Shot", ["x"])])
def test_reorder_metadata_descriptors_refuses_bad_input(
    api: responses.RequestsMock, client: KitsuClient, entity_type: str, ids: list[Any]
) -> None:
    with pytest.raises(InvalidInputError):
        project.reorder_metadata_descriptors(P, entity_type, ids, client=client)
    assert len(api.calls) == 0


# -- quotas ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "ref", "path"),
    [
        (project.get_project_quotas, {"id": TT}, f"quotas/{TT}"),
        (project.get_project_person_quotas, N, f"quotas/persons/{N}"),
    ],
)
def test_quotas_return_zous_dict_and_pass_the_count_mode(
    api: responses.RequestsMock,
    client: KitsuClient,
    function: Callable[..., Any],
    ref: Any,
    path: str,
) -> None:
    quotas = {N: {"2025": {"1": 2.5}}}
    api.get(
        url(f"data/projects/{P}/{path}"), json=quotas, match=[matchers.query_string_matcher("")]
    )
    assert function(P, ref, client=client) == quotas
    api.replace(
        responses.GET,
        url(f"data/projects/{P}/{path}"),
        json={},
        match=[matchers.query_param_matcher({"count_mode": "done"})],
    )
    assert function(P, ref, client=client, count_mode="done") == {}
    with pytest.raises(InvalidInputError):
        function(P, ref, client=client, count_mode="weigthed")
    assert len(api.calls) == 2


# -- budgets -----------------------------------------------------------------------------------


def test_create_budget(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.post(
        url(f"data/projects/{P}/budgets"),
        json={"id": B},
        status=201,
        match=[json_body({"name": "Main", "currency": "EUR"})],
    )
    assert project.create_budget({"id": P}, "Main", currency="EUR", client=client) == {"id": B}
    api.replace(
        responses.POST,
        url(f"data/projects/{P}/budgets"),
        json={"id": B},
        match=[json_body({"name": "Other"})],
    )
    project.create_budget(P, "Other", client=client)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"name": ""},
        {"currency": "EURO"},
        {"currency": 978},
        {"description": "x"},
        {"amount": 10},
        {"start_date": "2025-01-01"},
        {"end_date": "2025-12-31"},
    ],
)
def test_create_budget_refuses_what_zou_would_drop_or_choke_on(
    api: responses.RequestsMock, client: KitsuClient, kwargs: dict[str, Any]
) -> None:
    kwargs = {"name": "Main", **kwargs}
    with pytest.raises(InvalidInputError):
        project.create_budget(P, client=client, **kwargs)
    assert len(api.calls) == 0


def test_update_budget_sends_name_and_currency_only(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.put(
        url(f"data/projects/{P}/budgets/{B}"),
        json={"id": B, "name": "New"},
        match=[json_body({"name": "New", "currency": "JPY"})],
    )
    budget = {"id": B, "project_id": P, "revision": 2, "name": "New", "currency": "JPY"}
    assert project.update_budget(P, {"id": B}, budget, client=client)["name"] == "New"


@pytest.mark.parametrize("data", [{"amount": 3}, {"currency": "EURO"}, "New"])
def test_update_budget_refuses_bad_data(
    api: responses.RequestsMock, client: KitsuClient, data: Any
) -> None:
    with pytest.raises(InvalidInputError):
        project.update_budget(P, B, data, client=client)
    assert len(api.calls) == 0


def test_create_budget_entry(api: responses.RequestsMock, client: KitsuClient) -> None:
    body = {
        "department_id": D,
        "person_id": N,
        "start_date": "2025-01-01",
        "months_duration": 3,
        "daily_salary": 300,
        "position": "lead",
        "seniority": "senior",
    }
    api.post(
        url(f"data/projects/{P}/budgets/{B}/entries"),
        json=ENTRY,
        status=201,
        match=[json_body(body)],
    )
    result = project.create_budget_entry(
        P,
        {"id": B},
        department={"id": D},
        person=N,
        start_date="2025-01-01",
        months_duration=3,
        daily_salary=300,
        position="lead",
        seniority="senior",
        client=client,
    )
    assert result == ENTRY


def test_create_budget_entry_takes_gazus_date_as_start_date(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    body = {
        "department_id": D,
        "person_id": None,
        "start_date": "2025-03-01",
        "months_duration": 1,
        "daily_salary": 1.5,
        "position": "artist",
        "seniority": "mid",
    }
    api.post(
        url(f"data/projects/{P}/budgets/{B}/entries"),
        json=ENTRY,
        status=201,
        match=[json_body(body)],
    )
    project.create_budget_entry(
        P, B, None, "2025-03-01", department=D, months_duration=1, daily_salary=1.5, client=client
    )


@pytest.mark.parametrize(
    "kwargs",
    [
        {"name": "Animator"},
        {"amount": 100},
        {"quantity": 2},
        {"unit_price": 5},
        {"description": "x"},
        {"category": "crew"},
        {"department": None},
        {"start_date": None},
        {"months_duration": None},
        {"daily_salary": None},
        {"position": "boss"},
        {"seniority": "expert"},
        {"department": "Animation"},
        {"person": "Jane"},
    ],
)
def test_create_budget_entry_refuses_bad_input(
    api: responses.RequestsMock, client: KitsuClient, kwargs: dict[str, Any]
) -> None:
    full = {
        "department": D,
        "start_date": "2025-01-01",
        "months_duration": 3,
        "daily_salary": 300,
        **kwargs,
    }
    with pytest.raises(InvalidInputError):
        project.create_budget_entry(P, B, client=client, **full)
    assert len(api.calls) == 0


def test_update_budget_entry_sends_the_whole_entry(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    path = url(f"data/projects/{P}/budgets/{B}/entries/{BE}")
    api.get(path, json=ENTRY)
    sent = {k: v for k, v in ENTRY.items() if k not in ("id", "budget_id", "type")}
    sent["daily_salary"] = 350
    api.put(path, json={**ENTRY, "daily_salary": 350.0}, match=[json_body(sent)])
    result = project.update_budget_entry(P, B, {"id": BE}, {"daily_salary": 350}, client=client)
    assert result["daily_salary"] == 350.0


def test_update_budget_entry_with_every_field_sends_one_request(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    sent = {k: v for k, v in ENTRY.items() if k not in ("id", "budget_id", "type")}
    api.put(url(f"data/projects/{P}/budgets/{B}/entries/{BE}"), json=ENTRY, match=[json_body(sent)])
    project.update_budget_entry(P, B, BE, ENTRY, client=client)
    assert len(api.calls) == 1


@pytest.mark.parametrize("data", [{"amount": 3}, None, [("daily_salary", 3)]])
def test_update_budget_entry_refuses_bad_data(
    api: responses.RequestsMock, client: KitsuClient, data: Any
) -> None:
    with pytest.raises(InvalidInputError):
        project.update_budget_entry(P, B, BE, data, client=client)
    assert len(api.calls) == 0


def test_remove_budget_entry(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.delete(url(f"data/projects/{P}/budgets/{B}/entries/{BE}"), status=204)
    assert (
        project.remove_budget_entry({"id": P}, {"id": B}, BE, client=client) == ""
    )  # gazu returns the body text
    with pytest.raises(InvalidIdError):
        project.remove_budget_entry(P, B, "first entry", client=client)
    assert len(api.calls) == 1
