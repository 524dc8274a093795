"""FakeKitsu's preview files: records added to comments, uploaded bytes kept as they are and
served back (originals, thumbnails, movies), main previews, listings.

Zou converts what it receives (thumbnails, normalised movies); the fake keeps the uploaded bytes
and serves them for every variant, and reads the width and height of PNG and JPEG pictures.
"""

from __future__ import annotations

import pathlib
import struct
import uuid
from typing import Any, Optional

from ._fake import (
    Request,
    Response,
    Row,
    abort_with,
    bytes_response,
    forbidden,
    json_response,
    not_found,
    now,
    route,
    unsupported,
)
from ._routes_tasks import (
    check_manager_of,
    check_task_action,
    check_task_read,
    entity_type_name,
    order_key,
    public,
    require_task,
    stamp,
)

MOVIE_EXTENSIONS = ("mp4", "mov", "avi", "mkv", "webm", "m4v", "wmv", "mpg", "mpeg")
PICTURE_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif"}


def blob_key(preview_id: str) -> str:
    return f"preview-files/{preview_id}"


def preview_row(data: dict[str, Any]) -> Row:
    row: Row = {
        "name": str(uuid.uuid4())[:13],
        "original_name": None,
        "revision": 1,
        "position": 1,
        "extension": "mp4",
        "description": None,
        "path": None,
        "source": "webgui",
        "file_size": 0,
        "status": "processing",
        "validation_status": "neutral",
        "annotations": None,
        "width": 0,
        "height": 0,
        "duration": 0.0,
        "data": None,
        "token_in": None,
        "token_out": None,
        "task_id": None,
        "person_id": None,
        "source_file_id": None,
        "shotgun_id": None,
        "is_movie": False,
        "url": None,
        "uploaded_movie_url": None,
        "uploaded_movie_name": None,
    }
    row.update(data)
    row.update(stamp())
    return row


def comments_of(req: Request, preview_id: str) -> list[str]:
    return [c["id"] for c in req.store.all("comments") if preview_id in c.get("previews", [])]


def with_comments(req: Request, preview: Row) -> Row:
    row = public(preview)
    row["comments"] = comments_of(req, preview["id"])
    return row


def task_previews(req: Request, task_id: str) -> list[Row]:
    rows = req.store.find("preview-files", task_id=task_id)
    rows = sorted(rows, key=order_key)
    return sorted(rows, key=lambda p: (-int(p.get("revision") or 0), int(p.get("position") or 0)))


def _require_comment_of(req: Request, task: Row, comment_id: str) -> Row:
    comment = req.store.require("comments", comment_id)
    if comment.get("object_id") != task["id"]:
        raise not_found()
    return comment


def new_preview(req: Request, task: Row, comment: Row, revision: int, position: int) -> Row:
    preview = req.store.insert(
        "preview-files",
        preview_row(
            {
                "revision": revision,
                "position": position,
                "task_id": task["id"],
                "person_id": (req.user or {}).get("id"),
            }
        ),
        type="PreviewFile",
    )
    req.store.update("comments", comment["id"], {"previews": [*comment["previews"], preview["id"]]})
    project_id = task.get("project_id")
    req.emit(
        "preview-file:new",
        {"preview_file_id": preview["id"], "comment_id": comment["id"]},
        project_id=project_id,
    )
    req.emit(
        "comment:update",
        {
            "comment_id": comment["id"],
            "task_id": task["id"],
            "person_id": comment.get("person_id"),
            "for_client": comment.get("for_client", False),
        },
        project_id=project_id,
    )
    answer = public(preview)
    answer["comments"] = [comment["id"]]
    return answer


