"""What Kitsu posts to a custom action's URL, parsed and checked: `parse_custom_action(body)`.

Kitsu runs a custom action on the selected tasks in one of two ways (the action's "AJAX"
setting), and sends the same facts under different names:

| field of CustomActionRequest | form post (default)    | AJAX post (JSON)              |
|------------------------------|------------------------|-------------------------------|
| person_id                    | `personid`             | `userid`                      |
| person_email                 | `personemail`          | `useremail`                   |
| project_id                   | `projectid`            | `productionid`                |
| current_path                 | `currentpath`          | `originurl`                   |
| current_server               | `currentserver`        | `originserver`                |
| selection (task ids)         | `selection` "id,id"    | `selection` ["id", "id"]      |
| entity_type                  | `entitytype`           | `entitytype`                  |

The form post is `application/x-www-form-urlencoded` (a browser form, opened in a new tab); the
AJAX one is a JSON object (superagent, with the browser's credentials). Both spellings are
accepted in both encodings. Anything malformed raises InvalidInputError with a short message:
a body that is neither, a body over `max_bytes`, a field missing, given twice or of the wrong
type, an id that is not a Kitsu id. The parser reads only what it is given (no I/O): it says
who asked and on which tasks, not that the request really came from Kitsu; a receiver that acts
on it should check what it can with the API (the person and the tasks exist) or sit behind
authentication of its own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Optional, Union
from urllib.parse import parse_qsl

from ._core.errors import InvalidInputError
from ._core.refs import echo, is_id

__all__ = [
    "ENTITY_TYPES",
    "MAX_BODY_BYTES",
    "MAX_SELECTION",
    "CustomActionRequest",
    "parse_custom_action",
]

#: The largest body parsed (bytes): 10,000 selected task ids fit well within it.
MAX_BODY_BYTES = 1024 * 1024
#: The most task ids one request may select.
MAX_SELECTION = 10_000
#: What Kitsu 0.20+ sends as `entitytype` (the view the action was run from). Other lowercase
#: words are accepted too, so a newer Kitsu's views do not break a receiver.
ENTITY_TYPES = frozenset({"asset", "shot", "sequence", "edit", "episode"})

_MAX_TEXT = 2048
_MAX_EMAIL = 320
_ENTITY_TYPE = re.compile(r"^[a-z][a-z_-]{0,31}$")
_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

# field -> (form name, AJAX name)
_NAMES = {
    "person_id": ("personid", "userid"),
    "person_email": ("personemail", "useremail"),
    "project_id": ("projectid", "productionid"),
    "current_path": ("currentpath", "originurl"),
    "current_server": ("currentserver", "originserver"),
    "selection": ("selection", "selection"),
    "entity_type": ("entitytype", "entitytype"),
}


@dataclass(frozen=True)
class CustomActionRequest:
    """One run of a custom action, as Kitsu posted it.

    Attributes:
        person_id: the id of the person who ran it (lowercase).
        person_email: their e-mail address.
        project_id: the production it was run in; None where Kitsu sent none (a person's
            to-do list spans productions).
        current_path: the path of the Kitsu page it was run from (`/productions/<id>/shots`).
        current_server: the host (and port) of that page, as the browser saw it.
        selection: the ids of the selected tasks, in Kitsu's order (lowercase, no repeats).
        entity_type: the kind of view: "asset", "shot", "sequence", "edit" or "episode".
        ajax: True for a JSON (AJAX) post, False for a form post.
    """

    person_id: str
    person_email: str
    project_id: Optional[str]
    current_path: str
    current_server: str
    selection: tuple[str, ...]
    entity_type: str
    ajax: bool = False


def parse_custom_action(
    body: Union[bytes, bytearray, str, Mapping[str, Any]],
    content_type: Optional[str] = None,
    *,
    max_bytes: int = MAX_BODY_BYTES,
) -> CustomActionRequest:
    """Parse and check the body Kitsu posted to a custom action.

    Args:
        body: the raw request body (bytes or text), or what a web framework already decoded
            (`request.get_json()`, `request.form.to_dict()`; values that are one-item lists,
            as from `urllib.parse.parse_qs`, are unwrapped).
        content_type: the request's Content-Type header, when known; without it a body that
            starts with "{" is read as JSON and any other as a form.
        max_bytes: the largest raw body accepted.

    Raises:
        InvalidInputError: the body is not a well-formed custom action post (the message says
            which field and why, quoting at most a few dozen characters of what was sent).
    """
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        raise InvalidInputError(f"max_bytes must be a positive integer, got {echo(max_bytes)}")
    if isinstance(body, Mapping):
        return _from_fields(_unwrap(body), ajax=not _looks_like_form(body))
    if isinstance(body, (bytes, bytearray)):
        if len(body) > max_bytes:
            raise InvalidInputError(
                f"custom action body too large: {len(body)} bytes (at most {max_bytes})"
            )
        try:
            text = bytes(body).decode("utf-8")
        except UnicodeDecodeError as error:
            raise InvalidInputError(
                f"custom action body is not UTF-8 text (byte {error.start})"
            ) from None
    elif isinstance(body, str):
        if len(body) > max_bytes or len(body.encode("utf-8", "surrogatepass")) > max_bytes:
            raise InvalidInputError(f"custom action body too large (at most {max_bytes} bytes)")
        text = body
    else:
        raise InvalidInputError(
            f"custom action body must be bytes, text or a mapping, got {type(body).__name__}"
        )
    kind = _kind(content_type, text)
    if kind == "json":
        return _from_fields(_json_object(text), ajax=True)
    return _from_fields(_form_fields(text), ajax=False)


# -- decoding ------------------------------------------------------------------------------------


def _kind(content_type: Optional[str], text: str) -> str:
    if content_type is not None and not isinstance(content_type, str):
        raise InvalidInputError(f"content_type must be text, got {type(content_type).__name__}")
    if content_type is None or not content_type.strip():
        return "json" if text.lstrip().startswith("{") else "form"
    media = content_type.split(";", 1)[0].strip().lower()
    if media == "application/json" or media.endswith("+json"):
        return "json"
    if media == "application/x-www-form-urlencoded":
        return "form"
    raise InvalidInputError(
        "custom action body must be JSON or application/x-www-form-urlencoded, "
        f"got Content-Type {echo(content_type)}"
    )


def _json_object(text: str) -> dict[str, Any]:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise InvalidInputError(f"custom action field {echo(key)} is given twice")
            out[key] = value
        return out

    try:
        value = json.loads(text, object_pairs_hook=no_duplicates)
    except RecursionError:
        raise InvalidInputError("custom action body is not valid JSON (nested too deep)") from None
    except json.JSONDecodeError as error:
        raise InvalidInputError(
            f"custom action body is not valid JSON ({error.msg} at character {error.pos})"
        ) from None
    if not isinstance(value, dict):
        raise InvalidInputError(
            f"custom action body must be a JSON object, got {type(value).__name__}"
        )
    return value


def _form_fields(text: str) -> dict[str, Any]:
    try:
        pairs = parse_qsl(
            text,
            keep_blank_values=True,
            strict_parsing=bool(text),
            errors="strict",
            max_num_fields=64,
        )
    except UnicodeDecodeError:
        raise InvalidInputError(
            "custom action form holds percent-escapes that are not UTF-8"
        ) from None
    except ValueError as error:
        raise InvalidInputError(
            f"custom action body is not a form post: {echo(str(error))}"
        ) from None
    fields: dict[str, Any] = {}
    for key, value in pairs:
        if key in fields:
            raise InvalidInputError(f"custom action field {echo(key)} is given twice")
        fields[key] = value
    return fields


def _unwrap(fields: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if not isinstance(key, str):
            raise InvalidInputError(f"custom action field names must be text, got {echo(key)}")
        if isinstance(value, (list, tuple)) and key != "selection":
            if len(value) != 1:
                raise InvalidInputError(
                    f"custom action field {echo(key)} must hold one value, got {len(value)}"
                )
            value = value[0]
        out[key] = value
    return out


def _looks_like_form(fields: Mapping[str, Any]) -> bool:
    return any(form in fields for form, ajax in _NAMES.values() if form != ajax)


# -- checking ------------------------------------------------------------------------------------


def _pick(fields: Mapping[str, Any], field: str, required: bool = True) -> Any:
    form, ajax = _NAMES[field]
    present = [name for name in dict.fromkeys((form, ajax)) if name in fields]
    if len(present) == 2 and fields[form] != fields[ajax]:
        raise InvalidInputError(
            f"custom action fields {form!r} and {ajax!r} are both given and differ"
        )
    if not present:
        if required:
            names = form if form == ajax else f"{form!r} (or {ajax!r})"
            raise InvalidInputError(f"custom action field {names} is missing")
        return None
    return fields[present[0]]


def _text(value: Any, name: str, limit: int = _MAX_TEXT) -> str:
    if not isinstance(value, str):
        raise InvalidInputError(
            f"custom action field {name} must be text, got {type(value).__name__}"
        )
    if len(value) > limit:
        raise InvalidInputError(
            f"custom action field {name} is too long ({len(value)} characters, at most {limit})"
        )
    if _CONTROL.search(value):
        raise InvalidInputError(f"custom action field {name} holds control characters")
    return value


def _id(value: Any, name: str) -> str:
    if not is_id(value):
        got = echo(value) if isinstance(value, str) else type(value).__name__
        raise InvalidInputError(f"custom action field {name} must be a Kitsu id, got {got}")
    return str(value).lower()


def _selection(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        items: list[Any] = [part.strip() for part in value.split(",")] if value.strip() else []
    elif isinstance(value, (list, tuple)):
        # A decoded form (`parse_qs`) holds the joined text in a one-item list.
        items = [
            part.strip() if isinstance(part, str) else part
            for item in value
            for part in (item.split(",") if isinstance(item, str) and "," in item else [item])
        ]
    else:
        raise InvalidInputError(
            "custom action field selection must be task ids (a list, or text joined with ','), "
            f"got {type(value).__name__}"
        )
    if len(items) > MAX_SELECTION:
        raise InvalidInputError(
            f"custom action selection has {len(items)} task ids (at most {MAX_SELECTION})"
        )
    ids = [_id(item, f"selection[{index}]") for index, item in enumerate(items)]
    return tuple(dict.fromkeys(ids))


def _from_fields(fields: Mapping[str, Any], ajax: bool) -> CustomActionRequest:
    person_id = _id(_pick(fields, "person_id"), "person id")
    email = _text(_pick(fields, "person_email"), "person email", _MAX_EMAIL).strip()
    if "@" not in email or any(c.isspace() for c in email):
        raise InvalidInputError(f"custom action person email is not an address: {echo(email)}")
    project = _pick(fields, "project_id")
    project_id = None if project in (None, "") else _id(project, "project id")
    path = _text(_pick(fields, "current_path"), "current path")
    if path and not path.startswith("/"):
        raise InvalidInputError(f"custom action current path must start with '/': {echo(path)}")
    server = _text(_pick(fields, "current_server"), "current server", 300)
    if not _HOST.match(server):
        raise InvalidInputError(
            f"custom action current server must be a host[:port], got {echo(server)}"
        )
    entity_type = _text(_pick(fields, "entity_type"), "entity type", 32)
    if not _ENTITY_TYPE.match(entity_type):
        raise InvalidInputError(
            f"custom action entity type must be a lowercase word, got {echo(entity_type)}"
        )
    return CustomActionRequest(
        person_id=person_id,
        person_email=email,
        project_id=project_id,
        current_path=path,
        current_server=server,
        selection=_selection(_pick(fields, "selection")),
        entity_type=entity_type,
        ajax=ajax,
    )
