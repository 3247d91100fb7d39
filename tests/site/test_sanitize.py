"""The last guard on generated pages: what could run or fetch is gone, the rest stays."""

from __future__ import annotations

import pytest

from generator.site.sanitize import is_script_url, sanitize_html


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
    ('<img src="https://evil.example/pixel.png" alt="pixel">', "[pixel]"),
    ('<img src="//evil.example/pixel.png">', "[image]"),
    ('<td style="background: url(https://evil.example/x.png)">1</td>', "<td>1</td>"),
    ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
     "<svg><a><text>x</text></a></svg>"),
    ('<svg><animate attributeName="href" to="javascript:alert(1)"/><rect/></svg>',
     "<svg><rect /></svg>"),
    ('<svg><use href="https://evil.example/sprite.svg#i"/></svg>', "<svg><use /></svg>"),
    ('<p>a<!-- --><script>x</script>b</p>', "<p>ab</p>"),
])
def test_what_could_run_or_fetch_is_removed(markup: str, expected: str) -> None:
    assert sanitize_html(markup) == expected


@pytest.mark.parametrize("markup", [
    '<h2 id="summary">Summary<a class="headerlink" href="#summary" title="Permanent link">'
    "&para;</a></h2>",
    '<table>\n<thead>\n<tr>\n<th style="text-align: right;">Amount</th>\n</tr>\n</thead>\n'
    "<tbody>\n<tr>\n<td>USD 1,000 &amp; more &lt;b&gt;</td>\n</tr>\n</tbody>\n</table>",
    '<p><a href="../managers/li-wei.html">Li Wei</a> · 京华电网有限公司</p>',
    '<figure class="planbook-chart" data-search-exclude><svg class="pb-chart" role="img">'
    '<title id="t">AR</title><rect class="pb-bar" x="1" y="2" width="3" height="4" '
    'fill="#4e79a7" /></svg><figcaption>AR by year</figcaption></figure>',
    '<details class="note"><summary>More</summary><p>x<br />y</p></details>',
])
def test_ordinary_page_markup_is_kept(markup: str) -> None:
    assert sanitize_html(markup) == markup


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
