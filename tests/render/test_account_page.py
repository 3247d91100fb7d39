"""The account page: every value of the plan, its scorecard, anchors and front matter."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.checker import check_paths
from generator.render import render_pages
from generator.render.escape import plain
from generator.render.filters import flatten, number
from generator.standards.config import Standards
from tests.support import AS_OF, EXAMPLE_DIR
from tests.support.markdown_html import (
    audit,
    charts,
    page_text,
    split_front_matter,
    to_html,
    without_charts,
)

GOLDEN = Path(__file__).parent / "golden" / "jinghua-grid.md"


def test_matches_the_golden_page(example_page: str) -> None:
    if os.environ.get("PLANBOOK_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(example_page, encoding="utf-8", newline="\n")
    assert example_page == GOLDEN.read_text(encoding="utf-8"), (
        "the account page changed; if that is intended, run "
        "PLANBOOK_UPDATE_GOLDEN=1 pytest tests/render and review the diff")


Path_ = tuple[str | int, ...]


def _scalars(value: Any, path: Path_ = ()) -> list[tuple[Path_, Any]]:
    if isinstance(value, dict):
        found = []
        for key, item in value.items():
            found.append(((*path, key), ("key", key)))
            found += _scalars(item, (*path, key))
        return found
    if isinstance(value, list):
        return [s for index, item in enumerate(value) for s in _scalars(item, (*path, index))]
    return [(path, value)]


def _as_shown(path: Path_, value: Any) -> str:
    """How the page writes a value from the plan file."""
    if isinstance(value, tuple):  # a mapping key
        return str(value[1])
    if any(isinstance(step, str) and step.startswith("x_") for step in path):
        return flatten(value)  # an organisation's own field, shown as written
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        if path[-1] == "probability":
            return f"{number(Decimal(str(value)) * 100)}%"
        return str(number(value))
    return plain(value)


def _plan_data() -> dict[str, Any]:
    data = yaml.safe_load((EXAMPLE_DIR / "jinghua-grid.yaml").read_text("utf-8"))
    assert isinstance(data, dict)
    return data


# Section keys are the page's own headings, written for readers.
_SECTION_KEYS = {
    "format", "account", "plan", "team", "currency", "financials", "customer_priorities",
    "conditions_of_satisfaction", "stakeholders", "agreements", "deployment",
    "opportunities", "competitors", "partners", "satisfaction", "engagements", "actions",
    "waivers", "addressable_revenue",
}


def _lost(data: dict[str, Any], page: str) -> list[tuple[Path_, str]]:
    """Values of the plan that the page's text and tables do not show.

    The charts are taken out first: every value must be on the page as text,
    not only inside a picture.
    """
    text = page_text(without_charts(page))
    missing = []
    for path, value in _scalars(data):
        if isinstance(value, tuple) and not str(value[1]).startswith(("FY", "x_")):
            continue  # a key: only FY labels and own (x_) keys are data
        shown = _as_shown(path, value)
        if shown not in text:
            missing.append((path, shown))
    return missing


def test_nothing_in_the_plan_is_lost(example_page: str) -> None:
    assert _lost(_plan_data(), example_page) == []


def _own_fields_everywhere(data: dict[str, Any]) -> dict[str, Any]:
    """The plan with x_ keys in every object, including the year maps."""
    data["account"]["x_crm_id"] = "ACC-0048213"
    data["account"]["parent"] = {"name": "State Grid Group", "global_account_manager": "Anna Roth",
                                 "x_duns": "544-1234"}
    data["plan"]["x_template"] = "v2"
    data["team"][0]["x_employee"] = 4711
    data["financials"]["x_budget_cycle"] = "calendar"
    data["financials"]["addressable_revenue"]["x_source"] = "CRM forecast, Q3 refresh"
    data["financials"]["addressable_revenue"]["x_confidence"] = {"FY2027": "medium",
                                                                  "method": "bottom-up"}
    data["satisfaction"]["x_survey"] = "Relationship Management survey, wave 3"
    data["satisfaction"]["x_respondents"] = [12, 15]
    for section in ("customer_priorities", "conditions_of_satisfaction", "stakeholders",
                    "agreements", "deployment", "opportunities", "competitors", "partners",
                    "engagements", "actions", "waivers"):
        data[section][0][f"x_{section}_note"] = f"own note on {section}"
    data["x_reviewed_in_crm"] = dt.date(2026, 11, 20)
    return data


def test_nothing_is_lost_with_own_fields_everywhere(example_copy: Path,
                                                    standards: Standards) -> None:
    data = _own_fields_everywhere(_plan_data())
    example_copy.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    run = check_paths([example_copy.parent], standards, AS_OF)
    assert run.plans[0].plan is not None, run.result.findings
    page = render_pages(run, standards, AS_OF)["accounts/jinghua-grid.md"]
    assert _lost(data, page) == []


def test_own_fields_of_the_year_maps_sit_beside_their_tables(example_copy: Path,
                                                              standards: Standards) -> None:
    data = _own_fields_everywhere(_plan_data())
    example_copy.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    run = check_paths([example_copy.parent], standards, AS_OF)
    page = render_pages(run, standards, AS_OF)["accounts/jinghua-grid.md"]
    revenue = _section(page, "### Addressable revenue by fiscal year")
    assert ("<div><dt><code>x_source</code></dt><dd>CRM forecast, Q3 refresh</dd></div>"
            in revenue)
    assert ("<div><dt><code>x_confidence</code></dt><dd>FY2027: medium; method: bottom-up"
            "</dd></div>") in revenue
    satisfaction = _section(page, "## Satisfaction")
    assert ("<div><dt><code>x_survey</code></dt><dd>Relationship Management survey, wave 3"
            "</dd></div>") in satisfaction
    assert "<div><dt><code>x_respondents</code></dt><dd>12, 15</dd></div>" in satisfaction
    # The year tables themselves hold only fiscal years; own fields follow as a list.
    assert "x_source" not in revenue.split('<dl class="planbook-fields"')[0]
    assert "x_survey" not in satisfaction.split('<dl class="planbook-fields"')[0]


def _section(page: str, heading: str) -> str:
    """A page's text from `heading` to the next heading of the same or a higher level."""
    level = heading.split(" ")[0]
    after = page.split(heading, 1)[1]
    ends = [after.find(f"\n{'#' * size} ") for size in range(1, len(level) + 1)]
    found = [end for end in ends if end >= 0]
    return after[:min(found)] if found else after


