"""Metadata descriptors: the custom columns of a project (public in `project`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from .._core.call import Call, Flow, delete, get, post
from .._core.errors import InvalidInputError
from .._core.refs import Ref, to_id, to_ids
from .._core.refs import require_name as _require_name
from ..types import MetadataDescriptor
from .project_routes import as_mapping, choice, project_list, project_path, put_whole

__all__ = [
    "METADATA_DATA_TYPES", "METADATA_ENTITY_TYPES",
    "add_metadata_descriptor", "all_metadata_descriptors", "get_metadata_descriptor",
    "get_metadata_descriptor_by_field_name", "remove_metadata_descriptor",
    "reorder_metadata_descriptors", "update_metadata_descriptor",
]  # fmt: skip

METADATA_ENTITY_TYPES = ("Asset", "Shot", "Edit", "Episode", "Sequence", "Project", "Task")
METADATA_DATA_TYPES = (
    "string", "number", "list", "taglist", "boolean", "checklist", "date", "url", "textarea",
    "person",
)  # fmt: skip
# What a descriptor PUT resets to its default when the body leaves it out.
_DESCRIPTOR_FIELDS = ("name", "for_client", "data_type", "choices", "departments")


def add_metadata_descriptor(
    project: Ref,
    name: str,
    entity_type: str,
    data_type: str = "string",
    choices: Optional[list[str]] = None,
    for_client: bool = False,
    departments: Optional[list[Ref]] = None,
    task_type_id: Optional[Ref] = None,
) -> Call[MetadataDescriptor]:
    """Add a custom metadata column to a project.

    Args:
        entity_type: one of METADATA_ENTITY_TYPES ("Asset", "Shot", ..., "Task"; case matters).
        data_type: one of METADATA_DATA_TYPES.
        choices: the values offered by list-like types.
        for_client: whether clients see the column.
        departments: the departments (ids or dicts) the column is shown to.
        task_type_id: the task type a "Task" column belongs to (required for "Task" only).
        project: the project (id or dict).
        name: the column's name, as Kitsu shows it.

    Calls: POST /data/projects/{project_id}/metadata-descriptors
    """
    path = project_path(project, "metadata-descriptors")
    choice(entity_type, METADATA_ENTITY_TYPES, "entity_type")
    choice(data_type, METADATA_DATA_TYPES, "data_type")
    if (entity_type == "Task") != (task_type_id is not None):
        raise InvalidInputError("task_type_id is required for Task descriptors and only for them")
    body: dict[str, Any] = {
        "name": _require_name(name, "metadata descriptor name"),
        "entity_type": entity_type,
        "data_type": data_type,
        "choices": list(choices or []),
        "for_client": bool(for_client),
        "departments": to_ids(departments or [], "department"),
    }
    if task_type_id is not None:
        body["task_type_id"] = to_id(task_type_id, "task type")
    return post(path, body)


def get_metadata_descriptor(project: Ref, metadata_descriptor_id: Ref) -> Call[MetadataDescriptor]:
    """One metadata descriptor of a project.

    Args:
        project: the project (id or dict).
        metadata_descriptor_id: the metadata descriptor's id (a dict or object with an `id` works
            too).

    Calls: GET /data/projects/{project_id}/metadata-descriptors/{descriptor_id}
    """
    descriptor_id = to_id(metadata_descriptor_id, "metadata descriptor")
    return get(project_path(project, "metadata-descriptors", descriptor_id))


def get_metadata_descriptor_by_field_name(
    project: Ref, field_name: str
) -> Call[Optional[MetadataDescriptor]]:
    """The descriptor of a project whose `field_name` (the key in `data`) is given, or None.

    Args:
        project: the project (id or dict).
        field_name: the descriptor's `field_name` (its key in the entities' `data`).

    Calls: GET /data/metadata-descriptors?project_id=&field_name=
    """
    params = {
        "project_id": to_id(project, "project"),
        "field_name": _require_name(field_name, "field name"),
    }
    return get("data/metadata-descriptors", params, then=_first)


def _first(rows: Any) -> Any:
    found = list(rows or [])
    return found[0] if found else None


def all_metadata_descriptors(
    project: Ref, *, entity_type: Optional[str] = None
) -> Call[list[MetadataDescriptor]]:
    """List the metadata descriptors of a project, of one `entity_type` when given.

    Args:
        project: the project (id or dict).
        entity_type: only the columns for this kind of entity ("Asset", "Shot"...); None: all.

    Calls: GET /data/projects/{project_id}/metadata-descriptors
    """
    return project_list(project, "metadata-descriptors").map(
        lambda rows: [r for r in rows if entity_type is None or r.get("entity_type") == entity_type]
    )


def update_metadata_descriptor(
    project: Ref, metadata_descriptor: Mapping[str, Any]
) -> Flow[MetadataDescriptor]:
    """Save a metadata descriptor dict (must hold "id"): name, data_type, choices, for_client,
    departments. Renaming moves the stored values to the new field name.

    Zou resets every one of those fields the body leaves out, so when some are missing the
    current descriptor is read first and the missing ones are sent unchanged.

    Args:
        project: the project (id or dict).
        metadata_descriptor: the metadata descriptor (id or dict).

    Calls: [GET then] PUT /data/projects/{project_id}/metadata-descriptors/{descriptor_id}
    """
    descriptor = as_mapping(metadata_descriptor, "metadata_descriptor")
    path = project_path(project, "metadata-descriptors", to_id(descriptor, "metadata descriptor"))
    body = {key: descriptor[key] for key in _DESCRIPTOR_FIELDS if key in descriptor}
    return put_whole(path, body, _DESCRIPTOR_FIELDS, _department_ids)


def _department_ids(body: dict[str, Any]) -> dict[str, Any]:
    return {**body, "departments": to_ids(body.get("departments") or [], "department")}


def remove_metadata_descriptor(
    project: Ref, metadata_descriptor_id: Ref, force: bool = False
) -> Call[str]:
    """Remove a metadata column from a project (Zou 1.0.97 ignores `force`).

    Args:
        project: the project (id or dict).
        metadata_descriptor_id: the metadata descriptor's id (a dict or object with an `id` works
            too).
        force: gazu's parameter; Zou 1.0.97 ignores it.

    Calls: DELETE /data/projects/{project_id}/metadata-descriptors/{descriptor_id}
    """
    descriptor_id = to_id(metadata_descriptor_id, "metadata descriptor")
    path = project_path(project, "metadata-descriptors", descriptor_id)
    params = {"force": True} if force else None
    return delete(path, params)


def reorder_metadata_descriptors(
    project: Ref, entity_type: str, descriptor_ids: list[Ref]
) -> Call[list[MetadataDescriptor]]:
    """Set the order of a project's metadata columns for one entity type.

    Args:
        project: the project (id or dict).
        entity_type: the kind of entity the columns are for ("Asset", "Shot", "Edit", "Episode",
            "Sequence"...)
        descriptor_ids: the descriptors (ids or dicts), in their new order.

    Calls: POST /data/projects/{project_id}/metadata-descriptors/reorder
    """
    path = project_path(project, "metadata-descriptors", "reorder")
    choice(entity_type, METADATA_ENTITY_TYPES, "entity_type")
    ids = to_ids(descriptor_ids, "metadata descriptor")
    if not ids:
        raise InvalidInputError("descriptor_ids must list at least one descriptor")
    body = {"entity_type": entity_type, "descriptor_ids": ids}
    return post(path, body)
