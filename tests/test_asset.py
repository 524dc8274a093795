"""kitsu_sdk.asset against a mocked Zou."""

from __future__ import annotations

import json
import os
from typing import Any, Callable
from urllib.parse import parse_qsl, urlsplit

import pytest
import responses
from responses import matchers
from unit_helpers import url

from kitsu_sdk import KitsuClient
from kitsu_sdk import asset as ka
from kitsu_sdk.exception import (
    BadRequestError,
    InvalidIdError,
    InvalidInputError,
    MissingFileError,
    NotFoundInKitsuError,
    ServerError,
)

PROJ = "99999999-0000-0000-0000-000000000001"
PROJ2 = "99999999-0000-0000-0000-000000000002"
A = "aaaaaaaa-0000-0000-0000-000000000003"
A2 = "aaaaaaaa-0000-0000-0000-000000000004"
AT = "a7a7a7a7-0000-0000-0000-000000000005"
AT2 = "a7a7a7a7-0000-0000-0000-00000000000a"
SH = "5b5b5b5b-0000-0000-0000-000000000006"
EP = "e0e0e0e0-0000-0000-0000-000000000007"
AI = "a1a1a1a1-0000-0000-0000-000000000008"
PERSON = "dddddddd-0000-0000-0000-000000000009"

Call = Callable[[KitsuClient], Any]


def query(api: responses.RequestsMock, index: int = 0) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(api.calls[index].request.url).query))


def sent(api: responses.RequestsMock, index: int = 0) -> Any:
    return json.loads(api.calls[index].request.body)


# -- GET routes returning rows sorted by name: (call, path, expected query) ----------------------

SORTED_GETS: list[tuple[str, Call, str, dict[str, str]]] = [
    (
        "all_assets_for_project",
        lambda c: ka.all_assets_for_project(PROJ, client=c),
        f"data/projects/{PROJ}/assets",
        {},
    ),
    (
        "all_assets_for_project None",
        lambda c: ka.all_assets_for_project(None, client=c),
        "data/assets/all",
        {},
    ),
    (
        "all_assets_for_episode",
        lambda c: ka.all_assets_for_episode({"id": EP}, client=c),
        "data/assets",
        {"source_id": EP},
    ),
    (
        "all_assets_for_shot",
        lambda c: ka.all_assets_for_shot(SH, client=c),
        f"data/shots/{SH}/assets",
        {},
    ),
    (
        "all_assets_for_project_and_type",
        lambda c: ka.all_assets_for_project_and_type({"id": PROJ}, {"id": AT}, client=c),
        f"data/projects/{PROJ}/asset-types/{AT}/assets",
        {},
    ),
    ("all_asset_types", lambda c: ka.all_asset_types(client=c), "data/asset-types", {}),
    (
        "all_asset_types_for_project",
        lambda c: ka.all_asset_types_for_project(PROJ, client=c),
        f"data/projects/{PROJ}/asset-types",
        {},
    ),
    (
        "all_asset_types_for_shot",
        lambda c: ka.all_asset_types_for_shot(SH, client=c),
        f"data/shots/{SH}/asset-types",
        {},
    ),
]


@pytest.mark.parametrize(
    ("label", "call", "path", "params"), SORTED_GETS, ids=[g[0] for g in SORTED_GETS]
)
def test_listings_call_the_route_and_sort_by_name(
    api: responses.RequestsMock,
    client: KitsuClient,
    label: str,
    call: Call,
    path: str,
    params: dict[str, str],
) -> None:
    api.get(
        url(path),
        json=[{"name": "zed"}, {"name": "Alpha"}, {"name": "beta"}],
        match=[matchers.query_param_matcher(params)],
    )
    assert [row["name"] for row in call(client)] == ["Alpha", "beta", "zed"]
    assert len(api.calls) == 1


# -- GET routes returned as Zou sends them ---------------------------------------------------------

