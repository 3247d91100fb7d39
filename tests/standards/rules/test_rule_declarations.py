"""Each rule module written here matches the spec, documents itself, passes the example.

The module docstring is published as the rule's documentation, so it must carry a
passing and a failing YAML example that are valid YAML.
"""

from __future__ import annotations

import dataclasses
import importlib
import re

import pytest
import yaml

from generator.findings import Severity
from generator.standards.config import Standards

E, W = Severity.ERROR, Severity.WARNING

# (rule id, default severity, structural) in the spec's table order.
STRUCTURAL = [("file-name", E), ("duplicate-id", E), ("date-order", E), ("reference", E)]
QUALITY = [
    ("cos-reciprocal", E), ("cos-measurable", E), ("cos-agreed", W), ("plan-current", E),
    ("next-review", W), ("plan-year", W), ("ltp-minimum", E), ("ar-growth", E),
    ("pipeline-coverage", W), ("ea-renewal", E), ("business-value", E),
    ("key-win-partners", W), ("satisfaction-trend", W), ("deployment", W),
    ("exec-relationships", E), ("stakeholder-contact", W), ("close-date", E),
    ("sales-cycle", W), ("action-overdue", W), ("hq-collaboration", E), ("competition", W),
    ("manager-load", W),
]
ALL = [(rule_id, severity, True) for rule_id, severity in STRUCTURAL] + [
    (rule_id, severity, False) for rule_id, severity in QUALITY]
IDS = [rule_id for rule_id, _, _ in ALL]
_YAML_FENCE = re.compile(r"```yaml\n(.*?)```", re.DOTALL)


def _module(rule_id):
    return importlib.import_module(f"generator.standards.rules.{rule_id.replace('-', '_')}")


@pytest.mark.parametrize(("rule_id", "severity", "structural"), ALL, ids=IDS)
def test_module_declares_the_spec_rule(rule_id, severity, structural):
    rule = _module(rule_id).RULE
    assert rule.id == rule_id
    assert rule.default_severity is severity
    assert rule.structural is structural
    assert rule.waivable is not structural
    assert rule.check is not None or rule.check_portfolio is not None
    assert rule.summary


@pytest.mark.parametrize("rule_id", IDS)
def test_docstring_has_a_passing_and_a_failing_yaml_example(rule_id):
    doc = _module(rule_id).__doc__ or ""
    assert "Passes" in doc and "Fails" in doc
    fragments = _YAML_FENCE.findall(doc)
    assert len(fragments) >= 2
    for fragment in fragments:
        assert isinstance(yaml.safe_load(fragment), dict)


@pytest.mark.parametrize("rule_id", IDS)
def test_thresholds_name_standards_fields(rule_id):
    fields = {field.name for field in dataclasses.fields(Standards)}
    assert set(_module(rule_id).RULE.thresholds) <= fields


def test_rules_are_ordered_as_in_the_spec_tables():
    orders = [_module(rule_id).RULE.order for rule_id in IDS]
    assert orders[:4] == [5, 6, 7, 8]
    assert orders[4:] == list(range(101, 101 + len(QUALITY)))


def test_rules_are_discovered_under_their_ids():
    from generator.standards.registry import rules_by_id

    registered = rules_by_id()
    for rule_id in IDS:
        assert registered[rule_id].doc == (_module(rule_id).__doc__ or "").strip()


def test_example_plan_has_only_the_finding_its_waiver_covers(run_rule, example_data):
    found = []
    for rule_id in IDS:
        if _module(rule_id).RULE.check is not None:
            found += [(p.rule, p.item) for p in run_rule(rule_id, example_data)]
    waiver = example_data["waivers"][0]
    assert found == [(waiver["rule"], waiver["item"])]


def test_example_plan_alone_passes_the_portfolio_rules(run_portfolio, example_data):
    for rule_id in IDS:
        if _module(rule_id).RULE.check_portfolio is not None:
            assert run_portfolio(rule_id, [example_data]) == []


# The rules that read the people registry (people.yaml), in the spec's order.
PEOPLE = [("unknown-person", E), ("review-authority", E), ("waiver-authority", E)]


@pytest.mark.parametrize(("rule_id", "severity"), PEOPLE, ids=[r for r, _ in PEOPLE])
def test_people_rules_are_declared_and_documented(rule_id, severity):
    rule = _module(rule_id).RULE
    assert (rule.id, rule.default_severity, rule.structural) == (rule_id, severity, False)
    assert rule.waivable is (not rule_id.startswith("waiver-"))
    assert rule.summary
    doc = _module(rule_id).__doc__ or ""
    assert "Passes" in doc and "Fails" in doc and "people.yaml" in doc
    fragments = _YAML_FENCE.findall(doc)
    assert len(fragments) >= 2
    assert all(isinstance(yaml.safe_load(fragment), dict) for fragment in fragments)
    orders = [_module(r).RULE.order for r, _ in PEOPLE]
    assert orders == sorted(orders) and orders[0] > _module("waiver-approval").RULE.order
