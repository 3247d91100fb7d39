"""Key wins bring in partners or services.

Large deals are won and delivered with partners and services. An open or won
opportunity whose amount, converted to the standards' currency, is at least
`key_win_amount` (default USD 250,000) names at least one partner or one
service. Plans in a currency without an exchange rate are skipped (see
`reference`).

Passes (CNY 8,600,000 x 0.14 = USD 1,204,000, with a partner):

```yaml
currency: CNY
opportunities:
  - id: opp-dispatch-analytics
    name: Dispatch analytics platform
    stage: propose
    amount: 8600000
    partners: [Neusoft]
```

Fails (the same deal with no partner and no service):

```yaml
currency: CNY
opportunities:
  - id: opp-dispatch-analytics
    name: Dispatch analytics platform
    stage: propose
    amount: 8600000
```
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Problem, Severity
from generator.model import Plan
from generator.money import format_money as _money
from generator.standards.registry import Rule, RuleContext

RULE_ID = "key-win-partners"


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    threshold = ctx.standards.key_win_amount
    target = ctx.standards.currency
    for index, opportunity in enumerate(plan.opportunities):
        if not (opportunity.is_open or opportunity.is_won):
            continue
        if opportunity.partners or opportunity.services:
            continue
        converted = ctx.convert(opportunity.amount, plan.currency)
        if converted is None:
            return
        if converted < threshold:
            continue
        shown = _money(opportunity.amount, plan.currency)
        if plan.currency != target:
            shown += f" ({_money(converted, target)})"
        yield Problem(
            RULE_ID,
            f"opportunity `{opportunity.id}` is worth {shown}, a key win of at least "
            f"{_money(threshold, target)}, but names no partner and no service: add the "
            "partners or services that will help win and deliver it",
            ("opportunities", index),
            opportunity.id,
        )


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.WARNING,
    summary="Key wins bring in partners or services.",
    thresholds=("key_win_amount", "exchange_rates"),
    check=check,
    reads=(
        "currency",
        "opportunities[].stage",
        "opportunities[].amount",
        "opportunities[].partners",
        "opportunities[].services",
    ),
    per_item=True,
    order=112,
)
