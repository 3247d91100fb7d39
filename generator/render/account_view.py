"""What an account page shows beyond the plan's own fields.

Trends (AR growth, satisfaction change), days to renewal, deployment ratios
and the scorecard are computed here so the template only lays them out.
Every item with an id (or a name, where it has none) gets an anchor, so the
scorecard and cross-references can link to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import quote

from markupsafe import Markup

from generator import figures
from generator.charts import (
    Chart,
    ar_history_chart,
    deployment_chart,
    pipeline_chart,
    relationship_map,
    satisfaction_chart,
)
from generator.findings import Finding
from generator.model import Plan
from generator.render.anchors import AnchorBook, slugify
from generator.render.escape import html_code, html_inline
from generator.render.filters import NOT_GIVEN
from generator.render.overview import Amount, amount
from generator.standards.calendar import fiscal_year_number
from generator.standards.config import Standards

#: Section anchors of an account page; item anchors never take these.
SECTION_ANCHORS = (
    "top", "needs-action", "cos-status", "deals-that-matter", "next-actions",
    "relationship-map", "summary", "account", "plan", "team", "financials", "addressable-revenue",
    "customer-priorities", "conditions-of-satisfaction", "stakeholders", "agreements",
    "deployment", "opportunities", "pipeline", "competitors", "partners", "satisfaction",
    "engagements", "actions", "waivers", "own-fields", "scorecard",
)


@dataclass(frozen=True)
class YearFigure:
    """One fiscal year's figure and its change on the year before."""

    fiscal_year: str
    value: Decimal
    converted: Amount | None
    #: change against the year before, as a fraction; None without that year
    change: Decimal | None


@dataclass(frozen=True)
class FindingRow:
    """A finding as the scorecard shows it, with where to jump to."""

    finding: Finding
    item_anchor: str | None


class ItemAnchors:
    """Anchors of a page's items: opportunities, COS, stakeholders …"""

    def __init__(self, plan: Plan) -> None:
        self._book = AnchorBook(reserved=SECTION_ANCHORS)
        # Claimed in page order, so an id that two lists share links to the first.
        self._order: list[tuple[str, str]] = []
        self._claim_all(plan)

    def _claim(self, kind: str, key: str) -> None:
        self._book.claim(kind, key, slugify(key, fallback_prefix=kind))
        self._order.append((kind, key))

    def _claim_all(self, plan: Plan) -> None:
        for member in plan.team:
            self._claim("team", member.name)
        for priority in plan.customer_priorities:
            self._claim("priority", priority.id)
        for cos in plan.conditions_of_satisfaction:
            self._claim("cos", cos.id)
        for stakeholder in plan.stakeholders:
            self._claim("stakeholder", stakeholder.name)
        for agreement in plan.agreements:
            self._claim("agreement", agreement.id)
        for deployment in plan.deployment:
            self._claim("deployment", deployment.product)
        for opportunity in plan.opportunities:
            self._claim("opportunity", opportunity.id)
        for competitor in plan.competitors:
            self._claim("competitor", competitor.name)
        for partner in plan.partners:
            self._claim("partner", partner.name)
        for action in plan.actions:
            self._claim("action", action.id)

    def of(self, kind: str, key: str) -> str | None:
        """The anchor of an item, or None when the plan has no such item."""
        return self._book.find(kind, key)

    def target(self, kind: str, key: str) -> Markup:
        """The item's anchor for an attribute list (`{ #anchor }`)."""
        anchor = self._book.find(kind, key)
        if anchor is None:  # pragma: no cover - every item is claimed up front
            raise KeyError((kind, key))
        return Markup(quote(anchor, safe="-._"))

    # The methods below write HTML for the page's HTML blocks
    # (`templates/account.html.j2`); plan text is escaped for HTML there.

    def tag(self, kind: str, key: str, *, code: bool = False) -> Markup:
        """The item's key shown where the item is listed, carrying its anchor."""
        element = "code" if code else "span"
        # Both parts are safe already: the anchor is quoted, the text escaped.
        return Markup(f'<{element} id="{self.target(kind, key)}">{html_inline(key)}</{element}>')

    def link(self, kind: str, key: str | None, *, code: bool = False) -> Markup:
        """A reference to an item: a link to its anchor, or plain text if unknown."""
        if key is None:
            return NOT_GIVEN
        shown = html_code(key) if code else html_inline(key)
        anchor = self._book.find(kind, key)
        if anchor is None:  # a dangling reference: the `reference` rule reports it
            return shown
        return Markup(f'<a href="#{quote(anchor, safe="-._")}">{shown}</a>')

    def link_any(self, key: str) -> Markup:
        """A reference to whichever item (in page order) has this id or name."""
        anchor = self.any_of(key)
        if anchor is None:
            return html_inline(key)
        return Markup(f'<a href="#{quote(anchor, safe="-._")}">{html_inline(key)}</a>')

    def links(self, kind: str, keys: Iterable[str], *, code: bool = False) -> Markup:
        shown = [self.link(kind, key, code=code) for key in keys]
        return Markup(", ").join(shown) if shown else NOT_GIVEN

    def any_of(self, key: str) -> str | None:
        """The anchor of the first item (in page order) whose id or name is `key`."""
        for kind, known in self._order:
            if known == key:
                return self._book.find(kind, known)
        return None


