"""HTML blocks inside the generated Markdown pages: autoescaped Jinja templates.

A generated page stays a Markdown document (`planbook render` writes Markdown
any MkDocs build can take), but its heavy parts — tables, cards, the
scorecard — come from `templates/*.html.j2` rendered with Jinja's autoescape
on. Each block starts a line with a block-level tag and holds no blank line,
so Python-Markdown passes it through as raw HTML instead of running its inline
patterns over every table cell (which was most of a build's time).

The escaping door for these blocks is `finalize` plus autoescape: every
`{{ … }}` that is not `Markup` is shown as text (HTML-escaped, control
characters removed, whitespace collapsed). The filters that build markup
escape what they take from a plan themselves (`generator.render.escape`).

Markdown does not rewrite links inside raw HTML, so links here are the site's
own URLs (`SiteLinks`), worked out the way MkDocs works them out for its
`use_directory_urls` setting.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from generator.render import filters
from generator.render.escape import html_code, html_inline, html_message

_BLANK_LINES = re.compile(r"\n\s*\n+")
_LEADING_SPACE = re.compile(r"^[ \t]+", re.MULTILINE)


def html_finalize(value: Any) -> Any:
    """How an HTML block prints a value that no filter formatted."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return filters.NOT_GIVEN
    if isinstance(value, bool):
        return Markup("yes" if value else "no")
    if isinstance(value, int):
        return Markup(str(value))
    if isinstance(value, float | Decimal):
        return filters.number(value)
    if isinstance(value, dt.date):
        return filters.iso_date(value)
    if isinstance(value, list | tuple):
        return text_list(value)
    if isinstance(value, Mapping):
        return extra_value(value)
    return html_inline(value)


def money(value: Decimal | int | float | None, currency: str) -> Markup:
    """`CNY 48,000,000`: the amount exactly as the plan gives it."""
    if value is None:
        return filters.NOT_GIVEN
    return Markup(f"{html_inline(currency)} {filters.number(value)}")


def round_money(value: Decimal | None, currency: str) -> Markup:
    """`USD 6,720,000`: a converted amount, rounded to whole units."""
    if value is None:
        return filters.NOT_GIVEN
    return Markup(f"{html_inline(currency)} {filters.whole(value)}")


def text_list(values: Iterable[Any]) -> Markup:
    """Values separated by commas, each escaped; a dash when there are none."""
    shown = [html_inline(value) for value in values]
    return Markup(", ").join(shown) if shown else filters.NOT_GIVEN


def code_list(values: Iterable[Any]) -> Markup:
    shown = [html_code(value) for value in values]
    return Markup(", ").join(shown) if shown else filters.NOT_GIVEN


def extra_value(value: Any) -> Markup:
    """An organisation's own (`x_`) value, flattened to one line and escaped."""
    return html_inline(filters.flatten(value))


def extras_inline(extra: Iterable[tuple[str, Any]]) -> Markup:
    """`x_key: value; x_other: value` for a table cell; a dash when there are none."""
    shown = [Markup("{}: {}").format(html_code(key), extra_value(value)) for key, value in extra]
    return Markup("; ").join(shown) if shown else filters.NOT_GIVEN


#: Filters of HTML blocks: the numeric and date ones are shared with the
#: Markdown templates (their output has no character either language treats
#: specially); the ones that show plan text escape it for HTML.
HTML_FILTERS: Mapping[str, Callable[..., Any]] = {
    **{name: filters.FILTERS[name] for name in (
        "number", "whole", "coverage", "percent", "signed_percent", "exact_percent", "date",
        "days_ago", "day_count", "months_until", "plural", "any_extra", "own_of")},
    "money": money,
    "round_money": round_money,
    "text_list": text_list,
    "code_list": code_list,
    "code": html_code,
    "t": html_inline,
    "message": html_message,
    "extra_value": extra_value,
    "extras_inline": extras_inline,
}


@dataclass(frozen=True)
class SiteLinks:
    """Links from one generated page to another, as the built site spells them.

    `use_directory_urls` is MkDocs' setting: `accounts/a.md` is served as
    `accounts/a.html` without it and as `accounts/a/` with it.
    """

    page_path: str
    use_directory_urls: bool = False

    def _url_of(self, doc_path: str) -> str:
        stem = doc_path[:-3] if doc_path.endswith(".md") else doc_path
        if not self.use_directory_urls:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            return stem[:-5]
        return stem + "/"

    def href(self, target: str, anchor: str | None = None) -> Markup:
        """The relative URL of the page `target` (doc-relative path), with an anchor."""
        here = self._url_of(self.page_path)
        folder = here.rstrip("/") if self.use_directory_urls else posixpath.dirname(here)
        there = self._url_of(target)
        if self.use_directory_urls:  # every page is a folder
            relative = posixpath.relpath(there.rstrip("/") or ".", folder or ".") + "/"
            relative = "./" if relative == "./" else relative.removeprefix("./")
        else:
            relative = posixpath.relpath(there, folder or ".")
        return page_url(relative, anchor)


def page_url(relative: str, anchor: str | None = None) -> Markup:
    """A relative page URL, quoted, with its `#anchor` if any."""
    url = quote(relative, safe="/-._")
    if anchor:
        url += "#" + quote(anchor, safe="-._")
    return Markup(url)


def anchor_link(anchor: str | None) -> Markup:
    """`#anchor` for a link within the page."""
    return Markup("#" + quote(anchor or "", safe="-._"))


@cache
def html_environment() -> jinja2.Environment:
    """The environment of `templates/*.html.j2`: autoescape on, loaded once per process."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=html_finalize,
        auto_reload=False,  # templates ship with the package
    )
    env.filters.update(HTML_FILTERS)
    env.filters["anchor_link"] = anchor_link
    return env


def compact(html: str) -> Markup:
    """An HTML block as Markdown needs it: no blank line, no indentation.

    A blank line would end the raw block early, and an indented line could be
    read as code; both are also bytes the reader never sees.
    """
    return Markup(_BLANK_LINES.sub("\n", _LEADING_SPACE.sub("", html)).strip())


class HtmlBlocks:
    """The macros of one `*.html.j2` template, bound to a page's context.

    `blocks.team()` in a Markdown template returns the team table as one
    compact HTML block.
    """

    def __init__(self, template: str, **context: Any) -> None:
        self._module = html_environment().get_template(template).make_module(context)

    def __getattr__(self, name: str) -> Callable[..., Markup]:
        macro = getattr(self._module, name)

        def block(*args: Any, **kwargs: Any) -> Markup:
            return compact(str(macro(*args, **kwargs)))

        return block
