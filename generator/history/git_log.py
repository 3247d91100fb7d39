"""Reading the plans' history with git plumbing, in batches.

One `git log --raw -M -z` lists every commit that touched the plans folder
with, for each plan file it changed, the status (added, modified, deleted,
renamed — git's rename detection), the path(s) and the old and new blob ids.
(`--raw` is `--name-status` plus the blob ids, which is what lets a commit be
read on its own.) Blob contents then come from one long-lived
`git cat-file --batch` process: never one process per commit or per plan.

Nothing here changes the repository. `BlobReader.objects_read` counts the
objects fetched, so tests can pin that a rebuild reads only what is new.
"""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from generator.checker import PLAN_SUFFIXES
from generator.diff.git import GitError, Repository

#: The blob id git uses for "no file on this side".
NO_BLOB = "0" * 40


@dataclass(frozen=True)
class FileChange:
    """One plan file a commit added, modified, deleted or renamed."""

    status: str  # A, M, D, R (T, a type change, is read as M)
    path: str
    old_path: str
    old_blob: str | None
    new_blob: str | None


@dataclass(frozen=True)
class LoggedCommit:
    """A commit that touched the plans, as `git log` lists it."""

    sha: str
    parents: tuple[str, ...]
    author: str
    email: str
    #: the author date, ISO 8601 with its offset: when the change was made
    date: str
    subject: str
    changes: tuple[FileChange, ...]


def _is_plan(path: str) -> bool:
    return path.endswith(PLAN_SUFFIXES)


def _blob(sha: str) -> str | None:
    return None if not sha or set(sha) == {"0"} else sha


def _changes(fields: list[str]) -> Iterator[FileChange]:
    index = 0
    while index < len(fields):
        meta = fields[index]
        if not meta.startswith(":"):
            index += 1
            continue
        parts = meta[1:].split()
        if len(parts) < 5:  # pragma: no cover - git always writes five
            index += 1
            continue
        old_blob, new_blob, status = _blob(parts[2]), _blob(parts[3]), parts[4][:1]
        if status in ("R", "C"):
            old_path, path = fields[index + 1], fields[index + 2]
            index += 3
        else:
            old_path = path = fields[index + 1]
            index += 2
        if status == "C":
            old_blob, old_path, status = None, path, "A"  # a copy is a new file
        if status == "T":
            status = "M"
        if not (_is_plan(path) or _is_plan(old_path)):
            continue
        if not _is_plan(path):  # renamed away from a plan name: gone as a plan
            yield FileChange("D", old_path, old_path, old_blob, None)
        elif not _is_plan(old_path):
            yield FileChange("A", path, path, None, new_blob)
        else:
            yield FileChange(status, path, old_path, old_blob, new_blob)


def parse_log(output: str, marker: str) -> list[LoggedCommit]:
    """The commits of `git log --raw -z` output written with `log_format(marker)`."""
    commits: list[LoggedCommit] = []
    for record in output.split(marker)[1:]:
        header, _, rest = record.partition("\0")
        fields = header.split("\x1f")
        if len(fields) < 6:  # pragma: no cover - our own format
            continue
        sha, parents, author, email, date = fields[:5]
        subject = "\x1f".join(fields[5:])
        changes = tuple(_changes(rest.lstrip("\n").split("\0")))
        commits.append(LoggedCommit(sha, tuple(parents.split()), author, email, date,
                                    subject, changes))
    return commits


def log_format(marker: str) -> str:
    return f"--format={marker}%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%s"


def read_log(repo: Repository, folder: str) -> list[LoggedCommit]:
    """Every commit that touched `folder`, oldest first, with its plan changes.

    A merge commit lists no changes of its own (its branches' commits do).
    """
    # A record marker no author name or subject will contain by accident.
    marker = f"\x1e{uuid.uuid4().hex}\x1e"
    output = repo.run("log", "--raw", "--no-abbrev", "-M", "-z", "--reverse",
                      "--no-color", "--no-ext-diff", "--no-textconv", log_format(marker),
                      "HEAD", "--", folder)
    return parse_log(output.decode("utf-8", errors="replace"), marker)


def has_commits(repo: Repository) -> bool:
    done = subprocess.run(["git", "rev-parse", "--verify", "--quiet", "HEAD^{commit}"],
                          cwd=repo.root, capture_output=True, check=False)
    return done.returncode == 0


def is_shallow(repo: Repository) -> bool:
    """True in a shallow clone (CI's default checkout): older history is missing."""
    answer = repo.run("rev-parse", "--is-shallow-repository").decode().strip()
    return answer == "true"


class BlobReader:
    """One `git cat-file --batch` process, asked for one object at a time."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.objects_read = 0
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def _started(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            try:
                self._process = subprocess.Popen(
                    ["git", "cat-file", "--batch"], cwd=self.root,
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            except FileNotFoundError:
                raise GitError("git is not installed or not on PATH; "
                               "planbook history needs it") from None
        return self._process

    def read(self, blob: str) -> bytes | None:
        """The object's content; None when git does not have it (a shallow edge)."""
        process = self._started()
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(blob.encode("ascii") + b"\n")
        process.stdin.flush()
        header = process.stdout.readline().split()
        self.objects_read += 1
        if len(header) < 3 or header[1] != b"blob":
            return None
        size = int(header[2])
        content = process.stdout.read(size)
        process.stdout.read(1)  # the newline after the content
        return content

    def read_many(self, blobs: Sequence[str]) -> dict[str, bytes | None]:
        """Many objects in one `git cat-file --batch` round (no request/answer ping-pong)."""
        if not blobs:
            return {}
        try:
            done = subprocess.run(["git", "cat-file", "--batch"], cwd=self.root,
                                  input="".join(f"{b}\n" for b in blobs).encode("ascii"),
                                  capture_output=True, check=False)
        except FileNotFoundError:
            raise GitError("git is not installed or not on PATH; "
                           "planbook history needs it") from None
        output = done.stdout
        contents: dict[str, bytes | None] = {}
        offset = 0
        for blob in blobs:
            self.objects_read += 1
            header_end = output.find(b"\n", offset)
            if header_end < 0:
                contents[blob] = None
                continue
            header = output[offset:header_end].split()
            offset = header_end + 1
            if len(header) < 3 or header[1] != b"blob":
                contents[blob] = None  # "missing": beyond a shallow clone's edge
                continue
            size = int(header[2])
            contents[blob] = output[offset:offset + size]
            offset += size + 1  # the content is followed by a newline
        return contents

    def close(self) -> None:
        if self._process is not None:
            assert self._process.stdin is not None
            self._process.stdin.close()
            self._process.wait()
            if self._process.stdout is not None:
                self._process.stdout.close()
            self._process = None
