"""`planbook diff`: plan changes between git revisions, in temporary git repositories."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.support.git_repo import commit, edit, git

FIXTURES = Path(__file__).parents[1] / "fixtures"
EXAMPLE = FIXTURES / "example-plan" / "jinghua-grid.yaml"
AS_OF = ["--as-of", "2026-11-27"]


SMALL_PLAN = """\
format: 1
account: {id: new-account, name: New Account Co., industry: Retail, segment: emerging}
plan: {fiscal_year: FY2027, owner: Ana Ruiz, last_reviewed: 2026-11-02, summary: Just started.}
team: [{name: Ana Ruiz, role: Account Manager}]
currency: USD
financials:
  long_term_potential: 900000
  addressable_revenue: {FY2026: 100000, FY2027: 150000}
  revenue_target: 150000
"""


COST_COS_COMMITMENT = ("    customer_commitments:\n"
                       "      - Retire the legacy mail platform by 2027-09\n")


def second_plan(root: Path, account: str) -> Path:
    """Another valid plan: the example under a new account id (and its own owner)."""
    path = root / "plans" / f"{account}.yaml"
    text = EXAMPLE.read_text("utf-8").replace("id: jinghua-grid", f"id: {account}", 1)
    path.write_text(text.replace("Jinghua Power Grid Co., Ltd.", f"{account} Ltd.", 1), "utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository on `main` whose one commit holds plans/jinghua-grid.yaml."""
    root = tmp_path / "repo"
    (root / "plans").mkdir(parents=True)
    shutil.copy(EXAMPLE, root / "plans" / "jinghua-grid.yaml")
    git(root, "init", "-q")
    commit(root, "base")
    # Never find an enclosing repository above tmp_path, whatever the machine.
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def plan(repo: Path) -> Path:
    return repo / "plans" / "jinghua-grid.yaml"


