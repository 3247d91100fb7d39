"""The five portfolio pages, as Markdown: pipeline, renewals, freshness, heatmap, whitespace.

Each page answers its question in its first sentence, with numbers, then
shows the detail as tables (and a chart where a picture helps). Plan text is
escaped for Markdown and HTML before it reaches a page: it always shows as
text, never as markup. Pages link to the account pages (`accounts/<id>.md`)
and to the standards reference (`standards/index.md`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import quote

import yaml

from generator.charts import pipeline_gap_chart, plan_age_chart
from generator.findings import Finding
from generator.model import Plan
from generator.portfolio import (
    AGE_BUCKETS,
    FUTURE_BUCKET,
    GROUPINGS,
    CellStatus,
    ExcludedPlan,
    PipelineGroup,
    PipelineRollup,
    RenewalEntry,
    Whitespace,
    WhitespaceStatus,
    finding_status,
    pipeline_rollup,
    plan_freshness,
    renewals_calendar,
    standards_heatmap,
    whitespace_matrix,
)
from generator.standards.config import Standards

PAGES = (
    "portfolio/pipeline.md",
    "portfolio/renewals.md",
    "portfolio/freshness.md",
    "portfolio/heatmap.md",
    "portfolio/whitespace.md",
)
HEAT_SYMBOLS: dict[CellStatus, str] = {
    "error": "✖", "warning": "▲", "waived": "○", "none": "",
}
WHITESPACE_SYMBOLS: dict[WhitespaceStatus, str] = {
    "deployed": "●", "owned": "◐", "pipeline": "○", "none": "",
}
GROUPING_TITLES = {"owner": "Owner", "region": "Region", "industry": "Industry",
                   "segment": "Segment"}

# --- links, formatting, front matter ---------------------------------------

def md_text(value: object) -> str:
    """Plan text escaped for Markdown and HTML (the render package's `markdown_text`)."""
    # Imported here, not at the top: `generator.render` will import this module
    # to add the portfolio pages, and a top-level import would be circular.
    from generator.render.escape import markdown_text

    return str(markdown_text(value))


@dataclass(frozen=True)
class Links:
    """Where the account and manager pages are, as doc-relative paths.

    By default an account's page is `accounts/<id>.md` and owners are not
    linked; `render_pages` knows the real names (a duplicate id gets a
    suffixed page) and can pass them in.
    """

    account_pages: Mapping[str, str] = field(default_factory=dict)
    manager_pages: Mapping[str, str] = field(default_factory=dict)

    def account(self, account_id: str, name: str) -> str:
        page = self.account_pages.get(account_id, f"accounts/{account_id}.md")
        return f"[{md_text(name)}](../{quote(page)})"

    def owner(self, owner_key: str, name: str) -> str:
        page = self.manager_pages.get(owner_key)
        return f"[{md_text(name)}](../{quote(page)})" if page else md_text(name)


def front_matter(title: str, description: str) -> str:
    """Title and description for MkDocs and Material; themes print them raw, so escaped."""
    from generator.render.escape import html_text  # see md_text: avoids a circular import

    data = {"title": html_text(title), "description": html_text(description)}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{text}---\n"


def amount(value: Decimal | None) -> str:
    """Whole units with thousands separators; an em dash when unknown."""
    if value is None:
        return "—"
    return f"{value.quantize(Decimal(1), rounding=ROUND_HALF_UP):,f}"


def ratio(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}x"


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]],
           align: Sequence[str] | None = None) -> str:
    align = align or ["---"] * len(header)
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _page(title: str, description: str, headline: str, body: Sequence[str]) -> str:
    parts = [front_matter(title, description), f"# {title}", "", headline, "", *body]
    return "\n".join(parts).rstrip() + "\n"


def _excluded_section(excluded: Sequence[ExcludedPlan], links: Links) -> list[str]:
    if not excluded:
        return []
    items = [f"- {links.account(e.account_id, e.account_name)}: {md_text(e.reason)}"
             for e in excluded]
    return ["## Not in the totals", "", *items, ""]


