"""The valid parts of a plan that fails the schema, so the standards can judge them.

An author should see everything wrong in one run, not the schema errors first
and the standards' findings after fixing them. So a plan that fails the
schema is repaired, in a copy, just enough to build the typed plan:

- an unknown key is dropped (a misspelt optional key, e.g. `bussiness_value`,
  counts as a broken `business_value`, so no rule reports it missing);
- a broken optional field is dropped;
- a broken or missing required field gets a neutral stand-in value
  (a list item keeps its place, so the positions of the others hold);
- a whole section of the wrong kind becomes an empty one.

Each repaired part's path is recorded as *broken*. The rules then run on the
repaired plan, and `silenced` drops what a rule said about, or because of, a
broken part (see `Rule.reads`): a rule that cannot judge says nothing rather
than guessing. The stand-in values never reach a page: a plan that fails the
schema is published as a failed plan, as before.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.findings import JsonPath, Problem
from generator.naming import closest

if TYPE_CHECKING:  # only a plan that fails the schema has errors to repair
    from jsonschema.exceptions import ValidationError

#: a read pattern: steps of a path, "[]" standing for any list position
ReadPattern = tuple[str, ...]


@dataclass(frozen=True)
class Repair:
    data: Any
    broken: frozenset[JsonPath]


# --- the schema at a path ------------------------------------------------------

def _resolve(schema: Any, root: dict[str, Any]) -> dict[str, Any]:
    while isinstance(schema, dict) and "$ref" in schema:
        target: Any = root
        for part in str(schema["$ref"]).lstrip("#/").split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema if isinstance(schema, dict) else {}


def schema_at(path: JsonPath, root: dict[str, Any]) -> dict[str, Any]:
    """The subschema that governs the value at `path` ({} when none does)."""
    schema = _resolve(root, root)
    for step in path:
        if isinstance(step, int):
            schema = _resolve(schema.get("items", {}), root)
        elif step in schema.get("properties", {}):
            schema = _resolve(schema["properties"][step], root)
        elif isinstance(schema.get("additionalProperties"), dict) and not step.startswith("x_"):
            schema = _resolve(schema["additionalProperties"], root)
        else:
            return {}
    return schema


_NEUTRAL_TEXT = {r"^\d{4}-\d{2}-\d{2}$": "2000-01-01", r"^FY\d{4}$": "FY2000",
                 r"^[a-z0-9][a-z0-9-]*$": "unknown", r"^[A-Z]{3}$": "XXX"}


def neutral(schema: dict[str, Any], root: dict[str, Any]) -> Any:
    """A stand-in value the schema accepts, for a part that is broken or missing."""
    schema = _resolve(schema, root)
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "string":
        return _NEUTRAL_TEXT.get(str(schema.get("pattern", "")), "-")
    if kind in ("number", "integer"):
        return schema.get("minimum", 0)
    if kind == "array":
        return []
    if kind == "boolean":
        return False
    if kind == "object":
        properties = schema.get("properties", {})
        return {name: neutral(properties.get(name, {}), root)
                for name in schema.get("required", [])}
    return None


# --- repairing -----------------------------------------------------------------

def _container(data: Any, path: JsonPath) -> Any:
    node = data
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _replace(data: Any, path: JsonPath, root: dict[str, Any]) -> None:
    """Drop the broken optional value at `path`, or put a stand-in in its place."""
    parent = _container(data, path[:-1])
    last = path[-1]
    if isinstance(parent, dict) and isinstance(last, str):
        required = schema_at(path[:-1], root).get("required", [])
        if last in required:
            parent[last] = neutral(schema_at(path, root), root)
        else:
            parent.pop(last, None)
    elif isinstance(parent, list) and isinstance(last, int) and 0 <= last < len(parent):
        parent[last] = neutral(schema_at(path, root), root)


@dataclass
class _Repairs:
    """One repair pass over a copy of the plan's data."""

    data: Any
    root: dict[str, Any]
    broken: set[JsonPath]

    def missing(self, path: JsonPath, mapping: dict[str, Any], required: list[str]) -> None:
        """A required key is absent: put a stand-in in its place."""
        properties = schema_at(path, self.root).get("properties", {})
        for name in required:
            if name not in mapping:
                mapping[name] = neutral(properties.get(name, {}), self.root)
                self.broken.add((*path, name))

    def unknown(self, path: JsonPath, mapping: dict[str, Any]) -> None:
        """Unknown keys go; the key each one probably meant counts as broken."""
        schema = schema_at(path, self.root)
        known = list(schema.get("properties", {}))
        for key in [k for k in mapping if k not in known and not k.startswith("x_")]:
            del mapping[key]
            near = closest(key.replace("-", "_"), known)
            self.broken.add((*path, near if near is not None else key))
            if near is None:
                continue
            if near in mapping:
                _replace(self.data, (*path, near), self.root)  # both given: neither trusted
            elif near in schema.get("required", []):
                mapping[near] = neutral(schema_at((*path, near), self.root), self.root)

    def bad_key(self, path: JsonPath, mapping: dict[str, Any], key: object) -> None:
        """A key that is not allowed here (e.g. `2027` for `FY2027`) goes."""
        mapping.pop(key, None)  # type: ignore[call-overload]
        self.broken.add(path)

    def value(self, path: JsonPath) -> None:
        """A value of the wrong kind: dropped when optional, else a stand-in."""
        if path:
            _replace(self.data, path, self.root)
            self.broken.add(path)

    def apply(self, error: ValidationError) -> None:
        path: JsonPath = tuple(error.absolute_path)
        keyword = str(error.validator)
        instance = _container(self.data, path)
        if not isinstance(instance, dict) or keyword not in _KEY_KEYWORDS:
            self.value(path)
        elif keyword == "required":
            self.missing(path, instance, list(error.validator_value or []))  # type: ignore[arg-type]
        elif keyword == "additionalProperties":
            self.unknown(path, instance)
        else:
            self.bad_key(path, instance, error.instance)


