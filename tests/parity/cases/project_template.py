"""gazu.project_template: project templates and what they carry."""

from __future__ import annotations

from cases import read, scenario, write

PT = "{template}"

CASES = [
    read("project_template.all_project_templates"),
    read("project_template.get_project_template", "{project_template.id}"),
    read("project_template.get_project_template", "{missing_id}", label="unknown id"),
    read("project_template.get_project_template_by_name", "{project_template.name}"),
    read("project_template.get_project_template_by_name", "nope", label="no such name"),
    read("project_template.all_task_types_for_project_template", "{project_template}"),
    read("project_template.all_task_statuses_for_project_template", "{project_template}"),
    read("project_template.all_asset_types_for_project_template", "{project_template}"),
    read("project_template.all_status_automations_for_project_template", "{project_template}"),
    read(
        "project_template.all_preview_background_files_for_project_template",
        "{project_template}",
    ),
    *scenario(
        "project templates",
        write(
            "project_template.new_project_template",
            "PT-{tag}",
            kw={
                "description": "d",
                "fps": "25",
                "ratio": "16:9",
                "resolution": "1920x1080",
                "production_type": "tvshow",
                "production_style": "2d",
            },
            save="template",
        ),
        write("project_template.update_project_template", {"id": "{template.id}", "fps": "24"}),
        write("project_template.add_task_type_to_project_template", PT, "{task_types.layout}"),
        write(
            "project_template.add_task_type_to_project_template",
            PT,
            "{task_types.animation}",
            kw={"priority": 2},
            label="priority",
        ),
        write("project_template.add_task_status_to_project_template", PT, "{statuses.wip}"),
        write(
            "project_template.add_task_status_to_project_template",
            PT,
            "{statuses.done}",
            kw={"priority": 3, "roles_for_board": ["admin", "manager"]},
            label="all arguments",
        ),
        write("project_template.add_asset_type_to_project_template", PT, "{asset_types.prop}"),
        write(
            "project_template.add_status_automation_to_project_template",
            PT,
            "{status_automation}",
        ),
        write(
            "project_template.add_preview_background_file_to_project_template",
            PT,
            "{background}",
        ),
        write(
            "project_template.set_project_template_default_preview_background_file",
            PT,
            "{background}",
        ),
        write(
            "project_template.set_project_template_default_preview_background_file",
            PT,
            None,
            label="none",
        ),
        write(
            "project_template.set_project_template_metadata_descriptors",
            PT,
            [{"name": "Tag", "entity_type": "Asset", "data_type": "string", "choices": []}],
        ),
        write("project_template.all_task_types_for_project_template", PT, label="after"),
        write("project_template.all_task_statuses_for_project_template", PT, label="after"),
        write("project_template.all_asset_types_for_project_template", PT, label="after"),
        write("project_template.all_status_automations_for_project_template", PT, label="after"),
        write(
            "project_template.all_preview_background_files_for_project_template",
            PT,
            label="after",
        ),
        write("project_template.apply_project_template", "{sbx.project}", PT),
        write("project_template.remove_task_type_from_project_template", PT, "{task_types.layout}"),
        write("project_template.remove_task_status_from_project_template", PT, "{statuses.wip}"),
        write("project_template.remove_asset_type_from_project_template", PT, "{asset_types.prop}"),
        write(
            "project_template.remove_status_automation_from_project_template",
            PT,
            "{status_automation}",
        ),
        write(
            "project_template.remove_preview_background_file_from_project_template",
            PT,
            "{background}",
        ),
        write(
            "project_template.new_project_template_from_project",
            "{sbx.project}",
            "PTP-{tag}",
            kw={"description": "from project"},
            save="from_project",
        ),
        write("project_template.remove_project_template", "{from_project}"),
        write("project_template.remove_project_template", PT),
        write("project_template.remove_project_template", "{missing_id}", label="unknown id"),
    ),
]
