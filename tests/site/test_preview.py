"""The live preview writes a saved plan's page at once: the page the full build makes.

Only when that is sure — a few existing plans changed, each still valid with
the same account and owner — otherwise it writes nothing and leaves it to the
full rebuild.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator.mkdocs_plugin import PlanbookPlugin
from generator.site import preview as preview_module
from generator.site.build import planbook_plugin
from generator.site.preview import preview_saved_plans
from tests.support.site_projects import AS_OF, EXAMPLE_PLAN, SAMPLE_PLANS, make_project

PAGE = "accounts/jinghua-grid.html"


def _build(config_file: Path, site: Path) -> PlanbookPlugin:
    config = load_config(str(config_file))
    config.site_dir = str(site)
    mkdocs_build(config)
    return planbook_plugin(config)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PLANBOOK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("PLANBOOK_AS_OF", AS_OF)
    return make_project(tmp_path / "repo", (*SAMPLE_PLANS, EXAMPLE_PLAN))


def _edit(plan: Path, old: str, new: str) -> None:
    text = plan.read_text("utf-8")
    assert old in text
    plan.write_text(text.replace(old, new), "utf-8")


@pytest.mark.parametrize("cache", ["on", "off"])
def test_a_saved_plan_is_previewed_as_the_full_build_draws_it(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: str) -> None:
    monkeypatch.setenv("PLANBOOK_CACHE", cache)
    served = tmp_path / "served"
    plugin = _build(project, served)
    before = {path: path.read_bytes() for path in served.rglob("*") if path.is_file()}
    _edit(project.parent / "plans" / EXAMPLE_PLAN.name, "Jinghua Power Grid Co., Ltd.",
          "Jinghua Smart Grid Co., Ltd.")

    assert preview_saved_plans(plugin, served) == ["accounts/jinghua-grid.md"]

    _build(project, tmp_path / "full")
    page = (served / PAGE).read_bytes()
    assert b"Jinghua Smart Grid" in page
    assert page == (tmp_path / "full" / PAGE).read_bytes()
    # Nothing else in the served site moved.
    after = {path: path.read_bytes() for path in served.rglob("*") if path.is_file()}
    assert {path for path in after if after[path] != before.get(path)} == {served / PAGE}


def test_nothing_saved_nothing_previewed(project: Path, tmp_path: Path) -> None:
    plugin = _build(project, tmp_path / "served")
    assert preview_saved_plans(plugin, tmp_path / "served") == []


def _untouched(plugin: PlanbookPlugin, served: Path) -> None:
    before = (served / PAGE).read_bytes()
    assert preview_saved_plans(plugin, served) == []
    assert (served / PAGE).read_bytes() == before


def test_a_new_plan_is_left_to_the_full_build(project: Path, tmp_path: Path) -> None:
    plugin = _build(project, tmp_path / "served")
    plans = project.parent / "plans"
    _edit(plans / EXAMPLE_PLAN.name, "Jinghua Power Grid Co., Ltd.", "Jinghua Smart Grid")
    shutil.copy(plans / EXAMPLE_PLAN.name, plans / "jinghua-copy.yaml")
    _untouched(plugin, tmp_path / "served")


def test_a_new_account_id_or_owner_is_left_to_the_full_build(project: Path,
                                                             tmp_path: Path) -> None:
    plugin = _build(project, tmp_path / "served")
    plan = project.parent / "plans" / EXAMPLE_PLAN.name
    original = plan.read_text("utf-8")
    _edit(plan, "id: jinghua-grid", "id: jinghua-power")
    _untouched(plugin, tmp_path / "served")
    plan.write_text(original, "utf-8")
    owner = next(line for line in original.splitlines() if line.strip().startswith("owner:"))
    _edit(plan, owner, owner.split(":")[0] + ": Somebody Else")
    _untouched(plugin, tmp_path / "served")


def test_a_plan_broken_by_the_save_is_left_to_the_full_build(project: Path,
                                                             tmp_path: Path) -> None:
    plugin = _build(project, tmp_path / "served")
    (project.parent / "plans" / EXAMPLE_PLAN.name).write_text("account: [unclosed\n", "utf-8")
    _untouched(plugin, tmp_path / "served")


def test_many_plans_saved_at_once_are_left_to_the_full_build(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(preview_module, "PREVIEW_LIMIT", 1)
    plugin = _build(project, tmp_path / "served")
    plans = project.parent / "plans"
    for plan in (plans / EXAMPLE_PLAN.name, plans / SAMPLE_PLANS[0].name):
        plan.write_text(plan.read_text("utf-8") + "\n# saved again\n", "utf-8")
    _untouched(plugin, tmp_path / "served")


def test_a_failed_preview_is_logged_through_the_terminal_door(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """A preview that fails says why in the log, with a plan's control characters escaped."""
    import threading
    from types import SimpleNamespace

    from generator.site import serve as serve_module

    def failing(plugin: object, site: Path) -> list[str]:
        raise ValueError("bad value \x1b[2J\u202eevil")

    monkeypatch.setattr(serve_module, "preview_saved_plans", failing)
    builds = serve_module._Builds(tmp_path / "mkdocs.yml", "127.0.0.1:0", tmp_path / "site")
    builds.last = object()  # type: ignore[assignment]  # a last build: the preview is tried
    builds.server = SimpleNamespace(  # type: ignore[assignment]
        _epoch_cond=threading.Condition(), _wanted_epoch=0, _visible_epoch=0)
    with caplog.at_level("WARNING", logger="mkdocs.planbook"):
        assert builds._preview() == []
    [record] = caplog.records
    assert "no preview (ValueError: bad value" in record.getMessage()
    assert "\x1b" not in record.getMessage() and "\u202e" not in record.getMessage()
