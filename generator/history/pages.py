"""The history pages of the site, as Markdown (doc-relative path -> page).

- `history/index.md`: every account's history at a glance, and the links;
- `history/accounts/<id>.md`: one account's timeline (newest first: date,
  author, the change in words, reviews marked) and its trend charts;
- `history/slips.md`: deals that slipped or shrank, deals that disappeared
  without being won or lost, COS that went backwards;
- `history/trends.md`: the portfolio's figures by fiscal quarter, whole and by owner;
- `reviewed/<id>--<date>.md`: the plan as it stood when it was reviewed on
  that date, rendered like an account page and marked as history.

Templates live in `generator/render/templates/history/` and go through the
render environment, whose `finalize` escapes every plan value; the worded
changes (Markdown from `planbook diff`) are re-escaped token by token with
the site's own door (`markdown_text`, `inline_code`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup

from generator.charts import svg
from generator.charts.figure import Chart
from generator.charts.trend import Series, trend_chart
from generator.checker import CheckRun, check_document, finish
from generator.diff.compare import load_version
from generator.findings import CheckResult
from generator.history.movements import movements
from generator.history.record import CommitRecord, PlanChange
from generator.history.report import parse_words
from generator.history.timeline import History
from generator.history.trends import Point, account_points, amount, portfolio_trends
from generator.render.environment import environment
from generator.render.escape import html_text, inline_code, markdown_text
from generator.render.pages import front_matter, single_plan_page
from generator.standards.config import Standards

INDEX_PAGE = "history/index.md"
SLIPS_PAGE = "history/slips.md"
TRENDS_PAGE = "history/trends.md"


def timeline_page(account: str) -> str:
    return f"history/accounts/{account}.md"


def reviewed_page(account: str, day: str) -> str:
    return f"reviewed/{account}--{day}.md"


# --- words and figures on a page ---------------------------------------------------------

def words_markdown(words: str) -> Markup:
    """A worded change (diff Markdown) re-escaped for the site: ids as code, text as text."""
    shown = []
    for kind, content in parse_words(words):
        if kind == "code":
            shown.append(inline_code(content))
            continue
        # markdown_text trims the text; the spaces around an id are kept.
        lead = " " if content[:1].isspace() else ""
        trail = " " if content[-1:].isspace() and content.strip() else ""
        shown.append(Markup(lead) + markdown_text(content) + Markup(trail))
    return Markup("").join(shown)


def _whole(value: Decimal) -> str:
    return svg.grouped(value)


def _ratio(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}x"


def _count(value: Decimal) -> str:
    """A count or score: whole when it is whole (an axis tick may fall between)."""
    if value == value.to_integral_value():
        return f"{value.quantize(Decimal(1))}"
    return f"{value.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}"


def _series(points: Sequence[Point], label: str, colour: str, field: str) -> Series:
    values = [(p.day, amount(getattr(p.snapshot, field))) for p in points]
    return Series(label, colour, [(day, v) for day, v in values if v is not None])


def account_charts(account: str, points: Sequence[Point], standards: Standards,
                   until: dt.date) -> list[Chart]:
    """The trend charts of one account: pipeline, coverage, target and booked,
    satisfaction and open findings, each at every change."""
    money = standards.currency
    found = [
        trend_chart(f"{account}-pipeline", f"Pipeline closing in the plan year ({money})",
                    [_series(points, "pipeline in the plan year", svg.BLUE, "pipeline_this_year")],
                    until, svg.compact, exact=svg.grouped),
        trend_chart(f"{account}-coverage", "Pipeline coverage",
                    [_series(points, "coverage", svg.TEAL, "coverage")], until, _ratio,
                    reference=standards.pipeline_coverage,
                    reference_label=f"required {_ratio(standards.pipeline_coverage)}"),
        trend_chart(f"{account}-target", f"Revenue target and booked ({money})",
                    [_series(points, "revenue target", svg.GREY, "revenue_target"),
                     _series(points, "booked", svg.GREEN, "booked_to_date")],
                    until, svg.compact, exact=svg.grouped),
        trend_chart(f"{account}-satisfaction", "Satisfaction (latest score, 0-200)",
                    [_series(points, "satisfaction", svg.PURPLE, "satisfaction")],
                    until, _count),
        trend_chart(f"{account}-findings", "Open findings",
                    [Series("open findings", svg.ORANGE,
                            [(p.day, Decimal(p.snapshot.open_findings)) for p in points])],
                    until, _count),
    ]
    return [chart for chart in found if chart is not None]


# --- the pages ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Review:
    """A last_reviewed date and the commit that first recorded it."""

    account: str
    day: str
    record: CommitRecord
    change: PlanChange

    @property
    def page(self) -> str:
        return reviewed_page(self.account, self.day)


def reviews(history: History, account: str) -> list[Review]:
    """Each last_reviewed date the plan has had, newest first, at the commit that set it."""
    found: dict[str, Review] = {}
    for record, change in history.versions(account):
        snapshot = change.snapshot
        if snapshot is None or snapshot.last_reviewed is None or change.new_blob is None:
            continue
        found.setdefault(snapshot.last_reviewed, Review(account, snapshot.last_reviewed,
                                                        record, change))
    return sorted(found.values(), key=lambda r: r.day, reverse=True)


def _render(template: str, page_path: str, **context: Any) -> str:
    text = environment().get_template(f"history/{template}").render(
        page_path=page_path, **context)
    return text.rstrip("\n") + "\n"


def _notice(history: History | None, problem: str | None) -> str | None:
    if problem is not None:
        return problem
    if history is not None and history.shallow and history.first_day is not None:
        return (f"History starts on {history.first_day.isoformat()}: the site was built from "
                "a shallow clone, so older changes are not shown.")
    return None


def history_pages(history: History | None, standards: Standards, as_of: dt.date, *,
                  account_pages: Mapping[str, str], problem: str | None = None,
                  reviewed: Callable[[Review], str | None] | None = None,
                  review_pages: int = 0) -> dict[str, str]:
    """Every history page; `history` is None (with `problem` saying why) outside git.

    `account_pages` maps each current account id to its page; `reviewed`
    renders the "as reviewed on" page of a review (None: not shown), for the
    `review_pages` latest reviews of each account (0: all of them).
    """
    notice = _notice(history, problem)
    accounts = sorted(set(account_pages) | set(history.accounts() if history else ()))
    pages: dict[str, str] = {}
    rows = []
    for account in accounts:
        timeline = history.timeline(account) if history else []
        points = account_points(history, account) if history else []
        account_reviews = reviews(history, account) if history else []
        shown_reviews = []
        for review in account_reviews[:review_pages or None]:
            page = reviewed(review) if reviewed is not None else None
            if page is not None:
                pages[review.page] = page
                shown_reviews.append(review)
        name = next((c.name for e in timeline for c in e.changes if c.name), account)
        rows.append({"account": account, "name": name, "changes": len(timeline),
                     "last": timeline[0].record if timeline else None,
                     "review": account_reviews[0].day if account_reviews else None,
                     "page": timeline_page(account)})
        # Out of search, like the account page's own index entry: a timeline words
        # every change, notes about people (restricted values) included.
        pages[timeline_page(account)] = _history_front_matter(_render(
            "timeline.md.j2", timeline_page(account),
            account=account, name=name, notice=notice, timeline=timeline,
            reviews=shown_reviews, account_page=account_pages.get(account),
            charts=[Markup(c.figure()) for c in account_charts(account, points, standards,
                                                                as_of)],
            words=words_markdown, index_page=INDEX_PAGE,
            front_matter=front_matter(f"{name}: history",
                                      f"Every change to the {name} account plan, from git.")),
            f"{name}: history")
    pages[INDEX_PAGE] = _render(
        "index.md.j2", INDEX_PAGE, rows=rows, notice=notice, slips_page=SLIPS_PAGE,
        trends_page=TRENDS_PAGE, history=history,
        front_matter=front_matter("Plan history", "Every account plan over time, from git."))
    found = movements(history) if history else None
    pages[SLIPS_PAGE] = _render(
        "slips.md.j2", SLIPS_PAGE, movements=found, notice=notice, timeline_page=timeline_page,
        index_page=INDEX_PAGE,
        front_matter=front_matter("Slips and movements",
                                  "Deals that slipped, shrank or disappeared, and COS that "
                                  "went backwards, from the plans' history."))
    trends = portfolio_trends(history, standards, as_of) if history else None
    pages[TRENDS_PAGE] = _render(
        "trends.md.j2", TRENDS_PAGE, trends=trends, notice=notice, currency=standards.currency,
        index_page=INDEX_PAGE,
        charts=[Markup(c.figure()) for c in (_portfolio_charts(trends, standards)
                                             if trends else [])],
        required=standards.pipeline_coverage,
        front_matter=front_matter("Portfolio trends",
                                  "Pipeline, coverage, target and booked, satisfaction and "
                                  "open findings by fiscal quarter, from the plans' history."))
    return pages


def _portfolio_charts(trends: Any, standards: Standards) -> list[Chart]:
    quarters = trends.portfolio
    if not quarters:
        return []
    until = quarters[-1].quarter.last
    pipeline = [(q.quarter.last, q.group.pipeline_this_year) for q in quarters]
    coverage = [(q.quarter.last, c) for q in quarters if (c := q.group.coverage) is not None]
    found = [
        trend_chart("portfolio-pipeline",
                    f"Portfolio pipeline closing in the plan year ({standards.currency})",
                    [Series("pipeline in the plan year", svg.BLUE, pipeline)], until, svg.compact,
                    exact=svg.grouped),
        trend_chart("portfolio-coverage", "Portfolio pipeline coverage",
                    [Series("coverage", svg.TEAL, coverage)], until, _ratio,
                    reference=standards.pipeline_coverage,
                    reference_label=f"required {_ratio(standards.pipeline_coverage)}"),
    ]
    return [chart for chart in found if chart is not None]


# --- "as reviewed on" ----------------------------------------------------------------------

# libyaml when PyYAML has it: the same data and text, several times faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

def _history_front_matter(page: str, title: str) -> str:
    """The page's front matter with the history title, no tags, and out of search."""
    if not page.startswith("---\n"):
        return page
    end = page.index("\n---\n", 3)
    data = yaml.load(page[4:end + 1], Loader=_Loader) or {}
    data.pop("tags", None)
    data["title"] = html_text(title)
    data["search"] = {"exclude": True}
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{text}---\n" + page[end + 5:]


def render_reviewed(review: Review, raw: bytes | None, root: Path, standards: Standards,
                    account_pages: Mapping[str, str], *,
                    use_directory_urls: bool = False) -> str | None:
    """The account page of the plan as it stood at the review's commit, marked as history."""
    if raw is None:
        return None
    version = load_version(review.change.path, raw, root)
    day = review.record.day
    checked = check_document(version.document, standards, day)
    finish(checked, standards, day)
    run = CheckRun([checked], CheckResult.of(checked.findings, 1, [checked.file]))
    page = single_plan_page(run, standards, day, use_directory_urls=use_directory_urls)
    if page is None:  # pragma: no cover - a checked plan always has a page
        return None
    name = review.change.name or review.account
    banner = _render("reviewed_banner.md.j2", review.page, review=review, name=name,
                     account_page=account_pages.get(review.account),
                     timeline_page=timeline_page(review.account))
    page = _history_front_matter(page, f"{name}: as reviewed on {review.day}")
    lines = page.split("\n")
    heading = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    at = heading + 1 if heading is not None else 0
    return "\n".join([*lines[:at], "", banner.rstrip("\n"), *lines[at:]])
