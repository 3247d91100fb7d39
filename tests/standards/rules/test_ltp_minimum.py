"""ltp-minimum: LTP in the standards' currency reaches the segment's minimum."""

from __future__ import annotations

import pytest

PATH = ("financials", "long_term_potential")


def test_example_passes(run_rule, example_data):
    assert run_rule("ltp-minimum", example_data) == []


def test_a_small_account_fails(run_rule, example_data):
    example_data["financials"]["long_term_potential"] = 6000000
    [problem] = run_rule("ltp-minimum", example_data)
    assert problem.rule == "ltp-minimum"
    assert problem.path == PATH
    assert problem.item is None
    assert "CNY 6,000,000" in problem.message
    assert "USD 840,000" in problem.message
    assert "USD 1,000,000" in problem.message


@pytest.mark.parametrize(("ltp", "fires"), [(1000000, False), (999999, True)])
def test_mature_boundary_in_the_standards_currency(run_rule, example_data, ltp, fires):
    example_data["currency"] = "USD"
    example_data["financials"]["long_term_potential"] = ltp
    assert bool(run_rule("ltp-minimum", example_data)) is fires


@pytest.mark.parametrize(("ltp", "fires"), [
    (7142857.15, False),  # x 0.14 = 1,000,000.001
    (7142857.14, True),   # x 0.14 =   999,999.9996
])
def test_boundary_after_conversion_is_exact(run_rule, example_data, ltp, fires):
    example_data["financials"]["long_term_potential"] = ltp
    assert bool(run_rule("ltp-minimum", example_data)) is fires


@pytest.mark.parametrize(("segment", "fires"), [("emerging", False), ("mature", True)])
def test_the_minimum_depends_on_the_segment(run_rule, example_data, segment, fires):
    example_data["account"]["segment"] = segment
    example_data["financials"]["long_term_potential"] = 3600000  # USD 504,000
    assert bool(run_rule("ltp-minimum", example_data)) is fires


def test_a_currency_without_a_rate_is_skipped(run_rule, example_data):
    example_data["currency"] = "CNH"
    example_data["financials"]["long_term_potential"] = 1
    assert run_rule("ltp-minimum", example_data) == []
