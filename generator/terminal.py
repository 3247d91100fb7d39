"""Plan text for terminals and CI logs: control characters shown, never emitted.

A plan value or a file name can hold a line break followed by
`::error file=…::` (a forged GitHub annotation, or `::stop-commands::`), an
escape sequence that moves the cursor and erases lines, or a bidirectional
override that makes a line read differently from what it says. Every line of
text output (the text report, `build`'s failures, error messages) passes its
plan-derived parts through `terminal_text`, which shows such characters as
escapes (`\\n`, `\\x1b`, `\\u2028`, `\\u202e`) instead of emitting them.
"""

from __future__ import annotations

import unicodedata

# Control (Cc: C0, DEL, C1 with U+0085), format (Cf: bidi overrides and
# isolates, zero-width characters), line and paragraph separators (Zl, Zp),
# surrogates, private use and unassigned code points.
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def terminal_text(text: object) -> str:
    """`text` with every control, format and separator character shown as an escape."""
    value = str(text)
    if value.isprintable():  # the common case: nothing to escape
        return value
    return "".join(_escape(char) if unicodedata.category(char) in _HIDDEN else char
                   for char in value)
