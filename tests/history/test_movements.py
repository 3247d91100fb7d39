"""Slips and movements, and the fiscal quarters the portfolio trends use."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from generator.history.movements import movements
from generator.history.timeline import build_history
from generator.history.trends import fiscal_quarter, portfolio_trends


def test_the_story_has_one_slipped_and_one_shrunk_deal(story, default_standards):
    found = movements(build_history(story.root, default_standards))
    assert [(s.account, s.opportunity, s.times, s.days, s.first_close, s.close)
            for s in found.slips] == [("acme", "opp-a", 2, 153, "2027-03-31", "2027-08-31")]
    assert [(s.account, s.opportunity, s.first_amount, s.amount, s.shrunk_by)
            for s in found.shrinks] == [("acme", "opp-b", Decimal(500_000), Decimal(350_000),
                                         Decimal(150_000))]
    assert found.disappeared == () and found.cos_backwards == ()


def test_an_open_deal_removed_disappears_a_won_one_does_not(fresh_story, default_standards):
    acme = fresh_story.acme
    acme.opportunities = [o for o in acme.opportunities if o.id == "opp-a"]  # opp-b open, opp-c won
    acme.cos_status = "draft"  # agreed -> draft: backwards
    sha = fresh_story.commit_acme("carol", "2026-11-20", "acme: tidy up")
    found = movements(build_history(fresh_story.root, default_standards))
    assert [(d.account, d.opportunity, d.stage, d.amount, d.day, d.author, d.commit)
            for d in found.disappeared] == [
        ("acme", "opp-b", "develop", "350000", dt.date(2026, 11, 20), "Carol Wu", sha)]
    assert [(c.account, c.cos, c.move.old, c.move.new) for c in found.cos_backwards] == [
        ("acme", "cos-1", "agreed", "draft")]


def test_a_deal_pulled_in_or_grown_is_no_slip_nor_shrink(fresh_story, default_standards):
    fresh_story.acme.opportunities[0].close = "2027-01-31"  # earlier than before
    fresh_story.acme.opportunities[1].amount = 900_000      # larger
    fresh_story.commit_acme("alice", "2026-11-20", "acme: better news")
    found = movements(build_history(fresh_story.root, default_standards))
    assert [s.opportunity for s in found.slips] == ["opp-a"]
    assert found.slips[0].times == 2  # the two earlier slips only
    assert [s.opportunity for s in found.shrinks] == ["opp-b"]


@pytest.mark.parametrize("day, start, label, first, last", [
    (dt.date(2026, 7, 1), (7, 1), "FY2027 Q1", dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
    (dt.date(2026, 9, 30), (7, 1), "FY2027 Q1", dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
    (dt.date(2026, 11, 27), (7, 1), "FY2027 Q2", dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
    (dt.date(2027, 6, 30), (7, 1), "FY2027 Q4", dt.date(2027, 4, 1), dt.date(2027, 6, 30)),
    (dt.date(2026, 2, 14), (1, 1), "FY2026 Q1", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    (dt.date(2026, 4, 15), (4, 16), "FY2026 Q4", dt.date(2026, 1, 16), dt.date(2026, 4, 15)),
])
def test_fiscal_quarters(day, start, label, first, last):
    quarter = fiscal_quarter(day, start)
    assert (quarter.label, quarter.first, quarter.last) == (label, first, last)


def test_portfolio_trends_by_quarter_and_owner(story, default_standards):
    trends = portfolio_trends(build_history(story.root, default_standards), default_standards,
                              dt.date(2026, 11, 27))
    assert [(q.quarter.label, q.accounts, q.group.pipeline_this_year, q.group.booked_to_date)
            for q in trends.portfolio] == [
        ("FY2027 Q1", 2, Decimal(1_850_000), Decimal(0)),
        ("FY2027 Q2", 2, Decimal(750_000), Decimal(200_000))]
    q2 = trends.portfolio[1]
    assert q2.group.coverage == Decimal(750_000) / Decimal(1_800_000)
    owners = {owner: [(q.quarter.label, q.group.pipeline_this_year) for q in figures]
              for owner, figures in trends.owners}
    assert owners == {"Alice Chen": [("FY2027 Q1", Decimal(1_450_000)),
                                     ("FY2027 Q2", Decimal(350_000))],
                      "Bob Li": [("FY2027 Q1", Decimal(400_000)),
                                 ("FY2027 Q2", Decimal(400_000))]}


def test_a_removed_plan_leaves_the_portfolio_from_the_quarter_it_went(fresh_story,
                                                                      default_standards):
    (fresh_story.root / "plans" / "globex-corp.yaml").unlink()
    fresh_story.commit_acme("carol", "2027-01-10", "globex-corp is gone")
    trends = portfolio_trends(build_history(fresh_story.root, default_standards),
                              default_standards, dt.date(2027, 1, 31))
    assert [(q.quarter.label, q.accounts) for q in trends.portfolio] == [
        ("FY2027 Q1", 2), ("FY2027 Q2", 2), ("FY2027 Q3", 1)]
