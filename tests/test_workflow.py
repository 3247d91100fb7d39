"""The pull-request workflow, the pre-commit hook and the edit guide.

They call `planbook` from YAML that no other test runs, so these tests check
that every command and option they use exists in the real command line, and
that the workflow asks for what its steps need.
"""

from __future__ import annotations

import re
import shlex
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import build_parser
from generator.standards.registry import all_rules

REPO = Path(__file__).parents[1]
WORKFLOW = REPO / ".github" / "workflows" / "plans.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"
EDIT_GUIDE = REPO / "docs" / "guide" / "edit-a-plan.md"
SHELL_OPERATORS = {"|", "||", "&&", ";", ">", ">>", "<", "&", "2>", "2>&1", "(", ")"}


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # PyYAML (YAML 1.1) reads the key `on` as True; GitHub reads it as "on".
    found = workflow.get("on", workflow.get(True))
    assert isinstance(found, dict)
    return found


def steps(workflow: dict[Any, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for job_name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_name, step


def planbook_calls(script: str) -> Iterator[list[str]]:
    """The argument lists of every `planbook` command in a shell script."""
    script = re.sub(r"\\\n\s*", " ", script)             # line continuations
    script = re.sub(r"\$\{\{[^}]*\}\}", "EXPRESSION", script)  # ${{ ... }}
    for line in script.splitlines():
        if line.strip().startswith("#"):
            continue
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        tokens = list(lexer)
        for index, token in enumerate(tokens):
            if token == "planbook":
                arguments = []
                for argument in tokens[index + 1:]:
                    if argument in SHELL_OPERATORS:
                        break
                    arguments.append(argument)
                yield arguments


def parses(arguments: list[str]) -> bool:
    try:
        build_parser().parse_args(arguments)
    except SystemExit:
        return False
    return True


def test_workflow_is_valid_yaml_with_the_expected_triggers(workflow: dict[Any, Any]) -> None:
    on = triggers(workflow)
    paths = set(on["pull_request"]["paths"])
    assert {"plans/**", "standards.yaml", "people.yaml", ".github/CODEOWNERS", "generator/**",
            "tests/**", "mkdocs.yml", "docs/**"} <= paths
    assert set(on["push"]["paths"]) == paths
    assert on["push"]["branches"] == ["main"]


def test_the_site_is_rebuilt_every_day(workflow: dict[Any, Any]) -> None:
    # Dates on the site (as of, plan age, overdue actions) stay true without a merge.
    [schedule] = triggers(workflow)["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month, weekday) == ("*", "*", "*")
    assert minute.isdigit() and hour.isdigit()
    site, deploy = workflow["jobs"]["site"], workflow["jobs"]["deploy"]
    assert "if" not in site  # the build runs for every event, the schedule included
    assert deploy["if"] == ("github.event_name != 'pull_request' && "
                            "github.ref == 'refs/heads/main'")


def test_every_job_has_a_timeout_and_a_concurrency_group(workflow: dict[Any, Any]) -> None:
    groups = []
    for name, job in workflow["jobs"].items():
        assert 0 < job["timeout-minutes"] <= 30, name
        groups.append(job["concurrency"]["group"])
        assert "cancel-in-progress" in job["concurrency"], name
    assert len(set(groups)) == len(groups)
    assert workflow["jobs"]["deploy"]["concurrency"]["cancel-in-progress"] is False


def test_every_planbook_call_exists_in_the_command_line(workflow: dict[Any, Any]) -> None:
    calls = [call for _, step in steps(workflow) for call in planbook_calls(step.get("run", ""))]
    commands = {call[0] for call in calls}
    assert {"check", "diff", "build"} <= commands
    for call in calls:
        assert parses(call), f"planbook {' '.join(call)}"


def test_the_call_parser_finds_what_it_should() -> None:
    script = ('planbook check --format sarif > out.sarif || [ $? -eq 1 ]\n'
              '# planbook nonsense\n'
              'echo "## planbook check"\n'
              'planbook diff "origin/${{ github.base_ref }}" >> "$GITHUB_STEP_SUMMARY"\n')
    assert list(planbook_calls(script)) == [["check", "--format", "sarif"],
                                            ["diff", "origin/EXPRESSION"]]
    assert not parses(["chekc"])
    assert not parses(["check", "--format", "html"])


PINNED = re.compile(r"(actions|github)/[\w.-]+(/[\w.-]+)*@[0-9a-f]{40}")


def test_actions_are_official_and_pinned_to_a_commit(workflow: dict[Any, Any]) -> None:
    # A tag can be moved to other code; a commit cannot.
    uses = [step["uses"] for _, step in steps(workflow) if "uses" in step]
    assert uses
    for action in uses:
        assert PINNED.fullmatch(action), action


def test_every_pin_names_its_version_in_a_comment() -> None:
    lines = [line for line in WORKFLOW.read_text("utf-8").splitlines()
             if re.match(r"\s*(- )?uses:", line)]
    assert lines
    for line in lines:
        assert re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line


def test_checkout_leaves_no_token_behind(workflow: dict[Any, Any]) -> None:
    checkouts = [step for _, step in steps(workflow)
                 if step.get("uses", "").startswith("actions/checkout@")]
    assert len(checkouts) == len(workflow["jobs"]) - 1  # every job but the deployment
    for step in checkouts:
        assert step["with"]["persist-credentials"] is False


def test_each_job_asks_for_its_own_permissions(workflow: dict[Any, Any]) -> None:
    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, name
        assert "write-all" not in str(job["permissions"]), name
    assert workflow["jobs"]["site"]["permissions"] == {"contents": "read"}
    check = workflow["jobs"]["check"]["permissions"]
    assert check == {"contents": "read", "security-events": "write",
                     "actions": "read", "pull-requests": "write"}


def test_a_failed_code_scanning_upload_is_reported(workflow: dict[Any, Any]) -> None:
    upload = _step(workflow, "check", uses="github/codeql-action/upload-sarif")
    report = _step(workflow, "check", run="Code scanning upload failed")
    assert f"steps.{upload['id']}.outcome == 'failure'" in report["if"]
    assert "::warning" in report["run"] and "$GITHUB_STEP_SUMMARY" in report["run"]


def test_the_comment_is_found_by_its_author_and_marker(workflow: dict[Any, Any]) -> None:
    comment = _step(workflow, "check", run="gh pr comment")["run"]
    [query] = re.findall(r'--jq "(.*)"', comment)
    assert 'select(.user.login == \\"github-actions[bot]\\" and' in query
    assert "startswith" in query and "$marker" in query


@pytest.mark.parametrize("command", ["> check.txt", "planbook build --out site"])
def test_plan_text_reaches_the_log_between_stop_commands(workflow: dict[Any, Any],
                                                         command: str) -> None:
    job = "site" if "--out site" in command else "check"
    script = _step(workflow, job, run=command)["run"]
    lines = script.splitlines()
    start = next(i for i, line in enumerate(lines) if "::stop-commands::$token" in line)
    end = next(i for i, line in enumerate(lines) if line.strip() == 'echo "::$token::"')
    to_summary = False   # inside `{ ... } >> "$GITHUB_STEP_SUMMARY"`: not the log
    printing = []
    for index, line in enumerate(lines):
        if line.strip() == "{":
            to_summary = True
        elif line.strip().startswith("}"):
            to_summary = False
        elif not to_summary and line.strip().startswith(("cat check.txt", "planbook build")):
            printing.append(index)
    assert printing and all(start < i < end for i in printing)
    assert "secrets.token_hex" in script


def _step(workflow: dict[Any, Any], job: str, uses: str | None = None,
          run: str | None = None) -> dict[str, Any]:
    for job_name, step in steps(workflow):
        if job_name != job:
            continue
        if uses and step.get("uses", "").startswith(uses):
            return step
        if run and run in step.get("run", ""):
            return step
    raise AssertionError(f"no step {uses or run!r} in {job}")


def test_the_gate_judges_the_change(workflow: dict[Any, Any]) -> None:
    job = workflow["jobs"]["check"]
    assert job["name"] == "Check the plans"
    assert job["env"]["BASE_REF"] == "${{ github.base_ref }}"
    assert _step(workflow, "check", uses="actions/checkout")["with"]["fetch-depth"] == 0
    assert _step(workflow, "check", uses="actions/setup-python")["with"]["python-version"] == "3.11"
    assert "pip install -e ." in _step(workflow, "check", run="pip install")["run"]
    gate = _step(workflow, "check", run="> check.txt")
    assert 'planbook check --base "origin/$BASE_REF" > check.txt || status=$?' in gate["run"]
    assert gate["run"].rstrip().endswith('exit "$status"')  # its exit code is the verdict
    assert "if" not in gate and "continue-on-error" not in gate
    assert "$GITHUB_STEP_SUMMARY" in gate["run"]
    annotate = _step(workflow, "check", run="--format github")["run"]
    assert 'planbook check --base "origin/$BASE_REF" --format github || [ $? -eq 1 ]' in annotate
    sarif = _step(workflow, "check", run="--format sarif")["run"]
    assert 'planbook check --base "origin/$BASE_REF" --format sarif > planbook.sarif' in sarif
    upload = _step(workflow, "check", uses="github/codeql-action/upload-sarif")
    assert upload["if"] == "always()"
    assert upload["with"]["sarif_file"] == "planbook.sarif"
    diff = _step(workflow, "check", run="planbook diff")["run"]
    assert 'planbook diff "origin/$BASE_REF...HEAD"' in diff and "$GITHUB_STEP_SUMMARY" in diff


def test_no_job_fails_on_findings_outside_the_gate(workflow: dict[Any, Any]) -> None:
    scripts = [step.get("run", "") for _, step in steps(workflow)]
    calls = [call for script in scripts for call in planbook_calls(script)]
    for call in calls:
        if call[0] == "check":
            assert "--base" in call, call  # every check in the workflow is the gate
        assert "--strict" not in call, call
    assert "planbook build --out site" in _step(workflow, "site", run="planbook build")["run"]


def test_later_steps_run_when_the_gate_fails(workflow: dict[Any, Any]) -> None:
    check_steps = [step for job, step in steps(workflow) if job == "check"]
    gate = next(i for i, step in enumerate(check_steps) if "> check.txt" in step.get("run", ""))
    for step in check_steps[gate + 1:]:
        assert step.get("if", "").replace("${{ ", "").startswith(("!cancelled()", "always()")), step


def test_codeowners_must_be_up_to_date(workflow: dict[Any, Any]) -> None:
    job = workflow["jobs"]["codeowners"]
    assert job["name"] == "CODEOWNERS is up to date"
    script = _step(workflow, "codeowners", run="planbook codeowners")["run"]
    assert "planbook codeowners --check" in script
    assert "if [ ! -f people.yaml ]" in script  # a repository without a registry passes


def test_the_suite_runs_when_planbook_itself_changes(workflow: dict[Any, Any]) -> None:
    job = workflow["jobs"]["tests"]
    assert "pull_request" in job["if"] and "push" in job["if"]
    changes = _step(workflow, "tests", run="git diff --name-only")
    assert "-- generator tests pyproject.toml Makefile" in changes["run"]
    assert _step(workflow, "tests", uses="actions/checkout")["with"]["fetch-depth"] == 0
    make = _step(workflow, "tests", run="make test")
    assert make["if"] == f"steps.{changes['id']}.outputs.code == 'true'"


def test_main_publishes_the_site_to_pages(workflow: dict[Any, Any]) -> None:
    deploy = workflow["jobs"]["deploy"]
    upload = _step(workflow, "site", uses="actions/upload-pages-artifact")
    assert upload["with"]["path"] == "site"
    assert upload["if"] == deploy["if"]  # built in pull requests too, uploaded only from main
    assert deploy["needs"] == "site"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert _step(workflow, "deploy", uses="actions/deploy-pages")["id"] == "deployment"


def test_pre_commit_hook() -> None:
    [hook] = yaml.safe_load(HOOKS.read_text("utf-8"))
    assert hook["id"] == "planbook-check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    program, *arguments = shlex.split(hook["entry"])
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert program in scripts
    assert parses([*arguments, "plans/acme.yaml"])
    files = re.compile(hook["files"])
    assert files.search("plans/acme.yaml") and files.search("plans/emea/acme.yml")
    assert not files.search("docs/acme.yaml") and not files.search("plans/README.md")


def test_edit_guide_explains_every_rule() -> None:
    guide = EDIT_GUIDE.read_text("utf-8")
    rows = set(re.findall(r"^\| `([a-z-]+)` \|", guide, re.MULTILINE))
    assert rows == {rule.id for rule in all_rules()}


def test_site_job_fetches_the_whole_history(workflow: dict[Any, Any]) -> None:
    # The site's history pages read every commit; a shallow clone would start
    # the history at the clone's depth.
    checkout = _step(workflow, "site", uses="actions/checkout")
    assert checkout["with"]["fetch-depth"] == 0
    assert checkout["with"]["persist-credentials"] is False


def test_the_job_summary_fence_cannot_be_closed_by_plan_text(workflow: dict[str, Any],
                                                             tmp_path: Path) -> None:
    import subprocess

    script = _step(workflow, "check", run="::stop-commands::$token")["run"]
    lines = script.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("fence="))
    end = next(i for i, line in enumerate(lines) if '>> "$GITHUB_STEP_SUMMARY"' in line)
    hostile = "plans/a.yaml:1:1: error x ```` closed? ![pixel](https://evil.example/p.png)\n"
    (tmp_path / "check.txt").write_text(hostile, "utf-8")
    summary = tmp_path / "summary.md"
    subprocess.run(["bash", "-c", "\n".join(lines[start:end + 1])], cwd=tmp_path, check=True,
                   env={"GITHUB_STEP_SUMMARY": str(summary), "BASE_REF": "main",
                        "PATH": "/usr/bin:/bin"})
    shown = summary.read_text("utf-8").splitlines()
    opening = next(line for line in shown if line.startswith("`"))
    fence = opening.removesuffix("text")
    assert len(fence) > 4 and shown[-1] == fence
    assert hostile.strip() in shown
