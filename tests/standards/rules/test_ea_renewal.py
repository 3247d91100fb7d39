"""ea-renewal: agreements ending within the renewal window have an open or won renewal."""

from __future__ import annotations

import pytest


def test_example_passes(run_rule, example_data):
    assert run_rule("ea-renewal", example_data) == []


def test_an_agreement_due_for_renewal_without_one_fails(run_rule, example_data):
    del example_data["agreements"][0]["renewal_opportunity"]
    [problem] = run_rule("ea-renewal", example_data)
    assert problem.rule == "ea-renewal"
    assert problem.path == ("agreements", 0)
    assert problem.item == "ea-2024"
    assert "2027-06-30" in problem.message
    assert "12-month" in problem.message


@pytest.mark.parametrize(("ends", "fires"), [
    ("2027-11-27", True),   # as-of plus 12 months: inside the window
    ("2027-11-28", False),  # the day after
    ("2025-06-30", True),   # already ended
])
def test_renewal_window_boundary(run_rule, example_data, ends, fires):
    agreement = example_data["agreements"][0]
    agreement["ends"] = ends
    del agreement["renewal_opportunity"]
    assert bool(run_rule("ea-renewal", example_data)) is fires


@pytest.mark.parametrize(("months", "fires"), [(7, True), (6, False)])
def test_window_comes_from_the_standards(run_rule, example_data, months, fires):
    # As of 2026-11-27, 7 months ahead is 2027-06-27 (inside), 6 months is 2027-05-27.
    del example_data["agreements"][0]["renewal_opportunity"]
    example_data["agreements"][0]["ends"] = "2027-06-27"
    assert bool(run_rule("ea-renewal", example_data, renewal_window_months=months)) is fires


@pytest.mark.parametrize(("stage", "fires"), [
    ("qualify", False), ("negotiate", False), ("won", False), ("lost", True),
])
def test_the_renewal_must_be_open_or_won(run_rule, example_data, stage, fires):
    example_data["opportunities"][0]["stage"] = stage
    problems = run_rule("ea-renewal", example_data)
    if not fires:
        assert problems == []
        return
    [problem] = problems
    assert problem.path == ("agreements", 0, "renewal_opportunity")
    assert problem.item == "ea-2024"
    assert "`opp-ea-renewal`" in problem.message
    assert "lost" in problem.message


def test_a_renewal_that_is_not_in_the_plan_fails(run_rule, example_data):
    example_data["agreements"][0]["renewal_opportunity"] = "opp-missing"
    [problem] = run_rule("ea-renewal", example_data)
    assert problem.path == ("agreements", 0, "renewal_opportunity")
    assert "`opp-missing`" in problem.message
