"""The Markdown of `planbook diff`: layout, values, escaping, length."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.diff.compare import DiffReport, PlanVersion, Revision, compare, load_version
from generator.diff.markdown import code, render, text
from generator.standards.config import load_standards

AS_OF = dt.date(2026, 11, 27)
EXAMPLE = Path(__file__).parents[1] / "fixtures" / "example-plan" / "jinghua-grid.yaml"
PATH = "plans/jinghua-grid.yaml"
ROOT = Path("/repo")


def version(text: str, path: str = PATH) -> PlanVersion:
    return load_version(path, text.encode("utf-8"), ROOT)


def report_for(old: str, new: str) -> DiffReport:
    standards = load_standards(None)
    return compare(Revision("abc1234", "abc1234" * 5), Revision("working tree"),
                   folder="plans", base_plans={PATH: version(old)},
                   head_plans={PATH: version(new)}, base_standards=standards,
                   head_standards=standards, as_of=AS_OF)


@pytest.fixture
def example() -> str:
    return EXAMPLE.read_text("utf-8")


def test_layout(example: str) -> None:
    new = example.replace("    stage: propose\n", "    stage: negotiate\n", 1)
    markdown = render(report_for(example, new))
    assert markdown.splitlines()[:8] == [
        "## Account plan changes",
        "",
        "Comparing **abc1234** with the **working tree** in `plans/`; findings judged as of "
        "2026-11-27.",
        "",
        "**1 plan changed** · **findings: 0 introduced, 0 fixed**",
        "",
        "### Jinghua Power Grid Co., Ltd. (`jinghua-grid`)",
        "",
    ]
    assert "**Opportunities**\n\n- opportunity `opp-dispatch-analytics`: stage propose -> " \
           "negotiate\n" in markdown
    assert markdown.endswith("### Findings\n\nNo finding introduced or fixed.\n")


def test_amounts_carry_currency_and_delta(example: str) -> None:
    new = example.replace("  revenue_target: 29000000", "  revenue_target: 27500000")
    markdown = render(report_for(example, new))
    assert "- revenue_target CNY 29,000,000 -> 27,500,000 (-1,500,000)" in markdown


def test_no_delta_across_a_currency_change(example: str) -> None:
    new = example.replace("currency: CNY", "currency: USD").replace(
        "  revenue_target: 29000000", "  revenue_target: 4000000")
    markdown = render(report_for(example, new))
    assert "- currency CNY -> USD" in markdown
    assert "- revenue_target CNY 29,000,000 -> USD 4,000,000" in markdown


def test_fields_set_and_removed(example: str) -> None:
    new = example.replace("  reviewed_by: Zhou Min            # sales manager who signed the "
                          "review off\n", "").replace("  region: China North\n",
                                                      "  region: China North\n  x_tier: gold\n")
    markdown = render(report_for(example, new))
    assert "- x_tier set to gold" in markdown
    assert "- reviewed_by removed (was Zhou Min)" in markdown


def test_long_text_is_shown_before_and_after(example: str) -> None:
    new = example.replace("cutting its IT run cost.", "halving its IT run cost by 2029.")
    markdown = render(report_for(example, new))
    assert "- summary changed\n  - was: Jinghua is modernising" in markdown
    assert "\n  - now: Jinghua is modernising" in markdown
    assert "halving its IT run cost by 2029." in markdown


def test_many_changes_to_one_item_are_listed_under_it(example: str) -> None:
    new = (example.replace("    stage: propose\n", "    stage: negotiate\n", 1)
           .replace("    amount: 8600000", "    amount: 9100000")
           .replace("    probability: 0.5", "    probability: 0.8")
           .replace("    close: 2027-03-31", "    close: 2027-04-30"))
    markdown = render(report_for(example, new))
    assert ("- opportunity `opp-dispatch-analytics`:\n"
            "  - stage propose -> negotiate\n"
            "  - amount CNY 8,600,000 -> 9,100,000 (+500,000)\n"
            "  - probability 0.5 -> 0.8 (+0.3)\n"
            "  - close 2027-03-31 -> 2027-04-30\n") in markdown


def test_plan_text_is_escaped(example: str) -> None:
    new = example.replace("    stance: neutral\n",
                          "    stance: neutral\n    x_note: <img src=x> *big* @sales-team [x](y)\n")
    markdown = render(report_for(example, new))
    assert r"x_note set to \<img src=x\> \*big\* @" + "\u200b" + r"sales-team \[x\](y)" in markdown


@pytest.mark.parametrize(("value", "shown"), [
    ("plain", "plain"),
    ("last_reviewed", "last_reviewed"),
    ("_lead", r"\_lead"),
    ("__0__", r"\_\_0\_\_"),        # no emphasis from a run of underscores
    ("a__b", r"a\_\_b"),
    ("a & b", "a &amp; b"),
    ("li.wei@example.com", "li.wei@example.com"),
])
def test_text(value: str, shown: str) -> None:
    assert text(value) == shown


@pytest.mark.parametrize(("value", "shown"), [
    ("opp-a", "`opp-a`"),
    ("a`b", "``a`b``"),
    ("`a", "`` `a ``"),
])
def test_code(value: str, shown: str) -> None:
    assert code(value) == shown


def test_unreadable_side(example: str) -> None:
    markdown = render(report_for(example, "format: 1\naccount: [\n"))
    assert "could not be read as a plan in the working tree: line 3:" in markdown
    assert "❌ error `yaml-syntax`" in markdown


def test_layout_only_change(example: str) -> None:
    markdown = render(report_for(example, "# reviewed\n" + example))
    assert "Only comments or layout changed; the plan's content is the same." in markdown


def test_long_reports_are_cut_with_a_note(example: str) -> None:
    new = example.replace("    stage: propose\n", "    stage: negotiate\n", 1)
    markdown = render(report_for(example, new), max_chars=300)
    assert len(markdown) <= 300
    assert markdown.startswith("## Account plan changes\n")
    assert markdown.endswith("Run `planbook diff` locally to see all of it.\n")
