"""The differential parity suite: every case of tests/parity/cases runs with gazu 1.3.1 (from the
package index, in a venv of its own, see gazu_venv.py) and with kitsu_sdk, on the same real Zou
data; the masked results must match, or differ as tests/parity/differences.py says.

Like the integration suite it needs KITSU_HOST, KITSU_LOGIN and KITSU_PASSWORD (`bash
scripts/run-tests.sh` provides them): it skips without them, and fails in CI (CI=true). Its tests
carry the `integration` marker, so `-m "not integration"` leaves them out.
"""

from __future__ import annotations

import functools
import json
import os
import pathlib
import sys
import time
import uuid
from collections.abc import Iterator
from typing import Any, Callable, Optional

import gazu_venv
import pytest
from parity_harness import (
    CASES,
    SIDES,
    ParityRun,
    Side,
    gazu_functions,
    make_maskers,
    run_cases,
)
from parity_production import Builder, build, write_media

from kitsu_sdk import KitsuClient, NotFoundError

HERE = pathlib.Path(__file__).parent
#: Test files here that need no server (pure unit tests of the comparison).
UNIT_FILES = frozenset({"test_parity_compare.py"})
#: The run of this session, for the summary at the end.
RUN: Optional[ParityRun] = None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        path = pathlib.Path(str(item.fspath))
        if HERE in path.parents and path.name not in UNIT_FILES:
            item.add_marker(pytest.mark.integration)


def missing(reason: str) -> None:
    """Fail in CI (a missing server is an error there), skip elsewhere (as it_helpers does)."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"parity suite cannot run in CI: {reason}", pytrace=False)
    pytest.skip(f"parity suite cannot run: {reason} (run: bash scripts/run-tests.sh)")


def require_env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        missing(f"{name} is not set")
    return str(value)


@pytest.fixture(scope="session")
def parity_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ParityRun]:
    """Build the data, run every case with both libraries, judge; remove the data after."""
    global RUN
    host = require_env("KITSU_HOST")
    login, password = require_env("KITSU_LOGIN"), require_env("KITSU_PASSWORD")
    admin = KitsuClient(host)
    if not admin.host_is_valid():
        missing(f"{host} does not answer like Zou")
    try:
        gazu_python = str(gazu_venv.ensure())
    except Exception as error:
        missing(f"could not install gazu {gazu_venv.GAZU_VERSION}: {error}")
    admin.log_in(login, password)

    started = time.monotonic()
    folder = tmp_path_factory.mktemp("parity")
    run_id = uuid.uuid4().hex[:6]
    tags = {"gazu": f"gz{run_id}", "kitsu_sdk": f"ks{run_id}"}
    run = ParityRun()
    RUN = run
    builder: Optional[Builder] = None
    sides: dict[str, Side] = {}
    try:
        builder = Builder(admin, run_id, write_media(folder / "media"))
        shared, sandboxes = build(builder, tags.values())
        run.seconds["build"] = time.monotonic() - started
        pythons = {"gazu": gazu_python, "kitsu_sdk": sys.executable}
        values: dict[str, dict[str, Any]] = {}
        for lib in SIDES:
            tmp = folder / lib
            values[lib] = {**shared, "sbx": sandboxes[tags[lib]], "tag": tags[lib], "tmp": str(tmp)}
            sides[lib] = Side(lib, pythons[lib], tmp)
        run.maskers = make_maskers(shared, sandboxes, tags, folder)
        for lib, side in sides.items():
            answer = side.ask({"op": "init", "lib": lib, "host": host, "values": values[lib]})
            if not answer.get("ok"):
                pytest.fail(f"{lib} runner did not start: {answer}\n{side.tail()}")
        run_cases(sides, run, values)
    finally:
        for side in sides.values():
            side.close()
        if builder is not None:
            for path in run.leftovers():  # first made, last removed: after the projects
                model, _, uid = path.rpartition("/")
                if model == "data/projects":  # closed and cleared first, as the others
                    builder.cleanup.append(
                        functools.partial(_unless_gone, builder.remove_project, uid)
                    )
                else:
                    builder.cleanup.insert(
                        0, functools.partial(admin.delete, path, {"force": True})
                    )
            run.cleanup_errors = builder.remove_all()
        admin.close()
    run.judge_all()
    run.seconds["total"] = time.monotonic() - started
    run.dump = folder / "outcomes.json"
    run.dump.write_text(json.dumps(run.outcomes, indent=1, sort_keys=True))
    yield run


def _unless_gone(remove: Callable[[str], Any], uid: str) -> None:
    """Remove what a case made, unless a later case removed it already."""
    try:
        remove(uid)
    except NotFoundError:
        pass


def pytest_terminal_summary(terminalreporter: Any) -> None:
    run = RUN
    if run is None or not run.verdicts:
        return
    write = terminalreporter.write_line
    terminalreporter.section("gazu parity")
    counts: dict[str, int] = {}
    for verdict in run.verdicts.values():
        counts[verdict.status] = counts.get(verdict.status, 0) + 1
    compared = sum(counts.get(s, 0) for s in ("equal", "on_purpose", "fail"))
    write(
        f"{len(run.verdicts)} cases; {compared} compared: {counts.get('equal', 0)} equal, "
        f"{counts.get('on_purpose', 0)} differing on purpose, {counts.get('fail', 0)} failing; "
        f"{counts.get('missing', 0)} missing in kitsu_sdk; {counts.get('broken', 0)} broken cases"
    )
    timing = ", ".join(f"{step} {seconds:.1f}s" for step, seconds in run.seconds.items())
    write(f"time: {timing}")
    missing_names = sorted(
        {CASES[key].name for key, v in run.verdicts.items() if v.status == "missing"}
    )
    if missing_names:
        write(f"missing in kitsu_sdk ({len(missing_names)}): {', '.join(missing_names)}")
    surface = gazu_functions()
    covered = {case.name for case in CASES.values()}
    uncovered = [name for name in surface if name not in covered]
    write(f"gazu functions with no case: {len(uncovered)} of {len(surface)}")
    by_module: dict[str, list[str]] = {}
    for name in uncovered:
        module, _, function = name.partition(".")
        by_module.setdefault(module, []).append(function)
    for module, functions in by_module.items():
        write(f"  {module}: {', '.join(functions)}")
    for error in run.cleanup_errors:
        write(f"cleanup: {error}")
    if run.dump is not None:
        write(f"every outcome, unmasked: {run.dump}")
