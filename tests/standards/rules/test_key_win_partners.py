"""key-win-partners: open or won deals of at least key_win_amount name a partner or service."""

from __future__ import annotations

from decimal import Decimal

import pytest


def test_example_passes(run_rule, example_data):
    assert run_rule("key-win-partners", example_data) == []


def test_a_key_win_without_partner_or_service_fails(run_rule, example_data):
    del example_data["opportunities"][2]["partners"]  # won, CNY 9,400,000
    [problem] = run_rule("key-win-partners", example_data)
    assert problem.rule == "key-win-partners"
    assert problem.path == ("opportunities", 2)
    assert problem.item == "opp-pilot-meters"
    assert "CNY 9,400,000" in problem.message
    assert "USD 1,316,000" in problem.message
    assert "USD 250,000" in problem.message


@pytest.mark.parametrize(("threshold", "fires"), [("1316000", True), ("1316000.01", False)])
def test_threshold_after_conversion(run_rule, example_data, threshold, fires):
    del example_data["opportunities"][2]["partners"]  # 9,400,000 x 0.14 = 1,316,000
    problems = run_rule("key-win-partners", example_data, key_win_amount=Decimal(threshold))
    assert bool(problems) is fires


def test_services_alone_are_enough(run_rule, example_data):
    opportunity = example_data["opportunities"][1]
    del opportunity["partners"]
    assert opportunity["services"]
    assert run_rule("key-win-partners", example_data) == []


def test_lost_deals_are_not_checked(run_rule, example_data):
    opportunity = example_data["opportunities"][2]
    opportunity["stage"] = "lost"
    del opportunity["partners"]
    assert run_rule("key-win-partners", example_data) == []


def test_a_currency_without_a_rate_is_skipped(run_rule, example_data):
    example_data["currency"] = "CNH"
    del example_data["opportunities"][2]["partners"]
    assert run_rule("key-win-partners", example_data) == []
