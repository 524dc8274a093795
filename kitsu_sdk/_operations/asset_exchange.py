"""Assets in and out of files: CSV import and export (public in `asset`)."""

from __future__ import annotations

from typing import Any, Optional

from .._core.call import Call, ProgressCallback, Upload
from .._core.refs import Ref, to_id
from .exchange import export_csv
from .file_args import local_file
from .file_args import progress as check_progress


def import_assets_with_csv(
    project: Ref,
    csv_file_path: str,
    progress_callback: Optional[ProgressCallback] = None,
) -> Call[list[dict[str, Any]]]:
    """Create or update assets from a CSV file (columns Episode, Type, Name, Description, …).

    Zou imports row by row and stops at the first bad row (400 with `line_number`), keeping the
    rows before it. MissingFileError before sending when the file does not exist.

    Args:
        project: the project (id or dict).
        csv_file_path: the CSV file to import.
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: POST /import/csv/projects/{project_id}/assets
    """
    check_progress(progress_callback)  # before any request
    project_id = to_id(project, "project")
    return Upload(
        f"import/csv/projects/{project_id}/assets",
        [("file", local_file(csv_file_path))],
        progress_callback=progress_callback,
        then=_rows,
    )


def _rows(answer: Any) -> list[dict[str, Any]]:
    return list(answer or [])


def export_assets_with_csv(
    project: Ref,
    csv_file_path: str,
    episode: Optional[Ref] = None,
    assigned_to: Optional[Ref] = None,
    progress_callback: Optional[ProgressCallback] = None,
) -> Call[str]:
    """Write a project's assets as CSV (`;`-separated) to `csv_file_path`; returns the path.

    Unlike gazu (which returns the Response), the file is written atomically and the absolute
    path is returned; an error answer raises instead of being saved as the file.

    Args:
        episode: only the assets of this episode.
        assigned_to: only the assets with a task assigned to this person.
        project: the project (id or dict).
        csv_file_path: where to write the CSV file.
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: GET /export/csv/projects/{project_id}/assets.csv
    """
    check_progress(progress_callback)  # before any request
    return export_csv("assets", project, csv_file_path, episode, assigned_to, progress_callback)
