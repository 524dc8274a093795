"""kitsu_sdk.studio against the real Zou: a studio made for the test (gazu cannot create one) is
listed, read by id and by name, updated and removed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from it_helpers import unique

from kitsu_sdk import KitsuClient, studio
from kitsu_sdk.exception import NotFoundError

Row = dict[str, Any]
STUDIO_KEYS = {"id", "type", "name", "color", "archived", "created_at", "updated_at"}


@pytest.fixture
def made(client: KitsuClient) -> Iterator[Row]:
    """A new studio, removed after the test when the test did not remove it."""
    row = client.post("data/studios", {"name": unique("it-studio"), "color": "#123456"})
    yield row
    try:
        client.delete(f"data/studios/{row['id']}")
    except NotFoundError:
        pass


def test_read_update_and_remove_a_studio(client: KitsuClient, made: Row) -> None:
    listed = studio.all_studios(client=client)
    assert made["id"] in {row["id"] for row in listed}
    names = [str(row["name"]).casefold() for row in listed]
    assert names == sorted(names)

    read = studio.get_studio(made["id"], client=client)
    assert STUDIO_KEYS <= set(read)
    assert (read["type"], read["name"], read["color"], read["archived"]) == (
        "Studio", made["name"], "#123456", False,
    )  # fmt: skip
    assert studio.get_studio(made, client=client)["id"] == made["id"]

    found = studio.get_studio_by_name(made["name"], client=client)
    assert found is not None and found["id"] == made["id"]
    found = studio.get_studio_by_name(made["name"].upper(), client=client)
    assert found is not None and found["id"] == made["id"]
    assert studio.get_studio_by_name(unique("no-studio"), client=client) is None

    read["color"] = "#654321"
    updated = studio.update_studio(read, client=client)
    assert (updated["id"], updated["color"]) == (made["id"], "#654321")
    assert studio.get_studio(made, client=client)["color"] == "#654321"

    assert studio.remove_studio(made, force=True, client=client) == ""
    with pytest.raises(NotFoundError):
        studio.get_studio(made["id"], client=client)
    with pytest.raises(NotFoundError):
        studio.remove_studio(made["id"], client=client)


def test_remove_studio_without_force(client: KitsuClient, made: Row) -> None:
    assert studio.remove_studio(made["id"], client=client) == ""
    assert studio.get_studio_by_name(made["name"], client=client) is None
