"""One benchmark build in its own process, so its time and peak memory are its own.

Usage: python -m benchmarks.stage PROJECT_DIR OUT_DIR AS_OF [JOBS] [CACHE_DIR]
JOBS: worker processes (0 or absent: one per core). CACHE_DIR: use the
check and page caches there (absent: a cold build, no cache).
Prints one JSON object: seconds for the full `planbook build`, the peak RSS
of this process and of the largest worker.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import sys
import time
from pathlib import Path

from generator.site.build import build_site


def main() -> None:
    project, out, as_of = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    jobs = int(sys.argv[4]) if len(sys.argv) > 4 and int(sys.argv[4]) > 0 else None
    cache = sys.argv[5] if len(sys.argv) > 5 else None
    if cache:
        os.environ["PLANBOOK_CACHE_DIR"] = cache
    started = time.perf_counter()
    built = build_site(project / "mkdocs.yml", out=out, as_of=dt.date.fromisoformat(as_of),
                       use_cache=cache is not None, jobs=jobs)
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"build_seconds": seconds, "peak_mib": own, "worker_peak_mib": workers,
                      "pages": built.pages}))


if __name__ == "__main__":
    main()
