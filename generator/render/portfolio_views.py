"""The portfolio pages: pipeline, forecast, renewals, freshness, heatmap, whitespace.

Each page answers its question in its first sentence, with numbers, then shows
the detail as tables (and a chart where a picture helps). A page is a Markdown
document: front matter, a title and section headings in Markdown (so MkDocs
builds the table of contents), and every part that shows plan text as an HTML
block from `templates/portfolio_views.html.j2`, rendered with autoescape on
(`generator.render.html_blocks`): the one escaping door of these pages.

The figures come from `generator.portfolio`, which takes every one of them
from `generator.figures` — the definitions the standards' rules use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from markupsafe import Markup

from generator.charts import pipeline_gap_chart, plan_age_chart
from generator.charts.figure import Chart
from generator.figures import (
    FUTURE_BUCKET,
    converted,
    quarter_of,
    quarter_pipeline,
    renewal_opportunity,
    renewal_uplift,
    stage_weight,
)
from generator.findings import Finding
from generator.model import Plan
from generator.portfolio import (
    GROUPINGS,
    CellStatus,
    WhitespaceStatus,
    finding_status,
    pipeline_rollup,
    plan_freshness,
    renewals_calendar,
    standards_heatmap,
    whitespace_matrix,
)
from generator.render.front_matter import front_matter
from generator.render.html_blocks import HtmlBlocks, SiteLinks
from generator.standards.calendar import Quarter
from generator.standards.config import Standards

PAGES = (
    "portfolio/pipeline.md",
    "portfolio/forecast.md",
    "portfolio/renewals.md",
    "portfolio/freshness.md",
    "portfolio/heatmap.md",
    "portfolio/whitespace.md",
)
STANDARDS_PAGE = "standards/index.md"
HEAT_SYMBOLS: dict[CellStatus, str] = {
    "error": "✖", "warning": "▲", "waived": "○", "none": "",
}
WHITESPACE_SYMBOLS: dict[WhitespaceStatus, str] = {
    "deployed": "●", "owned": "◐", "pipeline": "○", "none": "",
}
#: The portfolio pages keep the navigation, which lists the views, but
#: give the table of contents' width to their wide tables.
PORTFOLIO_HIDES = ("toc",)
GROUPING_TITLES = {"owner": "Owner", "region": "Region", "industry": "Industry",
                   "segment": "Segment"}


@dataclass(frozen=True)
class Links:
    """Where the account and manager pages are, as doc-relative paths.

    By default an account's page is `accounts/<id>.md` and owners are not
    linked; `render_pages` knows the real names (a duplicate id gets a
    suffixed page) and passes them in.
    """

    account_pages: Mapping[str, str] = field(default_factory=dict)
    manager_pages: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _PageWriter:
    """The blocks of one portfolio page, linked as the site serves its pages."""

    path: str
    links: Links
    use_directory_urls: bool

    @property
    def blocks(self) -> HtmlBlocks:
        return HtmlBlocks("portfolio_views.html.j2",
                          links=SiteLinks(self.path, self.use_directory_urls),
                          account_pages=self.links.account_pages,
                          manager_pages=self.links.manager_pages,
                          standards_page=STANDARDS_PAGE)


def _chart(chart: Chart | None) -> list[str]:
    # Chart modules escape every plan value they draw; the figure is one line.
    return [" ".join(chart.figure().splitlines())] if chart is not None else []


def _page(title: str, description: str, headline: Markup, parts: Sequence[str]) -> str:
    """Front matter, title, headline, then headings and blocks, blank-line separated."""
    return (str(front_matter(title, description, hide=PORTFOLIO_HIDES)) + "\n"
            + "\n\n".join([f"# {title}", str(headline), *map(str, parts)]) + "\n")


# --- pipeline ----------------------------------------------------------------

def pipeline_page(plans: Sequence[Plan], standards: Standards, as_of: dt.date,
                  writer: _PageWriter) -> str:
    """Pipeline closing in the plan year against the remaining gap, four ways."""
    blocks = writer.blocks
    rollups = {g: pipeline_rollup(plans, standards, as_of, g) for g in GROUPINGS}
    names = {plan.account.id: plan.account.name for plan in plans}
    by_owner = rollups["owner"]
    parts: list[str] = [*_chart(pipeline_gap_chart(by_owner))]
    for grouping in GROUPINGS:
        parts += [f"## By {grouping}",
                  blocks.pipeline_table(rollups[grouping], GROUPING_TITLES, names)]
    parts.append(blocks.pipeline_note(by_owner))
    if by_owner.excluded:
        parts += ["## Not in the totals", blocks.excluded(by_owner.excluded)]
    return _page("Pipeline against target",
                 f"Open pipeline closing in {by_owner.fiscal_year} against the remaining gap "
                 "to target, by owner, region, industry and segment.",
                 blocks.pipeline_headline(by_owner), parts)


# --- forecast ----------------------------------------------------------------

TOP_DEALS = 10


@dataclass(frozen=True)
class Deal:
    """An open opportunity with its amount in the standards' currency and its stage weight."""

    account_id: str
    account_name: str
    opportunity_id: str
    name: str
    stage: str
    close: dt.date
    amount: Decimal
    currency: str
    amount_converted: Decimal
    weight: Decimal


