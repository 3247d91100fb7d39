"""Format a plan diff as Markdown for a pull-request comment (or job summary).

Written for the sales manager reviewing the change: per account, what was
added, removed and changed, named by id (or name / product) with old -> new
values and money with its currency and delta; then the findings the change
introduces, fixes or newly waives.

Everything taken from a plan is escaped: plan text is shown as text, never as
Markdown, HTML or an @mention.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal

from generator.diff.compare import DiffReport, PlanDiff, PlanStatus, PlanVersion
from generator.diff.plans import (
    ABSENT,
    FieldChange,
    ItemChange,
    ItemStatus,
    SectionDiff,
    Value,
    as_decimal,
    is_number,
    section_counts,
)
from generator.findings import Finding, Severity
from generator.money import format_amount

#: GitHub refuses comments over 65,536 characters; stay well under.
MAX_CHARS = 60_000
#: Text longer than this is shown on its own lines rather than inline.
INLINE_TEXT = 80
BLOCK_TEXT = 400
ARROW = "->"

SECTION_TITLES: Mapping[str, str] = {
    "format": "Format",
    "account": "Account",
    "plan": "Plan",
    "team": "Team",
    "currency": "Currency",
    "financials": "Financials",
    "customer_priorities": "Customer priorities",
    "conditions_of_satisfaction": "Conditions of satisfaction",
    "stakeholders": "Stakeholders",
    "agreements": "Agreements",
    "deployment": "Deployment",
    "opportunities": "Opportunities",
    "competitors": "Competitors",
    "partners": "Partners",
    "satisfaction": "Satisfaction",
    "engagements": "Engagements",
    "actions": "Actions",
    "waivers": "Waivers",
}

#: (what one item is called, plural) for counting and naming items.
ITEM_NOUNS: Mapping[str, tuple[str, str]] = {
    "team": ("team member", "team members"),
    "customer_priorities": ("customer priority", "customer priorities"),
    "conditions_of_satisfaction": ("COS", "COS"),
    "stakeholders": ("stakeholder", "stakeholders"),
    "agreements": ("agreement", "agreements"),
    "deployment": ("deployment of", "deployed products"),
    "opportunities": ("opportunity", "opportunities"),
    "competitors": ("competitor", "competitors"),
    "partners": ("partner", "partners"),
    "engagements": ("engagement", "engagements"),
    "actions": ("action", "actions"),
    "waivers": ("waiver", "waivers"),
}

#: What a new or removed item is summed up by: its title field and details.
ITEM_SUMMARY: Mapping[str, tuple[str | None, tuple[str, ...]]] = {
    "team": (None, ("role",)),
    "customer_priorities": ("title", ()),
    "conditions_of_satisfaction": ("title", ("status",)),
    "stakeholders": (None, ("title", "level", "stance")),
    "agreements": (None, ("type", "starts", "ends", "annual_value")),
    "deployment": (None, ("entitled", "deployed")),
    "opportunities": ("name", ("stage", "amount", "close")),
    "competitors": (None, ("threat",)),
    "partners": (None, ("role",)),
    "engagements": (None, ("with",)),
    "actions": ("what", ("owner", "due", "status")),
    "waivers": ("reason", ("approved_by", "expires")),
}

SEVERITY_MARKS = {Severity.ERROR: "❌ error", Severity.WARNING: "⚠️ warning"}


# --- escaping ---------------------------------------------------------------------

# `_` between two letters or digits (last_reviewed) is no emphasis in GitHub's
# Markdown: left as is. Any other `_` is escaped, runs of them too (`__0__`).
_SPECIAL = re.compile(r"([\\`*\[\]<>|~]|(?<![^\W_])_|_(?![^\W_]))")
# "@name" would notify a GitHub user or team; a zero-width space stops that. The
# guard also goes after an "@" the author wrote before a zero-width space, so that
# `unmention` takes out exactly the guards and never a character of the plan.
_MENTION = re.compile(r"(?<![\w.+-])@(?=[\w\u200b])")
_GUARDED = re.compile(r"(?<![\w.+-])@\u200b(?=[\w\u200b])")


# Control characters (ESC sequences) and bidi overrides (which make a line read
# backwards on GitHub) are shown as their escapes, never sent: `\x1b`, `\u202e`.
_HIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def text(value: object) -> str:
    """Plan text as inline Markdown that shows exactly that text."""
    flat = _HIDDEN.sub(_shown, re.sub(r"\s+", " ", str(value)))
    escaped = _SPECIAL.sub(r"\\\1", flat.replace("&", "&amp;"))
    return _MENTION.sub("@\u200b", escaped)


def unmention(shown: str) -> str:
    """Text made by `text`, shown outside GitHub: the mention guards taken out."""
    return _GUARDED.sub("@", shown)


def code(value: object) -> str:
    """An id or file name as a code span, whatever backticks it holds."""
    flat = _HIDDEN.sub(_shown, " ".join(str(value).split()))
    runs = [len(run) for run in re.findall(r"`+", flat)]
    fence = "`" * (max(runs, default=0) + 1)
    padding = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{padding}{flat}{padding}{fence}"


def message(value: str) -> str:
    """A finding's message: its `code` spans kept, the rest escaped as text."""
    parts = re.split(r"(`[^`]*`)", value)
    return "".join(_HIDDEN.sub(_shown, part)
                   if part.startswith("`") and part.endswith("`") and len(part) > 1
                   else text(part) for part in parts)


