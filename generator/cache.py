"""A cache of per-plan check outcomes, so re-checking a large portfolio is quick.

An entry is keyed by the plan's path and content, the standards, the as-of
date and planbook's own code: change any of them and the plan is checked
afresh. Portfolio rules (manager load, duplicate ids) and waivers are
recomputed on every run from the cached per-plan outcomes.

Entries are data, never code: JSON objects holding the plan's data, its
located problems and anchors (see `generator.checker`), never pickles, sealed
with this user's key (`generator.cache_files`), so an entry planted in a shared
cache folder (`PLANBOOK_CACHE_DIR` on a CI runner) can neither run anything nor
forge a plan's findings. An entry that is not sealed by this user, is not valid
JSON, is too large, or was written by another format version or for another
key is ignored (a miss).
The cache lives in the user's cache folder (`$XDG_CACHE_HOME/planbook`, or
`PLANBOOK_CACHE_DIR`), never in the repository.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from functools import cache
from pathlib import Path
from typing import Any

import generator
from generator.cache_files import read_keyed, write_keyed
from generator.standards.config import Standards

_FORMAT = "planbook-cache-3"


#: the files of the package whose change changes what planbook makes
CODE_SUFFIXES = (".py", ".json", ".yaml", ".j2", ".html", ".css", ".js")


@cache
def code_fingerprint() -> bytes:
    """A digest of planbook's own code, schemas and templates: new code, new cache."""
    digest = hashlib.blake2b(_FORMAT.encode(), digest_size=16)
    package = Path(generator.__file__).parent
    for path in sorted(package.rglob("*")):
        if path.suffix in CODE_SUFFIXES and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.digest()


def default_cache_dir() -> Path:
    explicit = os.environ.get("PLANBOOK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "planbook" / "checks"


def standards_context(standards: Standards) -> hashlib.blake2b:
    """What shapes every outcome cached under a key: planbook's code, the standards
    (with the audience policy in force) and the people registry (the people rules read it)."""
    context = hashlib.blake2b(code_fingerprint(), digest_size=16)
    context.update(standards.fingerprint.encode())
    context.update(standards.source.encode())
    # Who the site is for is not in standards.yaml's text: `--audience internal-full`
    # changes it in memory, and what a cached page's search entries hold with it.
    context.update(b"\0audiences\0" + repr(standards.audiences).encode())
    if standards.people is not None:
        context.update(b"\0people\0" + standards.people.fingerprint.encode())
    return context


class PlanCache:
    """Per-plan outcomes stored one file per entry."""

    def __init__(self, folder: Path, standards: Standards, as_of: dt.date) -> None:
        self.folder = folder
        context = standards_context(standards)
        context.update(as_of.isoformat().encode())
        self._context = context.digest()
        self.hits = 0
        self.misses = 0

    def key(self, path: Path, content: bytes) -> str:
        digest = hashlib.blake2b(self._context, digest_size=20)
        digest.update(path.as_posix().encode())
        digest.update(b"\0")
        digest.update(content)
        return digest.hexdigest()

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored value for `key`, or None: missing, corrupt and foreign entries alike."""
        value = self._read(key)
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def miss(self) -> None:
        """Count a hit the caller could not use (its value did not fit) as a miss."""
        self.hits -= 1
        self.misses += 1

    def _read(self, key: str) -> dict[str, Any] | None:
        entry = read_keyed(self.folder / key[:2] / key, _FORMAT, key)
        if entry is None or not isinstance(entry.get("value"), dict):
            return None
        value: dict[str, Any] = entry["value"]
        return value

    def put(self, key: str, value: dict[str, Any]) -> None:
        write_keyed(self.folder / key[:2] / key, _FORMAT, key, {"value": value})
