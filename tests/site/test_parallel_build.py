"""Workers and the page cache change how fast a site is built, never what it holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import workers as workers_module
from tests.support.site_projects import EXAMPLE_PLAN, SAMPLE_PLANS, build, make_project


def _pages(site: Path) -> dict[str, bytes]:
    """Every page and the search index of a built site (the sitemap's gzip header has a time)."""
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*"))
            if path.suffix == ".html" or path.name == "search_index.json"}


def _cached_pages(cache: Path) -> set[Path]:
    return set((cache / "checks" / "pages").rglob("*.json"))


def test_pages_are_byte_identical_with_one_worker_and_with_two(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers_module, "MIN_PARALLEL", 1)  # use the workers on a few plans
    config = make_project(tmp_path / "repo")
    one = build(config, tmp_path / "one", "--jobs", "1", "--no-cache")
    two = build(config, tmp_path / "two", "--jobs", "2", "--no-cache")
    assert one.code == 0 and two.code == 0, (one.err, two.err)
    pages = _pages(tmp_path / "one")
    assert "accounts/jinghua-grid.html" in pages
    assert pages == _pages(tmp_path / "two")


def test_an_incremental_build_gives_the_pages_of_a_cold_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("PLANBOOK_CACHE_DIR", str(cache / "checks"))
    config = make_project(tmp_path / "repo", (*SAMPLE_PLANS, EXAMPLE_PLAN))
    assert build(config, tmp_path / "first").code == 0
    before = _cached_pages(cache)
    assert len(before) >= len(SAMPLE_PLANS) + 1  # every generated page is kept

    plan = tmp_path / "repo" / "plans" / EXAMPLE_PLAN.name
    plan.write_text(plan.read_text("utf-8").replace("Beijing", "Tianjin"), "utf-8")
    incremental = build(config, tmp_path / "incremental")
    cold = build(config, tmp_path / "cold", "--no-cache")
    assert incremental.code == 0 and cold.code == 0, (incremental.err, cold.err)
    assert _pages(tmp_path / "incremental") == _pages(tmp_path / "cold")
    assert "Tianjin" in (tmp_path / "incremental" / "accounts" / "jinghua-grid.html").read_text()
    # Only the changed account's page was converted again: one new entry.
    assert len(_cached_pages(cache) - before) == 1


def test_a_corrupt_page_cache_is_ignored(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("PLANBOOK_CACHE_DIR", str(cache / "checks"))
    config = make_project(tmp_path / "repo", (EXAMPLE_PLAN,))
    assert build(config, tmp_path / "first").code == 0
    for entry in _cached_pages(cache):
        entry.write_bytes(b"\x80\x04garbage, not JSON")
    again = build(config, tmp_path / "again")
    assert again.code == 0, again.err
    assert _pages(tmp_path / "again") == _pages(tmp_path / "first")
