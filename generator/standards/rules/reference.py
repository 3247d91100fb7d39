"""Every id and name a plan refers to exists.

Plans point at their own parts by id or name: an opportunity names the COS it
serves, an action names its owner, an engagement names the stakeholders met.
A reference that does not resolve is almost always a typo, and the page would
show a broken link, so it is an error. These are checked:

- `opportunities[].cos`, `actions[].cos` → `conditions_of_satisfaction` ids;
  `conditions_of_satisfaction[].priority` → `customer_priorities` ids;
  `agreements[].renewal_opportunity`, `actions[].opportunity` → `opportunities`
  ids; `deployment[].adoption_action` → `actions` ids;
- `engagements[].with`, `stakeholders[].reports_to` and a COS's
  `customer_owner` → `stakeholders` names;
- `plan.owner`, a COS's `our_owner`, `stakeholders[].our_contact` and
  `actions[].owner` → `team` names;
- an opportunity's `partners` and `competitors` → the `partners` and
  `competitors` names;
- `waivers[].rule` → a quality standard that can be waived;
- `currency` → a rate in the standards' `exchange_rates` (without one, the
  standards that compare amounts skip the plan).

Passes:

```yaml
team:
  - {name: Li Wei, role: Account Manager}
actions:
  - id: act-tco
    what: Run the TCO study for the cost COS
    owner: Li Wei
    due: 2026-12-20
    status: open
```

Fails (the action's owner is not on the team):

```yaml
team:
  - {name: Li Wei, role: Account Manager}
actions:
  - id: act-tco
    what: Run the TCO study for the cost COS
    owner: Li Way
    due: 2026-12-20
    status: open
```
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass

from generator.findings import JsonPath, Problem, Severity
from generator.model import Plan
from generator.naming import closest
from generator.standards.registry import Rule, RuleContext, rules_by_id

RULE_ID = "reference"


@dataclass(frozen=True)
class _Known:
    """The ids and names a plan's references may point at."""

    priorities: frozenset[str]
    conditions: frozenset[str]
    opportunities: frozenset[str]
    actions: frozenset[str]
    stakeholders: frozenset[str]
    team: frozenset[str]
    partners: frozenset[str]
    competitors: frozenset[str]

    @classmethod
    def of(cls, plan: Plan) -> _Known:
        return cls(
            priorities=frozenset(p.id for p in plan.customer_priorities),
            conditions=frozenset(c.id for c in plan.conditions_of_satisfaction),
            opportunities=frozenset(o.id for o in plan.opportunities),
            actions=frozenset(a.id for a in plan.actions),
            stakeholders=frozenset(s.name for s in plan.stakeholders),
            team=frozenset(m.name for m in plan.team),
            partners=frozenset(p.name for p in plan.partners),
            competitors=frozenset(c.name for c in plan.competitors),
        )


def _unresolved(name: str | None, known: Collection[str], what: str, where: str,
                path: JsonPath, item: str | None, owner: str = "") -> Iterator[Problem]:
    """One problem when `name` is given and is not among `known`.

    `owner` names the item holding the reference as its author knows it
    (`stakeholder "Liu Yang"`); the fix comes first: the nearest known name
    by edit distance, else where to add the missing one.
    """
    if name is None or name in known:
        return
    near = closest(name, known)
    fix = (f"did you mean `{near}`? Correct it, or add `{name}` to `{where}`" if near
           else f"add it to `{where}` or correct the name")
    prefix = f"{owner}: " if owner else ""
    yield Problem(RULE_ID, f"{prefix}{what} `{name}` is not in `{where}`: {fix}", path, item)


def _plan_owner(plan: Plan, known: _Known) -> Iterator[Problem]:
    yield from _unresolved(plan.plan.owner, known.team, "plan owner", "team",
                           ("plan", "owner"), None)


def _conditions(plan: Plan, known: _Known) -> Iterator[Problem]:
    for i, cos in enumerate(plan.conditions_of_satisfaction):
        base: JsonPath = ("conditions_of_satisfaction", i)
        owner = f"COS {cos.id}"
        yield from _unresolved(cos.priority, known.priorities, "customer priority",
                               "customer_priorities", (*base, "priority"), cos.id, owner)
        yield from _unresolved(cos.customer_owner, known.stakeholders, "customer owner",
                               "stakeholders", (*base, "customer_owner"), cos.id, owner)
        yield from _unresolved(cos.our_owner, known.team, "our owner", "team",
                               (*base, "our_owner"), cos.id, owner)


def _stakeholders(plan: Plan, known: _Known) -> Iterator[Problem]:
    for i, person in enumerate(plan.stakeholders):
        base: JsonPath = ("stakeholders", i)
        owner = f'stakeholder "{person.name}"'
        yield from _unresolved(person.reports_to, known.stakeholders, "reports_to",
                               "stakeholders", (*base, "reports_to"), person.name, owner)
        yield from _unresolved(person.our_contact, known.team, "our contact", "team",
                               (*base, "our_contact"), person.name, owner)


