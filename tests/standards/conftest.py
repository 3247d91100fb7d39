"""Fixtures for rule tests: the spec's example plan as data, plans and contexts.

Rules are looked up by id from their own module (`generator.standards.rules.<id>`),
so a rule's tests do not depend on every other rule module importing cleanly.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import importlib
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from generator.findings import Problem
from generator.loader import load_yaml_file
from generator.model import Plan, build_plan
from generator.standards.config import load_standards
from generator.standards.registry import Rule, RuleContext

EXAMPLE = Path(__file__).parent.parent / "fixtures" / "example-plan" / "jinghua-grid.yaml"
AS_OF = dt.date(2026, 11, 27)
PLAN_FILE = Path("plans/jinghua-grid.yaml")

Data = dict[str, Any]
MakeContext = Callable[..., RuleContext]
RunRule = Callable[..., list[Problem]]
RunPortfolio = Callable[..., list[tuple[int, Problem]]]


@cache
def _example() -> Data:
    document = load_yaml_file(EXAMPLE)
    assert not document.problems, document.problems
    data: Data = document.data
    return data


def rule_by_id(rule_id: str) -> Rule:
    """The `RULE` of the module named after `rule_id`."""
    module = importlib.import_module(
        f"generator.standards.rules.{rule_id.replace('-', '_')}")
    rule = module.RULE
    assert isinstance(rule, Rule)
    return rule


@pytest.fixture
def example_data() -> Data:
    """A fresh, freely editable copy of the example plan as loaded (dates as ISO text)."""
    return copy.deepcopy(_example())


@pytest.fixture
def make_plan() -> Callable[[Mapping[str, Any]], Plan]:
    return build_plan


@pytest.fixture
def ctx() -> MakeContext:
    """`ctx(as_of=..., file=..., **standards_overrides)` → a RuleContext."""

    def make(*, as_of: dt.date = AS_OF, file: Path = PLAN_FILE,
             **overrides: Any) -> RuleContext:
        standards = dataclasses.replace(load_standards(None), **overrides)
        return RuleContext(standards, as_of=as_of, file=file)

    return make


@pytest.fixture
def run_rule(ctx: MakeContext) -> RunRule:
    """`run_rule(rule_id, data, **ctx_kwargs)` → that rule's problems for one plan."""

    def run(rule_id: str, data: Mapping[str, Any], **ctx_kwargs: Any) -> list[Problem]:
        rule = rule_by_id(rule_id)
        assert rule.check is not None
        return list(rule.check(build_plan(data), ctx(**ctx_kwargs)))

    return run


@pytest.fixture
def run_portfolio(ctx: MakeContext) -> RunPortfolio:
    """`run_portfolio(rule_id, [data, ...], **ctx_kwargs)` → (plan index, problem) pairs."""

    def run(rule_id: str, datas: Sequence[Mapping[str, Any]],
            **ctx_kwargs: Any) -> list[tuple[int, Problem]]:
        rule = rule_by_id(rule_id)
        assert rule.check_portfolio is not None
        plans = [build_plan(data) for data in datas]
        return list(rule.check_portfolio(plans, ctx(file=Path(), **ctx_kwargs)))

    return run
