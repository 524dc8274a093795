"""kitsu_sdk.config: explicit arguments > environment > stored session; the session file (0600,
atomic, never a password); the default client configured from it, logging in lazily."""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import responses
from responses import matchers
from unit_helpers import HOST, make_jwt, url

import kitsu_sdk
from kitsu_sdk import KitsuClient, LoginError
from kitsu_sdk import _client as client_module
from kitsu_sdk.config import (
    Settings,
    client_from_settings,
    config_dir,
    delete_session,
    load_session,
    parse_timeout,
    resolve_settings,
    save_session,
    session_path,
)
from kitsu_sdk.exception import InvalidInputError

OTHER = "http://other.test/api"
KITSU_VARS = [
    "KITSU_HOST", "KITSU_EVENT_HOST", "KITSU_TOKEN", "KITSU_LOGIN", "KITSU_PASSWORD",
    "KITSU_TIMEOUT", "KITSU_CA_BUNDLE",
]  # fmt: skip


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A clean environment: no KITSU_* variable, a config dir of the test's own."""
    for name in KITSU_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return {"XDG_CONFIG_HOME": str(tmp_path / "config")}


@pytest.fixture
def fresh_default() -> Iterator[None]:
    """The process-wide default client rebuilt for the test, put back afterwards."""
    previous = client_module._default_client
    client_module._default_client = None
    yield
    client_module._default_client = previous


# -- the config dir and the session file -------------------------------------------------------


