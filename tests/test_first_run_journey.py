"""The first-run journey of a new account manager, and the guide that shows it.

`planbook new`, then a plan filled in with the usual slips (thousands
separators, `$1.2M`, a colon in a value, a tab, a date written 27/10/2026, a
misspelt key, an enum value, placeholder text, a plan never reviewed, and
misspelt references: a team member, a COS, a stakeholder, a waiver's item).
The first `planbook check` must show every one of them, each with its fix;
applying the fixes the messages give (and answering what only the author
knows) must reach a plan with no finding in the second run.

The outputs are the ones docs/guide/edit-a-plan.md shows, between its
`<!-- walkthrough: NAME -->` markers: the guide cannot drift from what
planbook prints. PLANBOOK_UPDATE_GOLDEN=1 rewrites those blocks.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.support import AS_OF_TEXT, FIXTURES, REPO

GUIDE = REPO / "docs" / "guide" / "edit-a-plan.md"
FILLED = FIXTURES / "first-run" / "acme-logistics.yaml"
PLAN = "plans/acme-logistics.yaml"
NEW = ["new", "acme-logistics", "--owner", "Dana Reyes", "--fiscal-year", "FY2027"]

#: what only the author can say, for the messages that ask for it (rule, where) → (old, new)
AUTHOR_ANSWERS = {
    ("placeholder", "account.industry"): ("TODO industry", "Transport & Logistics"),
    ("schema", "plan.last_reviewed"): ("last_reviewed:", "last_reviewed: 2026-11-20"),
}
#: findings the author settles by following another message (the waiver's item)
SETTLED_ELSEWHERE = {"cos-measurable"}


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "plans").mkdir()
    shutil.copy(FILLED.with_name("people.yaml"), tmp_path / "people.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLANBOOK_AS_OF", AS_OF_TEXT)
    monkeypatch.setenv("PLANBOOK_CACHE", "off")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[int, str]:
    code = main(args)
    captured = capsys.readouterr()
    shown = " ".join(shlex.quote(a) for a in args)
    return code, f"$ planbook {shown}\n{captured.out}{captured.err}"


def _findings(capsys: pytest.CaptureFixture[str]) -> list[dict]:
    main(["check", PLAN, "--format", "json"])
    found: list[dict] = json.loads(capsys.readouterr().out)["findings"]
    return [f for f in found if not f["waived"]]


def _replace_from(lines: list[str], start: int, old: str, new: str) -> None:
    """Replace `old` on the first line from `start` (1-based) that holds it."""
    for index in range(start - 1, len(lines)):
        if old in lines[index]:
            lines[index] = lines[index].replace(old, new, 1)
            return
    raise AssertionError(f"{old!r} not found from line {start}")


_SUGGESTIONS = [  # (pattern in the message, group of the text written, group of the fix)
    (r'found text "([^"]+)"; write plain digits: (\d+)', 1, 2),
    (r'"([^"]+)" is not a date .* write the date as YYYY-MM-DD: (\S+)$', 1, 2),
    (r"unknown key `([^`]+)`; did you mean `([^`]+)`", 1, 2),
    (r'"([^"]+)" is not allowed; .* did you mean `([^`]+)`', 1, 2),
    (r"`([^`]+)` is not in `[^`]+`: did you mean `(.+?)`", 1, 2),
    (r"on `(.+?)` matches no finding: .* did you mean `(.+?)`", 1, 2),
]


def _follow(lines: list[str], finding: dict) -> None:
    """Apply the fix a finding's message gives, as an author reading it would."""
    message, line = finding["message"], finding["line"]
    quoted = re.search(r"put the whole value in quotes: (.+)$", message)
    if quoted is not None:
        indent = re.match(r"\s*", lines[line - 1])
        lines[line - 1] = (indent.group(0) if indent else "") + quoted.group(1)
        return
    if message.startswith("a tab character"):
        above = lines[line - 2]
        lines[line - 1] = " " * (len(above) - len(above.lstrip())) + lines[line - 1].lstrip()
        return
    for pattern, written, fix in _SUGGESTIONS:
        match = re.search(pattern, message)
        if match is not None:
            _replace_from(lines, line, match.group(written), match.group(fix))
            return
    where = message.split(":", 1)[0]
    if (finding["rule"], where) in AUTHOR_ANSWERS:
        old, new = AUTHOR_ANSWERS[(finding["rule"], where)]
        _replace_from(lines, line, old, new)
        return
    assert finding["rule"] in SETTLED_ELSEWHERE, f"no fix to follow in: {message}"


