"""Reporters: print a check result as text, JSON, GitHub commands or SARIF.

Reporters only format; what counts as a failure is the result's business.
Waived findings stay visible in JSON (`"waived": true`) and SARIF (as a
suppression); text and GitHub output count them in the summary line only.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from json.encoder import encode_basestring
from typing import Any

from generator import __version__
from generator.findings import ChangeSummary, CheckResult, Finding, Severity
from generator.standards.registry import rules_by_id
from generator.terminal import terminal_text
from generator.text_report import PlanLabel
from generator.text_report import render as render_text

Reporter = Callable[[CheckResult], str]


def summary_line(result: CheckResult) -> str:
    s = result.summary
    plans = "plan" if s.plans == 1 else "plans"
    return (f"{s.plans} {plans} checked: {s.errors} error{'s' * (s.errors != 1)}, "
            f"{s.warnings} warning{'s' * (s.warnings != 1)}, {s.waived} waived")


def change_line(change: ChangeSummary) -> str:
    """How a judged change (`check --base`) came out, in one line."""
    return (f"Judged against {change.base}: {change.introduced} introduced by this "
            f"change, {change.pre_existing} pre-existing (never fail), {change.fixed} fixed")


def closing_lines(result: CheckResult) -> list[str]:
    """The run's notes and the judged change, if any, then the summary line (last)."""
    lines = [f"note: {terminal_text(note)}" for note in result.notes]
    if result.change is not None:
        lines.append(change_line(result.change))
    return [*lines, summary_line(result)]


#: after the message of a finding the base already had (`check --base`)
PRE_EXISTING = " (pre-existing)"


def _pre_existing(finding: Finding) -> str:
    return PRE_EXISTING if finding.introduced is False else ""


def _shown(result: CheckResult) -> list[Finding]:
    return [f for f in result.findings if not f.waived]


def finding_line(finding: Finding) -> str:
    """`FILE:LINE:COLUMN: SEVERITY RULE MESSAGE`, plan text escaped for a terminal.

    The one door from a finding to a line of text output (the text report,
    `build`'s failures): a file name or message can never start a new line,
    a workflow command or an escape sequence.
    """
    f = finding
    return (f"{terminal_text(f.file)}:{f.line}:{f.column}: {f.severity} "
            f"{terminal_text(f.rule)} {terminal_text(f.message)}{_pre_existing(f)}")


def text(result: CheckResult, *, colour: bool = False,
         labels: Mapping[str, PlanLabel] | None = None) -> str:
    """Grouped by plan, errors first, what to fix first, the summary (generator.text_report)."""
    return render_text(result, colour=colour, labels=labels, closing=closing_lines(result),
                       suffix=_pre_existing)


#: how JSON writes the plain values of a report: each one C code
_JSON_SCALARS: dict[type, Callable[[Any], str]] = {
    str: encode_basestring, int: int.__repr__, bool: {True: "true", False: "false"}.__getitem__,
    type(None): lambda _none: "null"}


def indented_json(value: Any, level: int = 0) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`, about twice as fast.

    With `indent`, the standard library leaves its C encoder for a pure-Python
    one: 0.05 s for the 6,000 findings of 1,000 plans. Here each text and
    number is written by C code; only the indentation is Python.
    """
    scalar = _JSON_SCALARS.get(type(value))
    if scalar is not None:
        return scalar(value)
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        brackets = "{}"
        items = [f"{encode_basestring(key)}: {indented_json(item, level + 1)}"
                 for key, item in value.items()]
    elif isinstance(value, list | tuple):
        brackets = "[]"
        items = [indented_json(item, level + 1) for item in value]
    else:  # a number with a fraction, a subclass…: as the standard library writes it
        return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)
    if not items:
        return brackets
    inner = "\n" + "  " * (level + 1)
    return (brackets[0] + inner + ("," + inner).join(items) + "\n" + "  " * level
            + brackets[1])


def json_report(result: CheckResult) -> str:
    s = result.summary
    document: dict[str, object] = {
        "findings": [f.as_dict() for f in result.findings],
        "summary": {"plans": s.plans, "errors": s.errors, "warnings": s.warnings,
                    "waived": s.waived},
    }
    # Beside the summary, whose shape the contract fixes; only when there is one.
    if result.change is not None:
        c = result.change
        document["change"] = {"base": c.base, "introduced": c.introduced,
                              "pre_existing": c.pre_existing, "fixed": c.fixed}
    if result.notes:
        document["notes"] = list(result.notes)
    return indented_json(document) + "\n"


def _escape_data(value: str) -> str:
    # GitHub's own encoding for CR, LF and %, then every other control
    # character shown as an escape, as in the text report.
    return terminal_text(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(result: CheckResult) -> str:
    lines = []
    for f in _shown(result):
        command = "error" if f.severity is Severity.ERROR else "warning"
        if f.introduced is False:
            command = "notice"  # the base had it: shown, but not as this change's fault
        lines.append(
            f"::{command} file={_escape_property(f.file)},line={f.line},col={f.column},"
            f"title={_escape_property(f.rule + _pre_existing(f))}::{_escape_data(f.message)}")
    lines += closing_lines(result)
    return "\n".join(lines) + "\n"


def _sarif_rule(rule_id: str, standards_url: str | None = None) -> dict[str, Any]:
    rule = rules_by_id().get(rule_id)
    if rule is None:
        return {"id": rule_id}
    level = "error" if rule.default_severity is Severity.ERROR else "warning"
    # the rule's section of the standards page: its anchor is the rule id
    link = {"helpUri": f"{standards_url}#{rule.id}"} if standards_url else {}
    return {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc.split("\n\n")[0] if rule.doc else rule.summary},
        "help": {"text": rule.doc or rule.summary, "markdown": rule.doc or rule.summary},
        "defaultConfiguration": {"level": level},
        **link,
    }


def sarif(result: CheckResult, *, standards_url: str | None = None) -> str:
    """SARIF 2.1.0; given the standards page's URL, each rule links to its section."""
    rule_ids = sorted({f.rule for f in result.findings})
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    results = []
    for f in result.findings:
        entry: dict[str, Any] = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": "error" if f.severity is Severity.ERROR else "warning",
            "message": {"text": f.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": f.file, "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": f.line, "startColumn": f.column},
                },
            }],
            "properties": {"account": f.account, **({"item": f.item} if f.item else {})},
        }
        if f.introduced is not None:
            entry["baselineState"] = "new" if f.introduced else "unchanged"
        if f.waiver is not None:
            entry["suppressions"] = [{
                "kind": "inSource",
                "status": "accepted",
                "justification": f"{f.waiver.reason} (approved by {f.waiver.approved_by}, "
                                 f"expires {f.waiver.expires})",
            }]
        results.append(entry)
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "planbook",
                "version": __version__,
                "rules": [_sarif_rule(rule_id, standards_url) for rule_id in rule_ids],
            }},
            "results": results,
        }],
    }
    return indented_json(document) + "\n"


REPORTERS: dict[str, Reporter] = {
    "text": text,
    "json": json_report,
    "github": github,
    "sarif": sarif,
}
