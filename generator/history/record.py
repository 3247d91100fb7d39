"""What one commit did to the plans, worded and measured, as plain data.

A `CommitRecord` is computed from the commit alone — each changed file's old
and new blob, compared with `planbook diff`'s own comparison
(`generator.diff.compare.diff_pair`) and worded with its Markdown
(`generator.diff.markdown.section_lines`) — so it never changes and is cached
as JSON (`generator.history.store`). Each new version of a plan is also
checked as of the commit's date, and its figures taken from the portfolio
roll-up (`generator.portfolio.pipeline_rollup`), so the trends need no
second reading of old plans.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.checker import check_document, finish
from generator.diff.compare import PlanDiff, PlanStatus, PlanVersion, diff_pair, load_version
from generator.diff.markdown import SECTION_TITLES, code, section_lines, text
from generator.history.git_log import FileChange, LoggedCommit
from generator.loader import LoadedDocument
from generator.model import Plan
from generator.portfolio import pipeline_rollup
from generator.standards.config import Standards

#: Bumped when the record's shape changes, so old cache entries are not misread.
RECORD_FORMAT = 1

REVIEW_FIELD = ("plan", "last_reviewed")


def _decimal_text(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


@dataclass(frozen=True)
class Snapshot:
    """A plan version's figures at the commit that wrote it (amounts as text).

    Amounts in the standards' currency are None when the plan's currency has
    no exchange rate; every figure is None when the version failed the schema.
    """

    account: str | None
    valid: bool
    open_findings: int
    owner: str | None = None
    owner_key: str | None = None
    currency: str | None = None
    fiscal_year: str | None = None
    last_reviewed: str | None = None
    pipeline_this_year: str | None = None
    remaining_gap: str | None = None
    coverage: str | None = None
    revenue_target: str | None = None
    booked_to_date: str | None = None
    satisfaction: str | None = None
    #: opportunity id -> {stage, amount (plan currency), close, name}
    opportunities: Mapping[str, Mapping[str, str]] | None = None
    #: COS id -> status
    cos: Mapping[str, str] | None = None

    def as_json(self) -> dict[str, Any]:
        return {k: (dict(v) if isinstance(v, Mapping) else v) for k, v in self.__dict__.items()}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Snapshot:
        return cls(**{k: data.get(k) for k in cls.__dataclass_fields__})  # type: ignore[arg-type]


@dataclass(frozen=True)
class PlanChange:
    """What one commit did to one plan file."""

    status: str  # added, removed, renamed, changed (PlanStatus values)
    path: str
    old_path: str
    account: str | None
    old_account: str | None
    name: str | None
    #: the change in words, one Markdown line per field or item (escaped)
    words: tuple[str, ...]
    #: (old, new) last_reviewed when the change moved it: a review
    review: tuple[str | None, str | None] | None
    old_blob: str | None
    new_blob: str | None
    #: the new version's figures; None when the plan was removed
    snapshot: Snapshot | None

    def as_json(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["words"] = list(self.words)
        data["review"] = list(self.review) if self.review else None
        data["snapshot"] = self.snapshot.as_json() if self.snapshot else None
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PlanChange:
        review = data.get("review")
        snapshot = data.get("snapshot")
        return cls(
            status=str(data["status"]), path=str(data["path"]),
            old_path=str(data["old_path"]), account=data.get("account"),
            old_account=data.get("old_account"), name=data.get("name"),
            words=tuple(str(w) for w in data.get("words") or ()),
            review=(review[0], review[1]) if isinstance(review, list) else None,
            old_blob=data.get("old_blob"), new_blob=data.get("new_blob"),
            snapshot=Snapshot.from_json(snapshot) if isinstance(snapshot, Mapping) else None)


@dataclass(frozen=True)
class CommitRecord:
    """One commit's plan changes, with who made them and when."""

    sha: str
    author: str
    email: str
    date: str
    subject: str
    changes: tuple[PlanChange, ...]

    @property
    def day(self) -> dt.date:
        return dt.datetime.fromisoformat(self.date).date()

    def as_json(self) -> dict[str, Any]:
        return {"format": RECORD_FORMAT, "sha": self.sha, "author": self.author,
                "email": self.email, "date": self.date, "subject": self.subject,
                "changes": [c.as_json() for c in self.changes]}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CommitRecord:
        if data.get("format") != RECORD_FORMAT:
            raise ValueError("another record format")
        return cls(sha=str(data["sha"]), author=str(data["author"]), email=str(data["email"]),
                   date=str(data["date"]), subject=str(data["subject"]),
                   changes=tuple(PlanChange.from_json(c) for c in data["changes"]))


