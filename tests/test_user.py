"""kitsu_sdk.user against a mocked Zou: the user routes, their queries and bodies, the result
shapes gazu gives (sorted lists, grouped filters, "" for deletions), and bad input."""

from __future__ import annotations

import datetime
from typing import Any, Callable

import pytest
import responses
from responses import matchers
from unit_helpers import HOST, expect, make_jwt, url

from kitsu_sdk import KitsuClient, user
from kitsu_sdk._operations import user as user_ops
from kitsu_sdk.exception import InvalidIdError, InvalidInputError, NotFoundError

P = "11111111-1111-4111-8111-111111111111"  # project
AT = "22222222-2222-4222-8222-222222222222"  # asset type
Q = "33333333-3333-4333-8333-333333333333"  # sequence
S = "44444444-4444-4444-8444-444444444444"  # shot
A = "55555555-5555-4555-8555-555555555555"  # asset
C = "66666666-6666-4666-8666-666666666666"  # scene
T = "77777777-7777-4777-8777-777777777777"  # task
T2 = "88888888-8888-4888-8888-888888888888"  # another task
F = "99999999-9999-4999-8999-999999999999"  # filter / filter group / notification / chat

# Wrong on purpose, where a type checker would object.
NOTHING: Any = None
NOT_A_DICT: Any = F

UNSORTED = [{"id": "b", "name": "sh020"}, {"id": "a", "name": "SH010"}, {"id": "c", "name": None}]

# -- lists gazu sorts by name -----------------------------------------------------------------

SORTED: list[tuple[Callable[[KitsuClient], Any], str]] = [
    (lambda c: user.all_open_projects(client=c), "data/user/projects/open"),
    (lambda c: user.all_asset_types_for_project(P, client=c),
     f"data/user/projects/{P}/asset-types"),
    (lambda c: user.all_assets_for_asset_type_and_project({"id": P}, {"id": AT}, client=c),
     f"data/user/projects/{P}/asset-types/{AT}/assets"),
    (lambda c: user.all_sequences_for_project(P, client=c), f"data/user/projects/{P}/sequences"),
    (lambda c: user.all_episodes_for_project(P, client=c), f"data/user/projects/{P}/episodes"),
    (lambda c: user.all_shots_for_sequence(Q, client=c), f"data/user/sequences/{Q}/shots"),
    (lambda c: user.all_scenes_for_sequence(Q, client=c), f"data/user/sequences/{Q}/scenes"),
    (lambda c: user.all_tasks_for_asset(A, client=c), f"data/user/assets/{A}/tasks"),
    (lambda c: user.all_tasks_for_shot({"id": S}, client=c), f"data/user/shots/{S}/tasks"),
    (lambda c: user.all_tasks_for_scene(C, client=c), f"data/user/scenes/{C}/tasks"),
    (lambda c: user.all_tasks_for_sequence(Q, client=c), f"data/user/sequences/{Q}/tasks"),
    (lambda c: user.all_task_types_for_asset(A, client=c), f"data/user/assets/{A}/task-types"),
    (lambda c: user.all_task_types_for_shot(S, client=c), f"data/user/shots/{S}/task-types"),
    (lambda c: user.all_task_types_for_scene(C, client=c), f"data/user/scenes/{C}/task-types"),
    (lambda c: user.all_task_types_for_sequence(Q, client=c),
     f"data/user/sequences/{Q}/task-types"),
]  # fmt: skip


@pytest.mark.parametrize(("call", "path"), SORTED)
def test_user_listings_are_sorted_by_name(
    api: responses.RequestsMock,
    client: KitsuClient,
    call: Callable[[KitsuClient], Any],
    path: str,
) -> None:
    expect(api, "GET", path, answer=UNSORTED)
    assert [row["id"] for row in call(client)] == ["c", "a", "b"]
    assert len(api.calls) == 1


# -- lists kept in Zou's order ------------------------------------------------------------------

AS_ZOU_ORDERS: list[tuple[Callable[[KitsuClient], Any], str]] = [
    (lambda c: user.all_tasks_to_do(client=c), "data/user/tasks"),
    (lambda c: user.all_done_tasks(client=c), "data/user/done-tasks"),
    (lambda c: user.all_tasks_requiring_feedback(client=c), "data/user/tasks-to-check"),
    (lambda c: user.all_desktop_login_logs(client=c), "data/user/desktop-login-logs"),
    (lambda c: user.all_notifications(client=c), "data/user/notifications"),
    (lambda c: user.all_chats(client=c), "data/user/chats"),
]


