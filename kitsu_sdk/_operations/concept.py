"""Concepts (concept art: an image uploaded as the preview of a concept's task, tagged with the
assets it shows): creation, lookups, listings, previews, updates and removal."""

from __future__ import annotations

from typing import Any, Optional

from .._core.call import Call, Flow, delete, get, post, put
from .._core.errors import InvalidInputError
from .._core.op_cache import cached
from .._core.refs import Ref, echo, entity_dict, require_name, to_id, to_ids
from .._core.rows import sorted_by_name
from . import entities as _common
from .entities import as_dict


@cached("concept")
def all_concepts() -> Call[list[dict[str, Any]]]:
    """List the concepts of every project you can see (with `project_name`), sorted by name.

    Calls: GET /data/concepts
    """
    return get("data/concepts", then=sorted_by_name)


@cached("concept", "project")
def all_concepts_for_project(project: Ref) -> Call[list[dict[str, Any]]]:
    """List the concepts of a project, sorted by name.

    Args:
        project: the project (id or dict).

    Calls: GET /data/projects/{project_id}/concepts
    """
    return _common.children("project", project, "concepts")


@cached("concept", "preview-file")
def all_previews_for_concept(concept: Ref) -> Call[dict[str, Any]]:
    """The preview files (the images) of a concept, as Zou returns them: lists keyed by task
    type id.

    Args:
        concept: the concept (id or dict).

    Calls: GET /data/concepts/{concept_id}/preview-files
    """
    return get(f"data/concepts/{to_id(concept, 'concept')}/preview-files", then=as_dict)


def remove_concept(concept: Ref, force: bool = False) -> Call[str]:
    """Delete a concept; one with tasks is only marked `canceled` unless `force` is set.

    `force` also deletes its tasks, previews and links.

    Args:
        concept: the concept (id or dict).
        force: delete it for good, with its tasks; without it, one with tasks is only marked
            `canceled`.

    Calls: DELETE /data/concepts/{concept_id}[?force=true]
    """
    concept_id = to_id(concept, "concept")
    params = {"force": True} if force else None
    return delete(f"data/concepts/{concept_id}", params)


@cached("concept")
def get_concept(concept_id: Ref) -> Call[dict[str, Any]]:
    """The concept with this id, with its tasks, its `entity_concept_links` (ids of the
    entities it tags) and its main preview's status.

    Args:
        concept_id: the concept's id (a dict or object with an `id` works too).

    Calls: GET /data/concepts/{concept_id}
    """
    return get(f"data/concepts/{to_id(concept_id, 'concept')}", then=dict)


@cached("concept")
def get_concept_by_name(project: Ref, concept_name: str) -> Call[Optional[dict[str, Any]]]:
    """The concept of a project with this name, or None.

    An exact match wins over one that differs only by case.

    Args:
        project: the project (id or dict).
        concept_name: the concept's name.

    Calls: GET /data/concepts?project_id=&name=
    """
    params = {"project_id": to_id(project, "project")}
    return _common.by_name("data/concepts", params, concept_name, "concept name")


def new_concept(
    project: Ref,
    name: str,
    description: Optional[str] = None,
    data: Optional[dict[str, Any]] = None,
    entity_concept_links: Optional[list[Ref]] = None,
) -> Flow[dict[str, Any]]:
    """Create a concept tagging the given entities, or return the project's concept already
    named so.

    The lookup comes first, as gazu's: get_concept_by_name (an exact match first, else one
    differing only by case); an existing concept is returned as that lookup gives it (with
    `project_name`), unchanged: the description, data and links given are not applied.

    The image itself is a preview: add a task to the concept (task type for_entity "Concept")
    and publish the image on it (task.publish_preview).

    Zou 1.0.97 wants each link as `{"id": ...}`; gazu 1.3.1 sends bare ids, which it refuses
    (400).

    Args:
        project: the project (id or dict).
        name: the new concept's name.
        description: free text.
        data: metadata of the new concept (its `data`).
        entity_concept_links: the entities the concept tags (each an id or a dict).

    Calls: GET /data/concepts?project_id=&name=, then POST /data/projects/{project_id}/concepts
        when none is found
    """
    project_id = to_id(project, "project")
    wanted = require_name(name, "concept name")
    body: dict[str, Any] = {
        "name": wanted,
        "data": _common.check_data(data),
        "entity_concept_links": [{"id": i} for i in to_ids(entity_concept_links, "entity")],
    }
    if description is not None:
        if not isinstance(description, str):
            raise InvalidInputError(f"description must be a string, got {echo(description)}")
        body["description"] = description
    existing = yield from get_concept_by_name(project_id, wanted)
    if existing is not None:
        return existing
    path = f"data/projects/{project_id}/concepts"
    created: dict[str, Any] = yield from post(path, body, then=dict)
    return created


def update_concept(concept: dict[str, Any]) -> Call[dict[str, Any]]:
    """Save the fields of a concept dict; its `data` is merged into the stored one.

    Its `entity_concept_links`, when the dict has them (ids or entity dicts), replace the
    concept's links, as gazu sends them; its `tasks` are not sent.

    Args:
        concept: the concept dict, with its `id` and the fields to save.

    Calls: PUT /data/entities/{concept_id}
    """
    body = entity_dict(concept, "concept")
    concept_id = body.pop("id")
    body.pop("tasks", None)
    if body.get("entity_concept_links") is not None:
        body["entity_concept_links"] = to_ids(body["entity_concept_links"], "entity")
    return put(f"data/entities/{concept_id}", body, then=dict)
