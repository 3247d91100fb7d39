"""Render the site's Markdown pages from a check run.

`render_pages` returns every page as doc-relative path → Markdown text:

- `index.md`: the portfolio home, every account and every plan that failed;
- `accounts/<account-id>.md`: one page per plan (failed plans too, by file);
- `managers/index.md` and `managers/<slug>.md`: the plan owners;
- `standards/index.md`: the standards reference, from the rules' own docs;
- `portfolio/pipeline.md`, `renewals.md`, `freshness.md`, `heatmap.md` and
  `whitespace.md`: the portfolio views (`generator.render.portfolio_views`), linking
  to the account and manager pages named here.

The home page opens with "Portfolio at a glance" (`glance`): at-risk renewals,
stale plans and pipeline under coverage, each linked to its portfolio page,
and links to the exports that the site build adds (`exports/portfolio.csv`,
`exports/portfolio.xlsx`).

The output depends only on the run, the standards and the as-of date (sorted,
no clock), so unchanged plans give byte-identical pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

import yaml

from generator.audience.redact import for_internal_site
from generator.checker import CheckRun, cycle_collection_paused
from generator.exports import CSV_NAME, SITE_FOLDER, XLSX_NAME
from generator.model import Plan
from generator.plain_text import plain
from generator.portfolio import findings_by_account
from generator.render.account_brief import account_brief
from generator.render.account_view import account_view, finding_rows
from generator.render.environment import environment
from generator.render.escape import summary_html
from generator.render.front_matter import front_matter as front_matter  # history pages too
from generator.render.glance import Glance, portfolio_glance
from generator.render.html_blocks import HtmlBlocks, SiteLinks
from generator.render.overview import AccountRow, FailedRow, Manager, Portfolio, build_portfolio
from generator.render.portfolio_views import Links, portfolio_pages
from generator.render.standards_view import rule_docs, settings
from generator.standards.config import Standards
from generator.standards.registry import all_rules
from generator.workers import Workers

# The C dumper when PyYAML has it: the same output, several times faster.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

STANDARDS_PAGE = "standards/index.md"
MANAGERS_PAGE = "managers/index.md"
#: Where the site build puts the exports the home page links to.
EXPORT_PAGES = {"csv": f"{SITE_FOLDER}/{CSV_NAME}", "xlsx": f"{SITE_FOLDER}/{XLSX_NAME}"}
#: Material's `hide`: the home page's and manager pages' wide accounts table
#: takes the full width (docs/assets/planbook.css widens such pages further).
TABLE_PAGE_HIDES = ("navigation", "toc")
#: An account page has no navigation beside it (the portfolio reaches it), only its contents.
ACCOUNT_PAGE_HIDES = ("navigation",)
#: The account page's table of contents lists its sections (## headings) only.
ACCOUNT_PAGE_TOC_DEPTH = 2


def _render(template: str, page_path: str, **context: Any) -> str:
    text = environment().get_template(template).render(
        page_path=page_path, standards_page=STANDARDS_PAGE, **context)
    return text.rstrip("\n") + "\n"


def render_pages(run: CheckRun, standards: Standards, as_of: dt.date, *,
                 use_directory_urls: bool = False, history: bool = False,
                 workers: Workers | None = None, include_accounts: bool = True,
                 include_views: bool = True) -> dict[str, str]:
    """Every page of the site's generated part, by doc-relative path.

    `use_directory_urls` is MkDocs' setting of the site the pages are for:
    links inside HTML blocks are written as that site serves its pages.
    With `history`, each account page links to its history page
    (`generator.history.pages`, added by the site build). With `workers`,
    the account pages are rendered by worker processes (the same text as in
    this process). `include_accounts=False` leaves out the pages of valid
    plans, for a caller that renders them itself (`account_page`), and
    `include_views=False` the portfolio views (`portfolio_views.portfolio_pages`).
    """
    portfolio = build_portfolio(run, standards, as_of)
    # The roll-ups see the valid plans in path order, as `planbook check` does.
    # ... without restricted values, which only the account pages show.
    plans = site_plans(run, standards)
    links = page_links(portfolio)
    glance = portfolio_glance(plans, standards, as_of)
    pages = {"index.md": _portfolio_page(portfolio, glance, links)}
    if include_views:
        pages.update(portfolio_pages(plans, findings_by_account(run), standards, as_of, links,
                                     use_directory_urls=use_directory_urls))
    rows = portfolio.accounts if include_accounts else []
    if workers is None:
        account_pages = render_account_chunk(rows, standards, as_of, use_directory_urls,
                                             history)
    else:
        account_pages = workers.map_chunks(render_account_chunk, rows, standards, as_of,
                                           use_directory_urls, history)
    pages.update(zip((row.page for row in rows), account_pages, strict=True))
    for failed in portfolio.failed:
        pages[failed.page] = _failed_page(failed, use_directory_urls)
    pages[MANAGERS_PAGE] = _managers_page(portfolio)
    for manager in portfolio.managers:
        pages[manager.page] = _manager_page(manager, portfolio)
    pages[STANDARDS_PAGE] = _standards_page(standards, as_of)
    return dict(sorted(pages.items()))


def site_plans(run: CheckRun, standards: Standards) -> list[Plan]:
    """The valid plans as the portfolio pages, exports and search show them (in path
    order, without restricted values: only account pages show those)."""
    return [for_internal_site(checked.plan, standards.audiences)
            for checked in run.plans if checked.plan is not None]


def page_links(portfolio: Portfolio) -> Links:
    """The real account and manager page of each account id and plan owner.

    Two plans that share an account id have two pages; links by id go to the
    one with the plain name (the first in path order, the other is suffixed).
    """
    account_pages: dict[str, str] = {}
    for row in portfolio.accounts:
        account_id = row.plan.account.id
        if account_id not in account_pages or row.page == f"accounts/{account_id}.md":
            account_pages[account_id] = row.page
    manager_pages = {row.plan.owner_key: row.manager_page for row in portfolio.accounts}
    return Links(account_pages=account_pages, manager_pages=manager_pages)


def _portfolio_page(portfolio: Portfolio, glance: Glance, links: Links) -> str:
    totals = portfolio.totals
    return _render(
        "portfolio.md.j2", "index.md",
        portfolio=portfolio,
        glance=glance,
        account_pages=links.account_pages,
        manager_pages=links.manager_pages,
        exports=EXPORT_PAGES,
        # The site's name follows the title in the browser tab: "Portfolio - Account plans".
        front_matter=front_matter(
            "Portfolio",
            f"{totals.plans} account plans as of {portfolio.as_of.isoformat()}: "
            f"{totals.errors} errors, {totals.warnings} warnings.",
            hide=TABLE_PAGE_HIDES),
    )


def _scorecard(page: str, use_directory_urls: bool) -> HtmlBlocks:
    return HtmlBlocks("findings.html.j2", links=SiteLinks(page, use_directory_urls),
                      standards_page=STANDARDS_PAGE)


def render_account_chunk(rows: Sequence[AccountRow], standards: Standards, as_of: dt.date,
                         use_directory_urls: bool, history: bool = False) -> list[str]:
    """The account pages of some rows, in order (a worker's share)."""
    with cycle_collection_paused():
        return [account_page_or_failure(row, standards, as_of, use_directory_urls,
                                        history=history)
                for row in rows]


def account_page(row: AccountRow, standards: Standards, as_of: dt.date,
                 use_directory_urls: bool = False, *, history: bool = False) -> str:
    """One account's page: depends only on its row, the standards and the as-of date."""
    plan = row.plan
    account = plan.account
    where = ", ".join(plain(v) for v in (account.industry, account.region) if v)
    view = account_view(plan, row.checked.findings, standards)
    context: dict[str, Any] = {
        "row": row, "plan": plan, "view": view, "standards": standards, "as_of": as_of,
        "brief": account_brief(plan, view.findings, view.ar_trend, view.satisfaction,
                               standards, as_of),
    }
    return _render(
        "account.md.j2", row.page,
        **context,
        html=HtmlBlocks("account.html.j2", links=SiteLinks(row.page, use_directory_urls),
                        standards_page=STANDARDS_PAGE, **context),
        scorecard=_scorecard(row.page, use_directory_urls),
        summary=summary_html(plan.plan.summary),
        history_page=f"history/accounts/{account.id}.md" if history else None,
        front_matter=front_matter(
            account.name,
            f"{plan.plan.fiscal_year} account plan for {account.name} ({where}), "
            f"owned by {plan.plan.owner}.",
            [account.segment, account.region or "", account.industry, *account.tags],
            # The brief and the wide tables use the width; the table of contents
            # stays, listing the plan's sections (not each item in them).
            hide=ACCOUNT_PAGE_HIDES, toc_depth=ACCOUNT_PAGE_TOC_DEPTH),
    )


def account_page_or_failure(row: AccountRow, standards: Standards, as_of: dt.date,
                            use_directory_urls: bool = False, *, history: bool = False) -> str:
    """The account page; when it cannot be drawn, the "cannot be shown" page instead.

    One plan must never stop the site: its findings are still published, and
    every other plan is.
    """
    try:
        return account_page(row, standards, as_of, use_directory_urls, history=history)
    except Exception as error:
        failed = FailedRow(row.page, row.checked, row.counts)
        return _failed_page(failed, use_directory_urls,
                            cause=f"{type(error).__name__}: {error}")


def _failed_page(failed: FailedRow, use_directory_urls: bool = False,
                 cause: str | None = None) -> str:
    return _render(
        "failed_plan.md.j2", failed.page,
        failed=failed,
        cause=cause,
        scorecard=_scorecard(failed.page, use_directory_urls),
        findings=finding_rows(failed.checked.findings, None),
        front_matter=front_matter(
            failed.name,
            f"{failed.checked.file} cannot be shown until it is fixed: "
            f"{failed.counts.total} findings."),
    )


def _managers_page(portfolio: Portfolio) -> str:
    return _render(
        "managers.md.j2", MANAGERS_PAGE,
        portfolio=portfolio,
        standards=portfolio.standards,
        front_matter=front_matter(
            "Account managers",
            f"{len(portfolio.managers)} account managers and their account load."),
    )


def _manager_page(manager: Manager, portfolio: Portfolio) -> str:
    return _render(
        "manager.md.j2", manager.page,
        manager=manager,
        standards=portfolio.standards,
        as_of=portfolio.as_of,
        front_matter=front_matter(
            manager.name,
            f"The {manager.account_count} account plans owned by {manager.name}.",
            hide=TABLE_PAGE_HIDES),
    )


def standards_source(standards: Standards) -> str:
    """Where the standards came from, without the build machine's folders."""
    if "built-in" in standards.source:
        return "the built-in defaults"
    return PurePath(standards.source.replace("\\", "/")).name


def _standards_page(standards: Standards, as_of: dt.date) -> str:
    rules = all_rules()
    return _render(
        "standards.md.j2", STANDARDS_PAGE,
        standards=standards,
        source=standards_source(standards),
        rules=rule_docs(rules, standards, as_of),
        settings=settings(rules, standards, as_of),
        rates=sorted(standards.exchange_rates.items()),
        audiences=standards.audiences.entries(),
        front_matter=front_matter(
            "Quality standards",
            "The quality standards account plans are checked against, "
            "with their thresholds and exchange rates."),
    )


def single_plan_page(run: CheckRun, standards: Standards, as_of: dt.date, *,
                     use_directory_urls: bool = False) -> str | None:
    """The page of the one plan a run checked (its account page, or its failed-plan
    page), without the portfolio's pages: the history shows past versions this way."""
    portfolio = build_portfolio(run, standards, as_of)
    for row in portfolio.accounts:
        return account_page_or_failure(row, standards, as_of, use_directory_urls)
    for failed in portfolio.failed:
        return _failed_page(failed, use_directory_urls)
    return None
