"""Shared fixtures: the spec's example plan and a pinned as-of date."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = FIXTURES / "example-plan" / "jinghua-grid.yaml"
AS_OF = dt.date(2026, 11, 27)


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets its own result cache, never the user's."""
    monkeypatch.setenv("PLANBOOK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


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
