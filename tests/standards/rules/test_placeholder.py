"""placeholder: no skeleton text (TODO, TBD, FIXME, YYYY-MM-DD) is left in a plan."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from generator.standards.rules.placeholder import _values


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
