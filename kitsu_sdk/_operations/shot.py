"""Episodes, sequences and shots: listings, lookups, creation, updates, removal, CSV and OTIO.

Both production shapes work: TV shows (project -> episode -> sequence -> shot) and features
(project -> sequence -> shot, no episode).
"""

from __future__ import annotations

from typing import Any, Callable, Optional

from .._core.call import Call, Flow, delete, get, post, put, web_root
from .._core.errors import InvalidInputError
from .._core.op_cache import cached
from .._core.refs import Ref, echo, require_name, to_id, to_optional_id
from ..types import Episode, Sequence, Shot
from . import entities as _common
from .entities import as_dict

# -- listings --------------------------------------------------------------------------------------


@cached("shot", "episode", "project")
def all_episodes_for_project(project: Ref) -> Call[list[Episode]]:
    """List the episodes of a project, sorted by name.

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/episodes
    """
    return _common.children("project", project, "episodes")


@cached("shot", "sequence", "project")
def all_sequences_for_project(project: Ref) -> Call[list[Sequence]]:
    """List the sequences of a project (of every episode in a TV show), sorted by name.

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/sequences
    """
    return _common.children("project", project, "sequences")


@cached("shot", "sequence", "episode")
def all_sequences_for_episode(episode: Ref) -> Call[list[Sequence]]:
    """List the sequences of an episode, sorted by name.

    Args:
        episode: the episode (id or dict).

    Calls: GET /data/episodes/{episode_id}/sequences
    """
    return _common.children("episode", episode, "sequences")


@cached("shot", "project")
def all_shots_for_project(project: Ref) -> Call[list[Shot]]:
    """List the shots of a project, sorted by name.

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/shots
    """
    return _common.children("project", project, "shots")


@cached("shot", "episode")
def all_shots_for_episode(episode: Ref) -> Call[list[Shot]]:
    """List the shots of an episode (all its sequences), sorted by name.

    Args:
        episode: the episode (id or dict).

    Calls: GET /data/episodes/{episode_id}/shots
    """
    return _common.children("episode", episode, "shots")


@cached("shot", "sequence")
def all_shots_for_sequence(sequence: Ref) -> Call[list[Shot]]:
    """List the shots of a sequence, sorted by name.

    Args:
        sequence: the sequence (id or dict).

    Calls: GET /data/sequences/{sequence_id}/shots
    """
    return _common.children("sequence", sequence, "shots")


@cached("shot", "preview-file")
def all_previews_for_shot(shot: Ref) -> Call[dict[str, Any]]:
    """The preview files of a shot, as Zou returns them: a dict keyed by task type id.

    Args:
        shot: the shot (id or dict).

    Calls: GET /data/shots/{shot_id}/preview-files
    """
    return get(f"data/shots/{to_id(shot, 'shot')}/preview-files", then=as_dict)


def all_episodes_with_tasks(project: Optional[Ref] = None) -> Call[list[dict[str, Any]]]:
    """List episodes with their tasks (each row has a `tasks` list), optionally for one project.

    Zou puts the string "None" in each row's `episode_id`.

    Args:
        project: only those of this project (id or dict); None: no filter.

    Calls: GET /data/episodes/with-tasks
    """
    return _common.with_tasks("episode", {"project_id": to_optional_id(project, "project")})


def all_sequences_with_tasks(
    project: Optional[Ref] = None,
    episode: Optional[Ref] = None,
) -> Call[list[dict[str, Any]]]:
    """List sequences with their tasks, optionally for one project and one episode.

    Args:
        project: only those of this project (id or dict); None: no filter.
        episode: only those of this episode (id or dict); None: no filter.

    Calls: GET /data/sequences/with-tasks
    """
    params = {
        "project_id": to_optional_id(project, "project"),
        "episode_id": to_optional_id(episode, "episode"),
    }
    return _common.with_tasks("sequence", params)


def all_shots_with_tasks(
    project: Optional[Ref] = None,
    episode: Optional[Ref] = None,
) -> Call[list[dict[str, Any]]]:
    """List shots with their tasks, optionally for one project and one episode.

    Args:
        project: only those of this project (id or dict); None: no filter.
        episode: only those of this episode (id or dict); None: no filter.

    Calls: GET /data/shots/with-tasks
    """
    params = {
        "project_id": to_optional_id(project, "project"),
        "episode_id": to_optional_id(episode, "episode"),
    }
    return _common.with_tasks("shot", params)


