"""The text report: what an account manager reads after `planbook check`.

Findings are grouped by plan (a heading per plan when several have findings),
errors before warnings within each plan, each line still
`FILE:LINE:COLUMN: SEVERITY RULE MESSAGE` so editors and scripts can jump to
it. Before the summary line comes one line that says what to fix first. On a
terminal the severities are coloured; never when the output is piped, never
when NO_COLOR is set (https://no-color.org), always when FORCE_COLOR is.

Plan text (file names, messages, account and owner names) passes through
`generator.terminal.terminal_text` before it is painted: control characters
are shown as escapes, so only our own colour codes reach the terminal.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TextIO

from generator.findings import CheckResult, Finding, Severity
from generator.terminal import terminal_text as escaped

#: rules whose errors keep the standards from judging the plan whole, most pressing first
BLOCKING_RULES = ("yaml-syntax", "yaml-unsafe", "yaml-duplicate-key", "schema")

_RESET = "\x1b[0m"
_STYLES = {"error": "\x1b[1;31m", "warning": "\x1b[33m", "heading": "\x1b[1m",
           "hint": "\x1b[36m", "dim": "\x1b[2m"}


def use_colour(stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """Colour only on a terminal; NO_COLOR wins, FORCE_COLOR forces it on."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and env.get("TERM") != "dumb"


@dataclass(frozen=True)
class PlanLabel:
    """How a plan's heading names it: its account and owner, as written."""

    account: str | None
    owner: str | None


@dataclass(frozen=True)
class _Paint:
    colour: bool

    def __call__(self, style: str, text: str) -> str:
        return f"{_STYLES[style]}{text}{_RESET}" if self.colour else text


def _severity_order(finding: Finding) -> tuple[int, int, int, str]:
    return (0 if finding.severity is Severity.ERROR else 1, finding.line, finding.column,
            finding.rule)


def _count(errors: int, warnings: int) -> str:
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' * (errors != 1)}")
    if warnings:
        parts.append(f"{warnings} warning{'s' * (warnings != 1)}")
    return ", ".join(parts)


def _heading(file: str, findings: list[Finding], label: PlanLabel | None,
             paint: _Paint) -> str:
    errors = sum(f.severity is Severity.ERROR for f in findings)
    about = []
    if label is not None and label.account:
        about.append(escaped(label.account))
    if label is not None and label.owner:
        about.append(f"owner {escaped(label.owner)}")
    named = f" ({', '.join(about)})" if about else ""
    return paint("heading", f"{escaped(file)}{named}: {_count(errors, len(findings) - errors)}")


def _line(finding: Finding, paint: _Paint, suffix: str) -> str:
    severity = paint(str(finding.severity), str(finding.severity))
    return (f"{escaped(finding.file)}:{finding.line}:{finding.column}: {severity} "
            f"{escaped(finding.rule)} {escaped(finding.message)}{suffix}")


def fix_first(findings: Iterable[Finding]) -> str | None:
    """One line: what to fix first, or None when nothing is left to fix."""
    shown = [f for f in findings if not f.waived]
    errors = [f for f in shown if f.severity is Severity.ERROR]
    blocking = sorted((f for f in errors if f.rule in BLOCKING_RULES),
                      key=lambda f: BLOCKING_RULES.index(f.rule))
    if blocking:
        first = blocking[0]
        which = (f"the {first.rule} error at" if len(blocking) == 1 else
                 f"the {len(blocking)} syntax and schema errors, starting at")
        them = "it is" if len(blocking) == 1 else "they are"
        return (f"Fix first: {which} {escaped(first.file)}:{first.line}: until {them} fixed, "
                "the standards cannot judge the parts of the plan involved.")
    if errors:
        first = errors[0]
        return (f"Fix first: the {len(errors)} error{'s' * (len(errors) != 1)}, starting at "
                f"{escaped(first.file)}:{first.line} ({first.rule}): errors stop the plan from "
                "passing; then the warnings.")
    if shown:
        first = shown[0]
        return (f"Next: {len(shown)} warning{'s' * (len(shown) != 1)}, starting at "
                f"{escaped(first.file)}:{first.line} ({first.rule}); they do not fail the check "
                "unless --strict.")
    return None


def render(result: CheckResult, *, colour: bool = False,
           labels: Mapping[str, PlanLabel] | None = None,
           closing: Iterable[str] = (),
           suffix: Callable[[Finding], str] = lambda finding: "") -> str:
    """The text report; `closing` are the summary lines, `suffix` text after a finding."""
    paint = _Paint(colour)
    by_file: dict[str, list[Finding]] = {}
    for finding in result.findings:
        if not finding.waived:
            by_file.setdefault(finding.file, []).append(finding)
    grouped = len(by_file) > 1
    lines: list[str] = []
    for file, findings in by_file.items():
        if grouped:
            if lines:
                lines.append("")
            lines.append(_heading(file, findings, (labels or {}).get(file), paint))
        for finding in sorted(findings, key=_severity_order):
            lines.append(_line(finding, paint, suffix(finding)))
    # With `check --base`, the advice is about what the change introduced:
    # findings the base had already are not this change's to fix first.
    advice = fix_first(f for group in by_file.values()
                       for f in sorted(group, key=_severity_order) if f.judged)
    if lines:
        lines.append("")
    if advice is not None:
        lines.append(paint("hint", advice))
    lines += list(closing)
    return "\n".join(lines) + "\n"
