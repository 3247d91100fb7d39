"""placeholder: no skeleton text (TODO, TBD, FIXME, YYYY-MM-DD) is left in a plan."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.loader import load_yaml_text
from generator.model import build_plan
from generator.standards.config import load_standards
from generator.standards.registry import RuleContext
from generator.standards.rules.placeholder import _values, check
from tests.support import EXAMPLE

_EXAMPLE: dict[str, Any] = load_yaml_text(EXAMPLE.read_text("utf-8"), EXAMPLE).data


def test_example_passes(run_rule, example_data):
    assert run_rule("placeholder", example_data) == []


@pytest.mark.parametrize("text", ["TODO customer name", "TBD", "Acme FIXME", "due YYYY-MM-DD"])
def test_placeholder_text_fails_at_the_value(run_rule, example_data, text):
    example_data["account"]["name"] = text
    [problem] = run_rule("placeholder", example_data)
    assert problem.path == ("account", "name")
    assert f'"{text}"' in problem.message and "replace it with the real value" in problem.message


def test_list_items_are_named_as_the_author_knows_them(run_rule, example_data):
    example_data["stakeholders"][0]["title"] = "TODO title"
    name = example_data["stakeholders"][0]["name"]
    [problem] = run_rule("placeholder", example_data)
    assert problem.path == ("stakeholders", 0, "title")
    assert problem.message.startswith(f'stakeholder "{name}", title: ')


def test_own_keys_are_checked_too(run_rule, example_data):
    example_data["account"]["x_crm_id"] = "TODO"
    [problem] = run_rule("placeholder", example_data)
    assert problem.path == ("account", "x_crm_id")


def test_words_that_merely_contain_the_letters_pass(run_rule, example_data):
    example_data["account"]["name"] = "Todometer Ltd. (TODOS)"
    assert run_rule("placeholder", example_data) == []


def _set(data: Any, path: tuple[str | int, ...], value: str) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def test_a_placeholder_in_any_text_of_the_plan_is_found(run_rule, example_data, make_plan):
    # The rule first searches all texts at once and walks paths only when one
    # matches: a placeholder in any text it knows must still be found, at its path.
    example_data["account"]["x_crm"] = "CRM-1"
    example_data["opportunities"][0]["x_stage_note"] = "late"
    paths = [path for path, _text in _values(make_plan(example_data), ())]
    assert ("account", "x_crm") in paths and ("engagements", 0, "with", 0) in paths
    for path in paths:
        data = copy.deepcopy(example_data)
        _set(data, path, "TBD")
        assert [p.path for p in run_rule("placeholder", data)] == [path], path


_PLACEHOLDER_TEXTS = st.one_of(
    st.sampled_from(["TODO", "TBD", "fix TODO now", "due YYYY-MM-DD", "FIXME:", "T O D O",
                     "TODOS", "tbd", "a\nTODO", "TO\nDO", "名字 TBD", "\tFIXME\t"]),
    st.text(alphabet="TODOBFIXMEY- \n\t'\"\\", max_size=12))


@settings(max_examples=60)
@given(index=st.integers(min_value=0), value=_PLACEHOLDER_TEXTS,
       style=st.sampled_from([None, '"', "'", "|", ">"]), width=st.sampled_from([8, 80]))
def test_the_plan_text_says_what_the_walk_would_find(index: int, value: str, style: str | None,
                                                     width: int) -> None:
    # With the YAML text at hand the rule skips a plan whose text holds none of
    # the words (nor an escape): whatever the quoting, escaping or line folding,
    # it must find exactly what walking the plan finds.
    data = copy.deepcopy(_EXAMPLE)
    paths = [path for path, _text in _values(build_plan(data), ())]
    _set(data, paths[index % len(paths)], value)
    text = yaml.safe_dump(data, default_style=style, width=width, allow_unicode=style is None)
    loaded = load_yaml_text(text, Path("p.yaml")).data
    assert loaded == data
    context = RuleContext(load_standards(None), dt.date(2026, 11, 27))
    walked = list(check(build_plan(loaded), context))
    assert list(check(build_plan(loaded), dataclasses.replace(context, text=text))) == walked


@pytest.mark.parametrize("written", ['"TO\\\n    DO customer"', '"\\x54BD"', '"T\\u004FDO"'])
def test_a_placeholder_spelt_by_escapes_is_found_with_the_text_at_hand(written: str) -> None:
    text = EXAMPLE.read_text("utf-8").replace("name: Jinghua Power Grid Co., Ltd.",
                                              f"name: {written}", 1)
    assert "name: Jinghua Power Grid" not in text
    context = RuleContext(load_standards(None), dt.date(2026, 11, 27), text=text)
    [problem] = check(build_plan(load_yaml_text(text, Path("p.yaml")).data), context)
    assert problem.path == ("account", "name")
