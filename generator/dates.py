"""Dates the schema's pattern accepts but the calendar does not.

JSON Schema checks that a date is written YYYY-MM-DD; it cannot tell that
2027-02-29 or 0000-01-01 is no day at all. The loader reports such a value
when it is written plainly (a YAML timestamp); this module finds the ones
written in quotes in the fields the schema declares as dates, so that no
impossible date ever reaches the plan model.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from generator.findings import JsonPath, Problem
from generator.loader import calendar_problem
from generator.validate import plan_schema

_DATE_REF = "#/$defs/date"


def _date_fields(schema: dict[str, Any], node: Any, data: Any,
                 path: JsonPath) -> Iterator[tuple[JsonPath, Any]]:
    if not isinstance(node, dict):
        return
    if node.get("$ref") == _DATE_REF:
        yield path, data
        return
    if isinstance(data, dict):
        properties = node.get("properties", {})
        extra = node.get("additionalProperties")
        for key, value in data.items():
            child = properties.get(key, extra)
            yield from _date_fields(schema, child, value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _date_fields(schema, node.get("items"), value, (*path, index))


@cache
def _schema() -> dict[str, Any]:
    return plan_schema()


def impossible_dates(data: Any, already: set[JsonPath] | frozenset[JsonPath] = frozenset()
                     ) -> list[Problem]:
    """A `schema` problem for each date field holding a day the calendar lacks.

    Paths in `already` (reported by the loader) are skipped.
    """
    problems = []
    for path, value in _date_fields(_schema(), _schema(), data, ()):
        if isinstance(value, str) and path not in already:
            problem = calendar_problem(value, path)
            if problem is not None:
                problems.append(problem)
    return problems
