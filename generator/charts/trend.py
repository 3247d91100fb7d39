"""A figure over time, from the plan's history: a step line per series.

A plan's figure holds from one change to the next, so each series is drawn
as steps (flat until the day it changed), with a dot at each change; the
time axis is to scale, so a quiet quarter looks quiet. A dashed line marks a
reference (the required coverage) where one is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from generator.charts import svg
from generator.charts.figure import Chart

WIDTH, HEIGHT = 480.0, 170.0
LEFT, RIGHT, TOP, BOTTOM = 52.0, 16.0, 14.0, 40.0


@dataclass(frozen=True)
class Series:
    label: str
    colour: str
    points: Sequence[tuple[dt.date, Decimal]]


def trend_chart(chart_id: str, title: str, series: Sequence[Series], until: dt.date,
                shown: Callable[[Decimal], str], *, reference: Decimal | None = None,
                reference_label: str = "",
                exact: Callable[[Decimal], str] | None = None) -> Chart | None:
    """The chart; None when no series has a point.

    `shown` writes the axis labels; `exact` (default `shown`) the values in the
    description and caption, which say in words what the chart draws.
    """
    exact = exact or shown
    drawn = [s for s in series if s.points]
    if not drawn:
        return None
    first = min(p[0] for s in drawn for p in s.points)
    last = max(until, *(p[0] for s in drawn for p in s.points))
    span = max((last - first).days, 1)
    peak = max([float(v) for s in drawn for _, v in s.points]
               + ([float(reference)] if reference is not None else []))
    y = svg.Scale(svg.nice_ceiling(peak), HEIGHT - BOTTOM, TOP)

    def x(day: dt.date) -> float:
        return LEFT + (day - first).days / span * (WIDTH - LEFT - RIGHT)

    ticks = y.ticks()
    body: list[str] = [
        svg.grid((y(tick) for tick in ticks), LEFT, WIDTH - RIGHT),
        svg.group((svg.label(LEFT - 6, y(tick) + 4, shown(Decimal(str(tick)))) for tick in ticks),
                  anchor="end", size=10),
    ]
    body.append(svg.label(LEFT, HEIGHT - BOTTOM + 14, first.isoformat(), size=10))
    body.append(svg.label(WIDTH - RIGHT, HEIGHT - BOTTOM + 14, last.isoformat(),
                          anchor="end", size=10))
    if reference is not None:
        body.append(svg.line(LEFT, y(reference), WIDTH - RIGHT, y(reference), "pb-reference",
                             dashed=True, opacity=0.7))
    for s in drawn:
        steps: list[str] = []
        for index, (day, value) in enumerate(s.points):
            if index:
                steps.append(f"{svg.num(x(day))},{svg.num(y(s.points[index - 1][1]))}")
            steps.append(f"{svg.num(x(day))},{svg.num(y(value))}")
        steps.append(f"{svg.num(x(last))},{svg.num(y(s.points[-1][1]))}")
        body.append(f'<polyline class="pb-line" points="{" ".join(steps)}" fill="none" '
                    f'stroke="{s.colour}" stroke-width="2"/>')
        body += [f'<circle class="pb-point" cx="{svg.num(x(d))}" cy="{svg.num(y(v))}" r="3" '
                 f'fill="{s.colour}"/>' for d, v in s.points]
    legend_x = LEFT
    for s in drawn:
        body.append(svg.swatch(legend_x, HEIGHT - 8, s.colour, "pb-swatch", s.label))
        legend_x += 24 + svg.text_width(s.label, svg.FONT_SIZE)
    if reference is not None and reference_label:
        body.append(svg.label(WIDTH - RIGHT, HEIGHT - 8, reference_label, anchor="end",
                              size=10))
    listed = "; ".join(f"{s.label}: " + ", ".join(f"{d.isoformat()} {exact(v)}"
                                                 for d, v in s.points) for s in drawn)
    desc = f"{title}, at each change. {listed}."
    caption = "; ".join(f"{s.label} {exact(s.points[0][1])} on {s.points[0][0].isoformat()}"
                        f" → {exact(s.points[-1][1])} on {s.points[-1][0].isoformat()}"
                        for s in drawn) + "."
    document = svg.svg_document(svg.element_id("trend", chart_id), WIDTH, HEIGHT, title, desc,
                                body, "pb-trend")
    return Chart(document, caption)
