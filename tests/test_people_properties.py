"""Property tests: whatever people.yaml holds, loading it gives a registry or a
PeopleError with a line and column, never another exception or a hang."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.people import PeopleError, load_people

ROLES = ["account-manager", "sales-manager", "standards-owner", "technology-specialist",
         "partner-account-manager", "cfo", ""]
TEXT = st.text(max_size=12)
SCALAR = st.one_of(TEXT, st.integers(), st.booleans(), st.none(), st.floats())
PERSON = st.dictionaries(
    st.sampled_from(["name", "email", "github", "roles", "manager", "x_note", "nmae"]),
    st.one_of(SCALAR, st.lists(st.one_of(st.sampled_from(ROLES), SCALAR), max_size=3)),
    max_size=6)
REGISTRY = st.one_of(
    st.fixed_dictionaries({"people": st.lists(PERSON, max_size=5)}),
    st.dictionaries(TEXT, st.one_of(SCALAR, st.lists(PERSON, max_size=2)), max_size=3),
    st.lists(SCALAR, max_size=3), SCALAR)


def load_text(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "people.yaml")
        path.write_text(text, "utf-8")
        try:
            registry = load_people(path)
        except PeopleError as error:
            assert error.line >= 1 and error.column >= 1
            assert error.message
        else:
            assert registry.people  # a registry that loads has at least one person
            for person in registry.people:
                assert registry.named(person.name) is person
                if person.manager is not None:
                    assert registry.named(person.manager) is not None


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(REGISTRY)
def test_any_structure_loads_or_is_a_located_error(data: object) -> None:
    load_text(yaml.safe_dump(data, allow_unicode=True))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_loads_or_is_a_located_error(text: str) -> None:
    load_text(text)
