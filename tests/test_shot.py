"""kitsu_sdk.shot against a mocked Zou: routes, bodies, query strings, and bad input."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import requests
import responses
from responses import matchers
from unit_helpers import url

from kitsu_sdk import KitsuClient, shot
from kitsu_sdk.exception import (
    BadRequestError,
    InvalidIdError,
    InvalidInputError,
    MissingFileError,
    NotFoundError,
)

P = "11111111-1111-4111-8111-111111111111"  # project
E = "22222222-2222-4222-8222-222222222222"  # episode
Q = "33333333-3333-4333-8333-333333333333"  # sequence
S = "44444444-4444-4444-8444-444444444444"  # shot
AI = "55555555-5555-4555-8555-555555555555"  # asset instance
N = "66666666-6666-4666-8666-666666666666"  # person

UNSORTED = [{"id": "b", "name": "sh020"}, {"id": "a", "name": "SH010"}, {"id": "c", "name": None}]


@pytest.mark.parametrize(
    ("function", "ref", "path"),
    [
        (shot.all_episodes_for_project, P, f"data/projects/{P}/episodes"),
        (shot.all_sequences_for_project, P, f"data/projects/{P}/sequences"),
        (shot.all_sequences_for_episode, E, f"data/episodes/{E}/sequences"),
        (shot.all_shots_for_project, P, f"data/projects/{P}/shots"),
        (shot.all_shots_for_episode, E, f"data/episodes/{E}/shots"),
        (shot.all_shots_for_sequence, Q, f"data/sequences/{Q}/shots"),
    ],
)
def test_listings_call_their_route_and_sort_by_name(
    api: responses.RequestsMock,
    client: KitsuClient,
    function: Callable[..., Any],
    ref: str,
    path: str,
) -> None:
    api.get(url(path), json=UNSORTED, match=[matchers.query_string_matcher("")])
    rows = function({"id": ref, "name": "whatever"}, client=client)
    assert [row["id"] for row in rows] == ["c", "a", "b"]


@pytest.mark.parametrize(
    ("function", "path", "body"),
    [
        (shot.all_previews_for_shot, f"data/shots/{S}/preview-files", {"tt": [{"id": "p"}]}),
        (shot.get_asset_instances_for_shot, f"data/shots/{S}/asset-instances", {"a": [{"id": AI}]}),
        (shot.all_asset_instances_for_shot, f"data/shots/{S}/asset-instances", {"a": [{"id": AI}]}),
    ],
)
def test_shot_dicts_keyed_by_id_are_returned_as_zou_sends_them(
    api: responses.RequestsMock,
    client: KitsuClient,
    function: Callable[..., Any],
    path: str,
    body: dict[str, Any],
) -> None:
    api.get(url(path), json=body)
    assert function(S, client=client) == body


@pytest.mark.parametrize(
    ("function", "path"),
    [
        (shot.get_episode, f"data/episodes/{E}"),
        (shot.get_sequence, f"data/sequences/{Q}"),
        (shot.get_shot, f"data/shots/{S}"),
    ],
)
def test_get_by_id(
    api: responses.RequestsMock, client: KitsuClient, function: Callable[..., Any], path: str
) -> None:
    entity_id = path.rsplit("/", 1)[1]
    api.get(url(path), json={"id": entity_id, "name": "X"})
    assert function(entity_id.upper(), client=client) == {"id": entity_id, "name": "X"}


def test_get_episode_by_name_prefers_the_exact_name(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    # Zou's ILIKE returns "e01" too; the exact "E01" wins wherever it is in the list.
    api.get(
        url("data/episodes"),
        json=[{"id": "x", "name": "e01"}, {"id": "y", "name": "E01"}],
        match=[matchers.query_param_matcher({"project_id": P, "name": "E01"})],
    )
    assert shot.get_episode_by_name(P, "E01", client=client) == {"id": "y", "name": "E01"}


def test_by_name_falls_back_on_case_and_drops_wildcard_matches(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(
        url("data/shots/all"),
        json=[{"id": "w", "name": "SHA1"}, {"id": "z", "name": "sh_1"}],
        match=[matchers.query_param_matcher({"sequence_id": Q, "name": "SH_1"})],
    )
    assert shot.get_shot_by_name(Q, "SH_1", client=client) == {"id": "z", "name": "sh_1"}
    api.get(
        url("data/shots/all"),
        json=[{"id": "w", "name": "SHA1"}],
        match=[matchers.query_param_matcher({"sequence_id": Q, "name": "SH_2"})],
    )
    assert shot.get_shot_by_name(Q, "SH_2", client=client) is None


def test_get_sequence_by_name_filters_by_episode_or_project(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(
        url("data/sequences"),
        json=[{"id": "in-ep", "name": "SQ01"}],
        match=[matchers.query_param_matcher({"episode_id": E, "name": "SQ01"})],
    )
    api.get(
        url("data/sequences"),
        json=[{"id": "in-project", "name": "SQ01"}],
        match=[matchers.query_param_matcher({"project_id": P, "name": "SQ01"})],
    )
    assert shot.get_sequence_by_name(P, "SQ01", episode=E, client=client)["id"] == "in-ep"
    assert shot.get_sequence_by_name({"id": P}, "SQ01", client=client)["id"] == "in-project"


def test_parents_are_read_from_the_dict_when_it_has_them(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    assert shot.get_episode_from_sequence({"id": Q, "parent_id": None}, client=client) is None
    assert len(api.calls) == 0
    api.get(url(f"data/episodes/{E}"), json={"id": E, "name": "E01"})
    found = shot.get_episode_from_sequence({"id": Q, "parent_id": E}, client=client)
    assert found == {"id": E, "name": "E01"}


def test_parents_of_a_bare_id_fetch_the_child_first(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url(f"data/shots/{S}"), json={"id": S, "parent_id": Q})
    api.get(url(f"data/sequences/{Q}"), json={"id": Q, "name": "SQ01"})
    assert shot.get_sequence_from_shot(S, client=client)["name"] == "SQ01"
    assert [call.request.url for call in api.calls] == [
        url(f"data/shots/{S}"),
        url(f"data/sequences/{Q}"),
    ]


def test_web_urls_drop_the_api_suffix_and_follow_the_production_shape(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url(f"data/shots/{S}"), json={"id": S, "project_id": P, "episode_id": E})
    assert shot.get_shot_url(S, client=client) == (
        f"http://kitsu.test/productions/{P}/episodes/{E}/shots/{S}/"
    )
    api.get(url(f"data/sequences/{Q}"), json={"id": Q, "project_id": P, "parent_id": None})
    assert shot.get_sequence_url(Q, client=client) == (
        f"http://kitsu.test/productions/{P}/sequences/{Q}/"
    )
    api.get(url(f"data/episodes/{E}"), json={"id": E, "project_id": P})
    assert shot.get_episode_url(E, client=client) == (
        f"http://kitsu.test/productions/{P}/episodes/{E}/shots"
    )
    assert shot.get_all_episodes_url(P, client=client) == (
        f"http://kitsu.test/productions/{P}/episodes/"
    )
    assert shot.get_all_sequences_url(P, client=client) == (
        f"http://kitsu.test/productions/{P}/sequences/"
    )


def test_feature_shot_url_has_no_episode(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.get(url(f"data/shots/{S}"), json={"id": S, "project_id": P, "episode_id": None})
    assert shot.get_shot_url(S, client=client) == f"http://kitsu.test/productions/{P}/shots/{S}/"


def test_new_episode_is_one_post(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.post(
        url(f"data/projects/{P}/episodes"),
        json={"id": E},
        status=201,
        match=[matchers.json_params_matcher({"name": "E01"})],
    )
    assert shot.new_episode(P, " E01 ", client=client) == {"id": E}
    api.post(
        url(f"data/projects/{P}/episodes"),
        json={"id": E},
        status=201,
        match=[
            matchers.json_params_matcher(
                {"name": "E02", "description": "d", "status": "standby", "data": {"k": 1}}
            )
        ],
    )
    shot.new_episode(P, "E02", client=client, description="d", status="standby", data={"k": 1})
    assert len(api.calls) == 2


def test_new_sequence_looks_it_up_first_then_posts(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    # In the episode when given, else in the whole project; the ILIKE near match is not taken.
    api.get(
        url("data/sequences"),
        json=[{"id": "x", "name": "SQ01X"}],
        match=[matchers.query_param_matcher({"episode_id": E, "name": "SQ01"})],
    )
    api.get(
        url("data/sequences"),
        json=[],
        match=[matchers.query_param_matcher({"project_id": P, "name": "SQ01"})],
    )
    api.post(
        url(f"data/projects/{P}/sequences"),
        json={"id": Q},
        status=201,
        match=[matchers.json_params_matcher({"name": "SQ01", "episode_id": E})],
    )
    api.post(
        url(f"data/projects/{P}/sequences"),
        json={"id": "f"},
        status=201,
        match=[
            matchers.json_params_matcher({"name": "SQ01", "description": "d", "data": {"k": 1}})
        ],
    )
    assert shot.new_sequence(P, "SQ01", {"id": E}, client=client) == {"id": Q}
    assert shot.new_sequence(
        {"id": P}, " SQ01 ", client=client, description="d", data={"k": 1}
    ) == {"id": "f"}
    assert [call.request.method for call in api.calls] == ["GET", "POST", "GET", "POST"]


def test_new_sequence_without_episode_returns_one_in_any_episode(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    # gazu looks among all the project's sequences: the one of an episode comes back, no POST.
    row = {"id": Q, "name": "SQ01", "parent_id": E, "project_id": P}
    api.get(
        url("data/sequences"),
        json=[{"id": "y", "name": "sq01"}, row],
        match=[matchers.query_param_matcher({"project_id": P, "name": "SQ01"})],
    )
    assert shot.new_sequence(P, "SQ01", client=client, description="ignored") == row
    assert len(api.calls) == 1


def test_new_sequence_in_an_episode_returns_the_existing_one(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    row = {"id": Q, "name": "SQ01", "parent_id": E}
    api.get(
        url("data/sequences"),
        json=[row],
        match=[matchers.query_param_matcher({"episode_id": E, "name": "sq01"})],
    )
    assert shot.new_sequence(P, "sq01", E, client=client) == row
    assert len(api.calls) == 1


def test_new_shot_puts_frames_in_data_without_touching_the_callers_dict(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    expected = {
        "name": "SH010",
        "sequence_id": Q,
        "data": {"fps": 24, "frame_in": 1001, "frame_out": 1024},
        "nb_frames": 24,
        "description": "wide",
    }
    api.get(
        url("data/shots/all"),
        json=[{"id": "x", "name": "SH010X"}],
        match=[matchers.query_param_matcher({"sequence_id": Q, "name": "SH010"})],
    )
    api.post(
        url(f"data/projects/{P}/shots"),
        json={"id": S},
        status=201,
        match=[matchers.json_params_matcher(expected)],
    )
    extra = {"fps": 24}
    created = shot.new_shot(
        P,
        Q,
        "SH010",
        nb_frames=24,
        frame_in=1001,
        frame_out=1024,
        description="wide",
        data=extra,
        client=client,
    )
    assert created == {"id": S}
    assert extra == {"fps": 24}
    assert [call.request.method for call in api.calls] == ["GET", "POST"]


def test_new_shot_minimal_body(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.get(
        url("data/shots/all"),
        json=[],
        match=[matchers.query_param_matcher({"sequence_id": Q, "name": "SH1"})],
    )
    api.post(
        url(f"data/projects/{P}/shots"),
        json={"id": S},
        status=201,
        match=[matchers.json_params_matcher({"name": "SH1", "sequence_id": Q, "data": {}})],
    )
    assert shot.new_shot(P, {"id": Q}, "SH1", client=client) == {"id": S}
    assert len(api.calls) == 2


def test_new_shot_refuses_a_negative_nb_frames_but_takes_negative_frames(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    for bad in (-1, -1000, "24", 2.5, True):
        with pytest.raises(InvalidInputError, match="nb_frames"):
            shot.new_shot(P, Q, "SH1", nb_frames=bad, client=client)
    with pytest.raises(InvalidInputError, match="nb_frames"):
        shot.update_shot({"id": S, "nb_frames": -5}, client=client)
    assert len(api.calls) == 0  # refused before any request
    api.get(url("data/shots/all"), json=[])
    api.post(
        url(f"data/projects/{P}/shots"),
        json={"id": S},
        status=201,
        match=[
            matchers.json_params_matcher(
                {
                    "name": "SH1",
                    "sequence_id": Q,
                    "nb_frames": 0,
                    "data": {"frame_in": -10, "frame_out": -1},
                }
            )
        ],
    )
    created = shot.new_shot(P, Q, "SH1", nb_frames=0, frame_in=-10, frame_out=-1, client=client)
    assert created == {"id": S}


def test_new_shot_returns_the_existing_lookup_row_unchanged(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    # gazu returns the data/shots/all row, with project_name and sequence_name; nothing is sent.
    row = {
        "id": S,
        "name": "SH010",
        "project_name": "Film",
        "sequence_name": "SQ01",
        "data": {"frame_in": 1001},
    }
    api.get(
        url("data/shots/all"),
        json=[row],
        match=[matchers.query_param_matcher({"sequence_id": Q, "name": "sh010"})],
    )
    found = shot.new_shot(P, Q, "sh010", frame_in=1, frame_out=2, data={"x": 1}, client=client)
    assert found == row
    assert len(api.calls) == 1


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda c: shot.new_shot(P, None, "SH1", client=c), InvalidIdError),
        (lambda c: shot.new_shot(P, "SQ01", "SH1", client=c), InvalidIdError),
        (lambda c: shot.new_shot(P, Q, "", client=c), InvalidInputError),
        (lambda c: shot.new_shot(P, Q, "SH1", frame_in="10", client=c), InvalidInputError),
        (lambda c: shot.new_shot(P, Q, "SH1", nb_frames=True, client=c), InvalidInputError),
        (
            lambda c: shot.new_shot(P, Q, "SH1", frame_in=20, frame_out=10, client=c),
            InvalidInputError,
        ),
        (lambda c: shot.new_shot(P, Q, "SH1", data=["x"], client=c), InvalidInputError),
        (lambda c: shot.new_sequence(P, "  ", client=c), InvalidInputError),
        (lambda c: shot.new_sequence(P, "SQ1", "E01", client=c), InvalidIdError),
        (lambda c: shot.new_episode(None, "E01", client=c), InvalidIdError),
        (lambda c: shot.new_episode({"name": "p"}, "E01", client=c), InvalidIdError),
        (lambda c: shot.get_episode_by_name(P, "", client=c), InvalidInputError),
        (lambda c: shot.get_sequence_by_name(P, None, client=c), InvalidInputError),
        (lambda c: shot.get_shot_by_name("not-an-id", "SH1", client=c), InvalidIdError),
        (lambda c: shot.get_shot(42, client=c), InvalidIdError),
        (lambda c: shot.all_shots_for_sequence("SQ01", client=c), InvalidIdError),
        (lambda c: shot.update_shot(S, client=c), InvalidInputError),
        (lambda c: shot.update_shot({"name": "x"}, client=c), InvalidIdError),
        (lambda c: shot.update_shot_data(S, "x=1", client=c), InvalidInputError),
        (lambda c: shot.remove_episode("E01", client=c), InvalidIdError),
        (lambda c: shot.add_asset_instance_to_shot(S, "inst", client=c), InvalidIdError),
        (lambda c: shot.set_shot_frame_range(S, 10, 5, client=c), InvalidInputError),
        (lambda c: shot.set_shot_frame_range(S, 1, 5, fps=0, client=c), InvalidInputError),
        (lambda c: shot.set_shot_frame_range(S, None, 5, client=c), InvalidInputError),
        (lambda c: shot.all_sequences_with_tasks(episode="E01", client=c), InvalidIdError),
        (lambda c: shot.import_otio(P, "x.edl", naming_convention="", client=c), InvalidInputError),
    ],
)
def test_bad_input_fails_before_the_network(
    api: responses.RequestsMock,
    client: KitsuClient,
    call: Callable[[KitsuClient], Any],
    error: type[Exception],
) -> None:
    with pytest.raises(error):
        call(client)
    assert len(api.calls) == 0


def test_a_name_where_an_id_belongs_says_so(client: KitsuClient) -> None:
    with pytest.raises(InvalidIdError, match="a name"):
        shot.all_shots_for_sequence("SQ01", client=client)


@pytest.mark.parametrize(
    ("function", "kind"),
    [
        (shot.update_episode, "episode"),
        (shot.update_sequence, "sequence"),
        (shot.update_shot, "shot"),
    ],
)
def test_updates_put_the_dict_on_the_entity_route(
    api: responses.RequestsMock, client: KitsuClient, function: Callable[..., Any], kind: str
) -> None:
    full = {
        "id": S,
        "name": "New",
        "data": {"k": 1},
        "tasks": [{"id": "t"}],
        "entity_concept_links": ["c"],
    }
    api.put(
        url(f"data/entities/{S}"),
        json={"id": S, "name": "New", "type": kind.title()},
        match=[matchers.json_params_matcher({"id": S, "name": "New", "data": {"k": 1}})],
    )
    assert function(full, client=client)["name"] == "New"
    assert "tasks" in full  # the caller's dict is left alone


@pytest.mark.parametrize(
    "function", [shot.update_episode_data, shot.update_sequence_data, shot.update_shot_data]
)
def test_data_updates_send_only_data_for_zou_to_merge(
    api: responses.RequestsMock, client: KitsuClient, function: Callable[..., Any]
) -> None:
    api.put(
        url(f"data/entities/{S}"),
        json={"id": S, "data": {"old": 1, "new": 2}},
        match=[matchers.json_params_matcher({"data": {"new": 2}})],
    )
    assert function({"id": S}, {"new": 2}, client=client)["data"] == {"old": 1, "new": 2}
    assert len(api.calls) == 1
    api.put(
        url(f"data/entities/{S}"),
        json={"id": S, "data": {"old": 1}},
        match=[matchers.json_params_matcher({"data": {}})],
    )
    function(S, client=client)


@pytest.mark.parametrize(
    ("function", "path"),
    [
        (shot.remove_episode, f"data/episodes/{S}"),
        (shot.remove_sequence, f"data/sequences/{S}"),
        (shot.remove_shot, f"data/shots/{S}"),
    ],
)
def test_removal_sends_force_only_when_asked(
    api: responses.RequestsMock, client: KitsuClient, function: Callable[..., Any], path: str
) -> None:
    api.delete(url(path), status=204, match=[matchers.query_string_matcher("")])
    assert function(S, client=client) == ""
    api.delete(url(path), status=204, match=[matchers.query_param_matcher({"force": "true"})])
    function(S, force=True, client=client)
    assert len(api.calls) == 2


def test_removal_refusal_surfaces_zous_message(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.delete(
        url(f"data/episodes/{E}"),
        status=400,
        json={"error": True, "message": "Some data are still linked to this episode."},
    )
    with pytest.raises(BadRequestError, match="still linked"):
        shot.remove_episode(E, client=client)


def test_creation_under_a_missing_parent_raises_not_found(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    # A missing episode: the lookup already gets 404 and nothing is posted.
    api.get(
        url("data/sequences"),
        status=404,
        json={"error": True, "message": "404 Not Found: The requested URL was not found"},
    )
    with pytest.raises(NotFoundError, match="404 Not Found"):
        shot.new_sequence(P, "SQ01", E, client=client)
    assert [call.request.method for call in api.calls] == ["GET"]


def test_creation_in_an_episode_of_another_project_raises_not_found(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("data/sequences"), json=[])
    api.post(
        url(f"data/projects/{P}/sequences"),
        status=404,
        json={"error": True, "message": "404 Not Found: The requested URL was not found"},
    )
    with pytest.raises(NotFoundError, match="404 Not Found"):
        shot.new_sequence(P, "SQ01", E, client=client)
    assert [call.request.method for call in api.calls] == ["GET", "POST"]


def test_restore_shot(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.put(
        url(f"data/shots/{S}"),
        json={"id": S, "canceled": False},
        match=[matchers.json_params_matcher({"canceled": False})],
    )
    assert shot.restore_shot({"id": S}, client=client)["canceled"] is False


def test_asset_instance_links(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.post(
        url(f"data/shots/{S}/asset-instances"),
        json={"id": S},
        status=201,
        match=[matchers.json_params_matcher({"asset_instance_id": AI})],
    )
    api.delete(url(f"data/shots/{S}/asset-instances/{AI}"), status=204)
    assert shot.add_asset_instance_to_shot(S, {"id": AI}, client=client) == {"id": S}
    assert shot.remove_asset_instance_from_shot(S, AI, client=client) == ""
    assert [call.request.method for call in api.calls] == ["POST", "DELETE"]


def test_with_tasks_listings_pass_their_filters(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(
        url("data/episodes/with-tasks"),
        json=[{"id": E, "tasks": []}],
        match=[matchers.query_param_matcher({"project_id": P})],
    )
    api.get(
        url("data/sequences/with-tasks"),
        json=[{"id": Q, "tasks": []}],
        match=[matchers.query_param_matcher({"project_id": P, "episode_id": E})],
    )
    api.get(
        url("data/shots/with-tasks"),
        json=[{"id": S, "tasks": []}],
        match=[matchers.query_string_matcher("")],
    )
    assert shot.all_episodes_with_tasks(P, client=client)[0]["id"] == E
    assert shot.all_sequences_with_tasks(P, E, client=client)[0]["id"] == Q
    assert shot.all_shots_with_tasks(client=client)[0]["id"] == S


def test_episode_statistics(api: responses.RequestsMock, client: KitsuClient) -> None:
    stats = {E: {"all": {"s": {"count": 1}}}}
    api.get(url(f"data/projects/{P}/episodes/stats"), json=stats)
    api.get(url(f"data/projects/{P}/episodes/retake-stats"), json={"all": {"all": {}}})
    assert shot.get_episode_stats(P, client=client) == stats
    assert shot.get_episode_retake_stats(P, client=client) == {"all": {"all": {}}}


def test_frame_range_reads_numbers_and_strings(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(
        url(f"data/shots/{S}"),
        json={
            "id": S,
            "nb_frames": 24,
            "data": {"frame_in": "1001", "frame_out": 1024, "fps": "23.976"},
        },
    )
    assert shot.get_shot_frame_range(S, client=client) == {
        "frame_in": 1001,
        "frame_out": 1024,
        "nb_frames": 24,
        "fps": 23.976,
    }
    api.get(url(f"data/shots/{Q}"), json={"id": Q, "nb_frames": None, "data": None})
    assert shot.get_shot_frame_range(Q, client=client) == {
        "frame_in": None,
        "frame_out": None,
        "nb_frames": None,
        "fps": None,
    }


def test_set_frame_range_counts_both_ends(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.put(
        url(f"data/entities/{S}"),
        json={"id": S},
        match=[
            matchers.json_params_matcher(
                {"data": {"frame_in": 1001, "frame_out": 1048, "fps": 24}, "nb_frames": 48}
            )
        ],
    )
    shot.set_shot_frame_range(S, 1001, 1048, fps=24, client=client)
    api.put(
        url(f"data/entities/{S}"),
        json={"id": S},
        match=[
            matchers.json_params_matcher({"data": {"frame_in": 0, "frame_out": 0}, "nb_frames": 1})
        ],
    )
    shot.set_shot_frame_range(S, 0, 0, client=client)


def _capture_upload(
    api: responses.RequestsMock, path: str, seen: dict[str, Any], answer: str
) -> None:
    def capture(request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        body = request.body.read() if hasattr(request.body, "read") else request.body
        seen["body"] = body
        seen["url"] = request.url
        return 201, {}, answer

    api.add_callback(responses.POST, url(path), callback=capture)


def test_import_shots_with_csv_uploads_the_file(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: Any
) -> None:
    source = tmp_path / "shots.csv"
    source.write_text("Sequence,Name\nSQ01,SH010\n")
    seen: dict[str, Any] = {}
    _capture_upload(api, f"import/csv/projects/{P}/shots", seen, '[{"id": "s", "name": "SH010"}]')
    assert shot.import_shots_with_csv(P, str(source), client=client) == [
        {"id": "s", "name": "SH010"}
    ]
    assert b'name="file"; filename="shots.csv"' in seen["body"]
    assert b"SQ01,SH010" in seen["body"]
    assert seen["url"] == url(f"import/csv/projects/{P}/shots")
    shot.import_shots_with_csv(P, str(source), client=client, update=True)
    assert seen["url"] == url(f"import/csv/projects/{P}/shots?update=true")


def test_imports_of_missing_files_fail_before_the_network(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    with pytest.raises(MissingFileError):
        shot.import_shots_with_csv(P, "/nonexistent/shots.csv", client=client)
    with pytest.raises(MissingFileError):
        shot.import_otio(P, "/nonexistent/cut.edl", client=client)
    assert len(api.calls) == 0


def test_import_otio_sends_the_convention_and_case_flag(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: Any
) -> None:
    source = tmp_path / "cut.edl"
    source.write_text("TITLE: cut\n")
    seen: dict[str, Any] = {}
    _capture_upload(
        api,
        f"import/otio/projects/{P}/episodes/{E}",
        seen,
        '{"created_shots": [], "updated_shots": []}',
    )
    result = shot.import_otio(
        P, str(source), episode=E, naming_convention="${shot_name}", match_case=False, client=client
    )
    assert result == {"created_shots": [], "updated_shots": []}
    assert b'name="naming_convention"\r\n\r\n${shot_name}\r\n' in seen["body"]
    assert b'name="match_case"\r\n\r\nfalse\r\n' in seen["body"]
    _capture_upload(api, f"import/otio/projects/{P}", seen, '{"created_shots": []}')
    shot.import_otio(P, str(source), client=client)
    assert b"naming_convention" not in seen["body"]  # Zou applies its own default
    assert b'name="match_case"\r\n\r\ntrue\r\n' in seen["body"]


def test_export_shots_with_csv_writes_the_file(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: Any
) -> None:
    csv_text = "Project;Episode;Sequence;Name\np;E01;SQ01;SH010\n"
    api.get(
        url(f"export/csv/projects/{P}/shots.csv"),
        body=csv_text,
        match=[matchers.query_param_matcher({"episode_id": E, "assigned_to": N})],
    )
    target = tmp_path / "out.csv"
    written = shot.export_shots_with_csv(
        P, str(target), episode=E, assigned_to={"id": N}, client=client
    )
    assert written == str(target)
    assert target.read_text() == csv_text


def test_failed_export_writes_nothing(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: Any
) -> None:
    api.get(
        url(f"export/csv/projects/{P}/shots.csv"),
        status=404,
        json={"error": True, "message": "404 Not Found"},
    )
    target = tmp_path / "out.csv"
    with pytest.raises(NotFoundError):
        shot.export_shots_with_csv(P, str(target), client=client)
    assert list(tmp_path.iterdir()) == []
