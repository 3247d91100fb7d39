"""`planbook diff`: what changed in the plans between two git revisions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator import options
from generator.diff.compare import collect, resolve_revisions
from generator.diff.git import GitError, Repository
from generator.diff.markdown import render
from generator.terminal import terminal_text

NAME = "diff"
ORDER = 60
HELP = ("what changed in the plans between two git revisions, as Markdown for a "
        "pull-request comment")

EXIT_USAGE = 2
DEFAULT_FOLDER = "plans"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "base", nargs="?", metavar="BASE",
        help="the revision to compare with, or a range as git writes it: BASE...HEAD "
             "(what HEAD changed since it left BASE: the pull-request view) or "
             "BASE..HEAD (the two tips as they are now); default: the merge-base of "
             "HEAD and the default branch (origin/HEAD, else main, else master)")
    parser.add_argument(
        "head", nargs="?", metavar="HEAD",
        help="the revision to compare (default: the working tree, saved or not)")
    parser.add_argument("--plans", metavar="DIR", type=Path, default=None,
                        help="the plans folder (default: plans/ at the top of the repository)")
    options.add_standards(parser)
    options.add_as_of(parser)


def run(args: argparse.Namespace) -> int:
    as_of = options.as_of_date(args)
    try:
        repo = Repository.find(Path.cwd())
        folder = repo.folder_of(args.plans) if args.plans is not None else DEFAULT_FOLDER
        base, head = resolve_revisions(repo, args.base, args.head)
        report = collect(repo, base, head, folder=folder, standards=args.standards,
                         as_of=as_of)
    except GitError as error:
        print(f"planbook diff: {terminal_text(error)}", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(render(report))
    return 0
