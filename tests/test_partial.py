"""One run shows everything: the standards judge the valid parts of a broken plan."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from generator.checker import check_document, check_paths
from generator.loader import load_yaml_text
from generator.standards.config import load_standards
from tests.support import AS_OF, EXAMPLE, leaf_paths


def _findings(tmp_path: Path, data: dict) -> list:
    folder = tmp_path / "plans"
    folder.mkdir(exist_ok=True)
    (folder / EXAMPLE.name).write_text(yaml.safe_dump(data, allow_unicode=True,
                                                      sort_keys=False), "utf-8")
    found = check_paths([folder], load_standards(None), AS_OF).result.findings
    return [f for f in found if not f.waived]  # the example waives one finding


def _example() -> dict:
    data: dict = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    return data


def test_rules_still_judge_the_valid_parts(tmp_path: Path) -> None:
    data = _example()
    data["opportunities"][0]["amount"] = "$1.2M"          # schema
    del data["opportunities"][1]["business_value"]         # business-value
    data["stakeholders"][0]["our_contact"] = "Li"          # reference, did you mean
    findings = _findings(tmp_path, data)
    rules = [f.rule for f in findings]
    assert "schema" in rules and "business-value" in rules and "reference" in rules
    [reference] = [f for f in findings if f.rule == "reference"]
    assert "did you mean `Li Wei`?" in reference.message
    # the pipeline cannot be summed while an amount is broken: no guess
    assert "pipeline-coverage" not in rules


def test_a_rule_that_reads_a_broken_part_says_nothing(tmp_path: Path) -> None:
    data = _example()
    data["plan"]["last_reviewed"] = "27/11/2020"  # would be stale if it were read
    data["financials"]["long_term_potential"] = "2,500,000"
    findings = _findings(tmp_path, data)
    rules = {f.rule for f in findings}
    assert rules == {"schema"}, findings
    messages = " ".join(f.message for f in findings)
    assert "write plain digits: 2500000" in messages
    assert "write the date as YYYY-MM-DD: 2020-11-27" in messages


def test_a_misspelt_optional_key_is_not_also_reported_missing(tmp_path: Path) -> None:
    data = _example()
    opportunity = data["opportunities"][0]
    opportunity["bussiness_value"] = opportunity.pop("business_value")
    findings = _findings(tmp_path, data)
    assert [f.rule for f in findings] == ["schema"]
    assert "did you mean `business_value`?" in findings[0].message


def test_an_item_that_is_not_a_mapping_keeps_the_others_in_place(tmp_path: Path) -> None:
    data = _example()
    data["stakeholders"].insert(0, "Zhang Ming, CIO")
    data["actions"][0]["owner"] = "Li Way"
    findings = _findings(tmp_path, data)
    [reference] = [f for f in findings if f.rule == "reference"]
    assert reference.item == data["actions"][0]["id"]
    assert "did you mean `Li Wei`?" in reference.message


# --- every leaf broken in turn: the plan is judged, and no rule trips over a stand-in ---

JUNK = [None, "2,500,000", {"a": 1}, float("nan")]


@pytest.mark.parametrize("junk", JUNK, ids=repr)
def test_a_plan_broken_anywhere_is_judged_without_rule_failures(junk: object) -> None:
    standards = load_standards(None)
    example = _example()
    for path in leaf_paths(example):
        data = copy.deepcopy(example)
        node = data
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = junk
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        checked = check_document(load_yaml_text(text, Path(EXAMPLE.name)), standards, AS_OF)
        messages = [located.problem.message for located in checked.located]
        assert not any("could not evaluate this rule" in m for m in messages), (path, messages)
        # the standards judged it: a typed plan, whole or from its valid parts
        assert checked.plan is not None or checked.partial is not None, path


def test_a_broken_waiver_waives_nothing_and_is_not_judged(tmp_path: Path) -> None:
    data = _example()
    data["waivers"][0]["expires"] = "31/03/2027"
    findings = _findings(tmp_path, data)
    rules = sorted(f.rule for f in findings)
    # the finding it would waive shows; no waiver-expired judged on a stand-in date
    assert rules == ["deployment", "schema"], findings
