"""The logged-in person's saved search filters and filter groups (public in `user`, as in
gazu)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from .._core.call import Call, delete, get, post, put
from .._core.errors import InvalidInputError
from .._core.op_cache import cached
from .._core.refs import Ref, echo, entity_dict, require_name, to_id, to_optional_id


def _as_dict(answer: Any) -> dict[str, Any]:
    """`then` for routes answering a dict (or nothing, which becomes {})."""
    return dict(answer or {})


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"{what} must be a non-empty string, got {echo(value)}")
    return value


@cached("search-filter")
def all_filters() -> Call[dict[str, Any]]:
    """The user's saved search filters (and those shared with them), as Zou groups them:
    `{list_type: {project_id or "all": [filter, ...]}}`.

    Calls: GET /data/user/filters
    """
    return get("data/user/filters", then=_as_dict)


def new_filter(
    name: str,
    query: str,
    list_type: str,
    project: Optional[Ref] = None,
    entity_type: Optional[str] = None,
) -> Call[dict[str, Any]]:
    """Save a search filter for the user; returns it (its text is in `search_query`).

    Args:
        name: the filter's name.
        query: the search text.
        list_type: the list it belongs to ("asset", "shot", "edit", "todo", ...).
        project: the project it applies to (id or dict); None for every project.
        entity_type: "Asset", "Shot", "Edit" ... or None.

    Calls: POST /data/user/filters
    """
    body = {
        "name": require_name(name, "filter name"),
        "query": _text(query, "query"),
        "list_type": _text(list_type, "list_type"),
        "project_id": to_optional_id(project, "project"),
        "entity_type": entity_type,
    }
    return post("data/user/filters", body, then=_as_dict)


def update_filter(filter: Mapping[str, Any]) -> Call[dict[str, Any]]:
    """Save a filter dict's changes (`name`, `search_query`, `is_shared`, `project_id`,
    `search_filter_group_id`, `department_id`); returns the filter.

    Args:
        filter: the filter dict, with its `id`.

    Calls: PUT /data/user/filters/{filter_id}
    """
    data = entity_dict(filter, "filter")
    return put(f"data/user/filters/{data['id']}", data, then=_as_dict)


def remove_filter(filter: Ref) -> Call[str]:
    """Delete one of the user's filters; returns "" (Zou's empty answer), as gazu.

    Args:
        filter: the filter (id or dict).

    Calls: DELETE /data/user/filters/{filter_id}
    """
    return delete(f"data/user/filters/{to_id(filter, 'filter')}")


@cached("search-filter")
def all_filter_groups() -> Call[dict[str, Any]]:
    """The user's filter groups (and those shared with them), as Zou groups them:
    `{list_type: {project_id or "all": [group, ...]}}`.

    Calls: GET /data/user/filter-groups
    """
    return get("data/user/filter-groups", then=_as_dict)


def new_filter_group(name: str, project: Optional[Ref] = None) -> Call[dict[str, Any]]:
    """Create a filter group for the user (list type "todo", no color); returns it.

    Args:
        name: the group's name.
        project: the project it applies to (id or dict); None for every project.

    Calls: POST /data/user/filter-groups
    """
    body = {
        "name": require_name(name, "filter group name"),
        "project_id": to_optional_id(project, "project"),
    }
    return post("data/user/filter-groups", body, then=_as_dict)


@cached("search-filter")
def get_filter_group(filter_group: Ref) -> Call[dict[str, Any]]:
    """One of the user's filter groups.

    Args:
        filter_group: the filter group (id or dict).

    Calls: GET /data/user/filter-groups/{filter_group_id}
    """
    return get(f"data/user/filter-groups/{to_id(filter_group, 'filter group')}")


def update_filter_group(filter_group: Mapping[str, Any]) -> Call[dict[str, Any]]:
    """Save a filter group dict's changes (`name`, `color`, `is_shared`, `project_id`,
    `department_id`); returns the group.

    Args:
        filter_group: the filter group dict, with its `id`.

    Calls: PUT /data/user/filter-groups/{filter_group_id}
    """
    data = entity_dict(filter_group, "filter group")
    return put(f"data/user/filter-groups/{data['id']}", data, then=_as_dict)


def remove_filter_group(filter_group: Ref) -> Call[str]:
    """Delete one of the user's filter groups; returns "" (Zou's empty answer), as gazu.

    Args:
        filter_group: the filter group (id or dict).

    Calls: DELETE /data/user/filter-groups/{filter_group_id}
    """
    group_id = to_id(filter_group, "filter group")
    return delete(f"data/user/filter-groups/{group_id}")
