"""The `kitsu` command against the real Zou: login/logout with a config dir of the test's own,
listings with --json, comment, publish with a small file, downloads, and events tail."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import Kitsu

from kitsu_sdk import AuthenticationError, KitsuClient
from kitsu_sdk import asset as asset_ops
from kitsu_sdk import project as project_ops
from kitsu_sdk import shot as shot_ops
from kitsu_sdk import task as task_ops
from kitsu_sdk.config import load_session

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def admin(live_env: dict[str, str]) -> Iterator[KitsuClient]:
    client = KitsuClient(live_env["KITSU_HOST"], event_host=live_env.get("KITSU_EVENT_HOST"))
    client.log_in(live_env["KITSU_LOGIN"], live_env["KITSU_PASSWORD"])
    yield client
    client.close()


@pytest.fixture(scope="module")
def env(live_env: dict[str, str]) -> dict[str, str]:
    """What a user of the command sets: host, event host, login and password."""
    keys = ("KITSU_HOST", "KITSU_EVENT_HOST", "KITSU_LOGIN", "KITSU_PASSWORD")
    return {key: live_env[key] for key in keys if key in live_env}


@pytest.fixture(scope="module")
def production(admin: KitsuClient) -> Iterator[dict[str, Any]]:
    """A feature film of this module's own: an asset, a sequence with a shot, a task."""
    name = f"cli-{uuid.uuid4().hex[:10]}"
    project = project_ops.new_project(name, production_type="featurefilm", client=admin)
    asset_type = asset_ops.all_asset_types(client=admin)[0]
    asset = asset_ops.new_asset(project, asset_type, f"Hero-{name}", client=admin)
    sequence = shot_ops.new_sequence(project, "SQ01", client=admin)
    shot = shot_ops.new_shot(project, sequence, "SH010", nb_frames=24, client=admin)
    task_type = next(
        t for t in task_ops.all_task_types(client=admin) if t.get("for_entity") == "Shot"
    )
    task = task_ops.new_task(shot, task_type, client=admin)
    yield {"project": project, "asset": asset, "asset_type": asset_type, "shot": shot,
           "sequence": sequence, "task": task, "task_type": task_type}  # fmt: skip
    project_ops.close_project(project, client=admin)


