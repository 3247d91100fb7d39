"""Who may see what: the audience of every section, item and field of a plan.

Three audiences, from widest to narrowest:

- `customer` — may be shared with the customer (the joint success plan);
- `internal` — the company's own people (the internal site);
- `restricted` — notes about a person: shown on the internal account page
  only, never in the search index, the exports or the portfolio pages.

The defaults live in `standards.yaml` under `audiences` (sales management's
decision, like every threshold), and a plan may set `audience` on any list
item. How one field's audience is decided, in order:

1. the field's own entry in `audiences.fields` (`stakeholders.stance`, or
   `stakeholders.x_` for the organisation's own keys), else its section's
   entry in `audiences.sections`, else `internal`; an `x_` key without an
   entry of its own is `internal`;
2. an item's own `audience` replaces its section's default for the whole
   item, but never widens a field past its own entry: the narrower of the
   two wins, so a restricted field stays restricted on a shared item;
3. two derived cases, because a value is only as shared as what it belongs
   to: an action is `customer` only while it is tied (`cos`) to a COS the
   customer sees, else `internal`; a stakeholder or team member named by a
   field the customer sees (a COS's owners, an engagement's `with`, an
   action's owner) shows to the customer with their name, local name and
   title or role — unless their own item says otherwise.

Every part of planbook that decides what to show asks this module: the
customer's joint plan, the leak check, the internal search index and the
exports. Nothing else keeps a list of private fields.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Any

from generator.model import Action, ConditionOfSatisfaction, Plan

OWN_KEYS = "x_"


class Audience(enum.Enum):
    """Who may read a value; `rank` grows as the audience narrows."""

    CUSTOMER = "customer"
    INTERNAL = "internal"
    RESTRICTED = "restricted"

    @property
    def rank(self) -> int:
        # keyed by the value: a str hashes in C, an Enum member in Python
        return _RANKS[self._value_]

    def narrower(self, other: Audience) -> Audience:
        """The narrower of two audiences."""
        return self if _RANKS[self._value_] >= _RANKS[other._value_] else other

    def allows(self, value_audience: Audience) -> bool:
        """True when a reader of this audience may see a value of `value_audience`."""
        return _RANKS[value_audience._value_] <= _RANKS[self._value_]


_RANKS = {"customer": 0, "internal": 1, "restricted": 2}

#: The plan's sections, as `audiences.sections` may name them.
SECTIONS = (
    "account", "plan", "team", "currency", "financials", "customer_priorities",
    "conditions_of_satisfaction", "stakeholders", "agreements", "deployment",
    "opportunities", "competitors", "partners", "satisfaction", "engagements",
    "actions", "waivers",
)

#: Fields shown with a person named in a customer field ("Zhang Ming 张明, CIO").
PERSON_FIELDS: Mapping[str, tuple[str, ...]] = {
    "stakeholders": ("name", "local_name", "title"),
    "team": ("name", "role"),
}

#: The contract's defaults (also written out in standards/defaults.yaml).
DEFAULT_SECTIONS: Mapping[str, Audience] = {
    "conditions_of_satisfaction": Audience.CUSTOMER,
    "customer_priorities": Audience.CUSTOMER,
    "engagements": Audience.CUSTOMER,
    "actions": Audience.CUSTOMER,
}
DEFAULT_FIELDS: Mapping[str, Audience] = {
    # The customer's own name heads the joint plan.
    "account.name": Audience.CUSTOMER,
    "account.local_name": Audience.CUSTOMER,
    # Notes about a person (PIPL / GDPR personal data).
    "stakeholders.stance": Audience.RESTRICTED,
    "stakeholders.influence": Audience.RESTRICTED,
    "stakeholders.relationship": Audience.RESTRICTED,
    "stakeholders.x_": Audience.RESTRICTED,
    # Our own framing of value (often money) and our pipeline stay inside.
    "engagements.business_value": Audience.INTERNAL,
    "actions.opportunity": Audience.INTERNAL,
}
DEFAULT_OUR_COMPANY = "Our company"


class AudienceConfigError(ValueError):
    """A bad `audiences` section; `path` points inside it, `message` says why."""

    def __init__(self, path: tuple[str, ...], message: str) -> None:
        super().__init__(message)
        self.path, self.message = path, message


@dataclass(frozen=True)
class AudiencePolicy:
    """The audiences section of the standards, with the defaults merged in."""

    sections: Mapping[str, Audience] = field(default_factory=lambda: dict(DEFAULT_SECTIONS))
    fields: Mapping[str, Audience] = field(default_factory=lambda: dict(DEFAULT_FIELDS))
    our_company: str = DEFAULT_OUR_COMPANY
    #: False: restricted values stay out of the internal search index, exports
    #: and portfolio pages (`internal`); True: they go in (`internal-full`).
    internal_site_shows_restricted: bool = False
    #: decisions that depend only on the reader, section and field, shared by every
    #: plan read under this policy (see redact); not part of the policy's value
    memo: dict[object, object] = field(
        default_factory=dict, compare=False, repr=False, hash=False)

    def field_entry(self, section: str, name: str) -> Audience | None:
        """The field's own entry; `x_` keys share their section's `x_` entry."""
        key = f"{section}.{OWN_KEYS}" if name.startswith(OWN_KEYS) else f"{section}.{name}"
        entry = self.fields.get(key)
        if entry is None and name.startswith(OWN_KEYS):
            return Audience.INTERNAL
        return entry

    def section_default(self, section: str) -> Audience:
        return self.sections.get(section, Audience.INTERNAL)

    def field_audience(self, section: str, name: str, item_audience: Audience | None = None
                       ) -> Audience:
        """The audience of one field; `item_audience` is the item's own, if it has one."""
        entry = self.field_entry(section, name)
        if item_audience is None:
            return entry if entry is not None else self.section_default(section)
        return item_audience if entry is None else item_audience.narrower(entry)

    def entries(self) -> list[tuple[str, str]]:
        """The sections' and fields' audiences in force, for the standards page."""
        rows = [(section, audience.value + (" (the actions tied to a COS the customer sees)"
                                            if section == "actions" and audience is
                                            Audience.CUSTOMER else ""))
                for section, audience in sorted(self.sections.items())]
        rows += [(key, audience.value) for key, audience in sorted(self.fields.items())]
        return rows

    def sections_hiding_from(self, reader: Audience) -> frozenset[str]:
        """Sections where some value is, by default, too narrow for `reader`.

        Other sections show `reader` everything unless an item sets its own
        audience, so a reader's view of them needs no work.
        """
        known = self.memo.get((reader, "sections hiding"))
        if isinstance(known, frozenset):
            return known
        hiding = {section for section in SECTIONS
                  if not reader.allows(self.section_default(section))}
        hiding.update(key.partition(".")[0] for key, audience in self.fields.items()
                      if not reader.allows(audience))
        if not reader.allows(Audience.INTERNAL):  # x_ keys without an entry are internal
            hiding.update(SECTIONS)
        found = self.memo[(reader, "sections hiding")] = frozenset(hiding)
        return found

    def internal_reader(self, full: bool | None = None) -> Audience:
        """Who reads the internal site's search index, exports and portfolio pages."""
        shows = self.internal_site_shows_restricted if full is None else full
        return Audience.RESTRICTED if shows else Audience.INTERNAL


