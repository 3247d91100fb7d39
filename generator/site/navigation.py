"""The site's navigation: small and the same however many accounts there are.

Account and manager pages are reached from the portfolio and manager tables,
never from the navigation: a navigation that lists every page makes every
page carry a link to every other, so the site grows with the square of the
portfolio. The Guide section lists the hand-written pages under `guide/`, so
adding a guide page needs no edit of mkdocs.yml.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

GUIDE_SECTION = "Guide"
GUIDE_FOLDER = "guide"


def named_pages(nav: Iterable[Any] | None) -> set[str]:
    """Every page path that a `nav:` configuration names, at any depth."""
    found: set[str] = set()
    for item in nav or ():
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            for value in item.values():
                if isinstance(value, str):
                    found.add(value)
                elif isinstance(value, list):
                    found |= named_pages(value)
    return found


def guide_pages(docs_dir: Path) -> list[str]:
    """The Markdown pages under docs/guide/, index.md first, then by path."""
    folder = docs_dir / GUIDE_FOLDER
    if not folder.is_dir():
        return []
    paths = [p.relative_to(docs_dir).as_posix() for p in folder.rglob("*.md")]
    return sorted(paths, key=lambda p: (p.count("/"), not p.endswith("/index.md"), p))


def with_guide_pages(nav: list[Any] | None, docs_dir: Path) -> list[Any] | None:
    """`nav` with every guide page it does not name added to its Guide section.

    The section is dropped while it has no page, so an empty `Guide: []` in
    mkdocs.yml shows nothing. A nav without a Guide section is left as it is:
    then the site's owner has chosen the guide's place by hand.
    """
    if nav is None:
        return None
    listed = named_pages(nav)
    expanded: list[Any] = []
    for item in nav:
        if isinstance(item, dict) and GUIDE_SECTION in item and len(item) == 1:
            children = item[GUIDE_SECTION]
            if not isinstance(children, list):
                children = [children]
            children = children + [p for p in guide_pages(docs_dir) if p not in listed]
            if not children:
                continue
            item = {GUIDE_SECTION: children}
        expanded.append(item)
    return expanded
