"""HTML blocks: autoescaped, compact, passed through Markdown, linked as the site serves."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from markupsafe import Markup

from generator.render.html_blocks import (
    HtmlBlocks,
    SiteLinks,
    compact,
    extras_inline,
    html_environment,
    html_finalize,
    money,
    page_url,
    text_list,
)
from tests.support.markdown_html import to_html


@pytest.mark.parametrize("value, shown", [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("a\nb\x00\x1b  c", "a b c"),
    ("[x](javascript:alert(1)) *not* `code`", "[x](javascript:alert(1)) *not* `code`"),
    ('"quoted" & \'single\'', "&quot;quoted&quot; &amp; &#x27;single&#x27;"),
    (None, "—"),
    (True, "yes"),
    (1234, "1234"),
    (Decimal("1234.5"), "1,234.5"),
    (dt.date(2026, 11, 27), "2026-11-27"),
    (["a<b", "c"], "a&lt;b, c"),
])
def test_values_are_shown_as_text(value: object, shown: str) -> None:
    rendered = html_environment().from_string("{{ value }}").render(value=value)
    assert rendered == shown
    assert isinstance(html_finalize(value), Markup)


def test_text_filters_escape_for_html_not_markdown() -> None:
    assert money(Decimal("48000000"), "CNY") == "CNY 48,000,000"
    assert text_list(["R&D", "a_b"]) == "R&amp;D, a_b"  # no Markdown backslashes
    assert extras_inline([("x_<b>", {"k": "<i>"})]) == "<code>x_&lt;b&gt;</code>: k: &lt;i&gt;"


def test_a_block_has_no_blank_line_and_no_indentation() -> None:
    assert compact("<table>\n\n  <tr>\n\t<td>x</td>\n\n\n</tr>\n</table>\n") == (
        "<table>\n<tr>\n<td>x</td>\n</tr>\n</table>")


def test_markdown_passes_a_block_through_untouched() -> None:
    block = compact(str(html_environment().from_string(
        "<table>\n<tr><td>{{ v }}</td><td>*a* _b_ [c](d) {: #e }</td></tr>\n</table>"
    ).render(v="1 < 2 | x")))
    html = to_html(f"# Page\n\nSome text.\n\n{block}\n\nMore text.\n")
    assert block in html


@pytest.mark.parametrize("directory_urls, page, target, anchor, url", [
    (False, "accounts/a.md", "managers/b.md", None, "../managers/b.html"),
    (False, "accounts/a.md", "standards/index.md", "close-date",
     "../standards/index.html#close-date"),
    (False, "index.md", "accounts/a.md", None, "accounts/a.html"),
    (False, "accounts/a.md", "accounts/c.md", None, "c.html"),
    (True, "accounts/a.md", "managers/b.md", None, "../../managers/b/"),
    (True, "accounts/a.md", "standards/index.md", "rule", "../../standards/#rule"),
    (True, "index.md", "accounts/a.md", None, "accounts/a/"),
    (True, "managers/index.md", "managers/b.md", None, "b/"),
    (True, "managers/b.md", "index.md", None, "../../"),
])
def test_links_are_the_site_urls(directory_urls: bool, page: str, target: str,
                                 anchor: str | None, url: str) -> None:
    assert SiteLinks(page, directory_urls).href(target, anchor) == url


def test_a_link_is_quoted_so_no_target_or_anchor_breaks_out_of_its_attribute() -> None:
    assert page_url('a b/"x".md', '" onclick="x') == "a%20b/%22x%22.md#%22%20onclick%3D%22x"
    assert SiteLinks("index.md").href("accounts/<b>.md", "#x y") == (
        "accounts/%3Cb%3E.html#%23x%20y")


def test_macros_of_a_template_are_bound_to_the_page_context() -> None:
    blocks = HtmlBlocks("findings.html.j2", links=SiteLinks("accounts/a.md"),
                        standards_page="standards/index.md")
    assert blocks.findings_table(()).startswith("<table>\n<thead>")
