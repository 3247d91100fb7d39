"""Schema validation of plan data, reported as `schema` problems that teach.

The common case, a valid plan, costs one call of a compiled validator
(jsonschema-rs, about 40x cheaper here than fastjsonschema and 60x cheaper
than jsonschema). Only a plan that fails it is validated again with
`jsonschema`, which lists every error with its path; each error becomes one
message an account manager can act on alone: the item named as the author
knows it (`opportunity opp-pilot-meters, amount`), the value quoted, and the
fix (the closest known key, the allowed values, plain digits for
`2,500,000`, YYYY-MM-DD for `27/11/2026`, quotes where YAML 1.1 reads text
as something else).

A plan that fails the schema is still judged by the standards: `SchemaCheck`
also carries the plan's data with every broken part neutralised (see
generator.partial) and the paths of those parts, so the rules run on what is
valid and stay silent where they cannot judge.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from generator import hints
from generator.findings import JsonPath, Problem
from generator.loader import LoadedDocument, Reading
from generator.naming import closest, describe, quote
from generator.partial import Repair, repair

if TYPE_CHECKING:  # jsonschema itself is imported only once a plan fails the schema
    import jsonschema
    from jsonschema.exceptions import ValidationError

RULE = "schema"


@cache
def plan_schema() -> dict[str, Any]:
    """The plan JSON Schema (draft 2020-12), as shipped in the package."""
    schema: dict[str, Any] = json.loads(plan_schema_text())
    return schema


def plan_schema_text() -> str:
    return resources.files("generator.schema").joinpath("plan.schema.json").read_text("utf-8")


@cache
def _fast_validator() -> Any:
    return jsonschema_rs.validator_for(plan_schema())


@cache
def _full_validator() -> jsonschema.Draft202012Validator:
    import jsonschema

    return jsonschema.Draft202012Validator(plan_schema())


def is_valid(data: Any) -> bool:
    return bool(_fast_validator().is_valid(data))


def schema_errors(schema: dict[str, Any], data: Any) -> list[Any]:
    """Every error (jsonschema.ValidationError) of `data` against a small schema.

    The compiled validator answers the common case, a valid file; `jsonschema`,
    which names each error and its path, is imported only for one that fails.
    """
    if jsonschema_rs.validator_for(schema).is_valid(data):
        return []
    import jsonschema

    return list(jsonschema.Draft202012Validator(schema).iter_errors(data))


def _non_finite(data: Any, path: JsonPath = ()) -> Iterator[JsonPath]:
    """Paths of .nan and .inf values (1.0e+400 reads as .inf): no field holds one.

    `x_` keys hold the organisation's own data, which the schema leaves free.
    """
    if isinstance(data, float) and not math.isfinite(data):
        yield path
    elif isinstance(data, dict):
        for key, value in data.items():
            if not (isinstance(key, str) and key.startswith("x_")):
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


@dataclass
class SchemaCheck:
    """The schema's verdict on one plan, and what the standards may still judge."""

    problems: list[Problem] = field(default_factory=list)
    #: the plan's data with every broken part neutralised (the data itself when valid)
    data: Any = None
    #: paths of the parts that were broken (see generator.partial)
    broken: frozenset[JsonPath] = frozenset()

    @property
    def valid(self) -> bool:
        return not self.problems


def validate_document(document: LoadedDocument) -> list[Problem]:
    """Schema problems of a loaded plan, plus YAML 1.1/1.2 readings that differ."""
    return check_schema(document).problems


