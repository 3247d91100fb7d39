"""Adding a plan to the repository never breaks the test suite: the tests own
their data (tests/fixtures/), so a copy of the repository with one more plan,
written by `planbook new`, passes the tests that once read plans/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.support import REPO

# The test files that read the sample plans before they moved to tests/fixtures/.
FORMERLY_READING_PLANS = [
    "tests/test_portfolio.py",
    "tests/test_exports.py",
    "tests/render/test_portfolio_views.py",
    "tests/charts",
    "tests/render/test_home_glance.py",
    "tests/render/test_portfolio_pages.py",
]
COPIED = ["generator", "tests", "plans", "docs", "mkdocs.yml", "standards.yaml", "pyproject.toml"]


def _copy_repository(target: Path) -> None:
    # Not "site": that would drop generator/site, and a built site/ is not copied anyway.
    ignore = shutil.ignore_patterns("__pycache__", ".pytest_cache")
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        elif source.is_file():
            shutil.copy(source, target / name)


def test_a_new_plan_leaves_the_fixture_based_tests_green(tmp_path: Path) -> None:
    copy = tmp_path / "repository"
    _copy_repository(copy)
    env = {key: value for key, value in os.environ.items()
           if key not in ("PLANBOOK_UPDATE_GOLDEN", "PYTEST_ADDOPTS")}
    env["PLANBOOK_CACHE_DIR"] = str(tmp_path / "cache")
    new = subprocess.run(
        [sys.executable, "-m", "generator", "new", "acme-bank", "--owner", "Li Wei",
         "--fiscal-year", "FY2027"],
        cwd=copy, env=env, capture_output=True, text=True, check=False)
    assert new.returncode == 0, new.stderr
    assert (copy / "plans" / "acme-bank.yaml").is_file()

    suite = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         *FORMERLY_READING_PLANS],
        cwd=copy, env=env, capture_output=True, text=True, check=False)
    assert suite.returncode == 0, suite.stdout[-4000:] + suite.stderr[-2000:]
    assert " passed" in suite.stdout and " failed" not in suite.stdout

    # The skeleton still has blanks to fill in (findings), but the site builds.
    build = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--out", str(tmp_path / "site"),
         "--as-of", "2026-11-27"],
        cwd=copy, env=env, capture_output=True, text=True, check=False)
    assert build.returncode == 0, build.stderr[-4000:]
    assert (tmp_path / "site" / "accounts" / "acme-bank.html").is_file()
