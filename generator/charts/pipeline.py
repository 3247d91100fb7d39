"""Pipeline by stage against the gap still to close this plan year.

Three bars on one scale: open opportunities closing in the plan year, stacked
by stage (qualify → negotiate); won opportunities closing in the plan year;
and the remaining gap (revenue target - booked to date). A dashed line marks
the pipeline the `pipeline-coverage` standard asks for (coverage x gap). The
legend names every stage, with its amount, even when the amount is zero.
"""

from __future__ import annotations

from decimal import Decimal

from generator import figures
from generator.charts import svg
from generator.charts.figure import Chart
from generator.model import Plan
from generator.standards.config import Standards

OPEN_STAGE_ORDER = ("qualify", "develop", "propose", "negotiate")
STAGE_COLOURS = {
    "qualify": (svg.GREY, "pb-stage-qualify"),
    "develop": (svg.TEAL, "pb-stage-develop"),
    "propose": (svg.BLUE, "pb-stage-propose"),
    "negotiate": (svg.PURPLE, "pb-stage-negotiate"),
    "won": (svg.GREEN, "pb-stage-won"),
}
GAP_COLOUR = (svg.ORANGE, "pb-gap")

WIDTH = 600.0
LABEL_WIDTH = 150.0
RIGHT = 70.0
ROW = 30.0
BAR = 18.0
TOP = 12.0


def pipeline_chart(plan: Plan, standards: Standards) -> Chart:
    """Open pipeline by stage and won business in the plan year, against the gap."""
    first, last = figures.plan_year_bounds(plan, standards)
    by_stage = {stage: Decimal(0) for stage in (*OPEN_STAGE_ORDER, "won")}
    for opportunity in plan.opportunities:
        state = figures.stage_state(opportunity)
        if state != "lost" and first <= opportunity.close <= last:
            key = "won" if state == "won" else opportunity.stage
            by_stage[key] = by_stage.get(key, Decimal(0)) + opportunity.amount
    open_total = figures.plan_year_pipeline(plan, standards)
    later = [o for o in plan.open_opportunities() if not first <= o.close <= last]
    later_count = len(later)
    later_amount = sum((o.amount for o in later), Decimal(0))
    gap = figures.remaining_gap(plan.financials)
    needed = figures.needed_pipeline(gap, standards.pipeline_coverage)

    year = plan.plan.fiscal_year
    peak = max(open_total, by_stage["won"], gap, needed)
    x = svg.Scale(svg.nice_ceiling(float(peak)), LABEL_WIDTH, WIDTH - RIGHT)
    rows = [f"Open, closing {year}", f"Won, closing {year}", "Remaining gap"]
    body: list[str] = []

    def row_y(index: int) -> float:
        return TOP + index * ROW

    # Row 0: open pipeline stacked by stage.
    start = Decimal(0)
    for stage in OPEN_STAGE_ORDER:
        fill, css = STAGE_COLOURS[stage]
        if by_stage[stage] > 0:
            body.append(svg.rect(x(start), row_y(0), x(start + by_stage[stage]) - x(start), BAR,
                                 fill, f"pb-bar {css}"))
        start += by_stage[stage]
    fill, css = STAGE_COLOURS["won"]
    body.append(svg.rect(x(0), row_y(1), x(by_stage["won"]) - x(0), BAR, fill, f"pb-bar {css}"))
    body.append(svg.rect(x(0), row_y(2), x(gap) - x(0), BAR, GAP_COLOUR[0],
                         f"pb-bar {GAP_COLOUR[1]}"))
    body.append(svg.group((svg.label(LABEL_WIDTH - 8, row_y(index) + 13, caption)
                           for index, caption in enumerate(rows)), anchor="end"))
    body.append(svg.group((svg.label(x(amount) + 4, row_y(index) + 13, svg.compact(amount))
                           for index, amount in enumerate((open_total, by_stage["won"], gap))),
                          size=11))
    bottom = row_y(3)
    body.append(svg.line(x(0), TOP - 4, x(0), bottom, "pb-axis", opacity=0.6))
    if needed > 0:
        body.append(svg.line(x(needed), TOP - 4, x(needed), bottom, "pb-needed", dashed=True,
                             width=1.5))
        body.append(svg.label(x(needed), bottom + 12,
                              f"needed: {standards.pipeline_coverage:f}x gap = "
                              f"{svg.compact(needed)}", anchor="middle", size=11))

    legend_y = bottom + 34
    legend_x = 12.0
    for stage in (*OPEN_STAGE_ORDER, "won"):
        fill, css = STAGE_COLOURS[stage]
        caption = f"{stage} {svg.compact(by_stage[stage])}"
        body.append(svg.swatch(legend_x, legend_y, fill, css, caption))
        legend_x += 24 + svg.text_width(caption)
    note = f"Amounts in {plan.currency}"
    if later_count:
        note += (f"; {later_count} open opportunit{'y' if later_count == 1 else 'ies'} "
                 f"({svg.compact(later_amount)}) close outside {year}, not shown")
    body.append(svg.label(12, legend_y + 22, note, size=10))
    height = legend_y + 30

    title = f"{plan.account.name}: pipeline by stage against the remaining gap, {year}"
    stages = "; ".join(f"{s} {svg.grouped(by_stage[s])}" for s in OPEN_STAGE_ORDER)
    desc = (f"Open opportunities closing in {year}, in {plan.currency}: {stages}; "
            f"open total {svg.grouped(open_total)}. Won closing in {year}: "
            f"{svg.grouped(by_stage['won'])}. Remaining gap to the revenue target: "
            f"{svg.grouped(gap)}; the coverage standard asks for {svg.grouped(needed)} "
            f"({standards.pipeline_coverage:f} x gap).")
    if later_count:
        desc += (f" Not shown: {later_count} open opportunities worth "
                 f"{svg.grouped(later_amount)} closing outside {year}.")
    document = svg.svg_document(svg.element_id("pipeline"), WIDTH, height,
                                title, desc, body, "pb-pipeline")
    caption = (f"Open pipeline closing in {year}: {plan.currency} {svg.grouped(open_total)} "
               f"against a remaining gap of {svg.grouped(gap)}")
    coverage = figures.coverage(open_total, gap)
    if coverage is not None:
        verdict = ("meets" if figures.meets_coverage(open_total, gap, standards.pipeline_coverage)
                   else "under")
        caption += (f" (coverage {coverage:.2f}x, {verdict} the "
                    f"standard of {standards.pipeline_coverage:f}x)")
    return Chart(document, caption + ".")
