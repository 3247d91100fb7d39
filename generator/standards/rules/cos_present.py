"""Every account has at least one active Condition of Satisfaction.

Conditions of Satisfaction (COS) are the reciprocal agreements that sit at the
heart of an account plan: what the customer wants to achieve, what each side
commits to, and how both will know it worked. A plan without an active COS
(one that is not `dropped`) has no agreed purpose.

Passes:

```yaml
conditions_of_satisfaction:
  - id: cos-analytics
    title: Dispatch analytics live in 3 provinces by June 2027
    status: agreed
```

Fails (the only COS was dropped):

```yaml
conditions_of_satisfaction:
  - id: cos-analytics
    title: Dispatch analytics live in 3 provinces by June 2027
    status: dropped
```
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Problem, Severity
from generator.model import Plan
from generator.standards.registry import Rule, RuleContext


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    if not any(cos.active for cos in plan.conditions_of_satisfaction):
        yield Problem(
            "cos-present",
            "no active Condition of Satisfaction: agree at least one with the customer",
            ("conditions_of_satisfaction",),
        )


RULE = Rule(
    id="cos-present",
    default_severity=Severity.ERROR,
    summary="Every account has at least one active Condition of Satisfaction.",
    check=check,
    reads=("conditions_of_satisfaction",),
    order=100,
)
