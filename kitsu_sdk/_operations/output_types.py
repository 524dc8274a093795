"""Output types (what an output file holds: geometry, cache, render...) and file statuses (the
state of an output file), the two vocabularies of output files (public in `files`)."""

from __future__ import annotations

import re
from typing import Any, Optional

from .._core.call import Call, Flow, get, post
from .._core.errors import InvalidInputError
from .._core.op_cache import cached
from .._core.refs import Ref, echo, to_id
from . import entities as _common
from .file_args import file_name, row, rows

_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


# -- output types -----------------------------------------------------------------------------


@cached("output-type")
def all_output_types() -> Call[list[dict[str, Any]]]:
    """Every output type of the studio.

    Calls: GET /data/output-types
    """
    return get("data/output-types", then=rows)


@cached("output-type", "entity")
def all_output_types_for_entity(entity: Ref) -> Call[list[dict[str, Any]]]:
    """The output types of the output files an entity (asset, shot...) has.

    Args:
        entity: the entity (asset, shot, sequence, episode, edit, concept...), id or dict.

    Calls: GET /data/entities/{entity_id}/output-types
    """
    return get(f"data/entities/{to_id(entity, 'entity')}/output-types", then=rows)


@cached("output-type", "asset-instance", "asset")
def all_output_types_for_asset_instance(
    asset_instance: Ref, temporal_entity: Ref
) -> Call[list[dict[str, Any]]]:
    """The output types of the output files of an asset instance in a shot or a scene.

    Args:
        asset_instance: the asset instance (id or dict).
        temporal_entity: the shot or scene where the asset instance is used (id or dict).

    Calls: GET /data/asset-instances/{asset_instance_id}/entities/{temporal_entity_id}/output-types
    """
    instance_id = to_id(asset_instance, "asset instance")
    entity_id = to_id(temporal_entity, "temporal entity")
    path = f"data/asset-instances/{instance_id}/entities/{entity_id}/output-types"
    return get(path, then=rows)


@cached("output-type")
def get_output_type(output_type_id: Ref) -> Call[dict[str, Any]]:
    """The output type with this id.

    Args:
        output_type_id: the output type's id (a dict or object with an `id` works too).

    Calls: GET /data/output-types/{output_type_id}
    """
    return get(f"data/output-types/{to_id(output_type_id, 'output type')}", then=row)


@cached("output-type")
def get_output_type_by_name(output_type_name: str) -> Call[Optional[dict[str, Any]]]:
    """The output type with this name, or None (an exact match wins over one differing by case).

    Args:
        output_type_name: the output type's name.

    Calls: GET /data/output-types?name=
    """
    return _common.by_name("data/output-types", {}, output_type_name, "output type name")


def new_output_type(name: str, short_name: str) -> Flow[dict[str, Any]]:
    """Create an output type, or return the one already named so.

    Args:
        name: its name ("Geometry").
        short_name: the short form shown in the UI ("geo").

    Calls: GET /data/output-types?name=, then POST /data/output-types when there is none
    """
    body = {
        "name": file_name(name, "output type name").strip(),
        "short_name": file_name(short_name, "short_name"),
    }
    existing = yield from get_output_type_by_name(body["name"])
    if existing is not None:
        return dict(existing)
    created: dict[str, Any] = yield from post("data/output-types", body, then=row)
    return created


# -- file statuses ----------------------------------------------------------------------------


def new_file_status(name: str, color: str) -> Flow[dict[str, Any]]:
    """Create a file status, or return the one already named so (its color left unchanged).

    Args:
        name: its name.
        color: its color as a hex string, like "#00FF00".

    Calls: GET /data/file-status?name=, then POST /data/file-status when there is none
    """
    wanted = file_name(name, "file status name").strip()
    if not isinstance(color, str) or not _COLOR.match(color):
        raise InvalidInputError(f"color must look like '#00FF00', got {echo(color)}")
    existing = yield from get_file_status_by_name(wanted)
    if existing is not None:
        return dict(existing)
    body = {"name": wanted, "color": color}
    created: dict[str, Any] = yield from post("data/file-status", body, then=row)
    return created


@cached("output-type", "task-status")
def get_file_status(status_id: Ref) -> Call[dict[str, Any]]:
    """The file status with this id.

    Args:
        status_id: the file status's id (a dict or object with an `id` works too).

    Calls: GET /data/file-status/{status_id}
    """
    return get(f"data/file-status/{to_id(status_id, 'file status')}", then=row)


@cached("output-type", "task-status")
def get_file_status_by_name(name: str) -> Call[Optional[dict[str, Any]]]:
    """The file status with this name, or None (an exact match wins over one differing by case).

    Args:
        name: the name to look for.

    Calls: GET /data/file-status?name=
    """
    return _common.by_name("data/file-status", {}, name, "file status name")
