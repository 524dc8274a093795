"""Shots and assets in and out of files: the CSV export both families share."""

from __future__ import annotations

from typing import Optional

from .._core.call import Call, Download, ProgressCallback
from .._core.refs import Ref, to_id, to_optional_id
from .file_args import progress as check_progress


def export_csv(
    kind: str,
    project: Ref,
    csv_file_path: str,
    episode: Optional[Ref],
    assigned_to: Optional[Ref],
    progress_callback: Optional[ProgressCallback],
) -> Call[str]:
    """Download `export/csv/projects/{id}/{kind}.csv` atomically; the absolute path written."""
    check_progress(progress_callback)  # before any request
    project_id = to_id(project, "project")
    params = {
        "episode_id": to_optional_id(episode, "episode"),
        "assigned_to": to_optional_id(assigned_to, "person"),
    }
    return Download(
        f"export/csv/projects/{project_id}/{kind}.csv",
        csv_file_path,
        params=params,
        progress_callback=progress_callback,
    )
