"""The site as a sales leader sees it at 1440 px and on a phone (390 px).

No table loses a column without showing that it scrolls, charts keep their
labels legible on a phone, and an account page opens with its brief: the
headline figures and the findings that need action within the first screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.test_site_in_browser import PAGES

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}

#: Every table of the page whose columns do not all fit its box, and whether
#: the box shows that it scrolls (overflow-x auto/scroll with a shadow).
CLIPPED_TABLES = """() => {
  const clipped = [];
  for (const table of document.querySelectorAll("article table")) {
    let box = table;
    while (box && box !== document.body) {
      const style = getComputedStyle(box);
      if (["auto", "scroll", "hidden", "clip"].includes(style.overflowX)) break;
      box = box.parentElement;
    }
    if (!box || box === document.body) box = document.documentElement;
    const hidden = table.scrollWidth > box.clientWidth + 1
      || table.getBoundingClientRect().right > window.innerWidth + 1;
    if (!hidden) continue;
    const style = getComputedStyle(box);
    clipped.push({
      head: (table.querySelector("th") || table).textContent.trim().slice(0, 40),
      scrolls: ["auto", "scroll"].includes(style.overflowX),
      shadow: /gradient/.test(style.backgroundImage),
    });
  }
  return clipped;
}"""

#: The rendered size (px) of the smallest text in the page's charts.
SMALLEST_CHART_TEXT = """() => {
  let smallest = Infinity;
  for (const svg of document.querySelectorAll("figure.planbook-chart svg")) {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const text of svg.querySelectorAll("text")) {
      const size = parseFloat(getComputedStyle(text).fontSize) * scale;
      smallest = Math.min(smallest, size);
    }
  }
  return smallest;
}"""


@pytest.fixture
def sized(chromium: Any, site_url: str) -> Iterator[Any]:
    contexts: list[Any] = []

    def open_page(path: str, viewport: dict[str, int]) -> Any:
        context = chromium.new_context(viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        page.goto(site_url + path, wait_until="load")
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_every_table_column_is_visible_at_1440(sized: Any, path: str) -> None:
    page = sized(path, DESKTOP)
    assert page.evaluate(CLIPPED_TABLES) == []


@pytest.mark.parametrize("path", PAGES)
def test_on_a_phone_a_wide_table_shows_that_it_scrolls(sized: Any, path: str) -> None:
    page = sized(path, PHONE)
    clipped = page.evaluate(CLIPPED_TABLES)
    assert [t for t in clipped if not (t["scrolls"] and t["shadow"])] == []


@pytest.mark.parametrize("path", ["accounts/jinghua-grid.html", "accounts/kessler-suzhou.html",
                                  "portfolio/freshness.html", "portfolio/pipeline.html"])
def test_chart_text_stays_legible_on_a_phone(sized: Any, path: str) -> None:
    page = sized(path, PHONE)
    assert page.locator("figure.planbook-chart svg").count() > 0
    # 10 px, give or take the rounding of a scaled width
    assert page.evaluate(SMALLEST_CHART_TEXT) >= 9.99


@pytest.mark.parametrize("path", ["accounts/jinghua-grid.html", "accounts/hostile-bank.html",
                                  "accounts/kessler-suzhou.html"])
def test_the_brief_is_on_the_first_screen_at_1440(sized: Any, path: str) -> None:
    page = sized(path, DESKTOP)
    tiles = page.locator("dl.planbook-tiles")
    needs_action = page.locator("#needs-action + *")
    for part in (tiles, needs_action):
        box = part.bounding_box()
        assert box is not None and box["y"] + box["height"] <= DESKTOP["height"]
    for label in ("Target", "Booked", "Still to win", "Coverage", "Long-term potential",
                  "AR growth", "Satisfaction", "Next renewal"):
        assert tiles.get_by_text(label).first.is_visible()


def test_an_account_page_has_no_empty_navigation_sidebar(sized: Any) -> None:
    page = sized("accounts/jinghua-grid.html", DESKTOP)
    assert page.locator(".md-sidebar--primary").is_hidden()
    article = page.locator("article").bounding_box()
    assert article is not None and article["width"] >= 1000


def test_a_finding_in_the_brief_links_to_its_place_on_the_page(sized: Any) -> None:
    page = sized("accounts/hostile-bank.html", DESKTOP)
    first = page.locator("ul.planbook-actions-needed li").first
    assert first.is_visible()
    href = first.locator("a").first.get_attribute("href")
    assert href is not None and href.startswith("#")
    assert page.locator(f"[id='{href[1:]}']").count() == 1


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("path", ["accounts/jinghua-grid.html", "accounts/hostile-bank.html",
                                  "accounts/jinsha-bank.html", "accounts/kessler-suzhou.html"])
def test_an_account_prints_as_a_two_page_brief_marked_confidential(sized: Any,
                                                                   path: str) -> None:
    page = sized(path, {"width": 794, "height": 1123})
    page.emulate_media(media="print")
    line = page.locator(".planbook-confidential")
    assert line.is_visible() and line.inner_text() == "Internal — confidential"
    # A fixed element is drawn on every printed sheet.
    assert line.evaluate("el => getComputedStyle(el).position") == "fixed"
    assert page.locator(".planbook-brief").is_visible()
    assert page.locator("#opportunities").is_visible()
    assert page.locator("#stakeholders").is_hidden()  # the records stay on the site
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert 1 <= _pdf_pages(pdf) <= 2
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes and all(round(float(w)) == 595 and round(float(h)) == 842 for w, h in boxes)


def test_the_home_page_opens_with_headline_tiles_and_a_picture(sized: Any) -> None:
    page = sized("index.html", DESKTOP)
    assert page.title() == "Portfolio - Account plans"
    tiles = page.locator("dl.planbook-home-tiles")
    for label in ("Accounts", "Booked vs target", "Coverage", "Renewals at risk",
                  "Stale plans", "Open errors"):
        assert tiles.get_by_text(label).first.is_visible()
    box = tiles.bounding_box()
    assert box is not None and box["y"] + box["height"] <= DESKTOP["height"]
    picture = page.locator("svg.pb-home-target")
    assert picture.is_visible()
    assert "against a target of" in (picture.get_attribute("aria-label") or "")
