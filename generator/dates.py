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

from collections.abc import Iterator
from functools import cache
from typing import Any

from generator.findings import JsonPath, Problem
from generator.loader import calendar_problem
from generator.validate import plan_schema

_DATE_REF = "#/$defs/date"
_FY_REF = "#/$defs/fy"
NO_YEAR = "FY0000"


def _calendar_fields(schema: dict[str, Any], node: Any, data: Any,
                     path: JsonPath) -> Iterator[tuple[str, JsonPath, Any]]:
    """("date" | "fy", path, value) for the dates, fiscal years and year keys in `data`."""
    if not isinstance(node, dict):
        return
    if node.get("$ref") in (_DATE_REF, _FY_REF):
        yield ("date" if node["$ref"] == _DATE_REF else "fy"), path, data
        return
    if isinstance(data, dict):
        properties = node.get("properties", {})
        extra = node.get("additionalProperties")
        year_keys = "FY" in str(node.get("propertyNames", {}).get("pattern", ""))
        for key, value in data.items():
            if year_keys:
                yield "fy", (*path, key), key
            child = properties.get(key, extra)
            yield from _calendar_fields(schema, child, value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _calendar_fields(schema, node.get("items"), value, (*path, index))


def _no_year(path: JsonPath) -> Problem:
    return Problem("schema", f"{NO_YEAR} is not a fiscal year: the calendar has no year 0 "
                             "(FY2027 is the year that ends in 2027)", path)


@cache
def _schema() -> dict[str, Any]:
    return plan_schema()


def impossible_dates(data: Any, already: set[JsonPath] | frozenset[JsonPath] = frozenset()
                     ) -> list[Problem]:
    """A `schema` problem for each date field holding a day the calendar lacks.

    Paths in `already` (reported by the loader) are skipped.
    """
    problems = []
    for kind, path, value in _calendar_fields(_schema(), _schema(), data, ()):
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
