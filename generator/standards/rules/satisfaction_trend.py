"""Customer satisfaction is measured and not falling.

`satisfaction` holds the Relationship Management survey score (0-200) by
fiscal year. The latest full year, the year before the plan year, must have
a score, and it must not be lower than the score for the year before that.
When that earlier score is missing there is nothing to compare, and only a
missing latest score is reported.

Passes (plan year FY2027):

```yaml
satisfaction:
  FY2025: 128
  FY2026: 141
```

Fails (plan year FY2027: the score fell from 141 to 128):

```yaml
satisfaction:
  FY2025: 141
  FY2026: 128
```
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Problem, Severity
from generator.model import Plan
from generator.standards.calendar import previous_fiscal_year
from generator.standards.registry import Rule, RuleContext

RULE_ID = "satisfaction-trend"


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    year_before = previous_fiscal_year(plan.plan.fiscal_year)
    earlier_year = previous_fiscal_year(year_before)
    latest = plan.satisfaction_for(year_before)
    if latest is None:
        yield Problem(
            RULE_ID,
            f"there is no satisfaction score for {year_before}: add the Relationship "
            "Management survey result to `satisfaction`",
            ("satisfaction", year_before),
        )
        return
    earlier = plan.satisfaction_for(earlier_year)
    if earlier is not None and latest < earlier:
        yield Problem(
            RULE_ID,
            f"satisfaction fell from {earlier:f} in {earlier_year} to {latest:f} in "
            f"{year_before}: find out why with the customer and plan how to win it back",
            ("satisfaction", year_before),
        )


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.WARNING,
    summary="Customer satisfaction is measured and not falling.",
    check=check,
    reads=("satisfaction", "plan.fiscal_year"),
    order=113,
)
