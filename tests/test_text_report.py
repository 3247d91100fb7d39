"""The text report: grouped by plan, errors first, colour on terminals, what to fix first."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.findings import CheckResult, Finding, Severity
from generator.reporters import text
from generator.text_report import PlanLabel, fix_first, use_colour
from tests.support import EXAMPLE


def _finding(file: str, line: int, severity: str, rule: str, message: str = "m") -> Finding:
    return Finding(rule=rule, severity=Severity(severity), file=file, line=line, column=1,
                   account=None, message=message)


RESULT = CheckResult.of([
    _finding("plans/a.yaml", 3, "warning", "competition"),
    _finding("plans/a.yaml", 9, "error", "business-value"),
    _finding("plans/b.yaml", 2, "warning", "plan-year"),
    _finding("plans/b.yaml", 5, "error", "schema"),
], plans_checked=2, files=["plans/a.yaml", "plans/b.yaml"])


def test_grouped_by_plan_errors_first() -> None:
    labels = {"plans/a.yaml": PlanLabel("acme", "Li Wei")}
    lines = text(RESULT, labels=labels).splitlines()
    assert lines[:3] == [
        "plans/a.yaml (acme, owner Li Wei): 1 error, 1 warning",
        "plans/a.yaml:9:1: error business-value m",
        "plans/a.yaml:3:1: warning competition m",
    ]
    assert lines[4:7] == [
        "plans/b.yaml: 1 error, 1 warning",
        "plans/b.yaml:5:1: error schema m",
        "plans/b.yaml:2:1: warning plan-year m",
    ]
    assert lines[-1] == "2 plans checked: 2 errors, 2 warnings, 0 waived"
    assert lines[-2].startswith("Fix first: the schema error at plans/b.yaml:5: until it is fixed")


def test_fix_first_prefers_errors_then_warnings() -> None:
    errors = [_finding("p.yaml", 4, "error", "close-date"), _finding("p.yaml", 1, "warning", "x")]
    assert fix_first(errors) == (
        "Fix first: the 1 error, starting at p.yaml:4 (close-date): errors stop the plan "
        "from passing; then the warnings.")
    warning = fix_first([_finding("p.yaml", 1, "warning", "competition")])
    assert warning is not None and warning.startswith("Next: 1 warning, starting at p.yaml:1")
    assert fix_first([]) is None


def test_colour_only_where_wanted() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert use_colour(Terminal(), {}) is True
    assert use_colour(io.StringIO(), {}) is False  # piped
    assert use_colour(Terminal(), {"NO_COLOR": "1"}) is False
    assert use_colour(io.StringIO(), {"FORCE_COLOR": "1"}) is True
    assert use_colour(io.StringIO(), {"FORCE_COLOR": "1", "NO_COLOR": "1"}) is False
    coloured = text(RESULT, colour=True)
    assert "\x1b[1;31merror\x1b[0m business-value" in coloured
    assert "\x1b[" not in text(RESULT)


@pytest.fixture
def two_owners(tmp_path: Path) -> Path:
    plans = tmp_path / "plans"
    plans.mkdir()
    example = EXAMPLE.read_text("utf-8")
    shutil.copy(EXAMPLE, plans / EXAMPLE.name)
    other = (example.replace("id: jinghua-grid", "id: other-grid")
             .replace("owner: Li Wei", "owner: Chen Hao")
             .replace("  segment: mature ", "  segment: giant "))
    (plans / "other-grid.yaml").write_text(other, "utf-8")
    return plans


def test_owner_and_severity_filters(two_owners: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(two_owners.parent)
    monkeypatch.setenv("NO_COLOR", "1")
    as_of = ["--as-of", "2026-11-27"]
    assert main(["check", *as_of, "--owner", "li wei"]) == 0
    out = capsys.readouterr().out
    assert "other-grid" not in out and out.splitlines()[-1].startswith("1 plan checked")
    assert main(["check", *as_of, "--owner", "Chen Hao", "--severity", "error"]) == 1
    out = capsys.readouterr().out
    assert "other-grid.yaml" in out and " warning " not in out
    assert main(["check", *as_of, "--owner", "Chen Ho"]) == 2
    assert "did you mean `Chen Hao`?" in capsys.readouterr().err