PLAIN_GETS: list[tuple[str, Call, str]] = [
    ("get_asset", lambda c: ka.get_asset(A, client=c), f"data/assets/{A}"),
    ("get_asset_type", lambda c: ka.get_asset_type({"id": AT}, client=c), f"data/asset-types/{AT}"),
    (
        "get_asset_instance",
        lambda c: ka.get_asset_instance(AI, client=c),
        f"data/asset-instances/{AI}",
    ),
    (
        "all_shot_asset_instances_for_asset",
        lambda c: ka.all_shot_asset_instances_for_asset(A, client=c),
        f"data/assets/{A}/shot-asset-instances",
    ),
    (
        "all_scene_asset_instances_for_asset",
        lambda c: ka.all_scene_asset_instances_for_asset(A, client=c),
        f"data/assets/{A}/scene-asset-instances",
    ),
    (
        "all_asset_instances_for_asset",
        lambda c: ka.all_asset_instances_for_asset(A, client=c),
        f"data/assets/{A}/asset-asset-instances",
    ),
    (
        "all_asset_instances_for_shot",
        lambda c: ka.all_asset_instances_for_shot(SH, client=c),
        f"data/shots/{SH}/asset-instances",
    ),
]


@pytest.mark.parametrize(("label", "call", "path"), PLAIN_GETS, ids=[g[0] for g in PLAIN_GETS])
def test_reads_return_what_zou_sent(
    api: responses.RequestsMock, client: KitsuClient, label: str, call: Call, path: str
) -> None:
    answer = {"id": AI, "marker": label}
    api.get(url(path), json=answer)
    assert call(client) == answer


