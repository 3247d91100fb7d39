"""Every active Condition of Satisfaction commits both sides.

A COS is reciprocal: the customer commits to something (a data owner, access,
a decision by a date) and so do we (a design session, an engineer on site).
A COS with commitments from only one side is a wish list, not an agreement.
Dropped COS are not checked.

Passes:

```yaml
conditions_of_satisfaction:
  - id: cos-cost
    title: 15% lower desktop run cost by FY2028
    status: draft
    customer_commitments:
      - Retire the legacy mail platform by 2027-09
    our_commitments:
      - Deliver a TCO study with the customer's finance team
```

Fails (nothing the customer commits to):

```yaml
conditions_of_satisfaction:
  - id: cos-cost
    title: 15% lower desktop run cost by FY2028
    status: draft
    our_commitments:
      - Deliver a TCO study with the customer's finance team
```
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Problem, Severity
from generator.model import Plan
from generator.standards.registry import Rule, RuleContext

RULE_ID = "cos-reciprocal"


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    for index, cos in enumerate(plan.conditions_of_satisfaction):
        if not cos.active:
            continue
        if cos.customer_commitments and cos.our_commitments:
            continue
        if cos.our_commitments:
            lacking = "from the customer (`customer_commitments`)"
            todo = "agree what the customer will do"
        elif cos.customer_commitments:
            lacking = "from us (`our_commitments`)"
            todo = "agree what we will do"
        else:
            lacking = "from either side (`customer_commitments`, `our_commitments`)"
            todo = "agree what each side will do"
        yield Problem(
            RULE_ID,
            f"COS `{cos.id}` lists no commitments {lacking}: {todo} and list it",
            ("conditions_of_satisfaction", index),
            cos.id,
        )


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.ERROR,
    summary="Every active Condition of Satisfaction commits both sides.",
    check=check,
    reads=("conditions_of_satisfaction",),
    per_item=True,
    order=101,
)
