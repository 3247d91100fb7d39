"""At least one Condition of Satisfaction is agreed with the customer.

Drafts are a start, but a plan is on track only when the customer has signed
up to at least one COS: its `status` is `agreed` or `met`. (A COS that is
`at-risk` was agreed, but is not counted here: it needs attention first.)

Passes:

```yaml
conditions_of_satisfaction:
  - id: cos-analytics
    title: Dispatch analytics platform live in 3 provinces by June 2027
    status: agreed
  - id: cos-cost
    title: 15% lower desktop run cost by FY2028
    status: draft
```

Fails (no COS is agreed yet):

```yaml
conditions_of_satisfaction:
  - id: cos-analytics
    title: Dispatch analytics platform live in 3 provinces by June 2027
    status: draft
  - id: cos-cost
    title: 15% lower desktop run cost by FY2028
    status: at-risk
```
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Problem, Severity
from generator.model import Plan
from generator.standards.registry import Rule, RuleContext

RULE_ID = "cos-agreed"
COUNTED_STATUSES = frozenset({"agreed", "met"})


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    if not any(cos.status in COUNTED_STATUSES for cos in plan.conditions_of_satisfaction):
        yield Problem(
            RULE_ID,
            "no Condition of Satisfaction is agreed or met: agree at least one with the "
            "customer and set its status to `agreed`",
            ("conditions_of_satisfaction",),
        )


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.WARNING,
    summary="At least one Condition of Satisfaction is agreed with the customer.",
    check=check,
    reads=("conditions_of_satisfaction",),
    order=103,
)
