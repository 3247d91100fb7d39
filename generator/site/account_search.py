"""Compact search entries for account pages, built from the plan itself.

Material's search plugin would parse each account page's full HTML (tables,
charts, the scorecard) in pure Python: the largest single cost of a large
build, and an index of about 11 KiB per account. An account page is instead
excluded from that parsing, and indexed with one entry holding the words
people search for: the account's names, summary, people, COS, opportunities,
products, partners, competitors and ids, each once. Chinese text is cut into
words with jieba, as Material does, so 有限公司 finds 京华电网有限公司.

Material's theme inserts search results into the page as HTML, and its own
indexer stores HTML-escaped text. So does this one, in one place
(`index_text`): plan text in the index is always text, never markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from typing import Any

from generator.model import Extra, Plan
from generator.plain_text import plain

ZERO_WIDTH_SPACE = "\u200b"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+")


def segment_chinese(text: str) -> str:
    """Runs of Han characters cut into words and fenced with U+200B."""
    if not _HAN.search(text):
        return text
    import jieba

    def cut(match: re.Match[str]) -> str:
        words = ZERO_WIDTH_SPACE.join(jieba.cut(match.group(0)))
        return f"{ZERO_WIDTH_SPACE}{words}{ZERO_WIDTH_SPACE}"

    return _HAN.sub(cut, text).strip(ZERO_WIDTH_SPACE)


def index_text(text: str) -> str:
    """Plan text as the search index holds it: Chinese cut into words, HTML-escaped.

    The one door from plan text to the index (titles, text and tags alike).
    Control characters and bidi overrides go, as on the pages: an override left
    open would show the rest of a search result reversed.
    """
    return html.escape(segment_chinese(plain(text)), quote=False)


def _own_values(extra: Extra) -> Iterator[str]:
    for _key, value in extra:
        if isinstance(value, str):
            yield value


def _unique(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    unique = []
    for value in values:
        text = " ".join(value.split())
        if text and text not in seen:
            seen.add(text)
            unique.append(text)
    return unique


# --- one entry per section ------------------------------------------------------

#: How much of the summary a search result shows (plain text, no Markdown).
SNIPPET_CHARACTERS = 240


def search_words_chinese(text: str) -> list[str]:
    """The words of jieba's search mode that its exact cut leaves inside longer
    words: 银行 and 商业 of 商业银行, so a search for 银行 finds it (the browser
    matches words by their beginning only)."""
    runs = _HAN.findall(text)
    if not runs:
        return []
    import jieba

    exact = {word for run in runs for word in jieba.cut(run)}
    inner = [w for run in runs for w in jieba.cut_for_search(run) if w not in exact
             and len(w) > 1]
    return _unique(inner)


def plain_snippet(markdown: str, limit: int = SNIPPET_CHARACTERS) -> str:
    """The summary as a reader sees it, without Markdown marks, cut at a word."""
    from generator.render.escape import summary_html

    text = html.unescape(re.sub(r"<[^>]+>", " ", str(summary_html(markdown))))
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def _entry(location: str, title: str, words: Iterable[str | None]) -> dict[str, Any]:
    shown = _unique(w for w in words if w)
    inner = [w for w in search_words_chinese(" ".join([title, *shown])) if w not in shown]
    text = " · ".join(shown + inner)
    return {"location": location, "title": index_text(title), "text": index_text(text)}


def account_search_entries(plan: Plan, location: str,
                           tags: Iterable[str] = ()) -> list[dict[str, Any]]:
    """Material search entries for an account page: the page, then each section or
    item with its anchor, so a hit lands where the word is."""
    from generator.render.account_view import ItemAnchors

    anchors = ItemAnchors(plan)
    account = plan.account

    def at(anchor: str | None) -> str:
        return f"{location}#{anchor}" if anchor else location

    title = account.name + (f" {account.local_name}" if account.local_name else "")
    page = _entry(location, title, [
        plain_snippet(plan.plan.summary), account.id, account.industry, account.segment,
        account.region, account.headquarters, *account.tags, plan.plan.owner,
        plan.plan.reviewed_by, plan.plan.fiscal_year,
        *(([account.parent.name, account.parent.global_account_manager])
          if account.parent else []),
        *(v for extra in (plan.extra, account.extra) for v in _own_values(extra))])
    tag_list = [index_text(str(tag)) for tag in tags if tag]
    if tag_list:
        page["tags"] = tag_list
    entries = [page]
    if plan.team:
        entries.append(_entry(at("team"), f"Team of {account.name}", [
            w for m in plan.team for w in (m.name, m.role, m.email, *_own_values(m.extra))]))
    if plan.customer_priorities:
        entries.append(_entry(at("customer-priorities"), "Customer priorities",
                              [w for p in plan.customer_priorities for w in (p.id, p.title)]))
    for cos in plan.conditions_of_satisfaction:
        entries.append(_entry(at(anchors.of("cos", cos.id)), cos.title, [
            cos.id, cos.status, cos.customer_owner, cos.our_owner, *_own_values(cos.extra)]))
    for person in plan.stakeholders:
        entries.append(_entry(at(anchors.of("stakeholder", person.name)), person.name, [
            person.local_name, person.title, person.business_unit,
            *_own_values(person.extra)]))
    if plan.agreements:
        entries.append(_entry(at("agreements"), f"Agreements of {account.name}", [
            w for a in plan.agreements
            for w in (a.id, a.type, *a.products, *_own_values(a.extra))]))
    if plan.deployment:
        entries.append(_entry(at("deployment"), "Deployment",
                              [d.product for d in plan.deployment]))
    for opp in plan.opportunities:
        entries.append(_entry(at(anchors.of("opportunity", opp.id)), opp.name, [
            opp.id, opp.stage, *opp.products, *opp.partners, *opp.services,
            *opp.competitors, *_own_values(opp.extra)]))
    if plan.competitors or plan.partners:
        entries.append(_entry(at("competitors"), "Competitors and partners",
                              [c.name for c in plan.competitors]
                              + [p.name for p in plan.partners]))
    if plan.engagements:
        entries.append(_entry(at("engagements"), "Engagements",
                              [e.topic for e in plan.engagements]))
    if plan.actions:
        entries.append(_entry(at("actions"), "Actions", [
            w for a in plan.actions for w in (a.id, a.what, a.owner, *_own_values(a.extra))]))
    return entries
