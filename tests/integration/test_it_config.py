"""kitsu_sdk.config and the `kitsu` entry point against the real Zou: a client made from the
environment logs in on its first request, a stored session (a refresh token, mode 0600) is
enough to come back, deleting it logs nobody in, and `kitsu_sdk.cli.main` answers a listing."""

from __future__ import annotations

import json
import pathlib
import stat

import pytest

from kitsu_sdk import cli, config
from kitsu_sdk.exception import AuthenticationError, HostError


def test_a_client_from_the_environment_and_from_a_stored_session(
    kitsu_host: str, kitsu_credentials: tuple[str, str], tmp_path: pathlib.Path
) -> None:
    email, password = kitsu_credentials
    home = {"XDG_CONFIG_HOME": str(tmp_path)}
    env = {**home, "KITSU_HOST": kitsu_host, "KITSU_LOGIN": email, "KITSU_PASSWORD": password,
           "KITSU_TIMEOUT": "3,60"}  # fmt: skip
    assert config.parse_timeout(env["KITSU_TIMEOUT"]) == (3.0, 60.0)
    client = config.client_from_env(environ=env)
    assert client.timeout == (3.0, 60.0)
    me = client.get_current_user()  # the log-in happens here, on the first request
    assert me["email"] == email

    saved = config.save_session(
        kitsu_host, client.tokens["refresh_token"], email=email, environ=home
    )
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert password not in saved.read_text()
    resumed = config.client_from_env(environ=home)  # nothing but the stored session
    assert resumed.host == client.host
    assert resumed.get_current_user()["id"] == me["id"]

    assert config.delete_session(environ=home) is True
    assert config.delete_session(environ=home) is False
    with pytest.raises(HostError):
        config.client_from_env(environ=home).get_current_user()
    anonymous = config.client_from_env(kitsu_host, environ=home)
    with pytest.raises(AuthenticationError):
        anonymous.get_current_user()


def test_kitsu_main_lists_projects_as_json(
    kitsu_host: str,
    kitsu_credentials: tuple[str, str],
    project: dict[str, object],
    tmp_path: pathlib.Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    email, password = kitsu_credentials
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("KITSU_HOST", kitsu_host)
    monkeypatch.setenv("KITSU_LOGIN", email)
    monkeypatch.setenv("KITSU_PASSWORD", password)
    monkeypatch.setattr("kitsu_sdk._client._default_client", None)
    with pytest.raises(SystemExit) as ended:
        cli.main(["--json", "projects"])
    assert ended.value.code == 0
    listed = json.loads(capsys.readouterr().out)
    assert project["id"] in [row["id"] for row in listed]
