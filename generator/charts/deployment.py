"""Deployed against entitled, per product, with the standard's minimum ratio marked.

Products count in different units (seats, committed spend), so each row is
drawn as a share of its own entitlement: the track is 100% entitled, the bar
is what is deployed, and a dashed line marks `deployment_min_ratio`. Rows
under the standard are drawn in the warning colour and say so in words.
"""

from __future__ import annotations

from decimal import Decimal

from generator.charts import svg
from generator.charts.figure import Chart
from generator.model import Deployment, Plan
from generator.standards.config import Standards

TRACK_WIDTH = 300.0
ROW = 28.0
BAR = 16.0
TOP = 22.0
MIN_STATUS_WIDTH = 120.0


def deployment_chart(plan: Plan, standards: Standards) -> Chart | None:
    """Deployment bars for one account; None when the plan lists no deployment."""
    products = plan.deployment
    if not products:
        return None
    minimum = standards.deployment_min_ratio
    label_width = max(svg.text_width(d.product) for d in products) + 16
    x = svg.Scale(1.0, label_width, label_width + TRACK_WIDTH)
    statuses = [_status(d, d.ratio is not None and d.ratio < minimum) for d in products]
    status_width = max(svg.text_width(s, 11) for s in statuses) + 16
    width = label_width + TRACK_WIDTH + max(status_width, MIN_STATUS_WIDTH)
    height = TOP + ROW * len(products) + 10
    body: list[str] = [
        svg.label(x(float(minimum)), 12, f"standard {svg.percent(minimum)}", anchor="middle",
                  size=11),
    ]
    below: list[str] = []
    names, statuses_shown = [], []
    for index, item in enumerate(products):
        top = TOP + index * ROW
        ratio = item.ratio
        under = ratio is not None and ratio < minimum
        if under:
            below.append(item.product)
        names.append(svg.label(label_width - 8, top + 12, item.product))
        body.append(svg.rect(x(0), top, TRACK_WIDTH, BAR, "currentColor", "pb-track",
                             ' fill-opacity="0.12"'))
        if ratio is not None:
            fill, css = (svg.ORANGE, "pb-bar pb-below") if under else (svg.GREEN, "pb-bar pb-ok")
            body.append(svg.rect(x(0), top, x(min(float(ratio), 1.0)) - x(0), BAR, fill, css))
        statuses_shown.append(svg.label(x(1.0) + 8, top + 12, statuses[index]))
    body += [svg.group(names, anchor="end"), svg.group(statuses_shown, size=11)]
    body.append(svg.line(x(float(minimum)), TOP - 6, x(float(minimum)), height - 8, "pb-needed",
                         dashed=True, width=1.5))

    title = f"{plan.account.name}: deployed against entitled, by product"
    rows = "; ".join(f"{d.product} {_status(d, False)}" for d in products)
    desc = (f"Deployment by product (deployed of entitled): {rows}. "
            f"The standard asks for at least {svg.percent(minimum)} deployed.")
    if below:
        caption = (f"{len(below)} of {len(products)} products under the "
                   f"{svg.percent(minimum)} deployment standard: {', '.join(below)}.")
    else:
        caption = (f"All {len(products)} products at or above the {svg.percent(minimum)} "
                   "deployment standard.")
    document = svg.svg_document(svg.element_id("deployment"), width, height,
                                title, desc, body, "pb-deployment")
    return Chart(document, caption)


def _status(item: Deployment, under: bool) -> str:
    if item.ratio is None:
        return f"{_quantity(item.deployed)} deployed, nothing entitled"
    shown = f"{_quantity(item.deployed)} of {_quantity(item.entitled)} ({svg.percent(item.ratio)})"
    return f"{shown}, under standard" if under else shown


def _quantity(value: Decimal) -> str:
    return svg.grouped(value) if value == value.to_integral_value() else f"{value:,f}"
