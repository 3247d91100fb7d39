"""Shared drawing kit for the charts: escaping, scales, number labels, the frame.

Every chart is an inline SVG string drawn at build time: no JavaScript, no
outside request, no web font. Text and axes use `currentColor`, so a chart
follows the page's light or dark palette and prints black; fills are
mid-tone colours that read on white and on Material's dark slate alike. Each
shape that carries colour also carries a class (`pb-…`), so a site stylesheet
(`CHART_CSS`) can retune the palette without touching the drawing.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from xml.sax.saxutils import escape

# Mid-tone colours (Tableau 10): readable against white and against #1e2129.
BLUE = "#4e79a7"
ORANGE = "#f28e2b"
RED = "#e15759"
TEAL = "#76b7b2"
GREEN = "#59a14f"
PURPLE = "#b07aa1"
GREY = "#bab0ac"

FONT_SIZE = 12

#: Optional site stylesheet: figure spacing, caption style, print tweaks, and
#: the colour of the heatmap and whitespace symbols (their shape carries the meaning).
CHART_CSS = """\
.planbook-chart { margin: 1.2em 0; }
.planbook-chart svg { display: block; max-width: 100%; height: auto; }
.planbook-chart figcaption { font-size: .8em; opacity: .8; text-align: left; }
@media print { .planbook-chart { break-inside: avoid; } }
.pb-heat-error { color: #e15759; }
.pb-heat-warning { color: #f28e2b; }
.pb-ws-deployed { color: #59a14f; }
"""

# Characters XML 1.0 forbids; YAML escapes ("\\x01") can put them in a name.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def text(value: object) -> str:
    """Plan text made safe as SVG character data."""
    return escape(_XML_ILLEGAL.sub("", str(value)))


def num(value: float) -> str:
    """A coordinate rounded to one decimal, without a trailing `.0`."""
    rounded = f"{round(value, 1):.1f}"
    if rounded == "-0.0":
        return "0"
    return rounded[:-2] if rounded.endswith(".0") else rounded


def text_width(label: str, size: float = FONT_SIZE) -> float:
    """Rough rendered width: wide (CJK) characters take 1em, others about 0.6em."""
    width = 0.0
    for char in label:
        width += 1.0 if unicodedata.east_asian_width(char) in ("W", "F") else 0.6
    return width * size


def compact(amount: Decimal | float) -> str:
    """Short amount for a chart label: 5300000 → 5.3M, 850000 → 850K, 42 → 42."""
    value = Decimal(str(amount))
    sign = "-" if value < 0 else ""
    value = abs(value)
    for threshold, suffix in ((Decimal("1e9"), "B"), (Decimal("1e6"), "M"), (Decimal("1e3"), "K")):
        if value >= threshold:
            scaled = (value / threshold).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            shown = f"{scaled:f}".removesuffix(".0")
            return f"{sign}{shown}{suffix}"
    return f"{sign}{value.quantize(Decimal(1), rounding=ROUND_HALF_UP):f}"


def grouped(amount: Decimal | float) -> str:
    """Whole amount with thousands separators, for text alternatives: 5,300,000."""
    value = Decimal(str(amount)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{value:,f}"


def percent(ratio: Decimal | float) -> str:
    """0.455 → 46%."""
    value = (Decimal(str(ratio)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{value:f}%"


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 x 10^k at or above `value` (axis maximum)."""
    if value <= 0:
        return 1.0
    magnitude = 10.0 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= value * (1 - 1e-9):
            return step * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


@dataclass(frozen=True)
class Scale:
    """Linear map from data (0 … maximum) to drawing units (start … end)."""

    maximum: float
    start: float
    end: float

    def __call__(self, value: Decimal | float) -> float:
        if self.maximum <= 0:
            return self.start
        return self.start + (float(value) / self.maximum) * (self.end - self.start)

    def ticks(self) -> list[float]:
        """Round tick values from 0 to the maximum (a `nice_ceiling`)."""
        if self.maximum <= 0:
            return [0.0]
        leading = self.maximum / 10.0 ** math.floor(math.log10(self.maximum))
        # 2.5 and 5 split into fifths (0.5, 1); 1 and 2 into quarters (0.25, 0.5).
        count = 5 if round(leading, 6) in (2.5, 5.0) else 4
        return [self.maximum * i / count for i in range(count + 1)]


def element_id(*parts: str) -> str:
    """An id safe in HTML and unique per chart: `pb-ar-alpennetz-telekom`."""
    raw = "-".join(("pb", *parts))
    return re.sub(r"[^A-Za-z0-9_-]", "-", raw)


def svg_document(chart_id: str, width: float, height: float, title: str, desc: str,
                 body: Iterable[str], css_class: str) -> str:
    """The chart's root: size, accessible name and description, then the shapes."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pb-chart {css_class}" role="img" '
        f'viewBox="0 0 {num(width)} {num(height)}" width="{num(width)}" height="{num(height)}" '
        # An inline SVG takes the page's font as it is (font-family is inherited).
        f'aria-labelledby="{chart_id}-t {chart_id}-d" fill="currentColor" '
        f'font-size="{FONT_SIZE}">'
        f'<title id="{chart_id}-t">{text(title)}</title>'
        f'<desc id="{chart_id}-d">{text(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _text_properties(anchor: str, size: float | None, weight: str | None) -> str:
    """Text attributes that differ from SVG's defaults (start, inherited size and weight)."""
    written = f' text-anchor="{anchor}"' if anchor != "start" else ""
    if size is not None:
        written += f' font-size="{num(size)}"'
    if weight is not None:
        written += f' font-weight="{weight}"'
    return written


def label(x: float, y: float, content: str, *, anchor: str = "start", size: float | None = None,
          weight: str | None = None, css_class: str | None = None) -> str:
    """A text label in the page's colour; `content` is escaped here."""
    extra = _text_properties(anchor, size, weight)
    if css_class is not None:
        extra += f' class="{css_class}"'
    return f'<text x="{num(x)}" y="{num(y)}"{extra}>{text(content)}</text>'


def rect(x: float, y: float, width: float, height: float, fill: str, css_class: str,
         extra: str = "") -> str:
    return (f'<rect class="{css_class}" x="{num(x)}" y="{num(y)}" width="{num(max(width, 0))}" '
            f'height="{num(max(height, 0))}" fill="{fill}"{extra}/>')


def line(x1: float, y1: float, x2: float, y2: float, css_class: str, *, dashed: bool = False,
         opacity: float = 1.0, stroke: str = "currentColor", width: float = 1) -> str:
    dash = ' stroke-dasharray="4 3"' if dashed else ""
    faint = f' stroke-opacity="{opacity:g}"' if opacity < 1 else ""
    wide = f' stroke-width="{width:g}"' if width != 1 else ""  # 1 is SVG's default
    return (f'<line class="{css_class}" x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" '
            f'y2="{num(y2)}" stroke="{stroke}"{wide}{dash}{faint}/>')


def grid(ys: Iterable[float], left: float, right: float) -> str:
    """Faint horizontal grid lines at `ys`, as one path: one element, not one per tick."""
    d = "".join(f"M{num(left)} {num(y)}H{num(right)}" for y in ys)
    return f'<path class="pb-grid" d="{d}" stroke="currentColor" stroke-opacity="0.2"/>'


def group(parts: Iterable[str], *, anchor: str = "start", size: float | None = None,
          weight: str | None = None, css_class: str | None = None,
          fill: str | None = None) -> str:
    """Labels (or shapes) that share an anchor, a size, a weight or a fill, said once
    on a `<g>`.

    SVG's text properties are inherited, so the labels inside carry only their
    place and text: a chart's tick labels and value labels are written without
    repeating the same three attributes on each.
    """
    shared = f' class="{css_class}"' if css_class is not None else ""
    shared += _text_properties(anchor, size, weight)
    if fill is not None:
        shared += f' fill="{fill}"'
    return f"<g{shared}>{''.join(parts)}</g>"


def swatch(x: float, y: float, fill: str, css_class: str, caption: str) -> str:
    """A legend entry: a small square and its caption, baseline at `y`."""
    return rect(x, y - 9, 10, 10, fill, css_class) + label(x + 14, y, caption)
