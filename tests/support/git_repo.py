"""Throw-away git repositories for tests: fixed author and dates, no user config.

Nothing depends on who runs the tests, on when, or on their ~/.gitconfig:
every commit has the same author and date unless a test says otherwise.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

AUTHOR = ("Li Wei", "li.wei@example.com")
DATE = "2026-11-20T10:00:00+00:00"


def git_env(root: Path, date: str = DATE) -> dict[str, str]:
    name, email = AUTHOR
    return {**os.environ, "HOME": str(root), "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email,
            "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}


def git(root: Path, *args: str, date: str = DATE) -> str:
    """Run git in `root` (main is the default branch; nothing is signed)."""
    done = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        cwd=root, check=True, capture_output=True, text=True, env=git_env(root, date))
    return done.stdout


def commit(root: Path, message: str, date: str = DATE) -> None:
    """Commit everything in the working tree."""
    git(root, "add", "-A", date=date)
    git(root, "commit", "-q", "-m", message, date=date)


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a file; fails loudly when it is not there."""
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), "utf-8")
