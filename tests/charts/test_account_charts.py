"""The per-account pictures: well-formed SVG that shows (and describes) the plan's data."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from generator.charts import (
    Chart,
    ar_history_chart,
    deployment_chart,
    pipeline_chart,
    relationship_map,
    satisfaction_chart,
)
from generator.model import Deployment, Plan, Stakeholder
from generator.standards.config import Standards
from tests.support.golden import assert_matches_golden

GOLDEN = Path(__file__).parent / "golden"

SVG = "{http://www.w3.org/2000/svg}"
COORDINATES = {"x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "width", "height", "points",
               "viewBox"}
ACCOUNTS = ["alpennetz-telekom", "brightwater-markets", "jinsha-bank", "kessler-suzhou",
            "meridian-revenue", "northmere-water"]

ChartFor = Callable[[Plan, Standards], Chart | None]
CHARTS: dict[str, ChartFor] = {
    "ar_history": lambda plan, _: ar_history_chart(plan),
    "pipeline": pipeline_chart,
    "satisfaction": lambda plan, _: satisfaction_chart(plan),
    "deployment": deployment_chart,
    "relationship_map": lambda plan, _: relationship_map(plan),
}


def draw(name: str, plan: Plan, standards: Standards) -> Chart:
    chart = CHARTS[name](plan, standards)
    assert chart is not None, f"{name} drew nothing for {plan.account.id}"
    return chart


def parse(chart: Chart) -> ET.Element:
    return ET.fromstring(chart.svg)


def labels(chart: Chart) -> list[str]:
    """Every visible text label of the chart."""
    return ["".join(t.itertext()) for t in parse(chart).iter(f"{SVG}text")]


def description(chart: Chart) -> str:
    desc = parse(chart).find(f"{SVG}desc")
    assert desc is not None
    return desc.text or ""


@pytest.mark.parametrize("name", list(CHARTS))
@pytest.mark.parametrize("account", ACCOUNTS)
def test_every_chart_is_an_accessible_self_contained_svg(
        name: str, account: str, sample_plans: dict[str, Plan], standards: Standards) -> None:
    chart = draw(name, sample_plans[account], standards)
    root = parse(chart)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text and sample_plans[account].account.name in title.text
    assert desc is not None and desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    # Text follows the page's colour (light, dark, print); no script, no outside request.
    assert root.get("fill") == "currentColor"
    assert not list(root.iter(f"{SVG}script"))
    assert "href" not in chart.svg and "@import" not in chart.svg
    assert "http" not in chart.svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    # Coordinates are rounded to one decimal: no per-point bloat.
    for element in root.iter():
        for name in COORDINATES & set(element.attrib):
            for number in re.findall(r"-?[\d.]+", element.attrib[name]):
                assert re.fullmatch(r"-?\d+(\.\d)?", number), (element.tag, name, number)
    assert len(chart.svg) < 8000


#: text properties a run of labels can share on their group
SHARED = ("text-anchor", "font-size", "font-weight")


@pytest.mark.parametrize("name", list(CHARTS))
@pytest.mark.parametrize("account", ACCOUNTS)
def test_what_labels_share_is_said_once(
        name: str, account: str, sample_plans: dict[str, Plan], standards: Standards) -> None:
    # Tick labels, value labels, row names: their anchor, size and weight sit on
    # their group (SVG inherits them), not on each label; grid lines are one path.
    root = parse(draw(name, sample_plans[account], standards))
    for parent in root.iter():
        run: list[ET.Element] = []
        for child in [*parent, None]:
            if child is not None and child.tag == f"{SVG}text":
                run.append(child)
                continue
            if len(run) >= 3:
                repeated = {(a, run[0].get(a)) for a in SHARED if run[0].get(a)
                            and all(t.get(a) == run[0].get(a) for t in run)}
                assert not repeated, (parent.tag, repeated)
            run = []
    grids = [e for e in root.iter() if "pb-grid" in (e.get("class") or "")]
    assert len(grids) <= 1 and all(e.tag == f"{SVG}path" for e in grids)


@pytest.mark.parametrize("account", ACCOUNTS)
def test_ar_history_names_every_fiscal_year_and_marks_the_plan_year(
        account: str, sample_plans: dict[str, Plan], standards: Standards) -> None:
    plan = sample_plans[account]
    chart = draw("ar_history", plan, standards)
    shown = labels(chart)
    for year, _ in plan.financials.addressable_revenue:
        assert any(label.startswith(year) for label in shown), year
    assert f"{plan.plan.fiscal_year} (plan year)" in shown
    assert any(label.startswith("target ") for label in shown)
    highlighted = [r for r in parse(chart).iter(f"{SVG}rect")
                   if "pb-bar-plan" in r.get("class", "")]
    assert len(highlighted) == 1


def test_ar_history_describes_the_numbers(sample_plans: dict[str, Plan],
                                          standards: Standards) -> None:
    chart = draw("ar_history", sample_plans["alpennetz-telekom"], standards)
    assert description(chart) == (
        "Addressable revenue in EUR by fiscal year: FY2025 4,100,000; FY2026 4,600,000; "
        "FY2027 (plan year) 5,300,000. Revenue target for FY2027: 5,300,000.")
    # 5,300,000 / 4,600,000 - 1 = 15.2%
    assert chart.caption == ("Revenue target FY2027: EUR 5,300,000; addressable revenue "
                             "5,300,000, up 15% on FY2026.")


@pytest.mark.parametrize("account", ACCOUNTS)
def test_pipeline_shows_every_stage_name_even_at_zero(
        account: str, sample_plans: dict[str, Plan], standards: Standards) -> None:
    chart = draw("pipeline", sample_plans[account], standards)
    shown = " ".join(labels(chart))
    for stage in ("qualify", "develop", "propose", "negotiate", "won"):
        assert re.search(rf"\b{stage} [\d.]+[KMB]?\b", shown), stage
        assert stage in description(chart).lower()
    assert "Remaining gap" in shown


def test_pipeline_counts_only_the_plan_year_against_the_gap(
        sample_plans: dict[str, Plan], standards: Standards) -> None:
    chart = draw("pipeline", sample_plans["alpennetz-telekom"], standards)
    # Open in FY2027: negotiate 3,200,000 + propose 1,450,000 = 4,650,000; the EA
    # renewal (4,100,000) closes 2027-09-15, in FY2028. Gap: 5,300,000 - 1,750,000.
    text = description(chart)
    assert "qualify 0; develop 0; propose 1,450,000; negotiate 3,200,000" in text
    assert "open total 4,650,000" in text
    assert "Won closing in FY2027: 1,750,000" in text
    assert "Remaining gap to the revenue target: 3,550,000" in text
    # 1.25 x 3,550,000 = 4,437,500
    assert "asks for 4,437,500" in text
    assert "1 open opportunities worth 4,100,000 closing outside FY2027" in text
    assert chart.caption.startswith("Open pipeline closing in FY2027: EUR 4,650,000 against "
                                    "a remaining gap of 3,550,000 (coverage 1.31x")


@pytest.mark.parametrize("account", ACCOUNTS)
def test_deployment_names_every_product_and_the_standard(
        account: str, sample_plans: dict[str, Plan], standards: Standards) -> None:
    plan = sample_plans[account]
    chart = draw("deployment", plan, standards)
    shown = labels(chart)
    for item in plan.deployment:
        assert item.product in shown
    assert "standard 60%" in shown


def test_deployment_marks_products_under_the_standard(
        sample_plans: dict[str, Plan], standards: Standards) -> None:
    chart = draw("deployment", sample_plans["northmere-water"], standards)
    # Dynamics 365 Field Service: 410 / 900 = 45.6%, under 60%.
    assert "410 of 900 (46%), under standard" in labels(chart)
    assert chart.caption == ("1 of 3 products under the 60% deployment standard: "
                             "Dynamics 365 Field Service.")
    under = [r for r in parse(chart).iter(f"{SVG}rect") if "pb-below" in r.get("class", "")]
    assert len(under) == 1


def test_deployment_without_entitlement_says_so(sample_plans: dict[str, Plan],
                                                standards: Standards) -> None:
    plan = dataclasses.replace(sample_plans["jinsha-bank"], deployment=(
        Deployment(product="Trial seats", entitled=Decimal(0), deployed=Decimal(5)),))
    chart = draw("deployment", plan, standards)
    assert "5 deployed, nothing entitled" in labels(chart)


@pytest.mark.parametrize("account", ACCOUNTS)
def test_satisfaction_shows_each_year_and_score(
        account: str, sample_plans: dict[str, Plan], standards: Standards) -> None:
    plan = sample_plans[account]
    chart = draw("satisfaction", plan, standards)
    shown = labels(chart)
    for year, score in plan.satisfaction:
        assert year in shown and f"{score:f}" in shown
    # The survey's own 0-200 scale.
    assert "0" in shown and "200" in shown


@pytest.mark.parametrize("account", ACCOUNTS)
def test_relationship_map_names_every_stakeholder_and_our_contact(
        account: str, sample_plans: dict[str, Plan], standards: Standards) -> None:
    plan = sample_plans[account]
    chart = draw("relationship_map", plan, standards)
    shown = labels(chart)
    for person in plan.stakeholders:
        name = f"{person.name} ({person.local_name})" if person.local_name else person.name
        assert name in shown
        assert f"our contact: {person.our_contact}" in shown
        assert person.name in description(chart)
    # One arrow per resolvable reports_to.
    names = {p.name for p in plan.stakeholders}
    expected = sum(1 for p in plan.stakeholders if p.reports_to in names)
    assert len(list(parse(chart).iter(f"{SVG}polyline"))) == expected


def nodes(root: ET.Element) -> list[ET.Element]:
    """The relationship map's people: one group (`pb-node`) each."""
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == "pb-node"]


