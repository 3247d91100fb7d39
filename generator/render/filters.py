"""Jinja filters: how amounts, dates and ratios read on the pages.

Each filter returns `Markup` built only from numbers and escaped text, so the
environment's escaping `finalize` leaves it as it is. Amounts from the plan
are shown exactly (a plan's figures are never rounded away); amounts
converted into the standards' currency are rounded to whole units, because
they are estimates at a reference rate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from markupsafe import Markup

from generator.money import format_amount
from generator.plain_text import plain
from generator.render.escape import inline_code, markdown_text, message_text

NOT_GIVEN = Markup("—")


def number(value: Decimal | int | float | None) -> Markup:
    """`42,000`; `1,234.5`: thousands separators, every given digit kept."""
    if value is None:
        return NOT_GIVEN
    return Markup(format_amount(Decimal(str(value))))


def money(value: Decimal | int | float | None, currency: str) -> Markup:
    """`CNY 48,000,000`: the amount exactly as the plan gives it."""
    if value is None:
        return NOT_GIVEN
    return Markup(f"{markdown_text(currency)} {number(value)}")


def round_money(value: Decimal | None, currency: str) -> Markup:
    """`USD 6,720,000`: a converted amount, rounded to whole units."""
    if value is None:
        return NOT_GIVEN
    whole = value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return Markup(f"{markdown_text(currency)} {whole:,}")


def whole(value: Decimal | None) -> Markup:
    """`6,720,000`: a converted amount rounded to whole units, where a column names the currency."""
    if value is None:
        return NOT_GIVEN
    return Markup(f"{value.quantize(Decimal(1), rounding=ROUND_HALF_UP):,}")


def coverage(value: Decimal | None) -> Markup:
    """Pipeline coverage, pipeline ÷ remaining gap: `1.43x` (as the pipeline page rounds it)."""
    if value is None:
        return NOT_GIVEN
    return Markup(f"{value:.2f}x")


def percent(value: Decimal | None, places: int = 1) -> Markup:
    """A computed ratio as a percentage: `0.8929` → `89.3%`."""
    if value is None:
        return NOT_GIVEN
    scaled = (value * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return Markup(f"{scaled}%")


def signed_percent(value: Decimal | None, places: int = 1) -> Markup:
    """A change as a percentage with its sign: `+16.9%`, `-3.0%`."""
    if value is None:
        return NOT_GIVEN
    shown = percent(value, places)
    return shown if value < 0 else Markup("+") + shown


def exact_percent(value: Decimal | None) -> Markup:
    """A given fraction shown in full as a percentage: `0.7` → `70%`, `0.125` → `12.5%`."""
    if value is None:
        return NOT_GIVEN
    return Markup(f"{number(value * 100)}%")


def iso_date(value: dt.date | None) -> Markup:
    """`2026-11-10`: ISO dates read the same in every office."""
    if value is None:
        return NOT_GIVEN
    return Markup(value.isoformat())


def days_between(earlier: dt.date, later: dt.date) -> int:
    return (later - earlier).days


def days_ago(value: dt.date | None, as_of: dt.date) -> Markup:
    """`17 days ago`, `today`, `in 3 days`: a date relative to the as-of date."""
    if value is None:
        return NOT_GIVEN
    days = days_between(value, as_of)
    if days == 0:
        return Markup("today")
    if days > 0:
        return Markup(f"{days} day{'s' if days != 1 else ''} ago")
    return Markup(f"in {-days} day{'s' if days != -1 else ''}")


def months_until(opened: dt.date, close: dt.date) -> int:
    """Whole calendar months from `opened` to `close` (the sales cycle's unit)."""
    months = (close.year - opened.year) * 12 + close.month - opened.month
    return months - 1 if close.day < opened.day else months


def day_count(days: int | None) -> Markup:
    """`17 days`, `1 day`."""
    if days is None:
        return NOT_GIVEN
    return Markup(f"{days:,} day{'s' if abs(days) != 1 else ''}")


def plural(count: int, word: str) -> Markup:
    """`1 error`, `2 errors`, `0 warnings`."""
    return Markup(f"{count:,} {word}{'' if count == 1 else 's'}")


def any_extra(items: Iterable[Any]) -> bool:
    """True when any item of a list carries `x_` fields or an `audience` (adds an
    "Own fields" column)."""
    return any(getattr(item, "extra", ()) or getattr(item, "audience", None) for item in items)


def own_of(item: Any) -> tuple[tuple[str, Any], ...]:
    """An item's `audience` (when the plan sets one) and its `x_` fields, as key-value pairs."""
    audience = getattr(item, "audience", None)
    extra: tuple[tuple[str, Any], ...] = getattr(item, "extra", ())
    return ((("audience", audience),) if audience else ()) + extra


def text_list(values: Iterable[Any]) -> Markup:
    """Values separated by commas, each escaped; a dash when there are none."""
    shown = [markdown_text(value) for value in values]
    return Markup(", ").join(shown) if shown else NOT_GIVEN


def code_list(values: Iterable[Any]) -> Markup:
    """Identifiers as inline code, separated by commas."""
    shown = [inline_code(value) for value in values]
    return Markup(", ").join(shown) if shown else NOT_GIVEN


def flatten(value: Any) -> str:
    """An organisation's own (`x_`) value as one line of plain text.

    Lists become `a, b`; mappings `key: value; key: value`; nested ones are
    bracketed so the reader still sees the shape.
    """
    if isinstance(value, Mapping):
        return "; ".join(f"{key}: {_nested(item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_nested(item) for item in value)
    return _scalar(value)


def _nested(value: Any) -> str:
    if isinstance(value, Mapping | list | tuple):
        return f"({flatten(value)})" if value else "(none)"
    return _scalar(value)


def _scalar(value: Any) -> str:
    if value is None:
        return "(empty)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, float | Decimal):
        return format(Decimal(str(value)).normalize(), "f") if value == value else "nan"
    return plain(value)


def extra_value(value: Any) -> Markup:
    """An `x_` value, flattened and escaped."""
    return markdown_text(flatten(value))


def extras_inline(extra: Iterable[tuple[str, Any]]) -> Markup:
    """`x_key: value; x_other: value` for a table cell; a dash when there are none."""
    shown = [Markup("{}: {}").format(inline_code(key), extra_value(value)) for key, value in extra]
    return Markup("; ").join(shown) if shown else NOT_GIVEN


def extra_head(show: bool) -> Markup:
    """The "Own fields" header cell, when a table has `x_` fields to show."""
    return Markup(" Own fields |") if show else Markup("")


def extra_rule(show: bool) -> Markup:
    """The delimiter cell under `extra_head`."""
    return Markup("---|") if show else Markup("")


def extra_cell(extra: Iterable[tuple[str, Any]], show: bool) -> Markup:
    """An item's `x_` fields as the last cell of its row."""
    return Markup(" {} |").format(extras_inline(extra)) if show else Markup("")


FILTERS: Mapping[str, Callable[..., Any]] = {
    "number": number,
    "money": money,
    "round_money": round_money,
    "whole": whole,
    "coverage": coverage,
    "percent": percent,
    "signed_percent": signed_percent,
    "exact_percent": exact_percent,
    "date": iso_date,
    "days_ago": days_ago,
    "day_count": day_count,
    "months_until": months_until,
    "plural": plural,
    "any_extra": any_extra,
    "own_of": own_of,
    "text_list": text_list,
    "code_list": code_list,
    "code": inline_code,
    "t": markdown_text,
    "message": message_text,
    "extra_value": extra_value,
    "extras_inline": extras_inline,
    "extra_head": extra_head,
    "extra_rule": extra_rule,
    "extra_cell": extra_cell,
}
