"""Convert generated pages to HTML away from MkDocs, so it can run in workers and be cached.

MkDocs converts every page itself, one after another; for the generated
pages planbook does it instead, with the site's own Markdown extensions, in
worker processes (`generator.workers`), and keeps the result in a page cache
keyed by the page's Markdown. The plugin then hands MkDocs an empty Markdown
body and the finished HTML and table of contents (`mkdocs_plugin`).

Two things differ from MkDocs' own conversion, both only for generated pages:

- the HTML blocks planbook's templates write (tables and cards starting
  `<table>`, charts starting `<figure class="planbook-chart"`; compact, with
  no blank line inside) are stashed as raw HTML directly instead of being
  walked tag by tag by Python-Markdown's HTML parser;
- links to other pages are written as the site serves them (`SiteLinks`),
  which MkDocs would do with its file list; generated pages only link to
  pages that exist (tested by the renderer's tests).

The sanitizer runs here too, as the last guard on every generated page.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import markdown  # type: ignore[import-untyped]
from markdown.preprocessors import Preprocessor  # type: ignore[import-untyped]
from markdown.treeprocessors import Treeprocessor  # type: ignore[import-untyped]
from mkdocs.utils.meta import get_data

from generator.cache import code_fingerprint
from generator.cache_files import read_keyed, write_keyed
from generator.render.html_blocks import SiteLinks
from generator.site.sanitize import sanitize_html

#: how planbook's own HTML blocks start (see generator/render/html_blocks.py and the
#: account page's templates): a block-level element at the start of a Markdown block
BLOCK_STARTS = tuple(f"<{tag}{end}" for tag in ("table", "figure", "dl", "div", "section",
                                                 "ul", "ol", "p", "nav", "aside")
                     for end in (">", " "))
_PAGE_CACHE_FORMAT = "planbook-page-1"


@dataclass(frozen=True)
class MarkdownSettings:
    """The site's Markdown extensions and their options (mkdocs.yml), picklable."""

    extensions: tuple[Any, ...]
    configs: tuple[tuple[str, Any], ...]
    use_directory_urls: bool = False

    @property
    def fingerprint(self) -> str:
        described = json.dumps([[str(e) for e in self.extensions], list(self.configs),
                                self.use_directory_urls], sort_keys=True, default=repr)
        return hashlib.blake2b(described.encode(), digest_size=16).hexdigest()


def settings_of(config: Any) -> MarkdownSettings:
    """The Markdown settings of a MkDocs configuration."""
    configs = config["mdx_configs"] or {}
    return MarkdownSettings(
        extensions=tuple(config["markdown_extensions"]),
        configs=tuple(sorted(configs.items())),
        use_directory_urls=bool(config["use_directory_urls"]))


@dataclass(frozen=True)
class ConvertedPage:
    """A generated page as HTML, with its table of contents (Python-Markdown's toc tokens)."""

    html: str
    toc: list[dict[str, Any]]


