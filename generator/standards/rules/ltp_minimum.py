"""The account's long-term potential is worth a named account manager.

`financials.long_term_potential` is what the account could buy each year when
fully penetrated. Converted to the standards' currency it must reach the
segment's minimum (`segments.<segment>.min_ltp`: by default USD 1,000,000 for
a mature account, USD 500,000 for an emerging one). Plans in a currency
without an exchange rate are skipped (see `reference`).

Passes (a mature account in CNY: 48,000,000 x 0.14 = USD 6,720,000):

```yaml
account:
  segment: mature
currency: CNY
financials:
  long_term_potential: 48000000
```

Fails (6,000,000 x 0.14 = USD 840,000, under USD 1,000,000):

```yaml
account:
  segment: mature
currency: CNY
financials:
  long_term_potential: 6000000
```
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Problem, Severity
from generator.model import Plan
from generator.money import format_money as _money
from generator.standards.registry import Rule, RuleContext

RULE_ID = "ltp-minimum"


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    ltp = plan.financials.long_term_potential
    converted = ctx.convert(ltp, plan.currency)
    minimum = ctx.standards.min_ltp.get(plan.account.segment)
    if converted is None or minimum is None:
        return
    if converted < minimum:
        target = ctx.standards.currency
        shown = _money(ltp, plan.currency)
        if plan.currency != target:
            shown += f" ({_money(converted, target)})"
        yield Problem(
            RULE_ID,
            f"long-term potential is {shown}, under the {_money(minimum, target)} minimum "
            f"for a {plan.account.segment} account: re-assess the potential with the "
            "customer, or agree the account's coverage with your manager",
            ("financials", "long_term_potential"),
        )


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.ERROR,
    summary="The account's long-term potential is worth a named account manager.",
    thresholds=("min_ltp", "exchange_rates"),
    check=check,
    reads=("account.segment", "currency", "financials.long_term_potential"),
    order=107,
)
