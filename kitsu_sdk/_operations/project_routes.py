"""Routes under a project (`data/projects/<id>/...`) and the input checks that the project, budget
and metadata operations share."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Callable, Optional

from .._core.call import Call, Flow, get, put
from .._core.errors import InvalidInputError
from .._core.refs import Ref, echo, to_id


def project_path(project: Ref, *parts: str) -> str:
    """`data/projects/<id>/<parts...>` with the project id checked."""
    return "/".join([f"data/projects/{to_id(project, 'project')}", *parts])


def choice(value: Any, allowed: tuple[str, ...], what: str) -> None:
    """InvalidInputError unless `value` is one of `allowed`."""
    if value not in allowed:
        raise InvalidInputError(f"{what} must be one of {', '.join(allowed)}; got {echo(value)}")


def as_mapping(value: Any, what: str) -> Mapping[str, Any]:
    """`value` when it is a dict; InvalidInputError otherwise."""
    if not isinstance(value, Mapping):
        raise InvalidInputError(f"{what} must be a dict, got {type(value).__name__}")
    return value


def project_list(project: Ref, segment: str) -> Call[list[Any]]:
    """GET a list route under a project."""
    return get(project_path(project, segment))


def read_fresh(path: str) -> Call[dict[str, Any]]:
    """GET a row past the read cache (it is about to be written back); {} for an empty answer."""
    return get(path, cacheable=False, then=lambda answer: dict(answer or {}))


def put_whole(
    path: str,
    body: dict[str, Any],
    fields: tuple[str, ...],
    prepare: Optional[Callable[[dict[str, Any]], dict[str, Any]]] = None,
) -> Flow[Any]:
    """PUT `body`, first filling in from the stored row (read fresh) the `fields` it lacks: the
    routes where Zou resets every field a PUT leaves out. `prepare` finishes the merged body."""
    if len(body) < len(fields):
        current = yield from read_fresh(path)
        body = {**{key: current[key] for key in fields if key in current}, **body}
    if prepare is not None:
        body = prepare(body)
    return (yield from put(path, body))
