"""Restricted values reach the internal account page, and nothing else of the site."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from generator.audience.policy import Audience
from tests.support.site_projects import build as build_site

if TYPE_CHECKING:
    from tests.audience.conftest import MarkedPlan


def build(repository: Path, *extra: str) -> Path:
    outcome = build_site(repository / "mkdocs.yml", repository / "site", *extra)
    assert outcome.code == 0, outcome.err
    return repository / "site"


def xlsx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as book:
        return "".join(book.read(name).decode("utf-8") for name in book.namelist())


def outside_account_pages(site: Path) -> dict[str, str]:
    """Every text file of the site but the account pages, by path."""
    texts = {}
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".csv", ".js"):
            relative = path.relative_to(site).as_posix()
            if not relative.startswith("accounts/"):
                texts[relative] = path.read_text("utf-8", errors="replace")
    texts["exports/portfolio.xlsx"] = xlsx_text(site / "exports" / "portfolio.xlsx")
    return texts


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, marked_plan: MarkedPlan,
          repository: Callable[[Path, dict[str, str]], Path]) -> dict[str, Path]:
    plans = {"jinghua-grid": marked_plan.text}
    default = repository(tmp_path_factory.mktemp("internal") / "repo", plans)
    full = repository(tmp_path_factory.mktemp("full") / "repo", plans)
    return {"internal": build(default), "internal-full": build(full, "--audience", "internal-full")}


def test_restricted_markers_show_on_the_account_page(sites: dict[str, Path],
                                                    marked_plan: MarkedPlan) -> None:
    page = (sites["internal"] / "accounts" / "jinghua-grid.html").read_text("utf-8")
    restricted = marked_plan.markers_for(Audience.RESTRICTED)
    assert restricted  # every stakeholder's own notes
    assert [m for m in restricted if m not in page] == []
    assert "skeptic" in page  # a stance, which no marker can carry
    assert "<code>audience</code></dt><dd>internal" in page  # the item's own audience
    assert "<code>audience</code>: restricted" in page


def test_no_restricted_marker_reaches_search_exports_or_portfolio(sites: dict[str, Path],
                                                                 marked_plan: MarkedPlan) -> None:
    restricted = marked_plan.markers_for(Audience.RESTRICTED)
    texts = outside_account_pages(sites["internal"])
    assert "search/search_index.json" in texts and "exports/portfolio.csv" in texts
    assert "portfolio/renewals.html" in texts and "managers/index.html" in texts
    leaks = [(marker, name) for name, text in texts.items() for marker in restricted
             if marker in text]
    assert leaks == []
    # internal values still reach the search index: only restricted ones are held back
    index = texts["search/search_index.json"]
    assert any(marker in index for marker in marked_plan.markers_for(Audience.INTERNAL))


def test_internal_full_puts_restricted_values_in_the_search_index(sites: dict[str, Path],
                                                                  marked_plan: MarkedPlan) -> None:
    index = (sites["internal-full"] / "search" / "search_index.json").read_text("utf-8")
    restricted = marked_plan.markers_for(Audience.RESTRICTED)
    indexed = {m: v.path for m, v in restricted.items()
               if v.path.endswith(("x_note", ".name", ".title"))}
    assert "stakeholders[2].name" in indexed.values()
    assert [path for marker, path in indexed.items() if marker not in index] == []


def test_a_cached_internal_full_build_never_leaks_into_the_next_internal_one(
        tmp_path: Path, marked_plan: MarkedPlan,
        repository: Callable[[Path, dict[str, str]], Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The same repository and page cache, built with --audience internal-full, then not."""
    monkeypatch.setenv("PLANBOOK_CACHE_DIR", str(tmp_path / "cache"))
    repo = repository(tmp_path / "repo", {"jinghua-grid": marked_plan.text})
    restricted = marked_plan.markers_for(Audience.RESTRICTED)
    full = build(repo, "--audience", "internal-full")
    assert any(m in (full / "search" / "search_index.json").read_text("utf-8")
               for m in restricted)
    internal = build(repo)
    texts = outside_account_pages(internal)
    assert [(m, name) for name, text in texts.items() for m in restricted if m in text] == []
