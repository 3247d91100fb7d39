"""`planbook new`: a skeleton that passes the schema and structural rules."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.checker import check_paths
from generator.cli import main
from generator.skeleton import SkeletonError, render_skeleton, yaml_text
from generator.standards.config import load_standards
from generator.standards.registry import rules_by_id

AS_OF = dt.date(2026, 11, 27)
REPO = Path(__file__).parents[2]
SCHEMA = REPO / "generator" / "schema" / "plan.schema.json"
STRUCTURAL = {"yaml-syntax", "yaml-duplicate-key", "yaml-unsafe", "schema", "file-name",
              "duplicate-id", "date-order", "reference"}


def skeleton(account_id: str = "acme-bank", owner: str = "Li Wei", **kwargs: Any) -> str:
    options: dict[str, Any] = {"fiscal_year": "FY2027", "currency": "USD",
                               "standards": load_standards(None), "today": AS_OF,
                               "schema_ref": "../generator/schema/plan.schema.json",
                               "plan_file": f"plans/{account_id}.yaml"}
    options.update(kwargs)
    return render_skeleton(account_id, owner=owner, **options)


def findings_for(tmp_path: Path, text: str, account_id: str = "acme-bank") -> list[Any]:
    folder = tmp_path / "plans"
    folder.mkdir(exist_ok=True)
    (folder / f"{account_id}.yaml").write_text(text, "utf-8")
    return list(check_paths([folder], load_standards(None), AS_OF).result.findings)


def test_structural_rules_are_the_ones_the_registry_marks() -> None:
    assert {r.id for r in rules_by_id().values() if r.structural} == STRUCTURAL


def reviewed(text: str) -> str:
    """The skeleton once its first review is recorded."""
    empty = re.search(r"^  last_reviewed: *#", text, re.MULTILINE)
    assert empty is not None
    return text.replace("  last_reviewed: ", "  last_reviewed: 2026-11-20", 1)


def test_skeleton_is_never_reviewed_until_someone_reviews_it(tmp_path: Path) -> None:
    findings = findings_for(tmp_path, skeleton())
    [never] = [f for f in findings if f.rule in STRUCTURAL]
    assert never.rule == "schema" and "never been reviewed" in never.message
    # the plan is still judged by the standards in the same run
    assert "cos-present" in {f.rule for f in findings}
    assert [f for f in findings_for(tmp_path, reviewed(skeleton()))
            if f.rule in STRUCTURAL] == []


def test_skeleton_placeholders_are_findings(tmp_path: Path) -> None:
    placeholders = [f for f in findings_for(tmp_path, skeleton(owner="TODO your name"))
                    if f.rule == "placeholder"]
    assert {f.severity for f in placeholders} == {"error"}
    messages = " ".join(f.message for f in placeholders)
    assert '"TODO customer name"' in messages and '"TODO your name"' in messages
    assert 'team member "TODO your name", name' in messages


def test_quality_findings_tell_the_author_what_to_fill_in(tmp_path: Path) -> None:
    rules = {f.rule for f in findings_for(tmp_path, reviewed(skeleton()))}
    assert {"cos-present", "ltp-minimum", "ar-growth", "exec-relationships",
            "next-review", "competition", "satisfaction-trend"} <= rules
    assert rules <= {r.id for r in rules_by_id().values() if not r.structural}


def test_first_line_points_editors_at_the_schema() -> None:
    assert skeleton().splitlines()[0] == (
        "# yaml-language-server: $schema=../generator/schema/plan.schema.json")


def test_every_section_of_the_format_is_named() -> None:
    text = skeleton()
    sections = json.loads(SCHEMA.read_text("utf-8"))["properties"]
    for section in sections:
        assert re.search(rf"^{section}:", text, re.MULTILINE), section


def _enumerations(node: Any) -> Iterator[list[str]]:
    if isinstance(node, dict):
        if "enum" in node:
            yield node["enum"]
        for value in node.values():
            yield from _enumerations(value)
    elif isinstance(node, list):
        for value in node:
            yield from _enumerations(value)


def test_comments_give_every_allowed_value() -> None:
    text = skeleton()
    for allowed in _enumerations(json.loads(SCHEMA.read_text("utf-8"))):
        assert " | ".join(allowed) in text, allowed


def test_thresholds_in_comments_come_from_the_standards() -> None:
    text = skeleton()
    assert "at least USD 1,000,000 (mature) or USD 500,000 (emerging)" in text
    assert "at most 90 days after the last" in text


def test_uncommented_examples_stay_structurally_valid(tmp_path: Path) -> None:
    # An author who uncomments every example gets a plan with no structural finding.
    header, body = skeleton().split("format: 1\n", 1)
    lines = []
    for line in body.splitlines():
        line = re.sub(r"^(\w+): (\[\]|\{\})$", r"\1:", line)
        line = line[1:] if line.startswith("#  ") else re.sub(r"^(\s+)# ", r"\1", line)
        lines.append(line.replace("YYYY-MM-DD", "2026-11-01"))
    text = reviewed(header + "format: 1\n" + "\n".join(lines) + "\n")
    findings = findings_for(tmp_path, text)
    assert [f for f in findings if f.rule in STRUCTURAL] == []
    assert "cos-present" not in {f.rule for f in findings}


@pytest.mark.parametrize("owner", ["Dr: No", "yes", "#1 seller", " padded ", "李伟", "O'Brien"])
def test_owner_names_stay_text(owner: str) -> None:
    data = yaml.safe_load(skeleton(owner=owner))
    assert data["plan"]["owner"] == owner.strip()
    assert data["team"][0]["name"] == owner.strip()


@pytest.mark.parametrize(("value", "quoted"), [("Li Wei", False), ("on", True), ("a: b", True)])
def test_yaml_text(value: str, quoted: bool) -> None:
    assert yaml_text(value).startswith('"') is quoted


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"fiscal_year": "2027"}, "not a fiscal year"),
    ({"currency": "usd"}, "not a currency code"),
    ({"currency": "CHF"}, "no exchange rate for CHF"),
])
def test_values_it_cannot_hold(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(SkeletonError, match=message):
        skeleton(**kwargs)


# --- the command ------------------------------------------------------------------------

@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder laid out like the repository: the schema where plans expect it."""
    (tmp_path / "generator" / "schema").mkdir(parents=True)
    shutil.copy(SCHEMA, tmp_path / "generator" / "schema" / "plan.schema.json")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_new_writes_the_plan(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["new", "acme-bank", "--owner", "Li Wei", "--fiscal-year", "FY2027"])
    out = capsys.readouterr().out
    plan = workspace / "plans" / "acme-bank.yaml"
    assert code == 0
    assert "Wrote plans/acme-bank.yaml" in out
    text = plan.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../generator/schema/plan.schema.json\n")
    data = yaml.safe_load(text)
    assert (data["account"]["id"], data["plan"]["owner"], data["plan"]["fiscal_year"]) == (
        "acme-bank", "Li Wei", "FY2027")
    findings = check_paths([workspace / "plans"], load_standards(None), AS_OF).result.findings
    assert [f.message for f in findings if f.rule in STRUCTURAL] == [
        "plan.last_reviewed: the plan has never been reviewed; review it with your sales "
        "manager, then write the date of that review (YYYY-MM-DD)"]


