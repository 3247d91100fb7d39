"""stakeholder-contact: high-influence stakeholders were contacted recently."""

from __future__ import annotations

import pytest


def test_example_passes(run_rule, example_data):
    assert run_rule("stakeholder-contact", example_data) == []


def test_a_high_influence_stakeholder_without_last_contact_fails(run_rule, example_data):
    del example_data["stakeholders"][1]["last_contact"]
    [problem] = run_rule("stakeholder-contact", example_data)
    assert problem.rule == "stakeholder-contact"
    assert problem.path == ("stakeholders", 1)
    assert problem.item == "Liu Yang"


@pytest.mark.parametrize(("last_contact", "fires"), [
    ("2026-08-29", False),  # 90 days before as-of
    ("2026-08-28", True),   # 91 days
])
def test_contact_age_boundary(run_rule, example_data, last_contact, fires):
    example_data["stakeholders"][1]["last_contact"] = last_contact
    problems = run_rule("stakeholder-contact", example_data)
    if not fires:
        assert problems == []
        return
    [problem] = problems
    assert problem.path == ("stakeholders", 1, "last_contact")
    assert problem.item == "Liu Yang"
    assert "91 days" in problem.message


@pytest.mark.parametrize(("limit", "fires"), [(36, False), (35, True)])
def test_threshold_comes_from_the_standards(run_rule, example_data, limit, fires):
    # Liu Yang was last contacted on 2026-10-22, 36 days before as-of.
    problems = run_rule("stakeholder-contact", example_data,
                        stakeholder_contact_max_age_days=limit)
    assert [p.item for p in problems] == (["Liu Yang"] if fires else [])


@pytest.mark.parametrize("influence", ["medium", "low", None])
def test_only_high_influence_is_checked(run_rule, example_data, influence):
    person = example_data["stakeholders"][1]
    del person["last_contact"]
    if influence is None:
        del person["influence"]
    else:
        person["influence"] = influence
    assert run_rule("stakeholder-contact", example_data) == []
