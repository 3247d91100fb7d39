"""Property tests for what reads an author's text: hints, names, slips, partial plans."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.checker import check_document
from generator.hints import amount_hint, date_hint, iso_date, plain_amount
from generator.loader import load_yaml_text
from generator.naming import closest, describe, quote
from generator.slips import read_past_slips
from generator.standards.config import load_standards
from tests.support import AS_OF, EXAMPLE, leaf_paths

_FAST = settings(max_examples=150, deadline=None)


@_FAST
@given(st.integers(min_value=1000, max_value=10**12))
def test_thousands_separators_give_the_plain_number(amount: int) -> None:
    assert plain_amount(f"{amount:,}") == str(amount)
    assert plain_amount(f"${amount:,}") == str(amount)


@_FAST
@given(st.text(max_size=40))
def test_hints_never_fail_on_any_text(text: str) -> None:
    assert "plain digits" in amount_hint(text)
    assert "YYYY-MM-DD" in date_hint(text)


@_FAST
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)))
def test_day_first_dates_give_the_iso_date(day: dt.date) -> None:
    written = iso_date(f"{day.day:02d}/{day.month:02d}/{day.year}")
    assert written is not None and day.isoformat() in written.split(" or ")


@_FAST
@given(st.text(max_size=30), st.sets(st.text(max_size=20), max_size=8))
def test_closest_is_one_of_the_known_names_or_none(name: str, known: set[str]) -> None:
    near = closest(name, known)
    assert near is None or near in known
    if name in known and name.strip():
        assert near is not None


@_FAST
@given(st.text(max_size=200))
def test_quotes_are_short(text: str) -> None:
    assert len(quote(text)) <= 42


_PATH_STEP = st.one_of(st.sampled_from(["stakeholders", "opportunities", "plan", "x"]),
                       st.integers(-2, 5))


@_FAST
@given(st.lists(_PATH_STEP, max_size=4))
def test_describe_never_fails(path: list) -> None:
    data = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    assert describe(tuple(path), data)


_VALUE = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                 max_size=30).filter(lambda v: v.strip() == v and "#" not in v)  # " #": a comment


@_FAST
@given(_VALUE, _VALUE)
def test_a_colon_in_a_value_is_read_as_the_author_meant(before: str, after: str) -> None:
    value = f"Goal{before}: {after}"
    text = f"account:\n  name: {value}\n  id: x\n"
    document = load_yaml_text(text, Path("x.yaml"))
    fixed, slips = read_past_slips(document)
    if document.data is not None:
        return  # YAML read it anyway (e.g. the value holds a quote or a comment)
    if slips and fixed.data is not None:
        assert fixed.data["account"]["name"] == value


@_FAST
@given(st.text(max_size=200))
def test_reading_past_slips_never_fails(text: str) -> None:
    document = load_yaml_text(text, Path("x.yaml"))
    read_past_slips(document)


_EXAMPLE_DATA = yaml.safe_load(EXAMPLE.read_text("utf-8"))


_JUNK = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**12),
                  st.text(max_size=12), st.floats(), st.just([]), st.just({"a": 1}),
                  st.sampled_from(["2,500,000", "$1.2M", "27/11/2026", "TODO", ""]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(leaf_paths(_EXAMPLE_DATA)), _JUNK),
                min_size=1, max_size=5))
def test_a_plan_broken_in_several_places_is_still_judged(edits: list) -> None:
    data = copy.deepcopy(_EXAMPLE_DATA)
    for path, junk in edits:
        node = data
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = junk
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    checked = check_document(load_yaml_text(text, Path(EXAMPLE.name)), load_standards(None),
                             AS_OF)
    messages = [located.problem.message for located in checked.located]
    assert not any("could not evaluate this rule" in m for m in messages), messages
    assert checked.plan is not None or checked.partial is not None
