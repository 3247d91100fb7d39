"""ar-growth: AR for the plan year and the year before are given, and it grows."""

from __future__ import annotations

import pytest

PATH = ("financials", "addressable_revenue")


def test_example_passes(run_rule, example_data):
    assert run_rule("ar-growth", example_data) == []


@pytest.mark.parametrize(("plan_year_ar", "fires"), [(24800001, False), (24800000, True),
                                                     (20000000, True)])
def test_the_plan_year_must_be_above_the_year_before(run_rule, example_data, plan_year_ar,
                                                     fires):
    example_data["financials"]["addressable_revenue"]["FY2027"] = plan_year_ar
    problems = run_rule("ar-growth", example_data)
    if not fires:
        assert problems == []
        return
    [problem] = problems
    assert problem.rule == "ar-growth"
    assert problem.path == PATH
    assert problem.item is None
    assert "FY2027" in problem.message and "FY2026" in problem.message
    assert "CNY 24,800,000" in problem.message


@pytest.mark.parametrize("year", ["FY2027", "FY2026"])
def test_a_missing_year_fails(run_rule, example_data, year):
    del example_data["financials"]["addressable_revenue"][year]
    [problem] = run_rule("ar-growth", example_data)
    assert problem.path == PATH
    assert year in problem.message
    assert "missing" in problem.message


def test_older_years_do_not_matter(run_rule, example_data):
    del example_data["financials"]["addressable_revenue"]["FY2025"]
    assert run_rule("ar-growth", example_data) == []


def test_years_follow_the_plan_year(run_rule, example_data):
    example_data["plan"]["fiscal_year"] = "FY2026"  # FY2026 above FY2025
    assert run_rule("ar-growth", example_data) == []
    example_data["plan"]["fiscal_year"] = "FY2028"  # no FY2028
    [problem] = run_rule("ar-growth", example_data)
    assert "FY2028" in problem.message


def test_a_currency_without_a_rate_is_skipped(run_rule, example_data):
    example_data["currency"] = "CNH"
    example_data["financials"]["addressable_revenue"]["FY2027"] = 1
    assert run_rule("ar-growth", example_data) == []
