"""Trends from the history: each account's figures at each change, and the
portfolio's (and each owner's) by fiscal quarter.

The figures are the ones each version was measured with when its commit was
recorded (`record.snapshot`: the portfolio roll-up's pipeline closing in the
plan's fiscal year, remaining gap, target and booked, in the standards'
currency, all from `generator.figures`; the latest satisfaction score; open
findings as of the commit's date). Sums over accounts go through
`PipelineGroup`, whose `coverage` is `figures.coverage`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from generator.history.record import Snapshot
from generator.history.timeline import History
from generator.portfolio import PipelineGroup
from generator.standards.calendar import Quarter, quarters
from generator.standards.calendar import fiscal_quarter as fiscal_quarter  # re-exported
from generator.standards.config import Standards

ZERO = Decimal(0)


def amount(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


@dataclass(frozen=True)
class Point:
    """One account's figures from one day on (until its next change)."""

    day: dt.date
    snapshot: Snapshot


def account_states(history: History, account: str) -> list[tuple[dt.date, Snapshot | None]]:
    """The account's figures from each day on, oldest first (the latest change of a
    day wins); None from the day the plan was removed or failed the schema."""
    states: dict[dt.date, Snapshot | None] = {}
    for day, snapshot in history.snapshots(account):
        states[day] = snapshot if snapshot is not None and snapshot.valid else None
    return sorted(states.items(), key=lambda state: state[0])


def account_points(history: History, account: str) -> list[Point]:
    """The account's valid versions, oldest first: what its trend charts draw."""
    return [Point(day, snapshot) for day, snapshot in account_states(history, account)
            if snapshot is not None]


# --- the portfolio by quarter ---------------------------------------------------------------

@dataclass(frozen=True)
class QuarterFigures:
    """A group's figures at a quarter's end (the latest version of each plan)."""

    quarter: Quarter
    accounts: int
    group: PipelineGroup
    satisfaction: Decimal | None
    open_findings: int


def _at(states: Sequence[tuple[dt.date, Snapshot | None]], day: dt.date) -> Snapshot | None:
    latest = None
    for changed, snapshot in states:
        if changed > day:
            break
        latest = snapshot
    return latest


def _sum(quarter: Quarter, label: str, snapshots: Sequence[tuple[str, Snapshot]]) -> QuarterFigures:
    converted = [(a, s) for a, s in snapshots if s.pipeline_this_year is not None]

    def total(name: str) -> Decimal:
        return sum((amount(getattr(s, name)) or ZERO for _, s in converted), ZERO)

    group = PipelineGroup(
        key=label, label=label, accounts=tuple(a for a, _ in converted),
        revenue_target=total("revenue_target"), booked_to_date=total("booked_to_date"),
        remaining_gap=total("remaining_gap"), pipeline_this_year=total("pipeline_this_year"),
        open_pipeline=ZERO)
    scores = [amount(s.satisfaction) for _, s in snapshots if s.satisfaction is not None]
    known = [score for score in scores if score is not None]
    return QuarterFigures(quarter, len(snapshots), group,
                          sum(known, ZERO) / len(known) if known else None,
                          sum(s.open_findings for _, s in snapshots))


@dataclass(frozen=True)
class PortfolioTrends:
    portfolio: tuple[QuarterFigures, ...]
    #: (owner label, their figures by quarter), owners sorted by name
    owners: tuple[tuple[str, tuple[QuarterFigures, ...]], ...]


def portfolio_trends(history: History, standards: Standards, until: dt.date,
                     accounts: Iterable[str] | None = None) -> PortfolioTrends:
    """The portfolio's figures at each fiscal quarter's end, from the first change on."""
    first = history.first_day
    if first is None:
        return PortfolioTrends((), ())
    series = {a: account_states(history, a) for a in (accounts or history.accounts())}
    portfolio: list[QuarterFigures] = []
    owners: dict[str, list[QuarterFigures]] = {}
    owner_labels: dict[str, str] = {}
    for quarter in quarters(first, max(until, first), standards.fiscal_year_start):
        day = min(quarter.last, until)
        at_end = [(a, s) for a, states in series.items()
                  if (s := _at(states, day)) is not None]
        portfolio.append(_sum(quarter, "Portfolio", at_end))
        by_owner: dict[str, list[tuple[str, Snapshot]]] = {}
        for account, snapshot in at_end:
            key = snapshot.owner_key or snapshot.owner or ""
            owner_labels.setdefault(key, snapshot.owner or key)
            by_owner.setdefault(key, []).append((account, snapshot))
        for key, members in by_owner.items():
            owners.setdefault(key, []).append(_sum(quarter, owner_labels[key], members))
    ordered = sorted(owners.items(), key=lambda kv: (owner_labels[kv[0]].casefold(), kv[0]))
    return PortfolioTrends(tuple(portfolio),
                           tuple((owner_labels[k], tuple(v)) for k, v in ordered))
