"""gazu's low-level helpers as operations: any API path, the generic `data/<model>` routes, files.

The sync client's verbs (`client.fetch_all`), gazu's `kitsu_sdk.client.fetch_all` and the async
`kitsu_sdk.aio.fetch_all` all run these.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Optional, Union

from .._core import call as http
from .._core import constants as C
from .._core.call import Call, Download, Flow, Op, ProgressCallback, RawGet, TextCall, Upload
from .._core.errors import InvalidInputError
from .._core.pagination import page_params, read_page
from .._core.refs import Ref, to_id

# gazu puts `client` before these parameters (scripts/gen_bindings.py reads this).
_CLIENT_BEFORE = {"fetch_all": "paginated"}
# gazu.aio's twins of these take other parameters: kitsu_sdk/aio/__init__.py writes them.
_NOT_IN_AIO = {"upload": "gazu.aio.upload has no `files` and puts `client` before progress"}


def get(
    path: str, json_response: bool = True, params: Optional[Mapping[str, Any]] = None
) -> Call[Any]:
    """GET an API path; the decoded JSON, or the answer's text as Zou sent it when
    `json_response` is False.

    Calls: GET /<path>
    """
    if json_response:
        return http.get(path, params)
    return TextCall("GET", path, params=params)


def post(path: str, data: Any = None) -> Call[Any]:
    """POST a JSON body to an API path (retried only if the connection was refused).

    Calls: POST /<path>
    """
    return http.post(path, data)


def put(path: str, data: Any = None) -> Call[Any]:
    """PUT a JSON body to an API path.

    Calls: PUT /<path>
    """
    return http.put(path, data)


def delete(path: str, params: Optional[Mapping[str, Any]] = None) -> Call[str]:
    """DELETE an API path (None for Zou's usual 204).

    Calls: DELETE /<path>
    """
    return http.delete(path, params)


def fetch_all(
    path: str,
    params: Optional[Mapping[str, Any]] = None,
    paginated: bool = False,
    limit: Optional[int] = None,
    fields: Union[list[str], str, None] = None,
) -> Op[list[dict[str, Any]]]:
    """Every row of `data/<path>`; `paginated` walks all the pages, `fields` trims the columns.

    Calls: GET /data/<path>
    """
    query = dict(params or {})
    if fields:
        query["fields"] = fields if isinstance(fields, str) else ",".join(fields)
    full = f"data/{path.lstrip('/')}"
    if paginated:
        return _all_pages(full, query, limit or C.DEFAULT_PAGE_SIZE)
    if limit is not None:
        query["limit"] = limit
    return http.get(full, query, then=_rows)


def _rows(body: Any) -> list[dict[str, Any]]:
    if isinstance(body, dict) and isinstance(body.get("data"), list):
        return list(body["data"])
    return list(body or [])


def _all_pages(path: str, params: dict[str, Any], page_size: int) -> Flow[list[dict[str, Any]]]:
    if page_size < 1:
        raise InvalidInputError("limit (the page size) must be at least 1")
    rows: list[dict[str, Any]] = []
    page: Optional[int] = 1
    while page is not None:
        body = yield http.get(path, page_params(params, page, page_size))
        result = read_page(body, page)
        rows.extend(result.items)
        page = result.next_page
    return rows


def fetch_first(
    path: str, params: Optional[Mapping[str, Any]] = None
) -> Call[Optional[dict[str, Any]]]:
    """The first row of `data/<path>`, or None.

    Calls: GET /data/<path>
    """
    return http.get(f"data/{path.lstrip('/')}", dict(params or {}), then=_first)


def _first(body: Any) -> Optional[dict[str, Any]]:
    rows = _rows(body)
    return rows[0] if rows else None


def fetch_one(
    model_name: str, id: Ref, params: Optional[Mapping[str, Any]] = None
) -> Call[dict[str, Any]]:
    """One row by id.

    Calls: GET /data/<model_name>/<id>
    """
    return http.get(f"data/{model_name}/{to_id(id, model_name)}", params, then=dict)


def create(model_name: str, data: Mapping[str, Any]) -> Call[dict[str, Any]]:
    """Create a row.

    Calls: POST /data/<model_name>
    """
    return http.post(f"data/{model_name}", dict(data), then=dict)


def update(model_name: str, model_id: Ref, data: Mapping[str, Any]) -> Call[dict[str, Any]]:
    """Update fields of a row.

    Calls: PUT /data/<model_name>/<model_id>
    """
    return http.put(f"data/{model_name}/{to_id(model_id, model_name)}", dict(data), then=dict)


def import_data(model_name: str, data: Any) -> Call[Any]:
    """Upsert rows from another Kitsu (a list of dicts with ids).

    Calls: POST /import/kitsu/<model_name>
    """
    return http.post(f"import/kitsu/{model_name}", data)


def upload(
    path: str,
    file_path: Optional[str] = None,
    data: Optional[Mapping[str, Any]] = None,
    extra_files: Optional[list[str]] = None,
    files: Optional[Mapping[str, str]] = None,
    progress_callback: Optional[ProgressCallback] = None,
) -> Call[Any]:
    """POST files as multipart form data, streamed from disk, with progress.

    `file_path` goes in the `file` field, `extra_files` in `file-2`, `file-3`…, `files` maps
    field names to paths. `progress_callback(bytes_sent, total)` is called as it goes.
    Raises MissingFileError before sending when a file does not exist, UploadError when the
    transfer is cut, and the mapped APIError when Zou refuses it.

    Calls: POST /<path>
    """
    parts: list[tuple[str, str]] = []
    if file_path is not None:
        parts.append(("file", os.fspath(file_path)))
    for index, extra in enumerate(extra_files or [], start=2):
        parts.append((f"file-{index}", os.fspath(extra)))
    parts.extend((name, os.fspath(p)) for name, p in (files or {}).items())
    if not parts:
        raise InvalidInputError("upload needs at least one file")
    return Upload(path.lstrip("/"), parts, data, progress_callback=progress_callback)


def download(
    path: str,
    file_path: Union[str, os.PathLike[str]],
    params: Optional[Mapping[str, Any]] = None,
    progress_callback: Optional[ProgressCallback] = None,
    processing_timeout: float = C.PROCESSING_TIMEOUT,
) -> Call[str]:
    """Stream an API path into a file atomically; the absolute path written.

    The status is checked before anything is written, the data goes to a temporary file in
    the same folder, renamed at the end: a failed download leaves no file behind.

    Calls: GET /<path>
    """
    return Download(
        path.lstrip("/"),
        os.fspath(file_path),
        params=params,
        progress_callback=progress_callback,
        processing_timeout=processing_timeout,
    )


def get_file_data_from_url(url: str, full: bool = False) -> Call[bytes]:
    """The raw bytes at an API path (or a full URL when `full`).

    Calls: GET /<url>
    """
    return RawGet(url, full=full)


def get_api_version() -> Call[str]:
    """Zou's version string.

    Calls: GET /
    """
    return http.get("", then=lambda body: str(body["version"]))


def get_current_user() -> Call[dict[str, Any]]:
    """The logged-in person (or bot).

    Calls: GET /auth/authenticated
    """
    return http.get("auth/authenticated", then=lambda body: dict(body["user"]))
