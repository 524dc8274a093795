"""Breakdown: casting (by entity, by asset, by sequence/episode/project), entity links, scenes
(shots added to a scene), concepts and edits details, metadata descriptors, and removing many
entities at once -- with Zou 1.0.97's shapes (read on a real server)."""

from __future__ import annotations

import re
from typing import Any

from ._fake import Request, Response, Row, Store, abort, json_response, not_found, route
from ._routes_crud import serialize
from ._routes_production import (
    _entity_tasks,
    _links,
    _remove_entity_row,
    _shot_extra,
    entity_rows,
    kind_of,
    plain,
    project_name,
    require_entity,
    require_project,
)

# -- casting ---------------------------------------------------------------------------------------


def _casting_row(store: Store, link: Row) -> Row:
    asset = store.get("entities", link["entity_out_id"]) or {}
    asset_type = store.get("entity-types", asset.get("entity_type_id")) or {}
    return {
        "asset_id": asset.get("id"),
        "asset_name": asset.get("name"),
        "asset_type_name": asset_type.get("name"),
        "ready_for": asset.get("ready_for"),
        "episode_id": asset.get("source_id"),
        "preview_file_id": asset.get("preview_file_id"),
        "nb_occurences": link.get("nb_occurences", 1),
        "label": link.get("label", ""),
        "is_shared": asset.get("is_shared", False),
        "project_id": asset.get("project_id"),
    }


@route("GET", "data/projects/<project_id>/entities/<entity_id>/casting")
def get_casting(req: Request) -> Any:
    require_project(req, req.params["project_id"])
    entity = req.store.require("entities", req.params["entity_id"])
    links = _links(req.store, entity_in_id=entity["id"])
    return [
        _casting_row(req.store, link) for link in links if not (link.get("data") or {}).get("auto")
    ]


@route("PUT", "data/projects/<project_id>/entities/<entity_id>/casting")
def update_casting(req: Request) -> Any:
    project = req.store.require("projects", req.params["project_id"])
    req.check_project_write(project["id"])
    entity = req.store.require("entities", req.params["entity_id"])
    body = req.json()
    if not isinstance(body, list):
        raise abort(400, "Casting must be a list.", data=None)
    before = {link["entity_out_id"] for link in _links(req.store, entity_in_id=entity["id"])}
    for link in _links(req.store, entity_in_id=entity["id"]):
        req.store.delete("entity-links", link["id"])
    kept = []
    for item in body:
        asset = req.store.require("entities", (item or {}).get("asset_id"))
        nb = int(item.get("nb_occurences", 1) or 1)
        link = req.store.insert(
            "entity-links",
            {
                "entity_in_id": entity["id"],
                "entity_out_id": asset["id"],
                "nb_occurences": nb,
                "label": item.get("label", ""),
                "data": {},
                "project_id": project["id"],
            },
            type="EntityLink",
        )
        kept.append({"asset_id": asset["id"], "nb_occurences": nb})
        _auto_episode_link(req, project, entity, asset, link)
    req.store.update("entities", entity["id"], {"nb_entities_out": len(kept)})
    after = {k["asset_id"] for k in kept}
    kind = kind_of(req.store, entity).lower()
    req.emit(
        f"{kind}:casting-update",
        {
            f"{kind}_id": entity["id"],
            "nb_entities_out": len(kept),
            "added_asset_ids": sorted(after - before),
            "removed_asset_ids": sorted(before - after),
        },
        project_id=project["id"],
    )
    return kept


def _auto_episode_link(req: Request, project: Row, entity: Row, asset: Row, link: Row) -> None:
    """A shot cast in a tvshow casts the asset in the shot's episode too (Zou's auto link)."""
    if project.get("production_type") != "tvshow" or kind_of(req.store, entity) != "Shot":
        return
    sequence = req.store.get("entities", entity.get("parent_id")) or {}
    episode_id = sequence.get("parent_id")
    if not episode_id or _links(req.store, entity_in_id=episode_id, entity_out_id=asset["id"]):
        return
    req.store.insert(
        "entity-links",
        {
            "entity_in_id": episode_id,
            "entity_out_id": asset["id"],
            "nb_occurences": 1,
            "label": "",
            "data": {"auto": True},
            "project_id": project["id"],
        },
        type="EntityLink",
    )


