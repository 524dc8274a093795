"""gazu.sync: events, id maps, the pure diff helpers, imports and pushes (a sandbox pushed onto
itself, so nothing of the shared production moves)."""

from __future__ import annotations

from cases import read, scenario, write

A = [{"id": "1", "name": "Hero", "updated_at": "2024-01-02"}, {"id": "2", "name": "Sword"}]
B = [{"id": "9", "name": "hero", "updated_at": "2024-01-01"}, {"id": "3", "name": "Lamp"}]
LINKS_A = [{"entity_in_id": "a", "entity_out_id": "b"}, {"entity_in_id": "a", "entity_out_id": "c"}]
LINKS_B = [{"entity_in_id": "a", "entity_out_id": "b"}, {"entity_in_id": "d", "entity_out_id": "c"}]
C = "{client}"
SBX = "{sbx.project}"
#: gazu's get_sync_person_id_map fails on a studio with a person without e-mail (bots).
PERSON_MAP = {"{admin.id}": "{admin.id}", "{person.id}": "{person.id}"}

CASES = [
    read("sync.get_last_events", kw={"limit": 5, "project": "{project}"}),
    read(
        "sync.get_last_events",
        kw={"limit": 3, "after": "2024-01-01", "before": "2099-01-01T00:00:00", "name": "shot:new"},
        label="filtered",
    ),
    read("sync.get_last_events", kw={"limit": 3, "only_files": True}, label="files"),
    read("sync.get_last_events", kw={"after": "soon"}, label="bad date"),
    read("sync.get_model_list_diff", A, B),
    read("sync.get_model_list_diff", A, B, "name", label="id field"),
    read("sync.get_link_list_diff", LINKS_A, LINKS_B),
    read("sync.get_id_map_by_name", A, B),
    read("sync.get_id_map_by_id", A, B),
    read("sync.get_id_map_by_id", A, B, "id", label="field"),
    read("sync.is_changed", A[0], B[0]),
    read("sync.convert_id_list", ["1", "2"], {"1": "a", "2": "b"}),
    read("sync.convert_id_list", ["3"], {"1": "a"}, label="unknown id"),
    read("sync.get_sync_department_id_map", C, C),
    read("sync.get_sync_asset_type_id_map", C, C),
    read("sync.get_sync_project_id_map", C, C),
    read("sync.get_sync_task_type_id_map", C, C),
    read("sync.get_sync_task_status_id_map", C, C),
    read("sync.get_sync_person_id_map", C, C),
    *scenario(
        "sync",
        write("shot.all_shots_for_project", SBX, save="sbx_shots", label="for sync"),
        write("sync.import_entities", "{sbx_shots}"),
        write("task.all_tasks_for_project", SBX, label="for sync", unordered=True),
        write("sync.import_tasks", ["{sbx.task}"]),
        write(
            "casting.all_entity_links_for_project",
            SBX,
            save="links",
            label="for sync",
            unordered=True,
        ),
        write("sync.import_entity_links", "{links}"),
        write("sync.push_assets", SBX, SBX, C, C),
        write("sync.push_episodes", SBX, SBX, C, C),
        write("sync.push_sequences", SBX, SBX, C, C),
        write("sync.push_shots", SBX, SBX, C, C),
        write("sync.push_entity_links", SBX, SBX, C, C),
        write("sync.push_project_entities", SBX, SBX, C, C),
        write("sync.push_tasks", SBX, SBX, "{statuses.todo}", C, C),
        write("sync.get_sync_task_status_id_map", C, C, save="status_map", label="for sync"),
        write("task.all_comments_for_task", "{sbx.task}", save="comments", label="for sync"),
        write(
            "sync.push_task_comment",
            "{status_map}",
            PERSON_MAP,
            "{sbx.task}",
            "{comments.0}",
            C,
            C,
            kw={"tmp_path": "{tmp}"},
        ),
        write("sync.push_task_comments", "{status_map}", PERSON_MAP, "{sbx.task}", C, C),
        write("sync.push_tasks_comments", SBX, C, C),
    ),
]
