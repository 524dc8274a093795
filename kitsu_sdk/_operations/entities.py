"""Episodes, sequences, shots and scenes are all rows of Zou's entity table: read, named, updated
and removed the same way. The operation pieces shared by the shot and scene modules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from .._core.call import Call, Flow, delete, get, put
from .._core.errors import InvalidInputError
from .._core.refs import Ref, echo, require_name, to_id
from .._core.rows import pick_by_name, sorted_by_name

ROUTES = {
    "project": "projects",
    "episode": "episodes",
    "sequence": "sequences",
    "shot": "shots",
    "scene": "scenes",
}

# Relations Zou's PUT /data/entities/{id} would set from a stale dict (it protects the others).
_NOT_SENT_ON_UPDATE = ("entity_concept_links", "tasks")


def children(kind: str, ref: Ref, suffix: str) -> Call[list[Any]]:
    """GET /data/<kinds>/{id}/<suffix>, sorted by name like gazu."""
    parent_id = to_id(ref, kind)
    return get(f"data/{ROUTES[kind]}/{parent_id}/{suffix}", then=sorted_by_name)


def one(kind: str, ref: Ref) -> Call[Any]:
    """GET /data/<kinds>/{id}."""
    return get(f"data/{ROUTES[kind]}/{to_id(ref, kind)}")


def by_name(path: str, params: dict[str, Any], name: Any, what: str) -> Call[Optional[Any]]:
    """The row `pick_by_name` finds among those Zou filters with `name=`."""
    wanted = require_name(name, what)
    return get(path, {**params, "name": wanted}, then=lambda rows: pick_by_name(rows, wanted))


def parent(entity: Ref, kind: str, parent_kind: str) -> Flow[Any]:
    """The parent of `entity` (read from its dict when it has `parent_id`), or None at the top."""
    if isinstance(entity, Mapping) and "parent_id" in entity:
        to_id(entity, kind)
        parent_id = entity["parent_id"]
    else:
        parent_id = (yield from one(kind, entity))["parent_id"]
    if parent_id is None:
        return None
    return (yield from one(parent_kind, parent_id))


def update(entity: Any, kind: str) -> Call[Any]:
    """PUT a whole entity dict, as gazu does; Zou ignores keys that are not columns."""
    if not isinstance(entity, Mapping):
        raise InvalidInputError(
            f"update_{kind} needs the {kind} dict with the fields to change, "
            f"got {type(entity).__name__}"
        )
    entity_id = to_id(entity, kind)
    check_count(entity.get("nb_frames"), "nb_frames")
    body = {key: value for key, value in entity.items() if key not in _NOT_SENT_ON_UPDATE}
    return put(f"data/entities/{entity_id}", body)


def check_data(data: Any) -> dict[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise InvalidInputError(f"data must be a dict, got {type(data).__name__}")
    return dict(data)


def update_data(entity: Ref, data: Any, kind: str) -> Call[Any]:
    entity_id = to_id(entity, kind)
    # PUT /data/entities/{id} merges `data` into the stored dict (PUT /data/shots/{id} would
    # replace it): one request, no read-modify-write race, keys not given are kept.
    return put(f"data/entities/{entity_id}", {"data": check_data(data)})


def remove(kind: str, entity: Ref, force: bool) -> Call[str]:
    entity_id = to_id(entity, kind)
    params = {"force": True} if force else None
    return delete(f"data/{ROUTES[kind]}/{entity_id}", params)


def check_frame(value: Any, what: str) -> Optional[int]:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(f"{what} must be an int, got {echo(value)}")
    return value


def check_count(value: Any, what: str) -> Optional[int]:
    """A frame count (`nb_frames`): None, or an int >= 0 (frame numbers may be negative, a
    count may not)."""
    count = check_frame(value, what)
    if count is not None and count < 0:
        raise InvalidInputError(f"{what} must be an int >= 0, got {echo(value)}")
    return count


def check_range(frame_in: Optional[int], frame_out: Optional[int]) -> None:
    if frame_in is not None and frame_out is not None and frame_out < frame_in:
        raise InvalidInputError(f"frame_out ({frame_out}) is before frame_in ({frame_in})")


def with_tasks(kind: str, params: dict[str, Any]) -> Call[list[Any]]:
    return get(f"data/{ROUTES[kind]}/with-tasks", params, then=lambda rows: list(rows or []))


def as_dict(answer: Any) -> dict[str, Any]:
    """`then` for routes answering a dict (or nothing, which becomes {})."""
    return dict(answer or {})
