"""Argument checks shared by the working file, output file and file tree operations: file tree
modes, revision numbers, names, separators and local paths. Each raises InvalidInputError (or
MissingFileError) while the operation is built, before any request."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any, Optional

from .._core.errors import InvalidInputError, MissingFileError
from .._core.refs import echo

# A mode is a top-level key of a project's file tree ("working", "output", "preview", ...).
_MODE = re.compile(r"^[A-Za-z0-9_-]+$")


def mode_name(mode: Any) -> str:
    """A file tree mode name: letters, digits, `_` or `-` (Zou answers 400 or 500 otherwise)."""
    if not isinstance(mode, str) or not _MODE.match(mode):
        raise InvalidInputError(
            f"mode must name a section of the project's file tree (like 'working' or "
            f"'output'), got {echo(mode)}"
        )
    return mode


def revision_number(value: Any, what: str = "revision") -> int:
    """A revision number: an int >= 0 (0 lets Zou pick the next free revision)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInputError(f"{what} must be an integer >= 0, got {echo(value)}")
    return value


def element_count(value: Any) -> int:
    """How many files an output spans (an image sequence): an int >= 1."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInputError(f"nb_elements must be an integer >= 1, got {echo(value)}")
    return value


def separator(sep: Any) -> str:
    """A path separator: a short non-empty string ("/", "\\\\", ...)."""
    if not isinstance(sep, str) or not sep or len(sep) > 4 or sep.strip() != sep:
        raise InvalidInputError(f"sep must be a path separator like '/' or '\\\\', got {echo(sep)}")
    return sep


def file_name(name: Any, what: str = "name") -> str:
    """A non-empty name, sent as given (Zou slugifies it in paths)."""
    if not isinstance(name, str) or not name.strip():
        raise InvalidInputError(f"{what} must be a non-empty string, got {echo(name)}")
    return name


def text(value: Any, what: str) -> str:
    """A string, possibly empty (comments, representations)."""
    if not isinstance(value, str):
        raise InvalidInputError(f"{what} must be a string, got {type(value).__name__}")
    return value


def optional_text(value: Any, what: str) -> Optional[str]:
    """None, or a string (a filter left out when None or empty)."""
    return None if value is None else text(value, what)


def fields(data: Any, what: str = "data") -> dict[str, Any]:
    """A copy of a dict of fields to change; it must not be empty."""
    if not isinstance(data, Mapping) or not data:
        raise InvalidInputError(f"{what} must be a non-empty dict of the fields to change")
    return dict(data)


def local_file(file_path: Any) -> str:
    """An existing local file to upload."""
    path = local_path(file_path)
    if not os.path.isfile(path):
        raise MissingFileError(f"no such file to upload: {echo(path, 300)}")
    return path


def local_path(file_path: Any) -> str:
    """A local path to write to or read from, as a string."""
    if not isinstance(file_path, (str, os.PathLike)):
        raise InvalidInputError(f"file_path must be a path, got {type(file_path).__name__}")
    path = os.fspath(file_path)
    if not isinstance(path, str) or not path.strip():
        raise InvalidInputError(f"file_path must be a non-empty path, got {echo(file_path)}")
    return path


def rows(answer: Any) -> list[dict[str, Any]]:
    """`then` for routes answering a list of rows (or a page of them)."""
    if isinstance(answer, Mapping) and isinstance(answer.get("data"), list):
        return [dict(row) for row in answer["data"]]
    return [dict(row) for row in answer or []]


def row(answer: Any) -> dict[str, Any]:
    """`then` for routes answering one row."""
    return dict(answer or {})


def progress(callback: Any) -> Any:
    """A progress callback, checked before any request: None or a callable (it is called as
    `callback(bytes_done, bytes_total)` while a file moves)."""
    if callback is not None and not callable(callback):
        raise InvalidInputError(
            f"progress_callback must be callable or None, got {type(callback).__name__}"
        )
    return callback
