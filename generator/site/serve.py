"""Live preview: MkDocs' development server with the plans folder watched.

The planbook plugin registers the plans folder and the standards file with
the server, so saving a plan rebuilds the site and the browser reloads. The
pages are generated in memory, never written into docs/ or plans/, so a
rebuild never triggers another.

MkDocs' own `serve` is followed step by step (its server, watches and
plugin events), with two differences for large portfolios:

- when only a few plans were saved, their pages are written into the served
  site first and the browser reloads at once (`generator.site.preview`);
- every build goes into a fresh folder that then replaces the served one,
  so the server keeps serving the previous site (with the previewed pages)
  while the next is built, instead of an emptied folder.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException
from mkdocs.livereload import LiveReloadServer, _serve_url, _timestamp

from generator import repository
from generator.checker import UsageError
from generator.mkdocs_plugin import AS_OF_VARIABLE, PlanbookPlugin
from generator.people import with_people
from generator.site.build import load_site_config, planbook_plugin, quiet_mkdocs, swap_in
from generator.site.preview import preview_saved_plans
from generator.standards.config import load_standards
from generator.terminal import terminal_text

log = logging.getLogger("mkdocs.planbook")


def serve_site(config_file: Path, *, dev_addr: str, as_of: dt.date | None = None) -> int:
    """Serve a live preview until interrupted; the exit code for the command."""
    # Fail early, with planbook's messages, on what would stop every rebuild.
    config = load_site_config(config_file)
    plans_dir, standards_file = planbook_plugin(config).source_paths(config)
    if not plans_dir.is_dir():
        raise UsageError(f"{plans_dir}: the plans folder does not exist")
    with_people(load_standards(standards_file if standards_file.is_file() else None),
                repository.people_path(planbook_plugin(config).config_folder(config)))
    if as_of is not None:
        # The server reloads mkdocs.yml (and a fresh plugin) at every rebuild:
        # the environment is what carries the date through all of them.
        os.environ[AS_OF_VARIABLE] = as_of.isoformat()
    with quiet_mkdocs(logging.INFO):
        try:
            _serve(config_file, dev_addr)
        except ConfigurationError as error:
            raise UsageError(f"{error.format_message()} (see the messages above)") from None
        except (MkDocsException, Abort) as error:
            print(f"planbook: the preview stopped: {error.format_message()}", file=sys.stderr)
            return 1
        except OSError as error:  # the address is taken or not ours to bind
            raise UsageError(f"--dev-addr {dev_addr}: cannot serve there: {error.strerror}; "
                             "choose another address or port") from None
    return 0


class _Builds:
    """Builds of the served site: each into a fresh folder, then swapped in; previews between."""

    def __init__(self, config_file: Path, dev_addr: str, root: Path) -> None:
        self.config_file, self.dev_addr, self.root = config_file, dev_addr, root
        self.serve_url = ""
        self.server: LiveReloadServer | None = None
        #: the plugin of the last build that finished (its state feeds the preview)
        self.last: PlanbookPlugin | None = None

    def config(self) -> MkDocsConfig:
        config = load_config(config_file=str(self.config_file), dev_addr=self.dev_addr)
        if self.serve_url:
            config.site_url = self.serve_url
        return config

    def __call__(self, config: MkDocsConfig | None = None) -> None:
        previewed = self._preview()
        log.info("Building documentation...")
        config = config or self.config()
        building = Path(tempfile.mkdtemp(dir=self.root.parent, prefix=f".{self.root.name}-"))
        try:
            config.site_dir = str(building)
            mkdocs_build(config, serve_url=self.serve_url)
            swap_in(building, self.root)
        finally:
            shutil.rmtree(building, ignore_errors=True)
        self.last = planbook_plugin(config)
        if previewed:
            # The browsers reloaded for the preview already: make the loop reload them again.
            self._reload_browsers()

    def _preview(self) -> list[str]:
        if self.last is None or self.server is None or not _can_reload(self.server):
            return []
        try:
            written = preview_saved_plans(self.last, self.root)
        except Exception as error:  # a preview is a courtesy: the full build still runs
            # The error may quote a plan: through the terminal's one door.
            log.warning(f"planbook: no preview ({terminal_text(type(error).__name__)}: "
                        f"{terminal_text(error)})")
            return []
        if written:
            log.info(f"Previewing {', '.join(written)}")
            self._reload_browsers()
        return written

    def _reload_browsers(self) -> None:
        server = self.server
        assert server is not None
        with server._epoch_cond:
            server._wanted_epoch = server._visible_epoch = _timestamp()
            server._epoch_cond.notify_all()


def _can_reload(server: LiveReloadServer) -> bool:
    """Whether the server has the epochs this module moves (MkDocs 1.6)."""
    return all(hasattr(server, name) for name in ("_epoch_cond", "_wanted_epoch",
                                                  "_visible_epoch"))


def _serve(config_file: Path, dev_addr: str) -> None:
    """MkDocs' `serve`, building through `_Builds`."""
    root = Path(tempfile.mkdtemp(prefix="planbook-preview-"))
    builds = _Builds(config_file, dev_addr, root / "site")
    (root / "site").mkdir()
    config = builds.config()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    config.site_url = builds.serve_url = _serve_url(host, port, mount_path)
    server = LiveReloadServer(builder=builds, host=host, port=port, root=str(builds.root),
                              mount_path=mount_path)

    def error_page(code: int) -> bytes | None:
        page = builds.root / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    try:
        builds(config)  # the first build, before the server's threads start
        builds.server = server
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builds)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(root, ignore_errors=True)
