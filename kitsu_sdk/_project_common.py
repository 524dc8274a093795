"""Helpers shared by kitsu_sdk.project and its private parts (metadata columns, budgets)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from ._core.errors import InvalidInputError
from ._core.refs import Ref, to_id
from .client import KitsuClient, resolve_client


def project_path(project: Ref, *parts: str) -> str:
    """`data/projects/<id>/<parts...>` with the project id checked."""
    return "/".join([f"data/projects/{to_id(project, 'project')}", *parts])


def choice(value: Any, allowed: tuple[str, ...], what: str) -> None:
    """InvalidInputError unless `value` is one of `allowed`."""
    if value not in allowed:
        raise InvalidInputError(f"{what} must be one of {', '.join(allowed)}; got {value!r}")


def as_mapping(value: Any, what: str) -> Mapping[str, Any]:
    """`value` when it is a dict; InvalidInputError otherwise."""
    if not isinstance(value, Mapping):
        raise InvalidInputError(f"{what} must be a dict, got {type(value).__name__}")
    return value


def project_list(project: Ref, segment: str, client: Optional[KitsuClient]) -> list[Any]:
    """GET a list route under a project."""
    return resolve_client(client).get(project_path(project, segment))  # type: ignore[no-any-return]
