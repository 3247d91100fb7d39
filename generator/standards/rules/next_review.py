"""The next review is booked, still ahead, and soon enough.

`plan.next_review` records when the plan will be reviewed again. It must be
given, not be before the as-of date, and be at most `review_max_age_days`
(default 90) after `last_reviewed`, so the plan never goes stale between
reviews.

Passes (as of 2026-11-27):

```yaml
plan:
  last_reviewed: 2026-11-10
  next_review: 2027-02-05
```

Fails (as of 2026-11-27, the review is booked 112 days after the last one):

```yaml
plan:
  last_reviewed: 2026-11-10
  next_review: 2027-03-02
```
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Problem, Severity
from generator.model import Plan
from generator.standards.registry import Rule, RuleContext

RULE_ID = "next-review"
PATH = ("plan", "next_review")


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    next_review = plan.plan.next_review
    last_reviewed = plan.plan.last_reviewed
    limit = ctx.standards.review_max_age_days
    if next_review is None:
        yield Problem(
            RULE_ID,
            "no next review is booked: add `plan.next_review` with a date within "
            f"{limit} days of the last review",
            PATH,
        )
        return
    gap = (next_review - last_reviewed).days
    if next_review < ctx.as_of:
        yield Problem(
            RULE_ID,
            f"the next review was due on {next_review.isoformat()}, before "
            f"{ctx.as_of.isoformat()}: hold the review, or book a new date",
            PATH,
        )
    elif gap > limit:
        yield Problem(
            RULE_ID,
            f"the next review on {next_review.isoformat()} is {gap} days after the last "
            f"one on {last_reviewed.isoformat()} (at most {limit} allowed): book it earlier",
            PATH,
        )


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.WARNING,
    summary="The next review is booked, still ahead, and soon enough.",
    thresholds=("review_max_age_days",),
    check=check,
    reads=("plan.last_reviewed", "plan.next_review"),
    order=105,
)
