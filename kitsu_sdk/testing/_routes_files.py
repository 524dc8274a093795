"""FakeKitsu's files: softwares and output types (get-or-create by name), working files and output
files with their revisions, paths rendered from the project's file tree, and working file bytes
kept as uploaded.

The file tree rendering covers the tokens of Zou's default trees (<Project>, <Episode>,
<Sequence>, <Shot>, <Scene>, <Asset>, <AssetType>, <TaskType>, <Task>, <Department>, <Software>,
<OutputType>, <Name>, <Version>, <Representation>), names slugified with "_" and the "lowercase"
/ "uppercase" styles. Asset instances are not modelled.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from ._fake import (
    Request,
    Response,
    Row,
    abort_with,
    bytes_response,
    json_response,
    not_found,
    now,
    route,
)
from ._routes_tasks import (
    check_task_action,
    check_task_read,
    entity_type_name,
    is_asset,
    order_key,
    parent_of,
    public,
    require_task,
    stamp,
)

TOKEN = re.compile(r"<([A-Za-z_.]+)>")


def _create_named(req: Request, table: str, type_name: str, defaults: Row) -> Any:
    req.require_admin()
    body = req.json()
    if not isinstance(body, dict) or not body.get("name"):
        raise abort_with(400, {"message": "A required field is missing."})
    if req.store.first(table, name=body["name"]):
        raise abort_with(400, {"message": "A record with the same unique values already exists."})
    row = dict(defaults)
    row.update({k: v for k, v in body.items() if k not in ("id", "created_at", "updated_at")})
    row.update(stamp())
    made = req.store.insert(table, row, type=type_name)
    event = {"softwares": "software:new", "output-types": "output_type:new"}.get(table)
    if event:
        key = "software_id" if table == "softwares" else "output_type_id"
        req.emit(event, {key: made["id"]})
    return json_response(public(made), 201)


@route("POST", "data/softwares")
def new_software(req: Request) -> Any:
    defaults: Row = {
        "name": None,
        "short_name": "",
        "archived": False,
        "version": None,
        "file_extension": "",
        "secondary_extensions": None,
        "monthly_cost": 0,
        "inventory_amount": 0,
    }
    return _create_named(req, "softwares", "Software", defaults)


@route("POST", "data/output-types")
def new_output_type(req: Request) -> Any:
    return _create_named(req, "output-types", "OutputType", {"name": None, "short_name": ""})


# -- paths from the file tree ---------------------------------------------------------------------


def slug(value: Any) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", str(value or "")).strip("_").lower()


def _style(value: str, style: Optional[str]) -> str:
    if style == "uppercase":
        return value.upper()
    return value


def _tree_kind(req: Request, entity: Row) -> str:
    if is_asset(req, entity):
        return "asset"
    return entity_type_name(req, entity).lower()


def _tokens(req: Request, entity: Row, values: dict[str, Any]) -> dict[str, str]:
    project = req.store.get("projects", entity.get("project_id")) or {}
    tokens: dict[str, Any] = {"Project": project.get("name"), **values}
    kind = _tree_kind(req, entity)
    if kind == "asset":
        asset_type = req.store.get("entity-types", entity.get("entity_type_id")) or {}
        tokens.update({"Asset": entity.get("name"), "AssetType": asset_type.get("name")})
    elif kind in ("shot", "scene"):
        sequence = parent_of(req, entity) or {}
        episode = parent_of(req, sequence) or {}
        tokens.update(
            {
                kind.capitalize(): entity.get("name"),
                "Sequence": sequence.get("name"),
                "Episode": episode.get("name"),
            }
        )
    elif kind == "sequence":
        episode = parent_of(req, entity) or {}
        tokens.update({"Sequence": entity.get("name"), "Episode": episode.get("name")})
    elif kind == "episode":
        tokens["Episode"] = entity.get("name")
    else:
        tokens[kind.capitalize()] = entity.get("name")
    return {k: "" if v is None else str(v) for k, v in tokens.items()}


def render_path(
    req: Request, entity: Row, mode: str, values: dict[str, Any], sep: str = "/"
) -> tuple[str, str, str]:
    """(folder path, file name, path) of a file of `entity` in the project's tree for `mode`
    ("working", "output"...); 400 as Zou answers when the project has no tree."""
    project = req.store.get("projects", entity.get("project_id")) or {}
    tree = project.get("file_tree") or {}
    if not tree:
        raise abort_with(400, {"message": "No tree can be found for given project."})
    branch = tree.get(mode)
    if not isinstance(branch, dict):
        raise abort_with(400, {"message": f"No tree can be found for given mode: {mode}."})
    kind = _tree_kind(req, entity)
    folders = branch.get("folder_path") or {}
    names = branch.get("file_name") or {}
    if kind not in folders or kind not in names:
        raise abort_with(400, {"message": f"No template defined for entity type {kind}."})
    tokens = _tokens(req, entity, values)
    folder_style = folders.get("style")
    name_style = names.get("style")

    def token_value(found: re.Match[str]) -> str:
        return _style(slug(tokens.get(found.group(1), "")), folder_style)

    folder = TOKEN.sub(token_value, str(folders[kind]))
    raw_name = TOKEN.sub(lambda m: tokens.get(m.group(1), ""), str(names[kind]))
    file_name = _style(slug(raw_name), name_style)
    root = [str(branch.get("mountpoint") or ""), str(branch.get("root") or "")]
    folder_path = sep.join(part.strip("/") for part in [*root, folder] if part.strip("/"))
    if str(branch.get("mountpoint") or "").startswith("/"):
        folder_path = "/" + folder_path
    folder_path = folder_path.replace("/", sep)
    return folder_path, file_name, f"{folder_path}{sep}{file_name}"


def _task_values(req: Request, task: Row) -> dict[str, Any]:
    task_type = req.store.get("task-types", task.get("task_type_id")) or {}
    department = req.store.get("departments", task_type.get("department_id")) or {}
    return {
        "TaskType": task_type.get("name"),
        "Task": task.get("name"),
        "Department": department.get("name"),
    }


# -- working files --------------------------------------------------------------------------------


def working_file_row(data: dict[str, Any]) -> Row:
    row: Row = {
        "shotgun_id": None,
        "name": "main",
        "description": None,
        "comment": "",
        "revision": 1,
        "size": None,
        "checksum": None,
        "path": None,
        "data": None,
        "validation_status": "neutral",
        "task_id": None,
        "entity_id": None,
        "person_id": None,
        "software_id": None,
    }
    row.update(data)
    row.update(stamp())
    return row


def _emit_working(req: Request, name: str, row: Row, task: Row) -> None:
    req.emit(name, {"working_file_id": row["id"]}, project_id=task.get("project_id"))


def _version(revision: int) -> str:
    return str(revision).zfill(3)


@route("POST", "data/tasks/<task_id>/working-files/new")
def new_working_file(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    check_task_action(req, task)
    body = req.json()
    body = body if isinstance(body, dict) else {}
    name = str(body.get("name") or "main")
    software = req.store.get("softwares", body.get("software_id"))
    if body.get("software_id") and software is None:
        req.store.require("softwares", body.get("software_id"))
    revision = int(body.get("revision") or 0)
    if revision < 1:
        same = [w for w in req.store.find("working-files", task_id=task["id"]) if w["name"] == name]
        revision = max([int(w["revision"]) for w in same] + [0]) + 1
    entity = req.store.require("entities", task["entity_id"])
    values = {
        **_task_values(req, task),
        "Software": (software or {}).get("name"),
        "Name": name,
        "Version": _version(revision),
    }
    _folder, _file, path = render_path(
        req, entity, str(body.get("mode") or "working"), values, str(body.get("sep") or "/")
    )
    row = req.store.insert(
        "working-files",
        working_file_row(
            {
                "name": name,
                "comment": str(body.get("comment") or ""),
                "revision": revision,
                "path": path,
                "task_id": task["id"],
                "entity_id": entity["id"],
                "person_id": body.get("person_id") or (req.user or {}).get("id"),
                "software_id": (software or {}).get("id"),
            }
        ),
        type="WorkingFile",
    )
    _emit_working(req, "working-file:new", row, task)
    return json_response(public(row), 201)


@route("POST", "data/tasks/<task_id>/working-file-path")
def working_file_path(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    check_task_read(req, task)
    body = req.json()
    body = body if isinstance(body, dict) else {}
    software = req.store.get("softwares", body.get("software_id"))
    revision = int(body.get("revision") or 1)
    values = {
        **_task_values(req, task),
        "Software": (software or {}).get("name"),
        "Name": str(body.get("name") or "main"),
        "Version": _version(revision),
    }
    entity = req.store.require("entities", task["entity_id"])
    sep = str(body.get("sep") or "/")
    folder, file_name, _path = render_path(
        req, entity, str(body.get("mode") or "working"), values, sep
    )
    return {"path": folder, "name": file_name}


def _task_working_files(req: Request, task_id: str) -> list[Row]:
    rows = sorted(req.store.find("working-files", task_id=task_id), key=order_key)
    return sorted(rows, key=lambda w: -int(w.get("revision") or 0))


@route("GET", "data/tasks/<task_id>/working-files")
def task_working_files(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    check_task_read(req, task)
    return [public(w) for w in _task_working_files(req, task["id"])]


@route("GET", "data/tasks/<task_id>/working-files/last-revisions")
def last_working_files(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    check_task_read(req, task)
    last: dict[str, Row] = {}
    for row in _task_working_files(req, task["id"]):
        last.setdefault(row["name"], public(row))
    return last


@route("GET", "data/entities/<entity_id>/working-files")
def entity_working_files(req: Request) -> Any:
    entity = req.store.require("entities", req.params["entity_id"])
    req.check_project_read(entity.get("project_id"))
    rows = sorted(req.store.find("working-files", entity_id=entity["id"]), key=order_key)
    for column in ("task_id", "name"):
        wanted = req.arg(column)
        if wanted:
            rows = [r for r in rows if r.get(column) == wanted]
    return [public(r) for r in sorted(rows, key=lambda w: -int(w.get("revision") or 0))]


def _working_file(req: Request) -> tuple[Row, Row]:
    row = req.store.require("working-files", req.params["working_file_id"])
    task = req.store.require("tasks", row.get("task_id"))
    return row, task


@route("GET", "data/working-files/<working_file_id>")
def get_working_file(req: Request) -> Any:
    row, task = _working_file(req)
    check_task_read(req, task)
    return public(row)


@route("PUT", "actions/working-files/<working_file_id>/comment")
def working_file_comment(req: Request) -> Any:
    row, task = _working_file(req)
    check_task_action(req, task)
    body = req.json()
    comment = body.get("comment") if isinstance(body, dict) else None
    if comment is None:
        raise abort_with(400, {"message": "Missing required parameter: comment"})
    updated = req.store.update("working-files", row["id"], {"comment": str(comment)})
    _emit_working(req, "working-file:update", updated, task)
    return public(updated)


@route("PUT", "actions/working-files/<working_file_id>/modified")
def working_file_modified(req: Request) -> Any:
    row, task = _working_file(req)
    check_task_action(req, task)
    updated = req.store.update("working-files", row["id"], {"updated_at": now()})
    _emit_working(req, "working-file:update", updated, task)
    return public(updated)


@route("POST", "data/working-files/<working_file_id>/file")
def upload_working_file(req: Request) -> Any:
    row, task = _working_file(req)
    check_task_action(req, task)
    _fields, files = req.form()
    upload = files.get("file")
    if upload is None:
        raise abort_with(400, {"message": "No file was sent."})
    req.store.blobs[f"working-files/{row['id']}"] = upload.data
    updated = req.store.update("working-files", row["id"], {"size": len(upload.data)})
    return json_response(public(updated), 201)


@route("GET", "data/working-files/<working_file_id>/file")
def download_working_file(req: Request) -> Any:
    row, task = _working_file(req)
    check_task_read(req, task)
    data = req.store.blobs.get(f"working-files/{row['id']}")
    if data is None:
        raise not_found()
    return bytes_response(data, "application/octet-stream", filename=row["path"].rsplit("/")[-1])


# -- output files --------------------------------------------------------------------------------


def output_file_row(data: dict[str, Any]) -> Row:
    row: Row = {
        "shotgun_id": None,
        "name": "main",
        "canceled": False,
        "size": None,
        "checksum": None,
        "description": None,
        "comment": "",
        "extension": "",
        "revision": 1,
        "representation": "",
        "nb_elements": 1,
        "source": None,
        "path": None,
        "data": None,
        "quality": None,
        "file_status_id": None,
        "entity_id": None,
        "asset_instance_id": None,
        "output_type_id": None,
        "task_type_id": None,
        "person_id": None,
        "source_file_id": None,
        "source_file": None,
        "temporal_entity_id": None,
    }
    row.update(data)
    row.update(stamp())
    return row


def _default_file_status(req: Request) -> str:
    status = req.store.first("file-status", name="Created")
    if status is None:
        status = req.store.insert(
            "file-status", {"name": "Created", "color": "#ff5252", **stamp()}, type="FileStatus"
        )
    return str(status["id"])


def _same_outputs(req: Request, entity_id: str, body: dict[str, Any]) -> list[Row]:
    return [
        o
        for o in req.store.find("output-files", entity_id=entity_id, asset_instance_id=None)
        if o.get("output_type_id") == body.get("output_type_id")
        and o.get("task_type_id") == body.get("task_type_id")
        and o.get("name") == str(body.get("name") or "main")
        and o.get("representation") == str(body.get("representation") or "")
    ]


@route("POST", "data/entities/<entity_id>/output-files/next-revision")
def next_output_revision(req: Request) -> Any:
    entity = req.store.require("entities", req.params["entity_id"])
    req.check_project_read(entity.get("project_id"))
    body = req.json()
    body = body if isinstance(body, dict) else {}
    if not body.get("output_type_id") or not body.get("task_type_id"):
        raise abort_with(400, {"message": "Missing required parameter: output_type_id"})
    same = [
        o
        for o in req.store.find("output-files", entity_id=entity["id"], asset_instance_id=None)
        if o.get("output_type_id") == body.get("output_type_id")
        and o.get("task_type_id") == body.get("task_type_id")
        and o.get("name") == str(body.get("name") or "main")
    ]
    return {"next_revision": max([int(o["revision"]) for o in same] + [0]) + 1}


@route("POST", "data/entities/<entity_id>/output-files/new")
def new_output_file(req: Request) -> Any:
    entity = req.store.require("entities", req.params["entity_id"])
    req.check_project_read(entity.get("project_id"))
    body = req.json()
    body = body if isinstance(body, dict) else {}
    output_type = req.store.require("output-types", body.get("output_type_id"))
    task_type = req.store.require("task-types", body.get("task_type_id"))
    name = str(body.get("name") or "main")
    representation = str(body.get("representation") or "")
    revision = int(body.get("revision") or 0)
    same = _same_outputs(req, entity["id"], body)
    if revision < 1:
        revision = max([int(o["revision"]) for o in same] + [0]) + 1
    elif any(int(o["revision"]) == revision for o in same):
        raise abort_with(400, {"message": "Given revision already exists."})
    values = {
        "TaskType": task_type.get("name"),
        "OutputType": output_type.get("name"),
        "Name": name,
        "Version": _version(revision),
        "Representation": representation,
    }
    sep = str(body.get("sep") or "/")
    folder, file_name, path = render_path(
        req, entity, str(body.get("mode") or "output"), values, sep
    )
    row = req.store.insert(
        "output-files",
        output_file_row(
            {
                "name": name,
                "comment": str(body.get("comment") or ""),
                "extension": str(body.get("extension") or ""),
                "revision": revision,
                "representation": representation,
                "nb_elements": int(body.get("nb_elements") or 1),
                "path": path,
                "file_status_id": body.get("file_status_id") or _default_file_status(req),
                "entity_id": entity["id"],
                "output_type_id": output_type["id"],
                "task_type_id": task_type["id"],
                "person_id": body.get("person_id") or (req.user or {}).get("id"),
                "source_file_id": body.get("working_file_id"),
            }
        ),
        type="OutputFile",
    )
    req.emit("output-file:new", {"output_file_id": row["id"]}, project_id=entity["project_id"])
    answer = public(row)
    answer.update({"folder_path": folder, "file_name": file_name})
    return json_response(answer, 201)


@route("POST", "data/entities/<entity_id>/output-file-path")
def output_file_path(req: Request) -> Any:
    entity = req.store.require("entities", req.params["entity_id"])
    req.check_project_read(entity.get("project_id"))
    body = req.json()
    body = body if isinstance(body, dict) else {}
    output_type = req.store.require("output-types", body.get("output_type_id"))
    task_type = req.store.require("task-types", body.get("task_type_id"))
    values = {
        "TaskType": task_type.get("name"),
        "OutputType": output_type.get("name"),
        "Name": str(body.get("name") or "main"),
        "Version": _version(int(body.get("revision") or 1)),
        "Representation": str(body.get("representation") or ""),
    }
    folder, file_name, _path = render_path(
        req, entity, str(body.get("mode") or "output"), values, str(body.get("sep") or "/")
    )
    return {"folder_path": folder, "file_name": file_name}


def _entity_outputs(req: Request, entity_id: str) -> list[Row]:
    rows = req.store.find("output-files", entity_id=entity_id, asset_instance_id=None)
    for column in ("output_type_id", "task_type_id", "name", "representation", "file_status_id"):
        wanted = req.arg(column)
        if wanted:
            rows = [r for r in rows if r.get(column) == wanted]
    rows = sorted(rows, key=order_key)
    return sorted(rows, key=lambda o: -int(o.get("revision") or 0))


@route("GET", "data/entities/<entity_id>/output-files")
def entity_output_files(req: Request) -> Any:
    entity = req.store.require("entities", req.params["entity_id"])
    req.check_project_read(entity.get("project_id"))
    return [public(o) for o in _entity_outputs(req, entity["id"])]


@route("GET", "data/entities/<entity_id>/output-files/last-revisions")
def last_entity_output_files(req: Request) -> Any:
    entity = req.store.require("entities", req.params["entity_id"])
    req.check_project_read(entity.get("project_id"))
    seen: dict[tuple[Any, ...], Row] = {}
    for row in _entity_outputs(req, entity["id"]):
        key = (row["output_type_id"], row["task_type_id"], row["name"], row["representation"])
        seen.setdefault(key, public(row))
    return list(seen.values())


@route("GET", "data/entities/<entity_id>/output-types")
def entity_output_types(req: Request) -> Any:
    entity = req.store.require("entities", req.params["entity_id"])
    req.check_project_read(entity.get("project_id"))
    found: dict[str, Row] = {}
    for row in req.store.find("output-files", entity_id=entity["id"], asset_instance_id=None):
        output_type = req.store.get("output-types", row.get("output_type_id"))
        if output_type is not None:
            found[output_type["id"]] = public(output_type)
    return sorted(found.values(), key=lambda o: str(o.get("name")))


@route("GET", "data/projects/<project_id>/output-files")
def project_output_files(req: Request) -> Any:
    project = req.store.require("projects", req.params["project_id"])
    req.check_project_read(project["id"])
    entities = {e["id"] for e in req.store.find("entities", project_id=project["id"])}
    rows = [o for o in req.store.all("output-files") if o.get("entity_id") in entities]
    for column in ("output_type_id", "task_type_id", "name", "representation", "file_status_id"):
        wanted = req.arg(column)
        if wanted:
            rows = [r for r in rows if r.get(column) == wanted]
    return [public(o) for o in sorted(rows, key=order_key)]


def _project_of_output(req: Request, row: Row) -> Optional[str]:
    entity = req.store.get("entities", row.get("entity_id")) or {}
    return entity.get("project_id")


@route("GET", "data/output-files/<output_file_id>")
def get_output_file(req: Request) -> Any:
    row = req.store.require("output-files", req.params["output_file_id"])
    req.check_project_read(_project_of_output(req, row))
    return public(row)


@route("PUT", "data/output-files/<output_file_id>")
def put_output_file(req: Request) -> Any:
    row = req.store.require("output-files", req.params["output_file_id"])
    project_id = _project_of_output(req, row)
    req.check_project_write(project_id)
    body = req.json()
    if not isinstance(body, dict):
        raise abort_with(400, {"message": "Data are empty."})
    protected = ("id", "created_at", "updated_at", "type")
    updated = req.store.update(
        "output-files", row["id"], {k: v for k, v in body.items() if k not in protected}
    )
    req.emit("output-file:update", {"output_file_id": row["id"]}, project_id=project_id)
    return public(updated)


@route("DELETE", "data/output-files/<output_file_id>")
def delete_output_file(req: Request) -> Any:
    row = req.store.require("output-files", req.params["output_file_id"])
    project_id = _project_of_output(req, row)
    req.check_project_write(project_id)
    req.store.delete("output-files", row["id"])
    req.emit("output-file:delete", {"output_file_id": row["id"]}, project_id=project_id)
    return Response(204, {"Content-Type": "text/html; charset=utf-8"}, b"")
