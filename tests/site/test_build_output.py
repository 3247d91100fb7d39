"""Build output: clear messages for an unusable --out, a site readable as the
umask says, no half-built folder left on any way out, and the leftovers of a
killed build removed by the next one."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
from pathlib import Path

import pytest

import generator.site.build as site_build
from tests.support.site_projects import EXAMPLE_PLAN, build, make_project

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "repo", [EXAMPLE_PLAN])


def _work_folders(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()
                  if ".building-" in p.name or ".previous-" in p.name)


def test_out_under_a_file_is_a_clear_message(project: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    outcome = build(project, blocker / "site")
    assert outcome.code == 2 and "Traceback" not in outcome.err
    assert "cannot create the site folder there" in outcome.err


def test_an_unwritable_out_is_a_clear_message(project: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # (The tests may run as root, whom a read-only folder does not stop.)
    def refused(*args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(site_build.tempfile, "mkdtemp", refused)
    outcome = build(project, tmp_path / "site")
    assert outcome.code == 2 and "Traceback" not in outcome.err
    assert "cannot create the site folder there (Permission denied)" in outcome.err


def test_the_site_is_readable_as_the_umask_says(project: Path, tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        out = tmp_path / "site"
        assert build(project, out).code == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    for path in out.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o044 == 0o044, (path, oct(mode))   # group and others may read
        if path.is_dir():
            assert mode & 0o011 == 0o011, (path, oct(mode))


@pytest.mark.parametrize("stop", [KeyboardInterrupt, "sigterm", RuntimeError])
def test_no_half_built_folder_is_left_on_any_way_out(project: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     stop: object) -> None:
    def interrupted(config: object) -> None:
        if stop == "sigterm":
            os.kill(os.getpid(), signal.SIGTERM)
        raise stop  # type: ignore[misc]

    monkeypatch.setattr(site_build, "mkdocs_build", interrupted)
    out = tmp_path / "site"
    expected = {KeyboardInterrupt: 130, "sigterm": 128 + signal.SIGTERM, RuntimeError: 1}
    assert build(project, out).code == expected[stop]  # type: ignore[index]
    assert _work_folders(tmp_path) == []
    assert not out.exists()
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_the_next_build_removes_what_a_killed_build_left(project: Path,
                                                         tmp_path: Path) -> None:
    gone_pid = 2 ** 22 + 17   # above the usual pid_max: no such process
    left = [tmp_path / f".site.building-{gone_pid}-x1y2",
            tmp_path / f".site.previous-{gone_pid}-z3"]
    for folder in left:
        (folder / "accounts").mkdir(parents=True)
        (folder / "accounts" / "secret.html").write_text("half a site", "utf-8")
    running = tmp_path / f".site.building-{os.getppid()}-live"   # a build still running
    running.mkdir()
    assert build(project, tmp_path / "site").code == 0
    assert _work_folders(tmp_path) == [running.name]


def test_git_ignores_the_work_folders() -> None:
    for name in (".site.building-123-abc/index.html", ".site.previous-9-x/a.html"):
        ignored = subprocess.run(["git", "check-ignore", "--no-index", "-q", name], cwd=REPO,
                                 check=False)
        assert ignored.returncode == 0, name
