"""kitsu_sdk.project_template against the real Zou: templates made, read, updated and removed,
their links (task types, task statuses, asset types, status automations, preview backgrounds),
metadata columns, and templates made from a project and applied to one.

The shared rows a template links to (a status automation, a preview background file) are made for
this module and removed at its end, after the templates and the project links that use them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from it_helpers import unique

from kitsu_sdk import KitsuClient, project_template
from kitsu_sdk.exception import BadRequestError, InvalidInputError, NotFoundError

Row = dict[str, Any]
MISSING = "00000000-0000-4000-8000-000000000000"
TEMPLATE_KEYS = {
    "id", "type", "name", "description", "fps", "ratio", "resolution", "production_type",
    "production_style", "metadata_descriptors", "default_preview_background_file_id",
    "file_tree", "data", "created_at", "updated_at",
}  # fmt: skip
LINK_LISTS = {
    "task_types", "task_statuses", "asset_types", "status_automations",
    "preview_background_files",
}  # fmt: skip


def ids(rows: Any) -> list[str]:
    return [row["id"] for row in rows]


@pytest.fixture(scope="module")
def made(client: KitsuClient, project: Row) -> Iterator[dict[str, Any]]:
    """Studio rows to link (a task type, a task status, an asset type, a new status automation,
    a new preview background file) and the templates the tests make (removed at the end)."""
    task_type = client.get("data/task-types", params={"name": "Modeling"})[0]
    task_status = client.get("data/task-status", params={"short_name": "wip"})[0]
    asset_type = client.get("data/asset-types", params={"name": "Prop"})[0]
    automation = client.post(
        "data/status-automations",
        {
            "entity_type": "asset",
            "in_task_type_id": task_type["id"],
            "in_task_status_id": task_status["id"],
            "out_field_type": "status",
            "out_task_type_id": task_type["id"],
            "out_task_status_id": task_status["id"],
        },
    )
    background = client.post(
        "data/preview-background-files", {"name": unique("it-hdri"), "extension": "hdr"}
    )
    rows: dict[str, Any] = {
        "task_type": task_type, "task_status": task_status, "asset_type": asset_type,
        "automation": automation, "background": background, "templates": [],
    }  # fmt: skip
    yield rows
    for template in rows["templates"]:
        try:
            project_template.remove_project_template(template, client=client)
        except NotFoundError:
            pass
    pid = project["id"]
    client.delete(f"data/projects/{pid}/settings/status-automations/{automation['id']}")
    client.delete(f"data/projects/{pid}/settings/preview-background-files/{background['id']}")
    client.delete(f"data/status-automations/{automation['id']}")
    client.delete(f"data/preview-background-files/{background['id']}")


def new_template(client: KitsuClient, made: dict[str, Any], **settings: Any) -> Row:
    template = project_template.new_project_template(unique("it-tpl"), client=client, **settings)
    made["templates"].append(template)
    return template


def test_template_lifecycle(client: KitsuClient, made: dict[str, Any]) -> None:
    name = unique("it-tpl")
    created = project_template.new_project_template(
        name, "films", "24", "2.39", "4096x1716", "featurefilm", "3d", client=client
    )
    made["templates"].append(created)
    assert TEMPLATE_KEYS <= set(created)
    assert created["type"] == "ProjectTemplate"
    assert (created["name"], created["description"], created["fps"]) == (name, "films", "24")
    assert (created["ratio"], created["resolution"]) == ("2.39", "4096x1716")
    assert (created["production_type"], created["production_style"]) == ("featurefilm", "3d")
    assert created["metadata_descriptors"] == []

    plain = new_template(client, made)  # Zou's defaults for what is not given
    assert (plain["fps"], plain["production_type"], plain["production_style"]) == (
        "25", "short", "2d3d",
    )  # fmt: skip
    assert plain["description"] is None

    listed = project_template.all_project_templates(client=client)
    assert {created["id"], plain["id"]} <= set(ids(listed))
    names = [str(row["name"]).casefold() for row in listed]
    assert names == sorted(names)

    full = project_template.get_project_template(created["id"], client=client)
    assert TEMPLATE_KEYS | LINK_LISTS <= set(full)
    assert all(full[key] == [] for key in LINK_LISTS)
    assert project_template.get_project_template(created, client=client)["name"] == name

    found = project_template.get_project_template_by_name(name, client=client)
    assert found is not None and found["id"] == created["id"]
    found = project_template.get_project_template_by_name(name.upper(), client=client)
    assert found is not None and found["id"] == created["id"]
    assert project_template.get_project_template_by_name(unique("none"), client=client) is None

    full["description"] = "features"
    updated = project_template.update_project_template(full, client=client)
    assert (updated["id"], updated["description"]) == (created["id"], "features")
    assert full["task_types"] == []  # the dict given is untouched

    with pytest.raises(BadRequestError, match="already exists"):
        project_template.new_project_template(name, client=client)
    with pytest.raises(InvalidInputError):
        project_template.new_project_template(
            unique("it-tpl"), production_style="oil", client=client
        )

    assert project_template.remove_project_template(created, client=client) == ""
    with pytest.raises(NotFoundError):
        project_template.get_project_template(created["id"], client=client)
    with pytest.raises(NotFoundError):
        project_template.remove_project_template(created["id"], client=client)


def test_task_type_and_task_status_links(client: KitsuClient, made: dict[str, Any]) -> None:
    template = new_template(client, made)
    task_type, task_status = made["task_type"], made["task_status"]

    link = project_template.add_task_type_to_project_template(template, task_type, 3, client=client)
    assert (link["project_template_id"], link["task_type_id"], link["priority"]) == (
        template["id"], task_type["id"], 3,
    )  # fmt: skip
    assert link["type"] == "ProjectTemplateTaskTypeLink"
    rows = project_template.all_task_types_for_project_template(template, client=client)
    assert ids(rows) == [task_type["id"]]
    assert (rows[0]["name"], rows[0]["priority"], rows[0]["type"]) == (
        task_type["name"], 3, "TaskType",
    )  # fmt: skip
    assert {"is_client_visible", "hd_bitrate_compression", "for_entity"} <= set(rows[0])
    again = project_template.add_task_type_to_project_template(
        template["id"], task_type["id"], client=client
    )
    assert again["id"] == link["id"] and again["priority"] == 3  # no priority: kept

    status_link = project_template.add_task_status_to_project_template(
        template, task_status, 2, ["admin", "supervisor"], client=client
    )
    assert (status_link["task_status_id"], status_link["priority"]) == (task_status["id"], 2)
    assert status_link["roles_for_board"] == ["admin", "supervisor"]
    statuses = project_template.all_task_statuses_for_project_template(template, client=client)
    assert ids(statuses) == [task_status["id"]]
    assert statuses[0]["roles_for_board"] == ["admin", "supervisor"]
    assert statuses[0]["link_is_client_allowed"] is None
    assert statuses[0]["short_name"] == "wip"
    with pytest.raises(InvalidInputError):
        project_template.add_task_status_to_project_template(
            template, task_status, roles_for_board=["boss"], client=client
        )

    for _twice in range(2):  # harmless when no longer linked
        assert (
            project_template.remove_task_type_from_project_template(
                template, task_type, client=client
            )
            == ""
        )
    project_template.remove_task_status_from_project_template(
        template["id"], task_status["id"], client=client
    )
    assert project_template.all_task_types_for_project_template(template, client=client) == []
    assert project_template.all_task_statuses_for_project_template(template, client=client) == []
    with pytest.raises(NotFoundError):
        project_template.all_task_types_for_project_template(MISSING, client=client)
    with pytest.raises(BadRequestError, match="does not exist"):
        project_template.add_task_type_to_project_template(template, MISSING, client=client)


def test_asset_type_automation_and_background_links(
    client: KitsuClient, made: dict[str, Any]
) -> None:
    template = new_template(client, made)
    asset_type, automation, background = made["asset_type"], made["automation"], made["background"]

    added = project_template.add_asset_type_to_project_template(template, asset_type, client=client)
    assert added == {"id": asset_type["id"], "name": "Prop"}
    assert project_template.all_asset_types_for_project_template(template, client=client) == [added]

    linked = project_template.add_status_automation_to_project_template(
        template, automation["id"], client=client
    )
    assert (linked["id"], linked["type"]) == (automation["id"], "StatusAutomation")
    automations = project_template.all_status_automations_for_project_template(
        template, client=client
    )
    assert ids(automations) == [automation["id"]]
    assert automations[0]["in_task_status_id"] == automation["in_task_status_id"]

    attached = project_template.add_preview_background_file_to_project_template(
        template, background, client=client
    )
    assert attached == {"id": background["id"], "name": background["name"], "is_default": False}
    backgrounds = project_template.all_preview_background_files_for_project_template(
        template["id"], client=client
    )
    assert backgrounds == [attached]

    with_default = project_template.set_project_template_default_preview_background_file(
        template, background, client=client
    )
    assert with_default["default_preview_background_file_id"] == background["id"]
    cleared = project_template.set_project_template_default_preview_background_file(
        template, None, client=client
    )
    assert cleared["default_preview_background_file_id"] is None
    other = new_template(client, made)
    with pytest.raises(BadRequestError, match="not linked"):
        project_template.set_project_template_default_preview_background_file(
            other, background, client=client
        )

    # A stale template dict (read before the background was linked) keeps the link: the link
    # lists are not sent back, as Zou would reset the background links from them.
    stale = project_template.get_project_template(other, client=client)
    project_template.add_preview_background_file_to_project_template(
        other, background, client=client
    )
    stale["description"] = "renamed"
    project_template.update_project_template(stale, client=client)
    assert ids(
        project_template.all_preview_background_files_for_project_template(other, client=client)
    ) == [background["id"]]
    assert project_template.get_project_template(other, client=client)[
        "preview_background_files"
    ] == [background["id"]]

    project_template.set_project_template_default_preview_background_file(
        template, background, client=client
    )
    project_template.remove_preview_background_file_from_project_template(
        template, background, client=client
    )
    after = project_template.get_project_template(template, client=client)
    assert after["default_preview_background_file_id"] is None  # no longer linked
    project_template.remove_asset_type_from_project_template(template, asset_type, client=client)
    project_template.remove_status_automation_from_project_template(
        template, automation, client=client
    )
    for listing in (
        project_template.all_asset_types_for_project_template,
        project_template.all_status_automations_for_project_template,
        project_template.all_preview_background_files_for_project_template,
    ):
        assert listing(template, client=client) == []


def test_metadata_descriptors_snapshot(client: KitsuClient, made: dict[str, Any]) -> None:
    template = new_template(client, made)
    updated = project_template.set_project_template_metadata_descriptors(
        template,
        [
            {"name": "Difficulty Level", "entity_type": "Asset", "data_type": "list",
             "choices": ["easy", "hard"]},
            {"name": "Notes", "entity_type": "Shot", "data_type": "string", "for_client": True},
        ],
        client=client,
    )  # fmt: skip
    snapshot = updated["metadata_descriptors"]
    assert [(d["name"], d["field_name"]) for d in snapshot] == [
        ("Difficulty Level", "difficulty_level"), ("Notes", "notes"),
    ]  # fmt: skip
    assert snapshot[0]["choices"] == ["easy", "hard"] and snapshot[1]["for_client"] is True
    assert (
        project_template.get_project_template(template, client=client)["metadata_descriptors"]
        == snapshot
    )
    emptied = project_template.set_project_template_metadata_descriptors(
        template, [], client=client
    )
    assert emptied["metadata_descriptors"] == []


def test_apply_to_a_project_then_snapshot_it(
    client: KitsuClient, project: Row, made: dict[str, Any]
) -> None:
    template = new_template(client, made, fps="24", production_type="tvshow")
    for add, ref in (
        (project_template.add_task_type_to_project_template, made["task_type"]),
        (project_template.add_task_status_to_project_template, made["task_status"]),
        (project_template.add_asset_type_to_project_template, made["asset_type"]),
        (project_template.add_status_automation_to_project_template, made["automation"]),
        (project_template.add_preview_background_file_to_project_template, made["background"]),
    ):
        add(template, ref, client=client)
    project_template.set_project_template_metadata_descriptors(
        template, [{"name": "Budget Code", "entity_type": "Shot", "data_type": "string"}],
        client=client,
    )  # fmt: skip

    applied = project_template.apply_project_template(project, template, client=client)
    assert (applied["id"], applied["type"], applied["fps"]) == (project["id"], "Project", "24")
    assert applied["production_type"] == "tvshow"
    assert "task_types" not in applied  # Zou answers the project without its links: read them
    settings = client.get(f"data/projects/{project['id']}")
    assert made["task_type"]["id"] in settings["task_types"]
    assert made["task_status"]["id"] in settings["task_statuses"]
    assert made["asset_type"]["id"] in settings["asset_types"]
    assert made["automation"]["id"] in settings["status_automations"]
    assert made["background"]["id"] in settings["preview_background_files"]
    columns = client.get(f"data/projects/{project['id']}/metadata-descriptors")
    assert "budget_code" in {column["field_name"] for column in columns}
    # Applying again adds nothing twice.
    again = project_template.apply_project_template(project["id"], template["id"], client=client)
    assert again["id"] == project["id"]
    settings = client.get(f"data/projects/{project['id']}")
    assert settings["task_types"].count(made["task_type"]["id"]) == 1
    with pytest.raises(NotFoundError):
        project_template.apply_project_template(MISSING, template, client=client)

    name = unique("it-from")
    snapshot = project_template.new_project_template_from_project(
        project, name, "from the project", client=client
    )
    made["templates"].append(snapshot)
    assert TEMPLATE_KEYS <= set(snapshot)
    assert (snapshot["name"], snapshot["description"], snapshot["fps"]) == (
        name, "from the project", "24",
    )  # fmt: skip
    assert "budget_code" in {d["field_name"] for d in snapshot["metadata_descriptors"]}
    assert made["task_type"]["id"] in ids(
        project_template.all_task_types_for_project_template(snapshot, client=client)
    )
    assert made["asset_type"]["id"] in ids(
        project_template.all_asset_types_for_project_template(snapshot, client=client)
    )
    assert made["background"]["id"] in ids(  # copied too (Zou's docstring says otherwise)
        project_template.all_preview_background_files_for_project_template(snapshot, client=client)
    )
    assert made["automation"]["id"] in ids(
        project_template.all_status_automations_for_project_template(snapshot, client=client)
    )
    with pytest.raises(NotFoundError):
        project_template.new_project_template_from_project(MISSING, unique("x"), client=client)
    with pytest.raises(BadRequestError, match="already exists"):
        project_template.new_project_template_from_project(project, name, client=client)