def test_relationship_map_puts_levels_top_down(sample_plans: dict[str, Plan],
                                              standards: Standards) -> None:
    chart = draw("relationship_map", sample_plans["meridian-revenue"], standards)
    rows = [label for label in labels(chart)
            if label in ("Executive", "CIO", "LOB director", "Director", "Manager", "Technical")]
    assert rows == ["Executive", "CIO", "LOB director", "Manager"]
    tops = {}
    for group in nodes(parse(chart)):
        name = "".join(next(group.iter(f"{SVG}text")).itertext())
        tops[name] = float(group.findall(f"{SVG}rect")[0].get("y", "0"))
    assert tops["Angela Ruiz"] < tops["Kevin Osei"] < tops["Janet Liu"] < tops["Tom Becker"]
    assert tops["Janet Liu"] == tops["Robert Haines"]


def test_relationship_map_stance_is_in_words_not_only_colour(
        sample_plans: dict[str, Plan], standards: Standards) -> None:
    chart = draw("relationship_map", sample_plans["alpennetz-telekom"], standards)
    assert "champion · strong" in labels(chart)
    assert "skeptic · weak" in labels(chart)


def test_hostile_stakeholder_names_stay_text(sample_plans: dict[str, Plan],
                                            standards: Standards) -> None:
    hostile = '<script>alert("x")</script>'
    plan = sample_plans["kessler-suzhou"]
    people = (
        Stakeholder(name=hostile, title="CIO & <b>boss</b>", level="cio", local_name="'\"&",
                    stance="champion", our_contact="Li </text> Wei\x01"),
        Stakeholder(name="Ma Lin", title="Director", level="director", reports_to=hostile),
    )
    plan = dataclasses.replace(
        plan, stakeholders=people,
        account=dataclasses.replace(plan.account, name="Evil <svg onload=alert(1)> Co"))
    chart = draw("relationship_map", plan, standards)
    root = parse(chart)  # still well-formed XML
    assert not list(root.iter(f"{SVG}script"))
    assert not [el for el in root.iter() if any(k.startswith("on") for k in el.attrib)]
    assert f"{hostile} ('\"&)" in labels(chart)
    assert "our contact: Li </text> Wei" in labels(chart)
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "Evil <svg onload=alert(1)> Co: relationship map"
    assert len(list(root.iter(f"{SVG}polyline"))) == 1  # Ma Lin reports to the hostile name
    assert "<script>" not in chart.svg and "&lt;script&gt;" in chart.svg
    figure = chart.figure()
    assert "<svg onload" not in figure


