"""Compare the plans of two revisions: pair their files, diff them, judge both.

`compare()` is pure: it takes the plan files of both sides (already read) and
returns a `DiffReport`. `collect()` does the reading, through `git`, for the
command. Plan files are paired in this order:

1. the same path on both sides;
2. the same account id in different files (a moved plan, even one rewritten
   too much for git to see the rename, or not yet added to git);
3. files git reports as renamed (a plan whose file and account id were
   renamed together);

whatever is left was added or removed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol, TypeVar

from generator import repository
from generator.checker import shown_path
from generator.diff.findings import FindingChanges, PlanChecks, compare_findings
from generator.diff.git import GitError, Repository
from generator.diff.plans import SectionDiff, diff_plan_data
from generator.findings import Finding, Problem
from generator.loader import LoadedDocument, load_yaml_bytes
from generator.people import with_people
from generator.standards.config import Standards, StandardsError, load_standards

STANDARDS_FILE = "standards.yaml"


class PlanStatus(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    RENAMED = "renamed"
    CHANGED = "changed"


@dataclass(frozen=True)
class Revision:
    """One side of the comparison: a commit, or the working tree (commit None)."""

    label: str
    commit: str | None = None
    #: how the revision was chosen, e.g. "merge-base of HEAD and origin/main"
    origin: str = ""

    @property
    def described(self) -> str:
        """The revision in a sentence: `abc1234`, or "the working tree"."""
        return self.label if self.commit is not None else f"the {self.label}"


@dataclass(frozen=True)
class PlanVersion:
    """One plan file as one side has it."""

    path: str
    document: LoadedDocument
    #: the file's bytes, hashed: an unchanged file is loaded and checked once
    digest: str = ""
    #: why the file could not be read as a plan, or None when it could
    problem: str | None = None

    @property
    def data(self) -> Mapping[str, Any] | None:
        data = self.document.data
        return data if isinstance(data, Mapping) else None

    @property
    def account_id(self) -> str | None:
        account = (self.data or {}).get("account")
        if isinstance(account, Mapping) and isinstance(account.get("id"), str):
            return str(account["id"])
        return None

    @property
    def account_name(self) -> str | None:
        account = (self.data or {}).get("account")
        if isinstance(account, Mapping) and isinstance(account.get("name"), str):
            return str(account["name"])
        return None

    @property
    def currency(self) -> str | None:
        currency = (self.data or {}).get("currency")
        return currency if isinstance(currency, str) else None



def _unreadable_because(document: LoadedDocument) -> str | None:
    if isinstance(document.data, Mapping):
        return None
    for problem in document.problems:
        line, _column = document.position_of(problem)
        return f"line {line}: {problem.message} ({problem.rule})"
    return "the file holds no plan"


@dataclass(frozen=True)
class PlanDiff:
    """What happened to one plan between the two sides."""

    status: PlanStatus
    base: PlanVersion | None
    head: PlanVersion | None
    sections: tuple[SectionDiff, ...] = ()

    @property
    def account(self) -> str:
        for version in (self.head, self.base):
            if version is not None and version.account_id:
                return version.account_id
        version = self.head or self.base
        return Path(version.path).stem if version is not None else "?"

    @property
    def name(self) -> str | None:
        for version in (self.head, self.base):
            if version is not None and version.account_name:
                return version.account_name
        return None

    @property
    def path(self) -> str:
        version = self.head or self.base
        return version.path if version is not None else ""

    @property
    def layout_only(self) -> bool:
        """Both sides read, the files differ, but the plan's data is the same."""
        return (self.base is not None and self.head is not None
                and self.base.data is not None and self.head.data is not None
                and not self.sections)


@dataclass(frozen=True)
class DiffReport:
    """Everything `planbook diff` reports."""

    base: Revision
    head: Revision
    folder: str
    as_of: dt.date
    plans: tuple[PlanDiff, ...]
    findings: FindingChanges
    notes: tuple[str, ...] = field(default=())


# --- reading plan files -----------------------------------------------------------

