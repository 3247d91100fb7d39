"""The per-commit cache of history records: JSON files outside the repository.

A commit never changes, so its record is kept under the commit's id (mixed
with planbook's code, the standards and the plans folder, which shape the
record). Entries are JSON data, never pickles, sealed with this user's key
(`generator.cache_files`), in the user's cache folder
(`generator.cache.default_cache_dir()`, under `history/`), so neither a pull
request nor anyone sharing the cache folder can plant one. A missing,
unreadable or foreign entry is recomputed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from generator.cache import default_cache_dir, standards_context
from generator.cache_files import read_entry, write_entry
from generator.history.record import CommitRecord
from generator.standards.config import Standards


def history_cache_dir() -> Path:
    return default_cache_dir() / "history"


class RecordStore:
    """Commit records, one JSON file per commit."""

    def __init__(self, folder: Path, standards: Standards, plans_folder: str) -> None:
        self.folder = folder
        # The standards and the people registry: both change the findings counted.
        context = standards_context(standards)
        context.update(plans_folder.encode())
        self._context = context.hexdigest()
        self.hits = 0
        self.misses = 0

    def _file(self, key: str) -> Path:
        name = hashlib.blake2b(f"{self._context}:{key}".encode(), digest_size=20).hexdigest()
        return self.folder / name[:2] / f"{name}.json"

    def _read(self, key: str) -> Any:
        return read_entry(self._file(key))

    def _write(self, key: str, data: Any) -> None:
        write_entry(self._file(key), data)

    def get(self, sha: str) -> CommitRecord | None:
        """The commit's record, or None (counted as a miss) when it must be computed."""
        data = self._read(sha)
        try:
            record = CommitRecord.from_json(data)
        except (ValueError, KeyError, TypeError, AttributeError, IndexError):
            record = None
        if record is None or record.sha != sha:
            self.misses += 1
            return None
        self.hits += 1
        return record

    def put(self, record: CommitRecord) -> None:
        self._write(record.sha, record.as_json())

    def get_text(self, key: str) -> str | None:
        """A page kept under `key` (e.g. an "as reviewed on" page)."""
        data = self._read(key)
        if isinstance(data, dict) and data.get("key") == key and isinstance(data.get("text"), str):
            return str(data["text"])
        return None

    def put_text(self, key: str, text: str) -> None:
        self._write(key, {"key": key, "text": text})
