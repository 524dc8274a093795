"""Generic entities and entity types (gazu.entity): any row of Zou's entity table (asset, shot,
sequence, episode, edit, concept...) read, named or removed whatever its kind, the entity types
themselves, and the guess of entities from a file path."""

from __future__ import annotations

import os
from typing import Any, Optional

from .._core.call import Call, delete, get, post
from .._core.errors import InvalidInputError
from .._core.op_cache import cached
from .._core.refs import Ref, echo, require_name, to_id, to_ids, to_optional_id
from .._core.rows import sorted_by_name
from . import entities as _common


def _as_list(answer: Any) -> list[Any]:
    return list(answer or [])


# -- entities ------------------------------------------------------------------------------------


@cached("entity")
def all_entities() -> Call[list[dict[str, Any]]]:
    """List every entity of every project you can see, whatever its kind, in Zou's order.

    Each row has a `type` ("Asset", "Shot", "Edit", "Concept"...). On a big studio this is a
    long listing: prefer the listings of one project.

    Calls: GET /data/entities
    """
    return get("data/entities", then=_as_list)


@cached("entity")
def get_entity(entity_id: Ref) -> Call[dict[str, Any]]:
    """The entity with this id, whatever its kind (asset, shot, sequence, edit, concept...).

    The row has its `type`, `entities_in`/`entities_out` (casting) and `entity_concept_links`.

    Args:
        entity_id: the entity (asset, shot, sequence, episode, edit, concept...)'s id (a dict or
            object with an `id` works too).

    Calls: GET /data/entities/{entity_id}
    """
    return get(f"data/entities/{to_id(entity_id, 'entity')}", then=dict)


@cached("entity")
def get_entity_by_name(
    entity_name: str, project: Optional[Ref] = None
) -> Call[Optional[dict[str, Any]]]:
    """The entity with this name (in this project when given), or None.

    An exact match wins over one differing only by case; without a project, the first entity
    of that name in any project.

    Args:
        entity_name: the entity's name.
        project: only those of this project (id or dict); None: no filter.

    Calls: GET /data/entities?name=[&project_id=]
    """
    project_id = to_optional_id(project, "project")
    params = {"project_id": project_id} if project_id is not None else {}
    return _common.by_name("data/entities", params, entity_name, "entity name")


def remove_entity(entity: Ref, force: bool = False) -> Call[str]:
    """Delete an entity of any kind, with its casting and concept links.

    Zou 1.0.97's generic route ignores `force` (sent anyway, as gazu does): it refuses
    (BadRequestError) an entity that still has tasks, versions or children. To cancel or
    force-delete assets, shots, edits or concepts with tasks, use remove_entities or the
    remove function of their own module.

    Args:
        entity: the entity (asset, shot, sequence, episode, edit, concept...), id or dict.
        force: sent as `?force=true`, as gazu does; Zou 1.0.97's generic route ignores it.

    Calls: DELETE /data/entities/{entity_id}[?force=true]
    """
    entity_id = to_id(entity, "entity")
    params = {"force": True} if force else None
    return delete(f"data/entities/{entity_id}", params)


def remove_entities(project: Ref, entities: list[Ref], force: bool = False) -> Call[list[str]]:
    """Remove assets, shots, edits and concepts of a project in one request; the ids handled.

    Without `force`, one with tasks is only marked canceled the first time (removed the second
    time); concepts are always removed. With `force`, each goes with its tasks. Ids of other
    projects, of missing entities or of other kinds are left out of the answer, not refused.

    Args:
        project: the project (id or dict).
        entities: the assets, shots, edits and concepts to remove (each an id or a dict).
        force: remove each with its tasks; without it, one with tasks is only marked canceled the
            first time.

    Calls: POST /actions/projects/{project_id}/delete-entities[?force=true]
    """
    project_id = to_id(project, "project")
    entity_ids = to_ids(entities, "entity")
    params = {"force": True} if force else None
    path = f"actions/projects/{project_id}/delete-entities"
    return post(path, entity_ids, params=params, then=_as_list)


def all_entities_with_tasks_linked_to_entity(entity: Ref) -> Call[list[dict[str, Any]]]:
    """The entities linked to this one by concept links (the concepts that tag an asset, ...),
    each with its `tasks`.

    Args:
        entity: the entity (asset, shot, sequence, episode, edit, concept...), id or dict.

    Calls: GET /data/entities/{entity_id}/entities-linked/with-tasks
    """
    entity_id = to_id(entity, "entity")
    return get(f"data/entities/{entity_id}/entities-linked/with-tasks", then=_as_list)


@cached("entity")
def guess_from_path(project_id: Ref, path: str, sep: str = "/") -> Call[list[dict[str, Any]]]:
    """The file tree templates of a project that match a file path, each with the ids read from
    it: `[{"Template": "asset", "Project": id, "AssetType": id, "Asset": id, ...}]`.

    An empty list when nothing matches. Zou 1.0.97 answers 500 (ServerError) for a project that
    has no file tree.

    Args:
        project_id: the project's id (a dict or object with an `id` works too).
        path: the file path to match against the project's file tree.
        sep: the path separator used in `path`.

    Calls: POST /data/entities/guess-from-path (gazu's guess_from_path is Zou's deprecated alias
    of the same route)
    """
    body = {
        "project_id": to_id(project_id, "project"),
        "file_path": _text(path, "path"),
        "sep": _text(sep, "sep"),
    }
    return post("data/entities/guess-from-path", body, then=_as_list)


def _text(value: Any, what: str) -> str:
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str) or not value:
        raise InvalidInputError(f"{what} must be a non-empty string, got {echo(value)}")
    return value


# -- entity types --------------------------------------------------------------------------------


@cached("entity")
def all_entity_types() -> Call[list[dict[str, Any]]]:
    """List every entity type (asset types and Zou's own: Shot, Sequence, Edit, Concept...),
    sorted by name.

    Calls: GET /data/entity-types
    """
    return get("data/entity-types", then=sorted_by_name)


@cached("entity")
def get_entity_type(entity_type_id: Ref) -> Call[dict[str, Any]]:
    """The entity type with this id.

    Args:
        entity_type_id: the entity type's id (a dict or object with an `id` works too).

    Calls: GET /data/entity-types/{entity_type_id}
    """
    return get(f"data/entity-types/{to_id(entity_type_id, 'entity type')}", then=dict)


@cached("entity")
def get_entity_type_by_name(entity_type_name: str) -> Call[Optional[dict[str, Any]]]:
    """The entity type with this name ("Character", "Shot", "Concept"...), or None.

    Args:
        entity_type_name: the entity type's name ("Character", "Shot"...)

    Calls: GET /data/entity-types?name=
    """
    return _common.by_name("data/entity-types", {}, entity_type_name, "entity type name")


def new_entity_type(name: str) -> Call[dict[str, Any]]:
    """Create an entity type (an asset type, for Kitsu).

    Zou refuses (BadRequestError) a name an entity type already has; asset.new_asset_type
    returns the existing one instead.

    Args:
        name: the entity type's name.

    Calls: POST /data/entity-types
    """
    body = {"name": require_name(name, "entity type name")}
    return post("data/entity-types", body, then=dict)


def remove_entity_type(entity_type: Ref) -> Call[str]:
    """Delete an entity type; Zou refuses (BadRequestError) one that entities still use.

    Args:
        entity_type: the entity type (id or dict).

    Calls: DELETE /data/entity-types/{entity_type_id}
    """
    type_id = to_id(entity_type, "entity type")
    return delete(f"data/entity-types/{type_id}")
