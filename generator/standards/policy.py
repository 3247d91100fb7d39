"""Policy: whether and how a located problem is reported.

This is the one place that decides a finding's severity (the rule's default,
overridden by standards.yaml; structural rules are always errors), drops
findings of rules switched off, and marks findings a waiver covers. Rules
never decide any of this themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from generator.findings import Finding, Problem, Severity, WaiverNote
from generator.model import Plan
from generator.standards.config import Standards
from generator.standards.registry import rules_by_id
from generator.standards.waivers import ActiveWaiver, review_waivers, unused_problem

Position = tuple[int, int]


@dataclass(frozen=True)
class Located:
    """A problem and the line and column it points at."""

    problem: Problem
    position: Position


def severity_for(rule_id: str, standards: Standards) -> Severity:
    rule = rules_by_id().get(rule_id)
    if rule is None or rule.structural:
        return Severity.ERROR
    return standards.severity_of(rule_id, rule.default_severity)


def judge(
    located: Sequence[Located],
    *,
    file: str,
    account: str | None,
    plan: Plan | None,
    waiver_positions: Sequence[Position],
    standards: Standards,
    as_of: dt.date,
    unsure_rules: Collection[str] = (),
) -> list[Finding]:
    """Turn one plan's located problems into findings, applying waivers."""
    problems = list(located)
    active: list[ActiveWaiver] = []
    if plan is not None:
        waiver_problems, active = review_waivers(plan, standards, as_of)
        problems += [Located(p, _waiver_position(p, waiver_positions)) for p in waiver_problems]

    used: set[int] = set()
    findings: list[Finding] = []
    for entry in problems:
        problem = entry.problem
        severity = severity_for(problem.rule, standards)
        if severity is Severity.OFF:
            continue
        rule = rules_by_id().get(problem.rule)
        waiver = None
        if rule is not None and rule.waivable:
            waiver = next((w for w in active if w.matches(problem)), None)
        if waiver is not None:
            used.add(waiver.index)
        findings.append(_finding(entry, severity, file, account, waiver))

    for waiver in active:
        if waiver.index in used or waiver.waiver.rule in unsure_rules:
            continue  # used; or its rule could not judge a broken plan: not "unused"
        if severity_for(waiver.waiver.rule, standards) is Severity.OFF:
            continue  # silent when the waived rule is off
        problem = unused_problem(waiver, {
            e.problem.item for e in problems
            if e.problem.rule == waiver.waiver.rule and e.problem.item is not None})
        severity = severity_for(problem.rule, standards)
        if severity is not Severity.OFF:
            entry = Located(problem, _waiver_position(problem, waiver_positions))
            findings.append(_finding(entry, severity, file, account, None))
    return findings


def _waiver_position(problem: Problem, positions: Sequence[Position]) -> Position:
    index = problem.path[1] if len(problem.path) > 1 else None
    if isinstance(index, int) and index < len(positions):
        return positions[index]
    return (1, 1)


def _finding(entry: Located, severity: Severity, file: str, account: str | None,
             waiver: ActiveWaiver | None) -> Finding:
    note = None
    if waiver is not None:
        w = waiver.waiver
        note = WaiverNote(w.reason, w.approved_by, w.expires.isoformat())
    line, column = entry.position
    return Finding(
        rule=entry.problem.rule,
        severity=severity,
        file=file,
        line=line,
        column=column,
        account=account,
        message=entry.problem.message,
        item=entry.problem.item,
        waived=note is not None,
        waiver=note,
    )
