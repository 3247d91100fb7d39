"""The top of an account page: what a sales leader reads in one minute.

Headline figures, the findings that need action, the conditions of
satisfaction, the few deals that matter, and the next actions. Every number
comes from `generator.figures` (one definition per figure); this module only
selects and orders, so the brief can never disagree with the rules or the
portfolio pages. The full records follow on the page, below the brief.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from generator import figures
from generator.findings import Severity
from generator.model import Action, Agreement, Opportunity, Plan
from generator.portfolio import fiscal_half
from generator.render.account_view import FindingRow, YearFigure
from generator.render.overview import Amount, amount
from generator.standards.config import Standards

#: How many deals and actions the brief names; the full lists follow below it.
MAX_DEALS = 5
MAX_ACTIONS = 5
#: How many findings the brief spells out; the scorecard lists them all.
MAX_FINDINGS = 4


@dataclass(frozen=True)
class Coverage:
    """Plan-year pipeline against the remaining gap, and the standard it is held to."""

    pipeline: Amount
    ratio: Decimal | None
    required: Decimal
    meets: bool


@dataclass(frozen=True)
class NextRenewal:
    """The agreement ending next (or lapsed without a renewal), with its renewal state."""

    agreement: Agreement
    state: figures.RenewalState
    days: int


@dataclass(frozen=True)
class Deal:
    """An opportunity worth naming at the top, and why it is named."""

    opportunity: Opportunity
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class AccountBrief:
    """Everything the one-page brief shows."""

    target: Amount
    booked: Amount
    remaining: Amount
    ltp: Amount
    coverage: Coverage
    ar_growth: YearFigure | None
    satisfaction: YearFigure | None
    next_renewal: NextRenewal | None
    needs_action: tuple[FindingRow, ...]
    waived: int
    deals: tuple[Deal, ...]
    half: str
    next_actions: tuple[Action, ...]
    open_actions: int
    max_findings: int = MAX_FINDINGS


def plan_coverage(plan: Plan, standards: Standards) -> Coverage:
    """The `pipeline-coverage` figures of one plan (see `generator.figures`)."""
    in_year = figures.plan_year_pipeline(plan, standards)
    gap = figures.remaining_gap(plan.financials)
    return Coverage(
        pipeline=amount(in_year, plan.currency, standards),
        ratio=figures.coverage(in_year, gap),
        required=standards.pipeline_coverage,
        meets=figures.meets_coverage(in_year, gap, standards.pipeline_coverage),
    )


def next_renewal(plan: Plan, as_of: dt.date, standards: Standards) -> NextRenewal | None:
    """A lapsed agreement at risk first; else the agreement that ends next."""
    def state(agreement: Agreement) -> figures.RenewalState:
        return figures.renewal_state(plan, agreement, as_of, standards)

    lapsed = [a for a in plan.agreements if a.ends < as_of and state(a) == "at risk"]
    coming = [a for a in plan.agreements if a.ends >= as_of]
    chosen = min(lapsed or coming, key=lambda a: (a.ends, a.id), default=None)
    if chosen is None:
        return None
    return NextRenewal(chosen, state(chosen), (chosen.ends - as_of).days)


def deals_that_matter(plan: Plan, as_of: dt.date, standards: Standards) -> tuple[Deal, ...]:
    """Key wins (open or won at `key_win_amount` or more), the largest open deal,
    and open deals closing this fiscal half; largest first."""
    _, half_start, half_end = fiscal_half(as_of, standards.fiscal_year_start)
    live = [o for o in plan.opportunities if figures.stage_state(o) != "lost"]
    largest_open = max((o for o in live if o.is_open), key=lambda o: o.amount, default=None)
    deals = []
    for opp in sorted(live, key=lambda o: (-o.amount, o.id)):
        reasons = []
        value = figures.converted(opp.amount, plan, standards)
        if value is not None and value >= standards.key_win_amount:
            reasons.append("key win" if opp.is_won else "key deal")
        if opp is largest_open:
            reasons.append("largest open")
        if opp.is_open and half_start <= opp.close <= half_end:
            reasons.append("closes this half")
        if reasons:
            deals.append(Deal(opp, tuple(reasons)))
    return tuple(deals[:MAX_DEALS])


def account_brief(plan: Plan, findings: tuple[FindingRow, ...], ar_trend: tuple[YearFigure, ...],
                  satisfaction: tuple[YearFigure, ...], standards: Standards,
                  as_of: dt.date) -> AccountBrief:
    """The brief of one account page."""
    def money(value: Decimal) -> Amount:
        return amount(value, plan.currency, standards)

    needs_action = tuple(
        row for row in sorted(findings, key=lambda r: (r.finding.severity != Severity.ERROR,
                                                        r.finding.line))
        if not row.finding.waived and row.finding.severity in (Severity.ERROR, Severity.WARNING))
    open_actions = sorted((a for a in plan.actions if a.is_open), key=lambda a: (a.due, a.id))
    # AR growth of the plan year; the latest year when the plan year has no figure.
    plan_year = ([y for y in ar_trend if y.fiscal_year == plan.plan.fiscal_year]
                 or list(ar_trend[-1:]))
    return AccountBrief(
        target=money(plan.financials.revenue_target),
        booked=money(plan.financials.booked_to_date),
        remaining=money(figures.remaining_gap(plan.financials)),
        ltp=money(plan.financials.long_term_potential),
        coverage=plan_coverage(plan, standards),
        ar_growth=plan_year[0] if plan_year else None,
        satisfaction=satisfaction[-1] if satisfaction else None,
        next_renewal=next_renewal(plan, as_of, standards),
        needs_action=needs_action,
        waived=sum(1 for row in findings if row.finding.waived),
        deals=deals_that_matter(plan, as_of, standards),
        half=fiscal_half(as_of, standards.fiscal_year_start)[0],
        next_actions=tuple(open_actions[:MAX_ACTIONS]),
        open_actions=len(open_actions),
    )
