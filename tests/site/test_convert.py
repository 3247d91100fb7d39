"""Generated pages converted by planbook: as Python-Markdown would, stored as data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cache_files import read_entry, write_entry
from generator.checker import check_paths
from generator.render import render_pages
from generator.site.convert import (
    ConvertedPage,
    MarkdownSettings,
    PageCache,
    convert_page,
)
from generator.site.publish import front_matter_of, publish
from generator.standards.config import load_standards
from tests.support import AS_OF, EXAMPLE_DIR
from tests.support.markdown_html import SITE_EXTENSIONS, audit, to_html

SETTINGS = MarkdownSettings(tuple(SITE_EXTENSIONS), ())


@pytest.fixture(scope="module")
def example_page() -> str:
    standards = load_standards(None)
    return render_pages(check_paths([EXAMPLE_DIR], standards, AS_OF), standards,
                        AS_OF)["accounts/jinghua-grid.md"]


def test_the_reader_gets_what_python_markdown_makes_of_the_page(example_page: str) -> None:
    ours = audit(convert_page("accounts/jinghua-grid.md", example_page, SETTINGS).html)
    theirs = audit(to_html(example_page))
    assert ours.text == theirs.text
    assert ours.ids == theirs.ids
    assert ours.tags == theirs.tags
    # Markdown links between pages become the site's URLs, as MkDocs makes them.
    assert [link.replace(".md", ".html") for link in theirs.links] == ours.links


def test_the_table_of_contents_lists_the_sections(example_page: str) -> None:
    toc = convert_page("accounts/jinghua-grid.md", example_page, SETTINGS).toc
    [title] = toc
    assert title["id"] == "top"
    first_three = [entry["id"] for entry in title["children"]][:3]
    assert first_three == ["relationship-map", "summary", "account"]


def test_front_matter_is_what_mkdocs_reads(example_page: str) -> None:
    head = front_matter_of(example_page)
    assert head.startswith("---\ntitle: Jinghua Power Grid") and head.endswith("---\n")
    assert front_matter_of("# no front matter") == ""


def test_cache_entries_are_json_data_and_bad_ones_are_ignored(tmp_path: Path) -> None:
    store = PageCache(tmp_path, SETTINGS)
    key = store.key("accounts/a.md", "# A\n")
    page = ConvertedPage(html="<h1>A</h1>", toc=[])
    assert store.get(key) is None
    assert store.put(key, page)
    assert read_entry(store.entry(key))["html"] == "<h1>A</h1>"
    assert store.get(key) == page
    for bad in (b"\x80\x04\x95pickle", b"[1, 2]", b'{"key": "other", "html": "", "toc": []}',
                b'{"key": "%s", "html": 1, "toc": []}' % key.encode()):
        store.entry(key).write_bytes(bad)
        assert store.get(key) is None
    for bad_shape in ([1, 2], {"key": "other", "html": "", "toc": []},
                      {"key": key, "html": 1, "toc": []}):
        assert write_entry(store.entry(key), bad_shape)   # sealed, but not a page
        assert store.get(key) is None


def test_a_page_planted_in_a_shared_cache_never_reaches_the_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The cached HTML is published as it is: an entry sealed by anyone but this
    # user (or not sealed at all) must be ignored, however well formed.
    store = PageCache(tmp_path, SETTINGS)
    text = "---\ntitle: A\n---\n# A\n"
    key = store.key("accounts/a.md", text)
    planted = {"format": json.loads(json.dumps(_format_of(store, key))), "key": key,
               "html": '<img src=x onerror="alert(1)">', "toc": []}
    store.entry(key).parent.mkdir(parents=True, exist_ok=True)
    store.entry(key).write_text(json.dumps(planted), "utf-8")
    assert store.get(key) is None
    with monkeypatch.context() as someone_else:
        someone_else.setenv("PLANBOOK_CACHE_KEY_FILE", str(tmp_path / "someone-else.key"))
        assert write_entry(store.entry(key), planted)
    assert store.get(key) is None
    published = publish("accounts/a.md", text, SETTINGS, store, reuse=True)
    assert "onerror" not in published.load().html


def _format_of(store: PageCache, key: str) -> object:
    store.put(key, ConvertedPage(html="", toc=[]))
    entry = read_entry(store.entry(key))
    assert isinstance(entry, dict)
    return entry["format"]


def test_a_key_changes_with_the_page_and_the_settings(tmp_path: Path) -> None:
    store = PageCache(tmp_path, SETTINGS)
    other = PageCache(tmp_path, MarkdownSettings(tuple(SITE_EXTENSIONS), (),
                                                 use_directory_urls=True))
    key = store.key("accounts/a.md", "# A\n")
    assert key != store.key("accounts/a.md", "# B\n")
    assert key != store.key("accounts/b.md", "# A\n")
    assert key != other.key("accounts/a.md", "# A\n")


def test_a_page_that_cannot_be_stored_is_kept_in_memory(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    published = publish("accounts/a.md", "---\ntitle: A\n---\n# A\n", SETTINGS,
                        PageCache(blocked, SETTINGS), reuse=True)
    assert published.entry is None
    assert published.load().html.startswith('<h1 id="a">A')


def test_every_generated_page_reads_as_python_markdown_makes_it() -> None:
    """Home, portfolio views, managers, standards: blocks stashed or left to md_in_html."""
    standards = load_standards(None)
    pages = render_pages(check_paths([EXAMPLE_DIR], standards, AS_OF), standards, AS_OF)
    assert len(pages) > 8
    for path, text in pages.items():
        html, markdown_html = convert_page(path, text, SETTINGS).html, to_html(text)
        ours, theirs = audit(html), audit(markdown_html)
        assert (ours.text, ours.ids, ours.tags) == (theirs.text, theirs.ids, theirs.tags), path
        # A block that asks md_in_html for Markdown went through md_in_html, as it does there.
        assert html.count(" markdown=") == markdown_html.count(" markdown="), path
