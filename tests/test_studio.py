"""kitsu_sdk.studio against a mocked Zou: routes, bodies, query strings, result shapes, bad input
refused before any request, and the signatures of gazu 1.3.1."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
import responses
from responses import matchers
from test_project_template import gazu_parameters, ours
from unit_helpers import url

from kitsu_sdk import KitsuClient, studio
from kitsu_sdk.exception import BadRequestError, InvalidIdError, InvalidInputError, NotFoundError

S = "11111111-1111-4111-8111-111111111111"
STUDIO = {"id": S, "name": "Paris", "color": "#112233", "archived": False, "type": "Studio"}


def test_all_studios_sorted_by_name(api: responses.RequestsMock, client: KitsuClient) -> None:
    rows = [{"id": "b", "name": "paris"}, {"id": "a", "name": "Lyon"}, {"id": "c", "name": None}]
    api.get(url("data/studios"), json=rows, match=[matchers.query_string_matcher("")])
    assert [row["id"] for row in studio.all_studios(client=client)] == ["c", "a", "b"]


def test_get_studio_by_id_or_dict(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.get(url(f"data/studios/{S}"), json=STUDIO, match=[matchers.query_string_matcher("")])
    assert studio.get_studio(S, client=client) == STUDIO
    assert studio.get_studio({"id": S}, client=client)["color"] == "#112233"
    with pytest.raises(InvalidIdError):
        studio.get_studio("Paris", client=client)
    assert len(api.calls) == 2


def test_get_studio_by_name(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.get(
        url("data/studios"),
        json=[{"id": "x", "name": "PARIS"}, STUDIO],
        match=[matchers.query_param_matcher({"name": "Paris"})],
    )
    found = studio.get_studio_by_name("Paris", client=client)
    assert found is not None and found["id"] == S
    api.get(url("data/studios"), json=[], match=[matchers.query_param_matcher({"name": "Tokyo"})])
    assert studio.get_studio_by_name("Tokyo", client=client) is None
    with pytest.raises(InvalidInputError):
        studio.get_studio_by_name("  ", client=client)
    assert len(api.calls) == 2


def test_update_studio_puts_the_dict(api: responses.RequestsMock, client: KitsuClient) -> None:
    changed = {**STUDIO, "color": "#445566"}
    api.put(
        url(f"data/studios/{S}"),
        json=changed,
        match=[matchers.json_params_matcher(changed, strict_match=True)],
    )
    assert studio.update_studio(changed, client=client) == changed


@pytest.mark.parametrize(("value", "error"), [(S, InvalidInputError), ({}, InvalidIdError)])
def test_update_studio_needs_a_dict_with_an_id(
    api: responses.RequestsMock, client: KitsuClient, value: Any, error: type[Exception]
) -> None:
    with pytest.raises(error):
        studio.update_studio(value, client=client)
    assert len(api.calls) == 0


@pytest.mark.parametrize(("force", "query"), [(False, ""), (True, "force=true")])
def test_remove_studio_passes_force_on(
    api: responses.RequestsMock, client: KitsuClient, force: bool, query: str
) -> None:
    api.delete(url(f"data/studios/{S}"), status=204, match=[matchers.query_string_matcher(query)])
    assert studio.remove_studio({"id": S}, force=force, client=client) == ""
    assert len(api.calls) == 1


def test_remove_studio_errors_are_zous(api: responses.RequestsMock, client: KitsuClient) -> None:
    conflict = {"message": "The change conflicts with records referencing this one."}
    api.delete(url(f"data/studios/{S}"), status=400, json=conflict)
    with pytest.raises(BadRequestError, match="referencing"):
        studio.remove_studio(S, client=client)
    api.delete(url(f"data/studios/{S}"), status=404, json={"message": "404 Not Found"})
    with pytest.raises(NotFoundError):
        studio.remove_studio(S, True, client=client)
    with pytest.raises(InvalidIdError):
        studio.remove_studio("Paris", client=client)
    assert len(api.calls) == 2


def test_every_gazu_function_with_gazus_parameters_and_defaults() -> None:
    theirs = gazu_parameters("studio")
    assert sorted(theirs) == [
        "all_studios", "get_studio", "get_studio_by_name", "remove_studio", "update_studio",
    ]  # fmt: skip
    for name, params in theirs.items():
        function = getattr(studio, name)
        assert ours(function) == params, name
        assert list(inspect.signature(function).parameters)[-1] == "client"
    assert studio._GAZU_ABSENT == {}
