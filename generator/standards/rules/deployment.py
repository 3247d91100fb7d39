"""Customers use what they own, or there is an action to get them there.

Deployment is the share of what a customer is entitled to that it has
deployed (`deployed` / `entitled`). Under `deployment_min_ratio` (default
0.6) the product needs an `adoption_action` naming an open action (not
done) that will raise it; unused entitlements are the first thing a customer
questions at renewal.

Passes (21,000 of 42,000 seats is 0.5, and the adoption action is open):

```yaml
deployment:
  - product: Windows Enterprise
    entitled: 42000
    deployed: 21000
    adoption_action: act-win-rollout
actions:
  - {id: act-win-rollout, what: Deployment plan with the desktop team, status: open}
```

Fails (0.5 deployed and no adoption action):

```yaml
deployment:
  - product: Windows Enterprise
    entitled: 42000
    deployed: 21000
```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_FLOOR, Decimal

from generator.findings import Problem, Severity
from generator.model import Plan
from generator.standards.registry import Rule, RuleContext

RULE_ID = "deployment"


def _percent(ratio: Decimal) -> str:
    """`59.9%`: rounded down, so a share under the standard never reads as equal to it."""
    shown = (ratio * 100).quantize(Decimal("0.1"), rounding=ROUND_FLOOR)
    if shown == shown.to_integral_value():
        shown = shown.to_integral_value()
    return f"{shown:f}%"


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    minimum = ctx.standards.deployment_min_ratio
    actions = {a.id: a for a in plan.actions}
    for index, product in enumerate(plan.deployment):
        ratio = product.ratio
        if ratio is None or ratio >= minimum:
            continue
        usage = (f"`{product.product}` is {_percent(ratio)} deployed "
                 f"({product.deployed:,f} of {product.entitled:,f}), under the "
                 f"{_percent(minimum)} standard")
        action_id = product.adoption_action
        if action_id is None:
            yield Problem(
                RULE_ID,
                f"{usage}, and has no `adoption_action`: plan an action to raise adoption "
                "and name it here",
                ("deployment", index),
                product.product,
            )
            continue
        action = actions.get(action_id)
        if action is not None and action.is_open:
            continue
        state = "is done" if action is not None else "is not among the plan's actions"
        yield Problem(
            RULE_ID,
            f"{usage}, and its adoption action `{action_id}` {state}: name an open action "
            "that will raise adoption",
            ("deployment", index, "adoption_action"),
            product.product,
        )


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.WARNING,
    summary="Customers use what they own, or there is an action to get them there.",
    thresholds=("deployment_min_ratio",),
    check=check,
    reads=("deployment", "actions[].id", "actions[].status"),
    order=114,
)
