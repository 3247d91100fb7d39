"""Search lands on the section: a hit links to the account's section or item
that holds the word, with a short plain-text snippet."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def first_hits(visit: Any, query: str) -> list[str]:
    """The result links (page and anchor), best first, for `query` typed in the box."""
    hrefs = visit.search_links(query, ".md-search-result__list a")
    return [urlsplit(h).path.removeprefix("/") + ("#" + urlsplit(h).fragment
                                                  if urlsplit(h).fragment else "")
            for h in hrefs]


def test_a_chinese_word_inside_a_bank_name_finds_the_bank(visit: Any) -> None:
    visit.open("index.html")
    hits = first_hits(visit, "银行")
    # 金沙江商业银行: jieba cuts 商业银行 as one word; its search mode adds 银行.
    assert "accounts/jinsha-bank.html" in hits
    visit.assert_quiet()


def test_a_persons_full_name_lands_on_their_row(visit: Any) -> None:
    visit.open("index.html")
    hits = first_hits(visit, "Zhang Ming")
    assert "accounts/jinghua-grid.html#zhang-ming" in hits[:3]
    visit.assert_quiet()


def test_an_opportunity_id_lands_on_the_opportunity(visit: Any) -> None:
    visit.open("index.html")
    hits = first_hits(visit, "opp-dispatch-analytics")
    assert "accounts/jinghua-grid.html#opp-dispatch-analytics" in hits[:3]
    visit.page.locator(".md-search-result__list a",
                       has_text="Dispatch analytics platform").first.click()
    visit.page.wait_for_url("**/accounts/jinghua-grid.html*#opp-dispatch-analytics")
    assert visit.page.locator("[id='opp-dispatch-analytics']").is_visible()
    visit.assert_quiet()


def test_a_hit_shows_plain_text_not_markdown(visit: Any) -> None:
    visit.open("index.html")
    first_hits(visit, "modernising")
    shown = visit.page.locator(".md-search-result__list > li").first.inner_text()
    assert "modernising" in shown and "**" not in shown
    assert len(shown) < 600
