"""The last guard on generated pages: an allowlist (nh3). What could run or
fetch is gone, the pages' own markup (tables, charts, anchors) stays."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import pytest

import generator.site.convert as convert
from generator.checker import check_paths
from generator.render import render_pages
from generator.site.convert import MarkdownSettings, convert_page
from generator.site.sanitize import is_script_url, sanitize_html
from generator.standards.config import load_standards
from tests.support import AS_OF, EXAMPLE_DIR
from tests.support.markdown_html import SITE_EXTENSIONS


@pytest.mark.parametrize(("markup", "expected"), [
    ('<p>before<script>alert(1)</script>after</p>', "<p>beforeafter</p>"),
    ('<p onclick="alert(1)" class="x">text</p>', '<p class="x">text</p>'),
    ('<img src="x" onerror="alert(1)" alt="a">', '<img src="x" alt="a">'),
    ('<a href="javascript:alert(1)">go</a>', "<a>go</a>"),
    ('<a href="  JaVa\tScRiPt:alert(1)">go</a>', "<a>go</a>"),
    ('<a href="data:text/html,&lt;script&gt;">go</a>', "<a>go</a>"),
    ('<iframe src="https://evil.example"></iframe><p>kept</p>', "<p>kept</p>"),
    ('<style>@import url(https://evil.example/x.css);</style><p>kept</p>', "<p>kept</p>"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/"><p>kept</p>',
     "<p>kept</p>"),
    ('<img src="https://evil.example/pixel.png" alt="pixel">', '<img alt="pixel">'),
    ('<img src="//evil.example/pixel.png">', "<img>"),
    ('<p style="background: url(https://evil.example/x.png)">1</p>', "<p>1</p>"),
    ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
     "<svg><a><text>x</text></a></svg>"),
    ('<svg><animate attributeName="href" to="javascript:alert(1)"/><rect/></svg>',
     "<svg><rect></rect></svg>"),
    ('<svg><use href="https://evil.example/sprite.svg#i"/></svg>', "<svg></svg>"),
    ('<p>a<!-- --><script>x</script>b</p>', "<p>ab</p>"),
    ('<form action="https://evil.example"><input name="x"><button>go</button></form>', "go"),
    ('<p><unknown-element onclick="x">kept text</unknown-element></p>', "<p>kept text</p>"),
])
def test_what_could_run_or_fetch_is_removed(markup: str, expected: str) -> None:
    assert sanitize_html(markup) == expected


@pytest.mark.parametrize("style", [
    "background-image:image-set('https://evil.example/a.png' 1x)",
    "background-image: -webkit-image-set(url(//evil.example/a.png) 1x)",
    "background: url(https://evil.example/x.png)",
    "list-style-image: url(https://evil.example/x.png)",
    "content: url(https://evil.example/x.png)",
    "cursor: url(https://evil.example/x.cur), auto",
    "border-image: url(https://evil.example/x.png) 30",
    "mask: url(https://evil.example/m.svg)",
    "width: 1px; background: u\\72l(https://evil.example/x.png)",
    "color: red; background-image: cross-fade(url(a.png), url(https://evil.example/b.png))",
])
def test_no_style_can_fetch(style: str) -> None:
    for tag in ("td", "span", "rect"):
        markup = (f'<table><tr><td style="{style}">1</td></tr></table>' if tag == "td" else
                  f'<svg><rect style="{style}"/></svg>' if tag == "rect" else
                  f'<span style="{style}">1</span>')
        cleaned = sanitize_html(markup).lower()
        assert "evil.example" not in cleaned and "image-set" not in cleaned, cleaned
        assert "url(" not in cleaned


@pytest.mark.parametrize("attribute", ["fill", "stroke", "marker-end", "clip-path"])
def test_svg_references_stay_inside_the_page(attribute: str) -> None:
    kept = sanitize_html(f'<svg><polyline {attribute}="url(#arrow)"/></svg>')
    assert f'{attribute}="url(#arrow)"' in kept
    outside = sanitize_html(f'<svg><polyline {attribute}="url(https://evil.example/s.svg#a)"/>'
                            "</svg>")
    assert "evil.example" not in outside


@pytest.mark.parametrize(("markup", "expected"), [
    ('<h2 id="summary">Summary<a class="headerlink" href="#summary" title="Permanent link">'
     "&para;</a></h2>",
     '<h2 id="summary">Summary<a class="headerlink" href="#summary" title="Permanent link">'
     "¶</a></h2>"),
    ('<table>\n<thead>\n<tr>\n<th style="text-align: right;">Amount</th>\n</tr>\n</thead>\n'
     "<tbody>\n<tr>\n<td>USD 1,000 &amp; more &lt;b&gt;</td>\n</tr>\n</tbody>\n</table>",
     '<table>\n<thead>\n<tr>\n<th style="text-align:right">Amount</th>\n</tr>\n</thead>\n'
     "<tbody>\n<tr>\n<td>USD 1,000 &amp; more &lt;b&gt;</td>\n</tr>\n</tbody>\n</table>"),
    ('<p><a href="../managers/li-wei.html">Li Wei</a> · 京华电网有限公司</p>',
     '<p><a href="../managers/li-wei.html">Li Wei</a> · 京华电网有限公司</p>'),
    ('<figure class="planbook-chart" data-search-exclude><svg class="pb-chart" role="img" '
     'viewBox="0 0 10 10" aria-labelledby="t"><title id="t">AR</title><rect class="pb-bar" '
     'x="1" y="2" width="3" height="4" fill="#4e79a7" /></svg><figcaption>AR by year'
     "</figcaption></figure>",
     '<figure class="planbook-chart" data-search-exclude=""><svg class="pb-chart" role="img" '
     'viewBox="0 0 10 10" aria-labelledby="t"><title id="t">AR</title><rect class="pb-bar" '
     'x="1" y="2" width="3" height="4" fill="#4e79a7"></rect></svg><figcaption>AR by year'
     "</figcaption></figure>"),
    ('<details class="note"><summary>More</summary><p>x<br />y</p></details>',
     '<details class="note"><summary>More</summary><p>x<br>y</p></details>'),
    ('<svg><defs><marker id="arrow" markerWidth="6" markerHeight="6" refX="3" refY="3" '
     'orient="auto" viewBox="0 0 6 6"><path d="M0,0 L6,3 L0,6 z" fill="#555"/></marker></defs>'
     '<polyline points="0,0 5,5" marker-end="url(#arrow)" stroke-dasharray="2 2"/></svg>',
     '<svg><defs><marker id="arrow" markerWidth="6" markerHeight="6" refX="3" refY="3" '
     'orient="auto" viewBox="0 0 6 6"><path d="M0,0 L6,3 L0,6 z" fill="#555"></path></marker>'
     '</defs><polyline points="0,0 5,5" marker-end="url(#arrow)" stroke-dasharray="2 2">'
     "</polyline></svg>"),
])
def test_ordinary_page_markup_is_kept(markup: str, expected: str) -> None:
    assert sanitize_html(markup) == expected


class _Shape(HTMLParser):
    """Every element with its attribute names and values, as a multiset."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: Counter[tuple[str, tuple[tuple[str, str], ...]]] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements[(tag, tuple(sorted((n, v or "") for n, v in attrs)))] += 1

    handle_startendtag = handle_starttag


