"""Every agreement that is up for renewal has a live renewal opportunity.

An agreement that ends within `renewal_window_months` (default 12) of the
as-of date, or has already ended, must name its `renewal_opportunity`, and
that opportunity must be open or won: a renewal that is lost, or not in the
plan, leaves the agreement to lapse. "At risk" on the Renewals page, the home
page and in the exports is this very test (`generator.figures.renewal_state`).

Passes (as of 2026-11-27, the EA ends within 12 months and its renewal is
being worked):

```yaml
agreements:
  - id: ea-2024
    type: EA
    starts: 2024-07-01
    ends: 2027-06-30
    renewal_opportunity: opp-ea-renewal
opportunities:
  - {id: opp-ea-renewal, name: EA renewal FY2028, stage: develop}
```

Fails (as of 2026-11-27, the EA ends within 12 months and nobody is working
on its renewal):

```yaml
agreements:
  - id: ea-2024
    type: EA
    starts: 2024-07-01
    ends: 2027-06-30
```
"""

from __future__ import annotations

from collections.abc import Iterator

from generator import figures
from generator.findings import Problem, Severity
from generator.model import Plan
from generator.standards.registry import Rule, RuleContext

RULE_ID = "ea-renewal"


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    window = ctx.standards.renewal_window_months
    for index, agreement in enumerate(plan.agreements):
        if not figures.is_renewal_at_risk(plan, agreement, ctx.as_of, ctx.standards):
            continue
        ending = (f"{agreement.type} `{agreement.id}` "
                  f"{'ended' if agreement.ends < ctx.as_of else 'ends'} on "
                  f"{agreement.ends.isoformat()}")
        renewal_id = agreement.renewal_opportunity
        if renewal_id is None:
            yield Problem(
                RULE_ID,
                f"{ending}, within the {window}-month renewal window, and has no "
                "`renewal_opportunity`: open the renewal opportunity and name it here",
                ("agreements", index),
                agreement.id,
            )
            continue
        renewal = figures.renewal_opportunity(plan, agreement)
        state = ("is not among the plan's opportunities" if renewal is None
                 else f"is {renewal.stage}, neither open nor won")
        yield Problem(
            RULE_ID,
            f"{ending}, within the {window}-month renewal window, and its renewal "
            f"opportunity `{renewal_id}` {state}: open a new renewal opportunity and "
            "name it here",
            ("agreements", index, "renewal_opportunity"),
            agreement.id,
        )


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.ERROR,
    summary="Every agreement that is up for renewal has a live renewal opportunity.",
    thresholds=("renewal_window_months",),
    check=check,
    reads=("agreements", "opportunities[].id", "opportunities[].stage"),
    order=110,
)
