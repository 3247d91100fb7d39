"""file-name: the file is named `<account.id>.yaml` or `.yml`."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.parametrize("file", ["plans/jinghua-grid.yaml", "plans/jinghua-grid.yml",
                                  "elsewhere/deep/jinghua-grid.yaml"])
def test_file_named_after_the_account_passes(run_rule, example_data, file):
    assert run_rule("file-name", example_data, file=Path(file)) == []


@pytest.mark.parametrize("file", ["plans/jinghua.yaml", "plans/Jinghua-Grid.yaml",
                                  "plans/jinghua-grid.json", "plans/jinghua-grid.yaml.bak",
                                  "plans/jinghua-grid"])
def test_other_file_names_fail(run_rule, example_data, file):
    [problem] = run_rule("file-name", example_data, file=Path(file))
    assert problem.rule == "file-name"
    assert problem.path == ("account", "id")
    assert problem.item is None
    assert Path(file).name in problem.message
    assert "jinghua-grid." in problem.message


def test_message_suggests_the_name_to_use(run_rule, example_data):
    [problem] = run_rule("file-name", example_data, file=Path("plans/jinghua.yml"))
    assert "`jinghua-grid.yml`" in problem.message


def test_a_plan_without_a_file_is_not_checked(run_rule, example_data):
    assert run_rule("file-name", example_data, file=Path()) == []
