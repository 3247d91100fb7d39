"""`planbook history` output: the timeline as text for a terminal, or as JSON.

The worded changes are `planbook diff`'s Markdown (escaped plan text); for the
terminal they are read back to plain text with a Markdown parser, and then
every control character is shown (`\\x1b`), never emitted, through the
project's one door for text output (`generator.terminal.terminal_text`), so a
plan cannot move the cursor, recolour or clear a reviewer's terminal.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from markdown_it import MarkdownIt

from generator.diff.markdown import unmention
from generator.history.timeline import History, TimelineEntry
from generator.terminal import terminal_text

REVIEW_MARK = "[review]"
_EMPHASIS = frozenset({"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"})


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


def parse_words(markdown: str) -> list[tuple[str, str]]:
    """A worded change (inline Markdown) as ("text" | "code", content) runs, with
    escapes and entities resolved: what a reader of the comment sees."""
    tokens = _parser().parseInline(markdown, {})
    runs: list[tuple[str, str]] = []
    for token in (tokens[0].children or []) if tokens else []:
        if token.type == "code_inline":
            runs.append(("code", token.content))
        elif token.type in ("text", "softbreak", "hardbreak") or token.type in _EMPHASIS:
            # Emphasis the comment's escaping let through (`__0__`) was the
            # author's text: its markers are put back, as text.
            content = (token.content if token.type == "text"
                       else " " if token.type.endswith("break") else token.markup)
            if runs and runs[-1][0] == "text":
                runs[-1] = ("text", runs[-1][1] + content)
            else:
                runs.append(("text", content))
    return [(kind, unmention(content)) for kind, content in runs]


def markdown_as_text(markdown: str) -> str:
    """Inline Markdown as the text a reader sees."""
    return "".join(content for _, content in parse_words(markdown))


def _review_text(entry: TimelineEntry) -> str | None:
    for change in entry.changes:
        if change.review is not None and change.review[1] is not None:
            return change.review[1]
    return None


def _shallow_note(history: History) -> str | None:
    if not history.shallow or history.first_day is None:
        return None
    return (f"History starts on {history.first_day.isoformat()}: this is a shallow clone "
            "(fetch the full history, e.g. `git fetch --unshallow`, to see older changes).")


def text_report(history: History, entries: list[TimelineEntry], account: str | None) -> str:
    lines: list[str] = []
    note = _shallow_note(history)
    if note:
        lines += [note, ""]
    if not entries:
        what = f"the plan of {terminal_text(account)}" if account else "the plans"
        lines.append(f"No change to {what} in the history.")
        return "\n".join(lines) + "\n"
    for entry in entries:
        record = entry.record
        heading = (f"{record.day.isoformat()}  {terminal_text(record.author)}  "
                   f"{record.sha[:10]}  {terminal_text(record.subject)}")
        reviewed = _review_text(entry)
        if reviewed is not None:
            heading += f"  {REVIEW_MARK} reviewed {terminal_text(reviewed)}"
        lines.append(heading)
        for change in entry.changes:
            who = change.account or change.old_account or change.path
            name = f" ({change.name})" if change.name else ""
            lines.append(f"  {terminal_text(who)}{terminal_text(name)}:")
            lines += [f"    - {terminal_text(markdown_as_text(w))}" for w in change.words]
        lines.append("")
    return "\n".join(lines)


def _entry_json(entry: TimelineEntry) -> dict[str, Any]:
    record = entry.record
    return {
        "commit": record.sha,
        "date": record.date,
        "author": record.author,
        "email": record.email,
        "subject": record.subject,
        "review": entry.is_review,
        "changes": [{
            "account": change.account or change.old_account,
            "name": change.name,
            "status": change.status,
            "path": change.path,
            "old_path": change.old_path,
            "review": ({"from": change.review[0], "to": change.review[1]}
                       if change.review else None),
            "words": [markdown_as_text(w) for w in change.words],
        } for change in entry.changes],
    }


def json_report(history: History, entries: list[TimelineEntry], account: str | None) -> str:
    document = {
        "account": account,
        "shallow": history.shallow,
        "starts": history.first_day.isoformat() if history.first_day else None,
        "changes": [_entry_json(e) for e in entries],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


REPORTS = {"text": text_report, "json": json_report}
