"""`planbook render`: write the Markdown pages the site is built from.

Checks the plans and writes the account, portfolio, manager and standards
pages without building HTML, rewriting only pages whose content changed. It
never writes into `plans/` or over the repository itself: the default output
is `build/pages`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator import options, repository
from generator.checker import UsageError, check_paths, cycle_collection_paused
from generator.render import render_pages
from generator.render.writer import ForeignFileError, sync_pages
from generator.terminal import terminal_text

NAME = "render"
ORDER = 25
HELP = "write the Markdown pages the site is built from (no HTML)"
DEFAULT_OUT = Path("build/pages")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="plan files or folders (default: plans/ at the repository root)")
    parser.add_argument("--out", metavar="DIR", type=Path, default=None,
                        help=f"where the pages go (default: {DEFAULT_OUT.as_posix()} at the "
                             "repository root)")
    options.add_as_of(parser)
    options.add_standards(parser)


def repository_root(start: Path) -> Path:
    """The nearest folder at or above `start` holding `.git`; else `start` itself."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_out_dir(out: Path, plan_paths: list[Path]) -> None:
    """Refuse an output folder that would write among the plans or over the repository."""
    target = out.resolve()
    if target.exists() and not target.is_dir():
        raise UsageError(f"--out {out}: is a file, not a folder")
    root = repository_root(Path.cwd())
    if target == root or target in root.parents:
        raise UsageError(f"--out {out}: refusing to write pages into the repository root "
                         "or above it; choose a folder such as build/pages")
    # The hand-written pages (docs/index.md, docs/standards/index.md) are the
    # site's sources: generated pages go beside them at build time, never in.
    docs = (repository.root() / "docs").resolve()
    if _inside(target, docs) or _inside(docs, target):
        raise UsageError(f"--out {out}: refusing to write pages into the hand-written docs "
                         f"folder ({docs}); choose a folder such as build/pages")
    # Plan folders are searched recursively: no pages inside them, nor around them.
    plan_folders = {options.default_plans().resolve()}
    plan_folders.update(p.resolve() for p in plan_paths if p.is_dir())
    for folder in sorted(plan_folders):
        if _inside(target, folder) or _inside(folder, target):
            raise UsageError(f"--out {out}: refusing to write pages where plans live "
                             f"({folder}); choose a folder such as build/pages")
    # A plan file named on its own: not into the folder that holds it.
    for plan_file in plan_paths:
        if plan_file.is_file() and target == plan_file.resolve().parent:
            raise UsageError(f"--out {out}: refusing to write pages beside the plan "
                             f"{plan_file}; choose a folder such as build/pages")


def run(args: argparse.Namespace) -> int:
    if args.out is None:
        args.out = options.relative_to_working_folder(repository.root() / DEFAULT_OUT)
    paths: list[Path] = args.paths or [options.default_plans()]
    check_out_dir(args.out, paths)
    standards = options.standards(args)
    as_of = options.as_of_date(args)
    checked = check_paths(paths, standards, as_of)
    with cycle_collection_paused():
        pages = render_pages(checked, standards, as_of)
    try:
        report = sync_pages(pages, args.out)
    except ForeignFileError as error:
        print(f"planbook: {terminal_text(error)}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"planbook: could not write the pages into {terminal_text(args.out)}: "
              f"{terminal_text(error.strerror or error)}", file=sys.stderr)
        return 1
    removed = f", {len(report.removed)} removed" if report.removed else ""
    print(f"planbook: rendered {len(pages)} pages into {args.out.as_posix()}: "
          f"{len(report.written)} written, {len(report.unchanged)} unchanged{removed}")
    return 0
