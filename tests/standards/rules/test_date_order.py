"""date-order: opportunities close after they open, agreements end after they start."""

from __future__ import annotations

import pytest


def test_example_passes(run_rule, example_data):
    assert run_rule("date-order", example_data) == []


@pytest.mark.parametrize(("close", "fires"), [("2026-03-02", False), ("2026-03-01", True)])
def test_opportunity_close_against_opened(run_rule, example_data, close, fires):
    opportunity = example_data["opportunities"][1]
    assert opportunity["opened"] == "2026-03-02"
    opportunity["close"] = close
    problems = run_rule("date-order", example_data)
    if not fires:
        assert problems == []
        return
    [problem] = problems
    assert problem.rule == "date-order"
    assert problem.path == ("opportunities", 1, "close")
    assert problem.item == "opp-dispatch-analytics"
    assert "2026-03-01" in problem.message
    assert "2026-03-02" in problem.message


@pytest.mark.parametrize(("ends", "fires"), [("2024-07-01", False), ("2024-06-30", True)])
def test_agreement_end_against_start(run_rule, example_data, ends, fires):
    example_data["agreements"][0]["ends"] = ends
    problems = run_rule("date-order", example_data)
    if not fires:
        assert problems == []
        return
    [problem] = problems
    assert problem.path == ("agreements", 0, "ends")
    assert problem.item == "ea-2024"
