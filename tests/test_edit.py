"""kitsu_sdk.edit against a mocked Zou: routes, bodies, query strings, and bad input."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import responses
from unit_helpers import expect

from kitsu_sdk import KitsuClient, edit
from kitsu_sdk.exception import InvalidIdError, InvalidInputError, NotFoundError

P = "11111111-1111-4111-8111-111111111111"  # project
E = "22222222-2222-4222-8222-222222222222"  # episode
D = "66666666-6666-4666-8666-666666666666"  # edit
T = "99999999-9999-4999-8999-999999999999"  # task type


def bad(value: object) -> Any:
    """A value of the wrong type, for the bad-input tests (typed Any: mypy would refuse it)."""
    return value


def test_get_edit(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "GET", f"data/edits/{D}", answer={"id": D, "episode_id": None, "tasks": []})
    assert edit.get_edit({"id": D}, client=client) == {"id": D, "episode_id": None, "tasks": []}


def test_get_edit_by_name_prefers_the_exact_name(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    rows = [{"id": "x", "name": "trailer"}, {"id": D, "name": "Trailer"}]
    query = {"project_id": P, "name": "Trailer"}
    expect(api, "GET", "data/edits/all", query=query, answer=rows)
    assert edit.get_edit_by_name({"id": P}, "Trailer", client=client) == rows[1]
    expect(api, "GET", "data/edits/all", query={"project_id": P, "name": "Teaser"}, answer=[])
    assert edit.get_edit_by_name(P, "Teaser", client=client) is None


def test_get_edit_url_follows_the_episode(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "GET", f"data/edits/{D}", answer={"id": D, "project_id": P, "episode_id": E})
    assert edit.get_edit_url(D, client=client) == (
        f"http://kitsu.test/productions/{P}/episodes/{E}/edits/{D}/"
    )
    api.reset()
    expect(api, "GET", f"data/edits/{D}", answer={"id": D, "project_id": P, "episode_id": None})
    assert edit.get_edit_url({"id": D}, client=client) == (
        f"http://kitsu.test/productions/{P}/edits/{D}/"
    )
    assert len(api.calls) == 1


def test_listings(api: responses.RequestsMock, client: KitsuClient) -> None:
    rows = [{"id": "b", "name": "teaser"}, {"id": "a", "name": "Final"}]
    expect(api, "GET", f"data/projects/{P}/edits", answer=rows)
    assert [row["id"] for row in edit.all_edits_for_project(P, client=client)] == ["a", "b"]
    previews = {T: [{"id": "pf", "revision": 1}]}
    expect(api, "GET", f"data/edits/{D}/preview-files", answer=previews)
    assert edit.all_previews_for_edit({"id": D}, client=client) == previews


def test_new_edit_looks_in_the_project_then_posts_with_episode_id(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    # The lookup is project-wide (no episode in it); Zou's ILIKE near match is not taken.
    expect(api, "GET", "data/edits/all", query={"project_id": P, "name": "Final"},
           answer=[{"id": "x", "name": "Final2"}])  # fmt: skip
    body = {"name": "Final", "data": {"k": 1}, "episode_id": E, "description": "the cut"}
    expect(api, "POST", f"data/projects/{P}/edits", body=body, status=201,
           answer={"id": D, "parent_id": E})  # fmt: skip
    made = edit.new_edit({"id": P}, "Final", "the cut", {"k": 1}, {"id": E}, client=client)
    assert made == {"id": D, "parent_id": E}
    expect(api, "GET", "data/edits/all", query={"project_id": P, "name": "Teaser"}, answer=[])
    expect(api, "POST", f"data/projects/{P}/edits", body={"name": "Teaser", "data": {}},
           status=201, answer={"id": D, "parent_id": None})  # fmt: skip
    assert edit.new_edit(P, "Teaser", client=client)["parent_id"] is None
    assert [call.request.method for call in api.calls] == ["GET", "POST", "GET", "POST"]


def test_new_edit_returns_the_projects_edit_of_that_name_whatever_the_episode(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    # As gazu: the lookup row (with project_name) comes back unchanged, and nothing is posted,
    # even when the existing edit is in another episode than the one given, or in one when
    # none is given.
    row = {"id": D, "name": "Final", "parent_id": E, "project_name": "Film"}
    query = {"project_id": P, "name": "Final"}
    expect(api, "GET", "data/edits/all", query=query, answer=[row])
    assert edit.new_edit(P, "Final", "other", {"k": 2}, client=client) == row
    other_episode = "77777777-7777-4777-8777-777777777777"
    assert edit.new_edit(P, "Final", episode=other_episode, client=client) == row
    assert [call.request.method for call in api.calls] == ["GET", "GET"]


def test_remove_edit(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "DELETE", f"data/edits/{D}", status=204)
    edit.remove_edit({"id": D}, client=client)
    expect(api, "DELETE", f"data/edits/{D}", query={"force": "true"}, status=204)
    edit.remove_edit(D, True, client=client)
    assert len(api.calls) == 2
    expect(api, "DELETE", f"data/edits/{P}", status=404, answer={"message": "not found"})
    with pytest.raises(NotFoundError):
        edit.remove_edit(P, client=client)


def test_update_edit_and_its_data(api: responses.RequestsMock, client: KitsuClient) -> None:
    # The relations of a dict read earlier are not sent back (they would overwrite newer ones).
    expect(api, "PUT", f"data/entities/{D}", body={"id": D, "description": "v2"},
           answer={"id": D, "description": "v2"})  # fmt: skip
    given = {"id": D, "description": "v2", "tasks": [], "entity_concept_links": []}
    assert edit.update_edit(given, client=client)["description"] == "v2"
    expect(api, "PUT", f"data/entities/{D}", body={"data": {"b": 2}},
           answer={"id": D, "data": {"a": 1, "b": 2}})  # fmt: skip
    assert edit.update_edit_data({"id": D}, {"b": 2}, client=client)["data"] == {"a": 1, "b": 2}
    expect(api, "PUT", f"data/entities/{D}", body={"data": {}}, answer={"id": D, "data": {}})
    assert edit.update_edit_data(D, client=client)["data"] == {}


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda c: edit.get_edit("Final", client=c), InvalidIdError),
        (lambda c: edit.get_edit_by_name("my project", "Final", client=c), InvalidIdError),
        (lambda c: edit.get_edit_by_name(P, "", client=c), InvalidInputError),
        (lambda c: edit.get_edit_url(bad(None), client=c), InvalidIdError),
        (lambda c: edit.all_edits_for_project({"name": "p"}, client=c), InvalidIdError),
        (lambda c: edit.all_previews_for_edit("x", client=c), InvalidIdError),
        (lambda c: edit.new_edit("p", "Final", client=c), InvalidIdError),
        (lambda c: edit.new_edit(P, " ", client=c), InvalidInputError),
        (lambda c: edit.new_edit(P, "Final", data=bad(["x"]), client=c), InvalidInputError),
        (lambda c: edit.new_edit(P, "Final", episode="E01", client=c), InvalidIdError),
        (lambda c: edit.new_edit(P, "Final", description=bad(3), client=c), InvalidInputError),
        (lambda c: edit.remove_edit("Final", client=c), InvalidIdError),
        (lambda c: edit.update_edit(bad(D), client=c), InvalidInputError),
        (lambda c: edit.update_edit({"name": "x"}, client=c), InvalidIdError),
        (lambda c: edit.update_edit_data(D, bad("k=1"), client=c), InvalidInputError),
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
