"""A saved plan's page in the live preview at once, before the whole site is rebuilt.

`planbook serve` rebuilds the whole site when a file changes (`generator.site.serve`);
for a thousand plans that takes seconds. An account manager editing a plan
waits for one page: its own. So when only a few plan files changed since
the last build, and each is still a valid plan with the same account and
owner (so its page and its owner's page keep their names), the preview
first checks those plans — with the rules that compare plans run against
the other plans of the last build — renders, converts and draws their pages
with the last build's theme and navigation, and writes them into the
served site. The browser reloads; the full rebuild follows and replaces
the site as a whole (and reloads again), so what the preview shows is
exactly what the full build shows for that page, unless the change also
changed how other plans are judged.

Anything else — a new, deleted, renamed or broken plan, a changed account
id or owner, more than `PREVIEW_LIMIT` plans — gets no preview, only the
full rebuild.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from generator.cache import PlanCache, default_cache_dir
from generator.checker import (
    check_file,
    discover,
    finish,
    locate_portfolio_problem,
    plan_digest,
    portfolio_problems,
)
from generator.mkdocs_plugin import PlanbookPlugin
from generator.render.overview import AccountRow, account_row
from generator.site.publish import publish_accounts
from generator.site.theme_pages import GeneratedPage

#: more plans changed at once than this (a branch switch, a bulk edit): no preview
PREVIEW_LIMIT = 3


def _digest(path: Path) -> str | None:
    try:
        return plan_digest(path.read_bytes())
    except OSError:
        return None


def changed_rows(plugin: PlanbookPlugin) -> list[AccountRow] | None:
    """The rows of the last build whose plan file changed since; None: no preview possible."""
    run, portfolio = plugin.last_run, plugin.portfolio
    if run is None or portfolio is None:
        return None
    try:
        files = set(discover([plugin.plans_dir]))
    except Exception:  # the folder went away: the full build says so
        return None
    if files != {checked.path for checked in run.plans}:
        return None  # a plan added, deleted or renamed: only the full build knows the pages
    by_path = {row.checked.path: row for row in portfolio.accounts}
    changed: list[AccountRow] = []
    for checked in run.plans:
        if _digest(checked.path) == checked.digest:
            continue
        row = by_path.get(checked.path)
        if row is None or len(changed) == PREVIEW_LIMIT:
            return None  # a plan that could not be shown, or too many at once
        changed.append(row)
    return changed


def recheck(plugin: PlanbookPlugin, row: AccountRow) -> AccountRow | None:
    """The row of a changed plan, checked as the full build would; None: no preview."""
    assert plugin.standards is not None and plugin.last_run is not None
    standards, as_of = plugin.standards, plugin.as_of
    cache = PlanCache(default_cache_dir(), standards, as_of) if plugin.use_cache else None
    fresh = check_file(row.checked.path, standards, as_of, cache)
    plan = fresh.plan
    if plan is None or plan.account.id != row.plan.account.id \
            or plan.owner_key != row.plan.owner_key:
        return None  # its page or its owner's page would change name
    # The rules that compare plans, with this plan among the last build's others.
    valid = [fresh if checked.path == fresh.path else checked
             for checked in plugin.last_run.plans if checked.plan is not None]
    mine = next(index for index, checked in enumerate(valid) if checked is fresh)
    for index, problem in portfolio_problems(valid, standards, as_of):
        if index == mine:
            locate_portfolio_problem(fresh, problem)
    finish(fresh, standards, as_of)
    return account_row(fresh, row.page, row.manager_page, standards, as_of)


def _write(target: Path, html: str) -> None:
    """Replace a served page at once: a reader never sees half of it."""
    with tempfile.NamedTemporaryFile("wb", dir=target.parent, delete=False,
                                     suffix=".tmp") as handle:
        handle.write(html.encode("utf-8", errors="xmlcharrefreplace"))
    os.chmod(handle.name, 0o644)
    os.replace(handle.name, target)


def preview_saved_plans(plugin: PlanbookPlugin, site: Path) -> list[str]:
    """Write the pages of the plans saved since the last build into the served `site`.

    Returns the pages written (doc paths); none when no preview is possible.
    """
    rows = changed_rows(plugin)
    if not rows or plugin.settings is None or plugin.standards is None \
            or plugin.store is None:
        return []
    chrome = plugin.chrome
    if chrome is None:
        return []
    fresh = [recheck(plugin, row) for row in rows]
    if any(row is None for row in fresh):
        return []
    written: list[str] = []
    # Without the page cache the last build's store is gone: a store for this preview.
    with tempfile.TemporaryDirectory(prefix="planbook-preview-") as scratch:
        store = str(plugin.store) if plugin.use_cache else scratch
        for row in fresh:
            assert row is not None
            file = chrome.files.get_file_from_path(row.page)
            if file is None or not isinstance(file.page, GeneratedPage):
                break
            published = publish_accounts([row], plugin.standards, plugin.as_of,
                                         plugin.settings, store, plugin.use_cache,
                                         plugin.config.history)[0]
            html = plugin.redraw(file.page, published)
            _write(site / file.dest_uri, html)
            written.append(row.page)
    return written
