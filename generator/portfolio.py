"""Portfolio roll-ups: what sales leaders look at across every valid plan.

Every figure (remaining gap, pipeline, coverage, plan age, renewal at risk)
comes from `generator.figures`, the one definition the rules use too. All
amounts are converted into the standards' currency with exact decimal
arithmetic (`Standards.convert`). A plan whose currency has no exchange rate
is never silently dropped: the amount roll-ups list it as excluded, with the
reason, and the page shows that list.

- `pipeline_rollup`: open pipeline closing in each plan's plan year (what the
  `pipeline-coverage` standard counts), total open pipeline, revenue target,
  booked to date and the remaining gap, grouped by owner, region, industry or
  segment, with the coverage ratio (pipeline closing in the plan year ÷
  remaining gap).
- `renewals_calendar`: agreements ending within the next 18 months, plus ended
  ones whose renewal is not won, with their renewal opportunity's stage and
  their state; "at risk" is exactly what the `ea-renewal` standard fires on.
- `plan_freshness`: plans by days since their last review, stalest first.
- `standards_heatmap`: accounts x rules, the worst outcome of each rule.
- `whitespace_matrix`: products x accounts, how far each account is with each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from generator import figures
from generator.figures import FUTURE_BUCKET, RenewalState
from generator.findings import Finding, Severity
from generator.model import Plan
from generator.standards.calendar import add_months, fiscal_year_bounds, fiscal_year_of
from generator.standards.config import Standards

if TYPE_CHECKING:
    from generator.checker import CheckRun

ZERO = Decimal(0)
GROUPINGS = ("owner", "region", "industry", "segment")
RENEWAL_HORIZON_MONTHS = 18


# --- conversion and exclusion ------------------------------------------------

@dataclass(frozen=True)
class ExcludedPlan:
    """A plan left out of the amount roll-ups, and why."""

    account_id: str
    account_name: str
    currency: str
    reason: str


@dataclass(frozen=True)
class AccountFigures:
    """One account's pipeline and target figures, in the standards' currency."""

    plan: Plan
    revenue_target: Decimal
    booked_to_date: Decimal
    #: `figures.remaining_gap`: never below zero, so one account's
    #: over-achievement does not close another account's gap.
    remaining_gap: Decimal
    #: open opportunities whose close falls in the plan year (`figures.plan_year_pipeline`)
    pipeline_this_year: Decimal
    #: every open opportunity, whatever its close date
    open_pipeline: Decimal
    long_term_potential: Decimal


def _excluded(plan: Plan, standards: Standards) -> ExcludedPlan:
    return ExcludedPlan(
        plan.account.id, plan.account.name, plan.currency,
        f"no exchange rate for {plan.currency} in the standards "
        f"(amounts are shown in {standards.currency})")


def account_figures(plans: Iterable[Plan], standards: Standards, as_of: dt.date
                    ) -> tuple[list[AccountFigures], list[ExcludedPlan]]:
    """Each plan's figures converted, and the plans that cannot be converted.

    `as_of` is kept for callers' symmetry: every figure here belongs to the plan year.
    """
    converted: list[AccountFigures] = []
    excluded: list[ExcludedPlan] = []
    for plan in plans:
        fin = plan.financials
        amounts = [figures.converted(value, plan, standards) for value in (
            fin.revenue_target, fin.booked_to_date, figures.remaining_gap(fin),
            figures.plan_year_pipeline(plan, standards), figures.pipeline(plan),
            fin.long_term_potential)]
        target, booked, gap, this_year, pipeline, ltp = amounts
        if (target is None or booked is None or gap is None or this_year is None
                or pipeline is None or ltp is None):
            excluded.append(_excluded(plan, standards))
            continue
        converted.append(AccountFigures(
            plan=plan, revenue_target=target, booked_to_date=booked, remaining_gap=gap,
            pipeline_this_year=this_year, open_pipeline=pipeline, long_term_potential=ltp))
    return converted, excluded


# --- pipeline and target -----------------------------------------------------

@dataclass(frozen=True)
class PipelineGroup:
    """Pipeline and target of a group of accounts (one owner, region, …)."""

    key: str
    label: str
    accounts: tuple[str, ...]
    revenue_target: Decimal
    booked_to_date: Decimal
    remaining_gap: Decimal
    pipeline_this_year: Decimal
    open_pipeline: Decimal

    @property
    def coverage(self) -> Decimal | None:
        """Pipeline closing in the plan year ÷ remaining gap; None when nothing is left."""
        return figures.coverage(self.pipeline_this_year, self.remaining_gap)

    def meets(self, required: Decimal) -> bool:
        """The group's pipeline covers its gap as the `pipeline-coverage` standard asks."""
        return figures.meets_coverage(self.pipeline_this_year, self.remaining_gap, required)


