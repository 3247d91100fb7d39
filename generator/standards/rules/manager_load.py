"""No account manager owns more plans than they can work.

An account manager covers about ten accounts well. Across all plans checked
together, one owner (the `plan.owner`'s team `email` where given, else the
name) may own at most `accounts_per_manager.max` (default 12) plans; above
that, every one of that owner's plans is reported at `plan.owner`.

Passes (with `accounts_per_manager: {target: 10, max: 12}`, Li Wei owns 12
plans, each like this):

```yaml
plan:
  owner: Li Wei
team:
  - {name: Li Wei, role: Account Manager, email: li.wei@example.com}
```

Fails (the same owner on a 13th plan):

```yaml
plan:
  owner: Li Wei
team:
  - {name: Li Wei, role: Account Manager, email: li.wei@example.com}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from generator.findings import Problem, Severity
from generator.model import Plan
from generator.standards.registry import Rule, RuleContext

RULE_ID = "manager-load"


def check_portfolio(plans: Sequence[Plan], ctx: RuleContext) -> Iterator[tuple[int, Problem]]:
    limit = ctx.standards.accounts_per_manager_max
    by_owner: dict[str, list[int]] = {}
    for index, plan in enumerate(plans):
        by_owner.setdefault(plan.owner_key, []).append(index)
    for indexes in by_owner.values():
        if len(indexes) <= limit:
            continue
        for index in indexes:
            yield index, Problem(
                RULE_ID,
                f"{plans[index].plan.owner} owns {len(indexes)} account plans, more than "
                f"the {limit} one manager can cover: rebalance the accounts with your "
                "sales manager",
                ("plan", "owner"),
            )


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.WARNING,
    summary="No account manager owns more plans than they can work.",
    thresholds=("accounts_per_manager_max",),
    check_portfolio=check_portfolio,
    order=122,
)
