"""The history pages for a site build: read git (through the cache), render the pages.

The thin part between the MkDocs plugin (or `planbook render`) and the
history library: it finds the repository holding the plans, builds the
history incrementally, reads the blobs of the reviewed versions in one
`git cat-file --batch` process, and caches each "as reviewed on" page as
JSON beside the commit records. Outside a git repository (a site built from
an exported folder) the pages say so instead of failing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from generator.diff.git import GitError, Repository
from generator.history.git_log import BlobReader
from generator.history.pages import Review, history_pages, render_reviewed
from generator.history.store import RecordStore, history_cache_dir
from generator.history.timeline import build_history
from generator.standards.config import Standards

OUTSIDE_GIT = ("This site was built outside a git repository, so the plans' history "
               "cannot be read; build it from a clone to see every change.")


def site_history_pages(plans_dir: Path, standards: Standards, as_of: dt.date,
                       account_pages: Mapping[str, str], *, use_cache: bool = True,
                       use_directory_urls: bool = False,
                       review_pages: int = 0) -> dict[str, str]:
    """Every history page for the plans in `plans_dir`; "as reviewed on" pages for
    the `review_pages` latest reviews of each account (0: every review)."""
    try:
        repo = Repository.find(plans_dir if plans_dir.is_dir() else plans_dir.parent)
        folder = repo.folder_of(plans_dir)
    except GitError:
        return history_pages(None, standards, as_of, account_pages=account_pages,
                             problem=OUTSIDE_GIT)
    store = RecordStore(history_cache_dir(), standards, folder) if use_cache else None
    try:
        history = build_history(repo.root, standards, folder=folder, store=store)
    except GitError as error:
        return history_pages(None, standards, as_of, account_pages=account_pages,
                             problem=f"The plans' history could not be read: {error}")
    with BlobReader(repo.root) as reader:
        def reviewed(review: Review) -> str | None:
            today = account_pages.get(review.account, "")
            key = (f"reviewed:{review.change.new_blob}:{review.record.sha}:{today}:"
                   f"{use_directory_urls}")
            page = store.get_text(key) if store is not None else None
            if page is None:
                raw = reader.read(review.change.new_blob) if review.change.new_blob else None
                page = render_reviewed(review, raw, repo.root, standards, account_pages,
                                       use_directory_urls=use_directory_urls)
                if page is not None and store is not None:
                    store.put_text(key, page)
            return page

        return history_pages(history, standards, as_of, account_pages=account_pages,
                             reviewed=reviewed, review_pages=review_pages)
