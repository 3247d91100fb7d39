"""Writing pages: only changed files are rewritten; only our own stale pages go."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.render import write_pages
from generator.render.writer import MANIFEST, PagePathError, sync_pages

PAGES = {
    "index.md": "# Home\n",
    "accounts/a.md": "# A\n",
    "accounts/b.md": "# B\n",
    "managers/li-wei.md": "# Li Wei\n",
}


def _age(paths: list[Path]) -> None:
    """Set mtimes in the past, so a rewrite shows as a newer mtime."""
    for path in paths:
        os.utime(path, (1_000_000_000, 1_000_000_000))


def test_first_write_creates_every_page(tmp_path: Path) -> None:
    written = write_pages(PAGES, tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == sorted(PAGES)
    assert (tmp_path / "accounts" / "a.md").read_text("utf-8") == "# A\n"
    assert (tmp_path / MANIFEST).read_text("utf-8").splitlines() == sorted(PAGES)


def test_only_changed_pages_are_rewritten(tmp_path: Path) -> None:
    write_pages(PAGES, tmp_path)
    files = [tmp_path / name for name in PAGES]
    _age(files)
    written = write_pages({**PAGES, "accounts/b.md": "# B, reviewed\n"}, tmp_path)
    assert written == [tmp_path / "accounts" / "b.md"]
    mtimes = {f.relative_to(tmp_path).as_posix(): f.stat().st_mtime for f in files}
    assert mtimes["accounts/a.md"] == 1_000_000_000
    assert mtimes["index.md"] == 1_000_000_000
    assert mtimes["accounts/b.md"] > 1_000_000_000


def test_nothing_written_when_nothing_changed(tmp_path: Path) -> None:
    write_pages(PAGES, tmp_path)
    report = sync_pages(PAGES, tmp_path)
    assert report.written == () and len(report.unchanged) == len(PAGES)


def test_stale_pages_it_wrote_are_removed(tmp_path: Path) -> None:
    write_pages(PAGES, tmp_path)
    remaining = {k: v for k, v in PAGES.items() if k not in ("accounts/b.md",
                                                             "managers/li-wei.md")}
    report = sync_pages(remaining, tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in report.removed) == [
        "accounts/b.md", "managers/li-wei.md"]
    assert not (tmp_path / "accounts" / "b.md").exists()
    assert not (tmp_path / "managers").exists()  # emptied, so removed
    assert (tmp_path / MANIFEST).read_text("utf-8").splitlines() == sorted(remaining)


def test_hand_written_files_are_never_removed(tmp_path: Path) -> None:
    (tmp_path / "accounts").mkdir()
    notes = tmp_path / "accounts" / "notes.md"
    notes.write_text("kept\n", "utf-8")
    write_pages(PAGES, tmp_path)
    write_pages({"index.md": "# Home\n"}, tmp_path)
    assert notes.read_text("utf-8") == "kept\n"


def test_a_tampered_manifest_cannot_delete_outside(tmp_path: Path) -> None:
    out = tmp_path / "out"
    outside = tmp_path / "precious.md"
    outside.write_text("keep\n", "utf-8")
    write_pages(PAGES, out)
    (out / MANIFEST).write_text("../precious.md\n/etc/passwd\n", "utf-8")
    write_pages(PAGES, out)
    assert outside.exists()


@pytest.mark.parametrize("name", ["../escape.md", "/abs.md", "a/../../b.md"])
def test_page_paths_must_stay_inside(tmp_path: Path, name: str) -> None:
    with pytest.raises(PagePathError):
        write_pages({name: "x"}, tmp_path)


def test_pages_are_written_as_utf8_with_unix_newlines(tmp_path: Path) -> None:
    write_pages({"accounts/c.md": "京华电网\nline\n"}, tmp_path)
    assert (tmp_path / "accounts" / "c.md").read_bytes() == "京华电网\nline\n".encode()
