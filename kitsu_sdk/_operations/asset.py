"""Assets and asset types: listings, lookups, creation, updates, removal, asset instances,
CSV import/export and the web URLs of asset pages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional
from urllib.parse import urlencode

from .._core.call import Call, Flow, delete, get, post, put, web_root
from .._core.errors import InvalidInputError, NotFoundInKitsuError
from .._core.op_cache import cached
from .._core.refs import Ref, echo, entity_dict, is_id, require_name, to_id, to_optional_id
from .._core.rows import pick_by_name, sorted_by_name
from ..types import Asset, AssetType
from . import entities as _common

# Relations PUT /data/entities/{id} would rewrite from a stale dict (Zou protects the others).
_NOT_SENT_ON_UPDATE = frozenset({"tasks", "entity_concept_links"})
# GET /data/assets/{id} renders empty references as "" and ready_for as "None"; sent back as
# they are, Zou answers 400 "One of the provided values has an invalid format".
_REFERENCE_FIELDS = ("preview_file_id", "ready_for", "source_id", "parent_id", "entity_type_id")
_ASSET_TYPE_FIELDS = ("name", "short_name", "description", "archived", "task_types")


# -- shared helpers -------------------------------------------------------------------------------


def _sorted(path: str, params: Any = None) -> Call[list[Any]]:
    """GET a listing, sorted by name like gazu."""
    return get(path, params, then=sorted_by_name)


def _asset_type_id(asset_type: Ref) -> Flow[str]:
    """An asset type id from an id, a dict, or an asset type *name* (looked up once)."""
    if isinstance(asset_type, str) and not is_id(asset_type):
        found = yield from _asset_type_named(require_name(asset_type, "asset type name"))
        if found is None:
            raise NotFoundInKitsuError(f"no asset type named {echo(asset_type)}")
        return str(found["id"])
    return to_id(asset_type, "asset type")


def _productions_url(project: Ref, episode: str = "main") -> Flow[str]:
    """`<web>/productions/<p>/assets` or, for TV shows, `.../episodes/<episode>/assets`."""
    project_id = to_id(project, "project")
    found = yield from get(f"data/projects/{project_id}")
    root = yield from web_root()
    base = f"{root}/productions/{project_id}"
    if found.get("production_type") == "tvshow":
        return f"{base}/episodes/{episode}/assets"
    return f"{base}/assets"


def _check_data(data: Any, what: str) -> dict[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise InvalidInputError(f"{what} must be a dict, got {type(data).__name__}")
    return dict(data)


# -- assets: listings -----------------------------------------------------------------------------


_IDS_PER_REQUEST = 40


@cached("asset", "project")
def all_assets_for_open_projects() -> Flow[list[Asset]]:
    """List the assets of every open project, sorted by name.

    Listings filtered on the open projects' ids (Zou's IN filter), 40 projects per request,
    instead of one request per project.

    Calls: GET /data/projects/open, GET /data/assets/all?project_id=[...]
    """
    projects = yield from get("data/projects/open")
    project_ids = [project["id"] for project in projects or []]
    rows: list[Any] = []
    # Chunked: gunicorn refuses a request line over 4094 bytes (about 80 quoted UUIDs).
    for start in range(0, len(project_ids), _IDS_PER_REQUEST):
        chunk = project_ids[start : start + _IDS_PER_REQUEST]
        rows.extend((yield from get("data/assets/all", {"project_id": chunk})) or [])
    return sorted_by_name(rows)


@cached("asset", "project")
def all_assets_for_project(project: Optional[Ref]) -> Call[list[Asset]]:
    """List the assets of a project (of every project when `project` is None), sorted by name.

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/assets (GET /data/assets/all without a project)
    """
    if project is None:
        return _sorted("data/assets/all")
    return _sorted(f"data/projects/{to_id(project, 'project')}/assets")


@cached("asset", "episode")
def all_assets_for_episode(episode: Ref) -> Call[list[Asset]]:
    """List the assets linked to an episode (their `source_id`), sorted by name.

    Args:
        episode: the episode (id or dict).

    Calls: GET /data/assets?source_id={episode_id}
    """
    episode_id = to_id(episode, "episode")
    return _sorted("data/assets", {"source_id": episode_id})


@cached("asset", "shot")
def all_assets_for_shot(shot: Ref) -> Call[list[Asset]]:
    """List the assets cast in a shot, sorted by name.

    Args:
        shot: the shot (id or dict).

    Calls: GET /data/shots/{shot_id}/assets
    """
    return _sorted(f"data/shots/{to_id(shot, 'shot')}/assets")


@cached("asset", "project")
def all_assets_for_project_and_type(project: Ref, asset_type: Ref) -> Flow[list[Asset]]:
    """List the assets of one type in a project, sorted by name.

    `asset_type` may also be a type name ("Character"); NotFoundInKitsuError when unknown.

    Args:
        project: the project (id or dict).
        asset_type: the asset type (id or dict).

    Calls: GET /data/asset-types?name=… (for a type name),
        GET /data/projects/{project_id}/asset-types/{asset_type_id}/assets
    """
    project_id = to_id(project, "project")
    asset_type_id = yield from _asset_type_id(asset_type)
    path = f"data/projects/{project_id}/asset-types/{asset_type_id}/assets"
    assets: list[Asset] = yield from _sorted(path)
    return assets


# -- assets: lookups ------------------------------------------------------------------------------


@cached("asset")
def get_asset(asset_id: Ref) -> Call[Asset]:
    """The asset with this id, with its `asset_type_name`, `episode_id`, tasks and links.

    Args:
        asset_id: the asset's id (a dict or object with an `id` works too).

    Calls: GET /data/assets/{asset_id}
    """
    return get(f"data/assets/{to_id(asset_id, 'asset')}")


@cached("asset")
def get_asset_by_name(
    project: Ref,
    name: str,
    asset_type: Optional[Ref] = None,
) -> Flow[Optional[Asset]]:
    """The asset of a project with this name (and type, when given), or None.

    An exact match wins over one that differs in case only.

    Args:
        project: the project (id or dict).
        name: the name to look for.
        asset_type: only those of this asset type (id or dict); None: no filter.

    Calls: GET /data/asset-types?name=… (for a type name),
        GET /data/assets/all?project_id=…&name=…[&entity_type_id=…]
    """
    project_id = to_id(project, "project")
    wanted = require_name(name, "asset name")
    params = {"project_id": project_id, "name": wanted}
    if asset_type is not None:
        params["entity_type_id"] = yield from _asset_type_id(asset_type)
    rows = yield from get("data/assets/all", params)
    found: Optional[Asset] = pick_by_name(rows, wanted)
    return found


@cached("asset")
def get_asset_url(asset: Ref) -> Flow[str]:
    """The web page of an asset (TV shows: under its episode, or `main`).

    Args:
        asset: the asset (id or dict).

    Calls: GET /data/assets/{asset_id}, GET /data/projects/{project_id}
    """
    found = yield from get_asset(asset)
    # An asset with no episode comes back with episode_id "" (or no key).
    episode = str(found.get("episode_id") or "main")
    url = yield from _productions_url(found["project_id"], episode)
    return f"{url}/{found['id']}/"


@cached("asset")
def get_all_assets_url(project: Ref) -> Flow[str]:
    """The web page listing a project's assets (TV shows: the `main` episode).

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}
    """
    url = yield from _productions_url(project)
    return f"{url}/"


@cached("asset", "asset-type")
def get_asset_type_url(project: Ref, asset_type: Ref) -> Flow[str]:
    """The web page listing a project's assets, filtered on one asset type.

    Args:
        project: the project (id or dict).
        asset_type: the asset type (id or dict).

    Calls: GET /data/projects/{project_id}, GET /data/asset-types/{asset_type_id} (unless the
    asset type dict has its name)
    """
    project_id = to_id(project, "project")
    if isinstance(asset_type, Mapping) and asset_type.get("name"):
        to_id(asset_type, "asset type")
        type_name = asset_type["name"]
    elif isinstance(asset_type, str) and not is_id(asset_type):
        type_name = require_name(asset_type, "asset type name")
    else:
        type_name = (yield from get_asset_type(asset_type))["name"]
    query = urlencode({"search": f"type=[{type_name}]"})
    url = yield from _productions_url(project_id)
    return f"{url}?{query}"


@cached("asset", "episode")
def get_episode_from_asset(asset: Ref) -> Flow[Optional[dict[str, Any]]]:
    """The episode an asset belongs to, or None for a main-pack asset.

    Reads `source_id` (or `episode_id`) from the asset dict; fetches the asset when not there.

    Args:
        asset: the asset (id or dict).

    Calls: GET /data/episodes/{episode_id} (and GET /data/assets/{asset_id} given an id)
    """
    if isinstance(asset, Mapping) and ("source_id" in asset or "episode_id" in asset):
        to_id(asset, "asset")
        episode_id = asset.get("source_id") or asset.get("episode_id")
    else:
        episode_id = (yield from get_asset(asset)).get("episode_id")
    if not episode_id:
        return None
    episode: dict[str, Any] = yield from get(
        f"data/episodes/{to_id(episode_id, 'episode')}", then=dict
    )
    return episode


@cached("asset", "asset-type")
def get_asset_type_from_asset(asset: Ref) -> Flow[AssetType]:
    """The asset type of an asset (from its `entity_type_id`; the asset is fetched if needed).

    Args:
        asset: the asset (id or dict).

    Calls: GET /data/asset-types/{asset_type_id} (and GET /data/assets/{asset_id} given an id)
    """
    if isinstance(asset, Mapping) and asset.get("entity_type_id"):
        to_id(asset, "asset")
        type_id = asset["entity_type_id"]
    else:
        type_id = (yield from get_asset(asset))["entity_type_id"]
    asset_type: AssetType = yield from get_asset_type(type_id)
    return asset_type


# -- assets: writes -------------------------------------------------------------------------------


def new_asset(
    project: Ref,
    asset_type: Ref,
    name: str,
    description: Optional[str] = None,
    extra_data: Optional[dict[str, Any]] = None,
    episode: Optional[Ref] = None,
    is_shared: bool = False,
) -> Flow[Asset]:
    """Create an asset, or return the one of this type already named so in the project.

    Zou 1.0.97 does not deduplicate assets (posting the same name twice makes two), hence the
    lookup first. `asset_type` may be an id, a dict or a type name ("Character").

    Args:
        project: the project.
        asset_type: the asset type (id, dict or name).
        name: the asset name.
        description: free text.
        extra_data: the asset's metadata (`data`).
        episode: the episode the asset belongs to (TV shows); None = main pack.
        is_shared: shared with the other projects of the studio.

    Calls: GET /data/asset-types?name=… (for a type name), GET /data/assets/all,
        POST /data/projects/{project_id}/asset-types/{asset_type_id}/assets/new
    """
    project_id = to_id(project, "project")
    wanted = require_name(name, "asset name")
    data = _check_data(extra_data, "extra_data")
    episode_id = to_optional_id(episode, "episode")
    if description is not None and not isinstance(description, str):
        raise InvalidInputError(f"description must be a string, got {type(description).__name__}")
    asset_type_id = yield from _asset_type_id(asset_type)
    existing = yield from get_asset_by_name(project_id, wanted, asset_type_id)
    if existing is not None:
        return existing
    body: dict[str, Any] = {"name": wanted, "data": data, "is_shared": bool(is_shared)}
    if description is not None:
        body["description"] = description
    if episode_id is not None:
        body["episode_id"] = episode_id
    path = f"data/projects/{project_id}/asset-types/{asset_type_id}/assets/new"
    created: Asset = yield from post(path, body)
    return created


def update_asset(asset: dict[str, Any]) -> Call[Asset]:
    """Save the fields of an asset dict; its `data` is merged into the stored one.

    A dict read with get_asset can be sent back: its `episode_id` becomes `source_id`, Zou's
    empty references ("", "None") become null, and task/concept links are not sent.

    Args:
        asset: the asset dict, with its `id` and the fields to save.

    Calls: PUT /data/entities/{asset_id}
    """
    body = entity_dict(asset, "asset")
    asset_id = to_id(body.pop("id"), "asset")
    if "episode_id" in body:
        body["source_id"] = body.pop("episode_id")
    for key in _REFERENCE_FIELDS:
        if key in body and body[key] in ("", "None"):
            body[key] = None
    body = {key: value for key, value in body.items() if key not in _NOT_SENT_ON_UPDATE}
    return put(f"data/entities/{asset_id}", body)


def update_asset_data(asset: Ref, data: Optional[dict[str, Any]] = None) -> Call[Asset]:
    """Set keys of an asset's `data`; keys not given keep their value.

    Args:
        asset: the asset (id or dict).
        data: the keys to set in the asset's `data` (the other keys are kept).

    Calls: PUT /data/entities/{asset_id}
    """
    # Zou merges `data` into the stored dict on this route: one request, no read-modify-write
    # race with another client editing other keys.
    return _common.update_data(asset, data, "asset")


def remove_asset(asset: Ref, force: bool = False) -> Call[str]:
    """Remove an asset. With tasks and no `force`, Zou only marks it canceled.

    `force` also deletes its tasks, casting links and files. Zou 1.0.97 answers 500 when the
    asset is still instantiated in another asset (asset instances are not cascaded).

    Args:
        asset: the asset (id or dict).
        force: delete it for good, with its tasks; without it, one with tasks is only marked
            `canceled`.

    Calls: DELETE /data/assets/{asset_id}[?force=true]
    """
    asset_id = to_id(asset, "asset")
    params = {"force": True} if force else None
    return delete(f"data/assets/{asset_id}", params)


# -- asset types ----------------------------------------------------------------------------------


@cached("asset", "asset-type")
def all_asset_types() -> Call[list[AssetType]]:
    """List every asset type of the studio, sorted by name.

    Calls: GET /data/asset-types
    """
    return _sorted("data/asset-types")


@cached("asset", "asset-type", "project")
def all_asset_types_for_project(project: Ref) -> Call[list[AssetType]]:
    """List the asset types of the assets of a project, sorted by name.

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/asset-types
    """
    return _sorted(f"data/projects/{to_id(project, 'project')}/asset-types")


@cached("asset", "asset-type", "shot")
def all_asset_types_for_shot(shot: Ref) -> Call[list[AssetType]]:
    """List the asset types of the assets cast in a shot, sorted by name.

    Args:
        shot: the shot (id or dict).

    Calls: GET /data/shots/{shot_id}/asset-types
    """
    return _sorted(f"data/shots/{to_id(shot, 'shot')}/asset-types")


@cached("asset", "asset-type")
def get_asset_type(asset_type_id: Ref) -> Call[AssetType]:
    """The asset type with this id.

    Args:
        asset_type_id: the asset type's id (a dict or object with an `id` works too).

    Calls: GET /data/asset-types/{asset_type_id}
    """
    type_id = to_id(asset_type_id, "asset type")
    return get(f"data/asset-types/{type_id}")


@cached("asset", "asset-type")
def get_asset_type_by_name(name: str) -> Call[Optional[AssetType]]:
    """The entity type with this name, or None: the same dict gazu returns.

    Like gazu, it looks among all entity types, so "Shot" or "Sequence" find those types too.

    Args:
        name: the name to look for.

    Calls: GET /data/entity-types?name=…
    """
    wanted = require_name(name, "asset type name")
    return get("data/entity-types", {"name": wanted}, then=_first_or_none)


def _first_or_none(rows: Any) -> Any:
    return rows[0] if isinstance(rows, list) and rows else None


def _asset_type_named(name: str) -> Call[Optional[AssetType]]:
    """The asset type (not any entity type) with this name, for names given where an asset type
    is expected."""
    return get("data/asset-types", {"name": name}, then=lambda rows: pick_by_name(rows, name))


def new_asset_type(name: str) -> Flow[AssetType]:
    """Create an asset type, or return the entity type already named so.

    The lookup comes first, as gazu's, among all entity types (data/entity-types, the route of
    get_asset_type_by_name): an existing one is returned as that route gives it, an
    "EntityType" row without `task_types` (so "Shot" returns the Shot entity type). Of the rows
    Zou's case-insensitive name filter returns, the one with this exact name wins, else one
    differing only by case. A new one is made only when none is found (Zou refuses a second
    entity type with the same name, 400).

    Args:
        name: the asset type's name.

    Calls: GET /data/entity-types?name=…, then POST /data/entity-types when none is found
    """
    wanted = require_name(name, "asset type name")
    found = _common.by_name("data/entity-types", {}, wanted, "asset type name")
    existing: Optional[AssetType] = yield from found
    if existing is not None:
        return existing
    created: AssetType = yield from post("data/entity-types", {"name": wanted})
    return created


def update_asset_type(asset_type: dict[str, Any]) -> Call[AssetType]:
    """Save the editable fields of an asset type dict (name, short_name, description, …).

    Args:
        asset_type: the asset type dict, with its `id` and the fields to save.

    Calls: PUT /data/entity-types/{asset_type_id}
    """
    given = entity_dict(asset_type, "asset type")
    type_id = to_id(given, "asset type")
    body = {key: given[key] for key in _ASSET_TYPE_FIELDS if key in given}
    if "name" in body:
        body["name"] = require_name(body["name"], "asset type name")
    if not body:
        raise InvalidInputError(
            f"update_asset_type: nothing to save, give one of {_ASSET_TYPE_FIELDS}"
        )
    # /data/asset-types is read-only; asset types are entity types.
    return put(f"data/entity-types/{type_id}", body)


def remove_asset_type(asset_type: Ref) -> Call[str]:
    """Remove an asset type; Zou refuses (400) while assets use it.

    Args:
        asset_type: the asset type (id or dict).

    Calls: DELETE /data/entity-types/{asset_type_id}
    """
    type_id = to_id(asset_type, "asset type")
    return delete(f"data/entity-types/{type_id}")


# -- asset instances ------------------------------------------------------------------------------


@cached("asset", "asset-instance")
def get_asset_instance(asset_instance_id: Ref) -> Call[dict[str, Any]]:
    """The asset instance with this id (with the `shots` it is in).

    Args:
        asset_instance_id: the asset instance's id (a dict or object with an `id` works too).

    Calls: GET /data/asset-instances/{asset_instance_id}
    """
    instance_id = to_id(asset_instance_id, "asset instance")
    return get(f"data/asset-instances/{instance_id}", then=dict)


def _asset_instances(asset: Ref, kind: str) -> Call[Any]:
    return get(f"data/assets/{to_id(asset, 'asset')}/{kind}-asset-instances")


@cached("asset", "asset-instance", "shot")
def all_shot_asset_instances_for_asset(asset: Ref) -> Call[Any]:
    """The shot instances of an asset, as Zou returns them (a dict keyed by shot id).

    Args:
        asset: the asset (id or dict).

    Calls: GET /data/assets/{asset_id}/shot-asset-instances
    """
    return _asset_instances(asset, "shot")


@cached("asset", "asset-instance", "scene")
def all_scene_asset_instances_for_asset(asset: Ref) -> Call[Any]:
    """The scene instances of an asset, as Zou returns them (a dict keyed by scene id).

    Args:
        asset: the asset (id or dict).

    Calls: GET /data/assets/{asset_id}/scene-asset-instances
    """
    return _asset_instances(asset, "scene")


@cached("asset", "asset-instance")
def all_asset_instances_for_asset(asset: Ref) -> Call[Any]:
    """The instances living in an asset, as Zou returns them (a dict keyed by instantiated
    asset id, each a list of instances).

    Args:
        asset: the asset (id or dict).

    Calls: GET /data/assets/{asset_id}/asset-asset-instances
    """
    return _asset_instances(asset, "asset")


def all_asset_instances_for_shot(shot: Ref) -> Call[Any]:
    """The asset instances of a shot, as Zou returns them (a dict keyed by asset id).

    Args:
        shot: the shot (id or dict).

    Calls: GET /data/shots/{shot_id}/asset-instances
    """
    return get(f"data/shots/{to_id(shot, 'shot')}/asset-instances")


def new_asset_asset_instance(
    asset: Ref,
    asset_to_instantiate: Ref,
    description: Optional[str] = None,
) -> Call[dict[str, Any]]:
    """Instantiate `asset_to_instantiate` inside `asset`; Zou numbers it (`<name>_0001`, …).

    Args:
        asset: the asset (id or dict).
        asset_to_instantiate: the asset to instantiate (id or dict).
        description: free text.

    Calls: POST /data/assets/{asset_id}/asset-asset-instances
    """
    asset_id = to_id(asset, "asset")
    body: dict[str, Any] = {"asset_to_instantiate_id": to_id(asset_to_instantiate, "asset")}
    if description is not None:
        body["description"] = description
    return post(f"data/assets/{asset_id}/asset-asset-instances", body, then=dict)


def _set_instance_active(asset_instance: Ref, active: bool) -> Call[dict[str, Any]]:
    instance_id = to_id(asset_instance, "asset instance")
    # gazu PUTs /asset-instances/{id}, which Zou does not serve; the CRUD route does the same.
    return put(f"data/asset-instances/{instance_id}", {"active": active}, then=dict)


def enable_asset_instance(asset_instance: Ref) -> Call[dict[str, Any]]:
    """Mark an asset instance active.

    Args:
        asset_instance: the asset instance (id or dict).

    Calls: PUT /data/asset-instances/{asset_instance_id}
    """
    return _set_instance_active(asset_instance, True)


def disable_asset_instance(asset_instance: Ref) -> Call[dict[str, Any]]:
    """Mark an asset instance inactive.

    Args:
        asset_instance: the asset instance (id or dict).

    Calls: PUT /data/asset-instances/{asset_instance_id}
    """
    return _set_instance_active(asset_instance, False)