def get_episode_stats(project: Ref) -> Call[dict[str, Any]]:
    """Task counts (and frames, drawings) by episode, task type and task status.

    Keys are episode ids plus "all", then task type ids plus "all", then task status ids.
    An empty dict when the project has no tasks.

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/episodes/stats
    """
    project_id = to_id(project, "project")
    return get(f"data/projects/{project_id}/episodes/stats", then=as_dict)


def get_episode_retake_stats(project: Ref) -> Call[dict[str, Any]]:
    """Retake and done counts by episode and task type, with evolution and max retake count.

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/episodes/retake-stats
    """
    project_id = to_id(project, "project")
    path = f"data/projects/{project_id}/episodes/retake-stats"
    return get(path, then=as_dict)


# -- lookups ---------------------------------------------------------------------------------------


@cached("shot", "episode")
def get_episode(episode_id: Ref) -> Call[Episode]:
    """The episode with this id (with `project_name`).

    Args:
        episode_id: the episode's id (a dict or object with an `id` works too).

    Calls: GET /data/episodes/{episode_id}
    """
    return _common.one("episode", episode_id)


@cached("shot", "sequence")
def get_sequence(sequence_id: Ref) -> Call[Sequence]:
    """The sequence with this id (with `episode_id` and `episode_name`).

    Args:
        sequence_id: the sequence's id (a dict or object with an `id` works too).

    Calls: GET /data/sequences/{sequence_id}
    """
    return _common.one("sequence", sequence_id)


@cached("shot")
def get_shot(shot_id: Ref) -> Call[Shot]:
    """The shot with this id, with its tasks, sequence and episode names and frame range.

    Args:
        shot_id: the shot's id (a dict or object with an `id` works too).

    Calls: GET /data/shots/{shot_id}
    """
    return _common.one("shot", shot_id)


@cached("shot", "episode")
def get_episode_by_name(project: Ref, episode_name: str) -> Call[Optional[Episode]]:
    """The episode of a project with this name, or None.

    An exact match wins over one that differs only by case.

    Args:
        project: the project (id or dict).
        episode_name: the episode's name.

    Calls: GET /data/episodes?project_id=&name=
    """
    params = {"project_id": to_id(project, "project")}
    return _common.by_name("data/episodes", params, episode_name, "episode name")


@cached("shot", "sequence")
def get_sequence_by_name(
    project: Ref,
    sequence_name: str,
    episode: Optional[Ref] = None,
) -> Call[Optional[Sequence]]:
    """The sequence with this name in an episode (TV show) or in the project, or None.

    Without `episode` in a TV show, the first sequence of that name in any episode.

    Args:
        project: the project (id or dict).
        sequence_name: the sequence's name.
        episode: only those of this episode (id or dict); None: no filter.

    Calls: GET /data/sequences?episode_id=&name= (or ?project_id=&name=)
    """
    project_id = to_id(project, "project")
    episode_id = to_optional_id(episode, "episode")
    params = {"episode_id": episode_id} if episode_id else {"project_id": project_id}
    return _common.by_name("data/sequences", params, sequence_name, "sequence name")


@cached("shot")
def get_shot_by_name(sequence: Ref, shot_name: str) -> Call[Optional[Shot]]:
    """The shot of a sequence with this name, or None.

    Args:
        sequence: the sequence (id or dict).
        shot_name: the shot's name.

    Calls: GET /data/shots/all?sequence_id=&name=
    """
    params = {"sequence_id": to_id(sequence, "sequence")}
    return _common.by_name("data/shots/all", params, shot_name, "shot name")


@cached("shot", "sequence", "episode")
def get_episode_from_sequence(sequence: Ref) -> Flow[Optional[Episode]]:
    """The episode a sequence belongs to, or None for a sequence with no episode (features).

    Args:
        sequence: the sequence (id or dict).

    Calls: GET /data/episodes/{episode_id} (and GET /data/sequences/{id} when only an id is given)
    """
    episode: Optional[Episode] = yield from _common.parent(sequence, "sequence", "episode")
    return episode


@cached("shot", "sequence")
def get_sequence_from_shot(shot: Ref) -> Flow[Sequence]:
    """The sequence a shot belongs to.

    Args:
        shot: the shot (id or dict).

    Calls: GET /data/sequences/{sequence_id} (and GET /data/shots/{id} when only an id is given)
    """
    sequence: Sequence = yield from _common.parent(shot, "shot", "sequence")
    return sequence


# -- web URLs --------------------------------------------------------------------------------------


