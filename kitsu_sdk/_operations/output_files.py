"""Output files: the files a task type exports for an entity (asset, shot...) or for an asset
instance in a shot or scene, by output type, name and representation, with revisions and a
path rendered from the project's file tree (public in `files`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from .._core.call import Call, get, post, put
from .._core.errors import InvalidInputError
from .._core.op_cache import cached
from .._core.refs import Ref, echo, to_id, to_optional_id
from .file_args import (
    element_count,
    fields,
    file_name,
    mode_name,
    optional_text,
    revision_number,
    row,
    rows,
    separator,
    text,
)


def _filters(
    output_type: Optional[Ref] = None,
    task_type: Optional[Ref] = None,
    name: Optional[str] = None,
    representation: Optional[str] = None,
    file_status: Optional[Ref] = None,
    temporal_entity: Optional[Ref] = None,
) -> dict[str, Any]:
    """The query filters of the output file listings; a None (or empty text) is no filter."""
    found = {
        "temporal_entity_id": to_optional_id(temporal_entity, "temporal entity"),
        "output_type_id": to_optional_id(output_type, "output type"),
        "task_type_id": to_optional_id(task_type, "task type"),
        "representation": optional_text(representation, "representation"),
        "name": optional_text(name, "name"),
        "file_status_id": to_optional_id(file_status, "file status"),
    }
    return {key: value for key, value in found.items() if value}


def _instance_path(asset_instance: Ref, temporal_entity: Ref, suffix: str) -> str:
    instance_id = to_id(asset_instance, "asset instance")
    entity_id = to_id(temporal_entity, "temporal entity")
    return f"data/asset-instances/{instance_id}/entities/{entity_id}/{suffix}"


# -- reading ----------------------------------------------------------------------------------


@cached("output-file")
def get_output_file(output_file_id: Ref) -> Call[dict[str, Any]]:
    """The output file with this id (with its `source_file`, the working file it comes from).

    Args:
        output_file_id: the output file's id (a dict or object with an `id` works too).

    Calls: GET /data/output-files/{output_file_id}
    """
    return get(f"data/output-files/{to_id(output_file_id, 'output file')}", then=row)


@cached("output-file")
def get_output_file_by_path(path: str) -> Call[Optional[dict[str, Any]]]:
    """The output file stored at this exact path (as its `path` field says), or None.

    Args:
        path: the output file's stored path (exact match).

    Calls: GET /data/output-files?path=
    """
    if not isinstance(path, str) or not path.strip():
        raise InvalidInputError(f"path must be a non-empty file path, got {echo(path)}")
    return get("data/output-files", {"path": path}, then=lambda answer: _first(rows(answer)))


def _first(found: list[dict[str, Any]]) -> Optional[dict[str, Any]]:
    return found[0] if found else None


def all_output_files_for_entity(
    entity: Ref,
    output_type: Optional[Ref] = None,
    task_type: Optional[Ref] = None,
    name: Optional[str] = None,
    representation: Optional[str] = None,
    file_status: Optional[Ref] = None,
) -> Call[list[dict[str, Any]]]:
    """The output files of an entity (every revision), optionally filtered.

    Args:
        entity: the entity (asset, shot, sequence, episode, edit, concept...), id or dict.
        output_type: only those of this output type (id or dict); None: no filter.
        task_type: only those of this task type (id or dict); None: no filter.
        name: only those with this name; None: no filter.
        representation: only those with this representation; None: no filter.
        file_status: only those of this file status (id or dict); None: no filter.

    Calls: GET /data/entities/{entity_id}/output-files
        ?output_type_id=&task_type_id=&name=&representation=&file_status_id=
    """
    entity_id = to_id(entity, "entity")
    params = _filters(output_type, task_type, name, representation, file_status)
    return get(f"data/entities/{entity_id}/output-files", params, then=rows)


@cached("output-file", "asset-instance", "asset")
def all_output_files_for_asset_instance(
    asset_instance: Ref,
    temporal_entity: Optional[Ref] = None,
    task_type: Optional[Ref] = None,
    output_type: Optional[Ref] = None,
    name: Optional[str] = None,
    representation: Optional[str] = None,
    file_status: Optional[Ref] = None,
) -> Call[list[dict[str, Any]]]:
    """The output files of an asset instance (every revision), optionally for one shot or
    scene and filtered.

    Args:
        asset_instance: the asset instance (id or dict).
        temporal_entity: only those of this shot or scene where the asset instance is used (id or
            dict); None: no filter.
        task_type: only those of this task type (id or dict); None: no filter.
        output_type: only those of this output type (id or dict); None: no filter.
        name: only those with this name; None: no filter.
        representation: only those with this representation; None: no filter.
        file_status: only those of this file status (id or dict); None: no filter.

    Calls: GET /data/asset-instances/{asset_instance_id}/output-files
        ?temporal_entity_id=&output_type_id=&task_type_id=&name=&representation=&file_status_id=
    """
    instance_id = to_id(asset_instance, "asset instance")
    params = _filters(output_type, task_type, name, representation, file_status, temporal_entity)
    return get(f"data/asset-instances/{instance_id}/output-files", params, then=rows)


def all_output_files_for_project(
    project: Ref,
    output_type: Optional[Ref] = None,
    task_type: Optional[Ref] = None,
    name: Optional[str] = None,
    representation: Optional[str] = None,
    file_status: Optional[Ref] = None,
) -> Call[list[dict[str, Any]]]:
    """The output files of a project (every revision), optionally filtered.

    Args:
        project: the project (id or dict).
        output_type: only those of this output type (id or dict); None: no filter.
        task_type: only those of this task type (id or dict); None: no filter.
        name: only those with this name; None: no filter.
        representation: only those with this representation; None: no filter.
        file_status: only those of this file status (id or dict); None: no filter.

    Calls: GET /data/projects/{project_id}/output-files
        ?output_type_id=&task_type_id=&name=&representation=&file_status_id=
    """
    project_id = to_id(project, "project")
    params = _filters(output_type, task_type, name, representation, file_status)
    return get(f"data/projects/{project_id}/output-files", params, then=rows)


@cached("output-file", "entity")
def get_last_output_files_for_entity(
    entity: Ref,
    output_type: Optional[Ref] = None,
    task_type: Optional[Ref] = None,
    name: Optional[str] = None,
    representation: Optional[str] = None,
    file_status: Optional[Ref] = None,
) -> Call[list[dict[str, Any]]]:
    """The last revision of each output file of an entity, optionally filtered.

    Args:
        entity: the entity (asset, shot, sequence, episode, edit, concept...), id or dict.
        output_type: only those of this output type (id or dict); None: no filter.
        task_type: only those of this task type (id or dict); None: no filter.
        name: only those with this name; None: no filter.
        representation: only those with this representation; None: no filter.
        file_status: only those of this file status (id or dict); None: no filter.

    Calls: GET /data/entities/{entity_id}/output-files/last-revisions
    """
    entity_id = to_id(entity, "entity")
    params = _filters(output_type, task_type, name, representation, file_status)
    return get(f"data/entities/{entity_id}/output-files/last-revisions", params, then=rows)


@cached("output-file", "asset-instance", "asset")
def get_last_output_files_for_asset_instance(
    asset_instance: Ref,
    temporal_entity: Ref,
    task_type: Optional[Ref] = None,
    output_type: Optional[Ref] = None,
    name: Optional[str] = None,
    representation: Optional[str] = None,
    file_status: Optional[Ref] = None,
) -> Call[list[dict[str, Any]]]:
    """The last revision of each output file of an asset instance in a shot or scene.

    Args:
        asset_instance: the asset instance (id or dict).
        temporal_entity: the shot or scene where the asset instance is used (id or dict).
        task_type: only those of this task type (id or dict); None: no filter.
        output_type: only those of this output type (id or dict); None: no filter.
        name: only those with this name; None: no filter.
        representation: only those with this representation; None: no filter.
        file_status: only those of this file status (id or dict); None: no filter.

    Calls: GET /data/asset-instances/{asset_instance_id}/entities/{temporal_entity_id}/
        output-files/last-revisions
    """
    path = _instance_path(asset_instance, temporal_entity, "output-files/last-revisions")
    params = _filters(output_type, task_type, name, representation, file_status)
    return get(path, params, then=rows)


# -- revisions --------------------------------------------------------------------------------


def _revision_body(output_type: Ref, task_type: Ref, name: str) -> dict[str, Any]:
    return {
        "name": file_name(name),
        "output_type_id": to_id(output_type, "output type"),
        "task_type_id": to_id(task_type, "task type"),
    }


def _next_revision(answer: Any) -> int:
    return int(answer["next_revision"])


def _last_revision(answer: Any) -> int:
    # Zou counts from 1: next revision 1 means no output file yet, last revision 0.
    return _next_revision(answer) - 1


def get_next_entity_output_revision(
    entity: Ref, output_type: Ref, task_type: Ref, name: str = "main"
) -> Call[int]:
    """The revision the next output file of an entity would get, for this output type, task
    type and name (1 when there is none yet).

    Args:
        entity: the entity (asset, shot, sequence, episode, edit, concept...), id or dict.
        output_type: the output type (id or dict).
        task_type: the task type (id or dict).
        name: the output's name ("main"...)

    Calls: POST /data/entities/{entity_id}/output-files/next-revision
    """
    entity_id = to_id(entity, "entity")
    body = _revision_body(output_type, task_type, name)
    return post(f"data/entities/{entity_id}/output-files/next-revision", body, then=_next_revision)


def get_next_asset_instance_output_revision(
    asset_instance: Ref,
    temporal_entity: Ref,
    output_type: Ref,
    task_type: Ref,
    name: str = "master",
) -> Call[int]:
    """The revision the next output file of an asset instance in a shot or scene would get
    (1 when there is none yet).

    Args:
        asset_instance: the asset instance (id or dict).
        temporal_entity: the shot or scene where the asset instance is used (id or dict).
        output_type: the output type (id or dict).
        task_type: the task type (id or dict).
        name: the output's name ("main"...)

    Calls: POST /data/asset-instances/{asset_instance_id}/entities/{temporal_entity_id}/
        output-files/next-revision
    """
    path = _instance_path(asset_instance, temporal_entity, "output-files/next-revision")
    return post(path, _revision_body(output_type, task_type, name), then=_next_revision)


def get_last_entity_output_revision(
    entity: Ref, output_type: Ref, task_type: Ref, name: str = "main"
) -> Call[int]:
    """The last revision of an entity's output files for this output type, task type and name;
    0 when there is none.

    Args:
        entity: the entity (asset, shot, sequence, episode, edit, concept...), id or dict.
        output_type: the output type (id or dict).
        task_type: the task type (id or dict).
        name: the output's name ("main"...)

    Calls: POST /data/entities/{entity_id}/output-files/next-revision (minus one)
    """
    entity_id = to_id(entity, "entity")
    body = _revision_body(output_type, task_type, name)
    return post(f"data/entities/{entity_id}/output-files/next-revision", body, then=_last_revision)


def get_last_asset_instance_output_revision(
    asset_instance: Ref,
    temporal_entity: Ref,
    output_type: Ref,
    task_type: Ref,
    name: str = "master",
) -> Call[int]:
    """The last revision of an asset instance's output files in a shot or scene; 0 when there
    is none.

    Args:
        asset_instance: the asset instance (id or dict).
        temporal_entity: the shot or scene where the asset instance is used (id or dict).
        output_type: the output type (id or dict).
        task_type: the task type (id or dict).
        name: the output's name ("main"...)

    Calls: POST /data/asset-instances/{asset_instance_id}/entities/{temporal_entity_id}/
        output-files/next-revision (minus one)
    """
    path = _instance_path(asset_instance, temporal_entity, "output-files/next-revision")
    return post(path, _revision_body(output_type, task_type, name), then=_last_revision)


# -- writing ----------------------------------------------------------------------------------


def _new_output_body(
    output_type: Ref,
    task_type: Ref,
    comment: str,
    name: str,
    mode: str,
    working_file: Optional[Ref],
    person: Optional[Ref],
    revision: int,
    nb_elements: int,
    representation: str,
    sep: str,
    file_status_id: Optional[Ref],
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "output_type_id": to_id(output_type, "output type"),
        "task_type_id": to_id(task_type, "task type"),
        "comment": text(comment, "comment"),
        "name": file_name(name),
        "mode": mode_name(mode),
        "revision": revision_number(revision),
        "representation": text(representation, "representation"),
        "nb_elements": element_count(nb_elements),
        "sep": separator(sep),
    }
    optional = {
        "working_file_id": to_optional_id(working_file, "working file"),
        "person_id": to_optional_id(person, "person"),
        "file_status_id": to_optional_id(file_status_id, "file status"),
    }
    body.update({key: value for key, value in optional.items() if value is not None})
    return body


def new_entity_output_file(
    entity: Ref,
    output_type: Ref,
    task_type: Ref,
    comment: str,
    working_file: Optional[Ref] = None,
    person: Optional[Ref] = None,
    name: str = "main",
    mode: str = "output",
    revision: int = 0,
    nb_elements: int = 1,
    representation: str = "",
    sep: str = "/",
    file_status_id: Optional[Ref] = None,
) -> Call[dict[str, Any]]:
    """Create an output file of an entity; Zou stores its path, rendered from the `output`
    section of the project's file tree, and answers it with `folder_path` and `file_name`.

    Args:
        entity: the asset, shot... the output belongs to.
        output_type: what the file holds.
        task_type: the task type that makes it.
        comment: what this revision is.
        working_file: the working file it was exported from.
        person: its author (the logged-in user if None).
        name: the output's name.
        mode: sent to Zou, which renders output files with its `output` section whatever it
            says (Zou 1.0.97).
        revision: the revision number; 0 takes the next free one.
        nb_elements: the number of files of an image sequence (adds `_[1-N]` to the name).
        representation: a free label such as the format ("abc").
        sep: the separator Zou puts between folders.
        file_status_id: the file status to give it (Zou's default status if None).

    Raises:
        BadRequestError: this revision already exists, or the file tree cannot render it.

    Calls: POST /data/entities/{entity_id}/output-files/new
    """
    entity_id = to_id(entity, "entity")
    body = _new_output_body(
        output_type, task_type, comment, name, mode, working_file, person, revision,
        nb_elements, representation, sep, file_status_id,
    )  # fmt: skip
    return post(f"data/entities/{entity_id}/output-files/new", body, then=row)


def new_asset_instance_output_file(
    asset_instance: Ref,
    temporal_entity: Ref,
    output_type: Ref,
    task_type: Ref,
    comment: str,
    name: str = "master",
    mode: str = "output",
    working_file: Optional[Ref] = None,
    person: Optional[Ref] = None,
    revision: int = 0,
    nb_elements: int = 1,
    representation: str = "",
    sep: str = "/",
    file_status_id: Optional[Ref] = None,
) -> Call[dict[str, Any]]:
    """Create an output file of an asset instance in a shot or scene; Zou stores its path,
    rendered from the tree's instance templates, and answers it with `folder_path` and
    `file_name`. The arguments are new_entity_output_file's.

    Args:
        asset_instance: the asset instance (id or dict).
        temporal_entity: the shot or scene where the asset instance is used (id or dict).
        output_type: the output type (id or dict).
        task_type: the task type (id or dict).
        comment: what this revision is.
        name: the output's name.
        mode: sent to Zou, which renders output files with its `output` section whatever it says
            (Zou 1.0.97).
        working_file: the working file it was exported from (id or dict), or None.
        person: its author (id or dict); None: the logged-in user.
        revision: the revision number; 0 takes the next free one.
        nb_elements: the number of files of an image sequence (adds `_[1-N]` to the name).
        representation: a free label such as the format ("abc", "exr").
        sep: the separator Zou puts between folders.
        file_status_id: the file status to give it (Zou's default status if None).

    Calls: POST /data/asset-instances/{asset_instance_id}/entities/{temporal_entity_id}/
        output-files/new
    """
    path = _instance_path(asset_instance, temporal_entity, "output-files/new")
    body = _new_output_body(
        output_type, task_type, comment, name, mode, working_file, person, revision,
        nb_elements, representation, sep, file_status_id,
    )  # fmt: skip
    return post(path, body, then=row)


def update_output_file(output_file: Ref, data: Mapping[str, Any]) -> Call[dict[str, Any]]:
    """Change fields of an output file (comment, file_status_id, data...); returns it.

    Args:
        output_file: the output file (id or dict).
        data: the fields to change (`comment`, `file_status_id`, `data`...).

    Calls: PUT /data/output-files/{output_file_id}
    """
    output_file_id = to_id(output_file, "output file")
    return put(f"data/output-files/{output_file_id}", fields(data), then=row)
