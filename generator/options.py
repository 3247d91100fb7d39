"""Options shared by commands: the as-of date and the standards file."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from generator.checker import UsageError
from generator.standards.config import Standards, load_standards

DEFAULT_STANDARDS = Path("standards.yaml")


def add_as_of(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of", metavar="DATE",
        help="judge the plans as of this date, YYYY-MM-DD (default: today)")


def add_standards(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--standards", metavar="FILE", type=Path,
        help="the quality standards (default: ./standards.yaml, else built-in defaults)")


def as_of_date(args: argparse.Namespace) -> dt.date:
    text = getattr(args, "as_of", None)
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--as-of: `{text}` is not a date written YYYY-MM-DD") from None


def standards(args: argparse.Namespace) -> Standards:
    """The standards named on the command line; raises StandardsError when bad."""
    path: Path | None = getattr(args, "standards", None)
    if path is None and DEFAULT_STANDARDS.is_file():
        path = DEFAULT_STANDARDS
    return load_standards(path)
