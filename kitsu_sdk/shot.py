"""Episodes, sequences and shots: listings, lookups, creation, updates, removal, CSV and OTIO.

Both production shapes work: TV shows (project -> episode -> sequence -> shot) and features
(project -> sequence -> shot, no episode).
"""

from __future__ import annotations

from typing import Any, Callable, Optional, cast

from . import _shot_common as _common
from ._refs import Ref, require_name, to_id, to_optional_id
from ._shot_files import export_shots_with_csv as export_shots_with_csv
from ._shot_files import import_otio as import_otio
from ._shot_files import import_shots_with_csv as import_shots_with_csv
from .client import KitsuClient, resolve_client
from .exception import InvalidInputError
from .types import Episode, Sequence, Shot

# -- listings --------------------------------------------------------------------------------------


def all_episodes_for_project(project: Ref, client: Optional[KitsuClient] = None) -> list[Episode]:
    """List the episodes of a project, sorted by name.

    Calls: GET /data/projects/{project_id}/episodes
    """
    return _common.children("project", project, "episodes", client)


def all_sequences_for_project(
    project: Ref, client: Optional[KitsuClient] = None
) -> list[Sequence]:
    """List the sequences of a project (of every episode in a TV show), sorted by name.

    Calls: GET /data/projects/{project_id}/sequences
    """
    return _common.children("project", project, "sequences", client)


def all_sequences_for_episode(
    episode: Ref, client: Optional[KitsuClient] = None
) -> list[Sequence]:
    """List the sequences of an episode, sorted by name.

    Calls: GET /data/episodes/{episode_id}/sequences
    """
    return _common.children("episode", episode, "sequences", client)


def all_shots_for_project(project: Ref, client: Optional[KitsuClient] = None) -> list[Shot]:
    """List the shots of a project, sorted by name.

    Calls: GET /data/projects/{project_id}/shots
    """
    return _common.children("project", project, "shots", client)


def all_shots_for_episode(episode: Ref, client: Optional[KitsuClient] = None) -> list[Shot]:
    """List the shots of an episode (all its sequences), sorted by name.

    Calls: GET /data/episodes/{episode_id}/shots
    """
    return _common.children("episode", episode, "shots", client)


def all_shots_for_sequence(sequence: Ref, client: Optional[KitsuClient] = None) -> list[Shot]:
    """List the shots of a sequence, sorted by name.

    Calls: GET /data/sequences/{sequence_id}/shots
    """
    return _common.children("sequence", sequence, "shots", client)


def all_previews_for_shot(shot: Ref, client: Optional[KitsuClient] = None) -> dict[str, Any]:
    """The preview files of a shot, as Zou returns them: a dict keyed by task type id.

    Calls: GET /data/shots/{shot_id}/preview-files
    """
    return dict(resolve_client(client).get(f"data/shots/{to_id(shot, 'shot')}/preview-files") or {})


def all_episodes_with_tasks(
    project: Optional[Ref] = None, client: Optional[KitsuClient] = None
) -> list[dict[str, Any]]:
    """List episodes with their tasks (each row has a `tasks` list), optionally for one project.

    Zou puts the string "None" in each row's `episode_id`.

    Calls: GET /data/episodes/with-tasks
    """
    return _common.with_tasks("episode", {"project_id": to_optional_id(project, "project")}, client)


def all_sequences_with_tasks(
    project: Optional[Ref] = None,
    episode: Optional[Ref] = None,
    client: Optional[KitsuClient] = None,
) -> list[dict[str, Any]]:
    """List sequences with their tasks, optionally for one project and one episode.

    Calls: GET /data/sequences/with-tasks
    """
    params = {
        "project_id": to_optional_id(project, "project"),
        "episode_id": to_optional_id(episode, "episode"),
    }
    return _common.with_tasks("sequence", params, client)


def all_shots_with_tasks(
    project: Optional[Ref] = None,
    episode: Optional[Ref] = None,
    client: Optional[KitsuClient] = None,
) -> list[dict[str, Any]]:
    """List shots with their tasks, optionally for one project and one episode.

    Calls: GET /data/shots/with-tasks
    """
    params = {
        "project_id": to_optional_id(project, "project"),
        "episode_id": to_optional_id(episode, "episode"),
    }
    return _common.with_tasks("shot", params, client)


