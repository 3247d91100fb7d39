"""close-date: open opportunities do not close before as-of."""

from __future__ import annotations

import pytest


def test_example_passes(run_rule, example_data):
    # The won pilot closed on 2026-09-30, before as-of: only open deals are checked.
    assert run_rule("close-date", example_data) == []


@pytest.mark.parametrize(("close", "fires"), [("2026-11-27", False), ("2026-11-26", True)])
def test_close_date_boundary(run_rule, example_data, close, fires):
    example_data["opportunities"][1]["close"] = close
    problems = run_rule("close-date", example_data)
    if not fires:
        assert problems == []
        return
    [problem] = problems
    assert problem.rule == "close-date"
    assert problem.path == ("opportunities", 1, "close")
    assert problem.item == "opp-dispatch-analytics"
    assert "2026-11-26" in problem.message


@pytest.mark.parametrize("stage", ["won", "lost"])
def test_closed_opportunities_are_not_checked(run_rule, example_data, stage):
    example_data["opportunities"][1]["close"] = "2026-01-31"
    example_data["opportunities"][1]["stage"] = stage
    assert run_rule("close-date", example_data) == []