@route("POST", "actions/tasks/<task_id>/comments/<comment_id>/add-preview")
def add_preview(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    comment = _require_comment_of(req, task, req.params["comment_id"])
    check_task_action(req, task)
    body = req.json()
    revision = body.get("revision") if isinstance(body, dict) else None
    existing = req.store.find("preview-files", task_id=task["id"])
    if revision is None:
        revision = max([int(p.get("revision") or 0) for p in existing] + [0]) + 1
    elif not isinstance(revision, int) or isinstance(revision, bool) or revision < 1:
        raise abort_with(400, {"message": "Revision must be a positive integer."})
    same = [p for p in existing if p.get("revision") == revision]
    return json_response(new_preview(req, task, comment, revision, len(same) + 1), 201)


@route("POST", "actions/tasks/<task_id>/comments/<comment_id>/preview-files/<preview_file_id>")
def add_extra_preview(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    comment = _require_comment_of(req, task, req.params["comment_id"])
    check_task_action(req, task)
    related = req.store.require("preview-files", req.params["preview_file_id"])
    revision = int(related.get("revision") or 1)
    same = [
        p for p in req.store.find("preview-files", task_id=task["id"]) if p["revision"] == revision
    ]
    return json_response(new_preview(req, task, comment, revision, len(same) + 1), 201)


@route("DELETE", "actions/tasks/<task_id>/comments/<comment_id>/preview-files/<preview_file_id>")
def remove_preview_from_comment(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    comment = _require_comment_of(req, task, req.params["comment_id"])
    check_task_action(req, task)
    preview = req.store.require("preview-files", req.params["preview_file_id"])
    remove_preview(req, preview)
    left = [p for p in comment["previews"] if p != preview["id"]]
    req.store.update("comments", comment["id"], {"previews": left})
    return Response(204, {"Content-Type": "text/html; charset=utf-8"}, b"")


def remove_preview(req: Request, preview: Row) -> None:
    task = req.store.get("tasks", preview.get("task_id")) or {}
    for comment in req.store.all("comments"):
        if preview["id"] in comment.get("previews", []):
            left = [p for p in comment["previews"] if p != preview["id"]]
            req.store.update("comments", comment["id"], {"previews": left})
    for entity in req.store.find("entities", preview_file_id=preview["id"]):
        req.store.update("entities", entity["id"], {"preview_file_id": None})
    if task.get("last_preview_file_id") == preview["id"]:
        req.store.update("tasks", task["id"], {"last_preview_file_id": None})
    req.store.delete("preview-files", preview["id"])
    req.store.blobs.pop(blob_key(preview["id"]), None)
    req.emit(
        "preview-file:delete", {"preview_file_id": preview["id"]}, project_id=task.get("project_id")
    )


def picture_size(data: bytes) -> tuple[int, int]:
    """(width, height) of PNG, GIF or JPEG bytes; (0, 0) for anything else."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return int(width), int(height)
    if data[:2] == b"\xff\xd8":
        index = 2
        while index + 9 < len(data):
            if data[index] != 0xFF:
                break
            marker = data[index + 1]
            length = struct.unpack(">H", data[index + 2 : index + 4])[0]
            if marker in (0xC0, 0xC1, 0xC2):
                height, width = struct.unpack(">HH", data[index + 5 : index + 9])
                return int(width), int(height)
            index += 2 + length
    return 0, 0


@route("POST", "pictures/preview-files/<preview_file_id>")
def upload_preview(req: Request) -> Any:
    preview = req.store.require("preview-files", req.params["preview_file_id"])
    task = req.store.get("tasks", preview.get("task_id")) or {}
    if task:
        check_task_action(req, task)
    _fields, files = req.form()
    upload = files.get("file")
    if upload is None:
        raise abort_with(400, {"message": "No file was sent."})
    name = pathlib.PurePosixPath(upload.filename or "file")
    extension = name.suffix.lstrip(".").lower()
    if not extension:
        raise abort_with(400, {"message": "Wrong file format, extension is missing."})
    width, height = picture_size(upload.data)
    is_movie = extension in MOVIE_EXTENSIONS
    changes: dict[str, Any] = {
        "original_name": name.stem,
        "extension": "mp4" if is_movie else extension,
        "file_size": len(upload.data),
        "status": "ready",
        "width": width,
        "height": height,
        "is_movie": is_movie,
    }
    updated = req.store.update("preview-files", preview["id"], changes)
    req.store.blobs[blob_key(preview["id"])] = upload.data
    if task:
        req.store.update("tasks", task["id"], {"last_preview_file_id": preview["id"]})
        project = req.store.get("projects", task.get("project_id")) or {}
        if project.get("is_set_preview_automated"):
            set_main(req, updated)
    comments = comments_of(req, preview["id"])
    req.emit(
        "preview-file:update",
        {"preview_file_id": preview["id"], "status": updated["status"]},
        project_id=task.get("project_id"),
    )
    req.emit(
        "preview-file:add-file",
        {
            "comment_id": comments[0] if comments else None,
            "task_id": task.get("id"),
            "preview_file_id": preview["id"],
            "revision": updated["revision"],
            "extension": updated["extension"],
            "status": updated["status"],
        },
        project_id=task.get("project_id"),
    )
    return json_response(public(updated), 201)


def _serve(req: Request, preview_id_with_ext: str) -> Response:
    preview_id = preview_id_with_ext.rsplit(".", 1)[0]
    preview = req.store.require("preview-files", preview_id)
    task = req.store.get("tasks", preview.get("task_id"))
    if task is not None:
        check_task_read(req, task)
    data = req.store.blobs.get(blob_key(preview["id"]))
    if data is None:
        raise not_found()
    extension = str(preview.get("extension") or "")
    content_type = "video/mp4" if preview.get("is_movie") else PICTURE_TYPES.get(extension)
    return bytes_response(data, content_type or "application/octet-stream")


@route("GET", "pictures/<variant>/preview-files/<preview_file>")
def get_picture(req: Request) -> Any:
    if req.params["variant"] not in ("originals", "thumbnails", "thumbnails-square", "previews"):
        raise not_found()
    return _serve(req, req.params["preview_file"])


@route("GET", "movies/<variant>/preview-files/<preview_file>")
def get_movie(req: Request) -> Any:
    if req.params["variant"] not in ("originals", "low", "tiles"):
        raise not_found()
    return _serve(req, req.params["preview_file"])


def set_main(req: Request, preview: Row, frame_number: Optional[int] = None) -> Row:
    task = req.store.require("tasks", preview.get("task_id"))
    entity = req.store.require("entities", task["entity_id"])
    updated = req.store.update("entities", entity["id"], {"preview_file_id": preview["id"]})
    project_id = entity.get("project_id")
    req.emit(
        "preview-file:set-main",
        {
            "entity_id": entity["id"],
            "preview_file_id": preview["id"],
            "preview_file_status": preview.get("status"),
        },
        project_id=project_id,
    )
    kind = entity_type_name(req, entity)
    prefix = kind.lower() if kind in ("Shot", "Sequence", "Episode", "Scene", "Edit") else "asset"
    req.emit(f"{prefix}:update", {f"{prefix}_id": entity["id"]}, project_id=project_id)
    answer = {k: v for k, v in updated.items() if not k.startswith("_")}
    for hidden in ("entities_out", "entities_in", "instance_casting", "entity_concept_links"):
        answer.pop(hidden, None)
    answer["type"] = "Entity"
    answer["preview_file_status"] = preview.get("status")
    return answer


@route("PUT", "actions/preview-files/<preview_file_id>/set-main-preview")
def set_main_preview(req: Request) -> Any:
    preview = req.store.require("preview-files", req.params["preview_file_id"])
    task = req.store.require("tasks", preview.get("task_id"))
    check_task_action(req, task)
    body = req.json()
    frame = body.get("frame_number") if isinstance(body, dict) else None
    return set_main(req, preview, frame)


@route("GET", "data/tasks/<task_id>/previews")
def get_task_previews(req: Request) -> Any:
    task = require_task(req, req.params["task_id"])
    check_task_read(req, task)
    return [public(p) for p in task_previews(req, task["id"])]


@route("GET", "data/projects/<project_id>/preview-files")
def project_previews(req: Request) -> Any:
    project = req.store.require("projects", req.params["project_id"])
    check_manager_of(req, project["id"])
    tasks = {t["id"] for t in req.store.find("tasks", project_id=project["id"])}
    rows = [p for p in req.store.all("preview-files") if p.get("task_id") in tasks]
    return [public(p) for p in sorted(rows, key=order_key)]


@route("GET", "data/preview-files/<preview_file_id>")
def get_preview(req: Request) -> Any:
    preview = req.store.require("preview-files", req.params["preview_file_id"])
    task = req.store.get("tasks", preview.get("task_id"))
    if task is not None:
        check_task_read(req, task)
    return with_comments(req, preview)


@route("PUT", "data/preview-files/<preview_file_id>")
def put_preview(req: Request) -> Any:
    preview = req.store.require("preview-files", req.params["preview_file_id"])
    task = req.store.get("tasks", preview.get("task_id")) or {}
    if task:
        check_task_action(req, task)
    body = req.json()
    if not isinstance(body, dict):
        raise abort_with(400, {"message": "Data are empty."})
    protected = ("id", "created_at", "updated_at", "type", "task_id")
    changes = {k: v for k, v in body.items() if k not in protected}
    updated = req.store.update("preview-files", preview["id"], changes)
    req.emit(
        "preview-file:update", {"preview_file_id": preview["id"]}, project_id=task.get("project_id")
    )
    return public(updated)


@route("DELETE", "data/preview-files/<preview_file_id>")
def delete_preview(req: Request) -> Any:
    preview = req.store.require("preview-files", req.params["preview_file_id"])
    task = req.store.get("tasks", preview.get("task_id")) or {}
    if task:
        check_task_action(req, task)
    remove_preview(req, preview)
    return Response(204, {"Content-Type": "text/html; charset=utf-8"}, b"")


@route("PUT", "actions/preview-files/<preview_file_id>/update-position")
def update_position(req: Request) -> Any:
    preview = req.store.require("preview-files", req.params["preview_file_id"])
    task = req.store.require("tasks", preview.get("task_id"))
    check_task_action(req, task)
    body = req.json()
    position = body.get("position") if isinstance(body, dict) else None
    if not isinstance(position, int) or isinstance(position, bool) or position < 1:
        raise abort_with(400, {"message": "Missing required parameter: position"})
    siblings = [
        p
        for p in task_previews(req, task["id"])
        if p["revision"] == preview["revision"] and p["id"] != preview["id"]
    ]
    siblings.sort(key=lambda p: int(p.get("position") or 0))
    siblings.insert(min(position - 1, len(siblings)), preview)
    for index, row in enumerate(siblings, 1):
        req.store.update("preview-files", row["id"], {"position": index})
    return public(req.store.require("preview-files", preview["id"]))


@route("PUT", "actions/preview-files/<preview_file_id>/update-annotations")
def update_annotations(req: Request) -> Any:
    preview = req.store.require("preview-files", req.params["preview_file_id"])
    task = req.store.require("tasks", preview.get("task_id"))
    req.check_project_read(task.get("project_id"))
    body = req.json()
    body = body if isinstance(body, dict) else {}
    annotations = list(preview.get("annotations") or [])
    deletions = set(body.get("deletions") or [])
    updates = {a.get("time"): a for a in body.get("updates") or [] if isinstance(a, dict)}
    kept = []
    for annotation in annotations:
        if annotation.get("time") in deletions:
            continue
        kept.append(updates.pop(annotation.get("time"), annotation))
    kept.extend(a for a in body.get("additions") or [] if isinstance(a, dict))
    kept.extend(updates.values())
    updated = req.store.update("preview-files", preview["id"], {"annotations": kept})
    req.emit(
        "preview-file:annotation-update",
        {
            "preview_file_id": preview["id"],
            "person_id": (req.user or {}).get("id"),
            "updated_at": now(),
        },
        project_id=task.get("project_id"),
    )
    return public(updated)


@route("GET", "data/<collection>/<entity_id>/preview-files")
def entity_preview_files(req: Request) -> Any:
    """Zou's previews of a shot / asset... by task type, newest revision first."""
    if req.params["collection"] not in ("shots", "assets", "sequences", "episodes", "edits"):
        raise unsupported(req)
    entity = req.store.require("entities", req.params["entity_id"])
    req.check_project_read(entity.get("project_id"))
    grouped: dict[str, list[Row]] = {}
    for task in sorted(req.store.find("tasks", entity_id=entity["id"]), key=order_key):
        rows = task_previews(req, task["id"])
        if rows:
            grouped.setdefault(task["task_type_id"], []).extend(public(p) for p in rows)
    return grouped


@route("GET", "data/playlists/preview-files/running")
def running_previews(req: Request) -> Any:
    """Zou's preview files still processing (or broken, missing) in open projects, newest first,
    with their project, task type and full entity name."""
    from ._routes_tasks import full_entity_name

    out = []
    rows = sorted(req.store.all("preview-files"), key=order_key, reverse=True)
    for preview in rows:
        if preview.get("status") not in ("broken", "missing", "processing"):
            continue
        task = req.store.get("tasks", preview.get("task_id")) or {}
        project = req.store.get("projects", task.get("project_id")) or {}
        status = req.store.get("project-status", project.get("project_status_id")) or {}
        if status.get("name") != "Open":
            continue
        if not (req.is_admin or req.in_team(project.get("id"))):
            continue
        entity = req.store.get("entities", task.get("entity_id"))
        row = public(preview)
        row.update(
            {
                "project_id": task.get("project_id"),
                "task_type_id": task.get("task_type_id"),
                "full_entity_name": full_entity_name(req, entity)[0] if entity else "",
            }
        )
        out.append(row)
    return out


# -- avatars (persons, projects, organisations) -------------------------------------------------

AVATARS = {"persons": "person", "projects": "project", "organisations": "organisation"}


def _avatar_owner(req: Request, kind: str, row_id: str) -> tuple[str, Row]:
    singular = AVATARS.get(kind)
    if singular is None:
        raise unsupported(req)
    return singular, req.store.require(kind, row_id)


@route("POST", "pictures/thumbnails/<kind>/<row_id>")
def upload_avatar(req: Request) -> Any:
    singular, row = _avatar_owner(req, req.params["kind"], req.params["row_id"])
    if singular == "person":
        if not (req.is_admin or (req.user or {}).get("id") == row["id"]):
            raise forbidden()
    elif singular == "project":
        req.check_project_write(row["id"])
    else:
        req.require_admin()
    _fields, files = req.form()
    upload = files.get("file")
    if upload is None:
        raise abort_with(400, {"message": "No file was sent."})
    if picture_size(upload.data) == (0, 0):
        raise abort_with(400, {"message": "Wrong file format, the picture cannot be read."})
    req.store.blobs[f"avatars/{req.params['kind']}/{row['id']}"] = upload.data
    req.store.update(req.params["kind"], row["id"], {"has_avatar": True})
    project_id = row["id"] if singular == "project" else None
    req.emit(f"{singular}:set-thumbnail", {f"{singular}_id": row["id"]}, project_id=project_id)
    path = f"pictures/thumbnails/{req.params['kind']}/{row['id']}.png"
    return json_response({"thumbnail_path": path}, 201)


@route("GET", "pictures/thumbnails/<kind>/<row_file>")
def download_avatar(req: Request) -> Any:
    row_id = req.params["row_file"].rsplit(".", 1)[0]
    _singular, row = _avatar_owner(req, req.params["kind"], row_id)
    data = req.store.blobs.get(f"avatars/{req.params['kind']}/{row['id']}")
    if data is None:
        raise not_found()
    return bytes_response(data, "image/png")


def _clear_avatar(req: Request, person: Row) -> Response:
    req.store.blobs.pop(f"avatars/persons/{person['id']}", None)
    req.store.update("persons", person["id"], {"has_avatar": False})
    return Response(204, {"Content-Type": "text/html; charset=utf-8"}, b"")


@route("DELETE", "actions/persons/<person_id>/clear-avatar")
def clear_person_avatar(req: Request) -> Any:
    person = req.store.require("persons", req.params["person_id"])
    if not (req.is_admin or (req.user or {}).get("id") == person["id"]):
        raise forbidden()
    return _clear_avatar(req, person)


@route("DELETE", "actions/user/clear-avatar")
def clear_my_avatar(req: Request) -> Any:
    return _clear_avatar(req, req.store.require("persons", (req.user or {}).get("id")))
