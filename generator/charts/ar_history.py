"""Addressable revenue by fiscal year: bars, the plan year highlighted, the target as a line.

Answers "is this account growing, and is the target above last year?" at a
glance; `ar-growth` is the standard behind it.
"""

from __future__ import annotations

from decimal import Decimal

from generator.charts import svg
from generator.charts.figure import Chart
from generator.model import Plan
from generator.standards.calendar import previous_fiscal_year

WIDTH, HEIGHT = 560.0, 240.0
LEFT, RIGHT, TOP, BOTTOM = 56.0, 84.0, 24.0, 40.0


def ar_history_chart(plan: Plan) -> Chart | None:
    """AR history and target for one account; None when the plan gives no AR."""
    history = plan.financials.addressable_revenue
    if not history:
        return None
    target = plan.financials.revenue_target
    plan_year = plan.plan.fiscal_year
    chart_id = svg.element_id("ar")  # one per page
    peak = max([amount for _, amount in history] + [target])
    y = svg.Scale(svg.nice_ceiling(float(peak)), HEIGHT - BOTTOM, TOP)
    slot = (WIDTH - LEFT - RIGHT) / len(history)
    bar_width = min(64.0, slot * 0.6)

    ticks = y.ticks()
    body: list[str] = [
        svg.grid((y(tick) for tick in ticks), LEFT, WIDTH - RIGHT),
        svg.group((svg.label(LEFT - 6, y(tick) + 4, svg.compact(tick)) for tick in ticks),
                  anchor="end", size=11),
    ]
    bars, values, years = [], [], []
    for index, (year, amount) in enumerate(history):
        centre = LEFT + slot * (index + 0.5)
        is_plan_year = year == plan_year
        fill, css = (svg.ORANGE, "pb-bar pb-bar-plan") if is_plan_year else (svg.BLUE, "pb-bar")
        bars.append(svg.rect(centre - bar_width / 2, y(amount), bar_width,
                             y(0) - y(amount), fill, css))
        values.append(svg.label(centre, y(amount) - 4, svg.compact(amount)))
        caption = f"{year} (plan year)" if is_plan_year else year
        years.append(svg.label(centre, HEIGHT - BOTTOM + 16, caption,
                               weight="bold" if is_plan_year else None))
    body += [*bars, svg.group(values, anchor="middle", size=11),
             svg.group(years, anchor="middle")]
    body.append(svg.line(LEFT, y(0), WIDTH - RIGHT, y(0), "pb-axis", opacity=0.6))
    body.append(svg.line(LEFT, y(target), WIDTH - RIGHT, y(target), "pb-target", dashed=True,
                         stroke=svg.RED, width=2))
    # The target's label sits right of the plot, so it never covers a bar's label.
    body.append(svg.label(WIDTH - RIGHT + 6, y(target) + 4, f"target {svg.compact(target)}",
                          size=11))
    body.append(svg.label(LEFT, HEIGHT - 6, f"Amounts in {plan.currency}", size=10))

    title = f"{plan.account.name}: addressable revenue by fiscal year"
    desc = _describe(history, plan_year, target, plan.currency)
    document = svg.svg_document(chart_id, WIDTH, HEIGHT, title, desc, body, "pb-ar-history")
    return Chart(document, _caption(plan, target))


def _caption(plan: Plan, target: Decimal) -> str:
    year = plan.plan.fiscal_year
    current = plan.financials.ar_for(year)
    caption = f"Revenue target {year}: {plan.currency} {svg.grouped(target)}"
    if current is None:
        return caption + f"; no addressable revenue given for {year}."
    caption += f"; addressable revenue {svg.grouped(current)}"
    before_year = previous_fiscal_year(year)
    before = plan.financials.ar_for(before_year)
    if before:
        change = (current - before) / before
        direction = "up" if change >= 0 else "down"
        caption += f", {direction} {svg.percent(abs(change))} on {before_year}"
    return caption + "."


def _describe(history: tuple[tuple[str, Decimal], ...], plan_year: str, target: Decimal,
              currency: str) -> str:
    years = "; ".join(
        f"{year}{' (plan year)' if year == plan_year else ''} {svg.grouped(amount)}"
        for year, amount in history
    )
    return (f"Addressable revenue in {currency} by fiscal year: {years}. "
            f"Revenue target for {plan_year}: {svg.grouped(target)}.")
