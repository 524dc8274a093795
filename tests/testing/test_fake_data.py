"""FakeKitsu's state: the seed of `zou init-data`, the generic CRUD, production routes."""

from __future__ import annotations

import pytest

from kitsu_sdk.exception import BadRequestError, NotFoundError
from kitsu_sdk.testing import FakeKitsu
from kitsu_sdk.testing._seed import DEPARTMENTS, TASK_STATUSES, TASK_TYPES


@pytest.fixture
def fake() -> FakeKitsu:
    with FakeKitsu() as started:
        yield started


def test_seeded_like_zou_init_data(fake: FakeKitsu) -> None:
    client = fake.client
    assert sorted(t["name"] for t in client.asset.all_asset_types()) == [
        "Character", "Environment", "FX", "Prop",
    ]  # fmt: skip
    statuses = {s["short_name"]: s for s in client.task.all_task_statuses()}
    assert set(statuses) == {short for _, short, _, _ in TASK_STATUSES}
    assert statuses["todo"]["is_default"] and statuses["wip"]["is_wip"]
    assert statuses["done"]["is_done"] and statuses["wfa"]["is_feedback_request"]
    types = client.task.all_task_types()
    assert len(types) == len(TASK_TYPES)
    departments = {d["id"]: d["name"] for d in client.person.all_departments()}
    assert sorted(departments.values()) == sorted(name for name, _ in DEPARTMENTS)
    modeling = [t for t in types if t["name"] == "Modeling"][0]
    assert (modeling["for_entity"], departments[modeling["department_id"]]) == ("Asset", "Modeling")
    assert [s["name"] for s in client.project.all_project_status()] == ["Closed", "Open"]
    user = client.get("auth/authenticated")["user"]
    assert (user["email"], user["role"], user["full_name"]) == (
        "admin@example.com", "admin", "Super Admin",
    )  # fmt: skip


def test_custom_admin_credentials() -> None:
    with FakeKitsu(admin_email="boss@studio.test", admin_password="pw") as fake:
        assert fake.client.get("auth/authenticated")["user"]["email"] == "boss@studio.test"
        with pytest.raises(Exception, match="Wrong email or password"):
            type(fake.client)(fake.host).log_in("boss@studio.test", "nope")


def test_generic_crud_filters_and_pages(fake: FakeKitsu) -> None:
    client = fake.client
    for index in range(5):
        client.project.new_project(f"P{index}", production_type="featurefilm")
    page = client.get("data/projects", params={"page": 2, "limit": 2})
    assert {k: page[k] for k in ("total", "nb_pages", "limit", "offset", "page")} == {
        "total": 5, "nb_pages": 3, "limit": 2, "offset": 2, "page": 2,
    }  # fmt: skip
    assert len(page["data"]) == 2
    assert [p["name"] for p in client.get("data/projects", params={"name": "p3"})] == ["P3"]
    assert "team" not in client.get("data/projects", params={"name": "P3"})[0]
    assert "team" in client.get("data/projects", params={"name": "P3", "relations": "true"})[0]
    picked = client.get("data/projects", params={"name": "P1", "fields": "id,name"})
    assert list(picked[0]) == ["id", "name"]
    in_list = client.get("data/projects", params={"name": "P1", "production_type": "featurefilm"})
    assert len(in_list) == 1


def test_data_is_merged_for_entities_and_replaced_for_projects(fake: FakeKitsu) -> None:
    client = fake.client
    project = client.project.new_project("Merge")
    sequence = client.shot.new_sequence(project, "SQ1")
    shot = client.shot.new_shot(project, sequence, "SH1", data={"a": 1})
    assert client.shot.update_shot_data(shot, {"b": 2})["data"] == {"a": 1, "b": 2}
    client.put(f"data/projects/{project['id']}", {"data": {"a": 1}})
    saved = client.put(f"data/projects/{project['id']}", {"data": {"b": 2}})
    assert saved["data"] == {"b": 2}


def test_create_by_name_returns_the_existing_entity(fake: FakeKitsu) -> None:
    client = fake.client
    project = client.project.new_project("Again", production_type="tvshow")
    assert client.project.new_project("Again")["id"] == project["id"]
    episodes = client.shot.all_episodes_for_project(project)
    assert [e["name"] for e in episodes] == ["E01"]  # a tvshow gets its first episode
    episode = client.shot.new_episode(project, "E02")
    assert client.shot.new_episode(project, "E02")["id"] == episode["id"]
    sequence = client.shot.new_sequence(project, "SQ", episode=episode)
    assert client.shot.new_sequence(project, "SQ", episode=episode)["id"] == sequence["id"]
    shot = client.shot.new_shot(project, sequence, "SH")
    assert client.shot.new_shot(project, sequence, "SH")["id"] == shot["id"]
    assert client.shot.get_shot(shot["id"])["episode_name"] == "E02"


def test_deletes_and_force(fake: FakeKitsu) -> None:
    client = fake.client
    project = client.project.new_project("Del")
    sequence = client.shot.new_sequence(project, "SQ")
    shot = client.shot.new_shot(project, sequence, "SH")
    with pytest.raises(BadRequestError, match="still linked"):
        client.shot.remove_sequence(sequence)
    with pytest.raises(BadRequestError, match="Only closed projects can be deleted"):
        client.project.remove_project(project)
    client.project.close_project(project)
    client.project.remove_project(project, force=True)
    for getter, ref in ((client.project.get_project, project), (client.shot.get_shot, shot)):
        with pytest.raises(NotFoundError):
            getter(ref["id"])


def test_casting_and_links(fake: FakeKitsu) -> None:
    client = fake.client
    project = client.project.new_project("Cast", production_type="tvshow")
    episode = client.shot.all_episodes_for_project(project)[0]
    sequence = client.shot.new_sequence(project, "SQ", episode=episode)
    shot = client.shot.new_shot(project, sequence, "SH")
    character = client.asset.get_asset_type_by_name("Character")
    hero = client.asset.new_asset(project, character, "Hero")
    client.casting.update_shot_casting(
        project, shot, [{"asset_id": hero["id"], "nb_occurences": 3}]
    )
    casting = client.casting.get_shot_casting(shot)
    assert [(c["asset_name"], c["nb_occurences"]) for c in casting] == [("Hero", 3)]
    assert [c["shot_name"] for c in client.casting.get_asset_cast_in(hero)] == ["SH"]
    assert client.asset.get_asset(hero["id"])["casting_episode_ids"] == [episode["id"]]
    names = [e["name"] for e in fake.events]
    assert "shot:casting-update" in names and "asset:new" in names


def test_the_users_productions_are_where_their_tasks_are(fake: FakeKitsu) -> None:
    from kitsu_sdk.testing import KitsuFactory

    factory = KitsuFactory(fake.client)
    project = factory.project(production_type="tvshow")
    episode = fake.client.shot.all_episodes_for_project(project)[0]
    mine = factory.sequence(project, episode=episode)
    factory.sequence(project, episode=episode)  # no task of theirs there
    shot = factory.shot(mine)
    artist = factory.person(role="user", project=project)
    task = factory.task(shot)
    fake.client.task.assign_task(task, artist)
    client = fake.client_for(artist)
    assert [p["id"] for p in client.user.all_open_projects()] == [project["id"]]
    assert [s["id"] for s in client.user.all_sequences_for_project(project)] == [mine["id"]]
    assert [e["id"] for e in client.user.all_episodes_for_project(project)] == [episode["id"]]
    assert [s["id"] for s in client.user.all_shots_for_sequence(mine)] == [shot["id"]]
    assert client.user.all_asset_types_for_project(project) == []