# --- pipeline ----------------------------------------------------------------

def pipeline_page(plans: Sequence[Plan], standards: Standards, as_of: dt.date,
                  links: Links | None = None) -> str:
    """Pipeline closing this fiscal year against the remaining gap, four ways."""
    links = links or Links()
    rollups = {g: pipeline_rollup(plans, standards, as_of, g) for g in GROUPINGS}
    names = {plan.account.id: plan.account.name for plan in plans}
    by_owner = rollups["owner"]
    total = by_owner.total
    cur, fy = by_owner.currency, by_owner.fiscal_year
    under = [g for g in by_owner.groups
             if g.coverage is not None and g.coverage < by_owner.required_coverage]
    headline = (
        f"Open pipeline closing in {fy} is {cur} {amount(total.pipeline_this_year)} against a "
        f"remaining gap of {cur} {amount(total.remaining_gap)}: coverage "
        f"{ratio(total.coverage)} (standard {by_owner.required_coverage:f}x); "
        f"{len(under)} of {plural(len(by_owner.groups), 'owner')} "
        f"{'is' if len(under) == 1 else 'are'} under the standard."
    )
    body: list[str] = []
    chart = pipeline_gap_chart(by_owner)
    if chart is not None:
        body += [str(chart), ""]
    for grouping in GROUPINGS:
        body += [f"## By {grouping}", "", _pipeline_table(rollups[grouping], names, links), ""]
    body += [
        f"Amounts in {md_text(cur)}, converted with the standards' exchange rates. "
        f"Pipeline: open opportunities (qualify to negotiate) closing in {fy}; open pipeline "
        "counts every open opportunity whatever its close date. Remaining gap: revenue "
        "target minus booked to date, never below zero per account. Coverage: pipeline "
        "closing this year divided by the remaining gap.", "",
        *_excluded_section(by_owner.excluded, links),
    ]
    return _page("Pipeline against target",
                 f"Open pipeline closing in {fy} against the remaining gap to target, "
                 "by owner, region, industry and segment.", headline, body)


def _pipeline_table(rollup: PipelineRollup, names: Mapping[str, str], links: Links) -> str:
    header = [GROUPING_TITLES[rollup.grouping], "Accounts", "Revenue target",
              "Booked to date", "Remaining gap", f"Pipeline closing {rollup.fiscal_year}",
              "Coverage", "Open pipeline"]

    def row(group: PipelineGroup, label: str, accounts: str) -> list[str]:
        coverage = ratio(group.coverage)
        if group.coverage is not None and group.coverage < rollup.required_coverage:
            coverage += " (under)"
        return [label, accounts, amount(group.revenue_target),
                amount(group.booked_to_date), amount(group.remaining_gap),
                amount(group.pipeline_this_year), coverage, amount(group.open_pipeline)]

    rows = []
    for group in rollup.groups:
        label = (links.owner(group.key, group.label) if rollup.grouping == "owner"
                 else md_text(group.label))
        accounts = ", ".join(links.account(a, names[a]) for a in group.accounts)
        rows.append(row(group, label, accounts))
    rows.append(row(rollup.total, "**Portfolio**", plural(len(rollup.total.accounts), "account")))
    align = [":---", ":---", "---:", "---:", "---:", "---:", "---:", "---:"]
    return _table(header, rows, align)


# --- renewals ----------------------------------------------------------------

