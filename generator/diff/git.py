"""Reading plan files at a git revision, or from the working tree.

Only plain `git` plumbing is used (`rev-parse`, `ls-tree`, `cat-file`,
`merge-base`, `diff --name-status`), so nothing here changes the repository:
no checkout, no index update. Every failure a user can cause (no repository,
an unknown revision, no default branch) is a `GitError` with a message.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.checker import PLAN_SUFFIXES, discover

#: Where branches are looked for when no BASE is named, in order.
DEFAULT_BRANCH_CANDIDATES = ("main", "master", "origin/main", "origin/master")


class GitError(Exception):
    """A git problem the user can fix (exit 2); str() is the message."""


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=stdin,
                              capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed or not on PATH; planbook diff needs it") from None


@dataclass(frozen=True)
class Repository:
    """A git working tree: its root folder."""

    root: Path

    @classmethod
    def find(cls, start: Path) -> Repository:
        """The repository that contains `start`; GitError outside one."""
        done = _git(start, "rev-parse", "--show-toplevel")
        if done.returncode != 0:
            raise GitError(f"{start.resolve()} is not inside a git repository; "
                           "planbook diff compares git revisions, so run it in a clone")
        return cls(Path(done.stdout.decode("utf-8").strip()))

    def run(self, *args: str, stdin: bytes | None = None) -> bytes:
        done = _git(self.root, *args, stdin=stdin)
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", errors="replace").strip()
            raise GitError(f"git {args[0]} failed: {message or 'no message'}")
        return done.stdout

    def _try(self, *args: str) -> str | None:
        done = _git(self.root, *args)
        if done.returncode != 0:
            return None
        return done.stdout.decode("utf-8").strip()

    def resolve(self, revision: str) -> str:
        """The commit a revision names; GitError when there is none."""
        if not revision or revision.startswith("-"):
            raise GitError(f"`{revision}` is not a revision")
        commit = self._try("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
        if not commit:
            raise GitError(f"unknown revision `{revision}`: name a branch, tag or commit "
                           "that exists here (for a remote branch, `git fetch` it first)")
        return commit

    def short(self, commit: str) -> str:
        return self._try("rev-parse", "--short", commit) or commit[:7]

    def default_branch(self) -> str:
        """The branch pull requests merge into: origin's HEAD, else main or master."""
        origin_head = self._try("symbolic-ref", "--quiet", "refs/remotes/origin/HEAD")
        if origin_head and origin_head.startswith("refs/remotes/"):
            return origin_head.removeprefix("refs/remotes/")
        for branch in DEFAULT_BRANCH_CANDIDATES:
            if self._try("rev-parse", "--verify", "--quiet", f"{branch}^{{commit}}"):
                return branch
        raise GitError("cannot tell the default branch (no origin/HEAD, main or master): "
                       "name the revision to compare with, e.g. `planbook diff origin/main`")

    def is_shallow(self) -> bool:
        """True in a shallow clone, whose history stops before the merge base."""
        return self._try("rev-parse", "--is-shallow-repository") == "true"

    def merge_base(self, one: str, other: str) -> str:
        base = self._try("merge-base", one, other)
        if not base:
            raise GitError(f"`{one}` and `{other}` have no common history: "
                           "name the revision to compare with")
        return base

    def plan_paths(self, commit: str, folder: str) -> list[str]:
        """Plan files under `folder` at `commit`, as repository-relative paths."""
        listing = self.run("ls-tree", "-r", "-z", "--name-only", commit, "--", folder)
        return sorted(p for p in listing.decode("utf-8").split("\0")
                      if p.endswith(PLAN_SUFFIXES))

    def read_blobs(self, commit: str, paths: Sequence[str]) -> dict[str, bytes | None]:
        """The contents of `paths` at `commit` (None for a path that is not there).

        One `git cat-file --batch` reads them all, rather than a process per file.
        """
        if not paths:
            return {}
        request = "".join(f"{commit}:{path}\n" for path in paths).encode("utf-8")
        output = self.run("cat-file", "--batch", stdin=request)
        contents: dict[str, bytes | None] = {}
        offset = 0
        for path in paths:
            header_end = output.index(b"\n", offset)
            header = output[offset:header_end].split()
            offset = header_end + 1
            if len(header) < 3 or header[1] != b"blob":
                contents[path] = None  # "missing", or not a file
                continue
            size = int(header[2])
            contents[path] = output[offset:offset + size]
            offset += size + 1  # the content is followed by a newline
        return contents

    def working_tree_files(self, folder: str) -> dict[str, bytes | None]:
        """Plan files under `folder` on disk (untracked ones too)."""
        base = self.root / folder
        if not base.is_dir():
            return {}
        contents: dict[str, bytes | None] = {}
        for path in discover([base]):
            name = path.relative_to(self.root).as_posix()
            try:
                contents[name] = path.read_bytes()
            except OSError:
                contents[name] = None
        return contents

    def renames(self, base: str, head: str | None, folder: str) -> list[tuple[str, str]]:
        """(old path, new path) of the files git sees as renamed under `folder`."""
        args = ["diff", "-M", "--name-status", "-z", base]
        if head is not None:
            args.append(head)
        fields = self.run(*args, "--", folder).decode("utf-8").split("\0")
        found: list[tuple[str, str]] = []
        index = 0
        while index < len(fields) and fields[index]:
            status = fields[index]
            if status[:1] in ("R", "C"):
                if status.startswith("R"):
                    found.append((fields[index + 1], fields[index + 2]))
                index += 3
            else:
                index += 2
        return found

    def changed_paths(self, base: str, paths: Sequence[str]) -> set[str]:
        """Tracked files under `paths` whose working-tree content differs from
        `base` (deleted ones included), as repository-relative paths."""
        listing = self.run("diff", "--name-only", "--no-renames", "-z", base, "--", *paths)
        return {p for p in listing.decode("utf-8").split("\0") if p}

    def folder_of(self, path: Path) -> str:
        """`path` (relative to the working folder) as a repository-relative folder."""
        resolved = path.resolve()
        try:
            relative = resolved.relative_to(self.root.resolve())
        except ValueError:
            raise GitError(f"{path} is not inside the repository {self.root}") from None
        return relative.as_posix() or "."
