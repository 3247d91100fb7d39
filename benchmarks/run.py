"""`make bench`: planbook's performance table on synthetic portfolios.

For each size N (BENCH_SIZES, default 1,000 and 5,000) it writes N seeded
synthetic plans (`benchmarks.synthetic`) and measures, in one run on this
machine, every row of the build-speed targets: the full build with the
default number of workers and with `--jobs` 1, 2 and 4 (BENCH_JOBS), each in
its own process, cold (no cache; the --jobs sweep only up to
BENCH_SWEEP_UP_TO plans, default 1,000); a rebuild after one plan changed (warm
check and page caches) against a cold build through the same caches; a real
`planbook serve` (`benchmarks.serve`: one plan saved → its page served with
the change, the watcher's polling included; up to BENCH_SERVE_UP_TO plans,
default 1,000); the
peak memory of the build (the main process and its largest worker); the
account page and the search index per account; and `planbook check` from the
command line against a bare libyaml parse loop, both as fresh processes at
Python's default GC settings. Start-up of `planbook --help` and of
`planbook check` on one plan are measured once.

The figures before this work (BENCHMARKS.md of 2026-11-27, measured with
the same synthetic plans on this machine) are printed beside them; they are
not re-measured, as that code is gone.
Then the history rows (`benchmarks/history.py`): N plans x 20 commits each
(BENCH_HISTORY_SIZES, default 1000; 0 skips them).
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from benchmarks import history
from benchmarks.synthetic import write_portfolio

AS_OF = dt.date(2026, 11, 27)
ROOT = Path(__file__).resolve().parents[1]
KIB = 1024
PLANBOOK = Path(sys.executable).with_name("planbook")

#: The figures before this work, by row and size (BENCHMARKS.md, 2026-11-27).
BEFORE: dict[str, dict[int, str]] = {
    "full build (default workers)": {1000: "124.8 s", 5000: "555.8 s"},
    "build per account": {1000: "124.8 ms", 5000: "111.2 ms"},
    "rebuild after one plan changed / cold": {1000: "100%", 5000: "100%"},
    "`planbook serve`: one plan saved → page served": {1000: "124.8 s (full)",
                                                        5000: "555.8 s (full)"},
    "peak memory of the build (main / largest worker)": {1000: "395 MiB", 5000: "1390 MiB"},
    "speed-up, --jobs 1 → default (2 cores)": {1000: "1.0x", 5000: "1.0x"},
    "`planbook check` cold / bare libyaml loop (command line)": {1000: "~1.5x",
                                                                5000: "~1.5x"},
    "account page": {1000: "58.7 KiB", 5000: "58.8 KiB"},
    "search index per account": {1000: "2.0 KiB", 5000: "1.9 KiB"},
}
TARGETS = {
    "full build (default workers)": "≤ 60 s at 5,000",
    "build per account": "≤ 10 ms",
    "rebuild after one plan changed / cold": "≤ 10% (at 1,000)",
    "`planbook serve`: one plan saved → page served": "≤ 2 s (at 1,000)",
    "peak memory of the build (main / largest worker)": "≤ 400 MiB",
    "speed-up, --jobs 1 → default (2 cores)": "≥ 1.6x",
    "`planbook check` cold / bare libyaml loop (command line)": "≤ 0.75x",
    "account page": "≤ 40 KiB",
    "search index per account": "≤ 1.5 KiB",
}


@dataclass
class Build:
    seconds: float
    peak_mib: float
    worker_peak_mib: float


@dataclass
class Measurement:
    plans: int
    builds: dict[int, Build] = field(default_factory=dict)  # jobs (0: default) → build
    cached_cold: float = 0.0
    incremental: float = 0.0
    check_cli: float = 0.0
    parse_cli: float = 0.0
    account_page_bytes: int = 0
    search_bytes: int = 0
    #: `planbook serve`: a plan saved → its page served anew (None: not measured)
    serve_seconds: float | None = None


def timed(command: Sequence[str | Path], **kwargs: object) -> float:
    started = time.perf_counter()
    subprocess.run([str(c) for c in command], check=False, capture_output=True,
                   cwd=ROOT, **kwargs)  # type: ignore[call-overload]
    return time.perf_counter() - started


def best_of(repeats: int, action: Callable[[], float]) -> float:
    return min(action() for _ in range(repeats))


def make_project(work: Path, count: int) -> tuple[Path, list[Path]]:
    """A project folder: the repository's mkdocs.yml, docs and standards, synthetic plans."""
    project = work / f"project-{count}"
    files = write_portfolio(project / "plans", count)
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copy(ROOT / "standards.yaml", project / "standards.yaml")
    return project, files