@pytest.mark.parametrize("heading, chart_class", [
    ("### Addressable revenue by fiscal year", "pb-ar-history"),
    ("## Deployment", "pb-deployment"),
    ("## Opportunities", "pb-pipeline"),
    ("## Satisfaction", "pb-satisfaction"),
])
def test_each_chart_sits_in_its_section_after_its_table(example_page: str, heading: str,
                                                        chart_class: str) -> None:
    section = _section(example_page, heading)
    [chart] = charts(section)
    assert f'class="pb-chart {chart_class}"' in chart
    lines = section.split("\n")
    at = lines.index(chart)
    # A raw HTML block of its own, set apart by blank lines, after the table.
    assert lines[at - 1] == "" and lines[at + 1] == ""
    assert lines[at - 2] == "</table>"


def test_the_relationship_map_follows_the_brief(example_page: str) -> None:
    section = _section(example_page, "## Relationship map")
    [chart] = charts(section)
    assert 'class="pb-chart pb-relationship-map"' in chart
    # Before the records: the brief, then the map, then the summary and details.
    assert example_page.index("## Relationship map") < example_page.index("## Summary")
    assert example_page.index('<div class="planbook-brief">') < example_page.index(
        "## Relationship map")


def test_the_charts_reach_the_reader_as_inline_svg(example_page: str) -> None:
    html = to_html(example_page)
    assert html.count("<svg ") == 5
    assert html.count('<figure class="planbook-chart" data-search-exclude>') == 5
    assert html.count("<figcaption>") == 5
    found = audit(html)
    assert found.event_handlers() == [] and found.script_urls() == []
    assert "Revenue target FY2027: CNY 29,000,000; addressable revenue 29,000,000" in found.text
    assert "3 stakeholders across 3 levels" in found.text


