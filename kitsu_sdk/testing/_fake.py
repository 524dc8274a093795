"""FakeKitsu: an in-memory Zou 1.0.97 behind the SDK's transports (no port, no socket).

    with FakeKitsu() as fake:                  # registers fake.host and fake.event_host
        client = KitsuClient(fake.host)        # or kitsu_sdk.set_host(fake.host)
        client.log_in(fake.admin_email, fake.admin_password)

How a request gets here: `kitsu_sdk/_core/in_process.py` keeps `{host prefix: app}`; both
transports ask it per request and hand a matching URL to the app (`FakeKitsu.__call__`), which
finds the route, checks the token, runs the handler and returns `(status, headers, body)`.
Everything above the transport (auth headers, token refresh, error mapping, retries, uploads,
downloads) runs unchanged.

Writing routes (the framework; domain modules `_routes_*.py` use only what is described here)
---------------------------------------------------------------------------------------------
Registering a route: in a module `kitsu_sdk/testing/_routes_<domain>.py` (listed in
`ROUTE_MODULES` below, imported when the first FakeKitsu is built):

    from ._fake import Request, abort, route

    @route("GET", "data/projects/<project_id>/sequences")
    def project_sequences(req: Request) -> Any:
        project = req.store.require("projects", req.params["project_id"])
        req.check_project_read(project["id"])
        return req.store.find("entities", project_id=project["id"], entity_type_id=...)

- The pattern is the path after the API root, "<name>" a segment (`req.params["name"]`),
  "<path:name>" the rest of the path. Where two patterns match, the one with a literal at the
  first segment where they differ wins (`data/projects/open` over `data/projects/<id>`,
  `data/shots/<id>` over `data/<model>/<id>`), as in Flask; then the first registered.
- `@route(..., auth=False)` for routes Zou serves without a token (`auth/login`, `/`).
- Any path no route matches raises `FakeKitsuUnsupported("METHOD PATH")` to the SDK's caller
  (the transports do not catch it, nothing retries it). Raise it yourself
  (`raise unsupported(req)`) for a case of a route you do not model, never answer empty.

The request object (`Request`): `method`, `path`, `params` (path parameters), `query`
(multi-dict `{"name": ["x"]}`), `arg("name", default)` (first query value), `flag("relations")`
("true"/"1" -> True), `headers` (lower-case keys), `body` (bytes), `json()` (the decoded JSON body,
{} when empty; 400 when not JSON), `form()` -> `(fields: dict[str, str], files: dict[str,
UploadedFile(filename, content_type, data)])` for multipart uploads, `user` (the authenticated
person row, None on auth=False routes), `role` (its `role`: admin/manager/supervisor/user/
client/vendor; Zou calls the artist "user"), `fake` (the FakeKitsu), `store` (= `fake.store`).

Answering: return any JSON-able value (-> 200 with that JSON), or a `Response`:
`json_response(data, status=201)`, `bytes_response(data, content_type="image/png",
filename=None)`, `error_response(status, message, **extra)`, `Response(204, {}, b"")`.
Errors: `abort(status, message, **extra)` raises; the body is Zou's shape, e.g. 404
`{"error": True, "message": "..."}`. Helpers with Zou's exact messages: `not_found()` (Flask's
404 text, what Zou answers for a missing id), `malformed_id()` (400 "Malformed ID."),
`wrong_parameter(message, data=None)` (Zou's WrongParameterException: 400 `{"error": True,
"message": ..., "data": None}`), `missing_field()` (400 `{"message": "A required field is
missing."}`), `forbidden()` (403 `{"error": True, "message": FORBIDDEN_MESSAGE}`, werkzeug's
text as Zou sends it), and `unsupported(req, why)` (the FakeKitsuUnsupported to raise).

The store (`fake.store`, a `Store`): tables `{table: {id: row}}`, rows plain dicts, named after
Zou's `data/<model>` routes: "projects", "persons", "departments", "entities" (assets, shots,
sequences, episodes, scenes, edits: as in Zou, one table with `entity_type_id`), "entity-types"
(asset types and the Shot/Sequence/Episode/Scene/Edit types), "task-types", "task-status",
"tasks", "comments", "preview-files", "playlists", "working-files", "output-files",
"project-status", ... (any name works; `_routes_crud` serves `data/<table>` generically for the
tables in its CRUD_TABLES). Keys starting with "_" are private (`_routes_crud.serialize` drops
them).

    row = store.insert("projects", {"name": "P"}, type="Project")  # id, created_at, updated_at,
                                                                  # type added; returns the row
    store.get("projects", id)            # the row or None (a malformed id -> None)
    store.require("projects", id)        # the row, or abort 400 "Malformed ID." / 404
    store.find("tasks", project_id=p, task_type_id=t)  # rows whose columns equal these values
    store.first("task-status", short_name="wip")       # the first such row or None
    store.update("projects", id, {"name": "Q"})        # sets these columns and updated_at
                                                       # (no `data` merge: the caller merges,
                                                       # as Zou does for entities and tasks)
    store.delete("projects", id)                       # removes and returns the row
    store.all("projects")                              # list of rows, insertion order

Rows are the store's own: handlers return them as they are (the response is JSON-encoded, so the
caller never shares them; `json_response` leaves out "_" keys at any depth). `store.lock` (an
RLock) is held during every request: requests from many threads see consistent state. `now()`
is Zou's timestamp format ("2026-12-01T17:48:29").

Events: `fake.emit("shot:new", {"shot_id": id}, project_id=pid)` records it in the event log
(served at `data/events/last`) and delivers it to in-process listeners connected to
`fake.event_host` (names and payload keys: `EVENTS` in `_event_names.py`, copied from Zou).
Emit after the state change, as Zou does. `req.emit(...)` is the same with `user_id` set to the
requester.

Permissions (roles on `person["role"]`: admin, manager, supervisor, user (artist), client,
vendor): `req.require_admin()`, `req.require_manager()` (admin or manager),
`req.require_role("admin", "manager", ...)`, `req.check_project_read(project_id)` (admin, or in
the project's team), `req.check_project_write(project_id)` (admin, or manager of the team: Zou's
check_manager_project_access; a supervisor cannot create shots), `req.check_project_supervisor(
project_id)` (admin, or manager/supervisor of the team), `req.project_role(project_id)` (the
team role given by add_person_to_team(role=...), else the global role), `req.is_admin`,
`req.is_client`. The checks abort with Zou's 403 body when refused.

Test helpers on the fake: `fake.client` (a KitsuClient logged in as the admin, events to the
fake), `fake.client_for(person)` (a client logged in as that person), `fake.add_person(email,
password, role=...)`, `fake.events` (the log), `fake.requests` ((METHOD, path) received),
`fake.drop_event_connections()` (a network cut: listeners reconnect and catch up),
`fake.expire_access_tokens()` (every access token so far answers 401 "Token has expired").

Sharing state between domain modules: put helpers in your own module; read other modules' rows
through the store only.
"""

