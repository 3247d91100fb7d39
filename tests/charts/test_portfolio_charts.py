"""The portfolio pictures: pipeline against gap by group, and plan age."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from generator.charts import pipeline_gap_chart, plan_age_chart
from generator.model import Plan
from generator.portfolio import pipeline_rollup, plan_freshness
from generator.standards.config import Standards

AS_OF = dt.date(2026, 11, 27)

SVG = "{http://www.w3.org/2000/svg}"


def labels(svg_text: str) -> list[str]:
    return ["".join(t.itertext()) for t in ET.fromstring(svg_text).iter(f"{SVG}text")]


def test_pipeline_gap_by_owner_names_each_owner_and_coverage(
        sample_plans: dict[str, Plan], standards: Standards) -> None:
    rollup = pipeline_rollup(sample_plans.values(), standards, AS_OF, "owner")
    chart = pipeline_gap_chart(rollup)
    assert chart is not None
    shown = labels(chart.svg)
    for owner in ("Chen Jing", "Daniel Moreau", "Marcus Bell", "Priya Natarajan"):
        assert owner in shown
    # Priya Natarajan: 680,000 pipeline / 680,000 gap = 1.00, under 1.25.
    assert "coverage 1.00x (under)" in shown
    assert "coverage 2.30x" in shown  # Marcus Bell: 2,140,000 / 930,000
    assert chart.caption == "1 of 4 under the 1.25x coverage standard: Priya Natarajan."
    root = ET.fromstring(chart.svg)
    assert root.get("role") == "img"
    desc = root.find(f"{SVG}desc")
    assert desc is not None
    assert "Daniel Moreau: pipeline 7,854,100, gap 5,904,100" in (desc.text or "")


def test_pipeline_gap_without_groups_draws_nothing(standards: Standards) -> None:
    assert pipeline_gap_chart(pipeline_rollup([], standards, AS_OF, "region")) is None


def test_plan_age_lists_stalest_first_with_the_standard(
        sample_plans: dict[str, Plan], standards: Standards) -> None:
    chart = plan_age_chart(plan_freshness(sample_plans.values(), standards, AS_OF))
    assert chart is not None
    shown = labels(chart.svg)
    names = [label for label in shown if label in {p.account.name for p in sample_plans.values()}]
    assert names[0] == "Northmere Water Services plc"  # reviewed 2026-09-17: 71 days
    assert names[-1] == "AlpenNetz Telekom AG"  # reviewed 2026-11-20: 7 days
    assert "standard: 90 days" in shown
    assert chart.caption == "All 6 plans reviewed within 90 days."
