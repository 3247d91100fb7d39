"""The generated part of the site, made as independent tasks that run side by side.

Once the plans are checked, the site's generated pages fall into parts that
need nothing from each other: the portfolio views, the other portfolio-wide
pages (home, managers, standards, plans that cannot be shown), the exports,
the history pages, and the account pages that are not stored yet (in
chunks). `SiteParts.tasks` lists them, longest first, and
`generator.workers.run_together` runs them in workers forked from the
build (which inherit the check run instead of receiving it); each task
renders and publishes its pages (`generator.site.publish`), so only small
records travel back. With one job they run here in the same order, with the
same results.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path

from generator.checker import CheckRun, cycle_collection_paused
from generator.exports import export_files, portfolio_rows
from generator.findings import Finding
from generator.history.site import site_history_pages
from generator.model import Plan
from generator.portfolio import findings_by_account
from generator.render import render_pages
from generator.render.overview import AccountRow, Portfolio
from generator.render.pages import page_links, site_plans
from generator.render.portfolio_views import VIEW_PAGES, portfolio_pages
from generator.site.convert import MarkdownSettings
from generator.site.publish import PublishedPage, publish_accounts, publish_pages
from generator.standards.config import Standards
from generator.workers import chunks, run_together


@dataclass(frozen=True)
class Part:
    """What one task makes: published pages by path, the exports' bytes by path."""

    pages: dict[str, PublishedPage] = field(default_factory=dict)
    exports: dict[str, bytes] = field(default_factory=dict)


@dataclass
class SiteParts:
    """Everything the generated pages are made from, once the plans are checked."""

    run: CheckRun
    portfolio: Portfolio
    standards: Standards
    as_of: dt.date
    plans_dir: Path
    settings: MarkdownSettings
    #: the page store (`generator.site.convert.PageCache` folder) and whether to reuse it
    store: Path
    reuse: bool
    history: bool
    history_reviews: int
    use_cache: bool

    def _publish(self, pages: dict[str, str]) -> Part:
        published = publish_pages(list(pages.items()), self.settings, str(self.store),
                                  self.reuse)
        return Part(pages=dict(zip(pages, published, strict=True)))

    @cached_property
    def site_plans(self) -> list[Plan]:
        """The valid plans as the roll-ups show them (without restricted values)."""
        return site_plans(self.run, self.standards)

    @cached_property
    def findings(self) -> dict[str, list[Finding]]:
        return findings_by_account(self.run)

    def view(self, path: str) -> Part:
        """One portfolio view (pipeline, forecast, renewals, freshness, heatmap, whitespace)."""
        with cycle_collection_paused():
            return self._publish(portfolio_pages(
                self.site_plans, self.findings, self.standards, self.as_of,
                page_links(self.portfolio), use_directory_urls=self.settings.use_directory_urls,
                only=(path,)))

    def portfolio_pages(self) -> Part:
        """Home, managers, standards, and the pages of plans that cannot be shown."""
        with cycle_collection_paused():
            return self._publish(render_pages(
                self.run, self.standards, self.as_of,
                use_directory_urls=self.settings.use_directory_urls, include_accounts=False,
                include_views=False, history=self.history))

    def exports(self) -> Part:
        """The portfolio exports (CSV and XLSX), by their path in the site."""
        with cycle_collection_paused():
            return Part(exports=export_files(portfolio_rows(
                self.site_plans, self.findings, self.standards, self.as_of)))

    def history_pages(self) -> Part:
        """The history pages read from git (none when history is off)."""
        if not self.history:
            return Part()
        return self._publish(site_history_pages(
            self.plans_dir, self.standards, self.as_of,
            page_links(self.portfolio).account_pages, use_cache=self.use_cache,
            use_directory_urls=self.settings.use_directory_urls,
            review_pages=max(self.history_reviews, 0)))

    def accounts(self, rows: Sequence[AccountRow]) -> Part:
        """Some account pages: as stored under their key, else rendered and published."""
        published = publish_accounts(rows, self.standards, self.as_of, self.settings,
                                     str(self.store), self.reuse, self.history)
        return Part(pages=dict(zip((row.page for row in rows), published, strict=True)))

    def tasks(self, rows: Sequence[AccountRow], jobs: int) -> list[Callable[[], Part]]:
        """Every part; the account pages in chunks first (looked up, or rendered)."""
        return [*(partial(self.accounts, chunk) for chunk in chunks(rows, jobs)),
                self.history_pages, self.portfolio_pages, self.exports,
                *(partial(self.view, path) for path in VIEW_PAGES)]

    def make(self, rows: Sequence[AccountRow], jobs: int
             ) -> tuple[dict[str, PublishedPage], dict[str, bytes]]:
        """The published pages and the exports, made side by side by `jobs` workers."""
        # Worked out once here, before the workers are forked: they inherit them.
        _ = self.site_plans, self.findings
        pages: dict[str, PublishedPage] = {}
        exports: dict[str, bytes] = {}
        for part in run_together(self.tasks(rows, jobs), jobs, size=len(self.run.plans)):
            pages.update(part.pages)
            exports.update(part.exports)
        return pages, exports
