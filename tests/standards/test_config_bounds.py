"""standards.yaml and the command line are bounded: a clear exit-2 message
with file and line, never a traceback; far dates never break a rule."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.standards.calendar import (
    add_days,
    add_months,
    fiscal_year_bounds,
    fiscal_year_of,
    parse_as_of,
)
from generator.standards.config import StandardsError, load_standards

DEFAULTS = Path(__file__).parents[2] / "generator" / "standards" / "defaults.yaml"
EXAMPLE = Path(__file__).parents[1] / "fixtures" / "example-plan" / "jinghua-grid.yaml"
JULY = (7, 1)


def _standards(tmp_path: Path, old: str, new: str) -> Path:
    text = DEFAULTS.read_text("utf-8")
    assert old in text, old
    path = tmp_path / "standards.yaml"
    path.write_text(text.replace(old, new), "utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "needle"), [
    ("waiver_max_days: 180", "waiver_max_days: 99999999999", "waiver_max_days: 99999999999 is "
     "out of range: must be at least 0 and at most 36,500"),
    ("renewal_window_months: 12", "renewal_window_months: 999999", "renewal_window_months"),
    ("pipeline_coverage: 1.25", "pipeline_coverage: .nan", "pipeline_coverage: must be a "
     "finite number"),
    ("pipeline_coverage: 1.25", "pipeline_coverage: .inf", "pipeline_coverage: must be a "
     "finite number"),
    ("CNY: 0.14", "CNY: .nan", "exchange_rates.CNY: must be a finite number"),
    ("CNY: 0.14", "CNY: 1.0e+400", "exchange_rates.CNY: must be a finite number"),
])
def test_unusable_standards_are_exit_2_with_file_and_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str,
        needle: str) -> None:
    standards = _standards(tmp_path, old, new)
    line = next(i for i, text in enumerate(standards.read_text("utf-8").splitlines(), 1)
                if new in text)
    with pytest.raises(StandardsError) as raised:
        load_standards(standards)
    assert raised.value.line == line
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder)
    code = main(["check", str(folder), "--standards", str(standards), "--as-of", "2026-11-27"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert f"{standards}:{line}:" in err and needle in err, err


@pytest.mark.parametrize(("value", "needle"), [
    ("20261127", "is not a date written YYYY-MM-DD"),
    ("2026-W48-5", "is not a date written YYYY-MM-DD"),
    ("2027-02-29", "2027-02-29 is not a date in the calendar"),
    ("9999-12-31", "9999-12-31 is out of range"),
    ("0001-01-01", "is out of range"),
])
def test_as_of_must_be_written_yyyy_mm_dd(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          value: str, needle: str) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["check", str(tmp_path), "--as-of", value])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "argument --as-of" in err and needle in err and "Traceback" not in err


def test_the_environment_as_of_is_read_the_same_way(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANBOOK_AS_OF", "20261127")
    shutil.copy(EXAMPLE, tmp_path)
    assert main(["check", str(tmp_path)]) == 2
    assert "PLANBOOK_AS_OF: `20261127` is not a date written YYYY-MM-DD" in capsys.readouterr().err


def test_as_of_parses_a_plain_date() -> None:
    assert parse_as_of(" 2026-11-27 ") == dt.date(2026, 11, 27)


@pytest.mark.parametrize(("old", "new"), [
    ("fiscal_year: FY2027", "fiscal_year: FY0000"),
    ("fiscal_year: FY2027", "fiscal_year: FY9999"),
    ("opened: 2026-07-15", "opened: 9999-12-01"),
    ("close: 2027-06-15", "close: 0001-01-01"),
    ("ends: 2027-06-30", "ends: 9999-12-31"),
    ("last_reviewed: 2026-11-10", "last_reviewed: 0001-01-01"),
])
def test_far_dates_and_years_never_break_a_rule(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str],
                                                old: str, new: str) -> None:
    text = EXAMPLE.read_text("utf-8")
    assert old in text, old
    (tmp_path / "jinghua-grid.yaml").write_text(text.replace(old, new, 1), "utf-8")
    code = main(["check", str(tmp_path), "--as-of", "2026-11-27", "--format", "json"])
    assert code in (0, 1)
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert not [f for f in findings if "could not evaluate" in f["message"]], findings


def test_calendar_arithmetic_stops_at_the_ends_of_the_calendar() -> None:
    assert add_months(dt.date(9999, 6, 1), 24) == dt.date.max
    assert add_months(dt.date(1, 3, 1), -24) == dt.date.min
    assert add_days(dt.date(9999, 12, 1), 36500) == dt.date.max
    assert add_days(dt.date(1, 1, 2), -5) == dt.date.min
    assert fiscal_year_bounds("FY0000", JULY) == (dt.date.min, dt.date.min)
    assert fiscal_year_bounds("FY0001", (1, 1)) == (dt.date(1, 1, 1), dt.date(1, 12, 31))
    assert fiscal_year_bounds("FY9999", (1, 1)) == (dt.date(9999, 1, 1), dt.date.max)
    assert fiscal_year_of(dt.date.max, JULY) == "FY10000"
    assert fiscal_year_bounds("FY10000", JULY) == (dt.date(9999, 7, 1), dt.date.max)
    assert fiscal_year_bounds("FY2027", JULY) == (dt.date(2026, 7, 1), dt.date(2027, 6, 30))


@pytest.mark.parametrize(("text", "needle"), [
    ("", "the standards file is empty"),
    ("# nothing but a comment\n", "the standards file is empty"),
    ("- a\n", "the standards file must be a mapping"),
])
def test_an_empty_or_list_standards_file_is_named_as_standards_not_a_plan(
        tmp_path: Path, text: str, needle: str) -> None:
    # QA: the loader's words ("a plan is a mapping of sections") were shown for standards.yaml.
    path = tmp_path / "standards.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(StandardsError) as raised:
        load_standards(path)
    assert needle in str(raised.value)
    assert "a plan" not in str(raised.value)
