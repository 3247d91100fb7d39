"""`planbook build`: exit codes, the atomic swap, refused output folders, and
never writing where the plans live."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

import generator.site.build as site_build
from tests.support.site_projects import (
    AS_OF,
    EXAMPLE_PLAN,
    SAMPLE_PLANS,
    build,
    make_project,
    planbook,
)

AS_OF_ARG = ("--as-of", AS_OF)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A repository with the sample plans and the example plan; its mkdocs.yml."""
    return make_project(tmp_path / "repo")


@pytest.fixture
def clean_project(tmp_path: Path) -> Path:
    """A repository whose only plan (the spec's example) meets every standard."""
    return make_project(tmp_path / "clean", [EXAMPLE_PLAN])


def previous_site(folder: Path) -> Path:
    """A site folder as a previous build left it, with a marker to look for."""
    folder.mkdir(parents=True)
    (folder / "index.html").write_text("<p>yesterday's site</p>", "utf-8")
    marker = folder / "marker.txt"
    marker.write_text("previous build", "utf-8")
    return marker


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# -- building ------------------------------------------------------------------

def test_build_publishes_every_plan_and_reports_a_summary(project: Path) -> None:
    out = project.parent / "site"
    outcome = build(project, out)
    assert outcome.code == 0, outcome.err
    for plan in (*SAMPLE_PLANS, EXAMPLE_PLAN):
        assert (out / "accounts" / f"{plan.stem}.html").is_file()
    assert (out / "index.html").is_file()
    assert (out / "standards" / "index.html").is_file()
    assert (out / "managers" / "index.html").is_file()
    lines = outcome.out.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("planbook: built ")
    assert "7 plans checked: 2 errors, 5 warnings, 2 waived" in lines[0]


def test_findings_do_not_stop_the_build(project: Path) -> None:
    # The sample plans have errors; without --strict they are published, showing them.
    assert build(project, project.parent / "site").code == 0


def test_strict_fails_on_findings_and_keeps_the_previous_site(project: Path) -> None:
    out = project.parent / "site"
    marker = previous_site(out)
    outcome = build(project, out, "--strict")
    assert outcome.code == 1
    assert "cos-reciprocal" in outcome.err  # the failing findings are listed
    assert "was not replaced" in outcome.err
    assert marker.read_text("utf-8") == "previous build"
    assert leftovers(out.parent) == []


def test_strict_passes_a_clean_portfolio(clean_project: Path) -> None:
    outcome = build(clean_project, clean_project.parent / "site", "--strict")
    assert outcome.code == 0, outcome.err


def test_a_new_build_replaces_the_previous_site(project: Path) -> None:
    out = project.parent / "site"
    marker = previous_site(out)
    assert build(project, out).code == 0
    assert not marker.exists()
    assert (out / "accounts" / "jinghua-grid.html").is_file()
    assert leftovers(out.parent) == []


def test_default_output_is_site_beside_mkdocs_yml_from_any_folder(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project.parent / "docs")
    outcome = planbook("build", *AS_OF_ARG)
    assert outcome.code == 0, outcome.err
    assert (project.parent / "site" / "index.html").is_file()
    assert not (project.parent / "docs" / "site").exists()


def test_standards_option_changes_the_judgement(project: Path, tmp_path: Path) -> None:
    lenient = tmp_path / "lenient.yaml"
    text = (project.parent / "standards.yaml").read_text("utf-8")
    lenient.write_text(text.replace("rules: {}", "rules: {cos-reciprocal: off, "
                                    "ea-renewal: off}"), "utf-8")
    outcome = build(project, project.parent / "site", "--standards", lenient)
    assert outcome.code == 0, outcome.err
    assert "0 errors" in outcome.out


def test_the_build_never_writes_into_plans_or_docs(project: Path) -> None:
    plans, docs = project.parent / "plans", project.parent / "docs"
    before = (snapshot(plans), snapshot(docs))
    assert build(project, project.parent / "site").code == 0
    assert (snapshot(plans), snapshot(docs)) == before


# -- failed builds leave the previous site -------------------------------------

def test_broken_mkdocs_yml_leaves_the_previous_site(project: Path) -> None:
    out = project.parent / "site"
    marker = previous_site(out)
    project.write_text(project.read_text("utf-8") + "\nnav: {not: [a, list\n", "utf-8")
    outcome = build(project, out)
    assert outcome.code == 2
    assert "mkdocs.yml" in outcome.err
    assert "Traceback" not in outcome.err
    assert marker.read_text("utf-8") == "previous build"


