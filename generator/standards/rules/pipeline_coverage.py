"""The open pipeline for the plan year covers what is left of the target.

What is still to win this year is `revenue_target` minus `booked_to_date`.
Open opportunities (not won or lost) whose `close` falls in the plan year must
add up, at their full amounts (not weighted by probability), to at least
`pipeline_coverage` (default 1.25) times that remainder, because not every
deal will close. A target already met leaves nothing to cover. Plans in a
currency without an exchange rate are skipped (see `reference`). The figures
(`generator.figures`: plan-year pipeline, remaining gap, coverage) are the
ones the pipeline page, the chart and the exports show.

Passes (plan year FY2027: 19,500,000 + 8,600,000 = 28,100,000, at least
1.25 x (29,000,000 - 9,400,000) = 24,500,000):

```yaml
financials:
  revenue_target: 29000000
  booked_to_date: 9400000
opportunities:
  - {id: opp-ea-renewal, stage: develop, amount: 19500000, close: 2027-06-15}
  - {id: opp-dispatch-analytics, stage: propose, amount: 8600000, close: 2027-03-31}
```

Fails (plan year FY2027: the second deal slipped into FY2028, leaving
19,500,000 against the 24,500,000 needed):

```yaml
financials:
  revenue_target: 29000000
  booked_to_date: 9400000
opportunities:
  - {id: opp-ea-renewal, stage: develop, amount: 19500000, close: 2027-06-15}
  - {id: opp-dispatch-analytics, stage: propose, amount: 8600000, close: 2027-07-31}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from generator import figures
from generator.findings import Problem, Severity
from generator.model import Plan
from generator.money import format_money as _money
from generator.standards.registry import Rule, RuleContext

RULE_ID = "pipeline-coverage"


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    currency = plan.currency
    if figures.converted(Decimal(0), plan, ctx.standards) is None:
        return  # no exchange rate: `reference` says so, amounts cannot be compared
    plan_year = plan.plan.fiscal_year
    pipeline = figures.plan_year_pipeline(plan, ctx.standards)
    remaining = figures.remaining_gap(plan.financials)
    coverage = ctx.standards.pipeline_coverage
    if figures.meets_coverage(pipeline, remaining, coverage):
        return
    needed = figures.needed_pipeline(remaining, coverage)
    yield Problem(
        RULE_ID,
        f"open pipeline closing in {plan_year} is {_money(pipeline, currency)}, under "
        f"the {_money(needed, currency)} needed ({coverage.normalize():f} x the "
        f"remaining target of {_money(remaining, currency)}): add opportunities that "
        f"close in {plan_year}, or bring forward ones that close later",
        ("opportunities",),
    )


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.WARNING,
    summary="The open pipeline for the plan year covers what is left of the target.",
    thresholds=("pipeline_coverage", "fiscal_year_start", "exchange_rates"),
    check=check,
    reads=(
        "currency",
        "plan.fiscal_year",
        "financials.booked_to_date",
        "financials.revenue_target",
        "opportunities[].stage",
        "opportunities[].amount",
        "opportunities[].close",
    ),
    order=109,
)
