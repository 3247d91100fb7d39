"""Sales cycles stay within the standard length.

Enterprise deals take 12-24 months; one that runs longer has usually lost
its sponsor or its budget. An opportunity's `close` may be at most
`max_sales_cycle_months` (default 24) calendar months after it was `opened`.

Passes (13 months):

```yaml
opportunities:
  - id: opp-dispatch-analytics
    name: Dispatch analytics platform
    opened: 2026-03-02
    close: 2027-03-31
```

Fails (30 months):

```yaml
opportunities:
  - id: opp-dispatch-analytics
    name: Dispatch analytics platform
    opened: 2026-03-02
    close: 2028-09-30
```
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Problem, Severity
from generator.model import Plan
from generator.standards.calendar import add_months
from generator.standards.registry import Rule, RuleContext

RULE_ID = "sales-cycle"


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    months = ctx.standards.max_sales_cycle_months
    for index, opportunity in enumerate(plan.opportunities):
        latest = add_months(opportunity.opened, months)
        if opportunity.close > latest:
            yield Problem(
                RULE_ID,
                f"opportunity `{opportunity.id}` opened on {opportunity.opened.isoformat()} "
                f"and closes on {opportunity.close.isoformat()}, more than {months} months "
                f"later (by {latest.isoformat()} at the latest): split it into stages, or "
                "re-qualify it with the customer",
                ("opportunities", index, "close"),
                opportunity.id,
            )


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.WARNING,
    summary="Sales cycles stay within the standard length.",
    thresholds=("max_sales_cycle_months",),
    check=check,
    reads=("opportunities[].stage", "opportunities[].opened", "opportunities[].close"),
    per_item=True,
    order=118,
)
