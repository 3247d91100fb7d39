"""Addressable revenue grows year over year.

`financials.addressable_revenue` holds the customer's addressable revenue
(AR) by fiscal year: actuals for past years, the target for the plan year.
The plan year's AR and the year before's must both be given, and the plan
year's must be above the year before's. Amounts are compared in the
standards' currency; plans in a currency without an exchange rate are
skipped (see `reference`).

Passes (plan year FY2027):

```yaml
financials:
  addressable_revenue:
    FY2026: 24800000
    FY2027: 29000000
```

Fails (plan year FY2027: AR is flat):

```yaml
financials:
  addressable_revenue:
    FY2026: 24800000
    FY2027: 24800000
```
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Problem, Severity
from generator.model import Plan
from generator.money import format_money as _money
from generator.standards.calendar import previous_fiscal_year
from generator.standards.registry import Rule, RuleContext

RULE_ID = "ar-growth"
PATH = ("financials", "addressable_revenue")


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    if plan.currency not in ctx.standards.exchange_rates:
        return
    plan_year = plan.plan.fiscal_year
    year_before = previous_fiscal_year(plan_year)
    this_ar = plan.financials.ar_for(plan_year)
    last_ar = plan.financials.ar_for(year_before)
    if this_ar is None or last_ar is None:
        missing = [label for label, ar in ((year_before, last_ar), (plan_year, this_ar))
                   if ar is None]
        yield Problem(
            RULE_ID,
            f"addressable revenue for {' and '.join(missing)} is missing: add "
            f"{'it' if len(missing) == 1 else 'them'} to `financials.addressable_revenue` "
            "so growth can be measured",
            PATH,
        )
        return
    this_converted = ctx.convert(this_ar, plan.currency)
    last_converted = ctx.convert(last_ar, plan.currency)
    if this_converted is None or last_converted is None:
        return
    if this_converted <= last_converted:
        yield Problem(
            RULE_ID,
            f"addressable revenue for {plan_year} ({_money(this_ar, plan.currency)}) is not "
            f"above {year_before}'s ({_money(last_ar, plan.currency)}): plan for growth "
            "in the account",
            PATH,
        )


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.ERROR,
    summary="Addressable revenue grows year over year.",
    thresholds=("exchange_rates",),
    check=check,
    reads=("financials.addressable_revenue", "plan.fiscal_year"),
    order=108,
)
