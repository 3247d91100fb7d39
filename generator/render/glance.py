"""The home page's "Portfolio at a glance": the three questions a sales leader asks first.

- Which renewals are at risk by the end of this fiscal half, and within the
  renewal window? "At risk" is what the `ea-renewal` standard fires on.
- Which plans are stale (reviewed longer ago than `review_max_age_days`)?
- Where does pipeline fall short of target (owners and segments under coverage)?

Each answer is taken from the portfolio roll-ups (`generator.portfolio`) that
the portfolio pages are built from, so the home page and those pages agree;
nothing is recomputed here, only selected and cut to a readable length.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, TypeVar

from generator.model import Plan
from generator.portfolio import (
    FreshnessRow,
    PipelineGroup,
    PipelineRollup,
    RenewalEntry,
    pipeline_rollup,
    plan_freshness,
    renewals_calendar,
)
from generator.standards.config import Standards

#: How many accounts, owners or segments a sentence names before "and N more":
#: the home page answers the question, the portfolio page holds the full list.
MAX_NAMED = 5

T = TypeVar("T")


@dataclass(frozen=True)
class Named(Generic[T]):
    """The first few items of a list, and how many more there are."""

    shown: tuple[T, ...]
    more: int

    @classmethod
    def of(cls, items: Sequence[T], limit: int = MAX_NAMED) -> Named[T]:
        return cls(tuple(items[:limit]), max(len(items) - limit, 0))


def annual_value(entries: Sequence[RenewalEntry]) -> Decimal:
    """The yearly value of the agreements, in the standards' currency (unknown ones as 0)."""
    return sum((e.annual_value_converted or Decimal(0) for e in entries), Decimal(0))


@dataclass(frozen=True)
class RenewalRisk:
    """Agreements the `ea-renewal` standard finds at risk: ending within the renewal
    window with no renewal opportunity, or one that is lost or not in the plan."""

    current_half: str
    half_end: dt.date
    #: as-of + `renewal_window_months`
    horizon: dt.date
    window_months: int
    currency: str
    #: at risk and ending by the half's last day, lapsed ones included
    by_half_end: tuple[RenewalEntry, ...]
    #: every at-risk agreement, earliest first
    within_horizon: tuple[RenewalEntry, ...]

    @property
    def lapsed(self) -> int:
        return sum(1 for e in self.by_half_end if e.ended)

    @property
    def value_by_half_end(self) -> Decimal:
        return annual_value(self.by_half_end)

    @property
    def value_within_horizon(self) -> Decimal:
        return annual_value(self.within_horizon)

    @property
    def named(self) -> Named[RenewalEntry]:
        return Named.of(self.within_horizon)


@dataclass(frozen=True)
class StalePlans:
    """Plans past the review standard, stalest first."""

    max_age_days: int
    plans: int
    stale: tuple[FreshnessRow, ...]
    #: the least recently reviewed plan, stale or not (None without plans)
    stalest: FreshnessRow | None

    @property
    def named(self) -> Named[FreshnessRow]:
        return Named.of(self.stale)


@dataclass(frozen=True)
class CoverageShortfall:
    """Pipeline closing this fiscal year against the remaining gap, and who is short."""

    fiscal_year: str
    currency: str
    required: Decimal
    total: PipelineGroup
    owners: int
    segments: int
    #: under `pipeline_coverage`, lowest coverage first
    owners_under: tuple[PipelineGroup, ...]
    segments_under: tuple[PipelineGroup, ...]
    #: plans left out of the sums because their currency has no exchange rate
    excluded: int

    @property
    def named_owners(self) -> Named[PipelineGroup]:
        return Named.of(self.owners_under)

    @property
    def named_segments(self) -> Named[PipelineGroup]:
        return Named.of(self.segments_under)


@dataclass(frozen=True)
class Glance:
    """The three answers of the home page."""

    renewals: RenewalRisk
    freshness: StalePlans
    pipeline: CoverageShortfall


def renewal_risk(plans: Sequence[Plan], standards: Standards, as_of: dt.date) -> RenewalRisk:
    """At-risk renewals by the end of this fiscal half and within the renewal window."""
    calendar = renewals_calendar(plans, standards, as_of)
    at_risk = tuple(e for e in calendar.entries if e.at_risk)
    half_end = calendar.current_half_bounds[1]
    return RenewalRisk(
        current_half=calendar.current_half,
        half_end=half_end,
        horizon=calendar.renewal_horizon,
        window_months=standards.renewal_window_months,
        currency=calendar.currency,
        by_half_end=tuple(e for e in at_risk if e.ends <= half_end),
        within_horizon=at_risk,
    )


def stale_plans(plans: Sequence[Plan], standards: Standards, as_of: dt.date) -> StalePlans:
    """Plans the `plan-current` standard calls stale: too old, or dated after as-of."""
    freshness = plan_freshness(plans, standards, as_of)
    return StalePlans(
        max_age_days=freshness.max_age_days,
        plans=len(freshness.rows),
        stale=tuple(r for r in freshness.rows if r.overdue),
        stalest=freshness.rows[0] if freshness.rows else None,
    )


def _under(rollup: PipelineRollup) -> tuple[PipelineGroup, ...]:
    # A group under the standard has a gap, so its coverage is a number.
    return tuple(sorted(rollup.under, key=lambda g: (g.coverage or Decimal(0),
                                                      g.label.casefold())))


def coverage_shortfall(plans: Sequence[Plan], standards: Standards,
                       as_of: dt.date) -> CoverageShortfall:
    """Owners and segments whose pipeline closing in the plan year is under the standard."""
    by_owner = pipeline_rollup(plans, standards, as_of, "owner")
    by_segment = pipeline_rollup(plans, standards, as_of, "segment")
    return CoverageShortfall(
        fiscal_year=by_owner.fiscal_year,
        currency=by_owner.currency,
        required=by_owner.required_coverage,
        total=by_owner.total,
        owners=len(by_owner.groups),
        segments=len(by_segment.groups),
        owners_under=_under(by_owner),
        segments_under=_under(by_segment),
        excluded=len(by_owner.excluded),
    )


def portfolio_glance(plans: Sequence[Plan], standards: Standards, as_of: dt.date) -> Glance:
    """The home page's answers for the valid plans, as of a date."""
    return Glance(
        renewals=renewal_risk(plans, standards, as_of),
        freshness=stale_plans(plans, standards, as_of),
        pipeline=coverage_shortfall(plans, standards, as_of),
    )
