"""kitsu_sdk.casting against a mocked Zou."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import responses
from responses import matchers
from unit_helpers import url

from kitsu_sdk import KitsuClient
from kitsu_sdk import casting as kc
from kitsu_sdk.exception import InvalidIdError, InvalidInputError, NotFoundError

PROJ = "99999999-0000-0000-0000-000000000001"
A = "aaaaaaaa-0000-0000-0000-000000000002"
A2 = "aaaaaaaa-0000-0000-0000-000000000003"
AT = "a7a7a7a7-0000-0000-0000-000000000004"
SH = "5b5b5b5b-0000-0000-0000-000000000005"
SH2 = "5b5b5b5b-0000-0000-0000-000000000006"
SEQ = "5e5e5e5e-0000-0000-0000-000000000007"
EP = "e0e0e0e0-0000-0000-0000-000000000008"
LINK = "11111111-2222-0000-0000-000000000009"

Call = Callable[[KitsuClient], Any]
ENTRY = {"asset_id": A, "asset_name": "hero", "nb_occurences": 2, "label": ""}


# -- reads -----------------------------------------------------------------------------------------

GETS: list[tuple[str, Call, str]] = [
    (
        "get_shot_casting",
        lambda c: kc.get_shot_casting({"id": SH, "project_id": PROJ}, client=c),
        f"data/projects/{PROJ}/entities/{SH}/casting",
    ),
    (
        "get_asset_casting",
        lambda c: kc.get_asset_casting({"id": A, "project_id": PROJ}, client=c),
        f"data/projects/{PROJ}/entities/{A}/casting",
    ),
    (
        "get_episode_casting",
        lambda c: kc.get_episode_casting({"id": EP, "project_id": PROJ}, client=c),
        f"data/projects/{PROJ}/entities/{EP}/casting",
    ),
    (
        "get_sequence_casting",
        lambda c: kc.get_sequence_casting({"id": SEQ, "project_id": PROJ}, client=c),
        f"data/projects/{PROJ}/sequences/{SEQ}/casting",
    ),
    (
        "get_sequence_shots_casting",
        lambda c: kc.get_sequence_shots_casting(PROJ, {"id": SEQ}, client=c),
        f"data/projects/{PROJ}/sequences/{SEQ}/casting",
    ),
    (
        "get_episode_shots_casting",
        lambda c: kc.get_episode_shots_casting({"id": PROJ}, EP, client=c),
        f"data/projects/{PROJ}/episodes/{EP}/sequences/all/casting",
    ),
    (
        "get_project_shots_casting",
        lambda c: kc.get_project_shots_casting(PROJ, client=c),
        f"data/projects/{PROJ}/sequences/all/casting",
    ),
    (
        "get_episodes_casting",
        lambda c: kc.get_episodes_casting(PROJ, client=c),
        f"data/projects/{PROJ}/episodes/casting",
    ),
    (
        "get_asset_type_casting",
        lambda c: kc.get_asset_type_casting(PROJ, {"id": AT}, client=c),
        f"data/projects/{PROJ}/asset-types/{AT}/casting",
    ),
    (
        "get_asset_cast_in",
        lambda c: kc.get_asset_cast_in({"id": A}, client=c),
        f"data/assets/{A}/cast-in",
    ),
]


@pytest.mark.parametrize(("label", "call", "path"), GETS, ids=[g[0] for g in GETS])
def test_reads_call_the_served_route(
    api: responses.RequestsMock, client: KitsuClient, label: str, call: Call, path: str
) -> None:
    answer: Any = [ENTRY] if label.endswith(("_casting", "cast_in")) else {SH: [ENTRY]}
    api.get(url(path), json=answer)
    assert call(client) == answer
    assert len(api.calls) == 1


def test_shots_casting_never_calls_the_unserved_shots_route(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    # gazu 1.1's ".../shots/casting" is 404 on Zou 1.0.97: only the sequences routes answer.
    api.get(url(f"data/projects/{PROJ}/sequences/{SEQ}/shots/casting"), status=404)
    api.get(url(f"data/projects/{PROJ}/sequences/{SEQ}/casting"), json={SH: [ENTRY]})
    assert kc.get_sequence_shots_casting(PROJ, SEQ, client=client) == {SH: [ENTRY]}


def test_shot_casting_given_an_id_fetches_the_project_first(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url(f"data/entities/{SH}"), json={"id": SH, "project_id": PROJ})
    api.get(url(f"data/projects/{PROJ}/entities/{SH}/casting"), json=[ENTRY])
    assert kc.get_shot_casting(SH, client=client) == [ENTRY]
    assert [call.request.url.split("/api/")[1] for call in api.calls] == [
        f"data/entities/{SH}",
        f"data/projects/{PROJ}/entities/{SH}/casting",
    ]


# -- full casting updates --------------------------------------------------------------------------

UPDATES: list[tuple[str, Callable[..., Any]]] = [
    ("shot", kc.update_shot_casting),
    ("asset", kc.update_asset_casting),
    ("episode", kc.update_episode_casting),
]


@pytest.mark.parametrize(("kind", "fn"), UPDATES)
def test_update_casting_puts_the_checked_list(
    api: responses.RequestsMock, client: KitsuClient, kind: str, fn: Callable[..., Any]
) -> None:
    casting = [{"asset_id": {"id": A}, "nb_occurences": 3}, {"asset_id": A2, "label": "fixed"}]
    # An entry without nb_occurences counts 1 (Zou would skip it silently).
    expected = [
        {"asset_id": A, "nb_occurences": 3},
        {"asset_id": A2, "label": "fixed", "nb_occurences": 1},
    ]
    api.put(
        url(f"data/projects/{PROJ}/entities/{SH}/casting"),
        json=expected,
        match=[matchers.json_params_matcher(expected)],
    )
    assert fn({"id": PROJ}, SH, casting, client=client) == expected
    assert casting[0]["asset_id"] == {"id": A}  # the caller's list is not rewritten


def test_update_casting_with_an_empty_list_clears_it(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.put(
        url(f"data/projects/{PROJ}/entities/{SH}/casting"),
        json=[],
        match=[matchers.json_params_matcher([])],
    )
    assert kc.update_shot_casting(PROJ, SH, [], client=client) == []


@pytest.mark.parametrize(
    "casting",
    [
        {A: 1},
        "hero",
        [{"nb_occurences": 1}],
        [{"asset_id": "hero"}],
        [{"asset_id": A, "nb_occurences": -1}],
        [{"asset_id": A, "nb_occurences": "2"}],
        [{"asset_id": A, "nb_occurences": True}],
        [{"asset_id": A, "label": 5}],
        [A],
    ],
)
def test_update_casting_bad_input_raises_before_any_request(
    api: responses.RequestsMock, client: KitsuClient, casting: Any
) -> None:
    with pytest.raises(InvalidInputError):
        kc.update_shot_casting(PROJ, SH, casting, client=client)
    assert len(api.calls) == 0


# -- cast / uncast one asset -----------------------------------------------------------------------


def test_cast_asset_sends_only_what_is_given(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    path = url(f"data/projects/{PROJ}/entities/casting/assets/{A}")
    api.put(
        path,
        json={SH: [ENTRY]},
        match=[matchers.json_params_matcher({"entity_ids": [SH, SH2], "nb_occurences": 2})],
    )
    assert kc.cast_asset(PROJ, [SH, {"id": SH2}], {"id": A}, 2, client=client) == {SH: [ENTRY]}
    api.put(
        path,
        json={SH: [ENTRY]},
        match=[matchers.json_params_matcher({"entity_ids": [SH], "label": "fixed"})],
    )
    kc.cast_asset(PROJ, {"id": SH}, A, label="fixed", client=client)
    assert len(api.calls) == 2


def test_uncast_asset_sends_zero_occurences(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.put(
        url(f"data/projects/{PROJ}/entities/casting/assets/{A}"),
        json={SH: []},
        match=[matchers.json_params_matcher({"entity_ids": [SH], "nb_occurences": 0})],
    )
    assert kc.uncast_asset(PROJ, SH, A, client=client) == {SH: []}


@pytest.mark.parametrize(
    "kwargs",
    [
        {"entities": []},
        {"entities": ["SH010"]},
        {"asset": "hero"},
        {"project": None},
        {"nb_occurences": -1},
        {"nb_occurences": 1.5},
        {"label": 3},
    ],
)
def test_cast_asset_bad_input_raises_before_any_request(
    api: responses.RequestsMock, client: KitsuClient, kwargs: dict[str, Any]
) -> None:
    args: dict[str, Any] = {"project": PROJ, "entities": [SH], "asset": A, **kwargs}
    with pytest.raises(InvalidInputError):
        kc.cast_asset(**args, client=client)
    assert len(api.calls) == 0


# -- entity links --------------------------------------------------------------------------------


def test_all_entity_links_for_project_plain_list(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    links = [{"id": LINK, "entity_in_id": SH, "entity_out_id": A}]
    api.get(
        url(f"data/projects/{PROJ}/entity-links"),
        json=links,
        match=[matchers.query_param_matcher({})],
    )
    assert kc.all_entity_links_for_project(PROJ, client=client) == links


def test_all_entity_links_for_project_limit_without_page(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(
        url(f"data/projects/{PROJ}/entity-links"),
        json=[],
        match=[matchers.query_param_matcher({"limit": "5"})],
    )
    assert kc.all_entity_links_for_project(PROJ, limit=5, client=client) == []


def test_all_entity_links_for_project_page_returns_the_envelope(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    envelope = {"data": [{"id": LINK}], "total": 3, "nb_pages": 2, "limit": 2, "page": 1}
    api.get(
        url(f"data/projects/{PROJ}/entity-links"),
        json=envelope,
        match=[matchers.query_param_matcher({"page": "1", "limit": "2"})],
    )
    assert kc.all_entity_links_for_project({"id": PROJ}, 1, 2, client=client) == envelope


@pytest.mark.parametrize("kwargs", [{"page": 0}, {"page": "1"}, {"limit": 0}, {"limit": True}])
def test_all_entity_links_for_project_bad_paging(
    api: responses.RequestsMock, client: KitsuClient, kwargs: dict[str, Any]
) -> None:
    with pytest.raises(InvalidInputError):
        kc.all_entity_links_for_project(PROJ, **kwargs, client=client)
    assert len(api.calls) == 0


def test_delete_entity_link_returns_the_link(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.delete(url(f"data/entity-links/{LINK}"), status=204)
    link = {"id": LINK, "entity_in_id": SH}
    assert kc.delete_entity_link(link, client=client) == link
    assert kc.delete_entity_link(LINK, client=client) == {"id": LINK}
    assert [call.request.method for call in api.calls] == ["DELETE", "DELETE"]


def test_delete_entity_link_missing_is_not_found(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.delete(url(f"data/entity-links/{LINK}"), status=404, json={"message": "not found"})
    with pytest.raises(NotFoundError):
        kc.delete_entity_link(LINK, client=client)


# -- ids are checked before the network --------------------------------------------------------

BAD: list[tuple[str, Call]] = [
    ("shot name", lambda c: kc.get_shot_casting("SH010", client=c)),
    (
        "shot dict bad project",
        lambda c: kc.get_shot_casting({"id": SH, "project_id": "p"}, client=c),
    ),
    ("sequence dict", lambda c: kc.get_sequence_casting({"name": "SQ01"}, client=c)),
    ("sequence shots", lambda c: kc.get_sequence_shots_casting(PROJ, "SQ01", client=c)),
    ("episode shots", lambda c: kc.get_episode_shots_casting("proj", EP, client=c)),
    ("project shots", lambda c: kc.get_project_shots_casting(None, client=c)),
    ("episodes", lambda c: kc.get_episodes_casting(12, client=c)),
    ("asset type", lambda c: kc.get_asset_type_casting(PROJ, "Prop", client=c)),
    ("cast in", lambda c: kc.get_asset_cast_in("hero", client=c)),
    ("entity links", lambda c: kc.all_entity_links_for_project("proj", client=c)),
    ("delete link", lambda c: kc.delete_entity_link({"entity_in_id": SH}, client=c)),
    ("update shot", lambda c: kc.update_shot_casting(PROJ, "SH010", [], client=c)),
]


@pytest.mark.parametrize(("label", "call"), BAD, ids=[b[0] for b in BAD])
def test_bad_ids_raise_before_any_request(
    api: responses.RequestsMock, client: KitsuClient, label: str, call: Call
) -> None:
    with pytest.raises(InvalidIdError):
        call(client)
    assert len(api.calls) == 0