def get_episode_stats(project: Ref, client: Optional[KitsuClient] = None) -> dict[str, Any]:
    """Task counts (and frames, drawings) by episode, task type and task status.

    Keys are episode ids plus "all", then task type ids plus "all", then task status ids.
    An empty dict when the project has no tasks.

    Calls: GET /data/projects/{project_id}/episodes/stats
    """
    project_id = to_id(project, "project")
    return dict(resolve_client(client).get(f"data/projects/{project_id}/episodes/stats") or {})


def get_episode_retake_stats(project: Ref, client: Optional[KitsuClient] = None) -> dict[str, Any]:
    """Retake and done counts by episode and task type, with evolution and max retake count.

    Calls: GET /data/projects/{project_id}/episodes/retake-stats
    """
    project_id = to_id(project, "project")
    path = f"data/projects/{project_id}/episodes/retake-stats"
    return dict(resolve_client(client).get(path) or {})


# -- lookups ---------------------------------------------------------------------------------------


def get_episode(episode_id: Ref, client: Optional[KitsuClient] = None) -> Episode:
    """The episode with this id (with `project_name`).

    Calls: GET /data/episodes/{episode_id}
    """
    return cast(Episode, _common.one("episode", episode_id, client))


def get_sequence(sequence_id: Ref, client: Optional[KitsuClient] = None) -> Sequence:
    """The sequence with this id (with `episode_id` and `episode_name`).

    Calls: GET /data/sequences/{sequence_id}
    """
    return cast(Sequence, _common.one("sequence", sequence_id, client))


def get_shot(shot_id: Ref, client: Optional[KitsuClient] = None) -> Shot:
    """The shot with this id, with its tasks, sequence and episode names and frame range.

    Calls: GET /data/shots/{shot_id}
    """
    return cast(Shot, _common.one("shot", shot_id, client))


def get_episode_by_name(
    project: Ref, episode_name: str, client: Optional[KitsuClient] = None
) -> Optional[Episode]:
    """The episode of a project with this name, or None.

    An exact match wins over one that differs only by case.

    Calls: GET /data/episodes?project_id=&name=
    """
    params = {"project_id": to_id(project, "project")}
    found = _common.by_name("data/episodes", params, episode_name, "episode name", client)
    return cast(Optional[Episode], found)


def get_sequence_by_name(
    project: Ref,
    sequence_name: str,
    episode: Optional[Ref] = None,
    client: Optional[KitsuClient] = None,
) -> Optional[Sequence]:
    """The sequence with this name in an episode (TV show) or in the project, or None.

    Without `episode` in a TV show, the first sequence of that name in any episode.

    Calls: GET /data/sequences?episode_id=&name= (or ?project_id=&name=)
    """
    project_id = to_id(project, "project")
    episode_id = to_optional_id(episode, "episode")
    params = {"episode_id": episode_id} if episode_id else {"project_id": project_id}
    found = _common.by_name("data/sequences", params, sequence_name, "sequence name", client)
    return cast(Optional[Sequence], found)


def get_shot_by_name(
    sequence: Ref, shot_name: str, client: Optional[KitsuClient] = None
) -> Optional[Shot]:
    """The shot of a sequence with this name, or None.

    Calls: GET /data/shots/all?sequence_id=&name=
    """
    params = {"sequence_id": to_id(sequence, "sequence")}
    found = _common.by_name("data/shots/all", params, shot_name, "shot name", client)
    return cast(Optional[Shot], found)


def get_episode_from_sequence(
    sequence: Ref, client: Optional[KitsuClient] = None
) -> Optional[Episode]:
    """The episode a sequence belongs to, or None for a sequence with no episode (features).

    Calls: GET /data/episodes/{episode_id} (and GET /data/sequences/{id} when only an id is given)
    """
    return cast(Optional[Episode], _common.parent(sequence, "sequence", "episode", client))


def get_sequence_from_shot(shot: Ref, client: Optional[KitsuClient] = None) -> Sequence:
    """The sequence a shot belongs to.

    Calls: GET /data/sequences/{sequence_id} (and GET /data/shots/{id} when only an id is given)
    """
    return cast(Sequence, _common.parent(shot, "shot", "sequence", client))


