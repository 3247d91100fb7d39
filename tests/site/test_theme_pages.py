"""Pages drawn with the theme's template outside MkDocs' pass are redrawn when anything
around them changes: the site's settings, the navigation, the theme's templates."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import Environment
from markupsafe import Markup

from generator.site.theme_pages import fold_whitespace
from tests.support.site_projects import EXAMPLE_PLAN, build, make_project

ACCOUNT_PAGE = Path("accounts") / "jinghua-grid.html"


def _html_pages(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*.html"))}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PLANBOOK_CACHE_DIR", str(tmp_path / "cache"))
    config = make_project(tmp_path / "repo", (EXAMPLE_PLAN,))
    first = build(config, tmp_path / "first")
    assert first.code == 0, first.err
    return config


def _rebuilt_like_a_cold_build(config: Path, tmp_path: Path) -> dict[str, bytes]:
    again = build(config, tmp_path / "again")
    cold = build(config, tmp_path / "cold", "--no-cache")
    assert again.code == 0 and cold.code == 0, (again.err, cold.err)
    pages = _html_pages(tmp_path / "again")
    assert pages == _html_pages(tmp_path / "cold")
    return pages


def test_a_new_site_name_reaches_every_stored_page(project: Path, tmp_path: Path) -> None:
    text = project.read_text("utf-8")
    project.write_text(text.replace("site_name: Account plans", "site_name: Key accounts"),
                       "utf-8")
    pages = _rebuilt_like_a_cold_build(project, tmp_path)
    assert b"Key accounts" in pages[ACCOUNT_PAGE.as_posix()]


def test_a_new_guide_page_reaches_the_navigation_of_every_stored_page(
        project: Path, tmp_path: Path) -> None:
    guide = project.parent / "docs" / "guide" / "zz-renewal-playbook.md"
    guide.write_text("# Renewal playbook\n\nHow we renew.\n", "utf-8")
    pages = _rebuilt_like_a_cold_build(project, tmp_path)
    assert b"Renewal playbook" in pages[ACCOUNT_PAGE.as_posix()]


def test_a_changed_theme_template_reaches_every_stored_page(project: Path,
                                                            tmp_path: Path) -> None:
    overrides = project.parent / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}\n{% block announce %}Quarter close on Friday{% endblock %}\n',
        "utf-8")
    text = project.read_text("utf-8")
    project.write_text(text.replace("  name: material\n", "  name: material\n"
                                    "  custom_dir: overrides\n"), "utf-8")
    pages = _rebuilt_like_a_cold_build(project, tmp_path)
    assert b"Quarter close on Friday" in pages[ACCOUNT_PAGE.as_posix()]

    # The template alone changes (mkdocs.yml does not): the pages follow it.
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}\n{% block announce %}Forecast call moved{% endblock %}\n',
        "utf-8")
    pages = _rebuilt_like_a_cold_build(project, tmp_path)
    assert b"Forecast call moved" in pages[ACCOUNT_PAGE.as_posix()]


@given(st.text(alphabet=st.sampled_from(" \t\nab<>/\"=é中"), max_size=80))
def test_folding_the_chrome_is_what_the_template_expression_did(chrome: str) -> None:
    """The filter replaced `split(" ") | select | join(" ")` in main.html, byte for byte."""
    template = Environment().from_string(
        '{{ chrome.replace("\\n", " ").replace("\\t", " ").split(" ") | select | join(" ") }}')
    assert fold_whitespace(chrome) == template.render(chrome=chrome)
    assert isinstance(fold_whitespace(Markup(chrome)), Markup)