def test_config_dir_follows_each_platform(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    assert config_dir({"XDG_CONFIG_HOME": "/x/cfg"}) == Path("/x/cfg/kitsu")
    assert config_dir({}) == Path.home() / ".config" / "kitsu"
    assert config_dir({"XDG_CONFIG_HOME": "relative/dir"}) == Path.home() / ".config" / "kitsu"
    monkeypatch.setattr(sys, "platform", "darwin")
    assert config_dir({}) == Path.home() / ".config" / "kitsu"
    monkeypatch.setattr(sys, "platform", "win32")
    assert (
        config_dir({"APPDATA": r"C:\Users\a\AppData\Roaming"})
        == Path(r"C:\Users\a\AppData\Roaming") / "kitsu"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_session_is_written_0600_in_a_0700_dir_without_a_password(env: dict[str, str]) -> None:
    umask = os.umask(0o022)  # the usual one: the file must be 0600 whatever it is
    try:
        path = save_session(HOST + "/", "the-refresh-token", email="a@b.c")
    finally:
        os.umask(umask)
    assert path == session_path() == Path(env["XDG_CONFIG_HOME"]) / "kitsu" / "session.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    data = json.loads(path.read_text())
    assert data["host"] == HOST and data["refresh_token"] == "the-refresh-token"
    assert data["email"] == "a@b.c"
    assert not any("password" in key for key in data)
    assert os.listdir(path.parent) == ["session.json"]  # no temporary file left
    assert load_session() == data


def test_saving_over_a_session_replaces_it_whole(env: dict[str, str]) -> None:
    save_session(HOST, "first")
    path = save_session(OTHER, "second")
    assert json.loads(path.read_text())["refresh_token"] == "second"
    assert sorted(os.listdir(path.parent)) == ["session.json"]


def test_a_failed_write_leaves_the_old_session_and_no_temporary_file(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = save_session(HOST, "old")

    def broken_dump(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(json, "dump", broken_dump)
    with pytest.raises(OSError, match="disk full"):
        save_session(HOST, "new")
    assert json.loads(path.read_text())["refresh_token"] == "old"
    assert os.listdir(path.parent) == ["session.json"]


def test_unreadable_or_incomplete_sessions_count_as_none(env: dict[str, str]) -> None:
    assert load_session() is None
    path = save_session(HOST, "tok")
    path.write_text("{not json")
    assert load_session() is None
    path.write_text(json.dumps({"host": HOST}))
    assert load_session() is None
    assert delete_session() is True
    assert delete_session() is False


def test_a_session_needs_a_refresh_token(env: dict[str, str]) -> None:
    with pytest.raises(InvalidInputError):
        save_session(HOST, "")


# -- precedence ---------------------------------------------------------------------------------


def test_explicit_arguments_win_over_the_environment_which_wins_over_the_session(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    save_session(HOST, "stored-refresh", email="me@x.y")
    settings = resolve_settings()
    assert (settings.host, settings.refresh_token, settings.auth) == (
        HOST, "stored-refresh", "session",
    )  # fmt: skip
    assert settings.sources == {"host": "session", "auth": "session"}

    monkeypatch.setenv("KITSU_LOGIN", "bot@x.y")
    monkeypatch.setenv("KITSU_PASSWORD", "pw")
    settings = resolve_settings()
    assert (settings.login, settings.password, settings.refresh_token) == ("bot@x.y", "pw", None)
    assert settings.auth == "password" and settings.sources["auth"] == "environment"

    monkeypatch.setenv("KITSU_TOKEN", "bot-token")
    assert resolve_settings().auth == "token"
    assert resolve_settings().token == "bot-token"

    explicit = resolve_settings(HOST, login="arg@x.y", password="argpw")
    assert (explicit.login, explicit.token, explicit.sources["auth"]) == (
        "arg@x.y",
        None,
        "argument",
    )
    assert explicit.sources["host"] == "argument"


def test_the_stored_session_is_never_used_for_another_host(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    save_session(HOST, "stored-refresh")
    monkeypatch.setenv("KITSU_HOST", OTHER)
    settings = resolve_settings()
    assert settings.host == OTHER and settings.sources["host"] == "environment"
    assert settings.refresh_token is None and settings.auth is None
    monkeypatch.setenv("KITSU_HOST", HOST + "/")  # the same host, written differently
    assert resolve_settings().refresh_token == "stored-refresh"


def test_environment_values(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    monkeypatch.setenv("KITSU_HOST", HOST)
    monkeypatch.setenv("KITSU_EVENT_HOST", "http://events.test")
    monkeypatch.setenv("KITSU_TIMEOUT", "12.5")
    monkeypatch.setenv("KITSU_CA_BUNDLE", str(bundle))
    settings = resolve_settings()
    assert settings.event_host == "http://events.test"
    assert settings.timeout == (5.0, 12.5)
    assert settings.ca_bundle == str(bundle)
    client = client_from_settings(settings)
    assert client.host == HOST and client.event_host == "http://events.test"
    assert client.timeout == (5.0, 12.5) and client.ssl_verify == str(bundle)
    monkeypatch.setenv("KITSU_CA_BUNDLE", str(tmp_path / "missing.pem"))
    with pytest.raises(InvalidInputError, match="CA bundle"):
        resolve_settings()


@pytest.mark.parametrize(
    ("text", "expected"),
    [("30", (5.0, 30.0)), ("2", (2.0, 2.0)), ("3,120", (3.0, 120.0)), (" 1.5 , 9 ", (1.5, 9.0))],
)
def test_parse_timeout(text: str, expected: tuple[float, float]) -> None:
    assert parse_timeout(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "0", "-1", "1,2,3", "nan", "5,"])
def test_parse_timeout_refuses_what_is_not_seconds(text: str) -> None:
    with pytest.raises(InvalidInputError, match="KITSU_TIMEOUT"):
        parse_timeout(text)


def test_settings_repr_hides_secrets() -> None:
    settings = Settings(
        host=HOST, token="tok-SECRET", password="pw-SECRET", refresh_token="r-SECRET"
    )
    assert "SECRET" not in repr(settings)


# -- the default client -------------------------------------------------------------------------


def test_a_plain_client_never_reads_the_environment(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KITSU_HOST", HOST)
    monkeypatch.setenv("KITSU_TOKEN", "bot-token")
    client = KitsuClient()
    assert client.tokens == {}
    with pytest.raises(kitsu_sdk.HostError, match="no Kitsu host set"):
        client.host  # noqa: B018


def test_without_any_setting_the_default_client_says_no_host(
    env: dict[str, str], fresh_default: None
) -> None:
    with pytest.raises(kitsu_sdk.HostError, match="no Kitsu host set"):
        kitsu_sdk.project.all_projects()


def test_the_default_client_logs_in_lazily_from_the_environment(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, fresh_default: None
) -> None:
    monkeypatch.setenv("KITSU_HOST", HOST)
    monkeypatch.setenv("KITSU_LOGIN", "pipe@x.y")
    monkeypatch.setenv("KITSU_PASSWORD", "pw")
    with responses.RequestsMock() as api:
        client = kitsu_sdk.client.default_client()  # nothing sent yet
        assert client.host == HOST and client.tokens == {}
        assert "pw" not in repr(client)
        login = api.post(
            url("auth/login"),
            json={"login": True, "access_token": make_jwt(), "refresh_token": make_jwt(86400),
                  "user": {"email": "pipe@x.y"}},
            match=[matchers.json_params_matcher({"email": "pipe@x.y", "password": "pw"})],
        )  # fmt: skip
        projects = api.get(url("data/projects"), json=[{"id": "p1", "name": "P"}])
        assert kitsu_sdk.project.all_projects() == [{"id": "p1", "name": "P"}]
        assert kitsu_sdk.project.all_projects() == [{"id": "p1", "name": "P"}]
        assert login.call_count == 1 and projects.call_count == 2
        assert projects.calls[0].request.headers["Authorization"].startswith("Bearer ")
        assert client.logged_in_user == {"email": "pipe@x.y"}


def test_a_refused_lazy_log_in_raises_and_is_tried_again(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, fresh_default: None
) -> None:
    monkeypatch.setenv("KITSU_HOST", HOST)
    monkeypatch.setenv("KITSU_LOGIN", "pipe@x.y")
    monkeypatch.setenv("KITSU_PASSWORD", "wrong")
    with responses.RequestsMock() as api:
        login = api.post(url("auth/login"), status=400, json={"login": False, "message": "x"})
        for _ in range(2):
            with pytest.raises(LoginError):
                kitsu_sdk.project.all_projects()
        assert login.call_count == 2


def test_the_default_client_takes_a_bot_token_from_the_environment(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, fresh_default: None
) -> None:
    monkeypatch.setenv("KITSU_HOST", HOST)
    monkeypatch.setenv("KITSU_TOKEN", "bot-token")
    monkeypatch.setenv("KITSU_LOGIN", "ignored@x.y")
    monkeypatch.setenv("KITSU_PASSWORD", "ignored")
    with responses.RequestsMock() as api:
        got = api.get(url("data/projects"), json=[])
        kitsu_sdk.project.all_projects()
        assert got.calls[0].request.headers["Authorization"] == "Bearer bot-token"


def test_the_stored_session_is_resumed_with_its_refresh_token(
    env: dict[str, str], fresh_default: None
) -> None:
    refresh = make_jwt(86400)
    save_session(HOST, refresh, email="me@x.y")
    with responses.RequestsMock() as api:
        renewed = api.get(url("auth/refresh-token"), json={"access_token": make_jwt()})
        got = api.get(url("data/projects"), json=[])
        kitsu_sdk.project.all_projects()
        assert renewed.calls[0].request.headers["Authorization"] == f"Bearer {refresh}"
        assert got.call_count == 1
    assert kitsu_sdk.client.default_client().tokens["refresh_token"] == refresh


def test_a_deferred_log_in_is_never_sent_to_another_host(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KITSU_HOST", HOST)
    monkeypatch.setenv("KITSU_LOGIN", "pipe@x.y")
    monkeypatch.setenv("KITSU_PASSWORD", "pw")
    client = KitsuClient.from_env()
    client.set_host(OTHER)
    with responses.RequestsMock() as api:  # a POST to auth/login would not match: an error
        got = api.get(f"{OTHER}/data/projects", json=[])
        client.get("data/projects")
        assert "Authorization" not in got.calls[0].request.headers


def test_an_explicit_log_in_or_token_replaces_the_deferred_one(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KITSU_HOST", HOST)
    monkeypatch.setenv("KITSU_LOGIN", "pipe@x.y")
    monkeypatch.setenv("KITSU_PASSWORD", "pw")
    client = KitsuClient.from_env(timeout=(1.0, 2.0))
    assert client.timeout == (1.0, 2.0) and client.auth.deferred
    client.set_token("explicit")
    assert not client.auth.deferred
    with responses.RequestsMock() as api:
        got = api.get(url("data/projects"), json=[])
        client.get("data/projects")
        assert got.calls[0].request.headers["Authorization"] == "Bearer explicit"


def test_log_in_later_checks_its_arguments_at_once() -> None:
    client = KitsuClient(HOST)
    with pytest.raises(InvalidInputError):
        client.log_in_later("", "pw")
    with pytest.raises(InvalidInputError):
        client.resume_session(" ")
    assert not client.auth.deferred
