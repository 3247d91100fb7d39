"""Every id is used once: per list in a plan, and per account across plans.

Ids are how the plan's parts point at each other (an opportunity's `cos`, an
action's `opportunity`, an agreement's `renewal_opportunity`) and how waivers
name an item. Two COS, opportunities, agreements, actions or customer
priorities with the same `id` make those references ambiguous; the later one
is reported. Two plans for the same account id split the account's story in
two; every plan after the first (in path order) is reported.

Passes:

```yaml
opportunities:
  - id: opp-ea-renewal
    name: EA renewal FY2028
  - id: opp-dispatch-analytics
    name: Dispatch analytics platform
```

Fails (the second opportunity reuses the first one's id):

```yaml
opportunities:
  - id: opp-ea-renewal
    name: EA renewal FY2028
  - id: opp-ea-renewal
    name: Dispatch analytics platform
```
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from generator.findings import Problem, Severity
from generator.model import Plan
from generator.standards.registry import Rule, RuleContext

RULE_ID = "duplicate-id"


def _lists_with_ids(plan: Plan) -> Iterator[tuple[str, Sequence[str]]]:
    yield "customer_priorities", [p.id for p in plan.customer_priorities]
    yield "conditions_of_satisfaction", [c.id for c in plan.conditions_of_satisfaction]
    yield "agreements", [a.id for a in plan.agreements]
    yield "opportunities", [o.id for o in plan.opportunities]
    yield "actions", [a.id for a in plan.actions]


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    for section, ids in _lists_with_ids(plan):
        first_index: dict[str, int] = {}
        for index, item_id in enumerate(ids):
            if item_id not in first_index:
                first_index[item_id] = index
                continue
            yield Problem(
                RULE_ID,
                f"`{item_id}` is already the id of item {first_index[item_id] + 1} in "
                f"`{section}`: give this one an id of its own",
                (section, index),
                item_id,
            )


def check_portfolio(plans: Sequence[Plan], ctx: RuleContext) -> Iterator[tuple[int, Problem]]:
    first_of: dict[str, int] = {}
    for index, plan in enumerate(plans):
        account_id = plan.account.id
        if account_id not in first_of:
            first_of[account_id] = index
            continue
        first = first_of[account_id]
        where = (f"by {ctx.plan_files[first]}" if first < len(ctx.plan_files)
                 else "by an earlier plan")
        yield index, Problem(
            RULE_ID,
            f"account id `{account_id}` is already used {where}: keep one plan "
            "per account and merge or rename this one",
            ("account", "id"),
        )


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.ERROR,
    summary="Every id is used once: per list in a plan, and per account across plans.",
    structural=True,
    check=check,
    check_portfolio=check_portfolio,
    reads=(
        "account.id",
        "customer_priorities[].id",
        "conditions_of_satisfaction[].id",
        "opportunities[].id",
        "agreements[].id",
        "actions[].id",
    ),
    per_item=True,
    order=6,
)