def test_a_plan_without_the_data_gets_no_empty_chart(example_copy: Path,
                                                     standards: Standards) -> None:
    data = _plan_data()
    for section in ("stakeholders", "deployment", "opportunities", "satisfaction"):
        data.pop(section)
    example_copy.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    run = check_paths([example_copy.parent], standards, AS_OF)
    assert run.plans[0].plan is not None
    page = render_pages(run, standards, AS_OF)["accounts/jinghua-grid.md"]
    assert [c.split('class="pb-chart ')[1].split('"')[0] for c in charts(page)] == [
        "pb-ar-history"]
    assert "No stakeholders recorded." in page and "No opportunities recorded." in page


def test_chinese_text_appears_verbatim(example_page: str) -> None:
    assert "京华电网有限公司" in example_page
    assert "<td>张明</td>" in example_page
    assert "京华电网有限公司" in page_text(example_page)


def test_amounts_show_plan_currency_and_converted(example_page: str) -> None:
    text = page_text(example_page)
    assert "Long-term potential USD 6,720,000 (CNY 48,000,000)" in text
    assert "FY2027 (plan year) CNY 29,000,000 USD 4,060,000 +16.9%" in text
    assert "FY2026 CNY 24,800,000 USD 3,472,000 +15.3%" in text


def test_agreement_shows_days_to_renewal(example_page: str) -> None:
    assert "ea-2024 EA 2024-07-01 2027-06-30 in 215 days CNY 18,000,000" in page_text(
        example_page)


def test_deployment_shows_ratio(example_page: str) -> None:
    text = page_text(example_page)
    assert "Windows Enterprise 42,000 21,000 50.0% act-win-rollout" in text
    assert "Microsoft 365 E3 42,000 37,500 89.3%" in text


def test_items_carry_anchors_and_references_link_to_them(example_page: str) -> None:
    found = audit(to_html(example_page))
    for anchor in ("opp-ea-renewal", "opp-dispatch-analytics", "cos-analytics", "cos-cost",
                   "pri-dispatch", "ea-2024", "act-tco", "zhang-ming", "neusoft",
                   "azure-monetary-commitment", "scorecard", "summary"):
        assert anchor in found.ids
    assert len(found.ids) == len(set(found.ids))
    local = {link[1:] for link in found.links if link.startswith("#")}
    assert local <= set(found.ids)
    assert "#opp-ea-renewal" in found.links  # the EA's renewal opportunity


def test_scorecard_shows_the_waived_finding_with_its_waiver(example_page: str) -> None:
    text = page_text(example_page)
    assert "Quality scorecard: meets every standard" in text
    assert "1 finding waived." in text
    assert ("warning (waived) deployment Azure Monetary Commitment 131 "
            "Azure Monetary Commitment is 25% deployed") in text
    assert ("Consumption ramps when dispatch analytics goes live in Q3 FY2027. "
            "Approved by Zhou Min, expires 2027-03-31.") in text
    assert ('<a href="../standards/index.html#deployment"><code>deployment</code></a>'
            in example_page)


def test_scorecard_is_excluded_from_search(example_page: str) -> None:
    found = audit(to_html(example_page))
    assert ("h2", "data-search-exclude", None) in found.attributes


def test_front_matter_has_title_tags_and_description(example_page: str) -> None:
    _, meta = split_front_matter(example_page)
    assert meta["title"] == "Jinghua Power Grid Co., Ltd."
    assert meta["tags"] == ["mature", "China North", "Power &amp; Utilities",
                            "smart-grid", "state-owned"]
    assert "FY2027 account plan" in meta["description"]


def test_summary_is_embedded_as_html(example_page: str) -> None:
    html = to_html(example_page)
    assert '<div class="planbook-summary" markdown="0">\n<p>Jinghua is modernising' in html