# --- measuring one version -------------------------------------------------------------

def _latest_satisfaction(plan: Plan) -> Decimal | None:
    scores = sorted(plan.satisfaction)
    return scores[-1][1] if scores else None


def snapshot(document: LoadedDocument, account: str | None, standards: Standards,
             as_of: dt.date) -> Snapshot:
    """Check one version as of `as_of` and keep the figures the trends draw."""
    checked = check_document(document, standards, as_of)
    finish(checked, standards, as_of)
    open_findings = sum(1 for f in checked.findings if not f.waived)
    plan = checked.plan
    if plan is None:
        return Snapshot(account, False, open_findings)
    rollup = pipeline_rollup([plan], standards, as_of)
    converted = not rollup.excluded
    total = rollup.total
    return Snapshot(
        account=account, valid=True, open_findings=open_findings,
        owner=plan.plan.owner, owner_key=plan.owner_key, currency=plan.currency,
        fiscal_year=plan.plan.fiscal_year, last_reviewed=plan.plan.last_reviewed.isoformat(),
        pipeline_this_year=_decimal_text(total.pipeline_this_year) if converted else None,
        remaining_gap=_decimal_text(total.remaining_gap) if converted else None,
        coverage=_decimal_text(total.coverage) if converted else None,
        revenue_target=_decimal_text(total.revenue_target) if converted else None,
        booked_to_date=_decimal_text(total.booked_to_date) if converted else None,
        satisfaction=_decimal_text(_latest_satisfaction(plan)),
        opportunities={o.id: {"name": o.name, "stage": o.stage,
                              "amount": _decimal_text(o.amount) or "0",
                              "close": o.close.isoformat()} for o in plan.opportunities},
        cos={c.id: c.status for c in plan.conditions_of_satisfaction},
    )


# --- wording one change ------------------------------------------------------------------

def words(diff: PlanDiff) -> tuple[str, ...]:
    """The change as Markdown lines, from `planbook diff`'s own wording."""
    if diff.status is PlanStatus.ADDED:
        return (f"new plan {code(diff.path)}",)
    if diff.status is PlanStatus.REMOVED:
        return (f"plan {code(diff.path)} deleted",)
    lines: list[str] = []
    if diff.status is PlanStatus.RENAMED and diff.base is not None:
        lines.append(f"file renamed {code(diff.base.path)} -> {code(diff.path)}")
    for version, side in ((diff.base, "before"), (diff.head, "after")):
        if version is not None and version.problem is not None:
            lines.append(f"could not be read as a plan {side} this change: "
                         f"{text(version.problem)}")
    currencies = (diff.base.currency if diff.base else None,
                  diff.head.currency if diff.head else None)
    for section in diff.sections:
        title = SECTION_TITLES.get(section.section, section.section)
        # section_lines: the section's title, a blank line, then one bullet per change
        for line in section_lines(section, currencies)[2:]:
            if not line.strip():
                continue
            if line.startswith("  "):  # a detail of the previous change
                lines[-1] += "; " + line.strip().removeprefix("- ")
            elif section.fields and not section.items:
                lines.append(f"{title}: {line.removeprefix('- ')}")
            else:
                lines.append(line.removeprefix("- "))
    if not lines:
        lines.append("only comments or layout changed")
    return tuple(lines)


def _review(diff: PlanDiff) -> tuple[str | None, str | None] | None:
    for section in diff.sections:
        if section.section != REVIEW_FIELD[0]:
            continue
        for change in section.fields:
            if change.field == REVIEW_FIELD[1:]:
                old = None if not change.old else str(change.old)
                new = None if not change.new else str(change.new)
                return old, new
    return None


