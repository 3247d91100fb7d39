"""The structural diff of plan data: sections, keyed list items, fields."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from generator.diff.plans import (
    ABSENT,
    FieldChange,
    ItemStatus,
    diff_fields,
    diff_items,
    diff_plan_data,
    keyed,
    same,
)

PLAN: dict[str, Any] = yaml.safe_load("""
format: 1
account: {id: acme, name: Acme, industry: Retail, segment: mature,
          parent: {name: Acme Group}}
plan: {fiscal_year: FY2027, owner: Ana, last_reviewed: "2026-11-02", summary: Short.}
team: [{name: Ana, role: Account Manager}]
currency: EUR
financials:
  long_term_potential: 2000000
  addressable_revenue: {FY2026: 100000, FY2027: 150000}
  revenue_target: 150000
opportunities:
  - {id: opp-a, name: A, stage: develop, amount: 100, opened: "2026-01-01",
     close: "2027-01-01", products: [X, Y]}
  - {id: opp-b, name: B, stage: won, amount: 200, opened: "2026-01-01", close: "2026-09-01"}
engagements:
  - {date: "2026-10-01", with: [Bo], topic: QBR}
waivers:
  - {rule: deployment, item: X, reason: R, approved_by: Cy, expires: "2027-01-01"}
  - {rule: competition, reason: R, approved_by: Cy, expires: "2027-01-01"}
""")


def changed(**edits: Any) -> dict[str, Any]:
    plan = copy.deepcopy(PLAN)
    plan.update(edits)
    return plan


@pytest.mark.parametrize(("old", "new", "expected"), [
    (1, 1.0, True),
    (1, True, False),
    (0.1, 0.1, True),
    ("a", "a", True),
    ([1, 2], [1, 2.0], True),
    ({"a": 1}, {"a": 1, "b": 2}, False),
    ("1", 1, False),
])
def test_same(old: Any, new: Any, expected: bool) -> None:
    assert same(old, new) is expected


def test_identical_plans_have_no_changes() -> None:
    assert diff_plan_data(PLAN, copy.deepcopy(PLAN)) == ()


def test_mapping_fields_nested_and_per_fiscal_year() -> None:
    new = changed()
    new["financials"]["addressable_revenue"]["FY2027"] = 160000
    new["account"]["parent"]["global_account_manager"] = "Sarah"
    [account, financials] = diff_plan_data(PLAN, new)
    assert account.fields == (FieldChange(("parent", "global_account_manager"), ABSENT, "Sarah"),)
    assert financials.fields == (
        FieldChange(("addressable_revenue", "FY2027"), 150000, 160000, amount=True),)


def test_top_level_scalar() -> None:
    [currency] = diff_plan_data(PLAN, changed(currency="USD"))
    assert currency.section == "currency"
    assert currency.fields == (FieldChange((), "EUR", "USD"),)


def test_items_matched_on_id_whatever_their_order() -> None:
    new = changed()
    new["opportunities"].reverse()
    new["opportunities"][1]["stage"] = "propose"
    new["opportunities"][1]["amount"] = 150
    [section] = diff_plan_data(PLAN, new)
    [item] = section.items
    assert (item.key, item.key_field, item.status) == ("opp-a", "id", ItemStatus.CHANGED)
    assert item.fields == (FieldChange(("stage",), "develop", "propose"),
                           FieldChange(("amount",), 100, 150, amount=True))


def test_added_and_removed_items() -> None:
    new = changed()
    new["opportunities"] = [PLAN["opportunities"][0],
                            {"id": "opp-c", "name": "C", "stage": "qualify", "amount": 5,
                             "opened": "2026-11-01", "close": "2027-05-01"}]
    [section] = diff_plan_data(PLAN, new)
    assert [(i.key, i.status) for i in section.items] == [
        ("opp-c", ItemStatus.ADDED), ("opp-b", ItemStatus.REMOVED)]
    assert section.items[1].item["name"] == "B"  # a removed item keeps what it was


def test_text_lists_report_entries_added_and_removed() -> None:
    new = changed()
    new["opportunities"][0]["products"] = ["Y", "Z"]
    [section] = diff_plan_data(PLAN, new)
    [change] = section.items[0].fields
    assert (change.added, change.removed) == (("Z",), ("X",))


def test_a_text_list_given_on_one_side_only() -> None:
    assert diff_fields("x", ABSENT, ["a", "b"], ("commitments",)) == [
        FieldChange(("commitments",), ABSENT, ["a", "b"], added=("a", "b"))]


def test_reordered_text_list_is_no_change() -> None:
    new = changed()
    new["opportunities"][0]["products"] = ["Y", "X"]
    assert diff_plan_data(PLAN, new) == ()


def test_a_missing_list_is_an_empty_one() -> None:
    new = changed()
    del new["engagements"]
    [section] = diff_plan_data(PLAN, new)
    assert [(i.key, i.status) for i in section.items] == [("2026-10-01 QBR", ItemStatus.REMOVED)]


@pytest.mark.parametrize(("section", "item", "key"), [
    ("waivers", {"rule": "deployment", "item": "X"}, "deployment X"),
    ("waivers", {"rule": "competition"}, "competition"),
    ("deployment", {"product": "Windows", "entitled": 1, "deployed": 1}, "Windows"),
    ("stakeholders", {"name": "Liu Yang"}, "Liu Yang"),
    ("team", {"role": "no name"}, "#1"),
])
def test_item_keys(section: str, item: dict[str, Any], key: str) -> None:
    [change] = diff_items(section, [], [item])
    assert change.key == key


def test_repeated_keys_stay_apart() -> None:
    items = [{"id": "a", "name": "one"}, {"id": "a", "name": "two"}]
    assert list(keyed("opportunities", items, ("id",))) == ["a", "a (2)"]


def test_own_lists_are_keyed_on_what_their_items_share() -> None:
    old = [{"name": "Site A", "seats": 10}]
    new = [{"name": "Site A", "seats": 12}]
    [change] = diff_items("x_sites", old, new)
    assert (change.key, change.key_field) == ("Site A", "name")


def test_a_section_of_the_wrong_type_is_compared_whole() -> None:
    [section] = diff_plan_data(PLAN, changed(team="Ana"))
    assert section.fields == (FieldChange((), PLAN["team"], "Ana"),)
