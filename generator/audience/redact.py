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
from typing import Any

from generator.audience.policy import Audience, AudiencePolicy, PlanAudiences
from generator.audience.values import FILE_NAMES, NOT_VALUES
from generator.model import Plan

#: Sections that are one object rather than a list of items.
_OBJECTS = ("account", "plan", "financials")


def for_reader(plan: Plan, policy: AudiencePolicy, reader: Audience) -> Plan:
    """`plan` without the values `reader` may not see (the plan itself when it sees all)."""
    if reader is Audience.RESTRICTED:
        return plan
    audiences = PlanAudiences(plan, policy)
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(plan):
        section = field.name
        value = getattr(plan, section)
        if section in _OBJECTS:
            kept = _redacted(section, value, audiences, reader)
            if kept is not value and kept is not None:
                changes[section] = kept
        elif isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
            items = tuple(kept for item in value
                          if (kept := _redacted(section, item, audiences, reader)) is not None)
            if items != value:
                changes[section] = items
    if not reader.allows(policy.section_default("satisfaction")):
        changes["satisfaction"] = ()
        changes["satisfaction_extra"] = ()
    changes["extra"] = tuple((k, v) for k, v in plan.extra
                             if reader.allows(Audience.INTERNAL))
    return dataclasses.replace(plan, **changes)


def _redacted(section: str, item: Any, audiences: PlanAudiences, reader: Audience) -> Any:
    """The item with hidden fields cleared; None when the item cannot show at all."""
    cleared: dict[str, Any] = {}
    shown = 0
    for field in dataclasses.fields(item):
        if field.name in NOT_VALUES or field.name.endswith("_extra"):
            continue
        name = FILE_NAMES.get(field.name, field.name)
        if audiences.shows(reader, section, item, name):
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
    extra = tuple((key, value) for key, value in item.extra
                  if audiences.shows(reader, section, item, key))
    if extra != item.extra:
        cleared["extra"] = extra
    return dataclasses.replace(item, **cleared) if cleared else item


def for_internal_site(plan: Plan, policy: AudiencePolicy) -> Plan:
    """The plan as the internal search index, exports and portfolio pages show it."""
    return for_reader(plan, policy, policy.internal_reader())