@pytest.mark.parametrize("name", list(CHARTS))
def test_hostile_account_name_in_every_chart(name: str, sample_plans: dict[str, Plan],
                                             standards: Standards) -> None:
    plan = sample_plans["alpennetz-telekom"]
    plan = dataclasses.replace(
        plan, account=dataclasses.replace(plan.account, name='A&B "<script>" \x0b Ltd'))
    chart = draw(name, plan, standards)
    title = parse(chart).find(f"{SVG}title")
    assert title is not None and title.text is not None
    assert title.text.startswith('A&B "<script>"  Ltd')


def test_nothing_to_draw_gives_none(sample_plans: dict[str, Plan], standards: Standards) -> None:
    plan = dataclasses.replace(sample_plans["brightwater-markets"], stakeholders=(),
                               deployment=(), satisfaction=())
    assert relationship_map(plan) is None
    assert deployment_chart(plan, standards) is None
    assert satisfaction_chart(plan) is None


def test_figure_is_kept_out_of_the_search_index(sample_plans: dict[str, Plan],
                                               standards: Standards) -> None:
    chart = draw("satisfaction", sample_plans["jinsha-bank"], standards)
    figure = str(chart)
    assert figure.startswith('<figure class="planbook-chart" data-search-exclude>')
    assert figure.endswith(f"<figcaption>{chart.caption}</figcaption></figure>")
    assert "\n" not in figure  # one line: a Markdown raw-HTML block with no blank line
    assert chart.caption == "Satisfaction up from 118 (FY2025) to 132 (FY2026) on the 0-200 scale."


