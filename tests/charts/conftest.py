"""The six sample plans, checked once, for the chart tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.checker import check_paths
from generator.model import Plan
from generator.standards.config import Standards, load_standards

PLANS = Path(__file__).resolve().parents[2] / "plans"
AS_OF = dt.date(2026, 11, 27)


@pytest.fixture(scope="session")
def standards() -> Standards:
    return load_standards(None)


@pytest.fixture(scope="session")
def sample_plans(standards: Standards) -> dict[str, Plan]:
    """The sample plans by account id (all six are valid)."""
    run = check_paths([PLANS], standards, AS_OF)
    plans = {c.plan.account.id: c.plan for c in run.plans if c.plan is not None}
    assert len(plans) == 6
    return plans
