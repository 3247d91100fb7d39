"""Days since each plan's last review, stalest first, against the review standard.

A bar per plan; a dashed line marks `review_max_age_days`; plans past it are
drawn in the warning colour and labelled "overdue".
"""

from __future__ import annotations

from generator.charts import svg
from generator.charts.figure import Chart
from generator.portfolio import Freshness

PLOT = 300.0
ROW = 24.0
BAR = 15.0
TOP = 22.0


def plan_age_chart(freshness: Freshness) -> Chart | None:
    """Plan age bars; None when there are no plans."""
    rows = freshness.rows
    if not rows:
        return None
    label_width = max(svg.text_width(r.account_name) for r in rows) + 16
    peak = max(max(r.age_days for r in rows), freshness.max_age_days)
    x = svg.Scale(svg.nice_ceiling(float(peak)), label_width, label_width + PLOT)
    limit = freshness.max_age_days
    body = [svg.label(x(limit), 12, f"standard: {limit} days", anchor="middle", size=11)]
    for index, row in enumerate(rows):
        top = TOP + index * ROW
        fill, css = (svg.ORANGE, "pb-bar pb-below") if row.overdue else (svg.BLUE, "pb-bar")
        body.append(svg.label(label_width - 8, top + 12, row.account_name, anchor="end"))
        body.append(svg.rect(x(0), top, x(max(row.age_days, 0)) - x(0), BAR, fill, css))
        note = f"{row.age_days} days" + (", overdue" if row.overdue else "")
        body.append(svg.label(x(max(row.age_days, 0)) + 4, top + 12, note, size=11))
    bottom = TOP + len(rows) * ROW
    body.append(svg.line(x(0), TOP - 4, x(0), bottom, "pb-axis", opacity=0.6))
    body.append(svg.line(x(limit), TOP - 6, x(limit), bottom, "pb-needed", dashed=True,
                         width=1.5))
    width = label_width + PLOT + 110
    overdue = [r.account_name for r in rows if r.overdue]
    title = "Days since each plan was last reviewed"
    desc = ("Days since last review, stalest first: "
            + "; ".join(f"{r.account_name} {r.age_days}" for r in rows)
            + f". The standard is at most {limit} days.")
    caption = (f"{len(overdue)} of {len(rows)} plans past the {limit}-day review standard."
               if overdue else f"All {len(rows)} plans reviewed within {limit} days.")
    document = svg.svg_document(svg.element_id("plan-age"), width, bottom + 8, title, desc,
                                body, "pb-plan-age")
    return Chart(document, caption)