from __future__ import annotations

import base64
import datetime
import email.utils
import hashlib
import importlib
import json
import re
import threading
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Optional, Union

from .._core import in_process

if TYPE_CHECKING:
    from .._client import KitsuClient
    from ._events import EventBus

Row = dict[str, Any]
Handler = Callable[["Request"], Any]

#: The domain modules imported (once) when the first FakeKitsu is built; a missing one is skipped.
ROUTE_MODULES = (
    "_routes_auth",
    "_routes_crud",
    "_routes_production",
    "_routes_breakdown",
    "_routes_persons",
    "_routes_user",
    "_routes_events",
    "_routes_tasks",
    "_routes_previews",
    "_routes_playlists",
    "_routes_files",
)

NOT_FOUND_MESSAGE = (
    "404 Not Found: The requested URL was not found on the server. If you entered the URL "
    "manually please check your spelling and try again."
)
FORBIDDEN_MESSAGE = (
    "You don't have the permission to access the requested resource. It is either "
    "read-protected or not understood by the server."
)


class FakeKitsuUnsupported(Exception):
    """FakeKitsu does not model this request: the message is "METHOD PATH" (and why)."""


# -- answers ----------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


class HTTPAbort(Exception):
    """Raised by `abort`: the router turns it into its response."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status)
        self.response = response


def _json_default(value: Any) -> Any:
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def public(value: Any) -> Any:
    """The value without the fake's private keys (those starting with "_"), at any depth."""
    if isinstance(value, dict):
        return {k: public(v) for k, v in value.items() if not str(k).startswith("_")}
    if isinstance(value, (list, tuple)):
        return [public(v) for v in value]
    return value


