"""Open opportunities close in the future.

An open opportunity (not won or lost) whose `close` date has passed is either
won, lost, or slipping: update the stage, or move the date to when the
customer will really decide.

Passes (as of 2026-11-27):

```yaml
opportunities:
  - id: opp-dispatch-analytics
    name: Dispatch analytics platform
    stage: propose
    close: 2027-03-31
```

Fails (as of 2026-11-27, still open but due to close in October):

```yaml
opportunities:
  - id: opp-dispatch-analytics
    name: Dispatch analytics platform
    stage: propose
    close: 2026-10-31
```
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Problem, Severity
from generator.model import Plan
from generator.standards.registry import Rule, RuleContext

RULE_ID = "close-date"


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    for index, opportunity in enumerate(plan.opportunities):
        if opportunity.is_open and opportunity.close < ctx.as_of:
            yield Problem(
                RULE_ID,
                f"open opportunity `{opportunity.id}` was due to close on "
                f"{opportunity.close.isoformat()}, before {ctx.as_of.isoformat()}: mark it "
                "won or lost, or move `close` to the date the customer will decide",
                ("opportunities", index, "close"),
                opportunity.id,
            )


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.ERROR,
    summary="Open opportunities close in the future.",
    check=check,
    reads=("opportunities[].stage", "opportunities[].close"),
    per_item=True,
    order=117,
)
