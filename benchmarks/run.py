"""`make bench`: planbook's performance table on synthetic portfolios.

For N = 100, 1,000 and 5,000 seeded synthetic plans it measures, in one run
on this machine: a bare libyaml parse of the files (the yardstick), a cold
`planbook check`, a re-check after one plan changed (warm cache), rendering
the Markdown pages, the full site build (check + render + MkDocs, in its own
process for its peak memory), the site's size and its search index; then the
ratios the targets are stated in. Sizes: BENCH_SIZES=100,1000 make bench.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from benchmarks.synthetic import write_portfolio
from generator.cache import PlanCache
from generator.checker import CheckRun, check_files, cycle_collection_paused
from generator.render import render_pages
from generator.standards.config import Standards, load_standards

AS_OF = dt.date(2026, 11, 27)
ROOT = Path(__file__).resolve().parents[1]
KIB = 1024


@dataclass
class Measurement:
    plans: int
    parse: float
    check: float
    recheck: float
    render: float
    build: float
    peak_mib: float
    site_bytes: int
    account_page_bytes: int
    search_bytes: int


def best_of(repeats: int, action: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def parse_all(files: list[Path]) -> None:
    for path in files:
        yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)


def render_all(run: CheckRun, standards: Standards) -> None:
    """Render as `planbook render` and the site build do."""
    with cycle_collection_paused():
        render_pages(run, standards, AS_OF)


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def make_project(work: Path, count: int) -> tuple[Path, list[Path]]:
    """A project folder: the repository's mkdocs.yml, docs and standards, synthetic plans."""
    project = work / f"project-{count}"
    files = write_portfolio(project / "plans", count)
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copy(ROOT / "standards.yaml", project / "standards.yaml")
    return project, files


def measure(work: Path, count: int) -> Measurement:
    project, files = make_project(work, count)
    standards = load_standards(project / "standards.yaml")
    repeats = 3 if count <= 1000 else 1
    parse = best_of(repeats, lambda: parse_all(files))
    check = best_of(repeats, lambda: check_files(files, standards, AS_OF))

    cache = PlanCache(work / f"cache-{count}", standards, AS_OF)
    check_files(files, standards, AS_OF, cache)
    changed = files[len(files) // 2]
    changed.write_text(changed.read_text("utf-8").replace("Quarterly review", "QBR"), "utf-8")
    recheck = best_of(1, lambda: check_files(
        files, standards, AS_OF, PlanCache(work / f"cache-{count}", standards, AS_OF)))

    run = check_files(files, standards, AS_OF)
    render = best_of(repeats, lambda: render_all(run, standards))

    out = work / f"site-{count}"
    stage = subprocess.run(
        [sys.executable, "-m", "benchmarks.stage", str(project), str(out), AS_OF.isoformat()],
        capture_output=True, text=True, check=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    built = json.loads(stage.stdout.strip().splitlines()[-1])
    accounts = sorted((out / "accounts").glob("*.html"))
    account_bytes = sum(p.stat().st_size for p in accounts) // max(1, len(accounts))
    search = out / "search" / "search_index.json"
    result = Measurement(
        plans=count, parse=parse, check=check, recheck=recheck, render=render,
        build=built["build_seconds"], peak_mib=built["peak_mib"],
        site_bytes=folder_bytes(out), account_page_bytes=account_bytes,
        search_bytes=search.stat().st_size if search.exists() else 0)
    shutil.rmtree(project)
    shutil.rmtree(out)
    return result


def table(results: list[Measurement]) -> str:
    rows = [
        ("check (cold)", lambda m: f"{m.check:.2f} s"),
        ("libyaml parse of the same files", lambda m: f"{m.parse:.2f} s"),
        ("check / parse (target ≤ 1.5)", lambda m: f"{m.check / m.parse:.2f}"),
        ("re-check after one plan changed", lambda m: f"{m.recheck:.2f} s"),
        ("re-check / cold check (target < 10%)", lambda m: f"{m.recheck / m.check:.1%}"),
        ("render (Markdown pages)", lambda m: f"{m.render:.2f} s"),
        ("full build (check + render + MkDocs)", lambda m: f"{m.build:.1f} s"),
        ("MkDocs part of the build", lambda m: f"{m.build - m.check - m.render:.1f} s"),
        ("(check + render) / MkDocs (target ≤ 25%)",
         lambda m: f"{(m.check + m.render) / max(1e-9, m.build - m.check - m.render):.1%}"),
        ("build per account", lambda m: f"{m.build / m.plans * 1000:.1f} ms"),
        ("peak memory of the build", lambda m: f"{m.peak_mib:.0f} MiB"),
        ("site size", lambda m: f"{m.site_bytes / KIB / KIB:.1f} MiB"),
        ("site per account", lambda m: f"{m.site_bytes / m.plans / KIB:.1f} KiB"),
        ("account page (target ≤ 60 KiB)", lambda m: f"{m.account_page_bytes / KIB:.1f} KiB"),
        ("search index", lambda m: f"{m.search_bytes / KIB / KIB:.2f} MiB"),
        ("search index per account (target ≤ 8 KiB)",
         lambda m: f"{m.search_bytes / m.plans / KIB:.1f} KiB"),
    ]
    header = "| measure | " + " | ".join(f"N = {m.plans:,}" for m in results) + " |"
    lines = [header, "|---|" + "---:|" * len(results)]
    for label, cell in rows:
        lines.append(f"| {label} | " + " | ".join(cell(m) for m in results) + " |")
    by_size = {m.plans: m for m in results}
    if 1000 in by_size and 5000 in by_size:
        small, large = by_size[1000], by_size[5000]
        lines.append("")
        lines.append(f"Linearity, 5,000 against 1,000 plans (target ≤ 5.5x): build time "
                     f"{large.build / small.build:.2f}x, site size "
                     f"{large.site_bytes / small.site_bytes:.2f}x, check "
                     f"{large.check / small.check:.2f}x.")
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}, libyaml {yaml.__with_libyaml__}")


def main() -> None:
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "100,1000,5000").split(",")]
    with tempfile.TemporaryDirectory(prefix="planbook-bench-") as folder:
        results = []
        for count in sizes:
            print(f"measuring {count} plans ...", file=sys.stderr, flush=True)
            results.append(measure(Path(folder), count))
    print(f"planbook benchmark, as of {AS_OF}, on {machine()}\n")
    print(table(results))


if __name__ == "__main__":
    main()
