"""`planbook check` starts with only what a check of valid plans needs, and
pays no cycle collection while it holds every checked plan.

Start-up is paid on every check, on one plan as on a thousand. `jsonschema`
(which explains schema errors) is imported only once a plan, standards.yaml or
people.yaml fails the compiled validator; git and the change gate only for
`--base`.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator import checker
from generator.cli import main
from generator.commands import check as check_command
from tests.support import EXAMPLE, REPO

#: modules a check of valid plans must not import
HEAVY = ("jsonschema", "generator.diff.gate", "generator.diff.git")

PROBE = """
import contextlib, io, json, sys
from generator import checker
from generator.cli import main
from generator.commands import check as check_command
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules), "out": out.getvalue()}))
"""


def _check(*args: str, cwd: Path) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", PROBE, "check", *args, "--as-of", "2026-11-27",
                           "--no-cache"], capture_output=True, text=True, cwd=cwd, check=True,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    report: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return report


def test_a_check_of_valid_plans_imports_no_schema_explainer_and_no_git(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / EXAMPLE.name).write_text(EXAMPLE.read_text("utf-8"), "utf-8")
    report = _check("plans", cwd=tmp_path)
    modules = report["modules"]
    assert isinstance(modules, list)
    assert report["code"] in (0, 1)
    assert [name for name in HEAVY if name in modules] == []


def test_a_plan_that_fails_the_schema_is_still_explained(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    text = EXAMPLE.read_text("utf-8").replace("segment: mature", "segment: huge")
    (tmp_path / "plans" / EXAMPLE.name).write_text(text, "utf-8")
    report = _check("plans", "--format", "json", cwd=tmp_path)
    findings = json.loads(str(report["out"]))["findings"]
    [schema] = [f for f in findings if f["rule"] == "schema"]
    assert schema["message"] == ('account.segment: "huge" is not allowed; '
                                 "use one of: mature, emerging")
    assert report["code"] == 1


def test_no_cycle_collection_runs_while_plans_are_checked_and_reported(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Every checked plan stays in memory until the report is written; a cycle
    # collection in between would rescan them all, for nothing (they hold no cycles).
    (tmp_path / "plans").mkdir()
    for index in range(3):
        text = EXAMPLE.read_text("utf-8").replace("id: jinghua-grid", f"id: plan-{index}")
        (tmp_path / "plans" / f"plan-{index}.yaml").write_text(text, "utf-8")
    collecting: dict[str, bool] = {}

    def watched(stage: str, real: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            collecting[stage] = gc.isenabled()
            return real(*args, **kwargs)
        return call

    monkeypatch.setattr(checker, "check_file", watched("check", checker.check_file))
    monkeypatch.setitem(check_command.REPORTERS, "json",
                        watched("report", check_command.REPORTERS["json"]))
    code = main(["check", str(tmp_path / "plans"), "--as-of", "2026-11-27", "--no-cache",
                 "--format", "json", "--jobs", "1"])
    assert code == 1 and json.loads(capsys.readouterr().out)["findings"]
    assert collecting == {"check": False, "report": False} and gc.isenabled()