# -- web URLs --------------------------------------------------------------------------------------


def get_episode_url(episode: Ref, client: Optional[KitsuClient] = None) -> str:
    """The Kitsu web page listing the shots of an episode.

    Calls: GET /data/episodes/{episode_id}
    """
    found = _common.one("episode", episode, client)
    base = f"{resolve_client(client).web_root}/productions/{found['project_id']}"
    return f"{base}/episodes/{found['id']}/shots"


def get_shot_url(shot: Ref, client: Optional[KitsuClient] = None) -> str:
    """The Kitsu web page of a shot (under its episode in a TV show).

    Calls: GET /data/shots/{shot_id}
    """
    found = _common.one("shot", shot, client)
    base = f"{resolve_client(client).web_root}/productions/{found['project_id']}"
    if found.get("episode_id"):
        base += f"/episodes/{found['episode_id']}"
    return f"{base}/shots/{found['id']}/"


def get_sequence_url(sequence: Ref, client: Optional[KitsuClient] = None) -> str:
    """The Kitsu web page of a sequence (under its episode in a TV show).

    Calls: GET /data/sequences/{sequence_id}
    """
    found = _common.one("sequence", sequence, client)
    base = f"{resolve_client(client).web_root}/productions/{found['project_id']}"
    if found.get("parent_id"):
        base += f"/episodes/{found['parent_id']}"
    return f"{base}/sequences/{found['id']}/"


def get_all_episodes_url(project: Ref, client: Optional[KitsuClient] = None) -> str:
    """The Kitsu web page listing a project's episodes (no request)."""
    return f"{resolve_client(client).web_root}/productions/{to_id(project, 'project')}/episodes/"


def get_all_sequences_url(project: Ref, client: Optional[KitsuClient] = None) -> str:
    """The Kitsu web page listing a project's sequences (no request)."""
    return f"{resolve_client(client).web_root}/productions/{to_id(project, 'project')}/sequences/"


# -- creation --------------------------------------------------------------------------------------


def new_episode(
    project: Ref,
    name: str,
    client: Optional[KitsuClient] = None,
    *,
    description: Optional[str] = None,
    status: Optional[str] = None,
    data: Optional[dict[str, Any]] = None,
) -> Episode:
    """Create an episode, or get the project's episode that already has this exact name.

    `status` is one of running, complete, standby, canceled (Zou uses running otherwise). Zou
    gives every new TV-show project an "E01" episode: new_episode(project, "E01") returns it.

    Calls: POST /data/projects/{project_id}/episodes
    """
    project_id = to_id(project, "project")
    body = {
        "name": require_name(name, "episode name"),
        "description": description,
        "status": status,
        "data": _common.check_data(data) if data is not None else None,
    }
    path = f"data/projects/{project_id}/episodes"
    body = {key: value for key, value in body.items() if value is not None}
    return cast(Episode, resolve_client(client).post(path, body))


def new_sequence(
    project: Ref,
    name: str,
    episode: Optional[Ref] = None,
    client: Optional[KitsuClient] = None,
    *,
    description: Optional[str] = None,
    data: Optional[dict[str, Any]] = None,
) -> Sequence:
    """Create a sequence (in an episode for a TV show), or get the one with this exact name.

    Zou answers 404 when the episode is missing or belongs to another project.

    Calls: POST /data/projects/{project_id}/sequences
    """
    project_id = to_id(project, "project")
    body = {
        "name": require_name(name, "sequence name"),
        "episode_id": to_optional_id(episode, "episode"),
        "description": description,
        "data": _common.check_data(data) if data is not None else None,
    }
    body = {key: value for key, value in body.items() if value is not None}
    path = f"data/projects/{project_id}/sequences"
    return cast(Sequence, resolve_client(client).post(path, body))


