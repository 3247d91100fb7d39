"""The pull-request gate: which findings of the working tree a change introduces.

`planbook check --base REV` checks the plans as usual and reports every
finding, then checks the same plans as they were at the merge base of REV and
HEAD, and marks each working-tree finding `introduced` or not. Only
introduced findings count towards the exit code, so a pull request is judged
by what it changes, never by the plans' history:

* both sides are judged by the working tree's standards and people registry
  and by the same as-of date, so a finding that appears only because time
  passed (an action falling overdue, a plan ageing) is on both sides and is
  never introduced; a standards change is judged by its code owners, and
  `planbook diff` shows what it does to the plans;
* findings are matched by account, rule and item (generator.diff.findings),
  never by file or line, and renamed plans are paired as `planbook diff`
  pairs them, so a rename or a moved block introduces nothing;
* portfolio rules (manager-load, duplicate-id) run on each side's whole set,
  so a finding the change causes in a plan it did not touch is introduced.

A plan whose bytes are the same on both sides is checked once: the base
reuses the working tree's per-plan outcome.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from generator.cache import PlanCache
from generator.checker import (
    CheckedPlan,
    CheckRun,
    check_chunk_for_findings,
    check_document,
    cycle_collection_paused,
    discover,
    finish,
    run_portfolio_rules,
)
from generator.diff.compare import load_version, pair_plans, renamed_subjects
from generator.diff.findings import compare_findings
from generator.diff.git import GitError, Repository
from generator.findings import ChangeSummary, CheckResult
from generator.standards.config import Standards
from generator.workers import Workers


@dataclass(frozen=True)
class _Side:
    """A checked plan as pairing sees it (generator.diff.compare.Pairable)."""

    path: str
    account_id: str | None
    checked: CheckedPlan


def _own_outcome(checked: CheckedPlan) -> CheckedPlan:
    # A copy: the portfolio and waiver steps add to `located` and `findings`.
    return replace(checked, located=list(checked.located), findings=[])


def _judge_set(plans: list[CheckedPlan], standards: Standards, as_of: dt.date) -> None:
    run_portfolio_rules(plans, standards, as_of)
    for plan in plans:
        finish(plan, standards, as_of)


def _hidden_below(path: str, top: str) -> bool:
    # discover() skips hidden folders below the paths it is given: so does the base.
    relative = PurePosixPath(path).relative_to(top) if top != "." else PurePosixPath(path)
    return any(part.startswith(".") for part in relative.parts[:-1])


def _base_paths(repo: Repository, commit: str, tops: Sequence[str],
                renames: Sequence[tuple[str, str]], head_paths: set[str]) -> list[str]:
    found: set[str] = set()
    for top in tops:
        found.update(p for p in repo.plan_paths(commit, top) if not _hidden_below(p, top))
    # A plan the change renamed into the checked paths is compared with its old file.
    found.update(old for old, new in renames if new in head_paths)
    return sorted(found)


def base_label(repo: Repository, revision: str, commit: str) -> str:
    return f"the merge base of {revision} and HEAD ({repo.short(commit)})"


def judge_change(paths: Sequence[Path], revision: str, standards: Standards,
                 as_of: dt.date, cache: PlanCache | None = None,
                 notes: Sequence[str] = (), workers: Workers | None = None) -> CheckRun:
    """Check `paths` in the working tree and mark what the change since the
    merge base of `revision` and HEAD introduced. Raises GitError."""
    with cycle_collection_paused():
        return _judge_change(paths, revision, standards, as_of, cache, notes, workers)


def _judge_change(paths: Sequence[Path], revision: str, standards: Standards,
                  as_of: dt.date, cache: PlanCache | None, notes: Sequence[str],
                  workers: Workers | None) -> CheckRun:
    repo = Repository.find(Path.cwd())
    commit = _merge_base(repo, revision)
    files = discover(paths)
    in_repository = _repository_path(repo)
    # Findings are all the gate needs of each plan: the workers send back no item lists.
    if workers is None:
        outcomes = check_chunk_for_findings(files, standards, as_of, cache)
    else:
        outcomes = workers.map_chunks(check_chunk_for_findings, files, standards, as_of, cache)
    prepared = {in_repository(path): checked for path, checked in zip(files, outcomes,
                                                                      strict=True)}
    head = {path: _own_outcome(checked) for path, checked in prepared.items()}
    _judge_set(list(head.values()), standards, as_of)

    renames = repo.renames(commit, None, ".")
    tops = [repo.folder_of(path) for path in paths]
    base_paths = _base_paths(repo, commit, tops, renames, set(head))
    # Only the files git sees changed since the base are read and checked
    # again; every other one is the working tree's outcome, already at hand.
    changed = repo.changed_paths(commit, tops)
    base: dict[str, CheckedPlan] = {}
    unchanged = [p for p in base_paths if p in prepared and p not in changed]
    for path in unchanged:
        base[path] = _own_outcome(prepared[path])
    for path, raw in repo.read_blobs(commit, [p for p in base_paths if p not in base]).items():
        known = prepared.get(path)
        if known is not None and raw is not None and _same_bytes(repo.root / path, raw):
            base[path] = _own_outcome(known)
        else:
            version = load_version(path, raw, repo.root)
            base[path] = check_document(version.document, standards, as_of)
    base = dict(sorted(base.items()))  # path order, as a check of the base would have it
    _judge_set(list(base.values()), standards, as_of)

    pairs = pair_plans({p: _Side(c.file, c.account, c) for p, c in base.items()},
                       {p: _Side(c.file, c.account, c) for p, c in head.items()}, renames)
    head_findings = [f for plan in head.values() for f in plan.findings]
    base_findings = [f for plan in base.values() for f in plan.findings]
    deleted = {old.account_id for old, new in pairs if new is None and old is not None}
    changes = compare_findings(base_findings, head_findings, renamed_subjects(pairs)
                               ).set_apart_deleted(deleted - {c.account for c in head.values()})
    introduced = {id(f) for f in changes.introduced}
    # A waived finding never fails; it is introduced when the base had no such
    # finding, waived or not. Compared as open findings (compare_findings sets
    # waived ones aside), then mapped back to the head's own findings.
    waived = [f for f in head_findings if f.waived]
    opened = [replace(f, waived=False) for f in waived]
    as_open = {id(copy): f for copy, f in zip(opened, waived, strict=True)}
    base_as_open = [replace(f, waived=False) if f.waived else f for f in base_findings]
    introduced.update(id(as_open[id(f)]) for f in
                      compare_findings(base_as_open, opened, renamed_subjects(pairs)).introduced)
    marked = [replace(f, introduced=id(f) in introduced) for f in head_findings]
    result = CheckResult.of(marked, len(head), [c.file for c in head.values()], notes)
    change = ChangeSummary(
        base=base_label(repo, revision, commit),
        introduced=sum(1 for f in marked if f.introduced and not f.waived),
        pre_existing=sum(1 for f in marked if not f.introduced and not f.waived),
        fixed=len(changes.fixed))
    return CheckRun(list(head.values()), replace(result, change=change))


def _repository_path(repo: Repository) -> Callable[[Path], str]:
    """Path -> repository-relative path; relative paths without a system call each."""
    here = repo.folder_of(Path("."))

    def convert(path: Path) -> str:
        if path.is_absolute():
            return repo.folder_of(path)
        return posixpath.normpath(posixpath.join(here, path.as_posix()))

    return convert


def _merge_base(repo: Repository, revision: str) -> str:
    head, base = repo.resolve("HEAD"), repo.resolve(revision)
    try:
        return repo.merge_base(head, base)
    except GitError as error:
        if repo.is_shallow():
            raise GitError(f"{error} — this is a shallow clone: fetch the history "
                           "(`git fetch --unshallow`; in GitHub Actions, actions/checkout "
                           "with `fetch-depth: 0`)") from None
        raise


def _same_bytes(path: Path, raw: bytes) -> bool:
    try:
        return path.read_bytes() == raw
    except OSError:
        return False