def renewals_page(plans: Sequence[Plan], standards: Standards, as_of: dt.date,
                  links: Links | None = None) -> str:
    """Agreements ending in the next 18 months, earliest first, at-risk ones marked."""
    links = links or Links()
    calendar = renewals_calendar(plans, standards, as_of)
    entries = calendar.entries
    this_half = [e for e in entries if e.in_current_half]
    at_risk = [e for e in entries if e.at_risk]
    ended = [e for e in entries if e.ended]
    value_at_risk = sum((e.annual_value_converted or Decimal(0) for e in at_risk), Decimal(0))
    headline = (
        f"{plural(len(entries), 'agreement')} end by {calendar.horizon.isoformat()} "
        f"(the next 18 months); {len(this_half)} "
        f"{'ends' if len(this_half) == 1 else 'end'} this fiscal half "
        f"({calendar.current_half}); {len(at_risk)} "
        f"{'has' if len(at_risk) == 1 else 'have'} no renewal opportunity in play, worth "
        f"{calendar.currency} {amount(value_at_risk)} a year."
    )
    if ended:
        headline += f" {plural(len(ended), 'agreement')} already ended without a won renewal."
    body: list[str] = []
    if entries:
        header = ["Ends", "Days left", "Fiscal half", "Account", "Agreement", "Type",
                  "Annual value", f"Annual value ({calendar.currency})",
                  "Renewal opportunity", "Stage", "Status"]
        rows = [_renewal_row(e, links) for e in entries]
        align = [":---", "---:", ":---", ":---", ":---", ":---", "---:", "---:", ":---", ":---",
                 ":---"]
        body += [_table(header, rows, align), ""]
    else:
        body += ["No agreement ends in the next 18 months.", ""]
    body.append(
        f"Status: **at risk** when the agreement names no renewal opportunity, or names one "
        f"that is lost or does not exist; **in progress** when it is open; **renewed** when "
        f"won. Agreements that ended before {as_of.isoformat()} stay listed until their "
        f"renewal is won. Fiscal halves start on the fiscal year's first day and six months "
        f"later; **this half** is {calendar.current_half} "
        f"({calendar.current_half_bounds[0].isoformat()} to "
        f"{calendar.current_half_bounds[1].isoformat()}).")
    return _page("Renewals",
                 f"Agreements ending by {calendar.horizon.isoformat()}, with their renewal "
                 "opportunities.", headline, body)


def _renewal_row(entry: RenewalEntry, links: Links) -> list[str]:
    days = (f"ended {-entry.days_left} days ago" if entry.ended else str(entry.days_left))
    half = f"**{entry.fiscal_half}, this half**" if entry.in_current_half else entry.fiscal_half
    value = (f"{md_text(entry.currency)} {amount(entry.annual_value)}"
             if entry.annual_value is not None else "—")
    status = {"at risk": "**⚠ at risk**", "in progress": "in progress",
              "renewed": "renewed"}[entry.status]
    return [entry.ends.isoformat(), days, half,
            links.account(entry.account_id, entry.account_name),
            md_text(entry.agreement_id), md_text(entry.agreement_type), value,
            amount(entry.annual_value_converted),
            md_text(entry.renewal_opportunity) if entry.renewal_opportunity else "none",
            md_text(entry.renewal_stage) if entry.renewal_stage else "—", status]


# --- freshness ---------------------------------------------------------------

def freshness_page(plans: Sequence[Plan], standards: Standards, as_of: dt.date,
                   links: Links | None = None) -> str:
    """Plans by days since their last review, stalest first."""
    links = links or Links()
    freshness = plan_freshness(plans, standards, as_of)
    rows = freshness.rows
    limit = freshness.max_age_days
    overdue = [r for r in rows if r.overdue]
    if not rows:
        headline = "There are no valid plans to report on."
    else:
        stalest = rows[0]
        lead = (f"{len(overdue)} of {plural(len(rows), 'plan')} "
                f"{'is' if len(overdue) == 1 else 'are'} past the {limit}-day review standard"
                if overdue else f"All {plural(len(rows), 'plan')} were reviewed within the "
                f"{limit}-day standard")
        headline = (f"{lead}; the stalest, {md_text(stalest.account_name)}, was last reviewed "
                    f"{plural(stalest.age_days, 'day')} ago "
                    f"({stalest.last_reviewed.isoformat()}).")
    counts = freshness.bucket_counts()
    buckets = [b for b in (*AGE_BUCKETS, FUTURE_BUCKET) if b != FUTURE_BUCKET or counts[b]]
    body = [_table(["Last reviewed", "Plans"], [[b, str(counts[b])] for b in buckets],
                   [":---", "---:"]), ""]
    chart = plan_age_chart(freshness)
    if chart is not None:
        body += [str(chart), ""]
    if rows:
        table = [[links.account(r.account_id, r.account_name), md_text(r.owner),
                  r.last_reviewed.isoformat(), str(r.age_days), r.bucket,
                  r.next_review.isoformat() if r.next_review else "—",
                  "**overdue**" if r.overdue else "current"] for r in rows]
        body += [_table(["Account", "Owner", "Last reviewed", "Days ago", "Age",
                         "Next review", "Status"], table,
                        [":---", ":---", ":---", "---:", ":---", ":---", ":---"]), ""]
    body.append(f"Days are counted to {as_of.isoformat()}. The standard (`plan-current`) "
                f"asks for a review at most {limit} days old, and never one dated in the "
                "future.")
    return _page("Plan freshness",
                 f"Account plans by days since their last review, against the {limit}-day "
                 "standard.", headline, body)