def new_shot(
    project: Ref,
    sequence: Ref,
    name: str,
    nb_frames: Optional[int] = None,
    frame_in: Optional[int] = None,
    frame_out: Optional[int] = None,
    description: Optional[str] = None,
    data: Optional[dict[str, Any]] = None,
    client: Optional[KitsuClient] = None,
) -> Shot:
    """Create a shot in a sequence, or get the sequence's shot that has this exact name.

    `frame_in` and `frame_out` go in the shot's `data` (where Kitsu reads them); the caller's
    `data` dict is not modified. An existing shot is returned unchanged.

    Calls: POST /data/projects/{project_id}/shots
    """
    project_id = to_id(project, "project")
    body: dict[str, Any] = {
        "name": require_name(name, "shot name"),
        "sequence_id": to_id(sequence, "sequence"),
    }
    extra = _common.check_data(data)
    for key, value in (("frame_in", frame_in), ("frame_out", frame_out)):
        if _common.check_frame(value, key) is not None:
            extra[key] = value
    _common.check_range(frame_in, frame_out)
    body["data"] = extra
    if _common.check_frame(nb_frames, "nb_frames") is not None:
        body["nb_frames"] = nb_frames
    if description is not None:
        body["description"] = description
    return cast(Shot, resolve_client(client).post(f"data/projects/{project_id}/shots", body))


# -- updates ---------------------------------------------------------------------------------------


def update_episode(episode: dict[str, Any], client: Optional[KitsuClient] = None) -> Episode:
    """Save the fields of an episode dict; its `data` is merged into the stored one.

    Calls: PUT /data/entities/{episode_id}
    """
    return cast(Episode, _common.update(episode, "episode", client))


def update_sequence(sequence: dict[str, Any], client: Optional[KitsuClient] = None) -> Sequence:
    """Save the fields of a sequence dict; its `data` is merged into the stored one.

    Calls: PUT /data/entities/{sequence_id}
    """
    return cast(Sequence, _common.update(sequence, "sequence", client))


def update_shot(shot: dict[str, Any], client: Optional[KitsuClient] = None) -> Shot:
    """Save the fields of a shot dict; its `data` is merged into the stored one.

    Calls: PUT /data/entities/{shot_id}
    """
    return cast(Shot, _common.update(shot, "shot", client))


def update_episode_data(
    episode: Ref, data: Optional[dict[str, Any]] = None, client: Optional[KitsuClient] = None
) -> Episode:
    """Set keys of an episode's `data`; keys not given keep their value.

    Calls: PUT /data/entities/{episode_id}
    """
    return cast(Episode, _common.update_data(episode, data, "episode", client))


def update_sequence_data(
    sequence: Ref, data: Optional[dict[str, Any]] = None, client: Optional[KitsuClient] = None
) -> Sequence:
    """Set keys of a sequence's `data`; keys not given keep their value.

    Calls: PUT /data/entities/{sequence_id}
    """
    return cast(Sequence, _common.update_data(sequence, data, "sequence", client))


def update_shot_data(
    shot: Ref, data: Optional[dict[str, Any]] = None, client: Optional[KitsuClient] = None
) -> Shot:
    """Set keys of a shot's `data`; keys not given keep their value.

    Calls: PUT /data/entities/{shot_id}
    """
    return cast(Shot, _common.update_data(shot, data, "shot", client))


def get_shot_frame_range(shot: Ref, client: Optional[KitsuClient] = None) -> dict[str, Any]:
    """A shot's `frame_in`, `frame_out` (ints), `nb_frames` and `fps` (float); None when unset.

    Calls: GET /data/shots/{shot_id}
    """
    found = _common.one("shot", shot, client)
    data = found.get("data") or {}
    return {
        "frame_in": _number(data.get("frame_in"), int),
        "frame_out": _number(data.get("frame_out"), int),
        "nb_frames": found.get("nb_frames"),
        "fps": _number(data.get("fps"), float),
    }


def _number(value: Any, kind: Callable[[Any], Any]) -> Any:
    # Kitsu's web app stores these as strings ("1001", "24"); imports store numbers.
    if value is None or value == "":
        return None
    try:
        return kind(float(value)) if kind is int else kind(value)
    except (TypeError, ValueError):
        return None


