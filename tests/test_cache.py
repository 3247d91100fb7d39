"""The per-plan cache: reused when nothing relevant changed, never stale."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from generator.cache import PlanCache
from generator.cache_files import read_entry, write_entry
from generator.checker import CheckRun, check_paths
from generator.standards.config import load_standards

AS_OF = dt.date(2026, 11, 27)


def _rules(run: object) -> list[str]:
    return [f.rule for f in run.result.findings]  # type: ignore[attr-defined]


def test_unchanged_plans_come_from_the_cache(plans_dir: Path, tmp_path: Path) -> None:
    standards = load_standards(None)
    first = PlanCache(tmp_path / "cache", standards, AS_OF)
    cold = check_paths([plans_dir], standards, AS_OF, first)
    assert (first.hits, first.misses) == (0, 1)
    second = PlanCache(tmp_path / "cache", standards, AS_OF)
    warm = check_paths([plans_dir], standards, AS_OF, second)
    assert (second.hits, second.misses) == (1, 0)
    assert warm.result.findings == cold.result.findings


def test_a_changed_plan_is_checked_again(plans_dir: Path, tmp_path: Path) -> None:
    standards = load_standards(None)
    check_paths([plans_dir], standards, AS_OF, PlanCache(tmp_path / "c", standards, AS_OF))
    plan = plans_dir / "jinghua-grid.yaml"
    plan.write_text(plan.read_text("utf-8").replace(
        "    business_value: Meter-reading cost down 22% in the pilot province.\n", ""),
        encoding="utf-8")
    cache = PlanCache(tmp_path / "c", standards, AS_OF)
    run = check_paths([plans_dir], standards, AS_OF, cache)
    assert cache.misses == 1
    assert "business-value" in _rules(run)


def test_other_standards_or_dates_do_not_reuse_entries(plans_dir: Path, tmp_path: Path) -> None:
    standards = load_standards(None)
    check_paths([plans_dir], standards, AS_OF, PlanCache(tmp_path / "c", standards, AS_OF))
    later = PlanCache(tmp_path / "c", standards, AS_OF + dt.timedelta(days=200))
    run = check_paths([plans_dir], standards, AS_OF + dt.timedelta(days=200), later)
    assert later.misses == 1
    assert "plan-current" in _rules(run)
    stricter = dataclasses.replace(standards, fingerprint=standards.fingerprint + "#changed")
    other = PlanCache(tmp_path / "c", stricter, AS_OF)
    check_paths([plans_dir], stricter, AS_OF, other)
    assert other.misses == 1


def test_portfolio_rules_run_even_when_every_plan_is_cached(plans_dir: Path,
                                                            tmp_path: Path) -> None:
    standards = load_standards(None)
    copy = plans_dir / "zz-copy.yaml"
    copy.write_bytes((plans_dir / "jinghua-grid.yaml").read_bytes())
    for _ in range(2):
        run = check_paths([plans_dir], standards, AS_OF,
                          PlanCache(tmp_path / "c", standards, AS_OF))
        assert _rules(run).count("duplicate-id") == 1


def test_a_corrupt_entry_is_a_miss(plans_dir: Path, tmp_path: Path) -> None:
    standards = load_standards(None)
    check_paths([plans_dir], standards, AS_OF, PlanCache(tmp_path / "c", standards, AS_OF))
    for entry in (tmp_path / "c").rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"not a pickle")
    cache = PlanCache(tmp_path / "c", standards, AS_OF)
    run = check_paths([plans_dir], standards, AS_OF, cache)
    assert cache.misses == 1
    assert run.result.summary.waived == 1


def test_checking_restores_the_cycle_collector(plans_dir: Path) -> None:
    import gc

    assert gc.isenabled()
    check_paths([plans_dir], load_standards(None), AS_OF)
    assert gc.isenabled()


# -- entries are data, never code ------------------------------------------------

class _Planted:
    """Unpickling this would create the marker file: proof that code ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


def _entry_path(cache: PlanCache, plan: Path) -> Path:
    key = cache.key(plan, plan.read_bytes())
    return cache.folder / key[:2] / key


def _plant(tmp_path: Path, plans_dir: Path, content: bytes) -> PlanCache:
    standards = load_standards(None)
    cache = PlanCache(tmp_path / "cache", standards, AS_OF)
    entry = _entry_path(cache, plans_dir / "jinghua-grid.yaml")
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_bytes(content)
    return PlanCache(tmp_path / "cache", standards, AS_OF)


def test_a_planted_pickle_runs_nothing_and_is_ignored(plans_dir: Path, tmp_path: Path) -> None:
    import pickle

    marker = tmp_path / "code-ran"
    cache = _plant(tmp_path, plans_dir, pickle.dumps(_Planted(marker)))
    run = check_paths([plans_dir], load_standards(None), AS_OF, cache)
    assert not marker.exists()
    assert (cache.hits, cache.misses) == (0, 1)
    assert [f.rule for f in run.result.findings] == ["deployment"]   # checked afresh


