"""kitsu_sdk.scene against a mocked Zou: routes, bodies, query strings, and bad input."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import responses
from responses import matchers
from unit_helpers import url

from kitsu_sdk import KitsuClient, scene
from kitsu_sdk.exception import BadRequestError, InvalidIdError, InvalidInputError, NotFoundError

P = "11111111-1111-4111-8111-111111111111"  # project
Q = "33333333-3333-4333-8333-333333333333"  # sequence
S = "44444444-4444-4444-8444-444444444444"  # shot
C = "77777777-7777-4777-8777-777777777777"  # scene
A = "88888888-8888-4888-8888-888888888888"  # asset
AI = "55555555-5555-4555-8555-555555555555"  # asset instance

UNSORTED = [{"id": "b", "name": "sc020"}, {"id": "a", "name": "SC010"}]


def test_new_scene_is_one_post(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.post(url(f"data/projects/{P}/scenes"), json={"id": C, "parent_id": Q}, status=201,
             match=[matchers.json_params_matcher({"name": "SC01", "sequence_id": Q})])
    assert scene.new_scene({"id": P}, {"id": Q}, "SC01", client=client)["id"] == C
    assert len(api.calls) == 1


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (lambda c: scene.all_scenes(P, client=c), f"data/projects/{P}/scenes"),
        (lambda c: scene.all_scenes(client=c), "data/scenes/all"),
        (lambda c: scene.all_scenes_for_project(P, client=c), f"data/projects/{P}/scenes"),
        (lambda c: scene.all_scenes_for_sequence(Q, client=c), f"data/sequences/{Q}/scenes"),
    ],
)
def test_listings_call_their_route_and_sort_by_name(
    api: responses.RequestsMock, client: KitsuClient, call: Callable[[KitsuClient], Any],
    path: str,
) -> None:
    api.get(url(path), json=UNSORTED, match=[matchers.query_string_matcher("")])
    assert [row["id"] for row in call(client)] == ["a", "b"]


def test_scenes_with_tasks(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.get(url("data/scenes/with-tasks"), json=[{"id": C, "tasks": []}],
            match=[matchers.query_param_matcher({"project_id": P})])
    assert scene.all_scenes_with_tasks(P, client=client) == [{"id": C, "tasks": []}]


def test_get_scene_and_by_name(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.get(url(f"data/scenes/{C}"), json={"id": C, "name": "SC01"})
    assert scene.get_scene(C, client=client)["name"] == "SC01"
    api.get(url("data/scenes/all"), json=[{"id": "x", "name": "sc01"}, {"id": C, "name": "SC01"}],
            match=[matchers.query_param_matcher({"parent_id": Q, "name": "SC01"})])
    assert scene.get_scene_by_name(Q, "SC01", client=client)["id"] == C
    api.get(url("data/scenes/all"), json=[],
            match=[matchers.query_param_matcher({"parent_id": Q, "name": "SC09"})])
    assert scene.get_scene_by_name(Q, "SC09", client=client) is None


def test_get_sequence_from_scene(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.get(url(f"data/sequences/{Q}"), json={"id": Q, "name": "SQ01"})
    assert scene.get_sequence_from_scene({"id": C, "parent_id": Q}, client=client)["id"] == Q
    assert len(api.calls) == 1
    api.get(url(f"data/scenes/{C}"), json={"id": C, "parent_id": Q})
    assert scene.get_sequence_from_scene(C, client=client)["name"] == "SQ01"


def test_update_scene_and_its_data(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.put(url(f"data/entities/{C}"), json={"id": C, "description": "d"},
            match=[matchers.json_params_matcher({"id": C, "description": "d"})])
    assert scene.update_scene({"id": C, "description": "d"}, client=client)["description"] == "d"
    api.put(url(f"data/entities/{C}"), json={"id": C, "data": {"a": 1, "b": 2}},
            match=[matchers.json_params_matcher({"data": {"b": 2}})])
    assert scene.update_scene_data(C, {"b": 2}, client=client)["data"] == {"a": 1, "b": 2}


def test_remove_scene(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.delete(url(f"data/scenes/{C}"), status=204, match=[matchers.query_string_matcher("")])
    assert scene.remove_scene({"id": C}, client=client) == ""
    assert len(api.calls) == 1


def test_shot_links(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.post(url(f"data/scenes/{C}/shots"), json={"id": S, "source_id": C}, status=201,
             match=[matchers.json_params_matcher({"shot_id": S})])
    api.get(url(f"data/scenes/{C}/shots"), json=[{"id": S, "source_id": C}])
    api.delete(url(f"data/scenes/{C}/shots/{S}"), status=204)
    assert scene.add_shot_to_scene(C, {"id": S}, client=client)["source_id"] == C
    assert scene.all_shots_for_scene(C, client=client) == [{"id": S, "source_id": C}]
    assert scene.remove_shot_from_scene({"id": C}, S, client=client) == ""
    assert [call.request.method for call in api.calls] == ["POST", "GET", "DELETE"]


def test_linking_a_missing_shot_surfaces_zous_404(api: responses.RequestsMock,
                                                  client: KitsuClient) -> None:
    api.post(url(f"data/scenes/{C}/shots"), status=404,
             json={"error": True, "message": "404 Not Found: The requested URL was not found"})
    with pytest.raises(NotFoundError, match="404 Not Found"):
        scene.add_shot_to_scene(C, S, client=client)


def test_asset_instances(api: responses.RequestsMock, client: KitsuClient) -> None:
    instance = {"id": AI, "name": "chr_0001", "asset_id": A, "scene_id": C}
    api.post(url(f"data/scenes/{C}/asset-instances"), json=instance, status=201,
             match=[matchers.json_params_matcher({"asset_id": A, "description": "hero"})])
    api.post(url(f"data/scenes/{C}/asset-instances"), json=instance, status=201,
             match=[matchers.json_params_matcher({"asset_id": A})])
    api.get(url(f"data/scenes/{C}/asset-instances"), json={A: [instance]})
    api.get(url(f"data/scenes/{C}/camera-instances"), json={})
    assert scene.new_scene_asset_instance(C, A, "hero", client=client) == instance
    assert scene.new_scene_asset_instance(C, {"id": A}, client=client) == instance
    assert scene.all_asset_instances_for_scene(C, client=client) == {A: [instance]}
    assert scene.all_camera_instances_for_scene(C, client=client) == {}


def test_asset_instance_by_name_and_updates(api: responses.RequestsMock,
                                            client: KitsuClient) -> None:
    api.get(url("data/asset-instances"), json=[{"id": AI, "name": "chr_0001"}],
            match=[matchers.query_param_matcher({"scene_id": C, "name": "chr_0001"})])
    assert scene.get_asset_instance_by_name(C, "chr_0001", client=client)["id"] == AI
    api.put(url(f"data/asset-instances/{AI}"), json={"id": AI, "name": "hero"},
            match=[matchers.json_params_matcher({"name": "hero"})])
    assert scene.update_asset_instance_name({"id": AI}, "hero", client=client)["name"] == "hero"
    api.put(url(f"data/asset-instances/{AI}"), json={"id": AI, "data": {"b": 2}},
            match=[matchers.json_params_matcher({"data": {"b": 2}})])
    assert scene.update_asset_instance_data(AI, {"b": 2}, client=client)["data"] == {"b": 2}


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda c: scene.new_scene(P, None, "SC01", client=c), InvalidIdError),
        (lambda c: scene.new_scene(P, "SQ01", "SC01", client=c), InvalidIdError),
        (lambda c: scene.new_scene(P, Q, "", client=c), InvalidInputError),
        (lambda c: scene.all_scenes("my project", client=c), InvalidIdError),
        (lambda c: scene.get_scene("SC01", client=c), InvalidIdError),
        (lambda c: scene.get_scene_by_name(Q, " ", client=c), InvalidInputError),
        (lambda c: scene.update_scene(C, client=c), InvalidInputError),
        (lambda c: scene.update_scene_data(C, [1], client=c), InvalidInputError),
        (lambda c: scene.add_shot_to_scene(C, "SH010", client=c), InvalidIdError),
        (lambda c: scene.remove_shot_from_scene("SC01", S, client=c), InvalidIdError),
        (lambda c: scene.new_scene_asset_instance(C, None, client=c), InvalidIdError),
        (lambda c: scene.update_asset_instance_name(AI, "", client=c), InvalidInputError),
        (lambda c: scene.update_asset_instance_data(AI, None, client=c), InvalidInputError),
        (lambda c: scene.get_asset_instance_by_name(C, "", client=c), InvalidInputError),
    ],
)
def test_bad_input_fails_before_the_network(api: responses.RequestsMock, client: KitsuClient,
                                            call: Callable[[KitsuClient], Any],
                                            error: type[Exception]) -> None:
    with pytest.raises(error):
        call(client)
    assert len(api.calls) == 0


def test_zou_refusals_keep_their_message(api: responses.RequestsMock,
                                         client: KitsuClient) -> None:
    api.post(url(f"data/projects/{P}/scenes"), status=400,
             json={"error": True, "message": "Validation error.",
                   "data": {"errors": [{"field": "name", "message": "too short"}]}})
    with pytest.raises(BadRequestError, match="Validation error"):
        scene.new_scene(P, Q, "SC01", client=client)
