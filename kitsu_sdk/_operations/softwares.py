"""Softwares, the DCC applications working files are made with (name, short name, main and
secondary file extensions): listing, lookup, creation and update (public in `files`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from .._core.call import Call, Flow, get, post, put
from .._core.errors import InvalidInputError
from .._core.op_cache import cached
from .._core.refs import Ref, echo, entity_dict, to_id
from . import entities as _common
from .file_args import file_name, row, rows


@cached("software")
def all_softwares() -> Call[list[dict[str, Any]]]:
    """Every software declared in the studio.

    Calls: GET /data/softwares
    """
    return get("data/softwares", then=rows)


@cached("software")
def get_software(software_id: Ref) -> Call[dict[str, Any]]:
    """The software with this id.

    Args:
        software_id: the software's id (a dict or object with an `id` works too).

    Calls: GET /data/softwares/{software_id}
    """
    return get(f"data/softwares/{to_id(software_id, 'software')}", then=row)


@cached("software")
def get_software_by_name(software_name: str) -> Call[Optional[dict[str, Any]]]:
    """The software with this name, or None (an exact match wins over one differing by case).

    Args:
        software_name: the software's name.

    Calls: GET /data/softwares?name=
    """
    return _common.by_name("data/softwares", {}, software_name, "software name")


def _extensions(values: Any) -> list[str]:
    if isinstance(values, (str, bytes)) or not isinstance(values, (list, tuple)):
        raise InvalidInputError(
            f"secondary_extensions must be a list of extensions, got {type(values).__name__}"
        )
    for value in values:
        if not isinstance(value, str) or not value.strip():
            raise InvalidInputError(f"each secondary extension must be a string, got {echo(value)}")
    return list(values)


def new_software(
    name: str,
    short_name: str,
    file_extension: str,
    secondary_extensions: Optional[list[str]] = None,
) -> Flow[dict[str, Any]]:
    """Declare a software, or return the one already named so (left unchanged).

    Args:
        name: its name ("Blender").
        short_name: the short form shown in the UI ("blend").
        file_extension: the extension of its main file type (".blend").
        secondary_extensions: other extensions it writes, like ["ma", "mb"].

    Calls: GET /data/softwares?name=, then POST /data/softwares when there is none
    """
    body: dict[str, Any] = {
        "name": file_name(name, "software name").strip(),
        "short_name": file_name(short_name, "short_name"),
        "file_extension": file_name(file_extension, "file_extension"),
    }
    if secondary_extensions is not None:
        body["secondary_extensions"] = _extensions(secondary_extensions)
    existing = yield from get_software_by_name(body["name"])
    if existing is not None:
        return dict(existing)
    created: dict[str, Any] = yield from post("data/softwares", body, then=row)
    return created


def update_software(software: Mapping[str, Any]) -> Call[dict[str, Any]]:
    """Save the fields of a software dict (it must have its `id`); returns the saved software.

    Use it to change `secondary_extensions`, the name or the extension; the whole dict is sent,
    and Zou leaves `id`, `created_at` and `updated_at` alone.

    Args:
        software: the software dict, with its `id` and the fields to save.

    Calls: PUT /data/softwares/{software_id}
    """
    body = entity_dict(software, "software")
    software_id = body["id"]
    if "secondary_extensions" in body and body["secondary_extensions"] is not None:
        body["secondary_extensions"] = _extensions(body["secondary_extensions"])
    return put(f"data/softwares/{software_id}", body, then=row)
