"""Portfolio roll-ups against totals worked out by hand from the six sample plans.

As of 2026-11-27 the current fiscal year is FY2027 (2026-07-01 .. 2027-06-30).
Exchange rates (standards defaults): EUR 1.08, GBP 1.27, CNY 0.14, USD 1.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from generator.checker import CheckRun
from generator.findings import Finding, Severity
from generator.model import Agreement, Deployment, Opportunity, Plan
from generator.portfolio import (
    PipelineRollup,
    findings_by_account,
    fiscal_half,
    pipeline_rollup,
    plan_freshness,
    product_status,
    renewals_calendar,
    standards_heatmap,
    whitespace_matrix,
)
from generator.standards.config import Standards
from tests.support import AS_OF


def by_label(rollup: PipelineRollup) -> dict[str, tuple[Decimal, Decimal, Decimal]]:
    return {g.label: (g.pipeline_this_year, g.remaining_gap, g.open_pipeline)
            for g in rollup.groups}


# --- pipeline and target -----------------------------------------------------

def test_pipeline_by_owner(plans: list[Plan], standards: Standards) -> None:
    rollup = pipeline_rollup(plans, standards, AS_OF, "owner")
    assert rollup.fiscal_year == "FY2027" and rollup.currency == "USD"
    assert by_label(rollup) == {
        # jinsha-bank: (9.8M + 5.4M + 4.2M) CNY x 0.14 = 2,716,000; gap (19.5M - 6.2M) x 0.14
        #   = 1,862,000. kessler-suzhou: (2.6M + 0.78M) x 0.14 = 473,200; gap (3.1M - 0.85M)
        #   x 0.14 = 315,000. Sum: 3,189,200 and 2,177,000; all open closes in FY2027.
        "Chen Jing": (Decimal("3189200"), Decimal("2177000"), Decimal("3189200")),
        # alpennetz: (3.2M + 1.45M) EUR x 1.08 = 5,022,000 (the 4.1M EA renewal closes in
        #   FY2028); gap (5.3M - 1.75M) x 1.08 = 3,834,000; open (3.2 + 1.45 + 4.1)M x 1.08
        #   = 9,450,000. northmere: (1.45M + 0.78M) GBP x 1.27 = 2,832,100; gap (2.05M -
        #   0.42M) x 1.27 = 2,070,100. Sums: 7,854,100; 5,904,100; 12,282,100.
        "Daniel Moreau": (Decimal("7854100"), Decimal("5904100"), Decimal("12282100")),
        # meridian: 780K + 450K + 910K = 2,140,000; gap 1,310,000 - 380,000 = 930,000.
        "Marcus Bell": (Decimal("2140000"), Decimal("930000"), Decimal("2140000")),
        # brightwater: 420K + 260K = 680,000; gap 820,000 - 140,000 = 680,000.
        "Priya Natarajan": (Decimal("680000"), Decimal("680000"), Decimal("680000")),
    }
    coverage = {g.label: g.coverage for g in rollup.groups}
    assert coverage["Priya Natarajan"] == 1
    assert coverage["Marcus Bell"] is not None
    assert coverage["Marcus Bell"].quantize(Decimal("0.01")) == Decimal("2.30")  # 2.14 / 0.93
    # Owners are keyed by email: both Daniel Moreau plans are one owner.
    assert [g.key for g in rollup.groups][1] == "daniel.moreau@example.com"
    assert rollup.groups[1].accounts == ("alpennetz-telekom", "northmere-water")
    assert rollup.excluded == ()


def test_pipeline_portfolio_total(plans: list[Plan], standards: Standards) -> None:
    total = pipeline_rollup(plans, standards, AS_OF).total
    # 3,189,200 + 7,854,100 + 2,140,000 + 680,000 = 13,863,300
    assert total.pipeline_this_year == Decimal("13863300")
    # 2,177,000 + 5,904,100 + 930,000 + 680,000 = 9,691,100
    assert total.remaining_gap == Decimal("9691100")
    # 13,863,300 + the 4,100,000 EUR renewal closing in FY2028 (x 1.08 = 4,428,000)
    assert total.open_pipeline == Decimal("18291300")
    # targets: 5,724,000 + 820,000 + 2,730,000 + 434,000 + 1,310,000 + 2,603,500
    assert total.revenue_target == Decimal("13621500")
    # booked: 1,890,000 + 140,000 + 868,000 + 119,000 + 380,000 + 533,400
    assert total.booked_to_date == Decimal("3930400")
    assert total.coverage is not None
    assert total.coverage.quantize(Decimal("0.001")) == Decimal("1.431")  # 13,863,300 / 9,691,100


def test_pipeline_by_segment_and_region(plans: list[Plan], standards: Standards) -> None:
    segments = by_label(pipeline_rollup(plans, standards, AS_OF, "segment"))
    # emerging: brightwater 680,000 + kessler 473,200 + meridian 2,140,000 = 3,293,200
    #   gap 680,000 + 315,000 + 930,000 = 1,925,000
    assert segments["emerging"][:2] == (Decimal("3293200"), Decimal("1925000"))
    # mature: alpennetz 5,022,000 + jinsha 2,716,000 + northmere 2,832,100 = 10,570,100
    assert segments["mature"][0] == Decimal("10570100")
    regions = by_label(pipeline_rollup(plans, standards, AS_OF, "region"))
    assert list(regions) == ["China East", "China West", "DACH", "UK North", "US Central",
                             "US Public Sector West"]
    assert regions["DACH"][:2] == (Decimal("5022000"), Decimal("3834000"))
    industries = pipeline_rollup(plans, standards, AS_OF, "industry")
    assert len(industries.groups) == 6


def test_plan_without_a_rate_is_listed_not_dropped(plans: list[Plan],
                                                   standards: Standards) -> None:
    swiss = dataclasses.replace(plans[0], currency="CHF")  # alpennetz-telekom, now in CHF
    rollup = pipeline_rollup([swiss, *plans[1:]], standards, AS_OF)
    assert [(e.account_id, e.currency) for e in rollup.excluded] == [
        ("alpennetz-telekom", "CHF")]
    assert "no exchange rate for CHF" in rollup.excluded[0].reason
    # 13,863,300 - alpennetz's 5,022,000
    assert rollup.total.pipeline_this_year == Decimal("8841300")
    assert "alpennetz-telekom" not in rollup.total.accounts


def test_over_achievement_does_not_close_another_accounts_gap(
        plans: list[Plan], standards: Standards) -> None:
    meridian = next(p for p in plans if p.account.id == "meridian-revenue")
    beyond = dataclasses.replace(meridian, financials=dataclasses.replace(
        meridian.financials, booked_to_date=Decimal(2_000_000)))  # target 1,310,000
    group = pipeline_rollup([beyond], standards, AS_OF).total
    assert group.remaining_gap == 0
    assert group.coverage is None


def test_unknown_grouping_is_refused(plans: list[Plan], standards: Standards) -> None:
    with pytest.raises(ValueError, match="unknown grouping 'colour'"):
        pipeline_rollup(plans, standards, AS_OF, "colour")


# --- renewals ----------------------------------------------------------------

def test_renewals_in_the_next_18_months_sorted_by_end(plans: list[Plan],
                                                      standards: Standards) -> None:
    calendar = renewals_calendar(plans, standards, AS_OF)
    assert calendar.horizon == dt.date(2028, 5, 27)
    rows = [(e.ends.isoformat(), e.account_id, e.agreement_id, e.days_left, e.status)
            for e in calendar.entries]
    assert rows == [
        ("2027-03-31", "northmere-water", "ea-2024", 124, "in progress"),   # negotiate
        ("2027-06-30", "jinsha-bank", "csp-azure", 215, "in progress"),     # develop
        ("2027-06-30", "meridian-revenue", "ea-2024", 215, "in progress"),  # develop
        ("2027-09-30", "alpennetz-telekom", "ea-2024", 307, "in progress"),
        ("2027-09-30", "northmere-water", "sa-field-service", 307, "at risk"),  # none named
        # No renewal named, but ending after the 12-month renewal window (2027-11-27):
        # ea-renewal does not fire, so they are not at risk yet.
        ("2027-12-31", "jinsha-bank", "ea-2025", 399, "not yet due"),
        ("2028-03-31", "kessler-suzhou", "csp-local", 490, "not yet due"),
    ]
    assert calendar.renewal_horizon == dt.date(2027, 11, 27)
    # brightwater's CSP ends 2028-09-30, after the 18 months: not listed.
    assert all(e.account_id != "brightwater-markets" for e in calendar.entries)
    first = calendar.entries[0]
    assert first.renewal_opportunity == "opp-ea-renewal" and first.renewal_stage == "negotiate"
    # GBP 1,150,000 x 1.27
    assert first.annual_value_converted == Decimal("1460500")
    at_risk = [e for e in calendar.entries if e.at_risk]
    assert all(e.renewal_stage is None for e in at_risk)
    # sa-field-service alone: GBP 310,000 x 1.27 = USD 393,700 a year
    assert sum(e.annual_value_converted or 0 for e in at_risk) == Decimal("393700")


def test_renewals_mark_this_fiscal_half(plans: list[Plan], standards: Standards) -> None:
    calendar = renewals_calendar(plans, standards, AS_OF)
    assert calendar.current_half == "FY2027 H1"  # 2026-07-01 .. 2026-12-31
    assert not any(e.in_current_half for e in calendar.entries)
    later = renewals_calendar(plans, standards, dt.date(2027, 2, 1))
    assert later.current_half == "FY2027 H2"
    assert later.current_half_bounds == (dt.date(2027, 1, 1), dt.date(2027, 6, 30))
    assert [(e.account_id, e.agreement_id) for e in later.entries if e.in_current_half] == [
        ("northmere-water", "ea-2024"), ("jinsha-bank", "csp-azure"),
        ("meridian-revenue", "ea-2024")]
    assert [e.fiscal_half for e in later.entries][-1] == "FY2028 H2"  # kessler, 2028-03-31


def test_ended_agreements_stay_until_renewed(plans: list[Plan], standards: Standards) -> None:
    northmere = next(p for p in plans if p.account.id == "northmere-water")
    lapsed = Agreement(id="mca-old", type="MCA", starts=dt.date(2023, 1, 1),
                       ends=dt.date(2026, 10, 31), annual_value=Decimal(1000))
    renewed = Agreement(id="sa-old", type="SA", starts=dt.date(2023, 1, 1),
                        ends=dt.date(2026, 10, 31), renewal_opportunity="opp-teams-phone")
    lost = Agreement(id="csp-lost", type="CSP", starts=dt.date(2024, 1, 1),
                     ends=dt.date(2027, 1, 31), renewal_opportunity="opp-lost")
    plan = dataclasses.replace(
        northmere, agreements=(*northmere.agreements, lapsed, renewed, lost),
        opportunities=(*northmere.opportunities, Opportunity(
            id="opp-lost", name="Lost renewal", stage="lost", amount=Decimal(1),
            opened=dt.date(2026, 1, 1), close=dt.date(2026, 10, 1))))
    entries = {e.agreement_id: e for e in renewals_calendar([plan], standards, AS_OF).entries}
    assert "sa-old" not in entries  # ended, renewal won (opp-teams-phone): history
    assert entries["mca-old"].ended and entries["mca-old"].days_left == -27
    assert entries["mca-old"].at_risk
    assert entries["csp-lost"].status == "at risk" and entries["csp-lost"].renewal_stage == "lost"
    assert next(iter(entries)) == "mca-old"  # earliest end first


@pytest.mark.parametrize(("day", "half"), [
    (dt.date(2026, 7, 1), ("FY2027 H1", dt.date(2026, 7, 1), dt.date(2026, 12, 31))),
    (dt.date(2026, 12, 31), ("FY2027 H1", dt.date(2026, 7, 1), dt.date(2026, 12, 31))),
    (dt.date(2027, 1, 1), ("FY2027 H2", dt.date(2027, 1, 1), dt.date(2027, 6, 30))),
    (dt.date(2027, 6, 30), ("FY2027 H2", dt.date(2027, 1, 1), dt.date(2027, 6, 30))),
])
def test_fiscal_halves_follow_the_fiscal_year(day: dt.date,
                                              half: tuple[str, dt.date, dt.date]) -> None:
    assert fiscal_half(day, (7, 1)) == half


def test_fiscal_halves_with_a_calendar_fiscal_year() -> None:
    assert fiscal_half(dt.date(2027, 8, 15), (1, 1)) == (
        "FY2027 H2", dt.date(2027, 7, 1), dt.date(2027, 12, 31))


# --- freshness ---------------------------------------------------------------

def test_freshness_stalest_first(plans: list[Plan], standards: Standards) -> None:
    freshness = plan_freshness(plans, standards, AS_OF)
    assert [(r.account_id, r.age_days, r.bucket) for r in freshness.rows] == [
        ("northmere-water", 71, "61-90 days"),      # 2026-09-17 .. 2026-11-27
        ("kessler-suzhou", 42, "31-60 days"),       # 2026-10-16
        ("brightwater-markets", 30, "0-30 days"),   # 2026-10-28
        ("meridian-revenue", 25, "0-30 days"),      # 2026-11-02
        ("jinsha-bank", 21, "0-30 days"),           # 2026-11-06
        ("alpennetz-telekom", 7, "0-30 days"),      # 2026-11-20
    ]
    assert not any(r.overdue for r in freshness.rows)
    assert freshness.bucket_counts() == {"0-30 days": 4, "31-60 days": 1, "61-90 days": 1,
                                         "over 90 days": 0, "after as-of": 0}


def test_freshness_flags_plans_past_the_standard(plans: list[Plan],
                                                 standards: Standards) -> None:
    later = plan_freshness(plans, standards, dt.date(2027, 1, 1))
    # northmere: 2026-09-17 .. 2027-01-01 = 106 days > 90; kessler: 77 days.
    overdue = [(r.account_id, r.age_days) for r in later.rows if r.overdue]
    assert overdue == [("northmere-water", 106)]
    assert later.rows[0].bucket == "over 90 days"
    earlier = plan_freshness(plans, standards, dt.date(2026, 11, 1))
    future = [r for r in earlier.rows if r.bucket == "after as-of"]
    assert {r.account_id for r in future} == {"meridian-revenue", "jinsha-bank",
                                              "alpennetz-telekom"}
    assert all(r.overdue for r in future)  # a review dated after as-of fails plan-current


# --- heatmap -----------------------------------------------------------------

def test_heatmap_from_the_sample_run(run: CheckRun, plans: list[Plan]) -> None:
    heatmap = standards_heatmap(plans, findings_by_account(run))
    assert heatmap.accounts == ("alpennetz-telekom", "brightwater-markets", "jinsha-bank",
                                "kessler-suzhou", "meridian-revenue", "northmere-water")
    # Only rules with findings, in the spec's order.
    assert heatmap.rules == ("cos-reciprocal", "pipeline-coverage", "ea-renewal", "deployment",
                             "stakeholder-contact", "sales-cycle", "action-overdue",
                             "competition")
    cells = {key: cell.status for key, cell in heatmap.cells.items()}
    assert cells == {
        ("alpennetz-telekom", "sales-cycle"): "waived",
        ("brightwater-markets", "pipeline-coverage"): "warning",
        ("brightwater-markets", "action-overdue"): "warning",
        ("brightwater-markets", "competition"): "warning",
        ("kessler-suzhou", "cos-reciprocal"): "error",
        ("kessler-suzhou", "stakeholder-contact"): "warning",
        ("northmere-water", "ea-renewal"): "error",
        ("northmere-water", "deployment"): "warning",
    }
    assert heatmap.cell("jinsha-bank", "ea-renewal").status == "none"


def _finding(rule: str, severity: Severity, *, waived: bool = False,
             account: str = "acme") -> Finding:
    return Finding(rule=rule, severity=severity, file="plans/acme.yaml", line=1, column=1,
                   account=account, message="m", waived=waived)


def test_heatmap_cell_shows_the_worst_outcome() -> None:
    findings = {"acme": [
        _finding("deployment", Severity.WARNING, waived=True),
        _finding("deployment", Severity.WARNING),
        _finding("business-value", Severity.WARNING),
        _finding("business-value", Severity.ERROR),
        _finding("business-value", Severity.ERROR, waived=True),
        _finding("competition", Severity.WARNING, waived=True),
    ]}
    heatmap = standards_heatmap([], findings)
    assert heatmap.cell("acme", "deployment").status == "warning"
    assert heatmap.cell("acme", "deployment").count == 2
    assert heatmap.cell("acme", "business-value").status == "error"
    assert heatmap.cell("acme", "competition").status == "waived"
    # A broken plan with findings but no typed plan still gets a row.
    assert heatmap.accounts == ("acme",) and heatmap.account_names["acme"] == "acme"


# --- whitespace --------------------------------------------------------------

def test_whitespace_precedence(plans: list[Plan]) -> None:
    base = plans[0]
    plan = dataclasses.replace(
        base,
        deployment=(Deployment("Seats", Decimal(10), Decimal(4)),
                    Deployment("Shelfware", Decimal(10), Decimal(0))),
        agreements=(Agreement(id="ea", type="EA", starts=dt.date(2025, 1, 1),
                              ends=dt.date(2027, 1, 1), products=("Licensed", "Seats")),),
        opportunities=(
            Opportunity(id="o1", name="n", stage="propose", amount=Decimal(1),
                        opened=dt.date(2026, 1, 1), close=dt.date(2027, 1, 1),
                        products=("Seats", "Shelfware", "Licensed", "New thing")),
            Opportunity(id="o2", name="n", stage="won", amount=Decimal(1),
                        opened=dt.date(2026, 1, 1), close=dt.date(2026, 9, 1),
                        products=("Just bought",)),
            Opportunity(id="o3", name="n", stage="lost", amount=Decimal(1),
                        opened=dt.date(2026, 1, 1), close=dt.date(2026, 9, 1),
                        products=("Lost cause",)),
        ))
    assert product_status(plan, "Seats") == "deployed"      # deployed beats the rest
    assert product_status(plan, "Shelfware") == "owned"     # entitled, nothing deployed
    assert product_status(plan, "Licensed") == "owned"      # in an agreement
    assert product_status(plan, "Just bought") == "owned"   # won
    assert product_status(plan, "New thing") == "pipeline"  # open opportunity only
    assert product_status(plan, "Lost cause") == "none"
    matrix = whitespace_matrix([plan])
    assert matrix.products == ("Just bought", "Licensed", "Lost cause", "New thing", "Seats",
                               "Shelfware")


def test_whitespace_matrix_from_the_samples(plans: list[Plan]) -> None:
    matrix = whitespace_matrix(plans)
    assert len(matrix.products) == 35 and len(matrix.accounts) == 6
    e3 = {a: matrix.status("Microsoft 365 E3", a) for a in matrix.accounts}
    assert e3 == {"alpennetz-telekom": "deployed", "brightwater-markets": "deployed",
                  "jinsha-bank": "deployed", "kessler-suzhou": "deployed",
                  "meridian-revenue": "none", "northmere-water": "deployed"}
    assert matrix.whitespace_count("Microsoft 365 E3") == 1
    assert matrix.status("Microsoft Sentinel", "alpennetz-telekom") == "owned"  # won
    assert matrix.status("Microsoft 365 E5", "northmere-water") == "pipeline"
    # 210 pairs; 50 are deployed, owned or in pipeline somewhere.
    assert sum(matrix.whitespace_count(p) for p in matrix.products) == 160
