"""Which findings a change introduces, fixes or newly waives.

Both sides are checked in full (portfolio rules such as manager-load look
across plans, so a change to one plan can add a finding to another). Findings
are matched on what they are about, not where: (rule, account, item), so
moving a block in the file is not reported as one finding fixed and another
introduced, and a message that changes its figures (coverage 0.8 -> 0.9) is
still the same finding. A renamed account is matched through the pairing of
its files (`accounts`: base account id -> head account id). Where one account
has several findings of one rule and item, those whose messages agree (line
numbers aside) are paired first, and the rest are counted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from generator.checker import CheckedPlan, check_document, finish, run_portfolio_rules
from generator.findings import Finding
from generator.loader import LoadedDocument
from generator.standards.config import Standards

_LINE_NUMBER = re.compile(r"\b(line|lines)\s+\d+(?:\s*(?:-|\u2013|and)\s*\d+)?", re.IGNORECASE)

FindingKey = tuple[str, str, str | None]


def subject(finding: Finding) -> str:
    """Who a finding is about: its account, or its file when it has no account
    (a plan too broken to name one)."""
    return finding.account if finding.account is not None else f"file:{finding.file}"


def finding_key(finding: Finding, accounts: Mapping[str, str] | None = None) -> FindingKey:
    """What a finding is about, independent of where in the file it points:
    (rule, account, item); `accounts` renames a base side's accounts."""
    who = subject(finding)
    return (finding.rule, (accounts or {}).get(who, who), finding.item)


def _said(finding: Finding) -> str:
    return _LINE_NUMBER.sub(r"\1 N", finding.message)


class PlanChecks:
    """Checks sets of plans with one standards and as-of date.

    Each document's own rules run once, however many sets it is part of (a
    plan the change left alone is in both); the portfolio rules and waivers
    then run per set. A document's YAML tree is released once it is checked.
    """

    def __init__(self, standards: Standards, as_of: dt.date) -> None:
        self.standards = standards
        self.as_of = as_of
        self._checked: dict[int, tuple[LoadedDocument, CheckedPlan]] = {}

    def prepare(self, document: LoadedDocument) -> CheckedPlan:
        """Run the document's own rules now (once), and release its YAML tree."""
        known = self._checked.get(id(document))
        if known is None:
            known = (document, check_document(document, self.standards, self.as_of))
            document.root = None  # positions are resolved: the tree is not needed
            self._checked[id(document)] = known
        return known[1]

    def _check(self, document: LoadedDocument) -> CheckedPlan:
        checked = self.prepare(document)
        # A copy: the portfolio and waiver steps add to `located` and `findings`.
        return replace(checked, located=list(checked.located), findings=[])

    def findings(self, documents: Sequence[LoadedDocument]) -> list[Finding]:
        """Every finding for a set of plans, as `planbook check` would report."""
        checked = [self._check(document) for document in documents]
        run_portfolio_rules(checked, self.standards, self.as_of)
        for plan in checked:
            finish(plan, self.standards, self.as_of)
        return sorted((f for plan in checked for f in plan.findings), key=Finding.sort_key)


def check_documents(documents: Sequence[LoadedDocument], standards: Standards,
                    as_of: dt.date) -> list[Finding]:
    """Every finding for a set of loaded plans, as `planbook check` would report."""
    return PlanChecks(standards, as_of).findings(documents)


@dataclass(frozen=True)
class FindingChanges:
    """Findings that fail or warn after the change but not before, and the reverse."""

    introduced: tuple[Finding, ...] = ()
    fixed: tuple[Finding, ...] = ()
    #: findings that still hold but a waiver added by the change now covers
    waived: tuple[Finding, ...] = ()
    #: findings of plans the change deletes: gone, but not fixed
    deleted: tuple[Finding, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.introduced or self.fixed or self.waived or self.deleted)

    def set_apart_deleted(self, accounts: Collection[str | None]) -> FindingChanges:
        """Move the "fixed" findings of deleted plans (by account) to `deleted`."""
        deleted = tuple(f for f in self.fixed if f.account in accounts)
        fixed = tuple(f for f in self.fixed if f.account not in accounts)
        return replace(self, fixed=fixed, deleted=self.deleted + deleted)


def _unmatched(findings: Iterable[Finding], others: Iterable[Finding],
               accounts: Mapping[str, str] | None = None,
               others_accounts: Mapping[str, str] | None = None) -> list[Finding]:
    """The `findings` that no finding of `others` matches, one for one."""
    # Counted, not a set: two identical findings before and three after is one new.
    findings = list(findings)
    remaining: dict[FindingKey, Counter[str]] = {}
    for other in others:
        remaining.setdefault(finding_key(other, others_accounts), Counter())[_said(other)] += 1
    # First pass: same rule, account, item and message; second: same rule,
    # account and item, whatever the message says now.
    unpaired: list[Finding] = []
    for finding in findings:
        said = remaining.get(finding_key(finding, accounts))
        if said is not None and said[_said(finding)] > 0:
            said[_said(finding)] -= 1
        else:
            unpaired.append(finding)
    unmatched: list[Finding] = []
    for finding in unpaired:
        said = remaining.get(finding_key(finding, accounts))
        message = next((m for m, n in (said or Counter()).items() if n > 0), None)
        if said is not None and message is not None:
            said[message] -= 1
        else:
            unmatched.append(finding)
    return unmatched


def compare_findings(base: Sequence[Finding], head: Sequence[Finding],
                     accounts: Mapping[str, str] | None = None) -> FindingChanges:
    """Introduced: open after, not before. Fixed: open before, gone after.

    A finding that is open before and waived after is neither: it is listed as
    newly waived, because approving that waiver is the reviewer's call.
    `accounts` maps the base's account ids to the head's, for renamed plans.
    """
    base_open = [f for f in base if not f.waived]
    head_open = [f for f in head if not f.waived]
    head_waived: dict[FindingKey, list[Finding]] = {}
    for finding in head:
        if finding.waived:
            head_waived.setdefault(finding_key(finding), []).append(finding)
    introduced = _unmatched(head_open, base_open, None, accounts)
    fixed: list[Finding] = []
    waived: list[Finding] = []
    for finding in _unmatched(base_open, head_open, accounts, None):
        covering = head_waived.get(finding_key(finding, accounts))
        if covering:
            waived.append(covering.pop(0))  # the head's finding: it names the waiver
        else:
            fixed.append(finding)
    return FindingChanges(tuple(introduced), tuple(fixed), tuple(waived))
