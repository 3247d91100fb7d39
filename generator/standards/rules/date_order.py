"""Dates run forwards: an opportunity closes after it opens, an agreement ends after it starts.

A `close` before `opened`, or an agreement that `ends` before it `starts`, is
a typing mistake that would throw off the sales-cycle, close-date and
renewal checks, so it is reported as an error of the plan's structure.

Passes:

```yaml
opportunities:
  - id: opp-dispatch-analytics
    name: Dispatch analytics platform
    opened: 2026-03-02
    close: 2027-03-31
```

Fails (the close date is before the opening date):

```yaml
opportunities:
  - id: opp-dispatch-analytics
    name: Dispatch analytics platform
    opened: 2026-03-02
    close: 2025-03-31
```
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Problem, Severity
from generator.model import Plan
from generator.standards.registry import Rule, RuleContext

RULE_ID = "date-order"


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    for index, opportunity in enumerate(plan.opportunities):
        if opportunity.close < opportunity.opened:
            yield Problem(
                RULE_ID,
                f"opportunity `{opportunity.id}` closes on {opportunity.close.isoformat()}, "
                f"before it was opened on {opportunity.opened.isoformat()}: correct one of "
                "the dates",
                ("opportunities", index, "close"),
                opportunity.id,
            )
    for index, agreement in enumerate(plan.agreements):
        if agreement.ends < agreement.starts:
            yield Problem(
                RULE_ID,
                f"agreement `{agreement.id}` ends on {agreement.ends.isoformat()}, before it "
                f"starts on {agreement.starts.isoformat()}: correct one of the dates",
                ("agreements", index, "ends"),
                agreement.id,
            )


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.ERROR,
    summary="Dates run forwards: an opportunity closes after it opens, "
            "an agreement ends after it starts.",
    structural=True,
    check=check,
    reads=(
        "opportunities[].opened",
        "opportunities[].close",
        "agreements[].starts",
        "agreements[].ends",
    ),
    per_item=True,
    order=7,
)
