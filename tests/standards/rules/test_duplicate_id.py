"""duplicate-id: ids are unique per list, account ids unique across plans."""

from __future__ import annotations

import copy

import pytest

LISTS_WITH_IDS = ["customer_priorities", "conditions_of_satisfaction", "agreements",
                  "opportunities", "actions"]


def test_example_passes(run_rule, example_data):
    assert run_rule("duplicate-id", example_data) == []


@pytest.mark.parametrize("section", LISTS_WITH_IDS)
def test_a_repeated_id_is_reported_at_the_later_item(run_rule, example_data, section):
    items = example_data[section]
    repeat = copy.deepcopy(items[0])
    items.append(repeat)
    [problem] = run_rule("duplicate-id", example_data)
    assert problem.rule == "duplicate-id"
    assert problem.path == (section, len(items) - 1)
    assert problem.item == repeat["id"]
    assert f"`{repeat['id']}`" in problem.message


def test_every_repeat_after_the_first_is_reported(run_rule, example_data):
    actions = example_data["actions"]
    for action in actions:
        action["id"] = "act-same"
    problems = run_rule("duplicate-id", example_data)
    assert [(p.path, p.item) for p in problems] == [
        (("actions", 1), "act-same"), (("actions", 2), "act-same")]


def test_the_same_id_in_different_lists_is_allowed(run_rule, example_data):
    example_data["actions"][0]["id"] = "opp-ea-renewal"
    assert run_rule("duplicate-id", example_data) == []


def _with_account(data, account_id):
    copied = copy.deepcopy(data)
    copied["account"]["id"] = account_id
    return copied


def test_plans_with_distinct_account_ids_pass(run_portfolio, example_data):
    plans = [_with_account(example_data, name) for name in ("a", "b", "c")]
    assert run_portfolio("duplicate-id", plans) == []


def test_shared_account_id_is_reported_on_each_plan_after_the_first(run_portfolio,
                                                                      example_data):
    plans = [_with_account(example_data, name) for name in ("a", "b", "a", "a")]
    found = run_portfolio("duplicate-id", plans)
    assert [index for index, _ in found] == [2, 3]
    for _, problem in found:
        assert problem.rule == "duplicate-id"
        assert problem.path == ("account", "id")
        assert "`a`" in problem.message