def load_version(path: str, raw: bytes | None, root: Path) -> PlanVersion:
    """Load one file's bytes through the loader, as `planbook check` loads it from disk
    (size limit, UTF-8 with an optional byte-order mark, strict YAML)."""
    digest = hashlib.sha256(raw).hexdigest() if raw is not None else ""
    if raw is None:
        document = LoadedDocument(path=root / path)
        document.add(Problem("yaml-syntax", "the file could not be read"), (1, 1))
    else:
        document = load_yaml_bytes(raw, root / path)
    return PlanVersion(path, document, digest, _unreadable_because(document))


# --- pairing and comparing ---------------------------------------------------------

class Pairable(Protocol):
    """What pairing needs of a plan file: its path and account id."""

    @property
    def path(self) -> str: ...

    @property
    def account_id(self) -> str | None: ...


V = TypeVar("V", bound=Pairable)
Pair = tuple[PlanVersion | None, PlanVersion | None]


def pair_plans(base: Mapping[str, V], head: Mapping[str, V],
               renames: Sequence[tuple[str, str]] = ()) -> list[tuple[V | None, V | None]]:
    """Match each base file with its head file (see the module docstring);
    both mappings are keyed by repository path."""
    pairs: list[tuple[V | None, V | None]] = []
    base_left, head_left = dict(base), dict(head)
    for path in [p for p in base_left if p in head_left]:
        pairs.append((base_left.pop(path), head_left.pop(path)))
    for old_path, old_version in list(base_left.items()):
        account = old_version.account_id
        if account is None:
            continue
        for new_path, new_version in head_left.items():
            if new_version.account_id == account:
                pairs.append((old_version, new_version))
                del base_left[old_path], head_left[new_path]
                break
    for old_path, new_path in renames:
        if old_path in base_left and new_path in head_left:
            pairs.append((base_left.pop(old_path), head_left.pop(new_path)))
    pairs += [(version, None) for version in base_left.values()]
    pairs += [(None, version) for version in head_left.values()]
    return pairs


def diff_pair(base: PlanVersion | None, head: PlanVersion | None) -> PlanDiff | None:
    """The difference for one pair of files; None when nothing changed."""
    if base is None and head is not None:
        return PlanDiff(PlanStatus.ADDED, None, head)
    if head is None and base is not None:
        return PlanDiff(PlanStatus.REMOVED, base, None)
    assert base is not None and head is not None
    renamed = base.path != head.path
    if not renamed and (base is head or (base.digest and base.digest == head.digest)):
        return None
    sections: tuple[SectionDiff, ...] = ()
    if base.data is not None and head.data is not None:
        sections = diff_plan_data(base.data, head.data)
    status = PlanStatus.RENAMED if renamed else PlanStatus.CHANGED
    return PlanDiff(status, base, head, sections)


def _subject(version: Pairable) -> str:
    # As generator.diff.findings.subject names a finding's plan.
    return version.account_id or f"file:{version.path}"


def renamed_subjects(pairs: Sequence[tuple[V | None, V | None]]) -> dict[str, str]:
    """Base account id (or file) -> head account id (or file), for each pair
    whose account was renamed: their findings are matched across the rename."""
    return {_subject(old): _subject(new) for old, new in pairs
            if old is not None and new is not None and _subject(old) != _subject(new)}


def _order(diff: PlanDiff) -> tuple[str, str]:
    return (diff.account, diff.path)


def _checks_for(base: Standards, head: Standards,
                as_of: dt.date) -> tuple[PlanChecks, PlanChecks]:
    # A plan the change left alone is checked once for both sides, when both
    # sides are judged by the same standards.
    base_checks = PlanChecks(base, as_of)
    return base_checks, base_checks if head is base else PlanChecks(head, as_of)


def _repository_paths(findings: Sequence[Finding],
                      plans: Mapping[str, PlanVersion]) -> list[Finding]:
    # The checker names files relative to the working folder; a comment names
    # them as the repository does, wherever `planbook diff` was run from.
    names = {shown_path(v.document.path): v.path for v in plans.values()}
    return [replace(f, file=names.get(f.file, f.file)) for f in findings]


