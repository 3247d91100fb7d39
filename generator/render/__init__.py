"""Render checked plans to the Markdown pages the site is built from.

`render_pages(run, standards, as_of)` gives doc-relative path → Markdown;
`write_pages(pages, out)` writes them, touching only files whose content
changed. Plan text is always shown as text (see `escape`).
"""

from generator.render.pages import render_pages
from generator.render.writer import write_pages

__all__ = ["render_pages", "write_pages"]