@pytest.mark.parametrize(("call", "path"), AS_ZOU_ORDERS)
def test_lists_keep_zous_order(
    api: responses.RequestsMock,
    client: KitsuClient,
    call: Callable[[KitsuClient], Any],
    path: str,
) -> None:
    expect(api, "GET", path, answer=UNSORTED)
    assert call(client) == UNSORTED
    api.replace(responses.GET, url(path), body="")
    assert call(client) == []


# -- dicts as Zou answers them ------------------------------------------------------------------

GROUPED = {"asset": {P: [{"id": F, "name": "heroes"}]}, "shot": {"all": []}}


@pytest.mark.parametrize(
    ("call", "path", "answer"),
    [
        (lambda c: user.get_context(client=c), "data/user/context",
         {"projects": [], "task_types": [], "notification_count": 0}),
        (lambda c: user.all_filters(client=c), "data/user/filters", GROUPED),
        (lambda c: user.all_filter_groups(client=c), "data/user/filter-groups", GROUPED),
        (lambda c: user.get_filter_group({"id": F}, client=c), f"data/user/filter-groups/{F}",
         {"id": F, "name": "g"}),
        (lambda c: user.get_notification(F, client=c), f"data/user/notifications/{F}",
         {"id": F, "read": False}),
        (lambda c: user.get_day_off("2024-05-02", client=c), "data/user/day-offs/2024-05-02",
         {"id": F, "date": "2024-05-01", "end_date": "2024-05-03"}),
        (lambda c: user.get_day_off(datetime.date(2024, 5, 6), client=c),
         "data/user/day-offs/2024-05-06", {}),
    ],
)  # fmt: skip
def test_dict_reads(
    api: responses.RequestsMock,
    client: KitsuClient,
    call: Callable[[KitsuClient], Any],
    path: str,
    answer: dict[str, Any],
) -> None:
    expect(api, "GET", path, answer=answer)
    assert call(client) == answer


def test_is_authenticated(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "GET", "auth/authenticated", answer={"authenticated": True, "user": {}})
    assert user.is_authenticated(client=client) is True
    api.replace(responses.GET, url("auth/authenticated"), json={"authenticated": False})
    assert user.is_authenticated(client=client) is False


def test_is_authenticated_is_false_on_a_refused_token(api: responses.RequestsMock) -> None:
    # No refresh token, no password: the 401 is final, and gazu answers False for it.
    anonymous = KitsuClient(HOST, token={"access_token": make_jwt()})
    api.get(url("auth/authenticated"), status=401, json={"msg": "Token has expired"})
    assert user.is_authenticated(client=anonymous) is False
    assert anonymous.user.is_authenticated() is False


def test_is_authenticated_lets_other_errors_through(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("auth/authenticated"), status=404, json={"message": "not here"})
    with pytest.raises(NotFoundError):
        user.is_authenticated(client=client)


