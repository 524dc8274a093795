"""kitsu_sdk.context against a mocked Zou: `user_context=True` asks the user routes, False (the
default) the production routes, both sorted by name as gazu does; bad input fails first."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import responses
from unit_helpers import expect

from kitsu_sdk import KitsuClient, context
from kitsu_sdk.exception import InvalidIdError

P = "11111111-1111-4111-8111-111111111111"  # project
AT = "22222222-2222-4222-8222-222222222222"  # asset type
Q = "33333333-3333-4333-8333-333333333333"  # sequence
S = "44444444-4444-4444-8444-444444444444"  # shot
A = "55555555-5555-4555-8555-555555555555"  # asset
C = "66666666-6666-4666-8666-666666666666"  # scene
E = "77777777-7777-4777-8777-777777777777"  # episode

UNSORTED = [{"id": "b", "name": "b-second"}, {"id": "a", "name": "A-first"}]

# (call with user_context, the user route, the production route)
SWITCHED: list[tuple[Callable[[KitsuClient, bool], Any], str, str]] = [
    (lambda c, u: context.all_open_projects(u, client=c),
     "data/user/projects/open", "data/projects/open"),
    (lambda c, u: context.all_asset_types_for_project(P, u, client=c),
     f"data/user/projects/{P}/asset-types", f"data/projects/{P}/asset-types"),
    (lambda c, u: context.all_assets_for_asset_type_and_project({"id": P}, AT, u, client=c),
     f"data/user/projects/{P}/asset-types/{AT}/assets",
     f"data/projects/{P}/asset-types/{AT}/assets"),
    (lambda c, u: context.all_task_types_for_asset(A, u, client=c),
     f"data/user/assets/{A}/task-types", f"data/assets/{A}/task-types"),
    (lambda c, u: context.all_task_types_for_shot(S, u, client=c),
     f"data/user/shots/{S}/task-types", f"data/shots/{S}/task-types"),
    (lambda c, u: context.all_task_types_for_scene(C, u, client=c),
     f"data/user/scenes/{C}/task-types", f"data/scenes/{C}/task-types"),
    (lambda c, u: context.all_task_types_for_sequence(Q, u, client=c),
     f"data/user/sequences/{Q}/task-types", f"data/sequences/{Q}/task-types"),
    (lambda c, u: context.all_sequences_for_project(P, u, client=c),
     f"data/user/projects/{P}/sequences", f"data/projects/{P}/sequences"),
    (lambda c, u: context.all_shots_for_sequence({"id": Q}, u, client=c),
     f"data/user/sequences/{Q}/shots", f"data/sequences/{Q}/shots"),
    (lambda c, u: context.all_scenes_for_sequence(Q, u, client=c),
     f"data/user/sequences/{Q}/scenes", f"data/sequences/{Q}/scenes"),
    (lambda c, u: context.all_episodes_for_project(P, u, client=c),
     f"data/user/projects/{P}/episodes", f"data/projects/{P}/episodes"),
]  # fmt: skip


@pytest.mark.parametrize(("call", "user_path", "production_path"), SWITCHED)
@pytest.mark.parametrize("user_context", [True, False])
def test_user_context_picks_the_route(
    api: responses.RequestsMock,
    client: KitsuClient,
    call: Callable[[KitsuClient, bool], Any],
    user_path: str,
    production_path: str,
    user_context: bool,
) -> None:
    expect(api, "GET", user_path if user_context else production_path, answer=UNSORTED)
    assert [row["id"] for row in call(client, user_context)] == ["a", "b"]
    assert len(api.calls) == 1


@pytest.mark.parametrize(("call", "user_path", "production_path"), SWITCHED)
def test_the_default_is_the_production_route(
    api: responses.RequestsMock,
    client: KitsuClient,
    call: Callable[[KitsuClient, bool], Any],
    user_path: str,
    production_path: str,
) -> None:
    expect(api, "GET", production_path, answer=UNSORTED)
    # Called without user_context: the function's own default, not an explicit False.
    defaults: dict[str, Callable[[KitsuClient], Any]] = {
        "data/projects/open": lambda c: context.all_open_projects(client=c),
        f"data/projects/{P}/asset-types": lambda c: context.all_asset_types_for_project(
            P, client=c),
        f"data/projects/{P}/asset-types/{AT}/assets":
            lambda c: context.all_assets_for_asset_type_and_project(P, AT, client=c),
        f"data/assets/{A}/task-types": lambda c: context.all_task_types_for_asset(A, client=c),
        f"data/shots/{S}/task-types": lambda c: context.all_task_types_for_shot(S, client=c),
        f"data/scenes/{C}/task-types": lambda c: context.all_task_types_for_scene(C, client=c),
        f"data/sequences/{Q}/task-types":
            lambda c: context.all_task_types_for_sequence(Q, client=c),
        f"data/projects/{P}/sequences": lambda c: context.all_sequences_for_project(P, client=c),
        f"data/sequences/{Q}/shots": lambda c: context.all_shots_for_sequence(Q, client=c),
        f"data/sequences/{Q}/scenes": lambda c: context.all_scenes_for_sequence(Q, client=c),
        f"data/projects/{P}/episodes": lambda c: context.all_episodes_for_project(P, client=c),
    }  # fmt: skip
    assert [row["id"] for row in defaults[production_path](client)] == ["a", "b"]


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (lambda c: context.all_assets_for_project(P, client=c), f"data/projects/{P}/assets"),
        (lambda c: context.all_scenes_for_project({"id": P}, client=c),
         f"data/projects/{P}/scenes"),
        (lambda c: context.all_sequences_for_episode(E, client=c),
         f"data/episodes/{E}/sequences"),
    ],
)  # fmt: skip
def test_production_only_lists(
    api: responses.RequestsMock,
    client: KitsuClient,
    call: Callable[[KitsuClient], Any],
    path: str,
) -> None:
    expect(api, "GET", path, answer=UNSORTED)
    assert [row["id"] for row in call(client)] == ["a", "b"]


def test_bound_namespace(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "GET", f"data/user/projects/{P}/episodes", answer=UNSORTED)
    assert [row["id"] for row in client.context.all_episodes_for_project(P, True)] == ["a", "b"]


@pytest.mark.parametrize(
    "call",
    [
        lambda c: context.all_asset_types_for_project("My Project", True, client=c),
        lambda c: context.all_asset_types_for_project("My Project", client=c),
        lambda c: context.all_assets_for_asset_type_and_project(P, "Character", True, client=c),
        lambda c: context.all_task_types_for_shot("SH010", True, client=c),
        lambda c: context.all_shots_for_sequence({"name": "SQ01"}, client=c),
        lambda c: context.all_sequences_for_episode("E01", client=c),
        lambda c: context.all_assets_for_project("x", client=c),
    ],
)
def test_bad_input_fails_before_the_network(
    api: responses.RequestsMock, client: KitsuClient, call: Callable[[KitsuClient], Any]
) -> None:
    with pytest.raises(InvalidIdError):
        call(client)
    assert len(api.calls) == 0
