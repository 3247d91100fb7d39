"""Cache entries: sealed JSON data, written whole, read back only when this user sealed them."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import cache_files
from generator.cache_files import key_file, read_entry, write_entry


def test_an_entry_comes_back_as_written(tmp_path: Path) -> None:
    entry = tmp_path / "ab" / "entry"
    assert write_entry(entry, {"account": "京华电网", "amounts": [1, 2.5], "ok": True})
    assert read_entry(entry) == {"account": "京华电网", "amounts": [1, 2.5], "ok": True}
    assert [p.name for p in entry.parent.iterdir()] == ["entry"]   # no temporary left


def test_the_key_is_private_to_the_user_and_outside_the_cache(tmp_path: Path) -> None:
    write_entry(tmp_path / "cache" / "entry", 1)
    key = key_file()
    assert key.is_file() and tmp_path / "cache" not in key.parents
    assert stat.S_IMODE(key.stat().st_mode) == 0o600


def test_a_key_file_falls_back_to_the_user_s_config_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLANBOOK_CACHE_KEY_FILE")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert key_file() == tmp_path / "config" / "planbook" / "cache.key"


@pytest.mark.parametrize("tamper", [
    lambda raw: raw.replace(b'"findings":1', b'"findings":0'),   # the body edited
    lambda raw: raw[:-1],                                          # cut short
    lambda raw: raw.split(b"\n", 1)[1],                            # the seal removed
    lambda raw: b"planbook-seal-1 " + b"0" * 64 + b"\n" + raw.split(b"\n", 1)[1],
    lambda raw: b"\x80\x04\x95 a pickle",
])
def test_a_tampered_entry_is_a_miss(tmp_path: Path, tamper: object) -> None:
    entry = tmp_path / "entry"
    assert write_entry(entry, {"findings": 1})
    entry.write_bytes(tamper(entry.read_bytes()))  # type: ignore[operator]
    assert read_entry(entry) is None


def test_an_entry_sealed_with_another_key_is_a_miss(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = tmp_path / "entry"
    with monkeypatch.context() as someone_else:
        someone_else.setenv("PLANBOOK_CACHE_KEY_FILE", str(tmp_path / "theirs.key"))
        assert write_entry(entry, {"html": "<script>alert(1)</script>"})
        assert read_entry(entry) is not None          # theirs, for them
    assert read_entry(entry) is None                  # never for us


def test_without_a_usable_key_nothing_is_cached_and_nothing_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("PLANBOOK_CACHE_KEY_FILE", str(blocked / "cache.key"))
    cache_files._key_at.cache_clear()
    assert not write_entry(tmp_path / "entry", {"a": 1})
    assert read_entry(tmp_path / "entry") is None


def test_a_short_key_file_is_not_a_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    short = tmp_path / "short.key"
    short.write_bytes(b"1234")
    monkeypatch.setenv("PLANBOOK_CACHE_KEY_FILE", str(short))
    assert not write_entry(tmp_path / "entry", 1)


def test_what_is_not_plain_data_or_too_large_is_not_stored(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert not write_entry(tmp_path / "a", {"nan": float("nan")})
    assert not write_entry(tmp_path / "b", {"object": object()})
    monkeypatch.setattr(cache_files, "MAX_ENTRY_BYTES", 10)
    assert not write_entry(tmp_path / "c", "x" * 20)
    assert not (tmp_path / "c").exists()


def test_an_unwritable_cache_folder_only_costs_speed(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    assert not write_entry(blocked / "entry", 1)
    assert os.listdir(tmp_path) == ["a-file"]


@given(st.binary(max_size=400))
def test_no_bytes_in_a_cache_file_make_reading_fail(raw: bytes) -> None:
    folder = Path(os.environ["PLANBOOK_CACHE_DIR"])
    entry = folder / "fuzzed"
    entry.write_bytes(raw)
    assert read_entry(entry) is None or raw.startswith(b"planbook-seal-1 ")


NOW = 1_800_000_000.0  # a fixed clock for prune (2027-01-15)
DAY = 86400.0


def _aged(path: Path, days: float) -> Path:
    os.utime(path, (NOW - days * DAY, NOW - days * DAY))
    return path


def test_prune_removes_entries_unused_for_days_and_keeps_the_rest(tmp_path: Path) -> None:
    key = "ab" * 20
    fresh = tmp_path / "ab" / f"{key}.json"
    stale = tmp_path / "cd" / ("cd" * 20)          # a check entry: no suffix
    stale_page = tmp_path / "pages" / "drawn" / "ef" / f"{'ef' * 20}.html"
    half_written = tmp_path / "ab" / "tmpx1y2.tmp"
    for entry in (fresh, stale, stale_page):
        assert write_entry(entry, {"page": 1})
    half_written.write_bytes(b"half")
    other = tmp_path / "jieba.cache"
    other.write_bytes(b"not an entry")
    _aged(fresh, cache_files.UNUSED_DAYS - 0.5)
    for path in (stale, stale_page, half_written, other):
        _aged(path, cache_files.UNUSED_DAYS + 0.5)

    assert cache_files.prune(tmp_path, now=NOW) == 3
    assert fresh.is_file() and other.is_file()
    assert not stale.exists() and not stale_page.exists() and not half_written.exists()


def test_prune_walks_at_most_once_an_hour(tmp_path: Path) -> None:
    stale = tmp_path / "cd" / ("cd" * 20)
    assert cache_files.prune(tmp_path, now=NOW) == 0
    assert write_entry(stale, 1)
    _aged(stale, cache_files.UNUSED_DAYS + 1)
    later = NOW + cache_files.PRUNE_EVERY_SECONDS - 1
    assert cache_files.prune(tmp_path, now=later) == 0 and stale.exists()
    assert cache_files.prune(tmp_path, now=later + 2) == 1 and not stale.exists()


def test_reading_an_entry_marks_it_used(tmp_path: Path) -> None:
    entry = tmp_path / "ab" / ("ab" * 20)
    assert write_entry(entry, {"plan": "jinghua-grid"})
    os.utime(entry, (1_000_000_000, 1_000_000_000))  # 2001: long unused
    assert read_entry(entry) == {"plan": "jinghua-grid"}
    assert entry.stat().st_mtime > 1_000_000_000
