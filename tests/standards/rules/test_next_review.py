"""next-review: booked, not before as-of, at most review_max_age_days after the last one."""

from __future__ import annotations

import pytest

PATH = ("plan", "next_review")


def test_example_passes(run_rule, example_data):
    assert run_rule("next-review", example_data) == []


@pytest.mark.parametrize("missing", [None, ""])
def test_missing_next_review_fails(run_rule, example_data, missing):
    if missing is None:
        del example_data["plan"]["next_review"]
    else:
        example_data["plan"]["next_review"] = missing
    [problem] = run_rule("next-review", example_data)
    assert problem.rule == "next-review"
    assert problem.path == PATH
    assert problem.item is None


@pytest.mark.parametrize(("next_review", "fires"), [
    ("2026-11-27", False),  # as-of itself
    ("2026-11-26", True),   # the day before as-of
    ("2027-02-08", False),  # 90 days after last_reviewed 2026-11-10
    ("2027-02-09", True),   # 91 days
])
def test_next_review_boundaries(run_rule, example_data, next_review, fires):
    example_data["plan"]["next_review"] = next_review
    problems = run_rule("next-review", example_data)
    if not fires:
        assert problems == []
        return
    [problem] = problems
    assert problem.path == PATH
    assert next_review in problem.message


@pytest.mark.parametrize(("limit", "fires"), [(87, False), (86, True)])
def test_threshold_comes_from_the_standards(run_rule, example_data, limit, fires):
    # 2026-11-10 to 2027-02-05 is 87 days.
    problems = run_rule("next-review", example_data, review_max_age_days=limit)
    assert bool(problems) is fires
