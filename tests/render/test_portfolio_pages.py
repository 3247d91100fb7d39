"""The portfolio home, the manager pages and the standards reference."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.checker import check_paths
from generator.exports import export_files
from generator.render import render_pages
from generator.render.anchors import manager_slug
from generator.standards.config import Standards
from generator.standards.registry import all_rules
from tests.support import AS_OF, EXAMPLE_DIR, SAMPLE_PLANS_DIR
from tests.support.markdown_html import audit, page_text, split_front_matter, to_html


@pytest.fixture(scope="module")
def portfolio_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample plans, the example plan, a broken plan and a Chinese-named owner."""
    folder = tmp_path_factory.mktemp("portfolio") / "plans"
    shutil.copytree(SAMPLE_PLANS_DIR, folder)
    shutil.copy(EXAMPLE_DIR / "jinghua-grid.yaml", folder / "jinghua-grid.yaml")
    (folder / "broken-plan.yaml").write_text("account:\n  id: broken-plan\n  name: [\n", "utf-8")
    (folder / "half-plan.yaml").write_text("format: 1\naccount: {id: half-plan, name: Half}\n",
                                           "utf-8")
    data = yaml.safe_load((EXAMPLE_DIR / "jinghua-grid.yaml").read_text("utf-8"))
    data["account"].update(id="huabei-rail", name="Huabei Rail", local_name="华北铁路")
    data["plan"]["owner"] = "王芳"
    data["team"] = [{"name": "王芳", "role": "Account Manager"}, *data["team"][1:]]
    for cos in data["conditions_of_satisfaction"]:
        cos["our_owner"] = "王芳"
    (folder / "huabei-rail.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return folder


@pytest.fixture(scope="module")
def pages(portfolio_dir: Path, standards: Standards) -> dict[str, str]:
    return render_pages(check_paths([portfolio_dir], standards, AS_OF), standards, AS_OF)


def test_home_lists_every_sample_plan(pages: dict[str, str]) -> None:
    home = pages["index.md"]
    for plan_file in sorted(SAMPLE_PLANS_DIR.glob("*.yaml")):
        data = yaml.safe_load(plan_file.read_text("utf-8"))
        account_id = data["account"]["id"]
        assert f"](accounts/{account_id}.md)" in home
        assert f"accounts/{account_id}.md" in pages
    assert "](accounts/jinghua-grid.md)" in home


def test_home_rows_are_sorted_by_account_name(pages: dict[str, str]) -> None:
    accounts = pages["index.md"].split("## Accounts")[1].split("## Plans that cannot")[0]
    names = re.findall(r"^\| \[(.+?)\]\(accounts/", accounts, re.MULTILINE)
    assert names == sorted(names, key=str.casefold)
    assert len(names) == len(list(SAMPLE_PLANS_DIR.glob("*.yaml"))) + 2  # example, huabei


def test_home_shows_converted_amounts_and_counts(pages: dict[str, str]) -> None:
    text = page_text(pages["index.md"])
    # Converted only, the currency in the header: the columns compare at a glance.
    assert ("Account Local name Owner Segment LTP (USD) AR target (USD) "
            "Open pipeline (USD) Plan age Errors Warnings") in text
    assert ("Jinghua Power Grid Co., Ltd. 京华电网有限公司 Li Wei mature "
            "6,720,000 4,060,000 3,934,000 17 days 0 0") in text
    assert "Plans Shown Cannot be shown Errors Warnings Waived" in text
    row = next(line for line in pages["index.md"].splitlines()
               if line.startswith("| Account | Local name |"))
    assert row.count("(USD)") == 3
    rule = pages["index.md"].splitlines()[pages["index.md"].splitlines().index(row) + 1]
    assert rule == "|---|---|---|---|--:|--:|--:|--:|--:|--:|"  # amounts right-aligned


def test_the_plan_currency_stays_on_the_account_page(pages: dict[str, str]) -> None:
    text = page_text(pages["accounts/jinghua-grid.md"])
    assert "Long-term potential USD 6,720,000 (CNY 48,000,000)" in text


def test_an_amount_without_a_rate_shows_in_its_own_currency(tmp_path: Path,
                                                            standards: Standards) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    text = (EXAMPLE_DIR / "jinghua-grid.yaml").read_text("utf-8")
    (folder / "jinghua-grid.yaml").write_text(text.replace("currency: CNY", "currency: XAU"),
                                              "utf-8")
    pages = render_pages(check_paths([folder], standards, AS_OF), standards, AS_OF)
    assert "CNY 48,000,000" not in pages["index.md"]
    assert "| XAU 48,000,000 (no USD rate) |" in pages["index.md"]


def test_home_lists_plans_that_failed_to_load(pages: dict[str, str]) -> None:
    home = pages["index.md"]
    row = next(line for line in home.splitlines() if "broken\\-plan\\.yaml" in line)
    assert "](accounts/broken-plan.md)" in row
    failed = pages["accounts/broken-plan.md"]
    assert "This plan cannot be shown" in failed
    assert "<code>yaml-syntax</code>" in failed
    assert "must be fixed before its page can be shown" in page_text(failed)
    # A plan that is YAML but not a valid plan: its account id is known.
    row = next(line for line in home.splitlines() if "half\\-plan\\.yaml" in line)
    assert "](accounts/half-plan.md) | <code>half\\-plan</code> |" in row
    assert "schema" in page_text(pages["accounts/half-plan.md"])


def test_home_totals(pages: dict[str, str], portfolio_dir: Path) -> None:
    plans = len(list(portfolio_dir.glob("*.yaml")))
    lines = pages["index.md"].splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| Plans | Shown |"))
    summary_row = lines[header + 2]
    assert summary_row.startswith(f"| {plans} | {plans - 2} | 2 |")


def test_each_owner_has_a_manager_page(pages: dict[str, str]) -> None:
    managers = pages["managers/index.md"]
    assert "[Chen Jing](chen-jing.md)" in managers
    chen = page_text(pages["managers/chen-jing.md"])
    assert "Jinsha River Commercial Bank" in chen and "Kessler Automotive" in chen
    assert "2 accounts: within the target (about 10, at most 12)" in chen


def test_chinese_owner_gets_a_stable_hash_slug(pages: dict[str, str]) -> None:
    slug = manager_slug("王芳")
    assert re.fullmatch(r"manager-[0-9a-f]{8}", slug)
    assert slug == manager_slug("王芳")
    assert f"managers/{slug}.md" in pages
    assert pages[f"managers/{slug}.md"].startswith("---\ntitle: 王芳\n")
    assert f"](../managers/{slug}.md)" in pages["accounts/huabei-rail.md"]


def test_manager_index_compares_with_the_standard(pages: dict[str, str]) -> None:
    text = page_text(pages["managers/index.md"])
    assert "about 10 accounts per manager, and at most 12" in text
    assert "Chen Jing chen.jing@example.com 2 within the target" in text


def test_links_between_pages_resolve(pages: dict[str, str]) -> None:
    # The exports are files the site build adds beside the pages.
    exports = set(export_files([]))
    for name, page in pages.items():
        for link in audit(to_html(page)).links:
            if link.startswith(("#", "http")):
                continue
            # HTML blocks link to the built page (`.html`), Markdown to its source.
            path = link.split("#")[0]
            path = path[:-5] + ".md" if path.endswith(".html") else path
            target = (Path(name).parent / path).as_posix()
            normalised = Path(target).resolve().relative_to(Path.cwd().resolve())
            assert normalised.as_posix() in pages or normalised.as_posix() in exports, (
                name, link)


def test_the_five_portfolio_views_are_rendered(pages: dict[str, str]) -> None:
    for view in ("pipeline", "renewals", "freshness", "heatmap", "whitespace"):
        page = pages[f"portfolio/{view}.md"]
        _, meta = split_front_matter(page)
        assert meta["title"] and meta["description"]
        # Wide tables take the table of contents' width; the navigation, which
        # lists the five views, stays.
        assert meta["hide"] == ["toc"]
    # Owners link to their real manager page, also one with a hashed slug.
    slug = manager_slug("王芳")
    assert f'href="../managers/{slug}.html"' in pages["portfolio/pipeline.md"]
    assert 'href="../accounts/huabei-rail.html"' in pages["portfolio/renewals.md"]


def test_standards_page_documents_every_rule(pages: dict[str, str]) -> None:
    page = pages["standards/index.md"]
    ids = audit(to_html(page)).ids
    for rule in all_rules():
        assert f"## {rule.id.replace('-', chr(92) + '-')} {{ #{rule.id} }}" in page
        assert rule.id in ids
        # The docstring is published as-is, examples included.
        assert rule.doc in page
        for example in re.findall(r"```yaml\n(.*?)```", rule.doc, re.DOTALL):
            assert example in page


def test_standards_page_shows_thresholds_severities_and_rates(
        pages: dict[str, str]) -> None:
    text = page_text(pages["standards/index.md"])
    assert "review_max_age_days 90 days plan-current, next-review" in text
    assert "segments.<segment>.min_ltp emerging: USD 500,000; mature: USD 1,000,000" in text
    assert "CNY 0.14" in text
    assert "ltp-minimum error error" in text
    assert "In effect: warning · default: warning" in text


def test_standards_page_shows_severity_overrides(tmp_path: Path, portfolio_dir: Path) -> None:
    from generator.standards.config import load_standards

    defaults = Path(__file__).parents[2] / "generator" / "standards" / "defaults.yaml"
    custom = tmp_path / "standards.yaml"
    custom.write_text(defaults.read_text("utf-8").replace(
        "rules: {}", "rules: {competition: error, sales-cycle: off}"), "utf-8")
    standards = load_standards(custom)
    pages = render_pages(check_paths([EXAMPLE_DIR], standards, AS_OF), standards, AS_OF)
    text = page_text(pages["standards/index.md"])
    assert "competition error warning" in text
    assert "sales-cycle off warning" in text


def test_every_page_has_a_title(pages: dict[str, str]) -> None:
    for page in pages.values():
        _, meta = split_front_matter(page)
        assert meta["title"] and meta["description"]


def test_duplicate_account_ids_get_separate_pages(tmp_path: Path,
                                                  standards: Standards) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(EXAMPLE_DIR / "jinghua-grid.yaml", tmp_path / folder / "jinghua-grid.yaml")
    pages = render_pages(check_paths([tmp_path], standards, AS_OF), standards, AS_OF)
    first, second = "accounts/jinghua-grid.md", ""
    for name in pages:
        if re.fullmatch(r"accounts/jinghua-grid-[0-9a-f]{8}\.md", name):
            second = name
    assert first in pages and second
    assert "<code>duplicate-id</code>" in pages[second]  # the later file, in path order
    assert "duplicate\\-id" not in pages[first]
    # Portfolio views link an account id to the page with the plain name.
    assert 'href="../accounts/jinghua-grid.html"' in pages["portfolio/freshness.md"]
    assert second.removesuffix(".md") not in pages["portfolio/freshness.md"]
