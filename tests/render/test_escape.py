"""Plan text is shown as text: whatever it holds, the reader sees exactly it."""

from __future__ import annotations

import markdown
import pytest

from generator.render.escape import (
    html_text,
    inline_code,
    markdown_text,
    message_text,
    plain,
    summary_html,
)
from tests.support.markdown_html import SITE_EXTENSIONS, audit

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
    '"><svg onload=alert(1)>',
    "<a href=\"javascript:alert(1)\">x</a>",
    "[x]: javascript:alert(1)",
    "Title { onclick=\"alert(1)\" }",
    "Title {: #evil .cls onmouseover=alert(1) }",
    "<div markdown=\"1\">*bold*</div>",
    "!!! danger \"Injected\"",
    "??? note \"Injected\"",
    "```\n<script>alert(1)</script>\n```",
    "~~~\ncode\n~~~",
    "# Heading\n\n- item\n> quote",
    "1. first\n2. second",
    "a | b | c",
    "*em* _em_ **strong** __strong__ `code` ~~del~~",
    "&lt;script&gt; &amp; &#60;",
    "back\\slash \\* \\[ \\<",
    "    four spaces then code",
    "line one\n\nline two\r\nline three",
    "\x02wzxhzdk:0\x03 placeholder",
    "京华电网有限公司（苏州） · 张明",  # noqa: RUF001 - full-width brackets are the point
    "50% of CNY 6.2M — 'quoted' \"double\"",
    "---",
    "+ plus list",
    "<!-- comment -->",
    "<https://example.com>",
    "{#jinja} {{ jinja }} {% jinja %}",
]


def _expected(text: str) -> str:
    return plain(text)


def _rendered_text(html: str) -> str:
    return audit(html).text


@pytest.mark.parametrize("text", HOSTILE)
def test_paragraph_shows_the_text_exactly(text: str) -> None:
    html = markdown.markdown(str(markdown_text(text)), extensions=SITE_EXTENSIONS)
    assert audit(html).tags == ["p"]
    assert _rendered_text(html) == _expected(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_table_cell_keeps_the_row_whole(text: str) -> None:
    table = f"| Field | Value |\n|---|---|\n| name | {markdown_text(text)} |\n"
    html = markdown.markdown(table, extensions=SITE_EXTENSIONS)
    found = audit(html)
    assert found.tags.count("td") == 2
    assert set(found.tags) == {"table", "thead", "tbody", "tr", "th", "td"}
    assert _rendered_text(html) == f"Field Value name {_expected(text)}".strip()


@pytest.mark.parametrize("text", HOSTILE)
def test_list_item_and_heading_stay_plain(text: str) -> None:
    document = f"- {markdown_text(text)}\n\n## {markdown_text(text)} {{ #anchor }}\n"
    html = markdown.markdown(document, extensions=SITE_EXTENSIONS)
    found = audit(html)
    assert found.tags == ["ul", "li", "h2"]
    assert found.attributes == [("h2", "id", "anchor")]
    assert _rendered_text(html) == f"{_expected(text)} {_expected(text)}".strip()


@pytest.mark.parametrize("text", HOSTILE)
def test_inline_code_shows_the_text(text: str) -> None:
    html = markdown.markdown(f"| a |\n|---|\n| {inline_code(text)} |",
                             extensions=SITE_EXTENSIONS)
    found = audit(html)
    assert found.tags.count("code") == 1
    assert _rendered_text(html) == f"a {_expected(text)}".strip()


def test_message_shows_backticked_names_as_code() -> None:
    message = "COS `cos-<b>x</b>` lists no `customer_commitments`: agree them"
    html = markdown.markdown(str(message_text(message)), extensions=SITE_EXTENSIONS)
    assert html == ("<p>COS <code>cos-&lt;b&gt;x&lt;/b&gt;</code> lists no "
                    "<code>customer_commitments</code>: agree them</p>")


def test_message_with_an_odd_backtick_is_all_text() -> None:
    html = markdown.markdown(str(message_text("a `b` c ` d")), extensions=SITE_EXTENSIONS)
    assert html == "<p>a `b` c ` d</p>"


def test_html_text_escapes_quotes_for_attributes() -> None:
    assert html_text('"><script>x</script> & \'') == (
        "&quot;&gt;&lt;script&gt;x&lt;/script&gt; &amp; &#x27;")


def test_summary_markdown_is_rendered_but_raw_html_is_not() -> None:
    html = summary_html("# Goal\n\nGrow **fast**.\n\n<script>alert(1)</script>\n\n"
                        "<img src=x onerror=alert(1)>")
    found = audit(html)
    assert "script" not in found.tags and "img" not in found.tags
    assert "<h3>Goal</h3>" in html  # moved below the page's own sections
    assert "<strong>fast</strong>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("link", [
    "[click](javascript:alert(1))",
    "[click](JavaScript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD4=)",
    "[click](&#106;avascript:alert(1))",
    "<javascript:alert(1)>",
])
def test_summary_refuses_script_links(link: str) -> None:
    found = audit(str(summary_html(link)))
    assert found.script_urls() == []
    assert "a" not in found.tags


def test_summary_keeps_ordinary_links() -> None:
    found = audit(str(summary_html("[intranet](https://intranet.example.com/a?b=1)")))
    assert found.links == ["https://intranet.example.com/a?b=1"]


def test_summary_images_are_not_fetched() -> None:
    found = audit(str(summary_html("![chart](https://tracker.example.com/pixel.png)")))
    assert "img" not in found.tags
    assert found.links == ["https://tracker.example.com/pixel.png"]


@pytest.mark.parametrize("mark", ["\u202a", "\u202b", "\u202d", "\u202e", "\u2066", "\u2069"])
def test_bidi_overrides_never_reach_a_page(mark: str) -> None:
    # QA: a plan value holding U+202E reached the account page, reversing the text after it.
    value = f"Li{mark} Wei"
    for shown in (html_text(value), inline_code(value), markdown_text(value),
                  summary_html(value)):
        assert mark not in shown
        assert "Li Wei" in shown
