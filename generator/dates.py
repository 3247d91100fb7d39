"""Dates and fiscal years the schema's patterns accept but the calendar does not.

JSON Schema checks that a date is written YYYY-MM-DD and a fiscal year
FY and four digits; it cannot tell that 2027-02-29 or 0000-01-01 is no day
at all, or that FY0000 names a year the calendar lacks (it goes from 1 BC
to AD 1). The loader reports an impossible date written plainly (a YAML
timestamp); this module finds the ones written in quotes in the fields the
schema declares as dates, and FY0000 as a plan year or a year key, so that
none ever reaches the plan model or a rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from generator.findings import JsonPath, Problem
from generator.loader import calendar_problem
from generator.validate import plan_schema

_DATE_REF = "#/$defs/date"
_FY_REF = "#/$defs/fy"
NO_YEAR = "FY0000"


def _calendar_fields(where: _Where, data: Any, path: JsonPath,
                     found: list[tuple[str, JsonPath, Any]]) -> None:
    """Append ("date" | "fy", path, value) for the dates, fiscal years and year keys in `data`."""
    if where.kind is not None:
        found.append((where.kind, path, data))
    elif isinstance(data, dict) and where.extra is None and not where.year_keys:
        # Only named keys can hold one: look those up, not every key of the data.
        for key, holder in where.holding:
            if key in data:
                _calendar_fields(holder, data[key], (*path, key), found)
    elif isinstance(data, dict):
        properties, extra = where.properties, where.extra
        for key, value in data.items():
            if where.year_keys:
                found.append(("fy", (*path, key), key))
            child = properties.get(key, extra)
            if child is not None:
                _calendar_fields(child, value, (*path, key), found)
    elif isinstance(data, list) and where.items is not None:
        for index, value in enumerate(data):
            _calendar_fields(where.items, value, (*path, index), found)


def _no_year(path: JsonPath) -> Problem:
    return Problem("schema", f"{NO_YEAR} is not a fiscal year: the calendar has no year 0 "
                             "(FY2027 is the year that ends in 2027)", path)


@dataclass(frozen=True)
class _Where:
    """Where a schema node holds dates or fiscal years: the schema pruned to them.

    The walk then skips, at the cost of one look-up, every value that holds
    none (long texts, amounts, lists of names). A property that holds none
    stays, as None, so that it does not fall back on `additionalProperties`.
    """

    #: "date" or "fy" when the node itself is one
    kind: str | None = None
    properties: dict[str, _Where | None] = field(default_factory=dict)
    #: additionalProperties, where they may hold one
    extra: _Where | None = None
    items: _Where | None = None
    #: the keys are fiscal years (FY2027: …)
    year_keys: bool = False
    #: the named properties that may hold one, in the schema's order
    holding: tuple[tuple[str, _Where], ...] = ()


def _calendar_only(node: Any) -> _Where | None:
    """Where `node` may hold a date or fiscal year; None when it never does."""
    if not isinstance(node, dict):
        return None
    reference = node.get("$ref")
    if reference in (_DATE_REF, _FY_REF):
        return _Where(kind="date" if reference == _DATE_REF else "fy")
    names = node.get("propertyNames")
    properties = {key: _calendar_only(child) for key, child in node.get("properties", {}).items()}
    holding = tuple((key, child) for key, child in properties.items() if child is not None)
    where = _Where(
        properties=properties, holding=holding,
        extra=_calendar_only(node.get("additionalProperties")),
        items=_calendar_only(node.get("items")),
        year_keys=isinstance(names, dict) and "FY" in str(names.get("pattern", "")))
    holds = where.year_keys or where.extra is not None or where.items is not None or holding
    return where if holds else None


@cache
def _schema() -> _Where:
    return _calendar_only(plan_schema()) or _Where()


def impossible_dates(data: Any, already: set[JsonPath] | frozenset[JsonPath] = frozenset()
                     ) -> list[Problem]:
    """A `schema` problem for each date field holding a day the calendar lacks.

    Paths in `already` (reported by the loader) are skipped.
    """
    problems = []
    found: list[tuple[str, JsonPath, Any]] = []
    _calendar_fields(_schema(), data, (), found)
    for kind, path, value in found:
        if not isinstance(value, str) or path in already:
            continue
        if kind == "fy":
            if value == NO_YEAR:
                problems.append(_no_year(path))
            continue
        problem = calendar_problem(value, path)
        if problem is not None:
            problems.append(problem)
    return problems