def test_is_authenticated_never_comes_from_the_cache(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    client.cache.enabled = True
    expect(api, "GET", "auth/authenticated", answer={"authenticated": True})
    user.is_authenticated(client=client)
    user.is_authenticated(client=client)
    assert len(api.calls) == 2


def test_check_task_subscription_is_a_bool(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    expect(api, "GET", f"data/user/tasks/{T}/subscribed", answer=True)
    assert user.check_task_subscription({"id": T}, client=client) is True
    api.replace(responses.GET, url(f"data/user/tasks/{T}/subscribed"), json=False)
    assert user.check_task_subscription(T, client=client) is False


# -- time spents --------------------------------------------------------------------------------


def test_time_spent_range_and_day(api: responses.RequestsMock, client: KitsuClient) -> None:
    rows = [{"id": F, "task_id": T, "duration": 60, "project_id": P, "task_type_id": AT}]
    expect(
        api,
        "GET",
        "data/user/time-spents",
        query={"start_date": "2024-05-01", "end_date": "2024-05-31"},
        answer=rows,
    )
    assert (
        user.get_timespents_range("2024-05-01", datetime.date(2024, 5, 31), client=client) == rows
    )
    expect(api, "GET", "data/user/time-spents/2024-05-02", answer=rows)
    assert user.get_time_spents_by_date(" 2024-05-02 ", client=client) == rows


def test_task_time_spent_is_the_tasks_entry_of_the_day_or_none(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    mine = {"id": F, "task_id": T, "duration": 30, "date": "2024-05-02"}
    other = {"id": "x", "task_id": T2, "duration": 60, "date": "2024-05-02"}
    expect(api, "GET", "data/user/time-spents/2024-05-02", answer=[other, mine])
    assert user.get_task_time_spent({"id": T}, "2024-05-02", client=client) == mine
    api.replace(responses.GET, url("data/user/time-spents/2024-05-02"), json=[other])
    assert user.get_task_time_spent(T, datetime.date(2024, 5, 2), client=client) is None
    assert all(call.request.method == "GET" for call in api.calls)


# -- writes -------------------------------------------------------------------------------------


def test_desktop_log_in_lets_zou_stamp_the_date(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    log = {"id": F, "person_id": P, "date": "2024-05-02T08:00:00"}
    expect(api, "POST", "data/user/desktop-login-logs", body={}, answer=log, status=201)
    assert user.log_desktop_session_log_in(client=client) == log


def test_new_filter(api: responses.RequestsMock, client: KitsuClient) -> None:
    made = {"id": F, "name": "heroes", "search_query": "hero"}
    expect(
        api,
        "POST",
        "data/user/filters",
        status=201,
        answer=made,
        body={
            "name": "heroes",
            "query": "hero",
            "list_type": "asset",
            "project_id": P,
            "entity_type": "Asset",
        },
    )
    assert user.new_filter(" heroes ", "hero", "asset", {"id": P}, "Asset", client=client) == made
    expect(
        api,
        "POST",
        "data/user/filters",
        status=201,
        answer=made,
        body={
            "name": "all",
            "query": "x",
            "list_type": "shot",
            "project_id": None,
            "entity_type": None,
        },
    )
    assert user.new_filter("all", "x", "shot", client=client)["id"] == F


def test_update_and_remove_filter(api: responses.RequestsMock, client: KitsuClient) -> None:
    changed = {"id": F, "name": "renamed", "search_query": "hero", "project_id": P}
    expect(api, "PUT", f"data/user/filters/{F}", body=changed, answer=changed)
    assert user.update_filter(changed, client=client) == changed
    api.delete(url(f"data/user/filters/{F}"), status=204)
    assert user.remove_filter({"id": F}, client=client) == ""


def test_filter_groups(api: responses.RequestsMock, client: KitsuClient) -> None:
    group = {"id": F, "name": "mine", "project_id": P, "list_type": "todo", "color": ""}
    expect(
        api,
        "POST",
        "data/user/filter-groups",
        body={"name": "mine", "project_id": P},
        answer=group,
        status=201,
    )
    expect(
        api,
        "POST",
        "data/user/filter-groups",
        body={"name": "any", "project_id": None},
        answer=group,
        status=201,
    )
    assert user.new_filter_group("mine", P, client=client) == group
    assert user.new_filter_group("any", client=client) == group
    changed = {**group, "color": "#ff0000"}
    expect(api, "PUT", f"data/user/filter-groups/{F}", body=changed, answer=changed)
    assert user.update_filter_group(changed, client=client)["color"] == "#ff0000"
    api.delete(url(f"data/user/filter-groups/{F}"), status=204)
    assert user.remove_filter_group(F, client=client) == ""


def test_notification_writes(api: responses.RequestsMock, client: KitsuClient) -> None:
    notification = {"id": F, "read": True, "task_id": T}
    expect(api, "PUT", f"data/user/notifications/{F}", body=notification, answer=notification)
    assert user.update_notification(notification, client=client)["read"] is True
    expect(
        api,
        "POST",
        "actions/user/notifications/mark-all-as-read",
        body={},
        answer={"success": True},
    )
    assert user.mark_all_notifications_as_read(client=client) == {"success": True}


def test_task_subscriptions(api: responses.RequestsMock, client: KitsuClient) -> None:
    subscription = {"id": F, "task_id": T, "person_id": P}
    expect(
        api, "POST", f"actions/user/tasks/{T}/subscribe", body={}, answer=subscription, status=201
    )
    assert user.subscribe_to_task({"id": T}, client=client) == subscription
    api.delete(url(f"actions/user/tasks/{T}/unsubscribe"), status=204)
    assert user.unsubscribe_from_task(T, client=client) == ""


def test_chats_take_an_entity_or_a_chat_dict(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    chat = {"id": F, "object_id": S, "object_type": "Shot", "last_message": None}
    expect(api, "POST", f"actions/user/chats/{S}/join", body={}, answer=chat)
    assert user.join_chat(S, client=client) == chat
    assert user.join_chat({"id": S}, client=client) == chat
    api.delete(url(f"actions/user/chats/{S}/join"), status=204)
    # A chat dict (from all_chats or join_chat) names its entity in `object_id`.
    assert user.leave_chat(chat, client=client) == ""
    assert [call.request.url for call in api.calls] == [url(f"actions/user/chats/{S}/join")] * 3


def test_clear_avatar(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.delete(
        url("actions/user/clear-avatar"), status=204, match=[matchers.query_string_matcher("")]
    )
    assert user.clear_avatar(client=client) == ""


def test_bound_namespace_runs_the_same_operations(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    expect(api, "GET", "data/user/tasks", answer=[{"id": T}])
    assert client.user.all_tasks_to_do() == [{"id": T}]
    assert user_ops.all_tasks_to_do().path == "data/user/tasks"


# -- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda c: user.all_asset_types_for_project("My Project", client=c), InvalidIdError),
        (lambda c: user.all_assets_for_asset_type_and_project(P, "Character", client=c),
         InvalidIdError),
        (lambda c: user.all_tasks_for_shot("SH010", client=c), InvalidIdError),
        (lambda c: user.all_task_types_for_scene({"name": "SC01"}, client=c), InvalidIdError),
        (lambda c: user.all_shots_for_sequence(NOTHING, client=c), InvalidIdError),
        (lambda c: user.get_timespents_range("2024-05-01", "tomorrow", client=c),
         InvalidInputError),
        (lambda c: user.get_time_spents_by_date("2024-05-02/../x", client=c), InvalidInputError),
        (lambda c: user.get_task_time_spent(T, "02/05/2024", client=c), InvalidInputError),
        (lambda c: user.get_task_time_spent("task", "2024-05-02", client=c), InvalidIdError),
        (lambda c: user.get_day_off(NOTHING, client=c), InvalidInputError),
        (lambda c: user.new_filter("", "hero", "asset", client=c), InvalidInputError),
        (lambda c: user.new_filter("f", "", "asset", client=c), InvalidInputError),
        (lambda c: user.new_filter("f", "hero", NOTHING, client=c), InvalidInputError),
        (lambda c: user.new_filter("f", "hero", "asset", "My Project", client=c),
         InvalidIdError),
        (lambda c: user.update_filter(NOT_A_DICT, client=c), InvalidInputError),
        (lambda c: user.update_filter({"name": "no id"}, client=c), InvalidIdError),
        (lambda c: user.remove_filter("heroes", client=c), InvalidIdError),
        (lambda c: user.new_filter_group(" ", client=c), InvalidInputError),
        (lambda c: user.get_filter_group("mine", client=c), InvalidIdError),
        (lambda c: user.update_filter_group({"id": "../x"}, client=c), InvalidIdError),
        (lambda c: user.remove_filter_group(NOTHING, client=c), InvalidIdError),
        (lambda c: user.get_notification("n", client=c), InvalidIdError),
        (lambda c: user.update_notification(NOT_A_DICT, client=c), InvalidInputError),
        (lambda c: user.check_task_subscription("x", client=c), InvalidIdError),
        (lambda c: user.subscribe_to_task("x", client=c), InvalidIdError),
        (lambda c: user.unsubscribe_from_task("x", client=c), InvalidIdError),
        (lambda c: user.join_chat("SH010", client=c), InvalidIdError),
        (lambda c: user.leave_chat({"object_id": "SH010"}, client=c), InvalidIdError),
    ],
)  # fmt: skip
def test_bad_input_fails_before_the_network(
    api: responses.RequestsMock,
    client: KitsuClient,
    call: Callable[[KitsuClient], Any],
    error: type[Exception],
) -> None:
    with pytest.raises(error):
        call(client)
    assert len(api.calls) == 0
