"""Relationship Management (satisfaction) score by fiscal year: a line on the 0-200 scale.

The survey's own scale is kept (0 at the bottom, 200 at the top) so a small
change does not look like a collapse; `satisfaction-trend` is the standard.
"""

from __future__ import annotations

from generator.charts import svg
from generator.charts.figure import Chart
from generator.model import Plan

WIDTH, HEIGHT = 480.0, 200.0
LEFT, RIGHT, TOP, BOTTOM = 40.0, 24.0, 16.0, 32.0
SCALE_MAX = 200.0


def satisfaction_chart(plan: Plan) -> Chart | None:
    """Satisfaction trend for one account; None when the plan has no scores."""
    scores = plan.satisfaction
    if not scores:
        return None
    y = svg.Scale(SCALE_MAX, HEIGHT - BOTTOM, TOP)
    slot = (WIDTH - LEFT - RIGHT) / len(scores)
    ticks = y.ticks()
    body: list[str] = [
        svg.grid((y(tick) for tick in ticks), LEFT, WIDTH - RIGHT),
        svg.group((svg.label(LEFT - 6, y(tick) + 4, f"{tick:g}") for tick in ticks),
                  anchor="end", size=11),
    ]
    points = [(LEFT + slot * (i + 0.5), y(score)) for i, (_, score) in enumerate(scores)]
    if len(points) > 1:
        path = " ".join(f"{svg.num(px)},{svg.num(py)}" for px, py in points)
        body.append(f'<polyline class="pb-line" points="{path}" fill="none" '
                    f'stroke="{svg.BLUE}" stroke-width="2.5"/>')
    body.append(svg.group((f'<circle cx="{svg.num(px)}" cy="{svg.num(py)}" r="4"/>'
                           for px, py in points), css_class="pb-point", fill=svg.BLUE))
    body.append(svg.group((svg.label(px, py - 8, f"{score:f}")
                           for (_, score), (px, py) in zip(scores, points, strict=True)),
                          anchor="middle", size=11, weight="bold"))
    body.append(svg.group((svg.label(px, HEIGHT - BOTTOM + 16, year)
                           for (year, _), (px, _) in zip(scores, points, strict=True)),
                          anchor="middle"))
    title = f"{plan.account.name}: satisfaction score by fiscal year"
    listed = "; ".join(f"{year} {score:f}" for year, score in scores)
    desc = f"Relationship Management survey score (0-200) by fiscal year: {listed}."
    caption = desc
    if len(scores) > 1:
        change = scores[-1][1] - scores[0][1]
        direction = "up" if change > 0 else "down" if change < 0 else "unchanged"
        caption = (f"Satisfaction {direction} from {scores[0][1]:f} ({scores[0][0]}) "
                   f"to {scores[-1][1]:f} ({scores[-1][0]}) on the 0-200 scale.")
    document = svg.svg_document(svg.element_id("satisfaction"), WIDTH, HEIGHT,
                                title, desc, body, "pb-satisfaction")
    return Chart(document, caption)
