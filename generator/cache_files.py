"""Cache entries on disk: JSON data, sealed with this user's key, written atomically.

The one door of every planbook cache (checked plans, converted pages, history
records). A cache folder may be shared — `PLANBOOK_CACHE_DIR` on a CI runner —
so what is read back from it is not trusted: an entry is used only when

- it carries a seal (HMAC-SHA256) made with this user's own key, which lives
  outside the cache folder (`PLANBOOK_CACHE_KEY_FILE`, else
  `$XDG_CONFIG_HOME/planbook/cache.key`, created on first use, mode 0600), so
  an entry planted or edited by anyone without that key is ignored — a
  converted page planted in a shared folder never reaches the site;
- it is at most `MAX_ENTRY_BYTES` and valid JSON (data, never code: no pickle);
  or, for a page drawn in full (`read_blob`), plain bytes the caller decodes as text.

Anything else is a miss, never an error: a cache that cannot be read or
written only costs speed. Without a usable key nothing is cached at all.
Entries nobody has used for `UNUSED_DAYS` are removed after a build (`prune`),
so a daily build does not fill the disk with pages of past dates.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import tempfile
import time
from functools import cache
from pathlib import Path
from typing import Any

#: the largest entry read back (a plan is at most 1 MiB of YAML; its page a few times that)
MAX_ENTRY_BYTES = 16 * 1024 * 1024
_SEAL = b"planbook-seal-1 "
_MAC_LENGTH = 64  # hex digits of SHA-256


def key_file() -> Path:
    """Where this user's cache key is kept: never inside the cache folder."""
    explicit = os.environ.get("PLANBOOK_CACHE_KEY_FILE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "planbook" / "cache.key"


@cache
def _key_at(path: Path) -> bytes | None:
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(os.urandom(32))
    except FileExistsError:
        pass  # another process made it first: use theirs
    except OSError:
        return None
    try:
        return _read_key(path)
    except OSError:
        return None


def _read_key(path: Path) -> bytes | None:
    with open(path, "rb") as handle:
        key = handle.read(65)
    return key if len(key) >= 32 else None


def _key() -> bytes | None:
    return _key_at(key_file())


def _mac(key: bytes, body: bytes) -> bytes:
    return hmac.new(key, body, hashlib.sha256).hexdigest().encode()


def read_entry(path: Path) -> Any:
    """The data stored at `path`, or None when missing, foreign, tampered or corrupt."""
    body = read_blob(path)
    if body is None:
        return None
    try:
        return json.loads(body)
    except (ValueError, RecursionError):  # ValueError: not JSON or not UTF-8
        return None


def read_keyed(path: Path, kind: str, key: str) -> dict[str, Any] | None:
    """The entry at `path` that `write_keyed` stored as `kind` under `key`; None otherwise.

    An entry of another format version, or stored for another key (a planted
    or colliding file), is a miss like a missing one.
    """
    entry = read_entry(path)
    if isinstance(entry, dict) and entry.get("format") == kind and entry.get("key") == key:
        return entry
    return None


def write_keyed(path: Path, kind: str, key: str, fields: dict[str, Any]) -> bool:
    """Store `fields` at `path`, marked with their format (`kind`) and key."""
    return write_entry(path, {"format": kind, "key": key, **fields})


def read_blob(path: Path) -> bytes | None:
    """The bytes stored at `path` by `write_blob`, or None when missing, foreign or tampered."""
    key = _key()
    if key is None:
        return None
    try:
        with open(path, "rb") as handle:
            raw = handle.read(len(_SEAL) + _MAC_LENGTH + 1 + MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    head = len(_SEAL) + _MAC_LENGTH
    if not raw.startswith(_SEAL) or raw[head:head + 1] != b"\n":
        return None
    body = raw[head + 1:]
    if len(body) > MAX_ENTRY_BYTES or not hmac.compare_digest(raw[len(_SEAL):head],
                                                              _mac(key, body)):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # used: `prune` keeps it
    return body


def write_entry(path: Path, data: Any) -> bool:
    """Store `data` (plain JSON data) at `path`; False when it was not stored."""
    try:
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":"),
                          allow_nan=False).encode("utf-8")
    except (TypeError, ValueError, RecursionError):
        return False  # not plain data: not cached
    return write_blob(path, body)


def write_blob(path: Path, body: bytes) -> bool:
    """Store `body` at `path`, sealed; False when it was not stored."""
    key = _key()
    if key is None:
        return False
    if len(body) > MAX_ENTRY_BYTES:
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename, so a reader never sees half an entry.
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False,
                                         suffix=".tmp") as handle:
            handle.write(_SEAL + _mac(key, body) + b"\n" + body)
        os.replace(handle.name, path)
    except OSError:
        return False  # a cache that cannot be written only costs speed
    return True


#: entries neither read nor written for this long are removed (`prune`): pages keyed by
#: yesterday's as-of date are still there for a re-run, older ones are not kept forever
UNUSED_DAYS = 2
#: `prune` walks the cache at most this often (a stamp file records the last walk)
PRUNE_EVERY_SECONDS = 3600
_PRUNE_STAMP = ".pruned"
_ENTRY_NAME = re.compile(r"[0-9a-f]{32,64}(\.json|\.html)?|.*\.tmp")


def prune(folder: Path, *, now: float | None = None, force: bool = False) -> int:
    """Remove the cache entries under `folder` unused for `UNUSED_DAYS`; how many went.

    Every read or write of an entry refreshes its time, so what a build uses
    stays; entries keyed by an old as-of date, code or standards go. Only
    files named like entries (a hex key, or a half-written `.tmp`) are
    touched. The walk runs at most once per `PRUNE_EVERY_SECONDS` (unless
    `force`); anything that cannot be removed is left.
    """
    clock = time.time() if now is None else now
    stamp = folder / _PRUNE_STAMP
    try:
        if not force and clock - stamp.stat().st_mtime < PRUNE_EVERY_SECONDS:
            return 0
    except OSError:
        pass  # never pruned, or unreadable: walk
    cutoff = clock - UNUSED_DAYS * 86400
    removed = 0
    for here, _, names in os.walk(folder):
        for name in names:
            if not _ENTRY_NAME.fullmatch(name):
                continue
            path = os.path.join(here, name)
            try:
                if os.lstat(path).st_mtime < cutoff:
                    os.unlink(path)
                    removed += 1
            except OSError:
                continue
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        stamp.touch()
        os.utime(stamp, (clock, clock))
    return removed
