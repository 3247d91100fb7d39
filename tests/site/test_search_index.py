"""The search index finds accounts by English name and by Chinese word."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.site.search import separator_splits_segments, utf8_json
from tests.support.site_projects import BuiltSite


def search_index(built_site: BuiltSite) -> dict[str, Any]:
    index: dict[str, Any] = json.loads(
        (built_site.site / "search" / "search_index.json").read_text("utf-8"))
    return index


def tokens(index: dict[str, Any], text: str) -> set[str]:
    """Words as the browser's lunr splits them, with the site's separator."""
    # The separator is a JavaScript pattern; its \\uXXXX escapes mean the same to re.
    separator = re.compile(index["config"]["separator"])
    return {token.lower() for token in separator.split(text) if token}


def entries_of(index: dict[str, Any], page: str) -> list[dict[str, Any]]:
    return [doc for doc in index["docs"] if doc["location"].split("#")[0] == page]


def test_the_separator_splits_segmented_chinese(built_site: BuiltSite) -> None:
    assert separator_splits_segments(search_index(built_site)["config"]["separator"])


def test_a_chinese_company_name_is_indexed_word_by_word(built_site: BuiltSite) -> None:
    index = search_index(built_site)
    words: set[str] = set()
    for entry in entries_of(index, "accounts/jinghua-grid.html"):
        words |= tokens(index, entry["title"]) | tokens(index, entry["text"])
    # 京华电网有限公司 is cut by jieba, so a search for 有限公司 finds it.
    assert {"京华", "电网", "有限公司"} <= words
    assert "京华电网有限公司" not in words


def test_every_chinese_named_account_is_found_by_有限公司(built_site: BuiltSite) -> None:
    index = search_index(built_site)
    found = {entry["location"].split("#")[0] for entry in index["docs"]
             if "有限公司" in tokens(index, entry["text"]) | tokens(index, entry["title"])}
    assert {"accounts/jinghua-grid.html", "accounts/jinsha-bank.html",
            "accounts/kessler-suzhou.html"} <= found


@pytest.mark.parametrize(("page", "word"), [
    ("accounts/alpennetz-telekom.html", "alpennetz"),
    ("accounts/northmere-water.html", "northmere"),
    ("accounts/jinghua-grid.html", "jinghua"),
])
def test_an_english_account_name_is_indexed(built_site: BuiltSite, page: str,
                                            word: str) -> None:
    index = search_index(built_site)
    entries = entries_of(index, page)
    assert entries, page
    assert word in tokens(index, entries[0]["title"])


@pytest.mark.parametrize("page", ["index.html", "portfolio/pipeline.html",
                                  "portfolio/renewals.html", "managers/index.html"])
def test_pages_that_grow_with_the_portfolio_are_indexed_from_their_data(
        built_site: BuiltSite, page: str) -> None:
    # One entry each, from the page's title and description: their tables
    # list the accounts, which have entries of their own.
    entries = entries_of(search_index(built_site), page)
    assert len(entries) == 1, entries
    [entry] = entries
    assert entry["location"] == page
    assert entry["title"] and entry["text"]
    assert "<table" not in entry["text"] and len(entry["text"]) < 300


def test_the_standards_reference_is_indexed_section_by_section(built_site: BuiltSite) -> None:
    entries = entries_of(search_index(built_site), "standards/index.html")
    assert len(entries) > 10
    assert any(entry["location"] == "standards/index.html#cos-present" for entry in entries)


def test_the_index_holds_chinese_as_utf8_text_not_ascii_escapes(built_site: BuiltSite) -> None:
    raw = (built_site.site / "search" / "search_index.json").read_bytes()
    assert "京华".encode() in raw and "\u200b".encode() in raw
    assert b"\\u4eac" not in raw and b"\\u200b" not in raw.replace(b"\\\\u200b", b"")
    # The same data Material wrote: JSON parses it the same.
    assert search_index(built_site)["docs"]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12)


@given(JSON_VALUES)
def test_the_index_text_is_rewritten_as_json_would_write_it_in_utf8(value: Any) -> None:
    """Backslashes, quotes, controls, surrogate pairs, Chinese: the same data, UTF-8 text."""
    written = json.dumps(value, separators=(",", ":"))
    assert utf8_json(written) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    assert json.loads(utf8_json(written)) == json.loads(written)
