"""The Jinja2 environment for `templates/*.md.j2`.

Markdown is not HTML, so Jinja's autoescape is off; instead `finalize`
escapes every `{{ … }}` output that is not already `Markup`. A template that
forgets a filter therefore shows the raw value as text rather than letting it
act as Markdown or HTML; only our own filters, which escape what they take
from the plan, produce `Markup`.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from generator.render import filters
from generator.render.escape import markdown_text
from generator.render.html_blocks import anchor_link, page_url
from generator.render.overview import load_status


def finalize(value: Any) -> Any:
    """Escape what a template prints, unless it is already safe `Markup`."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return filters.NOT_GIVEN
    if isinstance(value, bool):
        return Markup("yes" if value else "no")
    if isinstance(value, int):  # counts and line numbers: no digit grouping
        return Markup(str(value))
    if isinstance(value, float | Decimal):
        return filters.number(value)
    if isinstance(value, dt.date):
        return filters.iso_date(value)
    if isinstance(value, list | tuple):
        return filters.text_list(value)
    if isinstance(value, Mapping):
        return filters.extra_value(value)
    return markdown_text(value)


@jinja2.pass_context
def href(context: jinja2.runtime.Context, target: str, anchor: str | None = None) -> Markup:
    """A link from the page being rendered to another page (doc-relative path)."""
    here = posixpath.dirname(str(context["page_path"]))
    return page_url(posixpath.relpath(target, here or "."), anchor)


def anchor_attr(anchor: str) -> Markup:
    """The anchor as an attr_list id (anchors are slugs; quote defends anyway)."""
    return Markup(quote(anchor, safe="-._"))


@cache
def environment() -> jinja2.Environment:
    """The shared environment; templates are loaded once per process."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.render", "templates"),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=finalize,
        # Templates ship with the package: no need to stat each one per page.
        auto_reload=False,
    )
    env.filters.update(filters.FILTERS)
    env.filters["href"] = href
    env.filters["anchor_link"] = anchor_link
    env.filters["anchor"] = anchor_attr
    env.filters["load_status"] = load_status
    return env
