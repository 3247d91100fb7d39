"""cos-agreed: at least one COS is agreed or met."""

from __future__ import annotations

import pytest


def test_example_passes(run_rule, example_data):
    assert run_rule("cos-agreed", example_data) == []


@pytest.mark.parametrize(("status", "fires"), [
    ("agreed", False), ("met", False), ("at-risk", True), ("draft", True), ("dropped", True),
])
def test_only_agreed_or_met_counts(run_rule, example_data, status, fires):
    example_data["conditions_of_satisfaction"][0]["status"] = status  # the other is a draft
    problems = run_rule("cos-agreed", example_data)
    if not fires:
        assert problems == []
        return
    [problem] = problems
    assert problem.rule == "cos-agreed"
    assert problem.path == ("conditions_of_satisfaction",)
    assert problem.item is None


def test_no_cos_at_all_fails(run_rule, example_data):
    del example_data["conditions_of_satisfaction"]
    [problem] = run_rule("cos-agreed", example_data)
    assert problem.path == ("conditions_of_satisfaction",)
