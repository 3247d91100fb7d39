"""Worker processes for the per-plan work: checking, rendering, converting pages.

`--jobs N` chooses how many (default: the cores this process may use). With
one job everything runs in this process, in the same order, so a build with
`--jobs 1` and one with `--jobs N` give byte-identical pages: work is cut into
chunks in input order and the results are put back in that order.

Workers are forked where the platform allows it, so they start with
planbook, its templates and the standards already loaded.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

#: chunks per worker: enough to even out uneven plans, few enough to keep
#: the cost of sending work small
CHUNKS_PER_WORKER = 4
#: below this many items, sending work to a process costs more than doing it here
MIN_PARALLEL = 32


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def chunks(items: Sequence[Item], jobs: int) -> list[Sequence[Item]]:
    """`items` cut into consecutive chunks, in order."""
    if not items:
        return []
    size = max(1, -(-len(items) // (jobs * CHUNKS_PER_WORKER)))
    return [items[start:start + size] for start in range(0, len(items), size)]


class Workers:
    """Runs a function over chunks of items, in worker processes or in this one."""

    def __init__(self, jobs: int, executor: Executor | None = None) -> None:
        self.jobs = jobs
        self._executor = executor

    def map_chunks(self, function: Callable[..., list[Result]], items: Sequence[Item],
                   *shared: Any) -> list[Result]:
        """`function(chunk, *shared)` over chunks of `items`; the results, in order."""
        if self._executor is None or len(items) < max(2, MIN_PARALLEL):
            return list(function(items, *shared)) if items else []
        futures = [self._executor.submit(function, chunk, *shared)
                   for chunk in chunks(items, self.jobs)]
        results: list[Result] = []
        for future in futures:
            results.extend(future.result())
        return results


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


@contextmanager
def workers(jobs: int | None = None) -> Iterator[Workers]:
    """Worker processes for the duration of a build (none with `jobs` = 1)."""
    count = default_jobs() if jobs is None else jobs
    if count <= 1:
        yield Workers(1)
        return
    with ProcessPoolExecutor(max_workers=count, mp_context=_context()) as executor:
        yield Workers(count, executor)