@dataclass(frozen=True)
class QuarterRow:
    quarter: Quarter
    pipeline: Decimal
    weighted: Decimal
    deals: int


@dataclass(frozen=True)
class Uplift:
    account_id: str
    account_name: str
    agreement_id: str
    renewal_id: str
    renewal_stage: str
    annual_value: Decimal
    renewal_amount: Decimal
    uplift: Decimal


@dataclass(frozen=True)
class Forecast:
    """The forecast page's figures, each from `generator.figures`."""

    currency: str
    this_quarter: Quarter
    quarters: tuple[QuarterRow, ...]
    deals: tuple[Deal, ...]
    uplifts: tuple[Uplift, ...]
    no_rate: tuple[Plan, ...]

    @property
    def pipeline_total(self) -> Decimal:
        return sum((row.pipeline for row in self.quarters), Decimal(0))

    @property
    def weighted_total(self) -> Decimal:
        return sum((row.weighted for row in self.quarters), Decimal(0))

    @property
    def top_deals(self) -> tuple[Deal, ...]:
        """The largest open deals, largest first (ties by account and opportunity id)."""
        return tuple(sorted(self.deals, key=lambda d: (-d.amount_converted, d.account_id,
                                                       d.opportunity_id))[:TOP_DEALS])

    @property
    def closing_this_quarter(self) -> tuple[Deal, ...]:
        quarter = self.this_quarter
        return tuple(sorted((d for d in self.deals if quarter.first <= d.close <= quarter.last),
                            key=lambda d: (d.close, -d.amount_converted, d.account_id,
                                           d.opportunity_id)))


def forecast(plans: Sequence[Plan], standards: Standards, as_of: dt.date) -> Forecast:
    """Open pipeline by fiscal quarter, the deals and the renewal uplifts of the portfolio."""
    deals: list[Deal] = []
    uplifts: list[Uplift] = []
    no_rate: list[Plan] = []
    rows: dict[Quarter, list[Decimal]] = {}
    for plan in plans:
        if converted(Decimal(0), plan, standards) is None:
            no_rate.append(plan)
            continue
        for opportunity in plan.open_opportunities():
            amount = converted(opportunity.amount, plan, standards) or Decimal(0)
            deals.append(Deal(plan.account.id, plan.account.name, opportunity.id,
                              opportunity.name, opportunity.stage, opportunity.close,
                              opportunity.amount, plan.currency, amount,
                              stage_weight(opportunity, standards)))
        for quarter in {quarter_of(o.close, standards) for o in plan.open_opportunities()}:
            figures = quarter_pipeline(plan, quarter, standards)
            if figures is not None:
                row = rows.setdefault(quarter, [Decimal(0), Decimal(0)])
                row[0] += figures[0]
                row[1] += figures[1]
        for agreement in plan.agreements:
            uplift = renewal_uplift(plan, agreement, standards)
            renewal = renewal_opportunity(plan, agreement)
            if uplift is not None and renewal is not None:
                uplifts.append(Uplift(plan.account.id, plan.account.name, agreement.id,
                                      renewal.id, renewal.stage, uplift[1], uplift[0],
                                      uplift[2]))
    counts: dict[Quarter, int] = {}
    for deal in deals:
        quarter = quarter_of(deal.close, standards)
        counts[quarter] = counts.get(quarter, 0) + 1
    quarters = tuple(QuarterRow(q, figures[0], figures[1], counts.get(q, 0))
                     for q, figures in sorted(rows.items(), key=lambda item: item[0].first))
    return Forecast(standards.currency, quarter_of(as_of, standards), quarters, tuple(deals),
                    tuple(sorted(uplifts, key=lambda u: (u.account_id, u.agreement_id))),
                    tuple(no_rate))


