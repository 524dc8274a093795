"""The differences from gazu 1.3.1 that are on purpose, with their reasons (the same as in
docs/gazu-compatibility.md, "Differences on purpose", or in the function's docstring).

A key is a gazu function ("files.download_preview_file": every case of it) or one case
("shot.get_shot[a name for an id]", as the test ids show it). A listed case may differ from gazu
in any way but a missing function; an entry none of whose cases differs any more fails the suite
(test_difference_still_differs), so this table stays true. Anything else that differs is a bug.
"""

from __future__ import annotations

_DOWNLOAD = (
    "downloads return the absolute path written, where gazu returns None or the "
    "requests.Response: the file is written atomically (nothing partial on failure) and the "
    "path is what callers need (docs/gazu-compatibility.md)"
)
_BAD_INPUT = (
    "bad input raises InvalidInputError / InvalidIdError (both ValueError) before any request, "
    "where gazu sends it and gets Zou's error (docs/gazu-compatibility.md)"
)
_PERSON_MAP = (
    "gazu's person id map raises AttributeError on a Kitsu with a bot (no e-mail); kitsu_sdk "
    "skips bots (docs/gazu-compatibility.md)"
)

DIFFERENCES: dict[str, str] = {
    **{
        name: _DOWNLOAD
        for name in (
            "asset.export_assets_with_csv",
            "client.download",
            "files.download_attachment_file",
            "files.download_organisation_avatar",
            "files.download_person_avatar",
            "files.download_preview_file",
            "files.download_preview_file_cover",
            "files.download_preview_file_thumbnail",
            "files.download_preview_lowdef_movie",
            "files.download_preview_movie",
            "files.download_project_avatar",
            "files.download_working_file",
            "files.extract_frame_from_preview",
            "files.extract_tile_from_preview",
            "playlist.download_playlist_build",
            "playlist.download_playlist_zip",
            "shot.export_shots_with_csv",
        )
    },
    "shot.get_shot[a name for an id]": _BAD_INPUT,
    "project.add_metadata_descriptor[task type on an asset descriptor]": _BAD_INPUT,
    "project.create_budget[gazu's other fields]": (
        "Zou 1.0.97 budgets only hold a name and a currency: gazu's description, dates and "
        "amount raise InvalidInputError instead of being dropped (docstring)"
    ),
    "project.create_budget_entry": (
        "Zou 1.0.97 budget entries have no name, amount, quantity, unit price, description or "
        "category, and need a department: gazu's request gets a 400, kitsu_sdk raises "
        "InvalidInputError before sending it (docstring)"
    ),
    "project.get_project_task_types": (
        "gazu GETs /settings/task-types, which Zou 1.0.97 serves for POST only (405); "
        "kitsu_sdk reads /data/projects/{id}/task-types (docstring)"
    ),
    "project.update_budget_entry": (
        "Zou nulls every field the body leaves out (gazu's partial update gets a 500); kitsu_sdk "
        "reads the entry first and sends it back with the changes (docstring)"
    ),
    "project.update_metadata_descriptor": (
        "Zou resets every field the body leaves out (gazu loses the data type and choices); "
        "kitsu_sdk reads the descriptor first and sends the missing fields unchanged (docstring)"
    ),
    "edit.new_edit[episode]": (
        "gazu sends the episode as parent_id, which Zou ignores; kitsu_sdk sends episode_id, so "
        "the edit really is in the episode (docs/gazu-compatibility.md)"
    ),
    "edit.get_edit_url[episode]": (
        "the edit made by edit.new_edit[episode] is in its episode with kitsu_sdk only, so its "
        "URL has the episode (docs/gazu-compatibility.md, edit.new_edit)"
    ),
    "edit.new_edit[existing, episode elsewhere]": (
        "returns the edit made by edit.new_edit[episode], which is in its episode with kitsu_sdk "
        "only: parent_id is the episode where gazu's is null (docs/gazu-compatibility.md, "
        "edit.new_edit)"
    ),
    "concept.new_concept[links]": (
        "gazu sends the links as bare ids, which Zou 1.0.97 refuses (400); kitsu_sdk sends "
        '{"id": ...} rows (docs/gazu-compatibility.md)'
    ),
    "sync.get_last_events[files]": (
        "gazu sends only_files=True, which Zou ignores; kitsu_sdk sends true, so only file "
        "events come back (docs/gazu-compatibility.md)"
    ),
    "sync.get_sync_person_id_map": _PERSON_MAP,
    "sync.push_tasks": _PERSON_MAP,
    "sync.push_tasks_comments": _PERSON_MAP,
    "client.get_event_host": (
        "without set_event_host the event host is derived from the host (docs/architecture.md); "
        "gazu keeps its placeholder"
    ),
    "client.fetch_all[paginated, a route without pages]": (
        "Zou answers this route with a plain list even when a page is asked for; gazu's "
        "paginated fetch_all expects the page envelope and raises AttributeError, kitsu_sdk "
        "returns the list (docs/gazu-compatibility.md)"
    ),
    **{
        name: (
            "Zou 1.0.97 refuses gazu's request (400 'Request body must be a JSON array.' or "
            "500); kitsu_sdk sends the body Zou reads, so the comments are posted "
            "(docs/gazu-compatibility.md)"
        )
        for name in (
            "task.batch_comments",
            "task.create_multiple_comments",
            "task.add_tasks_batch_comments",
        )
    },
    "client.make_auth_header": (
        "the User-Agent names kitsu_sdk and its version (constants.USER_AGENT); the keys are "
        "gazu's (docs/gazu-compatibility.md)"
    ),
}
