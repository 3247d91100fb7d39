"""`planbook serve`: the live preview shows a saved plan's page at once, then rebuilds
once, and only then.

The test waits on events, never on the clock: it reads the server's log line by
line and acts when the line it waits for arrives ("Serving on", "Reloading
browsers"). The timeouts below only stop a broken server from hanging the suite.
"""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.site_projects import AS_OF, EXAMPLE_PLAN, make_project, planbook

# Safety nets for a hung server, not expectations of speed.
HANG_SECONDS = 120


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=HANG_SECONDS) as response:
            body: bytes = response.read()
            return body.decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


class Preview:
    """A running `planbook serve` and its log, read line by line as it is written."""

    def __init__(self, process: subprocess.Popen[str], url: str) -> None:
        self.process, self.url = process, url
        self.log: list[str] = []
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line)
        self._lines.put(None)  # the server stopped

    def until(self, text: str) -> list[str]:
        """The log lines up to and including the next one that contains `text`."""
        seen: list[str] = []
        while True:
            try:
                line = self._lines.get(timeout=HANG_SECONDS)
            except queue.Empty:
                pytest.fail(f"no {text!r} from the server:\n{''.join(self.log)}")
            if line is None:
                pytest.fail(f"the server stopped before {text!r}:\n{''.join(self.log)}")
            self.log.append(line)
            seen.append(line)
            if text in line:
                return seen

    def page(self, path: str) -> str | None:
        return fetch(self.url + path)


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    config = make_project(tmp_path / "repo", [EXAMPLE_PLAN])
    port = free_port()
    env = {**os.environ, "PLANBOOK_CACHE": "off"}
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--config", str(config),
         "--dev-addr", f"127.0.0.1:{port}", "--as-of", AS_OF],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        encoding="utf-8", env=env)
    try:
        running = Preview(process, f"http://127.0.0.1:{port}/")
        running.until("Serving on")
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=HANG_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def rename(plan: Path, old: str, new: str) -> None:
    text = plan.read_text("utf-8")
    assert old in text
    plan.write_text(text.replace(old, new), "utf-8")


def test_saving_a_plan_refreshes_the_preview_once(preview: Preview, tmp_path: Path) -> None:
    page = preview.page("accounts/jinghua-grid.html")
    assert page is not None and "Jinghua Power Grid" in page
    assert "as of 2026-11-27" in page
    docs = tmp_path / "repo" / "docs"
    docs_before = sorted(p.as_posix() for p in docs.rglob("*"))
    plan = tmp_path / "repo" / "plans" / "jinghua-grid.yaml"

    rename(plan, "Jinghua Power Grid Co., Ltd.", "Jinghua Smart Grid Co., Ltd.")
    # The saved plan's page is written and served first, then the site is rebuilt.
    previewed = preview.until("Previewing accounts/jinghua-grid.md")
    assert not any("Building documentation" in line for line in previewed)
    assert "Jinghua Smart Grid" in (preview.page("accounts/jinghua-grid.html") or "")
    first = previewed + preview.until("Reloading browsers")
    assert "Jinghua Smart Grid" in (preview.page("accounts/jinghua-grid.html") or "")

    # A second save marks the end of the first rebuild's consequences: had the
    # build written anything the server watches, another rebuild would show up
    # in the log before this save's one.
    rename(plan, "Jinghua Smart Grid Co., Ltd.", "Jinghua Grid Co., Ltd.")
    second = preview.until("Reloading browsers")
    assert "Jinghua Grid Co" in (preview.page("accounts/jinghua-grid.html") or "")

    for rebuild in (first, second):
        assert sum("Building documentation" in line for line in rebuild) == 1, preview.log
    assert sorted(p.as_posix() for p in docs.rglob("*")) == docs_before
    assert preview.process.poll() is None


def test_serve_without_plans_is_a_usage_error(tmp_path: Path) -> None:
    config = make_project(tmp_path / "repo", [])
    (config.parent / "plans").rmdir()
    outcome = planbook("serve", "--config", config, "--dev-addr", f"127.0.0.1:{free_port()}")
    assert outcome.code == 2
    assert "plans folder does not exist" in outcome.err
