"""Write rendered pages to a folder, touching only what changed.

MkDocs' live reload and a reader's browser both react to file changes, so a
page whose text is unchanged is left alone. The writer remembers what it wrote
in a manifest (`.planbook-pages`) and removes a page it wrote before that is
no longer rendered (a plan that was deleted or renamed); files it did not write
are never touched.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

MANIFEST = ".planbook-pages"


class PagePathError(ValueError):
    """A page path that would escape the output folder."""


class ForeignFileError(ValueError):
    """A page would replace a file that planbook did not write (a hand-written page)."""


@dataclass(frozen=True)
class WriteReport:
    """What one write did: files written, left as they were, and removed."""

    written: tuple[Path, ...]
    unchanged: tuple[Path, ...]
    removed: tuple[Path, ...]


def _safe_relative(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts or name.endswith("/"):
        raise PagePathError(f"page path {name!r} is not a relative file path")
    return path


def _write_atomically(target: Path, text: str) -> None:
    # Write beside the target and rename, so a watcher never sees half a page.
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError, IsADirectoryError):
        return None


def _previous_pages(out: Path) -> list[PurePosixPath]:
    text = _read(out / MANIFEST)
    if text is None:
        return []
    pages = []
    for line in text.splitlines():
        try:
            pages.append(_safe_relative(line.strip()))
        except PagePathError:
            continue  # a hand-edited manifest: ignore what is not ours to delete
    return pages


def sync_pages(pages: Mapping[str, str], out: Path) -> WriteReport:
    """Write `pages` under `out`, rewriting only changed files; report what happened."""
    relative = {name: _safe_relative(name) for name in pages}
    previous = _previous_pages(out)
    ours = set(previous)
    changed: list[tuple[Path, str]] = []
    unchanged: list[Path] = []
    for name in sorted(pages):
        target = out.joinpath(*relative[name].parts)
        if _read(target) == pages[name]:
            unchanged.append(target)
            continue
        if relative[name] not in ours and (target.exists() or target.is_symlink()):
            # Checked for every page before any is written: nothing is half done.
            raise ForeignFileError(
                f"{target} exists and was not written by planbook (a hand-written page?); "
                "it is left alone: choose another --out folder")
        changed.append((target, pages[name]))
    written: list[Path] = []
    for target, text in changed:
        _write_atomically(target, text)
        written.append(target)

    current = set(relative.values())
    removed: list[Path] = []
    for stale in previous:
        if stale in current or stale.suffix != ".md":
            continue
        target = out.joinpath(*stale.parts)
        if target.is_file():
            target.unlink()
            removed.append(target)
            _remove_empty_parents(target.parent, out)

    manifest = "".join(f"{name}\n" for name in sorted(pages))
    if _read(out / MANIFEST) != manifest:
        _write_atomically(out / MANIFEST, manifest)
    return WriteReport(tuple(written), tuple(unchanged), tuple(removed))


def _remove_empty_parents(folder: Path, out: Path) -> None:
    while folder != out and out in folder.parents:
        try:
            folder.rmdir()  # only succeeds when empty
        except OSError:
            return
        folder = folder.parent


def write_pages(pages: Mapping[str, str], out: Path) -> list[Path]:
    """Write `pages` under `out`; return the files actually (re)written."""
    return list(sync_pages(pages, out).written)
