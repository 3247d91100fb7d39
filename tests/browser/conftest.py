"""A real Chromium against the built site, served from this machine only.

The site (sample plans, the spec's example plan, a hostile plan and the
probe plan with hostile markup in every text field, as of
2026-11-27) is built once and served by a local http.server on a random
port. Every request the browser makes is recorded, so tests can prove that
nothing leaves localhost. Without /usr/bin/chromium the tests are skipped on
a developer's machine and fail under CI, so CI cannot pass without them.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.support.probe_plan import write_probe_plan
from tests.support.site_projects import (
    EXAMPLE_PLAN,
    HOSTILE_PLAN,
    SAMPLE_PLANS,
    build,
    make_project,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture(scope="session")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("browser-repo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLANBOOK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        probe = write_probe_plan(tmp_path_factory.mktemp("probe"))
        config = make_project(root, (*SAMPLE_PLANS, EXAMPLE_PLAN, HOSTILE_PLAN, probe))
        outcome = build(config, root / "site")
    assert outcome.code == 0, outcome.err
    handler = functools.partial(QuietHandler, directory=str(root / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run under CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Visit:
    """A browser tab and everything it did: requests, errors, dialogs."""

    page: Any
    base: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, path: str) -> None:
        self.page.goto(self.base + path, wait_until="load")

    def search_links(self, query: str, links: str) -> list[str]:
        """Type `query` into Material's search box; the hrefs `links` selects, best first."""
        box = self.page.locator("input.md-search__input")
        box.click()
        # The index is loaded by a web worker; a query typed before it is ready is lost.
        meta = self.page.locator(".md-search-result__meta")
        self.page.wait_for_function(
            "el => el.textContent.trim() !== '' && !/Initializing/i.test(el.textContent)",
            arg=meta.element_handle(), timeout=30_000)
        box.fill(query)
        # Material reads the box on key-up; filling types no key (as an input
        # method would not for Chinese), so a key is pressed to run the search.
        box.press("End")
        results = self.page.locator(links)
        results.first.wait_for(state="attached", timeout=15_000)
        hrefs: list[str] = results.evaluate_all("links => links.map(link => link.href)")
        return hrefs

    def outside_requests(self) -> list[str]:
        return [url for url in self.requests
                if urlsplit(url).scheme not in ("data", "blob", "about")
                and urlsplit(url).hostname not in LOCAL_HOSTS]

    def assert_quiet(self) -> None:
        """Nothing left this machine, nothing failed, and no plan text ran."""
        assert self.outside_requests() == []
        assert self.errors == []
        assert self.dialogs == []


@pytest.fixture
def visit(chromium: Any, site_url: str) -> Iterator[Visit]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    record = Visit(page, site_url)
    page.on("request", lambda request: record.requests.append(request.url))
    page.on("console", lambda message: record.errors.append(f"console: {message.text}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: record.errors.append(f"page error: {error}"))

    def dismiss(dialog: Any) -> None:
        record.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    try:
        yield record
    finally:
        context.close()
