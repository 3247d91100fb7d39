"""`planbook history`: each change to the plans from git, newest first."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from generator import options
from generator.checker import UsageError
from generator.diff.git import GitError
from generator.history.report import REPORTS
from generator.history.store import RecordStore, history_cache_dir
from generator.history.timeline import build_history
from generator.standards.calendar import parse_as_of
from generator.terminal import terminal_text

NAME = "history"
ORDER = 65
HELP = "each change to the plans from git, newest first: date, author and what changed"

EXIT_USAGE = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("account", nargs="?", metavar="ACCOUNT",
                        help="one account's plan (its id; an old id still finds it)")
    parser.add_argument("--since", metavar="DATE",
                        help="only changes made on or after this date, YYYY-MM-DD")
    parser.add_argument("--format", choices=sorted(REPORTS), default="text",
                        help="output format (default: text)")
    parser.add_argument("--plans", metavar="DIR", default="plans",
                        help="the plans folder, relative to the repository's top (default: plans)")
    options.add_standards(parser)
    options.add_cache(parser)


def _since(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return parse_as_of(text)
    except ValueError as error:  # says which: not YYYY-MM-DD, not in the calendar, out of range
        raise UsageError(f"--since: {error}") from None


def run(args: argparse.Namespace) -> int:
    since = _since(args.since)
    standards = options.standards(args)
    use_cache = not args.no_cache and os.environ.get("PLANBOOK_CACHE") != "off"
    folder = str(args.plans).strip("/") or "plans"
    store = RecordStore(history_cache_dir(), standards, folder) if use_cache else None
    try:
        history = build_history(Path.cwd(), standards, folder=folder, store=store)
    except GitError as error:
        print(f"planbook history: {terminal_text(error)}", file=sys.stderr)
        return EXIT_USAGE
    account = args.account
    if account is not None and history.current_account(account) not in history.accounts():
        print(f"planbook history: no plan with the account id `{terminal_text(account)}` in "
              "the history "
              f"of {folder}/", file=sys.stderr)
        return EXIT_USAGE
    entries = history.timeline(account, since)
    sys.stdout.write(REPORTS[args.format](history, entries, account))
    return 0
