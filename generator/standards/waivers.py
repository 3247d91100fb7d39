"""Waivers: accepted, approved, time-limited exceptions to a standard.

A waiver matches the findings of its `rule` in its own plan and, when it names
an `item`, only those whose item is exactly that. An expired waiver, or one
that breaks the approval rules, waives nothing; with a people registry, nor
does one whose approver is not in it or lacks a role that may approve.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from generator.findings import JsonPath, Problem, Severity
from generator.model import Plan, Waiver
from generator.naming import closest
from generator.standards.calendar import add_days
from generator.standards.config import Standards
from generator.standards.registry import rules_by_id


@dataclass(frozen=True, slots=True)
class ActiveWaiver:
    """A waiver that may waive findings in this run."""

    index: int
    waiver: Waiver

    def matches(self, problem: Problem) -> bool:
        if problem.rule != self.waiver.rule:
            return False
        return self.waiver.item is None or problem.item == self.waiver.item


def review_waivers(plan: Plan, standards: Standards, as_of: dt.date,
                   ) -> tuple[list[Problem], list[ActiveWaiver]]:
    """Problems with the waivers themselves, and the waivers that may apply."""
    problems: list[Problem] = []
    active: list[ActiveWaiver] = []
    known = rules_by_id()
    latest = add_days(as_of, standards.waiver_max_days)
    for index, waiver in enumerate(plan.waivers):
        path = ("waivers", index)
        item = waiver.item
        rule = known.get(waiver.rule)
        if rule is None or not rule.waivable:
            continue  # the `reference` rule reports it; it waives nothing
        if waiver.expires < as_of:
            problems.append(Problem(
                "waiver-expired",
                f"the waiver for `{waiver.rule}`{_for(item)} expired on {waiver.expires} "
                "and waives nothing: fix the gap or get a new approval",
                path))
            continue
        broken = list(_approval_problems(plan, waiver, latest, standards))
        if broken:
            problems.append(Problem(
                "waiver-approval",
                f"the waiver for `{waiver.rule}`{_for(item)} " + " and ".join(broken)
                + "; it waives nothing",
                path))
            continue
        if not _approver_has_authority(plan, waiver, standards, path, problems):
            continue
        active.append(ActiveWaiver(index, waiver))
    return problems, active


def _enforced(rule_id: str, standards: Standards) -> bool:
    rule = rules_by_id()[rule_id]
    return standards.severity_of(rule_id, rule.default_severity) is not Severity.OFF


def _approver_has_authority(plan: Plan, waiver: Waiver, standards: Standards,
                            path: JsonPath, problems: list[Problem]) -> bool:
    """With a people registry: False (and a waiver-authority problem where due)
    when the approver is unknown (unknown-person reports it) or may not approve."""
    registry = standards.people
    if registry is None:
        return True
    approver = registry.named(waiver.approved_by)
    if approver is None:
        return not _enforced("unknown-person", standards)
    if approver.may_approve or not _enforced("waiver-authority", standards):
        return True
    problems.append(Problem(
        "waiver-authority",
        f"the waiver for `{waiver.rule}`{_for(waiver.item)} is approved by "
        f"{waiver.approved_by}, who is {approver.roles_text} in {registry.source}: only "
        "a sales manager or a standards owner may approve a waiver; it waives nothing",
        path))
    return False


def _for(item: str | None) -> str:
    return f" on `{item}`" if item else ""


def _approval_problems(plan: Plan, waiver: Waiver, latest: dt.date,
                       standards: Standards) -> Iterator[str]:
    if waiver.approved_by == plan.plan.owner:
        yield (f"is approved by the plan's owner ({waiver.approved_by}); "
               "a sales manager must approve it")
    if waiver.expires > latest:
        yield (f"runs to {waiver.expires}, more than {standards.waiver_max_days} days "
               f"past the as-of date (at most {latest})")


def unused_problem(active: ActiveWaiver, items: Collection[str] = ()) -> Problem:
    """`items`: the items the waived rule did find, to suggest the one meant."""
    waiver = active.waiver
    near = closest(waiver.item, items) if waiver.item else None
    if near is not None and near != waiver.item:
        fix = f"its item is probably misspelt: did you mean `{near}`?"
    else:
        fix = "remove it, or correct its rule or item"
    return Problem(
        "waiver-unused",
        f"the waiver for `{waiver.rule}`{_for(waiver.item)} matches no finding: {fix}",
        ("waivers", active.index))
