"""hq-collaboration: a subsidiary names the HQ's global account manager."""

from __future__ import annotations

import pytest


def test_example_passes(run_rule, example_data):
    assert run_rule("hq-collaboration", example_data) == []


@pytest.mark.parametrize("missing", [None, ""])
def test_parent_without_global_account_manager_fails(run_rule, example_data, missing):
    parent = example_data["account"]["parent"]
    if missing is None:
        del parent["global_account_manager"]
    else:
        parent["global_account_manager"] = missing
    [problem] = run_rule("hq-collaboration", example_data)
    assert problem.rule == "hq-collaboration"
    assert problem.path == ("account", "parent")
    assert problem.item is None
    assert "Jinghua Energy Group" in problem.message


def test_an_account_without_parent_passes(run_rule, example_data):
    del example_data["account"]["parent"]
    assert run_rule("hq-collaboration", example_data) == []