@dataclass(frozen=True)
class PipelineRollup:
    """Pipeline and target grouped one way, with the portfolio total."""

    grouping: str
    #: the plans' plan year when they share one (as they should: `plan-year`),
    #: else "the plan year"
    fiscal_year: str
    currency: str
    required_coverage: Decimal
    groups: tuple[PipelineGroup, ...]
    total: PipelineGroup
    excluded: tuple[ExcludedPlan, ...]

    def is_under(self, group: PipelineGroup) -> bool:
        """The group falls short of the coverage standard."""
        return not group.meets(self.required_coverage)

    @property
    def under(self) -> tuple[PipelineGroup, ...]:
        return tuple(g for g in self.groups if self.is_under(g))


def plan_year_label(plans: Iterable[Plan], as_of: dt.date, standards: Standards) -> str:
    """The plan year the plans share ("FY2027"), or "the plan year" when they differ.

    Without plans: the fiscal year that contains as-of, the one a new plan is for.
    """
    years = {plan.plan.fiscal_year for plan in plans}
    if not years:
        return fiscal_year_of(as_of, standards.fiscal_year_start)
    return years.pop() if len(years) == 1 else "the plan year"


def group_key(plan: Plan, grouping: str) -> tuple[str, str]:
    """(key, display label) of a plan in a grouping; a missing region reads "(no region)"."""
    if grouping == "owner":
        return plan.owner_key, plan.plan.owner
    if grouping == "region":
        return plan.account.region or "", plan.account.region or "(no region)"
    if grouping == "industry":
        return plan.account.industry, plan.account.industry
    if grouping == "segment":
        return plan.account.segment, plan.account.segment
    raise ValueError(f"unknown grouping {grouping!r}; use one of {', '.join(GROUPINGS)}")


def _sum_group(key: str, label: str, members: Sequence[AccountFigures]) -> PipelineGroup:
    def total(field: str) -> Decimal:
        return sum((getattr(m, field) for m in members), ZERO)

    return PipelineGroup(
        key=key, label=label, accounts=tuple(m.plan.account.id for m in members),
        revenue_target=total("revenue_target"), booked_to_date=total("booked_to_date"),
        remaining_gap=total("remaining_gap"), pipeline_this_year=total("pipeline_this_year"),
        open_pipeline=total("open_pipeline"),
    )


def pipeline_rollup(plans: Iterable[Plan], standards: Standards, as_of: dt.date,
                    grouping: str = "owner") -> PipelineRollup:
    """Pipeline against target by owner, region, industry or segment.

    Groups are sorted by label; an owner is keyed by `Plan.owner_key` (their
    email where the team gives one) and shown by the first name seen in path order.
    """
    plans = list(plans)
    per_account, excluded = account_figures(plans, standards, as_of)
    members: dict[str, list[AccountFigures]] = {}
    labels: dict[str, str] = {}
    for item in per_account:
        key, label = group_key(item.plan, grouping)
        members.setdefault(key, []).append(item)
        labels.setdefault(key, label)
    groups = tuple(sorted((_sum_group(k, labels[k], v) for k, v in members.items()),
                          key=lambda g: (g.label.casefold(), g.key)))
    return PipelineRollup(
        grouping=grouping,
        fiscal_year=plan_year_label(plans, as_of, standards),
        currency=standards.currency,
        required_coverage=standards.pipeline_coverage,
        groups=groups,
        total=_sum_group("", "Portfolio", per_account),
        excluded=tuple(excluded),
    )


