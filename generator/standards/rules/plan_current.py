"""The plan has been reviewed recently.

An account plan is only useful while it is current. `plan.last_reviewed` may
be at most `review_max_age_days` (default 90) before the as-of date, and
never after it: a review in the future has not happened yet. The plan age
(`generator.figures.plan_age_days`, `is_stale`) is the one the freshness page,
the home page and the exports show.

Passes (as of 2026-11-27):

```yaml
plan:
  fiscal_year: FY2027
  owner: Li Wei
  last_reviewed: 2026-11-10
```

Fails (as of 2026-11-27, the last review was 140 days ago):

```yaml
plan:
  fiscal_year: FY2027
  owner: Li Wei
  last_reviewed: 2026-07-10
```
"""

from __future__ import annotations

from collections.abc import Iterator

from generator import figures
from generator.findings import Problem, Severity
from generator.model import Plan
from generator.standards.registry import Rule, RuleContext

RULE_ID = "plan-current"


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    reviewed = plan.plan.last_reviewed
    age = figures.plan_age_days(plan, ctx.as_of)
    if not figures.is_stale(age, ctx.standards):
        return
    if age < 0:
        yield Problem(
            RULE_ID,
            f"`last_reviewed` is {reviewed.isoformat()}, after {ctx.as_of.isoformat()}: "
            "a review cannot be in the future; record the date it actually took place",
            ("plan", "last_reviewed"),
        )
        return
    yield Problem(
        RULE_ID,
        f"the plan was last reviewed on {reviewed.isoformat()}, {age} days before "
        f"{ctx.as_of.isoformat()} (at most {ctx.standards.review_max_age_days} allowed): "
        "review it with your manager and update `last_reviewed`",
        ("plan", "last_reviewed"),
    )


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.ERROR,
    summary="The plan has been reviewed recently.",
    thresholds=("review_max_age_days",),
    check=check,
    reads=("plan.last_reviewed",),
    order=104,
)
