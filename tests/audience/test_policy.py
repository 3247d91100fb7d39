"""The audience of each field: standards defaults, per-item overrides, derived cases."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from generator.audience.policy import Audience, AudiencePolicy, PlanAudiences
from generator.audience.redact import for_internal_site, for_reader
from generator.checker import check_paths
from generator.model import Plan, build_plan
from generator.standards.config import StandardsError, load_standards
from tests.support import AS_OF, EXAMPLE, REPO

DEFAULTS = REPO / "generator" / "standards" / "defaults.yaml"
C, IN, R = Audience.CUSTOMER, Audience.INTERNAL, Audience.RESTRICTED


def example(change: dict[str, object] | None = None) -> Plan:
    data = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    for path, value in (change or {}).items():
        section, index, name = path.split(".")
        data[section][int(index)][name] = value
    return build_plan(data)


def audience(plan: Plan, section: str, index: int, name: str) -> Audience:
    audiences = PlanAudiences(plan, AudiencePolicy())
    return audiences.field_audience(section, getattr(plan, section)[index], name)


@pytest.mark.parametrize(("section", "index", "name", "expected"), [
    ("conditions_of_satisfaction", 0, "title", C),
    ("conditions_of_satisfaction", 0, "our_commitments", C),
    ("conditions_of_satisfaction", 0, "agreed_on", C),
    ("conditions_of_satisfaction", 0, "x_note", IN),      # own keys are internal
    ("customer_priorities", 1, "title", C),
    ("engagements", 0, "topic", C),
    ("engagements", 0, "with", C),
    ("engagements", 0, "business_value", IN),
    ("actions", 1, "what", C),                           # tied to cos-cost
    ("actions", 1, "opportunity", IN),
    ("actions", 0, "what", IN),                           # tied to no COS
    ("stakeholders", 0, "name", C),                      # owns a COS the customer sees
    ("stakeholders", 0, "local_name", C),
    ("stakeholders", 0, "level", IN),
    ("stakeholders", 0, "stance", R),
    ("stakeholders", 0, "influence", R),
    ("stakeholders", 0, "relationship", R),
    ("stakeholders", 0, "x_notes", R),
    ("stakeholders", 2, "name", IN),                      # Sun Li: named in no shared field
    ("team", 0, "name", C),                              # Li Wei: our owner of a COS
    ("team", 0, "email", IN),
    ("team", 3, "name", IN),
    ("opportunities", 0, "name", IN),
    ("competitors", 0, "name", IN),
    ("waivers", 0, "reason", IN),
])
def test_defaults_follow_the_contract(section: str, index: int, name: str,
                                      expected: Audience) -> None:
    assert audience(example(), section, index, name) is expected


def test_an_item_marked_internal_hides_the_whole_item_and_its_actions() -> None:
    plan = example({"conditions_of_satisfaction.1.audience": "internal"})
    assert audience(plan, "conditions_of_satisfaction", 1, "title") is IN
    assert audience(plan, "conditions_of_satisfaction", 1, "success_measures") is IN
    assert audience(plan, "actions", 1, "what") is IN     # act-tco is tied to cos-cost


def test_an_item_can_be_widened_but_restricted_fields_stay_restricted() -> None:
    plan = example({"stakeholders.2.audience": "customer", "opportunities.0.audience": "customer",
                    "actions.0.audience": "customer"})
    assert audience(plan, "stakeholders", 2, "title") is C
    assert audience(plan, "stakeholders", 2, "stance") is R
    assert audience(plan, "opportunities", 0, "amount") is C
    assert audience(plan, "actions", 0, "what") is C
    assert audience(plan, "actions", 0, "opportunity") is IN  # a field's own entry still narrows


def test_an_item_marked_restricted_is_restricted_throughout() -> None:
    plan = example({"competitors.0.audience": "restricted"})
    assert audience(plan, "competitors", 0, "name") is R
    assert audience(plan, "competitors", 1, "name") is IN


def test_the_packaged_defaults_file_says_what_the_code_assumes() -> None:
    # defaults.yaml documents the defaults; the code merges over the same ones.
    assert load_standards(None).audiences == AudiencePolicy()
    assert "audiences:" in DEFAULTS.read_text("utf-8")


def standards_with(tmp_path: Path, audiences: str) -> Path:
    path = tmp_path / "standards.yaml"
    path.write_text(DEFAULTS.read_text("utf-8").split("audiences:")[0] + audiences, "utf-8")
    return path


def test_standards_entries_merge_over_the_defaults(tmp_path: Path) -> None:
    path = standards_with(tmp_path, "audiences:\n  our_company: Contoso\n"
                                    "  fields: {engagements.business_value: customer}\n"
                                    "  internal_site: internal-full\n")
    policy = load_standards(path).audiences
    assert policy.our_company == "Contoso"
    assert policy.field_audience("engagements", "business_value") is C
    assert policy.field_audience("stakeholders", "stance") is R     # default kept
    assert policy.internal_reader() is R


@pytest.mark.parametrize(("text", "line", "message"), [
    ("audiences:\n  fields:\n    stakeholders.stanse: restricted\n", 3,
     "audiences.fields.stakeholders.stanse: `stakeholders` has no field `stanse`"),
    ("audiences:\n  sections:\n    stakeholder: restricted\n", 3,
     "audiences.sections.stakeholder: `stakeholder` is not a plan section"),
    ("audiences:\n  fields:\n    account.name: restricted\n", 3,
     "`account.name` is on every page and export and cannot be restricted"),
    ("audiences:\n  sections:\n    engagements: public\n", 3, "'public' is not one of"),
    ("audiences:\n  internal_site: everyone\n", 2, "'everyone' is not one of"),
])
def test_a_bad_audiences_section_is_a_configuration_error(tmp_path: Path, text: str, line: int,
                                                          message: str) -> None:
    path = standards_with(tmp_path, text)
    with pytest.raises(StandardsError) as raised:
        load_standards(path)
    before = path.read_text("utf-8").split("audiences:")[0].count("\n")
    assert raised.value.line == before + line
    assert message in str(raised.value)


def test_an_unknown_audience_in_a_plan_is_a_schema_finding(tmp_path: Path) -> None:
    text = EXAMPLE.read_text("utf-8").replace(
        "    priority: pri-cost\n", "    priority: pri-cost\n    audience: secret\n")
    (tmp_path / "jinghua-grid.yaml").write_text(text, "utf-8")
    run = check_paths([tmp_path], load_standards(None), AS_OF)
    schema = [f for f in run.result.findings if f.rule == "schema"]
    assert len(schema) == 1 and "audience" in schema[0].message
    assert run.plans[0].plan is None


def test_the_internal_reader_loses_restricted_values_only() -> None:
    plan = example({"competitors.1.audience": "restricted"})
    plan = dataclasses.replace(plan, stakeholders=tuple(
        dataclasses.replace(s, extra=(("x_notes", "plays golf"),)) for s in plan.stakeholders))
    seen = for_internal_site(plan, AudiencePolicy())
    assert [s.stance for s in seen.stakeholders] == [None, None, None]
    assert [s.influence or s.relationship for s in seen.stakeholders] == [None, None, None]
    assert [s.extra for s in seen.stakeholders] == [(), (), ()]
    assert [s.title for s in seen.stakeholders] == [s.title for s in plan.stakeholders]
    assert [c.name for c in seen.competitors] == ["Huawei Cloud"]
    assert seen.opportunities == plan.opportunities
    full = AudiencePolicy(internal_site_shows_restricted=True)
    assert for_internal_site(plan, full) is plan
    assert for_reader(plan, AudiencePolicy(), R) is plan


def test_the_customer_reader_keeps_only_shared_values() -> None:
    seen = for_reader(example(), AudiencePolicy(), C)
    assert seen.opportunities == seen.competitors == seen.waivers == ()
    assert [a.id for a in seen.actions] == ["act-tco"]
    assert [s.name for s in seen.stakeholders] == ["Zhang Ming", "Liu Yang"]
    assert [s.level for s in seen.stakeholders] == ["", ""]
    assert {s.stance for s in seen.stakeholders} == {None}
    assert [e.business_value for e in seen.engagements] == [None, None]


def test_the_standards_page_says_who_may_see_what(tmp_path: Path) -> None:
    from generator.render.pages import render_pages

    run = check_paths([EXAMPLE], load_standards(None), AS_OF)
    policy = AudiencePolicy(our_company="Contoso", internal_site_shows_restricted=True)
    standards = dataclasses.replace(load_standards(None), audiences=policy)
    page = render_pages(run, standards, AS_OF)[
        "standards/index.md"]
    section = page[page.index("## Who may see what"):]
    assert "names our company **Contoso**" in section
    assert "internal-full" in section
    assert "| <code>stakeholders\\.stance</code> | restricted |" in section
    assert "| <code>actions</code> | customer \\(the actions tied to a COS the customer sees\\) |" \
        in section
