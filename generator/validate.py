"""Schema validation of plan data, reported as `schema` problems with paths.

The common case, a valid plan, costs one call of a compiled validator
(jsonschema-rs, about 40x cheaper here than fastjsonschema and 60x cheaper
than jsonschema). Only a plan that fails it is validated again with
`jsonschema`, which lists every error with its path; those errors become
messages an account manager can act on: the unknown key with the closest known
one, the allowed values, the quoting that YAML 1.1 needs.
"""

from __future__ import annotations

import difflib
import json
import math
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
import jsonschema_rs
from jsonschema.exceptions import ValidationError

from generator.findings import JsonPath, Problem
from generator.loader import LoadedDocument, Reading

RULE = "schema"


@cache
def plan_schema() -> dict[str, Any]:
    """The plan JSON Schema (draft 2020-12), as shipped in the package."""
    text = resources.files("generator.schema").joinpath("plan.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def plan_schema_text() -> str:
    return resources.files("generator.schema").joinpath("plan.schema.json").read_text("utf-8")


@cache
def _fast_validator() -> Any:
    return jsonschema_rs.validator_for(plan_schema())


@cache
def _full_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(plan_schema())


def is_valid(data: Any) -> bool:
    return bool(_fast_validator().is_valid(data))


def _non_finite(data: Any, path: JsonPath = ()) -> Iterator[JsonPath]:
    """Paths of .nan and .inf values, which no plan field can hold."""
    if isinstance(data, float) and not math.isfinite(data):
        yield path
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _non_finite(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _non_finite(value, (*path, index))


def show_path(path: JsonPath) -> str:
    """`opportunities[2].close` for ("opportunities", 2, "close")."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text or "the plan"


def validate_document(document: LoadedDocument) -> list[Problem]:
    """Schema problems of a loaded plan, plus YAML 1.1/1.2 readings that differ."""
    data = document.data
    problems: list[Problem] = []
    if not is_valid(data):
        errors = sorted(_full_validator().iter_errors(data),
                        key=lambda e: [str(p) for p in e.absolute_path])
        for error in errors:
            problems.extend(_explain(error, document))
        if not problems:
            problems = [Problem(RULE, f"{show_path(p)}: must be a finite number", p)
                        for p in _non_finite(data)]
    reported = {p.path for p in problems}
    for reading in document.readings:
        if reading.path not in reported:
            problems.append(_reading_problem(reading))
    return problems


def _reading_problem(reading: Reading) -> Problem:
    where = show_path(reading.path)
    if isinstance(reading.yaml11, bool):
        return Problem(RULE, (
            f"{where}: `{reading.text}` is read as {str(reading.yaml11).lower()} by some "
            f"YAML readers and as text by others; write it in quotes (\"{reading.text}\") "
            "for text, or true/false for yes/no"), reading.path)
    return Problem(RULE, (
        f"{where}: `{reading.text}` is read as {reading.yaml11!r} by some YAML readers and "
        "differently by others; write plain digits without separators or leading zeros "
        f"(for example {reading.yaml11!r}), or quote it if it is text"), reading.path)


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "empty"
    return type(value).__name__


_EXPECTED = {
    "string": "text", "number": "a number", "integer": "a whole number",
    "array": "a list", "object": "a mapping (key: value lines)", "boolean": "true or false",
}

_PATTERN_HINTS = {
    r"^\d{4}-\d{2}-\d{2}$": "a date written YYYY-MM-DD, e.g. 2027-03-31",
    r"^FY\d{4}$": "a fiscal year: FY and four digits, e.g. FY2027",
    r"^[a-z0-9][a-z0-9-]*$": "an id: lower-case letters, digits and hyphens, e.g. opp-renewal",
    r"^[A-Z]{3}$": "a three-letter ISO 4217 currency code, e.g. USD",
}


def _pattern_hint(pattern: str) -> str:
    for known, hint in _PATTERN_HINTS.items():
        if known in pattern or pattern in known:
            return hint
    if "FY" in pattern:
        return _PATTERN_HINTS[r"^FY\d{4}$"]
    return f"text matching {pattern}"


def _quote_hint(document: LoadedDocument, path: JsonPath, value: Any) -> str:
    node = document.node_at(path)
    text = getattr(node, "value", None)
    if isinstance(text, str) and not getattr(node, "style", None):
        return f"; YAML reads `{text}` as {_type_name(value)}: write it in quotes (\"{text}\")"
    return ""


def _explain(error: ValidationError, document: LoadedDocument) -> Iterator[Problem]:
    path: JsonPath = tuple(error.absolute_path)
    where = show_path(path)
    keyword = error.validator
    instance = error.instance
    expected: Any = error.validator_value
    schema = error.schema if isinstance(error.schema, dict) else {}
    if keyword == "required":
        missing = [name for name in expected
                   if isinstance(instance, dict) and name not in instance]
        for name in missing:
            yield Problem(RULE, f"{where}: `{name}` is required but missing", (*path, name))
    elif keyword == "additionalProperties" and isinstance(instance, dict):
        known = list(schema.get("properties", {}))
        for key in instance:
            if key in known or key.startswith("x_"):
                continue
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.5)
            hint = (f"; did you mean `{close[0]}`?" if close
                    else f"; known keys: {', '.join(known)}")
            yield Problem(RULE, f"{where}: unknown key `{key}`{hint} (keys of your own "
                                "start with x_)", (*path, key))
    elif keyword == "propertyNames":
        key = str(instance)
        hint = _pattern_hint(str(expected.get("pattern", "")))
        yield Problem(RULE, f"{where}: `{key}` is not a valid key here: expected {hint}",
                      path)
    elif keyword == "type":
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = " or ".join(_EXPECTED.get(n, n) for n in names)
        hint = _quote_hint(document, path, instance) if "string" in names else ""
        if instance is None:
            yield Problem(RULE, f"{where}: is empty; expected {wanted}", path)
        else:
            yield Problem(RULE, f"{where}: expected {wanted}, found "
                                f"{_type_name(instance)}{hint}", path)
    elif keyword == "enum":
        allowed = ", ".join(str(v) for v in expected)
        close = difflib.get_close_matches(str(instance), [str(v) for v in
                                                           expected], n=1)
        hint = f"; did you mean `{close[0]}`?" if close else ""
        hint += _quote_hint(document, path, instance) if not isinstance(instance, str) else ""
        yield Problem(RULE, f"{where}: `{instance}` is not allowed; use one of: "
                            f"{allowed}{hint}", path)
    elif keyword == "const":
        yield Problem(RULE, f"{where}: must be {expected!r}", path)
    elif keyword == "pattern":
        hint = _pattern_hint(str(expected))
        yield Problem(RULE, f"{where}: `{instance}` is not {hint}", path)
    elif keyword == "minLength":
        yield Problem(RULE, f"{where}: is empty but required", path)
    elif keyword in ("minItems", "minProperties"):
        yield Problem(RULE, f"{where}: needs at least {expected} "
                            f"{'entry' if expected == 1 else 'entries'}", path)
    elif keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        low, high = schema.get("minimum"), schema.get("maximum")
        if low is not None and high is not None:
            rng = f"between {low} and {high}"
        elif low is not None:
            rng = f"at least {low}"
        else:
            rng = f"at most {high}"
        yield Problem(RULE, f"{where}: {instance} is out of range; must be {rng}", path)
    else:
        yield Problem(RULE, f"{where}: {error.message}", path)
