"""search.search_entities against a real Zou that has no Meilisearch indexer (none can be
installed on these machines): the route exists and the SDK surfaces Zou's failure as a typed
error, rather than a 404/405 that would mean our request is wrong."""

from __future__ import annotations

from typing import Any

import pytest

from kitsu_sdk import KitsuClient, search
from kitsu_sdk.exception import ServerError


def test_search_reaches_the_route_and_surfaces_the_missing_indexer(
    client: KitsuClient, project: dict[str, Any]
) -> None:
    with pytest.raises(ServerError) as info:
        search.search_entities("hero", project=project, limit=5, client=client)
    assert info.value.status == 500
    assert info.value.method == "POST" and info.value.path == "data/search"
