"""Every opportunity and customer discussion records its business value.

Customers buy outcomes, not licences. Every opportunity and every engagement
records the `business_value` it offers or discussed, and an open
opportunity's value is quantified: it contains at least one number (a saving,
a percentage, a time, a count).

Passes:

```yaml
opportunities:
  - id: opp-dispatch-analytics
    name: Dispatch analytics platform
    stage: propose
    business_value: Cuts dispatch report latency from 40 to 5 minutes across 3 provinces.
engagements:
  - date: 2026-11-05
    with: [Zhang Ming]
    topic: Quarterly business review
    business_value: Reviewed the 22% meter-reading saving from the pilot.
```

Fails (the open opportunity's value is not quantified, and the engagement
records none):

```yaml
opportunities:
  - id: opp-dispatch-analytics
    name: Dispatch analytics platform
    stage: propose
    business_value: Faster dispatch reports.
engagements:
  - date: 2026-11-05
    with: [Zhang Ming]
    topic: Quarterly business review
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.findings import Problem, Severity
from generator.model import Plan
from generator.standards.registry import Rule, RuleContext

RULE_ID = "business-value"
_DIGIT = re.compile(r"\d")


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    for index, opportunity in enumerate(plan.opportunities):
        value = opportunity.business_value
        if value is None:
            yield Problem(
                RULE_ID,
                f"opportunity `{opportunity.id}` records no `business_value`: say what the "
                "customer gains, in numbers",
                ("opportunities", index),
                opportunity.id,
            )
        elif opportunity.is_open and not _DIGIT.search(value):
            yield Problem(
                RULE_ID,
                f"the business value of open opportunity `{opportunity.id}` has no number "
                "in it: quantify it (a saving, a percentage, a time)",
                ("opportunities", index, "business_value"),
                opportunity.id,
            )
    for index, engagement in enumerate(plan.engagements):
        if engagement.business_value is None:
            day = engagement.date.isoformat()
            yield Problem(
                RULE_ID,
                f"the engagement on {day} ({engagement.topic}) records no "
                "`business_value`: note the business value discussed",
                ("engagements", index),
                day,
            )


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.ERROR,
    summary="Every opportunity and customer discussion records its business value.",
    check=check,
    reads=(
        "opportunities[].stage",
        "opportunities[].business_value",
        "engagements[].business_value",
    ),
    per_item=True,
    order=111,
)
