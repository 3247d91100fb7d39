"""cos-measurable: active COS have measures, owners on both sides and, once agreed, a date."""

from __future__ import annotations

import pytest


def test_example_passes(run_rule, example_data):
    assert run_rule("cos-measurable", example_data) == []


@pytest.mark.parametrize("field", ["success_measures", "customer_owner", "our_owner"])
def test_an_active_cos_without_measure_or_owner_fails(run_rule, example_data, field):
    del example_data["conditions_of_satisfaction"][1][field]
    [problem] = run_rule("cos-measurable", example_data)
    assert problem.rule == "cos-measurable"
    assert problem.path == ("conditions_of_satisfaction", 1)
    assert problem.item == "cos-cost"
    assert f"`{field}`" in problem.message


@pytest.mark.parametrize(("field", "empty"), [
    ("success_measures", []), ("customer_owner", ""), ("our_owner", ""),
])
def test_empty_counts_as_missing(run_rule, example_data, field, empty):
    example_data["conditions_of_satisfaction"][0][field] = empty
    [problem] = run_rule("cos-measurable", example_data)
    assert problem.item == "cos-analytics"
    assert f"`{field}`" in problem.message


@pytest.mark.parametrize(("status", "fires"), [
    ("draft", False), ("agreed", True), ("at-risk", True), ("met", True), ("dropped", False),
])
def test_agreed_on_is_required_once_agreed(run_rule, example_data, status, fires):
    cos = example_data["conditions_of_satisfaction"][0]
    cos["status"] = status
    del cos["agreed_on"]
    problems = run_rule("cos-measurable", example_data)
    if not fires:
        assert problems == []
        return
    [problem] = problems
    assert problem.path == ("conditions_of_satisfaction", 0)
    assert problem.item == "cos-analytics"
    assert "`agreed_on`" in problem.message


def test_everything_missing_is_one_finding_naming_each_gap(run_rule, example_data):
    cos = example_data["conditions_of_satisfaction"][0]
    for field in ("success_measures", "customer_owner", "our_owner", "agreed_on"):
        del cos[field]
    [problem] = run_rule("cos-measurable", example_data)
    for field in ("success_measures", "customer_owner", "our_owner", "agreed_on"):
        assert f"`{field}`" in problem.message


def test_a_dropped_cos_is_not_checked(run_rule, example_data):
    cos = example_data["conditions_of_satisfaction"][1]
    cos["status"] = "dropped"
    del cos["success_measures"], cos["customer_owner"], cos["our_owner"]
    assert run_rule("cos-measurable", example_data) == []
