"""Typed, immutable account-plan objects, built once a plan passes the schema.

No `slots`: the check cache pickles plans, and slotted frozen dataclasses
unpickle through a slow `__setstate__`.

Rules and templates read these instead of raw dictionaries. Dates are
`datetime.date`, amounts are `Decimal` (exact arithmetic for currency
conversion), an empty string or list means "not given" (`None` or `()`).
Keys that start with `x_` are the organisation's own data; every object keeps
them in `extra` so the page can show them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

Extra = tuple[tuple[str, Any], ...]

CLOSED_STAGES = frozenset({"won", "lost"})


@dataclass(frozen=True)
class Parent:
    name: str
    global_account_manager: str | None
    extra: Extra = ()


@dataclass(frozen=True)
class Account:
    id: str
    name: str
    industry: str
    segment: str
    local_name: str | None = None
    region: str | None = None
    headquarters: str | None = None
    parent: Parent | None = None
    tags: tuple[str, ...] = ()
    extra: Extra = ()


@dataclass(frozen=True)
class PlanInfo:
    fiscal_year: str
    owner: str
    last_reviewed: dt.date
    summary: str
    next_review: dt.date | None = None
    reviewed_by: str | None = None
    extra: Extra = ()


@dataclass(frozen=True)
class TeamMember:
    name: str
    role: str
    email: str | None = None
    #: who may see the item, when the plan says (see generator.audience)
    audience: str | None = None
    extra: Extra = ()


@dataclass(frozen=True)
class Financials:
    long_term_potential: Decimal
    addressable_revenue: tuple[tuple[str, Decimal], ...]
    revenue_target: Decimal
    booked_to_date: Decimal = Decimal(0)
    extra: Extra = ()
    #: x_ keys written inside `addressable_revenue`, beside the fiscal years
    addressable_revenue_extra: Extra = ()

    def ar_for(self, fiscal_year: str) -> Decimal | None:
        """Addressable revenue for one fiscal year label, if the plan gives it."""
        for label, amount in self.addressable_revenue:
            if label == fiscal_year:
                return amount
        return None


@dataclass(frozen=True)
class CustomerPriority:
    id: str
    title: str
    #: who may see the item, when the plan says (see generator.audience)
    audience: str | None = None
    extra: Extra = ()


@dataclass(frozen=True)
class ConditionOfSatisfaction:
    id: str
    title: str
    status: str
    priority: str | None = None
    agreed_on: dt.date | None = None
    customer_owner: str | None = None
    our_owner: str | None = None
    customer_commitments: tuple[str, ...] = ()
    our_commitments: tuple[str, ...] = ()
    success_measures: tuple[str, ...] = ()
    #: who may see the item, when the plan says (see generator.audience)
    audience: str | None = None
    extra: Extra = ()

    @property
    def active(self) -> bool:
        return self.status != "dropped"


@dataclass(frozen=True)
class Stakeholder:
    name: str
    title: str
    level: str
    local_name: str | None = None
    business_unit: str | None = None
    influence: str | None = None
    stance: str | None = None
    relationship: str | None = None
    our_contact: str | None = None
    reports_to: str | None = None
    last_contact: dt.date | None = None
    #: who may see the item, when the plan says (see generator.audience)
    audience: str | None = None
    extra: Extra = ()


@dataclass(frozen=True)
class Agreement:
    id: str
    type: str
    starts: dt.date
    ends: dt.date
    annual_value: Decimal | None = None
    products: tuple[str, ...] = ()
    renewal_opportunity: str | None = None
    #: who may see the item, when the plan says (see generator.audience)
    audience: str | None = None
    extra: Extra = ()


@dataclass(frozen=True)
class Deployment:
    product: str
    entitled: Decimal
    deployed: Decimal
    adoption_action: str | None = None
    #: who may see the item, when the plan says (see generator.audience)
    audience: str | None = None
    extra: Extra = ()

    @property
    def ratio(self) -> Decimal | None:
        """Deployed over entitled; None when nothing is entitled."""
        if self.entitled == 0:
            return None
        return self.deployed / self.entitled


@dataclass(frozen=True)
class Opportunity:
    id: str
    name: str
    stage: str
    amount: Decimal
    opened: dt.date
    close: dt.date
    probability: Decimal | None = None
    products: tuple[str, ...] = ()
    cos: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    competitors: tuple[str, ...] = ()
    business_value: str | None = None
    #: who may see the item, when the plan says (see generator.audience)
    audience: str | None = None
    extra: Extra = ()

    @property
    def is_open(self) -> bool:
        return self.stage not in CLOSED_STAGES

    @property
    def is_won(self) -> bool:
        return self.stage == "won"


@dataclass(frozen=True)
class Competitor:
    name: str
    footprint: str | None = None
    threat: str | None = None
    strategy: str | None = None
    #: who may see the item, when the plan says (see generator.audience)
    audience: str | None = None
    extra: Extra = ()


@dataclass(frozen=True)
class Partner:
    name: str
    role: str | None = None
    #: who may see the item, when the plan says (see generator.audience)
    audience: str | None = None
    extra: Extra = ()


@dataclass(frozen=True)
class Engagement:
    date: dt.date
    with_: tuple[str, ...]
    topic: str
    business_value: str | None = None
    #: who may see the item, when the plan says (see generator.audience)
    audience: str | None = None
    extra: Extra = ()


@dataclass(frozen=True)
class Action:
    id: str
    what: str
    owner: str
    due: dt.date
    status: str
    cos: str | None = None
    opportunity: str | None = None
    #: who may see the item, when the plan says (see generator.audience)
    audience: str | None = None
    extra: Extra = ()

    @property
    def is_open(self) -> bool:
        return self.status != "done"


@dataclass(frozen=True)
class Waiver:
    rule: str
    reason: str
    approved_by: str
    expires: dt.date
    item: str | None = None
    #: who may see the item, when the plan says (see generator.audience)
    audience: str | None = None
    extra: Extra = ()


@dataclass(frozen=True)
class Plan:
    """One account plan, as the standards and the templates see it."""

    account: Account
    plan: PlanInfo
    team: tuple[TeamMember, ...]
    currency: str
    financials: Financials
    customer_priorities: tuple[CustomerPriority, ...] = ()
    conditions_of_satisfaction: tuple[ConditionOfSatisfaction, ...] = ()
    stakeholders: tuple[Stakeholder, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    deployment: tuple[Deployment, ...] = ()
    opportunities: tuple[Opportunity, ...] = ()
    competitors: tuple[Competitor, ...] = ()
    partners: tuple[Partner, ...] = ()
    satisfaction: tuple[tuple[str, Decimal], ...] = ()
    engagements: tuple[Engagement, ...] = ()
    actions: tuple[Action, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    format: int = 1
    extra: Extra = ()
    #: x_ keys written inside `satisfaction`, beside the fiscal years
    satisfaction_extra: Extra = ()

    def open_opportunities(self, first: dt.date | None = None,
                           last: dt.date | None = None) -> tuple[Opportunity, ...]:
        """The open opportunities closing within [first, last] (either bound optional)."""
        return tuple(o for o in self.opportunities if o.is_open
                     and (first is None or first <= o.close)
                     and (last is None or o.close <= last))

    def open_pipeline(self, first: dt.date | None = None,
                      last: dt.date | None = None) -> Decimal:
        """Unweighted amount of the open opportunities, closing within [first, last] if given.

        `generator.figures.pipeline` is this figure for every consumer.
        """
        return sum((o.amount for o in self.open_opportunities(first, last)), Decimal(0))

    def satisfaction_for(self, fiscal_year: str) -> Decimal | None:
        for label, score in self.satisfaction:
            if label == fiscal_year:
                return score
        return None

    def team_member(self, name: str) -> TeamMember | None:
        for member in self.team:
            if member.name == name:
                return member
        return None

    @property
    def owner_key(self) -> str:
        """Who owns the plan across the portfolio: the owner's email, else name."""
        member = self.team_member(self.plan.owner)
        if member is not None and member.email:
            return member.email.lower()
        return self.plan.owner


