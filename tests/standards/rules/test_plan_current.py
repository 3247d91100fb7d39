"""plan-current: reviewed at most review_max_age_days before as-of, and not after it."""

from __future__ import annotations

import pytest

PATH = ("plan", "last_reviewed")


def test_example_passes(run_rule, example_data):
    assert run_rule("plan-current", example_data) == []


@pytest.mark.parametrize(("last_reviewed", "fires"), [
    ("2026-08-29", False),  # 90 days before 2026-11-27
    ("2026-08-28", True),   # 91 days
    ("2026-11-27", False),  # the as-of day itself
    ("2026-11-28", True),   # in the future
])
def test_review_age_boundary(run_rule, example_data, last_reviewed, fires):
    example_data["plan"]["last_reviewed"] = last_reviewed
    example_data["plan"]["next_review"] = "2026-12-01"
    problems = run_rule("plan-current", example_data)
    if not fires:
        assert problems == []
        return
    [problem] = problems
    assert problem.rule == "plan-current"
    assert problem.path == PATH
    assert problem.item is None
    assert last_reviewed in problem.message


def test_stale_review_message_names_the_age_and_the_limit(run_rule, example_data):
    example_data["plan"]["last_reviewed"] = "2026-07-10"
    [problem] = run_rule("plan-current", example_data)
    assert "140 days" in problem.message
    assert "90" in problem.message


@pytest.mark.parametrize(("limit", "fires"), [(17, False), (16, True)])
def test_threshold_comes_from_the_standards(run_rule, example_data, limit, fires):
    # The example was reviewed on 2026-11-10, 17 days before as-of.
    problems = run_rule("plan-current", example_data, review_max_age_days=limit)
    assert bool(problems) is fires
