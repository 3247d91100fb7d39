"""Impossible dates (2027-02-29, 0000-01-01): a `schema` finding, never a traceback."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.cli import main
from generator.dates import _calendar_fields, _schema, impossible_dates
from generator.loader import load_yaml_text
from generator.validate import plan_schema

EXAMPLE = Path(__file__).parent / "fixtures" / "example-plan" / "jinghua-grid.yaml"
AS_OF = ["--as-of", "2026-11-27"]


@pytest.mark.parametrize("text", ["2027-02-29", "0000-01-01", "2026-13-01", "2026-04-31"])
def test_a_plain_impossible_date_is_a_schema_problem_at_its_key(text: str) -> None:
    document = load_yaml_text(f"plan:\n  owner: Li Wei\n  last_reviewed: {text}\n", Path("p.yaml"))
    [problem] = document.problems
    assert problem.rule == "schema"
    assert problem.message.startswith(f"{text} is not a date in the calendar")
    assert document.position_of(problem) == (3, 3)
    assert document.data["plan"]["last_reviewed"] == text
    assert document.usable


def test_real_dates_pass() -> None:
    document = load_yaml_text("a: 2028-02-29\nb: 2026-11-27\n", Path("p.yaml"))
    assert document.problems == []


def test_a_quoted_impossible_date_in_a_date_field_is_found() -> None:
    data = {"plan": {"last_reviewed": "2027-02-29", "owner": "2027-02-29"},
            "actions": [{"due": "0000-01-01"}], "x_note": "2027-02-30"}
    problems = impossible_dates(data)
    assert [p.path for p in problems] == [("plan", "last_reviewed"), ("actions", 0, "due")]
    assert impossible_dates(data, {("plan", "last_reviewed")})[0].path == ("actions", 0, "due")


def _plans(tmp_path: Path, broken: str) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "jinghua-grid.yaml")
    other = EXAMPLE.read_text("utf-8").replace("id: jinghua-grid", "id: other-grid")
    other = other.replace("last_reviewed: 2026-11-10", "last_reviewed: 2025-01-10")
    (folder / "other-grid.yaml").write_text(other, "utf-8")
    text = (folder / "jinghua-grid.yaml").read_text("utf-8")
    (folder / "jinghua-grid.yaml").write_text(text.replace("due: 2027-01-31", broken), "utf-8")
    return folder


@pytest.mark.parametrize("broken", ["due: 2027-02-29", "due: '2027-02-29'",
                                    'due: "0000-01-01"'])
def test_check_reports_it_and_every_other_plans_findings(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], broken: str) -> None:
    folder = _plans(tmp_path, broken)
    code = main(["check", str(folder), *AS_OF, "--format", "json"])
    captured = capsys.readouterr()
    assert code == 1 and "Traceback" not in captured.err
    findings = json.loads(captured.out)["findings"]
    mine = [f for f in findings if f["file"].endswith("jinghua-grid.yaml")]
    [date] = [f for f in mine if f["rule"] == "schema"]
    # The rest of the plan is still judged (here: its waived deployment finding).
    assert any(f["rule"] == "deployment" for f in mine)
    assert date["rule"] == "schema" and "is not a date in the calendar" in date["message"]
    line = (folder / "jinghua-grid.yaml").read_text("utf-8").splitlines()[date["line"] - 1]
    assert line.strip() == broken
    assert any(f["file"].endswith("other-grid.yaml") and f["rule"] == "plan-current"
               for f in findings)


def test_text_report_names_file_and_line(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    folder = _plans(tmp_path, "due: 2027-02-29")
    assert main(["check", str(folder), *AS_OF]) == 1
    out = capsys.readouterr().out
    assert "jinghua-grid.yaml:" in out
    assert "error schema 2027-02-29 is not a date in the calendar" in out


def test_fy0000_is_a_schema_finding_as_plan_year_and_as_year_key() -> None:
    data = {"plan": {"fiscal_year": "FY0000"},
            "financials": {"addressable_revenue": {"FY0000": 1, "FY2027": 2}},
            "satisfaction": {"FY0000": 100}}
    problems = impossible_dates(data)
    assert [p.path for p in problems] == [("plan", "fiscal_year"),
                                          ("financials", "addressable_revenue", "FY0000"),
                                          ("satisfaction", "FY0000")]
    assert all(p.rule == "schema" and "FY0000 is not a fiscal year" in p.message
               for p in problems)


def _every_calendar_field(node: Any, data: Any, path: tuple[str | int, ...]
                          ) -> Iterator[tuple[str, tuple[str | int, ...], Any]]:
    """(kind, path, value) for what the whole schema declares a date or fiscal year in `data`."""
    if not isinstance(node, dict):
        return
    if node.get("$ref") in ("#/$defs/date", "#/$defs/fy"):
        yield ("date" if node["$ref"] == "#/$defs/date" else "fy"), path, data
        return
    if isinstance(data, dict):
        year_keys = "FY" in str(node.get("propertyNames", {}).get("pattern", ""))
        for key, value in data.items():
            if year_keys:
                yield "fy", (*path, key), key
            child = node.get("properties", {}).get(key, node.get("additionalProperties"))
            yield from _every_calendar_field(child, value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _every_calendar_field(node.get("items"), value, (*path, index))


@cache
def _example_data() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml_text(EXAMPLE.read_text("utf-8"), EXAMPLE).data
    return data


def _value_paths(data: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    if isinstance(data, dict):
        return [path] + [p for key, value in data.items()
                         for p in _value_paths(value, (*path, key))]
    if isinstance(data, list):
        return [path] + [p for index, value in enumerate(data)
                         for p in _value_paths(value, (*path, index))]
    return [path]


def _put(data: Any, path: tuple[str | int, ...], value: Any) -> None:
    """Write `value` at `path`, when an earlier edit has left the path in place."""
    for step in path[:-1]:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return
    if isinstance(data, dict) or (isinstance(data, list) and isinstance(path[-1], int)
                                  and path[-1] < len(data)):
        data[path[-1]] = value


_VALUES = st.one_of(st.sampled_from(["2027-02-29", "0000-01-01", "FY0000", "FY2027",
                                     "2026-11-27", "2026-11-27\n"]),
                    st.dictionaries(st.sampled_from(["FY0000", "FY2026", "x_due", "due"]),
                                    st.sampled_from(["2027-02-29", "1", "FY0000"]), max_size=3),
                    st.lists(st.sampled_from(["2027-02-29", "FY0000"]), max_size=2))


@given(st.lists(st.tuples(st.sampled_from(_value_paths(_example_data())[1:]), _VALUES),
                max_size=6))
def test_the_pruned_walk_finds_every_date_the_whole_schema_declares(edits: list[Any]) -> None:
    # impossible_dates walks the schema pruned to where dates can be; it must
    # find exactly what a walk of the whole schema finds.
    data = copy.deepcopy(_example_data())
    for path, value in edits:
        _put(data, path, value)
    found: list[tuple[str, tuple[str | int, ...], Any]] = []
    _calendar_fields(_schema(), data, (), found)
    # In any order: the findings are sorted by where they point.
    assert sorted(found, key=str) == sorted(_every_calendar_field(plan_schema(), data, ()),
                                            key=str)
