"""sales-cycle: close at most max_sales_cycle_months after opened."""

from __future__ import annotations

import pytest


def test_example_passes(run_rule, example_data):
    assert run_rule("sales-cycle", example_data) == []


@pytest.mark.parametrize(("close", "fires"), [("2028-03-02", False), ("2028-03-03", True)])
def test_cycle_boundary(run_rule, example_data, close, fires):
    example_data["opportunities"][1]["close"] = close  # opened 2026-03-02
    problems = run_rule("sales-cycle", example_data)
    if not fires:
        assert problems == []
        return
    [problem] = problems
    assert problem.rule == "sales-cycle"
    assert problem.path == ("opportunities", 1, "close")
    assert problem.item == "opp-dispatch-analytics"
    assert "24 months" in problem.message


@pytest.mark.parametrize(("close", "fires"), [("2026-02-28", False), ("2026-03-01", True)])
def test_months_end_on_the_last_day_of_a_short_month(run_rule, example_data, close, fires):
    opportunity = example_data["opportunities"][2]
    opportunity["opened"] = "2024-02-29"
    opportunity["close"] = close
    assert bool(run_rule("sales-cycle", example_data)) is fires


@pytest.mark.parametrize(("months", "fires"), [(13, False), (12, True)])
def test_threshold_comes_from_the_standards(run_rule, example_data, months, fires):
    # opp-dispatch-analytics: opened 2026-03-02, close 2027-03-31.
    problems = run_rule("sales-cycle", example_data, max_sales_cycle_months=months)
    assert [p.item for p in problems] == (["opp-dispatch-analytics"] if fires else [])


def test_closed_opportunities_are_checked_too(run_rule, example_data):
    opportunity = example_data["opportunities"][2]  # won
    opportunity["opened"] = "2023-01-01"
    [problem] = run_rule("sales-cycle", example_data)
    assert problem.item == "opp-pilot-meters"