def _journey(capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """Run the journey; the output of each step, as the guide shows it."""
    outputs: dict[str, str] = {}
    code, new = _run(capsys, NEW)
    assert code == 0
    code, skeleton = _run(capsys, ["check", PLAN])
    assert code == 1
    outputs["new"] = new + "\n" + skeleton

    Path(PLAN).write_text(FILLED.read_text("utf-8"), "utf-8")
    code, first = _run(capsys, ["check", PLAN])
    assert code == 1
    outputs["first-check"] = first

    first_findings = _findings(capsys)
    lines = Path(PLAN).read_text("utf-8").split("\n")
    # bottom up, so a fix never moves the line of one still to apply
    for finding in sorted(first_findings, key=lambda f: -f["line"]):
        _follow(lines, finding)
    Path(PLAN).write_text("\n".join(lines), "utf-8")
    code, second = _run(capsys, ["check", PLAN])
    outputs["fixed"] = second
    outputs["first-findings"] = json.dumps(first_findings)
    outputs["second-code"] = str(code)
    return outputs


def test_the_first_run_shows_every_slip_with_its_fix(
        repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outputs = _journey(capsys)
    messages = "\n".join(f["message"] for f in json.loads(outputs["first-findings"]))
    for expected in [
        'found text "2,500,000"; write plain digits: 2500000',
        'found text "$1.2M"; write plain digits: 1200000',
        'put the whole value in quotes: title: "Phase 1: live tracking for 400 trucks by '
        'March 2027"',
        "a tab character: YAML indents with spaces only",
        '"27/10/2026" is not a date written YYYY-MM-DD',
        "write the date as YYYY-MM-DD: 2026-10-27",
        "unknown key `bussiness_value`; did you mean `business_value`?",
        '"proposal" is not allowed; use one of: qualify, develop, propose, negotiate, won, '
        "lost; did you mean `propose`?",
        'still holds the placeholder "TODO industry"',
        "plan.last_reviewed: the plan has never been reviewed",
        'stakeholder "Liu Yang": our contact `Dan` is not in `team`: did you mean `Dana Reyes`?',
        "opportunity opp-live-tracking: COS `cos-trak` is not in `conditions_of_satisfaction`: "
        "did you mean `cos-track`?",
        "engagement 2026-10-14: stakeholder `Liu Yan` is not in `stakeholders`: "
        "did you mean `Liu Yang`?",
        "on `cos-mes-date` matches no finding: its item is probably misspelt: "
        "did you mean `cos-mes-data`?",
    ]:
        assert expected in messages, expected
    # following the messages alone reaches a plan with no finding left
    assert outputs["second-code"] == "0"
    assert outputs["fixed"].rstrip().endswith(
        "1 plan checked: 0 errors, 0 warnings, 1 waived")


def _guide_blocks(text: str) -> dict[str, str]:
    return dict(re.findall(r"<!-- walkthrough: ([a-z-]+) -->\n```text\n(.*?)```", text,
                           re.DOTALL))


def test_the_guide_shows_the_real_output(repository: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    outputs = _journey(capsys)
    text = GUIDE.read_text("utf-8")
    names = ["new", "first-check", "fixed"]
    if os.environ.get("PLANBOOK_UPDATE_GOLDEN") == "1":
        for name in names:
            text = re.sub(rf"(<!-- walkthrough: {name} -->\n```text\n)(.*?)(```)",
                          lambda m, name=name: m.group(1) + outputs[name] + m.group(3),
                          text, flags=re.DOTALL)
        GUIDE.write_text(text, "utf-8")
    blocks = _guide_blocks(text)
    assert sorted(blocks) == sorted(names), "the guide lost a walkthrough marker"
    for name in names:
        assert blocks[name] == outputs[name], (
            f"docs/guide/edit-a-plan.md, walkthrough `{name}` differs from what planbook "
            "prints; rerun with PLANBOOK_UPDATE_GOLDEN=1 and review the diff")


def test_the_filled_plan_fixture_has_its_slips() -> None:
    text = FILLED.read_text("utf-8")
    assert "\t" in text and "2,500,000" in text and "$1.2M" in text
