"""Masking and comparing what gazu and kitsu_sdk returned for the same call (pure functions).

Masking makes two results of the same call on the same server comparable: ids become names
(fixed ones for the data the suite built, "<id1>", "<id2>"... by first appearance for the rest, so
equal ids stay equal), dates and times become "<date>", tokens "<token>", each library's tag and
temporary folder a fixed word. Then a deep, type-strict comparison lists where they part.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Optional

UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"
    r"|[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT"
)
JWT = re.compile(r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")
#: Zou names a preview file after the start of its id.
SHORT_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}")
#: Keys of lists whose order Zou does not fix: compared as sets.
UNORDERED_KEYS = frozenset({"assignees", "attachment_files", "previews", "tasks"})
#: Keys whose values are secrets or random per call.
VOLATILE_KEYS = frozenset({"access_token", "refresh_token", "token", "password", "otp_secret"})
MAX_LINES = 12
SHORT = 120


@dataclass
class Masker:
    """Masks one library's outcomes. `names` maps ids known in advance to their names; `words`
    maps literal text (tags, folders) to the word that replaces it."""

    names: dict[str, str] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)

    def mask(self, data: Any) -> Any:
        """`data` masked; unknown ids are numbered afresh for each call of this method."""
        seen: dict[str, str] = {}
        return self._mask(data, seen)

    def _mask(self, data: Any, seen: dict[str, str]) -> Any:
        if isinstance(data, str):
            return self._mask_text(data, seen)
        if isinstance(data, list):
            return [self._mask(item, seen) for item in data]
        if isinstance(data, dict):
            masked = {}
            for key in sorted(data):  # the same order whatever order each library built
                value = data[key]
                if key in VOLATILE_KEYS and isinstance(value, str) and value:
                    masked[self._mask_text(key, seen)] = "<token>"
                elif key in UNORDERED_KEYS and isinstance(value, list):
                    masked[self._mask_text(key, seen)] = self._mask(in_order(value), seen)
                else:
                    masked[self._mask_text(key, seen)] = self._mask(value, seen)
            return masked
        return data

    def _mask_text(self, text: str, seen: dict[str, str]) -> str:
        for word in sorted(self.words, key=len, reverse=True):
            if word in text:
                text = text.replace(word, self.words[word])

        def name_of(match: re.Match[str]) -> str:
            uid = match.group(0).lower()
            if uid in self.names:
                return self.names[uid]
            if uid not in seen:
                seen[uid] = f"<id{len(seen) + 1}>"
            return seen[uid]

        text = UUID.sub(name_of, text)
        if SHORT_ID.fullmatch(text):
            return "<short-id>"
        text = JWT.sub("<token>", text)
        return DATETIME.sub("<date>", text)


def id_names(data: Any, prefix: str, depth: int = 99) -> dict[str, str]:
    """Names for every id in `data` (nested dicts and lists): the id of `data["shot"]` is
    "<prefix.shot>", of `data["shots"][1]` "<prefix.shots.1>". The shallowest path wins, so an id
    is named after the value that is that object ("<admin>") rather than a mention deep inside
    another one ("<comment.person>"). `depth`: how many levels down to name (0: `data` itself)."""
    found: dict[str, str] = {}
    level: list[tuple[Any, str]] = [(data, prefix)]
    while level and depth >= 0:
        depth -= 1
        deeper: list[tuple[Any, str]] = []
        for value, path in level:
            if isinstance(value, dict):
                uid = value.get("id")
                if isinstance(uid, str) and UUID.fullmatch(uid) and path:
                    found.setdefault(uid.lower(), f"<{path}>")
                items = list(value.items())
            elif isinstance(value, list):
                items = list(enumerate(value))
            else:
                continue
            for key, item in items:
                deeper.append((item, f"{path}.{key}" if path else str(key)))
        level = deeper
    return found


def in_order(value: Any) -> Any:
    """A list sorted by its items' JSON text with ids and dates left out (two lists of the same
    items in another order come out the same before masking numbers their ids), then by the
    whole text (anything else unchanged)."""
    if isinstance(value, list):
        return sorted(value, key=_neutral)
    return value


def masked_order(value: Any, masker: Masker) -> Any:
    """A list sorted by each item masked on its own, so that items differing only in ids the
    suite knows by name (the shared task types, statuses ...) sort alike for both libraries."""
    if isinstance(value, list):
        return sorted(value, key=lambda item: (_sort_text(masker, item), _neutral(item)))
    return value


def _sort_text(masker: Masker, item: Any) -> str:
    """An item masked on its own, without its own id: two libraries' items then sort alike by
    what they are about (their entity, their type ...), not by their ids' random names."""
    masked = masker.mask(item)
    if isinstance(masked, dict):
        masked = {key: value for key, value in masked.items() if key != "id"}
    return json.dumps(masked, sort_keys=True)


