"""`planbook codeowners [--check]`: CODEOWNERS written from people.yaml, and kept in step."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.support import EXAMPLE, FIXTURES

REGISTRY = FIXTURES / "people" / "people.yaml"
CODEOWNERS = Path(".github") / "CODEOWNERS"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A plans repository: the example plan, a second plan, the spec's registry."""
    root = tmp_path / "repo"
    (root / "plans" / "emea").mkdir(parents=True)
    shutil.copy(EXAMPLE, root / "plans" / "jinghua-grid.yaml")
    second = EXAMPLE.read_text("utf-8").replace("id: jinghua-grid", "id: acme", 1)
    (root / "plans" / "emea" / "acme.yaml").write_text(
        second.replace("owner: Li Wei ", "owner: Zhou Min", 1), "utf-8")
    shutil.copy(REGISTRY, root / "people.yaml")
    monkeypatch.chdir(root)
    return root


def codeowners(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["codeowners", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def owner_lines(root: Path) -> list[str]:
    text = (root / CODEOWNERS).read_text("utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def test_writes_each_plan_to_its_owner_and_manager(repo: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = codeowners(capsys)
    assert (code, err) == (0, "")
    assert "wrote .github/CODEOWNERS: 2 plans" in out
    assert owner_lines(repo) == [
        "/plans/ @sarah-klein",
        "/standards.yaml @sarah-klein",
        "/people.yaml @sarah-klein",
        "/.github/ @sarah-klein",
        "/plans/emea/acme.yaml @zhou-min @sarah-klein",
        "/plans/jinghua-grid.yaml @li-wei @zhou-min",
    ]
    # Deterministic: a second run changes nothing, and the check agrees.
    assert codeowners(capsys)[1] == ".github/CODEOWNERS is already up to date\n"
    assert codeowners(capsys, "--check")[0] == 0


def test_a_stale_codeowners_is_a_finding(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    codeowners(capsys)
    plan = repo / "plans" / "jinghua-grid.yaml"
    plan.write_text(plan.read_text("utf-8").replace("owner: Li Wei ", "owner: Zhou Min", 1),
                    "utf-8")
    before = (repo / CODEOWNERS).read_text("utf-8")
    code, out, err = codeowners(capsys, "--check")
    assert code == 1
    assert (".github/CODEOWNERS is out of date: run `planbook codeowners` and commit "
            ".github/CODEOWNERS with your change") in err
    assert "-/plans/jinghua-grid.yaml @li-wei @zhou-min\n" in out
    assert "+/plans/jinghua-grid.yaml @zhou-min @sarah-klein\n" in out
    assert (repo / CODEOWNERS).read_text("utf-8") == before  # --check writes nothing


def test_a_missing_codeowners_fails_the_check(repo: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = codeowners(capsys, "--check")
    assert code == 1 and ".github/CODEOWNERS is missing" in err
    assert not (repo / ".github").exists()


def test_people_without_a_handle_are_named(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    registry = repo / "people.yaml"
    registry.write_text(registry.read_text("utf-8").replace("    github: li-wei\n", ""),
                        "utf-8")
    acme = repo / "plans" / "emea" / "acme.yaml"
    acme.write_text(acme.read_text("utf-8").replace("owner: Zhou Min", "owner: Santa Claus"),
                    "utf-8")
    (repo / "plans" / "broken.yaml").write_text("plan: [\n", "utf-8")
    code, _, err = codeowners(capsys)
    assert code == 0
    assert ("planbook codeowners: plans/jinghua-grid.yaml: Li Wei has no `github` handle in "
            "people.yaml; add it, so the plan's reviews reach them") in err
    assert ("planbook codeowners: plans/emea/acme.yaml: the owner Santa Claus is not in "
            "people.yaml; its changes go to the standards owners") in err
    assert "plans/broken.yaml: cannot be read" in err
    lines = owner_lines(repo)
    assert "/plans/jinghua-grid.yaml @zhou-min" in lines
    assert not [line for line in lines if "acme" in line or "broken" in line]


def test_without_a_registry_it_says_why(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "people.yaml").unlink()
    code, out, err = codeowners(capsys)
    assert code == 2 and out == ""
    assert "no people.yaml at the repository root" in err and "Traceback" not in err


def test_a_bad_registry_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "people.yaml").write_text("people:\n  - {name: Ana}\n", "utf-8")
    code, _, err = codeowners(capsys)
    assert code == 2
    assert err == "planbook: people.yaml:2:6: people.0: 'email' is a required property\n"
