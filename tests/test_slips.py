"""Slips that break YAML (a colon in a value, a tab) are explained and read past."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.checker import check_paths
from generator.standards.config import load_standards
from tests.support import AS_OF, EXAMPLE


def _findings(tmp_path: Path, text: str) -> list:
    folder = tmp_path / "plans"
    folder.mkdir(exist_ok=True)
    (folder / EXAMPLE.name).write_text(text, "utf-8")
    found = check_paths([folder], load_standards(None), AS_OF).result.findings
    return [f for f in found if not f.waived]


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_unquoted_colon_is_explained_and_the_rest_is_checked(tmp_path: Path,
                                                             example_text: str) -> None:
    text = example_text.replace("  industry: Power & Utilities",
                                "  industry: Utilities: power grid", 1)
    text = text.replace("  segment: mature ", "  segment: giant ", 1)
    findings = _findings(tmp_path, text)
    syntax = [f for f in findings if f.rule == "yaml-syntax"]
    assert len(syntax) == 1
    assert syntax[0].line == _line_of(text, "industry:")
    assert syntax[0].message == (
        'the value of `industry` holds ": ", which YAML reads as the start of another key; '
        'put the whole value in quotes: industry: "Utilities: power grid"')
    # the same run goes on: the schema finding further down is reported too
    assert any(f.rule == "schema" and '"giant"' in f.message for f in findings)


@pytest.mark.parametrize("where", ["  name: Jinghua", "    title: Chief"])
def test_a_tab_is_explained_and_the_rest_is_checked(tmp_path: Path, example_text: str,
                                                    where: str) -> None:
    line = next(x for x in example_text.splitlines() if x.startswith(where))
    text = example_text.replace(line, "\t" + line.lstrip(" ") if where.startswith("  n")
                                else line.replace("    ", "\t\t", 1), 1)
    text = text.replace("  segment: mature ", "  segment: giant ", 1)
    findings = _findings(tmp_path, text)
    [syntax] = [f for f in findings if f.rule == "yaml-syntax"]
    assert "a tab character: YAML indents with spaces only" in syntax.message
    assert syntax.line == _line_of(text, "\t")
    assert any(f.rule == "schema" and '"giant"' in f.message for f in findings)


def test_other_syntax_errors_are_reported_as_they_are(tmp_path: Path) -> None:
    [finding] = _findings(tmp_path, "account: {id: x\n")
    assert finding.rule == "yaml-syntax" and finding.message.startswith("not valid YAML")
