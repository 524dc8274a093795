"""Playlists: review lists of entities with the preview to show for each, their movie builds,
zip downloads, share links and temporary playlists."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Literal, Optional, Union

from .._core.call import Call, Download, Flow, ProgressCallback, delete, get, post, put
from .._core.errors import InvalidInputError
from .._core.op_cache import cached
from .._core.refs import Ref, echo, segment, to_id, to_optional_id
from .._core.rows import pick_by_name, sorted_by_name
from ..types import Playlist
from . import raw
from .file_args import progress as check_progress

ForEntity = Literal["shot", "asset", "sequence", "edit", "episode"]

# Zou 1.0.97 serves the project and episode playlist lists 20 rows at a time and ignores `limit`
# (playlists_service.PLAYLISTS_PAGE_SIZE).
_ZOU_PLAYLIST_PAGE = 20
_FOR_ENTITIES = ("shot", "asset", "sequence", "edit", "episode")
# Keys Zou computes or owns: sending them back in a PUT changes nothing.
_READ_ONLY_KEYS = frozenset(
    {"id", "type", "created_at", "updated_at", "created_by", "build_jobs", "first_preview_file_id"}
)

# gazu puts `client` before these parameters (scripts/gen_bindings.py reads this).
_CLIENT_BEFORE = {"all_playlists_for_project": "page"}

_GAZU_ABSENT: dict[str, str] = {}


def _rows(answer: Any) -> list[Any]:
    """`then` for routes answering a list (or nothing, which becomes [])."""
    return list(answer or [])


def _playlist_pages(path: str, page: Optional[int]) -> Flow[list[dict[str, Any]]]:
    """One page when `page` is given, else every page (sorted by id so that pages stay stable)."""
    if page is not None:
        if isinstance(page, bool) or not isinstance(page, int) or page < 1:
            raise InvalidInputError(f"page must be an integer >= 1, got {echo(page)}")
        return (yield from get(path, {"page": page}, then=_rows))
    rows: dict[str, dict[str, Any]] = {}
    number = 1
    while True:
        batch = yield from get(path, {"page": number, "sort_by": "id"}, then=_rows)
        # Keyed by id: a playlist created while we walk may shift a row onto the next page.
        rows.update((row["id"], row) for row in batch)
        if len(batch) < _ZOU_PLAYLIST_PAGE:
            return list(rows.values())
        number += 1


@cached("playlist")
def all_playlists() -> Call[list[Playlist]]:
    """Every playlist the user can see, across projects, sorted by name.

    Calls: GET /data/playlists
    """
    return get("data/playlists", then=sorted_by_name)


@cached("playlist", "shot")
def all_shots_for_playlist(playlist: Ref) -> Call[list[dict[str, Any]]]:
    """The entries of a playlist (`{entity_id, preview_file_id}` dicts), in playlist order.

    Args:
        playlist: the playlist (id or dict).

    Calls: GET /data/playlists/{playlist_id}
    """
    playlist_id = to_id(playlist, "playlist")
    return get(f"data/playlists/{playlist_id}", then=lambda body: _rows(body.get("shots")))


@cached("playlist", "project")
def all_playlists_for_project(project: Ref, page: Optional[int] = None) -> Flow[list[Playlist]]:
    """The playlists of a project, sorted by name.

    Zou pages this route 20 at a time: with `page=None` every page is read; give a page number
    (from 1) to get that page only, as gazu did.

    Args:
        project: the project (id or dict).
        page: a page number (from 1, 20 playlists a page) to read that page only; None: every page.

    Calls: GET /data/projects/{project_id}/playlists
    """
    project_id = to_id(project, "project")
    rows = yield from _playlist_pages(f"data/projects/{project_id}/playlists", page)
    return sorted_by_name(rows)


@cached("playlist", "episode")
def all_playlists_for_episode(episode: Ref) -> Flow[list[Playlist]]:
    """Every playlist of an episode (all pages), sorted by name.

    The route needs the project: it is read from the episode dict, or fetched when only an id
    is given.

    Args:
        episode: the episode (id or dict).

    Calls: GET /data/episodes/{episode_id} (unless the dict has project_id),
        GET /data/projects/{project_id}/episodes/{episode_id}/playlists
    """
    episode_id = to_id(episode, "episode")
    project_id = episode.get("project_id") if isinstance(episode, dict) else None
    if not project_id:
        project_id = (yield from raw.fetch_one("episodes", episode_id))["project_id"]
    path = f"data/projects/{to_id(project_id, 'project')}/episodes/{episode_id}/playlists"
    rows = yield from _playlist_pages(path, None)
    return sorted_by_name(rows)


@cached("playlist")
def get_playlist(playlist: Ref) -> Call[Playlist]:
    """One playlist, with its entries (`shots`) and build jobs.

    Args:
        playlist: the playlist (id or dict).

    Calls: GET /data/playlists/{playlist_id}
    """
    return get(f"data/playlists/{to_id(playlist, 'playlist')}")


@cached("playlist")
def get_playlist_by_name(project: Ref, name: str) -> Call[Optional[Playlist]]:
    """The playlist of a project with this name, whatever its episode (exact match first, then
    case-insensitive), or None.

    Zou filters `name` with ILIKE (case-insensitive, `%` and `_` are wildcards): a wildcard
    match is never taken.

    Args:
        project: the project (id or dict).
        name: the name to look for.

    Calls: GET /data/playlists?project_id=&name=
    """
    project_id = to_id(project, "project")
    if not isinstance(name, str) or not name:
        raise InvalidInputError(f"playlist name must be a non-empty string, got {echo(name)}")
    query = {"project_id": project_id, "name": name}
    return get("data/playlists", query, then=lambda answer: pick_by_name(_rows(answer), name))


def new_playlist(
    project: Ref,
    name: str,
    episode: Optional[Ref] = None,
    for_entity: ForEntity = "shot",
    for_client: bool = False,
    is_for_all: bool = False,
) -> Flow[Playlist]:
    """Create a playlist (at the project level, or in `episode`), unless the project already has
    one of that name: then that one is returned, whatever its episode, as gazu does.

    The name lookup is get_playlist_by_name's (the exact name first, then one equal but for
    case), so `episode` and the other arguments only matter when a playlist is created.

    Args:
        project: the project (id or dict).
        name: the new playlist's name.
        episode: the episode it belongs to (id or dict); None: the project level.
        for_entity: "shot", "asset", "sequence" or "edit": what the playlist lists.
        for_client: shown to the client users.
        is_for_all: a playlist of every shot (or asset) of the project or episode.

    Calls: GET /data/playlists?project_id=&name=, then POST /data/playlists if none matched
    """
    project_id = to_id(project, "project")
    episode_id = to_optional_id(episode, "episode")
    if not isinstance(name, str) or not name.strip():
        raise InvalidInputError(f"playlist name must be a non-empty string, got {echo(name)}")
    if for_entity not in _FOR_ENTITIES:
        raise InvalidInputError(
            f"for_entity must be one of {', '.join(_FOR_ENTITIES)}, got {echo(for_entity)}"
        )
    existing = yield from get_playlist_by_name(project_id, name)
    if existing is not None:
        return existing
    data: dict[str, Any] = {
        "name": name,
        "project_id": project_id,
        "for_entity": for_entity,
        "for_client": bool(for_client),
        "is_for_all": bool(is_for_all),
    }
    if episode_id is not None:
        data["episode_id"] = episode_id
    created: Playlist = yield from post("data/playlists", data)
    return created


def update_playlist(playlist: Mapping[str, Any]) -> Call[Playlist]:
    """Save the fields of a playlist dict (its `shots` list included).

    Keys Zou computes (id, dates, build_jobs…) are not sent, nor a null `shots` (what a new
    playlist holds): Zou 1.0.97 answers 400 to it, and it would not mean "no entries" anyway.

    Args:
        playlist: the playlist dict, with its `id` and the fields to save.

    Calls: PUT /data/playlists/{playlist_id}
    """
    if not isinstance(playlist, Mapping):
        raise InvalidInputError("update_playlist needs the playlist dict (with an 'id')")
    playlist_id = to_id(dict(playlist), "playlist")
    data = {key: value for key, value in playlist.items() if key not in _READ_ONLY_KEYS}
    if data.get("shots", []) is None:
        del data["shots"]
    return put(f"data/playlists/{playlist_id}", data)


def delete_playlist(playlist: Ref) -> Call[str]:
    """Delete a playlist (its build jobs and share links go with it).

    Args:
        playlist: the playlist (id or dict).

    Calls: DELETE /data/playlists/{playlist_id}
    """
    return delete(f"data/playlists/{to_id(playlist, 'playlist')}")


def get_entity_preview_files(entity: Ref) -> Call[dict[str, list[dict[str, Any]]]]:
    """The previews of an entity grouped by task type id, newest revision first.

    Args:
        entity: the entity (asset, shot, sequence, episode, edit, concept...), id or dict.

    Calls: GET /data/playlists/entities/{entity_id}/preview-files
    """
    entity_id = to_id(entity, "entity")
    path = f"data/playlists/entities/{entity_id}/preview-files"
    return get(path, then=lambda body: dict(body or {}))


def _newest_preview(previews: Mapping[str, list[dict[str, Any]]]) -> Optional[dict[str, Any]]:
    """gazu's choice: of each task type's first preview (its newest revision), the one created
    last; on a tie, the one of the task type listed first."""
    newest: Optional[dict[str, Any]] = None
    for files in previews.values():
        if files and (newest is None or _created(newest) < _created(files[0])):
            newest = files[0]
    return newest


def _created(preview_file: Mapping[str, Any]) -> str:
    return str(preview_file.get("created_at") or "")


def add_entity_to_playlist(
    playlist: Union[Mapping[str, Any], str],
    entity: Ref,
    preview_file: Optional[Ref] = None,
    persist: bool = True,
) -> Flow[Playlist]:
    """Add an entity to a playlist, showing `preview_file`, else its newest preview.

    With `persist`, Zou appends the entry and the saved playlist is returned (Zou picks the
    newest preview itself, of the playlist's task type when it has one, and skips an entry
    already there). Without it nothing is saved: a copy of the `playlist` dict is returned with
    the entry appended to its `shots` (a null or missing `shots` counts as empty, an identical
    entry is appended again, as with gazu); the preview is then, as gazu picks it, the one
    created last among each task type's newest revision. The argument is not mutated. Given
    only an id, the server's playlist is copied.

    Args:
        playlist: the playlist (id or dict).
        entity: the entity (asset, shot, sequence, episode, edit, concept...), id or dict.
        preview_file: the preview to show (id or dict); None: the entity's newest.
        persist: save the change on Zou (False: only edit and return the playlist dict given).

    Calls: POST /actions/playlists/{playlist_id}/add-entity
        (persist=False: GET /data/playlists/entities/{entity_id}/preview-files when no preview
        is given; GET /data/playlists/{playlist_id} when only an id is given)
    """
    entity_id = to_id(entity, "entity")
    preview_id = to_optional_id(preview_file, "preview file")
    if persist:
        playlist_id = to_id(playlist, "playlist")
        entry: dict[str, Any] = {"entity_id": entity_id}
        if preview_id is not None:
            entry["preview_file_id"] = preview_id
        added: Playlist = yield from post(f"actions/playlists/{playlist_id}/add-entity", entry)
        return added
    copy: Any = dict(playlist) if isinstance(playlist, Mapping) else None
    given_id = "" if copy is not None else to_id(playlist, "playlist")  # checked before any request
    if preview_id is None:
        newest = _newest_preview((yield from get_entity_preview_files(entity_id)))
        preview_id = newest["id"] if newest else None
    if copy is None:
        copy = yield from _read_fresh(given_id)
    new_entry = {"entity_id": entity_id}
    if preview_id is not None:
        new_entry["preview_file_id"] = preview_id
    copy["shots"] = [*(copy.get("shots") or []), new_entry]
    updated: Playlist = copy
    return updated


def _read_fresh(playlist_id: str) -> Call[dict[str, Any]]:
    """A playlist read past the cache: its entries are about to be edited and written back."""
    path = f"data/playlists/{playlist_id}"
    return get(path, cacheable=False, then=lambda answer: dict(answer or {}))


def _editable(playlist: Union[Mapping[str, Any], str]) -> Flow[Any]:
    """The playlist an entry edit changes and returns, with a `shots` list: the caller's dict
    itself (changed in place, as gazu does; a copy when it is a read-only mapping), or the
    server's playlist when only an id is given. A dict without a `shots` list gets the server's
    entries rather than losing them."""
    target: Any = None
    if isinstance(playlist, dict):
        target = playlist
    elif isinstance(playlist, Mapping):
        target = dict(playlist)
    if target is None or not isinstance(target.get("shots"), list):
        server = yield from _read_fresh(to_id(playlist, "playlist"))
        target = server if target is None else target
        target["shots"] = list(server.get("shots") or [])
    return target


def _save_entries(playlist_id: str, entries: list[dict[str, Any]]) -> Call[Any]:
    """PUT a playlist's entries, and only them: the other fields of a possibly stale dict are
    not written back."""
    return put(f"data/playlists/{playlist_id}", {"shots": entries})


def remove_entity_from_playlist(
    playlist: Union[Mapping[str, Any], str],
    entity: Ref,
    persist: bool = True,
) -> Flow[Playlist]:
    """Remove every entry of an entity from a playlist; returns the playlist given, edited.

    As gazu does, the `playlist` dict itself is changed (its `shots` list replaced) and returned,
    with every key it had (`build_jobs`...); with `persist` its entries are then saved. Given
    only an id (or a dict without a `shots` list), the server's entries are read first.

    Args:
        playlist: the playlist (id or dict).
        entity: the entity (asset, shot, sequence, episode, edit, concept...), id or dict.
        persist: save the change on Zou (False: only edit and return the playlist dict given).

    Calls: PUT /data/playlists/{playlist_id} (persist=True; only the `shots`),
        GET /data/playlists/{playlist_id} first when the entries are not in the argument
    """
    entity_id = to_id(entity, "entity")
    playlist_id = to_id(playlist, "playlist") if persist else None
    edited = yield from _editable(playlist)
    edited["shots"] = [entry for entry in edited["shots"] if entry.get("entity_id") != entity_id]
    if playlist_id is not None:
        yield from _save_entries(playlist_id, edited["shots"])
    playlist_out: Playlist = edited
    return playlist_out


def update_entity_preview(
    playlist: Union[Mapping[str, Any], str],
    entity: Ref,
    preview_file: Ref,
    persist: bool = True,
) -> Flow[Playlist]:
    """Show `preview_file` for every entry of `entity` in a playlist; returns the playlist given,
    edited.

    As gazu does, the `playlist` dict itself is changed (the entries in its `shots` list) and
    returned, with every key it had (`build_jobs`...); with `persist` its entries are then
    saved (Zou then replaces a preview that belongs to another entity by the entity's latest
    one: read the playlist again to see it). Given only an id (or a dict without a `shots`
    list), the server's entries are read first.

    Args:
        playlist: the playlist (id or dict).
        entity: the entity (asset, shot, sequence, episode, edit, concept...), id or dict.
        preview_file: the preview to show (id or dict).
        persist: save the change on Zou (False: only edit and return the playlist dict given).

    Calls: PUT /data/playlists/{playlist_id} (persist=True; only the `shots`),
        GET /data/playlists/{playlist_id} first when the entries are not in the argument
    """
    entity_id = to_id(entity, "entity")
    preview_id = to_id(preview_file, "preview file")
    playlist_id = to_id(playlist, "playlist") if persist else None
    edited = yield from _editable(playlist)
    for entry in edited["shots"]:
        if entry.get("entity_id") == entity_id:
            entry["preview_file_id"] = preview_id
    if playlist_id is not None:
        yield from _save_entries(playlist_id, edited["shots"])
    playlist_out: Playlist = edited
    return playlist_out


# -- builds -----------------------------------------------------------------------------------


def build_playlist_movie(playlist: Ref) -> Call[dict[str, Any]]:
    """Build the playlist's movie from its movie previews; returns the build job.

    Without a job queue Zou builds during the request (the job comes back `succeeded`), and
    answers 500 (ServerError) when it fails, e.g. when no entry has a movie preview; a failed job
    is recorded either way. With a queue the job comes back `running`: poll get_build_job.

    Args:
        playlist: the playlist (id or dict).

    Calls: GET /data/playlists/{playlist_id}/build/mp4 (a GET that starts a job: never cached)
    """
    playlist_id = to_id(playlist, "playlist")
    return get(f"data/playlists/{playlist_id}/build/mp4", cacheable=False)


@cached("playlist")
def get_build_job(playlist: Ref, build_job: Ref) -> Call[dict[str, Any]]:
    """One build job of a playlist (status `running`, `succeeded` or `failed`).

    Args:
        playlist: the playlist (id or dict).
        build_job: the build job (id or dict).

    Calls: GET /data/playlists/{playlist_id}/jobs/{build_job_id}
    """
    playlist_id = to_id(playlist, "playlist")
    job_id = to_id(build_job, "build job")
    return get(f"data/playlists/{playlist_id}/jobs/{job_id}")


def remove_build_job(playlist: Ref, build_job: Ref) -> Call[str]:
    """Delete a build job and its movie.

    Args:
        playlist: the playlist (id or dict).
        build_job: the build job (id or dict).

    Calls: DELETE /data/playlists/{playlist_id}/jobs/{build_job_id}
    """
    playlist_id = to_id(playlist, "playlist")
    job_id = to_id(build_job, "build job")
    return delete(f"data/playlists/{playlist_id}/jobs/{job_id}")


@cached("playlist", "project")
def all_build_jobs_for_project(project: Ref) -> Call[list[dict[str, Any]]]:
    """Every build job of a project's playlists.

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/build-jobs
    """
    project_id = to_id(project, "project")
    return get(f"data/projects/{project_id}/build-jobs", then=_rows)


def download_playlist_build(
    playlist: Ref,
    build_job: Ref,
    file_path: Union[str, os.PathLike[str]],
    progress_callback: Optional[ProgressCallback] = None,
) -> Call[str]:
    """Save a built playlist movie to `file_path` (atomically); returns the absolute path.

    Args:
        playlist: the playlist (id or dict).
        build_job: the build job (id or dict).
        file_path: where to write the file: a file path in a folder that exists (written
            atomically).
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: GET /data/playlists/{playlist_id}/jobs/{build_job_id}/build/mp4
    """
    check_progress(progress_callback)  # before any request
    playlist_id = to_id(playlist, "playlist")
    job_id = to_id(build_job, "build job")
    path = f"data/playlists/{playlist_id}/jobs/{job_id}/build/mp4"
    return Download(path, file_path, progress_callback=progress_callback)


def download_playlist_zip(
    playlist: Ref,
    file_path: Union[str, os.PathLike[str]],
    progress_callback: Optional[ProgressCallback] = None,
) -> Call[str]:
    """Save a zip of the playlist's previews to `file_path` (atomically); returns the path.

    Args:
        playlist: the playlist (id or dict).
        file_path: where to write the file: a file path in a folder that exists (written
            atomically).
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: GET /data/playlists/{playlist_id}/download/zip
    """
    check_progress(progress_callback)  # before any request
    playlist_id = to_id(playlist, "playlist")
    path = f"data/playlists/{playlist_id}/download/zip"
    return Download(path, file_path, progress_callback=progress_callback)


# -- sharing and temporary playlists ----------------------------------------------------------


def generate_temp_playlist(project: Ref, data: Mapping[str, Any]) -> Call[list[dict[str, Any]]]:
    """Playlist entries built from tasks, saved nowhere (`data` is `{"task_ids": [...]}`).

    Zou answers a list of entries (entity, its latest preview for the task, its revisions).

    Args:
        project: the project (id or dict).
        data: `{"task_ids": [...]}`: the tasks whose previews make the entries.

    Calls: POST /data/projects/{project_id}/playlists/temp
    """
    project_id = to_id(project, "project")
    if not isinstance(data, Mapping):
        raise InvalidInputError("data must be a dict such as {'task_ids': [...]}")
    body = dict(data)
    if "task_ids" in body:
        body["task_ids"] = [to_id(task, "task") for task in body["task_ids"]]
    return post(f"data/projects/{project_id}/playlists/temp", body)


def notify_clients_playlist_ready(playlist: Ref) -> Call[dict[str, Any]]:
    """Tell the project's client users that the playlist is ready for review.

    Args:
        playlist: the playlist (id or dict).

    Calls: POST /data/playlists/{playlist_id}/notify-clients
    """
    playlist_id = to_id(playlist, "playlist")
    return post(f"data/playlists/{playlist_id}/notify-clients", {})


def new_share_link(
    playlist: Ref,
    expiration_date: Optional[str] = None,
    can_comment: bool = True,
    password: Optional[str] = None,
) -> Call[dict[str, Any]]:
    """Create a public link to a playlist; the answer carries its `token`.

    Args:
        playlist: the playlist (id or dict).
        expiration_date: the last day the link works, `YYYY-MM-DD` (None: no end).
        can_comment: people with the link may comment.
        password: a password the link asks for (None: none).

    Calls: POST /data/playlists/{playlist_id}/share
    """
    playlist_id = to_id(playlist, "playlist")
    data: dict[str, Any] = {"can_comment": bool(can_comment)}
    if expiration_date:
        data["expiration_date"] = expiration_date
    if password:
        data["password"] = password
    return post(f"data/playlists/{playlist_id}/share", data)


def all_share_links_for_playlist(playlist: Ref) -> Call[list[dict[str, Any]]]:
    """The active share links of a playlist.

    Args:
        playlist: the playlist (id or dict).

    Calls: GET /data/playlists/{playlist_id}/share
    """
    playlist_id = to_id(playlist, "playlist")
    return get(f"data/playlists/{playlist_id}/share", then=_rows)


def remove_share_link(playlist: Ref, token: Union[str, Mapping[str, Any]]) -> Call[str]:
    """Revoke a share link, given its token (or the share link dict).

    Args:
        playlist: the playlist (id or dict).
        token: the share link's token, or the share link dict.

    Calls: DELETE /data/playlists/{playlist_id}/share/{token}
    """
    playlist_id = to_id(playlist, "playlist")
    if isinstance(token, Mapping):
        token = token.get("token", "")
    if not isinstance(token, str) or not token.strip():
        raise InvalidInputError(f"token must be a share link token, got {echo(token)}")
    return delete(f"data/playlists/{playlist_id}/share/{segment(token.strip(), 'token')}")
