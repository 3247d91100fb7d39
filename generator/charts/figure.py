"""A drawn chart and its page wrapper: `<figure>` kept out of the search index.

Material for MkDocs skips any element carrying `data-search-exclude` when it
builds the search index, so the chart's labels do not flood search results;
the text alternative stays in the SVG's `<title>` and `<desc>` for screen
readers, and the caption says in words what the chart shows.
"""

from __future__ import annotations

import html
from dataclasses import dataclass


@dataclass(frozen=True)
class Chart:
    """An inline SVG chart with its caption (plain text, escaped on output)."""

    svg: str
    caption: str

    def figure(self) -> str:
        """The HTML block for a Markdown page (one line: no blank lines inside)."""
        return (
            '<figure class="planbook-chart" data-search-exclude>'
            f"{self.svg}<figcaption>{html.escape(self.caption)}</figcaption></figure>"
        )

    def __str__(self) -> str:
        return self.figure()

    def __html__(self) -> str:
        # Jinja2 (and MarkupSafe) treat objects with __html__ as already safe.
        return self.figure()