def stage(project: Path, out: Path, jobs: int = 0, cache: Path | None = None) -> Build:
    command = [sys.executable, "-m", "benchmarks.stage", str(project), str(out),
               AS_OF.isoformat(), str(jobs)]
    if cache is not None:
        command.append(str(cache))
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return Build(data["build_seconds"], data["peak_mib"], data["worker_peak_mib"])


BARE_PARSE = ("import sys, yaml\n"
              "for name in sys.argv[1:]:\n"
              "    with open(name, encoding='utf-8') as f:\n"
              "        yaml.load(f.read(), Loader=yaml.CSafeLoader)\n")


def measure(work: Path, count: int, jobs_sweep: Sequence[int]) -> Measurement:
    project, files = make_project(work, count)
    result = Measurement(plans=count)
    print(f"  {count}: check and parse from the command line", file=sys.stderr, flush=True)
    plans = project / "plans"
    result.parse_cli = best_of(2, lambda: timed(
        [sys.executable, "-c", BARE_PARSE, *map(str, files)]))
    result.check_cli = best_of(2, lambda: timed(
        [PLANBOOK, "check", plans, "--as-of", AS_OF.isoformat(), "--no-cache",
         "--format", "json"]))

    out = work / f"site-{count}"
    # The sweep over --jobs is for the smaller sizes: at 5,000 plans each
    # build takes minutes on a shared two-core machine.
    sweep_up_to = int(os.environ.get("BENCH_SWEEP_UP_TO", "1000"))
    for jobs in (0, *(jobs_sweep if count <= sweep_up_to else ())):
        print(f"  {count}: build, jobs {jobs or 'default'}", file=sys.stderr, flush=True)
        result.builds[jobs] = stage(project, out, jobs)
        if jobs == 0:
            accounts = sorted((out / "accounts").glob("*.html"))
            result.account_page_bytes = (sum(p.stat().st_size for p in accounts)
                                         // max(1, len(accounts)))
            search = out / "search" / "search_index.json"
            result.search_bytes = search.stat().st_size if search.exists() else 0

    print(f"  {count}: cold and incremental build through the caches", file=sys.stderr,
          flush=True)
    cache = work / f"cache-{count}"
    result.cached_cold = stage(project, out, 0, cache).seconds
    changed = files[len(files) // 2]
    changed.write_text(changed.read_text("utf-8").replace("Quarterly review", "QBR"), "utf-8")
    result.incremental = stage(project, out, 0, cache).seconds
    if count <= int(os.environ.get("BENCH_SERVE_UP_TO", "1000")):
        print(f"  {count}: planbook serve, one plan saved", file=sys.stderr, flush=True)
        served = subprocess.run(
            [sys.executable, "-m", "benchmarks.serve", str(project), AS_OF.isoformat(),
             str(cache)], capture_output=True, text=True, check=True, cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)})
        result.serve_seconds = json.loads(served.stdout.strip().splitlines()[-1])[
            "saved_to_served_seconds"]
    shutil.rmtree(project)
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    return result


def _speedup(m: Measurement, jobs: int) -> str:
    if 1 not in m.builds or jobs not in m.builds:
        return "—"
    return f"{m.builds[1].seconds / m.builds[jobs].seconds:.2f}x"


