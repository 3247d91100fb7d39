"""Amounts as people read them: `CNY 48,000,000`, `USD 1,204,000.50`.

One place for the thousands separators, shared by findings, pages, the plan
diff and the plan skeleton.
"""

from __future__ import annotations

from decimal import Decimal


def format_amount(amount: Decimal) -> str:
    """`48,000,000`, `0.7`: thousands separators, every given digit, no exponent."""
    return f"{amount.normalize():,f}"


def format_money(amount: Decimal, currency: str) -> str:
    """`CNY 48,000,000`: the currency code and the amount."""
    return f"{currency} {format_amount(amount)}"
