"""Fixtures for the renderer: the example plan checked for real, and its pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.checker import CheckRun, check_paths
from generator.render import render_pages
from generator.standards.config import Standards, load_standards
from tests.support import AS_OF, EXAMPLE_DIR


@pytest.fixture(scope="session")
def standards() -> Standards:
    return load_standards(None)


@pytest.fixture(scope="session")
def example_run(standards: Standards) -> CheckRun:
    return check_paths([EXAMPLE_DIR], standards, AS_OF)


@pytest.fixture(scope="session")
def example_pages(example_run: CheckRun, standards: Standards) -> dict[str, str]:
    return render_pages(example_run, standards, AS_OF)


@pytest.fixture(scope="session")
def example_page(example_pages: dict[str, str]) -> str:
    return example_pages["accounts/jinghua-grid.md"]


@pytest.fixture
def plan_folder(tmp_path: Path) -> Path:
    """An empty plans/ folder to copy or write plans into."""
    folder = tmp_path / "plans"
    folder.mkdir()
    return folder


@pytest.fixture
def example_copy(plan_folder: Path) -> Path:
    shutil.copy(EXAMPLE_DIR / "jinghua-grid.yaml", plan_folder / "jinghua-grid.yaml")
    return plan_folder / "jinghua-grid.yaml"