# --- renewals ----------------------------------------------------------------

RenewalStatus = RenewalState


@dataclass(frozen=True)
class RenewalEntry:
    """One agreement in the renewals calendar."""

    account_id: str
    account_name: str
    agreement_id: str
    agreement_type: str
    ends: dt.date
    #: days from as-of to the end date; negative once the agreement has ended
    days_left: int
    currency: str
    annual_value: Decimal | None
    #: annual value in the standards' currency (None without a value or a rate)
    annual_value_converted: Decimal | None
    renewal_opportunity: str | None
    #: the renewal opportunity's stage; None when it is missing or unresolved
    renewal_stage: str | None
    fiscal_half: str
    in_current_half: bool
    #: `figures.renewal_state`: renewed, in progress, at risk (what `ea-renewal`
    #: fires on) or not yet due (no live renewal, ending after the renewal window)
    status: RenewalStatus

    @property
    def ended(self) -> bool:
        return self.days_left < 0

    @property
    def at_risk(self) -> bool:
        return self.status == "at risk"


@dataclass(frozen=True)
class RenewalsCalendar:
    """Agreements ending soon, earliest first, with the current fiscal half."""

    as_of: dt.date
    horizon: dt.date
    #: as-of + `renewal_window_months`: renewals ending by then without a live
    #: renewal opportunity are at risk
    renewal_horizon: dt.date
    currency: str
    current_half: str
    current_half_bounds: tuple[dt.date, dt.date]
    entries: tuple[RenewalEntry, ...]


def fiscal_half(day: dt.date, start: tuple[int, int]) -> tuple[str, dt.date, dt.date]:
    """The fiscal half containing `day`: ("FY2027 H1", first day, last day)."""
    label = fiscal_year_of(day, start)
    first, last = fiscal_year_bounds(label, start)
    middle = add_months(first, 6)
    if day < middle:
        return f"{label} H1", first, middle - dt.timedelta(days=1)
    return f"{label} H2", middle, last


def renewals_calendar(plans: Iterable[Plan], standards: Standards, as_of: dt.date,
                      months: int = RENEWAL_HORIZON_MONTHS) -> RenewalsCalendar:
    """Agreements ending between as-of and `months` later, sorted by end date.

    Agreements that have already ended stay on the calendar until their
    renewal is won: a lapsed agreement without a renewal is the most urgent
    line a sales leader can see. Ended agreements whose renewal is won are
    history and left out.
    """
    # Never shorter than the renewal window: every at-risk agreement is listed.
    horizon = max(add_months(as_of, months), figures.renewal_horizon(as_of, standards))
    half_label, half_first, half_last = fiscal_half(as_of, standards.fiscal_year_start)
    entries: list[RenewalEntry] = []
    for plan in plans:
        for agreement in plan.agreements:
            renewal = figures.renewal_opportunity(plan, agreement)
            stage = renewal.stage if renewal is not None else None
            status = figures.renewal_state(plan, agreement, as_of, standards)
            if agreement.ends > horizon or (agreement.ends < as_of and status == "renewed"):
                continue
            value = agreement.annual_value
            entries.append(RenewalEntry(
                account_id=plan.account.id,
                account_name=plan.account.name,
                agreement_id=agreement.id,
                agreement_type=agreement.type,
                ends=agreement.ends,
                days_left=(agreement.ends - as_of).days,
                currency=plan.currency,
                annual_value=value,
                annual_value_converted=(figures.converted(value, plan, standards)
                                        if value is not None else None),
                renewal_opportunity=agreement.renewal_opportunity,
                renewal_stage=stage,
                fiscal_half=fiscal_half(agreement.ends, standards.fiscal_year_start)[0],
                in_current_half=half_first <= agreement.ends <= half_last,
                status=status,
            ))
    entries.sort(key=lambda e: (e.ends, e.account_id, e.agreement_id))
    return RenewalsCalendar(as_of, horizon, figures.renewal_horizon(as_of, standards),
                            standards.currency, half_label,
                            (half_first, half_last), tuple(entries))


