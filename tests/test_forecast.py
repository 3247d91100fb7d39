"""The forecast figures and the `stage_weights` standard, worked by hand on the
sample plans (tests/fixtures/sample-plans) as of 2026-11-27 (FY2027 Q2)."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from generator.cli import main
from generator.figures import quarter_of, quarter_pipeline, renewal_uplift, stage_weight
from generator.model import Plan
from generator.render.portfolio_views import forecast
from generator.standards.config import Standards, StandardsError, load_standards
from tests.support import AS_OF

DEFAULTS = Path(__file__).parents[1] / "generator" / "standards" / "defaults.yaml"
EXAMPLE = Path(__file__).parent / "fixtures" / "example-plan" / "jinghua-grid.yaml"
WEIGHTS = "stage_weights: {qualify: 0.1, develop: 0.25, propose: 0.5, negotiate: 0.75}"


def _standards_file(tmp_path: Path, new: str) -> Path:
    text = DEFAULTS.read_text("utf-8")
    assert WEIGHTS in text
    path = tmp_path / "standards.yaml"
    path.write_text(text.replace(WEIGHTS, new), "utf-8")
    return path


def test_default_stage_weights(standards: Standards) -> None:
    assert dict(standards.stage_weights) == {
        "qualify": Decimal("0.1"), "develop": Decimal("0.25"),
        "propose": Decimal("0.5"), "negotiate": Decimal("0.75")}


def test_a_weight_overridden_keeps_the_other_defaults(tmp_path: Path) -> None:
    standards = load_standards(_standards_file(tmp_path, "stage_weights: {negotiate: 1}"))
    assert standards.stage_weights["negotiate"] == 1
    assert standards.stage_weights["develop"] == Decimal("0.25")


@pytest.mark.parametrize(("weights", "needle"), [
    ("{negotiate: 1.5}", "stage_weights.negotiate: 1.5 is out of range"),
    ("{qualify: -0.1}", "stage_weights.qualify: -0.1 is out of range"),
    ("{propose: half}", "stage_weights.propose: 'half' is not of type 'number'"),
    ("{won: 1}", "stage_weights.won: unknown key `won`"),
])
def test_a_bad_weight_is_exit_2_with_a_message(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], weights: str, needle: str) -> None:
    path = _standards_file(tmp_path, f"stage_weights: {weights}")
    with pytest.raises(StandardsError):
        load_standards(path)
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder)
    code = main(["check", str(folder), "--standards", str(path), "--as-of", "2026-11-27"])
    err = capsys.readouterr().err
    assert code == 2
    assert needle in err
    assert "Traceback" not in err


# Open opportunities of the sample plans by fiscal quarter (amounts in USD:
# EUR x 1.08, GBP x 1.27, CNY x 0.14), weights 0.75 / 0.5 / 0.25:
# FY2027 Q3: oss-modernisation 3,456,000 negotiate, store-analytics 420,000 propose,
#   zero-trust 756,000 negotiate, teams-rooms 109,200 propose, g5-auditors 450,000
#   negotiate, northmere ea-renewal 1,841,500 negotiate
#   = 7,032,700; weighted 2,592,000 + 210,000 + 567,000 + 54,600 + 337,500 + 1,381,125
#   = 5,142,225
# FY2027 Q4: care-copilot 1,566,000 propose, e5-head-office 260,000 develop,
#   mobile-platform 1,372,000 propose, azure-commit 588,000 develop, mes-data 364,000
#   develop, tax-portal 780,000 propose, meridian ea-renewal 910,000 develop,
#   leak-analytics 990,600 develop
#   = 6,830,600; weighted 783,000 + 65,000 + 686,000 + 147,000 + 91,000 + 390,000
#   + 227,500 + 247,650 = 2,637,150
# FY2028 Q1: alpennetz ea-renewal 4,428,000 develop; weighted 1,107,000
HAND_WORKED = [
    ("FY2027 Q3", dt.date(2027, 1, 1), dt.date(2027, 3, 31), 6, "7032700", "5142225"),
    ("FY2027 Q4", dt.date(2027, 4, 1), dt.date(2027, 6, 30), 8, "6830600", "2637150"),
    ("FY2028 Q1", dt.date(2027, 7, 1), dt.date(2027, 9, 30), 1, "4428000", "1107000"),
]


def test_open_pipeline_by_quarter_unweighted_and_weighted(
        plans: list[Plan], standards: Standards) -> None:
    rows = forecast(plans, standards, AS_OF).quarters
    assert [(r.quarter.label, r.quarter.first, r.quarter.last, r.deals, r.pipeline, r.weighted)
            for r in rows] == [(label, first, last, deals, Decimal(p), Decimal(w))
                               for label, first, last, deals, p, w in HAND_WORKED]


def test_an_overridden_weight_changes_the_weighted_pipeline_only(
        tmp_path: Path, plans: list[Plan]) -> None:
    standards = load_standards(_standards_file(tmp_path, "stage_weights: {negotiate: 1}"))
    q3 = forecast(plans, standards, AS_OF).quarters[0]
    # the four negotiate deals (6,503,500) now count in full, not at 75%
    assert (q3.pipeline, q3.weighted) == (Decimal("7032700"), Decimal("6768100"))


def test_quarter_pipeline_of_one_plan(plans: list[Plan], standards: Standards) -> None:
    northmere = next(p for p in plans if p.account.id == "northmere-water")
    q3 = quarter_of(dt.date(2027, 2, 14), standards)
    assert quarter_pipeline(northmere, q3, standards) == (Decimal("1841500.00"),
                                                          Decimal("1381125.0000"))


def test_won_and_lost_weigh_nothing(plans: list[Plan], standards: Standards) -> None:
    closed = [o for p in plans for o in p.opportunities if o.stage in ("won", "lost")]
    assert closed
    assert all(stage_weight(o, standards) == 0 for o in closed)


def test_fiscal_quarters_follow_the_standards_year_start(standards: Standards) -> None:
    assert quarter_of(AS_OF, standards).label == "FY2027 Q2"
    assert quarter_of(dt.date(2026, 7, 1), standards).first == dt.date(2026, 7, 1)
    # total at the calendar's ends
    assert quarter_of(dt.date(1, 1, 1), standards).first == dt.date(1, 1, 1)
    assert quarter_of(dt.date(9999, 12, 31), standards).last == dt.date(9999, 12, 31)


def test_deals_closing_this_quarter(plans: list[Plan], standards: Standards) -> None:
    assert forecast(plans, standards, AS_OF).closing_this_quarter == ()
    closing = forecast(plans, standards, dt.date(2027, 2, 1)).closing_this_quarter
    assert [d.opportunity_id for d in closing] == [
        "opp-zero-trust", "opp-teams-rooms", "opp-g5-auditors", "opp-ea-renewal",
        "opp-store-analytics", "opp-oss-modernisation"]


def test_top_deals_largest_first_converted(plans: list[Plan], standards: Standards) -> None:
    top = forecast(plans, standards, AS_OF).top_deals
    assert len(top) == 10
    assert [(d.account_id, d.opportunity_id, d.amount_converted) for d in top[:3]] == [
        ("alpennetz-telekom", "opp-ea-renewal", Decimal("4428000.00")),
        ("alpennetz-telekom", "opp-oss-modernisation", Decimal("3456000.00")),
        ("northmere-water", "opp-ea-renewal", Decimal("1841500.00"))]


def test_renewal_uplift_against_the_annual_value(plans: list[Plan],
                                                  standards: Standards) -> None:
    northmere = next(p for p in plans if p.account.id == "northmere-water")
    agreement = next(a for a in northmere.agreements if a.id == "ea-2024")
    # GBP 1,450,000 renewal against GBP 1,150,000 a year, at 1.27
    assert renewal_uplift(northmere, agreement, standards) == (
        Decimal("1841500.00"), Decimal("1460500.00"), Decimal("381000.00"))
    uplifts = forecast(plans, standards, AS_OF).uplifts
    assert [(u.account_id, u.agreement_id, u.uplift) for u in uplifts] == [
        ("alpennetz-telekom", "ea-2024", Decimal("216000.00")),
        ("jinsha-bank", "csp-azure", Decimal("84000.00")),
        ("meridian-revenue", "ea-2024", Decimal("90000.00")),
        ("northmere-water", "ea-2024", Decimal("381000.00"))]