def forecast_page(plans: Sequence[Plan], standards: Standards, as_of: dt.date,
                  writer: _PageWriter) -> str:
    """Open pipeline by quarter (unweighted and weighted), top deals, closing now, uplift."""
    blocks = writer.blocks
    figures = forecast(plans, standards, as_of)
    closing = figures.closing_this_quarter
    parts: list[str] = [
        "## Open pipeline by fiscal quarter",
        blocks.forecast_quarters(figures) if figures.quarters
        else blocks.paragraph("No open opportunity."),
        "## Top deals",
        blocks.deals_table(figures.top_deals, figures.currency) if figures.deals
        else blocks.paragraph("No open opportunity."),
        f"## Closing this quarter ({figures.this_quarter.label})",
        blocks.deals_table(closing, figures.currency) if closing
        else blocks.paragraph("No open opportunity closes this quarter."),
        "## Renewal uplift",
        blocks.uplift_table(figures.uplifts, figures.currency) if figures.uplifts
        else blocks.paragraph("No agreement with an annual value names a renewal opportunity."),
        blocks.forecast_note(figures, standards.stage_weights),
    ]
    return _page("Forecast", "Open pipeline by fiscal quarter, unweighted and weighted by "
                 "stage; top deals, deals closing this quarter and renewal uplift.",
                 blocks.forecast_headline(figures, closing,
                                          sum((d.amount_converted for d in closing), Decimal(0))),
                 parts)


# --- renewals ----------------------------------------------------------------

def renewals_page(plans: Sequence[Plan], standards: Standards, as_of: dt.date,
                  writer: _PageWriter) -> str:
    """Agreements ending in the next 18 months, earliest first, at-risk ones marked."""
    blocks = writer.blocks
    calendar = renewals_calendar(plans, standards, as_of)
    entries = calendar.entries
    at_risk = [e for e in entries if e.status == "at risk"]
    value_at_risk = sum((e.annual_value_converted or Decimal(0) for e in at_risk), Decimal(0))
    window = standards.renewal_window_months
    headline = blocks.renewals_headline(
        calendar, sum(1 for e in entries if e.in_current_half), len(at_risk),
        sum(1 for e in entries if e.ended), value_at_risk, window)
    parts = [blocks.renewals_table(calendar) if entries
             else blocks.paragraph("No agreement ends in the next 18 months."),
             blocks.renewals_note(calendar, as_of, window)]
    return _page("Renewals", f"Agreements ending by {calendar.horizon.isoformat()}, with "
                 "their renewal opportunities.", headline, parts)


# --- freshness ---------------------------------------------------------------

def freshness_page(plans: Sequence[Plan], standards: Standards, as_of: dt.date,
                   writer: _PageWriter) -> str:
    """Plans by days since their last review, stalest first."""
    blocks = writer.blocks
    freshness = plan_freshness(plans, standards, as_of)
    counts = freshness.bucket_counts()
    buckets = [*freshness.buckets, *([FUTURE_BUCKET] if counts[FUTURE_BUCKET] else [])]
    parts = [blocks.bucket_table(buckets, counts), *_chart(plan_age_chart(freshness))]
    if freshness.rows:
        parts.append(blocks.freshness_table(freshness.rows))
    parts.append(blocks.freshness_note(as_of, freshness.max_age_days))
    return _page("Plan freshness",
                 f"Account plans by days since their last review, against the "
                 f"{freshness.max_age_days}-day standard.",
                 blocks.freshness_headline(freshness), parts)


# --- heatmap -----------------------------------------------------------------

