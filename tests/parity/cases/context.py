"""gazu.context: the same lists, from the whole studio or from what the user is assigned to."""

from __future__ import annotations

from cases import read

USER = {"user_context": True}

CASES = [
    read("context.all_open_projects"),
    read("context.all_open_projects", kw=USER, label="user"),
    read("context.all_assets_for_project", "{project}"),
    read("context.all_asset_types_for_project", "{project}"),
    read("context.all_asset_types_for_project", "{project}", kw=USER, label="user"),
    read("context.all_assets_for_asset_type_and_project", "{project}", "{asset_types.character}"),
    read(
        "context.all_assets_for_asset_type_and_project",
        "{project}",
        "{asset_types.character}",
        kw=USER,
        label="user",
    ),
    read("context.all_task_types_for_asset", "{assets.0}"),
    read("context.all_task_types_for_asset", "{assets.0}", kw=USER, label="user"),
    read("context.all_task_types_for_shot", "{shots.0}"),
    read("context.all_task_types_for_shot", "{shots.0}", kw=USER, label="user"),
    read("context.all_task_types_for_scene", "{scene}"),
    read("context.all_task_types_for_scene", "{scene}", kw=USER, label="user"),
    read("context.all_task_types_for_sequence", "{sequences.0}"),
    read("context.all_task_types_for_sequence", "{sequences.0}", kw=USER, label="user"),
    read("context.all_sequences_for_project", "{project}"),
    read("context.all_sequences_for_project", "{project}", kw=USER, label="user"),
    read("context.all_scenes_for_project", "{project}"),
    read("context.all_shots_for_sequence", "{sequences.0}"),
    read("context.all_shots_for_sequence", "{sequences.0}", kw=USER, label="user"),
    read("context.all_scenes_for_sequence", "{sequences.0}"),
    read("context.all_scenes_for_sequence", "{sequences.0}", kw=USER, label="user"),
    read("context.all_sequences_for_episode", "{episodes.0}"),
    read("context.all_episodes_for_project", "{project}"),
    read("context.all_episodes_for_project", "{project}", kw=USER, label="user"),
]
