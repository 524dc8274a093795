"""Full-text search over people, assets and shots.

Zou serves it from a Meilisearch index (`INDEXER_KEY`): without one, `POST /data/search`
answers 500 (ServerError here). The local test server has no indexer, so this module is covered
by unit tests only.
"""

from __future__ import annotations

from typing import Any, Optional

from .._core.call import Flow, post
from .._core.errors import InvalidInputError
from .._core.refs import Ref, echo, to_ids, to_optional_id
from .entities import as_dict

__all__ = ["INDEX_NAMES", "search_entities"]

INDEX_NAMES = ("assets", "shots", "persons")
"""The indexes Zou searches; results come back under the same keys."""

_MIN_QUERY_LENGTH = 3


def _check_int(value: Any, what: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidInputError(f"{what} must be an int >= {minimum}, got {echo(value)}")
    return value


def search_entities(
    query: str,
    project: Optional[Ref] = None,
    entity_types: Optional[list[Ref]] = None,
    *,
    limit: int = 3,
    offset: int = 0,
    index_names: Optional[list[str]] = None,
) -> Flow[dict[str, list[dict[str, Any]]]]:
    """Search people, assets and shots whose indexed text matches `query`.

    Needs a Zou with a Meilisearch indexer: without one Zou answers 500 (ServerError).
    Zou only searches open projects (the ones of the user, for non-admins).

    Args:
        query: the text; under 3 characters Zou finds nothing, so `{}` is returned without a
            request (as Zou answers).
        project: limit assets and shots to this project.
        entity_types: entity types (ids or dicts), sent as gazu sends them; Zou 1.0.97 ignores
            them: use `index_names` to choose what is searched.
        limit: results per index (>= 1).
        offset: results skipped per index (>= 0).
        index_names: some of "assets", "shots", "persons"; None = all three.

    Returns:
        `{"persons": [...], "assets": [...], "shots": [...]}` for the indexes searched.

    Raises:
        InvalidInputError: a query that is not a string, a bad limit/offset, an unknown index
            name, an entity type that is not an id or a dict.

    Calls: POST /data/search
    """
    if not isinstance(query, str):
        raise InvalidInputError(f"query must be a string, got {type(query).__name__}")
    body: dict[str, Any] = {
        "query": query.strip(),
        "limit": _check_int(limit, "limit", 1),
        "offset": _check_int(offset, "offset", 0),
    }
    project_id = to_optional_id(project, "project")
    if project_id is not None:
        body["project_id"] = project_id
    if entity_types is not None:
        body["entity_types"] = to_ids(entity_types, "entity type")
    if index_names is not None:
        names = [index_names] if isinstance(index_names, str) else list(index_names)
        unknown = [name for name in names if name not in INDEX_NAMES]
        if unknown or not names:
            raise InvalidInputError(
                f"index_names must be some of {list(INDEX_NAMES)}, got {echo(index_names)}"
            )
        body["index_names"] = names
    return _search(body)


def _search(body: dict[str, Any]) -> Flow[dict[str, list[dict[str, Any]]]]:
    if len(body["query"]) < _MIN_QUERY_LENGTH:
        return {}
    found: dict[str, list[dict[str, Any]]] = yield from post("data/search", body, then=as_dict)
    return found
