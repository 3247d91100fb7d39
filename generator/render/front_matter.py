"""The YAML front matter of a generated page: title, description, tags, hide."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml
from markupsafe import Markup

from generator.render.escape import html_text

# The C dumper when PyYAML has it: the same output, several times faster.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(title: str, description: str, tags: Iterable[str] = (),
                 hide: Iterable[str] = (), toc_depth: int | None = None) -> Markup:
    """The YAML front matter MkDocs and Material read (title, description, tags, hide).

    `toc_depth`: the deepest heading level the table of contents lists (read
    by planbook's theme override `partials/toc-item.html`); None: every level.

    Themes print these values into HTML without escaping them, so they are
    HTML-escaped here; the YAML itself is written by the YAML library.
    """
    data: dict[str, Any] = {"title": html_text(title), "description": html_text(description)}
    shown_tags: list[str] = []
    for tag in tags:
        escaped = html_text(tag)
        if escaped and escaped not in shown_tags:
            shown_tags.append(escaped)
    if shown_tags:
        data["tags"] = shown_tags
    if hide:
        data["hide"] = list(hide)
    if toc_depth is not None:
        data["toc_depth"] = toc_depth
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    return Markup(f"---\n{text}---\n")
