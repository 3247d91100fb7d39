"""`planbook check`: formats, exit codes, and broken plans that never hide others."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

AS_OF = ["--as-of", "2026-11-27"]
SPEC_STANDARDS = Path(__file__).parents[2] / "generator" / "standards" / "defaults.yaml"


@pytest.fixture(autouse=True)
def outside_the_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from a folder of the test's own: never the repository's standards.yaml
    or people.yaml (plans/ fixtures are named by path)."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    monkeypatch.chdir(folder)


def run_check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_example_plan_is_clean_with_one_waived(plans_dir: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_check(capsys, str(plans_dir), *AS_OF, "--strict",
                             "--standards", str(SPEC_STANDARDS))
    assert code == 0
    assert out.strip().splitlines()[-1] == "1 plan checked: 0 errors, 0 warnings, 1 waived"


def test_json_summary_and_waived_finding(plans_dir: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_check(capsys, str(plans_dir), *AS_OF, "--format", "json")
    document = json.loads(out)
    assert code == 0
    assert document["summary"] == {"plans": 1, "errors": 0, "warnings": 0, "waived": 1}
    [finding] = document["findings"]
    assert finding["rule"] == "deployment" and finding["waived"] is True
    assert finding["item"] == "Azure Monetary Commitment"
    assert set(finding) >= {"rule", "severity", "file", "line", "column", "account",
                            "message", "waived", "item"}


HOSTILE = {
    "python-tag.yaml": ('a: !!python/object/apply:os.system ["true"]\n', "yaml-unsafe"),
    "custom-tag.yaml": ("a: !secret x\n", "yaml-unsafe"),
    "alias-bomb.yaml": ("a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n"
        for i in range(8)), "yaml-unsafe"),
    "deep.yaml": ("a: " + "[" * 40 + "]" * 40 + "\n", "yaml-unsafe"),
    "empty.yaml": ("", "yaml-syntax"),
    "list.yaml": ("- a\n- b\n", "yaml-syntax"),
    "unclosed.yaml": ("account: {id: x\n", "yaml-syntax"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_a_finding(tmp_path: Path, name: str,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    text, rule = HOSTILE[name]
    (tmp_path / name).write_text(text, encoding="utf-8")
    code, out, err = run_check(capsys, str(tmp_path), *AS_OF, "--format", "json")
    assert code == 1
    rules = [f["rule"] for f in json.loads(out)["findings"]]
    assert rules == [rule]
    assert "Traceback" not in out + err


def test_bytes_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "latin1.yaml").write_bytes(b"account:\n  name: M\xfcller\n")
    (tmp_path / "garbage.yaml").write_bytes(bytes(range(256)))
    (tmp_path / "huge.yaml").write_bytes(b"a: " + b"x" * (2 * 1024 * 1024))
    code, out, _ = run_check(capsys, str(tmp_path), *AS_OF, "--format", "json")
    assert code == 1
    found = {Path(f["file"]).name: f["rule"] for f in json.loads(out)["findings"]}
    assert found == {"latin1.yaml": "yaml-syntax", "garbage.yaml": "yaml-syntax",
                     "huge.yaml": "yaml-unsafe"}


def test_one_broken_plan_never_hides_the_others(plans_dir: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    (plans_dir / "aaa-broken.yaml").write_text("account: [\n", encoding="utf-8")
    text = (plans_dir / "jinghua-grid.yaml").read_text("utf-8")
    (plans_dir / "jinghua-grid.yaml").write_text(
        text.replace("    business_value: Cuts dispatch report latency from 40 to 5 minutes "
                     "across 3 provinces.\n", ""), encoding="utf-8")
    code, out, _ = run_check(capsys, str(plans_dir), *AS_OF)
    assert code == 1
    assert "aaa-broken.yaml:2:1: error yaml-syntax" in out
    assert "jinghua-grid.yaml" in out and "business-value" in out
    assert out.strip().endswith("2 plans checked: 2 errors, 0 warnings, 1 waived")


def test_text_format_line_shape(plans_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (plans_dir / "jinghua-grid.yaml").read_text("utf-8")
    (plans_dir / "jinghua-grid.yaml").write_text(
        text.replace("  segment: mature ", "  segment: giant "), encoding="utf-8")
    code, out, _ = run_check(capsys, str(plans_dir), *AS_OF)
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"{plans_dir / 'jinghua-grid.yaml'}:12:3: error schema ")


def test_github_format(plans_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (plans_dir / "jinghua-grid.yaml").read_text("utf-8")
    (plans_dir / "jinghua-grid.yaml").write_text(
        text.replace("  segment: mature ", "  segment: giant "), encoding="utf-8")
    code, out, _ = run_check(capsys, str(plans_dir), *AS_OF, "--format", "github")
    assert code == 1
    line = out.splitlines()[0]
    assert line.startswith("::error file=")
    assert ",line=12,col=3,title=schema::" in line


def test_sarif_format(plans_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (plans_dir / "jinghua-grid.yaml").read_text("utf-8")
    (plans_dir / "jinghua-grid.yaml").write_text(
        text.replace("    business_value: Cuts dispatch report latency from 40 to 5 minutes "
                     "across 3 provinces.\n", ""), encoding="utf-8")
    item_line = text.splitlines().index("  - id: opp-dispatch-analytics") + 1
    code, out, _ = run_check(capsys, str(plans_dir), *AS_OF, "--format", "sarif")
    document = json.loads(out)
    assert code == 1
    assert document["version"] == "2.1.0"
    run = document["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rule_ids == ["business-value", "deployment"]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    region = by_rule["business-value"]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": item_line, "startColumn": 5}
    assert by_rule["business-value"]["level"] == "error"
    assert by_rule["deployment"]["suppressions"][0]["kind"] == "inSource"
    assert "suppressions" not in by_rule["business-value"]


def test_strict_turns_warnings_into_failure(plans_dir: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    text = (plans_dir / "jinghua-grid.yaml").read_text("utf-8")
    # A high-influence stakeholder not contacted for 100 days: a warning.
    (plans_dir / "jinghua-grid.yaml").write_text(
        text.replace("last_contact: 2026-11-05", "last_contact: 2026-08-01"), encoding="utf-8")
    assert run_check(capsys, str(plans_dir), *AS_OF)[0] == 0
    assert run_check(capsys, str(plans_dir), *AS_OF, "--strict")[0] == 1


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["no/such/folder"], "no such file or folder"),
        (["--as-of", "27.11.2026"], "--as-of"),
        (["--format", "xml"], "invalid choice"),
        (["--standards", "missing.yaml"], "not found"),
    ],
)
def test_usage_errors_exit_2(plans_dir: Path, capsys: pytest.CaptureFixture[str],
                             args: list[str], needle: str) -> None:
    # argparse refuses a bad --format or --as-of itself (SystemExit 2)
    parsed_by_argparse = "--format" in args or "--as-of" in args
    with pytest.raises(SystemExit) if parsed_by_argparse else _no_raise():
        code, _out, err = run_check(capsys, str(plans_dir), *args)
        assert code == 2
        assert needle in err
    if parsed_by_argparse:
        assert needle in capsys.readouterr().err


class _no_raise:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


@pytest.mark.parametrize(
    ("standards", "needle"),
    [
        ("rules: {schema: warning}\n", "always an error"),
        ("rules: {competiton: off}\n", "did you mean `competition`"),
        ("pipeline_coverage: lots\n", "pipeline_coverage"),
        ("colour: blue\n", "unknown key `colour`"),
    ],
)
def test_bad_standards_exit_2_with_file_and_line(
        plans_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        standards: str, needle: str) -> None:
    base = SPEC_STANDARDS.read_text("utf-8")
    key = standards.split(":")[0]
    lines = [line for line in base.splitlines() if not line.startswith(f"{key}:")]
    path = tmp_path / "standards.yaml"
    path.write_text("\n".join(lines) + "\n" + standards, encoding="utf-8")
    code, _out, err = run_check(capsys, str(plans_dir), *AS_OF, "--standards", str(path))
    assert code == 2
    assert f"{path}:{len(lines) + 1}:" in err
    assert needle in err


def test_severity_off_accepts_bare_off(plans_dir: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "standards.yaml"
    path.write_text(SPEC_STANDARDS.read_text("utf-8").replace(
        "rules: {}", "rules: {deployment: off}"), encoding="utf-8")
    code, out, _ = run_check(capsys, str(plans_dir), *AS_OF, "--standards", str(path),
                             "--format", "json")
    # With its rule off, the waiver is silent rather than unused.
    assert code == 0
    assert json.loads(out)["findings"] == []


def test_cli_process_has_no_traceback(tmp_path: Path) -> None:
    for name, (text, _rule) in HOSTILE.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    shutil.copy(Path(__file__).parents[1] / "fixtures" / "example-plan" / "jinghua-grid.yaml",
                tmp_path / "jinghua-grid.yaml")
    process = subprocess.run(
        [sys.executable, "-m", "generator", "check", str(tmp_path), *AS_OF],
        capture_output=True, text=True, timeout=60, check=False)
    assert process.returncode == 1
    assert "Traceback" not in process.stdout + process.stderr
    assert process.stdout.count(" yaml-") == len(HOSTILE) - 0


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"]


def test_duplicate_account_id_names_the_first_file(plans_dir: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(plans_dir / "jinghua-grid.yaml", plans_dir / "zz-copy.yaml")
    code, out, _ = run_check(capsys, str(plans_dir), *AS_OF, "--format", "json")
    findings = [f for f in json.loads(out)["findings"] if f["rule"] == "duplicate-id"]
    assert code == 1
    [finding] = findings
    assert finding["file"].endswith("zz-copy.yaml")
    assert (finding["line"], finding["column"]) == (8, 3)
    assert "jinghua-grid.yaml" in finding["message"]


def test_findings_about_an_item_point_at_the_item(plans_dir: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    plan = plans_dir / "jinghua-grid.yaml"
    text = plan.read_text("utf-8")
    # The adoption action exists but is done: the finding is about the product.
    text = text.replace("    due: 2027-01-31\n    status: open",
                        "    due: 2027-01-31\n    status: done")
    plan.write_text(text, encoding="utf-8")
    item_line = text.splitlines().index("  - product: Windows Enterprise") + 1
    code, out, _ = run_check(capsys, str(plans_dir), *AS_OF, "--format", "json")
    [finding] = [f for f in json.loads(out)["findings"]
                 if f["rule"] == "deployment" and not f["waived"]]
    assert code == 0  # deployment is a warning by default
    assert (finding["line"], finding["column"], finding["item"]) == (
        item_line, 5, "Windows Enterprise")
