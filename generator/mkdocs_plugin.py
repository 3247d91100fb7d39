"""The planbook MkDocs plugin: the thin shell between MkDocs and the checker.

At every build it checks the plans, renders their pages and hands them to
MkDocs as generated files, together with the portfolio exports
(`exports/portfolio.csv` and `.xlsx`, linked from the home page) and the
charts' stylesheet: nothing is written into docs/ (writing there while
`mkdocs serve` watches it would rebuild forever) and nothing into plans/.
During `mkdocs serve` it watches the plans folder and the standards file, so
editing a plan rebuilds the site and the browser refreshes.

    plugins:
      - planbook:
          plans: plans               # folder of plan files, beside mkdocs.yml
          standards: standards.yaml  # built-in defaults when the file is absent
          as_of: ""                  # YYYY-MM-DD; default today; PLANBOOK_AS_OF wins
          history: true              # the history pages, read from git (history/, reviewed/)
          history_reviews: 0         # "as reviewed on" pages: the N latest per account; 0 all
      - search
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator import repository
from generator.cache import PlanCache, default_cache_dir
from generator.cache_files import prune
from generator.charts import CHART_CSS
from generator.checker import CheckRun, UsageError, check_paths, cycle_collection_paused
from generator.people import with_people
from generator.render.overview import Portfolio, build_portfolio
from generator.render.pages import STANDARDS_PAGE
from generator.site.account_search import segment_chinese
from generator.site.convert import MarkdownSettings, default_page_cache_dir, settings_of
from generator.site.navigation import named_pages, with_guide_pages
from generator.site.parts import SiteParts
from generator.site.publish import (
    PublishedPage,
)
from generator.site.sanitize import sanitize_html
from generator.site.search import (
    quiet_jieba,
    warn_if_separator_ignores_segments,
    write_index_as_utf8,
)
from generator.site.theme_pages import (
    PREBUILT_TEMPLATE,
    Chrome,
    DrawnPage,
    GeneratedPage,
    add_filters,
    draw_pages,
)
from generator.standards import calendar
from generator.standards.config import Standards, StandardsError, load_standards
from generator.workers import default_jobs, workers

AS_OF_VARIABLE = repository.AS_OF_VARIABLE
OVERRIDES_DIR = Path(__file__).with_name("site") / "overrides"
#: the charts' stylesheet, generated from the drawing kit so the two never drift
CHART_STYLESHEET = "assets/planbook-charts.css"


# MkDocs' Config.__init_subclass__ has no annotations; nothing to check there.
class PlanbookConfig(base.Config):  # type: ignore[no-untyped-call]
    """The plugin's options in mkdocs.yml."""

    enabled = c.Type(bool, default=True)
    plans = c.Type(str, default="plans")
    standards = c.Type(str, default="standards.yaml")
    as_of = c.Type(str, default="")
    #: the history pages (timelines, slips, trends, "as reviewed on"), read from git
    history = c.Type(bool, default=True)
    #: "as reviewed on" pages for the N latest reviews of each account (0: all)
    history_reviews = c.Type(int, default=0)
    #: worker processes for checking, rendering and converting; 0: one per core
    jobs = c.Type(int, default=0)


def parse_as_of(text: str, source: str) -> dt.date:
    """A YYYY-MM-DD date, or a PluginError that names where the text came from."""
    try:
        return calendar.parse_as_of(text)
    except ValueError as error:
        raise PluginError(f"planbook: {source}: {error}") from None


