"""Casting (the breakdown): which assets appear in which shots, episodes and assets, and the
entity links that store it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional, Union

from .._core.call import Call, Flow, delete, get, put
from .._core.errors import InvalidInputError
from .._core.op_cache import cached
from .._core.refs import Ref, echo, to_id, to_ids
from ..types import CastingEntry

__all__ = [
    "CastingByEntity",
    "all_entity_links_for_project",
    "cast_asset",
    "delete_entity_link",
    "get_asset_cast_in",
    "get_asset_casting",
    "get_asset_type_casting",
    "get_episode_casting",
    "get_episode_shots_casting",
    "get_episodes_casting",
    "get_project_shots_casting",
    "get_sequence_casting",
    "get_sequence_shots_casting",
    "get_shot_casting",
    "uncast_asset",
    "update_asset_casting",
    "update_episode_casting",
    "update_shot_casting",
]

CastingByEntity = dict[str, list[CastingEntry]]
"""Casting of several entities: entity id -> its casting entries."""


# -- shared helpers -------------------------------------------------------------------------------


def _check_count(value: Any, what: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidInputError(f"{what} must be an int >= {minimum}, got {echo(value)}")
    return value


def _casting_body(casting: Any) -> list[dict[str, Any]]:
    """A checked copy of a casting list: `[{"asset_id", "nb_occurences"?, "label"?}, ...]`."""
    if isinstance(casting, (str, bytes, Mapping)) or not isinstance(casting, (list, tuple)):
        raise InvalidInputError(
            'casting must be a list like [{"asset_id": ..., "nb_occurences": 1}], '
            f"got {type(casting).__name__}"
        )
    entries = []
    for index, entry in enumerate(casting):
        if not isinstance(entry, Mapping) or "asset_id" not in entry:
            raise InvalidInputError(f"casting[{index}] must be a dict with an 'asset_id'")
        checked = dict(entry)
        checked["asset_id"] = to_id(entry["asset_id"], "asset")
        # Zou silently skips an entry without nb_occurences: count it once instead.
        checked["nb_occurences"] = _check_count(
            checked.get("nb_occurences", 1), f"casting[{index}]['nb_occurences']", 0
        )
        if checked.get("label") is not None and not isinstance(checked["label"], str):
            raise InvalidInputError(f"casting[{index}]['label'] must be a string")
        entries.append(checked)
    return entries


def _project_id_of(entity: Ref, kind: str) -> Flow[tuple[str, str]]:
    """(project id, entity id): from the entity dict when it has `project_id`, else fetched."""
    entity_id = to_id(entity, kind)
    if isinstance(entity, Mapping) and entity.get("project_id"):
        return to_id(entity["project_id"], "project"), entity_id
    found = yield from get(f"data/entities/{entity_id}")
    return to_id(found["project_id"], "project"), entity_id


def _entity_casting(entity: Ref, kind: str) -> Flow[list[CastingEntry]]:
    project_id, entity_id = yield from _project_id_of(entity, kind)
    path = f"data/projects/{project_id}/entities/{entity_id}/casting"
    entries: list[CastingEntry] = yield from get(path)
    return entries


def _update_casting(project: Ref, entity: Ref, kind: str, casting: Any) -> Call[list[CastingEntry]]:
    project_id = to_id(project, "project")
    entity_id = to_id(entity, kind)
    body = _casting_body(casting)
    path = f"data/projects/{project_id}/entities/{entity_id}/casting"
    return put(path, body)


def _or_empty(answer: Any) -> CastingByEntity:
    casting: CastingByEntity = answer or {}
    return casting


def _by_entity(path: str) -> Call[CastingByEntity]:
    return get(path, then=_or_empty)


# -- casting of one entity ------------------------------------------------------------------------


@cached("casting", "shot")
def get_shot_casting(shot: Ref) -> Flow[list[CastingEntry]]:
    """The assets cast in a shot (`asset_id`, `asset_name`, `nb_occurences`, `label`, …).

    Takes the shot dict (its `project_id` is used) or an id (then the shot is fetched first).

    Args:
        shot: the shot (id or dict).

    Calls: GET /data/entities/{shot_id} (for its project, unless the dict has
        project_id), GET /data/projects/{project_id}/entities/{shot_id}/casting
    """
    return (yield from _entity_casting(shot, "shot"))


@cached("casting", "asset")
def get_asset_casting(asset: Ref) -> Flow[list[CastingEntry]]:
    """The assets cast in an asset (a set's props, …).

    Args:
        asset: the asset (id or dict).

    Calls: GET /data/entities/{asset_id} (for its project, unless the dict has
        project_id), GET /data/projects/{project_id}/entities/{asset_id}/casting
    """
    return (yield from _entity_casting(asset, "asset"))


@cached("casting", "episode")
def get_episode_casting(episode: Ref) -> Flow[list[CastingEntry]]:
    """The assets cast in an episode; casting a shot also casts its assets in its episode.

    Args:
        episode: the episode (id or dict).

    Calls: GET /data/entities/{episode_id} (for its project, unless the dict has
        project_id), GET /data/projects/{project_id}/entities/{episode_id}/casting
    """
    return (yield from _entity_casting(episode, "episode"))


def update_shot_casting(
    project: Ref, shot: Ref, casting: list[dict[str, Any]]
) -> Call[list[CastingEntry]]:
    """Replace the casting of a shot with `casting`: `[{"asset_id", "nb_occurences", "label"?}]`.

    Assets not listed are uncast; an entry without `nb_occurences` counts 1; one with 0 stays
    listed with 0 occurences. Zou silently skips asset ids it does not know. To add or remove
    one asset without replacing what others cast meanwhile, use cast_asset / uncast_asset.

    Args:
        project: the project (id or dict).
        shot: the shot (id or dict).
        casting: the whole new casting: `[{"asset_id", "nb_occurences", "label"?}]`.

    Calls: PUT /data/projects/{project_id}/entities/{shot_id}/casting
    """
    return _update_casting(project, shot, "shot", casting)


def update_asset_casting(
    project: Ref, asset: Ref, casting: list[dict[str, Any]]
) -> Call[list[CastingEntry]]:
    """Replace the assets cast in an asset with `casting` (entries as in update_shot_casting).

    Args:
        project: the project (id or dict).
        asset: the asset (id or dict).
        casting: the whole new casting: `[{"asset_id", "nb_occurences", "label"?}]`.

    Calls: PUT /data/projects/{project_id}/entities/{asset_id}/casting
    """
    return _update_casting(project, asset, "asset", casting)


def update_episode_casting(
    project: Ref, episode: Ref, casting: list[dict[str, Any]]
) -> Call[list[CastingEntry]]:
    """Replace the assets cast in an episode with `casting` (entries as in update_shot_casting).

    Assets left out are also removed from the casting of the episode's shots.

    Args:
        project: the project (id or dict).
        episode: the episode (id or dict).
        casting: the whole new casting: `[{"asset_id", "nb_occurences", "label"?}]`.

    Calls: PUT /data/projects/{project_id}/entities/{episode_id}/casting
    """
    return _update_casting(project, episode, "episode", casting)


@cached("casting", "asset")
def cast_asset(
    project: Ref,
    entities: Union[list[Ref], Ref],
    asset: Ref,
    nb_occurences: Optional[int] = None,
    label: Optional[str] = None,
) -> Call[CastingByEntity]:
    """Cast one asset in shots, assets or episodes, leaving the rest of their casting alone.

    Args:
        project: the project.
        entities: the entities (ids or dicts) to cast the asset in.
        asset: the asset to cast.
        nb_occurences: how many times it appears; None keeps the current count (1 on a new
            link), 0 removes it.
        label: the casting label; None keeps the current one.

    Returns:
        The new casting of each entity, keyed by entity id.

    Calls: PUT /data/projects/{project_id}/entities/casting/assets/{asset_id}
    """
    project_id = to_id(project, "project")
    asset_id = to_id(asset, "asset")
    entity_ids = to_ids(entities, "entity")
    if not entity_ids:
        raise InvalidInputError("cast_asset needs at least one entity to cast the asset in")
    body: dict[str, Any] = {"entity_ids": entity_ids}
    if nb_occurences is not None:
        body["nb_occurences"] = _check_count(nb_occurences, "nb_occurences", 0)
    if label is not None:
        if not isinstance(label, str):
            raise InvalidInputError(f"label must be a string, got {type(label).__name__}")
        body["label"] = label
    path = f"data/projects/{project_id}/entities/casting/assets/{asset_id}"
    return put(path, body)


def uncast_asset(
    project: Ref,
    entities: Union[list[Ref], Ref],
    asset: Ref,
) -> Call[CastingByEntity]:
    """Remove one asset from the casting of shots, assets or episodes, keeping their others.

    Args:
        project: the project (id or dict).
        entities: the entities (each an id or a dict).
        asset: the asset (id or dict).

    Calls: PUT /data/projects/{project_id}/entities/casting/assets/{asset_id}
    """
    return cast_asset(project, entities, asset, nb_occurences=0)


@cached("casting", "asset")
def get_asset_cast_in(asset: Ref) -> Call[list[dict[str, Any]]]:
    """The shots an asset is cast in (`shot_id`, `shot_name`, `sequence_name`, `nb_occurences`).

    Args:
        asset: the asset (id or dict).

    Calls: GET /data/assets/{asset_id}/cast-in
    """
    asset_id = to_id(asset, "asset")
    return get(f"data/assets/{asset_id}/cast-in", then=_rows)


def _rows(answer: Any) -> list[dict[str, Any]]:
    return list(answer or [])


# -- casting of many entities ---------------------------------------------------------------------


@cached("casting", "sequence")
def get_sequence_casting(sequence: Ref) -> Flow[CastingByEntity]:
    """The casting of each shot of a sequence, keyed by shot id.

    Takes the sequence dict (its `project_id` is used) or an id (then it is fetched first).

    Args:
        sequence: the sequence (id or dict).

    Calls: GET /data/entities/{sequence_id} (unless the dict has project_id),
        GET /data/projects/{project_id}/sequences/{sequence_id}/casting
    """
    project_id, sequence_id = yield from _project_id_of(sequence, "sequence")
    return (yield from _by_entity(f"data/projects/{project_id}/sequences/{sequence_id}/casting"))


@cached("casting", "shot", "sequence")
def get_sequence_shots_casting(project: Ref, sequence: Ref) -> Call[CastingByEntity]:
    """The casting of each shot of a sequence, keyed by shot id.

    Args:
        project: the project (id or dict).
        sequence: the sequence (id or dict).

    Calls: GET /data/projects/{project_id}/sequences/{sequence_id}/casting
    """
    project_id = to_id(project, "project")
    sequence_id = to_id(sequence, "sequence")
    return _by_entity(f"data/projects/{project_id}/sequences/{sequence_id}/casting")


@cached("casting", "shot", "episode")
def get_episode_shots_casting(project: Ref, episode: Ref) -> Call[CastingByEntity]:
    """The casting of each shot of an episode, keyed by shot id.

    Args:
        project: the project (id or dict).
        episode: the episode (id or dict).

    Calls: GET /data/projects/{project_id}/episodes/{episode_id}/sequences/all/casting
    """
    project_id = to_id(project, "project")
    episode_id = to_id(episode, "episode")
    return _by_entity(f"data/projects/{project_id}/episodes/{episode_id}/sequences/all/casting")


@cached("casting", "shot", "project")
def get_project_shots_casting(project: Ref) -> Call[CastingByEntity]:
    """The casting of each shot of a project, keyed by shot id.

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/sequences/all/casting
    """
    project_id = to_id(project, "project")
    return _by_entity(f"data/projects/{project_id}/sequences/all/casting")


@cached("casting", "episode")
def get_episodes_casting(project: Ref) -> Call[CastingByEntity]:
    """The casting of each episode of a project, keyed by entity id.

    Zou 1.0.97 also puts the shots that have a casting in this dict, keyed by shot id.

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/episodes/casting
    """
    project_id = to_id(project, "project")
    return _by_entity(f"data/projects/{project_id}/episodes/casting")


def get_asset_type_casting(project: Ref, asset_type: Ref) -> Call[CastingByEntity]:
    """What is cast in each asset of one type, keyed by asset id.

    Args:
        project: the project (id or dict).
        asset_type: the asset type (id or dict).

    Calls: GET /data/projects/{project_id}/asset-types/{asset_type_id}/casting
    """
    project_id = to_id(project, "project")
    asset_type_id = to_id(asset_type, "asset type")
    return _by_entity(f"data/projects/{project_id}/asset-types/{asset_type_id}/casting")


# -- entity links ---------------------------------------------------------------------------------


@cached("casting", "project", "entity")
def all_entity_links_for_project(
    project: Ref,
    page: Optional[int] = None,
    limit: Optional[int] = None,
) -> Call[Union[list[dict[str, Any]], dict[str, Any]]]:
    """The entity links (casting rows) of a project.

    Without `page`: the list (at most `limit` rows when given). With `page` (from 1): Zou's
    page envelope `{data, total, nb_pages, limit, offset, page}`.

    Args:
        project: the project (id or dict).
        page: the page to read (None: every page).
        limit: rows per page.

    Calls: GET /data/projects/{project_id}/entity-links
    """
    project_id = to_id(project, "project")
    params = {
        "page": None if page is None else _check_count(page, "page", 1),
        "limit": None if limit is None else _check_count(limit, "limit", 1),
    }
    path = f"data/projects/{project_id}/entity-links"
    return get(path, params, then=_rows if page is None else _envelope)


def _envelope(answer: Any) -> Union[list[dict[str, Any]], dict[str, Any]]:
    return dict(answer)


def delete_entity_link(entity_link: Ref) -> Call[dict[str, Any]]:
    """Delete an entity link (one casting row); returns the link given.

    Args:
        entity_link: the entity link (casting row), id or dict.

    Calls: DELETE /data/entity-links/{entity_link_id}
    """
    link_id = to_id(entity_link, "entity link")

    def given(_answer: Any) -> dict[str, Any]:
        return dict(entity_link) if isinstance(entity_link, Mapping) else {"id": link_id}

    return delete(f"data/entity-links/{link_id}", then=given)
