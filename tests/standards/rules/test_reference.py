"""reference: every id and name a plan points at exists."""

from __future__ import annotations

import pytest


def test_example_passes(run_rule, example_data):
    assert run_rule("reference", example_data) == []


def _set(*path_and_value):
    *path, key, value = path_and_value

    def mutate(data):
        target = data
        for step in path:
            target = target[step]
        target[key] = value

    return mutate


# (what is changed, where the finding points, its item, the name that does not resolve)
BROKEN = [
    (_set("plan", "owner", "Li Way"), ("plan", "owner"), None, "Li Way"),
    (_set("conditions_of_satisfaction", 0, "priority", "pri-dispatc"),
     ("conditions_of_satisfaction", 0, "priority"), "cos-analytics", "pri-dispatc"),
    (_set("conditions_of_satisfaction", 1, "customer_owner", "Nobody"),
     ("conditions_of_satisfaction", 1, "customer_owner"), "cos-cost", "Nobody"),
    (_set("conditions_of_satisfaction", 1, "our_owner", "Zhang Ming"),
     ("conditions_of_satisfaction", 1, "our_owner"), "cos-cost", "Zhang Ming"),
    (_set("stakeholders", 1, "reports_to", "Li Wei"),
     ("stakeholders", 1, "reports_to"), "Liu Yang", "Li Wei"),
    (_set("stakeholders", 2, "our_contact", "Sun Li"),
     ("stakeholders", 2, "our_contact"), "Sun Li", "Sun Li"),
    (_set("agreements", 0, "renewal_opportunity", "opp-renewal"),
     ("agreements", 0, "renewal_opportunity"), "ea-2024", "opp-renewal"),
    (_set("deployment", 1, "adoption_action", "act-rollout"),
     ("deployment", 1, "adoption_action"), "Windows Enterprise", "act-rollout"),
    (_set("opportunities", 0, "cos", ["cos-cost", "cos-security"]),
     ("opportunities", 0, "cos", 1), "opp-ea-renewal", "cos-security"),
    (_set("opportunities", 1, "partners", ["Accenture"]),
     ("opportunities", 1, "partners", 0), "opp-dispatch-analytics", "Accenture"),
    (_set("opportunities", 1, "competitors", ["Huawei Cloud", "AWS"]),
     ("opportunities", 1, "competitors", 1), "opp-dispatch-analytics", "AWS"),
    (_set("engagements", 1, "with", ["Liu Yang", "Wang Fang"]),
     ("engagements", 1, "with", 1), "2026-10-22", "Wang Fang"),
    (_set("actions", 2, "owner", "Zhou"), ("actions", 2, "owner"), "act-procurement", "Zhou"),
    (_set("actions", 0, "cos", "cos-none"), ("actions", 0, "cos"), "act-win-rollout",
     "cos-none"),
    (_set("actions", 0, "opportunity", "opp-none"), ("actions", 0, "opportunity"),
     "act-win-rollout", "opp-none"),
]


@pytest.mark.parametrize(("mutate", "path", "item", "name"), BROKEN,
                         ids=[".".join(map(str, case[1])) for case in BROKEN])
def test_unresolved_reference(run_rule, example_data, mutate, path, item, name):
    mutate(example_data)
    [problem] = run_rule("reference", example_data)
    assert problem.rule == "reference"
    assert problem.path == path
    assert problem.item == item
    assert f"`{name}`" in problem.message


def test_a_close_name_is_suggested(run_rule, example_data):
    example_data["actions"][2]["owner"] = "Zhou Mim"
    [problem] = run_rule("reference", example_data)
    assert "did you mean `Zhou Min`?" in problem.message


def test_names_are_matched_exactly(run_rule, example_data):
    example_data["plan"]["owner"] = "li wei"
    assert [p.path for p in run_rule("reference", example_data)] == [("plan", "owner")]


def test_a_waiver_for_an_unknown_rule_suggests_the_closest(run_rule, example_data):
    example_data["waivers"][0]["rule"] = "deploymnt"
    [problem] = run_rule("reference", example_data)
    assert problem.path == ("waivers", 0, "rule")
    assert "`deploymnt`" in problem.message
    assert "did you mean `deployment`?" in problem.message


@pytest.mark.parametrize("rule_id", ["file-name", "reference", "schema", "waiver-unused"])
def test_a_waiver_for_a_rule_that_cannot_be_waived_is_reported(run_rule, example_data, rule_id):
    example_data["waivers"][0]["rule"] = rule_id
    [problem] = run_rule("reference", example_data)
    assert problem.path == ("waivers", 0, "rule")
    assert "cannot be waived" in problem.message


def test_a_currency_without_a_rate_is_reported(run_rule, example_data):
    example_data["currency"] = "CNH"
    [problem] = run_rule("reference", example_data)
    assert problem.path == ("currency",)
    assert problem.item is None
    assert "CNH" in problem.message
    assert "skip" in problem.message


def test_a_rate_added_in_the_standards_resolves_the_currency(run_rule, example_data, ctx):
    from decimal import Decimal

    example_data["currency"] = "CNH"
    rates = {**ctx().standards.exchange_rates, "CNH": Decimal("0.14")}
    assert run_rule("reference", example_data, exchange_rates=rates) == []
