"""An account page carries its plan, not the weight of the theme's templates: the
chrome without their indentation, a table of contents of sections (issue 14's
page-size row). Sizes are checked through their causes, never as a timing."""

from __future__ import annotations

import re

from tests.support.site_html import read_page
from tests.support.site_projects import BuiltSite

#: the theme's chrome on every page, by how each part starts
CHROME_STARTS = ('<header class="md-header"', '<nav class="md-tabs"',
                 '<div class="md-sidebar md-sidebar--primary"',
                 '<div class="md-sidebar md-sidebar--secondary"', '<footer class="md-footer"',
                 '<nav class="md-tags"')


def _chrome(html: str, start: str) -> str:
    """One part of the chrome: from its start tag to the end of the same element."""
    tag = start[1:].split(" ", 1)[0]
    begin = html.index(start)
    depth, position = 0, begin
    for match in re.compile(rf"<(/?){tag}\b").finditer(html, begin):
        depth += -1 if match.group(1) else 1
        position = match.end()
        if depth == 0:
            break
    return html[begin:html.index(">", position) + 1]


def test_the_theme_chrome_has_no_indentation_runs(built_site: BuiltSite) -> None:
    for page in ("accounts/jinghua-grid.html", "standards/index.html", "format.html"):
        html = (built_site.site / page).read_text("utf-8")
        for start in CHROME_STARTS:
            if start not in html:
                continue
            chrome = _chrome(html, start)
            assert "\n" not in chrome and "  " not in chrome, (page, start)


def test_folding_the_chrome_keeps_its_links_and_leaves_the_content_alone(
        built_site: BuiltSite) -> None:
    html = (built_site.site / "format.html").read_text("utf-8")
    nav = _chrome(html, CHROME_STARTS[2])
    assert 'href="portfolio/pipeline.html"' in nav and 'href="about.html"' in nav
    tags = _chrome((built_site.site / "accounts" / "jinghua-grid.html").read_text("utf-8"),
                   '<nav class="md-tags"')
    assert re.findall(r'<a href="../tags.html#tag:[^"]+" class="md-tag">([^<]+)</a>', tags) == [
        "China North", "Power &amp; Utilities", "mature", "smart-grid", "state-owned"]
    # A code block in a hand-written page keeps its line breaks.
    blocks = re.findall(r"<pre\b.*?</pre>", html, re.DOTALL)
    assert blocks and any("\n" in block for block in blocks)


def test_an_account_table_of_contents_lists_sections_not_items(built_site: BuiltSite) -> None:
    html = (built_site.site / "accounts" / "jinghua-grid.html").read_text("utf-8")
    toc = _chrome(html, CHROME_STARTS[3])
    listed = re.findall(r'href="#([^"]+)"', toc)
    assert "opportunities" in listed and "stakeholders" in listed
    # The items keep their anchors on the page, one click away in their section.
    assert 'id="opp-dispatch-analytics"' in html
    assert "opp-dispatch-analytics" not in listed
    page = read_page(built_site.site / "accounts" / "jinghua-grid.html")
    sections = {e.attrs.get("id") for e in page.with_tag("h2")}
    assert set(listed) <= sections


def test_other_pages_keep_every_level_in_their_table_of_contents(
        built_site: BuiltSite) -> None:
    html = (built_site.site / "format.html").read_text("utf-8")
    toc = _chrome(html, CHROME_STARTS[3])
    page = read_page(built_site.site / "format.html")
    deeper = {e.attrs.get("id") for e in page.with_tag("h3")}
    assert deeper and deeper <= set(re.findall(r'href="#([^"]+)"', toc))
