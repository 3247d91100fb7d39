"""The portfolio Forecast page: top deals and renewal uplift listed, plan text
escaped, the whole page pinned by a golden file."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from generator.model import Plan
from generator.render.portfolio_views import PAGES, portfolio_pages
from generator.standards.config import Standards
from tests.support import AS_OF
from tests.support.golden import assert_matches_golden

GOLDEN = Path(__file__).parent / "golden" / "portfolio" / "forecast.md"
HOSTILE = '<script>alert("x")</script> & Co'


def _forecast(plans: list[Plan], standards: Standards) -> str:
    return portfolio_pages(plans, {}, standards, AS_OF)["portfolio/forecast.md"]


def test_the_forecast_page_is_a_portfolio_page() -> None:
    assert "portfolio/forecast.md" in PAGES


def test_forecast_page_matches_its_golden_file(plans: list[Plan],
                                                standards: Standards) -> None:
    assert_matches_golden(_forecast(plans, standards), GOLDEN)


def test_forecast_page_lists_top_deals_and_renewal_uplift(plans: list[Plan],
                                                          standards: Standards) -> None:
    page = _forecast(plans, standards)
    top, rest = page.split("## Top deals", 1)[1].split("## Renewal uplift", 1)
    assert "Cloud-native OSS/BSS on Azure for Operators" in top
    assert "<td>EUR 3,456,000</td>" not in top  # converted column is the bare number
    assert ">3,456,000</td>" in top
    assert "Northmere Water Services plc" in rest
    assert ">1,460,500</td>" in rest and ">+381,000</td>" in rest
    assert "Open pipeline is USD 18,291,300 (15 open deals), USD 8,886,375 weighted" in page


def test_forecast_page_escapes_plan_text(plans: list[Plan], standards: Standards) -> None:
    plan = next(p for p in plans if p.account.id == "northmere-water")
    hostile = dataclasses.replace(
        plan, account=dataclasses.replace(plan.account, name=HOSTILE),
        opportunities=tuple(dataclasses.replace(o, name=HOSTILE)
                            for o in plan.opportunities))
    page = _forecast([hostile if p is plan else p for p in plans], standards)
    assert "<script>" not in page
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co"
    top = page.split("## Top deals", 1)[1].split("## Closing", 1)[0]
    uplift = page.split("## Renewal uplift", 1)[1]
    assert escaped in top and escaped in uplift