def test_asset_instances_keep_zous_dict_keyed_by_asset(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    # Zou answers a dict keyed by the instantiated asset id, not the list its docs announce.
    answer = {A2: [{"id": AI, "name": "sword_0001"}]}
    api.get(url(f"data/assets/{A}/asset-asset-instances"), json=answer)
    assert ka.all_asset_instances_for_asset({"id": A}, client=client) == answer


def test_all_assets_for_open_projects_filters_on_the_open_project_ids(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("data/projects/open"), json=[{"id": PROJ}, {"id": PROJ2}])
    api.get(
        url("data/assets/all"),
        json=[{"name": "b"}, {"name": "A"}],
        match=[matchers.query_param_matcher({"project_id": json.dumps([PROJ, PROJ2])})],
    )
    assert [row["name"] for row in ka.all_assets_for_open_projects(client=client)] == ["A", "b"]


def test_all_assets_for_open_projects_splits_long_id_lists(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    # A request line with 100 quoted ids is over gunicorn's 4094 bytes: Zou answers 400.
    ids = [f"a1b2c3d4-0000-4000-8000-{n:012d}" for n in range(100)]
    api.get(url("data/projects/open"), json=[{"id": i} for i in ids])
    for start in (0, 40, 80):
        api.get(
            url("data/assets/all"),
            json=[{"name": f"asset{start:03d}"}],
            match=[
                matchers.query_param_matcher({"project_id": json.dumps(ids[start : start + 40])})
            ],
        )
    names = [row["name"] for row in ka.all_assets_for_open_projects(client=client)]
    assert names == ["asset000", "asset040", "asset080"]
    assert all(len(call.request.url) < 4000 for call in api.calls)


def test_all_assets_for_open_projects_without_open_projects_is_empty(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("data/projects/open"), json=[])
    assert ka.all_assets_for_open_projects(client=client) == []
    assert len(api.calls) == 1


# -- lookups by name ---------------------------------------------------------------------------


def test_get_asset_by_name_prefers_the_exact_name_over_ilike_matches(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(
        url("data/assets/all"),
        json=[{"id": A2, "name": "HERO"}, {"id": A, "name": "hero"}],
        match=[
            matchers.query_param_matcher({"project_id": PROJ, "name": "hero", "entity_type_id": AT})
        ],
    )
    assert ka.get_asset_by_name(PROJ, " hero ", AT, client=client)["id"] == A


def test_get_asset_by_name_ignores_wildcard_matches(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("data/assets/all"), json=[{"id": A, "name": "propA"}])
    assert ka.get_asset_by_name(PROJ, "prop_", client=client) is None
    assert query(api) == {"project_id": PROJ, "name": "prop_"}


def test_get_asset_by_name_accepts_a_case_insensitive_match(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("data/assets/all"), json=[{"id": A, "name": "Hero"}])
    assert ka.get_asset_by_name(PROJ, "hero", client=client)["id"] == A


def test_asset_type_name_is_resolved_and_unknown_names_raise(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(
        url("data/asset-types"),
        json=[{"id": AT, "name": "Character"}],
        match=[matchers.query_param_matcher({"name": "Character"})],
    )
    api.get(url(f"data/projects/{PROJ}/asset-types/{AT}/assets"), json=[])
    assert ka.all_assets_for_project_and_type(PROJ, "Character", client=client) == []
    api.get(
        url("data/asset-types"), json=[], match=[matchers.query_param_matcher({"name": "Charactr"})]
    )
    with pytest.raises(NotFoundInKitsuError, match="Charactr"):
        ka.all_assets_for_project_and_type(PROJ, "Charactr", client=client)


def test_get_asset_type_by_name_is_the_first_entity_type_of_that_name(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    found = [{"id": "x", "name": "Shot"}]
    api.get(
        url("data/entity-types"), json=found, match=[matchers.query_param_matcher({"name": "Shot"})]
    )
    api.get(url("data/entity-types"), json=[], match=[matchers.query_param_matcher({"name": "Z"})])
    assert ka.get_asset_type_by_name("Shot", client=client) == found[0]
    assert ka.get_asset_type_by_name("Z", client=client) is None


# -- creation ------------------------------------------------------------------------------------


def test_new_asset_posts_once_when_the_name_is_free(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("data/assets/all"), json=[])
    created = {"id": A, "name": "hero"}
    api.post(
        url(f"data/projects/{PROJ}/asset-types/{AT}/assets/new"),
        json=created,
        match=[
            matchers.json_params_matcher(
                {
                    "name": "hero",
                    "data": {"k": 1},
                    "is_shared": True,
                    "description": "d",
                    "episode_id": EP,
                }
            )
        ],
    )
    result = ka.new_asset({"id": PROJ}, AT, "hero", "d", {"k": 1}, {"id": EP}, True, client=client)
    assert result == created
    assert query(api) == {"project_id": PROJ, "name": "hero", "entity_type_id": AT}


def test_new_asset_defaults_send_empty_data_and_no_optional_keys(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("data/assets/all"), json=[])
    api.post(
        url(f"data/projects/{PROJ}/asset-types/{AT}/assets/new"),
        json={"id": A},
        match=[matchers.json_params_matcher({"name": "hero", "data": {}, "is_shared": False})],
    )
    assert ka.new_asset(PROJ, AT, "hero", client=client) == {"id": A}


def test_new_asset_returns_the_existing_asset_without_posting(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("data/assets/all"), json=[{"id": A, "name": "hero"}])
    assert ka.new_asset(PROJ, AT, "hero", client=client)["id"] == A
    assert [call.request.method for call in api.calls] == ["GET"]


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"project": "my project"}, InvalidIdError),
        ({"asset_type": {"name": "Character"}}, InvalidIdError),
        ({"name": "  "}, InvalidInputError),
        ({"name": None}, InvalidInputError),
        ({"extra_data": ["k"]}, InvalidInputError),
        ({"episode": "E01"}, InvalidIdError),
        ({"description": 3}, InvalidInputError),
    ],
)
def test_new_asset_bad_input_raises_before_any_request(
    api: responses.RequestsMock, client: KitsuClient, kwargs: dict[str, Any], error: type
) -> None:
    args: dict[str, Any] = {"project": PROJ, "asset_type": AT, "name": "hero", **kwargs}
    with pytest.raises(error):
        ka.new_asset(**args, client=client)
    assert len(api.calls) == 0


def test_new_asset_type_posts_an_entity_type_when_missing(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    # Zou's ILIKE filter may answer a near name ("Prop_" matches "Props"): it is not taken.
    api.get(
        url("data/entity-types"),
        json=[{"id": AT2, "name": "Props", "type": "EntityType"}],
        match=[matchers.query_param_matcher({"name": "Prop_"})],
    )
    api.post(
        url("data/entity-types"),
        json={"id": AT, "name": "Prop_", "type": "EntityType"},
        match=[matchers.json_params_matcher({"name": "Prop_"})],
    )
    assert ka.new_asset_type("Prop_", client=client) == {
        "id": AT,
        "name": "Prop_",
        "type": "EntityType",
    }
    assert [call.request.method for call in api.calls] == ["GET", "POST"]


def test_new_asset_type_returns_the_existing_entity_type_row(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    # gazu returns the data/entity-types row (type EntityType, no task_types), not the
    # data/asset-types one; an exact name wins over one differing only by case.
    rows = [
        {"id": AT2, "name": "prop", "type": "EntityType"},
        {"id": AT, "name": "Prop", "type": "EntityType"},
    ]
    api.get(
        url("data/entity-types"), json=rows, match=[matchers.query_param_matcher({"name": "Prop"})]
    )
    assert ka.new_asset_type("Prop", client=client) == rows[1]
    assert len(api.calls) == 1


def test_new_asset_type_takes_a_name_differing_only_by_case(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    row = {"id": AT, "name": "Prop", "type": "EntityType"}
    api.get(url("data/entity-types"), json=[row])
    assert ka.new_asset_type("PROP", client=client) == row
    assert len(api.calls) == 1


def test_new_asset_asset_instance(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.post(
        url(f"data/assets/{A}/asset-asset-instances"),
        json={"id": AI},
        match=[matchers.json_params_matcher({"asset_to_instantiate_id": A2, "description": "one"})],
    )
    assert ka.new_asset_asset_instance(A, {"id": A2}, "one", client=client) == {"id": AI}


# -- updates and removal -------------------------------------------------------------------------


def test_update_asset_cleans_a_dict_read_from_get_asset(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    read = {
        "id": A,
        "name": "hero",
        "episode_id": "",
        "preview_file_id": "",
        "ready_for": "None",
        "tasks": [{"id": "t"}],
        "entity_concept_links": [],
        "data": {"k": 1},
    }
    api.put(
        url(f"data/entities/{A}"),
        json={"id": A},
        match=[
            matchers.json_params_matcher(
                {
                    "name": "hero",
                    "source_id": None,
                    "preview_file_id": None,
                    "ready_for": None,
                    "data": {"k": 1},
                }
            )
        ],
    )
    ka.update_asset(read, client=client)
    assert read["episode_id"] == "" and "tasks" in read  # the caller's dict is left alone


def test_update_asset_maps_episode_id_to_source_id(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.put(
        url(f"data/entities/{A}"),
        json={"id": A},
        match=[matchers.json_params_matcher({"source_id": EP})],
    )
    ka.update_asset({"id": A, "episode_id": EP}, client=client)


def test_update_asset_needs_a_dict(api: responses.RequestsMock, client: KitsuClient) -> None:
    with pytest.raises(InvalidInputError):
        ka.update_asset(A, client=client)  # type: ignore[arg-type]
    with pytest.raises(InvalidIdError):
        ka.update_asset({"name": "no id"}, client=client)
    assert len(api.calls) == 0


def test_update_asset_data_sends_only_the_new_keys(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    # Zou merges `data` on this route: no read first, so no race with other writers.
    api.put(
        url(f"data/entities/{A}"),
        json={"id": A, "data": {"old": 1, "new": 2}},
        match=[matchers.json_params_matcher({"data": {"new": 2}})],
    )
    assert ka.update_asset_data({"id": A}, {"new": 2}, client=client)["data"] == {
        "old": 1,
        "new": 2,
    }
    assert len(api.calls) == 1


def test_update_asset_data_refuses_a_non_dict(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    with pytest.raises(InvalidInputError):
        ka.update_asset_data(A, "k=v", client=client)  # type: ignore[arg-type]
    assert len(api.calls) == 0


@pytest.mark.parametrize(("force", "params"), [(False, {}), (True, {"force": "true"})])
def test_remove_asset_honours_force(
    api: responses.RequestsMock, client: KitsuClient, force: bool, params: dict[str, str]
) -> None:
    api.delete(url(f"data/assets/{A}"), status=204, match=[matchers.query_param_matcher(params)])
    ka.remove_asset({"id": A}, force=force, client=client)
    assert len(api.calls) == 1


def test_update_asset_type_sends_the_editable_fields(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.put(
        url(f"data/entity-types/{AT}"),
        json={"id": AT, "name": "Props"},
        match=[matchers.json_params_matcher({"name": "Props", "short_name": "PRP"})],
    )
    given = {
        "id": AT,
        "name": "Props",
        "short_name": "PRP",
        "type": "AssetType",
        "created_at": "2026-01-01T00:00:00",
    }
    assert ka.update_asset_type(given, client=client)["name"] == "Props"


def test_update_asset_type_bad_input(api: responses.RequestsMock, client: KitsuClient) -> None:
    with pytest.raises(InvalidInputError):
        ka.update_asset_type({"id": AT, "name": ""}, client=client)
    with pytest.raises(InvalidInputError):
        ka.update_asset_type({"id": AT}, client=client)
    assert len(api.calls) == 0


def test_remove_asset_type_surfaces_zous_refusal(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.delete(
        url(f"data/entity-types/{AT}"),
        status=400,
        json={"message": "The change conflicts with records referencing this one."},
    )
    with pytest.raises(BadRequestError, match="conflicts"):
        ka.remove_asset_type(AT, client=client)


@pytest.mark.parametrize(
    ("fn", "active"), [(ka.enable_asset_instance, True), (ka.disable_asset_instance, False)]
)
def test_enable_disable_asset_instance_use_the_crud_route(
    api: responses.RequestsMock, client: KitsuClient, fn: Callable[..., Any], active: bool
) -> None:
    api.put(
        url(f"data/asset-instances/{AI}"),
        json={"id": AI, "active": active},
        match=[matchers.json_params_matcher({"active": active})],
    )
    assert fn({"id": AI}, client=client)["active"] is active


# -- derived lookups and URLs --------------------------------------------------------------------


def test_get_episode_from_asset_reads_the_dict(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url(f"data/episodes/{EP}"), json={"id": EP, "name": "E01"})
    assert ka.get_episode_from_asset({"id": A, "source_id": EP}, client=client)["name"] == "E01"
    assert ka.get_episode_from_asset({"id": A, "source_id": None}, client=client) is None
    assert len(api.calls) == 1


def test_get_episode_from_asset_fetches_the_asset_given_an_id(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url(f"data/assets/{A}"), json={"id": A, "episode_id": ""})
    assert ka.get_episode_from_asset(A, client=client) is None


def test_get_asset_type_from_asset(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.get(url(f"data/asset-types/{AT}"), json={"id": AT, "name": "Prop"})
    assert ka.get_asset_type_from_asset({"id": A, "entity_type_id": AT}, client=client)["id"] == AT
    api.get(url(f"data/assets/{A}"), json={"id": A, "entity_type_id": AT})
    assert ka.get_asset_type_from_asset(A, client=client)["name"] == "Prop"


def test_asset_urls_for_a_tv_show(api: responses.RequestsMock, client: KitsuClient) -> None:
    # The client's host ends with /api: the web app lives at the site root.
    api.get(url(f"data/assets/{A}"), json={"id": A, "project_id": PROJ, "episode_id": EP})
    api.get(url(f"data/projects/{PROJ}"), json={"id": PROJ, "production_type": "tvshow"})
    c = client
    assert ka.get_asset_url(A, client=c) == (
        f"http://kitsu.test/productions/{PROJ}/episodes/{EP}/assets/{A}/"
    )
    assert ka.get_all_assets_url(PROJ, client=c) == (
        f"http://kitsu.test/productions/{PROJ}/episodes/main/assets/"
    )
    assert ka.get_asset_type_url(PROJ, {"id": AT, "name": "Prop"}, client=c) == (
        f"http://kitsu.test/productions/{PROJ}/episodes/main/assets?search=type%3D%5BProp%5D"
    )


def test_asset_urls_for_a_feature(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.get(url(f"data/assets/{A}"), json={"id": A, "project_id": PROJ, "episode_id": ""})
    api.get(url(f"data/projects/{PROJ}"), json={"id": PROJ, "production_type": "featurefilm"})
    api.get(url(f"data/asset-types/{AT}"), json={"id": AT, "name": "Prop"})
    assert ka.get_asset_url({"id": A}, client=client) == (
        f"http://kitsu.test/productions/{PROJ}/assets/{A}/"
    )
    assert ka.get_asset_type_url(PROJ, AT, client=client) == (
        f"http://kitsu.test/productions/{PROJ}/assets?search=type%3D%5BProp%5D"
    )


# -- CSV -----------------------------------------------------------------------------------------


def test_import_assets_with_csv_uploads_the_file(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: Any
) -> None:
    path = tmp_path / "assets.csv"
    path.write_text("Type;Name\nProp;lamp\n")
    api.post(
        url(f"import/csv/projects/{PROJ}/assets"), json=[{"id": A, "name": "lamp"}], status=201
    )
    assert ka.import_assets_with_csv(PROJ, str(path), client=client) == [{"id": A, "name": "lamp"}]
    request = api.calls[0].request
    assert request.headers["Content-Type"].startswith("multipart/form-data")
    payload = request.body if isinstance(request.body, bytes) else b"".join(request.body)
    assert b'name="file"' in payload and b"Prop;lamp" in payload


def test_import_assets_with_csv_missing_file(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    with pytest.raises(MissingFileError):
        ka.import_assets_with_csv(PROJ, "/nonexistent/assets.csv", client=client)
    with pytest.raises(InvalidInputError):
        ka.import_assets_with_csv(PROJ, "", client=client)
    assert len(api.calls) == 0


def test_export_assets_with_csv_writes_the_file_with_filters(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: Any
) -> None:
    api.get(
        url(f"export/csv/projects/{PROJ}/assets.csv"),
        body="Project;Type;Name\n",
        match=[matchers.query_param_matcher({"episode_id": EP, "assigned_to": PERSON})],
    )
    target = tmp_path / "out.csv"
    written = ka.export_assets_with_csv(PROJ, str(target), {"id": EP}, PERSON, client=client)
    assert os.path.abspath(written) == str(target)
    assert target.read_text() == "Project;Type;Name\n"


def test_export_assets_with_csv_error_leaves_no_file(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: Any
) -> None:
    api.get(url(f"export/csv/projects/{PROJ}/assets.csv"), status=500, json={"message": "boom"})
    target = tmp_path / "out.csv"
    with pytest.raises(ServerError):
        ka.export_assets_with_csv(PROJ, str(target), client=client)
    assert not target.exists()


# -- ids are checked before the network --------------------------------------------------------

BAD_IDS: list[tuple[str, Call]] = [
    ("get_asset name", lambda c: ka.get_asset("hero", client=c)),
    ("all_assets_for_shot", lambda c: ka.all_assets_for_shot("SH010", client=c)),
    ("all_assets_for_episode dict", lambda c: ka.all_assets_for_episode({"name": "E01"}, client=c)),
    ("remove_asset", lambda c: ka.remove_asset(42, client=c)),
    ("get_asset_type", lambda c: ka.get_asset_type("Prop", client=c)),
    ("remove_asset_type", lambda c: ka.remove_asset_type("Prop", client=c)),
    ("enable_asset_instance", lambda c: ka.enable_asset_instance("x", client=c)),
    ("new_asset_asset_instance", lambda c: ka.new_asset_asset_instance(A, "sword", client=c)),
    (
        "export assigned_to",
        lambda c: ka.export_assets_with_csv(PROJ, "x.csv", None, "bob", client=c),
    ),
    ("get_asset_by_name empty", lambda c: ka.get_asset_by_name(PROJ, "", client=c)),
    ("get_asset_type_by_name empty", lambda c: ka.get_asset_type_by_name(" ", client=c)),
    ("new_asset_type empty", lambda c: ka.new_asset_type("", client=c)),
    ("asset type blank name", lambda c: ka.all_assets_for_project_and_type(PROJ, " ", client=c)),
]


@pytest.mark.parametrize(("label", "call"), BAD_IDS, ids=[b[0] for b in BAD_IDS])
def test_bad_input_raises_before_any_request(
    api: responses.RequestsMock, client: KitsuClient, label: str, call: Call
) -> None:
    with pytest.raises(InvalidInputError):
        call(client)
    assert len(api.calls) == 0
