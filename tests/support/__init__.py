"""Shared test data and helpers, importable from any test file as `tests.support`.

Tests own their data: the fixture plans live under tests/fixtures/. The
`sample-plans/` folder holds sample-like plans (a frozen copy of the repository's
sample plans at the time the tests were written) so that editing `plans/` never
changes what a unit test sees; only tests/test_sample_plans.py reads `plans/`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
EXAMPLE_DIR = FIXTURES / "example-plan"
EXAMPLE = EXAMPLE_DIR / "jinghua-grid.yaml"
SAMPLE_PLANS_DIR = FIXTURES / "sample-plans"
HOSTILE_PLAN = FIXTURES / "hostile-bank.yaml"
AS_OF = dt.date(2026, 11, 27)
AS_OF_TEXT = AS_OF.isoformat()


def sample_plan_files() -> list[Path]:
    """The sample-like fixture plans, in name order."""
    return sorted(SAMPLE_PLANS_DIR.glob("*.yaml"))


def leaf_paths(data: object, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """The path of every scalar in plain data (mappings and lists), in document order."""
    if isinstance(data, dict):
        return [leaf for key, value in data.items() for leaf in leaf_paths(value, (*path, key))]
    if isinstance(data, list):
        return [leaf for i, value in enumerate(data) for leaf in leaf_paths(value, (*path, i))]
    return [path]
