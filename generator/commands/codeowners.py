"""`planbook codeowners`: write .github/CODEOWNERS from the people registry.

With `--check` it writes nothing and exits 1 when the committed file is not
what the registry and the plans say (the pull-request check).
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from generator import repository
from generator.checker import UsageError, discover
from generator.codeowners import CODEOWNERS_FILE, PlanOwner, codeowners
from generator.loader import load_yaml_file
from generator.people import PEOPLE_FILE, load_people
from generator.terminal import terminal_text

NAME = "codeowners"
ORDER = 70
HELP = ("write .github/CODEOWNERS from people.yaml: each plan to its owner and the owner's "
        "manager, the standards and the registry to the standards owners")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when the committed file is out of date")


def plan_owner(path: Path, root: Path) -> PlanOwner:
    """The plan file's owner, as CODEOWNERS needs it."""
    name = path.resolve().relative_to(root.resolve()).as_posix()
    document = load_yaml_file(path)
    data = document.data
    plan = data.get("plan") if isinstance(data, dict) else None
    owner = plan.get("owner") if isinstance(plan, dict) else None
    if isinstance(owner, str) and owner:
        return PlanOwner(name, owner)
    problem = next(iter(document.problems), None)
    because = f"cannot be read ({problem.message})" if problem is not None else \
        "names no plan.owner"
    return PlanOwner(name, None, because)


def run(args: argparse.Namespace) -> int:
    root = repository.root()
    people_file = repository.people_path()
    if not people_file.is_file():
        raise UsageError(f"no {PEOPLE_FILE} at the repository root ({root}): "
                         "planbook codeowners writes CODEOWNERS from it")
    registry = load_people(people_file)
    plans_folder = repository.plans_path()
    files = discover([plans_folder]) if plans_folder.is_dir() else []
    owners = codeowners(registry, [plan_owner(path, root) for path in files])
    for message in owners.messages:
        print(f"planbook codeowners: {terminal_text(message)}", file=sys.stderr)
    target = root / CODEOWNERS_FILE
    try:
        current = target.read_text("utf-8") if target.is_file() else None
    except (OSError, UnicodeDecodeError):
        current = None
    if args.check:
        if current == owners.text:
            print(f"{CODEOWNERS_FILE} is up to date with {PEOPLE_FILE} and the plans")
            return 0
        state = "is missing" if current is None else "is out of date"
        print(f"{CODEOWNERS_FILE} {state}: run `planbook codeowners` and commit "
              f"{CODEOWNERS_FILE} with your change", file=sys.stderr)
        sys.stdout.writelines(difflib.unified_diff(
            (current or "").splitlines(keepends=True), owners.text.splitlines(keepends=True),
            f"{CODEOWNERS_FILE} (committed)", f"{CODEOWNERS_FILE} (from {PEOPLE_FILE})"))
        return 1
    if current == owners.text:
        print(f"{CODEOWNERS_FILE} is already up to date")
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(owners.text, "utf-8")
    print(f"wrote {CODEOWNERS_FILE}: {len(files)} plans; commit it with your change")
    return 0
