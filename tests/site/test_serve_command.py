"""`planbook serve`: the live preview rebuilds once when a plan is saved, and only then."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from site_projects import AS_OF, EXAMPLE_PLAN, make_project, planbook

STARTUP_SECONDS = 60
REBUILD_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            body: bytes = response.read()
            return body.decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(check: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.25)
    return False


class Preview:
    def __init__(self, process: subprocess.Popen[str], url: str, log: Path) -> None:
        self.process, self.url, self.log = process, url, log

    def page(self, path: str) -> str | None:
        return fetch(self.url + path)

    def builds(self) -> int:
        return self.log.read_text("utf-8").count("Building documentation")


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    config = make_project(tmp_path / "repo", [EXAMPLE_PLAN])
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "PLANBOOK_CACHE": "off"}
    with log.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--config", str(config),
             "--dev-addr", f"127.0.0.1:{port}", "--as-of", AS_OF],
            cwd=tmp_path, stdout=sink, stderr=subprocess.STDOUT, text=True, env=env)
        url = f"http://127.0.0.1:{port}/"
        try:
            started = wait_for(lambda: fetch(url) is not None, STARTUP_SECONDS)
            assert started, log.read_text("utf-8")
            yield Preview(process, url, log)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_saving_a_plan_refreshes_the_preview_once(preview: Preview, tmp_path: Path) -> None:
    page = preview.page("accounts/jinghua-grid.html")
    assert page is not None and "Jinghua Power Grid" in page
    assert "as of 2026-11-27" in page
    builds = preview.builds()
    docs = tmp_path / "repo" / "docs"
    docs_before = sorted(p.as_posix() for p in docs.rglob("*"))

    plan = tmp_path / "repo" / "plans" / "jinghua-grid.yaml"
    plan.write_text(plan.read_text("utf-8").replace(
        "name: Jinghua Power Grid Co., Ltd.", "name: Jinghua Smart Grid Co., Ltd."), "utf-8")

    def renamed() -> bool:
        return "Jinghua Smart Grid" in (preview.page("accounts/jinghua-grid.html") or "")

    assert wait_for(renamed, REBUILD_SECONDS), preview.log.read_text("utf-8")
    # One save, one rebuild: nothing the build writes triggers another.
    time.sleep(3)
    assert preview.builds() == builds + 1, preview.log.read_text("utf-8")
    assert sorted(p.as_posix() for p in docs.rglob("*")) == docs_before
    assert preview.process.poll() is None


def test_serve_without_plans_is_a_usage_error(tmp_path: Path) -> None:
    config = make_project(tmp_path / "repo", [])
    (config.parent / "plans").rmdir()
    outcome = planbook("serve", "--config", config, "--dev-addr", f"127.0.0.1:{free_port()}")
    assert outcome.code == 2
    assert "plans folder does not exist" in outcome.err
