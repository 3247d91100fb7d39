"""Show plan text as text: never as HTML, never as Markdown.

Plan authors write free text, and MkDocs renders our pages with
Python-Markdown, which passes raw HTML through and turns `[x](javascript:…)`
into a link. Every plan value therefore goes through `markdown_text` before it
reaches a page: HTML's special characters become entities and Markdown's
become backslash escapes, so the reader sees exactly what the author typed.

The one exception is `plan.summary`, which is Markdown by contract:
`summary_html` renders it with markdown-it-py (raw HTML off, unsafe link
schemes refused) and the page embeds the result as a raw HTML block that
Python-Markdown leaves alone.
"""

from __future__ import annotations

import html
from functools import cache

from markdown_it import MarkdownIt
from markupsafe import Markup

from generator.plain_text import CONTROL, plain

# Characters Python-Markdown (with the `tables` extension) accepts a backslash
# escape for; a backslash before any other character would show on the page.
_BACKSLASH = frozenset("\\`*_{}[]()#+-.!|")
# Characters that need an HTML entity: the HTML specials (a backslash does not
# stop Python-Markdown reading `<` as a tag), and `~`, which pymdownx reads as
# a fence or strike-through and which has no backslash escape.
_ENTITY = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "'": "&#39;",
    "~": "&#126;",
}
# `?` opens a pymdownx.details block (`??? note`) when it starts a block, e.g.
# the text of a list item; it has no backslash escape either.
_LEADING_ENTITY = {"?": "&#63;"}
# Control characters and bidi overrides are removed, whitespace runs collapsed:
# `generator.plain_text` says why (shared with the search index and the exports).
_CONTROL = CONTROL


_TRANSLATION = str.maketrans({**{c: "\\" + c for c in _BACKSLASH}, **_ENTITY})


def _escape(text: str, *, at_block_start: bool) -> str:
    escaped = text.translate(_TRANSLATION)
    if at_block_start and escaped[:1] in _LEADING_ENTITY:
        escaped = _LEADING_ENTITY[escaped[0]] + escaped[1:]
    return escaped


def markdown_text(text: object) -> Markup:
    """`text` escaped so that Markdown and HTML both show it literally.

    Safe anywhere inline: in a paragraph, a heading, a list item, a link's
    text or a table cell.
    """
    return Markup(_escape(plain(text), at_block_start=True))


def html_text(text: object) -> str:
    """`text` escaped for HTML only (for front matter that themes print raw)."""
    return html.escape(plain(text), quote=True)


def html_inline(text: object) -> Markup:
    """`text` for an HTML block, which Markdown passes through untouched.

    Inside a raw HTML block a Markdown backslash escape would show, so only
    HTML's special characters are escaped; control characters are removed and
    whitespace runs collapsed as everywhere else.
    """
    return Markup(html.escape(plain(text), quote=True))


def html_code(text: object) -> Markup:
    """`text` as an HTML `<code>` element, for an HTML block."""
    return Markup(f"<code>{html.escape(plain(text), quote=True)}</code>")


def html_message(message: str) -> Markup:
    """A finding's message for an HTML block, its `backticked` names as code."""
    text = plain(message)
    pieces = text.split("`")
    if len(pieces) % 2 == 0:
        return html_inline(text)
    return Markup("".join(
        str(html_code(piece)) if index % 2 else html.escape(piece, quote=True)
        for index, piece in enumerate(pieces)))


def inline_code(text: object) -> Markup:
    """`text` as inline code: an HTML `<code>` element whose content is escaped.

    A Markdown code span cannot be used for plan text: inside backticks a
    backslash escape is shown literally, and a backtick in the text ends it.
    """
    return Markup(f"<code>{_escape(plain(text), at_block_start=False)}</code>")


def message_text(message: str) -> Markup:
    """A finding's message, with its `backticked` names shown as code.

    Messages quote plan values, so every part is escaped; only the pairing of
    backticks is trusted, and with an odd number of them all are shown as text.
    """
    text = plain(message)
    pieces = text.split("`")
    if len(pieces) % 2 == 0:
        return markdown_text(text)
    shown = [
        f"<code>{_escape(piece, at_block_start=False)}</code>" if index % 2
        else _escape(piece, at_block_start=index == 0)
        for index, piece in enumerate(pieces)
    ]
    return Markup("".join(shown))


@cache
def _summary_parser() -> MarkdownIt:
    # CommonMark with raw HTML disabled: `<script>` in a summary becomes text,
    # and markdown-it refuses javascript:, vbscript: and (non-image) data: links.
    # Images are off too: the site never fetches from outside hosts on its own,
    # and an image in a summary would (a link still waits for a click).
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.disable("image")
    return parser


def summary_html(summary: str, *, heading_offset: int = 2) -> Markup:
    """The plan summary (Markdown) as safe HTML.

    Headings move down `heading_offset` levels so a `#` in the summary does not
    compete with the page's own title and sections.
    """
    parser = _summary_parser()
    tokens = parser.parse(_CONTROL.sub("", summary))
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(6, int(token.tag[1]) + heading_offset)
            token.tag = f"h{level}"
    rendered: str = parser.renderer.render(tokens, parser.options, {})
    return Markup(rendered.strip())
