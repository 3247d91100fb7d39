"""plan-year: the plan year is the fiscal year that contains as-of."""

from __future__ import annotations

import datetime as dt

import pytest


def test_example_passes(run_rule, example_data):
    assert run_rule("plan-year", example_data) == []


def test_last_years_plan_fails(run_rule, example_data):
    example_data["plan"]["fiscal_year"] = "FY2026"
    [problem] = run_rule("plan-year", example_data)
    assert problem.rule == "plan-year"
    assert problem.path == ("plan", "fiscal_year")
    assert problem.item is None
    assert "FY2026" in problem.message and "FY2027" in problem.message


@pytest.mark.parametrize(("as_of", "fires"), [
    (dt.date(2026, 7, 1), False),   # first day of FY2027
    (dt.date(2027, 6, 30), False),  # last day of FY2027
    (dt.date(2026, 6, 30), True),
    (dt.date(2027, 7, 1), True),
])
def test_fiscal_year_boundaries(run_rule, example_data, as_of, fires):
    assert bool(run_rule("plan-year", example_data, as_of=as_of)) is fires


def test_the_fiscal_year_start_comes_from_the_standards(run_rule, example_data):
    # With calendar fiscal years, 2026-11-27 is in FY2026.
    [problem] = run_rule("plan-year", example_data, fiscal_year_start=(1, 1))
    assert "FY2026" in problem.message
