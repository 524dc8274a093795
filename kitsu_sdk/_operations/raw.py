"""gazu's low-level helpers as operations: any API path, the generic `data/<model>` routes, files.

The sync client's verbs (`client.fetch_all`), gazu's `kitsu_sdk.client.fetch_all` and the async
`kitsu_sdk.aio.fetch_all` all run these.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Optional, Union
from urllib.parse import parse_qsl, urlsplit

from .._core import call as http
from .._core import constants as C
from .._core.call import Call, Download, Flow, Op, ProgressCallback, RawGet, TextCall, Upload
from .._core.errors import InvalidInputError
from .._core.pagination import PageWalk, page_params
from .._core.refs import Ref, echo, to_id
from .file_args import local_file
from .file_args import progress as check_progress

# gazu puts `client` before these parameters (scripts/gen_bindings.py reads this).
_CLIENT_BEFORE = {"fetch_all": "paginated"}
# gazu.aio's twins of these take other parameters: kitsu_sdk/aio/__init__.py writes them.
_NOT_IN_AIO = {"upload": "gazu.aio.upload has no `files` and puts `client` before progress"}


def _route(
    path: str, params: Optional[Mapping[str, Any]] = None
) -> tuple[str, Optional[dict[str, Any]]]:
    """A path a script wrote, maybe with its query ("data/shots?project_id=…", as gazu allows),
    as the API path and the query apart: the route itself is then checked (`check_route`)."""
    route, mark, query = _text_path(path).lstrip("/").partition("?")
    if not mark:
        return route, dict(params) if params is not None else None
    merged = dict(parse_qsl(query, keep_blank_values=True))
    merged.update(params or {})
    return route, merged


def _text_path(path: Any, what: str = "path") -> str:
    if not isinstance(path, str):
        raise InvalidInputError(f"{what} must be an API path (a string), got {type(path).__name__}")
    return path


def _model(model_name: Any) -> str:
    """A model name (`shots`, `task-types`, or a sub-collection as gazu writes them:
    `projects/{id}/metadata-descriptors`), checked; `check_route` refuses what could bend the
    route (`..`, `?`, `#`)."""
    if not isinstance(model_name, str) or not model_name.strip("/ "):
        raise InvalidInputError(
            f"model_name must name a collection like 'shots', got {echo(model_name)}"
        )
    return model_name.strip("/")


def _what(model: str) -> str:
    # What an id error calls the row: the model's name when it is short enough to quote.
    return model if len(model) <= 40 else "row"


def _local(file_path: Any) -> str:
    # An existing file (not an int: open() would take it for a file descriptor).
    return local_file(file_path)


def get(
    path: str, json_response: bool = True, params: Optional[Mapping[str, Any]] = None
) -> Call[Any]:
    """GET an API path; the decoded JSON, or the answer's text as Zou sent it when
    `json_response` is False.

    Args:
        path: the API path, relative to the host (such as `data/projects`).
        json_response: decode the answer as JSON (False: return its text).
        params: query parameters, sent as the URL's query string.

    Calls: GET /<path>
    """
    route, query = _route(path, params)
    if json_response:
        return http.get(route, query)
    return TextCall("GET", route, params=query)


def post(path: str, data: Any = None) -> Call[Any]:
    """POST a JSON body to an API path (retried only if the connection was refused).

    Args:
        path: the API path, relative to the host (such as `data/projects`).
        data: the JSON body.

    Calls: POST /<path>
    """
    route, query = _route(path)
    return http.post(route, data, params=query)


def put(path: str, data: Any = None) -> Call[Any]:
    """PUT a JSON body to an API path.

    Args:
        path: the API path, relative to the host (such as `data/projects`).
        data: the JSON body.

    Calls: PUT /<path>
    """
    route, query = _route(path)
    return http.put(route, data, params=query)


def delete(path: str, params: Optional[Mapping[str, Any]] = None) -> Call[str]:
    """DELETE an API path; the answer's text, "" for Zou's usual 204 (as gazu).

    Args:
        path: the API path, relative to the host (such as `data/projects`).
        params: query parameters, sent as the URL's query string.

    Calls: DELETE /<path>
    """
    return http.delete(*_route(path, params))


def fetch_all(
    path: str,
    params: Optional[Mapping[str, Any]] = None,
    paginated: bool = False,
    limit: Optional[int] = None,
    fields: Union[list[str], str, None] = None,
) -> Op[list[dict[str, Any]]]:
    """Every row of `data/<path>`; `paginated` walks all the pages, `fields` trims the columns.

    Args:
        path: the route under `data/` (such as `shots`).
        params: query parameters, sent as the URL's query string.
        paginated: walk every page of the route.
        limit: the page size when `paginated`.
        fields: only these columns of each row.

    Calls: GET /data/<path>
    """
    query = dict(params or {})
    if fields:
        query["fields"] = fields if isinstance(fields, str) else ",".join(fields)
    full, given = _route(f"data/{_text_path(path).lstrip('/')}", query)
    query = given or {}
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
    walk = PageWalk(page_size)
    while walk.next_page is not None:
        page = walk.next_page
        body = yield http.get(path, page_params(params, page, page_size))
        rows.extend(walk.take(body, page))
    return rows


def fetch_first(
    path: str, params: Optional[Mapping[str, Any]] = None
) -> Call[Optional[dict[str, Any]]]:
    """The first row of `data/<path>`, or None.

    Args:
        path: the route under `data/` (such as `shots`).
        params: query parameters, sent as the URL's query string.

    Calls: GET /data/<path>
    """
    return http.get(*_route(f"data/{_text_path(path).lstrip('/')}", params or {}), then=_first)


def _first(body: Any) -> Optional[dict[str, Any]]:
    rows = _rows(body)
    return rows[0] if rows else None


def fetch_one(
    model_name: str, id: Ref, params: Optional[Mapping[str, Any]] = None
) -> Call[dict[str, Any]]:
    """One row by id.

    Args:
        model_name: the model's route name (such as `"projects"`, `"shots"`).
        id: the row's id (a dict or object with an `id` works too).
        params: query parameters, sent as the URL's query string.

    Calls: GET /data/<model_name>/<id>
    """
    model = _model(model_name)
    if params is not None and not isinstance(params, Mapping):
        raise InvalidInputError(f"params must be a dict, got {type(params).__name__}")
    return http.get(f"data/{model}/{to_id(id, _what(model))}", params, then=dict)


def create(model_name: str, data: Mapping[str, Any]) -> Call[dict[str, Any]]:
    """Create a row.

    Args:
        model_name: the model's route name (such as `"projects"`, `"shots"`).
        data: the new row's fields.

    Calls: POST /data/<model_name>
    """
    return http.post(f"data/{_model(model_name)}", dict(data), then=dict)


def update(model_name: str, model_id: Ref, data: Mapping[str, Any]) -> Call[dict[str, Any]]:
    """Update fields of a row.

    Args:
        model_name: the model's route name (such as `"projects"`, `"shots"`).
        model_id: the row's id (a dict or object with an `id` works too).
        data: the fields to change.

    Calls: PUT /data/<model_name>/<model_id>
    """
    model = _model(model_name)
    return http.put(f"data/{model}/{to_id(model_id, _what(model))}", dict(data), then=dict)


def import_data(model_name: str, data: Any) -> Call[Any]:
    """Upsert rows from another Kitsu (a list of dicts with ids).

    Args:
        model_name: the model's route name (such as `"projects"`, `"shots"`).
        data: the rows, each a dict with its `id`.

    Calls: POST /import/kitsu/<model_name>
    """
    return http.post(f"import/kitsu/{_model(model_name)}", data)


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

    Args:
        path: the API path, relative to the host (such as `data/projects`).
        file_path: the file sent as the `file` field, or None.
        data: form fields sent with the files.
        extra_files: more files, sent as `file-2`, `file-3`...
        files: field names mapped to local file paths.
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.

    Calls: POST /<path>
    """
    check_progress(progress_callback)  # before any request
    parts: list[tuple[str, str]] = []
    if file_path is not None:
        parts.append(("file", _local(file_path)))
    if extra_files is not None and not isinstance(extra_files, (list, tuple)):
        raise InvalidInputError(
            f"extra_files must be a list of paths, got {type(extra_files).__name__}"
        )
    for index, extra in enumerate(extra_files or [], start=2):
        parts.append((f"file-{index}", _local(extra)))
    if files is not None and not isinstance(files, Mapping):
        raise InvalidInputError(f"files must map field names to paths, got {type(files).__name__}")
    parts.extend((str(name), _local(p)) for name, p in (files or {}).items())
    if not parts:
        raise InvalidInputError("upload needs at least one file")
    route, query = _route(path)
    return Upload(route, parts, data, params=query, progress_callback=progress_callback)


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

    Args:
        path: the API path, relative to the host (such as `data/projects`).
        file_path: where to write the file: a file path in a folder that exists (written
            atomically).
        params: query parameters, sent as the URL's query string.
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.
        processing_timeout: seconds to wait while Zou is still making the file (a preview being
            processed).

    Calls: GET /<path>
    """
    check_progress(progress_callback)  # before any request
    route, query = _route(path, params)
    return Download(
        route,
        os.fspath(file_path),
        params=query,
        progress_callback=progress_callback,
        processing_timeout=processing_timeout,
    )


def get_file_data_from_url(url: str, full: bool = False) -> Call[bytes]:
    """The raw bytes at an API path (or a full URL when `full`).

    Args:
        url: an API path, or a full http(s) URL when `full`.
        full: `url` is a full URL, fetched without the client's token.

    Calls: GET /<url>
    """
    if full:
        parts = urlsplit(_text_path(url, "url"))
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise InvalidInputError(f"url must be an http(s) URL when full, got {echo(url)}")
        return RawGet(url, full=True)
    route, query = _route(url)
    return RawGet(route, params=query)


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