def _shorten(value: str, limit: int) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "…"


# --- values -------------------------------------------------------------------------

def number(value: Decimal) -> str:
    """8600000 -> 8,600,000; 0.70 -> 0.7."""
    return format_amount(value)


def value_text(value: Value, *, currency: str | None = None,
               limit: int = INLINE_TEXT) -> str:
    """One value as inline Markdown: money with its currency, long text shortened."""
    if value is ABSENT or value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if is_number(value):
        amount = as_decimal(value)
        shown = number(amount) if amount is not None else str(value)
        return f"{currency} {shown}" if currency else shown
    if isinstance(value, list):
        return ", ".join(value_text(v, limit=limit) for v in value) or "(none)"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{text(k)}: {value_text(v, limit=limit)}"
                               for k, v in value.items()) + "}"
    return text(_shorten(str(value), limit))


def _entry(value: Value) -> str:
    shown = value_text(value)
    return f"“{shown}”" if isinstance(value, str) and " " in value else shown


def _is_long(value: Value) -> bool:
    return isinstance(value, str) and (len(value) > INLINE_TEXT or "\n" in value.strip())


def field_label(section: str, change: FieldChange) -> str:
    if not change.field:
        return section
    if section == "financials" and change.field[0] == "addressable_revenue":
        return " ".join(["AR", *change.field[1:]])
    return ".".join(change.field)


def describe_field(section: str, change: FieldChange,
                   currencies: tuple[str | None, str | None]) -> tuple[str, list[str]]:
    """A field change as a phrase, and lines to show under it for long text."""
    label = text(field_label(section, change))
    old_currency, new_currency = currencies if change.amount else (None, None)
    if change.is_list:
        parts = []
        if change.added:
            parts.append("added " + ", ".join(_entry(v) for v in change.added))
        if change.removed:
            parts.append("removed " + ", ".join(_entry(v) for v in change.removed))
        return f"{label}: {'; '.join(parts)}", []
    if _is_long(change.old) or _is_long(change.new):
        details = []
        if change.old is not ABSENT:
            details.append(f"was: {value_text(change.old, limit=BLOCK_TEXT)}")
        if change.new is not ABSENT:
            details.append(f"now: {value_text(change.new, limit=BLOCK_TEXT)}")
        verb = ("added" if change.old is ABSENT
                else "removed" if change.new is ABSENT else "changed")
        return f"{label} {verb}", details
    if change.old is ABSENT:
        return f"{label} set to {value_text(change.new, currency=new_currency)}", []
    if change.new is ABSENT:
        return f"{label} removed (was {value_text(change.old, currency=old_currency)})", []
    return f"{label} {_old_to_new(change, old_currency, new_currency)}", []


def _old_to_new(change: FieldChange, old_currency: str | None,
                new_currency: str | None) -> str:
    old_amount, new_amount = as_decimal(change.old), as_decimal(change.new)
    if old_amount is not None and new_amount is not None:
        if old_currency != new_currency:  # no delta across currencies
            return (f"{value_text(change.old, currency=old_currency)} {ARROW} "
                    f"{value_text(change.new, currency=new_currency)}")
        prefix = f"{new_currency} " if new_currency else ""
        delta = new_amount - old_amount
        return (f"{prefix}{number(old_amount)} {ARROW} {number(new_amount)} "
                f"({'+' if delta > 0 else '-' if delta < 0 else '±'}{number(abs(delta))})")
    return f"{value_text(change.old)} {ARROW} {value_text(change.new)}"


# --- items and sections --------------------------------------------------------------

def _item_name(change: ItemChange) -> str:
    noun = ITEM_NOUNS.get(change.section, ("item", "items"))[0]
    key = code(change.key) if change.key_field == "id" else text(change.key)
    return f"{noun} {key}"


