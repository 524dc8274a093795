"""FakeKitsu's playlists: create, read, update, delete, the project's and episode's lists,
entities added with their latest preview, and an entity's previews by task type.

Movie builds, zip downloads, share links and temporary playlists are not modelled (they raise
FakeKitsuUnsupported: no route matches them).
"""

from __future__ import annotations

from typing import Any, Optional

from ._fake import Request, Response, Row, abort_with, json_response, route
from ._routes_previews import task_previews
from ._routes_tasks import order_key, public, stamp

SUMMARY = (
    "type", "id", "name", "project_id", "episode_id", "task_type_id", "for_client",
    "for_entity", "is_for_all", "created_at", "updated_at", "created_by",
)  # fmt: skip


def playlist_row(data: dict[str, Any]) -> Row:
    row: Row = {
        "name": None,
        "shots": None,
        "project_id": None,
        "episode_id": None,
        "task_type_id": None,
        "for_client": False,
        "for_entity": "shot",
        "is_for_all": False,
        "created_by": None,
    }
    row.update(data)
    row.update(stamp())
    return row


def answer(req: Request, playlist: Row, build_jobs: bool = True) -> Row:
    row = public(playlist)
    if build_jobs:
        row["build_jobs"] = [
            public(job) for job in req.store.find("build-jobs", playlist_id=playlist["id"])
        ]
    return row


def _check_read(req: Request, playlist: Row) -> None:
    req.check_project_read(playlist.get("project_id"))
    if req.is_client and not playlist.get("for_client"):
        raise_forbidden()


def raise_forbidden() -> None:
    from ._fake import forbidden

    raise forbidden()


def _check_write(req: Request, project_id: Optional[str]) -> None:
    if req.is_admin:
        return
    if req.role in ("manager", "supervisor") and req.in_team(project_id):
        return
    raise_forbidden()


def _emit(req: Request, name: str, playlist: Row, **extra: Any) -> None:
    req.emit(name, {"playlist_id": playlist["id"], **extra}, project_id=playlist.get("project_id"))


@route("POST", "data/playlists")
def create_playlist(req: Request) -> Any:
    body = req.json()
    if not isinstance(body, dict) or not body.get("name") or not body.get("project_id"):
        raise abort_with(400, {"message": "A required field is missing."})
    project = req.store.require("projects", body["project_id"])
    _check_write(req, project["id"])
    if body.get("episode_id"):
        req.store.require("entities", body["episode_id"])
    columns = {k: v for k, v in body.items() if k not in ("id", "created_at", "updated_at")}
    columns["created_by"] = (req.user or {}).get("id")
    playlist = req.store.insert("playlists", playlist_row(columns), type="Playlist")
    _emit(req, "playlist:new", playlist)
    return json_response(answer(req, playlist), 201)


@route("GET", "data/playlists/<playlist_id>")
def get_playlist(req: Request) -> Any:
    playlist = req.store.require("playlists", req.params["playlist_id"])
    _check_read(req, playlist)
    return answer(req, playlist)


@route("PUT", "data/playlists/<playlist_id>")
def put_playlist(req: Request) -> Any:
    playlist = req.store.require("playlists", req.params["playlist_id"])
    _check_write(req, playlist.get("project_id"))
    body = req.json()
    if not isinstance(body, dict):
        raise abort_with(400, {"message": "Data are empty."})
    protected = ("id", "created_at", "updated_at", "type", "project_id", "build_jobs")
    changes = {k: v for k, v in body.items() if k not in protected}
    if "shots" in changes and changes["shots"] is not None:
        changes["shots"] = [
            {
                "entity_id": s.get("entity_id") or s.get("id"),
                "preview_file_id": s.get("preview_file_id"),
            }
            for s in changes["shots"]
            if isinstance(s, dict)
        ]
    updated = req.store.update("playlists", playlist["id"], changes)
    _emit(req, "playlist:update", updated)
    return answer(req, updated, build_jobs=False)


