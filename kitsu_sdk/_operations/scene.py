"""Scenes (layout units under sequences), the shots made from them, and their asset and camera
instances."""

from __future__ import annotations

from typing import Any, Optional

from .._core.call import Call, Flow, delete, get, post, put
from .._core.errors import InvalidInputError
from .._core.op_cache import cached
from .._core.refs import Ref, require_name, to_id, to_optional_id
from .._core.rows import sorted_by_name
from ..types import Scene, Sequence, Shot
from . import entities as _common
from .entities import as_dict


def new_scene(project: Ref, sequence: Ref, name: str) -> Call[Scene]:
    """Create a scene in a sequence, or get the sequence's scene that has this exact name.

    Zou answers 404 when the sequence is missing or belongs to another project.

    Args:
        project: the project (id or dict).
        sequence: the sequence (id or dict).
        name: the scene's name.

    Calls: POST /data/projects/{project_id}/scenes
    """
    project_id = to_id(project, "project")
    body = {"name": require_name(name, "scene name"), "sequence_id": to_id(sequence, "sequence")}
    return post(f"data/projects/{project_id}/scenes", body)


@cached("scene")
def all_scenes(project: Optional[Ref] = None) -> Call[list[Scene]]:
    """List the scenes of a project, or of every project you can see, sorted by name.

    Args:
        project: only those of this project (id or dict); None: no filter.

    Calls: GET /data/projects/{project_id}/scenes, or GET /data/scenes/all (gazu's GET
    /data/scenes is not served by Zou)
    """
    project_id = to_optional_id(project, "project")
    if project_id is not None:
        return _common.children("project", project_id, "scenes")
    return get("data/scenes/all", then=sorted_by_name)


def all_scenes_for_project(project: Ref) -> Call[list[Scene]]:
    """List the scenes of a project, sorted by name.

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/scenes
    """
    return _common.children("project", project, "scenes")


@cached("scene", "sequence")
def all_scenes_for_sequence(sequence: Ref) -> Call[list[Scene]]:
    """List the scenes of a sequence, sorted by name.

    Args:
        sequence: the sequence (id or dict).

    Calls: GET /data/sequences/{sequence_id}/scenes
    """
    return _common.children("sequence", sequence, "scenes")


def all_scenes_with_tasks(project: Optional[Ref] = None) -> Call[list[dict[str, Any]]]:
    """List scenes with their tasks (each row has a `tasks` list), optionally for one project.

    Zou puts the scene's sequence id in each row's `episode_id` (the string "None" without one).

    Args:
        project: only those of this project (id or dict); None: no filter.

    Calls: GET /data/scenes/with-tasks
    """
    return _common.with_tasks("scene", {"project_id": to_optional_id(project, "project")})


@cached("scene")
def get_scene(scene_id: Ref) -> Call[Scene]:
    """The scene with this id (with its sequence and episode ids and names).

    Args:
        scene_id: the scene's id (a dict or object with an `id` works too).

    Calls: GET /data/scenes/{scene_id}
    """
    return _common.one("scene", scene_id)


@cached("scene")
def get_scene_by_name(sequence: Ref, scene_name: str) -> Call[Optional[Scene]]:
    """The scene of a sequence with this name, or None.

    Args:
        sequence: the sequence (id or dict).
        scene_name: the scene's name.

    Calls: GET /data/scenes/all?parent_id=&name=
    """
    params = {"parent_id": to_id(sequence, "sequence")}
    return _common.by_name("data/scenes/all", params, scene_name, "scene name")


@cached("scene", "sequence")
def get_sequence_from_scene(scene: Ref) -> Flow[Sequence]:
    """The sequence a scene belongs to.

    Args:
        scene: the scene (id or dict).

    Calls: GET /data/sequences/{sequence_id} (and GET /data/scenes/{id} when only an id is given)
    """
    sequence: Sequence = yield from _common.parent(scene, "scene", "sequence")
    return sequence


def update_scene(scene: dict[str, Any]) -> Call[Scene]:
    """Save the fields of a scene dict; its `data` is merged into the stored one.

    Args:
        scene: the scene dict, with its `id` and the fields to save.

    Calls: PUT /data/entities/{scene_id}
    """
    return _common.update(scene, "scene")


def update_scene_data(scene: Ref, data: Optional[dict[str, Any]] = None) -> Call[Scene]:
    """Set keys of a scene's `data`; keys not given keep their value.

    Args:
        scene: the scene (id or dict).
        data: the keys to set in the scene's `data` (the other keys are kept).

    Calls: PUT /data/entities/{scene_id}
    """
    return _common.update_data(scene, data, "scene")


def remove_scene(scene: Ref) -> Call[str]:
    """Delete a scene.

    Args:
        scene: the scene (id or dict).

    Calls: DELETE /data/scenes/{scene_id}
    """
    return _common.remove("scene", scene, False)


