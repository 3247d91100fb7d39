"""Compact account search entries: the words people look for, Chinese cut into words."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from generator.loader import load_yaml_file
from generator.model import Plan, build_plan
from generator.site.account_search import (
    ZERO_WIDTH_SPACE,
    account_search_entry,
    searchable_words,
    segment_chinese,
)

EXAMPLE = Path(__file__).parents[1] / "fixtures" / "example-plan" / "jinghua-grid.yaml"


def _example() -> Plan:
    return build_plan(load_yaml_file(EXAMPLE).data)


def test_chinese_is_cut_into_words_with_zero_width_spaces() -> None:
    words = segment_chinese("京华电网有限公司").split(ZERO_WIDTH_SPACE)
    assert words == ["京华", "电网", "有限公司"]
    assert segment_chinese("Jinghua Power Grid") == "Jinghua Power Grid"


def test_entry_holds_names_people_and_deals() -> None:
    entry = account_search_entry(_example(), "accounts/jinghua-grid.html", ["mature"])
    words = entry["text"].split(ZERO_WIDTH_SPACE)
    assert entry["location"] == "accounts/jinghua-grid.html"
    assert entry["title"].startswith("Jinghua Power Grid Co., Ltd.")
    assert "有限公司" in entry["title"].split(ZERO_WIDTH_SPACE)
    assert "有限公司" in words
    for needle in ("Zhang Ming", "Dispatch analytics platform", "Huawei Cloud", "Neusoft",
                   "opp-ea-renewal", "Azure IoT Hub", "Sarah Klein", "dispatch"):
        assert needle in entry["text"]
    assert entry["tags"] == ["mature"]


def test_each_value_once_and_small() -> None:
    plan = _example()
    words = searchable_words(plan)
    assert len(words) == len(set(words))
    entry = account_search_entry(plan, "accounts/jinghua-grid.html")
    assert len(json.dumps(entry, ensure_ascii=False).encode()) < 4 * 1024


def test_built_site_indexes_each_account_once_from_its_plan(tmp_path: Path) -> None:
    from generator.site.build import build_site

    repo = Path(__file__).parents[2]
    built = build_site(repo / "mkdocs.yml", out=tmp_path / "site",
                       as_of=dt.date(2026, 11, 27), use_cache=False)
    index = json.loads((built.site_dir / "search" / "search_index.json").read_text("utf-8"))
    accounts = [d for d in index["docs"] if d["location"].startswith("accounts/")]
    plans = sorted(p.stem for p in (repo / "plans").glob("*.yaml"))
    assert sorted(d["location"] for d in accounts) == [f"accounts/{p}.html" for p in plans]
    kessler = next(d for d in accounts if d["location"] == "accounts/kessler-suzhou.html")
    assert "有限公司" in kessler["title"].split(ZERO_WIDTH_SPACE)


def test_plan_text_in_the_index_is_html_escaped(tmp_path: Path) -> None:
    # The theme inserts search results as HTML: markup must arrive as text.
    from tests.support.probe_plan import PROBE_WORD, write_probe_plan

    plan = build_plan(load_yaml_file(write_probe_plan(tmp_path)).data)
    entry = account_search_entry(plan, "accounts/probe.html", ["<b onclick=x>tag</b>"])
    for shown in (entry["title"], entry["text"], *entry["tags"]):
        assert "<" not in shown and ">" not in shown
    assert f"{PROBE_WORD} &lt;img src=x onerror=" in entry["text"]
    assert entry["tags"] == ["&lt;b onclick=x&gt;tag&lt;/b&gt;"]
