"""The masking and comparison of the parity suite, without a server (no integration marker)."""

from __future__ import annotations

from typing import Any

from cases import PROVIDED, all_cases
from differences import DIFFERENCES
from parity_compare import Masker, compare_outcomes, differences, id_names, in_order, judge

A = "0f6d8a8e-1111-4a4a-8b8b-000000000001"
B = "0f6d8a8e-2222-4a4a-8b8b-000000000002"
C = "0f6d8a8e-3333-4a4a-8b8b-000000000003"


def test_ids_get_names_by_first_appearance_and_stay_equal() -> None:
    masker = Masker({A: "<project>"})
    masked = masker.mask({"b": [B, C, B], "a": A, "url": f"/shots/{C}/"})
    assert masked == {"a": "<project>", "b": ["<id1>", "<id2>", "<id1>"], "url": "/shots/<id2>/"}


def test_numbering_starts_again_for_each_result() -> None:
    masker = Masker()
    assert masker.mask([B]) == ["<id1>"]
    assert masker.mask([C]) == ["<id1>"]


def test_dates_tokens_words_and_preview_names_are_masked() -> None:
    masker = Masker(words={"gz1234": "<tag>", "/tmp/x/gazu": "<tmp>"})
    masked = masker.mask(
        {
            "created_at": "2024-03-05T10:11:12.123456",
            "day": "2024-03-05",
            "access_token": "secret",
            "name": "SH-gz1234",
            "path": "/tmp/x/gazu/a.png",
            "header": "Bearer eyJhbGciOi.eyJzdWIi.c2lnbmF0dXJl",
            "preview": "d017223b-5da7",
        }
    )
    assert masked == {
        "created_at": "<date>",
        "day": "2024-03-05",
        "access_token": "<token>",
        "name": "SH-<tag>",
        "path": "<tmp>/a.png",
        "header": "Bearer <token>",
        "preview": "<short-id>",
    }


def test_unordered_keys_compare_as_sets() -> None:
    gazu = Masker().mask({"attachment_files": [{"id": A, "name": "b"}, {"id": B, "name": "a"}]})
    ours = Masker().mask({"attachment_files": [{"id": C, "name": "a"}, {"id": A, "name": "b"}]})
    assert differences(gazu, ours) == []


def test_unordered_results_sort_by_the_names_the_suite_knows() -> None:
    # Two tasks that differ only in a shared task type, listed in another order by each library
    # (and with other random ids): equal once each item is masked on its own.
    rig, mod = "0f6d8a8e-4444-4a4a-8b8b-000000000004", "0f6d8a8e-5555-4a4a-8b8b-000000000005"
    names = {rig: "<rigging>", mod: "<modeling>"}
    gazu = {"result": [{"id": A, "task_type_id": rig}, {"id": B, "task_type_id": mod}]}
    ours = {"result": [{"id": C, "task_type_id": mod}, {"id": B, "task_type_id": rig}]}
    masker = Masker(dict(names))
    assert compare_outcomes(gazu, ours, masker, masker, unordered=True) == []
    assert compare_outcomes(gazu, ours, masker, masker) != []


def test_id_names_prefer_the_shallowest_path() -> None:
    data = {"comment": {"id": A, "person": {"id": B}}, "admin": {"id": B}}
    assert id_names(data, "") == {A.lower(): "<comment>", B.lower(): "<admin>"}
    assert id_names([{"id": A, "x": {"id": B}}], "saved", depth=1) == {A.lower(): "<saved.0>"}


def test_differences_are_located_and_type_strict() -> None:
    lines = differences({"a": [1, True], "b": 1}, {"a": [1, 1, 2], "c": 1})
    assert lines == [
        "a: 2 items != 3 items",
        "a[1]: true != 1",
        "result: key 'b' only in gazu (1)",
        "result: key 'c' only in kitsu_sdk (1)",
    ]


def test_in_order_ignores_ids_first() -> None:
    assert in_order([{"id": B, "n": 2}, {"id": A, "n": 1}]) == [
        {"id": A, "n": 1},
        {"id": B, "n": 2},
    ]


def outcome(**kwargs: Any) -> dict[str, Any]:
    return dict(kwargs)


def error(kind: str, *names: str) -> dict[str, Any]:
    return {"type": kind, "names": [kind, *names], "message": "m", "where": "x.py:1"}


def test_judge() -> None:
    m = Masker()
    same = judge(outcome(result=[B]), outcome(result=[C]), m, m)
    assert same.status == "equal"
    aliased = outcome(error=error("NotFoundError", "RouteNotFoundException"))
    assert judge(outcome(error=error("RouteNotFoundException")), aliased, m, m).status == "equal"
    other = judge(outcome(error=error("RouteNotFoundException")), outcome(result=None), m, m)
    assert other.status == "fail"
    assert judge(outcome(result=1), outcome(result=2), m, m, "why").status == "on_purpose"
    assert judge(outcome(result=1), outcome(missing="x"), m, m, "why").status == "missing"
    assert judge(outcome(unresolved="x"), outcome(result=1), m, m).status == "broken"


def test_judge_maps_gazu_exception_names() -> None:
    m = Masker()
    ours = outcome(error=error("NotFoundError", "APIError", "RouteNotFoundException"))
    assert judge(outcome(error=error("RouteNotFoundException")), ours, m, m).status == "equal"
    ours = outcome(error=error("InvalidIdError", "ValueError"))
    assert judge(outcome(error=error("ValueError")), ours, m, m).status == "equal"
    assert judge(outcome(error=error("TypeError")), ours, m, m).status == "fail"


def test_cases_are_well_formed() -> None:
    cases = all_cases()
    assert len(cases) > 500
    for key, case in cases.items():
        assert case.kind in ("read", "write"), key
        assert case.save not in PROVIDED, key
        assert (case.kind == "write") == bool(case.scenario), key
    names = {case.name for case in cases.values()}
    for entry in DIFFERENCES:
        assert entry in cases or entry in names, f"differences.py: {entry} has no case"
