"""Parity cases: data, not code. Each module of this package lists `CASES` for one gazu module.

`read("shot.get_shot", "{shots.0.id}")` calls `lib.shot.get_shot(<id of the first shot>)` with
both libraries on the shared production, at the same moment. `write(...)` cases come in
scenarios (`scenario("shot-crud", write(...), ...)`): each library runs a whole scenario on its
own sandbox ("{sbx.project}"), gazu first, then kitsu_sdk, so what one creates never shows in the
other's results. `save="name"` keeps a case's result for later cases of the same library
("{name.id}"). Placeholders are listed in tests/parity/runner.py; the values come from
tests/parity/parity_production.py ("{shots.0}", "{tasks.layout}", "{person}", "{media.png}",
"{tmp}", "{tag}", "{day}", "{missing_id}"...). `{"$date": "2024-03-05"}` is a datetime.date.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Optional


@dataclass(frozen=True)
class Case:
    """One call of a gazu function, made with both libraries."""

    module: str
    function: str
    args: tuple[Any, ...] = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    kind: str = "read"
    save: Optional[str] = None
    files: tuple[str, ...] = ()
    label: str = ""
    scenario: str = ""
    cleanup: str = ""
    unordered: bool = False

    @property
    def name(self) -> str:
        """ "module.function", the key of the differences table."""
        return f"{self.module}.{self.function}"

    def message(self) -> dict[str, Any]:
        """What runner.py is sent."""
        return {
            "op": "case",
            "module": self.module,
            "function": self.function,
            "args": list(self.args),
            "kwargs": dict(self.kwargs),
            "save": self.save,
            "files": list(self.files),
        }


def _case(
    kind: str,
    name: str,
    args: tuple[Any, ...],
    kw: Optional[Mapping[str, Any]],
    save: Optional[str],
    files: tuple[str, ...],
    label: str,
    cleanup: str = "",
) -> Case:
    module, _, function = name.rpartition(".")
    return Case(module, function, args, dict(kw or {}), kind, save, files, label, "", cleanup)


def read(
    name: str,
    *args: Any,
    kw: Optional[Mapping[str, Any]] = None,
    save: Optional[str] = None,
    files: tuple[str, ...] = (),
    label: str = "",
    unordered: bool = False,
) -> Case:
    """A call on the shared production, made by both libraries at the same moment."""
    return replace(_case("read", name, args, kw, save, files, label), unordered=unordered)


def write(
    name: str,
    *args: Any,
    kw: Optional[Mapping[str, Any]] = None,
    save: Optional[str] = None,
    files: tuple[str, ...] = (),
    label: str = "",
    cleanup: str = "",
    unordered: bool = False,
) -> Case:
    """A call in a scenario: each library on its own data. `cleanup`: the route of what the call
    creates where no gazu function removes it ("data/softwares"): the suite deletes it after.
    `unordered`: compare a list result as a set (each library lists its own objects, in an order
    Zou does not fix)."""
    case = _case("write", name, args, kw, save, files, label, cleanup)
    return replace(case, unordered=unordered)


def scenario(name: str, *cases: Case) -> list[Case]:
    """Cases each library runs in one go, in order (gazu's whole run, then kitsu_sdk's)."""
    return [replace(case, kind="write", scenario=name) for case in cases]


#: The names of the values the suite provides (parity_production.build, conftest.py): a case
#: may not save a result under one of them (it would hide it from later cases).
PROVIDED = frozenset(
    {
        "project", "episodes", "sequences", "shots", "scene", "assets", "tasks", "task",
        "comment", "preview", "scene_instance", "asset_instance", "reply", "attachment",
        "movie", "movie_comment", "done_comment", "person_comment", "playlist", "descriptors",
        "concept", "concept_task", "edit", "edit_task", "episode_task", "working_file",
        "output_file", "instance_output_file", "budget", "budget_entry", "time_spent",
        "day_off", "notification", "milestone", "statuses", "task_types", "asset_types",
        "department", "person", "admin", "output_type", "software", "file_status", "studio",
        "project_template", "status_automation", "background", "file_tree", "organisation",
        "media", "day", "missing_id", "host", "sbx", "tag", "tmp", "client",
    }
)  # fmt: skip


def all_cases() -> dict[str, Case]:
    """Every case, by a unique key ("shot.get_shot", "shot.get_shot[by id]", "shot.new_shot#2"):
    reads first, then the scenarios, in module order."""
    found: list[Case] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for case in getattr(module, "CASES", []):
            if case.kind == "write" and not case.scenario:
                case = replace(case, scenario=info.name)
            if case.save in PROVIDED:
                raise ValueError(f"{info.name}: {case.name} saves as {case.save!r}, a given value")
            found.append(case)
    ordered = [c for c in found if c.kind == "read"] + [c for c in found if c.kind != "read"]
    keys: dict[str, Case] = {}
    for case in ordered:
        key = f"{case.name}[{case.label}]" if case.label else case.name
        if key in keys:
            number = 2
            while f"{key}#{number}" in keys:
                number += 1
            key = f"{key}#{number}"
        keys[key] = case
    return keys
