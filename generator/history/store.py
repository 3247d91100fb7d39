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
from typing import Any

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

    def _file(self, key: str) -> Path:
        name = hashlib.blake2b(f"{self._context}:{key}".encode(), digest_size=20).hexdigest()
        return self.folder / name[:2] / f"{name}.json"

    def _read(self, key: str) -> Any:
        try:
            return json.loads(self._file(key).read_text("utf-8"))
        except (OSError, ValueError):
            return None

    def _write(self, key: str, data: Any) -> None:
        target = self._file(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # Write then rename, so a reader never sees half an entry.
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent,
                                             delete=False, suffix=".tmp") as handle:
                json.dump(data, handle, ensure_ascii=False)
            os.replace(handle.name, target)
        except OSError:
            pass  # a cache that cannot be written only costs speed

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
