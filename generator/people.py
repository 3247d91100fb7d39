"""The people registry (`people.yaml`): who owns, reviews and approves plans.

Optional, beside `standards.yaml` at the repository root and owned like it by
the standards owners. Each person has a `name` (exactly as plans write it),
an `email`, an optional GitHub handle, one or more roles and an optional
manager. When the registry exists, the rules `unknown-person`,
`review-authority` and `waiver-authority` check the plans against it, and
`planbook codeowners` writes `.github/CODEOWNERS` from it.

The file is read with the same strict loader as plans and validated against
`generator/schema/people.schema.json`; a registry that cannot be used is a
configuration error (exit 2) naming its file, line and column, like a bad
`standards.yaml`. The registry travels with the standards it was loaded
with (`Standards.people`), so every rule, cache key and command sees the same
one.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode

from generator import naming, repository
from generator.findings import JsonPath
from generator.standards.config import Standards, StandardsError

PEOPLE_FILE = repository.PEOPLE_FILE
#: roles whose holders may approve waivers and sign off plan reviews
APPROVING_ROLES = frozenset({"sales-manager", "standards-owner"})
STANDARDS_OWNER = "standards-owner"
#: the rules that need the registry, in the spec's order
PEOPLE_RULES = ("unknown-person", "review-authority", "waiver-authority")


class PeopleError(StandardsError):
    """A people registry that cannot be used (exit 2); str() is the message."""


@dataclass(frozen=True)
class Person:
    """One person in the registry."""

    name: str
    email: str
    roles: frozenset[str]
    github: str | None = None
    manager: str | None = None

    @property
    def may_approve(self) -> bool:
        """True when the person's role may approve waivers and sign off reviews."""
        return bool(self.roles & APPROVING_ROLES)

    @property
    def roles_text(self) -> str:
        return ", ".join(sorted(self.roles))


@dataclass(frozen=True)
class PeopleRegistry:
    """Every person, by name and by email."""

    people: tuple[Person, ...]
    #: how findings name the registry
    source: str = PEOPLE_FILE
    #: the file's text, hashed into cache keys
    fingerprint: str = ""
    _by_name: Mapping[str, Person] = field(default_factory=dict, compare=False, repr=False)
    _by_email: Mapping[str, Person] = field(default_factory=dict, compare=False, repr=False)
    #: suggestions already worked out: every plan of a portfolio names the same few people
    _suggested: dict[str, str] = field(default_factory=dict, init=False, compare=False,
                                       repr=False)

    @classmethod
    def of(cls, people: tuple[Person, ...], source: str = PEOPLE_FILE,
           fingerprint: str = "") -> PeopleRegistry:
        return cls(people, source, fingerprint, {p.name: p for p in people},
                   {p.email.lower(): p for p in people})

    def named(self, name: str) -> Person | None:
        return self._by_name.get(name)

    def with_email(self, email: str) -> Person | None:
        return self._by_email.get(email.lower())

    def manager_of(self, person: Person) -> Person | None:
        return self.named(person.manager) if person.manager else None

    @property
    def standards_owners(self) -> tuple[Person, ...]:
        return tuple(p for p in self.people if STANDARDS_OWNER in p.roles)

    def did_you_mean(self, name: str) -> str:
        """"; did you mean `X`?" for a name close to a registered one, else ""."""
        suggestion = self._suggested.get(name)
        if suggestion is None:
            suggestion = self._suggested[name] = naming.did_you_mean(name, self._by_name)
        return suggestion


@cache
def people_schema() -> dict[str, Any]:
    text = resources.files("generator.schema").joinpath("people.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def load_people(path: Path) -> PeopleRegistry:
    """Load and validate a registry; PeopleError when it cannot be used."""
    from generator.checker import shown_path
    from generator.loader import load_yaml_file
    from generator.validate import schema_errors

    shown = shown_path(path)
    if not path.is_file():
        raise PeopleError(shown, 1, 1, "people registry not found")
    document = load_yaml_file(path)
    data = document.data
    if document.problems and document.problems[0].message.startswith("the file is empty"):
        raise PeopleError(shown, 1, 1, "the people registry is empty: it must be a mapping "
                                       "with a `people:` list")
    if document.root is not None and not isinstance(document.root, MappingNode):
        raise PeopleError(shown, 1, 1, "the people registry must be a mapping with a "
                                       "`people:` list")
    if document.problems:
        first = document.problems[0]
        line, column = document.position_of(first)
        raise PeopleError(shown, line, column, first.message)

    def fail(where: JsonPath, message: str) -> PeopleError:
        line, column = document.locate(where)
        return PeopleError(shown, line, column, message)

    if not isinstance(data, dict):
        raise fail((), "the people registry must be a mapping with a `people:` list")
    errors = sorted(schema_errors(people_schema(), data),
                    # an unknown key first: it usually explains the missing one
                    key=lambda e: ([str(p) for p in e.absolute_path],
                                   e.validator != "additionalProperties"))
    if errors:
        error = errors[0]
        where = tuple(error.absolute_path)
        message = error.message
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = list(error.schema.get("properties", {}))
            extra = [k for k in error.instance if k not in known and not str(k).startswith("x_")]
            if extra:
                where = (*where, extra[0])
                close = difflib.get_close_matches(str(extra[0]), known, n=1)
                raise fail(where, f"unknown key `{extra[0]}`" + (
                    f"; did you mean `{close[0]}`?" if close else ""))
        shown_where = ".".join(str(p) for p in where) or "people.yaml"
        raise fail(where, f"{shown_where}: {message}")

    people = tuple(
        Person(name=entry["name"], email=entry["email"], roles=frozenset(entry["roles"]),
               github=entry.get("github"), manager=entry.get("manager"))
        for entry in data["people"])
    _check_unique(people, fail)
    registry = PeopleRegistry.of(people, PEOPLE_FILE, document.text)
    for index, person in enumerate(people):
        if person.manager is None:
            continue
        if person.manager == person.name:
            raise fail(("people", index, "manager"), f"{person.name} cannot be their own manager")
        if registry.named(person.manager) is None:
            raise fail(("people", index, "manager"),
                       f"{person.name}'s manager `{person.manager}` is not in the registry: "
                       f"add them, or correct the name{registry.did_you_mean(person.manager)}")
    return registry


def _check_unique(people: tuple[Person, ...],
                  fail: Callable[[JsonPath, str], PeopleError]) -> None:
    for what in ("name", "email", "github"):
        seen: dict[str, int] = {}
        for index, person in enumerate(people):
            value = str(getattr(person, what) or "")
            value = value if what == "name" else value.lower()
            if not value:
                continue
            if value in seen:
                raise fail(("people", index, what),
                           f"{what} `{value}` is already used by person {seen[value] + 1} "
                           f"({people[seen[value]].name}): each person is listed once")
            seen[value] = index


def with_people(standards: Standards, path: Path | None) -> Standards:
    """The standards with the registry at `path` attached (none when no such file)."""
    if path is None or not path.is_file():
        return standards
    return dataclasses.replace(standards, people=load_people(path))


def registry_note(standards: Standards) -> str | None:
    """What `planbook check` says once when the people rules could not run."""
    if standards.people is not None:
        return None
    from generator.findings import Severity
    from generator.standards.registry import rules_by_id

    rules = rules_by_id()
    enabled = [r for r in PEOPLE_RULES if r in rules
               and standards.severity_of(r, rules[r].default_severity) is not Severity.OFF]
    if not enabled:
        return None
    return (f"no {PEOPLE_FILE} at the repository root: the rules "
            f"{', '.join(enabled)} did not run (see docs/format.md, People registry)")
