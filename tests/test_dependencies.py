"""Dependencies: what planbook imports is declared, the tested versions are the
ones `make test` installs, and a weekly job tries the newest ones."""

from __future__ import annotations

import re
import tomllib
from typing import Any

import yaml

from tests.support import REPO

PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
LATEST = REPO / ".github" / "workflows" / "latest-deps.yml"


def _requirement(group: list[str], name: str) -> str:
    [found] = [r for r in group if re.match(rf"{re.escape(name)}\b", r, re.IGNORECASE)]
    return found


def test_markupsafe_is_declared_because_it_is_imported() -> None:
    assert _requirement(PROJECT["dependencies"], "markupsafe")
    imported = [path for path in (REPO / "generator").rglob("*.py")
                if "from markupsafe import" in path.read_text("utf-8")]
    assert imported


def test_jsonschema_rs_is_bounded_to_one_minor_version() -> None:
    requirement = _requirement(PROJECT["dependencies"], "jsonschema-rs")
    match = re.fullmatch(r"jsonschema-rs>=0\.(\d+),<0\.(\d+)", requirement)
    assert match and int(match.group(2)) == int(match.group(1)) + 1, requirement


def test_dev_tools_are_pinned() -> None:
    dev = PROJECT["optional-dependencies"]["dev"]
    for tool in ("ruff", "mypy"):
        assert re.fullmatch(rf"{tool}==[\d.]+", _requirement(dev, tool))


def test_a_weekly_job_tries_the_newest_versions() -> None:
    workflow: dict[Any, Any] = yaml.safe_load(LATEST.read_text("utf-8"))
    on = workflow.get("on", workflow.get(True))
    [schedule] = on["schedule"]
    _minute, _hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit()  # once a week
    assert workflow["permissions"] == {"contents": "read"}
    [job] = workflow["jobs"].values()
    steps = job["steps"]
    for step in steps:
        if "uses" in step:
            assert re.fullmatch(r"actions/[\w-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    scripts = "\n".join(step.get("run", "") for step in steps)
    assert "--outdated" in scripts and "install --upgrade" in scripts
    for command in (".venv/bin/ruff check", ".venv/bin/mypy", ".venv/bin/pytest"):
        assert command in scripts
