"""The home page's "Portfolio at a glance": at-risk renewals, stale plans and pipeline
under coverage, each one sentence with numbers and links, plus the portfolio views
and the exports."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.checker import CheckRun, check_paths
from generator.model import Plan
from generator.render import render_pages
from generator.render.glance import MAX_NAMED, portfolio_glance
from generator.standards.config import Standards
from tests.support import AS_OF, EXAMPLE_DIR, SAMPLE_PLANS_DIR
from tests.support.markdown_html import audit, page_text, split_front_matter, to_html


def _plans(run: CheckRun) -> list[Plan]:
    return [c.plan for c in run.plans if c.plan is not None]


def _glance_lines(home: str) -> dict[str, str]:
    """The three bullets of the glance block, by their bold lead."""
    block = home.split("## Portfolio at a glance { #at-a-glance }\n\n", 1)[1].split("\n\n")[0]
    lines = block.splitlines()
    assert len(lines) == 3 and all(line.startswith("- **") for line in lines)
    return {line.split("**")[1]: line for line in lines}


@pytest.fixture(scope="module")
def sample_run(standards: Standards) -> CheckRun:
    return check_paths([SAMPLE_PLANS_DIR], standards, AS_OF)


@pytest.fixture(scope="module")
def home(sample_run: CheckRun, standards: Standards) -> str:
    return render_pages(sample_run, standards, AS_OF)["index.md"]


def test_the_glance_opens_the_home_page(home: str) -> None:
    body, meta = split_front_matter(home)
    headings = [line for line in body.splitlines() if line.startswith("## ")]
    assert headings[0] == "## Portfolio at a glance { #at-a-glance }"
    assert list(_glance_lines(home)) == [
        "Renewals at risk:", "Stale plans:", "Pipeline short of target:"]
    # The wide accounts table takes the whole width.
    assert meta["hide"] == ["navigation", "toc"]


def test_renewals_at_risk_name_the_accounts_with_their_value(home: str) -> None:
    line = _glance_lines(home)["Renewals at risk:"]
    text = audit(to_html(line)).text
    assert text.startswith(
        "Renewals at risk: none by the end of this fiscal half (FY2027 H1, which ends "
        "2026-12-31); 1 by 2027-11-27 (the 12-month renewal window), worth USD 393,700 a "
        "year: Northmere Water Services plc (sa-field-service, ends 2027-09-30).")
    # Agreements ending after the renewal window (399 and 490 days away) are not at
    # risk: the ea-renewal standard does not ask for their renewal yet.
    assert "jinsha-bank" not in line and "kessler-suzhou" not in line
    assert "](accounts/northmere-water.md)" in line
    assert line.endswith("See [Renewals](portfolio/renewals.md).")


def test_stale_plans_say_none_and_name_the_stalest(home: str) -> None:
    line = _glance_lines(home)["Stale plans:"]
    assert audit(to_html(line)).text == (
        "Stale plans: none: all 6 plans were reviewed within the 90-day standard (the "
        "stalest, Northmere Water Services plc, 71 days ago). See Plan freshness.")
    assert "](accounts/northmere-water.md)" in line
    assert "](portfolio/freshness.md)" in line


def test_pipeline_short_of_target_names_owners_and_segments(home: str) -> None:
    line = _glance_lines(home)["Pipeline short of target:"]
    assert audit(to_html(line)).text == (
        "Pipeline short of target: pipeline closing in FY2027 is USD 13,863,300 against a "
        "remaining gap of USD 9,691,100, 1.43x coverage (standard 1.25x); under the "
        "standard are 1 of 4 owners (Priya Natarajan at 1.00x) and none of 2 segments. "
        "See Pipeline against target.")
    assert "[Priya Natarajan](managers/priya-natarajan.md)" in line


def test_the_glance_agrees_with_the_portfolio_pages(sample_run: CheckRun,
                                                    standards: Standards) -> None:
    pages = render_pages(sample_run, standards, AS_OF)
    renewals = page_text(pages["portfolio/renewals.md"])
    assert "1 is at risk (ending by 2027-11-27, the 12-month renewal window, with no " \
        "renewal opportunity in play), worth USD 393,700 a year" in renewals
    assert renewals.count("⚠ at risk") == 1
    pipeline = page_text(pages["portfolio/pipeline.md"])
    assert "coverage 1.43x (standard 1.25x); 1 of 4 owners is under the standard" in pipeline
    freshness = page_text(pages["portfolio/freshness.md"])
    assert "All 6 plans were reviewed within the 90-day standard" in freshness


def test_the_home_page_links_the_five_views_and_the_exports(home: str) -> None:
    links = audit(to_html(home)).links
    for target in ("portfolio/pipeline.md", "portfolio/renewals.md",
                   "portfolio/freshness.md", "portfolio/heatmap.md",
                   "portfolio/whitespace.md", "exports/portfolio.csv",
                   "exports/portfolio.xlsx"):
        assert target in links


def test_a_later_date_finds_stale_plans_and_risks_this_half(standards: Standards) -> None:
    later = dt.date(2027, 8, 1)
    run = check_paths([SAMPLE_PLANS_DIR], standards, later)
    home = render_pages(run, standards, later)["index.md"]
    lines = _glance_lines(home)
    stale = audit(to_html(lines["Stale plans:"])).text
    assert stale.startswith("Stale plans: 6 of 6 plans are past the 90-day review standard: "
                            "Northmere Water Services plc (318 days), ")
    assert stale.endswith(f" and {6 - MAX_NAMED} more. See Plan freshness.")
    risk = audit(to_html(lines["Renewals at risk:"])).text
    assert risk.startswith("Renewals at risk: 2 by the end of this fiscal half (FY2028 H1, "
                           "which ends 2027-12-31), worth USD 2,045,700 a year;")


def test_a_lapsed_agreement_is_counted_this_half(plan_folder: Path,
                                                 standards: Standards) -> None:
    text = (EXAMPLE_DIR / "jinghua-grid.yaml").read_text("utf-8")
    text = text.replace("    ends: 2027-06-30\n", "    ends: 2026-11-01\n", 1)
    text = text.replace("    renewal_opportunity: opp-ea-renewal\n", "", 1)
    (plan_folder / "jinghua-grid.yaml").write_text(text, "utf-8")
    run = check_paths([plan_folder], standards, AS_OF)
    glance = portfolio_glance(_plans(run), standards, AS_OF)
    assert glance.renewals.lapsed == 1
    home = render_pages(run, standards, AS_OF)["index.md"]
    risk = audit(to_html(_glance_lines(home)["Renewals at risk:"])).text
    assert risk.startswith(
        "Renewals at risk: 1 by the end of this fiscal half (FY2027 H1, which ends "
        "2026-12-31), worth USD 2,520,000 a year, 1 of them already lapsed; 1 by 2027-11-27 "
        "(the 12-month renewal window), worth USD 2,520,000 a year: Jinghua Power Grid Co., Ltd. "
        "(ea-2024, ended 2026-11-01).")


def test_no_plans_gives_plain_answers(plan_folder: Path, standards: Standards) -> None:
    (plan_folder / "broken.yaml").write_text("account: [\n", "utf-8")
    home = render_pages(check_paths([plan_folder], standards, AS_OF), standards, AS_OF)[
        "index.md"]
    lines = {lead: audit(to_html(line)).text for lead, line in _glance_lines(home).items()}
    assert lines["Renewals at risk:"].startswith("Renewals at risk: none: every agreement")
    assert lines["Stale plans:"].startswith("Stale plans: none: no plan can be shown yet.")
    assert "no gap to target is left in FY2027" in lines["Pipeline short of target:"]


def test_glance_links_resolve_with_duplicate_ids(tmp_path: Path, standards: Standards) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(EXAMPLE_DIR / "jinghua-grid.yaml", tmp_path / folder / "jinghua-grid.yaml")
    pages = render_pages(check_paths([tmp_path], standards, AS_OF), standards, AS_OF)
    line = _glance_lines(pages["index.md"])["Stale plans:"]
    assert "](accounts/jinghua-grid.md)" in line
