"""Generated pages outside the navigation, drawn with the theme's template by workers.

MkDocs draws every page with the theme's template (Material's `main.html`),
one page after another, in this process: for a large portfolio that pass
over the account, history and manager pages was the largest serial cost of a
build, and all of it was paid again after any one plan changed. For the
generated pages that are not in the navigation planbook does it instead,
once MkDocs has gathered every page (the `on_env` event):

- each page's key digests everything its HTML is made from: the chrome (the
  site's configuration file, the theme's templates, the navigation, MkDocs',
  Material's and planbook's code, and the theme's output for a probe page),
  the page's address, title and front matter, and its converted content;
- pages whose key is stored are not drawn again; the rest are drawn by
  worker processes forked from this one (they inherit MkDocs' configuration,
  navigation and templates), exactly as MkDocs would draw them — the same
  context and plugin events — and stored under their key;
- MkDocs' own pass then only writes them: such a page is given an empty
  template (`PREBUILT_TEMPLATE`) and the plugin returns the stored HTML from
  `on_post_page`.

Pages are byte-identical to MkDocs' own drawing (tests compare a build with
one worker, with two, cold and incremental). Where workers cannot be forked
(`planbook serve` rebuilds from its watcher's thread) the pages are drawn in
this process, and still only when their key changed.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import metadata
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.cache import code_fingerprint
from generator.cache_files import read_blob, write_blob
from generator.workers import workers

#: the template MkDocs is given for a page drawn here: it renders nothing
PREBUILT_TEMPLATE = "planbook-prebuilt.html"
_FORMAT = "planbook-theme-page-1"
#: where the probe page would live; never written
_PROBE_PAGE = "accounts/planbook-probe-page.md"


class GeneratedPage(Page):
    """A page planbook generated and converted itself; MkDocs gets only its front matter.

    Reading and rendering it cost nothing: its meta data comes parsed from
    the worker that rendered it, its content is loaded when it is drawn.
    """

    def __init__(self, file: File, config: MkDocsConfig, meta: dict[str, Any]) -> None:
        super().__init__(None, file, config)
        #: the page's front matter, as MkDocs reads it
        self.front_matter = meta

    @property
    def theme_template(self) -> str:
        """The theme's template for the page (MkDocs is later given an empty one)."""
        return str(self.front_matter.get("template") or "main.html")

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        self.meta = dict(self.front_matter)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()
        self.links_to_anchors = {}


@dataclass(frozen=True)
class Chrome:
    """What every page of a build has in common: the theme, its settings, the navigation."""

    env: Environment
    config: MkDocsConfig
    nav: Navigation
    files: Files

    @cached_property
    def doc_files(self) -> Sequence[File]:
        """The site's pages, listed once (not once per page drawn: that grows as N²)."""
        return self.files.documentation_pages()

    def draw(self, page: GeneratedPage) -> str:
        """The page's HTML, exactly as MkDocs' own build draws it (less the writing)."""
        config = self.config
        config._current_page = page
        page.active = True
        try:
            context = get_context(self.nav, self.doc_files, config, page)
            template = self.env.get_template(page.theme_template)
            context = config.plugins.on_page_context(context, page=page, config=config,
                                                     nav=self.nav)
            output = template.render(context)
            drawn = config.plugins.on_post_page(output, page=page, config=config)
            return drawn if drawn is not None else output
        finally:
            page.active = False
            config._current_page = None

    def digest(self) -> bytes:
        """A digest of everything outside a page that shapes its HTML."""
        digest = hashlib.blake2b(code_fingerprint(), digest_size=20)
        digest.update(_FORMAT.encode())
        for package in ("mkdocs", "mkdocs-material", "jinja2", "markupsafe"):
            digest.update(f"\0{package}={_version(package)}".encode())
        config_file = self.config.config_file_path
        if config_file and Path(config_file).is_file():
            digest.update(Path(config_file).read_bytes())
        for folder in self.config.theme.dirs:
            digest.update(f"\0{folder}\0".encode())
            if _installed(Path(folder)):
                continue  # an installed theme's templates: its version says it all
            for template in sorted(Path(folder).rglob("*.html")):
                digest.update(f"\0{template.relative_to(folder)}\0".encode())
                digest.update(template.read_bytes())
        digest.update(json.dumps(_outline(self.nav.items), ensure_ascii=False).encode())
        digest.update(self._probe().encode())
        return digest.digest()

    def _probe(self) -> str:
        """The theme's output for a page of fixed content: what any setting changes shows here."""
        file = File.generated(self.config, _PROBE_PAGE, content="")
        probe = Page(None, file, self.config)
        probe.markdown, probe.meta = "", {"title": "Probe"}
        probe.content, probe.toc = "<p>probe</p>", get_toc([])
        context = get_context(self.nav, self.doc_files, self.config, probe)
        return self.env.get_template("main.html").render(context)


