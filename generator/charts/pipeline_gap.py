"""Portfolio pipeline against the remaining gap, one pair of bars per group (owner, region …).

For each group: the open pipeline closing this fiscal year and the remaining
gap to target, on one scale, with the coverage ratio written beside them and
"under" where it falls short of the standard.
"""

from __future__ import annotations

from generator.charts import svg
from generator.charts.figure import Chart
from generator.portfolio import PipelineRollup

WIDTH_PLOT = 320.0
RIGHT = 215.0
PAIR = 44.0
BAR = 15.0
TOP = 8.0


def pipeline_gap_chart(rollup: PipelineRollup) -> Chart | None:
    """Pipeline against gap per group of a roll-up; None when no group has figures."""
    groups = rollup.groups
    if not groups:
        return None
    label_width = max(svg.text_width(g.label) for g in groups) + 16
    peak = max(max(g.pipeline_this_year, g.remaining_gap) for g in groups)
    x = svg.Scale(svg.nice_ceiling(float(peak)), label_width, label_width + WIDTH_PLOT)
    body: list[str] = []
    under = []
    for index, group in enumerate(groups):
        top = TOP + index * PAIR
        body.append(svg.label(label_width - 8, top + BAR + 3, group.label, anchor="end"))
        body.append(svg.rect(x(0), top, x(group.pipeline_this_year) - x(0), BAR, svg.BLUE,
                             "pb-bar pb-pipeline-bar"))
        body.append(svg.rect(x(0), top + BAR + 2, x(group.remaining_gap) - x(0), BAR,
                             svg.ORANGE, "pb-bar pb-gap"))
        body.append(svg.label(x(group.pipeline_this_year) + 4, top + 12,
                              svg.compact(group.pipeline_this_year), size=11))
        body.append(svg.label(x(group.remaining_gap) + 4, top + BAR + 14,
                              svg.compact(group.remaining_gap), size=11))
        coverage = group.coverage
        if coverage is None:
            note = "no gap left"
        else:
            note = f"coverage {coverage:.2f}x"
            if coverage < rollup.required_coverage:
                note += " (under)"
                under.append(group.label)
        body.append(svg.label(label_width + WIDTH_PLOT + 60, top + BAR + 3, note, size=11,
                              weight="bold" if group.label in under else None))
    bottom = TOP + len(groups) * PAIR
    body.append(svg.line(x(0), TOP - 4, x(0), bottom - 8, "pb-axis", opacity=0.6))
    legend_y = bottom + 10
    pipeline_caption = f"pipeline closing {rollup.fiscal_year}"
    body.append(svg.swatch(12, legend_y, svg.BLUE, "pb-pipeline-bar", pipeline_caption))
    body.append(svg.swatch(36 + svg.text_width(pipeline_caption), legend_y, svg.ORANGE,
                           "pb-gap", "remaining gap to target"))
    body.append(svg.label(12, legend_y + 20, f"Amounts in {rollup.currency}; standard "
                          f"coverage {rollup.required_coverage:f}x", size=10))
    width = label_width + WIDTH_PLOT + RIGHT
    height = legend_y + 28

    title = (f"Pipeline closing {rollup.fiscal_year} against the remaining gap, "
             f"by {rollup.grouping}")
    desc = (f"In {rollup.currency}, by {rollup.grouping}: " + "; ".join(
        f"{g.label}: pipeline {svg.grouped(g.pipeline_this_year)}, gap "
        f"{svg.grouped(g.remaining_gap)}, coverage "
        + (f"{g.coverage:.2f}x" if g.coverage is not None else "not applicable")
        for g in groups) + f". The standard asks for {rollup.required_coverage:f}x.")
    if under:
        caption = (f"{len(under)} of {len(groups)} under the {rollup.required_coverage:f}x "
                   f"coverage standard: {', '.join(under)}.")
    else:
        caption = (f"Every {rollup.grouping} meets the {rollup.required_coverage:f}x "
                   "coverage standard.")
    document = svg.svg_document(svg.element_id("pipeline-gap", rollup.grouping), width, height,
                                title, desc, body, "pb-pipeline-gap")
    return Chart(document, caption)