@cached("shot", "episode")
def get_episode_url(episode: Ref) -> Flow[str]:
    """The Kitsu web page listing the shots of an episode.

    Args:
        episode: the episode (id or dict).

    Calls: GET /data/episodes/{episode_id}
    """
    found = yield from _common.one("episode", episode)
    root = yield from web_root()
    base = f"{root}/productions/{found['project_id']}"
    return f"{base}/episodes/{found['id']}/shots"


@cached("shot")
def get_shot_url(shot: Ref) -> Flow[str]:
    """The Kitsu web page of a shot (under its episode in a TV show).

    Args:
        shot: the shot (id or dict).

    Calls: GET /data/shots/{shot_id}
    """
    found = yield from _common.one("shot", shot)
    root = yield from web_root()
    base = f"{root}/productions/{found['project_id']}"
    if found.get("episode_id"):
        base += f"/episodes/{found['episode_id']}"
    return f"{base}/shots/{found['id']}/"


@cached("shot", "sequence")
def get_sequence_url(sequence: Ref) -> Flow[str]:
    """The Kitsu web page of a sequence (under its episode in a TV show).

    Args:
        sequence: the sequence (id or dict).

    Calls: GET /data/sequences/{sequence_id}
    """
    found = yield from _common.one("sequence", sequence)
    root = yield from web_root()
    base = f"{root}/productions/{found['project_id']}"
    if found.get("parent_id"):
        base += f"/episodes/{found['parent_id']}"
    return f"{base}/sequences/{found['id']}/"


@cached("shot", "episode")
def get_all_episodes_url(project: Ref) -> Call[str]:
    """The Kitsu web page listing a project's episodes (no request).

    Args:
        project: the project (id or dict).
    """
    project_id = to_id(project, "project")
    return web_root().map(lambda root: f"{root}/productions/{project_id}/episodes/")


@cached("shot", "sequence")
def get_all_sequences_url(project: Ref) -> Call[str]:
    """The Kitsu web page listing a project's sequences (no request).

    Args:
        project: the project (id or dict).
    """
    project_id = to_id(project, "project")
    return web_root().map(lambda root: f"{root}/productions/{project_id}/sequences/")


# -- creation --------------------------------------------------------------------------------------


