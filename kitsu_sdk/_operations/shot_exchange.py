"""Shots in and out of files: CSV import and export, OTIO/EDL import (public in `shot`)."""

from __future__ import annotations

from typing import Optional

from .._core.call import Call, ProgressCallback, Upload
from .._core.refs import Ref, require_name, to_id, to_optional_id
from ..types import Shot
from .exchange import export_csv
from .file_args import local_file
from .file_args import progress as check_progress


def import_shots_with_csv(
    project: Ref,
    csv_file_path: str,
    progress_callback: Optional[ProgressCallback] = None,
    *,
    update: bool = False,
) -> Call[list[Shot]]:
    """Create shots (and missing episodes, sequences) from a CSV file; returns the new shots.

    Columns: Episode (TV shows), Sequence, Name, and optionally Description, Nb Frames, Frame In,
    Frame Out, FPS, task type names (statuses). `update` also updates shots that exist. A bad row
    raises BadRequestError with Zou's message and line number; rows before it stay imported.

    Args:
        project: the project (id or dict).
        csv_file_path: the CSV file to import.
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.
        update: also update the shots that already exist.

    Calls: POST /import/csv/projects/{project_id}/shots
    """
    check_progress(progress_callback)  # before any request
    project_id = to_id(project, "project")
    path = f"import/csv/projects/{project_id}/shots"
    params = {"update": "true"} if update else None
    return Upload(
        path,
        [("file", local_file(csv_file_path))],
        params=params,
        progress_callback=progress_callback,
    )


def export_shots_with_csv(
    project: Ref,
    csv_file_path: str,
    episode: Optional[Ref] = None,
    assigned_to: Optional[Ref] = None,
    progress_callback: Optional[ProgressCallback] = None,
) -> Call[str]:
    """Write a project's shots (optionally one episode's, or one person's) to a CSV file.

    Zou writes `;`-separated columns. Returns the absolute path written (gazu returned the
    HTTP response); nothing is written when Zou refuses.

    Args:
        project: the project (id or dict).
        csv_file_path: where to write the CSV file.
        episode: only those of this episode (id or dict); None: no filter.
        assigned_to: only those of this person (id or dict); None: no filter.
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: GET /export/csv/projects/{project_id}/shots.csv
    """
    check_progress(progress_callback)  # before any request
    return export_csv("shots", project, csv_file_path, episode, assigned_to, progress_callback)


def import_otio(
    project: Ref,
    otio_file_path: str,
    episode: Optional[Ref] = None,
    naming_convention: Optional[str] = None,
    match_case: bool = True,
    progress_callback: Optional[ProgressCallback] = None,
) -> Call[dict[str, list[Shot]]]:
    """Create or update shots (frame in/out, nb_frames) from an OTIO, EDL or other timeline.

    TV shows need `episode`. `naming_convention` maps clip names to sequence and shot names;
    Zou's default is "${project_name}_${sequence_name}-${shot_name}" (with "${episode_name}-"
    before the sequence for an episode). Each part matches `\\w*` only: a project name with a
    `-` never matches, pass a convention without `${project_name}` then.

    Args:
        project: the project (id or dict).
        otio_file_path: the timeline file (OTIO, EDL...)
        episode: the episode to import into (required for TV shows).
        naming_convention: how clip names map to sequences and shots, such as
            "${sequence_name}-${shot_name}" (None: Zou's default).
        match_case: names must match with the same case.
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: POST /import/otio/projects/{project_id}[/episodes/{episode_id}]
    """
    check_progress(progress_callback)  # before any request
    path = f"import/otio/projects/{to_id(project, 'project')}"
    episode_id = to_optional_id(episode, "episode")
    if episode_id is not None:
        path += f"/episodes/{episode_id}"
    if naming_convention is not None:
        require_name(naming_convention, "naming_convention")
    fields = {"naming_convention": naming_convention, "match_case": bool(match_case)}
    file_path = local_file(otio_file_path)
    return Upload(path, [("file", file_path)], fields, progress_callback=progress_callback)
