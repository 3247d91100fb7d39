"""One benchmark stage in its own process, so its peak memory is its own.

Usage: python -m benchmarks.stage PROJECT_DIR OUT_DIR AS_OF
Prints one JSON object: seconds for the full `planbook build`, peak RSS.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import sys
import time
from pathlib import Path

from generator.site.build import build_site


def main() -> None:
    project, out, as_of = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    started = time.perf_counter()
    built = build_site(project / "mkdocs.yml", out=out, as_of=dt.date.fromisoformat(as_of),
                       use_cache=False)
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"build_seconds": seconds, "peak_mib": peak_kib / 1024,
                      "pages": built.pages}))


if __name__ == "__main__":
    main()
