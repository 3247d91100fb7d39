"""Shared fixtures: the spec's example plan, the sample-like fixture plans, a pinned as-of."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from generator.checker import CheckRun, check_paths
from generator.model import Plan
from generator.standards.config import Standards, load_standards
from tests.support import AS_OF, EXAMPLE, SAMPLE_PLANS_DIR

# Property-based tests run the same examples on every run (CI never flakes on a
# new random draw) and keep no example database in the working tree.
# HYPOTHESIS_PROFILE=explore draws new random examples, for a longer hunt. A busy
# machine makes generation slow, never wrong: speed is no health check here.
settings.register_profile("repeatable", derandomize=True, database=None, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("explore", derandomize=False, database=None, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow], max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets its own result cache and cache key, never the user's."""
    monkeypatch.setenv("PLANBOOK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("PLANBOOK_CACHE_KEY_FILE",
                       str(tmp_path_factory.mktemp("cache-key") / "cache.key"))
    # the as-of date comes from each test, never from the environment it runs in
    monkeypatch.delenv("PLANBOOK_AS_OF", raising=False)


@pytest.fixture
def example_text() -> str:
    return EXAMPLE.read_text("utf-8")


@pytest.fixture
def plans_dir(tmp_path: Path) -> Path:
    """A plans/ folder holding a copy of the example plan."""
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "jinghua-grid.yaml")
    return folder


@pytest.fixture(scope="module")
def standards() -> Standards:
    """The built-in default standards."""
    return load_standards(None)


@pytest.fixture(scope="module")
def run(standards: Standards) -> CheckRun:
    """The sample-like fixture plans, checked as of 2026-11-27."""
    return check_paths([SAMPLE_PLANS_DIR], standards, AS_OF)


@pytest.fixture(scope="module")
def plans(run: CheckRun) -> list[Plan]:
    """The sample plans that passed the schema, in path order."""
    return [c.plan for c in run.plans if c.plan is not None]
