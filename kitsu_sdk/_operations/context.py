"""Lists that follow the logged-in person's context or the whole production (gazu.context):
`user_context=True` asks the user routes (what the user has tasks on), False the production
routes (everything the user may see)."""

from __future__ import annotations

from typing import Optional

from .._core.call import Call, Op
from .._core.refs import Ref
from ..types import Asset, AssetType, Episode, Project, Scene, Sequence, Shot, TaskType
from . import asset as _asset
from . import project as _project
from . import scene as _scene
from . import shot as _shot
from . import task_types as _task_types
from . import user as _user

_GAZU_ABSENT: dict[str, str] = {}


def all_open_projects(user_context: bool = False) -> Call[list[Project]]:
    """The open projects, sorted by name: those the user belongs to with `user_context`, else
    every open project the user may see.

    Args:
        user_context: only what the logged-in user has tasks on (Zou's user routes); False: the
            whole production.

    Calls: GET /data/user/projects/open, or GET /data/projects/open
    """
    if user_context:
        return _user.all_open_projects()
    return _project.all_open_projects()


def all_assets_for_project(project: Optional[Ref]) -> Call[list[Asset]]:
    """The assets of a project (of every project when `project` is None), sorted by name
    (there is no user variant).

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/assets (GET /data/assets/all without a project)
    """
    return _asset.all_assets_for_project(project)


def all_asset_types_for_project(project: Ref, user_context: bool = False) -> Call[list[AssetType]]:
    """The asset types used in a project, sorted by name; with `user_context`, only those of
    assets the user has tasks on.

    Args:
        project: the project (id or dict).
        user_context: only what the logged-in user has tasks on (Zou's user routes); False: the
            whole production.

    Calls: GET /data/user/projects/{project_id}/asset-types, or
    GET /data/projects/{project_id}/asset-types
    """
    if user_context:
        return _user.all_asset_types_for_project(project)
    return _asset.all_asset_types_for_project(project)


def all_assets_for_asset_type_and_project(
    project: Ref, asset_type: Ref, user_context: bool = False
) -> Op[list[Asset]]:
    """The assets of one type in a project, sorted by name; with `user_context`, only those the
    user has tasks on.

    Args:
        project: the project (id or dict).
        asset_type: the asset type (id or dict).
        user_context: only what the logged-in user has tasks on (Zou's user routes); False: the
            whole production.

    Calls: GET /data/user/projects/{project_id}/asset-types/{asset_type_id}/assets, or what
    asset.all_assets_for_project_and_type calls
    """
    if user_context:
        return _user.all_assets_for_asset_type_and_project(project, asset_type)
    return _asset.all_assets_for_project_and_type(project, asset_type)


def all_task_types_for_asset(asset: Ref, user_context: bool = False) -> Call[list[TaskType]]:
    """The task types of an asset's tasks, sorted by name; with `user_context`, only those of the
    user's tasks.

    Args:
        asset: the asset (id or dict).
        user_context: only what the logged-in user has tasks on (Zou's user routes); False: the
            whole production.

    Calls: GET /data/user/assets/{asset_id}/task-types, or what task.all_task_types_for_asset
    calls
    """
    if user_context:
        return _user.all_task_types_for_asset(asset)
    return _task_types.all_task_types_for_asset(asset)


def all_task_types_for_shot(shot: Ref, user_context: bool = False) -> Call[list[TaskType]]:
    """The task types of a shot's tasks, sorted by name; with `user_context`, only those of the
    user's tasks.

    Args:
        shot: the shot (id or dict).
        user_context: only what the logged-in user has tasks on (Zou's user routes); False: the
            whole production.

    Calls: GET /data/user/shots/{shot_id}/task-types, or what task.all_task_types_for_shot calls
    """
    if user_context:
        return _user.all_task_types_for_shot(shot)
    return _task_types.all_task_types_for_shot(shot)


