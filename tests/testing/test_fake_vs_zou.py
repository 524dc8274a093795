"""The same production scenario through the SDK on FakeKitsu and on the real local Zou: every
step gives the same shape (keys of dicts, keys of list items, error class and message)."""

from __future__ import annotations

import os
import re
import uuid
from typing import Any, Callable

import pytest

from kitsu_sdk import KitsuClient
from kitsu_sdk.testing import FakeKitsu

pytestmark = pytest.mark.integration


def scenario(c: KitsuClient, tag: str) -> dict[str, Any]:
    out: dict[str, Any] = {}

    def step(name: str, fn: Callable[[], Any]) -> Any:
        try:
            out[name] = fn()
        except Exception as error:  # noqa: BLE001 - the error is the result compared
            out[name] = {"__error__": type(error).__name__, "message": str(error)}
        return out[name]

    p = step("new_project", lambda: c.project.new_project(f"fk-{tag}", production_type="tvshow"))
    step("new_project_again", lambda: c.project.new_project(f"fk-{tag}"))
    step("get_project", lambda: c.project.get_project(p["id"]))
    step("get_project_by_name", lambda: c.project.get_project_by_name(f"fk-{tag}"))
    ep = step("new_episode", lambda: c.shot.new_episode(p, "E02"))
    step("new_episode_again", lambda: c.shot.new_episode(p, "E02"))
    step("all_episodes", lambda: c.shot.all_episodes_for_project(p))
    sq = step("new_sequence", lambda: c.shot.new_sequence(p, "SQ01", episode=ep))
    sh = step(
        "new_shot",
        lambda: c.shot.new_shot(p, sq, "SH010", nb_frames=24, frame_in=1, frame_out=24),
    )
    step("new_shot_again", lambda: c.shot.new_shot(p, sq, "SH010"))
    step("get_shot", lambda: c.shot.get_shot(sh["id"]))
    step("get_sequence", lambda: c.shot.get_sequence(sq["id"]))
    step("get_episode", lambda: c.shot.get_episode(ep["id"]))
    step("get_shot_by_name", lambda: c.shot.get_shot_by_name(sq, "SH010"))
    step("get_sequence_by_name", lambda: c.shot.get_sequence_by_name(p, "SQ01", episode=ep))
    step("all_shots_for_project", lambda: c.shot.all_shots_for_project(p))
    step("all_shots_for_sequence", lambda: c.shot.all_shots_for_sequence(sq))
    step("all_sequences_for_episode", lambda: c.shot.all_sequences_for_episode(ep))
    step("update_shot_data", lambda: c.shot.update_shot_data(sh, {"b": 2}))
    at = step("asset_type", lambda: c.asset.get_asset_type_by_name("Character"))
    step("all_asset_types", lambda: c.asset.all_asset_types())
    a = step("new_asset", lambda: c.asset.new_asset(p, at, "Hero", description="d"))
    step("get_asset", lambda: c.asset.get_asset(a["id"]))
    step("all_assets_for_project", lambda: c.asset.all_assets_for_project(p))
    step("all_asset_types_for_project", lambda: c.asset.all_asset_types_for_project(p))
    step(
        "update_shot_casting",
        lambda: c.casting.update_shot_casting(p, sh, [{"asset_id": a["id"], "nb_occurences": 2}]),
    )
    step("get_shot_casting", lambda: c.casting.get_shot_casting(sh))
    step("get_asset_cast_in", lambda: c.casting.get_asset_cast_in(a))
    step("get_sequence_casting", lambda: list(c.casting.get_sequence_casting(sq).values()))
    step("project_shots_casting", lambda: list(c.casting.get_project_shots_casting(p).values()))
    email = f"fk-{tag}@example.com"
    person = step("new_person", lambda: c.person.new_person("Art", "Ist", email))
    step("new_person_again", lambda: c.person.new_person("Art", "Ist", email))
    step("add_person_to_team", lambda: c.project.add_person_to_team(p, person))
    step("get_team", lambda: c.project.get_team(p))
    step("get_person_by_email", lambda: c.person.get_person_by_email(email))
    step("all_task_types", lambda: c.task.all_task_types())
    step("all_task_statuses", lambda: c.task.all_task_statuses())
    step("all_departments", lambda: c.person.all_departments())
    shot_type = step(
        "shot_task_type",
        lambda: [t for t in c.task.all_task_types() if t["for_entity"] == "Shot"][0],
    )
    step("new_task", lambda: c.task.new_task(sh, shot_type))
    step("shot_tasks", lambda: c.shot.get_shot(sh["id"])["tasks"])
    step("remove_shot", lambda: c.shot.remove_shot(sh))
    step("shot_canceled", lambda: c.shot.get_shot(sh["id"])["canceled"])
    step("remove_shot_force", lambda: c.shot.remove_shot(sh, force=True))
    step("get_shot_after_remove", lambda: c.shot.get_shot(sh["id"]))
    step("remove_project_open", lambda: c.project.remove_project(p))
    step("close_project", lambda: c.project.close_project(p))
    step("remove_project_force", lambda: c.project.remove_project(p, force=True))
    step("get_project_after", lambda: c.project.get_project(p["id"]))
    step("remove_person", lambda: c.person.remove_person(person, force=True))
    return out