def year_figures(values: Sequence[tuple[str, Decimal]], currency: str | None,
                 standards: Standards) -> tuple[YearFigure, ...]:
    """Figures by fiscal year, oldest first, each with its change on the year before."""
    by_year = dict(values)
    figures = []
    for label, value in sorted(values, key=lambda item: fiscal_year_number(item[0])):
        previous = by_year.get(f"FY{fiscal_year_number(label) - 1:04d}")
        change = None
        if previous is not None and previous != 0:
            change = (value - previous) / previous
        figures.append(YearFigure(
            fiscal_year=label,
            value=value,
            converted=None if currency is None else amount(value, currency, standards),
            change=change,
        ))
    return tuple(figures)


def finding_rows(findings: Iterable[Finding],
                 anchors: ItemAnchors | None) -> tuple[FindingRow, ...]:
    """The scorecard's rows: by line, then rule, each linked to its item."""
    ordered = sorted(findings, key=lambda f: (f.line, f.column, f.rule, f.message))
    return tuple(
        FindingRow(f, anchors.any_of(f.item) if anchors and f.item else None)
        for f in ordered
    )


def remaining_target(plan: Plan) -> Decimal:
    """Revenue still to win this plan year (never below zero)."""
    return figures.remaining_gap(plan.financials)


def figure(chart: Chart | None) -> Markup | None:
    """A chart as the raw HTML block the page places between blank lines.

    The chart module escapes every plan value it draws, so its figure is safe
    HTML; a line break inside (from a name written over two lines) is folded
    into a space, which SVG text shows the same way, so the block stays one line.
    """
    if chart is None:
        return None
    return Markup(" ".join(chart.figure().splitlines()))


@dataclass(frozen=True)
class AccountCharts:
    """The pictures of an account page, each shown beside the table it draws."""

    ar_history: Markup | None
    pipeline: Markup | None
    satisfaction: Markup | None
    deployment: Markup | None
    relationships: Markup | None


def account_charts(plan: Plan, standards: Standards) -> AccountCharts:
    """Every chart of one account page; None where the plan has nothing to draw."""
    return AccountCharts(
        ar_history=figure(ar_history_chart(plan)),
        # The pipeline picture needs opportunities: without any it would only
        # repeat the Financials table's "Still to win".
        pipeline=figure(pipeline_chart(plan, standards)) if plan.opportunities else None,
        satisfaction=figure(satisfaction_chart(plan)),
        deployment=figure(deployment_chart(plan, standards)),
        relationships=figure(relationship_map(plan)),
    )


@dataclass(frozen=True)
class AccountView:
    """The computed parts of one account page."""

    plan: Plan
    standards: Standards
    anchors: ItemAnchors
    ar_trend: tuple[YearFigure, ...]
    satisfaction: tuple[YearFigure, ...]
    findings: tuple[FindingRow, ...]
    charts: AccountCharts

    def convert(self, value: Decimal) -> Amount:
        """An amount of the plan's currency, with its value in the standards' currency."""
        return amount(value, self.plan.currency, self.standards)

    @property
    def ltp(self) -> Amount:
        return self.convert(self.plan.financials.long_term_potential)

    @property
    def revenue_target(self) -> Amount:
        return self.convert(self.plan.financials.revenue_target)

    @property
    def booked_to_date(self) -> Amount:
        return self.convert(self.plan.financials.booked_to_date)

    @property
    def remaining_target(self) -> Amount:
        return self.convert(remaining_target(self.plan))


def account_view(plan: Plan, findings: Iterable[Finding], standards: Standards) -> AccountView:
    """Everything the account template needs besides the plan itself."""
    anchors = ItemAnchors(plan)
    return AccountView(
        plan=plan,
        standards=standards,
        anchors=anchors,
        ar_trend=year_figures(plan.financials.addressable_revenue, plan.currency, standards),
        satisfaction=year_figures(plan.satisfaction, None, standards),
        findings=finding_rows(findings, anchors),
        charts=account_charts(plan, standards),
    )
