"""`planbook render`: writes the pages, rewrites only changes, refuses bad --out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main

EXAMPLE = Path(__file__).parents[1] / "fixtures" / "example-plan" / "jinghua-grid.yaml"
AS_OF = ["--as-of", "2026-11-27"]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with one plan, as the working folder."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "plans").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "plans" / "jinghua-grid.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_writes_pages_into_build_pages_by_default(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", *AS_OF]) == 0
    out = capsys.readouterr().out
    # account, home, managers, one manager, standards and six portfolio views
    assert "rendered 11 pages into build/pages: 11 written, 0 unchanged" in out
    page = repo / "build" / "pages" / "accounts" / "jinghua-grid.md"
    assert page.read_text("utf-8").startswith("---\ntitle: Jinghua Power Grid Co., Ltd.\n")
    assert not (repo / "docs").exists()


def test_second_run_rewrites_nothing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["render", *AS_OF])
    capsys.readouterr()
    assert main(["render", *AS_OF]) == 0
    assert "0 written, 11 unchanged" in capsys.readouterr().out


def test_a_changed_plan_rewrites_its_pages_only(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["render", *AS_OF])
    plan = repo / "plans" / "jinghua-grid.yaml"
    plan.write_text(plan.read_text("utf-8").replace("Head of Procurement",
                                                    "Chief Procurement Officer"), "utf-8")
    capsys.readouterr()
    main(["render", *AS_OF])
    # A stakeholder's title shows on the account page only.
    assert "1 written, 10 unchanged" in capsys.readouterr().out


def test_removed_plan_removes_its_page(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["render", "--out", "site-pages", *AS_OF])
    (repo / "plans" / "jinghua-grid.yaml").unlink()
    capsys.readouterr()
    assert main(["render", "--out", "site-pages", *AS_OF]) == 0
    assert "2 removed" in capsys.readouterr().out  # the account and its manager
    assert not (repo / "site-pages" / "accounts").exists()


@pytest.mark.parametrize("out", ["plans", "plans/pages", ".", "..", "plans/../plans"])
def test_refuses_to_write_among_plans_or_over_the_repository(
        repo: Path, capsys: pytest.CaptureFixture[str], out: str) -> None:
    assert main(["render", "--out", out, *AS_OF]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"planbook: --out {out}: refusing to write pages")
    assert "Traceback" not in err
    assert sorted(p.name for p in (repo / "plans").iterdir()) == ["jinghua-grid.yaml"]


def test_refuses_an_out_inside_a_plan_folder_given_on_the_command_line(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = repo / "more-plans"
    other.mkdir()
    shutil.copy(EXAMPLE, other / "jinghua-grid.yaml")
    assert main(["render", "more-plans", "--out", "more-plans/out", *AS_OF]) == 2
    assert "where plans live" in capsys.readouterr().err


def test_refuses_an_out_that_is_a_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "notes.txt").write_text("x", "utf-8")
    assert main(["render", "--out", "notes.txt", *AS_OF]) == 2
    assert "is a file" in capsys.readouterr().err


def test_bad_as_of_and_missing_path_are_usage_errors(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:   # argparse refuses it (usage error)
        main(["render", "--as-of", "27/11/2026"])
    assert stopped.value.code == 2
    assert "not a date" in capsys.readouterr().err
    assert main(["render", "nowhere", *AS_OF]) == 2
    assert "nowhere: no such file or folder" in capsys.readouterr().err


def test_refuses_the_folder_of_a_plan_file_named_alone(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "loose").mkdir()
    shutil.copy(EXAMPLE, repo / "loose" / "jinghua-grid.yaml")
    assert main(["render", "loose/jinghua-grid.yaml", "--out", "loose", *AS_OF]) == 2
    assert "beside the plan" in capsys.readouterr().err
    assert main(["render", "loose/jinghua-grid.yaml", "--out", "loose-pages", *AS_OF]) == 0


# -- hand-written pages are never overwritten ------------------------------------

@pytest.fixture
def hand_written(repo: Path) -> dict[Path, str]:
    pages = {repo / "docs" / "index.md": "# Welcome (hand-written)\n",
             repo / "docs" / "standards" / "index.md": "# Our standards, in our words\n"}
    for page, text in pages.items():
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text, "utf-8")
    return pages


@pytest.mark.parametrize("out", ["docs", "docs/generated", "."])
def test_render_refuses_the_docs_folder(repo: Path, hand_written: dict[Path, str],
                                        capsys: pytest.CaptureFixture[str], out: str) -> None:
    assert main(["render", "--out", out, *AS_OF]) == 2
    assert "Traceback" not in capsys.readouterr().err
    for page, text in hand_written.items():
        assert page.read_text("utf-8") == text


def test_render_never_replaces_a_file_it_did_not_write(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = repo / "pages" / "index.md"
    mine.parent.mkdir()
    mine.write_text("# mine\n", "utf-8")
    assert main(["render", "--out", "pages", *AS_OF]) == 2
    err = capsys.readouterr().err
    assert "was not written by planbook" in err
    assert mine.read_text("utf-8") == "# mine\n"
    assert not (repo / "pages" / "accounts").exists()   # nothing half written
