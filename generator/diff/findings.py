"""Which findings a change introduces, fixes or newly waives.

Both sides are checked in full (portfolio rules such as manager-load look
across plans, so a change to one plan can add a finding to another). Findings
are matched on what they say, not where: (rule, account, item, message), with
line numbers taken out of the message, so moving a block in the file is not
reported as one finding fixed and another introduced.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace

from generator.checker import check_document, finish, run_portfolio_rules
from generator.findings import Finding
from generator.loader import LoadedDocument
from generator.standards.config import Standards

_LINE_NUMBER = re.compile(r"\b(line|lines)\s+\d+(?:\s*(?:-|\u2013|and)\s*\d+)?", re.IGNORECASE)

FindingKey = tuple[str, str | None, str | None, str]


def finding_key(finding: Finding) -> FindingKey:
    """What a finding is about, independent of where in the file it points."""
    return (finding.rule, finding.account, finding.item,
            _LINE_NUMBER.sub(r"\1 N", finding.message))


def check_documents(documents: Sequence[LoadedDocument], standards: Standards,
                    as_of: dt.date) -> list[Finding]:
    """Every finding for a set of loaded plans, as `planbook check` would report."""
    checked = [check_document(document, standards, as_of) for document in documents]
    run_portfolio_rules(checked, standards, as_of)
    for plan in checked:
        finish(plan, standards, as_of)
    return sorted((f for plan in checked for f in plan.findings), key=Finding.sort_key)


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


def _unmatched(findings: Iterable[Finding], others: Iterable[Finding]) -> list[Finding]:
    # Counted, not a set: two identical findings before and three after is one new.
    remaining = Counter(finding_key(f) for f in others)
    unmatched = []
    for finding in findings:
        key = finding_key(finding)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            unmatched.append(finding)
    return unmatched


def compare_findings(base: Sequence[Finding], head: Sequence[Finding]) -> FindingChanges:
    """Introduced: open after, not before. Fixed: open before, gone after.

    A finding that is open before and waived after is neither: it is listed as
    newly waived, because approving that waiver is the reviewer's call.
    """
    base_open = [f for f in base if not f.waived]
    head_open = [f for f in head if not f.waived]
    head_waived: dict[FindingKey, list[Finding]] = {}
    for finding in head:
        if finding.waived:
            head_waived.setdefault(finding_key(finding), []).append(finding)
    introduced = _unmatched(head_open, base_open)
    fixed: list[Finding] = []
    waived: list[Finding] = []
    for finding in _unmatched(base_open, head_open):
        covering = head_waived.get(finding_key(finding))
        if covering:
            waived.append(covering.pop(0))  # the head's finding: it names the waiver
        else:
            fixed.append(finding)
    return FindingChanges(tuple(introduced), tuple(fixed), tuple(waived))
