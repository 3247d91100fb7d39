"""Options shared by commands: the as-of date and the standards file."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path

from generator import repository
from generator.cache import PlanCache, default_cache_dir
from generator.checker import UsageError
from generator.people import PEOPLE_FILE, with_people
from generator.standards.calendar import parse_as_of
from generator.standards.config import Standards, load_standards


def as_of_argument(text: str) -> str:
    """argparse type of --as-of: the text, once it reads as a date (else a usage error)."""
    try:
        parse_as_of(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text


def add_as_of(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of", metavar="DATE", type=as_of_argument,
        help=f"judge the plans as of this date, YYYY-MM-DD (default: "
             f"${repository.AS_OF_VARIABLE} when set, else today)")


def add_standards(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--standards", metavar="FILE", type=Path,
        help="the quality standards (default: standards.yaml at the repository root, "
             "the nearest folder upwards holding plans/ or mkdocs.yml; else built-in defaults)")


def as_of_date(args: argparse.Namespace) -> dt.date:
    """--as-of, else $PLANBOOK_AS_OF (as the MkDocs plugin reads it), else today."""
    text = getattr(args, "as_of", None)
    source = "--as-of"
    if not text:
        text = repository.as_of_text()
        source = repository.AS_OF_VARIABLE
    if not text:
        return dt.date.today()
    try:
        return parse_as_of(text)
    except ValueError as error:
        raise UsageError(f"{source}: {error}") from None


def as_of_override(args: argparse.Namespace) -> dt.date | None:
    """The as-of date given to this command (--as-of or $PLANBOOK_AS_OF), else None."""
    if getattr(args, "as_of", None) or repository.as_of_text():
        return as_of_date(args)
    return None


def relative_to_working_folder(folder: Path) -> Path:
    """A repository path as messages show it: relative to where planbook runs."""
    try:
        return folder.relative_to(Path.cwd()) if folder != Path.cwd() else folder
    except ValueError:
        return Path(os.path.relpath(folder))


def default_plans() -> Path:
    """`plans/` at the repository root, shown relative to the working folder."""
    return relative_to_working_folder(repository.plans_path())


def standards(args: argparse.Namespace) -> Standards:
    """The standards named on the command line, with the people registry beside
    them (--standards FILE's folder, else the repository root); raises
    StandardsError when either is bad."""
    path: Path | None = getattr(args, "standards", None)
    people = repository.people_path() if path is None else path.parent / PEOPLE_FILE
    if path is None:
        found = repository.standards_path()
        path = found if found.is_file() else None
    return with_people(load_standards(path), people)


def add_cache(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-cache", action="store_true",
        help="check every plan afresh (default: reuse results for unchanged plans)")


def plan_cache(args: argparse.Namespace, rules: Standards, as_of: dt.date) -> PlanCache | None:
    """The per-plan result cache, unless --no-cache or PLANBOOK_CACHE=off."""
    if getattr(args, "no_cache", False) or os.environ.get("PLANBOOK_CACHE") == "off":
        return None
    return PlanCache(default_cache_dir(), rules, as_of)


def add_jobs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--jobs", metavar="N", type=_jobs,
        help="worker processes that check, render and convert the plans "
             "(default: one per core; 1: none)")


def _jobs(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"`{text}` is not a whole number") from None
    if not 1 <= count <= 256:
        raise argparse.ArgumentTypeError(f"{count}: choose between 1 and 256")
    return count
