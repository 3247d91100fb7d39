"""unknown-person: owners, reviewers, approvers and team members are in people.yaml."""

from __future__ import annotations

from functools import cache
from typing import Any

from generator.people import PeopleRegistry, load_people
from tests.support import FIXTURES

REGISTRY_FILE = FIXTURES / "people" / "people.yaml"


@cache
def registry() -> PeopleRegistry:
    """The spec's example registry."""
    return load_people(REGISTRY_FILE)


Data = dict[str, Any]


def problems(run_rule: Any, data: Data, **kwargs: Any) -> list[tuple[tuple[Any, ...], str]]:
    return [(p.path, p.message) for p in run_rule("unknown-person", data,
                                                   people=registry(), **kwargs)]


def test_the_example_names_only_registered_people(run_rule: Any, example_data: Data) -> None:
    assert problems(run_rule, example_data) == []


def test_without_a_registry_the_rule_does_not_run(run_rule: Any, example_data: Data) -> None:
    example_data["waivers"][0]["approved_by"] = "Santa Claus"
    assert run_rule("unknown-person", example_data) == []


def test_santa_claus_approving_a_waiver_is_a_finding(run_rule: Any, example_data: Data) -> None:
    example_data["waivers"][0]["approved_by"] = "Santa Claus"
    [(path, message)] = problems(run_rule, example_data)
    assert path == ("waivers", 0, "approved_by")
    assert message.startswith("the waiver for `deployment` is approved by `Santa Claus`, "
                              "who is not in people.yaml")
    assert "it waives nothing" in message


def test_owner_and_reviewer(run_rule: Any, example_data: Data) -> None:
    example_data["plan"]["owner"] = "Li Way"
    example_data["plan"]["reviewed_by"] = "Someone Else"
    found = problems(run_rule, example_data)
    assert [path for path, _ in found] == [("plan", "owner"), ("plan", "reviewed_by")]
    assert found[0][1].endswith("; did you mean `Li Wei`?")


def test_a_plan_without_a_reviewer_is_not_this_rules_business(
        run_rule: Any, example_data: Data) -> None:
    del example_data["plan"]["reviewed_by"]
    assert problems(run_rule, example_data) == []


def test_team_members_with_an_email_are_known_by_it(run_rule: Any, example_data: Data) -> None:
    team = example_data["team"]
    team[0]["email"] = "LI.WEI@example.com"  # emails compare without case
    team.append({"name": "Ana Ruiz", "role": "Contractor"})  # no email: not checked
    assert problems(run_rule, example_data) == []
    team[0]["email"] = "li.wei@example.org"
    team.append({"name": "Bo Tan", "role": "Specialist", "email": "bo.tan@example.com"})
    found = problems(run_rule, example_data)
    assert [path for path, _ in found] == [("team", 0, "email"), ("team", 5, "email")]
    assert found[0][1].endswith("; the registry has Li Wei as li.wei@example.com")