class _PlanbookBlocks(Preprocessor):  # type: ignore[misc]
    """Stash planbook's compact HTML blocks as raw HTML without parsing them."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        index = 0
        at_block_start = True
        while index < len(lines):
            line = lines[index]
            if at_block_start and line.startswith(BLOCK_STARTS) and not _asks_for_markdown(line):
                end = index
                while end < len(lines) and lines[end].strip():
                    end += 1
                out.append(self.md.htmlStash.store("\n".join(lines[index:end])))
                index = end
                continue
            out.append(line)
            at_block_start = not line.strip()
            index += 1
        return out


def _asks_for_markdown(line: str) -> bool:
    """Whether a block's opening tag carries md_in_html's `markdown` attribute (its
    contents are Markdown, or it is `markdown="0"`): those blocks are left to md_in_html."""
    opening = line.split(">", 1)[0]
    return " markdown" in opening


class _SiteLinkRewriter(Treeprocessor):  # type: ignore[misc]
    """Links to `.md` pages become the URLs the site serves them at."""

    page_path = "index.md"
    use_directory_urls = False

    def run(self, root: etree.Element) -> None:
        links = SiteLinks(self.page_path, self.use_directory_urls)
        here = posixpath.dirname(self.page_path)
        for element in root.iter("a"):
            href = element.get("href")
            if not href:
                continue
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.endswith(".md") \
                    or parts.path.startswith("/"):
                continue
            target = posixpath.normpath(posixpath.join(here, parts.path))
            element.set("href", str(links.href(target, parts.fragment or None)))


_CONVERTERS: dict[str, tuple[markdown.Markdown, _SiteLinkRewriter]] = {}


def _converter(settings: MarkdownSettings) -> tuple[markdown.Markdown, _SiteLinkRewriter]:
    """One Markdown instance per process and settings (building one costs milliseconds)."""
    known = _CONVERTERS.get(settings.fingerprint)
    if known is not None:
        return known
    md = markdown.Markdown(extensions=list(settings.extensions),
                           extension_configs=dict(settings.configs))
    # Before Python-Markdown's own raw-HTML preprocessor (priority 20).
    md.preprocessors.register(_PlanbookBlocks(md), "planbook_blocks", 25)
    rewriter = _SiteLinkRewriter(md)
    rewriter.use_directory_urls = settings.use_directory_urls
    md.treeprocessors.register(rewriter, "planbook_links", 0)
    _CONVERTERS[settings.fingerprint] = (md, rewriter)
    return md, rewriter


def convert_page(page_path: str, text: str, settings: MarkdownSettings) -> ConvertedPage:
    """One generated page's Markdown (front matter included) as sanitized HTML."""
    body, _ = get_data(text)
    md, rewriter = _converter(settings)
    md.reset()
    rewriter.page_path = page_path
    html = md.convert(body)
    toc = list(getattr(md, "toc_tokens", []))
    return ConvertedPage(html=sanitize_html(html), toc=toc)


class PageCache:
    """Converted pages on disk, keyed by everything that shapes their HTML.

    The key is a digest of planbook's code, the Markdown settings, the page's
    path and its Markdown text (which already holds the plan, its findings,
    the standards and the as-of date as they show on the page). Entries are
    JSON data, never code, sealed with this user's key (`generator.cache_files`):
    the HTML is published as it is, so an entry planted in a shared cache folder
    by anyone without the key is ignored (and rewritten), as is one that cannot
    be read, is not valid JSON of the expected shape, or names another key.
    """

    def __init__(self, folder: Path, settings: MarkdownSettings) -> None:
        self.folder = folder
        context = hashlib.blake2b(code_fingerprint(), digest_size=16)
        context.update(_PAGE_CACHE_FORMAT.encode())
        context.update(settings.fingerprint.encode())
        #: digests planbook's code and the Markdown settings: what every key starts from
        self.context = context.digest()

    def key(self, page_path: str, text: str) -> str:
        digest = hashlib.blake2b(self.context, digest_size=20)
        digest.update(page_path.encode())
        digest.update(b"\0")
        digest.update(text.encode())
        return digest.hexdigest()

    def _file(self, key: str) -> Path:
        # One path parse, not three: this runs for every page of every build.
        return Path(f"{self.folder}/{key[:2]}/{key}.json")

    def get(self, key: str) -> ConvertedPage | None:
        entry = read_keyed(self._file(key), _PAGE_CACHE_FORMAT, key)
        if not (entry is not None and isinstance(entry.get("html"), str)
                and isinstance(entry.get("toc"), list)):
            return None
        return ConvertedPage(html=entry["html"], toc=entry["toc"])

    def put(self, key: str, page: ConvertedPage) -> bool:
        """Store a page; False when it could not be written."""
        return write_keyed(self._file(key), _PAGE_CACHE_FORMAT, key,
                           {"html": page.html, "toc": page.toc})

    def entry(self, key: str) -> Path:
        """Where the entry of `key` is stored."""
        return self._file(key)


def default_page_cache_dir(check_cache_dir: Path) -> Path:
    """The converted pages live inside the check cache's folder (`…/pages`).

    Inside, not beside: PLANBOOK_CACHE_DIR names the one folder planbook may
    write its caches to. The check cache's entries sit in two-hex-digit
    folders, so `pages` never meets one of them.
    """
    return check_cache_dir / "pages"
