"""The per-commit cache of history records: JSON files outside the repository.

A commit never changes, so its record is kept under the commit's id (mixed
with planbook's code, the standards and the plans folder, which shape the
record). Entries are JSON data, never pickles, in the user's cache folder
(`generator.cache.default_cache_dir()`, under `history/`), so a pull request
cannot plant one. A missing, unreadable or foreign entry is recomputed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from generator.cache import code_fingerprint, default_cache_dir
from generator.history.record import CommitRecord
from generator.standards.config import Standards


def history_cache_dir() -> Path:
    return default_cache_dir() / "history"


class RecordStore:
    """Commit records, one JSON file per commit."""

    def __init__(self, folder: Path, standards: Standards, plans_folder: str) -> None:
        self.folder = folder
        context = hashlib.blake2b(code_fingerprint(), digest_size=16)
        context.update(standards.fingerprint.encode())
        context.update(standards.source.encode())
        context.update(plans_folder.encode())
        self._context = context.hexdigest()
        self.hits = 0
        self.misses = 0

    def _file(self, sha: str) -> Path:
        name = hashlib.blake2b(f"{self._context}:{sha}".encode(), digest_size=20).hexdigest()
        return self.folder / name[:2] / f"{name}.json"

    def get(self, sha: str) -> CommitRecord | None:
        try:
            data = json.loads(self._file(sha).read_text("utf-8"))
            record = CommitRecord.from_json(data)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            self.misses += 1
            return None
        if record.sha != sha:
            self.misses += 1
            return None
        self.hits += 1
        return record

    def put(self, record: CommitRecord) -> None:
        target = self._file(record.sha)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # Write then rename, so a reader never sees half an entry.
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent,
                                             delete=False, suffix=".tmp") as handle:
                json.dump(record.as_json(), handle, ensure_ascii=False)
            os.replace(handle.name, target)
        except OSError:
            pass  # a cache that cannot be written only costs speed
