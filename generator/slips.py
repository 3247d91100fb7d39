"""Typing slips that break YAML, explained, and read past so the rest is checked.

Two slips make a whole plan unreadable though the author meant something
plain: a value that holds ": " (`summary: Goal: grow` — YAML reads a second
key) and a tab (YAML indents with spaces only). PyYAML's own words for them
("mapping values are not allowed here") teach nothing. So the checker
recognises them, reports each at its line with the fix, and reads the plan
again as if the fix were made — quoting the value, turning tabs into spaces —
so the same run goes on to check everything else. The file is never changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.findings import Problem
from generator.loader import LoadedDocument, load_yaml_text

#: at most this many slips are read past in one plan; then the last one stops the reading
MAX_SLIPS = 50
_KEY_VALUE = re.compile(r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[^\s:#\"'][^:#]*?):[ \t]+"
                        r"(?P<value>[^\"'\[{|>&*!\s].*?)(?P<comment>\s+#.*)?$")


@dataclass(frozen=True)
class Slip:
    """One recognised slip: where it is, what to write, and the text as if fixed."""

    problem: Problem
    position: tuple[int, int]
    fixed_text: str


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _colon_in_value(text: str, line: int) -> Slip | None:
    lines = _lines(text)
    if not 1 <= line <= len(lines):
        return None
    match = _KEY_VALUE.match(lines[line - 1])
    if match is None or (": " not in match["value"] and not match["value"].endswith(":")):
        return None
    value = match["value"].rstrip()
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    key = match["key"].strip()
    lines[line - 1] = f"{match['indent']}{match['key']}: {quoted}{match['comment'] or ''}"
    shown = value if len(value) <= 120 else value[:119] + "…"
    problem = Problem("yaml-syntax", (
        f"the value of `{key}` holds \": \", which YAML reads as the start of another key; "
        f"put the whole value in quotes: {key}: \"{shown}\""))
    column = len(match["indent"]) + 1
    return Slip(problem, (line, column), "\n".join(lines))


def _indent_of_keys_above(lines: list[str], line: int) -> int:
    """The indentation of the keys on the nearest line above (after a "- ")."""
    for above in reversed(lines[: line - 1]):
        stripped = above.lstrip(" ")
        if stripped.strip() and not stripped.startswith("#"):
            indent = len(above) - len(stripped)
            return indent + 2 if stripped.startswith("- ") else indent
    return 0


def _tab(text: str, line: int) -> Slip | None:
    lines = _lines(text)
    if not 1 <= line <= len(lines) or "\t" not in lines[line - 1]:
        return None
    original = lines[line - 1]
    content = original.lstrip(" \t")
    if original[: len(original) - len(content)].count("\t"):
        content = " " * _indent_of_keys_above(lines, line) + content
    else:
        content = original[: len(original) - len(content)] + content
    lines[line - 1] = content.replace("\t", " ")
    column = original.index("\t") + 1
    problem = Problem("yaml-syntax", (
        "a tab character: YAML indents with spaces only; replace the tab with spaces, "
        "lining the key up with the keys around it"))
    return Slip(problem, (line, column), "\n".join(lines))


def _recognise(document: LoadedDocument) -> Slip | None:
    """The slip behind a document's only reading problem, if it is one we know."""
    syntax = [p for p in document.problems if p.rule == "yaml-syntax"]
    if len(syntax) != 1 or document.data is not None:
        return None
    line, _column = document.positions.get(id(syntax[0]), (0, 0))
    message = syntax[0].message
    if "tab" in message or "cannot start any token" in message:
        return _tab(document.text, line)
    if "mapping values are not allowed" in message:
        return _colon_in_value(document.text, line) or _colon_in_value(document.text, line - 1)
    return None


def read_past_slips(document: LoadedDocument) -> tuple[LoadedDocument, list[Slip]]:
    """The document as if its slips were fixed, and the slips; unchanged when none."""
    slips: list[Slip] = []
    current = document
    while len(slips) < MAX_SLIPS:
        slip = _recognise(current)
        if slip is None:
            break
        slips.append(slip)
        current = load_yaml_text(slip.fixed_text, document.path)
    # A problem left after the slips (another kind of break) is reported as it is,
    # at its own line: fixing the slips does not move lines.
    return (current, slips) if slips else (document, [])
