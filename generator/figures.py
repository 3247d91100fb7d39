"""The sales figures, each defined once, with the standard it serves.

Rules, account pages, portfolio pages, the home page's glance, charts and the
exports all take their numbers from here, so they cannot disagree:

- **stage state** (`stage_state`): open unless won or lost — the spec's
  definition, read from `Opportunity.is_open` / `is_won`.
- **remaining gap** (`remaining_gap`): `revenue_target` - `booked_to_date`,
  never below zero (an account ahead of target has nothing left to cover; its
  over-achievement does not close another account's gap in a roll-up).
- **pipeline in a period** (`pipeline`, `weighted_pipeline`): open
  opportunities closing in [first, last], at full amounts (what
  `pipeline-coverage` counts) or weighted by stage.
- **coverage** (`coverage`, `meets_coverage`): pipeline closing in the plan
  year against the remaining gap; it meets the `pipeline-coverage` standard
  when pipeline ≥ `pipeline_coverage` x gap.
- **plan age** (`plan_age_days`, `is_stale`, `age_bucket`): days from
  `last_reviewed` to as-of; stale exactly when `plan-current` fires; the
  freshness buckets are thirds of `review_max_age_days`.
- **renewal at risk** (`renewal_state`, `renewal_horizon`): exactly what
  `ea-renewal` fires on — an agreement ending on or before as-of +
  `renewal_window_months` without a renewal opportunity that is open or won.
- **forecast** (`stage_weight`, `quarter_of`, `quarter_pipeline`,
  `renewal_uplift`): open pipeline per fiscal quarter, unweighted and times
  the standards' `stage_weights`; a renewal's amount against the agreement's
  `annual_value`.
- **conversion**: only through `Standards.convert` (`converted`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from generator.model import Agreement, Financials, Opportunity, Plan
from generator.standards.calendar import Quarter, add_months, fiscal_quarter, fiscal_year_bounds
from generator.standards.config import Standards

ZERO = Decimal(0)

# --- stage state -------------------------------------------------------------

StageState = Literal["open", "won", "lost"]


def stage_state(opportunity: Opportunity) -> StageState:
    """Open unless its stage is won or lost (the spec's "open opportunity")."""
    if opportunity.is_won:
        return "won"
    return "open" if opportunity.is_open else "lost"


# --- pipeline, gap and coverage (standard: pipeline-coverage) ------------------

def remaining_gap(financials: Financials) -> Decimal:
    """What is still to win this plan year: target - booked, never below zero."""
    return max(financials.revenue_target - financials.booked_to_date, ZERO)


def plan_year_bounds(plan: Plan, standards: Standards) -> tuple[dt.date, dt.date]:
    """First and last day of the plan's fiscal year (`plan.fiscal_year`)."""
    return fiscal_year_bounds(plan.plan.fiscal_year, standards.fiscal_year_start)


def pipeline(plan: Plan, first: dt.date | None = None, last: dt.date | None = None) -> Decimal:
    """Unweighted amount of open opportunities closing within [first, last] (if given)."""
    return plan.open_pipeline(first, last)


def weighted_pipeline(plan: Plan, weights: Mapping[str, Decimal],
                      first: dt.date | None = None, last: dt.date | None = None) -> Decimal:
    """Open opportunities closing within [first, last], each times its stage's weight.

    `weights` maps a stage to its weight (0-1), e.g. the standards'
    `stage_weights`. A stage without a weight counts at zero: an unknown weight is not
    a full one.
    """
    return sum((o.amount * weights.get(o.stage, ZERO)
                for o in plan.open_opportunities(first, last)), ZERO)


def plan_year_pipeline(plan: Plan, standards: Standards) -> Decimal:
    """Open pipeline closing in the plan year: the numerator of coverage."""
    return pipeline(plan, *plan_year_bounds(plan, standards))


def coverage(pipeline_amount: Decimal, gap: Decimal) -> Decimal | None:
    """Pipeline ÷ remaining gap; None when nothing is left to cover."""
    if gap <= 0:
        return None
    return pipeline_amount / gap


def needed_pipeline(gap: Decimal, required: Decimal) -> Decimal:
    """The pipeline the standard asks for: `pipeline_coverage` (`required`) x remaining gap."""
    return required * gap


def meets_coverage(pipeline_amount: Decimal, gap: Decimal, required: Decimal) -> bool:
    """The pipeline covers the gap as `pipeline-coverage` asks; nothing left to cover is met.

    `required` is the standards' `pipeline_coverage`. Used for one plan (the
    rule, the account chart) and for a group of plans (portfolio, home page).
    """
    return pipeline_amount >= needed_pipeline(gap, required)


# --- conversion ----------------------------------------------------------------

def converted(amount: Decimal, plan: Plan, standards: Standards) -> Decimal | None:
    """A plan's amount in the standards' currency; None when its currency has no rate."""
    return standards.convert(amount, plan.currency)


# --- plan age (standard: plan-current) ------------------------------------------

def plan_age_days(plan: Plan, as_of: dt.date) -> int:
    """Days from the last review to as-of; negative for a review dated after as-of."""
    return (as_of - plan.plan.last_reviewed).days


def is_stale(age_days: int, standards: Standards) -> bool:
    """Exactly when `plan-current` fires: older than `review_max_age_days`, or in the future."""
    return age_days > standards.review_max_age_days or age_days < 0


FUTURE_BUCKET = "after as-of"


@dataclass(frozen=True)
class AgeBucket:
    """A range of plan ages in days, inclusive; `last` None means "and older"."""

    label: str
    first: int
    last: int | None

    def holds(self, age_days: int) -> bool:
        return self.first <= age_days and (self.last is None or age_days <= self.last)


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def age_buckets(max_age_days: int) -> tuple[AgeBucket, ...]:
    """Thirds of the review standard, then one bucket past it.

    With the default 90 days: 0-30, 31-60, 61-90 and over 90 days. The last
    bucket holds exactly the plans `plan-current` calls too old.
    """
    limits = sorted({math.ceil(max_age_days * n / 3) for n in (1, 2, 3)})
    buckets: list[AgeBucket] = []
    first = 0
    for last in limits:
        label = f"{first}-{last} days" if first < last else _days(last)
        buckets.append(AgeBucket(label, first, last))
        first = last + 1
    buckets.append(AgeBucket(f"over {_days(max_age_days)}", max_age_days + 1, None))
    return tuple(buckets)


def age_bucket(age_days: int, max_age_days: int) -> str:
    """The label of the bucket holding `age_days`; "after as-of" for a future review."""
    if age_days < 0:
        return FUTURE_BUCKET
    return next(b.label for b in age_buckets(max_age_days) if b.holds(age_days))


# --- renewals (standard: ea-renewal) ----------------------------------------------

RenewalState = Literal["renewed", "in progress", "at risk", "not yet due"]


def renewal_horizon(as_of: dt.date, standards: Standards) -> dt.date:
    """The last end date inside the renewal window: as-of + `renewal_window_months`."""
    return add_months(as_of, standards.renewal_window_months)


def renewal_opportunity(plan: Plan, agreement: Agreement) -> Opportunity | None:
    """The opportunity the agreement names as its renewal, if the plan has it."""
    if agreement.renewal_opportunity is None:
        return None
    return next((o for o in plan.opportunities if o.id == agreement.renewal_opportunity), None)


def renewal_is_live(plan: Plan, agreement: Agreement) -> bool:
    """The agreement names a renewal opportunity that is open or won."""
    renewal = renewal_opportunity(plan, agreement)
    return renewal is not None and stage_state(renewal) != "lost"


def in_renewal_window(agreement: Agreement, as_of: dt.date, standards: Standards) -> bool:
    """Ends on or before as-of + `renewal_window_months` (ended agreements included)."""
    return agreement.ends <= renewal_horizon(as_of, standards)


def renewal_state(plan: Plan, agreement: Agreement, as_of: dt.date,
                  standards: Standards) -> RenewalState:
    """Renewed (won), in progress (open), at risk (what `ea-renewal` fires on), else not yet due.

    "Not yet due": no live renewal, but the agreement ends after the renewal
    window, so the standard does not ask for one yet.
    """
    renewal = renewal_opportunity(plan, agreement)
    if renewal is not None and stage_state(renewal) == "won":
        return "renewed"
    if renewal is not None and stage_state(renewal) == "open":
        return "in progress"
    return "at risk" if in_renewal_window(agreement, as_of, standards) else "not yet due"


def is_renewal_at_risk(plan: Plan, agreement: Agreement, as_of: dt.date,
                       standards: Standards) -> bool:
    return renewal_state(plan, agreement, as_of, standards) == "at risk"


def renewals_at_risk(plan: Plan, as_of: dt.date, standards: Standards) -> list[Agreement]:
    """The plan's agreements whose renewal is at risk, in plan order."""
    return [a for a in plan.agreements if is_renewal_at_risk(plan, a, as_of, standards)]


# --- forecast (standard: stage_weights) -------------------------------------------

def stage_weight(opportunity: Opportunity, standards: Standards) -> Decimal:
    """The forecast weight of an open opportunity's stage (`stage_weights`); 0 when not open."""
    if stage_state(opportunity) != "open":
        return ZERO
    return standards.stage_weights.get(opportunity.stage, ZERO)


def quarter_of(day: dt.date, standards: Standards) -> Quarter:
    """The fiscal quarter holding `day`, on the standards' `fiscal_year_start`."""
    return fiscal_quarter(day, standards.fiscal_year_start)


def quarter_pipeline(plan: Plan, quarter: Quarter, standards: Standards
                     ) -> tuple[Decimal, Decimal] | None:
    """Open pipeline closing in the quarter, unweighted and stage-weighted, converted.

    None when the plan's currency has no rate.
    """
    unweighted = converted(pipeline(plan, quarter.first, quarter.last), plan, standards)
    weighted = converted(weighted_pipeline(plan, standards.stage_weights,
                                           quarter.first, quarter.last), plan, standards)
    if unweighted is None or weighted is None:
        return None
    return unweighted, weighted


def renewal_uplift(plan: Plan, agreement: Agreement, standards: Standards
                   ) -> tuple[Decimal, Decimal, Decimal] | None:
    """The renewal opportunity's amount against the agreement's annual value, converted.

    (renewal amount, annual value, uplift = amount - annual value); None when
    the agreement has no renewal opportunity in the plan, no annual value, or
    the plan's currency has no rate.
    """
    renewal = renewal_opportunity(plan, agreement)
    if renewal is None or agreement.annual_value is None:
        return None
    amount = converted(renewal.amount, plan, standards)
    current = converted(agreement.annual_value, plan, standards)
    if amount is None or current is None:
        return None
    return amount, current, amount - current
