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

import difflib
from collections.abc import Collection, Iterator

from generator.findings import JsonPath, Problem, Severity
from generator.model import Plan
from generator.standards.registry import Rule, RuleContext, rules_by_id

RULE_ID = "reference"


def _did_you_mean(name: str, known: Collection[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f"; did you mean `{close[0]}`?" if close else ""


def _unresolved(
    name: str | None,
    known: Collection[str],
    what: str,
    where: str,
    path: JsonPath,
    item: str | None,
) -> Iterator[Problem]:
    """One problem when `name` is given and is not among `known`."""
    if name is None or name in known:
        return
    yield Problem(
        RULE_ID,
        f"{what} `{name}` is not in `{where}`: add it there or correct the name"
        f"{_did_you_mean(name, known)}",
        path,
        item,
    )


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    priorities = {p.id for p in plan.customer_priorities}
    conditions = {c.id for c in plan.conditions_of_satisfaction}
    opportunities = {o.id for o in plan.opportunities}
    actions = {a.id for a in plan.actions}
    stakeholders = {s.name for s in plan.stakeholders}
    team = {m.name for m in plan.team}
    partners = {p.name for p in plan.partners}
    competitors = {c.name for c in plan.competitors}

    yield from _unresolved(plan.plan.owner, team, "plan owner", "team",
                           ("plan", "owner"), None)

    for i, cos in enumerate(plan.conditions_of_satisfaction):
        base: JsonPath = ("conditions_of_satisfaction", i)
        yield from _unresolved(cos.priority, priorities, "customer priority",
                               "customer_priorities", (*base, "priority"), cos.id)
        yield from _unresolved(cos.customer_owner, stakeholders, "customer owner",
                               "stakeholders", (*base, "customer_owner"), cos.id)
        yield from _unresolved(cos.our_owner, team, "our owner", "team",
                               (*base, "our_owner"), cos.id)

    for i, person in enumerate(plan.stakeholders):
        base = ("stakeholders", i)
        yield from _unresolved(person.reports_to, stakeholders, "reports_to",
                               "stakeholders", (*base, "reports_to"), person.name)
        yield from _unresolved(person.our_contact, team, "our contact", "team",
                               (*base, "our_contact"), person.name)

    for i, agreement in enumerate(plan.agreements):
        yield from _unresolved(agreement.renewal_opportunity, opportunities,
                               "renewal opportunity", "opportunities",
                               ("agreements", i, "renewal_opportunity"), agreement.id)

    for i, product in enumerate(plan.deployment):
        yield from _unresolved(product.adoption_action, actions, "adoption action",
                               "actions", ("deployment", i, "adoption_action"),
                               product.product)

    for i, opportunity in enumerate(plan.opportunities):
        base = ("opportunities", i)
        for j, cos_id in enumerate(opportunity.cos):
            yield from _unresolved(cos_id, conditions, "COS", "conditions_of_satisfaction",
                                   (*base, "cos", j), opportunity.id)
        for j, partner in enumerate(opportunity.partners):
            yield from _unresolved(partner, partners, "partner", "partners",
                                   (*base, "partners", j), opportunity.id)
        for j, competitor in enumerate(opportunity.competitors):
            yield from _unresolved(competitor, competitors, "competitor", "competitors",
                                   (*base, "competitors", j), opportunity.id)

    for i, engagement in enumerate(plan.engagements):
        for j, person_name in enumerate(engagement.with_):
            yield from _unresolved(person_name, stakeholders, "stakeholder", "stakeholders",
                                   ("engagements", i, "with", j),
                                   engagement.date.isoformat())

    for i, action in enumerate(plan.actions):
        base = ("actions", i)
        yield from _unresolved(action.owner, team, "action owner", "team",
                               (*base, "owner"), action.id)
        yield from _unresolved(action.cos, conditions, "COS", "conditions_of_satisfaction",
                               (*base, "cos"), action.id)
        yield from _unresolved(action.opportunity, opportunities, "opportunity",
                               "opportunities", (*base, "opportunity"), action.id)

    yield from _check_waiver_rules(plan)

    if plan.currency not in ctx.standards.exchange_rates:
        yield Problem(
            RULE_ID,
            f"currency {plan.currency} has no rate in the standards' exchange_rates, so "
            "the standards that compare amounts skip this plan: add a rate for "
            f"{plan.currency} to standards.yaml or correct the currency code"
            f"{_did_you_mean(plan.currency, ctx.standards.exchange_rates)}",
            ("currency",),
        )


def _check_waiver_rules(plan: Plan) -> Iterator[Problem]:
    known = rules_by_id()
    waivable = [rule_id for rule_id, rule in known.items() if rule.waivable]
    for i, waiver in enumerate(plan.waivers):
        path: JsonPath = ("waivers", i, "rule")
        rule = known.get(waiver.rule)
        if rule is None:
            hint = _did_you_mean(waiver.rule, waivable)
            yield Problem(
                RULE_ID,
                f"the waiver names `{waiver.rule}`, which is not a quality standard"
                f"{hint or ': use a rule id from the standards reference'}",
                path,
            )
        elif not rule.waivable:
            yield Problem(
                RULE_ID,
                f"the waiver names `{waiver.rule}`, which cannot be waived: fix the plan "
                "instead and remove the waiver",
                path,
            )


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.ERROR,
    summary="Every id and name a plan refers to exists.",
    structural=True,
    check=check,
    order=8,
)
