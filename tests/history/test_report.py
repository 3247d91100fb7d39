"""The history's escaping doors: the terminal (control characters shown) and the
site (diff Markdown re-escaped token by token)."""

from __future__ import annotations

import pytest

from generator.diff.markdown import text as diff_text
from generator.history.pages import words_markdown
from generator.history.report import markdown_as_text, parse_words
from generator.terminal import terminal_text


@pytest.mark.parametrize("value, shown", [
    ("plain 文字", "plain 文字"),
    ("red \x1b[31m", "red \\x1b[31m"),
    ("bell\x07 tab\t cr\r", "bell\\x07 tab\\t cr\\r"),
    ("c1 \x9b2J", "c1 \\x9b2J"),
    ("bidi \u202eevil", "bidi \\u202eevil"),
])
def test_terminal_text_shows_control_characters(value, shown):
    assert terminal_text(value) == shown


@pytest.mark.parametrize("plan_text", [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "**bold** _it_ `code` | pipe ~strike~",
    "@team & <b>",
])
def test_worded_plan_text_reads_back_exactly(plan_text):
    words = f"opportunity `opp-a`: name {diff_text(plan_text)}"
    assert markdown_as_text(words) == f"opportunity opp-a: name {plan_text}"
    assert parse_words(words)[1] == ("code", "opp-a")


def test_worded_plan_text_is_re_escaped_for_the_site():
    words = f"opportunity `opp-a`: name {diff_text('<script>x</script> [a](javascript:b)')}"
    shown = str(words_markdown(words))
    assert shown.startswith("opportunity <code>opp\\-a</code>: name ")
    assert "<script>" not in shown and "](" not in shown
    assert "&lt;script&gt;" in shown