def fold_whitespace(chrome: str) -> str:
    """Runs of spaces, tabs and line breaks as one space, none at the ends (`main.html`)."""
    folded = " ".join(word for word in chrome.replace("\n", " ").replace("\t", " ").split(" ")
                      if word)
    return Markup(folded) if isinstance(chrome, Markup) else folded


def add_filters(env: Environment) -> None:
    """The filters planbook's template overrides use."""
    env.filters["planbook_fold"] = fold_whitespace


def _installed(folder: Path) -> bool:
    """Whether a theme folder belongs to an installed package (MkDocs', Material's)."""
    return any(part in ("site-packages", "dist-packages") for part in folder.parts)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:  # pragma: no cover - installed with planbook
        return "?"


def _outline(items: Iterable[Any]) -> list[Any]:
    """The navigation as titles, addresses and children."""
    return [[str(getattr(item, "title", "")), str(getattr(item, "url", "")),
             _outline(getattr(item, "children", None) or ())] for item in items]


def page_key(chrome: bytes, page: Page, content_key: str) -> str:
    """The key of one page's HTML: the chrome, the page's own attributes, its content."""
    digest = hashlib.blake2b(chrome, digest_size=20)
    own = [page.file.src_uri, page.url, page.title or "", content_key]
    digest.update(json.dumps(own, ensure_ascii=False).encode())
    digest.update(json.dumps(page.meta, sort_keys=True, ensure_ascii=False,
                             default=repr).encode())
    return digest.hexdigest()


class ThemePages:
    """Drawn pages on disk: the page's HTML as UTF-8, sealed like every cache entry
    (`generator.cache_files`); the key names the file, the seal vouches for it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "drawn"

    def entry(self, key: str) -> Path:
        return Path(f"{self.folder}/{key[:2]}/{key}.html")

    def get(self, key: str) -> str | None:
        found = read_blob(self.entry(key))
        if found is None:
            return None
        try:
            return found.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def has(self, key: str) -> bool:
        """Whether the page seems stored (checked in full when it is read)."""
        try:
            os.utime(self.entry(key))  # and in use (see cache_files.prune)
        except OSError:
            return False
        return True

    def put(self, key: str, html: str) -> bool:
        return write_blob(self.entry(key), html.encode("utf-8"))


@dataclass(frozen=True)
class DrawnPage:
    """Where a drawn page's HTML waits: in the store, or in memory when it could not go there."""

    store: ThemePages
    key: str
    html: str | None = None

    def load(self) -> str | None:
        """The page's HTML; None when its stored copy is gone or damaged."""
        if self.html is not None:
            return self.html
        return self.store.get(self.key)


#: the build's chrome, for the forked workers (set just before they start)
_CHROME: Chrome | None = None


def _draw_chunk(items: Sequence[tuple[str, str]], folder: str) -> list[str | None]:
    """Draw and store some pages (a worker's share); the HTML of any not stored."""
    assert _CHROME is not None
    store = ThemePages(Path(folder))
    drawn: list[str | None] = []
    for src_uri, key in items:
        file = _CHROME.files.get_file_from_path(src_uri)
        assert file is not None and isinstance(file.page, GeneratedPage)
        html = _CHROME.draw(file.page)
        drawn.append(None if store.put(key, html) else html)
    return drawn


def draw_pages(chrome: Chrome, pages: Sequence[GeneratedPage], content_keys: dict[str, str],
               folder: Path, reuse: bool, jobs: int | None) -> tuple[dict[str, DrawnPage], int]:
    """Every page's HTML, drawn when its key is not stored; and how many were drawn."""
    global _CHROME
    store = ThemePages(folder)
    common = chrome.digest()
    keys = {page.file.src_uri: page_key(common, page, content_keys[page.file.src_uri])
            for page in pages}
    missing = [(uri, key) for uri, key in keys.items()
               if not (reuse and store.has(key))]
    _CHROME = chrome
    try:
        # The workers read this process' state (the chrome): forked or not at all.
        with workers(jobs, inherit=True) as pool:
            made = pool.map_chunks(_draw_chunk, missing, str(folder))
    finally:
        _CHROME = None
    found = {uri: DrawnPage(store, key) for uri, key in keys.items()}
    for (uri, key), html in zip(missing, made, strict=True):
        if html is not None:
            found[uri] = DrawnPage(store, key, html)
    return found, len(missing)