@pytest.mark.parametrize("name", list(CHARTS))
def test_chart_matches_its_golden_file(name: str, sample_plans: dict[str, Plan],
                                       standards: Standards) -> None:
    """Same plan, same drawing: the SVG is reviewed once and kept (no clock, no randomness)."""
    chart = draw(name, sample_plans["northmere-water"], standards)
    assert_matches_golden(chart.figure() + "\n", GOLDEN / f"northmere-water-{name}.html")


def test_crowded_level_wraps_instead_of_shrinking(sample_plans: dict[str, Plan],
                                                  standards: Standards) -> None:
    directors = tuple(
        Stakeholder(name=f"Director Number {n}", title="Director", level="director",
                    stance="neutral", our_contact="Li Wei", reports_to="Chief")
        for n in range(9))
    chief = Stakeholder(name="Chief", title="CEO", level="executive", stance="supporter")
    plan = dataclasses.replace(sample_plans["jinsha-bank"], stakeholders=(chief, *directors))
    chart = draw("relationship_map", plan, standards)
    root = parse(chart)
    assert float(root.get("width", "0")) <= 860  # readable at the page's width
    shown = labels(chart)
    assert shown.count("Director") == 1  # the level is named once, on its first line
    for person in directors:
        assert person.name in shown
    tops = {float(g.findall(f"{SVG}rect")[0].get("y", "0")) for g in nodes(root)}
    assert len(tops) >= 3  # the executive line and at least two director lines
    assert len(list(root.iter(f"{SVG}polyline"))) == 9
