"""Fiscal years and date arithmetic in the sales calendar.

FY2027 is the fiscal year that ends in 2027. With the default start of
1 July it runs 2026-07-01 .. 2027-06-30; with a start of 1 January it is the
calendar year 2027.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_FY = re.compile(r"^FY(\d{4})$")


def parse_month_day(text: str) -> tuple[int, int]:
    """Parse the standards' `fiscal_year_start` ("MM-DD"); raises ValueError."""
    month_text, _, day_text = text.partition("-")
    month, day = int(month_text), int(day_text)
    dt.date(2001, month, day)  # rejects 02-30 and friends (2001: no 29 February)
    return month, day


def fiscal_year_number(label: str) -> int:
    """2027 for "FY2027"; raises ValueError for anything else."""
    match = _FY.match(label)
    if not match:
        raise ValueError(f"not a fiscal year label: {label!r}")
    return int(match.group(1))


def fiscal_year_label(year: int) -> str:
    return f"FY{year:04d}"


def previous_fiscal_year(label: str) -> str:
    """The year before: FY2026 for FY2027."""
    return fiscal_year_label(fiscal_year_number(label) - 1)


def fiscal_year_bounds(label: str, start: tuple[int, int]) -> tuple[dt.date, dt.date]:
    """First and last day of a fiscal year."""
    year = fiscal_year_number(label)
    month, day = start
    first = dt.date(year, month, day) if (month, day) == (1, 1) else dt.date(year - 1, month, day)
    next_first = dt.date(first.year + 1, month, day)
    return first, next_first - dt.timedelta(days=1)


def fiscal_year_of(day: dt.date, start: tuple[int, int]) -> str:
    """The label of the fiscal year that contains `day`."""
    if start == (1, 1):
        return fiscal_year_label(day.year)
    if (day.month, day.day) >= start:
        return fiscal_year_label(day.year + 1)
    return fiscal_year_label(day.year)


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months later, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))
