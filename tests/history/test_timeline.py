"""The history read from a throw-away repository: every change, worded, by account."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from generator.diff.git import GitError
from generator.history.store import RecordStore
from generator.history.timeline import build_history
from generator.people import PeopleRegistry


def test_every_change_is_listed_newest_first_with_author_and_date(story, default_standards):
    history = build_history(story.root, default_standards)
    timeline = history.timeline()
    assert [e.record.sha for e in timeline] == list(reversed(story.commits))
    assert [(e.record.day, e.record.author) for e in timeline] == [
        (dt.date(2026, 11, 2), "Bob Li"), (dt.date(2026, 10, 5), "Alice Chen"),
        (dt.date(2026, 9, 10), "Carol Wu"), (dt.date(2026, 8, 20), "Bob Li"),
        (dt.date(2026, 7, 15), "Alice Chen")]


def test_changes_are_worded_by_the_diff_comparison(story, default_standards):
    history = build_history(story.root, default_standards)
    words = {e.record.sha: [w for c in e.changes for w in c.words]
             for e in history.timeline("acme")}
    assert words[story.commits[1]] == ["opportunity `opp-a`: close 2027-03-31 -> 2027-04-30"]
    assert words[story.commits[2]] == [
        "opportunity `opp-b`: amount USD 500,000 -> 350,000 (-150,000)"]
    assert words[story.commits[3]] == [
        "Plan: last_reviewed 2026-07-10 -> 2026-10-01",
        "Financials: booked_to_date USD 0 -> 200,000 (+200,000)",
        "opportunity `opp-c`: stage develop -> won"]
    assert words[story.commits[0]] == ["new plan `plans/acme.yaml`"]


def test_a_review_is_marked_as_such(story, default_standards):
    history = build_history(story.root, default_standards)
    reviews = [e for e in history.timeline("acme") if e.is_review]
    assert [e.record.sha for e in reviews] == [story.commits[3]]
    assert reviews[0].changes[0].review == ("2026-07-10", "2026-10-01")


def test_a_renamed_plan_keeps_its_history_under_its_new_id(story, default_standards):
    history = build_history(story.root, default_standards)
    shas = [e.record.sha for e in history.timeline("globex-corp")]
    assert shas == [story.commits[2], story.commits[0]]
    assert history.timeline("globex") == history.timeline("globex-corp")  # the old id finds it
    assert history.accounts() == ["acme", "globex-corp"]
    rename = history.timeline("globex-corp")[0].changes[0]
    assert (rename.status, rename.old_path, rename.path) == (
        "renamed", "plans/globex.yaml", "plans/globex-corp.yaml")


def test_since_keeps_changes_made_on_or_after_the_day(story, default_standards):
    history = build_history(story.root, default_standards)
    since = history.timeline(since=dt.date(2026, 10, 5))
    assert [e.record.sha for e in since] == [story.commits[4], story.commits[3]]


def test_snapshots_carry_the_figures_of_each_version(story, default_standards):
    history = build_history(story.root, default_standards)
    pipeline = [(day, snap.pipeline_this_year, snap.booked_to_date)
                for day, snap in history.snapshots("acme") if snap is not None]
    # FY2027 ends 2027-06-30: opp-a (800k) leaves the year's pipeline on 2026-11-02,
    # opp-b shrinks by 150k on 2026-09-10 and opp-c (300k) is won on 2026-10-05.
    assert pipeline == [
        (dt.date(2026, 7, 15), "1600000", "0"), (dt.date(2026, 8, 20), "1600000", "0"),
        (dt.date(2026, 9, 10), "1450000", "0"), (dt.date(2026, 10, 5), "1150000", "200000"),
        (dt.date(2026, 11, 2), "350000", "200000")]
    last = history.snapshots("acme")[-1][1]
    assert last is not None and Decimal(last.coverage or "0") == Decimal(350_000) / 800_000


def test_blobs_are_read_once_per_version_in_one_batch(story, default_standards):
    history = build_history(story.root, default_standards)
    assert history.stats.commits_parsed == 5
    # two plans added, then one new version per changed file (old versions are kept)
    assert history.stats.objects_read == 7


def test_a_rebuild_after_one_new_commit_reads_only_that_commit(fresh_story, default_standards,
                                                                  tmp_path):
    store = RecordStore(tmp_path / "cache", default_standards, "plans")
    first = build_history(fresh_story.root, default_standards, store=store)
    assert first.stats.commits_parsed == 5
    again = build_history(fresh_story.root, default_standards, store=store)
    assert (again.stats.commits_parsed, again.stats.objects_read) == (0, 0)
    assert again.records == first.records

    fresh_story.acme.opportunities[1].amount = 300_000
    new = fresh_story.commit_acme("carol", "2026-11-20", "acme: opp-b shrinks again")
    after = build_history(fresh_story.root, default_standards, store=store)
    assert after.stats.commits_listed == 6
    assert after.stats.commits_parsed == 1
    assert after.stats.objects_read == 2  # that commit's old and new acme.yaml
    assert after.timeline()[0].record.sha == new


def test_a_damaged_cache_entry_is_recomputed(fresh_story, default_standards, tmp_path):
    store = RecordStore(tmp_path / "cache", default_standards, "plans")
    first = build_history(fresh_story.root, default_standards, store=store)
    for entry in (tmp_path / "cache").rglob("*.json"):
        entry.write_text("{not json", "utf-8")
    again = build_history(fresh_story.root, default_standards, store=store)
    assert again.stats.commits_parsed == 5
    assert again.records == first.records


def test_outside_a_repository_is_a_git_error(tmp_path: Path, default_standards):
    with pytest.raises(GitError, match="not inside a git repository"):
        build_history(tmp_path, default_standards)


def test_a_new_people_registry_is_a_new_cache(fresh_story, default_standards, tmp_path):
    # The people rules count among a version's open findings: records kept with one
    # registry are not served with another.
    build_history(fresh_story.root, default_standards,
                  store=RecordStore(tmp_path / "cache", default_standards, "plans"))
    with_people = dataclasses.replace(
        default_standards, people=PeopleRegistry.of((), fingerprint="people: []\n"))
    again = build_history(fresh_story.root, with_people,
                          store=RecordStore(tmp_path / "cache", with_people, "plans"))
    assert again.stats.commits_parsed == 5
