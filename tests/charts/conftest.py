"""The six sample-like fixture plans, checked once, for the chart tests."""

from __future__ import annotations

import pytest

from generator.checker import check_paths
from generator.model import Plan
from generator.standards.config import Standards, load_standards
from tests.support import AS_OF, SAMPLE_PLANS_DIR


@pytest.fixture(scope="session")
def standards() -> Standards:
    return load_standards(None)


@pytest.fixture(scope="session")
def sample_plans(standards: Standards) -> dict[str, Plan]:
    """The sample plans by account id (all six are valid)."""
    run = check_paths([SAMPLE_PLANS_DIR], standards, AS_OF)
    plans = {c.plan.account.id: c.plan for c in run.plans if c.plan is not None}
    assert len(plans) == 6
    return plans
