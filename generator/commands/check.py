"""`planbook check`: check plans and report findings.

With `--base REV` it judges a change (the pull-request gate): every finding is
reported, but only those the change since the merge base of REV and HEAD
introduced count towards the exit code (generator.diff.gate).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from generator import options
from generator.checker import UsageError, check_paths
from generator.diff.gate import judge_change
from generator.diff.git import GitError
from generator.people import registry_note
from generator.reporters import REPORTERS

NAME = "check"
ORDER = 10
HELP = "check plans against the schema and the quality standards"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="plan files or folders (default: plans/ at the repository root)")
    options.add_standards(parser)
    options.add_as_of(parser)
    parser.add_argument("--format", choices=sorted(REPORTERS), default="text",
                        help="output format (default: text)")
    parser.add_argument("--strict", action="store_true",
                        help="fail on warnings too")
    parser.add_argument(
        "--base", metavar="REV",
        help="judge the change since the merge base of REV and HEAD (e.g. origin/main): "
             "every finding is reported, but only those the change introduces fail")
    options.add_cache(parser)


def run(args: argparse.Namespace) -> int:
    standards = options.standards(args)
    as_of = options.as_of_date(args)
    cache = options.plan_cache(args, standards, as_of)
    paths = args.paths or [options.default_plans()]
    notes = [note for note in [registry_note(standards)] if note]
    if args.base is not None:
        try:
            result = judge_change(paths, args.base, standards, as_of, cache, notes).result
        except GitError as error:
            raise UsageError(f"--base: {error}") from None
    else:
        result = replace(check_paths(paths, standards, as_of, cache).result, notes=tuple(notes))
    sys.stdout.write(REPORTERS[args.format](result))
    return result.exit_code(strict=args.strict)
