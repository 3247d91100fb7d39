"""`planbook check` on mutated plans: a finding or a clean pass, never a
traceback, a hang or an internal error (property-based, Hypothesis).

The spec's example plan is mutated the way authors and attackers do: values
of the wrong type, impossible or far dates, tiny and huge numbers, long
strings, Unicode and control characters, deleted, duplicated and unknown
keys, and lines of the file deleted or repeated. Whatever comes out, check
exits 0 or 1, prints JSON that parses, and no rule reports that it could not
evaluate the plan.

CI runs a fixed budget (derandomized: the same examples every run, a few
seconds); `make fuzz` runs a longer, random one
(PLANBOOK_FUZZ_EXAMPLES=…, PLANBOOK_FUZZ_RANDOM=1).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from tests.support import EXAMPLE, REPO

EXAMPLES = int(os.environ.get("PLANBOOK_FUZZ_EXAMPLES", "80"))
RANDOM = os.environ.get("PLANBOOK_FUZZ_RANDOM") == "1"
BUDGET = settings(max_examples=EXAMPLES, derandomize=not RANDOM, deadline=None,
                  database=None, suppress_health_check=[HealthCheck.too_slow])
DEFAULT_STANDARDS = REPO / "generator" / "standards" / "defaults.yaml"
AS_OF = "2026-11-27"

EXAMPLE_TEXT = EXAMPLE.read_text("utf-8")
EXAMPLE_DATA: dict[str, Any] = yaml.safe_load(EXAMPLE_TEXT)
LINES = EXAMPLE_TEXT.splitlines(keepends=True)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if path:
        yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


PATHS = sorted(_paths(EXAMPLE_DATA), key=str)

CONTROL = "\x00\x07\x08\x0b\x0c\x1b\x7f\x85\u2028\u2029\u202e\u2066\ufeff\u200b"
text_values = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.sampled_from(list(CONTROL) + list("ab <>&'\"\\:#-{}[]*!|%@`")),
            max_size=30),
    st.sampled_from(["", " ", "NO", "on", "~", "null", "1.0", "0777", "2,500,000", "FY0000",
                     "FY9999", "FY27", "2027-02-29", "0000-01-01", "27/11/2026",
                     "<script>alert(1)</script>", "::error file=x,line=1::forged",
                     "京华电网有限公司", "x_", "TODO", "javascript:alert(1)"]),
    st.integers(min_value=0, max_value=40_000).map(lambda n: "x" * n),
)
number_values = st.one_of(
    st.integers(), st.integers(min_value=-(10 ** 40), max_value=10 ** 40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, 1e-300, 1e15, 1e15 + 1, 10 ** 29, 1e400, 0.5, 200, 201]),
)
date_values = st.one_of(
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.sampled_from([dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(1900, 1, 1)]),
)
scalar_values = st.one_of(st.none(), st.booleans(), text_values, number_values, date_values)
any_values = st.recursive(
    scalar_values,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=12,
)


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        data = data[step]
    return data


@st.composite
def data_mutations(draw: st.DrawFn) -> dict[str, Any]:
    """The example's data with a few values replaced, deleted or added."""
    data = copy.deepcopy(EXAMPLE_DATA)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        path = draw(st.sampled_from(PATHS))
        try:
            parent = _parent(data, path)
            parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced it
        action = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(any_values)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["x_own", "unknown_key", "id", "name", "ammount"]))] = (
                draw(any_values))
        else:
            parent.append(draw(any_values))
    return data


@st.composite
def text_mutations(draw: st.DrawFn) -> str:
    """The example's text with lines deleted, repeated (duplicate keys) or changed."""
    lines = list(LINES)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        action = draw(st.sampled_from(["delete", "repeat", "date", "control"]))
        if action == "delete":
            del lines[index]
        elif action == "repeat":
            lines.insert(index, lines[index])
        elif action == "date":
            day = draw(st.sampled_from(["2027-02-29", "0000-01-01", "9999-12-31",
                                        "2026-13-40", "0001-01-01"]))
            lines = [line.replace("2027-01-31", day) for line in lines]
        else:
            char = draw(st.sampled_from(list(CONTROL)))
            lines[index] = lines[index].replace(" ", char, 1)
        if not lines:
            break
    return "".join(lines)


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@contextlib.contextmanager
def _repository(text: str) -> Iterator[Path]:
    """A throw-away repository holding the one plan, as the working folder."""
    previous = Path.cwd()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "plans").mkdir()
        (root / "plans" / "jinghua-grid.yaml").write_text(text, "utf-8")
        os.chdir(root)
        try:
            yield root
        finally:
            os.chdir(previous)


def _check_in_process(text: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    with _repository(text), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["check", "plans", "--as-of", AS_OF, "--format", "json",
                         "--standards", str(DEFAULT_STANDARDS), "--no-cache"])
        except SystemExit as stop:  # pragma: no cover - a usage error would be a bug here
            code = stop.code if isinstance(stop.code, int) else 2
    _assert_well_behaved(code, out.getvalue(), err.getvalue())


def _assert_well_behaved(code: int, out: str, err: str) -> None:
    assert code in (0, 1), (code, err)
    assert "Traceback" not in err, err
    report = json.loads(out)
    assert report["summary"]["plans"] == 1
    internal = [f for f in report["findings"] if "could not evaluate" in f["message"]]
    assert internal == [], internal


@BUDGET
@given(data_mutations())
def test_check_survives_mutated_values(data: dict[str, Any]) -> None:
    _check_in_process(_dump(data))


@BUDGET
@given(text_mutations())
def test_check_survives_mutated_lines(text: str) -> None:
    _check_in_process(text)


def test_check_survives_a_hostile_plan_in_its_own_process(tmp_path: Path) -> None:
    data = copy.deepcopy(EXAMPLE_DATA)
    data["account"]["name"] = "A\u2028B\x1b[2K\n::error file=x::forged"
    data["financials"]["long_term_potential"] = float("nan")
    data["plan"]["last_reviewed"] = "2027-02-29"
    data["opportunities"][0]["amount"] = 10 ** 29
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "jinghua-grid.yaml").write_text(_dump(data), "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "generator", "check", "plans", "--as-of", AS_OF,
         "--format", "json", "--standards", str(DEFAULT_STANDARDS), "--no-cache"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)})
    _assert_well_behaved(done.returncode, done.stdout, done.stderr)
    assert json.loads(done.stdout)["summary"]["errors"] >= 3