def _item_summary(change: ItemChange, currency: str | None) -> str:
    title_field, detail_fields = ITEM_SUMMARY.get(change.section, (None, ()))
    item = change.item
    parts = []
    if title_field and item.get(title_field) not in (None, ""):
        parts.append(value_text(item[title_field]))
    details = []
    for name in detail_fields:
        if item.get(name) in (None, "", []):
            continue
        money = currency if (change.section, name) in (
            ("opportunities", "amount"), ("agreements", "annual_value")) else None
        details.append(f"{text(name)} {value_text(item[name], currency=money)}")
    if details:
        parts.append(", ".join(details))
    return " — ".join(parts)


def _item_lines(change: ItemChange, currencies: tuple[str | None, str | None]) -> list[str]:
    if change.status is not ItemStatus.CHANGED:
        prefix = "new" if change.status is ItemStatus.ADDED else "removed"
        currency = currencies[1] if change.status is ItemStatus.ADDED else currencies[0]
        summary = _item_summary(change, currency)
        return [f"- {prefix} {_item_name(change)}" + (f": {summary}" if summary else "")]
    phrases = [describe_field(change.section, f, currencies) for f in change.fields]
    inline = "; ".join(p for p, _ in phrases)
    if len(phrases) <= 3 and not any(details for _, details in phrases) and len(inline) <= 160:
        return [f"- {_item_name(change)}: {inline}"]
    lines = [f"- {_item_name(change)}:"]
    for phrase, details in phrases:
        lines.append(f"  - {phrase}")
        lines += [f"    - {d}" for d in details]
    return lines


def section_lines(section: SectionDiff, currencies: tuple[str | None, str | None]) -> list[str]:
    """The bullet list for one changed section, under its title."""
    lines = [f"**{SECTION_TITLES.get(section.section, text(section.section))}**", ""]
    for change in section.fields:
        phrase, details = describe_field(section.section, change, currencies)
        lines.append(f"- {phrase}")
        lines += [f"  - {d}" for d in details]
    for item in section.items:
        lines += _item_lines(item, currencies)
    return [*lines, ""]


# --- plans -------------------------------------------------------------------------------

def _heading(diff: PlanDiff) -> str:
    name = f"{text(diff.name)} ({code(diff.account)})" if diff.name else code(diff.account)
    suffix = {PlanStatus.ADDED: " — new plan", PlanStatus.REMOVED: " — plan removed",
              PlanStatus.RENAMED: " — plan file renamed"}.get(diff.status, "")
    return f"### {name}{suffix}"


def _mapping(value: Value) -> Mapping[str, Value]:
    return value if isinstance(value, Mapping) else {}


def _overview(version: PlanVersion) -> list[str]:
    data = version.data or {}
    plan, account, financials = (_mapping(data.get(s)) for s in ("plan", "account",
                                                                  "financials"))
    facts = []
    for label, value in (("owner", plan.get("owner")), ("fiscal year", plan.get("fiscal_year")),
                         ("segment", account.get("segment"))):
        if value not in (None, ""):
            facts.append(f"{label} {value_text(value)}")
    if financials.get("long_term_potential") is not None:
        facts.append("LTP " + value_text(financials["long_term_potential"],
                                         currency=version.currency))
    counts = [f"{n} {ITEM_NOUNS[s][0 if n == 1 else 1]}" for s, n in section_counts(data)]
    return [f"- {line}" for line in (" · ".join(facts), ", ".join(counts)) if line]


def _unreadable(diff: PlanDiff, base_label: str, head_label: str) -> list[str]:
    lines = []
    for version, label in ((diff.base, base_label), (diff.head, head_label)):
        if version is not None and version.problem is not None:
            lines.append(f"> ⚠️ {code(version.path)} could not be read as a plan in {label}: "
                         f"{message(version.problem)}. Its changes cannot be listed; "
                         "see the findings below.")
    return [*lines, ""] if lines else []


