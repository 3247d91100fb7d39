"""`planbook build --audience customer`: the joint plan shows what is shared, only that."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

import generator.audience.build as joint_plan_build
from generator.audience.build import Sources, build_joint_plan
from generator.audience.joint_plan import render_joint_plan
from generator.audience.leak import LeakError
from generator.audience.policy import Audience
from generator.standards.config import load_standards
from tests.support import EXAMPLE, HOSTILE_PLAN
from tests.support.site_projects import planbook as run_planbook

if TYPE_CHECKING:
    from tests.audience.conftest import MarkedPlan

AS_OF = "2026-11-27"


def planbook(*args: str | Path) -> tuple[int, str, str]:
    outcome = run_planbook(*args)
    return outcome.code, outcome.out, outcome.err


def customer_build(repo: Path, account: str = "jinghua-grid", *extra: str | Path
                   ) -> tuple[int, str, str]:
    return planbook("build", "--config", repo / "mkdocs.yml", "--audience", "customer",
                    "--account", account, "--as-of", AS_OF, *extra)


def output_bytes(folder: Path) -> bytes:
    return b"\n".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


@pytest.fixture
def example_repo(tmp_path: Path, repository) -> Path:  # type: ignore[no-untyped-def]
    return repository(tmp_path / "repo", {"jinghua-grid": EXAMPLE.read_text("utf-8")})


def test_the_example_plans_joint_plan_holds_everything_shared(example_repo: Path) -> None:
    code, out, err = customer_build(example_repo)
    assert (code, err) == (0, "")
    assert "joint-plans/jinghua-grid/index.html" in out
    folder = example_repo / "joint-plans" / "jinghua-grid"
    assert [p.name for p in folder.iterdir()] == ["index.html"]
    page = html.unescape((folder / "index.html").read_text("utf-8"))
    data = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    for cos in data["conditions_of_satisfaction"]:
        for text in [cos["title"], *cos["customer_commitments"], *cos["our_commitments"],
                     *cos["success_measures"]]:
            assert text in page
    assert "Run the TCO study for the cost COS" in page          # the action tied to a COS
    assert "Windows Enterprise deployment plan" not in page      # ... and not the others
    for engagement in data["engagements"]:
        assert engagement["topic"] in page and str(engagement["date"]) in page
    for priority in data["customer_priorities"]:
        assert priority["title"] in page
    # both companies, the customer's local name, and the people in their own script
    assert "京华电网有限公司" in page and "Jinghua Power Grid Co., Ltd." in page
    assert "Contoso" in page and "张明 Zhang Ming" in page
    # none of the internal content
    for secret in ["Huawei Cloud", "Kingsoft", "supporter", "skeptic", "neutral", "EA renewal",
                   "19,500,000", "19500000", "48,000,000", "Consumption ramps", "Sun Li",
                   "Digital China", "Neusoft", "saving from the pilot", "deployment"]:
        assert secret.casefold() not in page.casefold(), secret
    # the page prints on A4
    assert "@page { size: A4" in page and "@media print" in page


def articles(page: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in
            re.finditer(r'<article class="cos" id="([^"]+)">(.*?)</article>', page, re.S)}


def test_a_cos_not_yet_agreed_is_never_shown_as_agreed(example_repo: Path) -> None:
    plan = (example_repo / "plans" / "jinghua-grid.yaml")
    # English page: no local name in Han characters
    plan.write_text(plan.read_text("utf-8").replace("  local_name: 京华电网有限公司\n", ""),
                    "utf-8")
    assert customer_build(example_repo)[0] == 0
    page = (example_repo / "joint-plans" / "jinghua-grid" / "index.html").read_text("utf-8")
    agreed, draft = articles(page).values()
    assert "Agreed</span>" in agreed and "Agreed by:" in agreed and "2026-09-18" in agreed
    assert "Zhang Ming" in agreed and "Li Wei" in agreed
    assert "Proposed, not yet agreed" in draft
    assert "Agreed" not in draft.replace("not yet agreed", "")
    assert 'lang="en"' in page


def test_a_draft_with_an_agreed_on_date_still_reads_proposed(example_repo: Path) -> None:
    plan = (example_repo / "plans" / "jinghua-grid.yaml")
    plan.write_text(plan.read_text("utf-8").replace(
        "    status: draft\n", "    status: draft\n    agreed_on: 2026-10-30\n"), "utf-8")
    assert customer_build(example_repo)[0] == 0
    page = (example_repo / "joint-plans" / "jinghua-grid" / "index.html").read_text("utf-8")
    draft = list(articles(page).values())[1]
    assert "提议中，尚未确认" in draft and "确认人" not in draft  # noqa: RUF001
    assert "2026-10-30" not in page  # not a milestone either


def test_no_internal_or_restricted_marker_reaches_any_output_byte(
        marked_repository: Path, marked_plan: MarkedPlan) -> None:
    code, _, err = customer_build(marked_repository)
    assert code == 0, err
    output = output_bytes(marked_repository / "joint-plans").decode("utf-8")
    hidden = marked_plan.markers_for(Audience.INTERNAL, Audience.RESTRICTED)
    assert len(hidden) > 100
    assert [(m, v.path) for m, v in hidden.items() if m in output] == []
    # values no marker can carry: stances, relationships, amounts
    for word in ("supporter", "skeptic", "neutral", "developing", "weak", "strong"):
        assert not re.search(rf"\b{word}\b", output, re.I), word
    for amount in marked_plan.plan.opportunities:
        assert f"{amount.amount:,}" not in output
    # the internal COS and the action tied to it are not on the page at all
    assert "Merge the two dispatch centres" not in output
    assert "Draft the consolidation sizing" not in output


def test_a_leaking_template_fails_the_build_and_names_the_field(
        example_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert customer_build(example_repo)[0] == 0
    page = example_repo / "joint-plans" / "jinghua-grid" / "index.html"
    before = page.read_bytes()

    def leaky(view) -> str:  # type: ignore[no-untyped-def]
        return render_joint_plan(view) + "<!-- Lead with dispatch analytics outcomes and " \
            "the partner&#39;s grid references. -->"

    monkeypatch.setattr(joint_plan_build, "render_joint_plan", leaky)
    code, out, err = customer_build(example_repo)
    assert code == 1 and out == ""
    assert "competitors[0].strategy (internal) appears in index.html" in err
    assert page.read_bytes() == before  # the previous joint plan is kept
    assert [p.name for p in page.parent.parent.iterdir()] == ["jinghua-grid"]


def test_the_leak_check_cannot_be_skipped(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    (repo / "plans" / "jinghua-grid.yaml").write_bytes(EXAMPLE.read_bytes())
    with pytest.raises(LeakError) as raised:
        build_joint_plan("jinghua-grid", Sources(repo, repo / "plans", repo / "docs"),
                         load_standards(None), dt.date(2026, 11, 27),
                         render=lambda view: "<p>张明 is a supporter, relationship: strong</p>")
    assert {leak.path for leak in raised.value.leaks} == {
        "stakeholders[0].stance", "stakeholders[0].relationship"}
    assert not (repo / "joint-plans").exists() or not any((repo / "joint-plans").iterdir())


@pytest.mark.parametrize(("args", "message"), [
    ((), "--audience customer needs --account ID"),
    (("--account", "jinghua-gird"), "no plan for that account in"),
    (("--account", "../plans"), "an account id is a slug"),
    # the whole id is a slug: `$` alone would let a trailing line break through
    (("--account", "jinghua-grid\n"), "an account id is a slug"),
])
def test_usage_errors_exit_2(example_repo: Path, args: tuple[str, ...], message: str) -> None:
    code, _, err = planbook("build", "--config", example_repo / "mkdocs.yml",
                            "--audience", "customer", *args)
    assert code == 2 and message in err


def test_an_unknown_account_suggests_the_closest(example_repo: Path) -> None:
    code, _, err = customer_build(example_repo, "jinghua-gird")
    assert code == 2 and "did you mean `jinghua-grid`?" in err


def test_account_without_the_customer_audience_is_a_usage_error(example_repo: Path) -> None:
    code, _, err = planbook("build", "--config", example_repo / "mkdocs.yml",
                            "--account", "jinghua-grid")
    assert code == 2 and "--account goes with --audience customer" in err


@pytest.mark.parametrize("out", ["plans/joint", "docs", "."])
def test_never_writes_into_plans_or_docs(example_repo: Path, out: str) -> None:
    plans_before = sorted(p.name for p in (example_repo / "plans").iterdir())
    code, _, err = customer_build(example_repo, "jinghua-grid", "--out", example_repo / out)
    assert code == 2 and "--out" in err
    assert sorted(p.name for p in (example_repo / "plans").iterdir()) == plans_before


def test_a_plan_that_cannot_be_read_writes_nothing(example_repo: Path) -> None:
    plan = example_repo / "plans" / "jinghua-grid.yaml"
    plan.write_text(plan.read_text("utf-8").replace("segment: mature", "segment: huge"), "utf-8")
    code, _, err = customer_build(example_repo)
    assert code == 1 and "schema" in err and "nothing was written" in err
    assert not (example_repo / "joint-plans").exists()


def test_hostile_plan_text_is_shown_as_text_on_the_joint_plan(tmp_path: Path, repository
                                                              ) -> None:  # type: ignore[no-untyped-def]
    repo = repository(tmp_path / "repo", {"hostile-bank": HOSTILE_PLAN.read_text("utf-8")})
    code, _, err = customer_build(repo, "hostile-bank")
    assert code == 0, err
    page = (repo / "joint-plans" / "hostile-bank" / "index.html").read_text("utf-8")
    assert "&lt;script&gt;alert(&#39;commitment&#39;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(&#39;local-name&#39;)&gt;" in page
    # the page's only markup is its own: no tag, handler or link from the plan is live
    assert re.findall(r"<(script|img|iframe|svg|body onload)\b", page) == []
    assert "javascript:" not in re.sub(r"&[a-z#0-9]+;", "", " ".join(
        re.findall(r'href="([^"]*)"', page)))
