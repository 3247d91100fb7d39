"""waiver-authority: only a sales manager or standards owner approves a waiver.

With a registry, a waiver whose approver may not approve, or is unknown,
waives nothing; without one, approvers are not judged (waiver-approval still is).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import cache
from typing import Any

import pytest

from generator.findings import Severity
from generator.model import build_plan
from generator.people import PeopleRegistry, load_people
from generator.standards.config import load_standards
from generator.standards.waivers import review_waivers
from tests.support import FIXTURES

REGISTRY_FILE = FIXTURES / "people" / "people.yaml"


@cache
def registry() -> PeopleRegistry:
    """The spec's example registry."""
    return load_people(REGISTRY_FILE)


AS_OF = dt.date(2026, 11, 27)
Data = dict[str, Any]


def review(data: Data, *, people: bool = True, **rules: str) -> tuple[list[Any], list[Any]]:
    standards = dataclasses.replace(
        load_standards(None), people=registry() if people else None,
        severity_overrides={rule: Severity(level) for rule, level in rules.items()})
    return review_waivers(build_plan(data), standards, AS_OF)


@pytest.mark.parametrize("approver", ["Zhou Min", "Sarah Klein"])
def test_a_sales_manager_or_standards_owner_may_approve(example_data: Data,
                                                        approver: str) -> None:
    example_data["waivers"][0]["approved_by"] = approver
    problems, active = review(example_data)
    assert problems == [] and len(active) == 1


def test_a_technology_specialist_may_not(example_data: Data) -> None:
    example_data["waivers"][0]["approved_by"] = "Chen Hao"
    [problem], active = review(example_data)
    assert active == []
    assert (problem.rule, problem.path) == ("waiver-authority", ("waivers", 0))
    assert problem.message == (
        "the waiver for `deployment` on `Azure Monetary Commitment` is approved by Chen Hao, "
        "who is technology-specialist in people.yaml: only a sales manager or a standards "
        "owner may approve a waiver; it waives nothing")


def test_the_owner_approving_stays_waiver_approval(example_data: Data) -> None:
    example_data["waivers"][0]["approved_by"] = "Li Wei"
    [problem], active = review(example_data)
    assert problem.rule == "waiver-approval" and active == []


def test_an_unknown_approver_waives_nothing(example_data: Data) -> None:
    example_data["waivers"][0]["approved_by"] = "Santa Claus"
    problems, active = review(example_data)
    assert problems == [] and active == []  # unknown-person says why
    # ... unless the organisation switched unknown-person off.
    assert len(review(example_data, **{"unknown-person": "off"})[1]) == 1


def test_switched_off_or_without_a_registry_the_approver_is_not_judged(
        example_data: Data) -> None:
    example_data["waivers"][0]["approved_by"] = "Chen Hao"
    assert review(example_data, **{"waiver-authority": "off"}) == ([], review(
        example_data, people=False)[1])
    assert len(review(example_data, people=False)[1]) == 1