def own_audience(item: Any) -> Audience | None:
    """An item's own `audience` from the plan, if it sets one."""
    text = getattr(item, "audience", None)
    return Audience(text) if text else None


class PlanAudiences:
    """The audience of each item and field of one plan, under one policy."""

    def __init__(self, plan: Plan, policy: AudiencePolicy) -> None:
        self.plan = plan
        self.policy = policy

    @cached_property
    def _cos_audience(self) -> dict[str, Audience]:
        return {cos.id: self.item_audience("conditions_of_satisfaction", cos)
                for cos in self.plan.conditions_of_satisfaction}

    @cached_property
    def _named_for_customer(self) -> frozenset[str]:
        return self._people_named_for_customer()

    def item_audience(self, section: str, item: Any) -> Audience:
        """The audience of an item as a whole (its fields may be narrower)."""
        own = own_audience(item)
        if own is not None:
            return own
        if section == "actions" and isinstance(item, Action):
            return self._action_audience(item)
        return self.policy.section_default(section)

    def _action_audience(self, action: Action) -> Audience:
        default = self.policy.section_default("actions")
        if default is not Audience.CUSTOMER:
            return default
        tied = action.cos is not None and self._cos_audience.get(action.cos) is Audience.CUSTOMER
        return Audience.CUSTOMER if tied else Audience.INTERNAL

    def field_audience(self, section: str, item: Any, name: str) -> Audience:
        """The audience of field `name` of `item` (a list item or a section object)."""
        own = own_audience(item)
        if own is None and section == "actions" and isinstance(item, Action):
            own = self._action_audience(item)
        if (own is None and name in PERSON_FIELDS.get(section, ())
                and self.policy.field_entry(section, name) is None
                and getattr(item, "name", None) in self._named_for_customer):
            return Audience.CUSTOMER
        return self.policy.field_audience(section, name, own)

    def shows(self, reader: Audience, section: str, item: Any, name: str) -> bool:
        """True when `reader` may see field `name` of `item`."""
        return reader.allows(self.field_audience(section, item, name))

    def _people_named_for_customer(self) -> frozenset[str]:
        """Names the customer sees in COS owners, engagement attendees and action owners."""
        names: set[str] = set()
        customer = Audience.CUSTOMER
        for cos in self.plan.conditions_of_satisfaction:
            for name in ("customer_owner", "our_owner"):
                value = getattr(cos, name)
                if value and self._raw_shows(customer, "conditions_of_satisfaction", cos, name):
                    names.add(value)
        for engagement in self.plan.engagements:
            if self._raw_shows(customer, "engagements", engagement, "with"):
                names.update(engagement.with_)
        for action in self.plan.actions:
            if self._raw_shows(customer, "actions", action, "owner"):
                names.add(action.owner)
        return frozenset(names)

    def _raw_shows(self, reader: Audience, section: str, item: Any, name: str) -> bool:
        own = own_audience(item)
        if own is None and isinstance(item, Action):
            own = self._action_audience(item)
        return reader.allows(self.policy.field_audience(section, name, own))

    def cos_shown(self, reader: Audience, cos: ConditionOfSatisfaction) -> bool:
        return reader.allows(self._cos_audience[cos.id])


