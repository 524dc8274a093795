"""Smoke tests of examples/: each runs as a subprocess against the real Zou (KITSU_* variables,
as scripts/run-tests.sh sets them), on data of its own with unique names, and its effects are
checked through the SDK. In CI (CI=true) a missing server fails; elsewhere these skip."""

from __future__ import annotations

import json
import os
import pathlib
import queue
import subprocess
import sys
import threading
import urllib.error
import urllib.request
import uuid
from collections import Counter
from collections.abc import Iterator
from typing import Any, Optional
from urllib.parse import urlencode

import pytest

from kitsu_sdk import KitsuClient

pytestmark = pytest.mark.integration

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
RUN_TIMEOUT = 120


def _missing(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"integration server unavailable in CI: {reason}", pytrace=False)
    pytest.skip(f"no Kitsu server: {reason} (run: bash scripts/run-tests.sh)")


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def run(example: str, *args: str, timeout: float = RUN_TIMEOUT) -> str:
    """Run an example to its end; returns its stdout (fails with its stderr otherwise)."""
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / example), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, f"{example} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done.stdout


class Running:
    """An example running in the background, its stdout read line by line."""

    def __init__(self, example: str, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(EXAMPLES / example), *args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[Optional[str]] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def next_json(self, timeout: float = 30) -> dict[str, Any]:
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            self.stop()
            raise AssertionError(f"no output in {timeout} s") from None
        if line is None:
            self.stop()
            stderr = self.process.stderr.read() if self.process.stderr else ""
            raise AssertionError(f"the example ended early:\n{stderr[-3000:]}")
        value: dict[str, Any] = json.loads(line)
        return value

    def wait(self, timeout: float = 60) -> list[dict[str, Any]]:
        """Wait for it to end by itself (exit 0); returns the JSON lines it printed meanwhile."""
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.stop()
            raise AssertionError(f"still running after {timeout} s") from None
        self._reader.join(5)
        stderr = self.process.stderr.read() if self.process.stderr else ""
        assert code == 0, stderr[-3000:]
        out = []
        while True:
            line = self.lines.get_nowait()
            if line is None:
                return out
            out.append(json.loads(line))

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


@pytest.fixture(scope="module")
def client() -> Iterator[KitsuClient]:
    host = os.environ.get("KITSU_HOST")
    if not host:
        _missing("KITSU_HOST is not set")
    client = KitsuClient(str(host))
    if os.environ.get("KITSU_TOKEN"):
        client.set_token(os.environ["KITSU_TOKEN"])
    elif os.environ.get("KITSU_LOGIN") and os.environ.get("KITSU_PASSWORD"):
        client.log_in(os.environ["KITSU_LOGIN"], os.environ["KITSU_PASSWORD"])
    else:
        _missing("KITSU_LOGIN/KITSU_PASSWORD (or KITSU_TOKEN) are not set")
    yield client


CSV = """episode,sequence,shot,frame_in,frame_out,assets,tasks
E01,SQ010,SH010,1001,1048,Character/Fox;Prop/Lantern,Layout;Animation
E01,SQ010,SH020,1049,1120,Character/Fox;Character/Crow,Layout;Animation
E01,SQ020,SH010,1121,1200,Character/Crow,Animation
E02,SQ010,SH010,1001,1060,Character/Fox,Layout;Animation
"""


@pytest.fixture(scope="module")
def production(client: KitsuClient, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A production built by examples/csv_production.py: what it printed with --json."""
    path = tmp_path_factory.mktemp("csv") / "shots.csv"
    path.write_text(CSV)
    name = unique("example-csv")
    built: dict[str, Any] = json.loads(
        run("csv_production.py", "--csv", str(path), "--project", name, "--json")
    )
    built["csv"] = str(path)
    return built


def statuses(client: KitsuClient) -> dict[str, dict[str, Any]]:
    return {s["short_name"]: s for s in client.task.all_task_statuses()}


# -- the examples ---------------------------------------------------------------------------------


def test_csv_production_builds_what_the_csv_says(
    client: KitsuClient, production: dict[str, Any]
) -> None:
    project = client.project.get_project(production["project"]["id"])
    assert project["production_type"] == "tvshow"
    episodes = {e["name"]: e for e in client.shot.all_episodes_for_project(project)}
    assert sorted(episodes) == ["E01", "E02"]
    shots = client.shot.all_shots_for_project(project)
    assert len(shots) == 4
    by_id = {s["id"]: s for s in shots}
    first = by_id[production["shots"][0]["id"]]
    assert (first["data"]["frame_in"], first["data"]["frame_out"]) == (1001, 1048)
    assert first["nb_frames"] == 48
    cast = {c["asset_name"] for c in client.casting.get_shot_casting(first)}
    assert cast == {"Fox", "Lantern"}
    tasks = client.task.all_tasks_for_project(project)
    assert len(tasks) == 7  # 2 + 2 + 1 + 2 rows' tasks
    names = {a["name"] for a in client.asset.all_assets_for_project(project)}
    assert names == {"Fox", "Crow", "Lantern"}
    # Running it again finds everything: the same ids, nothing new.
    again = json.loads(
        run("csv_production.py", "--csv", production["csv"], "--project", project["name"], "--json")
    )
    assert [s["id"] for s in again["shots"]] == [s["id"] for s in production["shots"]]
    assert len(client.task.all_tasks_for_project(project)) == 7


def test_csv_production_refuses_a_bad_csv(tmp_path: pathlib.Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("episode,sequence,shot,frame_in,frame_out,assets,tasks\nE1,SQ1,SH1,x,2,,\n")
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "csv_production.py"), "--csv", str(bad), "--project", "x"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0 and "frame_in and frame_out must be integers" in done.stderr


def test_quickstart(client: KitsuClient) -> None:
    name = unique("example-quickstart")
    out = run("quickstart.py", "--project", name)
    assert name in out
    project = client.project.get_project_by_name(name)
    assert project is not None
    assert len(client.shot.all_shots_for_project(project)) == 5
    assert len(client.asset.all_assets_for_project(project)) == 3
    tasks = client.task.all_tasks_for_project(project)
    assert sum(len(client.files.get_all_preview_files_for_task(t)) for t in tasks) == 1


def test_dashboard_reads_episode_and_retake_stats(
    client: KitsuClient, production: dict[str, Any]
) -> None:
    project_id = production["project"]["id"]
    tasks = client.task.all_tasks_for_project(project_id)
    known = statuses(client)
    client.task.add_comment(tasks[0], known["done"], "approved")
    client.task.add_comment(tasks[1], known["retake"], "again")
    tasks = client.task.all_tasks_for_project(project_id)
    by_id = {s["id"]: s["short_name"] for s in known.values()}
    expected = Counter(by_id[t["task_status_id"]] for t in tasks)

    summary = json.loads(run("dashboard.py", "--project", project_id, "--json"))
    assert summary["project"]["id"] == project_id
    assert summary["all"]["tasks"] == len(tasks)
    assert summary["all"]["by_status"] == dict(expected)
    assert set(summary["episodes"]) == {"E01", "E02"}
    assert sum(e["tasks"] for e in summary["episodes"].values()) == len(tasks)
    retakes = sum(p["retake"] for p in summary["all"]["by_task_type"].values())
    dones = sum(p["done"] for p in summary["all"]["by_task_type"].values())
    assert (retakes, dones) == (expected["retake"], expected["done"])
    table = run("dashboard.py", "--project", production["project"]["name"])
    assert "E01" in table and "retakes by task type" in table


def test_my_tasks_panel_lists_and_publishes_a_playblast(
    client: KitsuClient, production: dict[str, Any]
) -> None:
    project_id = production["project"]["id"]
    me = client.get_current_user()
    client.project.add_person_to_team(project_id, me)
    task = client.task.all_tasks_for_project(project_id)[2]
    client.task.assign_task(task, me)

    rows = json.loads(run("my_tasks_panel.py", "list", "--json"))
    mine = [r for r in rows if r["task_id"] == task["id"]]
    assert len(mine) == 1 and mine[0]["project"] == production["project"]["name"]
    assert mine[0]["task_type"] and mine[0]["entity"].startswith("E0")

    text = unique("playblast")
    result = json.loads(
        run("my_tasks_panel.py", "publish", "--task", task["id"], "--status", "wfa",
            "--comment", text, "--json")
    )  # fmt: skip
    assert result["progress_calls"] >= 1
    sent, total = result["last_progress"]
    assert total and sent == total >= result["bytes"] > 0
    after = client.task.get_task(task["id"])
    assert after["task_status_id"] == statuses(client)["wfa"]["id"]
    comments = client.task.all_comments_for_task(task)
    assert comments[0]["text"] == text
    previews = client.files.get_all_preview_files_for_task(task)
    assert [p["id"] for p in previews] == [result["preview_file_id"]]


def test_status_bot_reacts_and_catches_up_after_a_restart(
    client: KitsuClient, production: dict[str, Any], tmp_path: pathlib.Path
) -> None:
    project_id = production["project"]["id"]
    tasks = client.task.all_tasks_for_project(project_id)
    known = statuses(client)
    state = tmp_path / "bot-state.json"
    args = ("--project", project_id, "--state", str(state), "--max-events", "1", "--timeout", "45")

    bot = Running("status_bot.py", *args)
    assert bot.next_json() == {"ready": True, "caught_up": 0}
    client.task.add_comment(tasks[3], known["wip"], "starting")
    (live,) = bot.wait()
    assert (live["task_id"], live["status"], live["caught_up"]) == (tasks[3]["id"], "wip", False)
    assert client.task.get_task(tasks[3]["id"])["data"]["status_bot"]["status"] == "wip"
    assert live["event_id"] in json.loads(state.read_text())["ids"]

    # Down: this change happens while no bot listens.
    client.task.add_comment(tasks[4], known["wfa"], "have a look")
    lines = Running("status_bot.py", *args).wait()
    assert lines[-1] == {"ready": True, "caught_up": 1}
    (missed,) = lines[:-1]
    assert (missed["task_id"], missed["status"], missed["caught_up"]) == (
        tasks[4]["id"],
        "wfa",
        True,
    )
    assert missed["event_id"] != live["event_id"]
    data = client.task.get_task(tasks[4]["id"])["data"]["status_bot"]
    assert data == {"status": "wfa", "event_id": missed["event_id"]}


def test_custom_action_receiver(client: KitsuClient, production: dict[str, Any]) -> None:
    project_id = production["project"]["id"]
    tasks = client.task.all_tasks_for_project(project_id)
    me = client.get_current_user()
    text = unique("sent to the farm")
    receiver = Running("custom_action_receiver.py", "--port", "0", "--max-requests", "4",
                       "--comment", text)  # fmt: skip
    url = receiver.next_json()["listening"]

    def post(body: bytes, content_type: str) -> tuple[int, str]:
        request = urllib.request.Request(url, body, {"Content-Type": content_type})
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    form = {
        "personid": me["id"], "personemail": me["email"], "projectid": project_id,
        "currentpath": f"/productions/{project_id}/shots", "currentserver": "127.0.0.1:8080",
        "selection": f"{tasks[5]['id']},{tasks[6]['id']}", "entitytype": "shot",
    }  # fmt: skip
    status, page = post(urlencode(form).encode(), "application/x-www-form-urlencoded")
    assert status == 200 and page.startswith("<h1>") and page.count("<li>") == 2
    ajax = {
        "userid": me["id"], "useremail": me["email"], "productionid": project_id,
        "originurl": "/my-tasks", "originserver": "127.0.0.1:8080",
        "selection": [tasks[0]["id"]], "entitytype": "shot",
    }  # fmt: skip
    status, body = post(json.dumps(ajax).encode(), "application/json")
    assert status == 200 and [t["task_id"] for t in json.loads(body)["tasks"]] == [tasks[0]["id"]]
    status, body = post(b'{"userid": "Jane"}', "application/json")
    assert status == 400 and "custom action" in json.loads(body)["error"]
    stranger = {**ajax, "selection": [str(uuid.uuid4())]}
    status, body = post(json.dumps(stranger).encode(), "application/json")
    assert status == 404
    logged = receiver.wait()
    assert [line["status"] for line in logged] == [200, 200, 400, 404]

    for task in (tasks[5], tasks[6], tasks[0]):
        texts = [c["text"] for c in client.task.all_comments_for_task(task)]
        assert sum(text in t for t in texts) == 1, texts
