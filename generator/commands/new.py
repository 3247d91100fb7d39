"""`planbook new`: start a plan from a skeleton that names every section."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from generator import options, repository
from generator.checker import PLAN_SUFFIXES, UsageError, discover, shown_path
from generator.loader import load_yaml_file
from generator.schema import __file__ as schema_package
from generator.skeleton import (
    DEFAULT_OWNER,
    SkeletonError,
    check_account_id,
    current_fiscal_year,
    render_skeleton,
    schema_reference,
)

NAME = "new"
ORDER = 50
HELP = "write a plan skeleton, plans/ACCOUNT-ID.yaml, that names every section"

SCHEMA_IN_REPOSITORY = Path("generator", "schema", "plan.schema.json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("account_id", metavar="ACCOUNT-ID",
                        help="the account's id: lower-case letters, digits and hyphens")
    parser.add_argument("--plans", metavar="DIR", type=Path, default=None,
                        help="the plans folder (default: plans/ at the repository root)")
    parser.add_argument("--owner", metavar="NAME", default=DEFAULT_OWNER,
                        help="the account manager who owns the plan")
    parser.add_argument("--fiscal-year", metavar="FY",
                        help="the plan year, e.g. FY2027 (default: the current fiscal year)")
    parser.add_argument("--currency", metavar="CODE", default=None,
                        help="the plan's currency (default: the standards' currency)")
    options.add_standards(parser)


def _schema_file() -> Path:
    # In a clone, point the editor at the schema in the repository (a path
    # that works for everyone who checks the plan out); else at the installed one.
    in_repository = repository.root() / SCHEMA_IN_REPOSITORY
    return in_repository if in_repository.is_file() else Path(schema_package).with_name(
        "plan.schema.json")


def _existing_plan_for(account_id: str, folder: Path) -> Path | None:
    """A plan in `folder` that already is `account_id` (by file name or account.id)."""
    for suffix in PLAN_SUFFIXES:
        if (folder / f"{account_id}{suffix}").exists():
            return folder / f"{account_id}{suffix}"
    if not folder.is_dir():
        return None
    for path in discover([folder]):
        data = load_yaml_file(path).data
        account = data.get("account") if isinstance(data, dict) else None
        if isinstance(account, dict) and account.get("id") == account_id:
            return path
    return None


def run(args: argparse.Namespace) -> int:
    try:
        check_account_id(args.account_id)
    except SkeletonError as error:
        raise UsageError(str(error)) from None
    folder: Path = args.plans if args.plans is not None else options.default_plans()
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: not a folder")
    existing = _existing_plan_for(args.account_id, folder)
    if existing is not None:
        raise UsageError(f"{shown_path(existing)} already holds the plan for "
                         f"`{args.account_id}`: edit it, or choose another id")
    standards = options.standards(args)
    today = dt.date.today()
    target = folder / f"{args.account_id}.yaml"
    try:
        text = render_skeleton(
            args.account_id, owner=args.owner,
            fiscal_year=args.fiscal_year or current_fiscal_year(standards, today),
            currency=args.currency or standards.currency, standards=standards, today=today,
            schema_ref=schema_reference(folder, _schema_file()),
            plan_file=shown_path(target))
    except SkeletonError as error:
        raise UsageError(str(error)) from None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8", newline="\n") as plan_file:
            plan_file.write(text)
    except FileExistsError:  # created meanwhile: still never overwrite
        raise UsageError(f"{shown_path(target)} already exists") from None
    except OSError as error:
        raise UsageError(f"cannot write {shown_path(target)}: {error.strerror or error}; "
                         "check that the plans folder exists and you may write to it"
                         ) from None
    print(f"Wrote {shown_path(target)}. Fill in the TODOs, then run "
          f"`planbook check {shown_path(target)}`: its findings say what the plan still needs.",
          file=sys.stdout)
    return 0
