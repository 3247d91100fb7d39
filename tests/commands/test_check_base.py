"""`planbook check --base REV`: the pull-request gate, in throw-away git repositories.

Each repository starts on `main` with two plans made from the fixture example:
`jinghua-grid` (passes, but for one competition warning) and `old-debt`
(carries errors and warnings of its own). A branch then changes something,
and the gate must judge only that change.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.support import EXAMPLE
from tests.support.git_repo import commit, edit, git

AS_OF = ["--as-of", "2026-11-27"]

COMPETITOR_STRATEGIES = (
    "    strategy: Lead with dispatch analytics outcomes and the partner's grid references.\n",
    "    strategy: Tie E5 security value to the cost COS.\n",
)
COST_COS_COMMITMENT = ("    customer_commitments:\n"
                       "      - Retire the legacy mail platform by 2027-09\n")
COMPETITION_WAIVER = ("  - rule: competition\n"
                      "    reason: Single-source framework agreement until 2027.\n"
                      "    approved_by: Zhou Min\n"
                      "    expires: 2027-02-28\n")


def without_strategies(text: str) -> str:
    for line in COMPETITOR_STRATEGIES:
        text = text.replace(line, "")
    return text


def old_debt_plan(text: str) -> str:
    """The example as another account that carries old errors and warnings:
    cos-reciprocal (error), action-overdue and competition (warnings)."""
    text = text.replace("id: jinghua-grid", "id: old-debt", 1)
    text = text.replace("Jinghua Power Grid Co., Ltd.", "Old Debt Ltd.", 1)
    text = text.replace(COST_COS_COMMITMENT, "", 1)
    text = text.replace("    due: 2026-12-20\n", "    due: 2026-11-01\n", 1)
    return without_strategies(text)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    (root / "plans").mkdir(parents=True)
    text = EXAMPLE.read_text("utf-8")
    (root / "plans" / "jinghua-grid.yaml").write_text(without_strategies(text), "utf-8")
    (root / "plans" / "old-debt.yaml").write_text(old_debt_plan(text), "utf-8")
    git(root, "init", "-q")
    commit(root, "two plans")
    git(root, "checkout", "-q", "-b", "feature")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def plan(repo: Path) -> Path:
    return repo / "plans" / "jinghua-grid.yaml"


def gate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", "--base", "main", *AS_OF, *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def gate_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object]]:
    code, out, _ = gate(capsys, "--format", "json", *args)
    return code, json.loads(out)


def findings(document: dict[str, object]) -> list[dict[str, object]]:
    found = document["findings"]
    assert isinstance(found, list)
    return found


def test_the_base_alone_fails_a_plain_check(repo: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", *AS_OF]) == 1
    out = capsys.readouterr().out
    assert "error cos-reciprocal" in out and "warning action-overdue" in out


def test_a_branch_that_only_adds_a_valid_waiver_passes(
        repo: Path, plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with plan.open("a", encoding="utf-8") as file:
        file.write(COMPETITION_WAIVER)
    commit(repo, "waive the competition standard")
    code, out, err = gate(capsys, "--strict")
    assert (code, err) == (0, "")
    # Every finding is still reported: the other plan's as pre-existing.
    debt = [line for line in out.splitlines() if line.startswith("plans/old-debt.yaml")]
    assert debt[0].startswith("plans/old-debt.yaml:71:5: error cos-reciprocal COS `cos-cost`")
    assert any(" warning action-overdue " in line for line in debt)
    assert all(line.endswith("(pre-existing)") for line in out.splitlines()
               if line.startswith("plans/") and ": " in line and ".yaml:" in line)
    assert "Fix first" not in out  # nothing is this change's to fix
    assert ("Judged against the merge base of main and HEAD (" in out
            and "): 0 introduced by this change, 3 pre-existing (never fail), 0 fixed" in out)


def test_a_finding_introduced_and_waived_in_the_same_change_is_introduced_but_never_fails(
        repo: Path, plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(plan, "    due: 2026-12-20\n", "    due: 2026-11-01\n")
    with plan.open("a", encoding="utf-8") as file:
        file.write("  - rule: action-overdue\n"
                   "    reason: The TCO study waits for the customer's Q4 figures.\n"
                   "    approved_by: Zhou Min\n"
                   "    expires: 2027-01-31\n")
    commit(repo, "an overdue action, waived")
    code, document = gate_json(capsys, "--strict")
    assert code == 0  # waived: never a failure
    [overdue] = [f for f in findings(document)
                 if (f["account"], f["rule"]) == ("jinghua-grid", "action-overdue")]
    assert overdue["waived"] is True and overdue["introduced"] is True
    still_old = [f for f in findings(document) if f["account"] == "old-debt"]
    assert still_old and not any(f["introduced"] for f in still_old)


def test_findings_in_json_say_whether_the_change_introduced_them(
        repo: Path, plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(plan, COST_COS_COMMITMENT, "")
    code, document = gate_json(capsys)
    assert code == 1
    by_rule = {(f["account"], f["rule"]): f["introduced"] for f in findings(document)}
    assert by_rule[("jinghua-grid", "cos-reciprocal")] is True
    assert by_rule[("old-debt", "cos-reciprocal")] is False
    assert by_rule[("jinghua-grid", "competition")] is False
    assert all(isinstance(f["introduced"], bool) for f in findings(document))
    change, summary = document["change"], document["summary"]
    assert isinstance(change, dict) and isinstance(summary, dict)
    assert change["introduced"] == 1 and change["pre_existing"] == 4
    assert summary["errors"] == 2  # the summary still counts every finding


def test_a_branch_that_introduces_an_error_fails(
        repo: Path, plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(plan, COST_COS_COMMITMENT, "")
    commit(repo, "drop the customer's commitment")
    code, out, _ = gate(capsys)
    assert code == 1
    [line] = [line for line in out.splitlines() if line.startswith("plans/jinghua-grid")
              and " error " in line]
    assert line.startswith("plans/jinghua-grid.yaml:71:5: error cos-reciprocal COS `cos-cost`")
    assert not line.endswith("(pre-existing)")
    assert "1 introduced by this change" in out
    assert "Fix first: the 1 error, starting at plans/jinghua-grid.yaml:71" in out


def test_an_introduced_warning_fails_only_with_strict(
        repo: Path, plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(plan, "    due: 2026-12-20\n", "    due: 2026-11-02\n")  # an action now overdue
    assert gate(capsys)[0] == 0
    code, out, _ = gate(capsys, "--strict")
    assert code == 1
    assert "warning action-overdue" in out


def test_time_passing_alone_introduces_nothing(
        repo: Path, plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Months later, with an unrelated edit: the plans have aged on both sides.
    edit(plan, "  region: China North", "  region: China North-East")
    code = main(["check", "--base", "main", "--as-of", "2027-04-01", "--strict",
                 "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    rules = {f["rule"] for f in findings(document) if f["account"] == "jinghua-grid"}
    assert {"plan-current", "action-overdue", "waiver-expired"} <= rules
    assert code == 0
    assert not [f for f in findings(document) if f["introduced"]]


def test_moved_lines_introduce_nothing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    debt = repo / "plans" / "old-debt.yaml"
    edit(debt, "format: 1\n", "format: 1\n# A comment that moves every line down.\n\n")
    code, out, _ = gate(capsys, "--strict")
    assert code == 0
    assert "plans/old-debt.yaml:73:5: error cos-reciprocal" in out  # two lines lower


def test_a_renamed_account_introduces_and_fixes_nothing(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(repo, "mv", "plans/old-debt.yaml", "plans/new-name.yaml")
    edit(repo / "plans" / "new-name.yaml", "id: old-debt", "id: new-name")
    commit(repo, "the account is renamed")
    code, out, _ = gate(capsys, "--strict")
    assert code == 0
    assert "plans/new-name.yaml:71:5: error cos-reciprocal" in out
    assert "0 introduced by this change, 4 pre-existing (never fail), 0 fixed" in out
    # planbook diff agrees: the unchanged findings are neither introduced nor fixed.
    assert main(["diff", "main...HEAD", *AS_OF]) == 0
    diff = capsys.readouterr().out
    assert "(`new-name`) — plan file renamed" in diff
    assert "No finding introduced or fixed." in diff


def test_a_portfolio_finding_the_change_causes_in_another_plan(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    standards = repo / "standards.yaml"
    defaults = Path(__file__).parents[2] / "generator" / "standards" / "defaults.yaml"
    standards.write_text(defaults.read_text("utf-8").replace(
        "accounts_per_manager: {target: 10, max: 12}",
        "accounts_per_manager: {target: 2, max: 2}"), "utf-8")
    commit(repo, "standards")
    third = EXAMPLE.read_text("utf-8").replace("id: jinghua-grid", "id: third", 1)
    (repo / "plans" / "third.yaml").write_text(third, "utf-8")
    code, document = gate_json(capsys, "--strict")
    assert code == 1
    load = [(f["account"], f["introduced"]) for f in findings(document)
            if f["rule"] == "manager-load"]
    # Li Wei now owns three plans: the two unchanged ones get the finding too.
    assert sorted(load) == [("jinghua-grid", True), ("old-debt", True), ("third", True)]


def test_a_fix_is_counted(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    debt = repo / "plans" / "old-debt.yaml"
    edit(debt, "    due: 2026-11-01\n", "    due: 2026-12-20\n")
    code, out, _ = gate(capsys)
    assert code == 0
    assert "0 introduced by this change, 3 pre-existing (never fail), 1 fixed" in out


def test_paths_narrow_both_sides(repo: Path, plan: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = gate(capsys, "plans/jinghua-grid.yaml")
    assert code == 0
    assert "old-debt" not in out
    assert "1 plan checked" in out and "0 introduced by this change, 1 pre-existing" in out


def test_github_format_shows_pre_existing_findings_as_notices(
        repo: Path, plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(plan, COST_COS_COMMITMENT, "")
    code, out, _ = gate(capsys, "--format", "github")
    assert code == 1
    assert ("::error file=plans/jinghua-grid.yaml,line=71,col=5,title=cos-reciprocal::"
            in out)
    assert ("::notice file=plans/old-debt.yaml,line=71,col=5,"
            "title=cos-reciprocal (pre-existing)::" in out)


def test_sarif_marks_the_baseline_state(repo: Path, plan: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    edit(plan, COST_COS_COMMITMENT, "")
    gate(capsys)  # warm nothing: each run is independent
    code = main(["check", "--base", "main", *AS_OF, "--format", "sarif"])
    document = json.loads(capsys.readouterr().out)
    states = {(r["properties"]["account"], r["ruleId"]): r["baselineState"]
              for r in document["runs"][0]["results"]}
    assert code == 1
    assert states[("jinghua-grid", "cos-reciprocal")] == "new"
    assert states[("old-debt", "cos-reciprocal")] == "unchanged"


@pytest.mark.parametrize(("base", "message"), [
    ("no-such-branch", "unknown revision `no-such-branch`"),
])
def test_a_bad_base_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str],
                                     base: str, message: str) -> None:
    code = main(["check", "--base", base, *AS_OF])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert message in captured.err and "Traceback" not in captured.err


def test_outside_a_repository_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "loose"
    (folder / "plans").mkdir(parents=True)
    shutil.copy(EXAMPLE, folder / "plans" / "jinghua-grid.yaml")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(folder)
    code = main(["check", "--base", "main", *AS_OF])
    captured = capsys.readouterr()
    assert code == 2
    assert "is not inside a git repository" in captured.err


def test_a_shallow_clone_is_told_to_fetch_the_history(repo: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "plans" / "old-debt.yaml").unlink()
    commit(repo, "the branch moves on")
    git(repo, "checkout", "-q", "main")
    edit(repo / "plans" / "jinghua-grid.yaml", "  region: China North", "  region: China")
    commit(repo, "main moves on")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", "--no-single-branch",
        f"file://{repo}", str(shallow))
    monkeypatch.chdir(shallow)
    git(shallow, "checkout", "-q", "feature")
    code = main(["check", "--base", "origin/main", *AS_OF])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    assert "this is a shallow clone: fetch the history" in captured.err
    assert "fetch-depth: 0" in captured.err


def test_deleting_a_plan_fixes_nothing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A deleted plan's findings are gone with it, not fixed.
    git(repo, "rm", "-q", "plans/old-debt.yaml")
    commit(repo, "retire the old account")
    code, document = gate_json(capsys)
    change = document["change"]
    assert isinstance(change, dict)
    assert (code, change["fixed"]) == (0, 0)
