"""gazu.scene: scenes, their shots, asset and camera instances."""

from __future__ import annotations

from cases import read, scenario, write

CASES = [
    read("scene.all_scenes"),
    read("scene.all_scenes", "{project}", label="project"),
    read("scene.all_scenes_for_project", "{project}"),
    read("scene.all_scenes_for_sequence", "{sequences.0}"),
    read("scene.get_scene", "{scene.id}"),
    read("scene.get_scene", "{missing_id}", label="unknown id"),
    read("scene.get_scene_by_name", "{sequences.0}", "SC01"),
    read("scene.get_scene_by_name", "{sequences.1}", "SC01", label="other sequence"),
    read("scene.all_asset_instances_for_scene", "{scene}"),
    read("scene.get_asset_instance_by_name", "{scene}", "{scene_instance.name}"),
    read("scene.all_camera_instances_for_scene", "{scene}"),
    read("scene.all_shots_for_scene", "{scene}"),
    read("scene.get_sequence_from_scene", "{scene}"),
    read("scene.get_sequence_from_scene", "{scene.id}", label="by id"),
    *scenario(
        "scenes",
        write("scene.new_scene", "{sbx.project}", "{sbx.sequences.0}", "SC-{tag}", save="sc"),
        write("scene.update_scene", {"id": "{sc.id}", "description": "changed"}),
        write("scene.add_shot_to_scene", "{sc}", "{sbx.shots.0}"),
        write("scene.all_shots_for_scene", "{sc}", label="after"),
        write("scene.remove_shot_from_scene", "{sc}", "{sbx.shots.0}"),
        write(
            "scene.new_scene_asset_instance",
            "{sc}",
            "{sbx.assets.0}",
            kw={"description": "in scene"},
            save="instance",
        ),
        write("scene.update_asset_instance_name", "{instance}", "renamed"),
        write("scene.update_asset_instance_data", "{instance.id}", {"k": 1}),
        write("shot.add_asset_instance_to_shot", "{sbx.shots.0}", "{instance}"),
        write("shot.all_asset_instances_for_shot", "{sbx.shots.0}", label="after"),
        write("shot.remove_asset_instance_from_shot", "{sbx.shots.0}", "{instance}"),
    ),
]
