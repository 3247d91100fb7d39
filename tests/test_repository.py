"""The repository root: found from the working folder, as git and ruff find theirs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator import repository
from generator.cli import main
from tests.support import EXAMPLE

DEFAULTS = Path(__file__).parents[1] / "generator" / "standards" / "defaults.yaml"
#: standards that make the example plan fail one rule the defaults let pass
STRICT_STANDARDS = DEFAULTS.read_text("utf-8").replace("review_max_age_days: 90",
                                                       "review_max_age_days: 1")


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A plans repository: plans/ with the example plan, standards.yaml, a subfolder."""
    root = tmp_path / "repo"
    (root / "plans").mkdir(parents=True)
    (root / "docs" / "guide").mkdir(parents=True)
    shutil.copy(EXAMPLE, root / "plans" / EXAMPLE.name)
    (root / "standards.yaml").write_text(STRICT_STANDARDS, encoding="utf-8")
    return root


@pytest.mark.parametrize("where", [".", "plans", "docs/guide"])
def test_root_is_the_nearest_folder_holding_plans(checkout: Path, where: str) -> None:
    assert repository.find_root(checkout / where) == checkout
    assert repository.standards_path(checkout / where) == checkout / "standards.yaml"
    assert repository.people_path(checkout / where) == checkout / "people.yaml"
    assert repository.plans_path(checkout / where) == checkout / "plans"


def test_mkdocs_yml_marks_a_root_too(tmp_path: Path) -> None:
    (tmp_path / "site-only" / "docs").mkdir(parents=True)
    (tmp_path / "site-only" / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert repository.find_root(tmp_path / "site-only" / "docs") == tmp_path / "site-only"


def test_no_root_falls_back_to_the_working_folder(tmp_path: Path) -> None:
    assert repository.find_root(tmp_path) is None or repository.find_root(tmp_path) != tmp_path
    lonely = tmp_path / "lonely"
    lonely.mkdir()
    found = repository.find_root(lonely)
    assert repository.root(lonely) == (found if found is not None else lonely)


def _check_json(folder: Path, monkeypatch: pytest.MonkeyPatch,
                capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[tuple]]:
    monkeypatch.chdir(folder)
    code = main(["check", "--format", "json", *args])
    findings = json.loads(capsys.readouterr().out)["findings"]
    return code, sorted((Path(f["file"]).name, f["rule"], f["line"], f["message"])
                        for f in findings)


def test_check_from_plans_and_from_the_root_give_the_same_result(
        checkout: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv(repository.AS_OF_VARIABLE, "2026-11-27")
    from_root = _check_json(checkout, monkeypatch, capsys)
    from_plans = _check_json(checkout / "plans", monkeypatch, capsys)
    from_docs = _check_json(checkout / "docs" / "guide", monkeypatch, capsys)
    assert from_root == from_plans == from_docs
    # the repository's standards.yaml was used, not the built-in defaults
    assert "plan-current" in {rule for _, rule, _, _ in from_root[1]}


def test_check_honours_planbook_as_of(checkout: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(DEFAULTS, checkout / "standards.yaml")
    monkeypatch.setenv(repository.AS_OF_VARIABLE, "2026-11-27")
    _, then = _check_json(checkout, monkeypatch, capsys)
    monkeypatch.setenv(repository.AS_OF_VARIABLE, "2031-01-01")
    _, later = _check_json(checkout, monkeypatch, capsys)
    assert "plan-current" not in {rule for _, rule, _, _ in then}
    assert "plan-current" in {rule for _, rule, _, _ in later}
    # --as-of wins over the environment
    _, explicit = _check_json(checkout, monkeypatch, capsys, "--as-of", "2026-11-27")
    assert explicit == then


def test_bad_planbook_as_of_is_a_usage_error(checkout: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(checkout)
    monkeypatch.setenv(repository.AS_OF_VARIABLE, "27/11/2026")
    assert main(["check"]) == 2
    assert "PLANBOOK_AS_OF" in capsys.readouterr().err


@pytest.mark.parametrize(("config", "url"), [
    ("site_name: x\nsite_url: https://plans.example.com/sales\n",
     "https://plans.example.com/sales/standards/"),
    ("site_url: 'https://plans.example.com/'\nuse_directory_urls: false\n",
     "https://plans.example.com/standards/index.html"),
    ("site_name: x\n", None),
])
def test_standards_page_url_comes_from_site_url(checkout: Path, config: str,
                                                url: str | None) -> None:
    (checkout / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert repository.standards_page_url(checkout / "plans") == url


def test_sarif_rules_link_to_their_standard(checkout: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    (checkout / "mkdocs.yml").write_text(
        "site_name: x\nsite_url: https://plans.example.com/\n"
        "theme: {name: material, icon: !!python/name:material.extensions.emoji.twemoji}\n",
        encoding="utf-8")
    monkeypatch.chdir(checkout / "plans")
    main(["check", "--format", "sarif", "--as-of", "2026-11-27"])
    rules = json.loads(capsys.readouterr().out)["runs"][0]["tool"]["driver"]["rules"]
    assert rules and all(r["helpUri"] == f"https://plans.example.com/standards/#{r['id']}"
                         for r in rules)


def test_standards_page_names_no_folder_of_the_build_machine(checkout: Path) -> None:
    from generator.checker import check_paths
    from generator.render.pages import render_pages
    from generator.standards.config import load_standards
    from tests.support import AS_OF

    standards = load_standards(checkout / "standards.yaml")
    pages = render_pages(check_paths([checkout / "plans"], standards, AS_OF), standards, AS_OF)
    page = pages["standards/index.md"]
    assert "standards in force (standards\\.yaml)" in page  # Markdown-escaped
    assert str(checkout) not in page and str(checkout.parent) not in page


def test_new_from_a_subfolder_writes_into_the_repository_plans(
        checkout: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(checkout / "docs" / "guide")
    assert main(["new", "acme-bank", "--fiscal-year", "FY2027"]) == 0
    assert (checkout / "plans" / "acme-bank.yaml").is_file()
    assert not (checkout / "docs" / "guide" / "plans").exists()
    capsys.readouterr()


def test_the_plugin_finds_people_yaml_at_the_root(checkout: Path) -> None:
    from mkdocs.config import load_config

    from generator.mkdocs_plugin import PlanbookPlugin

    (checkout / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - planbook\n", encoding="utf-8")
    config = load_config(str(checkout / "mkdocs.yml"))
    plugin = next(p for p in config.plugins.values() if isinstance(p, PlanbookPlugin))
    plugin.on_config(config)
    assert plugin.people_file == checkout / "people.yaml"
    assert plugin.standards_file == checkout / "standards.yaml"


def test_render_from_plans_writes_to_the_repository_build_folder(
        checkout: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(checkout / "plans")
    assert main(["render", "--as-of", "2026-11-27"]) == 0
    assert (checkout / "build" / "pages" / "standards" / "index.md").is_file()
    assert not (checkout / "plans" / "build").exists()
    assert "into ../build/pages" in capsys.readouterr().out
