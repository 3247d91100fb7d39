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
    """
    return html.escape(segment_chinese(text), quote=False)


def _own_values(extra: Extra) -> Iterator[str]:
    for _key, value in extra:
        if isinstance(value, str):
            yield value


def searchable_words(plan: Plan) -> list[str]:
    """The plan's names and titles people search for, in page order, each once."""
    account = plan.account
    values: list[str | None] = [
        account.id, account.local_name, account.industry, account.segment, account.region,
        account.headquarters, *account.tags, plan.plan.owner, plan.plan.reviewed_by,
        plan.plan.fiscal_year, plan.currency, plan.plan.summary,
    ]
    if account.parent is not None:
        values += [account.parent.name, account.parent.global_account_manager]
    values += [m.name for m in plan.team] + [m.email for m in plan.team]
    values += [p.title for p in plan.customer_priorities]
    for cos in plan.conditions_of_satisfaction:
        values += [cos.id, cos.title, cos.customer_owner, cos.our_owner]
    for person in plan.stakeholders:
        values += [person.name, person.local_name, person.title, person.business_unit]
    for agreement in plan.agreements:
        values += [agreement.id, agreement.type, *agreement.products]
    values += [d.product for d in plan.deployment]
    for opportunity in plan.opportunities:
        values += [opportunity.id, opportunity.name, *opportunity.products,
                   *opportunity.partners, *opportunity.services, *opportunity.competitors]
    values += [c.name for c in plan.competitors] + [p.name for p in plan.partners]
    values += [e.topic for e in plan.engagements]
    values += [a.what for a in plan.actions]
    for extra in _extras(plan):
        values += list(_own_values(extra))
    return _unique(v for v in values if v)


def _extras(plan: Plan) -> Iterable[Extra]:
    yield plan.extra
    yield plan.account.extra
    for section in (plan.team, plan.conditions_of_satisfaction, plan.stakeholders,
                    plan.opportunities, plan.agreements, plan.actions):
        for item in section:
            yield item.extra


def _unique(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    unique = []
    for value in values:
        text = " ".join(value.split())
        if text and text not in seen:
            seen.add(text)
            unique.append(text)
    return unique


def account_search_entry(plan: Plan, location: str, tags: Iterable[str] = ()) -> dict[str, Any]:
    """One Material search-index entry for an account page."""
    title = plan.account.name
    if plan.account.local_name:
        title = f"{title} {plan.account.local_name}"
    entry: dict[str, Any] = {
        "location": location,
        "title": index_text(title),
        "text": index_text(" · ".join(searchable_words(plan))),
    }
    tag_list = [index_text(str(tag)) for tag in tags if tag]
    if tag_list:
        entry["tags"] = tag_list
    return entry
