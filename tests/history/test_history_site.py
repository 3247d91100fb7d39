"""The history pages in a built site, from the throw-away story repository."""

from __future__ import annotations

import contextlib
import html
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import main

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-27"


def build_site(root: Path) -> tuple[int, str]:
    """Add the project's site configuration to `root` and build it into root/site."""
    if not (root / "mkdocs.yml").exists():
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(REPO / "docs", root / "docs")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["build", "--config", str(root / "mkdocs.yml"), "--out",
                     str(root / "site"), "--as-of", AS_OF])
    return code, err.getvalue()


def text_of(page: Path) -> str:
    """The page's visible text, roughly: tags dropped, entities resolved, spaces collapsed."""
    body = page.read_text("utf-8")
    body = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.fixture(scope="module")
def site(story):
    code, err = build_site(story.root)
    assert code == 0, err
    return story.root / "site"


def test_the_account_page_links_to_its_history(site):
    page = (site / "accounts" / "acme.html").read_text("utf-8")
    assert 'href="../history/accounts/acme.html"' in page


def test_the_timeline_lists_every_change_with_author_date_and_words(site, story):
    text = text_of(site / "history" / "accounts" / "acme.html")
    expected = [
        "2026-11-02 · Bob Li · " + story.commits[4][:10],
        "opportunity opp-a : close 2027-04-30 -> 2027-08-31",
        "2026-10-05 · Alice Chen · " + story.commits[3][:10] + " · review",
        "Plan: last_reviewed 2026-07-10 -> 2026-10-01",
        "opportunity opp-c : stage develop -> won",
        "2026-09-10 · Carol Wu",
        "opportunity opp-b : amount USD 500,000 -> 350,000 (-150,000)",
        "2026-08-20 · Bob Li",
        "opportunity opp-a : close 2027-03-31 -> 2027-04-30",
        "2026-07-15 · Alice Chen",
        "new plan plans/acme.yaml",
    ]
    positions = [text.find(e) for e in expected]
    missing = [e for e, p in zip(expected, positions, strict=True) if p < 0]
    assert not missing
    assert positions == sorted(positions)  # newest first


def test_a_renamed_plan_has_one_timeline_under_its_new_id(site):
    text = text_of(site / "history" / "accounts" / "globex-corp.html")
    assert "file renamed plans/globex.yaml -> plans/globex-corp.yaml" in text
    assert "new plan plans/globex.yaml" in text
    assert not (site / "history" / "accounts" / "globex.html").exists()


def test_the_slips_page_lists_exactly_the_slipped_and_shrunk_deals(site):
    page = (site / "history" / "slips.html").read_text("utf-8")
    tables = re.findall(r"<table>.*?</table>", page, flags=re.S)
    slipped, shrunk = (text_of_html(t) for t in tables[:2])
    assert len(tables) == 2  # no deal disappeared, no COS went backwards
    assert slipped.count("acme") == 1 and "opp-a" in slipped
    assert "opp-a OPP-A 2 153 2027-03-31 2027-08-31 2026-11-02 by Bob Li" in slipped
    assert "opp-b" not in slipped and "opp-g" not in slipped
    assert "opp-b OPP-B 1 USD 500,000 USD 350,000 USD 150,000 2026-09-10 by Carol Wu" in shrunk
    assert "opp-a" not in shrunk and "opp-g" not in shrunk
    text = text_of(site / "history" / "slips.html")
    assert "No open deal was removed from a plan." in text
    assert "No COS status moved back" in text


