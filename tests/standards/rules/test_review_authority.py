"""review-authority: a sales manager other than the owner signs the review off."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from generator.people import PeopleRegistry, load_people
from tests.support import FIXTURES

REGISTRY_FILE = FIXTURES / "people" / "people.yaml"


@cache
def registry() -> PeopleRegistry:
    """The spec's example registry."""
    return load_people(REGISTRY_FILE)


Data = dict[str, Any]


def problems(run_rule: Any, data: Data, **kwargs: Any) -> list[str]:
    found = run_rule("review-authority", data, people=registry(), **kwargs)
    assert all(p.path == ("plan", "reviewed_by") for p in found)
    return [p.message for p in found]


@pytest.mark.parametrize("reviewer", ["Zhou Min", "Sarah Klein"])
def test_the_owners_manager_or_another_sales_manager_passes(
        run_rule: Any, example_data: Data, reviewer: str) -> None:
    example_data["plan"]["reviewed_by"] = reviewer
    assert problems(run_rule, example_data) == []


def test_the_owner_reviewing_their_own_plan_fails(run_rule: Any, example_data: Data) -> None:
    example_data["plan"]["reviewed_by"] = "Li Wei"
    assert problems(run_rule, example_data) == [
        "the plan is reviewed by its own owner (Li Wei): the owner's sales manager signs "
        "the review off"]


def test_a_reviewer_without_authority_fails(run_rule: Any, example_data: Data) -> None:
    example_data["plan"]["reviewed_by"] = "Chen Hao"
    [message] = problems(run_rule, example_data)
    assert message.startswith("the reviewer Chen Hao is technology-specialist in people.yaml")
    assert message.endswith("ask Zhou Min (the owner's manager) to review the plan")


def test_unknown_reviewers_and_no_registry_are_left_alone(
        run_rule: Any, example_data: Data) -> None:
    example_data["plan"]["reviewed_by"] = "Santa Claus"
    assert problems(run_rule, example_data) == []  # unknown-person reports it
    example_data["plan"]["reviewed_by"] = "Chen Hao"
    assert run_rule("review-authority", example_data) == []
