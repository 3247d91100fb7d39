"""Page names and in-page anchors that are stable, unique and URL-safe.

Slugs come from what people recognise (an email's local part, a name, an id).
Where the text has no ASCII letters to slug — a Chinese name, say — the slug
falls back to a short hash of the text, so it is stable from build to build.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Page names become file names (at most 255 bytes on common file systems, with
# `.md`, `.html` and collision suffixes still to come): longer ones are cut and
# keep a hash of the whole, so they stay unique and stable.
MAX_NAME = 80


def short_hash(text: str) -> str:
    """Eight hex digits derived from `text`: the same text, the same hash."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def slugify(text: str, *, fallback_prefix: str) -> str:
    """`Li Wei` → `li-wei`; `张明` → `<fallback_prefix>-<hash>`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    # Mostly non-ASCII text leaves fragments ("Zhang 张明" → "zhang"); those still
    # read well, but an empty slug needs the hash.
    return slug or f"{fallback_prefix}-{short_hash(text)}"


def manager_slug(owner_key: str) -> str:
    """The slug of a plan owner's page, from the email's local part or the name."""
    local = owner_key.split("@", 1)[0] if "@" in owner_key else owner_key
    return slugify(local, fallback_prefix="manager")


def bounded(name: str) -> str:
    """`name`, or its first characters and a hash of all of it when it is too long."""
    if len(name) <= MAX_NAME:
        return name
    return f"{name[:MAX_NAME - 9].rstrip('-')}-{short_hash(name)}"


class AnchorBook:
    """Hands out unique anchors (or page names) in the order they are asked for.

    A name already taken gets the hash of its source appended, so an anchor
    does not depend on what else happens to be on the page.
    """

    def __init__(self, reserved: Iterable[str] = ()) -> None:
        self._taken: set[str] = set(reserved)
        self._given: dict[tuple[str, str], str] = {}

    def claim(self, kind: str, key: str, wanted: str) -> str:
        """The anchor for `key` of `kind` (the same one when asked again)."""
        if (kind, key) in self._given:
            return self._given[(kind, key)]
        wanted = bounded(wanted)
        anchor = wanted
        if anchor in self._taken:
            anchor = f"{wanted}-{short_hash(kind + ':' + key)}"
        counter = 2
        base = anchor
        while anchor in self._taken:  # a hash collision: vanishingly rare
            anchor = f"{base}-{counter}"
            counter += 1
        self._taken.add(anchor)
        self._given[(kind, key)] = anchor
        return anchor

    def find(self, kind: str, key: str) -> str | None:
        return self._given.get((kind, key))
