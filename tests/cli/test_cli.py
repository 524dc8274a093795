"""The `kitsu` command against `responses`: gazu-cli's commands and options, --json, the session
file of login/logout, error messages, the install hint, and a start-up that imports little."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import responses
from cli_helpers import Kitsu
from responses import matchers
from unit_helpers import HOST, make_jwt, url

from kitsu_sdk.config import save_session, session_path

PROJECT = {"id": "a1b2c3d4-0000-4000-8000-0000000000aa", "name": "Agent 327",
           "production_type": "tvshow", "production_style": "2d3d"}  # fmt: skip
TOKEN_ENV = {"KITSU_HOST": HOST, "KITSU_TOKEN": "bot-token"}
GAZU_COMMANDS = [
    "asset", "asset-types", "assets", "comment", "episodes", "login", "logout", "my-tasks",
    "persons", "project", "projects", "search", "sequences", "shot-casting", "shots", "status",
    "task", "task-statuses", "task-types", "tasks",
]  # fmt: skip


@pytest.fixture
def api() -> responses.RequestsMock:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock  # type: ignore[misc]


def test_help_lists_gazu_clis_commands_and_ours(kitsu: Kitsu) -> None:
    result = kitsu("--help")
    assert result.exit_code == 0
    listed = {
        line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line.strip()
    }
    assert set(GAZU_COMMANDS) | {"events", "publish", "download"} == listed
    assert "tail" in kitsu("events", "--help").output
    assert {"preview", "attachment"} <= set(kitsu("download", "--help").output.split())


def test_help_imports_neither_requests_nor_socketio() -> None:
    code = (
        "import sys\n"
        "from kitsu_sdk.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "names = ('requests', 'socketio', 'httpx', 'rich', 'kitsu_sdk.cli._listings')\n"
        "print(sorted(m for m in names if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_without_click_or_rich_kitsu_prints_the_install_hint(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib.util

    from kitsu_sdk import cli

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "rich" else real(name, *a)
    )
    with pytest.raises(SystemExit) as stopped:
        cli.main(["projects"])
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert err.strip() == cli.INSTALL_HINT and "pip install 'kitsu_sdk[cli]'" in err


def test_not_logged_in_says_how_to(kitsu: Kitsu) -> None:
    result = kitsu("projects")
    assert result.exit_code == 1
    assert "Not logged in. Run: kitsu login" in result.stderr
    result = kitsu("projects", env={"KITSU_HOST": HOST})
    assert result.exit_code == 1 and "KITSU_TOKEN" in result.stderr


def test_projects_as_a_table_and_as_json(kitsu: Kitsu, api: responses.RequestsMock) -> None:
    open_ = api.get(url("data/projects/open"), json=[PROJECT])
    all_ = api.get(url("data/projects"), json=[PROJECT, {**PROJECT, "id": "x", "name": "Old"}])
    table = kitsu("projects", env=TOKEN_ENV)
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["NAME", "TYPE", "STYLE", "ID"]
    assert lines[2].split() == ["Agent", "327", "tvshow", "2d3d", PROJECT["id"]]
    assert open_.calls[0].request.headers["Authorization"] == "Bearer bot-token"
    as_json = kitsu("projects", "--all", "--json", env=TOKEN_ENV)
    assert [p["name"] for p in json.loads(as_json.stdout)] == ["Agent 327", "Old"]
    group_json = kitsu("--json", "projects", env=TOKEN_ENV)  # gazu-cli's place for --json
    assert json.loads(group_json.stdout) == [PROJECT]
    assert all_.call_count == 1


def test_a_project_by_name_and_kitsu_project(kitsu: Kitsu, api: responses.RequestsMock) -> None:
    api.get(url("data/projects"), json=[PROJECT],
            match=[matchers.query_param_matcher({"name": "Agent 327"})])  # fmt: skip
    shot = {"id": "s1", "name": "SH010", "sequence_name": "SQ01", "nb_frames": 24}
    shots = api.get(url(f"data/projects/{PROJECT['id']}/shots"), json=[shot])
    result = kitsu("project", "Agent 327", env=TOKEN_ENV)
    assert result.exit_code == 0
    assert "NAME: Agent 327" in result.stdout and f"ID: {PROJECT['id']}" in result.stdout
    result = kitsu("shots", "--json", env={**TOKEN_ENV, "KITSU_PROJECT": "Agent 327"})
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["name"] == "SH010" and shots.call_count == 1


def test_a_missing_project_is_one_line_and_exit_1(
    kitsu: Kitsu, api: responses.RequestsMock
) -> None:
    api.get(url("data/projects"), json=[])
    result = kitsu("assets", "-p", "Nope", env=TOKEN_ENV)
    assert result.exit_code == 1 and result.stderr.strip() == "Project not found: Nope"
    result = kitsu("assets", env=TOKEN_ENV)
    assert result.exit_code == 1 and "--project" in result.stderr


def test_server_errors_become_one_line(kitsu: Kitsu, api: responses.RequestsMock) -> None:
    task_id = "a1b2c3d4-0000-4000-8000-0000000000bb"
    api.get(url(f"data/tasks/{task_id}/full"), status=404, json={"message": "Task not found"})
    api.get(url(f"data/tasks/{task_id}"), status=404, json={"message": "Task not found"})
    result = kitsu("task", task_id, env=TOKEN_ENV)
    assert result.exit_code == 1
    assert result.stderr.startswith("Not found:") and len(result.stderr.strip().splitlines()) == 1
    api.get(url("data/persons"), status=403, json={"message": "not allowed"})
    result = kitsu("persons", env=TOKEN_ENV)
    assert result.exit_code == 1 and result.stderr.startswith("Permission denied")
    api.get(url("data/task-types"), status=401, json={"msg": "Token has expired"})
    result = kitsu("task-types", env=TOKEN_ENV)
    assert result.exit_code == 1 and "Run: kitsu login" in result.stderr
    assert "bot-token" not in result.output


def test_tasks_by_status_filter_and_names(kitsu: Kitsu, api: responses.RequestsMock) -> None:
    api.get(url("data/projects"), json=[PROJECT])
    wip = {"id": "st-wip", "name": "Work in progress", "short_name": "wip"}
    api.get(url("data/task-status"), json=[wip],
            match=[matchers.query_param_matcher({"short_name": "wip"})])  # fmt: skip
    api.get(url("data/task-status"), json=[wip, {"id": "st-done", "short_name": "done"}])
    api.get(url("data/task-types"), json=[{"id": "tt1", "name": "Animation"}])
    api.get(url("data/tasks"), json=[
        {"id": "t1", "task_status_id": "st-wip", "task_type_id": "tt1"},
        {"id": "t2", "task_status_id": "st-done", "task_type_id": "tt1"},
    ], match=[matchers.query_param_matcher({"project_id": PROJECT["id"]})])  # fmt: skip
    result = kitsu("tasks", "-p", "Agent 327", "-s", "wip", env=TOKEN_ENV)
    assert result.exit_code == 0, result.output
    rows = result.stdout.splitlines()[2:]
    assert len(rows) == 1 and rows[0].split() == ["Animation", "wip", "t1"]


WFA = "a1b2c3d4-0000-4000-8000-0000000000ee"


def test_comment_sets_the_status(kitsu: Kitsu, api: responses.RequestsMock) -> None:
    task_id = "a1b2c3d4-0000-4000-8000-0000000000cc"
    api.get(url("data/task-status"), json=[{"id": WFA, "short_name": "wfa"}])
    posted = api.post(
        url(f"actions/tasks/{task_id}/comment"),
        json={"id": "c1"},
        match=[matchers.json_params_matcher({"task_status_id": WFA, "comment": "ready"},
                                            strict_match=False)],
    )  # fmt: skip
    result = kitsu("comment", "-t", task_id, "-s", "wfa", "-m", "ready", env=TOKEN_ENV)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Comment posted (ID: c1)" and posted.call_count == 1


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_login_stores_the_refresh_token_only_and_logout_revokes_it(
    kitsu: Kitsu, api: responses.RequestsMock, config_home: Path
) -> None:
    access, refresh = make_jwt(), make_jwt(86400)
    api.get(url(""), json={"api": "Zou", "version": "1.0.97"})
    api.post(url("auth/login"), json={"login": True, "access_token": access,
             "refresh_token": refresh, "user": {"email": "me@x.y"}})  # fmt: skip
    result = kitsu("login", "--host", HOST, "--email", "me@x.y", "--password", "s3cret-pw")
    assert result.exit_code == 0, result.output
    assert f"Logged in to {HOST} as me@x.y" in result.stdout
    path = config_home / "kitsu" / "session.json"
    assert path == session_path()
    text = path.read_text()
    assert "s3cret-pw" not in text and access not in text
    assert json.loads(text)["refresh_token"] == refresh
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700

    # Commands now run on the stored session: a refresh first, then the request.
    renewed = api.get(url("auth/refresh-token"), json={"access_token": make_jwt()})
    api.get(url("data/persons"), json=[{"first_name": "A", "email": "a@x.y", "id": "p"}])
    assert kitsu("persons").exit_code == 0
    assert renewed.calls[0].request.headers["Authorization"] == f"Bearer {refresh}"

    revoked = api.get(url("auth/logout"), json={"logout": True})
    result = kitsu("logout")
    assert result.exit_code == 0 and result.stdout.strip() == "Logged out."
    assert revoked.call_count == 1 and not path.exists()
    assert kitsu("logout").stdout.strip() == "Logged out (no stored session)."


def test_login_prompts_for_what_is_missing_and_hides_the_password(
    kitsu: Kitsu, api: responses.RequestsMock
) -> None:
    api.get(url(""), json={"api": "Zou"})
    api.post(url("auth/login"), json={"login": True, "access_token": make_jwt(),
             "refresh_token": make_jwt(86400)})  # fmt: skip
    result = kitsu("login", input=f"{HOST}\nme@x.y\nhidden-pw\n")
    assert result.exit_code == 0, result.output
    assert "Host:" in result.output and "Password:" in result.output
    assert "hidden-pw" not in result.output


def test_a_refused_login_stores_nothing(kitsu: Kitsu, api: responses.RequestsMock) -> None:
    api.get(url(""), json={"api": "Zou"})
    api.post(url("auth/login"), status=400, json={"login": False, "message": "wrong"})
    result = kitsu("login", "--host", HOST, "--email", "me@x.y", "--password", "bad")
    assert result.exit_code == 1 and result.stderr.startswith("Login failed")
    assert not session_path().exists()


def test_environment_wins_over_the_stored_session(
    kitsu: Kitsu, api: responses.RequestsMock
) -> None:
    save_session(HOST, make_jwt(86400))
    got = api.get(url("data/task-types"), json=[])
    refresh = api.get(url("auth/refresh-token"), json={"access_token": make_jwt()})
    assert kitsu("task-types", env={"KITSU_TOKEN": "bot-token"}).exit_code == 0
    assert got.calls[0].request.headers["Authorization"] == "Bearer bot-token"
    assert refresh.call_count == 0


def test_status_says_where_the_settings_came_from(
    kitsu: Kitsu, api: responses.RequestsMock
) -> None:
    api.get(url("auth/authenticated"), json={"user": {"first_name": "Bot", "last_name": "",
            "email": None}, "authenticated": True})  # fmt: skip
    api.get(url(""), json={"api": "Zou", "version": "1.0.97"})
    result = kitsu("status", env=TOKEN_ENV)
    assert result.exit_code == 0, result.output
    assert f"Host:    {HOST}" in result.stdout and "API:     1.0.97" in result.stdout
    assert "Auth:    KITSU_TOKEN" in result.stdout
    data = json.loads(kitsu("status", "--json", env=TOKEN_ENV).stdout)
    assert data["auth"] == "token" and data["sources"]["host"] == "environment"
    assert "bot-token" not in json.dumps(data)


def test_download_attachment_names_the_file_after_the_attachment(
    kitsu: Kitsu, api: responses.RequestsMock, tmp_path: Path
) -> None:
    attachment = "a1b2c3d4-0000-4000-8000-0000000000dd"
    api.get(url(f"data/attachment-files/{attachment}"),
            json={"id": attachment, "name": "notes.txt", "extension": "txt"})  # fmt: skip
    api.get(url(f"data/attachment-files/{attachment}/file/notes.txt"), body=b"hello")
    result = kitsu("download", "attachment", attachment, "-o", str(tmp_path), env=TOKEN_ENV)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "notes.txt").read_bytes() == b"hello"
    assert result.stdout.strip() == f"Saved {tmp_path / 'notes.txt'} (5 bytes)"


def test_the_entry_point_is_declared() -> None:
    from importlib.metadata import entry_points

    everything = entry_points()
    scripts = (
        everything.select(group="console_scripts")  # type: ignore[attr-defined]
        if hasattr(everything, "select")
        else everything.get("console_scripts", [])  # Python 3.9: a dict
    )
    found = [ep for ep in scripts if ep.name == "kitsu"]
    assert found and found[0].value == "kitsu_sdk.cli:main"
    assert os.path.exists(os.path.join(os.path.dirname(sys.executable), "kitsu"))


def test_search_prints_each_kind_found(kitsu: Kitsu, api: responses.RequestsMock) -> None:
    found = {"assets": [{"id": "a1", "name": "Hero"}], "shots": [],
             "persons": [{"id": "p1", "full_name": "Ann Lee"}]}  # fmt: skip
    query = matchers.json_params_matcher({"query": "hero"}, strict_match=False)
    api.post(url("data/search"), json=found, match=[query])
    result = kitsu("search", "hero", env=TOKEN_ENV)
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.stdout.splitlines() if line.strip()]
    assert lines == ["ASSETS (1)", "-" * 40, "Hero  (a1)", "PERSONS (1)", "-" * 40,
                     "Ann Lee  (p1)"]  # fmt: skip
    assert json.loads(kitsu("search", "hero", "--json", env=TOKEN_ENV).stdout) == found


class _FakeListener:
    """Stands for EventListener: start() delivers a few events to the handlers at once."""

    made: list[_FakeListener] = []

    def __init__(self, client: object, project: object = None, **options: object) -> None:
        self.project, self.options = project, options
        self.handlers: list[object] = []
        self.stopped = False
        _FakeListener.made.append(self)

    def on_any(self, handler: object) -> object:
        self.handlers.append(handler)
        return handler

    def start(self) -> _FakeListener:
        class Context:
            replayed = False

        events = [("task:new", {"task_id": "t1"}), ("asset:new", {"asset_id": "a1"}),
                  ("task:update", {"task_id": "t2"}), ("task:new", {"task_id": "t3"})]  # fmt: skip
        for name, data in events:
            for handler in self.handlers:
                handler(name, data, Context())  # type: ignore[operator]
        return self

    def stop(self) -> None:
        self.stopped = True


def test_events_tail_filters_formats_and_stops(
    kitsu: Kitsu, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kitsu_sdk.events

    monkeypatch.setattr(kitsu_sdk.events, "EventListener", _FakeListener)
    result = kitsu("events", "tail", "--event", "task:*", "--max-events", "2", env=TOKEN_ENV)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split(" ", 2)[1:] for line in lines] == [
        ["task:new", '{"task_id": "t1"}'],
        ["task:update", '{"task_id": "t2"}'],
    ]
    assert _FakeListener.made[-1].stopped and _FakeListener.made[-1].project is None
    result = kitsu("events", "tail", "-e", "task:new", "-e", "asset:new", "--timeout", "0.2",
                   "--json", env=TOKEN_ENV)  # fmt: skip
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        {"event": "task:new", "data": {"task_id": "t1"}, "replayed": False},
        {"event": "asset:new", "data": {"asset_id": "a1"}, "replayed": False},
        {"event": "task:new", "data": {"task_id": "t3"}, "replayed": False},
    ]
    assert _FakeListener.made[-1].stopped
