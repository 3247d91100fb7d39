"""Hints for the common slips in a plan: what the author meant, written right.

Each function takes the text the author wrote and returns the corrected form
for a message ("write plain digits: 2500000"), or None when it does not
recognise the slip.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

_CURRENCY_SIGNS = "$€£¥₹￥"
_CURRENCY_WORDS = re.compile(r"^(usd|eur|gbp|cny|rmb|jpy|us\$)\s*|\s*(usd|eur|gbp|cny|rmb|jpy)$",
                             re.IGNORECASE)
_SUFFIXES = {"k": Decimal(1_000), "m": Decimal(1_000_000), "mm": Decimal(1_000_000),
             "mn": Decimal(1_000_000), "b": Decimal(1_000_000_000),
             "bn": Decimal(1_000_000_000), "thousand": Decimal(1_000),
             "million": Decimal(1_000_000), "billion": Decimal(1_000_000_000)}
_AMOUNT = re.compile(r"^(?P<number>\d+(?:[,_ ]\d{3})*(?:\.\d+)?)\s*(?P<suffix>[a-z]*)$",
                     re.IGNORECASE)
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")


def plain_amount(text: str) -> str | None:
    """"2,500,000" → "2500000"; "$1.2M" → "1200000"; "500K" → "500000"."""
    stripped = text.strip().strip(_CURRENCY_SIGNS).strip()
    stripped = _CURRENCY_WORDS.sub("", stripped).strip().strip(_CURRENCY_SIGNS).strip()
    match = _AMOUNT.match(stripped)
    if match is None:
        return None
    suffix = match["suffix"].lower()
    if suffix and suffix not in _SUFFIXES:
        return None
    try:
        number = Decimal(re.sub(r"[,_ ]", "", match["number"]))
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return None
    value = number * _SUFFIXES.get(suffix, Decimal(1))
    shown = str(int(value)) if value == value.to_integral() else format(value.normalize(), "f")
    return None if shown == text.strip() else shown


def amount_hint(text: str) -> str:
    """The message tail for text where an amount belongs."""
    plain = plain_amount(text)
    if plain is None:
        return ("; write the amount in plain digits, without separators, currency "
                "or suffixes, e.g. 2500000")
    return f"; write plain digits: {plain} (no separators, currency signs or K/M suffixes)"


def iso_date(text: str) -> str | None:
    """"27/11/2026" → "2026-11-27"; None when it is not a recognisable date."""
    stripped = text.strip()
    match = _DAY_FIRST.match(stripped)
    if match is not None:
        day, month, year = (int(g) for g in match.groups())
        candidates = [(year, month, day)]
        if day <= 12 and month <= 12 and day != month:
            candidates.append((year, day, month))  # could be month-first
    else:
        match = _YEAR_FIRST.match(stripped)
        if match is None:
            return None
        year, month, day = (int(g) for g in match.groups())
        candidates = [(year, month, day)]
    shown = []
    for y, m, d in candidates:
        try:
            shown.append(dt.date(y, m, d).isoformat())
        except ValueError:
            continue
    return " or ".join(shown) if shown else None


def date_hint(text: str) -> str:
    """The message tail for text where a date belongs."""
    written = iso_date(text)
    if written is None:
        return "; write the date as YYYY-MM-DD, e.g. 2027-03-31"
    if " or " in written:
        return f"; write the date as YYYY-MM-DD: {written} (whichever you meant)"
    return f"; write the date as YYYY-MM-DD: {written}"