# --- heatmap -----------------------------------------------------------------

def heatmap_page(plans: Sequence[Plan], findings: Mapping[str, Sequence[Finding]],
                 links: Links | None = None) -> str:
    """Accounts against the standards they miss: error, warning or waived."""
    links = links or Links()
    heatmap = standards_heatmap(plans, findings)
    accounts = heatmap.accounts
    valid_ids = {plan.account.id for plan in plans}
    totals: dict[CellStatus, int] = {"error": 0, "warning": 0, "waived": 0, "none": 0}
    for account in accounts:
        for finding in findings.get(account, ()):
            totals[finding_status(finding)] += 1
    with_findings = {account for account, _ in heatmap.cells}
    clean = len(accounts) - len(with_findings)
    headline = (
        f"{len(with_findings)} of {plural(len(accounts), 'plan')} "
        f"{'has' if len(with_findings) == 1 else 'have'} findings: "
        f"{plural(totals['error'], 'error')}, {plural(totals['warning'], 'warning')} and "
        f"{totals['waived']} waived, across {plural(len(heatmap.rules), 'standard')}; "
        f"{clean} {'plan meets' if clean == 1 else 'plans meet'} every standard."
    )
    legend = " · ".join(f"{symbol} {status}" for status, symbol in HEAT_SYMBOLS.items()
                        if symbol)
    body = [f"Legend: {legend} · blank: no finding. A number after the symbol counts "
            "the findings when there is more than one.", ""]
    if heatmap.rules:
        header = ["Account", *(f"[{md_text(rule)}](../standards/index.md#{quote(rule)})"
                               for rule in heatmap.rules)]
        rows = []
        for account in accounts:
            cells = []
            for rule in heatmap.rules:
                cell = heatmap.cell(account, rule)
                symbol = HEAT_SYMBOLS[cell.status]
                shown = f"{symbol} {cell.count}" if cell.count > 1 else symbol
                cells.append(f'<span class="pb-heat pb-heat-{cell.status}" '
                             f'title="{cell.status}">{shown}</span>' if symbol else "")
            # Only a valid plan is sure to have an account page to link to.
            name = (links.account(account, heatmap.account_names[account])
                    if account in valid_ids else md_text(account))
            rows.append([name, *cells])
        body += [_table(header, rows, [":---"] + [":---:"] * len(heatmap.rules)), ""]
    else:
        body += ["No plan has a finding.", ""]
    body.append("Only standards with at least one finding are shown; every plan meets the "
                "others. The worst outcome wins a cell: error, then warning, then waived.")
    return _page("Standards heatmap",
                 "Which account plans miss which quality standards.", headline, body)


# --- whitespace --------------------------------------------------------------