def text_of_html(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def chart_descriptions(page: Path) -> list[str]:
    return [html.unescape(d) for d in
            re.findall(r"<desc[^>]*>(.*?)</desc>", page.read_text("utf-8"), flags=re.S)]


def test_trend_charts_carry_the_values_of_each_commit(site):
    descriptions = chart_descriptions(site / "history" / "accounts" / "acme.html")
    # FY2027 ends 2027-06-30: opp-b shrinks by 150,000 (2026-09-10), opp-c is won
    # (2026-10-05), opp-a leaves the fiscal year (2026-11-02).
    assert ("pipeline in the plan year: 2026-07-15 1,600,000, 2026-08-20 1,600,000, "
            "2026-09-10 1,450,000, 2026-10-05 1,150,000, 2026-11-02 350,000") in descriptions[0]
    assert "coverage: 2026-07-15 1.60x" in descriptions[1]
    assert "2026-11-02 0.44x" in descriptions[1]
    assert ("booked: 2026-07-15 0, 2026-08-20 0, 2026-09-10 0, 2026-10-05 200,000, "
            "2026-11-02 200,000") in descriptions[2]
    assert "satisfaction: 2026-07-15 150" in descriptions[3]


def test_the_portfolio_trends_by_quarter(site):
    text = text_of(site / "history" / "trends.html")
    # End of FY2027 Q1 (2026-09-30): acme 1,450,000 + globex-corp 400,000.
    assert "FY2027 Q1 (to 2026-09-30) 2 1,850,000" in text
    assert "FY2027 Q2 (to 2026-12-31) 2 750,000" in text
    assert "Alice Chen" in text and "Bob Li" in text


def test_as_reviewed_on_shows_the_plan_as_it_was(site):
    old = site / "reviewed" / "acme--2026-07-10.html"
    text = text_of(old)
    assert "History: the plan as reviewed on 2026-07-10" in text
    assert "This is not today's plan" in text
    assert "2027-03-31" in text and "2027-08-31" not in text  # opp-a's close back then
    assert "USD 500,000" in text and "USD 350,000" not in text  # opp-b before it shrank
    now = text_of(site / "accounts" / "acme.html")
    assert "2027-08-31" in now and "USD 350,000" in now
    later = text_of(site / "reviewed" / "acme--2026-10-01.html")
    assert "2027-04-30" in later and "USD 350,000" in later
    timeline = (site / "history" / "accounts" / "acme.html").read_text("utf-8")
    assert 'href="../../reviewed/acme--2026-07-10.html"' in timeline


def test_outside_git_the_history_pages_say_so(tmp_path):
    root = tmp_path / "exported"
    (root / "plans").mkdir(parents=True)
    shutil.copy(REPO / "tests" / "fixtures" / "example-plan" / "jinghua-grid.yaml",
                root / "plans" / "jinghua-grid.yaml")
    code, err = build_site(root)
    assert code == 0, err
    for page in ("history/index.html", "history/slips.html",
                 "history/accounts/jinghua-grid.html"):
        assert "built outside a git repository" in text_of(root / "site" / page)


def test_hostile_text_in_history_is_shown_as_text(fresh_story):
    fresh_story.acme.opportunities[0].name = '"<script>alert(1)</script> [x](javascript:alert(1))"'
    fresh_story.commit_acme("carol", "2026-11-20", "<img src=x onerror=alert(1)> **bold**")
    subprocess.run(["git", "-C", str(fresh_story.root), "log", "-1"], check=True,
                   capture_output=True)
    code, err = build_site(fresh_story.root)
    assert code == 0, err
    page = (fresh_story.root / "site" / "history" / "accounts" / "acme.html").read_text("utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert 'href="javascript' not in page
    text = text_of(fresh_story.root / "site" / "history" / "accounts" / "acme.html")
    assert "<img src=x onerror=alert(1)> **bold**" in text
    assert "<script>alert(1)</script> [x](javascript:alert(1))" in text


def test_account_history_pages_stay_out_of_search(site):
    index = (site / "search" / "search_index.json").read_text("utf-8")
    assert "history/accounts/acme" not in index and "reviewed/acme" not in index
    assert "history/slips" in index


def test_review_pages_can_be_limited_to_the_latest(story, default_standards):
    import datetime as dt

    from generator.history.site import site_history_pages

    pages = site_history_pages(story.root / "plans", default_standards, dt.date(2026, 11, 27),
                               {"acme": "accounts/acme.md"}, review_pages=1)
    assert sorted(p for p in pages if p.startswith("reviewed/acme")) == [
        "reviewed/acme--2026-10-01.md"]
    assert "reviewed/acme--2026-07-10.md" not in pages["history/accounts/acme.md"]
