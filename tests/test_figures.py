"""The sales figures (`generator.figures`): each definition pinned at its boundaries."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import figures
from generator.loader import load_yaml_file
from generator.model import Agreement, Financials, Opportunity, Plan, build_plan
from generator.standards.config import Standards, load_standards
from generator.standards.registry import RuleContext
from generator.standards.rules import ea_renewal, pipeline_coverage, plan_current
from tests.support import AS_OF, EXAMPLE

STANDARDS = load_standards(None)


def opportunity(stage: str, amount: int, close: dt.date, opp_id: str = "opp") -> Opportunity:
    return Opportunity(id=opp_id, name=opp_id, stage=stage, amount=Decimal(amount),
                       opened=dt.date(2026, 1, 1), close=close)


@cache
def example_plan() -> Plan:
    return build_plan(load_yaml_file(EXAMPLE).data)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return example_plan()


def with_(base: Plan, **changes: object) -> Plan:
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


# --- stage state ---------------------------------------------------------------

@pytest.mark.parametrize(("stage", "state"), [
    ("qualify", "open"), ("develop", "open"), ("propose", "open"), ("negotiate", "open"),
    ("won", "won"), ("lost", "lost"),
])
def test_stage_state(stage: str, state: str) -> None:
    assert figures.stage_state(opportunity(stage, 1, AS_OF)) == state


# --- remaining gap, pipeline, coverage -----------------------------------------

@pytest.mark.parametrize(("target", "booked", "gap"), [
    (100, 40, 60), (100, 100, 0), (100, 130, 0), (100, 0, 100)])
def test_remaining_gap_is_never_below_zero(target: int, booked: int, gap: int) -> None:
    financials = Financials(Decimal(0), (), Decimal(target), Decimal(booked))
    assert figures.remaining_gap(financials) == Decimal(gap)


def test_pipeline_counts_open_opportunities_closing_in_the_period(plan: Plan) -> None:
    first, last = dt.date(2026, 7, 1), dt.date(2027, 6, 30)
    plan = with_(plan, opportunities=(
        opportunity("develop", 10, first, "a"),             # first day: in
        opportunity("negotiate", 20, last, "b"),            # last day: in
        opportunity("propose", 40, dt.date(2026, 6, 30), "c"),  # the day before: out
        opportunity("qualify", 80, dt.date(2027, 7, 1), "d"),   # the day after: out
        opportunity("won", 160, last, "e"),                 # won: not pipeline
        opportunity("lost", 320, last, "f"),                # lost: not pipeline
    ))
    assert figures.pipeline(plan, first, last) == Decimal(30)
    assert figures.pipeline(plan) == Decimal(150)
    weights = {"develop": Decimal("0.5"), "negotiate": Decimal("0.25")}
    assert figures.weighted_pipeline(plan, weights, first, last) == Decimal(10)
    # A stage without a weight counts at zero, not at full amount.
    assert figures.weighted_pipeline(plan, weights) == Decimal(10)


def test_plan_year_pipeline_uses_the_plan_year_not_the_as_of_year(plan: Plan) -> None:
    info = dataclasses.replace(plan.plan, fiscal_year="FY2028")
    later = dataclasses.replace(plan, plan=info, opportunities=(
        opportunity("develop", 7, dt.date(2027, 7, 1), "in-fy2028"),
        opportunity("develop", 5, dt.date(2027, 6, 30), "in-fy2027"),
    ))
    assert figures.plan_year_bounds(later, STANDARDS) == (dt.date(2027, 7, 1),
                                                         dt.date(2028, 6, 30))
    assert figures.plan_year_pipeline(later, STANDARDS) == Decimal(7)


@pytest.mark.parametrize(("pipeline", "gap", "meets"), [
    (125, 100, True),    # exactly 1.25x: meets
    (124, 100, False),   # one under
    (0, 0, True),        # nothing left to cover
    (0, 1, False),
])
def test_meets_coverage_at_the_boundary(pipeline: int, gap: int, meets: bool) -> None:
    required = Decimal("1.25")
    assert figures.meets_coverage(Decimal(pipeline), Decimal(gap), required) is meets
    assert figures.needed_pipeline(Decimal(gap), required) == Decimal(gap) * required


def test_coverage_ratio() -> None:
    assert figures.coverage(Decimal(143), Decimal(100)) == Decimal("1.43")
    assert figures.coverage(Decimal(5), Decimal(0)) is None
    assert figures.coverage(Decimal(5), Decimal(-3)) is None


def test_conversion_goes_through_the_standards(plan: Plan) -> None:
    assert figures.converted(Decimal(100), plan, STANDARDS) == Decimal("14.00")  # CNY 0.14
    assert figures.converted(Decimal(100), with_(plan, currency="CHF"), STANDARDS) is None


# --- plan age ------------------------------------------------------------------

@pytest.mark.parametrize(("age", "stale"), [(0, False), (90, False), (91, True), (-1, True)])
def test_stale_exactly_when_plan_current_fires(age: int, stale: bool) -> None:
    assert figures.is_stale(age, STANDARDS) is stale


def test_plan_age_counts_days_to_as_of(plan: Plan) -> None:
    reviewed = plan.plan.last_reviewed
    assert figures.plan_age_days(plan, reviewed + dt.timedelta(days=12)) == 12
    assert figures.plan_age_days(plan, reviewed - dt.timedelta(days=1)) == -1


@pytest.mark.parametrize(("days", "bucket"), [
    (0, "0-30 days"), (30, "0-30 days"), (31, "31-60 days"), (60, "31-60 days"),
    (61, "61-90 days"), (90, "61-90 days"), (91, "over 90 days"), (-1, "after as-of"),
])
def test_age_buckets_of_the_default_standard(days: int, bucket: str) -> None:
    assert figures.age_bucket(days, 90) == bucket


@pytest.mark.parametrize(("max_age", "labels"), [
    (60, ["0-20 days", "21-40 days", "41-60 days", "over 60 days"]),
    (45, ["0-15 days", "16-30 days", "31-45 days", "over 45 days"]),
    (100, ["0-34 days", "35-67 days", "68-100 days", "over 100 days"]),
    (2, ["0-1 days", "2 days", "over 2 days"]),
    (1, ["0-1 days", "over 1 day"]),
])
def test_age_buckets_follow_review_max_age_days(max_age: int, labels: list[str]) -> None:
    buckets = figures.age_buckets(max_age)
    assert [b.label for b in buckets] == labels
    # Every age falls in exactly one bucket, and the last holds exactly the stale ones.
    for age in range(0, 3 * max_age + 2):
        holding = [b for b in buckets if b.holds(age)]
        assert len(holding) == 1
        assert (holding[0] is buckets[-1]) == (age > max_age)


# --- renewals ------------------------------------------------------------------

def agreement(ends: dt.date, renewal: str | None = None) -> Agreement:
    return Agreement(id="ea", type="EA", starts=dt.date(2024, 1, 1), ends=ends,
                     renewal_opportunity=renewal)


HORIZON = dt.date(2027, 11, 27)  # as-of 2026-11-27 + 12 months


@pytest.mark.parametrize(("ends", "renewal_stage", "state"), [
    (HORIZON, None, "at risk"),                           # last day of the window
    (HORIZON + dt.timedelta(days=1), None, "not yet due"),  # one day after
    (dt.date(2026, 1, 1), None, "at risk"),               # already ended
    (HORIZON, "lost", "at risk"),
    (HORIZON, "missing", "at risk"),                      # names an unknown opportunity
    (HORIZON, "develop", "in progress"),
    (HORIZON, "won", "renewed"),
    (HORIZON + dt.timedelta(days=400), "won", "renewed"),
    (HORIZON + dt.timedelta(days=400), "lost", "not yet due"),
])
def test_renewal_state(plan: Plan, ends: dt.date, renewal_stage: str | None,
                       state: str) -> None:
    opportunities = () if renewal_stage in (None, "missing") else (
        opportunity(renewal_stage or "", 1, ends, "opp-renewal"),)
    named = None if renewal_stage is None else "opp-renewal"
    test_plan = with_(plan, opportunities=opportunities, agreements=(agreement(ends, named),))
    assert figures.renewal_horizon(AS_OF, STANDARDS) == HORIZON
    assert figures.renewal_state(test_plan, test_plan.agreements[0], AS_OF, STANDARDS) == state
    at_risk = figures.renewals_at_risk(test_plan, AS_OF, STANDARDS)
    assert (at_risk == list(test_plan.agreements)) == (state == "at risk")


def test_renewal_window_comes_from_the_standards(plan: Plan) -> None:
    wider: Standards = dataclasses.replace(STANDARDS, renewal_window_months=24)
    test_plan = with_(plan, opportunities=(),
                      agreements=(agreement(dt.date(2028, 3, 31)),))
    assert figures.renewal_state(test_plan, test_plan.agreements[0], AS_OF,
                                 STANDARDS) == "not yet due"
    assert figures.renewal_state(test_plan, test_plan.agreements[0], AS_OF,
                                 wider) == "at risk"


# --- the rule and the figure are one test ------------------------------------------

@settings(max_examples=200, deadline=None)
@given(days=st.integers(-400, 1200), window=st.integers(1, 36),
       stage=st.sampled_from([None, "missing", "qualify", "develop", "propose",
                              "negotiate", "won", "lost"]))
def test_ea_renewal_fires_exactly_on_at_risk_renewals(days: int, window: int,
                                                      stage: str | None) -> None:
    base = example_plan()
    ends = AS_OF + dt.timedelta(days=days)
    named = None if stage is None else "opp-renewal"
    opportunities = () if stage in (None, "missing") else (
        opportunity(stage or "", 1, ends, "opp-renewal"),)
    test_plan = with_(base, opportunities=opportunities, agreements=(agreement(ends, named),))
    standards = dataclasses.replace(STANDARDS, renewal_window_months=window)
    fired = list(ea_renewal.check(test_plan, RuleContext(standards, as_of=AS_OF)))
    at_risk = figures.is_renewal_at_risk(test_plan, test_plan.agreements[0], AS_OF, standards)
    assert bool(fired) == at_risk


@settings(max_examples=200, deadline=None)
@given(days=st.integers(-30, 400), max_age=st.integers(1, 365))
def test_plan_current_fires_exactly_on_stale_plans(days: int, max_age: int) -> None:
    base = example_plan()
    info = dataclasses.replace(base.plan, last_reviewed=AS_OF - dt.timedelta(days=days))
    test_plan = dataclasses.replace(base, plan=info)
    standards = dataclasses.replace(STANDARDS, review_max_age_days=max_age)
    fired = list(plan_current.check(test_plan, RuleContext(standards, as_of=AS_OF)))
    assert bool(fired) == figures.is_stale(figures.plan_age_days(test_plan, AS_OF), standards)
    assert (figures.age_bucket(days, max_age) == f"over {max_age} day{'s' * (max_age != 1)}"
            ) == (days > max_age)


@settings(max_examples=200, deadline=None)
@given(target=st.integers(0, 10_000), booked=st.integers(0, 10_000),
       amounts=st.lists(st.integers(0, 10_000), max_size=4),
       required=st.sampled_from(["1", "1.25", "1.5", "3"]))
def test_pipeline_coverage_fires_exactly_when_coverage_is_not_met(
        target: int, booked: int, amounts: list[int], required: str) -> None:
    base = example_plan()
    financials = dataclasses.replace(base.financials, revenue_target=Decimal(target),
                                     booked_to_date=Decimal(booked))
    close = dt.date(2027, 3, 31)  # in the plan year FY2027
    test_plan = dataclasses.replace(base, financials=financials, opportunities=tuple(
        opportunity("develop", amount, close, f"opp-{n}") for n, amount in enumerate(amounts)))
    standards = dataclasses.replace(STANDARDS, pipeline_coverage=Decimal(required))
    fired = list(pipeline_coverage.check(test_plan, RuleContext(standards, as_of=AS_OF)))
    pipeline = figures.plan_year_pipeline(test_plan, standards)
    gap = figures.remaining_gap(financials)
    assert pipeline == sum(amounts)
    assert bool(fired) == (not figures.meets_coverage(pipeline, gap, Decimal(required)))
    ratio = figures.coverage(pipeline, gap)
    assert (ratio is None) == (gap == 0)
    if ratio is not None:
        assert bool(fired) == (ratio < Decimal(required))
