"""Edits (the montages of a production, per episode in a TV show): creation, lookups, listings,
previews, updates, removal and their web page."""

from __future__ import annotations

from typing import Any, Optional

from .._core.call import Call, Flow, delete, get, post, web_root
from .._core.errors import InvalidInputError
from .._core.op_cache import cached
from .._core.refs import Ref, echo, require_name, to_id, to_optional_id
from . import entities as _common
from .entities import as_dict


@cached("edit")
def get_edit(edit_id: Ref) -> Call[dict[str, Any]]:
    """The edit with this id, with its project and episode names and its tasks.

    `episode_id` is None (and `episode_name` "") for an edit outside any episode.

    Args:
        edit_id: the edit's id (a dict or object with an `id` works too).

    Calls: GET /data/edits/{edit_id}
    """
    return get(f"data/edits/{to_id(edit_id, 'edit')}", then=dict)


@cached("edit")
def get_edit_by_name(project: Ref, edit_name: str) -> Call[Optional[dict[str, Any]]]:
    """The edit of a project with this name (in any episode), or None.

    An exact match wins over one that differs only by case.

    Args:
        project: the project (id or dict).
        edit_name: the edit's name.

    Calls: GET /data/edits/all?project_id=&name=
    """
    params = {"project_id": to_id(project, "project")}
    return _common.by_name("data/edits/all", params, edit_name, "edit name")


@cached("edit")
def get_edit_url(edit: Ref) -> Flow[str]:
    """The Kitsu web page of an edit (under its episode when it has one).

    Args:
        edit: the edit (id or dict).

    Calls: GET /data/edits/{edit_id}
    """
    found = yield from get_edit(edit)
    root = yield from web_root()
    base = f"{root}/productions/{found['project_id']}"
    if found.get("episode_id"):
        base += f"/episodes/{found['episode_id']}"
    return f"{base}/edits/{found['id']}/"


@cached("edit", "project")
def all_edits_for_project(project: Ref) -> Call[list[dict[str, Any]]]:
    """List the edits of a project (of all its episodes), sorted by name.

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/edits
    """
    return _common.children("project", project, "edits")


@cached("edit", "preview-file")
def all_previews_for_edit(edit: Ref) -> Call[dict[str, Any]]:
    """The preview files of an edit, as Zou returns them: lists keyed by task type id.

    Args:
        edit: the edit (id or dict).

    Calls: GET /data/edits/{edit_id}/preview-files
    """
    return get(f"data/edits/{to_id(edit, 'edit')}/preview-files", then=as_dict)


def new_edit(
    project: Ref,
    name: str,
    description: Optional[str] = None,
    data: Optional[dict[str, Any]] = None,
    episode: Optional[Ref] = None,
) -> Flow[dict[str, Any]]:
    """Create an edit (in an episode when given), or return the project's edit of this name.

    The lookup comes first, as gazu's: get_edit_by_name, among all the edits of the project
    whatever their episode (an exact match first, else one differing only by case), so an edit
    of this name in another episode, or in none, is returned rather than a new one made. An
    existing edit is returned as that lookup gives it (with `project_name`), unchanged.
    gazu 1.3.1 sends the episode as `parent_id`, which Zou 1.0.97 ignores (its edits never get
    an episode): it is sent as `episode_id` here, so a new edit really is in the episode.

    Args:
        project: the project (id or dict).
        name: the edit's name.
        description: free text.
        data: metadata of the new edit (its `data`).
        episode: the episode it belongs to (id or dict), or None.

    Calls: GET /data/edits/all?project_id=&name=, then POST /data/projects/{project_id}/edits
        when none is found
    """
    project_id = to_id(project, "project")
    wanted = require_name(name, "edit name")
    body: dict[str, Any] = {"name": wanted, "data": _common.check_data(data)}
    episode_id = to_optional_id(episode, "episode")
    if episode_id is not None:
        body["episode_id"] = episode_id
    if description is not None:
        if not isinstance(description, str):
            raise InvalidInputError(f"description must be a string, got {echo(description)}")
        body["description"] = description
    existing = yield from get_edit_by_name(project_id, wanted)
    if existing is not None:
        return existing
    created: dict[str, Any] = yield from post(f"data/projects/{project_id}/edits", body, then=dict)
    return created


def remove_edit(edit: Ref, force: bool = False) -> Call[str]:
    """Delete an edit; one with tasks is only marked `canceled` unless `force` is set.

    `force` also deletes its tasks, previews and versions.

    Args:
        edit: the edit (id or dict).
        force: delete it for good, with its tasks; without it, one with tasks is only marked
            `canceled`.

    Calls: DELETE /data/edits/{edit_id}[?force=true]
    """
    edit_id = to_id(edit, "edit")
    params = {"force": True} if force else None
    return delete(f"data/edits/{edit_id}", params)


def update_edit(edit: dict[str, Any]) -> Call[dict[str, Any]]:
    """Save the fields of an edit dict; its `data` is merged into the stored one.

    Args:
        edit: the edit dict, with its `id` and the fields to save.

    Calls: PUT /data/entities/{edit_id}
    """
    return _common.update(edit, "edit")


def update_edit_data(edit: Ref, data: Optional[dict[str, Any]] = None) -> Call[dict[str, Any]]:
    """Set keys of an edit's `data`; keys not given keep their value.

    Args:
        edit: the edit (id or dict).
        data: the keys to set in the edit's `data` (the other keys are kept).

    Calls: PUT /data/entities/{edit_id}
    """
    return _common.update_data(edit, data, "edit")