def set_shot_frame_range(
    shot: Ref,
    frame_in: int,
    frame_out: int,
    fps: Optional[float] = None,
    client: Optional[KitsuClient] = None,
) -> Shot:
    """Set a shot's frame range (both ends included) and `nb_frames`, and its fps if given.

    Other keys of the shot's `data` are kept.

    Calls: PUT /data/entities/{shot_id}
    """
    shot_id = to_id(shot, "shot")
    first = _common.check_frame(frame_in, "frame_in")
    last = _common.check_frame(frame_out, "frame_out")
    if first is None or last is None:
        raise InvalidInputError("set_shot_frame_range needs frame_in and frame_out")
    _common.check_range(first, last)
    data: dict[str, Any] = {"frame_in": first, "frame_out": last}
    if fps is not None:
        if isinstance(fps, bool) or not isinstance(fps, (int, float)) or fps <= 0:
            raise InvalidInputError(f"fps must be a positive number, got {fps!r}")
        data["fps"] = fps
    body = {"data": data, "nb_frames": last - first + 1}
    return cast(Shot, resolve_client(client).put(f"data/entities/{shot_id}", body))


# -- removal ---------------------------------------------------------------------------------------


def remove_episode(episode: Ref, force: bool = False, client: Optional[KitsuClient] = None) -> None:
    """Delete an episode; `force` also deletes its sequences, shots, tasks and playlists.

    Without `force`, Zou refuses (BadRequestError) while anything is still linked to it.

    Calls: DELETE /data/episodes/{episode_id}
    """
    _common.remove("episode", episode, force, client)


def remove_sequence(
    sequence: Ref, force: bool = False, client: Optional[KitsuClient] = None
) -> None:
    """Delete a sequence; `force` also deletes its shots and their tasks.

    Without `force`, Zou refuses (BadRequestError) while anything is still linked to it.

    Calls: DELETE /data/sequences/{sequence_id}
    """
    _common.remove("sequence", sequence, force, client)


def remove_shot(shot: Ref, force: bool = False, client: Optional[KitsuClient] = None) -> None:
    """Delete a shot; one with tasks is only marked `canceled` unless `force` is set.

    Calls: DELETE /data/shots/{shot_id}
    """
    _common.remove("shot", shot, force, client)


def restore_shot(shot: Ref, client: Optional[KitsuClient] = None) -> Shot:
    """Un-cancel a shot that remove_shot canceled.

    Calls: PUT /data/shots/{shot_id}
    """
    shot_id = to_id(shot, "shot")
    return cast(Shot, resolve_client(client).put(f"data/shots/{shot_id}", {"canceled": False}))


# -- asset instances -------------------------------------------------------------------------------


def get_asset_instances_for_shot(
    shot: Ref, client: Optional[KitsuClient] = None
) -> dict[str, list[dict[str, Any]]]:
    """The asset instances linked to a shot, as Zou returns them: lists keyed by asset id.

    Calls: GET /data/shots/{shot_id}/asset-instances
    """
    path = f"data/shots/{to_id(shot, 'shot')}/asset-instances"
    return dict(resolve_client(client).get(path) or {})


def all_asset_instances_for_shot(
    shot: Ref, client: Optional[KitsuClient] = None
) -> dict[str, list[dict[str, Any]]]:
    """Same as get_asset_instances_for_shot (gazu keeps both names).

    Calls: GET /data/shots/{shot_id}/asset-instances
    """
    return get_asset_instances_for_shot(shot, client=client)


def add_asset_instance_to_shot(
    shot: Ref, asset_instance: Ref, client: Optional[KitsuClient] = None
) -> Shot:
    """Link an asset instance to a shot; returns the shot.

    Calls: POST /data/shots/{shot_id}/asset-instances
    """
    shot_id = to_id(shot, "shot")
    body = {"asset_instance_id": to_id(asset_instance, "asset instance")}
    return cast(Shot, resolve_client(client).post(f"data/shots/{shot_id}/asset-instances", body))


def remove_asset_instance_from_shot(
    shot: Ref, asset_instance: Ref, client: Optional[KitsuClient] = None
) -> None:
    """Unlink an asset instance from a shot.

    Calls: DELETE /data/shots/{shot_id}/asset-instances/{asset_instance_id}
    """
    shot_id = to_id(shot, "shot")
    instance_id = to_id(asset_instance, "asset instance")
    resolve_client(client).delete(f"data/shots/{shot_id}/asset-instances/{instance_id}")

