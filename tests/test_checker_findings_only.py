"""A check that wants findings only keeps of each plan what findings still need.

`planbook check` asks for findings, not plans: each checked plan comes back
from its worker without its item lists (`for_findings`), which cost more to
send than to check. The rules that compare plans and the review of waivers run
on what is left, so they must read the same from it as from the whole plan.
"""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from generator.checker import CheckedPlan, check_files, for_findings
from generator.loader import load_yaml_file
from generator.model import Plan, build_plan
from generator.people import with_people
from generator.standards.config import load_standards
from generator.standards.registry import RuleContext, all_rules
from generator.standards.waivers import review_waivers
from generator.workers import workers
from tests.support import AS_OF, EXAMPLE, FIXTURES, sample_plan_files

EXAMPLE_DATA: dict[str, Any] = load_yaml_file(EXAMPLE).data
STANDARDS = dataclasses.replace(
    with_people(load_standards(None), FIXTURES / "people" / "people.yaml"),
    accounts_per_manager_max=1)
PEOPLE = ["Li Wei", "Zhou Min", "Sarah Klein", "Chen Hao", "Nobody Known"]
RULES = ["deployment", "competition", "manager-load", "duplicate-id", "no-such-rule",
         "waiver-expired"]


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    """The example plan with its account, owner, team emails and waivers varied."""
    data = copy.deepcopy(EXAMPLE_DATA)
    data["account"]["id"] = draw(st.sampled_from(["jinghua-grid", "other-grid", "third"]))
    data["plan"]["owner"] = draw(st.sampled_from(PEOPLE))
    data["team"][0]["email"] = draw(st.sampled_from(["li.wei@example.com", "LI.WEI@example.com",
                                                     "someone@example.com"]))
    data["waivers"] = [
        {"rule": draw(st.sampled_from(RULES)), "reason": "because",
         "approved_by": draw(st.sampled_from(PEOPLE)),
         "expires": draw(st.sampled_from(["2026-01-01", "2027-03-31", "2030-01-01"])),
         **({"item": "Azure Monetary Commitment"} if draw(st.booleans()) else {})}
        for _ in range(draw(st.integers(min_value=0, max_value=3)))]
    return build_plan(data)


def _reduced(plan: Plan) -> Plan:
    checked = CheckedPlan(file="p.yaml", path=Path("p.yaml"), account=None, plan=plan)
    reduced = for_findings(checked).plan
    assert reduced is not None and reduced.opportunities == ()
    return reduced


@given(st.lists(plans(), min_size=1, max_size=5))
def test_portfolio_rules_and_waiver_review_read_the_same_from_the_reduced_plans(
        portfolio: list[Plan]) -> None:
    reduced = [_reduced(plan) for plan in portfolio]
    ctx = RuleContext(STANDARDS, AS_OF, plan_files=tuple(f"p{i}.yaml" for i in range(5)))
    portfolio_rules = [rule for rule in all_rules() if rule.check_portfolio is not None]
    assert portfolio_rules
    for rule in portfolio_rules:
        assert rule.check_portfolio is not None
        assert list(rule.check_portfolio(reduced, ctx)) == list(
            rule.check_portfolio(portfolio, ctx)), rule.id
    for whole, kept in zip(portfolio, reduced, strict=True):
        assert review_waivers(kept, STANDARDS, AS_OF) == review_waivers(whole, STANDARDS, AS_OF)


def _findings(whole: bool) -> list[Any]:
    with workers(1) as here:
        run = check_files([*sample_plan_files(), EXAMPLE], STANDARDS, AS_OF, None, here,
                          whole_plans=whole)
    return list(run.result.findings)


def test_a_check_for_findings_only_finds_what_a_whole_check_finds() -> None:
    whole = _findings(True)
    assert any(f.rule == "manager-load" for f in whole) and any(f.waived for f in whole)
    assert _findings(False) == whole
