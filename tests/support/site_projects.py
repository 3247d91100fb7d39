"""Throw-away plan repositories for site tests: the real mkdocs.yml and docs/,
the sample-like fixture plans, the spec's example plan and a hostile plan, built as of a
pinned date. Shared by tests/site and tests/browser."""

from __future__ import annotations

import contextlib
import io
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.cli import main
from tests.support import AS_OF_TEXT as AS_OF
from tests.support import EXAMPLE as EXAMPLE_PLAN
from tests.support import HOSTILE_PLAN, REPO, sample_plan_files

__all__ = ["AS_OF", "EXAMPLE_PLAN", "HOSTILE_PLAN", "SAMPLE_PLANS", "BuiltSite", "Outcome",
           "account_ids", "build", "make_project", "planbook"]

SAMPLE_PLANS = sample_plan_files()


@dataclass(frozen=True)
class Outcome:
    """What a user sees from one `planbook` run."""

    code: int
    out: str
    err: str


@dataclass(frozen=True)
class BuiltSite:
    """A site built for tests to read: its repository, output and the build's output."""

    root: Path
    site: Path
    outcome: Outcome
    account_ids: tuple[str, ...]


def make_project(root: Path, plans: Iterable[Path] = (*SAMPLE_PLANS, EXAMPLE_PLAN)) -> Path:
    """A plan repository at `root` with the project's site configuration; its mkdocs.yml."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copy(REPO / "standards.yaml", root / "standards.yaml")
    shutil.copytree(REPO / "docs", root / "docs")
    (root / "plans").mkdir()
    for plan in plans:
        shutil.copy(plan, root / "plans" / plan.name)
    return root / "mkdocs.yml"


def planbook(*args: str | Path) -> Outcome:
    """Run the planbook command line in-process, capturing what it prints."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as stop:  # argparse usage errors
            code = stop.code if isinstance(stop.code, int) else 2
    return Outcome(code, out.getvalue(), err.getvalue())


def build(config: Path, out: Path, *extra: str | Path) -> Outcome:
    return planbook("build", "--config", config, "--out", out, "--as-of", AS_OF, *extra)


def account_ids(plans: Sequence[Path]) -> list[str]:
    """Account ids of plan files (each file is named after its account)."""
    return [plan.stem for plan in plans]
