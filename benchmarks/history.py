"""`make bench`, history rows: reading every plan's history from git, and the pages.

A repository of N synthetic plans, each changed in 20 commits (one plan per
commit, as pull requests do: N x 19 + 1 commits), is written with
`git fast-import`. Each version moves booked_to_date; every 4th slips the
first deal's close date by 30 days; every 5th is a review (last_reviewed
moves). Then, each in its own process (for its peak memory), with a cold
history cache: the history read (`build_history`), and the history pages
(timelines, trends, slips, "as reviewed on"); then one new commit and the
same again on the warm cache, with the commits parsed and git objects read.

Usage: python -m benchmarks.history [N]  (default 1000), or through `make bench`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.synthetic import write_portfolio

ROOT = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2026, 11, 27)
VERSIONS = 20
AUTHORS = [("Alice Chen", "alice@example.com"), ("Bob Li", "bob@example.com"),
           ("Carol Wu", "carol@example.com"), ("Dan Ruiz", "dan@example.com"),
           ("Eve Park", "eve@example.com")]
START = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)

_BOOKED = re.compile(r"(?m)^(  booked_to_date: )(\d+)")
_REVIEWED = re.compile(r"(?m)^(  last_reviewed: )'?[\d-]+'?")
_CLOSE = re.compile(r"(close: )'?(\d{4}-\d{2}-\d{2})'?")


def version(text: str, number: int, day: dt.date) -> str:
    """The plan's text at its `number`-th change."""
    text = _BOOKED.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + number * 1000}", text, 1)
    if number % 5 == 0:
        text = _REVIEWED.sub(lambda m: f"{m.group(1)}'{day.isoformat()}'", text, 1)
    if number % 4 == 0:
        text = _CLOSE.sub(lambda m: m.group(1) + "'" + (dt.date.fromisoformat(m.group(2))
                          + dt.timedelta(days=30 * number // 4)).isoformat() + "'", text, 1)
    return text


def _data(payload: bytes) -> bytes:
    return b"data %d\n" % len(payload) + payload + b"\n"


def write_repository(repo: Path, count: int) -> int:
    """The repository of the module docstring; returns its number of commits."""
    files = write_portfolio(repo / "plans", count)
    base = {f"plans/{p.name}": p.read_text("utf-8") for p in files}
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    stream = bytearray()
    moment = START
    commits = 0

    def commit(paths: dict[str, str], message: str) -> None:
        nonlocal moment, commits
        name, email = AUTHORS[commits % len(AUTHORS)]
        stamp = f"{int(moment.timestamp())} +0000"
        stream.extend(b"commit refs/heads/main\n")
        stream.extend(f"author {name} <{email}> {stamp}\n".encode())
        stream.extend(f"committer {name} <{email}> {stamp}\n".encode())
        stream.extend(_data(message.encode()))
        for path, text in paths.items():
            stream.extend(f"M 100644 inline {path}\n".encode())
            stream.extend(_data(text.encode("utf-8")))
        commits += 1
        moment += dt.timedelta(minutes=30)

    commit(base, "Add the plans")
    current = dict(base)
    for number in range(1, VERSIONS):
        for path in sorted(current):
            current[path] = version(current[path], number, moment.date())
            commit({path: current[path]}, f"{Path(path).stem}: change {number}")
    subprocess.run(["git", "fast-import", "--quiet"], cwd=repo, input=bytes(stream), check=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=repo, check=True)
    return commits


def one_more_commit(repo: Path) -> None:
    plan = sorted((repo / "plans").glob("*.yaml"))[0]
    plan.write_text(version(plan.read_text("utf-8"), 97, AS_OF), "utf-8")
    env = {**os.environ, "GIT_AUTHOR_NAME": "Alice Chen", "GIT_AUTHOR_EMAIL": "a@example.com",
           "GIT_COMMITTER_NAME": "Alice Chen", "GIT_COMMITTER_EMAIL": "a@example.com"}
    subprocess.run(["git", "commit", "-q", "-am", "one more change"], cwd=repo, env=env,
                   check=True)


def stage(repo: Path) -> dict[str, float | int]:
    """In this process: read the history, then render its pages; times and counts."""
    from generator.history.site import site_history_pages
    from generator.history.store import RecordStore, history_cache_dir
    from generator.history.timeline import build_history
    from generator.standards.config import load_standards

    standards = load_standards(None)
    started = time.perf_counter()
    history = build_history(repo, standards, store=RecordStore(history_cache_dir(), standards,
                                                                "plans"))
    read = time.perf_counter() - started
    accounts = {a: f"accounts/{a}.md" for a in history.accounts()}
    started = time.perf_counter()
    pages = site_history_pages(repo / "plans", standards, AS_OF, accounts)
    rendered = time.perf_counter() - started
    return {"read_seconds": read, "pages_seconds": rendered,
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "commits": history.stats.commits_listed,
            "commits_parsed": history.stats.commits_parsed,
            "objects_read": history.stats.objects_read, "pages": len(pages)}


def run_stage(repo: Path, cache: Path) -> dict[str, float | int]:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.history", "--stage", str(repo)],
        capture_output=True, text=True, check=False, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PLANBOOK_CACHE_DIR": str(cache)})
    if done.returncode != 0:
        raise RuntimeError(f"the history stage failed:\n{done.stderr[-3000:]}")
    result: dict[str, float | int] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@dataclass
class HistoryMeasurement:
    plans: int
    commits: int
    first: dict[str, float | int]
    again: dict[str, float | int]


def measure(work: Path, count: int) -> HistoryMeasurement:
    repo = work / f"history-{count}"
    commits = write_repository(repo, count)
    cache = work / f"history-cache-{count}"
    first = run_stage(repo, cache)
    one_more_commit(repo)
    again = run_stage(repo, cache)
    return HistoryMeasurement(count, commits + 1, first, again)


def table(results: list[HistoryMeasurement]) -> str:
    rows = [
        ("commits (plans x 20 versions)", lambda m: f"{m.commits:,}"),
        ("history read, first build", lambda m: f"{m.first['read_seconds']:.1f} s"),
        ("history pages, first build", lambda m: f"{m.first['pages_seconds']:.1f} s"),
        ("peak memory, first build", lambda m: f"{m.first['peak_mib']:.0f} MiB"),
        ("history read after one new commit", lambda m: f"{m.again['read_seconds']:.2f} s"),
        ("history pages after one new commit", lambda m: f"{m.again['pages_seconds']:.1f} s"),
        ("peak memory after one new commit", lambda m: f"{m.again['peak_mib']:.0f} MiB"),
        ("commits parsed / git objects read, first build",
         lambda m: f"{m.first['commits_parsed']:,} / {m.first['objects_read']:,}"),
        ("commits parsed / git objects read, after one commit",
         lambda m: f"{m.again['commits_parsed']:,} / {m.again['objects_read']:,}"),
        ("history pages", lambda m: f"{m.first['pages']:,}"),
    ]
    header = "| history | " + " | ".join(f"N = {m.plans:,}" for m in results) + " |"
    lines = [header, "|---|" + "---:|" * len(results)]
    for label, cell in rows:
        lines.append(f"| {label} | " + " | ".join(cell(m) for m in results) + " |")
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--stage":
        print(json.dumps(stage(Path(sys.argv[2]))))
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory(prefix="planbook-bench-history-") as folder:
        print(table([measure(Path(folder), count)]))


if __name__ == "__main__":
    main()