def plan_lines(diff: PlanDiff, base_label: str, head_label: str) -> list[str]:
    """The part of the comment about one plan."""
    lines = [_heading(diff), ""]
    if diff.status is PlanStatus.ADDED and diff.head is not None:
        lines += [f"New file {code(diff.head.path)}.", ""]
        lines += _unreadable(diff, base_label, head_label)
        return [*lines, *_overview(diff.head), ""]
    if diff.status is PlanStatus.REMOVED and diff.base is not None:
        lines += [f"{code(diff.base.path)} was deleted. It held:", ""]
        lines += _unreadable(diff, base_label, head_label)
        return [*lines, *_overview(diff.base), ""]
    assert diff.base is not None and diff.head is not None
    if diff.status is PlanStatus.RENAMED:
        lines += [f"Renamed {code(diff.base.path)} {ARROW} {code(diff.head.path)}.", ""]
    else:
        lines += [code(diff.head.path), ""]
    lines += _unreadable(diff, base_label, head_label)
    if diff.layout_only:
        lines += ["No change to the plan's content." if diff.status is PlanStatus.RENAMED
                  else "Only comments or layout changed; the plan's content is the same.", ""]
    currencies = (diff.base.currency, diff.head.currency)
    for section in diff.sections:
        lines += section_lines(section, currencies)
    return lines


# --- findings ---------------------------------------------------------------------------

def finding_line(finding: Finding, mark: str) -> str:
    where = code(f"{finding.file}:{finding.line}")
    line = (f"- {mark} {code(finding.rule)} in {code(finding.account or finding.file)}: "
            f"{message(finding.message)} ({where})")
    if finding.waiver is not None:
        line += (f" — waived: {text(finding.waiver.reason)} (approved by "
                 f"{text(finding.waiver.approved_by)}, expires {text(finding.waiver.expires)})")
    return line


def _finding_group(title: str, findings: Iterable[Finding], mark: str | None) -> list[str]:
    found = list(findings)
    if not found:
        return []
    lines = [f"**{title} ({len(found)})**", ""]
    lines += [finding_line(f, mark or SEVERITY_MARKS.get(f.severity, str(f.severity)))
              for f in found]
    return [*lines, ""]


def findings_lines(report: DiffReport) -> list[str]:
    changes = report.findings
    lines = ["### Findings", ""]
    if changes.empty:
        return [*lines, "No finding introduced or fixed.", ""]
    lines += _finding_group("Introduced", changes.introduced, None)
    lines += _finding_group("Fixed", changes.fixed, "✅")
    lines += _finding_group("Newly waived — approve only with a good reason",
                            changes.waived, "🟡")
    if changes.deleted:
        accounts = sorted({f.account or f.file for f in changes.deleted})
        lines += [f"{_plural(len(changes.deleted), 'finding')} went away with the deleted "
                  f"{'plan' if len(accounts) == 1 else 'plans'} "
                  f"{', '.join(code(a) for a in accounts)}.", ""]
    return lines


# --- the whole comment ---------------------------------------------------------------------

def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _summary(report: DiffReport) -> str:
    statuses = [d.status for d in report.plans]
    kinds = [f"{statuses.count(status)} {label}" for status, label in (
        (PlanStatus.ADDED, "new"), (PlanStatus.REMOVED, "removed"),
        (PlanStatus.RENAMED, "renamed")) if status in statuses]
    plans = _plural(len(statuses), "plan") + " changed"
    if kinds:
        plans += f" ({', '.join(kinds)})"
    f = report.findings
    findings = (f"findings: {len(f.introduced)} introduced, {len(f.fixed)} fixed"
                + (f", {len(f.waived)} newly waived" if f.waived else ""))
    return f"**{plans}** · **{findings}**"


def render(report: DiffReport, *, max_chars: int = MAX_CHARS) -> str:
    """The whole comment; cut short (with a note) past `max_chars`."""
    base = f"**{text(report.base.label)}**"
    if report.base.origin:
        base += f" ({text(report.base.origin)})"
    head = (f"**{text(report.head.label)}**" if report.head.commit is not None
            else f"the **{text(report.head.label)}**")
    lines = ["## Account plan changes", "",
             f"Comparing {base} with {head} in {code(report.folder + '/')}; "
             f"findings judged as of {report.as_of.isoformat()}.", ""]
    lines += [f"> **Note:** {message(note)}" for note in report.notes]
    if report.notes:
        lines.append("")
    if not report.plans:
        lines += ["No account plan changed.", ""]
    else:
        lines += [_summary(report), ""]
        for diff in report.plans:
            lines += plan_lines(diff, report.base.described, report.head.described)
    lines += findings_lines(report)
    return _cut("\n".join(lines).rstrip() + "\n", max_chars)


def _cut(markdown: str, max_chars: int) -> str:
    if len(markdown) <= max_chars:
        return markdown
    note = ("\n\n… The rest is cut short: the full report is "
            f"{len(markdown):,} characters, more than a pull-request comment holds. "
            "Run `planbook diff` locally to see all of it.\n")
    end = markdown.rfind("\n", 0, max(0, max_chars - len(note)))
    return markdown[:max(end, 0)] + note
