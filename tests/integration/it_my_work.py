"""Work for the logged-in admin in a throwaway project, for the user and context integration
tests (`from it_my_work import my_work, undo_my_work`): "my tasks" lists are empty otherwise.

In a TV-show project: an episode, a sequence with two shots (the admin is assigned on the first
only), an asset and a scene, each with a task assigned to the admin, and a task on the sequence
itself. Scenes and sequences have no task type in a fresh Kitsu: two are made for the module and
removed by `undo_my_work`."""

from __future__ import annotations

from typing import Any

from it_helpers import unique

from kitsu_sdk import KitsuClient, asset, project, scene, shot, task

Row = dict[str, Any]


def _task_type(client: KitsuClient, name: str, for_entity: str) -> Row:
    found = task.get_task_type_by_name(name, for_entity, client=client)
    assert found is not None, f"no {for_entity} task type {name!r} in this Kitsu"
    return dict(found)


def my_work(client: KitsuClient, production: Row) -> dict[str, Any]:
    """Entities of `production` with tasks assigned to the logged-in user (see the module)."""
    me = client.logged_in_user
    assert me is not None, "the integration client is logged in as a person"
    project.add_person_to_team(production, me, client=client)
    episode = shot.new_episode(production, unique("E"), client=client)
    sequence = shot.new_sequence(production, unique("SQ"), episode, client=client)
    shot1 = shot.new_shot(production, sequence, "SH010", client=client)
    shot2 = shot.new_shot(production, sequence, "SH020", client=client)
    character = asset.get_asset_type_by_name("Character", client=client)
    assert character is not None
    hero = asset.new_asset(production, character, unique("hero"), episode=episode, client=client)
    prop = asset.new_asset(production, "Prop", unique("prop"), episode=episode, client=client)
    layout_scene = scene.new_scene(production, sequence, unique("SC"), client=client)
    animation = _task_type(client, "Animation", "Shot")
    modeling = _task_type(client, "Modeling", "Asset")
    scene_type = dict(task.new_task_type(unique("it-scene-tt"), for_entity="Scene", client=client))
    sequence_type = dict(
        task.new_task_type(unique("it-seq-tt"), for_entity="Sequence", client=client)
    )
    mine: list[Any] = [me]
    tasks = {
        "shot": task.new_task(shot1, animation, assignees=mine, client=client),
        "shot2": task.new_task(shot2, animation, client=client),  # not mine
        "asset": task.new_task(hero, modeling, assignees=mine, client=client),
        "prop": task.new_task(prop, modeling, client=client),  # not mine
        "scene": task.new_task(layout_scene, scene_type, assignees=mine, client=client),
        "sequence": task.new_task(sequence, sequence_type, assignees=mine, client=client),
    }
    return {
        "me": me, "project": production, "episode": episode, "sequence": sequence,
        "shot": shot1, "shot2": shot2, "asset": hero, "prop": prop, "asset_type": character,
        "scene": layout_scene, "animation": animation, "modeling": modeling,
        "scene_type": scene_type, "sequence_type": sequence_type, "tasks": tasks,
    }  # fmt: skip


def undo_my_work(client: KitsuClient, work: dict[str, Any]) -> None:
    """Remove the two task types `my_work` made (and their tasks, which Zou requires first)."""
    task.remove_task(work["tasks"]["scene"], client=client)
    task.remove_task(work["tasks"]["sequence"], client=client)
    task.remove_task_type(work["scene_type"], force=True, client=client)
    task.remove_task_type(work["sequence_type"], force=True, client=client)
