"""Fiscal years and date arithmetic in the sales calendar.

FY2027 is the fiscal year that ends in 2027. With the default start of
1 July it runs 2026-07-01 .. 2027-06-30; with a start of 1 January it is the
calendar year 2027.

The arithmetic is total: a plan may hold any day of the calendar (0001-01-01
to 9999-12-31, and FY0000 to FY9999), and a day past either end of the
calendar is that end, so no rule ever fails on a far past or future date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: the as-of dates planbook judges plans on (a century of headroom each way
#: for the standards' windows and ages)
AS_OF_RANGE = (dt.date(1900, 1, 1), dt.date(2999, 12, 31))
_FY = re.compile(r"^FY(\d{4,5})$")  # five digits: the year after 9999-07-01


def parse_as_of(text: str) -> dt.date:
    """An as-of date written exactly YYYY-MM-DD, in AS_OF_RANGE; ValueError says why not.

    (Python's own ISO parser also takes 20261127 and 2026-W48-5.)
    """
    text = text.strip()
    if not _ISO_DAY.match(text):
        raise ValueError(f"`{text}` is not a date written YYYY-MM-DD, e.g. 2026-11-27")
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text} is not a date in the calendar") from None
    first, last = AS_OF_RANGE
    if not first <= day <= last:
        raise ValueError(f"{text} is out of range: planbook judges plans as of a day from "
                         f"{first.isoformat()} to {last.isoformat()}")
    return day


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
    # The year before FY0000 is no year either: FY0000 again, never "FY-001".
    return f"FY{max(year, 0):04d}"


def previous_fiscal_year(label: str) -> str:
    """The year before: FY2026 for FY2027."""
    return fiscal_year_label(fiscal_year_number(label) - 1)


def day_in_calendar(year: int, month: int, day: int) -> dt.date:
    """The date, or the calendar's first or last day when `year` is beyond it."""
    if year < dt.MINYEAR:
        return dt.date.min
    if year > dt.MAXYEAR:
        return dt.date.max
    return dt.date(year, month, day)


def fiscal_year_bounds(label: str, start: tuple[int, int]) -> tuple[dt.date, dt.date]:
    """First and last day of a fiscal year (within the calendar)."""
    year = fiscal_year_number(label)
    month, day = start
    first_year = year if (month, day) == (1, 1) else year - 1
    first = day_in_calendar(first_year, month, day)
    if first_year + 1 > dt.MAXYEAR:
        return first, dt.date.max
    next_first = day_in_calendar(first_year + 1, month, day)
    return first, max(first, add_days(next_first, -1))


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
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return day_in_calendar(year, 1, 1)
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def add_days(day: dt.date, days: int) -> dt.date:
    """`days` later (or earlier), stopping at the calendar's first or last day."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


@dataclass(frozen=True)
class Quarter:
    label: str
    first: dt.date
    last: dt.date


def fiscal_quarter(day: dt.date, start: tuple[int, int]) -> Quarter:
    """The fiscal quarter holding `day` (FY2027 Q1 = the first three months of FY2027).

    Total like the rest of the calendar: near its first or last day the
    quarter stops at the calendar's end.
    """
    year_label = fiscal_year_of(day, start)
    first_of_year = day_in_calendar(day.year, *start)
    if first_of_year > day:
        first_of_year = day_in_calendar(day.year - 1, *start)
    months = (day.year - first_of_year.year) * 12 + day.month - first_of_year.month
    if day.day < first_of_year.day:
        months -= 1
    index = max(months // 3, 0)
    first = add_months(first_of_year, index * 3)
    next_year = first_of_year.year + (first_of_year.month + index * 3 + 2) // 12
    last = (dt.date.max if next_year > dt.MAXYEAR
            else max(first, add_days(add_months(first_of_year, index * 3 + 3), -1)))
    return Quarter(f"{year_label} Q{index + 1}", first, last)


def quarters(first: dt.date, last: dt.date, start: tuple[int, int]) -> list[Quarter]:
    found = [fiscal_quarter(first, start)]
    while found[-1].last < last:
        found.append(fiscal_quarter(found[-1].last + dt.timedelta(days=1), start))
    return found