def check_schema(document: LoadedDocument) -> SchemaCheck:
    """Validate a loaded plan; on failure also neutralise its broken parts."""
    data = document.data
    outcome = SchemaCheck(data=data)
    # The compiled validator refuses .nan and .inf wherever the schema types a
    # value, so a valid plan needs no walk for them (the common case stays cheap).
    if is_valid(data):
        outcome.problems = [_reading_problem(r, data) for r in document.readings]
        return outcome
    non_finite = list(_non_finite(data))
    errors = sorted(_full_validator().iter_errors(data),
                    key=lambda e: [str(p) for p in e.absolute_path])
    explained: dict[tuple[JsonPath, str], Problem] = {}
    for error in errors:
        for problem in _explain(error, document):
            # jsonschema reports `required` once per missing key, each error
            # naming all of them: one finding per missing key, not per error.
            explained.setdefault((problem.path, problem.message), problem)
    problems = list(explained.values())
    reported = {p.path for p in problems}
    problems += [_non_finite_problem(p, data) for p in non_finite if p not in reported]
    reported |= set(non_finite)
    problems += [_reading_problem(r, data) for r in document.readings
                 if r.path not in reported]
    fixed: Repair = repair(data, errors, non_finite, plan_schema())
    outcome.problems, outcome.data, outcome.broken = problems, fixed.data, fixed.broken
    return outcome


def _non_finite_problem(path: JsonPath, data: Any) -> Problem:
    return Problem(RULE, f"{describe(path, data)}: must be a finite number, not .nan or "
                         "infinity (1.0e+400 is too big to hold); write the amount in plain "
                         "digits", path)


