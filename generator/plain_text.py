"""Plan text as one plain line: the shared first step of every output's escaping.

Pages, the search index and the CSV/XLSX exports show a plan value inline (in
a table cell, a list, a sentence), where a line break would end the row, and
where some characters must never arrive at all: Python-Markdown uses STX/ETX
as placeholders for stashed HTML, terminal control sequences (ESC, C1 CSI)
act on whoever prints a file, and the bidi embeddings, overrides and isolates
(U+202A-U+202E, U+2066-U+2069), one left open, reverse the text after it on
screen so a value could show as something else. Each channel then applies its
own escaping door on top (HTML entities, formula neutralising, ...).
"""

from __future__ import annotations

import re

CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")
_WHITESPACE = re.compile(r"\s+")


def plain(text: object) -> str:
    """The text with control characters removed and whitespace runs collapsed."""
    return _WHITESPACE.sub(" ", CONTROL.sub("", str(text))).strip()