def breakdown_scenario(c: KitsuClient, tag: str) -> dict[str, Any]:
    out: dict[str, Any] = {}

    def step(name: str, fn: Callable[[], Any]) -> Any:
        try:
            out[name] = fn()
        except Exception as error:  # noqa: BLE001 - the error is the result compared
            out[name] = {"__error__": type(error).__name__, "message": str(error)}
        return out[name]

    p = c.project.new_project(f"fk2-{tag}")
    sq = c.shot.new_sequence(p, "SQ")
    sh = c.shot.new_shot(p, sq, "SH")
    sh2 = c.shot.new_shot(p, sq, "SH2")
    a = c.asset.new_asset(p, c.asset.get_asset_type_by_name("Prop"), "Cup")
    step("cast", lambda: list(c.casting.cast_asset(p, [sh, sh2], a, 2, "fixed").values()))
    step("shot_casting", lambda: c.casting.get_shot_casting(sh))
    step("all_assets_for_shot", lambda: c.asset.all_assets_for_shot(sh))
    step("all_asset_types_for_shot", lambda: c.asset.all_asset_types_for_shot(sh))
    step("uncast_asset", lambda: list(c.casting.uncast_asset(p, [sh2], a).values()))
    links = step("entity_links", lambda: c.casting.all_entity_links_for_project(p))
    step("delete_entity_link", lambda: c.casting.delete_entity_link(links[0]))
    step("entity_links_after", lambda: c.casting.all_entity_links_for_project(p))
    e = step("new_edit", lambda: c.edit.new_edit(p, "ED1", description="d"))
    step("new_edit_again", lambda: c.edit.new_edit(p, "ED1"))
    step("get_edit", lambda: c.edit.get_edit(e["id"]))
    sc = step("new_scene", lambda: c.scene.new_scene(p, sq, "SC1"))
    step("get_scene", lambda: c.scene.get_scene(sc["id"]))
    step("add_shot_to_scene", lambda: c.scene.add_shot_to_scene(sc, sh))
    step("all_shots_for_scene", lambda: c.scene.all_shots_for_scene(sc))
    step("remove_shot_from_scene", lambda: c.scene.remove_shot_from_scene(sc, sh))
    step("all_shots_for_scene_after", lambda: c.scene.all_shots_for_scene(sc))
    co = step("new_concept", lambda: c.concept.new_concept(p, "CO1", description="d"))
    step("get_concept", lambda: c.concept.get_concept(co["id"]))
    step("all_concepts", lambda: c.concept.all_concepts_for_project(p))
    step("remove_concept", lambda: c.concept.remove_concept(co))
    md = step(
        "add_metadata_descriptor",
        lambda: c.project.add_metadata_descriptor(p, "Difficulty", "Asset", choices=["a", "b"]),
    )
    step("all_metadata_descriptors", lambda: c.project.all_metadata_descriptors(p))
    step(
        "update_metadata_descriptor",
        lambda: c.project.update_metadata_descriptor(p, dict(md, name="Diff")),
    )
    step("project_descriptors", lambda: c.project.get_project(p["id"])["descriptors"])
    step("remove_metadata_descriptor", lambda: c.project.remove_metadata_descriptor(p, md))
    step("remove_entities", lambda: c.entity.remove_entities(p, [sh2, a]))
    step("get_shot2_after", lambda: c.shot.get_shot(sh2["id"]))
    c.project.close_project(p)
    c.project.remove_project(p, force=True)
    return out


def shape(value: Any) -> Any:
    if isinstance(value, dict) and "__error__" in value:
        return (value["__error__"], re.sub(r"[0-9a-f-]{36}", "<id>", value["message"]))
    if isinstance(value, dict):
        return ("dict", sorted(value))
    if isinstance(value, list):
        items = [v for v in value if isinstance(v, dict)]
        return ("list", sorted(items[0]) if items else None, bool(value))
    return type(value).__name__


def _zou() -> KitsuClient:
    host = os.environ.get("KITSU_HOST")
    if not host:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("KITSU_HOST is not set in CI", pytrace=False)
        pytest.skip("no Kitsu server: KITSU_HOST is not set (run: bash scripts/run-tests.sh)")
    zou = KitsuClient(host)
    zou.log_in(os.environ["KITSU_LOGIN"], os.environ["KITSU_PASSWORD"])
    return zou


@pytest.mark.parametrize("run", [scenario, breakdown_scenario])
def test_the_fake_answers_like_zou(run: Callable[[KitsuClient, str], dict[str, Any]]) -> None:
    tag = uuid.uuid4().hex[:10]
    real = run(_zou(), tag)
    with FakeKitsu() as fake:
        faked = run(fake.client, tag)
    differences = {
        step: (shape(real[step]), shape(faked[step]))
        for step in real
        if shape(real[step]) != shape(faked[step])
    }
    assert not differences