def heatmap_page(plans: Sequence[Plan], findings: Mapping[str, Sequence[Finding]],
                 writer: _PageWriter) -> str:
    """Accounts against the standards they miss: error, warning or waived."""
    blocks = writer.blocks
    heatmap = standards_heatmap(plans, findings)
    totals: dict[CellStatus, int] = {"error": 0, "warning": 0, "waived": 0, "none": 0}
    for account in heatmap.accounts:
        for finding in findings.get(account, ()):
            totals[finding_status(finding)] += 1
    with_findings = len({account for account, _ in heatmap.cells})
    headline = blocks.heatmap_headline(len(heatmap.accounts), with_findings, totals,
                                       len(heatmap.rules))
    legend = blocks.legend(HEAT_SYMBOLS, "no finding. A number after the symbol counts the "
                           "findings when there is more than one.")
    # Only a valid plan is sure to have an account page to link to.
    valid_ids = {plan.account.id for plan in plans}
    table = (blocks.heatmap_table(heatmap, valid_ids, HEAT_SYMBOLS) if heatmap.rules
             else blocks.paragraph("No plan has a finding."))
    return _page("Standards heatmap", "Which account plans miss which quality standards.",
                 headline, [legend, table, blocks.heatmap_note()])


# --- whitespace --------------------------------------------------------------

def whitespace_page(plans: Sequence[Plan], writer: _PageWriter) -> str:
    """Products against accounts: deployed, owned, in pipeline, or whitespace."""
    blocks = writer.blocks
    matrix = whitespace_matrix(plans)
    widest, deployed_at = "", 0
    if matrix.products:
        widest = max(matrix.products,
                     key=lambda p: (sum(matrix.status(p, a) == "deployed"
                                        for a in matrix.accounts), p))
        deployed_at = sum(matrix.status(widest, a) == "deployed" for a in matrix.accounts)
    headline = blocks.whitespace_headline(
        matrix, sum(matrix.whitespace_count(p) for p in matrix.products),
        len(matrix.products) * len(matrix.accounts), widest, deployed_at)
    parts = [blocks.legend(WHITESPACE_SYMBOLS, "whitespace.")]
    if matrix.products:
        # The longer list runs down the side, so the table grows downwards.
        if len(matrix.accounts) <= len(matrix.products):
            parts += [blocks.whitespace_by_product(matrix, WHITESPACE_SYMBOLS),
                      blocks.account_names(matrix)]
        else:
            parts.append(blocks.whitespace_by_account(matrix, WHITESPACE_SYMBOLS))
    parts.append(blocks.whitespace_note())
    return _page("Whitespace", "Products against accounts: deployed, owned, in pipeline, "
                 "or whitespace.", headline, parts)


# --- all of them ----------------------------------------------------------------

def portfolio_pages(plans: Sequence[Plan], findings_by_account: Mapping[str, Sequence[Finding]],
                    standards: Standards, as_of: dt.date, links: Links | None = None, *,
                    use_directory_urls: bool = False,
                    only: Collection[str] | None = None) -> dict[str, str]:
    """The portfolio pages' bodies by their path in the docs tree: {"portfolio/pipeline.md": …}.

    `plans` are the valid plans (`CheckedPlan.plan` where not None);
    `findings_by_account` maps an account id to its findings
    (`generator.portfolio.findings_by_account(run)` builds it from a check run).
    `only` names the pages wanted (paths of `VIEW_PAGES`); default all.
    """
    links = links or Links()

    def writer(path: str) -> _PageWriter:
        return _PageWriter(path, links, use_directory_urls)

    views: dict[str, Callable[[_PageWriter], str]] = {
        "portfolio/pipeline.md": lambda w: pipeline_page(plans, standards, as_of, w),
        "portfolio/forecast.md": lambda w: forecast_page(plans, standards, as_of, w),
        "portfolio/renewals.md": lambda w: renewals_page(plans, standards, as_of, w),
        "portfolio/freshness.md": lambda w: freshness_page(plans, standards, as_of, w),
        "portfolio/heatmap.md": lambda w: heatmap_page(plans, findings_by_account, w),
        "portfolio/whitespace.md": lambda w: whitespace_page(plans, w),
    }
    return {path: draw(writer(path)) for path, draw in views.items()
            if only is None or path in only}


#: the portfolio views, by their path in the docs tree
VIEW_PAGES = ("portfolio/pipeline.md", "portfolio/forecast.md", "portfolio/renewals.md",
              "portfolio/freshness.md", "portfolio/heatmap.md", "portfolio/whitespace.md")
