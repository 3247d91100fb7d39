"""Workers and the page cache change how fast a site is built, never what it holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from generator import workers as workers_module
from generator.render.overview import AccountRow
from generator.site import publish as publish_module
from generator.site import theme_pages
from tests.support.site_projects import EXAMPLE_PLAN, SAMPLE_PLANS, build, make_project


def _pages(site: Path) -> dict[str, bytes]:
    """Every page and the search index of a built site (the sitemap's gzip header has a time)."""
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*"))
            if path.suffix == ".html" or path.name == "search_index.json"}


def _cached_pages(cache: Path) -> set[Path]:
    """The converted pages in the page cache (not the account records or drawn pages)."""
    store = cache / "checks" / "pages"
    return {path for path in store.rglob("*.json")
            if path.relative_to(store).parts[0] not in ("accounts", "drawn")}


@dataclass
class Counted:
    """What a build did again: account pages rendered, pages drawn with the theme's template."""

    rendered: list[str] = field(default_factory=list)
    drawn: list[str] = field(default_factory=list)


def _count_work(monkeypatch: pytest.MonkeyPatch) -> Counted:
    counted = Counted()
    render = publish_module.account_page_or_failure
    draw = theme_pages.Chrome.draw

    def counting_render(row: AccountRow, *args: Any, **kwargs: Any) -> str:
        counted.rendered.append(row.page)
        return render(row, *args, **kwargs)

    def counting_draw(self: theme_pages.Chrome, page: theme_pages.GeneratedPage) -> str:
        counted.drawn.append(page.file.src_uri)
        return draw(self, page)

    monkeypatch.setattr(publish_module, "account_page_or_failure", counting_render)
    monkeypatch.setattr(theme_pages.Chrome, "draw", counting_draw)
    return counted


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
    counted = _count_work(monkeypatch)
    incremental = build(config, tmp_path / "incremental")
    assert incremental.code == 0, incremental.err
    again = Counted(list(counted.rendered), list(counted.drawn))
    cold = build(config, tmp_path / "cold", "--no-cache")
    assert cold.code == 0, cold.err
    assert _pages(tmp_path / "incremental") == _pages(tmp_path / "cold")
    assert "Tianjin" in (tmp_path / "incremental" / "accounts" / "jinghua-grid.html").read_text()
    # Only the changed account's page was rendered and converted again: one new entry.
    assert again.rendered == ["accounts/jinghua-grid.md"]
    assert len(_cached_pages(cache) - before) == 1
    # Pages drawn with the theme's template outside MkDocs' pass: exactly the
    # ones whose HTML changed (the account page; its manager's page lists it).
    first, now = _pages(tmp_path / "first"), _pages(tmp_path / "incremental")
    changed = {path for path, html in now.items() if first.get(path) != html}
    assert "accounts/jinghua-grid.md" in again.drawn
    assert {uri.removesuffix(".md") + ".html" for uri in again.drawn} == {
        path for path in changed if path.startswith(("accounts/", "managers/", "history/accounts/"))
        and path != "managers/index.html"}
    # A cold build renders and draws every one of them.
    assert len(counted.rendered) - len(again.rendered) == len(SAMPLE_PLANS) + 1
    assert len(counted.drawn) - len(again.drawn) > len(SAMPLE_PLANS) + 1


def test_a_corrupt_page_cache_is_ignored(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("PLANBOOK_CACHE_DIR", str(cache / "checks"))
    config = make_project(tmp_path / "repo", (EXAMPLE_PLAN,))
    assert build(config, tmp_path / "first").code == 0
    stored = [path for path in (cache / "checks" / "pages").rglob("*") if path.is_file()]
    assert {path.suffix for path in stored} == {".json", ".html"}  # drawn pages are HTML
    for entry in stored:
        entry.write_bytes(b"\x80\x04garbage, not JSON")
    again = build(config, tmp_path / "again")
    assert again.code == 0, again.err
    assert _pages(tmp_path / "again") == _pages(tmp_path / "first")
