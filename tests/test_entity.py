"""kitsu_sdk.entity against a mocked Zou: routes, bodies, query strings, and bad input."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import responses
from responses import matchers
from unit_helpers import expect, url

from kitsu_sdk import KitsuClient, entity
from kitsu_sdk.exception import BadRequestError, InvalidIdError, InvalidInputError, ServerError

P = "11111111-1111-4111-8111-111111111111"  # project
S = "44444444-4444-4444-8444-444444444444"  # shot
A = "88888888-8888-4888-8888-888888888888"  # asset
C = "77777777-7777-4777-8777-777777777777"  # concept
T = "99999999-9999-4999-8999-999999999999"  # entity type


def bad(value: object) -> Any:
    """A value of the wrong type, for the bad-input tests (typed Any: mypy would refuse it)."""
    return value


def test_all_entities_keeps_zous_order(api: responses.RequestsMock, client: KitsuClient) -> None:
    rows = [{"id": S, "name": "SH2", "type": "Shot"}, {"id": A, "name": "hero", "type": "Asset"}]
    expect(api, "GET", "data/entities", answer=rows)
    assert entity.all_entities(client=client) == rows
    expect(api, "GET", "data/entities", answer=None)
    assert entity.all_entities(client=client) == []


def test_get_entity(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "GET", f"data/entities/{S}", answer={"id": S, "type": "Shot"})
    assert entity.get_entity({"id": S}, client=client) == {"id": S, "type": "Shot"}


def test_get_entity_by_name_prefers_the_exact_name(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    # Zou filters names case-insensitively: "sh1" comes back for "SH1".
    rows = [{"id": A, "name": "sh1"}, {"id": S, "name": "SH1"}]
    expect(api, "GET", "data/entities", query={"name": "SH1", "project_id": P}, answer=rows)
    assert entity.get_entity_by_name("SH1", {"id": P}, client=client) == rows[1]
    expect(api, "GET", "data/entities", query={"name": "Sh1"}, answer=rows[:1])
    assert entity.get_entity_by_name("Sh1", client=client) == rows[0]
    expect(api, "GET", "data/entities", query={"name": "nothing"}, answer=[])
    assert entity.get_entity_by_name("nothing", client=client) is None


def test_remove_entity(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "DELETE", f"data/entities/{S}", status=204)
    expect(api, "DELETE", f"data/entities/{A}", query={"force": "true"}, status=204)
    entity.remove_entity({"id": S}, client=client)
    entity.remove_entity(A, force=True, client=client)
    assert [call.request.method for call in api.calls] == ["DELETE", "DELETE"]


def test_remove_entity_with_tasks_is_refused_by_zou(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    message = "The change conflicts with records referencing this one."
    expect(api, "DELETE", f"data/entities/{S}", status=400, answer={"message": message})
    with pytest.raises(BadRequestError, match="conflicts"):
        entity.remove_entity(S, client=client)


def test_remove_entities_posts_the_ids(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "POST", f"actions/projects/{P}/delete-entities", body=[S, A], answer=[S])
    assert entity.remove_entities({"id": P}, [{"id": S}, A], client=client) == [S]
    expect(
        api, "POST", f"actions/projects/{P}/delete-entities", query={"force": "true"},
        body=[C], answer=[C],
    )  # fmt: skip
    assert entity.remove_entities(P, [C], force=True, client=client) == [C]


def test_linked_entities_with_tasks(api: responses.RequestsMock, client: KitsuClient) -> None:
    rows = [{"id": C, "type": "Concept", "tasks": [{"id": T}]}]
    expect(api, "GET", f"data/entities/{A}/entities-linked/with-tasks", answer=rows)
    assert entity.all_entities_with_tasks_linked_to_entity({"id": A}, client=client) == rows


def test_guess_from_path(api: responses.RequestsMock, client: KitsuClient) -> None:
    found = [{"Template": "asset", "Project": P, "Asset": A}]
    body = {"project_id": P, "file_path": "/mnt/p/assets/hero.ma", "sep": "/"}
    expect(api, "POST", "data/entities/guess-from-path", body=body, answer=found)
    assert entity.guess_from_path(P, "/mnt/p/assets/hero.ma", client=client) == found
    body = {"project_id": P, "file_path": r"C:\p\hero.ma", "sep": "\\"}
    expect(api, "POST", "data/entities/guess-from-path", body=body, answer=[])
    assert entity.guess_from_path({"id": P}, r"C:\p\hero.ma", "\\", client=client) == []


def test_guess_from_path_without_file_tree_is_zous_500(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    expect(api, "POST", "data/entities/guess-from-path", status=500,
           answer={"message": "Internal server error."})  # fmt: skip
    with pytest.raises(ServerError):
        entity.guess_from_path(P, "/x/y.ma", client=client)
    assert len(api.calls) == 1  # a POST is not retried


def test_entity_types(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "GET", "data/entity-types",
           answer=[{"id": "b", "name": "shot"}, {"id": "a", "name": "Character"}])  # fmt: skip
    assert [row["id"] for row in entity.all_entity_types(client=client)] == ["a", "b"]
    expect(api, "GET", f"data/entity-types/{T}", answer={"id": T, "name": "Prop"})
    assert entity.get_entity_type({"id": T}, client=client)["name"] == "Prop"
    expect(api, "GET", "data/entity-types", query={"name": "Concept"},
           answer=[{"id": T, "name": "Concept"}])  # fmt: skip
    assert entity.get_entity_type_by_name("Concept", client=client) == {"id": T, "name": "Concept"}
    expect(api, "GET", "data/entity-types", query={"name": "Nope"}, answer=[])
    assert entity.get_entity_type_by_name("Nope", client=client) is None


def test_new_and_remove_entity_type(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "POST", "data/entity-types", body={"name": "Vehicle"}, status=201,
           answer={"id": T, "name": "Vehicle", "type": "EntityType"})  # fmt: skip
    assert entity.new_entity_type(" Vehicle ", client=client)["id"] == T
    expect(api, "DELETE", f"data/entity-types/{T}", status=204)
    entity.remove_entity_type({"id": T}, client=client)


def test_new_entity_type_that_exists_is_refused(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.post(url("data/entity-types"), status=400, json={"message": "already exists"},
             match=[matchers.json_params_matcher({"name": "Prop"})])  # fmt: skip
    with pytest.raises(BadRequestError):
        entity.new_entity_type("Prop", client=client)


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda c: entity.get_entity("hero", client=c), InvalidIdError),
        (lambda c: entity.get_entity_by_name("", client=c), InvalidInputError),
        (lambda c: entity.get_entity_by_name("hero", "my project", client=c), InvalidIdError),
        (lambda c: entity.remove_entity(bad(None), client=c), InvalidIdError),
        (lambda c: entity.remove_entities("p", [S], client=c), InvalidIdError),
        (lambda c: entity.remove_entities(P, [S, "SH010"], client=c), InvalidIdError),
        (lambda c: entity.all_entities_with_tasks_linked_to_entity({}, client=c), InvalidIdError),
        (lambda c: entity.guess_from_path("p", "/x", client=c), InvalidIdError),
        (lambda c: entity.guess_from_path(P, "", client=c), InvalidInputError),
        (lambda c: entity.guess_from_path(P, bad(None), client=c), InvalidInputError),
        (lambda c: entity.guess_from_path(P, "/x", "", client=c), InvalidInputError),
        (lambda c: entity.get_entity_type("Prop", client=c), InvalidIdError),
        (lambda c: entity.get_entity_type_by_name(bad(None), client=c), InvalidInputError),
        (lambda c: entity.new_entity_type("  ", client=c), InvalidInputError),
        (lambda c: entity.remove_entity_type("Prop", client=c), InvalidIdError),
    ],
)
def test_bad_input_fails_before_the_network(
    api: responses.RequestsMock,
    client: KitsuClient,
    call: Callable[[KitsuClient], Any],
    error: type[Exception],
) -> None:
    with pytest.raises(error):
        call(client)
    assert len(api.calls) == 0
