"""Account search entries per section: the words people look for, each entry
linking to its section or item, Chinese cut into words (and into jieba's
shorter search-mode words), snippets in plain text."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from generator.loader import load_yaml_file
from generator.model import Plan, build_plan
from generator.site.account_search import (
    VALUE_SEPARATOR,
    ZERO_WIDTH_SPACE,
    account_search_entries,
    plain_snippet,
    search_words_chinese,
    segment_chinese,
)

EXAMPLE = Path(__file__).parents[1] / "fixtures" / "example-plan" / "jinghua-grid.yaml"


def _example() -> Plan:
    return build_plan(load_yaml_file(EXAMPLE).data)


def test_chinese_is_cut_into_words_with_zero_width_spaces() -> None:
    words = segment_chinese("京华电网有限公司").split(ZERO_WIDTH_SPACE)
    assert words == ["京华", "电网", "有限公司"]
    assert segment_chinese("Jinghua Power Grid") == "Jinghua Power Grid"


def _entries() -> list[dict[str, object]]:
    return account_search_entries(_example(), "accounts/jinghua-grid.html", ["mature"])


def _at(location: str) -> dict[str, object]:
    return next(e for e in _entries() if e["location"] == location)


def test_the_page_entry_holds_names_and_a_plain_snippet() -> None:
    page = _entries()[0]
    assert page["location"] == "accounts/jinghua-grid.html"
    assert str(page["title"]).startswith("Jinghua Power Grid Co., Ltd.")
    assert "有限公司" in str(page["title"]).split(ZERO_WIDTH_SPACE)
    assert page["tags"] == ["mature"]
    assert "**" not in str(page["text"]) and "Jinghua is modernising" in str(page["text"])


def test_people_and_deals_land_on_their_item() -> None:
    person = _at("accounts/jinghua-grid.html#zhang-ming")
    assert person["title"] == "Zhang Ming"
    deal = _at("accounts/jinghua-grid.html#opp-dispatch-analytics")
    assert "opp-dispatch-analytics" in str(deal["text"])
    assert "Neusoft" in str(deal["text"])
    locations = [e["location"] for e in _entries()]
    assert len(locations) == len(set(locations))
    assert "accounts/jinghua-grid.html#actions" in locations


def test_search_mode_adds_the_words_inside_longer_ones() -> None:
    assert search_words_chinese("金沙江商业银行") == ["金沙", "商业", "银行"]
    assert search_words_chinese("京华电网有限公司") == ["有限", "公司"]
    assert search_words_chinese("Jinghua") == []
    # The page entry holds them after its own words: 有限 finds 有限公司.
    assert str(_entries()[0]["text"]).replace(ZERO_WIDTH_SPACE, "").endswith(
        f"有限{VALUE_SEPARATOR}公司")


def _values(entry: dict[str, object]) -> list[str]:
    text = str(entry["text"])
    return text.split(VALUE_SEPARATOR) if text else []


def test_each_value_is_indexed_once_per_page() -> None:
    # Neusoft partners two deals and is listed among the partners; Li Wei owns
    # the plan, two conditions and an action: each is found once, where it first shows.
    entries = _entries()
    values = [v for e in entries for v in _values(e)]
    assert len(values) == len(set(values))
    assert values.count("Neusoft") == 1
    assert "Neusoft" in _values(_at("accounts/jinghua-grid.html#opp-dispatch-analytics"))
    assert "Li Wei" in _values(entries[0])


def test_a_name_with_its_own_entry_is_not_repeated_in_another() -> None:
    # Zhang Ming owns a condition on the customer's side: his name finds his row.
    titles = {str(e["title"]) for e in _entries()[1:]}
    assert "Zhang Ming" in titles
    assert all(v not in titles for e in _entries() for v in _values(e))


def test_every_word_of_the_plan_stays_searchable() -> None:
    plan = _example()
    indexed = " ".join(f"{e['title']} {e['text']}" for e in _entries())
    words = [plan.plan.owner, *(p.name for p in plan.partners),
             *(c.name for c in plan.competitors), *(m.name for m in plan.team),
             *(s.name for s in plan.stakeholders), *(o.id for o in plan.opportunities),
             *(p for o in plan.opportunities for p in o.products),
             *(a.what for a in plan.actions), *(c.customer_owner for c in
                                                plan.conditions_of_satisfaction)]
    assert [w for w in words if w and w not in indexed] == []


def test_sections_are_titled_by_their_name_and_never_empty() -> None:
    # The theme shows each hit under its page's title, the account's name.
    name = _example().account.name
    for entry in _entries()[1:]:
        assert name not in str(entry["title"])
        assert "text" in entry
    sections = [e for e in _entries() if e["title"] in ("Team", "Deployment", "Actions",
                                                         "Agreements", "Engagements")]
    assert sections and all(e["text"] for e in sections)


def test_snippets_are_short_plain_text() -> None:
    text = plain_snippet("**mobile** first, see [the plan](https://x.example) " + "word " * 100)
    assert text.startswith("mobile first, see the plan word")
    assert len(text) <= 242 and text.endswith(" …")
    for entry in _entries():
        assert len(json.dumps(entry, ensure_ascii=False).encode()) < 2 * 1024


def test_built_site_indexes_each_account_once_from_its_plan(tmp_path: Path) -> None:
    from generator.site.build import build_site

    repo = Path(__file__).parents[2]
    built = build_site(repo / "mkdocs.yml", out=tmp_path / "site",
                       as_of=dt.date(2026, 11, 27), use_cache=False)
    index = json.loads((built.site_dir / "search" / "search_index.json").read_text("utf-8"))
    accounts = [d for d in index["docs"]
                if d["location"].startswith("accounts/") and "#" not in d["location"]]
    plans = sorted(p.stem for p in (repo / "plans").glob("*.yaml"))
    assert sorted(d["location"] for d in accounts) == [f"accounts/{p}.html" for p in plans]
    kessler = next(d for d in accounts if d["location"] == "accounts/kessler-suzhou.html")
    assert "有限公司" in kessler["title"].split(ZERO_WIDTH_SPACE)


def test_plan_text_in_the_index_is_html_escaped(tmp_path: Path) -> None:
    # The theme inserts search results as HTML: markup must arrive as text.
    from tests.support.probe_plan import PROBE_WORD, write_probe_plan

    plan = build_plan(load_yaml_file(write_probe_plan(tmp_path)).data)
    entries = account_search_entries(plan, "accounts/probe.html", ["<b onclick=x>tag</b>"])
    for entry in entries:
        for shown in (entry["title"], entry["text"], *entry.get("tags", [])):
            assert "<" not in shown and ">" not in shown
    assert any(f"{PROBE_WORD} &lt;img src=x onerror=" in e["text"] for e in entries)
    assert entries[0]["tags"] == ["&lt;b onclick=x&gt;tag&lt;/b&gt;"]


def test_control_characters_and_bidi_overrides_stay_out_of_the_index() -> None:
    # QA: a name holding U+202E showed every search result after it reversed.
    data = load_yaml_file(EXAMPLE).data
    data["account"]["name"] = "Jinghua\u202e Grid\x1b[31m"
    data["account"]["tags"] = ["smart\u2066-grid"]
    entries = account_search_entries(build_plan(data), "accounts/jinghua-grid.html",
                                     data["account"]["tags"])
    for entry in entries:
        for shown in (entry["title"], entry["text"], *entry.get("tags", [])):
            assert not any(c in shown for c in "\u202e\u2066\x1b"), shown
    assert entries[0]["title"].startswith("Jinghua Grid[31m")
    assert entries[0]["tags"] == ["smart-grid"]