@route("DELETE", "data/playlists/<playlist_id>")
def delete_playlist(req: Request) -> Any:
    playlist = req.store.require("playlists", req.params["playlist_id"])
    _check_write(req, playlist.get("project_id"))
    for job in req.store.find("build-jobs", playlist_id=playlist["id"]):
        req.store.delete("build-jobs", job["id"])
    req.store.delete("playlists", playlist["id"])
    _emit(req, "playlist:delete", playlist)
    return Response(204, {"Content-Type": "text/html; charset=utf-8"}, b"")


def _first_preview(playlist: Row) -> Optional[str]:
    for shot in playlist.get("shots") or []:
        if shot.get("preview_file_id"):
            return str(shot["preview_file_id"])
    return None


def _summaries(req: Request, rows: list[Row]) -> list[Row]:
    if req.is_client:
        rows = [r for r in rows if r.get("for_client")]
    rows = sorted(rows, key=order_key)
    rows = sorted(rows, key=lambda r: str(r.get("updated_at") or ""), reverse=True)
    page = req.arg("page")
    if page and page.isdigit() and int(page) > 0:
        start = (int(page) - 1) * 20
        rows = rows[start : start + 20]
    out = []
    for row in rows:
        summary = {key: row.get(key) for key in SUMMARY}
        summary["first_preview_file_id"] = _first_preview(row)
        out.append(summary)
    return out


@route("GET", "data/projects/<project_id>/playlists")
def project_playlists(req: Request) -> Any:
    project = req.store.require("projects", req.params["project_id"])
    req.check_project_read(project["id"])
    return _summaries(req, req.store.find("playlists", project_id=project["id"]))


@route("GET", "data/projects/<project_id>/episodes/<episode_id>/playlists")
def episode_playlists(req: Request) -> Any:
    project = req.store.require("projects", req.params["project_id"])
    req.check_project_read(project["id"])
    episode_id = req.params["episode_id"]
    rows = req.store.find("playlists", project_id=project["id"])
    if episode_id == "main":
        rows = [r for r in rows if not r.get("episode_id") and not r.get("is_for_all")]
    elif episode_id == "all":
        rows = [r for r in rows if r.get("is_for_all")]
    else:
        rows = [r for r in rows if r.get("episode_id") == episode_id]
    return _summaries(req, rows)


def entity_previews(req: Request, entity_id: str, task_type_id: Optional[str] = None) -> list[Row]:
    """The entity's previews, newest revision first (the task type's only when given)."""
    tasks = req.store.find("tasks", entity_id=entity_id)
    if task_type_id:
        tasks = [t for t in tasks if t.get("task_type_id") == task_type_id]
    found: list[Row] = []
    for task in tasks:
        found.extend(task_previews(req, task["id"]))
    return sorted(found, key=lambda p: (-int(p.get("revision") or 0), str(p.get("created_at"))))


@route("POST", "actions/playlists/<playlist_id>/add-entity")
def add_entity(req: Request) -> Any:
    playlist = req.store.require("playlists", req.params["playlist_id"])
    _check_write(req, playlist.get("project_id"))
    body = req.json()
    entity_id = body.get("entity_id") if isinstance(body, dict) else None
    entity = req.store.require("entities", entity_id)
    preview_id = body.get("preview_file_id") if isinstance(body, dict) else None
    if not preview_id:
        previews = [
            p
            for p in entity_previews(req, entity["id"], playlist.get("task_type_id"))
            if p.get("position") == 1
        ]
        preview_id = previews[0]["id"] if previews else None
    shots = [s for s in playlist.get("shots") or [] if s.get("entity_id") != entity["id"]]
    shots.append({"entity_id": entity["id"], "preview_file_id": preview_id})
    updated = req.store.update("playlists", playlist["id"], {"shots": shots})
    _emit(req, "playlist:add_entity", updated, entity_id=entity["id"], preview_file_id=preview_id)
    return answer(req, updated, build_jobs=False)


