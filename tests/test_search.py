"""kitsu_sdk.search against a mocked Zou (the local test server has no Meilisearch indexer)."""

from __future__ import annotations

from typing import Any

import pytest
import responses
from responses import matchers
from unit_helpers import url

from kitsu_sdk import KitsuClient
from kitsu_sdk import search as ks
from kitsu_sdk.exception import InvalidIdError, InvalidInputError, ServerError

PROJ = "99999999-0000-0000-0000-000000000001"
TYPE = "99999999-0000-0000-0000-000000000002"
RESULT = {"persons": [], "assets": [{"id": "a", "name": "hero"}], "shots": []}


def test_search_entities_defaults(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.post(
        url("data/search"),
        json=RESULT,
        match=[matchers.json_params_matcher({"query": "hero", "limit": 3, "offset": 0})],
    )
    assert ks.search_entities(" hero ", client=client) == RESULT


def test_search_entities_every_option(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.post(
        url("data/search"),
        json={"assets": []},
        match=[
            matchers.json_params_matcher(
                {
                    "query": "hero",
                    "project_id": PROJ,
                    "limit": 10,
                    "offset": 20,
                    "index_names": ["assets", "shots"],
                    "entity_types": [TYPE],
                }
            )
        ],
    )
    result = ks.search_entities(
        "hero", {"id": PROJ}, [{"id": TYPE}], limit=10, offset=20, index_names=["assets", "shots"],
        client=client,
    )
    assert result == {"assets": []}


def test_search_entities_single_index_name_string(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.post(
        url("data/search"),
        json={"persons": []},
        match=[
            matchers.json_params_matcher(
                {"query": "john", "limit": 3, "offset": 0, "index_names": ["persons"]}
            )
        ],
    )
    assert ks.search_entities("john", index_names="persons", client=client) == {"persons": []}  # type: ignore[arg-type]


def test_search_without_indexer_is_a_server_error(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.post(
        url("data/search"), status=500, json={"error": True, "message": "Internal server error."}
    )
    with pytest.raises(ServerError):
        ks.search_entities("hero", client=client)
    assert len(api.calls) == 1  # a POST is not retried


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"query": None}, InvalidInputError),
        ({"entity_types": ["Character"]}, InvalidIdError),
        ({"project": "My project"}, InvalidIdError),
        ({"limit": 0}, InvalidInputError),
        ({"offset": -1}, InvalidInputError),
        ({"offset": False}, InvalidInputError),
        ({"index_names": ["assets", "tasks"]}, InvalidInputError),
        ({"index_names": []}, InvalidInputError),
    ],
)
def test_search_bad_input_raises_before_any_request(
    api: responses.RequestsMock, client: KitsuClient, kwargs: dict[str, Any], error: type
) -> None:
    args: dict[str, Any] = {"query": "hero", **kwargs}
    with pytest.raises(error):
        ks.search_entities(**args, client=client)
    assert len(api.calls) == 0


@pytest.mark.parametrize("query", ["ab", "  ab  ", ""])
def test_search_short_queries_find_nothing_without_a_request(
    api: responses.RequestsMock, client: KitsuClient, query: str
) -> None:
    # What Zou answers to them, and what a gazu search box gets while the user types.
    assert ks.search_entities(query, client=client) == {}
    assert len(api.calls) == 0


def test_search_takes_gazus_positional_arguments(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.post(url("data/search"), json=RESULT,
             match=[matchers.json_params_matcher({"query": "hero", "project_id": PROJ,
                                                  "entity_types": [TYPE], "limit": 3,
                                                  "offset": 0})])  # fmt: skip
    assert ks.search_entities("hero", PROJ, [TYPE], client) == RESULT