def _with_own_fields(text: str) -> str:
    text = text.replace("account:\n", "account:\n  x_crm_id: ACC-0048213\n"
                        "  x_segments: [grid, \"metering & billing\"]\n", 1)
    text = text.replace("    name: EA renewal FY2028\n",
                        "    name: EA renewal FY2028\n    x_forecast_category: commit\n"
                        "    x_history: {2025: lost, notes: [late, \"over budget\"]}\n", 1)
    text = text.replace("  - name: Neusoft\n", "  - name: Neusoft\n    x_tier: gold\n", 1)
    text = text.replace("  - {name: Li Wei, role: Account Manager, email: li.wei@example.com}",
                        "  - {name: Li Wei, role: Account Manager, email: li.wei@example.com,"
                        " x_employee: 4711}", 1)
    return text + "x_reviewed_in_crm: 2026-11-20\nx_board: {sponsor: 张明, since: 2024}\n"


def test_own_fields_are_shown_next_to_their_object(example_copy: Path,
                                                   standards: Standards) -> None:
    example_copy.write_text(_with_own_fields(example_copy.read_text("utf-8")), "utf-8")
    run = check_paths([example_copy.parent], standards, AS_OF)
    assert run.plans[0].plan is not None, run.result.findings
    page = render_pages(run, standards, AS_OF)["accounts/jinghua-grid.md"]
    text = page_text(page)
    assert "x_crm_id ACC-0048213" in text
    assert "x_segments grid, metering & billing" in text
    assert "x_forecast_category commit" in text
    assert "x_history 2025: lost; notes: (late, over budget)" in text
    assert "Neusoft Analytics implementation x_tier: gold" in text
    assert "x_employee: 4711" in text
    assert "x_reviewed_in_crm 2026-11-20" in text
    assert "x_board sponsor: 张明; since: 2024" in text
    # Each opportunity field sits in that opportunity's own table.
    renewal = page.split("{ #opp-ea-renewal }")[1].split("###")[0]
    assert "<code>x_forecast_category</code>" in renewal


@pytest.mark.parametrize("section, empty", [
    ("agreements", "No agreements recorded."),
    ("competitors", "No competitors recorded."),
    ("engagements", "No engagements recorded."),
    ("waivers", "No waivers recorded."),
    ("customer_priorities", "No customer priorities recorded."),
])
def test_empty_sections_say_so(example_copy: Path, standards: Standards,
                               section: str, empty: str) -> None:
    data = yaml.safe_load(example_copy.read_text("utf-8"))
    del data[section]
    example_copy.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    run = check_paths([example_copy.parent], standards, AS_OF)
    page = render_pages(run, standards, AS_OF)["accounts/jinghua-grid.md"]
    assert empty in page


def test_findings_link_to_their_rule_and_item(example_copy: Path,
                                              standards: Standards) -> None:
    text = example_copy.read_text("utf-8").replace("close: 2027-03-31", "close: 2026-11-01")
    example_copy.write_text(text, "utf-8")
    run = check_paths([example_copy.parent], standards, AS_OF)
    page = render_pages(run, standards, AS_OF)["accounts/jinghua-grid.md"]
    assert '!!! failure "Quality scorecard: 1 error, 0 warnings"' in page
    row = next(line for line in page.splitlines() if "<code>close-date</code>" in line)
    assert 'href="../standards/index.html#close-date"' in row
    assert 'href="#opp-dispatch-analytics"' in row


def test_rendering_is_deterministic(example_run: Any, standards: Standards,
                                    example_pages: dict[str, str]) -> None:
    again = render_pages(check_paths([EXAMPLE_DIR], standards, AS_OF), standards, AS_OF)
    assert again == example_pages
    assert list(again) == sorted(again)


def test_amounts_align_right_by_the_cell_not_a_style(example_page: str) -> None:
    # `align` (which the theme honours) is half the bytes of a style attribute,
    # written on every amount of every table of the page.
    assert 'align="right"' in example_page
    assert "text-align" not in example_page
