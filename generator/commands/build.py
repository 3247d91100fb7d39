"""`planbook build`: check the plans, render their pages and build the site.

Plans with findings are still published, showing them. With --strict the
build fails (exit 1) as `planbook check --strict` does: on any error or
warning that is not waived; the new site is then discarded and the previous
one kept. The site is swapped in only once it is whole (see generator.site.build).
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

from generator import options
from generator.audience import build as joint_plan_build
from generator.checker import CheckRun, UsageError
from generator.findings import Severity
from generator.reporters import finding_line, summary_line
from generator.site.build import SiteBuildError, build_site, find_config, quiet_mkdocs
from generator.standards.config import load_standards
from generator.terminal import terminal_text

NAME = "build"
ORDER = 30
HELP = "check the plans, render their pages and build the site"
AUDIENCES = ("internal", "internal-full", "customer")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", metavar="DIR", type=Path,
                        help="where the site goes (default: site/ beside mkdocs.yml)")
    options.add_as_of(parser)
    options.add_standards(parser)
    parser.add_argument("--strict", action="store_true",
                        help="fail, keeping the previous site, when a plan has an error "
                             "or a warning that is not waived")
    parser.add_argument("--config", metavar="FILE", type=Path,
                        help="the MkDocs configuration (default: the nearest mkdocs.yml)")
    options.add_cache(parser)
    parser.add_argument(
        "--audience", choices=AUDIENCES, default="internal",
        help="internal (default): the internal site, restricted values on account pages "
             "only; internal-full: restricted values also in search, exports and "
             "portfolio pages; customer: the joint plan of one --account")
    parser.add_argument(
        "--account", metavar="ID",
        help="with --audience customer: the account whose joint plan to write "
             "(default --out: joint-plans/ID/)")
    options.add_jobs(parser)


def _passes_strict(run: CheckRun) -> bool:
    return run.result.exit_code(strict=True) == 0


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return path.as_posix()


def _report_failures(run: CheckRun) -> None:
    for finding in run.result.findings:
        if not finding.waived and finding.severity is not Severity.OFF:
            print(finding_line(finding), file=sys.stderr)


@contextlib.contextmanager
def stopped_cleanly_by_sigterm() -> Iterator[None]:
    """Turn SIGTERM (a CI timeout, `kill`) into SystemExit while building.

    Python's default is to die on the spot, leaving the half-built folder;
    as an exception, the build's clean-up runs first. (SIGKILL cannot be
    caught: the next build removes what it left.)
    """
    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run(args: argparse.Namespace) -> int:
    if args.audience == "customer":
        return joint_plan_build.run_command(args)
    if args.account is not None:
        raise UsageError("--account goes with --audience customer (the customer's joint plan)")
    config_file = args.config if args.config is not None else find_config(Path.cwd())
    standards = load_standards(args.standards) if args.standards is not None else None
    as_of = options.as_of_override(args)
    with quiet_mkdocs(), stopped_cleanly_by_sigterm():
        try:
            site = build_site(config_file, out=args.out, standards=standards, as_of=as_of,
                              use_cache=not args.no_cache, jobs=args.jobs,
                              publish_if=_passes_strict if args.strict else lambda run: True,
                              internal_full=args.audience == "internal-full")
        except SiteBuildError as error:
            out = args.out if args.out is not None else "the previous site"
            print(f"planbook: {terminal_text(error)}; {terminal_text(out)} was left as it was",
                  file=sys.stderr)
            return 1
    where = _shown(site.site_dir)
    checked = summary_line(site.run.result)
    if not site.published:
        _report_failures(site.run)
        print(f"planbook: --strict: {checked}; the site was not replaced ({where} is as it was)",
              file=sys.stderr)
        return 1
    print(f"planbook: built {site.pages} pages into {where} in {site.seconds:.1f} s; {checked}")
    return 0
