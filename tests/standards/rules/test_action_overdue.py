"""action-overdue: open (or blocked) actions are not past their due date."""

from __future__ import annotations

import pytest


def test_example_passes(run_rule, example_data):
    assert run_rule("action-overdue", example_data) == []


@pytest.mark.parametrize(("due", "fires"), [("2026-11-27", False), ("2026-11-26", True)])
def test_due_date_boundary(run_rule, example_data, due, fires):
    example_data["actions"][1]["due"] = due
    problems = run_rule("action-overdue", example_data)
    if not fires:
        assert problems == []
        return
    [problem] = problems
    assert problem.rule == "action-overdue"
    assert problem.path == ("actions", 1, "due")
    assert problem.item == "act-tco"
    assert "2026-11-26" in problem.message


@pytest.mark.parametrize(("status", "fires"), [("open", True), ("blocked", True),
                                               ("done", False)])
def test_only_open_actions_are_overdue(run_rule, example_data, status, fires):
    action = example_data["actions"][2]
    action["due"] = "2026-10-01"
    action["status"] = status
    assert bool(run_rule("action-overdue", example_data)) is fires