def _json(result: Any) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_login_status_logout_with_a_stored_session(
    kitsu: Kitsu, live_env: dict[str, str], config_home: Path, admin: KitsuClient
) -> None:
    host = live_env["KITSU_HOST"]
    result = kitsu("status")
    assert result.exit_code == 1 and "Not logged in" in result.stderr
    result = kitsu(
        "login", "--host", host, "--email", live_env["KITSU_LOGIN"],
        "--password", live_env["KITSU_PASSWORD"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    session = load_session()
    assert session is not None and session["host"] == admin.host
    path = config_home / "kitsu" / "session.json"
    assert live_env["KITSU_PASSWORD"] not in path.read_text()
    assert (path.stat().st_mode & 0o777) == 0o600

    status = _json(kitsu("status", "--json"))  # no KITSU_* variable: the stored session
    assert status["user"]["email"] == live_env["KITSU_LOGIN"]
    assert status["auth"] == "session" and status["api_version"]

    result = kitsu("logout")
    assert result.exit_code == 0 and result.stdout.strip() == "Logged out."
    assert not path.exists()
    # The stored refresh token was revoked on the server, not just forgotten here.
    stale = KitsuClient(host)
    stale.resume_session(str(session["refresh_token"]))
    with pytest.raises(AuthenticationError):
        stale.get_current_user()
    assert kitsu("status").exit_code == 1


def test_listings_as_json(kitsu: Kitsu, env: dict[str, str], production: dict[str, Any]) -> None:
    project = production["project"]
    name = project["name"]
    assert name in [p["name"] for p in _json(kitsu("projects", "--json", env=env))]
    assert _json(kitsu("--json", "project", name, env=env))["id"] == project["id"]
    assets = _json(kitsu("assets", "-p", name, "--json", env=env))
    assert [a["id"] for a in assets] == [production["asset"]["id"]]
    typed = _json(kitsu("assets", "-p", project["id"], "-t", production["asset_type"]["name"],
                        "--json", env=env))  # fmt: skip
    assert [a["id"] for a in typed] == [production["asset"]["id"]]
    by_name = _json(kitsu("asset", production["asset"]["name"], "--json",
                          env={**env, "KITSU_PROJECT": name}))  # fmt: skip
    assert by_name["id"] == production["asset"]["id"]
    shots = _json(kitsu("shots", "-p", name, "-s", "SQ01", "--json", env=env))
    assert [s["name"] for s in shots] == ["SH010"]
    assert [s["name"] for s in _json(kitsu("sequences", "-p", name, "--json", env=env))] == ["SQ01"]
    assert _json(kitsu("episodes", "-p", name, "--json", env=env)) == []
    tasks = _json(kitsu("tasks", "-p", name, "--json", env=env))
    assert [t["id"] for t in tasks] == [production["task"]["id"]]
    assert tasks[0]["task_type_name"] == production["task_type"]["name"]
    typed_tasks = _json(kitsu("tasks", "-p", name, "-t", production["task_type"]["name"],
                              "--json", env=env))  # fmt: skip
    assert [t["id"] for t in typed_tasks] == [production["task"]["id"]]
    assert (
        _json(kitsu("task", production["task"]["id"], "--json", env=env))["id"]
        == (production["task"]["id"])
    )
    assert any(s["short_name"] == "wip" for s in _json(kitsu("task-statuses", "--json", env=env)))
    assert _json(kitsu("task-types", "--json", env=env))
    assert _json(kitsu("asset-types", "--json", env=env))
    emails = [p.get("email") for p in _json(kitsu("persons", "--json", env=env))]
    assert env["KITSU_LOGIN"] in emails
    assert isinstance(_json(kitsu("my-tasks", "--json", env=env)), list)
    assert isinstance(_json(kitsu("my-tasks", "--done", "--json", env=env)), list)
    assert _json(kitsu("shot-casting", production["shot"]["id"], "--json", env=env)) == []
    # This Zou has no Meilisearch indexer: its 500 comes out as one line, exit status 1.
    failed = kitsu("search", production["asset"]["name"], "-p", name, "--json", env=env)
    assert failed.exit_code == 1 and failed.stdout == ""
    assert failed.stderr.strip().splitlines() == [failed.stderr.strip()]
    assert "POST data/search" in failed.stderr
    table = kitsu("shots", "-p", name, env=env)
    assert table.exit_code == 0 and "SH010" in table.stdout and "SEQUENCE" in table.stdout


def test_comment_then_filter_tasks_by_status(
    kitsu: Kitsu, env: dict[str, str], production: dict[str, Any]
) -> None:
    task_id = production["task"]["id"]
    result = kitsu("comment", "-t", task_id, "-s", "wip", "-m", "from the command line", env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Comment posted (ID: ")
    wip = _json(kitsu("tasks", "-p", production["project"]["name"], "-s", "wip", "--json", env=env))
    assert [t["id"] for t in wip] == [task_id]
    assert _json(kitsu("tasks", "-p", production["project"]["name"], "-s", "done", "--json",
                       env=env)) == []  # fmt: skip


def test_publish_then_download_the_preview_and_an_attachment(
    kitsu: Kitsu,
    env: dict[str, str],
    production: dict[str, Any],
    admin: KitsuClient,
    tmp_path: Path,
) -> None:
    from PIL import Image

    picture = tmp_path / "frame.png"
    Image.new("RGB", (64, 36), (200, 30, 30)).save(picture)
    task_id = production["task"]["id"]
    published = _json(kitsu("publish", task_id, str(picture), "--status", "wfa",
                            "--comment", "first pass", "--json", env=env))  # fmt: skip
    preview_id = published["preview_file"]["id"]
    assert published["comment"]["text"] == "first pass"
    assert (
        task_ops.get_task(task_id, client=admin)["task_status_id"]
        == (published["comment"]["task_status_id"])
    )

    out = tmp_path / "out"
    out.mkdir()
    result = kitsu("download", "preview", preview_id, "-o", str(out), env=env)
    assert result.exit_code == 0, result.output
    saved = out / f"{preview_id}.png"
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    thumb = _json(kitsu("download", "preview", preview_id, "--thumbnail",
                        "-o", str(out / "thumb.png"), "--json", env=env))  # fmt: skip
    assert thumb["path"] == str(out / "thumb.png") and thumb["size"] > 0

    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"notes from the set\n" * 50)
    wip = task_ops.get_task_status_by_short_name("wip", client=admin)
    posted = task_ops.add_comment(task_id, wip, "with notes", attachments=[str(notes)],
                                  client=admin)  # fmt: skip
    attachment_id = posted["attachment_files"][0]["id"]
    result = kitsu("download", "attachment", attachment_id, "-o", str(out), env=env)
    assert result.exit_code == 0, result.output
    assert (out / "notes.txt").read_bytes() == notes.read_bytes()


def test_events_tail_prints_the_projects_events_and_stops(
    kitsu: Kitsu, env: dict[str, str], production: dict[str, Any], admin: KitsuClient
) -> None:
    project = production["project"]
    finished = threading.Event()

    def make_assets() -> None:
        # Until the tail is done: the first ones may come before its socket is connected.
        count = 0
        while not finished.wait(1.0) and count < 25:
            count += 1
            name = f"evt-{count}-{uuid.uuid4().hex[:6]}"
            asset_ops.new_asset(project, production["asset_type"], name, client=admin)

    maker = threading.Thread(target=make_assets, daemon=True)
    maker.start()
    try:
        result = kitsu("events", "tail", "-p", project["name"], "--event", "asset:new",
                       "--max-events", "2", "--timeout", "40", "--json", env=env)  # fmt: skip
    finally:
        finished.set()
        maker.join(10)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 2
    assert {line["event"] for line in lines} == {"asset:new"}
    assert all(line["data"]["project_id"] == project["id"] for line in lines)


def test_events_tail_ends_at_its_timeout(kitsu: Kitsu, env: dict[str, str]) -> None:
    result = kitsu("events", "tail", "--event", "no-such:event", "--timeout", "2", env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "Listening to" in result.stderr
