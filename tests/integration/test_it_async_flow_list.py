"""Every multi-step operation (flow) of kitsu_sdk/_operations has an async integration test.

The flows are found by an AST scan (it_aio.public_flows: the public operations that are
generators, or that return a private generator as `-> Flow[...]`); the async tests declare theirs
with @covers, which also checks that each declared flow really ran through AsyncKitsuClient. A new
flow without an async test fails here."""

from __future__ import annotations

import importlib
import inspect
import pathlib

import it_aio
import pytest

HERE = pathlib.Path(__file__).parent


def _covered() -> dict[str, list[str]]:
    # Importing the async test modules runs their @covers declarations.
    for path in sorted(HERE.glob("test_it_async*.py")):
        importlib.import_module(path.stem)
    return it_aio.COVERED


def test_every_flow_has_an_async_test() -> None:
    scanned = it_aio.public_flows()
    covered = sorted(_covered())
    without_test = sorted(set(scanned) - set(covered))
    not_a_flow = sorted(set(covered) - set(scanned))
    assert without_test == [], f"flows without an async integration test: {without_test}"
    assert not_a_flow == [], f"declared with @covers but not flows: {not_a_flow}"
    assert covered == scanned


def test_the_scan_finds_what_the_clients_run_as_flows() -> None:
    scanned = set(it_aio.public_flows())
    assert {"shot.get_shot_url", "comment.publish_preview", "preview.add_preview"} <= scanned
    assert "project.close_project" in scanned  # returns a private generator
    assert "shot.get_shot" not in scanned  # one Call
    assert "preview.with_preview_file" not in scanned  # not in preview's __all__
    for name in scanned:
        module_name, function_name = name.split(".")
        module = importlib.import_module(f"kitsu_sdk._operations.{module_name}")
        function = getattr(module, function_name)
        returns = inspect.signature(function).return_annotation
        assert inspect.isgeneratorfunction(function) or str(returns).startswith("Flow["), name


def test_covers_fails_a_test_whose_flow_did_not_run() -> None:
    @it_aio.covers("nowhere.no_flow")
    def declared_but_not_run() -> None:
        pass

    try:
        with pytest.raises(AssertionError, match="nowhere.no_flow"):
            declared_but_not_run()
    finally:
        it_aio.COVERED.pop("nowhere.no_flow")