# -- shots made from a scene -----------------------------------------------------------------------


@cached("scene", "shot")
def all_shots_for_scene(scene: Ref) -> Call[list[Shot]]:
    """List the shots linked to a scene (those whose `source_id` is the scene).

    Args:
        scene: the scene (id or dict).

    Calls: GET /data/scenes/{scene_id}/shots
    """
    path = f"data/scenes/{to_id(scene, 'scene')}/shots"
    return get(path, then=_as_list)


def _as_list(answer: Any) -> list[Any]:
    return list(answer or [])


def add_shot_to_scene(scene: Ref, shot: Ref) -> Call[Shot]:
    """Mark a shot as made from a scene (sets its `source_id`); returns the shot.

    Linking again is harmless. Zou answers 404 for a missing scene or shot.

    Args:
        scene: the scene (id or dict).
        shot: the shot (id or dict).

    Calls: POST /data/scenes/{scene_id}/shots
    """
    scene_id = to_id(scene, "scene")
    body = {"shot_id": to_id(shot, "shot")}
    return post(f"data/scenes/{scene_id}/shots", body)


def remove_shot_from_scene(scene: Ref, shot: Ref) -> Call[str]:
    """Unlink a shot from a scene (clears its `source_id`); unlinking again is harmless.

    Args:
        scene: the scene (id or dict).
        shot: the shot (id or dict).

    Calls: DELETE /data/scenes/{scene_id}/shots/{shot_id}
    """
    scene_id = to_id(scene, "scene")
    shot_id = to_id(shot, "shot")
    return delete(f"data/scenes/{scene_id}/shots/{shot_id}")


# -- asset and camera instances --------------------------------------------------------------------


def new_scene_asset_instance(
    scene: Ref,
    asset: Ref,
    description: Optional[str] = None,
) -> Call[dict[str, Any]]:
    """Create an instance of an asset in a scene; Zou names it `<asset>_<number>`, numbering on.

    Args:
        scene: the scene (id or dict).
        asset: the asset (id or dict).
        description: free text.

    Calls: POST /data/scenes/{scene_id}/asset-instances
    """
    scene_id = to_id(scene, "scene")
    body: dict[str, Any] = {"asset_id": to_id(asset, "asset")}
    if description is not None:
        body["description"] = description
    path = f"data/scenes/{scene_id}/asset-instances"
    return post(path, body)


@cached("scene", "asset-instance", "asset")
def all_asset_instances_for_scene(scene: Ref) -> Call[dict[str, list[dict[str, Any]]]]:
    """The asset instances of a scene, as Zou returns them: lists keyed by asset id.

    Args:
        scene: the scene (id or dict).

    Calls: GET /data/scenes/{scene_id}/asset-instances
    """
    path = f"data/scenes/{to_id(scene, 'scene')}/asset-instances"
    return get(path, then=as_dict)


@cached("scene")
def all_camera_instances_for_scene(scene: Ref) -> Call[dict[str, list[dict[str, Any]]]]:
    """The camera instances of a scene, as Zou returns them: lists keyed by camera asset id.

    Args:
        scene: the scene (id or dict).

    Calls: GET /data/scenes/{scene_id}/camera-instances
    """
    path = f"data/scenes/{to_id(scene, 'scene')}/camera-instances"
    return get(path, then=as_dict)


@cached("scene", "asset-instance", "asset")
def get_asset_instance_by_name(scene: Ref, name: str) -> Call[Optional[dict[str, Any]]]:
    """The asset instance of a scene with this name, or None.

    Args:
        scene: the scene (id or dict).
        name: the name to look for.

    Calls: GET /data/asset-instances?scene_id=&name=
    """
    params = {"scene_id": to_id(scene, "scene")}
    return _common.by_name("data/asset-instances", params, name, "asset instance name")


def update_asset_instance_name(asset_instance: Ref, name: str) -> Call[dict[str, Any]]:
    """Rename an asset instance.

    Args:
        asset_instance: the asset instance (id or dict).
        name: the new name.

    Calls: PUT /data/asset-instances/{asset_instance_id}
    """
    instance_id = to_id(asset_instance, "asset instance")
    body = {"name": require_name(name, "asset instance name")}
    path = f"data/asset-instances/{instance_id}"
    return put(path, body)


def update_asset_instance_data(asset_instance: Ref, data: dict[str, Any]) -> Call[dict[str, Any]]:
    """Replace the `data` of an asset instance (as gazu does: keys not given are dropped).

    Args:
        asset_instance: the asset instance (id or dict).
        data: the new `data` (replaces the old one entirely).

    Calls: PUT /data/asset-instances/{asset_instance_id}
    """
    instance_id = to_id(asset_instance, "asset instance")
    if not isinstance(data, dict):
        raise InvalidInputError(f"data must be a dict, got {type(data).__name__}")
    path = f"data/asset-instances/{instance_id}"
    return put(path, {"data": data})
