"""Turn what callers pass for an entity (an id, a dict, an object with `.id`) into a checked id."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from typing import Any, Optional, Protocol, Union
from urllib.parse import quote

from .errors import InvalidIdError, InvalidInputError

_UUID = re.compile(
    r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$"
)


class HasId(Protocol):
    """Any object with an `id` attribute (an ORM row, a dataclass, a namespace...)."""

    @property
    def id(self) -> Any: ...


Ref = Union[str, Mapping[str, Any], HasId]
"""What functions take for an entity: an id string, a dict with an "id" key (an entity dict as
Zou returns it), or an object with an `id` attribute."""


def is_id(value: Any) -> bool:
    """True when `value` is a string shaped like a Kitsu id (a UUID)."""
    return isinstance(value, str) and bool(_UUID.match(value))


def to_id(ref: Ref, what: str = "entity") -> str:
    """The validated id of `ref`; raises InvalidIdError with what was given otherwise."""
    value: Any = ref
    if isinstance(ref, Mapping):
        if "id" not in ref:
            raise InvalidIdError(
                f"expected a Kitsu {what} id or a {what} dict, got a dict with no 'id'"
            )
        value = ref["id"]
    elif not isinstance(ref, str) and hasattr(ref, "id"):
        value = ref.id
    if is_id(value):
        return str(value).lower()
    if isinstance(value, str):
        hint = " (a name? look the entity up first)" if value.strip() else ""
        raise InvalidIdError(f"expected a Kitsu id or an entity dict, got {echo(value)}{hint}")
    raise InvalidIdError(f"expected a Kitsu {what} id or a {what} dict, got {type(value).__name__}")


def to_optional_id(ref: Optional[Ref], what: str = "entity") -> Optional[str]:
    """Like to_id, but None stays None."""
    return None if ref is None else to_id(ref, what)


def to_ids(refs: Union[Iterable[Ref], Ref, None], what: str = "entity") -> list[str]:
    """A list of validated ids from one ref or an iterable of refs."""
    if refs is None:
        return []
    given: Any = refs
    if isinstance(given, (str, Mapping)) or hasattr(given, "id"):
        return [to_id(given, what)]
    if isinstance(given, (bytes, bytearray)) or not isinstance(given, Iterable):
        raise InvalidIdError(f"expected {what} ids or dicts, got {type(given).__name__}")
    return [to_id(ref, what) for ref in given]


def require_name(name: Any, what: str = "name") -> str:
    """A non-empty, stripped name; InvalidInputError otherwise."""
    if not isinstance(name, str) or not name.strip():
        raise InvalidInputError(f"{what} must be a non-empty string, got {echo(name)}")
    return name.strip()


def entity_dict(value: Any, what: str = "entity") -> dict[str, Any]:
    """A copy of an entity dict an update_* function sends back, with its id checked."""
    if not isinstance(value, Mapping):
        raise InvalidInputError(
            f"expected the {what} dict (with 'id' and the fields to change), "
            f"got {type(value).__name__}"
        )
    data = dict(value)
    data["id"] = to_id(data, what)
    return data


def iso_date(value: Any, what: str = "date") -> str:
    """`YYYY-MM-DD` from a date, a datetime or such a string; checked, it may go in a URL."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise InvalidInputError(f"{what} must be a date or a 'YYYY-MM-DD' string, got {echo(value)}")


def segment(value: Any, what: str = "name") -> str:
    """`value` as one URL path segment: escaped ("?", "#", "%" cannot change the route), and
    refused when it holds a "/" or "\\" or is empty, "." or ".." (a server may decode and
    normalise those)."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InvalidInputError(f"{what} must be text, got {type(value).__name__}")
    text = str(value)
    if text.strip() in ("", ".", "..") or "/" in text or "\\" in text:
        raise InvalidInputError(f"{what} cannot be one part of a URL path: {echo(text)}")
    return quote(text, safe="")


def echo(value: Any, limit: int = 80) -> str:
    """`repr(value)`, cut to `limit` characters: errors quote what they were given, boundedly."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 1]}… ({len(text)} characters)"
