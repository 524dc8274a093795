"""gazu's small helpers (`gazu.helpers`): model references, dates, file names, and a plain file
download from any URL. The SDK itself validates with `_core.refs`; these keep gazu's names and
results for scripts that call them directly."""

from __future__ import annotations

import datetime
import mimetypes
import os
import tempfile
from collections.abc import Mapping
from typing import Any, Optional, Union
from urllib.parse import unquote, urlsplit

from ._core import constants as C
from ._core.errors import DownloadError, InvalidIdError, InvalidInputError
from ._core.refs import echo, is_id

__all__ = [
    "download_file",
    "normalize_list_of_models_for_links",
    "normalize_model_parameter",
    "sanitize_filename",
    "validate_date_format",
]

#: Characters gazu drops from file names (path separators, shell and URL specials).
_FORBIDDEN_IN_FILENAME = frozenset("@|():%/,\\[]<>*?;`\n")


def normalize_model_parameter(model_parameter: Union[str, Mapping[str, Any], None]) -> Any:
    """A model dict from an id (`{"id": id}`), the dict itself when given one, None for None.

    Raises InvalidIdError (a ValueError, as gazu raises) for anything else.

    Args:
        model_parameter: an id, a dict with an `id`, or None.
    """
    if model_parameter is None:
        return None
    if isinstance(model_parameter, Mapping):
        return model_parameter
    if isinstance(model_parameter, str) and is_id(model_parameter):
        return {"id": model_parameter}
    raise InvalidIdError(
        f"expected an id or a model dict, got {type(model_parameter).__name__} "
        f"{str(model_parameter)[:80]!r}"
    )


def normalize_list_of_models_for_links(
    models: Union[list[Union[str, Mapping[str, Any]]], str, Mapping[str, Any], None] = None,
) -> list[str]:
    """The ids of a list of models (ids or dicts); one model is taken as a list of one.

    Args:
        models: ids or dicts (one model is taken as a list of one).
    """
    if models is None:
        return []
    items = models if isinstance(models, list) else [models]
    ids = []
    for model in items:
        normalized = normalize_model_parameter(model)
        if normalized is None or not isinstance(normalized.get("id"), str):
            raise InvalidIdError(f"a model without an id: {str(model)[:80]!r}")
        ids.append(normalized["id"])
    return ids


def validate_date_format(date_text: str) -> str:
    """`date_text` itself when it is `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`, else
    InvalidInputError (a ValueError, as gazu raises).

    Args:
        date_text: the date, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`.
    """
    for layout in ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            datetime.datetime.strptime(date_text, layout)
            return date_text
        except (TypeError, ValueError):
            continue
    raise InvalidInputError(
        f"incorrect date {str(date_text)[:40]!r}: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS"
    )


def sanitize_filename(filename: str) -> str:
    """`filename` without "..", path separators and the characters gazu forbids, stripped.

    Args:
        filename: the file name to clean.
    """
    if not isinstance(filename, str):
        raise InvalidInputError(f"a file name must be text, got {type(filename).__name__}")
    return "".join(
        c for c in filename.replace("..", "_") if c not in _FORBIDDEN_IN_FILENAME
    ).strip()


def download_file(
    url: str, file_path: Optional[str] = None, headers: Optional[Mapping[str, str]] = None
) -> str:
    """Download any http(s) URL to `file_path`; returns the path written.

    `file_path` may be a folder (the name comes from the URL, the extension from the answer's
    Content-Type when the name has none) or None (a new private temporary folder). The name is
    sanitized; the file is written beside its target and renamed when complete, so a failed
    download leaves nothing. Raises DownloadError (gazu's DownloadFileException) when the server
    does not answer 2xx, InvalidInputError for a URL that is not http(s).

    Args:
        url: an http(s) URL.
        file_path: the file to write, or a folder (the name comes from the URL); None: a new private
            temporary folder.
        headers: HTTP headers to send (such as the client's auth header), or None.
    """
    if not isinstance(url, str):
        raise InvalidInputError(f"a URL must be text, got {type(url).__name__}")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InvalidInputError(f"not an http(s) URL: {echo(url)}")
    if file_path is not None and not isinstance(file_path, (str, os.PathLike)):
        raise InvalidInputError(f"file_path must be a path, got {type(file_path).__name__}")
    if headers is not None and not isinstance(headers, Mapping):
        raise InvalidInputError(f"headers must be a dict, got {type(headers).__name__}")
    # Here: the SDK's own transfers go through the client's transport. A plain session of the
    # transport module, so a URL of an in-process app (kitsu_sdk.testing.FakeKitsu) is routed.
    from ._core.transfer import PartFile
    from ._core.transport import _Session

    with _Session() as session:
        response = session.get(
            url, headers=dict(headers or {}), stream=True, timeout=C.TRANSFER_TIMEOUT
        )
        with response:
            if not response.ok:
                raise DownloadError(
                    f"GET {parts.path or '/'}: {response.status_code} {response.reason}"
                )
            content_type = response.headers.get("Content-Type")
            target = _download_target(file_path, parts.path, content_type)
            total = response.headers.get("Content-Length")
            with PartFile(target, parts.path, None) as part:
                for chunk in response.iter_content(chunk_size=1 << 16):
                    part.write(chunk, None)
                return part.commit(int(total) if total and total.isdigit() else None)


def _download_target(file_path: Optional[str], url_path: str, content_type: Optional[str]) -> str:
    if file_path is None:
        # A private folder (0700): a URL-derived name in the shared temp root could be a
        # symlink planted by another user.
        file_path = tempfile.mkdtemp(prefix="kitsu_") + os.sep
    elif os.path.isdir(file_path):
        file_path = os.path.join(file_path, "")
    folder, name = os.path.split(file_path)
    if not name:
        name = unquote(url_path.rsplit("/", 1)[-1])
    stem, ext = os.path.splitext(name)
    if not ext and content_type:
        ext = mimetypes.guess_extension(content_type.split(";")[0].strip()) or ""
    name = sanitize_filename((stem or "file") + ext) or "file"
    folder = folder or os.getcwd()
    if not os.path.isdir(folder):
        raise DownloadError(f"download folder does not exist: {folder}")
    return os.path.join(folder, name)
