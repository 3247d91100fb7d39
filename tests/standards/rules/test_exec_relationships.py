"""exec-relationships: a working CIO/executive relationship and a covered LOB director."""

from __future__ import annotations

import pytest


def test_example_passes(run_rule, example_data):
    assert run_rule("exec-relationships", example_data) == []


@pytest.mark.parametrize(("level", "relationship", "fires"), [
    ("cio", "strong", False),
    ("executive", "developing", False),
    ("cio", "weak", True),
    ("cio", "none", True),
    ("director", "strong", True),
])
def test_executive_relationship(run_rule, example_data, level, relationship, fires):
    cio = example_data["stakeholders"][0]
    cio["level"] = level
    cio["relationship"] = relationship
    problems = run_rule("exec-relationships", example_data)
    if not fires:
        assert problems == []
        return
    [problem] = problems
    assert problem.rule == "exec-relationships"
    assert problem.path == ("stakeholders",)
    assert problem.item is None
    assert "CIO" in problem.message


def test_executive_needs_a_contact_on_our_team(run_rule, example_data):
    del example_data["stakeholders"][0]["our_contact"]
    [problem] = run_rule("exec-relationships", example_data)
    assert "CIO" in problem.message


def test_lob_director_needs_a_contact_on_our_team(run_rule, example_data):
    del example_data["stakeholders"][1]["our_contact"]
    [problem] = run_rule("exec-relationships", example_data)
    assert problem.path == ("stakeholders",)
    assert "lob-director" in problem.message


def test_lob_director_relationship_strength_does_not_matter(run_rule, example_data):
    example_data["stakeholders"][1]["relationship"] = "none"
    assert run_rule("exec-relationships", example_data) == []


def test_no_stakeholders_gives_both_findings(run_rule, example_data):
    del example_data["stakeholders"]
    assert len(run_rule("exec-relationships", example_data)) == 2
