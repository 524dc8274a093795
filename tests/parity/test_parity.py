"""Each case: gazu 1.3.1 and kitsu_sdk, same call, same data, same (masked) result; and each entry
of the differences table still differs (see conftest.py for how the cases run)."""

from __future__ import annotations

import pytest
from differences import DIFFERENCES
from parity_harness import CASES, ParityRun


@pytest.mark.parametrize("key", list(CASES))
def test_same_result_as_gazu(key: str, parity_run: ParityRun) -> None:
    verdict = parity_run.verdicts[key]
    if verdict.status in ("equal", "on_purpose"):
        return
    case = CASES[key]
    heading = {
        "missing": "missing in kitsu_sdk",
        "broken": "the case does not run with gazu (fix the case)",
        "fail": "kitsu_sdk differs from gazu",
    }[verdict.status]
    call = f"{case.name}(*{list(case.args)!r}, **{dict(case.kwargs)!r})"
    pytest.fail(f"{heading}: {call}\n  " + "\n  ".join(verdict.detail), pytrace=False)


@pytest.mark.parametrize("name", sorted(DIFFERENCES))
def test_difference_still_differs(name: str, parity_run: ParityRun) -> None:
    """An entry names a case ("shot.get_shot[a name for an id]") or every case of a function."""
    keys = [key for key, case in CASES.items() if name in (key, case.name)]
    assert keys, f"differences.py lists {name}, which no case calls: add a case or the entry goes"
    statuses = {parity_run.verdicts[key].status for key in keys}
    assert "on_purpose" in statuses or not statuses <= {"equal"}, (
        f"{name} matches gazu now: remove its entry from differences.py"
    )
