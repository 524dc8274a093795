"""Studios: the teams a Kitsu groups its people into (persons have a `studio_id`). gazu reads,
updates and removes them; Zou creates them with POST /data/studios."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from .._core.call import Call, delete, get, put
from .._core.op_cache import cached
from .._core.refs import Ref, entity_dict, require_name, to_id
from .._core.rows import pick_by_name, sorted_by_name

_GAZU_ABSENT: dict[str, str] = {}


@cached("studio")
def all_studios() -> Call[list[dict[str, Any]]]:
    """List every studio, sorted by name.

    Calls: GET /data/studios
    """
    return get("data/studios", then=sorted_by_name)


@cached("studio")
def get_studio(studio_id: Ref) -> Call[dict[str, Any]]:
    """One studio by id (`name`, `color`, `archived`).

    Args:
        studio_id: the studio's id (a dict or object with an `id` works too).

    Calls: GET /data/studios/{studio_id}
    """
    return get(f"data/studios/{to_id(studio_id, 'studio')}")


@cached("studio")
def get_studio_by_name(studio_name: str) -> Call[Optional[dict[str, Any]]]:
    """The studio called `studio_name` (exact name first, then case-insensitive), or None.

    Args:
        studio_name: the studio's name.

    Calls: GET /data/studios?name=
    """
    name = require_name(studio_name, "studio name")
    return get("data/studios", {"name": name}, then=lambda rows: pick_by_name(rows, name))


def update_studio(studio: Mapping[str, Any]) -> Call[dict[str, Any]]:
    """Save the fields of a studio dict (it must hold "id"); returns the studio.

    Args:
        studio: the studio dict, with its `id` and the fields to save.

    Calls: PUT /data/studios/{studio_id}
    """
    body = entity_dict(studio, "studio")
    return put(f"data/studios/{body['id']}", body)


def remove_studio(studio: Ref, force: bool = False) -> Call[str]:
    """Delete a studio. Zou refuses (400) while a person still belongs to it, with or without
    `force`: it is passed on as gazu does, but Zou 1.0.97 does not read it for studios.
    Returns Zou's empty answer, "", as gazu does.

    Args:
        studio: the studio (id or dict).
        force: passed on as gazu does; Zou 1.0.97 does not read it for studios.

    Calls: DELETE /data/studios/{studio_id}
    """
    studio_id = to_id(studio, "studio")
    params = {"force": True} if force else None
    return delete(f"data/studios/{studio_id}", params)
