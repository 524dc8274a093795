"""kitsu_sdk.edit against the real Zou: edits with and without episode, lookups, previews,
updates, removal and web pages.

Setup data (episodes, tasks, previews) is made with raw client calls."""

from __future__ import annotations

import pathlib
from typing import Any

import pytest
from it_helpers import unique
from it_media import add_preview, write_png

from kitsu_sdk import KitsuClient, edit
from kitsu_sdk.exception import NotFoundError

Row = dict[str, Any]

# The keys of gazu's results for the same routes.
CREATED_KEYS = {"id", "name", "description", "data", "project_id", "parent_id", "entity_type_id",
                "canceled", "status", "created_by", "type"}  # fmt: skip
FULL_KEYS = {"id", "name", "description", "data", "project_id", "project_name", "episode_id",
             "episode_name", "parent_id", "entity_type_id", "canceled", "tasks",
             "type"}  # fmt: skip


@pytest.fixture(scope="module")
def episode(client: KitsuClient, project: Row) -> Row:
    return dict(client.post(f"data/projects/{project['id']}/episodes", {"name": unique("E")}))


def _edit_task(client: KitsuClient, project: Row, made: Row) -> Row:
    task_type = client.get("data/task-types", params={"for_entity": "Edit"})[0]
    path = f"actions/projects/{project['id']}/task-types/{task_type['id']}/edits/create-tasks"
    return dict(client.post(path, [made["id"]])[0])


def test_new_edit_in_an_episode_or_not(client: KitsuClient, project: Row, episode: Row) -> None:
    name = unique("cut")
    made = edit.new_edit(project, name, "the cut", {"k": 1}, episode, client=client)
    assert CREATED_KEYS <= set(made)
    assert (made["type"], made["parent_id"]) == ("Edit", episode["id"])
    assert (made["description"], made["data"]) == ("the cut", {"k": 1})
    # An existing edit comes back unchanged, as gazu's lookup row (with project_name).
    again = edit.new_edit(project["id"], name, "ignored", episode=episode["id"], client=client)
    assert (again["id"], again["description"]) == (made["id"], "the cut")
    assert again["project_name"] == project["name"]
    # As gazu, the lookup is project-wide: the edit of this name in another episode (or when
    # none is given) is returned, not a new one made.
    other = client.post(f"data/projects/{project['id']}/episodes", {"name": unique("E")})
    elsewhere = edit.new_edit(project, name, episode=other, client=client)
    assert (elsewhere["id"], elsewhere["parent_id"]) == (made["id"], episode["id"])
    assert edit.new_edit(project, name.upper(), client=client)["id"] == made["id"]
    same_name = [
        row for row in edit.all_edits_for_project(project, client=client) if row["name"] == name
    ]
    assert [row["id"] for row in same_name] == [made["id"]]

    loose = edit.new_edit(project, unique("teaser"), client=client)
    assert loose["parent_id"] is None and loose["data"] == {}

    full = edit.get_edit(made, client=client)
    assert FULL_KEYS <= set(full)
    assert (full["episode_id"], full["episode_name"]) == (episode["id"], episode["name"])
    assert full["project_name"] == project["name"] and full["tasks"] == []
    assert edit.get_edit(loose["id"], client=client)["episode_id"] is None

    found = edit.get_edit_by_name(project, name.upper(), client=client)
    assert found is not None and found["id"] == made["id"]
    assert "project_name" in found
    assert edit.get_edit_by_name(project, unique("none"), client=client) is None

    listed = edit.all_edits_for_project(project, client=client)
    assert {made["id"], loose["id"]} <= {row["id"] for row in listed}
    names = [row["name"] for row in listed]
    assert names == sorted(names, key=str.casefold)


def test_edit_urls(client: KitsuClient, project: Row, episode: Row) -> None:
    in_episode = edit.new_edit(project, unique("cut"), episode=episode, client=client)
    loose = edit.new_edit(project, unique("cut"), client=client)
    url = edit.get_edit_url(in_episode, client=client)
    assert url.startswith("http") and "/api/" not in url
    assert url.endswith(
        f"/productions/{project['id']}/episodes/{episode['id']}/edits/{in_episode['id']}/"
    )
    assert edit.get_edit_url(loose["id"], client=client).endswith(
        f"/productions/{project['id']}/edits/{loose['id']}/"
    )


def test_edit_updates(client: KitsuClient, project: Row) -> None:
    made = edit.new_edit(project, unique("cut"), data={"a": 1}, client=client)
    full = edit.get_edit(made, client=client)
    full["description"] = "v2"
    saved = edit.update_edit(full, client=client)
    assert (saved["id"], saved["description"], saved["data"]) == (made["id"], "v2", {"a": 1})
    edit.update_edit_data(made, {"b": 2}, client=client)
    merged = edit.update_edit_data(made["id"], {"a": 3}, client=client)
    assert merged["data"] == {"a": 3, "b": 2}
    assert edit.update_edit_data(made, client=client)["data"] == {"a": 3, "b": 2}


def test_edit_previews_and_removal(
    client: KitsuClient, project: Row, tmp_path: pathlib.Path
) -> None:
    made = edit.new_edit(project, unique("cut"), client=client)
    assert edit.all_previews_for_edit(made, client=client) == {}
    task = _edit_task(client, project, made)
    preview = add_preview(client, task, write_png(tmp_path / "frame.png"))
    previews = edit.all_previews_for_edit(made["id"], client=client)
    assert list(previews) == [task["task_type_id"]]
    assert [row["id"] for row in previews[task["task_type_id"]]] == [preview["id"]]

    # With a task, removal only cancels the edit; force deletes it with its task and preview.
    edit.remove_edit(made, client=client)
    assert edit.get_edit(made, client=client)["canceled"] is True
    edit.remove_edit(made["id"], force=True, client=client)
    with pytest.raises(NotFoundError):
        edit.get_edit(made, client=client)

    bare = edit.new_edit(project, unique("cut"), client=client)
    edit.remove_edit(bare, client=client)
    assert edit.get_edit_by_name(project, bare["name"], client=client) is None