def json_response(
    data: Any, status: int = 200, headers: Optional[Mapping[str, str]] = None
) -> Response:
    """A JSON answer; keys starting with "_" (private columns) are left out at any depth."""
    body = json.dumps(public(data), default=_json_default).encode("utf-8")
    out = {"Content-Type": "application/json"}
    out.update(headers or {})
    return Response(status, out, body)


def bytes_response(
    data: bytes, content_type: str = "application/octet-stream", filename: Optional[str] = None
) -> Response:
    headers = {"Content-Type": content_type}
    if filename:
        headers["Content-Disposition"] = f"attachment; filename={filename}"
    return Response(200, headers, data)


def error_response(status: int, message: str, **extra: Any) -> Response:
    body: dict[str, Any] = {"error": True, "message": message}
    body.update(extra)
    return json_response(body, status)


def abort(status: int, message: str, **extra: Any) -> HTTPAbort:
    """Raise (or return, to `raise abort(...)` for the type checker) an error answer."""
    raise HTTPAbort(error_response(status, message, **extra))


def abort_with(status: int, body: Any) -> HTTPAbort:
    """Raise an error answer with exactly this JSON body (Zou's shapes vary by route)."""
    raise HTTPAbort(json_response(body, status))


def not_found(message: str = NOT_FOUND_MESSAGE) -> HTTPAbort:
    return abort(404, message)


def malformed_id() -> HTTPAbort:
    return abort(400, "Malformed ID.", data=None)


def wrong_parameter(message: str, data: Any = None) -> HTTPAbort:
    """Zou's WrongParameterException: 400 `{"error": True, "message": ..., "data": ...}`."""
    return abort(400, message, data=data)


def missing_field() -> HTTPAbort:
    return abort_with(400, {"message": "A required field is missing."})


def forbidden(message: str = FORBIDDEN_MESSAGE) -> HTTPAbort:
    return abort(403, message)


def unsupported(req: Request, why: str = "") -> FakeKitsuUnsupported:
    text = f"{req.method} {req.path}"
    return FakeKitsuUnsupported(f"{text}: {why}" if why else text)


def now() -> str:
    """Zou's timestamp format, UTC, to the second."""
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def new_id() -> str:
    return str(uuid.uuid4())