# --- freshness ---------------------------------------------------------------



@dataclass(frozen=True)
class FreshnessRow:
    """How long ago one plan was last reviewed."""

    account_id: str
    account_name: str
    owner: str
    last_reviewed: dt.date
    next_review: dt.date | None
    age_days: int
    bucket: str
    #: `figures.is_stale`: exactly when `plan-current` fires
    overdue: bool


@dataclass(frozen=True)
class Freshness:
    """Plans by review age, stalest first, with the count in each age bucket."""

    as_of: dt.date
    max_age_days: int
    rows: tuple[FreshnessRow, ...]

    @property
    def buckets(self) -> tuple[str, ...]:
        """The age buckets' labels, youngest first (thirds of the standard, then past it)."""
        return tuple(b.label for b in figures.age_buckets(self.max_age_days))

    def bucket_counts(self) -> dict[str, int]:
        counts = {bucket: 0 for bucket in (*self.buckets, FUTURE_BUCKET)}
        for row in self.rows:
            counts[row.bucket] += 1
        return counts


def plan_freshness(plans: Iterable[Plan], standards: Standards, as_of: dt.date) -> Freshness:
    """Plans sorted by days since last review, stalest first (then by account id)."""
    rows = []
    for plan in plans:
        age = figures.plan_age_days(plan, as_of)
        rows.append(FreshnessRow(
            account_id=plan.account.id, account_name=plan.account.name,
            owner=plan.plan.owner, last_reviewed=plan.plan.last_reviewed,
            next_review=plan.plan.next_review, age_days=age,
            bucket=figures.age_bucket(age, standards.review_max_age_days),
            overdue=figures.is_stale(age, standards),
        ))
    rows.sort(key=lambda r: (-r.age_days, r.account_id))
    return Freshness(as_of, standards.review_max_age_days, tuple(rows))


# --- standards heatmap -------------------------------------------------------

CellStatus = Literal["error", "warning", "waived", "none"]
_WORST_FIRST: tuple[CellStatus, ...] = ("error", "warning", "waived", "none")


@dataclass(frozen=True)
class HeatmapCell:
    status: CellStatus
    count: int


@dataclass(frozen=True)
class Heatmap:
    """Accounts (rows) x rules (columns): the worst outcome of each rule per account."""

    accounts: tuple[str, ...]
    account_names: Mapping[str, str]
    rules: tuple[str, ...]
    cells: Mapping[tuple[str, str], HeatmapCell]

    def cell(self, account: str, rule: str) -> HeatmapCell:
        return self.cells.get((account, rule), HeatmapCell("none", 0))


def finding_status(finding: Finding) -> CellStatus:
    """What a finding contributes to a cell: waived beats its severity."""
    if finding.waived:
        return "waived"
    return "error" if finding.severity is Severity.ERROR else "warning"


def findings_by_account(run: CheckRun) -> dict[str, list[Finding]]:
    """Findings keyed by account id; a plan without a readable id is keyed by its file."""
    grouped: dict[str, list[Finding]] = {}
    for checked in run.plans:
        grouped.setdefault(checked.account or checked.file, []).extend(checked.findings)
    return grouped


