"""The portfolio as the pages list it: one row per plan, grouped by manager.

Everything here is computed from the check run once, so the portfolio page,
the manager pages and the account pages agree on page names, counts and
converted amounts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePosixPath

from generator import figures
from generator.checker import CheckedPlan, CheckRun
from generator.findings import Finding, count_findings
from generator.model import Plan
from generator.render.anchors import AnchorBook, manager_slug, slugify
from generator.standards.config import Standards


@dataclass(frozen=True)
class FindingCounts:
    """Findings of one plan that the reader acts on (waived ones apart)."""

    errors: int
    warnings: int
    waived: int

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> FindingCounts:
        return cls(*count_findings(findings))

    @property
    def total(self) -> int:
        return self.errors + self.warnings + self.waived


@dataclass(frozen=True)
class Amount:
    """An amount in the plan's currency and, where a rate exists, the standards'."""

    value: Decimal
    currency: str
    converted: Decimal | None
    target_currency: str

    @property
    def same_currency(self) -> bool:
        return self.currency == self.target_currency


@dataclass(frozen=True)
class AccountRow:
    """One valid plan as the portfolio and manager tables show it."""

    page: str
    checked: CheckedPlan
    plan: Plan
    manager_page: str
    ltp: Amount
    ar_target: Amount | None
    open_pipeline: Amount
    plan_age_days: int
    counts: FindingCounts

    @property
    def sort_key(self) -> tuple[str, str, str]:
        return (self.plan.account.name.casefold(), self.plan.account.id, self.checked.file)


@dataclass(frozen=True)
class FailedRow:
    """A plan file that failed to load or validate: shown with its findings."""

    page: str
    checked: CheckedPlan
    counts: FindingCounts

    @property
    def name(self) -> str:
        return PurePosixPath(self.checked.file).name


@dataclass(frozen=True)
class Manager:
    """A plan owner across the portfolio (the owner's email, else name)."""

    key: str
    name: str
    email: str | None
    page: str
    accounts: tuple[AccountRow, ...]

    @property
    def account_count(self) -> int:
        return len(self.accounts)


@dataclass(frozen=True)
class Totals:
    """Summary counts for the portfolio home."""

    plans: int
    shown: int
    failed: int
    errors: int
    warnings: int
    waived: int
    ltp: Decimal
    ar_target: Decimal
    open_pipeline: Decimal
    #: plans left out of the converted totals because their currency has no rate
    unconverted: int


@dataclass(frozen=True)
class Portfolio:
    """Every page-worthy fact about the run, computed once."""

    accounts: tuple[AccountRow, ...]
    failed: tuple[FailedRow, ...]
    managers: tuple[Manager, ...]
    totals: Totals
    standards: Standards
    as_of: dt.date


def amount(value: Decimal, currency: str, standards: Standards) -> Amount:
    return Amount(value, currency, standards.convert(value, currency), standards.currency)


def build_portfolio(run: CheckRun, standards: Standards, as_of: dt.date) -> Portfolio:
    """Rows, pages and managers for a check run, in a stable order."""
    pages = AnchorBook(reserved=("index",))
    valid = [c for c in run.plans if c.plan is not None]
    failed = [c for c in run.plans if c.plan is None]
    # Claim in path order, valid plans first: the first plan with an id keeps
    # the plain page name, whatever else is in the folder.
    account_pages = {
        c.file: pages.claim("account", c.file, c.plan.account.id)
        for c in valid if c.plan is not None
    }
    failed_pages = {
        c.file: pages.claim("failed", c.file,
                            slugify(PurePosixPath(c.file).stem, fallback_prefix="plan"))
        for c in failed
    }
    manager_pages = _manager_pages(p for c in valid if (p := c.plan) is not None)

    rows: list[AccountRow] = []
    for checked in valid:
        assert checked.plan is not None
        rows.append(account_row(checked, f"accounts/{account_pages[checked.file]}.md",
                                f"managers/{manager_pages[checked.plan.owner_key]}.md",
                                standards, as_of))
    rows.sort(key=lambda r: r.sort_key)
    failed_rows = tuple(
        FailedRow(f"accounts/{failed_pages[c.file]}.md", c, FindingCounts.of(c.findings))
        for c in failed
    )
    return Portfolio(
        accounts=tuple(rows),
        failed=failed_rows,
        managers=_managers(rows, manager_pages),
        totals=_totals(run, rows, failed_rows),
        standards=standards,
        as_of=as_of,
    )


def account_row(checked: CheckedPlan, page: str, manager_page: str, standards: Standards,
                as_of: dt.date) -> AccountRow:
    """A valid plan's row, given its account page and its owner's page."""
    plan = checked.plan
    assert plan is not None
    ar = plan.financials.ar_for(plan.plan.fiscal_year)
    return AccountRow(
        page=page,
        checked=checked,
        plan=plan,
        manager_page=manager_page,
        ltp=amount(plan.financials.long_term_potential, plan.currency, standards),
        ar_target=None if ar is None else amount(ar, plan.currency, standards),
        open_pipeline=amount(plan.open_pipeline(), plan.currency, standards),
        plan_age_days=figures.plan_age_days(plan, as_of),
        counts=FindingCounts.of(checked.findings),
    )


def _manager_pages(plans: Iterable[Plan]) -> dict[str, str]:
    book = AnchorBook(reserved=("index",))
    return {key: book.claim("manager", key, manager_slug(key))
            for key in sorted({p.owner_key for p in plans})}


def _managers(rows: Sequence[AccountRow], pages: dict[str, str]) -> tuple[Manager, ...]:
    grouped: dict[str, list[AccountRow]] = defaultdict(list)
    for row in rows:
        grouped[row.plan.owner_key].append(row)
    managers = []
    for key, accounts in grouped.items():
        # The same email may come with differently written names: show the
        # most common, and the alphabetically first of equals.
        names = Counter(r.plan.plan.owner for r in accounts)
        name = min(names, key=lambda n: (-names[n], n))
        managers.append(Manager(
            key=key,
            name=name,
            email=key if "@" in key else None,
            page=f"managers/{pages[key]}.md",
            accounts=tuple(accounts),
        ))
    return tuple(sorted(managers, key=lambda m: (m.name.casefold(), m.key)))


def _totals(run: CheckRun, rows: Sequence[AccountRow],
            failed: Sequence[FailedRow]) -> Totals:
    summary = run.result.summary
    converted = [r for r in rows if r.ltp.converted is not None]
    return Totals(
        plans=len(run.plans),
        shown=len(rows),
        failed=len(failed),
        errors=summary.errors,
        warnings=summary.warnings,
        waived=summary.waived,
        ltp=sum((r.ltp.converted or Decimal(0) for r in converted), Decimal(0)),
        ar_target=sum(
            (r.ar_target.converted or Decimal(0) for r in converted if r.ar_target is not None),
            Decimal(0)),
        open_pipeline=sum((r.open_pipeline.converted or Decimal(0) for r in converted),
                          Decimal(0)),
        unconverted=len(rows) - len(converted),
    )


def load_status(manager: Manager, standards: Standards) -> str:
    """How a manager's account count compares with `accounts_per_manager`."""
    count = manager.account_count
    if count > standards.accounts_per_manager_max:
        return "over the maximum"
    if count > standards.accounts_per_manager_target:
        return "above the target"
    return "within the target"
