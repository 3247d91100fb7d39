"""cos-reciprocal: every active COS has commitments from both sides."""

from __future__ import annotations

import pytest


def test_example_passes(run_rule, example_data):
    assert run_rule("cos-reciprocal", example_data) == []


@pytest.mark.parametrize(("field", "missing"), [
    ("customer_commitments", []), ("customer_commitments", None),
    ("our_commitments", []), ("our_commitments", None),
])
def test_an_active_cos_without_one_side_fails(run_rule, example_data, field, missing):
    cos = example_data["conditions_of_satisfaction"][1]
    if missing is None:
        del cos[field]
    else:
        cos[field] = missing
    [problem] = run_rule("cos-reciprocal", example_data)
    assert problem.rule == "cos-reciprocal"
    assert problem.path == ("conditions_of_satisfaction", 1)
    assert problem.item == "cos-cost"
    assert f"`{field}`" in problem.message


def test_both_sides_missing_is_one_finding(run_rule, example_data):
    cos = example_data["conditions_of_satisfaction"][0]
    del cos["customer_commitments"], cos["our_commitments"]
    [problem] = run_rule("cos-reciprocal", example_data)
    assert problem.item == "cos-analytics"
    assert "either side" in problem.message


def test_one_commitment_each_is_enough(run_rule, example_data):
    cos = example_data["conditions_of_satisfaction"][0]
    cos["customer_commitments"] = cos["customer_commitments"][:1]
    cos["our_commitments"] = cos["our_commitments"][:1]
    assert run_rule("cos-reciprocal", example_data) == []


def test_a_dropped_cos_is_not_checked(run_rule, example_data):
    cos = example_data["conditions_of_satisfaction"][1]
    cos["status"] = "dropped"
    del cos["customer_commitments"], cos["our_commitments"]
    assert run_rule("cos-reciprocal", example_data) == []
