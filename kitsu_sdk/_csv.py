"""CSV export of a project's shots or assets, shared by shot.py and asset.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from ._core.refs import Ref, to_id, to_optional_id
from .client import KitsuClient, resolve_client

if TYPE_CHECKING:
    from ._core.call import ProgressCallback


def export_csv(
    kind: str,
    project: Ref,
    csv_file_path: str,
    episode: Optional[Ref],
    assigned_to: Optional[Ref],
    client: Optional[KitsuClient],
    progress_callback: Optional[ProgressCallback],
) -> str:
    """Download `export/csv/projects/{id}/{kind}.csv` atomically; returns the absolute path."""
    project_id = to_id(project, "project")
    params = {
        "episode_id": to_optional_id(episode, "episode"),
        "assigned_to": to_optional_id(assigned_to, "person"),
    }
    return resolve_client(client).download(
        f"export/csv/projects/{project_id}/{kind}.csv",
        csv_file_path,
        params=params,
        progress_callback=progress_callback,
    )