def test_new_in_another_folder(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "acme", "--plans", "accounts/emea"]) == 0
    text = (workspace / "accounts" / "emea" / "acme.yaml").read_text("utf-8")
    assert text.splitlines()[0].endswith("$schema=../../generator/schema/plan.schema.json")


def test_never_overwrites(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = workspace / "plans" / "acme-bank.yaml"
    plan.parent.mkdir()
    plan.write_text("my work\n", "utf-8")
    code = main(["new", "acme-bank"])
    assert code == 2
    assert "plans/acme-bank.yaml already holds the plan for `acme-bank`" in capsys.readouterr().err
    assert plan.read_text("utf-8") == "my work\n"


def test_refuses_an_account_id_another_file_holds(workspace: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    (workspace / "plans").mkdir()
    (workspace / "plans" / "old-name.yaml").write_text("account: {id: acme-bank}\n", "utf-8")
    assert main(["new", "acme-bank"]) == 2
    assert "plans/old-name.yaml already holds" in capsys.readouterr().err
    assert not (workspace / "plans" / "acme-bank.yaml").exists()


@pytest.mark.parametrize("account_id", ["Acme", "acme_bank", "-acme", "acme bank", "../acme", ""])
def test_refuses_an_id_that_is_not_a_slug(workspace: Path, capsys: pytest.CaptureFixture[str],
                                          account_id: str) -> None:
    assert main(["new", "--", account_id]) == 2
    assert "is not an account id" in capsys.readouterr().err
    assert not (workspace / "plans").exists()


@pytest.mark.parametrize("option", [["--fiscal-year", "27"], ["--currency", "XYZ"],
                                    ["--owner", " "]])
def test_bad_options(workspace: Path, capsys: pytest.CaptureFixture[str],
                     option: list[str]) -> None:
    assert main(["new", "acme", *option]) == 2
    err = capsys.readouterr().err
    assert err.startswith("planbook: ") and "Traceback" not in err
    assert not (workspace / "plans" / "acme.yaml").exists()


# -- robust against long ids, unwritable folders and line-breaking names ------------

def test_a_long_id_is_a_message_not_a_traceback(workspace: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "a" * 300]) == 2
    err = capsys.readouterr().err
    assert "the account id is 300 characters long; at most 64 fit" in err
    assert "Traceback" not in err
    assert main(["new", "a" * 64]) == 0   # the longest the schema allows still works


def test_an_unwritable_plans_folder_is_a_message(workspace: Path,
                                                 capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # (The tests may run as root, whom a read-only folder does not stop.)
    (workspace / "plans").mkdir()

    def refused(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refused)
    assert main(["new", "acme"]) == 2
    err = capsys.readouterr().err
    assert "cannot write plans/acme.yaml: Permission denied" in err and "Traceback" not in err


def test_a_plans_path_under_a_file_is_a_message(workspace: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    (workspace / "blocker").write_text("a file", "utf-8")
    assert main(["new", "acme", "--plans", "blocker/plans"]) == 2
    err = capsys.readouterr().err
    assert "cannot write blocker/plans/acme.yaml" in err and "Traceback" not in err


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\n", "\x1b", "\u202e"])
def test_an_owner_with_a_line_break_is_refused(workspace: Path,
                                               capsys: pytest.CaptureFixture[str],
                                               separator: str) -> None:
    assert main(["new", "acme", "--owner", f"Li{separator}Wei"]) == 2
    err = capsys.readouterr().err
    assert "a name cannot hold line breaks or control characters" in err
    assert f"U+{ord(separator):04X}" in err
    assert not (workspace / "plans" / "acme.yaml").exists()


@pytest.mark.parametrize("owner", ["Zoë O'Brien-Łukasik", "李伟", "Anne (EMEA) & Co."])
def test_an_owner_the_skeleton_takes_passes_its_own_check(workspace: Path, owner: str,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    assert main(["new", "acme", "--owner", owner]) == 0
    findings = check_paths([workspace / "plans"], load_standards(None), AS_OF).result.findings
    structural = [f.message for f in findings if f.rule in STRUCTURAL]
    assert structural == ["plan.last_reviewed: the plan has never been reviewed; review it "
                          "with your sales manager, then write the date of that review "
                          "(YYYY-MM-DD)"]
