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
from dataclasses import dataclass, replace
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


#: Between the values of an entry: short in the index (which stores "·" as
#: the six characters `\u00b7`), read as a list in a result, split by the search.
VALUE_SEPARATOR = "; "


@dataclass(frozen=True)
class _Draft:
    """An entry before the page's words are shared out: where, its title, its values."""

    location: str
    title: str
    values: tuple[str, ...]
    #: an item (a person, a deal, a condition) keeps its entry for its title alone;
    #: a section whose values all show in an earlier entry is left out
    item: bool = False


def _entries(drafts: list[_Draft]) -> list[dict[str, Any]]:
    """The page's search entries, each value of the plan once per page.

    A value is found where it first shows (the page entry, then the sections
    in page order), or in the title of the item it names (a person's name in a
    condition's owners lands on the person's row); repeating it in every
    entry that mentions it (a partner in each deal, the owner in each section)
    made the index three times the size for no word more found.
    """
    titles = {" ".join(d.title.split()) for d in drafts}
    seen: set[str] = set()
    entries = []
    for number, draft in enumerate(drafts):
        shown = [v for v in _unique(draft.values) if v not in seen
                 and (v not in titles or number == 0)]
        seen.update(shown)
        if number and not shown and not draft.item:
            continue
        inner = [w for w in search_words_chinese(" ".join([draft.title, *shown]))
                 if w not in shown and w not in seen]
        seen.update(inner)
        entries.append({"location": draft.location, "title": index_text(draft.title),
                        "text": index_text(VALUE_SEPARATOR.join(shown + inner))})
    return entries


def account_search_entries(plan: Plan, location: str,
                           tags: Iterable[str] = ()) -> list[dict[str, Any]]:
    """Material search entries for an account page: the page, then each section or
    item with its anchor, so a hit lands where the word is.

    Titles name the section or item only: the theme shows every hit under its
    page's title (the account's name).
    """
    from generator.render.account_view import ItemAnchors

    anchors = ItemAnchors(plan)
    account = plan.account

    def at(anchor: str | None) -> str:
        return f"{location}#{anchor}" if anchor else location

    def section(anchor: str, title: str, values: Iterable[str | None]) -> _Draft:
        return _Draft(at(anchor), title, tuple(v for v in values if v))

    def item(anchor: str | None, title: str, values: Iterable[str | None]) -> _Draft:
        return _Draft(at(anchor), title, tuple(v for v in values if v), item=True)

    title = account.name + (f" {account.local_name}" if account.local_name else "")
    drafts = [section("", title, [
        plain_snippet(plan.plan.summary), account.id, account.industry, account.segment,
        account.region, account.headquarters, *account.tags, plan.plan.owner,
        plan.plan.reviewed_by, plan.plan.fiscal_year,
        *(([account.parent.name, account.parent.global_account_manager])
          if account.parent else []),
        *(v for extra in (plan.extra, account.extra) for v in _own_values(extra))])]
    drafts[0] = replace(drafts[0], location=location)
    if plan.team:
        drafts.append(section("team", "Team", [
            w for m in plan.team for w in (m.name, m.role, m.email, *_own_values(m.extra))]))
    if plan.customer_priorities:
        drafts.append(section("customer-priorities", "Customer priorities",
                              [w for p in plan.customer_priorities for w in (p.id, p.title)]))
    for cos in plan.conditions_of_satisfaction:
        drafts.append(item(anchors.of("cos", cos.id), cos.title, [
            cos.id, cos.status, cos.customer_owner, cos.our_owner, *_own_values(cos.extra)]))
    for person in plan.stakeholders:
        drafts.append(item(anchors.of("stakeholder", person.name), person.name, [
            person.local_name, person.title, person.business_unit,
            *_own_values(person.extra)]))
    if plan.agreements:
        drafts.append(section("agreements", "Agreements", [
            w for a in plan.agreements
            for w in (a.id, a.type, *a.products, *_own_values(a.extra))]))
    if plan.deployment:
        drafts.append(section("deployment", "Deployment", [d.product for d in plan.deployment]))
    for opp in plan.opportunities:
        drafts.append(item(anchors.of("opportunity", opp.id), opp.name, [
            opp.id, opp.stage, *opp.products, *opp.partners, *opp.services,
            *opp.competitors, *_own_values(opp.extra)]))
    if plan.competitors or plan.partners:
        drafts.append(section("competitors", "Competitors and partners",
                              [c.name for c in plan.competitors]
                              + [p.name for p in plan.partners]))
    if plan.engagements:
        drafts.append(section("engagements", "Engagements", [e.topic for e in plan.engagements]))
    if plan.actions:
        drafts.append(section("actions", "Actions", [
            w for a in plan.actions for w in (a.id, a.what, a.owner, *_own_values(a.extra))]))
    entries = _entries(drafts)
    tag_list = [index_text(str(tag)) for tag in tags if tag]
    if tag_list:
        entries[0]["tags"] = tag_list
    return entries
