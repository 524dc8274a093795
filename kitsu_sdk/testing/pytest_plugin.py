"""The pytest plugin of kitsu_sdk (entry point `pytest11`: loaded in every pytest run where
kitsu_sdk is installed, so this module imports nothing but pytest at start).

Fixtures:
- `kitsu_fake`: a started `FakeKitsu` (kitsu_sdk.testing) whose `client` (a KitsuClient logged
  in as the admin, events pointed at the fake) is the default client during the test; the
  previous default client comes back afterwards.
- `kitsu_factory`: a `KitsuFactory` on that client (`.project()`, `.episode()`, `.sequence()`,
  `.shot()`, `.asset()`, `.task()`, `.person(role=...)`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from ._factory import KitsuFactory
    from ._fake import FakeKitsu


@pytest.fixture
def kitsu_fake() -> Iterator[FakeKitsu]:
    """An in-memory Kitsu, with the default client logged in to it as the admin."""
    from .. import _client
    from ._fake import FakeKitsu

    previous = _client._default_client
    with FakeKitsu() as fake:
        _client.set_default_client(fake.client)
        try:
            yield fake
        finally:
            _client._default_client = previous


@pytest.fixture
def kitsu_factory(kitsu_fake: FakeKitsu) -> KitsuFactory:
    """Test data made through the SDK on `kitsu_fake`."""
    from ._factory import KitsuFactory

    return KitsuFactory(kitsu_fake.client)
