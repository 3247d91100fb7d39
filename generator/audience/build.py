"""`planbook build --audience customer --account ID`: the joint plan, written safely.

The page is written into a fresh folder beside the target, the leak check
reads every file there, and only then is the folder swapped in (as the site
build does): a failed check or a failed write leaves the previous joint plan
as it was and writes nothing into plans/ or docs/. No MkDocs build runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator import options, repository
from generator.audience.joint_plan import (
    LABELS,
    TEMPLATE,
    JointPlan,
    environment,
    joint_plan,
    render_joint_plan,
)
from generator.audience.leak import LeakError, find_leaks
from generator.audience.policy import Audience, PlanAudiences
from generator.checker import UsageError, check_files, discover, shown_path
from generator.findings import Finding, Severity
from generator.reporters import finding_line
from generator.site.build import check_output_dir, load_site_config, planbook_plugin, swap_in
from generator.skeleton import ACCOUNT_ID
from generator.standards.config import Standards, load_standards
from generator.terminal import terminal_text

OUTPUT_FOLDER = "joint-plans"
PAGE = "index.html"
_TAG = re.compile(r"\{[{%#].*?[}%#]\}", re.DOTALL)


class UnreadablePlan(Exception):
    """The plan cannot be read (a structural finding); nothing was written."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("the plan cannot be read until these are fixed")
        self.findings = findings


@dataclass(frozen=True)
class Sources:
    """Where the plans, docs and the repository root are."""

    root: Path
    plans: Path
    docs: Path


@dataclass(frozen=True)
class BuiltJointPlan:
    account_id: str
    folder: Path
    page: Path


def find_plan(account_id: str, plans: Path) -> Path:
    """The plan file of `account_id` (its file name is the account id)."""
    if not ACCOUNT_ID.fullmatch(account_id):
        raise UsageError(f"--account {account_id}: an account id is a slug such as "
                         "jinghua-grid (lower-case letters, digits and hyphens)")
    if not plans.is_dir():
        raise UsageError(f"{plans}: the plans folder does not exist")
    files = discover([plans])
    for path in files:
        if path.stem == account_id:
            return path
    known = sorted({path.stem for path in files})
    close = difflib.get_close_matches(account_id, known, n=1)
    hint = f"; did you mean `{close[0]}`?" if close else ""
    raise UsageError(f"--account {account_id}: no plan for that account in {plans}{hint}")


def own_words(*also: str) -> list[str]:
    """The page's own words: its labels, the template's fixed text (style sheet too)
    and `also` (our company's name, the date printed on it)."""
    source, _, _ = environment().loader.get_source(  # type: ignore[union-attr]
        environment(), TEMPLATE)
    words = [_TAG.sub(" ", source), *also]
    for labels in LABELS.values():
        words += labels.values()
    return words


def build_joint_plan(account_id: str, sources: Sources, standards: Standards,
                     as_of: dt.date, out: Path | None = None,
                     render: Callable[[JointPlan], str] = render_joint_plan) -> BuiltJointPlan:
    """Write the joint plan of `account_id` into `out` (default joint-plans/ID/).

    Raises UsageError (exit 2), UnreadablePlan or LeakError (exit 1).
    `render` replaces the page renderer (tests prove the leak check with it).
    """
    path = find_plan(account_id, sources.plans)
    checked = check_files([path], standards, as_of).plans[0]
    if checked.plan is None:
        raise UnreadablePlan(checked.findings)
    plan = checked.plan
    target = (out if out is not None
              else sources.root / OUTPUT_FOLDER / account_id).absolute()
    check_output_dir(target, root=sources.root, plans=sources.plans, docs=sources.docs)
    page = render(joint_plan(plan, standards.audiences, as_of))

    target.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.building-"))
    try:
        (building / PAGE).write_text(page, "utf-8")
        leaks = find_leaks(building, PlanAudiences(plan, standards.audiences),
                           Audience.CUSTOMER,
                           own_words(standards.audiences.our_company, as_of.isoformat()))
        if leaks:
            raise LeakError(leaks)
        swap_in(building, target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return BuiltJointPlan(account_id, target, target / PAGE)


def find_sources(config_file: Path | None) -> tuple[Sources, Path]:
    """The repository's folders and standards file: from mkdocs.yml when there is
    one (its planbook plugin names the plans folder), else the repository root's."""
    if config_file is None:
        root = repository.root()
        candidates = [root / name for name in repository.CONFIG_NAMES]
        config_file = next((c for c in candidates if c.is_file()), None)
    if config_file is None:
        root = repository.root()
        return (Sources(root, root / repository.PLANS_FOLDER, root / "docs"),
                root / repository.STANDARDS_FILE)
    config = load_site_config(config_file)
    plans, standards_file = planbook_plugin(config).source_paths(config)
    root = config_file.resolve().parent
    return Sources(root, plans, Path(config.docs_dir)), standards_file


def run_command(args: argparse.Namespace) -> int:
    """The command line's side: messages and exit codes."""
    if not args.account:
        raise UsageError("--audience customer needs --account ID: the account whose "
                         "joint plan to write")
    if args.strict:
        raise UsageError("--strict judges the internal site; the joint plan shows no findings")
    sources, standards_file = find_sources(args.config)
    if args.standards is not None:
        standards = load_standards(args.standards)
    else:
        standards = load_standards(standards_file if standards_file.is_file() else None)
    as_of = options.as_of_override(args) or dt.date.today()
    try:
        built = build_joint_plan(args.account, sources, standards, as_of, out=args.out,
                                 render=render_joint_plan)
    except UnreadablePlan as error:
        for finding in error.findings:
            if finding.severity == Severity.ERROR and not finding.waived:
                print(finding_line(finding), file=sys.stderr)
        print(f"planbook: {terminal_text(error)}; nothing was written", file=sys.stderr)
        return 1
    except LeakError as error:
        print(f"planbook: {terminal_text(error)}; the joint plan was not written",
              file=sys.stderr)
        return 1
    print(f"planbook: wrote the joint plan of {args.account} to {shown_path(built.page)}")
    return 0
