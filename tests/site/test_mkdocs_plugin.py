"""The planbook plugin under plain MkDocs: pages generated in memory, the as-of
date from mkdocs.yml or PLANBOOK_AS_OF, and the plans watched while serving."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.mkdocs_plugin import PlanbookPlugin
from tests.support.site_projects import EXAMPLE_PLAN, make_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "repo", [EXAMPLE_PLAN])


def mkdocs_build(config_file: Path) -> PlanbookPlugin:
    config = load_config(str(config_file))
    build(config)
    plugin = config.plugins["planbook"]
    assert isinstance(plugin, PlanbookPlugin)
    return plugin


def account_page(project: Path) -> str:
    return (project.parent / "site" / "accounts" / "jinghua-grid.html").read_text("utf-8")


def test_plain_mkdocs_build_generates_the_pages_in_memory(project: Path) -> None:
    docs = project.parent / "docs"
    before = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*"))
    plugin = mkdocs_build(project)
    assert (project.parent / "site" / "index.html").is_file()
    assert "Jinghua Power Grid" in account_page(project)
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*")) == before
    assert plugin.last_run is not None
    assert plugin.last_run.result.summary.plans == 1
    assert "accounts/jinghua-grid.md" in plugin.generated


def test_as_of_from_mkdocs_yml(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLANBOOK_AS_OF", raising=False)
    project.write_text(project.read_text("utf-8").replace(
        '# as_of: "2026-11-27"', 'as_of: "2026-11-27"'), "utf-8")
    mkdocs_build(project)
    assert "as of 2026-11-27" in account_page(project)


def test_planbook_as_of_variable_wins_over_mkdocs_yml(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project.write_text(project.read_text("utf-8").replace(
        '# as_of: "2026-11-27"', 'as_of: "2026-01-01"'), "utf-8")
    monkeypatch.setenv("PLANBOOK_AS_OF", "2026-11-27")
    mkdocs_build(project)
    assert "as of 2026-11-27" in account_page(project)


def test_a_bad_as_of_variable_stops_the_build_with_its_name(
        project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("PLANBOOK_AS_OF", "next tuesday")
    with pytest.raises(Abort):
        mkdocs_build(project)
    assert "PLANBOOK_AS_OF: `next tuesday` is not a date" in caplog.text


def test_a_separator_without_zero_width_space_is_warned_about(
        project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("PLANBOOK_AS_OF", "2026-11-27")
    text = project.read_text("utf-8")
    start = text.index("      separator:")
    end = text.index("\n", start)
    project.write_text(text[:start] + "      separator: '[\\s\\-]+'" + text[end:], "utf-8")
    with caplog.at_level(logging.WARNING):
        mkdocs_build(project)
    assert "does not split on \\u200b" in caplog.text


class RecordingServer:
    """Stands in for MkDocs' LiveReloadServer: remembers what it was told to watch."""

    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str, func: object = None, recursive: bool = True) -> None:
        self.watched.append(path)


def test_serving_watches_the_plans_and_the_standards(project: Path) -> None:
    config = load_config(str(project))
    plugin = config.plugins["planbook"]
    assert isinstance(plugin, PlanbookPlugin)
    config = config.plugins.on_config(config)
    server = RecordingServer()
    assert plugin.on_serve(server, config=config, builder=lambda: None) is server  # type: ignore[arg-type]
    root = project.parent
    assert [Path(p) for p in server.watched] == [root / "plans", root / "standards.yaml"]