def _shape(markup: str) -> Counter[tuple[str, tuple[tuple[str, str], ...]]]:
    parser = _Shape()
    parser.feed(markup)
    return parser.elements


def test_a_real_account_page_keeps_all_its_markup(monkeypatch: pytest.MonkeyPatch) -> None:
    # The example's account page (tables, cards, five charts) loses nothing:
    # every element and attribute the templates write is on the allowlist.
    standards = load_standards(None)
    page = render_pages(check_paths([EXAMPLE_DIR], standards, AS_OF), standards,
                        AS_OF)["accounts/jinghua-grid.md"]
    settings = MarkdownSettings(tuple(SITE_EXTENSIONS), ())
    monkeypatch.setattr(convert, "sanitize_html", lambda markup: markup)
    raw = convert_page("accounts/jinghua-grid.md", page, settings).html
    cleaned = sanitize_html(raw)
    before, after = _shape(raw), _shape(cleaned)
    assert sum(count for (tag, _), count in before.items() if tag == "svg") >= 3
    normalised = Counter({(tag, tuple((n, v.replace(": ", ":").rstrip(";")) for n, v in attrs)):
                          count for (tag, attrs), count in before.items()})
    assert after == normalised


@pytest.mark.parametrize(("url", "runs"), [
    ("javascript:alert(1)", True),
    (" \njavascript:alert(1)", True),
    ("VBScript:x", True),
    ("data:image/svg+xml,<svg onload=alert(1)>", True),
    ("../accounts/jinghua-grid.html", False),
    ("#summary", False),
    ("https://intranet.example/crm", False),
])
def test_script_urls(url: str, runs: bool) -> None:
    assert is_script_url(url) is runs
