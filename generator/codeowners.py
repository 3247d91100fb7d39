"""CODEOWNERS from the people registry: who must approve a change to which file.

GitHub's branch protection ("Require review from Code Owners") then enforces
the review roles the standards define: a change to a plan needs its owner's
or the owner's manager's approval (and since the author cannot approve their
own pull request, an account manager's change goes to their manager); a
change to `standards.yaml`, `people.yaml` or `.github/` (this file, the
workflow) needs a standards owner's.

The file is written in a fixed order (fallbacks first, because on GitHub the
last matching line wins; plans by path), so it only changes when the registry
or a plan's owner does, and `planbook codeowners --check` can compare it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.people import PEOPLE_FILE, PeopleRegistry, Person

CODEOWNERS_FILE = ".github/CODEOWNERS"
STANDARDS_FILE = "standards.yaml"
#: what a CODEOWNERS pattern may hold here without escaping (account ids are slugs)
_PLAIN_PATH = re.compile(r"^[A-Za-z0-9._/-]+$")

HEADER = """\
# Code owners of this plans repository, written by `planbook codeowners` from
# people.yaml and each plan's `plan.owner`. Do not edit by hand: change
# people.yaml (or the plan's owner) and run `planbook codeowners`. The
# pull-request check `planbook codeowners --check` fails while this file is
# out of date.
#
# With branch protection's "Require review from Code Owners", a change to a
# plan needs the approval of its owner or the owner's manager, and a change to
# the standards, the registry or the checks a standards owner's. On GitHub the
# last matching line wins: the fallbacks come first.
"""


@dataclass(frozen=True)
class PlanOwner:
    """One plan file (repository-relative) and the owner it names, if readable."""

    path: str
    owner: str | None
    #: why there is no owner (the plan could not be read), for the message
    unreadable: str | None = None


@dataclass(frozen=True)
class CodeOwners:
    """The file's text and what the reader should know about it."""

    text: str
    #: people without a handle, unknown owners, plans left to the fallback
    messages: tuple[str, ...]


def _handles(people: Iterable[Person | None]) -> list[str]:
    handles: list[str] = []
    for person in people:
        if person is not None and person.github and f"@{person.github}" not in handles:
            handles.append(f"@{person.github}")
    return handles


def _line(pattern: str, handles: Sequence[str]) -> str:
    return f"{pattern} {' '.join(handles)}"


def codeowners(registry: PeopleRegistry, plans: Sequence[PlanOwner]) -> CodeOwners:
    """The CODEOWNERS text for these plans and this registry."""
    messages: list[str] = []
    stewards = registry.standards_owners
    steward_handles = _handles(stewards)
    without = [p.name for p in stewards if not p.github]
    if without:
        messages.append(f"standards owner {', '.join(without)} has no `github` handle in "
                        f"{PEOPLE_FILE}: add it, so they can approve changes")
    lines = [HEADER]
    if steward_handles:
        lines += ["# Any plan without a line of its own (a new one, or one whose owner",
                  "# has no handle), the standards, the registry and the checks:",
                  "# the standards owners.",
                  _line("/plans/", steward_handles),
                  _line(f"/{STANDARDS_FILE}", steward_handles),
                  _line(f"/{PEOPLE_FILE}", steward_handles),
                  _line("/.github/", steward_handles), ""]
    else:
        messages.append(f"no standards owner in {PEOPLE_FILE} has a GitHub handle: "
                        f"{STANDARDS_FILE}, {PEOPLE_FILE} and .github/ have no code owner")
    lines.append("# Each plan: its owner and the owner's manager.")
    for plan in sorted(plans, key=lambda p: p.path):
        handles = _plan_handles(registry, plan, messages)
        if not handles:
            continue
        if not _PLAIN_PATH.match(plan.path):
            messages.append(f"{plan.path}: the file name cannot be written in CODEOWNERS "
                            "as it is; name the file after its account id")
            continue
        lines.append(_line(f"/{plan.path}", handles))
    return CodeOwners("\n".join(lines) + "\n", tuple(messages))


def _plan_handles(registry: PeopleRegistry, plan: PlanOwner,
                  messages: list[str]) -> list[str]:
    fallback = "its changes go to the standards owners"
    if plan.owner is None:
        messages.append(f"{plan.path}: {plan.unreadable or 'no plan.owner'}; {fallback}")
        return []
    owner = registry.named(plan.owner)
    if owner is None:
        messages.append(f"{plan.path}: the owner {plan.owner} is not in {PEOPLE_FILE}; "
                        f"{fallback}")
        return []
    manager = registry.manager_of(owner)
    missing = [p.name for p in (owner, manager) if p is not None and not p.github]
    if missing:
        messages.append(f"{plan.path}: {' and '.join(missing)} "
                        f"{'has' if len(missing) == 1 else 'have'} no `github` handle in "
                        f"{PEOPLE_FILE}; add it, so the plan's reviews reach them")
    handles = _handles([owner, manager])
    if not handles:
        messages[-1] += f" ({fallback} meanwhile)"
    return handles
