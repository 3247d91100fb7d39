"""Portfolio tables sort and filter in the page (planbook.js, no outside
request) and stay complete when JavaScript is off."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

ROWS = "article table tbody tr"


def _column(page: Any, table: Any, header: str) -> list[str]:
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    index = next(i for i, h in enumerate(headers) if h.startswith(header))
    cells: list[str] = table.locator("tbody tr:not([hidden])").evaluate_all(
        f"rows => rows.map(r => r.cells[{index}].textContent.trim())")
    return cells


def test_sorting_the_renewals_by_annual_value(visit: Any) -> None:
    visit.open("portfolio/renewals.html")
    table = visit.page.locator("article table").first
    table.locator("thead th", has_text="Annual value (USD)").locator("button").click()
    values = [float(v.replace(",", "")) for v in _column(visit.page, table, "Annual value (USD)")]
    assert values == sorted(values) and len(values) > 3
    table.locator("thead th", has_text="Annual value (USD)").locator("button").click()
    again = [float(v.replace(",", "")) for v in _column(visit.page, table, "Annual value (USD)")]
    assert again == sorted(values, reverse=True)
    header = table.locator("thead th", has_text="Annual value (USD)")
    assert header.get_attribute("aria-sort") == "descending"
    visit.assert_quiet()


def test_filtering_the_freshness_list_by_owner_and_by_text(visit: Any) -> None:
    visit.open("portfolio/freshness.html")
    page = visit.page
    table = page.locator("article table").nth(1)
    every = table.locator("tbody tr").count()
    owners = _column(page, table, "Owner")
    chosen = owners[0]
    page.get_by_label("Owner").select_option(chosen)
    assert _column(page, table, "Owner") == [o for o in owners if o == chosen]
    assert page.locator(".planbook-filter__count").last.inner_text().startswith(
        f"{owners.count(chosen)} of {every}")
    page.get_by_label("Owner").select_option("")
    page.get_by_label("Filter the rows of this table").last.fill("jinghua")
    shown = _column(page, table, "Account")
    assert shown == ["Jinghua Power Grid Co., Ltd."]
    visit.assert_quiet()


@pytest.mark.parametrize("path", ["index.html", "portfolio/renewals.html",
                                  "portfolio/freshness.html", "portfolio/pipeline.html"])
def test_without_javascript_every_row_is_there(chromium: Any, site_url: str,
                                               path: str) -> None:
    with_js = chromium.new_context()
    without_js = chromium.new_context(java_script_enabled=False)
    try:
        counts = []
        for context in (with_js, without_js):
            page = context.new_page()
            page.goto(site_url + path, wait_until="load")
            counts.append((page.locator(ROWS).count(), page.locator(f"{ROWS}:visible").count(),
                           page.locator(".planbook-filter").count()))
        (rows, visible, bars), (rows_off, visible_off, bars_off) = counts
        assert rows == rows_off == visible == visible_off > 0
        assert bars > 0 and bars_off == 0  # the bar is JavaScript's; the table is not
    finally:
        with_js.close()
        without_js.close()
