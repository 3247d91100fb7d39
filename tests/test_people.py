"""The people registry (people.yaml): loading, validation and its messages."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator.people import (
    PeopleError,
    PeopleRegistry,
    Person,
    load_people,
    registry_note,
    with_people,
)
from generator.standards.config import load_standards
from tests.support import AS_OF, FIXTURES, REPO

REGISTRY = FIXTURES / "people" / "people.yaml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "people.yaml"
    path.write_text(text, "utf-8")
    return path


def test_the_spec_registry_loads() -> None:
    registry = load_people(REGISTRY)
    li = registry.named("Li Wei")
    assert li is not None and li.github == "li-wei" and li.roles == {"account-manager"}
    assert not li.may_approve
    manager = registry.manager_of(li)
    assert manager is not None and manager.name == "Zhou Min" and manager.may_approve
    assert registry.with_email("CHEN.HAO@example.com") == registry.named("Chen Hao")
    assert [p.name for p in registry.standards_owners] == ["Sarah Klein"]
    assert registry.named("Santa Claus") is None
    assert registry.did_you_mean("Li Way") == "; did you mean `Li Wei`?"


PERSON = "  - {name: Ana Ruiz, email: ana@example.com, roles: [account-manager]}\n"


@pytest.mark.parametrize(("text", "line", "message"), [
    ("people: []\n", 1, "people: [] should be non-empty"),
    ("persons:\n" + PERSON, 1, "unknown key `persons`"),
    ("people:\n  - {name: Ana Ruiz, email: ana@example.com, roles: [cfo]}\n", 2,
     "people.0.roles.0: 'cfo' is not one of"),
    ("people:\n  - {name: Ana Ruiz, email: not-an-email, roles: [account-manager]}\n", 2,
     "people.0.email: 'not-an-email' does not match"),
    ("people:\n  - {name: Ana Ruiz, email: a@example.com, roles: [sales-manager],"
     " github: '@ana'}\n", 2, "people.0.github: '@ana' does not match"),
    ("people:\n" + PERSON + PERSON.replace("ana@", "ana2@"), 3,
     "name `Ana Ruiz` is already used by person 1 (Ana Ruiz)"),
    ("people:\n" + PERSON + PERSON.replace("Ana Ruiz", "Ana Ruíz").replace("ana@", "ANA@"),
     3, "email `ana@example.com` is already used by person 1"),
    ("people:\n  - {name: Ana Ruiz, email: a@example.com, roles: [account-manager],"
     " manager: Zhou Mn}\n", 2, "Ana Ruiz's manager `Zhou Mn` is not in the registry"),
    ("people:\n  - {name: Ana Ruiz, email: a@example.com, roles: [account-manager],"
     " manager: Ana Ruiz}\n", 2, "Ana Ruiz cannot be their own manager"),
    ("people:\n  - {name: Ana Ruiz, name: Ana, email: a@example.com, roles: [x]}\n", 2,
     "`name` appears twice"),
    ("people: [\n", 2, ""),
    ("- just a list\n", 1, "must be a mapping with a `people:` list"),
    ("people:\n  - {name: Ana Ruiz, emial: a@example.com, roles: [account-manager]}\n", 2,
     "unknown key `emial`; did you mean `email`?"),
    ("people:\n  - !!python/object:os.system {}\n", 2, "python"),
])
def test_a_bad_registry_is_a_configuration_error_with_a_line(
        tmp_path: Path, text: str, line: int, message: str) -> None:
    with pytest.raises(PeopleError) as raised:
        load_people(write(tmp_path, text))
    error = raised.value
    assert error.line == line, str(error)
    assert message in error.message, str(error)
    assert str(error).startswith(f"{tmp_path / 'people.yaml'}:{line}:")  # outside the cwd


def test_own_keys_are_allowed(tmp_path: Path) -> None:
    registry = load_people(write(tmp_path, "x_owner: sales ops\npeople:\n"
                                 "  - {name: Ana Ruiz, email: a@example.com, "
                                 "roles: [account-manager], x_region: EMEA}\n"))
    assert registry.named("Ana Ruiz") is not None


def test_without_a_registry_the_standards_carry_none_and_say_so(tmp_path: Path) -> None:
    standards = with_people(load_standards(None), tmp_path / "people.yaml")
    assert standards.people is None
    note = registry_note(standards)
    assert note is not None
    assert "unknown-person, review-authority, waiver-authority did not run" in note
    with_registry = with_people(load_standards(None), REGISTRY)
    assert with_registry.people is not None and registry_note(with_registry) is None


def test_no_note_when_every_people_rule_is_off(tmp_path: Path) -> None:
    standards_file = tmp_path / "standards.yaml"
    defaults = REPO / "generator" / "standards" / "defaults.yaml"
    standards_file.write_text(defaults.read_text("utf-8").replace(
        "rules: {}", "rules: {unknown-person: off, review-authority: off, "
                     "waiver-authority: off}"), "utf-8")
    assert registry_note(load_standards(standards_file)) is None


def test_the_result_cache_knows_the_registry(tmp_path: Path) -> None:
    # A cached outcome judged with one registry is never reused with another.
    from generator.cache import PlanCache

    plan, content = Path("plans/acme.yaml"), b"format: 1\n"
    defaults = load_standards(None)
    other = write(tmp_path, REGISTRY.read_text("utf-8").replace("Chen Hao", "Chen Hai"))
    keys = {PlanCache(tmp_path, standards, AS_OF).key(plan, content)
            for standards in (defaults, with_people(defaults, REGISTRY),
                              with_people(defaults, other))}
    assert len(keys) == 3


@pytest.mark.parametrize(("text", "needle"), [
    ("# only a comment\n", "the people registry is empty"),
    ("- a\n", "must be a mapping with a `people:` list"),
])
def test_an_empty_or_list_registry_is_named_as_a_registry_not_a_plan(
        tmp_path: Path, text: str, needle: str) -> None:
    # QA: the loader's words ("a plan is a mapping of sections") were shown for people.yaml.
    with pytest.raises(PeopleError) as raised:
        load_people(write(tmp_path, text))
    assert needle in str(raised.value)
    assert "a plan" not in str(raised.value)


def test_a_registry_made_from_another_suggests_from_its_own_people() -> None:
    # Suggestions are remembered per registry: one made by dataclasses.replace
    # from another (other people) must not answer from the first one's memory.
    first = PeopleRegistry.of((Person("Li Wei", "li.wei@example.com", frozenset()),))
    assert first.did_you_mean("Li Wie") == "; did you mean `Li Wei`?"
    people = (Person("Zhou Min", "zhou.min@example.com", frozenset()),)
    second = dataclasses.replace(first, people=people, _by_name={p.name: p for p in people})
    assert second.did_you_mean("Li Wie") == ""
