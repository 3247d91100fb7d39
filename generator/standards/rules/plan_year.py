"""The plan is for the current fiscal year.

`plan.fiscal_year` is the plan year that targets, pipeline and growth are
measured against. It should be the fiscal year that contains the as-of date
(the standards' `fiscal_year_start` says when a year begins): last year's
plan needs rolling forward.

Passes (as of 2026-11-27, with fiscal years starting on 1 July):

```yaml
plan:
  fiscal_year: FY2027
```

Fails (as of 2026-11-27, FY2026 ended on 2026-06-30):

```yaml
plan:
  fiscal_year: FY2026
```
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Problem, Severity
from generator.model import Plan
from generator.standards.registry import Rule, RuleContext

RULE_ID = "plan-year"


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    current = ctx.current_fiscal_year
    if plan.plan.fiscal_year != current:
        yield Problem(
            RULE_ID,
            f"the plan is for {plan.plan.fiscal_year}, but {ctx.as_of.isoformat()} falls in "
            f"{current}: roll the plan forward to {current}",
            ("plan", "fiscal_year"),
        )


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.WARNING,
    summary="The plan is for the current fiscal year.",
    thresholds=("fiscal_year_start",),
    check=check,
    reads=("plan.fiscal_year",),
    order=106,
)
