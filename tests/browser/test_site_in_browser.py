"""The site as a reader meets it in Chromium: pages load cleanly and locally,
search finds English and Chinese names, the portfolio opens account pages,
and printing leaves only the plan."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.support.probe_plan import PROBE_ID, PROBE_WORD, RAN, free_text_paths

pytestmark = pytest.mark.browser

PAGES = [
    "index.html",
    "accounts/jinghua-grid.html",
    "accounts/hostile-bank.html",
    "accounts/kessler-suzhou.html",
    "managers/index.html",
    "standards/index.html",
    "about.html",
    "tags.html",
    "portfolio/pipeline.html",
    "portfolio/renewals.html",
    "portfolio/freshness.html",
    "portfolio/heatmap.html",
    "portfolio/whitespace.html",
]


def search(visit: Any, query: str) -> list[str]:
    """Type `query` into Material's search box; the result links, best first."""
    hrefs = visit.search_links(query, ".md-search-result__list > li a")
    # Links carry the highlight query (?h=...) and an anchor: keep the page.
    return [urlsplit(href).path.removeprefix("/") for href in hrefs]


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_without_errors_or_outside_requests(visit: Any, path: str) -> None:
    visit.open(path)
    visit.page.wait_for_load_state("networkidle")
    assert visit.page.locator("h1").first.is_visible()
    visit.assert_quiet()


def test_hostile_plan_text_is_shown_not_run(visit: Any) -> None:
    visit.open("accounts/hostile-bank.html")
    visit.page.wait_for_load_state("networkidle")
    heading = visit.page.locator("article h1").first.inner_text()
    assert "<script>alert('account-name')</script>" in heading
    assert visit.page.locator("article script, article iframe, article object").count() == 0
    visit.page.mouse.move(400, 400)
    visit.page.locator("article").first.click(position={"x": 20, "y": 20})
    visit.assert_quiet()


def test_searching_for_the_probe_runs_none_of_its_markup(visit: Any) -> None:
    """Every text field of the probe plan holds markup that would record itself
    in a window flag if the search results inserted it as HTML."""
    visit.open("index.html")
    assert f"accounts/{PROBE_ID}.html" in search(visit, PROBE_WORD)
    page = visit.page
    result = page.locator(".md-search-result__list > li").first
    shown = result.inner_text()
    assert f"{PROBE_WORD} <img src=x onerror=" in shown
    assert "<script>" in shown
    assert result.locator("img, script, svg").count() == 0
    # Scrolling the results and hovering them gives lazy markup its chance too.
    result.hover()
    page.mouse.wheel(0, 2000)
    page.wait_for_load_state("networkidle")
    assert page.evaluate(f"{RAN} === undefined"), page.evaluate(RAN)
    visit.assert_quiet()


def test_the_probe_covers_every_free_text_field() -> None:
    paths = set(free_text_paths())
    for field in (".account.name", ".account.local_name", ".plan.summary", ".plan.owner",
                  ".team[0].role", ".stakeholders[0].title", ".opportunities[0].name",
                  ".actions[0].what", ".engagements[0].topic", "x_top", "x_account",
                  "x_opportunity"):
        assert field in paths


def test_the_probe_page_runs_none_of_its_markup(visit: Any) -> None:
    visit.open(f"accounts/{PROBE_ID}.html")
    visit.page.wait_for_load_state("networkidle")
    assert f"{PROBE_WORD} <img src=x onerror=" in visit.page.locator("article h1").inner_text()
    assert visit.page.evaluate(f"{RAN} === undefined")
    visit.assert_quiet()


@pytest.mark.parametrize(("query", "expected"), [
    ("Northmere", "accounts/northmere-water.html"),
    ("alpennetz", "accounts/alpennetz-telekom.html"),
    ("Jinghua", "accounts/jinghua-grid.html"),
])
def test_search_finds_an_english_account_name(visit: Any, query: str, expected: str) -> None:
    visit.open("index.html")
    assert expected in search(visit, query)
    visit.assert_quiet()


def test_search_finds_a_chinese_word_inside_a_company_name(visit: Any) -> None:
    visit.open("index.html")
    found = search(visit, "有限公司")
    # 京华电网有限公司 and the other Chinese company names contain the word.
    assert "accounts/jinghua-grid.html" in found
    assert "accounts/kessler-suzhou.html" in found
    visit.assert_quiet()


def test_search_finds_a_chinese_name_typed_whole(visit: Any) -> None:
    visit.open("index.html")
    assert "accounts/jinghua-grid.html" in search(visit, "京华电网")
    visit.assert_quiet()


def test_a_portfolio_row_opens_its_account_page(visit: Any) -> None:
    visit.open("index.html")
    link = visit.page.locator('article table a[href="accounts/jinghua-grid.html"]').first
    link.click()
    visit.page.wait_for_url("**/accounts/jinghua-grid.html")
    assert "Jinghua Power Grid" in visit.page.locator("article h1").first.inner_text()
    visit.assert_quiet()


def test_printing_shows_only_the_plan_at_full_width(visit: Any) -> None:
    visit.open("accounts/jinghua-grid.html")
    page = visit.page
    assert page.locator(".md-header").is_visible()
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary",
                   ".md-footer", ".md-search"):
        assert not page.locator(chrome).first.is_visible(), chrome
    content = page.locator(".md-content").bounding_box()
    assert content is not None and content["width"] > 0.9 * 1280
    wide = page.evaluate("""() => [...document.querySelectorAll('article table')]
        .filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .length""")
    assert wide == 0
    visit.assert_quiet()


def test_the_palette_toggle_switches_to_dark_and_back(visit: Any) -> None:
    visit.open("index.html")
    page = visit.page
    body = page.locator("body")
    start = body.get_attribute("data-md-color-scheme")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert body.get_attribute("data-md-color-scheme") != start
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert body.get_attribute("data-md-color-scheme") == start
    visit.assert_quiet()


def test_from_home_to_an_at_risk_renewal(visit: Any) -> None:
    visit.open("index.html")
    page = visit.page
    glance = page.locator("article li", has_text="Renewals at risk")
    assert "USD" in glance.inner_text()
    glance.locator('a[href="portfolio/renewals.html"]').click()
    page.wait_for_url("**/portfolio/renewals.html")
    row = page.locator("article table tr", has_text="at risk").filter(
        has_text="Northmere Water Services plc").first
    assert row.is_visible()
    assert "sa-field-service" in row.inner_text()
    # The row leads on to the account's own page.
    row.locator("a").first.click()
    page.wait_for_url("**/accounts/northmere-water.html")
    visit.assert_quiet()


@pytest.mark.parametrize(("name", "starts_with"), [
    ("portfolio.csv", b"\xef\xbb\xbfaccount id,account name,"),
    ("portfolio.xlsx", b"PK\x03\x04"),
])
def test_the_exports_download_from_the_home_page(visit: Any, name: str,
                                                 starts_with: bytes) -> None:
    visit.open("index.html")
    link = visit.page.locator(f'article a[href="exports/{name}"]')
    assert link.inner_text() == name
    url = link.evaluate("link => link.href")
    response = visit.page.request.get(url)
    assert response.status == 200
    assert response.body().startswith(starts_with)
    visit.assert_quiet()


def test_account_charts_draw_in_the_browser(visit: Any) -> None:
    visit.open("accounts/jinghua-grid.html")
    charts = visit.page.locator("figure.planbook-chart svg")
    assert charts.count() == 5
    for index in range(5):
        box = charts.nth(index).bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 80
    visit.assert_quiet()
