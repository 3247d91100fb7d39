"""deployment: under-deployed products name an open adoption action."""

from __future__ import annotations

from decimal import Decimal

import pytest


def test_example_only_reports_the_product_its_waiver_covers(run_rule, example_data):
    [problem] = run_rule("deployment", example_data)
    assert problem.rule == "deployment"
    assert problem.path == ("deployment", 2)
    assert problem.item == "Azure Monetary Commitment"  # the example's waiver names it
    assert "25%" in problem.message and "60%" in problem.message


@pytest.mark.parametrize(("deployed", "fires"), [(25200, False), (25199, True)])
def test_ratio_boundary(run_rule, example_data, deployed, fires):
    product = example_data["deployment"][1]  # Windows Enterprise, 42,000 entitled
    product["deployed"] = deployed
    del product["adoption_action"]
    problems = [p for p in run_rule("deployment", example_data)
                if p.item == "Windows Enterprise"]
    if not fires:
        assert problems == []
        return
    [problem] = problems
    assert problem.path == ("deployment", 1)
    assert "59.9%" in problem.message


@pytest.mark.parametrize(("minimum", "fires"), [("0.5", False), ("0.51", True)])
def test_threshold_comes_from_the_standards(run_rule, example_data, minimum, fires):
    del example_data["deployment"][1]["adoption_action"]  # 21,000 of 42,000 = 0.5
    problems = [p for p in run_rule("deployment", example_data,
                                     deployment_min_ratio=Decimal(minimum))
                if p.item == "Windows Enterprise"]
    assert bool(problems) is fires


@pytest.mark.parametrize(("status", "fires"), [("open", False), ("blocked", False),
                                               ("done", True)])
def test_the_adoption_action_must_be_open(run_rule, example_data, status, fires):
    example_data["actions"][0]["status"] = status  # act-win-rollout
    problems = [p for p in run_rule("deployment", example_data)
                if p.item == "Windows Enterprise"]
    if not fires:
        assert problems == []
        return
    [problem] = problems
    assert problem.path == ("deployment", 1, "adoption_action")
    assert "`act-win-rollout`" in problem.message


def test_an_adoption_action_that_is_not_in_the_plan_fails(run_rule, example_data):
    example_data["deployment"][1]["adoption_action"] = "act-missing"
    problems = [p for p in run_rule("deployment", example_data)
                if p.item == "Windows Enterprise"]
    assert [p.path for p in problems] == [("deployment", 1, "adoption_action")]


def test_nothing_entitled_is_not_reported(run_rule, example_data):
    product = example_data["deployment"][2]
    product["entitled"] = 0
    product["deployed"] = 0
    assert run_rule("deployment", example_data) == []
