"""Golden files: an output compared with a reviewed copy kept in the repository.

Run with PLANBOOK_UPDATE_GOLDEN=1 to rewrite the copies after an intended change,
then review the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path


def assert_matches_golden(actual: str, golden: Path) -> None:
    """`actual` equals the text of `golden` (rewritten first when updating)."""
    if os.environ.get("PLANBOOK_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8", newline="")
    assert golden.is_file(), f"{golden} is missing; run with PLANBOOK_UPDATE_GOLDEN=1"
    with golden.open(encoding="utf-8", newline="") as kept:  # line endings exactly
        expected = kept.read()
    assert actual == expected, (
        f"{golden.name} changed; if that is intended, rerun with PLANBOOK_UPDATE_GOLDEN=1 "
        "and review the diff")