def _agreements_and_deployment(plan: Plan, known: _Known) -> Iterator[Problem]:
    for i, agreement in enumerate(plan.agreements):
        yield from _unresolved(agreement.renewal_opportunity, known.opportunities,
                               "renewal opportunity", "opportunities",
                               ("agreements", i, "renewal_opportunity"), agreement.id,
                               f"agreement {agreement.id}")
    for i, product in enumerate(plan.deployment):
        yield from _unresolved(product.adoption_action, known.actions, "adoption action",
                               "actions", ("deployment", i, "adoption_action"),
                               product.product, f'product "{product.product}"')


def _opportunities(plan: Plan, known: _Known) -> Iterator[Problem]:
    for i, opportunity in enumerate(plan.opportunities):
        base: JsonPath = ("opportunities", i)
        owner = f"opportunity {opportunity.id}"
        lists = (("cos", opportunity.cos, known.conditions, "COS",
                  "conditions_of_satisfaction"),
                 ("partners", opportunity.partners, known.partners, "partner", "partners"),
                 ("competitors", opportunity.competitors, known.competitors, "competitor",
                  "competitors"))
        for key, names, targets, what, where in lists:
            for j, name in enumerate(names):
                yield from _unresolved(name, targets, what, where, (*base, key, j),
                                       opportunity.id, owner)


def _engagements(plan: Plan, known: _Known) -> Iterator[Problem]:
    for i, engagement in enumerate(plan.engagements):
        day = engagement.date.isoformat()
        for j, person_name in enumerate(engagement.with_):
            yield from _unresolved(person_name, known.stakeholders, "stakeholder",
                                   "stakeholders", ("engagements", i, "with", j), day,
                                   f"engagement {day}")


def _actions(plan: Plan, known: _Known) -> Iterator[Problem]:
    for i, action in enumerate(plan.actions):
        base: JsonPath = ("actions", i)
        owner = f"action {action.id}"
        yield from _unresolved(action.owner, known.team, "action owner", "team",
                               (*base, "owner"), action.id, owner)
        yield from _unresolved(action.cos, known.conditions, "COS",
                               "conditions_of_satisfaction", (*base, "cos"), action.id, owner)
        yield from _unresolved(action.opportunity, known.opportunities, "opportunity",
                               "opportunities", (*base, "opportunity"), action.id, owner)


def _waiver_rules(plan: Plan) -> Iterator[Problem]:
    known = rules_by_id()
    waivable = [rule_id for rule_id, rule in known.items() if rule.waivable]
    for i, waiver in enumerate(plan.waivers):
        path: JsonPath = ("waivers", i, "rule")
        rule = known.get(waiver.rule)
        if rule is None:
            near = closest(waiver.rule, waivable)
            hint = (f"; did you mean `{near}`?" if near
                    else ": use a rule id from the standards reference")
            yield Problem(RULE_ID, f"the waiver names `{waiver.rule}`, which is not a "
                                   f"quality standard{hint}", path)
        elif not rule.waivable:
            yield Problem(RULE_ID, f"the waiver names `{waiver.rule}`, which cannot be "
                                   "waived: fix the plan instead and remove the waiver", path)


def _currency(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    rates = ctx.standards.exchange_rates
    if plan.currency in rates:
        return
    near = closest(plan.currency, rates)
    hint = f"; did you mean `{near}`?" if near else ""
    yield Problem(
        RULE_ID,
        f"currency {plan.currency} has no rate in the standards' exchange_rates, so "
        "the standards that compare amounts skip this plan: add a rate for "
        f"{plan.currency} to standards.yaml or correct the currency code{hint}",
        ("currency",),
    )


_STEPS = (_plan_owner, _conditions, _stakeholders, _agreements_and_deployment,
          _opportunities, _engagements, _actions)


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    known = _Known.of(plan)
    for step in _STEPS:
        yield from step(plan, known)
    yield from _waiver_rules(plan)
    yield from _currency(plan, ctx)


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.ERROR,
    summary="Every id and name a plan refers to exists.",
    structural=True,
    check=check,
    order=8,
    per_item=True,
    reads=(
        "currency", "plan.owner", "team[].name", "customer_priorities[].id",
        "conditions_of_satisfaction[].id", "conditions_of_satisfaction[].priority",
        "conditions_of_satisfaction[].customer_owner", "conditions_of_satisfaction[].our_owner",
        "stakeholders[].name", "stakeholders[].reports_to", "stakeholders[].our_contact",
        "agreements[].renewal_opportunity", "deployment[].adoption_action",
        "opportunities[].id", "opportunities[].cos", "opportunities[].partners",
        "opportunities[].competitors", "partners[].name", "competitors[].name",
        "engagements[].with", "actions[].id", "actions[].owner", "actions[].cos",
        "actions[].opportunity", "waivers[].rule",
    ),
)