def table(results: list[Measurement], jobs_sweep: Sequence[int]) -> str:
    rows: list[tuple[str, Callable[[Measurement], str]]] = [
        ("full build (default workers)", lambda m: f"{m.builds[0].seconds:.1f} s"),
        ("build per account", lambda m: f"{m.builds[0].seconds / m.plans * 1000:.1f} ms"),
        ("rebuild after one plan changed / cold",
         lambda m: f"{m.incremental / m.cached_cold:.0%} ({m.incremental:.1f} s of "
                   f"{m.cached_cold:.1f} s)"),
        ("`planbook serve`: one plan saved → page served",
         lambda m: "—" if m.serve_seconds is None else f"{m.serve_seconds:.2f} s"),
        ("peak memory of the build (main / largest worker)",
         lambda m: f"{m.builds[0].peak_mib:.0f} / {m.builds[0].worker_peak_mib:.0f} MiB"),
        ("speed-up, --jobs 1 → default (2 cores)", lambda m: _speedup(m, 0)),
        *[(f"build with --jobs {jobs}",
           lambda m, jobs=jobs: f"{m.builds[jobs].seconds:.1f} s ({_speedup(m, jobs)})"
           if jobs in m.builds else "—")
          for jobs in jobs_sweep],
        ("`planbook check` cold / bare libyaml loop (command line)",
         lambda m: f"{m.check_cli / m.parse_cli:.2f}x ({m.check_cli:.2f} s / "
                   f"{m.parse_cli:.2f} s)"),
        ("account page", lambda m: f"{m.account_page_bytes / KIB:.1f} KiB"),
        ("search index per account", lambda m: f"{m.search_bytes / m.plans / KIB:.2f} KiB"),
    ]
    header = "| measure | target | " + " | ".join(
        f"N = {m.plans:,} | before" for m in results) + " |"
    lines = [header, "|---|---|" + "---:|---:|" * len(results)]
    for label, cell in rows:
        cells = " | ".join(f"{cell(m)} | {BEFORE.get(label, {}).get(m.plans, '')}"
                           for m in results)
        lines.append(f"| {label} | {TARGETS.get(label, '')} | {cells} |")
    return "\n".join(lines)


def startup() -> str:
    """Start-up as a user pays for it: `planbook --help`, `planbook check` on one plan."""
    example = ROOT / "tests" / "fixtures" / "example-plan" / "jinghua-grid.yaml"
    bare = best_of(5, lambda: timed([sys.executable, "-c", "pass"]))
    help_ = best_of(5, lambda: timed([PLANBOOK, "--help"]))
    check = best_of(5, lambda: timed([PLANBOOK, "check", example, "--as-of",
                                      AS_OF.isoformat(), "--no-cache"]))
    return (f"Start-up (best of 5): `python -c pass` {bare * 1000:.0f} ms, "
            f"`planbook --help` {help_ * 1000:.0f} ms, "
            f"`planbook check` on one plan {check * 1000:.0f} ms.")


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
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,5000").split(",")]
    jobs_sweep = [int(s) for s in os.environ.get("BENCH_JOBS", "1,2,4").split(",")]
    if 1 not in jobs_sweep:
        jobs_sweep.insert(0, 1)
    with tempfile.TemporaryDirectory(prefix="planbook-bench-") as folder:
        results = []
        for count in sizes:
            print(f"measuring {count} plans ...", file=sys.stderr, flush=True)
            results.append(measure(Path(folder), count, jobs_sweep))
            # The sizes so far, in case a long run is stopped before the end.
            print(table(results, jobs_sweep), file=sys.stderr, flush=True)
    print(f"planbook benchmark, as of {AS_OF}, on {machine()}\n")
    print(table(results, jobs_sweep))
    print()
    print(startup())
    history_sizes = [int(s) for s in os.environ.get("BENCH_HISTORY_SIZES", "1000").split(",")
                     if s.strip() and s.strip() != "0"]
    if history_sizes:
        with tempfile.TemporaryDirectory(prefix="planbook-bench-history-") as folder:
            measured = []
            for count in history_sizes:
                print(f"measuring the history of {count} plans x {history.VERSIONS} commits ...",
                      file=sys.stderr, flush=True)
                measured.append(history.measure(Path(folder), count))
        print()
        print(history.table(measured))


if __name__ == "__main__":
    main()