def new_episode(
    project: Ref,
    name: str,
    *,
    description: Optional[str] = None,
    status: Optional[str] = None,
    data: Optional[dict[str, Any]] = None,
) -> Call[Episode]:
    """Create an episode, or get the project's episode that already has this exact name.

    `status` is one of running, complete, standby, canceled (Zou uses running otherwise). Zou
    gives every new TV-show project an "E01" episode: new_episode(project, "E01") returns it.

    Args:
        project: the project (id or dict).
        name: the new episode's name.
        description: free text.
        status: "running", "complete", "standby" or "canceled" (None: running).
        data: metadata of the new episode (its `data`).

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
    return post(path, body)


def new_sequence(
    project: Ref,
    name: str,
    episode: Optional[Ref] = None,
    *,
    description: Optional[str] = None,
    data: Optional[dict[str, Any]] = None,
) -> Flow[Sequence]:
    """Create a sequence (in an episode for a TV show), or return the one already named so.

    The lookup comes first, as gazu's: with `episode`, among that episode's sequences; without
    it, among all the sequences of the project, so in a TV show a sequence of this name in any
    episode is returned rather than a second one made outside the episodes. Names are compared
    as get_sequence_by_name does (an exact match first, else one differing only by case). An
    existing sequence is returned as the lookup gives it, its description and data unchanged.
    Zou answers 404 when the episode is missing, or (for a new sequence) belongs to another
    project.

    Args:
        project: the project (id or dict).
        name: the new sequence's name.
        episode: the episode it belongs to (TV shows), or None.
        description: free text.
        data: metadata of the new sequence (its `data`).

    Calls: GET /data/sequences?episode_id=&name= (or ?project_id=&name=), then
        POST /data/projects/{project_id}/sequences when none is found
    """
    project_id = to_id(project, "project")
    wanted = require_name(name, "sequence name")
    episode_id = to_optional_id(episode, "episode")
    body = {
        "name": wanted,
        "episode_id": episode_id,
        "description": description,
        "data": _common.check_data(data) if data is not None else None,
    }
    body = {key: value for key, value in body.items() if value is not None}
    existing = yield from get_sequence_by_name(project_id, wanted, episode_id)
    if existing is not None:
        return existing
    created: Sequence = yield from post(f"data/projects/{project_id}/sequences", body)
    return created


def new_shot(
    project: Ref,
    sequence: Ref,
    name: str,
    nb_frames: Optional[int] = None,
    frame_in: Optional[int] = None,
    frame_out: Optional[int] = None,
    description: Optional[str] = None,
    data: Optional[dict[str, Any]] = None,
) -> Flow[Shot]:
    """Create a shot in a sequence, or return the sequence's shot already named so.

    The lookup comes first, as gazu's (get_shot_by_name: an exact match first, else one differing
    only by case); an existing shot is returned as that lookup gives it (with `project_name` and
    `sequence_name`), unchanged: the frames, description and data given are not applied.
    For a new shot, `frame_in` and `frame_out` go in its `data` (where Kitsu reads them); the
    caller's `data` dict is not modified.

    Args:
        project: the project (id or dict).
        sequence: the sequence (id or dict).
        name: the new shot's name.
        nb_frames: the number of frames (None: not set).
        frame_in: the first frame (kept in the new shot's `data`, where Kitsu reads it).
        frame_out: the last frame, included (kept in `data` too).
        description: free text.
        data: metadata of the new shot (its `data`).

    Calls: GET /data/shots/all?sequence_id=&name=, then POST /data/projects/{project_id}/shots
        when none is found
    """
    project_id = to_id(project, "project")
    sequence_id = to_id(sequence, "sequence")
    wanted = require_name(name, "shot name")
    body: dict[str, Any] = {"name": wanted, "sequence_id": sequence_id}
    extra = _common.check_data(data)
    for key, value in (("frame_in", frame_in), ("frame_out", frame_out)):
        if _common.check_frame(value, key) is not None:
            extra[key] = value
    _common.check_range(frame_in, frame_out)
    body["data"] = extra
    if _common.check_count(nb_frames, "nb_frames") is not None:
        body["nb_frames"] = nb_frames
    if description is not None:
        body["description"] = description
    existing = yield from get_shot_by_name(sequence_id, wanted)
    if existing is not None:
        return existing
    created: Shot = yield from post(f"data/projects/{project_id}/shots", body)
    return created


# -- updates ---------------------------------------------------------------------------------------


def update_episode(episode: dict[str, Any]) -> Call[Episode]:
    """Save the fields of an episode dict; its `data` is merged into the stored one.

    Args:
        episode: the episode dict, with its `id` and the fields to save.

    Calls: PUT /data/entities/{episode_id}
    """
    return _common.update(episode, "episode")


def update_sequence(sequence: dict[str, Any]) -> Call[Sequence]:
    """Save the fields of a sequence dict; its `data` is merged into the stored one.

    Args:
        sequence: the sequence dict, with its `id` and the fields to save.

    Calls: PUT /data/entities/{sequence_id}
    """
    return _common.update(sequence, "sequence")


def update_shot(shot: dict[str, Any]) -> Call[Shot]:
    """Save the fields of a shot dict; its `data` is merged into the stored one.

    Args:
        shot: the shot dict, with its `id` and the fields to save.

    Calls: PUT /data/entities/{shot_id}
    """
    return _common.update(shot, "shot")


def update_episode_data(episode: Ref, data: Optional[dict[str, Any]] = None) -> Call[Episode]:
    """Set keys of an episode's `data`; keys not given keep their value.

    Args:
        episode: the episode (id or dict).
        data: the keys to set in the episode's `data` (the other keys are kept).

    Calls: PUT /data/entities/{episode_id}
    """
    return _common.update_data(episode, data, "episode")


def update_sequence_data(sequence: Ref, data: Optional[dict[str, Any]] = None) -> Call[Sequence]:
    """Set keys of a sequence's `data`; keys not given keep their value.

    Args:
        sequence: the sequence (id or dict).
        data: the keys to set in the sequence's `data` (the other keys are kept).

    Calls: PUT /data/entities/{sequence_id}
    """
    return _common.update_data(sequence, data, "sequence")


def update_shot_data(shot: Ref, data: Optional[dict[str, Any]] = None) -> Call[Shot]:
    """Set keys of a shot's `data`; keys not given keep their value.

    Args:
        shot: the shot (id or dict).
        data: the keys to set in the shot's `data` (the other keys are kept).

    Calls: PUT /data/entities/{shot_id}
    """
    return _common.update_data(shot, data, "shot")


def get_shot_frame_range(shot: Ref) -> Flow[dict[str, Any]]:
    """A shot's `frame_in`, `frame_out` (ints), `nb_frames` and `fps` (float); None when unset.

    Args:
        shot: the shot (id or dict).

    Calls: GET /data/shots/{shot_id}
    """
    found = yield from _common.one("shot", shot)
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
) -> Call[Shot]:
    """Set a shot's frame range (both ends included) and `nb_frames`, and its fps if given.

    Other keys of the shot's `data` are kept.

    Args:
        shot: the shot (id or dict).
        frame_in: the first frame.
        frame_out: the last frame (included).
        fps: the shot's frames per second (None: unchanged).

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
            raise InvalidInputError(f"fps must be a positive number, got {echo(fps)}")
        data["fps"] = fps
    body = {"data": data, "nb_frames": last - first + 1}
    return put(f"data/entities/{shot_id}", body)


# -- removal ---------------------------------------------------------------------------------------


def remove_episode(episode: Ref, force: bool = False) -> Call[str]:
    """Delete an episode; `force` also deletes its sequences, shots, tasks and playlists.

    Without `force`, Zou refuses (BadRequestError) while anything is still linked to it.

    Args:
        episode: the episode (id or dict).
        force: also delete its sequences, shots, tasks and playlists.

    Calls: DELETE /data/episodes/{episode_id}
    """
    return _common.remove("episode", episode, force)


def remove_sequence(sequence: Ref, force: bool = False) -> Call[str]:
    """Delete a sequence; `force` also deletes its shots and their tasks.

    Without `force`, Zou refuses (BadRequestError) while anything is still linked to it.

    Args:
        sequence: the sequence (id or dict).
        force: also delete its shots and their tasks.

    Calls: DELETE /data/sequences/{sequence_id}
    """
    return _common.remove("sequence", sequence, force)


def remove_shot(shot: Ref, force: bool = False) -> Call[str]:
    """Delete a shot; one with tasks is only marked `canceled` unless `force` is set.

    Args:
        shot: the shot (id or dict).
        force: delete it for good, with its tasks; without it, one with tasks is only marked
            `canceled`.

    Calls: DELETE /data/shots/{shot_id}
    """
    return _common.remove("shot", shot, force)


def restore_shot(shot: Ref) -> Call[Shot]:
    """Un-cancel a shot that remove_shot canceled.

    Args:
        shot: the shot (id or dict).

    Calls: PUT /data/shots/{shot_id}
    """
    shot_id = to_id(shot, "shot")
    return put(f"data/shots/{shot_id}", {"canceled": False})


# -- asset instances -------------------------------------------------------------------------------


@cached("shot", "asset-instance", "asset")
def get_asset_instances_for_shot(shot: Ref) -> Call[dict[str, list[dict[str, Any]]]]:
    """The asset instances linked to a shot, as Zou returns them: lists keyed by asset id.

    Args:
        shot: the shot (id or dict).

    Calls: GET /data/shots/{shot_id}/asset-instances
    """
    path = f"data/shots/{to_id(shot, 'shot')}/asset-instances"
    return get(path, then=as_dict)


def all_asset_instances_for_shot(shot: Ref) -> Call[dict[str, list[dict[str, Any]]]]:
    """Same as get_asset_instances_for_shot (gazu keeps both names).

    Args:
        shot: the shot (id or dict).

    Calls: GET /data/shots/{shot_id}/asset-instances
    """
    return get_asset_instances_for_shot(shot)


def add_asset_instance_to_shot(shot: Ref, asset_instance: Ref) -> Call[Shot]:
    """Link an asset instance to a shot; returns the shot.

    Args:
        shot: the shot (id or dict).
        asset_instance: the asset instance (id or dict).

    Calls: POST /data/shots/{shot_id}/asset-instances
    """
    shot_id = to_id(shot, "shot")
    body = {"asset_instance_id": to_id(asset_instance, "asset instance")}
    return post(f"data/shots/{shot_id}/asset-instances", body)


def remove_asset_instance_from_shot(shot: Ref, asset_instance: Ref) -> Call[str]:
    """Unlink an asset instance from a shot.

    Args:
        shot: the shot (id or dict).
        asset_instance: the asset instance (id or dict).

    Calls: DELETE /data/shots/{shot_id}/asset-instances/{asset_instance_id}
    """
    shot_id = to_id(shot, "shot")
    instance_id = to_id(asset_instance, "asset instance")
    return delete(f"data/shots/{shot_id}/asset-instances/{instance_id}")