def all_task_types_for_scene(scene: Ref, user_context: bool = False) -> Call[list[TaskType]]:
    """The task types of a scene's tasks, sorted by name; with `user_context`, only those of the
    user's tasks.

    Args:
        scene: the scene (id or dict).
        user_context: only what the logged-in user has tasks on (Zou's user routes); False: the
            whole production.

    Calls: GET /data/user/scenes/{scene_id}/task-types, or what task.all_task_types_for_scene
    calls
    """
    if user_context:
        return _user.all_task_types_for_scene(scene)
    return _task_types.all_task_types_for_scene(scene)


def all_task_types_for_sequence(sequence: Ref, user_context: bool = False) -> Call[list[TaskType]]:
    """The task types of the tasks of a sequence's shots and scenes, sorted by name; with
    `user_context`, those of the user's tasks on the sequence itself (Zou's two routes differ).

    Args:
        sequence: the sequence (id or dict).
        user_context: only what the logged-in user has tasks on (Zou's user routes); False: the
            whole production.

    Calls: GET /data/user/sequences/{sequence_id}/task-types, or what
    task.all_task_types_for_sequence calls
    """
    if user_context:
        return _user.all_task_types_for_sequence(sequence)
    return _task_types.all_task_types_for_sequence(sequence)


def all_sequences_for_project(project: Ref, user_context: bool = False) -> Call[list[Sequence]]:
    """The sequences of a project, sorted by name; with `user_context`, only those where the user
    has tasks.

    Args:
        project: the project (id or dict).
        user_context: only what the logged-in user has tasks on (Zou's user routes); False: the
            whole production.

    Calls: GET /data/user/projects/{project_id}/sequences, or
    GET /data/projects/{project_id}/sequences
    """
    if user_context:
        return _user.all_sequences_for_project(project)
    return _shot.all_sequences_for_project(project)


def all_scenes_for_project(project: Optional[Ref]) -> Call[list[Scene]]:
    """The scenes of a project (of every project when `project` is None), sorted by name
    (there is no user variant).

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/scenes (GET /data/scenes/all without a project)
    """
    return _scene.all_scenes(project)


def all_shots_for_sequence(sequence: Ref, user_context: bool = False) -> Call[list[Shot]]:
    """The shots of a sequence, sorted by name; with `user_context`, only those the user has
    tasks on.

    Args:
        sequence: the sequence (id or dict).
        user_context: only what the logged-in user has tasks on (Zou's user routes); False: the
            whole production.

    Calls: GET /data/user/sequences/{sequence_id}/shots, or
    GET /data/sequences/{sequence_id}/shots
    """
    if user_context:
        return _user.all_shots_for_sequence(sequence)
    return _shot.all_shots_for_sequence(sequence)


def all_scenes_for_sequence(sequence: Ref, user_context: bool = False) -> Call[list[Scene]]:
    """The scenes of a sequence, sorted by name; with `user_context`, only those the user has
    tasks on.

    Args:
        sequence: the sequence (id or dict).
        user_context: only what the logged-in user has tasks on (Zou's user routes); False: the
            whole production.

    Calls: GET /data/user/sequences/{sequence_id}/scenes, or
    GET /data/sequences/{sequence_id}/scenes
    """
    if user_context:
        return _user.all_scenes_for_sequence(sequence)
    return _scene.all_scenes_for_sequence(sequence)


def all_sequences_for_episode(episode: Ref) -> Call[list[Sequence]]:
    """The sequences of an episode, sorted by name (there is no user variant).

    Args:
        episode: the episode (id or dict).

    Calls: GET /data/episodes/{episode_id}/sequences
    """
    return _shot.all_sequences_for_episode(episode)


def all_episodes_for_project(project: Ref, user_context: bool = False) -> Call[list[Episode]]:
    """The episodes of a project, sorted by name; with `user_context`, only those where the user
    has tasks.

    Args:
        project: the project (id or dict).
        user_context: only what the logged-in user has tasks on (Zou's user routes); False: the
            whole production.

    Calls: GET /data/user/projects/{project_id}/episodes, or
    GET /data/projects/{project_id}/episodes
    """
    if user_context:
        return _user.all_episodes_for_project(project)
    return _shot.all_episodes_for_project(project)
