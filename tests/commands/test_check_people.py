"""`planbook check` with and without a people registry at the repository root."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.support import EXAMPLE, FIXTURES

REGISTRY = FIXTURES / "people" / "people.yaml"
AS_OF = ["--as-of", "2026-11-27"]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    (root / "plans").mkdir(parents=True)
    for account in ("jinghua-grid", "second-account"):
        text = EXAMPLE.read_text("utf-8").replace("id: jinghua-grid", f"id: {account}", 1)
        (root / "plans" / f"{account}.yaml").write_text(text, "utf-8")
    monkeypatch.chdir(root)
    return root


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", *AS_OF, *args])
    return code, capsys.readouterr().out


def test_without_a_registry_the_rules_say_so_once(repo: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(capsys, "--strict")
    assert code == 0
    lines = out.splitlines()
    assert lines == [
        "note: no people.yaml at the repository root: the rules unknown-person, "
        "review-authority, waiver-authority did not run (see docs/format.md, People registry)",
        "2 plans checked: 0 errors, 0 warnings, 2 waived"]
    code, out = check(capsys, "--format", "json")
    assert len(json.loads(out)["notes"]) == 1


def test_santa_claus_approving_a_waiver_is_a_finding_and_waives_nothing(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(REGISTRY, repo / "people.yaml")
    assert check(capsys, "--strict") == (0, "2 plans checked: 0 errors, 0 warnings, 2 waived\n")
    plan = repo / "plans" / "jinghua-grid.yaml"
    plan.write_text(plan.read_text("utf-8").replace("approved_by: Zhou Min",
                                                    "approved_by: Santa Claus"), "utf-8")
    code, out = check(capsys)
    assert code == 1
    assert ("plans/jinghua-grid.yaml:224:5: error unknown-person the waiver for `deployment` "
            "is approved by `Santa Claus`, who is not in people.yaml") in out
    # The finding it meant to waive is open again.
    assert "plans/jinghua-grid.yaml:131:5: warning deployment " in out
    assert out.endswith("2 plans checked: 1 error, 1 warning, 1 waived\n")


def test_the_registry_is_found_from_a_subfolder(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    registry = REGISTRY.read_text("utf-8").replace("name: Zhou Min", "name: Zhou Ming")
    (repo / "people.yaml").write_text(registry.replace("manager: Zhou Min", "manager: Zhou Ming"),
                                      "utf-8")
    monkeypatch.chdir(repo / "plans")
    code, out = check(capsys)
    assert code == 1
    assert "error unknown-person the plan is reviewed by `Zhou Min`" in out
    assert "did you mean `Zhou Ming`?" in out


def test_a_bad_registry_stops_the_check(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "people.yaml").write_text("people:\n  - {name: Ana, email: a@x.com, roles: []}\n",
                                      "utf-8")
    code = main(["check", *AS_OF])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    assert captured.err.startswith("planbook: people.yaml:2:")
    assert "roles: [] should be non-empty" in captured.err
