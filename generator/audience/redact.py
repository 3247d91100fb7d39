"""A plan as one audience may see it: what it may not see taken out.

The internal site's search index, exports and portfolio pages read
`for_reader(plan, policy, reader)` with the internal reader, so restricted
values (a stakeholder's stance, notes about a person) reach only the account
page, which reads the whole plan. An item the reader may not see at all is
dropped; so is an item whose required date or amount it may not see (an
action without its date is no action); a hidden required text becomes ""
and other fields go back to "not given".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.audience.policy import (
    OWN_KEYS,
    PERSON_FIELDS,
    SECTIONS,
    Audience,
    AudiencePolicy,
    PlanAudiences,
)
from generator.audience.values import FILE_NAMES, NOT_VALUES
from generator.model import Plan

#: Sections that are one object rather than a list of items.
_OBJECTS = ("account", "plan", "financials")
#: Sections made of objects (currency and satisfaction are plain values).
_SECTIONS = tuple(s for s in SECTIONS if s not in ("currency", "satisfaction"))


def for_reader(plan: Plan, policy: AudiencePolicy, reader: Audience) -> Plan:
    """`plan` without the values `reader` may not see (the plan itself when it sees all)."""
    if reader is Audience.RESTRICTED:
        return plan
    audiences = _Shown(PlanAudiences(plan, policy), reader)
    hiding = policy.sections_hiding_from(reader)
    changes: dict[str, Any] = {}
    for section in _SECTIONS:
        value = getattr(plan, section)
        if section in _OBJECTS:
            if section in hiding:
                kept = _redacted(section, value, audiences)
                if kept is not value and kept is not None:
                    changes[section] = kept
        elif value and (section in hiding
                        or any(item.audience is not None for item in value)):
            items = tuple(kept for item in value
                          if (kept := _redacted(section, item, audiences)) is not None)
            if len(items) != len(value) or any(
                    kept is not item for kept, item in zip(items, value, strict=True)):
                changes[section] = items
    if not reader.allows(policy.section_default("satisfaction")):
        changes["satisfaction"] = ()
        changes["satisfaction_extra"] = ()
    if plan.extra and not reader.allows(Audience.INTERNAL):
        changes["extra"] = ()
    return _with(plan, changes) if changes else plan


def _with(record: Any, changes: Mapping[str, Any]) -> Any:
    """A copy of a frozen model record with `changes`: what dataclasses.replace does,
    without re-running __init__ (the model has no __post_init__ to keep), which was
    most of the cost of reading a portfolio through the internal audience."""
    copy = object.__new__(type(record))
    copy.__dict__.update(record.__dict__)
    copy.__dict__.update(changes)
    return copy


_FIELDS: dict[type, tuple[dataclasses.Field[Any], ...]] = {}


def _fields(kind: type) -> tuple[dataclasses.Field[Any], ...]:
    fields = _FIELDS.get(kind)
    if fields is None:
        fields = _FIELDS[kind] = dataclasses.fields(kind)
    return fields


@dataclass(frozen=True)
class _SectionRule:
    """What a reader loses of an item that sets no audience of its own."""

    cleared: Mapping[str, Any]  # field → its "not given" value
    dropped: bool               # the item cannot show at all
    own_keys_shown: bool


class _Shown:
    """`PlanAudiences.shows` for one reader. An item without its own audience,
    outside the derived cases, loses the same fields as every other item of its
    section: that rule is worked out once per policy and kept on it, so a large
    portfolio pays for it once, not once per item."""

    def __init__(self, audiences: PlanAudiences, reader: Audience) -> None:
        self.audiences = audiences
        self.reader = reader

    def __call__(self, section: str, item: Any, name: str) -> bool:
        return self.audiences.shows(self.reader, section, item, name)

    def section_rule(self, section: str, item: Any) -> _SectionRule | None:
        """The shared rule for `item`, or None when its own audience or a derived case
        (actions, people named for the customer) decides."""
        if (section == "actions" or getattr(item, "audience", None) is not None
                or (self.reader is Audience.CUSTOMER and section in PERSON_FIELDS)):
            return None
        policy = self.audiences.policy
        key = (self.reader, section, type(item).__name__)
        rule = policy.memo.get(key)
        if rule is None:
            rule = policy.memo[key] = self._work_out(section, type(item))
        assert isinstance(rule, _SectionRule)
        return rule

    def _work_out(self, section: str, kind: type) -> _SectionRule:
        policy = self.audiences.policy
        cleared: dict[str, Any] = {}
        shown = 0
        dropped = False
        for field in _fields(kind):
            if field.name in NOT_VALUES or field.name.endswith("_extra"):
                continue
            name = FILE_NAMES.get(field.name, field.name)
            if self.reader.allows(policy.field_audience(section, name)):
                shown += 1
            elif field.default is not dataclasses.MISSING:
                cleared[field.name] = field.default
            elif section in _OBJECTS:
                continue
            elif field.type == "str":
                cleared[field.name] = ""
            else:
                dropped = True
        return _SectionRule(cleared, dropped or (not shown and section not in _OBJECTS),
                            self.reader.allows(policy.field_audience(section, OWN_KEYS)))


def _redacted(section: str, item: Any, shows: _Shown) -> Any:
    """The item with hidden fields cleared; None when the item cannot show at all."""
    rule = shows.section_rule(section, item)
    if rule is not None:
        if rule.dropped:
            return None
        changed = {name: value for name, value in rule.cleared.items()
                   if getattr(item, name) != value}
        if item.extra and not rule.own_keys_shown:
            changed["extra"] = ()
        return _with(item, changed) if changed else item
    cleared: dict[str, Any] = {}
    shown = 0
    for field in _fields(type(item)):
        if field.name in NOT_VALUES or field.name.endswith("_extra"):
            continue
        name = FILE_NAMES.get(field.name, field.name)
        if shows(section, item, name):
            shown += 1
        elif field.default is not dataclasses.MISSING:
            cleared[field.name] = field.default
        elif section in _OBJECTS:  # the standards refuse this (parse_policy)
            continue
        elif isinstance(getattr(item, field.name), str):
            cleared[field.name] = ""  # a person's level, say, beside their shown name
        else:
            return None  # a hidden date or amount the item cannot do without
    if not shown and section not in _OBJECTS:
        return None
    extra = tuple((key, value) for key, value in item.extra if shows(section, item, key))
    if extra != item.extra:
        cleared["extra"] = extra
    return _with(item, cleared) if cleared else item


def for_internal_site(plan: Plan, policy: AudiencePolicy) -> Plan:
    """The plan as the internal search index, exports and portfolio pages show it."""
    return for_reader(plan, policy, policy.internal_reader())
