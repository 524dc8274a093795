"""The pytest plugin, as a user's test suite sees it: a pytest run in a fresh folder."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

USER_TESTS = """
import kitsu_sdk
from kitsu_sdk import KitsuClient
from kitsu_sdk._client import set_default_client

BEFORE = set_default_client(KitsuClient("http://sentinel.test/api"))


def test_fixtures(kitsu_fake, kitsu_factory):
    shot = kitsu_factory.shot()
    assert kitsu_sdk.shot.get_shot(shot["id"])["name"] == shot["name"]  # the default client
    task = kitsu_factory.task(shot)
    assert task["entity_id"] == shot["id"]
    artist = kitsu_factory.person(role="user")
    assert artist["role"] == "user"
    asset = kitsu_factory.asset()
    assert asset["project_id"] == shot["project_id"]
    assert [e["name"] for e in kitsu_fake.events][:1] == ["project:new"]


def test_each_test_gets_a_fresh_fake(kitsu_fake):
    assert kitsu_sdk.project.all_projects() == []


def test_during(kitsu_fake):
    from kitsu_sdk import _client
    assert _client._default_client is kitsu_fake.client


def test_the_default_client_is_given_back():
    from kitsu_sdk import _client
    assert _client._default_client is BEFORE
"""


def test_the_plugin_gives_fixtures_to_any_test_suite(tmp_path: Path) -> None:
    (tmp_path / "test_user.py").write_text(textwrap.dedent(USER_TESTS))
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "4 passed" in run.stdout


def test_the_plugin_imports_nothing_heavy_at_start() -> None:
    code = (
        "import sys, kitsu_sdk.testing.pytest_plugin; "
        "heavy = {'requests', 'httpx', 'socketio', 'kitsu_sdk.testing._fake'} & set(sys.modules); "
        "print(sorted(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