def is_uuid(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


# -- routes -----------------------------------------------------------------------------------


@dataclass
class Route:
    method: str
    pattern: str
    regex: re.Pattern[str]
    handler: Handler
    auth: bool
    rank: tuple[int, ...]
    order: int


_ROUTES: list[Route] = []
_ROUTES_LOCK = threading.Lock()
_LOADED = False


def _compile(pattern: str) -> tuple[re.Pattern[str], tuple[int, ...]]:
    """The pattern's regex and its rank: per segment 0 (literal), 1 (<name>), 2 (<path:name>);
    routes are tried in rank order, so at the first segment where two differ the literal wins
    (`data/projects/open` before `data/projects/<project_id>`), as in werkzeug."""
    parts = []
    rank = []
    for segment in pattern.strip("/").split("/") if pattern.strip("/") else []:
        if segment.startswith("<path:") and segment.endswith(">"):
            parts.append(f"(?P<{segment[6:-1]}>.+)")
            rank.append(2)
        elif segment.startswith("<") and segment.endswith(">"):
            parts.append(f"(?P<{segment[1:-1]}>[^/]+)")
            rank.append(1)
        else:
            parts.append(re.escape(segment))
            rank.append(0)
    return re.compile("^" + "/".join(parts) + "$"), tuple(rank)


def route(method: str, pattern: str, *, auth: bool = True) -> Callable[[Handler], Handler]:
    """Register `handler(req)` for METHOD and a path pattern (see the module docstring)."""

    def register(handler: Handler) -> Handler:
        regex, rank = _compile(pattern)
        with _ROUTES_LOCK:
            _ROUTES.append(Route(method.upper(), pattern, regex, handler, auth, rank, len(_ROUTES)))
            _ROUTES.sort(key=lambda r: (r.rank, r.order))
        return handler

    return register


def _load_routes() -> None:
    global _LOADED
    if _LOADED:
        return
    for name in ROUTE_MODULES:
        try:
            importlib.import_module(f"{__package__}.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"{__package__}.{name}":
                raise
    _LOADED = True


def match(method: str, path: str) -> Optional[tuple[Route, dict[str, str]]]:
    path = path.strip("/")
    allowed = False
    for candidate in _ROUTES:
        found = candidate.regex.match(path)
        if found is None:
            continue
        if candidate.method == method:
            return candidate, found.groupdict()
        allowed = True
    if allowed and method == "HEAD":
        return match("GET", path)
    return None


# -- the request --------------------------------------------------------------------------------


@dataclass
class UploadedFile:
    filename: str
    content_type: str
    data: bytes


@dataclass
class Request:
    """What a route handler gets (see the module docstring)."""

    fake: FakeKitsu
    method: str
    path: str
    params: dict[str, str]
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    user: Optional[Row] = None
    _json: Any = field(default=None, repr=False)

    @property
    def store(self) -> Store:
        return self.fake.store

    @property
    def role(self) -> str:
        return str((self.user or {}).get("role") or "")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_client(self) -> bool:
        return self.role in ("client", "vendor")

    def arg(self, name: str, default: Optional[str] = None) -> Optional[str]:
        values = self.query.get(name)
        return values[0] if values else default

    def flag(self, name: str) -> bool:
        return (self.arg(name) or "").lower() in ("true", "1", "yes")

    def json(self) -> Any:
        if self._json is None:
            if not self.body.strip():
                self._json = {}
            else:
                try:
                    self._json = json.loads(self.body)
                except ValueError:
                    raise abort(
                        400,
                        "The browser (or proxy) sent a request that this server could not "
                        "understand.",
                    ) from None
        return self._json

    def form(self) -> tuple[dict[str, str], dict[str, UploadedFile]]:
        return parse_multipart(self.headers.get("content-type", ""), self.body)

    def emit(self, name: str, data: Mapping[str, Any], project_id: Optional[str] = None) -> None:
        self.fake.emit(name, data, project_id=project_id, user_id=(self.user or {}).get("id"))

    # permissions
    def require_role(self, *roles: str) -> None:
        if self.role not in roles:
            raise forbidden()

    def require_admin(self) -> None:
        self.require_role("admin")

    def require_manager(self) -> None:
        self.require_role("admin", "manager")

    def in_team(self, project_id: Optional[str]) -> bool:
        if not project_id:
            return False
        project = self.store.get("projects", project_id)
        user_id = (self.user or {}).get("id")
        return bool(project and user_id in (project.get("team") or []))

    def project_role(self, project_id: Optional[str]) -> str:
        """The requester's role on this project: the team role set for it (Zou 1.0.97's
        per-project roles), else their global role."""
        project = self.store.get("projects", project_id) if project_id else None
        user_id = (self.user or {}).get("id")
        own = ((project or {}).get("_team_roles") or {}).get(user_id)
        return str(own or self.role)

    def check_project_read(self, project_id: Optional[str]) -> None:
        """Admin, or in the project's team (any role), else 403."""
        if self.is_admin or self.in_team(project_id):
            return
        raise forbidden()

    def check_project_write(self, project_id: Optional[str]) -> None:
        """Zou's check_manager_project_access: admin, or manager of the project's team."""
        if self.is_admin:
            return
        if self.in_team(project_id) and self.project_role(project_id) == "manager":
            return
        raise forbidden()

    def check_project_supervisor(self, project_id: Optional[str]) -> None:
        """Zou's check_supervisor_project_access: admin, or manager/supervisor of the team."""
        if self.is_admin:
            return
        if self.in_team(project_id) and self.project_role(project_id) in ("manager", "supervisor"):
            return
        raise forbidden()


def parse_multipart(
    content_type: str, body: bytes
) -> tuple[dict[str, str], dict[str, UploadedFile]]:
    """The fields and files of a multipart/form-data body."""
    found = re.search(r'boundary="?([^";]+)"?', content_type)
    fields: dict[str, str] = {}
    files: dict[str, UploadedFile] = {}
    if not found:
        return fields, files
    delimiter = b"--" + found.group(1).encode("latin-1")
    for part in body.split(delimiter)[1:]:
        if part.startswith(b"--"):
            break
        part = part[2:] if part.startswith(b"\r\n") else part
        head, _, data = part.partition(b"\r\n\r\n")
        if data.endswith(b"\r\n"):
            data = data[:-2]
        headers: dict[str, str] = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        disposition = headers.get("content-disposition", "")
        name_match = re.search(r'\bname="([^"]*)"', disposition)
        file_match = re.search(r'filename="([^"]*)"', disposition)
        if not name_match:
            continue
        if file_match:
            files[name_match.group(1)] = UploadedFile(
                file_match.group(1), headers.get("content-type", "application/octet-stream"), data
            )
        else:
            fields[name_match.group(1)] = data.decode("utf-8")
    return fields, files


# -- the store ----------------------------------------------------------------------------------


class Store:
    """Tables `{table: {id: row}}` (see the module docstring)."""

    def __init__(self) -> None:
        self.tables: dict[str, dict[str, Row]] = {}
        self.lock = threading.RLock()
        self.blobs: dict[str, bytes] = {}  # free-form binary storage (previews, files), by key

    def table(self, name: str) -> dict[str, Row]:
        return self.tables.setdefault(name, {})

    def insert(self, table: str, row: Mapping[str, Any], type: Optional[str] = None) -> Row:
        stamp = now()
        stored: Row = {"id": new_id()}
        stored.update(row)
        stored.setdefault("created_at", stamp)
        stored.setdefault("updated_at", stamp)
        if type is not None:
            stored["type"] = type
        self.table(table)[stored["id"]] = stored
        return stored

    def get(self, table: str, row_id: Any) -> Optional[Row]:
        if not isinstance(row_id, str):
            return None
        return self.tables.get(table, {}).get(row_id)

    def require(self, table: str, row_id: Any) -> Row:
        row = self.get(table, row_id)
        if row is not None:
            return row
        if not is_uuid(row_id):
            raise malformed_id()
        raise not_found()

    def find(self, table: str, **columns: Any) -> list[Row]:
        rows = self.tables.get(table, {}).values()
        if not columns:
            return list(rows)
        items = list(columns.items())
        return [row for row in rows if all(row.get(k) == v for k, v in items)]

    def first(self, table: str, **columns: Any) -> Optional[Row]:
        for row in self.tables.get(table, {}).values():
            if all(row.get(k) == v for k, v in columns.items()):
                return row
        return None

    def all(self, table: str) -> list[Row]:
        return list(self.tables.get(table, {}).values())

    def update(self, table: str, row_id: str, changes: Mapping[str, Any]) -> Row:
        row = self.require(table, row_id)
        for key, value in changes.items():
            if key in ("id", "type", "created_at"):
                continue
            row[key] = value
        row["updated_at"] = now()
        return row

    def delete(self, table: str, row_id: str) -> Row:
        row = self.require(table, row_id)
        del self.tables[table][row_id]
        return row


# -- tokens -------------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def make_jwt(claims: Mapping[str, Any]) -> str:
    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = _b64(json.dumps(dict(claims)).encode())
    signature = _b64(hashlib.sha256((header + payload + uuid.uuid4().hex).encode()).digest())
    return f"{header}.{payload}.{signature}"


def read_jwt(token: str) -> Optional[dict[str, Any]]:
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError):
        return None
    return claims if isinstance(claims, dict) else None


# -- the fake -----------------------------------------------------------------------------------

_COUNTER = 0
_COUNTER_LOCK = threading.Lock()


def _next_name() -> str:
    global _COUNTER
    with _COUNTER_LOCK:
        _COUNTER += 1
        return f"kitsu-fake-{_COUNTER}.test"


class FakeKitsu:
    """An in-memory Zou 1.0.97 (see the module docstring). A context manager: inside `with`,
    every client pointed at `fake.host` (sync or async, made before or after) talks to it, and
    event listeners pointed at `fake.event_host` receive its events.

    Args:
        host: the API URL clients reach it at (a trailing slash dropped); None: a unique
            `http://kitsu-fake-<n>.test/api`. `event_host` is this URL without its `/api`
            (with `-events` appended when it does not end in `/api`).
        admin_email: the e-mail of the admin person `seed` creates (the login `fake.client`
            uses).
        admin_password: that admin's password.
        access_token_seconds: how long the access tokens it issues are valid (their JWT `exp`),
            in seconds; default 7 days.
        refresh_token_seconds: how long its refresh tokens are valid, in seconds; default 15
            days.
        seed: True loads what `zou init-data` creates (project statuses, asset and task types,
            departments, task statuses) and the admin person; False starts with empty tables
            and no admin (`fake.client` then cannot log in).
    """

    def __init__(
        self,
        host: Optional[str] = None,
        *,
        admin_email: str = "admin@example.com",
        admin_password: str = "mysecretpassword",
        access_token_seconds: float = 7 * 24 * 3600,
        refresh_token_seconds: float = 15 * 24 * 3600,
        seed: bool = True,
    ) -> None:
        from ._events import EventBus

        name = _next_name()
        self.host = (host or f"http://{name}/api").rstrip("/")
        self.event_host = f"http://{name}"
        if host is not None:
            self.event_host = (
                self.host.rsplit("/api", 1)[0]
                if self.host.endswith("/api")
                else self.host + "-events"
            )
        self.admin_email = admin_email
        self.admin_password = admin_password
        self.access_token_seconds = access_token_seconds
        self.refresh_token_seconds = refresh_token_seconds
        self.store = Store()
        self.bus: EventBus = EventBus(self)
        self.events: list[Row] = []  # the event log, oldest first (data/events/last)
        self.passwords: dict[str, str] = {}  # person id -> password
        self.revoked: set[str] = set()  # jti of logged-out tokens
        self.expired: set[str] = set()  # jti of access tokens made to look expired
        self._issued_access: set[str] = set()
        self.requests: list[tuple[str, str]] = []  # (METHOD, path) received, in order
        self._active = False
        self.admin: Row = {}  # the admin person row (seeded)
        self._client: Optional[KitsuClient] = None
        _load_routes()
        if seed:
            from ._seed import seed_init_data

            seed_init_data(self)

    # -- context ----------------------------------------------------------------------------

    def __enter__(self) -> FakeKitsu:
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def start(self) -> None:
        in_process.register(self.host, self)
        self.bus.register()
        self._active = True

    def stop(self) -> None:
        in_process.unregister(self.host)
        self.bus.unregister()
        self._active = False
        if self._client is not None:
            self._client.close()
            self._client = None

    # -- clients ------------------------------------------------------------------------------

    @property
    def client(self) -> KitsuClient:
        """A KitsuClient on this fake (events too), logged in as the admin (made on first use)."""
        if self._client is None:
            from .._client import KitsuClient

            client = KitsuClient(self.host, event_host=self.event_host)
            client.log_in(self.admin_email, self.admin_password)
            self._client = client
        return self._client

    def client_for(self, person: Mapping[str, Any]) -> KitsuClient:
        """A new KitsuClient logged in as `person` (a person dict or row of this fake).

        Args:
            person: the person (a dict with its `id`, e.g. from `add_person` or the SDK); the
                client gets freshly issued tokens, no log-in request is made.
        """
        from .._client import KitsuClient

        tokens = self.issue_tokens(str(person["id"]))
        return KitsuClient(self.host, event_host=self.event_host, token=tokens)

    def drop_event_connections(self) -> None:
        """Cut the event connections as a network failure would: socketio reconnects by itself
        (after its reconnection delay) and listeners catch up from data/events/last."""
        self.bus.drop()

    # -- people and tokens ------------------------------------------------------------------

    def add_person(
        self,
        email: str,
        password: Optional[str] = None,
        *,
        role: str = "user",
        first_name: str = "",
        last_name: str = "",
        **columns: Any,
    ) -> Row:
        """A person row with Zou's columns (role: admin, manager, supervisor, user, client,
        vendor); `password` lets them log in.

        Args:
            email: the e-mail, also the login.
            password: the password they log in with; None: no password, they cannot log in.
            role: the global role: "admin", "manager", "supervisor", "user", "client" or
                "vendor".
            first_name: the first name (`full_name` is made of the two names).
            last_name: the last name.
            **columns: other `persons` columns to set, by Zou's names (`desktop_login`,
                `active`, `departments`, ...), over the defaults.
        """
        from ._seed import person_row

        with self.store.lock:
            row = self.store.insert(
                "persons", person_row(email, first_name, last_name, role, **columns), type="Person"
            )
            if password is not None:
                self.passwords[row["id"]] = password
        return row

    def issue_tokens(self, person_id: str) -> dict[str, str]:
        """Issue an access and a refresh token for a person, as a log-in does (no request):
        `{"access_token": ..., "refresh_token": ...}`.

        Args:
            person_id: the person's id; not checked here (a token for an unknown or inactive
                person answers 401 when used).
        """
        issued = time.time()
        tokens = {}
        for kind, seconds in (
            ("access", self.access_token_seconds),
            ("refresh", self.refresh_token_seconds),
        ):
            claims = {
                "fresh": kind == "access",
                "iat": int(issued),
                "jti": new_id(),
                "type": kind,
                "sub": person_id,
                "nbf": int(issued),
                "exp": int(issued + seconds),
                "identity_type": "person",
            }
            tokens[f"{kind}_token"] = make_jwt(claims)
            if kind == "access":
                self._issued_access.add(str(claims["jti"]))
        return tokens

    def expire_access_tokens(self) -> None:
        """Make every access token issued so far answer 401 "Token has expired", as Zou does
        after JWT_ACCESS_TOKEN_EXPIRES: clients then refresh (or log in again)."""
        with self.store.lock:
            self.expired.update(self._issued_access)
            self._issued_access = set()

    def person_for_token(self, token: str, kind: str = "access") -> Row:
        """The person a bearer token names, or abort 401 as flask-jwt-extended answers.

        Args:
            token: the JWT (without the `Bearer ` prefix); not a JWT: abort 422.
            kind: the token type required, "access" or "refresh"; another type: abort 422.
        """
        claims = read_jwt(token)
        if claims is None:
            raise abort_with(422, {"msg": "Not enough segments"})
        if claims.get("jti") in self.revoked:
            raise abort_with(401, {"msg": "Token has been revoked"})
        if float(claims.get("exp", 0)) < time.time() or claims.get("jti") in self.expired:
            raise abort_with(401, {"msg": "Token has expired"})
        if claims.get("type") != kind:
            raise abort_with(422, {"msg": f"Only {kind} tokens are allowed"})
        person = self.store.get("persons", claims.get("sub"))
        if person is None or not person.get("active", True):
            raise abort_with(401, {"msg": "Token has been revoked"})
        return person

    def _authenticate(self, headers: Mapping[str, str], kind: str = "access") -> Row:
        value = headers.get("authorization", "")
        if not value.lower().startswith("bearer "):
            raise abort_with(
                401,
                {
                    "msg": "Missing JWT in cookies or headers (Missing cookie "
                    '"access_token_cookie"; Missing Authorization Header)'
                },
            )
        return self.person_for_token(value[7:].strip(), kind)

    # -- events -----------------------------------------------------------------------------

    def emit(
        self,
        name: str,
        data: Mapping[str, Any],
        *,
        project_id: Optional[str] = None,
        user_id: Optional[str] = None,
    ) -> Row:
        """Record an event in the log and deliver it to the in-process listeners.

        Args:
            name: the event name, as Zou names it (e.g. "shot:new").
            data: the payload (copied); `project_id` is added to it when given and missing.
            project_id: the project the event belongs to (its `project_id` in the log).
            user_id: the person who caused it, recorded in the log only (not in the payload).
        """
        payload = dict(data)
        if project_id is not None:
            payload.setdefault("project_id", project_id)
        event: Row = {
            "id": new_id(),
            "created_at": datetime.datetime.now(datetime.timezone.utc).strftime(
                "%Y-%m-%dT%H:%M:%S.%f"
            ),
            "name": name,
            "user_id": user_id,
            "project_id": project_id,
            "data": payload,
        }
        with self.store.lock:
            self.events.append(event)
        self.bus.publish(name, payload)
        return event

    # -- the app ----------------------------------------------------------------------------

    def __call__(self, asked: in_process.InProcessRequest) -> in_process.Answer:
        response = self.handle(asked.method, asked.path, asked.query, asked.headers, asked.body)
        headers = dict(response.headers)
        headers.setdefault("Date", email.utils.formatdate(usegmt=True))
        return response.status, headers, response.body

    def handle(
        self,
        method: str,
        path: str,
        query: Optional[dict[str, list[str]]] = None,
        headers: Optional[Mapping[str, str]] = None,
        body: bytes = b"",
    ) -> Response:
        """Serve one request (the transports call it through `__call__`).

        Args:
            method: the HTTP method, in any case.
            path: the path below the API root (e.g. "data/projects"), slashes around it ignored.
            query: the query parameters, each name with its list of values; None: none.
            headers: the request headers, names in any case (`Authorization: Bearer <token>`
                authenticates); None: none.
            body: the raw request body (JSON or multipart bytes).

        Raises:
            FakeKitsuUnsupported: no route of the fake matches the method and path.
        """
        method = method.upper()
        path = path.strip("/")
        lowered = {k.lower(): v for k, v in (headers or {}).items()}
        with self.store.lock:
            self.requests.append((method, path))
        found = match(method, path)
        if found is None:
            raise FakeKitsuUnsupported(f"{method} {path or '/'}")
        chosen, params = found
        req = Request(self, method, path, params, dict(query or {}), lowered, body)
        with self.store.lock:
            try:
                if chosen.auth:
                    req.user = self._authenticate(lowered)
                result = chosen.handler(req)
            except HTTPAbort as stop:
                return stop.response
        if isinstance(result, Response):
            return result
        return json_response(result)


def rows(items: Iterable[Row]) -> list[Row]:
    """Rows as a list (a convenience for handlers filtering generators)."""
    return list(items)


def paginate(req: Request, items: list[Any]) -> Any:
    """Zou's `page`/`limit` envelope when `page` is given, else the list."""
    page_arg = req.arg("page")
    if not page_arg:
        return items
    try:
        page = max(int(page_arg), 1)
        limit = int(req.arg("limit") or 100)
    except ValueError:
        raise abort(400, "Wrong page or limit value.") from None
    total = len(items)
    offset = (page - 1) * limit
    nb_pages = (total + limit - 1) // limit if limit else 1
    return {
        "data": items[offset : offset + limit],
        "total": total,
        "nb_pages": nb_pages,
        "limit": limit,
        "offset": offset,
        "page": page,
    }


def iter_rows(table: Mapping[str, Row]) -> Iterator[Row]:
    return iter(list(table.values()))


Json = Union[dict[str, Any], list[Any], str, int, float, bool, None]
