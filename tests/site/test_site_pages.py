"""The built site: every account has a page, nothing loads from outside, crawlers
are turned away, and a hostile plan shows up as harmless text."""

from __future__ import annotations

import re
from pathlib import Path

from tests.support.site_html import CSS_OUTSIDE, live_script_hooks, outside_requests, read_page
from tests.support.site_projects import BuiltSite

HOSTILE_WORDS = ("alert(",)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_account_has_a_page(built_site: BuiltSite) -> None:
    for account in built_site.account_ids:
        assert (built_site.site / "accounts" / f"{account}.html").is_file(), account


def test_the_portfolio_links_every_account(built_site: BuiltSite) -> None:
    home = read_page(built_site.site / "index.html")
    links = {a.attrs.get("href") for a in home.with_tag("a")}
    for account in built_site.account_ids:
        assert f"accounts/{account}.html" in links, account


def test_the_summary_line_counts_pages_and_findings(built_site: BuiltSite) -> None:
    line = built_site.outcome.out.strip()
    assert re.search(r"built \d+ pages into .*site in [\d.]+ s; 8 plans checked: "
                     r"\d+ errors, \d+ warnings, \d+ waived", line), line


def test_no_page_requests_an_outside_host(built_site: BuiltSite) -> None:
    found = {page.relative_to(built_site.site).as_posix(): outside_requests(read_page(page))
             for page in html_pages(built_site.site)}
    assert {page: urls for page, urls in found.items() if urls} == {}


def test_no_stylesheet_imports_from_an_outside_host(built_site: BuiltSite) -> None:
    sheets = sorted(built_site.site.rglob("*.css"))
    assert sheets
    assert [s.name for s in sheets if CSS_OUTSIDE.search(s.read_text("utf-8"))] == []


def test_no_google_fonts(built_site: BuiltSite) -> None:
    home = (built_site.site / "index.html").read_text("utf-8")
    assert "fonts.googleapis" not in home and "fonts.gstatic" not in home


def test_every_page_asks_crawlers_not_to_index(built_site: BuiltSite) -> None:
    for page in html_pages(built_site.site):
        metas = read_page(page).with_tag("meta")
        robots = [m.attrs.get("content") for m in metas if m.attrs.get("name") == "robots"]
        assert robots == ["noindex, nofollow"], page


def test_no_page_tells_an_outside_site_where_the_reader_came_from(
        built_site: BuiltSite) -> None:
    for page in html_pages(built_site.site):
        metas = read_page(page).with_tag("meta")
        assert [m.attrs.get("content") for m in metas
                if m.attrs.get("name") == "referrer"] == ["same-origin"], page


def test_navigation_lists_no_account(built_site: BuiltSite) -> None:
    # The account pages are reached from the portfolio table, so the menu on
    # every page stays the same size however many accounts there are.
    page = (built_site.site / "accounts" / "jinghua-grid.html").read_text("utf-8")
    primary = page.split('md-nav--primary', 1)[1].split("</nav>", 1)[0]
    assert "accounts/" not in primary
    assert "Home" in primary and "Standards" in primary


def test_print_layout_hides_the_chrome(built_site: BuiltSite) -> None:
    page = read_page(built_site.site / "accounts" / "jinghua-grid.html")
    sheets = [link.attrs.get("href") or "" for link in page.with_tag("link")]
    assert any(href.endswith("assets/planbook.css") for href in sheets)
    css = (built_site.site / "assets" / "planbook.css").read_text("utf-8")
    print_rules = css.split("@media print", 1)[1]
    for chrome in (".md-header", ".md-sidebar", ".md-search", ".md-tabs"):
        assert chrome in print_rules


def test_hostile_plan_is_shown_but_nothing_of_it_runs(built_site: BuiltSite) -> None:
    page = read_page(built_site.site / "accounts" / "hostile-bank.html")
    assert live_script_hooks(page) == []
    assert outside_requests(page) == []
    for script in page.scripts:
        assert not any(word in script for word in HOSTILE_WORDS), script[:200]
    for tag in ("iframe", "object", "embed", "body"):
        assert len(page.with_tag(tag)) == (1 if tag == "body" else 0), tag
    assert not [m for m in page.with_tag("meta") if m.attrs.get("http-equiv")]
    # The account manager still sees what was written, as text.
    assert "Hostile Bank" in page.visible_text
    assert "<script>alert('account-name')</script>" in page.visible_text


def test_hostile_plan_leaks_nowhere_else(built_site: BuiltSite) -> None:
    for page in html_pages(built_site.site):
        read = read_page(page)
        assert live_script_hooks(read) == [], page
        assert not [s for s in read.scripts if "alert(" in s], page
