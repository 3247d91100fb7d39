"""pipeline-coverage: open pipeline closing in the plan year covers the rest of the target."""

from __future__ import annotations

from decimal import Decimal

import pytest

# In the example: open FY2027 pipeline 19,500,000 + 8,600,000 = 28,100,000; target
# 29,000,000, booked 9,400,000.


def test_example_passes(run_rule, example_data):
    assert run_rule("pipeline-coverage", example_data) == []


@pytest.mark.parametrize(("booked", "fires"), [
    (6520000, False),  # 1.25 x 22,480,000 = 28,100,000: exactly covered
    (6519999, True),   # 1.25 x 22,480,001 = 28,100,001.25
])
def test_coverage_boundary(run_rule, example_data, booked, fires):
    example_data["financials"]["booked_to_date"] = booked
    problems = run_rule("pipeline-coverage", example_data)
    if not fires:
        assert problems == []
        return
    [problem] = problems
    assert problem.rule == "pipeline-coverage"
    assert problem.path == ("opportunities",)
    assert problem.item is None
    assert "CNY 28,100,000" in problem.message
    assert "CNY 28,100,001.25" in problem.message
    assert "1.25" in problem.message and "FY2027" in problem.message


@pytest.mark.parametrize(("coverage", "fires"), [("1.4336", False), ("1.4337", True)])
def test_threshold_comes_from_the_standards(run_rule, example_data, coverage, fires):
    # 28,100,000 / 19,600,000 = 1.43367...
    problems = run_rule("pipeline-coverage", example_data, pipeline_coverage=Decimal(coverage))
    assert bool(problems) is fires


@pytest.mark.parametrize(("close", "fires"), [
    ("2027-06-30", False),  # last day of FY2027 still counts
    ("2026-07-01", False),  # first day of FY2027
    ("2027-07-01", True),   # FY2028: the dispatch deal no longer counts
])
def test_only_opportunities_closing_in_the_plan_year_count(run_rule, example_data, close,
                                                           fires):
    example_data["opportunities"][1]["close"] = close
    assert bool(run_rule("pipeline-coverage", example_data)) is fires


@pytest.mark.parametrize("stage", ["won", "lost"])
def test_closed_opportunities_do_not_count(run_rule, example_data, stage):
    example_data["opportunities"][0]["stage"] = stage
    assert len(run_rule("pipeline-coverage", example_data)) == 1


def test_amounts_are_not_weighted_by_probability(run_rule, example_data):
    for opportunity in example_data["opportunities"]:
        opportunity["probability"] = 0.1
    assert run_rule("pipeline-coverage", example_data) == []


def test_target_already_met_passes_without_pipeline(run_rule, example_data):
    example_data["financials"]["booked_to_date"] = 29000000
    del example_data["opportunities"]
    assert run_rule("pipeline-coverage", example_data) == []


def test_a_currency_without_a_rate_is_skipped(run_rule, example_data):
    example_data["currency"] = "CNH"
    del example_data["opportunities"]
    assert run_rule("pipeline-coverage", example_data) == []
