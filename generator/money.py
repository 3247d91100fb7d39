"""Amounts as people read them: `CNY 48,000,000`, `USD 1,204,000.50`."""

from __future__ import annotations

from decimal import Decimal


def format_money(amount: Decimal, currency: str) -> str:
    """Whole amounts without decimals; others exactly as given."""
    if amount == amount.to_integral_value():
        return f"{currency} {amount.to_integral_value():,}"
    return f"{currency} {amount.normalize():,f}"