@route("GET", "data/playlists/entities/<entity_id>/preview-files")
def entity_preview_files(req: Request) -> Any:
    entity = req.store.require("entities", req.params["entity_id"])
    req.check_project_read(entity.get("project_id"))
    grouped: dict[str, list[Row]] = {}
    for task in sorted(req.store.find("tasks", entity_id=entity["id"]), key=order_key):
        rows = [p for p in task_previews(req, task["id"]) if int(p.get("position") or 1) == 1]
        if not rows:
            continue
        out = []
        for preview in rows:
            extras = [
                {"id": p["id"], "position": p["position"], "original_name": p["original_name"],
                 "extension": p["extension"], "width": p["width"], "height": p["height"],
                 "duration": p["duration"], "status": p["status"], "annotations": p["annotations"]}
                for p in task_previews(req, task["id"])
                if p["revision"] == preview["revision"] and p["id"] != preview["id"]
            ]  # fmt: skip
            out.append(
                {
                    "id": preview["id"],
                    "revision": preview["revision"],
                    "original_name": preview["original_name"],
                    "extension": preview["extension"],
                    "width": preview["width"],
                    "height": preview["height"],
                    "duration": preview["duration"],
                    "status": preview["status"],
                    "annotations": preview["annotations"],
                    "previews": extras,
                    "created_at": preview["created_at"],
                    "task_id": task["id"],
                    "original_width": None,
                    "original_height": None,
                    "original_duration": None,
                    "original_file_size": None,
                }
            )
        grouped.setdefault(task["task_type_id"], []).extend(out)
    return grouped


# -- share links --------------------------------------------------------------------------------


def _share_answer(row: Row) -> Row:
    answer = public(row)
    answer["has_password"] = bool(answer.pop("password", None))
    return answer


def _check_share_manager(req: Request, playlist: Row) -> None:
    if req.is_admin or (req.role == "manager" and req.in_team(playlist.get("project_id"))):
        return
    raise_forbidden()


def _expiration(value: Any) -> Optional[str]:
    import datetime

    if not value:
        return None
    text = str(value)
    try:
        if len(text) == 10:  # a day: valid until its end, as Zou stores it
            day = datetime.date.fromisoformat(text)
            return f"{day.isoformat()}T23:59:59"
        return datetime.datetime.fromisoformat(text).strftime("%Y-%m-%dT%H:%M:%S")
    except ValueError:
        raise abort_with(400, {"message": f"{text} is not a valid ISO 8601 date"}) from None


@route("POST", "data/playlists/<playlist_id>/share")
def new_share_link(req: Request) -> Any:
    import hashlib
    import uuid

    playlist = req.store.require("playlists", req.params["playlist_id"])
    _check_share_manager(req, playlist)
    body = req.json()
    body = body if isinstance(body, dict) else {}
    password = body.get("password")
    row = req.store.insert(
        "playlist-share-links",
        {
            "token": str(uuid.uuid4()),
            "playlist_id": playlist["id"],
            "created_by": (req.user or {}).get("id"),
            "expiration_date": _expiration(body.get("expiration_date")),
            "is_active": True,
            "can_comment": bool(body.get("can_comment", True)),
            "password": hashlib.sha256(str(password).encode()).hexdigest() if password else None,
            **stamp(),
        },
        type="PlaylistShareLink",
    )
    return json_response(_share_answer(row), 201)


@route("GET", "data/playlists/<playlist_id>/share")
def share_links(req: Request) -> Any:
    playlist = req.store.require("playlists", req.params["playlist_id"])
    _check_share_manager(req, playlist)
    rows = req.store.find("playlist-share-links", playlist_id=playlist["id"], is_active=True)
    return [_share_answer(r) for r in sorted(rows, key=order_key)]


@route("DELETE", "data/playlists/<playlist_id>/share/<token>")
def revoke_share_link(req: Request) -> Any:
    from ._fake import abort

    playlist = req.store.require("playlists", req.params["playlist_id"])
    _check_share_manager(req, playlist)
    row = req.store.first("playlist-share-links", token=req.params["token"])
    if row is None or row.get("playlist_id") != playlist["id"]:
        raise abort(404, "Share link not found", data=None)
    return _share_answer(req.store.update("playlist-share-links", row["id"], {"is_active": False}))