@route("GET", "data/assets/<entity_id>/cast-in")
def asset_cast_in(req: Request) -> Any:
    asset = require_entity(req, req.params["entity_id"], "Asset")
    out = []
    for link in _links(req.store, entity_out_id=asset["id"]):
        shot = req.store.get("entities", link["entity_in_id"])
        if shot is None or kind_of(req.store, shot) != "Shot":
            continue
        sequence = req.store.get("entities", shot.get("parent_id")) or {}
        episode = req.store.get("entities", sequence.get("parent_id")) or {}
        out.append(
            {
                "shot_id": shot["id"],
                "shot_name": shot["name"],
                "sequence_name": sequence.get("name"),
                "episode_id": episode.get("id"),
                "episode_name": episode.get("name"),
                "preview_file_id": shot.get("preview_file_id"),
                "nb_occurences": link.get("nb_occurences", 1),
            }
        )
    return out


def _shots_casting(req: Request, shots: list[Row]) -> dict[str, list[Row]]:
    """Zou's casting by shot (`{shot_id: [links]}`, shots without casting left out)."""
    out: dict[str, list[Row]] = {}
    for shot in shots:
        sequence = req.store.get("entities", shot.get("parent_id")) or {}
        rows = []
        for link in _links(req.store, entity_in_id=shot["id"]):
            row = _casting_row(req.store, link)
            rows.append(
                {
                    "asset_id": row["asset_id"],
                    "name": row["asset_name"],
                    "asset_name": row["asset_name"],
                    "asset_type_name": row["asset_type_name"],
                    "sequence_name": sequence.get("name"),
                    "preview_file_id": row["preview_file_id"],
                    "nb_occurences": row["nb_occurences"],
                    "label": row["label"],
                    "is_shared": row["is_shared"],
                    "project_id": row["project_id"],
                }
            )
        if rows:
            out[shot["id"]] = rows
    return out


@route("GET", "data/projects/<project_id>/sequences/<sequence_id>/casting")
def sequence_casting(req: Request) -> Any:
    require_project(req, req.params["project_id"])
    sequence = req.store.require("entities", req.params["sequence_id"])
    return _shots_casting(req, entity_rows(req.store, "Shot", parent_id=sequence["id"]))


@route("GET", "data/projects/<project_id>/sequences/all/casting")
def project_shots_casting(req: Request) -> Any:
    project = require_project(req, req.params["project_id"])
    return _shots_casting(req, entity_rows(req.store, "Shot", project_id=project["id"]))


@route("GET", "data/projects/<project_id>/episodes/<episode_id>/sequences/all/casting")
def episode_shots_casting(req: Request) -> Any:
    project = require_project(req, req.params["project_id"])
    episode = req.store.require("entities", req.params["episode_id"])
    sequences = {s["id"] for s in entity_rows(req.store, "Sequence", parent_id=episode["id"])}
    shots = entity_rows(req.store, "Shot", project_id=project["id"])
    return _shots_casting(req, [s for s in shots if s.get("parent_id") in sequences])


@route("GET", "data/projects/<project_id>/entity-links")
def project_entity_links(req: Request) -> Any:
    project = require_project(req, req.params["project_id"])
    rows = _links(req.store, project_id=project["id"])
    return [
        {
            "id": r["id"],
            "entity_in_id": r["entity_in_id"],
            "entity_out_id": r["entity_out_id"],
            "nb_occurences": r.get("nb_occurences", 1),
            "label": r.get("label", ""),
            "data": r.get("data", {}),
            "created_at": r["created_at"],
            "type": "EntityLink",
        }
        for r in rows
    ]


def _set_link(req: Request, project: Row, entity: Row, asset: Row, nb: int, label: Any) -> None:
    """Cast `asset` `nb` times in `entity` (0: uncast), as Zou's breakdown_service does."""
    existing = _links(req.store, entity_in_id=entity["id"], entity_out_id=asset["id"])
    before = {link["entity_out_id"] for link in _links(req.store, entity_in_id=entity["id"])}
    for link in existing:
        req.store.delete("entity-links", link["id"])
    if nb > 0:
        link = req.store.insert(
            "entity-links",
            {
                "entity_in_id": entity["id"],
                "entity_out_id": asset["id"],
                "nb_occurences": nb,
                "label": label if label is not None else (existing[0]["label"] if existing else ""),
                "data": None,
                "project_id": project["id"],
            },
            type="EntityLink",
        )
        _auto_episode_link(req, project, entity, asset, link)
    after = {link["entity_out_id"] for link in _links(req.store, entity_in_id=entity["id"])}
    req.store.update("entities", entity["id"], {"nb_entities_out": len(after)})
    kind = kind_of(req.store, entity).lower()
    req.emit(
        f"{kind}:casting-update",
        {
            f"{kind}_id": entity["id"],
            "nb_entities_out": len(after),
            "added_asset_ids": sorted(after - before),
            "removed_asset_ids": sorted(before - after),
        },
        project_id=project["id"],
    )


