"""Names for plan parts as their author knows them, and did-you-mean by edit distance."""

from __future__ import annotations

import pytest

from generator.naming import closest, describe, did_you_mean, quote

DATA = {
    "stakeholders": [{"name": "Liu Yang"}, {"title": "CFO"}],
    "opportunities": [{"id": "opp-pilot-meters", "amount": "$1.2M"}],
    "deployment": [{"product": "Microsoft 365 E3"}],
}


@pytest.mark.parametrize(("path", "shown"), [
    (("stakeholders", 0), 'stakeholder "Liu Yang"'),
    (("stakeholders", 0, "our_contact"), 'stakeholder "Liu Yang", our_contact'),
    (("stakeholders", 1, "name"), "stakeholder #2, name"),
    (("opportunities", 0, "amount"), "opportunity opp-pilot-meters, amount"),
    (("deployment", 0, "deployed"), 'product "Microsoft 365 E3", deployed'),
    (("plan", "owner"), "plan.owner"),
    (("financials", "addressable_revenue", "FY2027"), "financials.addressable_revenue.FY2027"),
    ((), "the plan"),
])
def test_describe(path: tuple, shown: str) -> None:
    assert describe(path, DATA) == shown


def test_quote_shortens_long_values() -> None:
    assert quote("x" * 100) == '"' + "x" * 39 + '…"'
    assert quote(2500000) == '"2500000"'


@pytest.mark.parametrize(("name", "known", "near"), [
    ("Dan", {"Daniel Wu", "Li Wei"}, "Daniel Wu"),
    ("li wei", {"Li Wei"}, "Li Wei"),
    ("cos-mes-date", {"cos-meter-data", "cos-analytics"}, "cos-meter-data"),
    ("Zhang Ming", {"Zhang Min", "Liu Yang"}, "Zhang Min"),
    ("Somebody Else", {"Li Wei"}, None),
])
def test_closest(name: str, known: set[str], near: str | None) -> None:
    assert closest(name, known) == near


def test_the_people_registry_suggests_names_as_every_other_reference_does() -> None:
    from generator.people import PeopleRegistry, Person
    li_wei = Person("Li Wei", "li.wei@example.com", frozenset())
    registry = PeopleRegistry((li_wei,), _by_name={"Li Wei": li_wei})
    assert registry.did_you_mean("LI  WEI") == did_you_mean("LI  WEI", ["Li Wei"]) != ""