def test_a_truncated_entry_is_ignored(plans_dir: Path, tmp_path: Path) -> None:
    standards = load_standards(None)
    check_paths([plans_dir], standards, AS_OF, PlanCache(tmp_path / "cache", standards, AS_OF))
    cache = PlanCache(tmp_path / "cache", standards, AS_OF)
    entry = _entry_path(cache, plans_dir / "jinghua-grid.yaml")
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
    run = check_paths([plans_dir], standards, AS_OF, cache)
    assert cache.misses == 1 and [f.rule for f in run.result.findings] == ["deployment"]


def test_entries_are_json_and_foreign_ones_are_ignored(plans_dir: Path, tmp_path: Path) -> None:
    standards = load_standards(None)
    check_paths([plans_dir], standards, AS_OF, PlanCache(tmp_path / "cache", standards, AS_OF))
    cache = PlanCache(tmp_path / "cache", standards, AS_OF)
    entry = _entry_path(cache, plans_dir / "jinghua-grid.yaml")
    assert entry.read_bytes().startswith(b"planbook-seal-1 ")
    stored = read_entry(entry)
    assert stored["format"] == "planbook-cache-3"
    assert stored["value"]["data"]["account"]["id"] == "jinghua-grid"
    for foreign in ({**stored, "format": "planbook-cache-1"},
                    {**stored, "key": "0" * 40},
                    {**stored, "value": {**stored["value"], "located": [["x"]]}},
                    {**stored, "value": {**stored["value"], "data": {"account": 3}}},
                    [1, 2, 3]):
        assert write_entry(entry, foreign)  # sealed by this user: only its shape is wrong
        cache = PlanCache(tmp_path / "cache", standards, AS_OF)
        run = check_paths([plans_dir], standards, AS_OF, cache)
        assert (cache.hits, cache.misses) == (0, 1), foreign
        assert [f.rule for f in run.result.findings] == ["deployment"]


def _cold_then_warm(plans_dir: Path, tmp_path: Path) -> tuple[CheckRun, CheckRun, PlanCache]:
    """The plans checked into an empty cache, then again through it (and that cache)."""
    standards = load_standards(None)
    cold = check_paths([plans_dir], standards, AS_OF,
                       PlanCache(tmp_path / "cache", standards, AS_OF))
    cache = PlanCache(tmp_path / "cache", standards, AS_OF)
    return cold, check_paths([plans_dir], standards, AS_OF, cache), cache


def test_a_plan_that_fails_the_schema_comes_back_the_same(plans_dir: Path,
                                                          tmp_path: Path) -> None:
    plan = plans_dir / "jinghua-grid.yaml"
    plan.write_text(plan.read_text("utf-8").replace("segment: mature ", "segment: large "),
                    "utf-8")
    cold, warm, cache = _cold_then_warm(plans_dir, tmp_path)
    assert cache.hits == 1
    assert warm.result.findings == cold.result.findings
    [before], [after] = cold.plans, warm.plans
    assert after.plan is None and after.partial is not None and before.partial is not None
    assert after.owner == before.owner == "Li Wei"


def test_a_broken_waiver_stays_set_aside_when_cached(plans_dir: Path, tmp_path: Path) -> None:
    plan = plans_dir / "jinghua-grid.yaml"
    text = plan.read_text("utf-8")
    assert "expires: 2027-03-31" in text
    plan.write_text(text.replace("expires: 2027-03-31", "expires: soon"), "utf-8")
    cold, warm, cache = _cold_then_warm(plans_dir, tmp_path)
    assert cache.hits == 1
    assert warm.result.findings == cold.result.findings
    assert [w.rule for w in warm.plans[0].partial.waivers] == [   # type: ignore[union-attr]
        w.rule for w in cold.plans[0].partial.waivers]            # type: ignore[union-attr]


def test_a_well_formed_entry_planted_without_the_key_cannot_forge_findings(
        plans_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    standards = load_standards(None)
    check_paths([plans_dir], standards, AS_OF, PlanCache(tmp_path / "cache", standards, AS_OF))
    entry = _entry_path(PlanCache(tmp_path / "cache", standards, AS_OF),
                        plans_dir / "jinghua-grid.yaml")
    forged = read_entry(entry)
    forged["value"]["located"] = []   # "no findings at all"
    # whoever shares the cache folder seals with a key of their own
    with monkeypatch.context() as someone_else:
        someone_else.setenv("PLANBOOK_CACHE_KEY_FILE", str(tmp_path / "someone-else.key"))
        assert write_entry(entry, forged)
    cache = PlanCache(tmp_path / "cache", standards, AS_OF)
    run = check_paths([plans_dir], standards, AS_OF, cache)
    assert (cache.hits, cache.misses) == (0, 1)
    assert [f.rule for f in run.result.findings] == ["deployment"]
