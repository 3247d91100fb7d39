"""There is a plan to win against the competition.

Knowing who competes for the account is not enough: at least one competitor
has a `strategy` that says how we win against it. A plan that lists no
competitors at all fails too: every account has competition.

Passes:

```yaml
competitors:
  - name: Huawei Cloud
    threat: high
    strategy: Lead with dispatch analytics outcomes and the partner's grid references.
```

Fails (no strategy against any competitor):

```yaml
competitors:
  - name: Huawei Cloud
    threat: high
```
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Problem, Severity
from generator.model import Plan
from generator.standards.registry import Rule, RuleContext

RULE_ID = "competition"


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    if any(c.strategy is not None for c in plan.competitors):
        return
    if plan.competitors:
        message = ("no competitor has a `strategy`: write how we win against the biggest "
                   "threat")
    else:
        message = ("no competitors are listed: name who competes for the account and how "
                   "we win against them (`strategy`)")
    yield Problem(RULE_ID, message, ("competitors",))


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.WARNING,
    summary="There is a plan to win against the competition.",
    check=check,
    reads=("competitors",),
    order=121,
)
