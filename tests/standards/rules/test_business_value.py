"""business-value: every opportunity and engagement records it; open ones quantify it."""

from __future__ import annotations

import pytest


def test_example_passes(run_rule, example_data):
    assert run_rule("business-value", example_data) == []


@pytest.mark.parametrize("index", [0, 2])  # open and won opportunities alike
def test_an_opportunity_without_business_value_fails(run_rule, example_data, index):
    opportunity = example_data["opportunities"][index]
    del opportunity["business_value"]
    [problem] = run_rule("business-value", example_data)
    assert problem.rule == "business-value"
    assert problem.path == ("opportunities", index)
    assert problem.item == opportunity["id"]


def test_an_empty_business_value_counts_as_missing(run_rule, example_data):
    example_data["opportunities"][1]["business_value"] = ""
    [problem] = run_rule("business-value", example_data)
    assert problem.path == ("opportunities", 1)


def test_an_engagement_without_business_value_fails(run_rule, example_data):
    del example_data["engagements"][1]["business_value"]
    [problem] = run_rule("business-value", example_data)
    assert problem.path == ("engagements", 1)
    assert problem.item == "2026-10-22"
    assert "Dispatch latency workshop" in problem.message


@pytest.mark.parametrize(("text", "fires"), [
    ("Faster dispatch reports.", True),
    ("Dispatch reports in under five minutes.", True),
    ("Dispatch reports in 5 minutes.", False),
    ("3x faster", False),
])
def test_an_open_opportunitys_value_needs_a_number(run_rule, example_data, text, fires):
    example_data["opportunities"][1]["business_value"] = text
    problems = run_rule("business-value", example_data)
    if not fires:
        assert problems == []
        return
    [problem] = problems
    assert problem.path == ("opportunities", 1, "business_value")
    assert problem.item == "opp-dispatch-analytics"


@pytest.mark.parametrize("stage", ["won", "lost"])
def test_closed_opportunities_need_no_number(run_rule, example_data, stage):
    opportunity = example_data["opportunities"][1]
    opportunity["stage"] = stage
    opportunity["business_value"] = "Faster dispatch reports."
    assert run_rule("business-value", example_data) == []


def test_engagements_need_no_number(run_rule, example_data):
    example_data["engagements"][0]["business_value"] = "Reviewed the pilot's savings."
    assert run_rule("business-value", example_data) == []
