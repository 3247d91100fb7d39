"""The portfolio in the built site: the six views in a fixed navigation section,
the exports beside the pages, the charts with their stylesheet, and the home
page at full width."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl

from generator.charts import CHART_CSS
from tests.support.site_html import read_page
from tests.support.site_projects import EXAMPLE_PLAN, SAMPLE_PLANS, BuiltSite, build, make_project

VIEWS = ("pipeline", "forecast", "renewals", "freshness", "heatmap", "whitespace")


def test_the_exports_are_in_the_site_and_read_back(built_site: BuiltSite) -> None:
    exports = built_site.site / "exports"
    rows = list(csv.DictReader(io.StringIO(
        (exports / "portfolio.csv").read_bytes().decode("utf-8-sig"))))
    # The hostile plan is valid, so every plan has a row.
    assert sorted(row["account id"] for row in rows) == sorted(built_site.account_ids)
    jinghua = next(row for row in rows if row["account id"] == "jinghua-grid")
    assert jinghua["account name"] == "Jinghua Power Grid Co., Ltd."
    assert jinghua["local name"] == "京华电网有限公司"
    assert jinghua["long-term potential (USD)"] == "6720000.00"
    workbook = openpyxl.load_workbook(exports / "portfolio.xlsx", read_only=True)
    sheet = workbook["Portfolio"]
    table = list(sheet.iter_rows(values_only=True))
    assert table[0][:2] == ("account id", "account name")
    assert sorted(str(row[0]) for row in table[1:]) == sorted(built_site.account_ids)
    workbook.close()


def test_the_home_page_links_the_exports_and_the_views(built_site: BuiltSite) -> None:
    home = read_page(built_site.site / "index.html")
    links = {a.attrs.get("href") for a in home.with_tag("a")}
    assert {"exports/portfolio.csv", "exports/portfolio.xlsx"} <= links
    for view in VIEWS:
        assert f"portfolio/{view}.html" in links
        assert (built_site.site / "portfolio" / f"{view}.html").is_file()
    assert "Portfolio at a glance" in home.visible_text


def test_the_portfolio_section_lists_the_views_and_no_account(
        built_site: BuiltSite) -> None:
    page = (built_site.site / "portfolio" / "renewals.html").read_text("utf-8")
    primary = page.split("md-nav--primary", 1)[1].split("</nav>", 1)[0]
    for view in VIEWS:
        assert (built_site.site / "portfolio" / f"{view}.html").is_file()
        assert f'href="{view}.html"' in primary or 'md-nav__link--active' in primary
    assert "accounts/" not in primary
    tabs = page.split('class="md-tabs__list"', 1)[1].split("</ul>", 1)[0]
    assert "Portfolio" in tabs


def test_the_navigation_does_not_grow_with_the_portfolio(tmp_path: Path,
                                                         built_site: BuiltSite) -> None:
    config = make_project(tmp_path / "small", [EXAMPLE_PLAN])
    assert build(config, tmp_path / "small" / "site").code == 0

    def nav_links(site: Path) -> int:
        page = (site / "standards" / "index.html").read_text("utf-8")
        return page.split("md-nav--primary", 1)[1].split("</nav>", 1)[0].count("<a ")

    assert nav_links(tmp_path / "small" / "site") == nav_links(built_site.site)
    assert len(built_site.account_ids) == len(SAMPLE_PLANS) + 2


def test_the_home_page_hides_both_sidebars(built_site: BuiltSite) -> None:
    home = read_page(built_site.site / "index.html")
    sidebars = {e.attrs.get("data-md-type"): "hidden" in e.attrs
                for e in home.with_tag("div")
                if "md-sidebar" in (e.attrs.get("class") or "").split()}
    assert sidebars == {"navigation": True, "toc": True}
    renewals = read_page(built_site.site / "portfolio" / "renewals.html")
    sidebars = {e.attrs.get("data-md-type"): "hidden" in e.attrs
                for e in renewals.with_tag("div")
                if "md-sidebar" in (e.attrs.get("class") or "").split()}
    assert sidebars == {"navigation": False, "toc": True}


def test_account_pages_carry_their_charts_and_the_chart_stylesheet(
        built_site: BuiltSite) -> None:
    page = read_page(built_site.site / "accounts" / "jinghua-grid.html")
    figures = [e for e in page.with_tag("figure")
               if e.attrs.get("class") == "planbook-chart"]
    assert len(figures) == 5
    assert all("data-search-exclude" in figure.attrs for figure in figures)
    charts = [e for e in page.with_tag("svg") if "pb-chart" in (e.attrs.get("class") or "")]
    assert len(charts) == 5  # the sanitizer keeps them (the theme's icons are SVG too)
    assert all(chart.attrs.get("role") == "img" for chart in charts)
    sheets = [link.attrs.get("href") or "" for link in page.with_tag("link")]
    assert any(href.endswith("assets/planbook-charts.css") for href in sheets)
    assert (built_site.site / "assets" / "planbook-charts.css").read_text("utf-8") == CHART_CSS


def test_a_hand_written_export_is_refused(tmp_path: Path) -> None:
    config = make_project(tmp_path / "repo", [EXAMPLE_PLAN])
    (config.parent / "docs" / "exports").mkdir()
    (config.parent / "docs" / "exports" / "portfolio.csv").write_text("mine", "utf-8")
    outcome = build(config, config.parent / "site")
    assert outcome.code == 1
    assert "docs/exports/portfolio.csv is a hand-written file" in outcome.err
