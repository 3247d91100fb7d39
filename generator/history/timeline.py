"""Every plan over time: the commit records, read incrementally, by account.

`build_history` lists the commits with one `git log`, takes each commit's
record from the cache when it has it, and computes the others from their
blobs (one `git cat-file --batch` process for all of them). `History`
answers the questions the timeline, the trends and the slips pages ask.

Plans are followed across renames: git's rename detection pairs the files,
and when a renamed (or edited) plan also changed its account id, the old
id's history becomes the new id's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from generator.checker import cycle_collection_paused
from generator.diff.git import GitError, Repository
from generator.history.git_log import BlobReader, has_commits, is_shallow, read_log
from generator.history.record import (
    CommitRecord,
    PlanChange,
    Snapshot,
    VersionSource,
    commit_record,
)
from generator.history.store import RecordStore
from generator.standards.config import Standards

#: Commits whose blobs are fetched in one `git cat-file --batch` round.
BLOB_BATCH_COMMITS = 500


@dataclass
class ReadStats:
    """What a build had to read: the measure of incremental work."""

    #: commits `git log` listed as touching the plans
    commits_listed: int = 0
    #: commits whose record was computed (not found in the cache)
    commits_parsed: int = 0
    #: git objects (blobs) read through `git cat-file --batch`
    objects_read: int = 0


@dataclass(frozen=True)
class TimelineEntry:
    """One commit as one account's timeline (or the portfolio's) shows it."""

    record: CommitRecord
    changes: tuple[PlanChange, ...]

    @property
    def is_review(self) -> bool:
        return any(c.review is not None and c.review[1] is not None for c in self.changes)


@dataclass(frozen=True)
class History:
    """The plans' history, oldest commit first."""

    records: tuple[CommitRecord, ...]
    #: a shallow clone: history starts at the clone's depth, not at the first plan
    shallow: bool = False
    stats: ReadStats = field(default_factory=ReadStats)
    #: old account id -> the id it was renamed to
    renamed_accounts: dict[str, str] = field(default_factory=dict)

    @property
    def first_day(self) -> dt.date | None:
        return self.records[0].day if self.records else None

    def current_account(self, account: str | None) -> str | None:
        """The id an account is known by now, following renames of its id."""
        seen: set[str] = set()
        while account is not None and account in self.renamed_accounts and account not in seen:
            seen.add(account)
            account = self.renamed_accounts[account]
        return account

    def account_of(self, change: PlanChange) -> str | None:
        return self.current_account(change.account or change.old_account)

    @cached_property
    def _by_account(self) -> dict[str | None, list[tuple[CommitRecord, PlanChange]]]:
        # One pass over the history, so each account's questions cost its own
        # changes, not the whole portfolio's (pages ask for every account).
        index: dict[str | None, list[tuple[CommitRecord, PlanChange]]] = {}
        for record in self.records:
            for change in record.changes:
                index.setdefault(self.account_of(change), []).append((record, change))
        return index

    def accounts(self) -> list[str]:
        return sorted(a for a in self._by_account if a is not None)

    def timeline(self, account: str | None = None,
                 since: dt.date | None = None) -> list[TimelineEntry]:
        """Commits newest first, each with its changes (to `account`'s plan, if given)."""
        if account is None:
            return [TimelineEntry(r, r.changes) for r in reversed(self.records)
                    if r.changes and (since is None or r.day >= since)]
        entries: list[TimelineEntry] = []
        for record, change in reversed(list(self.versions(account))):
            if since is not None and record.day < since:
                continue
            if entries and entries[-1].record is record:
                entries[-1] = TimelineEntry(record, (change, *entries[-1].changes))
            else:
                entries.append(TimelineEntry(record, (change,)))
        return entries

    def versions(self, account: str) -> Iterator[tuple[CommitRecord, PlanChange]]:
        """Each change to one account's plan, oldest first."""
        yield from self._by_account.get(self.current_account(account), ())

    def snapshots(self, account: str) -> list[tuple[dt.date, Snapshot | None]]:
        """The account's figures after each change (None: the plan was removed)."""
        return [(record.day, change.snapshot) for record, change in self.versions(account)]


def _renamed_accounts(records: tuple[CommitRecord, ...]) -> dict[str, str]:
    renamed: dict[str, str] = {}
    for record in records:
        for change in record.changes:
            if (change.old_account and change.account
                    and change.old_account != change.account):
                renamed[change.old_account] = change.account
                renamed.pop(change.account, None)  # the new id is current again
    return renamed


def build_history(root: Path, standards: Standards, *, folder: str = "plans",
                  store: RecordStore | None = None) -> History:
    """The history of the plans under `folder` in the repository holding `root`.

    GitError outside a git repository.
    """
    try:
        repo = Repository.find(root)
    except GitError:
        raise GitError(f"{root.resolve()} is not inside a git repository: the plans' "
                       "history is read from git, so run this in a clone") from None
    stats = ReadStats()
    if not has_commits(repo):
        return History((), stats=stats)
    shallow = is_shallow(repo)
    logged = read_log(repo, folder)
    stats.commits_listed = len(logged)
    cached = {c.sha: r for c in logged
              if store is not None and (r := store.get(c.sha)) is not None}
    missing = [c for c in logged if c.sha not in cached]
    computed: dict[str, CommitRecord] = {}
    with BlobReader(repo.root) as reader, cycle_collection_paused():
        source = VersionSource(repo.root, reader.read)
        for start in range(0, len(missing), BLOB_BATCH_COMMITS):
            batch = missing[start:start + BLOB_BATCH_COMMITS]
            source.prefetch(reader.read_many(source.blobs_needed(batch)))
            for commit in batch:
                # A shallow clone's oldest commit has no parent to compare with:
                # its plans are worded as where history starts, and not cached.
                clone_edge = shallow and not commit.parents
                record = commit_record(commit, source, standards, clone_edge=clone_edge)
                computed[commit.sha] = record
                if store is not None and not clone_edge:
                    store.put(record)
        stats.objects_read = reader.objects_read
    stats.commits_parsed = len(computed)
    records = [cached.get(c.sha) or computed[c.sha] for c in logged]
    ordered = tuple(records)
    return History(ordered, shallow=shallow, stats=stats,
                   renamed_accounts=_renamed_accounts(ordered))


__all__ = ["GitError", "History", "ReadStats", "TimelineEntry", "build_history"]