def whitespace_page(plans: Sequence[Plan], links: Links | None = None) -> str:
    """Products against accounts: deployed, owned, in pipeline, or whitespace."""
    links = links or Links()
    matrix = whitespace_matrix(plans)
    pairs = len(matrix.products) * len(matrix.accounts)
    empty = sum(matrix.whitespace_count(p) for p in matrix.products)
    headline = (f"{plural(len(matrix.products), 'product')} across "
                f"{plural(len(matrix.accounts), 'account')}: {empty} of {pairs} "
                "account-product pairs are whitespace (not deployed, owned or in pipeline).")
    if matrix.products:
        widest = max(matrix.products,
                     key=lambda p: (sum(matrix.status(p, a) == "deployed"
                                        for a in matrix.accounts), p))
        deployed_at = sum(matrix.status(widest, a) == "deployed" for a in matrix.accounts)
        if deployed_at:
            headline += (f" The most widely deployed is {md_text(widest)} "
                         f"({deployed_at} of {len(matrix.accounts)} accounts).")
    legend = " · ".join(f"{symbol} {status}" for status, symbol in WHITESPACE_SYMBOLS.items()
                        if symbol)
    body = [f"Legend: {legend} · blank: whitespace.", ""]
    if matrix.products:
        body += [_whitespace_table(matrix, links), ""]
        if len(matrix.accounts) <= len(matrix.products):
            body += ["Accounts:", "",
                     *(f"- {links.account(a, a)}: {md_text(matrix.account_names[a])}"
                       for a in matrix.accounts), ""]
    body.append(
        "A cell shows the most advanced state: **deployed** (in the deployment list with "
        "something deployed) beats **owned** (in an agreement, entitled but not yet deployed, "
        "or in a won opportunity), which beats **pipeline** (in an open opportunity). Product "
        "names are matched exactly as the plans write them.")
    return _page("Whitespace", "Products against accounts: deployed, owned, in pipeline, "
                 "or whitespace.", headline, body)


def _whitespace_table(matrix: Whitespace, links: Links) -> str:
    """The matrix with the longer list down the side, so the table grows downwards.

    A few accounts and many products: a row per product, accounts (by id) across.
    A large portfolio: a row per account, products across.
    """
    def cell(product: str, account: str) -> str:
        status = matrix.status(product, account)
        symbol = WHITESPACE_SYMBOLS[status]
        return (f'<span class="pb-ws pb-ws-{status}" title="{status}">{symbol}</span>'
                if symbol else "")

    if len(matrix.accounts) <= len(matrix.products):
        header = ["Product", *(links.account(a, a) for a in matrix.accounts), "Whitespace"]
        rows = [[md_text(p), *(cell(p, a) for a in matrix.accounts),
                 str(matrix.whitespace_count(p))] for p in matrix.products]
        across = len(matrix.accounts)
    else:
        header = ["Account", *(md_text(p) for p in matrix.products), "Whitespace"]
        rows = [[links.account(a, matrix.account_names[a]),
                 *(cell(p, a) for p in matrix.products),
                 str(sum(matrix.status(p, a) == "none" for p in matrix.products))]
                for a in matrix.accounts]
        across = len(matrix.products)
    return _table(header, rows, [":---"] + [":---:"] * across + ["---:"])


# --- all five ----------------------------------------------------------------

def portfolio_pages(plans: Sequence[Plan], findings_by_account: Mapping[str, Sequence[Finding]],
                    standards: Standards, as_of: dt.date,
                    links: Links | None = None) -> dict[str, str]:
    """The portfolio pages by their path in the docs tree: {"portfolio/pipeline.md": …}.

    `plans` are the valid plans (`CheckedPlan.plan` where not None);
    `findings_by_account` maps an account id to its findings
    (`generator.portfolio.findings_by_account(run)` builds it from a check run).
    """
    return {
        "portfolio/pipeline.md": pipeline_page(plans, standards, as_of, links),
        "portfolio/renewals.md": renewals_page(plans, standards, as_of, links),
        "portfolio/freshness.md": freshness_page(plans, standards, as_of, links),
        "portfolio/heatmap.md": heatmap_page(plans, findings_by_account, links),
        "portfolio/whitespace.md": whitespace_page(plans, links),
    }
