"""Only regular files inside the repository are read as plans, and never more
than the size limit plus one byte: links out of the repository, devices and
named pipes are findings on their file, never a hang."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import generator.loader as loader
from generator.cli import main
from generator.loader import MAX_FILE_BYTES, read_plan_bytes

EXAMPLE = Path(__file__).parent / "fixtures" / "example-plan" / "jinghua-grid.yaml"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository (mkdocs.yml, plans/) holding the example plan, as the working folder."""
    root = tmp_path / "repo"
    (root / "plans").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: plans\n", "utf-8")
    shutil.copy(EXAMPLE, root / "plans" / "jinghua-grid.yaml")
    monkeypatch.chdir(root)
    return root


def _check(capsys: pytest.CaptureFixture[str], folder: Path) -> list[dict[str, object]]:
    code = main(["check", str(folder), "--as-of", "2026-11-27", "--format", "json"])
    assert code in (0, 1)
    findings: list[dict[str, object]] = json.loads(capsys.readouterr().out)["findings"]
    return findings


def test_a_link_out_of_the_repository_is_not_read(repo: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "outside" / "secret-bank.yaml"
    secret.parent.mkdir()
    secret.write_text(EXAMPLE.read_text("utf-8").replace("jinghua-grid", "secret-bank"), "utf-8")
    (repo / "plans" / "secret-bank.yaml").symlink_to(secret)
    findings = _check(capsys, repo / "plans")
    [refused] = [f for f in findings if str(f["file"]).endswith("secret-bank.yaml")]
    assert refused["rule"] == "yaml-unsafe" and refused["line"] == 1
    assert "symbolic link" in str(refused["message"]) and "outside the repository" in str(
        refused["message"])
    assert refused["account"] is None   # nothing of it was read


def test_a_link_inside_the_repository_is_read(repo: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    archive = repo / "archive"
    archive.mkdir()
    shutil.move(repo / "plans" / "jinghua-grid.yaml", archive / "jinghua-grid.yaml")
    (repo / "plans" / "jinghua-grid.yaml").symlink_to(Path("..") / "archive" / "jinghua-grid.yaml")
    findings = _check(capsys, repo / "plans")
    assert [f["rule"] for f in findings if not f["waived"]] == []


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_link_to_dev_zero_is_refused_without_reading(repo: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    (repo / "plans" / "zero.yaml").symlink_to("/dev/zero")
    findings = _check(capsys, repo / "plans")
    [refused] = [f for f in findings if str(f["file"]).endswith("zero.yaml")]
    assert refused["rule"] == "yaml-unsafe"


def test_a_folder_named_like_a_plan_is_a_finding(repo: Path) -> None:
    (repo / "plans" / "odd.yaml").mkdir()
    raw, refused = read_plan_bytes(repo / "plans" / "odd.yaml")
    assert raw is None and refused is not None
    assert "a folder, not a plain file" in refused.problems[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_a_finding_not_a_hang(repo: Path) -> None:
    os.mkfifo(repo / "plans" / "pipe.yaml")
    # In a child process with a timeout: a regression would hang, not fail.
    done = subprocess.run(
        [sys.executable, "-m", "generator", "check", "plans", "--as-of", "2026-11-27",
         "--format", "json"],
        cwd=repo, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    findings = json.loads(done.stdout)["findings"]
    [refused] = [f for f in findings if f["file"].endswith("pipe.yaml")]
    assert "named pipe" in refused["message"]
    assert any(f["file"].endswith("jinghua-grid.yaml") for f in findings)


def test_reading_stops_one_byte_past_the_limit(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # A file that claims to be small (it grew after fstat) is read only up to
    # the limit plus one byte, then refused.
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_FILE_BYTES * 3))
    real_fstat = os.fstat
    sizes: list[int] = []

    def small_fstat(fd: int) -> os.stat_result:
        result = real_fstat(fd)
        fields = list(result)
        fields[6] = 10  # st_size
        return os.stat_result(fields)

    real_fdopen = os.fdopen

    def counting_fdopen(fd: int, mode: str) -> object:
        stream = real_fdopen(fd, mode)
        read = stream.read

        def counted(size: int = -1) -> bytes:
            data: bytes = read(size)
            sizes.append(len(data))
            return data

        stream.read = counted  # type: ignore[method-assign]
        return stream

    monkeypatch.setattr(loader.os, "fstat", small_fstat)
    monkeypatch.setattr(loader.os, "fdopen", counting_fdopen)
    raw, refused = read_plan_bytes(big)
    assert raw is None and refused is not None
    assert refused.problems[0].message == "the file is larger than 1 MiB"
    assert sizes == [MAX_FILE_BYTES + 1]


def test_check_reports_a_folder_named_like_a_plan(repo: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    # QA: discovery walked past it, so the loader's finding never reached the report.
    (repo / "plans" / "odd.yaml").mkdir()
    findings = _check(capsys, repo / "plans")
    [refused] = [f for f in findings if str(f["file"]).endswith("odd.yaml")]
    assert refused["rule"] == "yaml-unsafe"
    assert "a folder, not a plain file" in str(refused["message"])


def test_check_of_a_folder_named_like_a_plan_reports_it(repo: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    # QA: `planbook check plans/odd.yaml` said "0 plans checked" and exit 0.
    (repo / "plans" / "odd.yaml").mkdir()
    [refused] = _check(capsys, repo / "plans" / "odd.yaml")
    assert refused["rule"] == "yaml-unsafe"
