"""The standards reference: each rule's documentation and the settings in force.

A rule declares the names of the thresholds it reads (`Rule.thresholds`);
this module shows each under its key in `standards.yaml`, with the value the
loaded standards give it, so the page always matches what the check does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup

from generator.findings import Severity
from generator.render.escape import inline_code, markdown_text
from generator.render.filters import number, percent, plural, round_money
from generator.standards import calendar
from generator.standards.config import Standards
from generator.standards.registry import Rule


@dataclass(frozen=True)
class Setting:
    """One line of the thresholds table."""

    name: str
    key: str
    value: Markup
    used_by: Markup


@dataclass(frozen=True)
class RuleDoc:
    """A rule as the reference shows it."""

    rule: Rule
    effective: str
    thresholds: Markup
    #: the module docstring: our own Markdown, published as-is
    text: Markup


def _money(standards: Standards, value: object) -> Markup:
    return round_money(Decimal(str(value)), standards.currency)


def _fiscal_year_start(standards: Standards, as_of: dt.date) -> Markup:
    month, day = standards.fiscal_year_start
    label = calendar.fiscal_year_of(as_of, standards.fiscal_year_start)
    first, last = calendar.fiscal_year_bounds(label, standards.fiscal_year_start)
    return Markup(f"{month:02d}-{day:02d} ({label} runs {first.isoformat()} to {last.isoformat()})")


# name declared by rules → (key in standards.yaml, how its value reads)
_SETTINGS: dict[str, tuple[str, Callable[[Standards, dt.date], Markup]]] = {
    "currency": ("currency", lambda s, _: inline_code(s.currency)),
    "fiscal_year_start": ("fiscal_year_start", _fiscal_year_start),
    "min_ltp": ("segments.<segment>.min_ltp", lambda s, _: Markup("; ").join(
        Markup("{}: {}").format(markdown_text(segment), _money(s, minimum))
        for segment, minimum in sorted(s.min_ltp.items()))),
    "review_max_age_days": ("review_max_age_days",
                            lambda s, _: plural(s.review_max_age_days, "day")),
    "renewal_window_months": ("renewal_window_months",
                              lambda s, _: plural(s.renewal_window_months, "month")),
    "pipeline_coverage": ("pipeline_coverage",
                          lambda s, _: Markup("{} times the remaining revenue target").format(
                              number(s.pipeline_coverage))),
    "key_win_amount": ("key_win_amount", lambda s, _: _money(s, s.key_win_amount)),
    "deployment_min_ratio": ("deployment_min_ratio",
                             lambda s, _: percent(s.deployment_min_ratio, 0)),
    "max_sales_cycle_months": ("max_sales_cycle_months",
                               lambda s, _: plural(s.max_sales_cycle_months, "month")),
    "stakeholder_contact_max_age_days": (
        "stakeholder_contact_max_age_days",
        lambda s, _: plural(s.stakeholder_contact_max_age_days, "day")),
    "waiver_max_days": ("waiver_max_days", lambda s, _: plural(s.waiver_max_days, "day")),
    "accounts_per_manager_target": ("accounts_per_manager.target",
                                    lambda s, _: plural(s.accounts_per_manager_target,
                                                        "account")),
    "accounts_per_manager_max": ("accounts_per_manager.max",
                                 lambda s, _: plural(s.accounts_per_manager_max, "account")),
    "exchange_rates": ("exchange_rates", lambda s, _: Markup(
        '<a href="#exchange-rates">{} currencies</a>').format(len(s.exchange_rates))),
}


def effective_severity(rule: Rule, standards: Standards) -> str:
    """What the loaded standards make of the rule: error, warning or off."""
    if rule.structural:
        return str(Severity.ERROR)
    return str(standards.severity_of(rule.id, rule.default_severity))


def _setting_value(name: str, standards: Standards, as_of: dt.date) -> tuple[str, Markup]:
    if name in _SETTINGS:
        key, shown = _SETTINGS[name]
        return key, shown(standards, as_of)
    # A threshold added to a rule before this table knew it: still show it.
    value = getattr(standards, name, None)
    return name, (number(value) if isinstance(value, int) else
                  Markup("see <code>standards.yaml</code>") if value is None
                  else inline_code(value))


def _rule_link(rule: Rule) -> Markup:
    return Markup('<a href="#{0}"><code>{0}</code></a>').format(rule.id)


def settings(rules: Sequence[Rule], standards: Standards, as_of: dt.date) -> tuple[Setting, ...]:
    """Every setting in the standards, with the rules that read it."""
    names = list(_SETTINGS)
    for rule in rules:
        names += [n for n in rule.thresholds if n not in names]
    rows = []
    for name in names:
        key, value = _setting_value(name, standards, as_of)
        users = [r for r in rules if name in r.thresholds]
        if name == "fiscal_year_start":
            used_by = Markup("fiscal years everywhere; ") + Markup(", ").join(
                _rule_link(r) for r in users)
        elif name == "accounts_per_manager_target":
            used_by = Markup("the managers' page")
        elif name == "currency":
            used_by = Markup("every amount compared")
        else:
            used_by = Markup(", ").join(_rule_link(r) for r in users) if users else Markup("—")
        rows.append(Setting(name, key, value, used_by))
    return tuple(rows)


def rule_docs(rules: Sequence[Rule], standards: Standards, as_of: dt.date) -> tuple[RuleDoc, ...]:
    """Each rule with its severity in effect, thresholds and documentation."""
    docs = []
    for rule in rules:
        shown = [
            Markup("{} = {}").format(inline_code(key), value)
            for key, value in (_setting_value(n, standards, as_of) for n in rule.thresholds)
        ]
        docs.append(RuleDoc(
            rule=rule,
            effective=effective_severity(rule, standards),
            thresholds=Markup("; ").join(shown),
            text=Markup(rule.doc),
        ))
    return tuple(docs)
