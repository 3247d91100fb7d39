"""The diff reads each side's plan bytes through the loader, exactly as `check` reads a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diff.compare import load_version
from generator.loader import MAX_FILE_BYTES, LoadedDocument, load_yaml_file
from tests.support import EXAMPLE

PLAN = "plans/jinghua-grid.yaml"
TEXT = EXAMPLE.read_bytes()


def outcome(document: LoadedDocument) -> tuple[object, list[tuple[str, str, object]]]:
    return document.data, [(p.rule, p.message, document.positions.get(id(p)))
                           for p in document.problems]


@pytest.mark.parametrize("raw", [
    TEXT,
    b"\xef\xbb\xbf" + TEXT,                                   # a byte-order mark
    TEXT.replace(b"name: Jinghua", b"name: \xff Jinghua", 1),  # not UTF-8, mid-line
    TEXT + b"#" * (MAX_FILE_BYTES + 1 - len(TEXT)),           # one byte over the limit
    TEXT + b"#" * (MAX_FILE_BYTES - len(TEXT)),               # exactly at the limit
    b"account: [\n",                                          # not YAML
], ids=["plain", "bom", "not-utf8", "too-large", "at-limit", "broken"])
def test_a_revision_reads_like_a_file(raw: bytes, tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / PLAN).write_bytes(raw)
    from_git = load_version(PLAN, raw, tmp_path)
    assert outcome(from_git.document) == outcome(load_yaml_file(tmp_path / PLAN))


def test_a_bad_byte_is_located_at_its_column(tmp_path: Path) -> None:
    raw = TEXT.replace(b"name: Jinghua", b"name: \xff Jinghua", 1)
    document = load_version(PLAN, raw, tmp_path).document
    [problem] = document.problems
    line = raw[:raw.index(b"\xff")].count(b"\n") + 1
    assert document.positions[id(problem)] == (line, 9)  # "  name: " then the byte
