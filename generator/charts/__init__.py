"""Pictures for the plan pages and the portfolio, drawn at build time as inline SVG.

One module per picture; `svg` holds the shared scales, labels and escaping,
`figure.Chart` wraps a drawing for a Markdown page. Each function returns a
`Chart` (or None when the plan has nothing to draw): `str(chart)` is the
`<figure>` block to place in the page.
"""

from generator.charts.ar_history import ar_history_chart
from generator.charts.deployment import deployment_chart
from generator.charts.figure import Chart
from generator.charts.pipeline import pipeline_chart
from generator.charts.pipeline_gap import pipeline_gap_chart
from generator.charts.plan_age import plan_age_chart
from generator.charts.relationship_map import relationship_map
from generator.charts.satisfaction import satisfaction_chart
from generator.charts.svg import CHART_CSS

__all__ = [
    "CHART_CSS",
    "Chart",
    "ar_history_chart",
    "deployment_chart",
    "pipeline_chart",
    "pipeline_gap_chart",
    "plan_age_chart",
    "relationship_map",
    "satisfaction_chart",
]