def run_diff(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["diff", *args, *AS_OF])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_changes_are_named_with_old_and_new_values(
        repo: Path, plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(plan, "    stage: propose\n    amount: 8600000",
         "    stage: negotiate\n    amount: 9100000")
    edit(plan, "    stance: neutral\n", "    stance: champion\n")
    edit(plan, "    FY2027: 29000000\n", "    FY2027: 30500000\n")
    edit(plan, "  last_reviewed: 2026-11-10", "  last_reviewed: 2026-11-20")
    edit(plan, "  - id: act-procurement", "  - id: act-board\n    what: Brief the board\n"
               "    owner: Li Wei\n    due: 2027-01-20\n    status: open\n"
               "  - id: act-procurement")
    code, out, err = run_diff(capsys, "HEAD")
    assert (code, err) == (0, "")
    assert ("- opportunity `opp-dispatch-analytics`: stage propose -> negotiate; "
            "amount CNY 8,600,000 -> 9,100,000 (+500,000)") in out
    assert "- stakeholder Liu Yang: stance neutral -> champion" in out
    assert "- AR FY2027 CNY 29,000,000 -> 30,500,000 (+1,500,000)" in out
    assert "- last_reviewed 2026-11-10 -> 2026-11-20" in out
    assert ("- new action `act-board`: Brief the board — owner Li Wei, due 2027-01-20, "
            "status open") in out
    assert "### Jinghua Power Grid Co., Ltd. (`jinghua-grid`)" in out


def test_unchanged_content_stays_out(repo: Path, plan: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    edit(plan, "    stance: neutral\n", "    stance: champion\n")
    _, out, _ = run_diff(capsys, "HEAD")
    for unchanged in ("opp-ea-renewal", "Zhang Ming", "Financials", "Opportunities",
                      "Kingsoft", "act-tco", "summary"):
        assert unchanged not in out
    assert "**1 plan changed**" in out


def test_reordering_a_list_is_no_change(repo: Path, plan: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    edit(plan, "  - name: Neusoft\n    role: Analytics implementation\n", "")
    edit(plan, "    role: Licensing solution partner\n",
         "    role: Licensing solution partner\n  - name: Neusoft\n"
         "    role: Analytics implementation\n")
    _, out, _ = run_diff(capsys, "HEAD")
    assert "Only comments or layout changed" in out
    assert "Partners" not in out


def test_removed_items_and_list_entries(repo: Path, plan: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    edit(plan, "  - name: Kingsoft Office\n    footprint: Desktop productivity in 3 subsidiaries\n"
               "    threat: medium\n    strategy: Tie E5 security value to the cost COS.\n", "")
    edit(plan, "    products: [Azure Synapse, Power BI Premium]",
         "    products: [Azure Synapse, Azure OpenAI]")
    _, out, _ = run_diff(capsys, "HEAD")
    assert "- removed competitor Kingsoft Office: threat medium" in out
    assert ("- opportunity `opp-dispatch-analytics`: products: added “Azure OpenAI”; "
            "removed “Power BI Premium”") in out


def test_findings_introduced_and_fixed(repo: Path, plan: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    # Base: an overdue action. Head: it is done (fixed), and the cost COS has
    # lost the customer's commitment (introduced).
    edit(plan, "    due: 2026-12-20\n    status: open", "    due: 2026-11-01\n    status: open")
    commit(repo, "overdue action")
    edit(plan, "    due: 2026-11-01\n    status: open", "    due: 2026-11-01\n    status: done")
    edit(plan, COST_COS_COMMITMENT, "")
    code, out, _ = run_diff(capsys, "HEAD")
    assert code == 0
    introduced, fixed = out.split("**Introduced (1)**")[1].split("**Fixed (1)**")
    assert "`cos-reciprocal` in `jinghua-grid`: COS `cos-cost` lists no commitments" in introduced
    assert "❌ error" in introduced
    assert "✅ `action-overdue` in `jinghua-grid`" in fixed
    assert "**findings: 1 introduced, 1 fixed**" in out


def test_moving_a_block_does_not_change_findings(repo: Path, plan: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    edit(plan, COST_COS_COMMITMENT, "")
    commit(repo, "a finding on both sides")
    edit(plan, "format: 1\n", "format: 1\n# A comment that moves every line down.\n\n")
    _, out, _ = run_diff(capsys, "HEAD")
    assert "No finding introduced or fixed." in out


def test_a_new_waiver_is_listed_for_approval(repo: Path, plan: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    edit(plan, "  - name: Kingsoft Office\n    footprint: Desktop productivity in 3 subsidiaries\n"
               "    threat: medium\n    strategy: Tie E5 security value to the cost COS.\n", "")
    edit(plan, "    strategy: Lead with dispatch analytics outcomes and the partner's grid "
               "references.\n", "")
    commit(repo, "no competition strategy")
    with plan.open("a", encoding="utf-8") as file:
        file.write("  - rule: competition\n    reason: Single-source framework until 2027.\n"
                   "    approved_by: Zhou Min\n    expires: 2027-02-28\n")
    _, out, _ = run_diff(capsys, "HEAD")
    assert "- new waiver competition: Single-source framework until 2027." in out
    waived = out.split("**Newly waived — approve only with a good reason (1)**")[1]
    assert "🟡 `competition` in `jinghua-grid`" in waived
    assert "waived: Single-source framework until 2027. (approved by Zhou Min" in waived


def test_added_deleted_and_renamed_plans(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    second_plan(repo, "northwind")
    second_plan(repo, "old-account")
    commit(repo, "two more plans")
    git(repo, "mv", "plans/northwind.yaml", "plans/northwind-traders.yaml")
    git(repo, "rm", "-q", "plans/old-account.yaml")
    (repo / "plans" / "new-account.yaml").write_text(SMALL_PLAN, "utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "head")
    code, out, _ = run_diff(capsys, "HEAD~1", "HEAD")
    assert code == 0
    assert "**3 plans changed (1 new, 1 removed, 1 renamed)**" in out
    assert "### New Account Co. (`new-account`) — new plan" in out
    assert "New file `plans/new-account.yaml`." in out
    assert "- owner Ana Ruiz · fiscal year FY2027 · segment emerging · LTP USD 900,000" in out
    assert "- 1 team member" in out
    assert "- owner Li Wei · fiscal year FY2027 · segment mature · LTP CNY 48,000,000" in out
    assert "### old-account Ltd. (`old-account`) — plan removed" in out
    assert "`plans/old-account.yaml` was deleted." in out
    assert "### northwind Ltd. (`northwind`) — plan file renamed" in out
    assert "Renamed `plans/northwind.yaml` -> `plans/northwind-traders.yaml`." in out
    # The rename breaks the file-name rule: a finding the change introduces.
    assert "`file-name` in `northwind`" in out
    # A deleted plan's findings are gone, not fixed; a new plan's are introduced.
    assert "**Fixed" not in out
    assert "`cos-present` in `new-account`" in out


def test_git_rename_with_a_new_account_id(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    second_plan(repo, "jinhua-gird")
    commit(repo, "a plan with a typo in its id")
    git(repo, "mv", "plans/jinhua-gird.yaml", "plans/jinhua-grid-2.yaml")
    edit(repo / "plans" / "jinhua-grid-2.yaml", "id: jinhua-gird", "id: jinghua-grid-2")
    _, out, _ = run_diff(capsys, "HEAD")
    assert "(`jinghua-grid-2`) — plan file renamed" in out
    assert "- id jinhua-gird -> jinghua-grid-2" in out


def test_a_rename_git_cannot_see_is_paired_by_account_id(
        repo: Path, plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Rewritten while moved (too different for git), and untracked: the same account.
    text = plan.read_text("utf-8").replace("    stance: neutral\n", "    stance: champion\n")
    plan.unlink()
    (repo / "plans" / "grid").mkdir()
    (repo / "plans" / "grid" / "jinghua-grid.yaml").write_text(text, "utf-8")
    _, out, _ = run_diff(capsys, "HEAD")
    assert "— plan file renamed" in out
    assert "- stakeholder Liu Yang: stance neutral -> champion" in out
    assert "new plan" not in out and "plan removed" not in out


def test_default_base_is_the_merge_base_with_main_and_head_the_working_tree(
        repo: Path, plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    branch_and_main_move_on(repo, plan)
    second_plan(repo, "untracked-account")  # not committed, not even added
    code, out, _ = run_diff(capsys)
    assert code == 0
    assert "(merge-base of HEAD and main) with the **working tree**" in out
    assert "- stakeholder Liu Yang: stance neutral -> supporter" in out
    assert "`untracked-account`) — new plan" in out
    assert "China North-East" not in out  # main's own change is not the branch's


def test_origin_head_names_the_default_branch(repo: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))  # sets origin/HEAD -> origin/main
    git(clone, "checkout", "-q", "-b", "feature")
    git(clone, "branch", "-q", "-D", "main")  # only origin/HEAD is left to go by
    edit(clone / "plans" / "jinghua-grid.yaml", "    stance: neutral\n", "    stance: blocker\n")
    monkeypatch.chdir(clone)
    code, out, _ = run_diff(capsys)
    assert code == 0
    assert "merge-base of HEAD and origin/main" in out
    assert "stance neutral -> blocker" in out


def test_plans_folder_outside_the_repository(repo: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_diff(capsys, "HEAD", "--plans", str(tmp_path))
    assert code == 2
    assert "is not inside the repository" in err


def test_a_plan_that_cannot_be_read_is_reported_not_raised(
        repo: Path, plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(plan, "  segment: mature", "  segment: [mature")
    code, out, err = run_diff(capsys, "HEAD")
    assert (code, err) == (0, "")
    assert "> ⚠️ `plans/jinghua-grid.yaml` could not be read as a plan in the working tree" in out
    assert "(yaml-syntax)" in out
    assert "`yaml-syntax` in `plans/jinghua-grid.yaml`" in out  # introduced


def test_standards_changed_in_the_range(repo: Path, plan: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    defaults = Path(__file__).parents[2] / "generator" / "standards" / "defaults.yaml"
    text = defaults.read_text("utf-8")
    (repo / "standards.yaml").write_text(text, "utf-8")
    commit(repo, "standards")
    edit(repo / "standards.yaml", "mature: {min_ltp: 1000000}", "mature: {min_ltp: 9000000}")
    _, out, _ = run_diff(capsys, "HEAD")
    assert "`standards.yaml` changed" in out
    assert "No account plan changed." in out
    assert "`ltp-minimum` in `jinghua-grid`" in out


def test_the_plans_folder_option(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "accounts").mkdir()
    second_plan(repo, "elsewhere").rename(repo / "accounts" / "elsewhere.yaml")
    code, out, _ = run_diff(capsys, "HEAD", "--plans", "accounts")
    assert code == 0
    assert "in `accounts/`" in out
    assert "`elsewhere`) — new plan" in out
    assert "jinghua" not in out


def test_nothing_changed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_diff(capsys, "HEAD")
    assert code == 0
    assert "No account plan changed." in out
    assert "No finding introduced or fixed." in out


def test_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    monkeypatch.chdir(tmp_path)
    code, out, err = run_diff(capsys)
    assert code == 2
    assert out == ""
    assert "is not inside a git repository" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("revisions", [["no-such-branch"], ["HEAD", "deadbeef"], ["HEAD~5"]])
def test_unknown_revision(repo: Path, capsys: pytest.CaptureFixture[str],
                          revisions: list[str]) -> None:
    code, out, err = run_diff(capsys, *revisions)
    assert code == 2
    assert out == ""
    assert "planbook diff:" in err and "revision" in err


def test_no_default_branch_asks_for_base(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(repo, "branch", "-q", "-m", "main", "trunk")
    code, _, err = run_diff(capsys)
    assert code == 2
    assert "cannot tell the default branch" in err


def test_run_from_a_subfolder(repo: Path, plan: Path, monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    edit(plan, "    customer_commitments:\n      - Retire", "    customer_commitments: []\n"
               "    x_was:\n      - Retire")
    (repo / "docs").mkdir()
    monkeypatch.chdir(repo / "docs")
    code, out, _ = run_diff(capsys, "HEAD")
    assert code == 0
    assert "in `plans/`" in out
    assert "(`plans/jinghua-grid.yaml:" in out  # named as the repository names it


def test_no_plans_folder(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_diff(capsys, "HEAD", "--plans", "accounts")
    assert code == 2
    assert "there is no plans folder `accounts/`" in err


def branch_and_main_move_on(repo: Path, plan: Path) -> None:
    """A branch changes a stance; main then changes the region on its own."""
    git(repo, "checkout", "-q", "-b", "feature")
    edit(plan, "    stance: neutral\n", "    stance: supporter\n")
    commit(repo, "on the branch")
    git(repo, "checkout", "-q", "main")
    edit(plan, "  region: China North", "  region: China North-East")
    commit(repo, "main moves on")
    git(repo, "checkout", "-q", "feature")


def test_three_dots_compare_from_the_merge_base(repo: Path, plan: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    branch_and_main_move_on(repo, plan)
    code, out, _ = run_diff(capsys, "main...HEAD")
    assert code == 0
    assert "(merge-base of HEAD and main) with **HEAD (" in out
    assert "- stakeholder Liu Yang: stance neutral -> supporter" in out
    assert "China North" not in out  # main's own change is not the branch's
    # An empty side is HEAD, as in git.
    assert run_diff(capsys, "main...")[1] == out


def test_two_dots_compare_the_tips(repo: Path, plan: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    branch_and_main_move_on(repo, plan)
    code, out, _ = run_diff(capsys, "main..HEAD")
    assert code == 0
    assert "- stakeholder Liu Yang: stance neutral -> supporter" in out
    # The tips differ by main's change too: it reads as reversed on the branch.
    assert "region China North-East -> China North" in out
    assert run_diff(capsys, "main", "HEAD")[1] == out


@pytest.mark.parametrize("revisions", [["main...HEAD", "HEAD"], ["main....HEAD"]])
def test_a_range_is_one_argument(repo: Path, capsys: pytest.CaptureFixture[str],
                                 revisions: list[str]) -> None:
    code, out, err = run_diff(capsys, *revisions)
    assert code == 2 and out == ""
    assert "Traceback" not in err and err.startswith("planbook diff: ")