@route("PUT", "data/projects/<project_id>/entities/casting/assets/<asset_id>")
def cast_asset(req: Request) -> Any:
    project = req.store.require("projects", req.params["project_id"])
    req.check_project_write(project["id"])
    asset = req.store.require("entities", req.params["asset_id"])
    body = req.json() or {}
    nb = int(body.get("nb_occurences", 1))
    out: dict[str, list[Row]] = {}
    for entity_id in body.get("entity_ids") or []:
        entity = req.store.require("entities", entity_id)
        _set_link(req, project, entity, asset, nb, body.get("label"))
        links = _links(req.store, entity_in_id=entity["id"])
        out[entity["id"]] = [
            _casting_row(req.store, link)
            for link in links
            if not (link.get("data") or {}).get("auto")
        ]
    return out


@route("GET", "data/shots/<entity_id>/assets")
def shot_assets(req: Request) -> Any:
    shot = require_entity(req, req.params["entity_id"], "Shot")
    out = []
    for link in _links(req.store, entity_in_id=shot["id"]):
        asset = req.store.get("entities", link["entity_out_id"])
        if asset is not None:
            out.append(dict(plain(asset), type="Asset"))
    return out


@route("GET", "data/shots/<entity_id>/asset-types")
def shot_asset_types(req: Request) -> Any:
    shot = require_entity(req, req.params["entity_id"], "Shot")
    seen: dict[str, Row] = {}
    for link in _links(req.store, entity_in_id=shot["id"]):
        asset = req.store.get("entities", link["entity_out_id"]) or {}
        kind = req.store.get("entity-types", asset.get("entity_type_id"))
        if kind is not None:
            row = {k: v for k, v in kind.items() if k != "task_types"}
            seen[kind["id"]] = dict(row, type="AssetType")
    return list(seen.values())


# -- scenes ----------------------------------------------------------------------------------------


@route("POST", "data/scenes/<scene_id>/shots")
def add_shot_to_scene(req: Request) -> Any:
    scene = require_entity(req, req.params["scene_id"], "Scene")
    req.check_project_write(scene.get("project_id"))
    shot = require_entity(req, str((req.json() or {}).get("shot_id")), "Shot")
    req.store.update("entities", shot["id"], {"source_id": scene["id"]})
    req.emit(
        "shot:add-to-scene",
        {"scene_id": scene["id"], "shot_id": shot["id"]},
        project_id=scene.get("project_id"),
    )
    return json_response(dict(plain(shot), type="Shot"), 201)


@route("GET", "data/scenes/<scene_id>/shots")
def scene_shots(req: Request) -> Any:
    scene = require_entity(req, req.params["scene_id"], "Scene")
    rows = entity_rows(req.store, "Shot", source_id=scene["id"])
    return [_shot_extra(req.store, r) for r in rows]


@route("DELETE", "data/scenes/<scene_id>/shots/<shot_id>")
def remove_shot_from_scene(req: Request) -> Any:
    scene = require_entity(req, req.params["scene_id"], "Scene")
    req.check_project_write(scene.get("project_id"))
    shot = require_entity(req, req.params["shot_id"], "Shot")
    if shot.get("source_id") == scene["id"]:
        req.store.update("entities", shot["id"], {"source_id": None})
    req.emit(
        "shot:remove-from-scene",
        {"scene_id": scene["id"], "shot_id": shot["id"]},
        project_id=scene.get("project_id"),
    )
    return Response(204, {}, b"")


# -- edits and concepts ----------------------------------------------------------------------------


@route("GET", "data/edits/<entity_id>")
def get_edit(req: Request) -> Any:
    row = require_entity(req, req.params["entity_id"], "Edit")
    episode = req.store.get("entities", row.get("parent_id")) or {}
    keys = (
        "canceled", "data", "description", "entity_type_id", "id", "name", "parent_id",
        "preview_file_id", "project_id", "source_id", "nb_entities_out",
    )  # fmt: skip
    out = {k: row.get(k) for k in keys}
    out.update(
        {
            "episode_id": episode.get("id"),
            "episode_name": episode.get("name") or "",
            "project_name": project_name(req.store, row),
            "tasks": _entity_tasks(req, row["id"], shot=False),
            "type": "Edit",
        }
    )
    return out