# --- the `audiences` section of standards.yaml ---------------------------------

def _audience(value: Any, path: tuple[str, ...]) -> Audience:
    try:
        return Audience(value)
    except ValueError:
        raise AudienceConfigError(
            path, f"`{value}` is not an audience: use customer, internal or restricted"
        ) from None


#: Sections that every page and export needs whole: they cannot be restricted.
UNRESTRICTABLE = ("account", "plan", "currency", "financials")


@cache
def _plan_sections() -> Mapping[str, Any]:
    text = resources.files("generator.schema").joinpath("plan.schema.json").read_text("utf-8")
    sections: Mapping[str, Any] = json.loads(text)["properties"]
    return sections


@cache
def plan_fields() -> Mapping[str, frozenset[str]]:
    """Each plan section's field names, from the plan schema (list sections: their items')."""
    known: dict[str, frozenset[str]] = {}
    for name, schema in _plan_sections().items():
        body = schema.get("items", schema)
        known[name] = frozenset(body.get("properties", {})) - {"audience"}
    return known


def _required(section: str) -> frozenset[str]:
    return frozenset(_plan_sections().get(section, {}).get("required", ()))


def _refuse_unremovable(path: tuple[str, ...], section: str, name: str | None,
                        audience: Audience) -> None:
    if audience is not Audience.RESTRICTED or section not in UNRESTRICTABLE:
        return
    if name is None or name in _required(section) or section == "currency":
        what = f"`{section}`" if name is None else f"`{section}.{name}`"
        raise AudienceConfigError(
            path, f"{what} is on every page and export and cannot be restricted; "
            "use internal")


def parse_policy(raw: Mapping[str, Any] | None, known_fields: Mapping[str, frozenset[str]]
                 ) -> AudiencePolicy:
    """The policy from standards.yaml's `audiences` (schema-valid), merged over the defaults.

    `known_fields` names each section's fields (from the plan schema), so a
    misspelt `stakeholders.stanse: restricted` is an error rather than a
    private field silently left public.
    """
    raw = raw or {}
    sections = dict(DEFAULT_SECTIONS)
    for section, value in (raw.get("sections") or {}).items():
        if section not in SECTIONS:
            raise AudienceConfigError(("sections", section), f"`{section}` is not a plan section")
        sections[section] = _audience(value, ("sections", section))
        _refuse_unremovable(("sections", section), section, None, sections[section])
    fields = dict(DEFAULT_FIELDS)
    for key, value in (raw.get("fields") or {}).items():
        section, _, name = key.partition(".")
        if section not in SECTIONS:
            raise AudienceConfigError(("fields", key), f"`{section}` is not a plan section")
        if name != OWN_KEYS and name not in known_fields.get(section, frozenset()):
            raise AudienceConfigError(
                ("fields", key), f"`{section}` has no field `{name}`; write "
                f"`{section}.FIELD` with one of its fields, or `{section}.x_`")
        fields[key] = _audience(value, ("fields", key))
        _refuse_unremovable(("fields", key), section, name, fields[key])
    mode = raw.get("internal_site", "internal")
    return AudiencePolicy(
        sections=sections, fields=fields,
        our_company=str(raw.get("our_company") or DEFAULT_OUR_COMPANY),
        internal_site_shows_restricted=mode == "internal-full",
    )
