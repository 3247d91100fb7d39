"""The five portfolio pages: the answer first, with numbers; plan text shown as text.

Pages are Markdown documents whose tables are autoescaped HTML blocks; these
tests read them as the site does (Python-Markdown with the site's extensions).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from generator.checker import CheckRun
from generator.findings import Finding
from generator.model import Plan
from generator.portfolio import findings_by_account
from generator.render.portfolio_views import PAGES, Links, portfolio_pages
from generator.standards.config import Standards
from tests.support import AS_OF
from tests.support.golden import assert_matches_golden
from tests.support.markdown_html import (
    audit,
    headline,
    page_text,
    split_front_matter,
    tables,
    to_html,
)

GOLDEN = Path(__file__).parent / "golden" / "portfolio"


@pytest.fixture(scope="module")
def findings(run: CheckRun) -> dict[str, list[Finding]]:
    return findings_by_account(run)


@pytest.fixture(scope="module")
def pages(plans: list[Plan], findings: dict[str, list[Finding]],
          standards: Standards) -> dict[str, str]:
    return portfolio_pages(plans, findings, standards, AS_OF)


def test_the_five_pages(pages: dict[str, str]) -> None:
    assert tuple(pages) == PAGES
    for page in pages.values():
        body, meta = split_front_matter(page)
        assert set(meta) == {"title", "description", "hide"}
        assert meta["hide"] == ["toc"]
        assert body.lstrip("\n").startswith(f"# {meta['title']}\n")


@pytest.mark.parametrize("path", PAGES)
def test_pages_match_their_golden_files(pages: dict[str, str], path: str) -> None:
    assert_matches_golden(pages[path], GOLDEN / path.removeprefix("portfolio/"))


def test_pipeline_headline(pages: dict[str, str]) -> None:
    # 13,863,300 / 9,691,100 = 1.43; Priya Natarajan: 680,000 / 680,000 = 1.00 < 1.25.
    assert headline(pages["portfolio/pipeline.md"]) == (
        "Open pipeline closing in FY2027 is USD 13,863,300 against a remaining gap of "
        "USD 9,691,100: coverage 1.43x (standard 1.25x); 1 of 4 owners is under the standard.")


def test_pipeline_page_tables_and_chart(pages: dict[str, str]) -> None:
    page = pages["portfolio/pipeline.md"]
    for grouping in ("owner", "region", "industry", "segment"):
        assert f"\n## By {grouping}\n" in page
    assert '<figure class="planbook-chart" data-search-exclude><svg' in page
    by_owner = tables(page)[0]
    assert by_owner[0] == ["Owner", "Accounts", "Revenue target", "Booked to date",
                           "Remaining gap", "Pipeline closing FY2027", "Coverage",
                           "Open pipeline"]
    assert ["Priya Natarajan", "Brightwater Markets, Inc.", "820,000", "140,000", "680,000",
            "680,000", "1.00x (under)", "680,000"] in by_owner
    assert by_owner[-1] == ["Portfolio", "6 accounts", "13,621,500", "3,930,400", "9,691,100",
                            "13,863,300", "1.43x", "18,291,300"]
    assert 'href="../accounts/brightwater-markets.html"' in page
    assert "Not in the totals" not in page


def test_pipeline_page_lists_plans_without_a_rate(plans: list[Plan], standards: Standards,
                                                  findings: dict[str, list[Finding]]) -> None:
    plans = [dataclasses.replace(plans[0], currency="CHF"), *plans[1:]]
    page = portfolio_pages(plans, findings, standards, AS_OF)["portfolio/pipeline.md"]
    assert "## Not in the totals" in page
    assert ("AlpenNetz Telekom AG: no exchange rate for CHF in the standards"
            in page_text(page))


def test_renewals_headline_and_at_risk_rows(pages: dict[str, str]) -> None:
    page = pages["portfolio/renewals.md"]
    # At risk = what ea-renewal fires on: only sa-field-service (GBP 310,000 x 1.27 =
    # USD 393,700) ends within the 12-month window without a renewal opportunity; the
    # agreements 399 and 490 days away are not yet due.
    assert headline(page) == (
        "7 agreements end by 2028-05-27 (the next 18 months); 0 end this fiscal half "
        "(FY2027 H1); 1 is at risk (ending by 2027-11-27, the 12-month renewal window, with "
        "no renewal opportunity in play), worth USD 393,700 a year.")
    rows = tables(page)[0][1:]
    assert [row[0] for row in rows] == [
        "2027-03-31", "2027-06-30", "2027-06-30", "2027-09-30", "2027-09-30",
        "2027-12-31", "2028-03-31"]
    assert [row[-1] for row in rows].count("⚠ at risk") == 1
    assert ["2027-09-30", "307", "FY2028 H1", "Northmere Water Services plc",
            "sa-field-service", "SA", "GBP 310,000", "393,700", "none", "—",
            "⚠ at risk"] in rows
    assert [row[-1] for row in rows if row[4] in ("ea-2025", "csp-local")] == [
        "not yet due", "not yet due"]


def test_renewals_mark_this_half(plans: list[Plan], standards: Standards,
                                 findings: dict[str, list[Finding]]) -> None:
    page = portfolio_pages(plans, findings, standards,
                           dt.date(2027, 2, 1))["portfolio/renewals.md"]
    assert "3 end this fiscal half (FY2027 H2)" in headline(page)
    assert [row[2] for row in tables(page)[0]].count("FY2027 H2, this half") == 3


def test_freshness_headline(pages: dict[str, str], plans: list[Plan], standards: Standards,
                            findings: dict[str, list[Finding]]) -> None:
    assert headline(pages["portfolio/freshness.md"]) == (
        "All 6 plans were reviewed within the 90-day standard; the stalest, Northmere Water "
        "Services plc, was last reviewed 71 days ago (2026-09-17).")
    later = portfolio_pages(plans, findings, standards, dt.date(2027, 1, 1))
    assert headline(later["portfolio/freshness.md"]).startswith(
        "1 of 6 plans is past the 90-day review standard; the stalest, Northmere Water "
        "Services plc, was last reviewed 106 days ago")


def test_freshness_buckets_follow_the_review_standard(
        plans: list[Plan], standards: Standards, findings: dict[str, list[Finding]]) -> None:
    page = portfolio_pages(plans, findings, dataclasses.replace(standards,
                                                                review_max_age_days=60),
                           AS_OF)["portfolio/freshness.md"]
    # Ages 7, 21, 25, 30, 42, 71: thirds of 60 days, then past it.
    assert tables(page)[0] == [["Last reviewed", "Plans"], ["0-20 days", "1"],
                               ["21-40 days", "3"], ["41-60 days", "1"],
                               ["over 60 days", "1"]]


def test_heatmap_headline_and_symbols(pages: dict[str, str]) -> None:
    page = pages["portfolio/heatmap.md"]
    assert headline(page) == (
        "4 of 6 plans have findings: 2 errors, 5 warnings and 1 waived, across 8 standards; "
        "2 plans meet every standard.")
    assert '<a href="../standards/index.html#cos-reciprocal">cos-reciprocal</a>' in page
    kessler = next(line for line in page.splitlines() if "kessler-suzhou.html" in line)
    assert kessler.count('title="error">✖<') == 1 and kessler.count('title="warning">▲<') == 1
    assert 'title="waived">○<' in page


def test_whitespace_headline(pages: dict[str, str]) -> None:
    page = pages["portfolio/whitespace.md"]
    assert headline(page) == (
        "35 products across 6 accounts: 160 of 210 account-product pairs are whitespace "
        "(not deployed, owned or in pipeline). The most widely deployed is Microsoft 365 E3 "
        "(5 of 6 accounts).")
    e3 = next(line for line in page.splitlines() if "<td>Microsoft 365 E3</td>" in line)
    assert e3.count('title="deployed"') == 5
    assert next(row for row in tables(page)[0] if row[0] == "Microsoft 365 E3")[-1] == "1"


def assert_tables_complete(page: str) -> None:
    """Every rendered table row has as many cells as the header: no text broke a row."""
    for table in tables(page):
        assert all(len(row) == len(table[0]) for row in table), table


def test_pages_render_as_tables_with_every_cell(pages: dict[str, str]) -> None:
    for page in pages.values():
        assert_tables_complete(page)


def test_hostile_plan_text_stays_text(plans: list[Plan], standards: Standards) -> None:
    evil = "<script>alert(1)</script> | *x* [y](javascript:z)\nline"
    plan = plans[0]
    plan = dataclasses.replace(
        plan,
        account=dataclasses.replace(plan.account, name=evil, region=evil, industry=evil),
        plan=dataclasses.replace(plan.plan, owner=evil),
        agreements=tuple(dataclasses.replace(a, id="ea|<b>") for a in plan.agreements),
        deployment=tuple(dataclasses.replace(d, product=evil) for d in plan.deployment))
    pages = portfolio_pages([plan], {}, standards, AS_OF)
    for path, page in pages.items():
        assert_tables_complete(page)
        html = to_html(page)
        found = audit(html)
        assert "script" not in found.tags, path
        assert "b" not in found.tags, path
        assert found.script_urls() == [] and found.event_handlers() == [], path
        assert 'href="javascript' not in html, path
    assert "ea|<b>" in page_text(pages["portfolio/renewals.md"])
    assert "<script>alert(1)</script> | *x* [y](javascript:z) line" in page_text(
        pages["portfolio/freshness.md"])


def test_links_to_pages_the_renderer_names(plans: list[Plan], standards: Standards,
                                           findings: dict[str, list[Finding]]) -> None:
    links = Links(account_pages={"jinsha-bank": "accounts/jinsha-bank-1a2b3c4d.md"},
                  manager_pages={"chen.jing@example.com": "managers/chen-jing.md"})
    page = portfolio_pages(plans, findings, standards, AS_OF, links)["portfolio/pipeline.md"]
    assert 'href="../accounts/jinsha-bank-1a2b3c4d.html"' in page
    assert '<td><a href="../managers/chen-jing.html">Chen Jing</a></td>' in page
    directory = portfolio_pages(plans, findings, standards, AS_OF, links,
                                use_directory_urls=True)["portfolio/pipeline.md"]
    assert 'href="../../accounts/jinsha-bank-1a2b3c4d/"' in directory


def test_empty_portfolio(standards: Standards) -> None:
    pages = portfolio_pages([], {}, standards, AS_OF)
    assert headline(pages["portfolio/freshness.md"]) == "There are no valid plans to report on."
    assert "No agreement ends in the next 18 months." in page_text(pages["portfolio/renewals.md"])
    assert "No plan has a finding." in page_text(pages["portfolio/heatmap.md"])


def test_whitespace_table_grows_downwards_for_a_large_portfolio(
        plans: list[Plan], standards: Standards) -> None:
    base = dataclasses.replace(plans[1], agreements=(), opportunities=(),
                               deployment=plans[1].deployment[:1])  # Microsoft 365 E3 only
    many = [dataclasses.replace(base, account=dataclasses.replace(
        base.account, id=f"account-{n}", name=f"Account {n}")) for n in range(3)]
    page = portfolio_pages(many, {}, standards, AS_OF)["portfolio/whitespace.md"]
    assert tables(page)[0][0] == ["Account", "Microsoft 365 E3", "Whitespace"]
    assert page.count('title="deployed"') == 3
    assert "Accounts:" not in page  # rows already name the accounts
    assert_tables_complete(page)
