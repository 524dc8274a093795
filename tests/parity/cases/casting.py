"""gazu.casting: what is cast where, entity links."""

from __future__ import annotations

from cases import read, scenario, write

CASES = [
    read("casting.all_entity_links_for_project", "{project}"),
    read("casting.all_entity_links_for_project", "{project}", kw={"page": 1}, label="page"),
    read(
        "casting.all_entity_links_for_project",
        "{project.id}",
        kw={"page": 1, "limit": 1},
        label="page and limit",
    ),
    read("casting.get_asset_cast_in", "{assets.0}"),
    read("casting.get_asset_casting", "{assets.0}"),
    read("casting.get_asset_type_casting", "{project}", "{asset_types.character}"),
    read("casting.get_episode_casting", "{episodes.0}"),
    read("casting.get_episode_shots_casting", "{project}", "{episodes.0}"),
    read("casting.get_episodes_casting", "{project}"),
    read("casting.get_project_shots_casting", "{project}"),
    read("casting.get_sequence_casting", "{sequences.0}"),
    read("casting.get_sequence_shots_casting", "{project}", "{sequences.0.id}"),
    read("casting.get_shot_casting", "{shots.0}"),
    read("casting.get_shot_casting", "{shots.1}", label="nothing cast"),
    *scenario(
        "casting",
        write(
            "casting.update_shot_casting",
            "{sbx.project}",
            "{sbx.shots.0}",
            [{"asset_id": "{sbx.assets.0.id}", "nb_occurences": 3}],
        ),
        write(
            "casting.update_asset_casting",
            "{sbx.project}",
            "{sbx.assets.0}",
            [{"asset_id": "{sbx.assets.1.id}", "nb_occurences": 1}],
        ),
        write(
            "casting.update_episode_casting",
            "{sbx.project}",
            "{sbx.episodes.0.id}",
            [{"asset_id": "{sbx.assets.0.id}", "nb_occurences": 1}],
        ),
        write(
            "casting.cast_asset",
            "{sbx.project}",
            ["{sbx.shots.1}", "{sbx.shots.2.id}"],
            "{sbx.assets.1}",
            kw={"nb_occurences": 2, "label": "fixed"},
        ),
        write(
            "casting.cast_asset", "{sbx.project}", "{sbx.shots.0}", "{sbx.assets.1}", label="one"
        ),
        write("casting.uncast_asset", "{sbx.project}", "{sbx.shots.1}", "{sbx.assets.1}"),
        write("casting.get_shot_casting", "{sbx.shots.0}", label="after"),
        write("casting.get_asset_cast_in", "{sbx.assets.1}", label="after"),
        write(
            "casting.all_entity_links_for_project",
            "{sbx.project}",
            save="links",
            label="after",
            unordered=True,
        ),
        write("casting.delete_entity_link", "{links.0}"),
        write("casting.delete_entity_link", "{links.1.id}", label="by id"),
        write(
            "casting.all_entity_links_for_project",
            "{sbx.project}",
            label="after delete",
            unordered=True,
        ),
    ),
]
