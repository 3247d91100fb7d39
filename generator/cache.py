"""A cache of per-plan check outcomes, so re-checking a large portfolio is quick.

An entry is keyed by the plan's path and content, the standards, the as-of
date and planbook's own code: change any of them and the plan is checked
afresh. Portfolio rules (manager load, duplicate ids) and waivers are
recomputed on every run from the cached per-plan outcomes.

Entries are pickles, so the cache lives in the user's cache folder
(`$XDG_CACHE_HOME/planbook`, or `PLANBOOK_CACHE_DIR`), never in the
repository: a pull request cannot plant an entry there.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import generator
from generator.standards.config import Standards

_FORMAT = b"planbook-cache-1"


@cache
def code_fingerprint() -> bytes:
    """A digest of planbook's own code and schemas: new code, new cache."""
    digest = hashlib.blake2b(_FORMAT, digest_size=16)
    package = Path(generator.__file__).parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json", ".yaml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.digest()


def default_cache_dir() -> Path:
    explicit = os.environ.get("PLANBOOK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "planbook" / "checks"


class PlanCache:
    """Per-plan outcomes stored one file per entry."""

    def __init__(self, folder: Path, standards: Standards, as_of: dt.date) -> None:
        self.folder = folder
        context = hashlib.blake2b(code_fingerprint(), digest_size=16)
        context.update(standards.fingerprint.encode())
        context.update(standards.source.encode())
        if standards.people is not None:  # the people rules read the registry
            context.update(b"\0people\0" + standards.people.fingerprint.encode())
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

    def get(self, key: str) -> Any | None:
        try:
            with open(self.folder / key[:2] / key, "rb") as handle:
                value = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        folder = self.folder / key[:2]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # Write then rename, so a reader never sees half an entry.
            with tempfile.NamedTemporaryFile(dir=folder, delete=False) as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(handle.name, folder / key)
        except OSError:
            pass  # a cache that cannot be written only costs speed
