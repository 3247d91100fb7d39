"""Options shared by commands: the as-of date and the standards file."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path

from generator.cache import PlanCache, default_cache_dir
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


def add_cache(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-cache", action="store_true",
        help="check every plan afresh (default: reuse results for unchanged plans)")


def plan_cache(args: argparse.Namespace, rules: Standards, as_of: dt.date) -> PlanCache | None:
    """The per-plan result cache, unless --no-cache or PLANBOOK_CACHE=off."""
    if getattr(args, "no_cache", False) or os.environ.get("PLANBOOK_CACHE") == "off":
        return None
    return PlanCache(default_cache_dir(), rules, as_of)
