"""`planbook check`: check plans and report findings."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator import options
from generator.checker import check_paths
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
    options.add_cache(parser)


def run(args: argparse.Namespace) -> int:
    standards = options.standards(args)
    as_of = options.as_of_date(args)
    cache = options.plan_cache(args, standards, as_of)
    run = check_paths(args.paths or [options.default_plans()], standards, as_of, cache)
    sys.stdout.write(REPORTERS[args.format](run.result))
    return run.result.exit_code(strict=args.strict)