def standards_heatmap(plans: Sequence[Plan], findings: Mapping[str, Sequence[Finding]],
                      rule_order: Sequence[str] | None = None) -> Heatmap:
    """The heatmap's data; a cell is error > warning > waived > none.

    Rows are every plan plus any account that has findings but no valid plan
    (a broken file), sorted by id. Columns are the rules with at least one
    finding, in `rule_order` (default: the registry's order, the spec's table).
    """
    if rule_order is None:
        from generator.standards.registry import all_rules
        rule_order = [rule.id for rule in all_rules()]
    names = {plan.account.id: plan.account.name for plan in plans}
    accounts = tuple(sorted(set(names) | set(findings)))
    cells: dict[tuple[str, str], HeatmapCell] = {}
    for account in accounts:
        per_rule: dict[str, list[CellStatus]] = {}
        for finding in findings.get(account, ()):
            per_rule.setdefault(finding.rule, []).append(finding_status(finding))
        for rule, statuses in per_rule.items():
            worst = min(statuses, key=_WORST_FIRST.index)
            cells[(account, rule)] = HeatmapCell(worst, len(statuses))
    used = {rule for _, rule in cells}
    ordered = [rule for rule in rule_order if rule in used]
    ordered += sorted(used - set(ordered))  # rules unknown to the order still show
    return Heatmap(accounts, {a: names.get(a, a) for a in accounts}, tuple(ordered), cells)


# --- whitespace --------------------------------------------------------------

WhitespaceStatus = Literal["deployed", "owned", "pipeline", "none"]


@dataclass(frozen=True)
class Whitespace:
    """Products (rows) x accounts (columns)."""

    products: tuple[str, ...]
    accounts: tuple[str, ...]
    account_names: Mapping[str, str]
    cells: Mapping[tuple[str, str], WhitespaceStatus]

    def status(self, product: str, account: str) -> WhitespaceStatus:
        return self.cells.get((product, account), "none")

    def whitespace_count(self, product: str) -> int:
        """Accounts where the product is none of deployed, owned or in pipeline."""
        return sum(1 for a in self.accounts if self.status(product, a) == "none")

    def account_whitespace_count(self, account: str) -> int:
        """Products the account has none of: not deployed, owned or in pipeline."""
        return sum(1 for p in self.products if self.status(p, account) == "none")


def product_status(plan: Plan, product: str) -> WhitespaceStatus:
    """How far an account is with a product; the most advanced state wins.

    Precedence: deployed (in `deployment` with deployed > 0) > owned (in an
    agreement's products, entitled in `deployment` but nothing deployed yet,
    or in a won opportunity) > pipeline (in an open opportunity) > none.
    A won opportunity counts as owned so that a product the customer has just
    bought is not shown to sellers as whitespace.
    """
    if any(d.product == product and d.deployed > 0 for d in plan.deployment):
        return "deployed"
    if (any(product in a.products for a in plan.agreements)
            or any(d.product == product for d in plan.deployment)
            or any(product in o.products for o in plan.opportunities if o.is_won)):
        return "owned"
    if any(product in o.products for o in plan.open_opportunities()):
        return "pipeline"
    return "none"


def _products_of(plan: Plan) -> set[str]:
    named = {d.product for d in plan.deployment}
    named.update(p for a in plan.agreements for p in a.products)
    named.update(p for o in plan.opportunities for p in o.products)
    return named


def whitespace_matrix(plans: Sequence[Plan]) -> Whitespace:
    """Every product any plan names, against every account."""
    products = sorted(set().union(*(_products_of(p) for p in plans)), key=str.casefold)
    accounts = tuple(sorted(p.account.id for p in plans))
    cells: dict[tuple[str, str], WhitespaceStatus] = {}
    for plan in plans:
        for product in products:
            status = product_status(plan, product)
            if status != "none":
                cells[(product, plan.account.id)] = status
    return Whitespace(tuple(products), accounts,
                      {p.account.id: p.account.name for p in plans}, cells)
