"""Hostile text in any field of a plan is shown as text on every page, never run.

Every free-text value of the example plan is replaced by an attack, the plan
is checked for real (it stays valid: only free text changes), and every page
is rendered to HTML the way MkDocs does it. No script element, no event
handler attribute and no script URL may come out; the attack's text must.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.checker import check_paths
from generator.render import render_pages
from generator.standards.config import Standards
from tests.support import AS_OF, EXAMPLE_DIR
from tests.support.markdown_html import audit, split_front_matter, to_html, without_charts

ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    '"><svg onload=alert(1)>',
    "<a href=\"javascript:alert(1)\">x</a>",
    "x { onclick=\"alert(1)\" }",
    "![x](javascript:alert(1)) <iframe src=javascript:alert(1)>",
    "line\n\n# heading\n| a | b |\n<script>alert(1)</script>",
    "<div markdown=\"1\">[x](javascript:alert(1))</div>",
    "```\n<script>alert(1)</script>\n```",
]
# Values the schema constrains (ids, enumerations, codes): attacks there make
# the plan invalid, which the failed-plan test covers instead.
CONSTRAINED = {"id", "currency", "fiscal_year", "segment", "level", "influence", "stance",
               "relationship", "status", "stage", "type", "threat"}
SUMMARY = ("# Plan <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n"
           "[click](javascript:alert(1)) and [data](data:text/html,<script>alert(1)</script>)")


def _poison(value: Any, attacks: itertools.cycle[str], key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {k: _poison(v, attacks, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, attacks, key) for v in value]
    if isinstance(value, str) and key not in CONSTRAINED:
        return next(attacks)
    return value


def _hostile_plan() -> dict[str, Any]:
    data = yaml.safe_load((EXAMPLE_DIR / "jinghua-grid.yaml").read_text("utf-8"))
    poisoned: dict[str, Any] = _poison(data, itertools.cycle(ATTACKS))
    poisoned["plan"]["summary"] = SUMMARY
    poisoned["account"]["tags"] = ATTACKS[:4]
    poisoned["account"]["x_<img src=x onerror=alert(1)>"] = {
        "<script>alert(1)</script>": ["[x](javascript:alert(1))", {"k": "<b onmouseover=x>"}]}
    poisoned["opportunities"][0]["x_note"] = "<script>alert(1)</script>"
    poisoned["x_top"] = "<img src=x onerror=alert(1)>"
    return poisoned


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory: pytest.TempPathFactory,
                  standards: Standards) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("plans")
    (folder / "jinghua-grid.yaml").write_text(
        yaml.safe_dump(_hostile_plan(), allow_unicode=True), "utf-8")
    run = check_paths([folder], standards, AS_OF)
    assert run.plans[0].plan is not None, [f.message for f in run.result.findings]
    return render_pages(run, standards, AS_OF)


def test_every_page_was_rendered(hostile_pages: dict[str, str]) -> None:
    assert "accounts/jinghua-grid.md" in hostile_pages
    # account, home, managers, one manager, standards and the six portfolio views
    assert len(hostile_pages) == 11


PAGES = ["accounts/jinghua-grid.md", "index.md", "managers/index.md",
         "portfolio/pipeline.md", "portfolio/forecast.md", "portfolio/renewals.md",
         "portfolio/freshness.md",
         "portfolio/heatmap.md", "portfolio/whitespace.md"]


@pytest.mark.parametrize("name", PAGES)
def test_no_live_script_handler_or_script_link(hostile_pages: dict[str, str], name: str) -> None:
    html = to_html(hostile_pages[name])
    found = audit(html)
    assert "<script" not in html.lower()
    assert not {"script", "iframe", "img", "object", "embed", "b", "foreignobject",
                "animate", "set", "use", "image"} & set(found.tags)
    # The only SVG on a page is a chart of ours, one per chart figure.
    assert found.tags.count("svg") == html.count('<figure class="planbook-chart"')
    assert found.event_handlers() == []
    assert found.script_urls() == []
    # Outside the charts, plan text is escaped down to its quotes; inside an
    # SVG <text> a quote needs no escape, and the parsed audit above shows that
    # no attribute came of it.
    assert 'href="javascript:' not in without_charts(html).lower()


def _figure(html: str, chart_class: str) -> str:
    start = html.index(f'class="pb-chart {chart_class}"')
    return html[html.rindex("<figure", 0, start):html.index("</figure>", start) + 9]


@pytest.mark.parametrize("chart_class", ["pb-relationship-map", "pb-deployment",
                                         "pb-ar-history", "pb-pipeline"])
def test_hostile_names_in_a_chart_are_text(hostile_pages: dict[str, str],
                                           chart_class: str) -> None:
    figure = _figure(to_html(hostile_pages["accounts/jinghua-grid.md"]), chart_class)
    found = audit(figure)
    assert found.tags[:2] == ["figure", "svg"]
    assert not {"script", "iframe", "img", "foreignobject", "a", "div", "b"} & set(found.tags)
    assert found.event_handlers() == [] and found.script_urls() == []
    assert "<script" not in figure and "<img" not in figure


def test_hostile_stakeholder_names_show_in_the_relationship_map(
        hostile_pages: dict[str, str]) -> None:
    figure = audit(_figure(to_html(hostile_pages["accounts/jinghua-grid.md"]),
                           "pb-relationship-map"))
    for person in _hostile_plan()["stakeholders"]:
        assert " ".join(person["name"].split()) in figure.text


def test_manager_pages_are_safe(hostile_pages: dict[str, str]) -> None:
    for name, page in hostile_pages.items():
        if name.startswith("managers/"):
            found = audit(to_html(page))
            assert found.event_handlers() == [] and "script" not in found.tags


def test_attacks_are_shown_as_text(hostile_pages: dict[str, str]) -> None:
    text = audit(to_html(hostile_pages["accounts/jinghua-grid.md"])).text
    for attack in ATTACKS:
        assert " ".join(attack.split()) in text
    assert "x_<img src=x onerror=alert(1)>" in text


def test_summary_markdown_renders_without_its_html(hostile_pages: dict[str, str]) -> None:
    html = to_html(hostile_pages["accounts/jinghua-grid.md"])
    summary = html.split('<div class="planbook-summary" markdown="0">')[1].split("</div>")[0]
    assert "<h3>Plan &lt;script&gt;alert(1)&lt;/script&gt;</h3>" in summary
    assert "&lt;img src=x onerror=alert(1)&gt;" in summary
    assert "<a " not in summary  # both links used refused schemes


def test_front_matter_is_escaped_for_themes_that_print_it_raw(
        hostile_pages: dict[str, str]) -> None:
    _, meta = split_front_matter(hostile_pages["accounts/jinghua-grid.md"])
    values = [meta["title"], meta["description"], *meta["tags"]]
    assert all("<" not in value and '"' not in value for value in values)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in meta["tags"]


def test_hostile_file_name_of_a_broken_plan(tmp_path: Path, standards: Standards) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "<img src=x onerror=alert(1)>.yaml").write_text("account: [unclosed\n", "utf-8")
    run = check_paths([folder], standards, AS_OF)
    pages = render_pages(run, standards, AS_OF)
    [failed_page] = [n for n in pages if n.startswith("accounts/")]
    assert failed_page == "accounts/img-src-x-onerror-alert-1.md"
    for page in (pages[failed_page], pages["index.md"]):
        found = audit(to_html(page))
        assert "img" not in found.tags and found.event_handlers() == []
        assert "<img src=x onerror=alert(1)>.yaml" in found.text