# --- one commit ------------------------------------------------------------------------------

def light(version: PlanVersion) -> PlanVersion:
    """The version without its YAML tree: what comparing it needs, kept small."""
    document = LoadedDocument(path=version.document.path, data=version.document.data)
    return PlanVersion(version.path, document, version.digest, version.problem)


class VersionSource:
    """Plan versions by blob, read through `read` and kept while they are a path's latest."""

    def __init__(self, root: Path, read: Callable[[str], bytes | None]) -> None:
        self.root = root
        self._read = read
        self._latest: dict[str, tuple[str, PlanVersion]] = {}
        self._prefetched: dict[str, bytes | None] = {}

    def blobs_needed(self, commits: Sequence[LoggedCommit]) -> list[str]:
        """The blobs computing these commits (in order) will read: every new
        version, and each old one that is not the version kept for its path."""
        latest = {path: blob for path, (blob, _) in self._latest.items()}
        needed: dict[str, None] = {}
        for commit in commits:
            for change in commit.changes:
                if change.old_blob is not None and latest.get(change.old_path) != change.old_blob:
                    needed[change.old_blob] = None
                if change.new_blob is not None:
                    needed[change.new_blob] = None
                latest.pop(change.old_path, None)
                if change.new_blob is not None:
                    latest[change.path] = change.new_blob
        return list(needed)

    def prefetch(self, contents: Mapping[str, bytes | None]) -> None:
        self._prefetched = dict(contents)

    def full(self, path: str, blob: str | None) -> PlanVersion | None:
        """A freshly loaded version (with its YAML tree, for checking)."""
        if blob is None:
            return None
        raw = (self._prefetched[blob] if blob in self._prefetched else self._read(blob))
        return load_version(path, raw, self.root)

    def known(self, path: str, blob: str | None) -> PlanVersion | None:
        if blob is None:
            return None
        kept = self._latest.get(path)
        if kept is not None and kept[0] == blob:
            return kept[1]
        version = self.full(path, blob)
        return light(version) if version is not None else None

    def keep(self, path: str, blob: str | None, version: PlanVersion | None,
             old_path: str) -> None:
        self._latest.pop(old_path, None)
        if blob is not None and version is not None:
            self._latest[path] = (blob, light(version))
        else:
            self._latest.pop(path, None)


#: How a plan reads at a shallow clone's oldest commit, whose parents are not fetched.
AT_CLONE_DEPTH = "the plan as it stood where this shallow clone's history starts"


def plan_change(change: FileChange, source: VersionSource, standards: Standards,
                as_of: dt.date, *, clone_edge: bool = False) -> PlanChange | None:
    """One file's change; None when git's change means nothing to the plan."""
    old = source.known(change.old_path, change.old_blob)
    new = source.full(change.path, change.new_blob)
    source.keep(change.path, change.new_blob, new, change.old_path)
    diff = diff_pair(old, new)
    if diff is None:
        return None
    new_snapshot = (snapshot(new.document, new.account_id, standards, as_of)
                    if new is not None else None)
    return PlanChange(
        status=str(diff.status), path=diff.path,
        old_path=old.path if old is not None else diff.path,
        account=diff.account, old_account=old.account_id if old is not None else None,
        name=diff.name,
        words=(AT_CLONE_DEPTH,) if clone_edge and old is None else words(diff),
        review=_review(diff),
        old_blob=change.old_blob, new_blob=change.new_blob, snapshot=new_snapshot)


def commit_record(commit: LoggedCommit, source: VersionSource, standards: Standards, *,
                  clone_edge: bool = False) -> CommitRecord:
    """The record of one commit; `clone_edge`: the oldest commit of a shallow clone."""
    as_of = dt.datetime.fromisoformat(commit.date).date()
    found = (plan_change(c, source, standards, as_of, clone_edge=clone_edge)
             for c in commit.changes)
    return CommitRecord(commit.sha, commit.author, commit.email, commit.date, commit.subject,
                        tuple(c for c in found if c is not None))
