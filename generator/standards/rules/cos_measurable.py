"""Every active Condition of Satisfaction is measurable and owned.

Both sides must be able to tell when a COS is met, and someone on each side
answers for it: an active COS lists `success_measures`, a `customer_owner`
(a stakeholder) and `our_owner` (a team member). Once it is agreed, at risk or
met, it also records when it was agreed (`agreed_on`). Dropped COS are not
checked.

Passes:

```yaml
conditions_of_satisfaction:
  - id: cos-analytics
    title: Dispatch analytics platform live in 3 provinces by June 2027
    status: agreed
    agreed_on: 2026-09-18
    customer_owner: Zhang Ming
    our_owner: Li Wei
    success_measures:
      - Three provinces live by 2027-06-30
```

Fails (agreed, but no date, no customer owner and no success measure):

```yaml
conditions_of_satisfaction:
  - id: cos-analytics
    title: Dispatch analytics platform live in 3 provinces by June 2027
    status: agreed
    our_owner: Li Wei
```
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Problem, Severity
from generator.model import Plan
from generator.standards.registry import Rule, RuleContext

RULE_ID = "cos-measurable"
AGREED_STATUSES = frozenset({"agreed", "at-risk", "met"})


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    for index, cos in enumerate(plan.conditions_of_satisfaction):
        if not cos.active:
            continue
        missing = []
        if not cos.success_measures:
            missing.append("a success measure (`success_measures`)")
        if cos.customer_owner is None:
            missing.append("a customer owner (`customer_owner`)")
        if cos.our_owner is None:
            missing.append("an owner on our side (`our_owner`)")
        if cos.status in AGREED_STATUSES and cos.agreed_on is None:
            missing.append(f"the date it was agreed (`agreed_on`), although it is {cos.status}")
        if missing:
            yield Problem(
                RULE_ID,
                f"COS `{cos.id}` lacks {_join(missing)}: add them so both sides know "
                "who answers for it and when it is met",
                ("conditions_of_satisfaction", index),
                cos.id,
            )


def _join(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.ERROR,
    summary="Every active Condition of Satisfaction is measurable and owned.",
    check=check,
    reads=("conditions_of_satisfaction",),
    per_item=True,
    order=102,
)
