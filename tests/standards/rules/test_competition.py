"""competition: at least one competitor has a strategy."""

from __future__ import annotations


def test_example_passes(run_rule, example_data):
    assert run_rule("competition", example_data) == []


def test_no_strategy_fails(run_rule, example_data):
    for competitor in example_data["competitors"]:
        del competitor["strategy"]
    [problem] = run_rule("competition", example_data)
    assert problem.rule == "competition"
    assert problem.path == ("competitors",)
    assert problem.item is None
    assert "`strategy`" in problem.message


def test_one_strategy_is_enough(run_rule, example_data):
    del example_data["competitors"][0]["strategy"]
    assert run_rule("competition", example_data) == []


def test_no_competitors_at_all_fails(run_rule, example_data):
    del example_data["competitors"]
    [problem] = run_rule("competition", example_data)
    assert problem.path == ("competitors",)