def compare(base: Revision, head: Revision, *, folder: str,
            base_plans: Mapping[str, PlanVersion], head_plans: Mapping[str, PlanVersion],
            base_standards: Standards, head_standards: Standards, as_of: dt.date,
            renames: Sequence[tuple[str, str]] = (), notes: Sequence[str] = (),
            checks: tuple[PlanChecks, PlanChecks] | None = None) -> DiffReport:
    """The report for two sides whose plan files are already loaded.

    `checks` are the base's and head's (they may be one object), when the
    plans were checked while they were read.
    """
    pairs = pair_plans(base_plans, head_plans, renames)
    diffs = [diff_pair(old, new) for old, new in pairs]
    base_checks, head_checks = checks or _checks_for(base_standards, head_standards, as_of)
    base_findings = _repository_paths(
        base_checks.findings([v.document for v in base_plans.values()]), base_plans)
    head_findings = _repository_paths(
        head_checks.findings([v.document for v in head_plans.values()]), head_plans)
    plans = tuple(sorted((d for d in diffs if d is not None), key=_order))
    # A deleted plan's findings are gone, not fixed; its account may live on in
    # another file, though (a copy made under a new name), and then they count.
    remaining = {v.account_id for v in head_plans.values()}
    deleted = {d.base.account_id for d in plans
               if d.status is PlanStatus.REMOVED and d.base is not None} - remaining
    findings = compare_findings(base_findings, head_findings,
                                renamed_subjects(pairs)).set_apart_deleted(deleted)
    return DiffReport(base=base, head=head, folder=folder, as_of=as_of, plans=plans,
                      findings=findings, notes=tuple(notes))


# --- reading both sides through git ------------------------------------------------

def split_range(base: str | None, head: str | None) -> tuple[str | None, str | None, bool]:
    """(BASE, HEAD, from the merge base?) as `git diff` reads its arguments.

    `A..B` compares the two tips; `A...B` compares B with the merge base of A
    and B; an empty side is HEAD. A range is one argument: a second one with
    it is a usage error.
    """
    if base is None:
        return None, head, True
    for separator, merge_base in (("...", True), ("..", False)):
        if separator in base:
            if head is not None:
                raise GitError(f"`{base}` is already a range: name no second revision "
                               f"(`{head}`)")
            left, right = base.split(separator, 1)
            if separator == ".." and right.startswith("."):
                break  # four dots or more: not a range git knows
            return left or "HEAD", right or "HEAD", merge_base
    return base, head, False


def resolve_revisions(repo: Repository, base: str | None,
                      head: str | None) -> tuple[Revision, Revision]:
    """The two sides, as `git diff` reads BASE and HEAD.

    No BASE: the merge base of HEAD and the default branch, against the
    working tree. `BASE`: that commit against the working tree. `BASE HEAD` or
    `BASE..HEAD`: the two tips. `BASE...HEAD`: HEAD against the merge base of
    BASE and HEAD (only what HEAD's branch changed since they parted).
    """
    base, head, from_merge_base = split_range(base, head)
    head_revision = Revision("working tree")
    if head is not None:
        commit = repo.resolve(head)
        head_revision = Revision(f"{head} ({repo.short(commit)})" if head != commit
                                 else repo.short(commit), commit)
    if base is not None and not from_merge_base:
        commit = repo.resolve(base)
        label = f"{base} ({repo.short(commit)})" if base != commit else repo.short(commit)
        return Revision(label, commit), head_revision
    branch = base if base is not None else repo.default_branch()
    tip = repo.resolve(head or "HEAD")
    commit = repo.merge_base(tip, repo.resolve(branch))
    return (Revision(repo.short(commit), commit,
                     origin=f"merge-base of {head or 'HEAD'} and {branch}"),
            head_revision)