def test_template_error_leaves_the_previous_site(project: Path) -> None:
    out = project.parent / "site"
    marker = previous_site(out)
    overrides = project.parent / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text('{% extends "base.html" %}{% block content %}'
                                         "{{ page.meta.missing.attribute }}{% endblock %}")
    project.write_text(project.read_text("utf-8").replace(
        "  name: material\n", "  name: material\n  custom_dir: overrides\n"), "utf-8")
    outcome = build(project, out)
    assert outcome.code == 1
    assert "could not be built" in outcome.err
    assert "Traceback" not in outcome.err
    assert marker.read_text("utf-8") == "previous build"
    assert sorted(os.listdir(out)) == ["index.html", "marker.txt"]
    assert leftovers(out.parent) == []


def test_a_crash_halfway_leaves_the_previous_site(project: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    out = project.parent / "site"
    marker = previous_site(out)

    def half_build(config: object) -> None:
        site_dir = Path(config.site_dir)  # type: ignore[attr-defined]
        (site_dir / "index.html").write_text("half", "utf-8")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(site_build, "mkdocs_build", half_build)
    outcome = build(project, out)
    assert outcome.code == 1
    assert "disk on fire" in outcome.err
    assert marker.read_text("utf-8") == "previous build"
    assert (out / "index.html").read_text("utf-8") == "<p>yesterday's site</p>"
    assert leftovers(out.parent) == []


def test_a_hand_written_page_where_a_page_is_generated_is_refused(project: Path) -> None:
    (project.parent / "docs" / "index.md").write_text("# My home\n", "utf-8")
    outcome = build(project, project.parent / "site")
    assert outcome.code == 1
    assert "docs/index.md is a hand-written page" in outcome.err


# -- refused output folders ----------------------------------------------------

@pytest.mark.parametrize("out", [
    "plans", "plans/site", "docs", "docs/site", ".", "..", ".git", "/",
])
def test_out_that_would_replace_sources_is_refused(project: Path, out: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root = project.parent
    (root / ".git").mkdir()
    monkeypatch.chdir(root)
    before = snapshot(root)
    outcome = planbook("build", "--out", out, *AS_OF_ARG)
    assert outcome.code == 2
    assert "--out" in outcome.err
    assert snapshot(root) == before
    assert leftovers(root) == [".git"]


def test_out_that_is_a_folder_of_other_files_is_refused(project: Path, tmp_path: Path) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "budget.xlsx").write_text("numbers", "utf-8")
    outcome = build(project, documents)
    assert outcome.code == 2
    assert "does not hold a built site" in outcome.err
    assert (documents / "budget.xlsx").read_text("utf-8") == "numbers"


def test_out_that_is_a_file_is_refused(project: Path, tmp_path: Path) -> None:
    file = tmp_path / "site"
    file.write_text("not a folder", "utf-8")
    assert build(project, file).code == 2


# -- usage and configuration errors --------------------------------------------

def test_bad_as_of_is_a_usage_error(project: Path) -> None:
    outcome = planbook("build", "--config", project, "--as-of", "27/11/2026")
    assert outcome.code == 2
    assert "YYYY-MM-DD" in outcome.err


def test_no_mkdocs_yml_is_a_usage_error(tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    outcome = planbook("build", *AS_OF_ARG)
    assert outcome.code == 2
    assert "no mkdocs.yml" in outcome.err


def test_missing_plans_folder_is_a_usage_error(project: Path) -> None:
    (project.parent / "plans").rename(project.parent / "old-plans")
    outcome = build(project, project.parent / "site")
    assert outcome.code == 2
    assert "plans folder does not exist" in outcome.err


def test_mkdocs_yml_without_the_plugin_is_a_usage_error(project: Path) -> None:
    project.write_text(project.read_text("utf-8").replace(
        "  - planbook:\n", "  - planbook:\n      enabled: false\n"), "utf-8")
    outcome = build(project, project.parent / "site")
    assert outcome.code == 2
    assert "planbook plugin" in outcome.err


def test_bad_standards_file_is_a_configuration_error(project: Path) -> None:
    (project.parent / "standards.yaml").write_text("standards: 1\nreview_max_age_days: soon\n",
                                                   "utf-8")
    outcome = build(project, project.parent / "site")
    assert outcome.code == 2
    assert "standards.yaml" in outcome.err
    assert "Traceback" not in outcome.err


def test_as_of_environment_variable_is_used_without_the_flag(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANBOOK_AS_OF", AS_OF)
    out = project.parent / "site"
    outcome = planbook("build", "--config", project, "--out", out)
    assert outcome.code == 0, outcome.err
    assert "as of 2026-11-27" in (out / "accounts" / "jinghua-grid.html").read_text("utf-8")


def test_output_is_created_with_its_parents(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "publish" / "plans-site"
    assert build(project, out).code == 0
    assert (out / "index.html").is_file()
    assert os.listdir(out.parent) == ["plans-site"]
