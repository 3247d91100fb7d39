"""Generated pages made ready for MkDocs by worker processes.

Each worker renders (account pages), converts and sanitizes its share of the
generated pages and stores each page's HTML and table of contents in the page
cache (`generator.site.convert.PageCache`), returning only the page's front
matter and where its HTML is. MkDocs gets the front matter as the page's
Markdown (title, description, tags, hide), so it neither converts the page
again nor keeps its text in memory; the plugin loads the HTML when the theme
renders the page and lets it go right after. An unchanged page is found in
the cache and not converted again; an unchanged account page is not even
rendered: its published form is stored under a key of everything the page
is drawn from (`account_key`) and looked up before any work is sent out.

Without a persistent cache the same store lives in a temporary folder for the
length of one build (`reuse=False`: nothing is looked up, only written).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mkdocs.utils.meta import get_data

from generator.audience.redact import for_internal_site
from generator.cache import standards_context
from generator.cache_files import read_entry, read_keyed, write_keyed
from generator.checker import cycle_collection_paused
from generator.render.overview import AccountRow
from generator.render.pages import account_page_or_failure
from generator.site.account_search import account_search_entries, segment_chinese
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
    #: names the page's content (its HTML and table of contents): the page
    #: cache's key, or a digest of the HTML when it could not be stored
    content_key: str = ""
    #: the front matter as MkDocs reads it (title, description, tags, hide)
    meta: dict[str, Any] = field(default_factory=dict)
    #: True when this build rendered the page (False: found stored)
    rendered: bool = False
    #: the page's title and description as search entry text (Chinese cut into
    #: words), for a page indexed by its front matter; None: work it out later
    summary: tuple[str, str] | None = None

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
    front_matter = front_matter_of(text)
    meta = get_data(front_matter)[1] if front_matter else {}
    summary = ((segment_chinese(str(meta["title"])),
                segment_chinese(str(meta.get("description") or "")))
               if meta.get("title") else None)
    if found is None and not store.put(key, converted):
        digest = hashlib.blake2b(converted.html.encode(), digest_size=20)
        digest.update(repr(converted.toc).encode())
        return PublishedPage(front_matter, None, converted, content_key=digest.hexdigest(),
                             meta=meta, summary=summary)
    return PublishedPage(front_matter, str(store.entry(key)), content_key=key, meta=meta,
                         summary=summary)


def publish_pages(pages: Sequence[tuple[str, str]], settings: MarkdownSettings, folder: str,
                  reuse: bool) -> list[PublishedPage]:
    """Publish rendered pages (a worker's share), in order."""
    store = PageCache(Path(folder), settings)
    with cycle_collection_paused():
        return [publish(path, text, settings, store, reuse) for path, text in pages]


_RECORD_FORMAT = "planbook-account-page-1"


class AccountPages:
    """Published account pages, by a key of everything each is drawn from.

    An account page depends only on its row (the plan as checked, its
    findings, its page and its owner's page), the standards (with the people
    registry), the as-of date, the site's Markdown settings, whether history
    pages are linked, and planbook's own code (`generator.render.pages.account_page`).
    `key` digests exactly those; the record holds the page's front matter,
    its search entries and the key of its converted HTML in the page cache,
    so a page whose key is known is neither rendered nor converted again.
    Records are sealed cache entries like every other (`generator.cache_files`).
    """

    def __init__(self, store: PageCache, standards: Standards, as_of: dt.date,
                 history: bool) -> None:
        self.store = store
        context = standards_context(standards)
        context.update(store.context)
        context.update(f"{_RECORD_FORMAT}\0{as_of.isoformat()}\0{history}".encode())
        self._context = context.digest()

    def key(self, row: AccountRow) -> str:
        digest = hashlib.blake2b(self._context, digest_size=20)
        checked = row.checked
        for part in (row.page, row.manager_page, checked.file, checked.digest):
            digest.update(part.encode())
            digest.update(b"\0")
        # The findings as judged in this run (portfolio rules and waivers
        # included): their repr names every field, in a fixed order.
        digest.update(repr(checked.findings).encode())
        return digest.hexdigest()

    def _file(self, key: str) -> Path:
        return Path(f"{self.store.folder}/accounts/{key[:2]}/{key}.json")

    def get(self, key: str) -> PublishedPage | None:
        """The published page stored under `key`, when it and its HTML are still there."""
        record = read_keyed(self._file(key), _RECORD_FORMAT, key)
        if not (record is not None and isinstance(record.get("front_matter"), str)
                and isinstance(record.get("content_key"), str)
                and isinstance(record.get("search"), list)
                and all(isinstance(entry, dict) for entry in record["search"])
                and isinstance(record.get("meta"), dict)):
            return None
        entry = self.store.entry(record["content_key"])
        try:
            os.utime(entry)  # there, and in use (see cache_files.prune)
        except OSError:
            return None
        return PublishedPage(record["front_matter"], str(entry),
                             search=tuple(record["search"]),
                             content_key=record["content_key"], meta=record["meta"])

    def put(self, key: str, page: PublishedPage) -> None:
        if page.entry is None:
            return  # its HTML lives in memory only: nothing to point at
        write_keyed(self._file(key), _RECORD_FORMAT, key,
                    {"front_matter": page.front_matter, "content_key": page.content_key,
                     "search": list(page.search), "meta": page.meta})


def publish_accounts(rows: Sequence[AccountRow], standards: Standards, as_of: dt.date,
                     settings: MarkdownSettings, folder: str, reuse: bool,
                     history: bool = False) -> list[PublishedPage]:
    """Render and publish account pages (a worker's share), in order.

    Each page is stored under its `AccountPages` key, so the next build
    finds it without rendering it (`reuse`: look the keys up first).
    """
    store = PageCache(Path(folder), settings)
    records = AccountPages(store, standards, as_of, history)
    published = []
    with cycle_collection_paused():
        for row in rows:
            key = records.key(row)
            known = records.get(key) if reuse else None
            if known is not None:
                published.append(known)
                continue
            page = publish(row.page,
                           account_page_or_failure(row, standards, as_of,
                                                   settings.use_directory_urls, history=history),
                           settings, store, reuse)
            # Restricted values (notes about a person) stay on the account page itself.
            entries = account_search_entries(
                for_internal_site(row.plan, standards.audiences), "")
            page = replace(page, search=tuple(entries), rendered=True)
            records.put(key, page)
            published.append(page)
    return published
