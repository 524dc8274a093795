"""kitsu_sdk.concept against a mocked Zou: routes, bodies, query strings, and bad input."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import responses
from unit_helpers import expect

from kitsu_sdk import KitsuClient, concept
from kitsu_sdk.exception import BadRequestError, InvalidIdError, InvalidInputError

P = "11111111-1111-4111-8111-111111111111"  # project
A = "88888888-8888-4888-8888-888888888888"  # asset
B = "55555555-5555-4555-8555-555555555555"  # another asset
C = "77777777-7777-4777-8777-777777777777"  # concept
T = "99999999-9999-4999-8999-999999999999"  # task type

UNSORTED = [{"id": "b", "name": "sketch"}, {"id": "a", "name": "Hero"}]


def bad(value: object) -> Any:
    """A value of the wrong type, for the bad-input tests (typed Any: mypy would refuse it)."""
    return value


def test_listings_sort_by_name(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "GET", "data/concepts", answer=UNSORTED)
    assert [row["id"] for row in concept.all_concepts(client=client)] == ["a", "b"]
    expect(api, "GET", f"data/projects/{P}/concepts", answer=UNSORTED)
    assert [row["id"] for row in concept.all_concepts_for_project({"id": P}, client=client)] == [
        "a", "b"]  # fmt: skip


def test_previews_are_zous_dict(api: responses.RequestsMock, client: KitsuClient) -> None:
    previews = {T: [{"id": "pf", "extension": "png"}]}
    expect(api, "GET", f"data/concepts/{C}/preview-files", answer=previews)
    assert concept.all_previews_for_concept({"id": C}, client=client) == previews
    expect(api, "GET", f"data/concepts/{C}/preview-files", answer=None)
    assert concept.all_previews_for_concept(C, client=client) == {}


def test_get_concept_and_by_name(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "GET", f"data/concepts/{C}", answer={"id": C, "entity_concept_links": [A]})
    assert concept.get_concept(C, client=client)["entity_concept_links"] == [A]
    rows = [{"id": "x", "name": "hero"}, {"id": C, "name": "Hero"}]
    expect(api, "GET", "data/concepts", query={"project_id": P, "name": "Hero"}, answer=rows)
    assert concept.get_concept_by_name({"id": P}, "Hero", client=client) == rows[1]
    expect(api, "GET", "data/concepts", query={"project_id": P, "name": "None"}, answer=[])
    assert concept.get_concept_by_name(P, "None", client=client) is None


def test_new_concept_looks_it_up_then_sends_links_as_dicts(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    # Zou's ILIKE near match ("Hero_" finds "Heros") is not taken for the one named so.
    expect(api, "GET", "data/concepts", query={"project_id": P, "name": "Hero_"},
           answer=[{"id": "x", "name": "Heros"}])  # fmt: skip
    body = {
        "name": "Hero_",
        "data": {"k": 1},
        "entity_concept_links": [{"id": A}, {"id": B}],
        "description": "front view",
    }
    expect(api, "POST", f"data/projects/{P}/concepts", body=body, status=201,
           answer={"id": C, "entity_concept_links": [A, B]})  # fmt: skip
    made = concept.new_concept(
        {"id": P}, "Hero_", "front view", {"k": 1}, [{"id": A}, B], client=client
    )
    assert made["entity_concept_links"] == [A, B]
    expect(api, "GET", "data/concepts", query={"project_id": P, "name": "Sketch"}, answer=[])
    body = {"name": "Sketch", "data": {}, "entity_concept_links": []}
    expect(api, "POST", f"data/projects/{P}/concepts", body=body, status=201, answer={"id": C})
    assert concept.new_concept(P, "Sketch", client=client) == {"id": C}
    assert [call.request.method for call in api.calls] == ["GET", "POST", "GET", "POST"]


def test_new_concept_returns_the_existing_lookup_row_unchanged(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    # As gazu: the data/concepts row (with project_name) comes back, nothing is posted.
    rows = [{"id": "x", "name": "hero"}, {"id": C, "name": "Hero", "project_name": "Film"}]
    expect(api, "GET", "data/concepts", query={"project_id": P, "name": "Hero"}, answer=rows)
    found = concept.new_concept(P, "Hero", "other", {"k": 2}, [A], client=client)
    assert found == rows[1]
    assert len(api.calls) == 1


def test_remove_concept(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "DELETE", f"data/concepts/{C}", status=204)
    concept.remove_concept({"id": C}, client=client)
    expect(api, "DELETE", f"data/concepts/{C}", query={"force": "true"}, status=204)
    concept.remove_concept(C, force=True, client=client)
    assert len(api.calls) == 2


def test_update_concept_sends_links_as_ids(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    body = {"description": "v2", "entity_concept_links": [A, B], "data": {"k": 2}}
    expect(api, "PUT", f"data/entities/{C}", body=body,
           answer={"id": C, "description": "v2", "entity_concept_links": [A, B]})  # fmt: skip
    given = {
        "id": C, "description": "v2", "entity_concept_links": [A, {"id": B}], "data": {"k": 2},
        "tasks": [{"id": T}],
    }  # fmt: skip
    assert concept.update_concept(given, client=client)["entity_concept_links"] == [A, B]
    expect(api, "PUT", f"data/entities/{C}", body={"name": "Hero 2"}, answer={"id": C})
    assert concept.update_concept({"id": C, "name": "Hero 2"}, client=client) == {"id": C}


def test_zou_refusal_surfaces(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "GET", "data/concepts", query={"project_id": P, "name": "Hero"}, answer=[])
    expect(api, "POST", f"data/projects/{P}/concepts", status=400,
           answer={"message": "Validation error."})  # fmt: skip
    with pytest.raises(BadRequestError, match="Validation"):
        concept.new_concept(P, "Hero", client=client)


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda c: concept.all_concepts_for_project("p", client=c), InvalidIdError),
        (lambda c: concept.all_previews_for_concept(bad(None), client=c), InvalidIdError),
        (lambda c: concept.remove_concept("Hero", client=c), InvalidIdError),
        (lambda c: concept.get_concept("Hero", client=c), InvalidIdError),
        (lambda c: concept.get_concept_by_name("p", "Hero", client=c), InvalidIdError),
        (lambda c: concept.get_concept_by_name(P, "", client=c), InvalidInputError),
        (lambda c: concept.new_concept("p", "Hero", client=c), InvalidIdError),
        (lambda c: concept.new_concept(P, "", client=c), InvalidInputError),
        (lambda c: concept.new_concept(P, "Hero", data=bad("x"), client=c), InvalidInputError),
        (lambda c: concept.new_concept(P, "Hero", description=bad(1), client=c), InvalidInputError),
        (
            lambda c: concept.new_concept(P, "Hero", entity_concept_links=["hero"], client=c),
            InvalidIdError,
        ),
        (lambda c: concept.update_concept(bad(C), client=c), InvalidInputError),
        (lambda c: concept.update_concept({"name": "x"}, client=c), InvalidIdError),
        (
            lambda c: concept.update_concept({"id": C, "entity_concept_links": ["hero"]}, client=c),
            InvalidIdError,
        ),
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
