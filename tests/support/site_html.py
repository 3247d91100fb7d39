"""Read built pages the way a browser would: elements, attributes, script bodies."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

OUTSIDE_URL = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
CSS_OUTSIDE = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"]?)\s*(?:https?:)?//""",
                         re.IGNORECASE)
SCRIPT_SCHEME = re.compile(r"^(?:javascript|vbscript|data|livescript):", re.IGNORECASE)
#: attributes whose URL the browser fetches (or, for href, may fetch)
FETCHED = ("src", "srcset", "href", "poster", "data", "action", "formaction", "background")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]


@dataclass
class Page:
    elements: list[Element] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def with_tag(self, tag: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag]

    @property
    def visible_text(self) -> str:
        return " ".join(self.text)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._inside: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.elements.append(Element(tag, dict(attrs)))
        if tag in ("script", "style"):
            self._inside = tag
            (self.page.scripts if tag == "script" else self.page.styles).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._inside:
            self._inside = None

    def handle_data(self, data: str) -> None:
        if self._inside == "script":
            self.page.scripts[-1] += data
        elif self._inside == "style":
            self.page.styles[-1] += data
        else:
            self.page.text.append(data)


def read_page(path: Path) -> Page:
    reader = _Reader()
    reader.feed(path.read_text("utf-8"))
    reader.close()
    return reader.page


def outside_requests(page: Page) -> list[str]:
    """Every URL the browser would fetch from another host on its own.

    A plain link (`<a href>`) is followed only when the reader clicks it, so
    it is no request; a stylesheet link, a script, an image, a frame are.
    """
    found: list[str] = []
    for element in page.elements:
        for name in FETCHED:
            value = element.attrs.get(name)
            if value is None or (element.tag == "a" and name == "href"):
                continue
            urls = [part.strip().split(" ")[0] for part in value.split(",")] \
                if name == "srcset" else [value]
            found += [f"<{element.tag} {name}={url}>" for url in urls if OUTSIDE_URL.match(url)]
        style = element.attrs.get("style") or ""
        if CSS_OUTSIDE.search(style):
            found.append(f"<{element.tag} style={style}>")
    found += [f"<style>{css[:80]}" for css in page.styles if CSS_OUTSIDE.search(css)]
    return found


def live_script_hooks(page: Page) -> list[str]:
    """Event-handler attributes and script URLs: what would run plan text."""
    found: list[str] = []
    for element in page.elements:
        for name, value in element.attrs.items():
            runs_script = name in FETCHED and value is not None and bool(
                SCRIPT_SCHEME.match(re.sub(r"[\x00-\x20]+", "", value)))
            if name.startswith("on") or runs_script:
                found.append(f"<{element.tag} {name}={value}>")
    return found