# --- building from validated data -------------------------------------------

def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def _texts(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(map(str, value))


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _required_date(value: Any) -> dt.date:
    parsed = _date(value)
    if parsed is None:  # pragma: no cover - the schema requires it
        raise ValueError("missing date")
    return parsed


def _amount(value: Any) -> Decimal:
    # str() first so 0.14 becomes Decimal('0.14'), not its binary expansion.
    return Decimal(str(value))


def _optional_amount(value: Any) -> Decimal | None:
    return None if value is None else _amount(value)


def _find_extra(raw: Mapping[str, Any]) -> Extra:
    return tuple((k, v) for k, v in raw.items() if k.startswith("x_"))


def _year_map(raw: Mapping[str, Any] | None) -> tuple[tuple[str, Decimal], ...]:
    if not raw:
        return ()
    return tuple(sorted((k, _amount(v)) for k, v in raw.items() if not k.startswith("x_")))


def _items(raw: Any) -> Sequence[Mapping[str, Any]]:
    return raw if isinstance(raw, list) else []


def _no_extra(raw: Mapping[str, Any]) -> Extra:
    return ()


def build_plan(data: Mapping[str, Any], *, own_keys: bool = True) -> Plan:
    """Build the typed plan from data that passed the schema.

    `own_keys=False` says the plan has no `x_` key anywhere (the caller saw
    its text), which spares looking for them in every object.
    """
    _extra = _find_extra if own_keys else _no_extra
    account_raw = data["account"]
    parent_raw = account_raw.get("parent")
    account = Account(
        id=account_raw["id"],
        name=account_raw["name"],
        industry=account_raw["industry"],
        segment=account_raw["segment"],
        local_name=_text(account_raw.get("local_name")),
        region=_text(account_raw.get("region")),
        headquarters=_text(account_raw.get("headquarters")),
        parent=Parent(
            name=parent_raw["name"],
            global_account_manager=_text(parent_raw.get("global_account_manager")),
            extra=_extra(parent_raw),
        ) if parent_raw else None,
        tags=_texts(account_raw.get("tags")),
        extra=_extra(account_raw),
    )
    plan_raw = data["plan"]
    plan_info = PlanInfo(
        fiscal_year=plan_raw["fiscal_year"],
        owner=plan_raw["owner"],
        last_reviewed=_required_date(plan_raw["last_reviewed"]),
        summary=str(plan_raw["summary"]),
        next_review=_date(plan_raw.get("next_review")),
        reviewed_by=_text(plan_raw.get("reviewed_by")),
        extra=_extra(plan_raw),
    )
    fin_raw = data["financials"]
    financials = Financials(
        long_term_potential=_amount(fin_raw["long_term_potential"]),
        addressable_revenue=_year_map(fin_raw["addressable_revenue"]),
        revenue_target=_amount(fin_raw["revenue_target"]),
        booked_to_date=_amount(fin_raw.get("booked_to_date") or 0),
        extra=_extra(fin_raw),
        addressable_revenue_extra=_extra(fin_raw["addressable_revenue"]),
    )
    return Plan(
        format=int(data["format"]),
        account=account,
        plan=plan_info,
        team=tuple(
            TeamMember(name=m["name"], role=m["role"], email=_text(m.get("email")),
                       audience=_text(m.get("audience")), extra=_extra(m))
            for m in _items(data.get("team"))
        ),
        currency=data["currency"],
        financials=financials,
        customer_priorities=tuple(
            CustomerPriority(id=p["id"], title=p["title"], audience=_text(p.get("audience")),
                             extra=_extra(p))
            for p in _items(data.get("customer_priorities"))
        ),
        conditions_of_satisfaction=tuple(
            ConditionOfSatisfaction(
                id=c["id"], title=c["title"], status=c["status"],
                priority=_text(c.get("priority")),
                agreed_on=_date(c.get("agreed_on")),
                customer_owner=_text(c.get("customer_owner")),
                our_owner=_text(c.get("our_owner")),
                customer_commitments=_texts(c.get("customer_commitments")),
                our_commitments=_texts(c.get("our_commitments")),
                success_measures=_texts(c.get("success_measures")),
                audience=_text(c.get("audience")), extra=_extra(c),
            )
            for c in _items(data.get("conditions_of_satisfaction"))
        ),
        stakeholders=tuple(
            Stakeholder(
                name=s["name"], title=s["title"], level=s["level"],
                local_name=_text(s.get("local_name")),
                business_unit=_text(s.get("business_unit")),
                influence=_text(s.get("influence")),
                stance=_text(s.get("stance")),
                relationship=_text(s.get("relationship")),
                our_contact=_text(s.get("our_contact")),
                reports_to=_text(s.get("reports_to")),
                last_contact=_date(s.get("last_contact")),
                audience=_text(s.get("audience")), extra=_extra(s),
            )
            for s in _items(data.get("stakeholders"))
        ),
        agreements=tuple(
            Agreement(
                id=a["id"], type=a["type"],
                starts=_required_date(a["starts"]), ends=_required_date(a["ends"]),
                annual_value=_optional_amount(a.get("annual_value")),
                products=_texts(a.get("products")),
                renewal_opportunity=_text(a.get("renewal_opportunity")),
                audience=_text(a.get("audience")), extra=_extra(a),
            )
            for a in _items(data.get("agreements"))
        ),
        deployment=tuple(
            Deployment(
                product=d["product"], entitled=_amount(d["entitled"]),
                deployed=_amount(d["deployed"]),
                adoption_action=_text(d.get("adoption_action")),
                audience=_text(d.get("audience")), extra=_extra(d),
            )
            for d in _items(data.get("deployment"))
        ),
        opportunities=tuple(
            Opportunity(
                id=o["id"], name=o["name"], stage=o["stage"], amount=_amount(o["amount"]),
                opened=_required_date(o["opened"]), close=_required_date(o["close"]),
                probability=_optional_amount(o.get("probability")),
                products=_texts(o.get("products")),
                cos=_texts(o.get("cos")),
                partners=_texts(o.get("partners")),
                services=_texts(o.get("services")),
                competitors=_texts(o.get("competitors")),
                business_value=_text(o.get("business_value")),
                audience=_text(o.get("audience")), extra=_extra(o),
            )
            for o in _items(data.get("opportunities"))
        ),
        competitors=tuple(
            Competitor(
                name=c["name"], footprint=_text(c.get("footprint")),
                threat=_text(c.get("threat")), strategy=_text(c.get("strategy")),
                audience=_text(c.get("audience")), extra=_extra(c),
            )
            for c in _items(data.get("competitors"))
        ),
        partners=tuple(
            Partner(name=p["name"], role=_text(p.get("role")), audience=_text(p.get("audience")),
                    extra=_extra(p))
            for p in _items(data.get("partners"))
        ),
        satisfaction=_year_map(data.get("satisfaction")),
        engagements=tuple(
            Engagement(
                date=_required_date(e["date"]), with_=_texts(e.get("with")),
                topic=e["topic"], business_value=_text(e.get("business_value")),
                audience=_text(e.get("audience")), extra=_extra(e),
            )
            for e in _items(data.get("engagements"))
        ),
        actions=tuple(
            Action(
                id=a["id"], what=a["what"], owner=a["owner"],
                due=_required_date(a["due"]), status=a["status"],
                cos=_text(a.get("cos")), opportunity=_text(a.get("opportunity")),
                audience=_text(a.get("audience")), extra=_extra(a),
            )
            for a in _items(data.get("actions"))
        ),
        waivers=tuple(
            Waiver(
                rule=w["rule"], reason=w["reason"], approved_by=w["approved_by"],
                expires=_required_date(w["expires"]), item=_text(w.get("item")),
                audience=_text(w.get("audience")), extra=_extra(w),
            )
            for w in _items(data.get("waivers"))
        ),
        extra=_extra(data),
        satisfaction_extra=_extra(data.get("satisfaction") or {}),
    )
