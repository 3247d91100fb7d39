"""Worker processes for the per-plan work: checking, rendering, converting pages.

`--jobs N` chooses how many (default: the cores this process may use). With
one job everything runs in this process, in the same order, so a build with
`--jobs 1` and one with `--jobs N` give byte-identical pages: work is cut into
chunks in input order and the results are put back in that order.

Workers are forked where the platform allows it and no other thread runs,
so they start with planbook, its templates and the standards already loaded.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Executor

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
    """Runs a function over chunks of items, in worker processes or in this one.

    The processes start when there is first enough work to share, so a
    command that checks one plan pays nothing for them.
    """

    def __init__(self, jobs: int, start_method: str = "") -> None:
        self.jobs = jobs
        self._executor: Executor | None = None
        self._start_method = start_method or _start_method()

    def _pool(self) -> Executor:
        if self._executor is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._executor = ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=multiprocessing.get_context(self._start_method))
        return self._executor

    def map_chunks(self, function: Callable[..., list[Result]], items: Sequence[Item],
                   *shared: Any) -> list[Result]:
        """`function(chunk, *shared)` over chunks of `items`; the results, in order."""
        if self.jobs <= 1 or len(items) < max(2, MIN_PARALLEL):
            return list(function(items, *shared)) if items else []
        pool = self._pool()
        futures = [pool.submit(function, chunk, *shared) for chunk in chunks(items, self.jobs)]
        results: list[Result] = []
        for future in futures:
            results.extend(future.result())
        return results

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown()
            self._executor = None


def _start_method() -> str:
    """Fork (workers start with planbook loaded) unless other threads run here.

    `planbook serve` rebuilds from its file watcher's thread; forking a
    process that runs threads can copy a lock another thread holds, so there
    the workers come from a clean fork server instead.
    """
    import multiprocessing
    import threading

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


@contextmanager
def workers(jobs: int | None = None, *, inherit: bool = False) -> Iterator[Workers]:
    """Worker processes for the duration of a build (none with `jobs` = 1).

    `inherit`: the work reads state of this process that cannot be sent to
    another (MkDocs' navigation and templates), so workers must be forked
    from it; where they cannot be, everything runs here.
    """
    method = _start_method()
    if inherit and method != "fork":
        jobs = 1
    pool = Workers(default_jobs() if jobs is None else jobs, method)
    frozen = method == "fork" and pool.jobs > 1
    if frozen:
        gc.freeze()  # as in run_together: forked workers leave the inherited heap alone
    try:
        yield pool
    finally:
        pool.close()
        if frozen:
            gc.unfreeze()


#: the tasks of the current `run_together` call, for the forked workers
_TASKS: Sequence[Callable[[], Any]] = ()


def _run_task(index: int) -> Any:
    return _TASKS[index]()


def run_together(tasks: Sequence[Callable[[], Result]], jobs: int | None = None, *,
                 size: int = MIN_PARALLEL) -> list[Result]:
    """Independent tasks at once, in worker processes forked from this one; their results.

    The tasks are functions of this process' state (a check run, the pages
    found so far), which forked workers inherit instead of receiving it; only
    the results travel back. Tasks are handed out in the given order (put the
    longest first). With one job, one task, or where workers cannot be forked,
    they run here one after another: the same results either way. `size`
    is how many items (plans) the tasks cover: below `MIN_PARALLEL` starting
    processes costs more than it saves, and they run here too.
    """
    global _TASKS
    count = default_jobs() if jobs is None else jobs
    if count <= 1 or len(tasks) < 2 or size < MIN_PARALLEL or _start_method() != "fork":
        return [task() for task in tasks]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _TASKS = tasks
    # Objects alive now go to the collector's permanent generation: a forked
    # worker's collections then never walk (and so never copy) the build's
    # whole inherited heap of plans and pages.
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=min(count, len(tasks)),
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_run_task, index) for index in range(len(tasks))]
            return [future.result() for future in futures]
    finally:
        gc.unfreeze()
        _TASKS = ()
