"""Every consumer of a figure shows the same figure: rule, page, export, chart, home page.

Each fixture plan (the sample-like plans and the spec's example) is checked at
several as-of dates, and each figure is read back from what a user sees: the
rule's findings, the portfolio pages' tables, the home page's glance, the
export's row and the account chart's caption.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal

import pytest

from generator.charts import pipeline_chart
from generator.checker import CheckRun, check_paths
from generator.exports import PortfolioRow, portfolio_rows
from generator.model import Plan
from generator.portfolio import findings_by_account
from generator.render import render_pages
from generator.render.glance import portfolio_glance
from generator.render.portfolio_views import portfolio_pages
from generator.standards.config import Standards, load_standards
from tests.support import EXAMPLE_DIR, SAMPLE_PLANS_DIR
from tests.support.markdown_html import audit as read_html
from tests.support.markdown_html import tables, to_html

# Before, inside and after the sample agreements' renewal windows and review ages.
DATES = [dt.date(2026, 11, 27), dt.date(2027, 2, 1), dt.date(2027, 8, 1),
         dt.date(2027, 12, 31), dt.date(2028, 4, 1)]
STANDARDS = load_standards(None)


def _checked(as_of: dt.date) -> CheckRun:
    return check_paths([SAMPLE_PLANS_DIR, EXAMPLE_DIR], STANDARDS, as_of)


@pytest.fixture(scope="module", params=DATES, ids=str)
def checked(request: pytest.FixtureRequest) -> tuple[dt.date, CheckRun]:
    as_of: dt.date = request.param
    return as_of, _checked(as_of)


def _plans(run: CheckRun) -> list[Plan]:
    plans = [c.plan for c in run.plans if c.plan is not None]
    assert len(plans) == 7
    return plans


def _fired(run: CheckRun, rule: str) -> Iterator[tuple[str, str | None]]:
    for checked in run.plans:
        for finding in checked.findings:
            if finding.rule == rule:
                yield checked.account or checked.file, finding.item


def _rows(run: CheckRun, as_of: dt.date, standards: Standards = STANDARDS
          ) -> dict[str, PortfolioRow]:
    rows = portfolio_rows(_plans(run), findings_by_account(run), standards, as_of)
    return {row.account_id: row for row in rows}


def test_renewals_at_risk_agree_everywhere(checked: tuple[dt.date, CheckRun]) -> None:
    as_of, run = checked
    plans = _plans(run)
    rule = set(_fired(run, "ea-renewal"))
    pages = render_pages(run, STANDARDS, as_of)
    renewals = tables(pages["portfolio/renewals.md"])
    page = ({(_account_id(plans, row[3]), row[4]) for row in renewals[0][1:]
             if row[-1] == "⚠ at risk"} if renewals else set())
    glance = {(e.account_id, e.agreement_id)
              for e in portfolio_glance(plans, STANDARDS, as_of).renewals.within_horizon}
    exported = {account: row.renewals_at_risk for account, row in _rows(run, as_of).items()}
    assert page == rule
    assert glance == rule
    assert exported == {plan.account.id: sum(1 for a, _ in rule if a == plan.account.id)
                        for plan in plans}
    home = _glance_line(pages["index.md"], "Renewals at risk:")
    count = re.search(r"; (\d+) by \d{4}-\d\d-\d\d \(the 12-month renewal window\)", home)
    assert (int(count.group(1)) if count else 0) == len(rule), home


def _account_id(plans: list[Plan], name: str) -> str:
    return next(p.account.id for p in plans if p.account.name == name)


def _glance_line(home: str, lead: str) -> str:
    block = home.split("## Portfolio at a glance { #at-a-glance }\n\n", 1)[1].split("\n\n")[0]
    line = next(line for line in block.splitlines() if line.startswith(f"- **{lead}**"))
    return read_html(to_html(line)).text


def test_pipeline_coverage_agrees_everywhere(checked: tuple[dt.date, CheckRun]) -> None:
    as_of, run = checked
    rule = {account for account, _ in _fired(run, "pipeline-coverage")}
    rows = _rows(run, as_of)
    for plan in _plans(run):
        account = plan.account.id
        row = rows[account]
        # The export's coverage, the chart's caption and a one-plan pipeline page.
        chart = pipeline_chart(plan, STANDARDS).caption
        page = portfolio_pages([plan], {}, STANDARDS, as_of)["portfolio/pipeline.md"]
        total = tables(page)[0][-1]
        assert total[0] == "Portfolio"
        under = (account in rule)
        assert total[6].endswith("(under)") == under, account
        assert ("under the standard" in chart) == under, account
        if row.coverage is None:
            assert total[6] == "—" and "coverage" not in chart and not under
            continue
        assert total[6].removesuffix(" (under)") == f"{row.coverage:.2f}x"
        assert f"coverage {row.coverage:.2f}x" in chart
        # Same gap and pipeline, in the plan's currency and in the standards'.
        assert row.remaining_gap_converted is not None
        assert total[4] == f"{row.remaining_gap_converted.quantize(Decimal(1)):,f}"


def test_plan_age_agrees_everywhere(checked: tuple[dt.date, CheckRun]) -> None:
    as_of, run = checked
    plans = _plans(run)
    rule = {account for account, _ in _fired(run, "plan-current")}
    pages = render_pages(run, STANDARDS, as_of)
    freshness = {_account_id(plans, row[0]): row
                 for row in tables(pages["portfolio/freshness.md"])[1][1:]}
    stale = {r.account_id for r in portfolio_glance(plans, STANDARDS, as_of).freshness.stale}
    rows = _rows(run, as_of)
    assert {a for a, row in freshness.items() if row[-1] == "overdue"} == rule
    assert stale == rule
    for account, row in freshness.items():
        assert int(row[3]) == rows[account].plan_age_days
    home = _glance_line(pages["index.md"], "Stale plans:")
    if rule:
        assert home.startswith(f"Stale plans: {len(rule)} of 7 plans"), home
    else:
        assert home.startswith("Stale plans: none"), home
