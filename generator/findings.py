"""Findings: what a check tells an account manager, and the run's result.

Rules yield `Problem`s (a rule id, a message and a JSON path into the plan).
The checker locates each problem in the file and decides, in one place
(`generator.standards.policy`), its severity and whether a waiver covers it;
the outcome is an immutable `Finding`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

JsonPath = tuple[str | int, ...]


class Severity(StrEnum):
    """How much a finding matters; `off` switches a rule off."""

    ERROR = "error"
    WARNING = "warning"
    OFF = "off"


# No slots on what the check cache pickles: slotted frozen dataclasses
# unpickle through a slow __setstate__, several times the cost of __dict__.
@dataclass(frozen=True)
class Problem:
    """A rule's observation about one plan, before it is located or judged."""

    rule: str
    message: str
    path: JsonPath = ()
    item: str | None = None


@dataclass(frozen=True, slots=True)
class WaiverNote:
    """Why a finding is waived: shown next to it on the site and in reports."""

    reason: str
    approved_by: str
    expires: str


@dataclass(frozen=True, slots=True)
class Finding:
    """A located, judged problem: the unit every reporter prints."""

    rule: str
    severity: Severity
    file: str
    line: int
    column: int
    account: str | None
    message: str
    item: str | None = None
    waived: bool = False
    waiver: WaiverNote | None = None
    #: with `check --base`: True when the change introduces it, False when the
    #: base had it already; None when no base was given
    introduced: bool | None = None

    @property
    def judged(self) -> bool:
        """True when this finding counts towards the exit code: always, except a
        finding the base already had when a change is judged (`check --base`)."""
        return self.introduced is not False

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.rule)

    def as_dict(self) -> dict[str, object]:
        """The finding as the spec's JSON object."""
        record: dict[str, object] = {
            "rule": self.rule,
            "severity": str(self.severity),
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "account": self.account,
            "message": self.message,
            "waived": self.waived,
        }
        if self.item is not None:
            record["item"] = self.item
        if self.waiver is not None:
            record["waiver"] = {
                "reason": self.waiver.reason,
                "approved_by": self.waiver.approved_by,
                "expires": self.waiver.expires,
            }
        if self.introduced is not None:
            record["introduced"] = self.introduced
        return record


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts for a run: what the summary line and the JSON summary show."""

    plans: int
    errors: int
    warnings: int
    waived: int


def count_findings(findings: Iterable[Finding]) -> tuple[int, int, int]:
    """(errors, warnings, waived): waived findings count only as waived."""
    errors = warnings = waived = 0
    for finding in findings:
        if finding.waived:
            waived += 1
        elif finding.severity is Severity.ERROR:
            errors += 1
        elif finding.severity is Severity.WARNING:
            warnings += 1
    return errors, warnings, waived


@dataclass(frozen=True, slots=True)
class ChangeSummary:
    """How a change was judged (`check --base`): against what, and the counts."""

    #: the base in words, e.g. "merge base of main and HEAD (abc1234)"
    base: str
    introduced: int
    pre_existing: int
    #: open on the base, gone (or waived) in the working tree
    fixed: int


@dataclass(frozen=True)
class CheckResult:
    """Every finding of one run, sorted by file and position."""

    findings: tuple[Finding, ...]
    plans_checked: int
    files: tuple[str, ...] = field(default=())
    #: said once for the whole run, after the summary (e.g. "no people.yaml")
    notes: tuple[str, ...] = ()
    #: set when a change was judged against a base (`check --base`)
    change: ChangeSummary | None = None

    @classmethod
    def of(cls, findings: Iterable[Finding], plans_checked: int,
           files: Iterable[str] = (), notes: Iterable[str] = ()) -> CheckResult:
        return cls(tuple(sorted(findings, key=Finding.sort_key)), plans_checked, tuple(files),
                   tuple(notes))

    @property
    def summary(self) -> Summary:
        return Summary(self.plans_checked, *count_findings(self.findings))

    def narrowed(self, *, files: Collection[str] | None = None,
                 errors_only: bool = False) -> CheckResult:
        """The result as `--owner` and `--severity error` show and judge it."""
        findings = tuple(f for f in self.findings
                         if (files is None or f.file in files)
                         and (not errors_only or f.severity is Severity.ERROR))
        if files is None:
            return dataclasses.replace(self, findings=findings)
        return dataclasses.replace(self, findings=findings, plans_checked=len(files),
                                   files=tuple(f for f in self.files if f in files))

    def exit_code(self, *, strict: bool) -> int:
        """0 when nothing fails; 1 on an error, or on a warning with --strict.

        When a change is judged, only the findings it introduces count.
        """
        errors, warnings, _ = count_findings(f for f in self.findings if f.judged)
        if errors or (strict and warnings):
            return 1
        return 0