@route("GET", "data/concepts/<entity_id>")
def get_concept(req: Request) -> Any:
    row = require_entity(req, req.params["entity_id"], "Concept")
    out = serialize("entities", row, relations=True)
    data = row.get("data") or {}
    out.update(
        {
            "fps": data.get("fps"),
            "frame_in": data.get("frame_in"),
            "frame_out": data.get("frame_out"),
            "preview_file_status": None,
            "project_name": project_name(req.store, row),
            "tasks": _entity_tasks(req, row["id"], shot=False),
            "type": "Concept",
        }
    )
    return out


# -- many entities at once -------------------------------------------------------------------------


@route("POST", "actions/projects/<project_id>/delete-entities")
def delete_entities(req: Request) -> Any:
    project = req.store.require("projects", req.params["project_id"])
    req.check_project_write(project["id"])
    ids = req.json()
    if not isinstance(ids, list):
        raise abort(400, "A list of entity ids is expected.", data=None)
    done = []
    for entity_id in ids:
        row = req.store.get("entities", entity_id)
        if row is None or row.get("project_id") != project["id"]:
            continue
        _remove_entity_row(req, row, kind_of(req.store, row), req.flag("force"))
        done.append(entity_id)
    return done


# -- metadata descriptors --------------------------------------------------------------------------

_DESCRIPTOR_IN_PROJECT = (
    "id", "name", "field_name", "data_type", "choices", "for_client", "entity_type",
    "task_type_id", "position", "departments",
)  # fmt: skip


def field_name(name: str) -> str:
    """Zou's slug of a descriptor name (slugify, "_" as separator)."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def descriptors_in_project(store: Store, project_id: str) -> list[Row]:
    """The `descriptors` of a project's detail."""
    rows = store.find("metadata-descriptors", project_id=project_id)
    return [{k: r.get(k) for k in _DESCRIPTOR_IN_PROJECT} for r in rows]


def _descriptor(req: Request) -> Row:
    project = require_project(req, req.params["project_id"])
    row = req.store.require("metadata-descriptors", req.params["descriptor_id"])
    if row.get("project_id") != project["id"]:
        raise not_found()
    return row


@route("GET", "data/projects/<project_id>/metadata-descriptors")
def all_descriptors(req: Request) -> Any:
    project = require_project(req, req.params["project_id"])
    return req.store.find("metadata-descriptors", project_id=project["id"])


@route("POST", "data/projects/<project_id>/metadata-descriptors")
def new_descriptor(req: Request) -> Any:
    project = req.store.require("projects", req.params["project_id"])
    req.check_project_write(project["id"])
    body = req.json() or {}
    name = str(body.get("name") or "")
    if not name:
        raise abort(400, "Wrong parameter: name is missing.", data=None)
    row = req.store.insert(
        "metadata-descriptors",
        {
            "project_id": project["id"],
            "entity_type": body.get("entity_type", "Asset"),
            "task_type_id": body.get("task_type_id"),
            "name": name,
            "data_type": body.get("data_type", "string"),
            "field_name": field_name(name),
            "choices": list(body.get("choices") or []),
            "for_client": bool(body.get("for_client", False)),
            "position": None,
            "departments": list(body.get("departments") or []),
        },
        type="MetadataDescriptor",
    )
    req.emit(
        "metadata-descriptor:new", {"metadata_descriptor_id": row["id"]}, project_id=project["id"]
    )
    return json_response(row, 201)


@route("GET", "data/projects/<project_id>/metadata-descriptors/<descriptor_id>")
def get_descriptor(req: Request) -> Any:
    return _descriptor(req)


@route("PUT", "data/projects/<project_id>/metadata-descriptors/<descriptor_id>")
def update_descriptor(req: Request) -> Any:
    row = _descriptor(req)
    req.check_project_write(row["project_id"])
    body = req.json() or {}
    changes = {
        k: body[k]
        for k in ("name", "choices", "for_client", "departments", "data_type", "position")
        if k in body
    }
    if "name" in changes:
        changes["field_name"] = field_name(str(changes["name"]))
    req.store.update("metadata-descriptors", row["id"], changes)
    req.emit(
        "metadata-descriptor:update",
        {"metadata_descriptor_id": row["id"]},
        project_id=row["project_id"],
    )
    return row


@route("DELETE", "data/projects/<project_id>/metadata-descriptors/<descriptor_id>")
def remove_descriptor(req: Request) -> Any:
    row = _descriptor(req)
    req.check_project_write(row["project_id"])
    req.store.delete("metadata-descriptors", row["id"])
    req.emit(
        "metadata-descriptor:delete",
        {"metadata_descriptor_id": row["id"]},
        project_id=row["project_id"],
    )
    return Response(204, {}, b"")