def _reading_problem(reading: Reading, data: Any) -> Problem:
    where = describe(reading.path, data)
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

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
_PATTERN_HINTS = {
    DATE_PATTERN: "a date written YYYY-MM-DD, e.g. 2027-03-31",
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


@dataclass(frozen=True)
class _Error:
    """One jsonschema error, with what every explanation needs at hand."""

    error: ValidationError
    document: LoadedDocument
    path: JsonPath
    where: str

    @property
    def instance(self) -> Any:
        return self.error.instance

    @property
    def expected(self) -> Any:
        return self.error.validator_value

    @property
    def schema(self) -> dict[str, Any]:
        return self.error.schema if isinstance(self.error.schema, dict) else {}

    def problem(self, message: str, path: JsonPath | None = None) -> Problem:
        return Problem(RULE, message, self.path if path is None else path)


def _explain(error: ValidationError, document: LoadedDocument) -> Iterator[Problem]:
    """The problems one schema error stands for, each with its fix."""
    path: JsonPath = tuple(error.absolute_path)
    context = _Error(error, document, path, describe(path, document.data))
    explain = _EXPLAINERS.get(str(error.validator), _explain_other)
    yield from explain(context)


def _explain_required(e: _Error) -> Iterator[Problem]:
    missing = [name for name in e.expected
               if isinstance(e.instance, dict) and name not in e.instance]
    for name in missing:
        if e.path == ("plan",) and name == "last_reviewed":
            yield e.problem(_NEVER_REVIEWED, (*e.path, name))
            continue
        where = f"{e.where}: " if e.path else ""
        yield e.problem(f"{where}`{name}` is required but missing; add it", (*e.path, name))


#: an empty last_reviewed: the skeleton leaves it so until the first review
_NEVER_REVIEWED = ("plan.last_reviewed: the plan has never been reviewed; review it with "
                   "your sales manager, then write the date of that review (YYYY-MM-DD)")


def _explain_unknown_key(e: _Error) -> Iterator[Problem]:
    if not isinstance(e.instance, dict):
        return
    known = list(e.schema.get("properties", {}))
    for key in e.instance:
        if key in known or key.startswith("x_"):
            continue
        near = closest(key.replace("-", "_"), known)
        hint = (f"; did you mean `{near}`?" if near
                else f"; known keys: {', '.join(known)}")
        yield e.problem(f"{e.where}: unknown key `{key}`{hint} (keys of your own "
                        "start with x_)", (*e.path, key))


def _explain_key_name(e: _Error) -> Iterator[Problem]:
    key = str(e.instance)
    hint = _pattern_hint(str(e.expected.get("pattern", "")))
    yield e.problem(f"{e.where}: `{key}` is not a valid key here: expected {hint}")


def _explain_type(e: _Error) -> Iterator[Problem]:
    names = [e.expected] if isinstance(e.expected, str) else list(e.expected)
    wanted = " or ".join(_EXPECTED.get(n, n) for n in names)
    if e.instance is None:
        if e.path == ("plan", "last_reviewed"):
            yield e.problem(_NEVER_REVIEWED)
            return
        yield e.problem(f"{e.where}: is empty; expected {wanted}: fill it in")
        return
    hint = _quote_hint(e.document, e.path, e.instance) if "string" in names else ""
    if isinstance(e.instance, str) and {"number", "integer"} & set(names):
        hint = hints.amount_hint(e.instance)
    found = _type_name(e.instance)
    if isinstance(e.instance, str | int | float) and not isinstance(e.instance, bool):
        found += f" {quote(e.instance)}"
    yield e.problem(f"{e.where}: expected {wanted}, found {found}{hint}")


def _explain_enum(e: _Error) -> Iterator[Problem]:
    allowed = ", ".join(str(v) for v in e.expected)
    near = closest(str(e.instance), [str(v) for v in e.expected])
    hint = f"; did you mean `{near}`?" if near else ""
    hint += (_quote_hint(e.document, e.path, e.instance)
             if not isinstance(e.instance, str) else "")
    yield e.problem(f"{e.where}: {quote(e.instance)} is not allowed; use one of: "
                    f"{allowed}{hint}")


def _explain_const(e: _Error) -> Iterator[Problem]:
    yield e.problem(f"{e.where}: must be {e.expected!r}, found {quote(e.instance)}")


def _explain_pattern(e: _Error) -> Iterator[Problem]:
    expected = str(e.expected)
    tail = ""
    if expected == DATE_PATTERN and isinstance(e.instance, str):
        tail = hints.date_hint(e.instance)
    elif expected == DATE_PATTERN:
        tail = ""
    elif "a-z0-9" in expected and isinstance(e.instance, str):
        slug = "-".join("".join(c if c.isalnum() else " " for c in e.instance.lower()).split())
        tail = f"; for example {slug}" if slug else ""
    yield e.problem(f"{e.where}: {quote(e.instance)} is not {_pattern_hint(expected)}{tail}")


def _explain_empty(e: _Error) -> Iterator[Problem]:
    yield e.problem(f"{e.where}: is empty but required; fill it in")


def _explain_too_long(e: _Error) -> Iterator[Problem]:
    # The value is not repeated: it may be thousands of characters long.
    yield e.problem(f"{e.where}: is {len(str(e.instance))} characters long; at most "
                    f"{e.expected} fit here")


def _explain_too_few(e: _Error) -> Iterator[Problem]:
    entries = "entry" if e.expected == 1 else "entries"
    yield e.problem(f"{e.where}: needs at least {e.expected} {entries}; add one")


def _explain_range(e: _Error) -> Iterator[Problem]:
    if isinstance(e.instance, float) and not math.isfinite(e.instance):
        return  # .nan or .inf: reported once, as not a finite number
    low, high = e.schema.get("minimum"), e.schema.get("maximum")
    if low is not None and high is not None:
        allowed = f"between {low} and {high}"
    elif low is not None:
        allowed = f"at least {low}"
    else:
        allowed = f"at most {high}"
    hint = ""
    if high == 1 and isinstance(e.instance, int | float) and 1 < e.instance <= 100:
        hint = f"; write a share as a fraction: {e.instance / 100:g} for {e.instance}%"
    yield e.problem(f"{e.where}: {e.instance} is out of range; must be {allowed}{hint}")


def _explain_other(e: _Error) -> Iterator[Problem]:
    yield e.problem(f"{e.where}: {e.error.message}")


_EXPLAINERS: dict[str, Callable[[_Error], Iterator[Problem]]] = {
    "required": _explain_required,
    "additionalProperties": _explain_unknown_key,
    "propertyNames": _explain_key_name,
    "type": _explain_type,
    "enum": _explain_enum,
    "const": _explain_const,
    "pattern": _explain_pattern,
    "minLength": _explain_empty,
    "maxLength": _explain_too_long,
    "minItems": _explain_too_few,
    "minProperties": _explain_too_few,
    "minimum": _explain_range,
    "maximum": _explain_range,
    "exclusiveMinimum": _explain_range,
    "exclusiveMaximum": _explain_range,
}
