"""Render the site's Markdown pages from a check run.

`render_pages` returns every page as doc-relative path → Markdown text:

- `index.md`: the portfolio home, every account and every plan that failed;
- `accounts/<account-id>.md`: one page per plan (failed plans too, by file);
- `managers/index.md` and `managers/<slug>.md`: the plan owners;
- `standards/index.md`: the standards reference, from the rules' own docs.

The output depends only on the run, the standards and the as-of date (sorted,
no clock), so unchanged plans give byte-identical pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import yaml
from markupsafe import Markup

from generator.checker import CheckRun
from generator.render.account_view import account_view, finding_rows
from generator.render.environment import environment
from generator.render.escape import html_text, plain, summary_html
from generator.render.overview import AccountRow, FailedRow, Manager, Portfolio, build_portfolio
from generator.render.standards_view import rule_docs, settings
from generator.standards.config import Standards
from generator.standards.registry import all_rules

# The C dumper when PyYAML has it: the same output, several times faster.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

STANDARDS_PAGE = "standards/index.md"
MANAGERS_PAGE = "managers/index.md"


def front_matter(title: str, description: str, tags: Iterable[str] = ()) -> Markup:
    """The YAML front matter MkDocs and Material read (title, description, tags).

    Themes print these values into HTML without escaping them, so they are
    HTML-escaped here; the YAML itself is written by the YAML library.
    """
    data: dict[str, Any] = {"title": html_text(title), "description": html_text(description)}
    shown_tags: list[str] = []
    for tag in tags:
        escaped = html_text(tag)
        if escaped and escaped not in shown_tags:
            shown_tags.append(escaped)
    if shown_tags:
        data["tags"] = shown_tags
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    return Markup(f"---\n{text}---\n")


def _render(template: str, page_path: str, **context: Any) -> str:
    text = environment().get_template(template).render(
        page_path=page_path, standards_page=STANDARDS_PAGE, **context)
    return text.rstrip("\n") + "\n"


def render_pages(run: CheckRun, standards: Standards, as_of: dt.date) -> dict[str, str]:
    """Every page of the site's generated part, by doc-relative path."""
    portfolio = build_portfolio(run, standards, as_of)
    pages = {"index.md": _portfolio_page(portfolio)}
    for row in portfolio.accounts:
        pages[row.page] = _account_page(row, portfolio)
    for failed in portfolio.failed:
        pages[failed.page] = _failed_page(failed)
    pages[MANAGERS_PAGE] = _managers_page(portfolio)
    for manager in portfolio.managers:
        pages[manager.page] = _manager_page(manager, portfolio)
    pages[STANDARDS_PAGE] = _standards_page(standards, as_of)
    return dict(sorted(pages.items()))


def _portfolio_page(portfolio: Portfolio) -> str:
    totals = portfolio.totals
    return _render(
        "portfolio.md.j2", "index.md",
        portfolio=portfolio,
        front_matter=front_matter(
            "Account plans",
            f"{totals.plans} account plans as of {portfolio.as_of.isoformat()}: "
            f"{totals.errors} errors, {totals.warnings} warnings."),
    )


def _account_page(row: AccountRow, portfolio: Portfolio) -> str:
    plan = row.plan
    account = plan.account
    where = ", ".join(plain(v) for v in (account.industry, account.region) if v)
    return _render(
        "account.md.j2", row.page,
        row=row,
        plan=plan,
        view=account_view(plan, row.checked.findings, portfolio.standards),
        summary=summary_html(plan.plan.summary),
        standards=portfolio.standards,
        as_of=portfolio.as_of,
        front_matter=front_matter(
            account.name,
            f"{plan.plan.fiscal_year} account plan for {account.name} ({where}), "
            f"owned by {plan.plan.owner}.",
            [account.segment, account.region or "", account.industry, *account.tags]),
    )


def _failed_page(failed: FailedRow) -> str:
    return _render(
        "failed_plan.md.j2", failed.page,
        failed=failed,
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
            f"The {manager.account_count} account plans owned by {manager.name}."),
    )


def _standards_page(standards: Standards, as_of: dt.date) -> str:
    rules = all_rules()
    return _render(
        "standards.md.j2", STANDARDS_PAGE,
        standards=standards,
        rules=rule_docs(rules, standards, as_of),
        settings=settings(rules, standards, as_of),
        rates=sorted(standards.exchange_rates.items()),
        front_matter=front_matter(
            "Quality standards",
            "The quality standards account plans are checked against, "
            "with their thresholds and exchange rates."),
    )