def _neutral(item: Any) -> tuple[str, str]:
    text = json.dumps(item, sort_keys=True)
    return DATETIME.sub("", UUID.sub("", text)), text


def short(value: Any) -> str:
    text = json.dumps(value, sort_keys=True)
    return text if len(text) <= SHORT else text[: SHORT - 3] + "..."


def differences(gazu: Any, ours: Any, path: str = "", limit: int = MAX_LINES) -> list[str]:
    """Where two masked values differ, one line per place (type-strict: True is not 1)."""
    lines: list[str] = []
    _diff(gazu, ours, path, lines, limit)
    return lines


def _diff(a: Any, b: Any, path: str, lines: list[str], limit: int) -> None:
    if len(lines) >= limit:
        return
    where = path or "result"
    if type(a) is not type(b):
        lines.append(f"{where}: {short(a)} != {short(b)}")
        return
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in b:
                lines.append(f"{where}: key {key!r} only in gazu ({short(a[key])})")
            elif key not in a:
                lines.append(f"{where}: key {key!r} only in kitsu_sdk ({short(b[key])})")
            else:
                _diff(a[key], b[key], f"{path}.{key}" if path else key, lines, limit)
            if len(lines) >= limit:
                return
        return
    if isinstance(a, list):
        if len(a) != len(b):
            lines.append(f"{where}: {len(a)} items != {len(b)} items")
        for index, (left, right) in enumerate(zip(a, b)):
            _diff(left, right, f"{path}[{index}]", lines, limit)
            if len(lines) >= limit:
                return
        return
    if a != b:
        lines.append(f"{where}: {short(a)} != {short(b)}")


@dataclass
class Verdict:
    """`status`: "equal", "on_purpose" (differs, and the table says why), "missing" (no such
    kitsu_sdk function), "fail" (differs), "broken" (the case cannot run with gazu: fix the
    case). `detail`: what differs, one line per place."""

    status: str
    detail: list[str]


def judge(
    gazu: Mapping[str, Any],
    ours: Mapping[str, Any],
    gazu_masker: Masker,
    our_masker: Masker,
    reason: Optional[str] = None,
    unordered: bool = False,
) -> Verdict:
    """Compare the outcomes of one case (see runner.py for their shapes); `reason`: the
    differences table's entry for the function, if any; `unordered`: a list result is compared
    as a set (for lists whose order Zou does not fix)."""
    for kind in ("crash", "timeout", "missing", "unresolved"):
        if kind in gazu:
            return Verdict("broken", [f"with gazu: {kind}: {gazu[kind]}"])
    if "crash" in ours or "timeout" in ours:
        kind = "crash" if "crash" in ours else "timeout"
        return Verdict("fail", [f"with kitsu_sdk: {kind}: {ours[kind]}"])
    if "missing" in ours:
        return Verdict("missing", [f"missing in kitsu_sdk: {ours['missing']}"])
    if "unresolved" in ours:
        return Verdict(
            "fail",
            [f"kitsu_sdk has no {{{ours['unresolved']}}}: the earlier case making it failed"],
        )
    detail = compare_outcomes(gazu, ours, gazu_masker, our_masker, unordered)
    if not detail:
        return Verdict("equal", [])
    if reason:
        return Verdict("on_purpose", detail)
    return Verdict("fail", detail)


def compare_outcomes(
    gazu: Mapping[str, Any],
    ours: Mapping[str, Any],
    gazu_masker: Masker,
    our_masker: Masker,
    unordered: bool = False,
) -> list[str]:
    """Lines saying how two finished outcomes differ (empty when they match)."""
    lines: list[str] = []
    if "error" in gazu and "error" in ours:
        theirs, mine = gazu["error"], ours["error"]
        if theirs["type"] not in mine["names"]:
            lines.append(
                f"errors: gazu raised {theirs['type']} ({theirs['message']!r}), kitsu_sdk "
                f"{mine['type']} ({mine['message']!r}), which is not a {theirs['type']}"
            )
    elif "error" in gazu:
        error = gazu["error"]
        lines.append(
            f"gazu raised {error['type']} ({error['message']!r}), kitsu_sdk returned "
            f"{short(our_masker.mask(ours.get('result')))}"
        )
    elif "error" in ours:
        error = ours["error"]
        lines.append(
            f"kitsu_sdk raised {error['type']} ({error['message']!r}) at {error['where']}, "
            f"gazu returned {short(gazu_masker.mask(gazu.get('result')))}"
        )
    else:
        theirs, mine = gazu["result"], ours["result"]
        if unordered:
            theirs, mine = masked_order(theirs, gazu_masker), masked_order(mine, our_masker)
        lines += differences(gazu_masker.mask(theirs), our_masker.mask(mine))
    if "files" in gazu or "files" in ours:
        lines += differences(
            gazu_masker.mask(gazu.get("files")), our_masker.mask(ours.get("files")), "files"
        )
    return lines
