"""The foundation against a real Zou: auth lifecycle, host forms, typed errors, pagination,
refresh on real expiry, and a real PNG through upload and download."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from it_helpers import new_client, require_env, unique
from it_media import write_png

import kitsu_sdk
from kitsu_sdk import KitsuClient
from kitsu_sdk import client as raw
from kitsu_sdk._core.auth import jwt_claims
from kitsu_sdk._core.retry import RetryPolicy
from kitsu_sdk.exception import (
    AuthenticationError,
    BadRequestError,
    KitsuConnectionError,
    NotFoundError,
    PermissionDeniedError,
    TooManyAttemptsError,
    WrongCredentialsError,
)

PASSWORD = "It-Pass-1234"


def _new_user(admin: KitsuClient, role: str = "user") -> dict[str, Any]:
    email = f"{unique('user')}@example.com"
    person = admin.post(
        "data/persons", {"first_name": "It", "last_name": unique("u"), "email": email, "role": role}
    )
    admin.post(
        f"actions/persons/{person['id']}/change-password",
        {"password": PASSWORD, "password_2": PASSWORD},
    )
    return dict(person)


@pytest.fixture(scope="module")
def user(admin_client: KitsuClient) -> dict[str, Any]:
    """A plain artist account, so lockout and 403 tests never touch the admin."""
    return _new_user(admin_client)


def test_log_in_current_user_and_log_out(kitsu_host: str, user: dict[str, Any]) -> None:
    client = new_client(kitsu_host)
    body = client.log_in(user["email"], PASSWORD)
    assert body["login"] is True
    assert client.get_current_user()["id"] == user["id"]
    assert raw.get_current_user(client=client)["email"] == user["email"]
    stale = client.tokens["access_token"]
    client.log_out()
    assert client.tokens == {}
    revoked = KitsuClient(kitsu_host, token=stale)
    with pytest.raises(AuthenticationError) as info:
        revoked.get("data/projects")
    assert info.value.status == 401


def test_top_level_functions_on_the_default_client(kitsu_host: str, user: dict[str, Any]) -> None:
    previous = kitsu_sdk.default_client()
    try:
        kitsu_sdk.set_default_client(KitsuClient())
        assert kitsu_sdk.set_host(kitsu_host + "/") is None  # type: ignore[func-returns-value]
        assert kitsu_sdk.get_host() == kitsu_host
        assert kitsu_sdk.get_event_host() == kitsu_host  # root-served Zou: derived as the host
        events = os.environ.get("KITSU_EVENT_HOST", kitsu_host)
        assert kitsu_sdk.set_event_host(events) is None  # type: ignore[func-returns-value]
        assert kitsu_sdk.get_event_host() == events.rstrip("/")
        assert raw.host_is_up() and raw.host_is_valid()
        assert raw.get_api_version().startswith("1.")
        kitsu_sdk.log_in(user["email"], PASSWORD)
        assert isinstance(raw.get("data/projects/open"), list)
        tokens = kitsu_sdk.refresh_access_token()
        assert set(tokens) == {"access_token"}  # Zou's answer, as gazu returns it
        kitsu_sdk.log_out()
    finally:
        kitsu_sdk.set_default_client(previous)


def test_create_session_logs_out_at_exit(kitsu_host: str, user: dict[str, Any]) -> None:
    with kitsu_sdk.create_session(kitsu_host, user["email"], PASSWORD) as session:
        token = session.tokens["access_token"]
        assert session.get("auth/authenticated")["authenticated"] is True
    with pytest.raises(AuthenticationError):
        KitsuClient(kitsu_host, token=token).get("data/projects")


def test_wrong_password_then_lockout_reason(kitsu_host: str, admin_client: KitsuClient) -> None:
    victim = _new_user(admin_client)
    client = new_client(kitsu_host)
    with pytest.raises(WrongCredentialsError) as first:
        client.log_in(victim["email"], "not-the-password")
    assert first.value.status == 400
    assert "not-the-password" not in str(first.value)
    for _ in range(4):
        try:
            client.log_in(victim["email"], "not-the-password")
        except TooManyAttemptsError:
            break
        except WrongCredentialsError:
            continue
    with pytest.raises(TooManyAttemptsError) as locked:
        client.log_in(victim["email"], PASSWORD)  # even the right password is refused now
    assert "retry" in locked.value.message.lower()


def test_bot_token(kitsu_host: str, admin_client: KitsuClient) -> None:
    bot = admin_client.post(
        "data/persons",
        {"first_name": unique("bot"), "last_name": "Bot", "is_bot": True, "role": "admin"},
    )
    assert bot.get("access_token")
    client = KitsuClient(kitsu_host, token=bot["access_token"])
    assert isinstance(client.get("data/projects"), list)
    kitsu_sdk.set_token(bot["access_token"], client=client)
    assert client.get_current_user()["id"] == bot["id"]
    with pytest.raises(AuthenticationError):
        client.refresh_access_token()


def test_nginx_api_prefix_host(
    admin_client: KitsuClient, kitsu_credentials: tuple[str, str]
) -> None:
    host = require_env("KITSU_NGINX_HOST")
    assert host.endswith("/api")
    client = KitsuClient(host + "/")
    assert client.host_is_valid()
    client.log_in(*kitsu_credentials)
    projects = {p["id"] for p in client.get("data/projects")}
    assert projects == {p["id"] for p in admin_client.get("data/projects")}
    assert client.event_host == host[: -len("/api")]


def test_typed_errors_from_real_answers(
    kitsu_host: str, admin_client: KitsuClient, user: dict[str, Any]
) -> None:
    with pytest.raises(NotFoundError) as missing:
        admin_client.get(f"data/projects/{uuid.uuid4()}")
    assert missing.value.status == 404 and missing.value.method == "GET"
    assert missing.value.path.startswith("data/projects/")
    with pytest.raises(BadRequestError) as bad:
        admin_client.get("data/projects", params={"page": "abc"})
    assert bad.value.status == 400 and bad.value.message
    artist = new_client(kitsu_host)
    artist.log_in(user["email"], PASSWORD)
    with pytest.raises(PermissionDeniedError) as denied:
        artist.post("data/projects", {"name": unique("nope")})
    assert denied.value.status == 403
    with pytest.raises(AuthenticationError):
        KitsuClient(kitsu_host).get("data/projects")


def test_connection_refused_is_a_connection_error_after_bounded_retries() -> None:
    sleeps: list[float] = []
    client = KitsuClient("http://127.0.0.1:9", token="t", retry=RetryPolicy(sleep=sleeps.append))
    with pytest.raises(KitsuConnectionError):
        client.post("data/projects", {"name": "x"})
    # Refused: safe to retry even a POST, past max_retries while the connect budget lasts (a
    # restarting Zou), then a connection error.
    assert len(sleeps) > client.retry.max_retries
    assert abs(sum(sleeps) - client.retry.connect_retry_seconds) < 1e-6


def test_pagination_over_a_real_paginated_route(
    admin_client: KitsuClient, project: dict[str, Any]
) -> None:
    # Sequences of this module's own project: a count nobody else changes while the test runs.
    pid = project["id"]
    for _ in range(5):
        admin_client.post(f"data/projects/{pid}/sequences", {"name": unique("SQ")})
    query = {"project_id": pid}
    everything = admin_client.get("data/sequences", params=query)
    assert len(everything) == 5
    pages = admin_client.paginate("data/sequences", query, page_size=2)
    items = list(pages)
    assert pages.total == 5
    assert sorted(p["id"] for p in items) == sorted(p["id"] for p in everything)
    fetched = raw.fetch_all("sequences", query, client=admin_client, paginated=True, limit=2)
    assert len(fetched) == 5


def test_raw_crud_helpers(admin_client: KitsuClient) -> None:
    created = raw.create(
        "projects", {"name": unique("raw"), "production_type": "short"}, client=admin_client
    )
    assert raw.fetch_one("projects", created, client=admin_client)["name"] == created["name"]
    updated = raw.update(
        "projects", created["id"], {"description": "from the SDK"}, client=admin_client
    )
    assert updated["description"] == "from the SDK"
    first = raw.fetch_first("projects", {"name": created["name"]}, client=admin_client)
    assert first is not None and first["id"] == created["id"]
    assert (
        raw.put(f"data/projects/{created['id']}", {"fps": "24"}, client=admin_client)["fps"] == "24"
    )
    assert raw.post("data/projects", {"name": unique("raw2")}, client=admin_client)["id"]
    closed = raw.fetch_first("project-status", {"name": "Closed"}, client=admin_client)
    assert closed is not None
    raw.update("projects", created, {"project_status_id": closed["id"]}, client=admin_client)
    assert raw.delete(f"data/projects/{created['id']}", client=admin_client) in (None, "", {})
    with pytest.raises(NotFoundError):
        raw.fetch_one("projects", created["id"], client=admin_client)


def test_cache_against_the_real_server(admin_client: KitsuClient) -> None:
    # The cache holds cached operations' results (gazu's @cache choice), not raw requests.
    kitsu_sdk.cache.enable(client=admin_client)
    try:
        before = kitsu_sdk.project.all_projects(client=admin_client)
        hits = admin_client.cache.hits
        assert kitsu_sdk.project.all_projects(client=admin_client) == before
        assert admin_client.cache.hits == hits + 1
        created = admin_client.post("data/projects", {"name": unique("cache")})
        after = kitsu_sdk.project.all_projects(client=admin_client)
        assert created["id"] in {p["id"] for p in after}
    finally:
        kitsu_sdk.cache.disable(client=admin_client)


# -- tokens that really expire (a second API process with 4-second access tokens) --


@pytest.fixture
def short_host() -> str:
    return require_env("KITSU_SHORT_TOKEN_HOST")


def test_real_expiry_refreshes_once_and_replays(
    short_host: str, kitsu_credentials: tuple[str, str]
) -> None:
    client = KitsuClient(short_host)
    client.log_in(*kitsu_credentials)
    refresh_token = client.tokens["refresh_token"]
    exp = jwt_claims(client.tokens["access_token"])["exp"]
    time.sleep(max(0.0, exp - time.time()) + 1.5)
    # Disable the proactive path for this call so the server itself says the token expired.
    client.auth.refresh_margin = -1e9
    assert isinstance(client.get("data/projects"), list)
    assert client.refresh_count == 1
    assert client.tokens["refresh_token"] == refresh_token  # kept: Zou does not rotate it


def test_proactive_refresh_near_expiry(short_host: str, kitsu_credentials: tuple[str, str]) -> None:
    client = KitsuClient(short_host)
    client.log_in(*kitsu_credentials)
    deadline = time.time() + 10
    while time.time() < deadline:
        client.get("data/projects/open")
        time.sleep(0.5)
    assert client.refresh_count >= 1


def test_revoked_refresh_token_falls_back_to_log_in(kitsu_host: str, user: dict[str, Any]) -> None:
    client = new_client(kitsu_host)
    client.log_in(user["email"], PASSWORD)
    twin = KitsuClient(kitsu_host, token=client.tokens)
    twin.log_out()  # revokes this session's access and refresh tokens on the server
    assert client.get_current_user()["id"] == user["id"]
    assert client.tokens["access_token"] != twin.tokens.get("access_token")


# -- files --


@pytest.fixture(scope="module")
def preview_file(admin_client: KitsuClient, project: dict[str, Any]) -> Iterator[dict[str, Any]]:
    pid = project["id"]
    seq = admin_client.post(f"data/projects/{pid}/sequences", {"name": unique("SQ")})
    shot = admin_client.post(
        f"data/projects/{pid}/shots", {"name": unique("SH"), "sequence_id": seq["id"]}
    )
    task_type = admin_client.get("data/task-types", params={"name": "Animation"})[0]
    tasks = admin_client.post(
        f"actions/projects/{pid}/task-types/{task_type['id']}/shots/create-tasks", [shot["id"]]
    )
    status = admin_client.get("data/task-status", params={"short_name": "wip"})[0]
    comment = admin_client.post(
        f"actions/tasks/{tasks[0]['id']}/comment",
        {"task_status_id": status["id"], "comment": "preview"},
    )
    preview = admin_client.post(
        f"actions/tasks/{tasks[0]['id']}/comments/{comment['id']}/add-preview", {}
    )
    yield preview


def test_png_upload_and_download(
    admin_client: KitsuClient, preview_file: dict[str, Any], tmp_path: Any
) -> None:
    source = write_png(tmp_path / "frame.png")
    sent: list[tuple[int, Any]] = []
    result = raw.upload(
        f"pictures/preview-files/{preview_file['id']}",
        str(source),
        client=admin_client,
        progress_callback=lambda d, t: sent.append((d, t)),
    )
    assert result["id"] == preview_file["id"] and result.get("status", "ready") != "broken"
    assert sent and sent[-1][0] == sent[-1][1]
    path = f"pictures/originals/preview-files/{preview_file['id']}.png"
    served = admin_client.get_file_data_from_url(path)
    assert raw.get_file_data_from_url(path, client=admin_client) == served
    got: list[int] = []
    target = raw.download(
        path,
        tmp_path / "back.png",
        client=admin_client,
        progress_callback=lambda d, t: got.append(d),
    )
    with open(target, "rb") as handle:
        assert handle.read() == served
    assert served[:8] == b"\x89PNG\r\n\x1a\n" and got[-1] == len(served)


def test_failed_download_leaves_nothing(admin_client: KitsuClient, tmp_path: Any) -> None:
    with pytest.raises(NotFoundError):
        admin_client.download(
            f"pictures/originals/preview-files/{uuid.uuid4()}.png", tmp_path / "nothing.png"
        )
    assert os.listdir(tmp_path) == []


def test_gazu_module_helpers_on_a_real_server(
    kitsu_host: str, admin_client: KitsuClient, kitsu_credentials: tuple[str, str]
) -> None:
    client = KitsuClient()
    assert raw.set_host(kitsu_host, client=client) == kitsu_host
    assert raw.get_host(client=client) == kitsu_host
    assert raw.get_api_url_from_host(client=client) == kitsu_host  # root-served: no /api
    raw.set_event_host(kitsu_host, client=client)
    assert raw.get_event_host(client=client) == kitsu_host
    raw.set_tokens(admin_client.tokens, client=client)
    header = raw.make_auth_header(client=client)
    assert header["Authorization"].startswith("Bearer ")
    path = raw.build_path_with_params(raw.url_path_join("data", "projects"), {"name": "x"})
    assert raw.get(path, client=client) == []
    assert raw.get_full_url("data/projects", client=client) == f"{kitsu_host}/data/projects"
    with pytest.raises(NotFoundError) as info:
        client.get(f"data/projects/{uuid.uuid4()}")
    assert raw.get_message_from_data(info.value.body) == info.value.message
    project = admin_client.post("data/projects", {"name": unique("import")})
    imported = raw.import_data("projects", [{**project, "description": "imported"}], client=client)
    assert client.get(f"data/projects/{project['id']}")["description"] == "imported"
    assert imported is not None
    # Pages of this project's own sequences: a count no concurrent client changes.
    for _ in range(3):
        admin_client.post(f"data/projects/{project['id']}/sequences", {"name": unique("SQ")})
    query = {"project_id": project["id"]}
    pages = client.paginate("data/sequences", query, page_size=2)
    listed = client.get("data/sequences", params=query)
    assert sum(len(page) for page in pages.pages()) == len(listed) == 3
    assert kitsu_sdk.send_email_otp(kitsu_credentials[0], client=client) is not None


def test_cache_module_functions(admin_client: KitsuClient) -> None:
    calls: list[int] = []

    @kitsu_sdk.cache.cache
    def projects(client: KitsuClient) -> list[dict[str, Any]]:
        calls.append(1)
        return list(client.get("data/projects", params={"fields": "id"}))

    kitsu_sdk.cache.enable(client=admin_client)
    try:
        assert kitsu_sdk.cache.is_enabled(client=admin_client)
        admin_client.cache.configure(ttl=30)
        first = projects(client=admin_client)
        assert projects(client=admin_client) == first and calls == [1]
        kitsu_sdk.cache.clear_all(client=admin_client)
        projects(client=admin_client)
        assert calls == [1, 1]
    finally:
        kitsu_sdk.cache.disable(client=admin_client)
