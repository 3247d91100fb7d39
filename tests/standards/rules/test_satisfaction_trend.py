"""satisfaction-trend: the year before the plan year has a score, not lower than the one before."""

from __future__ import annotations

import pytest


def test_example_passes(run_rule, example_data):
    assert run_rule("satisfaction-trend", example_data) == []


@pytest.mark.parametrize(("latest", "fires"), [(128, False), (129, False), (127, True)])
def test_score_must_not_fall(run_rule, example_data, latest, fires):
    example_data["satisfaction"]["FY2026"] = latest  # FY2025 is 128
    problems = run_rule("satisfaction-trend", example_data)
    if not fires:
        assert problems == []
        return
    [problem] = problems
    assert problem.rule == "satisfaction-trend"
    assert problem.path == ("satisfaction", "FY2026")
    assert problem.item is None
    assert "128" in problem.message and "127" in problem.message


def test_a_missing_score_for_the_year_before_fails(run_rule, example_data):
    del example_data["satisfaction"]["FY2026"]
    [problem] = run_rule("satisfaction-trend", example_data)
    assert problem.path == ("satisfaction", "FY2026")
    assert "FY2026" in problem.message


def test_no_scores_at_all_fails(run_rule, example_data):
    del example_data["satisfaction"]
    assert len(run_rule("satisfaction-trend", example_data)) == 1


def test_silent_when_there_is_nothing_to_compare(run_rule, example_data):
    del example_data["satisfaction"]["FY2025"]
    example_data["satisfaction"]["FY2026"] = 10
    assert run_rule("satisfaction-trend", example_data) == []


def test_the_plan_years_own_score_is_not_used(run_rule, example_data):
    example_data["satisfaction"]["FY2027"] = 1
    assert run_rule("satisfaction-trend", example_data) == []
