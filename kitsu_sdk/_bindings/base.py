"""What every bound namespace is: a client, and the operations run on it (see _bindings/*.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .._client import KitsuClient
    from ..aio import AsyncKitsuClient


class SyncBinding:
    """A module's operations run on one KitsuClient (`client.shot`)."""

    __slots__ = ("_client",)

    def __init__(self, client: KitsuClient) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._client!r}>"


class AsyncBinding:
    """A module's operations run on one AsyncKitsuClient (`aclient.shot`)."""

    __slots__ = ("_client",)

    def __init__(self, client: AsyncKitsuClient) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._client!r}>"
