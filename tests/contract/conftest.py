"""The contract suite: each test runs twice, on a `fake` backend (kitsu_sdk.testing.FakeKitsu,
in process) and on a `zou` backend (the real local Zou from KITSU_HOST / KITSU_LOGIN /
KITSU_PASSWORD, integration-marked). A test is written once, over the public API, and must pass
on both: results that legitimately differ (ids, dates) are compared by shape.

`pytest tests/contract -k fake` runs the fake half only, `-k zou` the real half.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from contract_backend import BACKENDS, Backend, zou_backend  # noqa: E402

from kitsu_sdk._client import default_client, set_default_client  # noqa: E402


@pytest.fixture(params=BACKENDS)
def kitsu(request: pytest.FixtureRequest) -> Iterator[Backend]:
    """A backend with the default client set to its logged-in admin (restored afterwards)."""
    previous = default_client()
    if request.param == "fake":
        from kitsu_sdk.testing import FakeKitsu

        with FakeKitsu() as fake:
            backend = Backend(
                "fake", fake.host, fake.event_host, fake.admin_email, fake.admin_password, fake
            )
            set_default_client(backend.client)
            try:
                yield backend
            finally:
                set_default_client(previous)
                backend.close()
    else:
        backend = zou_backend()
        set_default_client(backend.client)
        try:
            yield backend
        finally:
            set_default_client(previous)
            backend.close()


@pytest.fixture
def project(kitsu: Backend) -> dict[str, Any]:
    """A new TV-show project (closed afterwards on Zou)."""
    return kitsu.project()


@pytest.fixture
def production(kitsu: Backend, project: dict[str, Any]) -> dict[str, Any]:
    """E01 / SQ01 / SH010 (frames 1-48) and SH020 (24 frames), the Character asset Hero, an
    Animation task on SH010 and a Modeling task on Hero (Animation, Layout, Compositing and
    Modeling enabled in the project), and the wfa and todo statuses."""
    from kitsu_sdk import asset, shot, task
    from kitsu_sdk import project as projects

    episode = shot.new_episode(project, "E01")
    sequence = shot.new_sequence(project, "SQ01", episode=episode)
    sh1 = shot.new_shot(project, sequence, "SH010", frame_in=1, frame_out=48)
    sh2 = shot.new_shot(project, sequence, "SH020", nb_frames=24)
    asset_type = asset.get_asset_type_by_name("Character") or asset.new_asset_type("Character")
    character = asset.new_asset(project, asset_type, "Hero", description="the hero")
    shot_type = task.get_task_type_by_name("Animation", for_entity="Shot")
    asset_task_type = task.get_task_type_by_name("Modeling", for_entity="Asset")
    assert shot_type and asset_task_type
    for priority, name in enumerate(["Animation", "Layout", "Compositing"], 1):
        projects.add_task_type(
            project, task.get_task_type_by_name(name, for_entity="Shot"), priority
        )
    projects.add_task_type(project, asset_task_type, 1)
    wfa = task.get_task_status_by_short_name("wfa")
    todo = task.get_task_status_by_short_name("todo")
    assert wfa and todo
    return {
        "project": project,
        "episode": episode,
        "sequence": sequence,
        "shot": sh1,
        "shot2": sh2,
        "asset_type": asset_type,
        "asset": character,
        "shot_task_type": shot_type,
        "asset_task_type": asset_task_type,
        "shot_task": task.new_task(sh1, shot_type),
        "asset_task": task.new_task(character, asset_task_type),
        "wfa": wfa,
        "todo": todo,
    }
