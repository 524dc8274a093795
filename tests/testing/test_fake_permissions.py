"""Roles as Zou 1.0.97 applies them where the SDK sees it (checked against a real Zou with the
same calls: artists, supervisors and clients cannot create productions or shots, managers of
the team can; outsiders of a project get 403)."""

from __future__ import annotations

import pytest

from kitsu_sdk.exception import PermissionDeniedError
from kitsu_sdk.testing import FakeKitsu


@pytest.fixture
def fake() -> FakeKitsu:
    with FakeKitsu() as started:
        yield started


def _member(fake: FakeKitsu, project: dict, role: str, team_role: object = None) -> object:
    person = fake.client.person.new_person(role, "x", f"{role}@example.com", role=role)
    fake.client.project.add_person_to_team(project, person, role=team_role)
    return fake.client_for(person)


@pytest.mark.parametrize("role", ["user", "supervisor", "manager", "client"])
def test_only_admins_create_projects_and_people(fake: FakeKitsu, role: str) -> None:
    project = fake.client.project.new_project("P")
    client = _member(fake, project, role)
    with pytest.raises(PermissionDeniedError):
        client.project.new_project("Mine")
    with pytest.raises(PermissionDeniedError):
        client.person.new_person("a", "b", "ab@example.com")
    assert client.project.get_project(project["id"])["name"] == "P"


@pytest.mark.parametrize(("role", "allowed"), [("user", False), ("supervisor", False),
                                               ("client", False), ("manager", True)])  # fmt: skip
def test_shots_are_created_by_managers_of_the_team(
    fake: FakeKitsu, role: str, allowed: bool
) -> None:
    project = fake.client.project.new_project("P")
    sequence = fake.client.shot.new_sequence(project, "SQ")
    client = _member(fake, project, role)
    if allowed:
        assert client.shot.new_shot(project, sequence, "SH")["name"] == "SH"
    else:
        with pytest.raises(PermissionDeniedError):
            client.shot.new_shot(project, sequence, "SH")


def test_a_team_role_overrides_the_global_one(fake: FakeKitsu) -> None:
    project = fake.client.project.new_project("P")
    sequence = fake.client.shot.new_sequence(project, "SQ")
    client = _member(fake, project, "user", team_role="manager")
    assert client.shot.new_shot(project, sequence, "SH")["name"] == "SH"


def test_outsiders_see_nothing_of_a_project(fake: FakeKitsu) -> None:
    project = fake.client.project.new_project("P")
    other = fake.client.project.new_project("Other")
    client = _member(fake, other, "manager")
    assert [p["name"] for p in client.project.all_projects()] == ["Other"]
    with pytest.raises(PermissionDeniedError):
        client.project.get_project(project["id"])
    with pytest.raises(PermissionDeniedError):
        client.shot.all_shots_for_project(project)


def test_clients_see_only_their_teams(fake: FakeKitsu) -> None:
    project = fake.client.project.new_project("P")
    client = _member(fake, project, "client")
    fake.client.person.new_person("Far", "Away", "far@example.com")
    emails = {p["email"] for p in client.person.all_persons()}
    assert emails == {"client@example.com"}
    user = _member(fake, project, "user")
    assert len(user.person.all_persons()) == 4  # admin, client, far, user


def test_the_event_log_is_for_managers(fake: FakeKitsu) -> None:
    from kitsu_sdk.events import get_last_events

    project = fake.client.project.new_project("P")
    fake.client.shot.new_sequence(project, "SQ")
    with pytest.raises(PermissionDeniedError):
        get_last_events(client=_member(fake, project, "user"))
    manager = _member(fake, project, "manager")
    names = [e["name"] for e in get_last_events(client=manager)]
    assert "sequence:new" in names and "project:new" not in names  # no project: admins only
