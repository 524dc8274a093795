"""The parity run: the two runner processes (runner.py under gazu's venv and under kitsu_sdk's
python), the order cases run in, and how their outcomes are judged. Used by conftest.py."""

from __future__ import annotations

import csv
import json
import os
import pathlib
import queue
import subprocess
import threading
import time
from dataclasses import dataclass, field
from typing import IO, Any, Optional

from cases import Case, all_cases
from differences import DIFFERENCES
from parity_compare import Masker, Verdict, id_names, judge

HERE = pathlib.Path(__file__).parent
RUNNER = HERE / "runner.py"
SURFACE = HERE.parent / "data" / "gazu_surface.tsv"
#: The two sides: the library each imports as `lib`.
SIDES = ("gazu", "kitsu_sdk")
CASE_TIMEOUT = 120.0

CASES: dict[str, Case] = all_cases()


class Side:
    """One runner.py process, driven line by line."""

    def __init__(self, lib: str, python: str, folder: pathlib.Path) -> None:
        self.lib = lib
        folder.mkdir(parents=True, exist_ok=True)
        self.log_path = folder / "runner.log"
        self._log: IO[str] = self.log_path.open("w")
        self.process = subprocess.Popen(
            [python, "-I", str(RUNNER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
            cwd=str(folder),
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
        self._answers: queue.Queue[Optional[str]] = queue.Queue()
        self.dead: Optional[str] = None
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._answers.put(line)
        self._answers.put(None)

    def ask(self, message: dict[str, Any], timeout: float = CASE_TIMEOUT) -> dict[str, Any]:
        self.send(message)
        return self.receive(timeout)

    def send(self, message: dict[str, Any]) -> None:
        if self.dead is None:
            assert self.process.stdin is not None
            try:
                self.process.stdin.write(json.dumps(message) + "\n")
                self.process.stdin.flush()
            except OSError as error:
                self.dead = f"runner stopped: {error}"

    def receive(self, timeout: float = CASE_TIMEOUT) -> dict[str, Any]:
        if self.dead is not None:
            return {"crash": self.dead}
        try:
            line = self._answers.get(timeout=timeout)
        except queue.Empty:
            self.dead = f"runner stopped after a case gave no answer in {timeout:.0f}s"
            self.process.kill()
            return {"timeout": f"no answer in {timeout:.0f}s"}
        if line is None:
            self.dead = f"runner exited ({self.tail()})"
            return {"crash": self.dead}
        answer: dict[str, Any] = json.loads(line)
        return answer

    def tail(self) -> str:
        self._log.flush()
        return self.log_path.read_text()[-1500:]

    def close(self) -> None:
        if self.dead is None and self.process.poll() is None:
            self.send({"op": "exit"})
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._log.close()


@dataclass
class ParityRun:
    """The outcomes of every case with both libraries, and how they compare."""

    outcomes: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    #: {"read": {lib: masker}, "write": {lib: masker}}: reads name both sandboxes after their
    #: library, writes name each library's own sandbox "sbx" (see conftest.py).
    maskers: dict[str, dict[str, Masker]] = field(default_factory=dict)
    verdicts: dict[str, Verdict] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    cleanup_errors: list[str] = field(default_factory=list)
    dump: Optional[pathlib.Path] = None

    def judge_all(self) -> None:
        for key, case in CASES.items():
            outcome = self.outcomes.get(key)
            if outcome is None:
                self.verdicts[key] = Verdict("broken", ["the case did not run"])
                continue
            maskers = self.maskers["read" if case.kind == "read" else "write"]
            self.verdicts[key] = judge(
                outcome["gazu"],
                outcome["kitsu_sdk"],
                maskers["gazu"],
                maskers["kitsu_sdk"],
                reason_for(key, case),
                case.unordered,
            )

    def leftovers(self) -> list[str]:
        """API paths of what write cases created that no gazu function removes."""
        paths = []
        for key, case in CASES.items():
            for outcome in self.outcomes.get(key, {}).values():
                result = outcome.get("result")
                if case.cleanup and isinstance(result, dict) and "id" in result:
                    paths.append(f"{case.cleanup}/{result['id']}")
        return paths


def make_maskers(
    shared: dict[str, Any],
    sandboxes: dict[str, Any],
    tags: dict[str, str],
    folder: pathlib.Path,
) -> dict[str, dict[str, Masker]]:
    """The maskers of each library, for read cases and for write cases.

    Read cases run on the same data at the same moment, and studio-wide lists show both
    sandboxes: there each sandbox and tag is named after its library, the same way on both
    sides. Write cases each run on their own sandbox: there "<sbx...>" and "<tag>" name the
    library's own, "<other-tag>" the other's."""
    shared_names = id_names(shared, "")
    maskers: dict[str, dict[str, Masker]] = {"read": {}, "write": {}}
    for lib in SIDES:
        other = SIDES[1 - SIDES.index(lib)]
        tmp_words = {str(folder / lib): "<tmp>", str(folder / other): "<other-tmp>"}
        names = dict(shared_names)
        for owner in SIDES:
            for uid, name in id_names(sandboxes[tags[owner]], f"sbx-{owner}").items():
                names.setdefault(uid, name)
        words = {tags[owner]: f"<tag-{owner}>" for owner in SIDES}
        maskers["read"][lib] = Masker(names, {**words, **tmp_words})
        names = dict(shared_names)
        for uid, name in id_names(sandboxes[tags[lib]], "sbx").items():
            names.setdefault(uid, name)
        words = {tags[lib]: "<tag>", tags[other]: "<other-tag>"}
        maskers["write"][lib] = Masker(names, {**words, **tmp_words})
    return maskers


def reason_for(key: str, case: Case) -> Optional[str]:
    """The differences table's entry for this case (by its key) or its function."""
    return DIFFERENCES.get(key) or DIFFERENCES.get(case.name)


def run_cases(sides: dict[str, Side], run: ParityRun, values: dict[str, dict[str, Any]]) -> None:
    def record(key: str, lib: str, case: Case, outcome: dict[str, Any]) -> None:
        run.outcomes.setdefault(key, {})[lib] = outcome
        if case.save and "result" in outcome:
            for uid, name in id_names(outcome["result"], case.save, depth=1).items():
                for maskers in run.maskers.values():
                    maskers[lib].names.setdefault(uid, name)

    started = time.monotonic()
    reads = [(key, case) for key, case in CASES.items() if case.kind == "read"]
    for key, case in reads:  # both libraries at the same moment, on the same data
        for side in sides.values():
            side.send(case.message())
        for lib, side in sides.items():
            record(key, lib, case, side.receive())
    run.seconds["reads"] = time.monotonic() - started

    started = time.monotonic()
    scenarios: dict[str, list[tuple[str, Case]]] = {}
    for key, case in CASES.items():
        if case.kind != "read":
            scenarios.setdefault(case.scenario, []).append((key, case))
    for steps in scenarios.values():  # each library on its own, gazu first
        for lib, side in sides.items():
            for key, case in steps:
                record(key, lib, case, side.ask(case.message()))
    run.seconds["writes"] = time.monotonic() - started


def gazu_functions() -> list[str]:
    """ "module.function" of every gazu 1.3.1 function of its modules (not gazu.aio's, nor the
    package's top-level ones)."""
    with SURFACE.open() as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        f"{row['module']}.{row['name']}"
        for row in rows
        if row["kind"] == "function" and row["module"] not in ("aio", "(top level)")
    ]
