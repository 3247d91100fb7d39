"""`planbook history [ACCOUNT] [--since DATE] [--format text|json]` on a throw-away repository."""

from __future__ import annotations

import json
import subprocess

import pytest

from generator.cli import main


@pytest.fixture
def in_story(story, monkeypatch):
    monkeypatch.chdir(story.root)
    return story


def test_text_lists_each_change_with_date_author_and_words(in_story, capsys):
    assert main(["history", "acme"]) == 0
    out = capsys.readouterr().out
    blocks = out.strip().split("\n\n")
    assert [b.splitlines()[0][:24] for b in blocks] == [
        "2026-11-02  Bob Li  " + in_story.commits[4][:4],
        "2026-10-05  Alice Chen  " ,
        "2026-09-10  Carol Wu  " + in_story.commits[2][:2],
        "2026-08-20  Bob Li  " + in_story.commits[1][:4],
        "2026-07-15  Alice Chen  "]
    assert "    - opportunity opp-a: close 2027-03-31 -> 2027-04-30" in blocks[3]
    assert "[review] reviewed 2026-10-01" in blocks[1].splitlines()[0]
    assert "    - opportunity opp-b: amount USD 500,000 -> 350,000 (-150,000)" in blocks[2]
    assert "(Globex)" not in out  # another account's change in the same commit


def test_since_and_json(in_story, capsys):
    assert main(["history", "--since", "2026-09-10", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["shallow"] is False
    changes = document["changes"]
    assert [c["commit"] for c in changes] == in_story.commits[:1:-1]
    rename = changes[-1]["changes"][1]
    assert (rename["account"], rename["status"], rename["old_path"]) == (
        "globex-corp", "renamed", "plans/globex.yaml")
    review = changes[1]
    assert review["review"] is True and review["author"] == "Alice Chen"
    assert review["changes"][0]["review"] == {"from": "2026-07-10", "to": "2026-10-01"}
    assert "opportunity opp-c: stage develop -> won" in review["changes"][0]["words"]


@pytest.mark.parametrize("argv, message", [
    (["history", "nobody"], "no plan with the account id `nobody`"),
    (["history", "--since", "2026-13-01"], "--since: 2026-13-01 is not a date in the calendar"),
    (["history", "--since", "2027-02-29"], "--since: 2027-02-29 is not a date in the calendar"),
    (["history", "--since", "20261127"], "--since: `20261127` is not a date written YYYY-MM-DD"),
])
def test_usage_errors_exit_2_with_a_message(in_story, capsys, argv, message):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_outside_a_repository_exit_2(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["history"]) == 2
    assert "not inside a git repository" in capsys.readouterr().err


def test_a_shallow_clone_says_where_history_starts(story, tmp_path, monkeypatch, capsys):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{story.root}", str(clone)],
                   check=True, capture_output=True)
    monkeypatch.chdir(clone)
    assert main(["history", "acme"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("History starts on 2026-10-05: this is a shallow clone")
    assert "2026-08-20" not in out
    assert ("    - the plan as it stood where this shallow clone's history starts"
            in out.split("\n\n")[-1])
    assert "new plan" not in out


def test_plan_text_with_control_characters_is_shown_not_emitted(fresh_story, monkeypatch,
                                                                 capsys):
    fresh_story.acme.opportunities[0].name = '"Deal \\e[31mred\\e[0m \\a"'
    fresh_story.commit_acme("bob", "2026-11-20", "rename a deal \x1b]0;pwned\x07")
    monkeypatch.chdir(fresh_story.root)
    assert main(["history", "acme", "--since", "2026-11-20"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b[31mred\\x1b[0m" in out
    assert "rename a deal \\x1b]0;pwned\\x07" in out
