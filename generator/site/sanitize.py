"""A last guard on generated pages: nothing from a plan may run in the browser,
and nothing may make the browser fetch from another host.

The renderer escapes plan text before Markdown sees it; this pass over the
HTML of the generated pages is defence in depth for what Markdown and its
extensions could still make of text (attribute lists such as
`{: onclick=...}`, a `javascript:` link target, an image on another host). It
drops script-like elements, event-handler attributes, links with a script
scheme and outside-host resources (an image becomes its alt text), and leaves
everything else as it was. Hand-written pages and the theme are not touched.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

#: elements removed together with their content
DROPPED_ELEMENTS = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
    "noscript", "template", "base", "meta", "link", "form", "math",
    # Inline SVG charts are kept, but not what could rewrite a link or embed
    # a document: SVG animation can set an href to a script URL.
    "animate", "set", "animatemotion", "animatetransform", "foreignobject", "handler",
})
#: attributes whose value is a URL
URL_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "xlink:href", "background", "poster",
    "cite", "data", "srcset", "ping", "lowsrc", "dynsrc",
})
VOID_ELEMENTS = frozenset({
    "area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
})
# Browsers ignore control characters and whitespace inside a scheme
# ("java\tscript:"), so those are removed before the scheme is read.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:", "mocha:")
#: attributes the browser fetches as soon as the page loads
LOADED_ATTRIBUTES = frozenset({"src", "srcset", "poster", "data", "background", "lowsrc",
                               "dynsrc"})
_OUTSIDE = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.IGNORECASE)


def is_script_url(value: str) -> bool:
    """True for a URL that would run code when followed or loaded."""
    return _IGNORED_IN_SCHEME.sub("", value).lower().startswith(_SCRIPT_SCHEMES)


# Inline styles stay (Markdown tables align columns with them) unless they
# could fetch, run or hide something: url(), imports, old IE expressions,
# bindings, or escapes that could spell any of those.
_UNSAFE_CSS = re.compile(r"url\s*\(|@import|expression|behavior|binding|javascript|\\|/\*",
                         re.IGNORECASE)


def is_outside_url(value: str) -> bool:
    """True for a URL with a scheme or host of its own, i.e. not a path on this site."""
    return bool(_OUTSIDE.match(_IGNORED_IN_SCHEME.sub("", value)))


#: SVG elements whose href is fetched as the page loads
SVG_LOADING_ELEMENTS = frozenset({"use", "image", "feimage", "tref"})


def _loaded_attributes(tag: str) -> frozenset[str]:
    if tag in SVG_LOADING_ELEMENTS:
        return LOADED_ATTRIBUTES | {"href", "xlink:href"}
    return LOADED_ATTRIBUTES


def _loads_from_outside(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    loaded = _loaded_attributes(tag)
    return any(name.lower() in loaded and value is not None
               and any(is_outside_url(part.strip()) for part in value.split(","))
               for name, value in attrs)


def _safe_attributes(attrs: list[tuple[str, str | None]]) -> str:
    kept: list[str] = []
    for name, value in attrs:
        name = name.lower()
        if name.startswith("on") or name in ("formaction", "srcdoc"):
            continue
        if name == "style" and value is not None and _UNSAFE_CSS.search(value):
            continue
        if name in URL_ATTRIBUTES and value is not None and is_script_url(value):
            continue
        if value is None:
            kept.append(f" {name}")
        else:
            kept.append(f' {name}="{html.escape(value, quote=True)}"')
    return "".join(kept)


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        #: the dropped element being skipped, and how deep inside it we are
        self.skipping: str | None = None
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping is not None:
            if tag == self.skipping:
                self.depth += 1
            return
        if tag in DROPPED_ELEMENTS:
            if tag not in VOID_ELEMENTS:
                self.skipping, self.depth = tag, 1
            return
        self.out.append(self._open(tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping is None and tag not in DROPPED_ELEMENTS:
            self.out.append(self._open(tag, attrs, closed=True))

    def _open(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool = False) -> str:
        if _loads_from_outside(tag, attrs):
            # An outside image would tell that host who reads the plan: show its
            # description instead. Other elements just lose the address.
            if tag == "img":
                alt = dict(attrs).get("alt") or "image"
                return html.escape(f"[{alt}]", quote=False)
            loaded = _loaded_attributes(tag)
            attrs = [(n, v) for n, v in attrs if n.lower() not in loaded]
        return f"<{tag}{_safe_attributes(attrs)}{' /' if closed else ''}>"

    def handle_endtag(self, tag: str) -> None:
        if self.skipping is not None:
            if tag == self.skipping:
                self.depth -= 1
                if self.depth == 0:
                    self.skipping = None
            return
        if tag not in DROPPED_ELEMENTS and tag not in VOID_ELEMENTS:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.skipping is None:
            self.out.append(data.replace("<", "&lt;").replace(">", "&gt;"))

    def handle_entityref(self, name: str) -> None:
        if self.skipping is None:
            self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if self.skipping is None:
            self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        # Comments never run; they are dropped so no "-->" trick can reopen markup.
        return

    def handle_decl(self, decl: str) -> None:
        return

    def handle_pi(self, data: str) -> None:
        return

    def unknown_decl(self, data: str) -> None:
        return


def sanitize_html(markup: str) -> str:
    """`markup` without anything that could run: scripts, handlers, script URLs."""
    parser = _Sanitizer()
    parser.feed(markup)
    parser.close()
    return "".join(parser.out)
