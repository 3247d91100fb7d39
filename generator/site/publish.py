"""Generated pages made ready for MkDocs by worker processes.

Each worker renders (account pages), converts and sanitizes its share of the
generated pages and stores each page's HTML and table of contents in the page
cache (`generator.site.convert.PageCache`), returning only the page's front
matter and where its HTML is. MkDocs gets the front matter as the page's
Markdown (title, description, tags, hide), so it neither converts the page
again nor keeps its text in memory; the plugin loads the HTML when the theme
renders the page and lets it go right after. An unchanged page is found in
the cache and not converted again.

Without a persistent cache the same store lives in a temporary folder for the
length of one build (`reuse=False`: nothing is looked up, only written).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from generator.audience.redact import for_internal_site
from generator.cache_files import read_entry
from generator.checker import cycle_collection_paused
from generator.render.overview import AccountRow
from generator.render.pages import account_page_or_failure
from generator.site.account_search import account_search_entries
from generator.site.convert import ConvertedPage, MarkdownSettings, PageCache, convert_page
from generator.standards.config import Standards


@dataclass(frozen=True)
class PublishedPage:
    """A generated page as the plugin hands it to MkDocs."""

    #: the page's front matter, given to MkDocs as its whole Markdown
    front_matter: str
    #: the stored HTML and table of contents; None when it could not be stored
    entry: str | None
    #: the page itself, only when it could not be stored
    converted: ConvertedPage | None = None
    #: an account page's search entries, built from its plan: the page first,
    #: then its sections and items, located by anchor alone ("" or "#anchor");
    #: the plugin adds the page's URL and its tags from the front matter
    search: tuple[dict[str, Any], ...] = ()

    def load(self) -> ConvertedPage:
        """The page's HTML and table of contents."""
        if self.converted is not None:
            return self.converted
        assert self.entry is not None
        # Read through the seal again: the entry may have been replaced since it
        # was written, and its HTML is published as it is.
        data = read_entry(Path(self.entry))
        if not (isinstance(data, dict) and isinstance(data.get("html"), str)
                and isinstance(data.get("toc"), list)):
            raise ValueError("the cache entry changed since it was written")
        return ConvertedPage(html=data["html"], toc=data["toc"])


def front_matter_of(text: str) -> str:
    """The YAML front matter block of a page (`---` … `---`), or nothing."""
    if not text.startswith("---\n"):
        return ""
    end = text.find("\n---\n", 3)
    return text[:end + 5] if end >= 0 else ""


def publish(page_path: str, text: str, settings: MarkdownSettings, store: PageCache,
            reuse: bool) -> PublishedPage:
    """Convert one page through the store."""
    key = store.key(page_path, text)
    found = store.get(key) if reuse else None
    converted = found or convert_page(page_path, text, settings)
    if found is None and not store.put(key, converted):
        return PublishedPage(front_matter_of(text), None, converted)
    return PublishedPage(front_matter_of(text), str(store.entry(key)))


def publish_pages(pages: Sequence[tuple[str, str]], settings: MarkdownSettings, folder: str,
                  reuse: bool) -> list[PublishedPage]:
    """Publish rendered pages (a worker's share), in order."""
    store = PageCache(Path(folder), settings)
    with cycle_collection_paused():
        return [publish(path, text, settings, store, reuse) for path, text in pages]


def publish_accounts(rows: Sequence[AccountRow], standards: Standards, as_of: dt.date,
                     settings: MarkdownSettings, folder: str, reuse: bool,
                     history: bool = False) -> list[PublishedPage]:
    """Render and publish account pages (a worker's share), in order."""
    store = PageCache(Path(folder), settings)
    published = []
    with cycle_collection_paused():
        for row in rows:
            page = publish(row.page,
                           account_page_or_failure(row, standards, as_of,
                                                   settings.use_directory_urls, history=history),
                           settings, store, reuse)
            # Restricted values (notes about a person) stay on the account page itself.
            entries = account_search_entries(
                for_internal_site(row.plan, standards.audiences), "")
            published.append(replace(page, search=tuple(entries)))
    return published