#: keywords whose errors are about a mapping's keys, not a value
_KEY_KEYWORDS = frozenset({"required", "additionalProperties", "propertyNames"})


def repair(data: Any, errors: Iterable[ValidationError], non_finite: Iterable[JsonPath],
           root: dict[str, Any]) -> Repair:
    """A copy of `data` with every broken part neutralised, and those parts' paths."""
    repairs = _Repairs(copy.deepcopy(data), root, set())
    # Deepest first: a stand-in for an item must not be undone by a later,
    # shallower repair, and a replaced section makes its items' errors moot.
    for error in sorted(errors, key=lambda e: -len(e.absolute_path)):
        repairs.apply(error)
    for path in non_finite:
        repairs.value(path)
    return Repair(repairs.data, frozenset(repairs.broken))


# --- what the rules may still say ------------------------------------------------

def _parse(pattern: str) -> ReadPattern:
    steps: list[str] = []
    for part in pattern.split("."):
        if part.endswith("[]"):
            steps += [part[:-2], "[]"]
        elif part:
            steps.append(part)
    return tuple(steps)


def _related(path: JsonPath, pattern: Sequence[str | int]) -> bool:
    """True when one is a prefix of the other ("[]" matching any position)."""
    for step, want in zip(path, pattern, strict=False):
        if want == "[]":
            if not isinstance(step, int):
                return False
        elif step != want:
            return False
    return True


def _relevant(broken: frozenset[JsonPath], reads: tuple[str, ...]) -> list[JsonPath]:
    patterns = [_parse(r) for r in reads] or [()]
    return [path for path in broken if any(_related(path, p) for p in patterns)]


def reads_broken(broken: frozenset[JsonPath], reads: tuple[str, ...]) -> bool:
    """True when a rule reading `reads` looks at some broken part."""
    return bool(_relevant(broken, reads))


def silenced(problem: Problem, broken: frozenset[JsonPath], reads: tuple[str, ...],
             per_item: bool) -> bool:
    """True when a rule's problem may rest on a broken part, so it is not reported.

    `reads` are the parts the rule looks at ("opportunities[].stage"; none
    given: everything). A rule that judges each item on its own (`per_item`)
    keeps what it says about items untouched by the broken parts it reads; any
    other rule says nothing while a part it reads is broken.
    """
    relevant = _relevant(broken, reads)
    if not relevant:
        return False
    if not per_item:
        return True
    return any(_related(problem.path, path) for path in relevant) or not problem.path