def _read_side(repo: Repository, revision: Revision, folder: str, checks: PlanChecks,
               other: Mapping[str, PlanVersion] | None = None) -> dict[str, PlanVersion]:
    """The plan files of one side, each checked as it is read (so that only one
    YAML tree is held at a time); a file `other` has unchanged is reused."""
    if revision.commit is None:
        files = repo.working_tree_files(folder)
    else:
        files = repo.read_blobs(revision.commit, repo.plan_paths(revision.commit, folder))
    versions: dict[str, PlanVersion] = {}
    for path, raw in sorted(files.items()):
        known = (other or {}).get(path)
        if (known is not None and raw is not None
                and known.digest == hashlib.sha256(raw).hexdigest()):
            versions[path] = known
        else:
            versions[path] = load_version(path, raw, repo.root)
            checks.prepare(versions[path].document)
    return versions


def _standards_text(repo: Repository, revision: Revision) -> str | None:
    if revision.commit is None:
        path = repo.root / STANDARDS_FILE
        return path.read_text("utf-8", errors="replace") if path.is_file() else None
    raw = repo.read_blobs(revision.commit, [STANDARDS_FILE]).get(STANDARDS_FILE)
    return None if raw is None else raw.decode("utf-8", errors="replace")


def _standards_from_text(text: str | None, revision: Revision) -> Standards:
    if text is None:
        return load_standards(None)
    # load_standards reads a file; a revision's copy goes through a temporary one.
    with tempfile.TemporaryDirectory(prefix="planbook-diff-") as folder:
        path = Path(folder, STANDARDS_FILE)
        path.write_text(text, "utf-8")
        try:
            return load_standards(path)
        except StandardsError as error:
            raise StandardsError(f"{STANDARDS_FILE} at {revision.label}", error.line,
                                 error.column, error.message) from None


def side_standards(repo: Repository, base: Revision, head: Revision,
                   chosen: Path | None) -> tuple[Standards, Standards, list[str]]:
    """The standards each side is judged by, and notes for the reader.

    With `--standards`, both sides use that file, so only the plans differ.
    Otherwise each side uses its own `standards.yaml` (the built-in defaults
    where it has none), so a pull request that changes a threshold shows the
    findings it introduces and fixes.
    """
    if chosen is not None:
        standards = load_standards(chosen)
        return standards, standards, []
    head_text = _standards_text(repo, head)
    head_standards = _standards_from_text(head_text, head)
    base_text = _standards_text(repo, base)
    if base_text == head_text:
        return head_standards, head_standards, []
    try:
        base_standards = _standards_from_text(base_text, base)
    except StandardsError as error:
        return head_standards, head_standards, [
            f"`{STANDARDS_FILE}` could not be read in {base.described} ({error}); both "
            f"sides are judged by the standards in {head.described}."]
    return base_standards, head_standards, [
        f"`{STANDARDS_FILE}` changed: each side is judged by its own standards, so some "
        "findings below may come from the new standards rather than from the plans."]


def collect(repo: Repository, base: Revision, head: Revision, *, folder: str,
            standards: Path | None, as_of: dt.date) -> DiffReport:
    """Read both sides through git and compare them."""
    if base.commit is None:  # pragma: no cover - BASE is always a commit
        raise GitError("BASE must be a revision")
    base_standards, head_standards, notes = side_standards(repo, base, head, standards)
    # Both sides know the people the working tree's registry knows: who may
    # approve is judged by today's registry, whatever the revision.
    people = repository.people_path(repo.root)
    shared = base_standards is head_standards
    head_standards = with_people(head_standards, people)
    base_standards = head_standards if shared else with_people(base_standards, people)
    checks = _checks_for(base_standards, head_standards, as_of)
    base_plans = _read_side(repo, base, folder, checks[0])
    # Unchanged files are shared only when one check serves both sides: a
    # shared file's tree is gone, and the other standards would need it.
    head_plans = _read_side(repo, head, folder, checks[1],
                            base_plans if checks[0] is checks[1] else None)
    if not base_plans and not head_plans and not (repo.root / folder).is_dir():
        raise GitError(f"there is no plans folder `{folder}/` in {base.described} or "
                       f"{head.described}: name it with --plans DIR")
    renames = repo.renames(base.commit, head.commit, folder)
    return compare(base, head, folder=folder, base_plans=base_plans, head_plans=head_plans,
                   base_standards=base_standards, head_standards=head_standards,
                   as_of=as_of, renames=renames, notes=notes, checks=checks)
