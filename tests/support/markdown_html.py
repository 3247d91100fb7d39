"""Read rendered Markdown the way the site does: Python-Markdown, then HTML.

The extensions are the ones mkdocs.yml enables, so what these helpers see is
what a reader's browser gets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import markdown
from mkdocs.utils.meta import get_data

SITE_EXTENSIONS = [
    "tables", "attr_list", "md_in_html", "admonition", "toc",
    "pymdownx.details", "pymdownx.superfences",
]
SCRIPT_SCHEME = re.compile(r"^\s*(?:javascript|vbscript|livescript|data):", re.IGNORECASE)
INLINE = frozenset({"a", "code", "span", "strong", "em", "b", "i"})
URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "xlink:href", "data")


def split_front_matter(page: str) -> tuple[str, dict[str, Any]]:
    """The page body and its front matter, as MkDocs reads them."""
    body, meta = get_data(page)
    return body, meta


def to_html(page: str) -> str:
    """The page's HTML as MkDocs renders it (front matter removed)."""
    body, _ = split_front_matter(page)
    return markdown.markdown(body, extensions=SITE_EXTENSIONS)


@dataclass
class HtmlAudit:
    """Elements and text of an HTML fragment, for assertions."""

    tags: list[str] = field(default_factory=list)
    attributes: list[tuple[str, str, str | None]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    text_parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text_parts)).strip()

    def event_handlers(self) -> list[tuple[str, str, str | None]]:
        return [a for a in self.attributes if a[1].startswith("on")]

    def script_urls(self) -> list[tuple[str, str, str | None]]:
        return [a for a in self.attributes
                if a[1] in URL_ATTRIBUTES and a[2] and SCRIPT_SCHEME.match(a[2])]


class _Auditor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.audit = HtmlAudit()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.audit.tags.append(tag)
        for name, value in attrs:
            self.audit.attributes.append((tag, name, value))
            if name == "id" and value:
                self.audit.ids.append(value)
            if tag == "a" and name == "href" and value is not None:
                self.audit.links.append(value)
        if tag not in INLINE:
            # Cells and items are separate pieces of text for the reader.
            self.audit.text_parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag not in INLINE:
            self.audit.text_parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.audit.text_parts.append(data)


def audit(html: str) -> HtmlAudit:
    auditor = _Auditor()
    auditor.feed(html)
    auditor.close()
    return auditor.audit


def page_text(page: str) -> str:
    """What a reader sees of a page, whitespace collapsed."""
    return audit(to_html(page)).text


CHART_LINE = re.compile(r'^<figure class="planbook-chart"[^\n]*</figure>$', re.MULTILINE)


def charts(page: str) -> list[str]:
    """The chart blocks of a page (each one line of HTML)."""
    return CHART_LINE.findall(page)


def without_charts(page: str) -> str:
    """The page with its charts removed: what the tables and text alone show."""
    return CHART_LINE.sub("", page)


class _TableReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.tables:
            self.tables[-1][-1].append(re.sub(r"\s+", " ", "".join(self._cell)).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def tables(page: str) -> list[list[list[str]]]:
    """Every table of a page as the reader sees it: rows of cell texts, header row first."""
    reader = _TableReader()
    reader.feed(to_html(page))
    reader.close()
    return reader.tables


def headline(page: str) -> str:
    """What a reader sees of the first paragraph after the page title."""
    body = split_front_matter(page)[0].lstrip("\n")
    assert body.startswith("# "), body[:80]
    return audit(to_html(body.split("\n\n")[1])).text
