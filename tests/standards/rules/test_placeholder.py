"""placeholder: no skeleton text (TODO, TBD, FIXME, YYYY-MM-DD) is left in a plan."""

from __future__ import annotations

import pytest


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
