"""`planbook serve` as an account manager meets it: one plan saved → its page served anew.

Usage: python -m benchmarks.serve PROJECT_DIR AS_OF [CACHE_DIR]

Starts `planbook serve` on a free local port for the project, waits for the
first build to be served, then saves one plan with a new word in it and
measures the time until the server returns that plan's page with the word:
the watcher's polling (MkDocs polls every 0.5 s), the rebuild and the write,
as the user waits for them. Prints one JSON object.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

PLANBOOK = Path(sys.executable).with_name("planbook")
#: how often the page is asked for while waiting
POLL_SECONDS = 0.02
#: give up on a first build after this long (5,000 plans on two cores)
FIRST_BUILD_LIMIT = 1800.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            body: bytes = response.read()
            return body.decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, limit: float, word: str = "") -> float:
    """Seconds until `url` answers (with `word` in it, when given)."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        body = fetch(url)
        if body is not None and word in body:
            return time.perf_counter() - started
        time.sleep(POLL_SECONDS)
    raise TimeoutError(f"{url} did not show {word!r} within {limit:.0f} s")


def measure(project: Path, as_of: str, cache: str | None = None) -> dict[str, float]:
    plans = sorted((project / "plans").glob("*.yaml"))
    plan = plans[len(plans) // 2]
    port = free_port()
    env = {**os.environ, "PLANBOOK_AS_OF": as_of}
    if cache:
        env["PLANBOOK_CACHE_DIR"] = cache
    server = subprocess.Popen(
        [str(PLANBOOK), "serve", "--dev-addr", f"127.0.0.1:{port}",
         "--config", str(project / "mkdocs.yml")],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/accounts/{plan.stem}.html"
        first = wait_for(url, FIRST_BUILD_LIMIT)
        word = f"Reviewed{time.time_ns()}"
        data = yaml.safe_load(plan.read_text("utf-8"))
        data["plan"]["summary"] = f"{data['plan'].get('summary') or ''} {word}".strip()
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        started = time.perf_counter()
        plan.write_text(text, "utf-8")
        wait_for(url, 600.0, word)
        saved_to_served = time.perf_counter() - started
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    return {"first_build_seconds": first, "saved_to_served_seconds": saved_to_served}


def main() -> None:
    project, as_of = Path(sys.argv[1]), sys.argv[2]
    cache = sys.argv[3] if len(sys.argv) > 3 else None
    print(json.dumps(measure(project, as_of, cache)))


if __name__ == "__main__":
    main()
