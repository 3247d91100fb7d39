"""manager-load: one owner may own at most accounts_per_manager.max plans."""

from __future__ import annotations

import copy

import pytest


def _plans(example_data, count, *, owner="Li Wei", email="li.wei@example.com"):
    plans = []
    for number in range(count):
        data = copy.deepcopy(example_data)
        data["account"]["id"] = f"account-{number}"
        data["plan"]["owner"] = owner
        data["team"][0] = {"name": owner, "role": "Account Manager"}
        if email is not None:
            data["team"][0]["email"] = email
        plans.append(data)
    return plans


@pytest.mark.parametrize(("count", "fires"), [(12, False), (13, True)])
def test_default_maximum_boundary(run_portfolio, example_data, count, fires):
    found = run_portfolio("manager-load", _plans(example_data, count))
    if not fires:
        assert found == []
        return
    assert [index for index, _ in found] == list(range(13))
    for _, problem in found:
        assert problem.rule == "manager-load"
        assert problem.path == ("plan", "owner")
        assert "Li Wei" in problem.message
        assert "13" in problem.message and "12" in problem.message


def test_only_the_overloaded_owners_plans_are_reported(run_portfolio, example_data):
    plans = (_plans(example_data, 2, owner="Chen Jing", email=None)
             + _plans(example_data, 3))
    found = run_portfolio("manager-load", plans, accounts_per_manager_max=2)
    assert [index for index, _ in found] == [2, 3, 4]


def test_the_email_identifies_the_owner_across_plans(run_portfolio, example_data):
    plans = (_plans(example_data, 2, owner="Li Wei", email="li.wei@example.com")
             + _plans(example_data, 1, owner="Wei Li", email="Li.Wei@Example.com"))
    found = run_portfolio("manager-load", plans, accounts_per_manager_max=2)
    assert [index for index, _ in found] == [0, 1, 2]


def test_without_email_the_name_identifies_the_owner(run_portfolio, example_data):
    plans = (_plans(example_data, 2, owner="Li Wei", email=None)
             + _plans(example_data, 1, owner="Wei Li", email=None))
    assert run_portfolio("manager-load", plans, accounts_per_manager_max=2) == []