class PlanbookPlugin(BasePlugin[PlanbookConfig]):  # type: ignore[no-untyped-call]
    """Adds the account, portfolio, manager and standards pages to the build."""

    def __init__(self) -> None:
        #: the check behind the last build, for `planbook build --strict`
        self.last_run: CheckRun | None = None
        #: the last build's portfolio and Markdown settings (for a preview, see site.preview)
        self.portfolio: Portfolio | None = None
        self.settings: MarkdownSettings | None = None
        #: the doc-relative paths of the pages the last build generated
        self.generated: frozenset[str] = frozenset()
        #: every page of the last build, generated and hand-written
        self.pages_built = 0
        #: set by `planbook build` from its command line; win over mkdocs.yml
        self.standards_override: Standards | None = None
        self.as_of_override: dt.date | None = None
        #: reuse the per-plan check results of unchanged plans (PLANBOOK_CACHE=off: no)
        self.use_cache = os.environ.get("PLANBOOK_CACHE") != "off"
        self.plans_dir = Path("plans")
        self.standards_file = Path("standards.yaml")
        #: the people registry beside the standards (optional; may not exist)
        self.people_file = Path(repository.PEOPLE_FILE)
        self.standards: Standards | None = None
        self.as_of = dt.date.today()
        #: set by `planbook build --jobs`; wins over mkdocs.yml
        self.jobs_override: int | None = None
        #: each generated page: its front matter, and where its HTML waits
        self.published: dict[str, PublishedPage] = {}
        #: the per-build page store when the page cache is off
        self._build_store: Path | None = None
        #: account pages the last build rendered (the rest were found stored)
        self.accounts_rendered = 0
        #: where the last build's pages are stored, and whether stored ones are reused
        self._store: Path | None = None
        self._reuse = False
        self._nav: Navigation | None = None
        #: the pages drawn with the theme's template outside MkDocs' pass, by src_uri
        self.drawn: dict[str, DrawnPage] = {}
        #: how many of them the last build drew (the rest were found stored)
        self.pages_drawn = 0
        #: True while those pages are drawn (their search entries come later)
        self._drawing = False
        self._chrome: Chrome | None = None

    # -- configuration ---------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        self.plans_dir, self.standards_file = self.source_paths(config)
        self.people_file = repository.people_path(self.config_folder(config))
        self.as_of = self._as_of()
        self.standards = self.standards_override or self._load_standards()
        # Our template overrides go after the site's own custom_dir, before the theme.
        position = 1 if config.theme.custom_dir else 0
        if str(OVERRIDES_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(position, str(OVERRIDES_DIR))
        config.nav = with_guide_pages(config.nav, Path(config.docs_dir))
        if CHART_STYLESHEET not in config.extra_css:
            config.extra_css.append(CHART_STYLESHEET)
        quiet_jieba(default_cache_dir())
        return config

    def source_paths(self, config: MkDocsConfig) -> tuple[Path, Path]:
        """The plans folder and standards file, relative to mkdocs.yml."""
        # Relative to mkdocs.yml, not to where the build was started, so
        # `planbook build` works from any folder of the repository.
        root = self.config_folder(config)
        return root / self.config.plans, root / self.config.standards

    @staticmethod
    def config_folder(config: MkDocsConfig) -> Path:
        """The folder of mkdocs.yml: the repository root (see generator.repository)."""
        return Path(config.config_file_path).parent if config.config_file_path else Path.cwd()

    def _as_of(self) -> dt.date:
        if self.as_of_override is not None:
            return self.as_of_override
        from_environment = repository.as_of_text()
        if from_environment:
            return parse_as_of(from_environment, AS_OF_VARIABLE)
        if self.config.as_of:
            return parse_as_of(self.config.as_of, "mkdocs.yml planbook.as_of")
        return dt.date.today()

    def _load_standards(self) -> Standards:
        path = self.standards_file if self.standards_file.is_file() else None
        try:
            return with_people(load_standards(path), self.people_file)
        except StandardsError as error:
            raise PluginError(f"planbook: {error}") from None

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled:
            warn_if_separator_ignores_segments(config)

    # -- pages -----------------------------------------------------------------

    def jobs(self) -> int | None:
        """Worker processes: --jobs, else mkdocs.yml's `jobs`, else one per core (None)."""
        if self.jobs_override is not None:
            return self.jobs_override
        return self.config.jobs or None

    def _page_store(self) -> tuple[Path, bool]:
        """Where converted pages go, and whether earlier ones may be reused."""
        if self.use_cache:
            return default_page_cache_dir(default_cache_dir()), True
        self._build_store = Path(tempfile.mkdtemp(prefix="planbook-pages-"))
        return self._build_store, False

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        assert self.standards is not None  # set in on_config
        cache = (PlanCache(default_cache_dir(), self.standards, self.as_of)
                 if self.use_cache else None)
        settings = settings_of(config)
        store, reuse = self._page_store()
        with workers(self.jobs()) as pool:
            try:
                run = check_paths([self.plans_dir], self.standards, self.as_of, cache, pool)
            except UsageError:
                raise PluginError(f"planbook: the plans folder {self.plans_dir} does not exist; "
                                  "set `plans:` under the planbook plugin in mkdocs.yml") from None
        with cycle_collection_paused():
            portfolio = build_portfolio(run, self.standards, self.as_of)
        parts = SiteParts(run=run, portfolio=portfolio, standards=self.standards,
                          as_of=self.as_of, plans_dir=self.plans_dir, settings=settings,
                          store=store, reuse=reuse, history=self.config.history,
                          history_reviews=self.config.history_reviews,
                          use_cache=self.use_cache)
        published, exports = parts.make(portfolio.accounts, self.jobs() or default_jobs())
        self.accounts_rendered = sum(page.rendered for page in published.values())
        for src_uri in (*published, *exports):
            if files.get_file_from_path(src_uri) is not None:
                kind = "page" if src_uri.endswith(".md") else "file"
                raise PluginError(
                    f"planbook: docs/{src_uri} is a hand-written {kind} where planbook "
                    "generates one; move or rename it")
        in_nav = named_pages(config.nav)
        for src_uri, page in sorted(published.items()):
            # Only the pages mkdocs.yml names go in the navigation; the rest are
            # reached from the portfolio and manager tables, and drawn with the
            # theme's template by planbook's workers (generator.site.theme_pages).
            if src_uri in in_nav:
                files.append(File.generated(config, src_uri, content=page.front_matter))
                continue
            file = File.generated(config, src_uri, content=page.front_matter,
                                  inclusion=InclusionLevel.NOT_IN_NAV)
            GeneratedPage(file, config, page.meta)
            files.append(file)
        for src_uri, content in sorted(exports.items()):
            files.append(File.generated(config, src_uri, content=content))
        if files.get_file_from_path(CHART_STYLESHEET) is None:
            files.append(File.generated(config, CHART_STYLESHEET, content=CHART_CSS))
        self.last_run = run
        self.portfolio = portfolio
        self.settings = settings
        self.published = published
        self._store, self._reuse = store, reuse
        self.generated = frozenset(published)
        self.pages_built = len(files.documentation_pages())
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig,
               files: Files) -> Navigation | None:
        self._nav = nav
        return nav

    def on_env(self, env: Environment, /, *, config: MkDocsConfig,
               files: Files) -> Environment | None:
        """Draw the generated pages outside the navigation (`generator.site.theme_pages`).

        Runs after Material's tags plugin filled its listings (priority 100).
        """
        if not self.config.enabled:
            return env
        add_filters(env)
        if self._nav is None or self._store is None:
            return env
        pages = [file.page for file in files.documentation_pages()
                 if isinstance(file.page, GeneratedPage)
                 and file.src_uri in self.published]
        chrome = self._chrome = Chrome(env=env, config=config, nav=self._nav, files=files)
        self._drawing = True
        try:
            self.drawn, self.pages_drawn = draw_pages(
                chrome, pages, {page.file.src_uri: self.published[page.file.src_uri].content_key
                                for page in pages},
                self._store, self._reuse, self.jobs())
        finally:
            self._drawing = False
        for page in pages:
            # MkDocs only writes them: the empty template, then on_post_page.
            page.meta["template"] = PREBUILT_TEMPLATE
        return env

    @property
    def store(self) -> Path | None:
        """Where the last build's pages are stored."""
        return self._store

    @property
    def chrome(self) -> Chrome | None:
        """The last build's theme, settings and navigation (after its on_env)."""
        return self._chrome

    def redraw(self, page: GeneratedPage, published: PublishedPage) -> str:
        """Draw one page again with the last build's chrome, from a newly published page."""
        assert self._chrome is not None  # after a build
        self.published[page.file.src_uri] = published
        page.front_matter = published.meta
        page.read_source(self._chrome.config)
        self._drawing = True
        try:
            return self._chrome.draw(page)
        finally:
            self._drawing = False

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        if page.file.src_uri in self.published:
            # Converted and sanitized in a worker; loaded when the theme needs it.
            return ""
        if page.file.src_uri in self.generated:  # pragma: no cover - every one is published
            return sanitize_html(html)
        return html

    def on_page_context(self, context: Any, /, *, page: Page, config: MkDocsConfig,
                        nav: Any) -> Any:
        # Runs before the search plugin (planbook is listed first in mkdocs.yml).
        published = self.published.get(page.file.src_uri)
        if published is None:
            return context
        if self._drawing or page.file.src_uri not in self.drawn:
            # Drawn now by the theme (here or in a worker): its content is needed.
            try:
                converted = published.load()
            except (OSError, ValueError, KeyError) as error:
                raise PluginError(f"planbook: the converted page {page.file.src_uri} could "
                                  f"not be read back ({error}); build again") from None
            page.content = converted.html
            page.toc = get_toc(converted.toc)  # type: ignore[arg-type]
        else:
            page.content = ""  # its HTML is drawn already; the theme pass writes it
        index = _search_index(config)
        if index is not None:
            entries = self._search_entries(page, published)
            if entries is not None:
                # Indexed from its data, not by parsing its HTML, which is the
                # largest cost of a big build and of the index's size.
                page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
                if not self._drawing:  # indexed once, in MkDocs' own pass
                    index.entries.extend(entries)
                    if published.search:  # now held by the index: not twice
                        self.published[page.file.src_uri] = replace(published, search=())
        return context

    def _search_entries(self, page: Page,
                        published: PublishedPage) -> list[dict[str, Any]] | None:
        """The search entries of a generated page, from its data; None: leave it to Material.

        An account page: one entry per section or item of its plan, each
        linking to its anchor (built in the worker). A page
        whose size grows with the portfolio (home, portfolio views, managers):
        its title and description, as its rows are the accounts' own entries.
        The standards reference is left to Material's search, section by section.
        """
        # As written in its front matter: drawing the page may have marked it since.
        search = published.meta.get("search")
        if page.file.src_uri == STANDARDS_PAGE or (
                isinstance(search, dict) and search.get("exclude")):
            return None
        if published.search:
            entries = [{**entry, "location": page.url + entry["location"]}
                       for entry in published.search]
            tags = page.meta.get("tags")
            tag_list = [str(tag) for tag in tags if tag] if isinstance(tags, list) else []
            if tag_list:
                entries[0]["tags"] = tag_list
            return entries
        # Front matter values are HTML-escaped already (see render.pages.front_matter);
        # cut into Chinese words in the worker that published the page, so this
        # process never loads jieba's dictionary for them.
        title, text = published.summary or (
            segment_chinese(str(page.meta.get("title") or page.title or "")),
            segment_chinese(str(page.meta.get("description") or "")))
        return [{"location": page.url, "title": title, "text": text}]

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if page.file.src_uri not in self.published:
            return output
        page.content = None  # written: let the page's HTML go
        drawn = self.drawn.get(page.file.src_uri)
        if drawn is None or self._drawing:
            return output
        html = drawn.load()
        if html is None and self._chrome is not None and isinstance(page, GeneratedPage):
            # Its stored copy went missing or was damaged since it was looked up: draw it now.
            self._drawing = True
            try:
                html = self._chrome.draw(page)
            finally:
                self._drawing = False
        return html

    @event_priority(-100)  # after Material's search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._remove_build_store()
        if self.config.enabled:
            write_index_as_utf8(Path(config.site_dir) / "search" / "search_index.json")
            if self.use_cache:
                prune(default_cache_dir())

    def on_build_error(self, *, error: Exception) -> None:
        self._remove_build_store()

    def _remove_build_store(self) -> None:
        if self._build_store is not None:
            shutil.rmtree(self._build_store, ignore_errors=True)
            self._build_store = None

    # -- live preview ----------------------------------------------------------

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer | None:
        if not self.config.enabled:
            return server
        server.watch(str(self.plans_dir))
        for settings in (self.standards_file, self.people_file):
            if settings.is_file():
                server.watch(str(settings))
        return server


def _search_index(config: MkDocsConfig) -> Any | None:
    """Material's search index, when its search plugin is enabled."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and hasattr(index, "entries"):
            return index
    return None
