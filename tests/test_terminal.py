"""Text output shows control characters escaped: no forged CI annotation, no
escape sequence, no bidi trick ever reaches a terminal or a job log."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.terminal import terminal_text

EXAMPLE = Path(__file__).parent / "fixtures" / "example-plan" / "jinghua-grid.yaml"
HIDDEN = ["\n", "\r", "\x1b", "\x00", "\x7f", "\x85", "\u2028", "\u2029", "\u202e",
          "\u2066", "\u200f", "\ufeff"]
FORGED = ("Li Wei\n::error file=README.md,line=1::forged\x1b[2K\u2028::stop-commands::x"
          "\x85\u202egnp.")


@pytest.mark.parametrize("char", HIDDEN)
def test_each_hidden_character_is_shown_as_an_escape(char: str) -> None:
    shown = terminal_text(f"a{char}b")
    assert char not in shown
    assert shown.startswith("a\\") and shown.endswith("b")


def test_ordinary_text_is_left_alone() -> None:
    for text in ("Jinghua Power Grid Co., Ltd.", "京华电网有限公司", "Zürich café — 10%",
                 "ideographic\u3000space", "C:\\plans"):
        assert terminal_text(text) == text
    assert terminal_text("a\nb\tc\x1b") == "a\\nb\\tc\\x1b"
    assert terminal_text("\u2028\U000e0041") == "\\u2028\\U000e0041"


@pytest.fixture
def forged_plans(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    text = EXAMPLE.read_text("utf-8").replace("  owner: Li Wei ", f"  owner: {json.dumps(FORGED)} ")
    assert FORGED[:6] in text
    (folder / "jinghua-grid.yaml").write_text(text, "utf-8")
    shutil.copy(EXAMPLE, folder / "evil\n::error file=x,line=1::name\x1b[1A.yaml")
    return folder


def _assert_safe_lines(output: str) -> None:
    for char in HIDDEN[1:]:
        assert char not in output
    for line in output.splitlines():
        assert not line.startswith("::"), line


def test_text_report_escapes_values_and_file_names(forged_plans: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(forged_plans), "--as-of", "2026-11-27"]) == 1
    out = capsys.readouterr().out
    _assert_safe_lines(out)
    assert "Li Wei\\n::error file=README.md,line=1::forged\\x1b[2K\\u2028" in out
    assert "evil\\n::error file=x,line=1::name\\x1b[1A.yaml:" in out


def test_github_report_stays_one_command_per_line(forged_plans: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(forged_plans), "--as-of", "2026-11-27", "--format", "github"])
    out = capsys.readouterr().out
    commands = [line for line in out.splitlines() if line.startswith("::")]
    assert commands and all(line.startswith(("::error file=", "::warning file="))
                            for line in commands)
    assert "%0A::error file=README.md,line=1::forged\\x1b[2K\\u2028" in out
    for char in HIDDEN[1:]:
        assert char not in out


def test_build_failures_and_messages_are_escaped(forged_plans: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    import datetime as dt

    from generator.checker import check_paths
    from generator.commands.build import _report_failures
    from generator.standards.config import load_standards

    run = check_paths([forged_plans], load_standards(None), dt.date(2026, 11, 27))
    _report_failures(run)
    _assert_safe_lines(capsys.readouterr().err)
