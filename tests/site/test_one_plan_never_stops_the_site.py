"""One plan can never stop the site: bounded values, safe page names, and the
"cannot be shown" page when a plan's page cannot be drawn."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import generator.render.pages as pages
from generator.render.anchors import MAX_NAME, AnchorBook, bounded
from tests.support.site_projects import AS_OF, EXAMPLE_PLAN, build, make_project, planbook

EXAMPLE = EXAMPLE_PLAN.read_text("utf-8")
LONG_ID = "a" * 300
LONG_OWNER = "Li Wei " + "x" * 300


def _variant(account_id: str, *replacements: tuple[str, str]) -> str:
    text = EXAMPLE.replace("id: jinghua-grid", f"id: {account_id}")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return text


BROKEN = {
    # file name → plan text: each one is a schema finding, never a build failure
    "long-id.yaml": _variant(LONG_ID),
    "long-owner.yaml": _variant("long-owner", ("owner: Li Wei", f"owner: {LONG_OWNER}"),
                                ("- {name: Li Wei,", f"- {{name: {LONG_OWNER},")),
    "huge-amount.yaml": _variant("huge-amount", ("long_term_potential: 48000000",
                                                 "long_term_potential: 1.0e+29")),
    "impossible-date.yaml": _variant("impossible-date", ("due: 2027-01-31", "due: 2027-02-29")),
    ("b" * 240 + ".yaml"): _variant("b" * 300),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    config = make_project(tmp_path_factory.mktemp("repo"), [EXAMPLE_PLAN])
    for name, text in BROKEN.items():
        (config.parent / "plans" / name).write_text(text, "utf-8")
    return config


def test_check_reports_each_as_a_schema_finding(project: Path) -> None:
    outcome = planbook("check", project.parent / "plans", "--as-of", AS_OF, "--format", "json")
    assert outcome.code == 1 and "Traceback" not in outcome.err
    findings = json.loads(outcome.out)["findings"]
    schema = {(Path(f["file"]).name, f["message"]) for f in findings if f["rule"] == "schema"}
    messages = {name: message for name, message in schema}
    assert "300 characters long; at most 64" in messages["long-id.yaml"]
    assert "at most 200" in messages["long-owner.yaml"]
    assert "out of range" in messages["huge-amount.yaml"]
    assert "not a date in the calendar" in messages["impossible-date.yaml"]
    for finding in findings:
        if Path(finding["file"]).name in BROKEN:
            assert finding["line"] >= 1 and len(finding["message"]) < 400


def test_build_publishes_every_other_plan_and_a_cannot_be_shown_page(
        project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    outcome = build(project, out)
    assert outcome.code == 0, outcome.err
    assert (out / "accounts" / "jinghua-grid.html").is_file()
    shown = {p.name: p.read_text("utf-8") for p in (out / "accounts").glob("*.html")}
    assert all(len(name.encode()) <= MAX_NAME + len(".html") for name in shown)
    cannot = [name for name, html in shown.items() if "This plan cannot be shown" in html]
    assert len(cannot) == len(BROKEN)
    assert "impossible-date.html" in cannot


def test_a_page_that_cannot_be_drawn_becomes_the_cannot_be_shown_page(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_project(tmp_path / "repo", [EXAMPLE_PLAN])
    (config.parent / "plans" / "other-grid.yaml").write_text(_variant("other-grid"), "utf-8")
    draw = pages.account_page

    def fails_for_one(row: pages.AccountRow, *rest: Any, **options: Any) -> str:
        if row.plan.account.id == "other-grid":
            raise ArithmeticError("a figure no page can show")
        return draw(row, *rest, **options)

    monkeypatch.setattr(pages, "account_page", fails_for_one)
    out = tmp_path / "site"
    outcome = build(config, out)
    assert outcome.code == 0, outcome.err
    failed = (out / "accounts" / "other-grid.html").read_text("utf-8")
    assert "This plan cannot be shown" in failed
    assert "ArithmeticError: a figure no page can show" in failed
    assert "This plan cannot be shown" not in (out / "accounts" / "jinghua-grid.html"
                                                ).read_text("utf-8")


def test_page_names_are_bounded_unique_and_stable() -> None:
    assert bounded("short") == "short"
    long_a, long_b = "x" * 300 + "a", "x" * 300 + "b"
    assert len(bounded(long_a)) <= MAX_NAME
    assert bounded(long_a) != bounded(long_b)
    assert bounded(long_a) == bounded("x" * 300 + "a")
    book = AnchorBook()
    first, second = book.claim("account", "1", long_a), book.claim("account", "2", long_a)
    assert first != second and len(second) <= MAX_NAME + 9
