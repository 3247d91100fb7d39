"""A last guard on generated pages: nothing from a plan may run in the browser,
and nothing may make the browser fetch from another host.

The renderer escapes plan text before Markdown sees it; this pass over the
HTML of the generated pages is defence in depth for what Markdown and its
extensions could still make of text (attribute lists such as
`{: onclick=...}`, a `javascript:` link target, an image on another host).

It is an allowlist, applied by nh3 (the Python binding of the Rust crate
ammonia, which parses HTML as a browser does): only the elements, attributes
and style properties the generated pages use are kept — headings, prose,
lists, tables, links, the summary's Markdown, and the inline SVG charts with
their presentation attributes, classes, ids and anchors. Everything else is
dropped, so the next trick (a new CSS function that fetches, an unknown
element) is refused without anyone having to think of it first. On top of
the allowlist:

- links keep only relative, `#`, http(s) and mailto targets (no script URLs);
- nothing loads from another host: an outside `src` is dropped (an image
  then shows its description);
- a `url(...)` in an attribute or style must point inside the page (`#id`,
  as a chart's arrow marker does), and style keeps only layout and colour
  properties, none of which can fetch.

Hand-written pages and the theme are not touched.
"""

from __future__ import annotations

import re

import nh3

#: elements the generated pages are made of (HTML, then the charts' SVG)
HTML_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd",
    "del", "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "nav", "ol", "p",
    "pre", "s", "section", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
})
SVG_TAGS = frozenset({
    "svg", "g", "defs", "marker", "title", "desc", "path", "rect", "circle", "ellipse",
    "line", "polyline", "polygon", "text", "tspan", "lineargradient", "stop", "clippath",
})
#: elements removed together with their content (the rest lose only their tags)
DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "template", "noscript", "iframe", "object", "embed", "applet",
    "math", "select", "textarea", "foreignobject",
})
GENERIC_ATTRIBUTES = frozenset({
    "class", "id", "title", "lang", "dir", "role", "style", "hidden", "tabindex",
    "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden", "aria-current",
    "data-search-exclude", "data-sort", "data-value", "data-label", "data-account",
    "data-kind", "markdown",
})
#: SVG geometry and presentation (SVG attribute names are matched as written,
#: camelCase included: the parser keeps viewBox, refX, markerWidth)
SVG_ATTRIBUTES = frozenset({
    "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry", "width", "height", "d",
    "points", "viewBox", "preserveAspectRatio", "xmlns", "transform", "fill", "fill-opacity",
    "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-dasharray",
    "stroke-linecap", "stroke-linejoin", "opacity", "font-family", "font-size",
    "font-weight", "text-anchor", "dominant-baseline", "alignment-baseline", "dx", "dy",
    "marker-start", "marker-mid", "marker-end", "markerWidth", "markerHeight", "refX",
    "refY", "orient", "markerUnits", "offset", "stop-color", "stop-opacity",
    "gradientUnits", "clip-path", "vector-effect", "shape-rendering",
})
ATTRIBUTES: dict[str, set[str]] = {
    "*": set(GENERIC_ATTRIBUTES),
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "details": {"open"},
    "time": {"datetime"},
    **{tag: set(SVG_ATTRIBUTES) for tag in SVG_TAGS},
}
#: style properties the pages use (alignment of table columns, chart colours):
#: layout and colour only, none of them can load anything
STYLE_PROPERTIES = frozenset({
    "text-align", "vertical-align", "white-space", "width", "min-width", "max-width",
    "height", "color", "background-color", "font-weight", "font-style", "font-size",
    "fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity", "stroke-dasharray",
    "opacity",
})
URL_SCHEMES = frozenset({"http", "https", "mailto"})

# Browsers ignore control characters and whitespace inside a scheme
# ("java\tscript:"), so those are removed before the scheme is read.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:", "mocha:")
_OUTSIDE = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.IGNORECASE)
#: attributes the browser fetches as soon as the page loads
LOADED_ATTRIBUTES = frozenset({"src", "srcset", "poster", "background", "lowsrc", "dynsrc"})
# A CSS function that can fetch; only url(#id), a reference inside the page, may stay.
_FETCHING = re.compile(r"(?:url|image-set|image|cross-fade|element|src)\s*\(|@import|"
                       r"expression|\\", re.IGNORECASE)
_LOCAL_URL = re.compile(r"url\(\s*['\"]?#[\w.:-]*['\"]?\s*\)", re.IGNORECASE)


def is_script_url(value: str) -> bool:
    """True for a URL that would run code when followed or loaded."""
    return _IGNORED_IN_SCHEME.sub("", value).lower().startswith(_SCRIPT_SCHEMES)


def is_outside_url(value: str) -> bool:
    """True for a URL with a scheme or host of its own, i.e. not a path on this site."""
    return bool(_OUTSIDE.match(_IGNORED_IN_SCHEME.sub("", value)))


def _fetches(value: str) -> bool:
    """True when a value could make the browser fetch (anything but url(#id))."""
    return bool(_FETCHING.search(_LOCAL_URL.sub("", value)))


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    """The value to keep, or None to drop the attribute (after the allowlist)."""
    if attribute in LOADED_ATTRIBUTES and any(is_outside_url(part.strip())
                                              for part in value.split(",")):
        return None
    if attribute in ("href", "src") and is_script_url(value):
        return None
    if _fetches(value):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(HTML_TAGS | SVG_TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes=ATTRIBUTES,
    attribute_filter=_attribute_filter,
    url_schemes=set(URL_SCHEMES),
    strip_comments=True,
    link_rel=None,
    filter_style_properties=set(STYLE_PROPERTIES),
)


def sanitize_html(markup: str) -> str:
    """`markup` with only the allowed elements, attributes and style properties."""
    return _CLEANER.clean(markup)
