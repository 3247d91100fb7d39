"""Worker processes: the same results, in the same order, as doing the work here."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import pytest

from generator import workers as workers_module
from generator.workers import chunks, workers


def _square_with_pid(numbers: Sequence[int], offset: int) -> list[tuple[int, int]]:
    import os
    return [(n * n + offset, os.getpid()) for n in numbers]


@pytest.mark.parametrize("count, jobs", [(0, 2), (1, 2), (7, 2), (100, 4), (5, 1)])
def test_chunks_keep_every_item_in_order(count: int, jobs: int) -> None:
    items = list(range(count))
    assert [item for chunk in chunks(items, jobs) for item in chunk] == items


def test_two_workers_give_what_one_gives_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers_module, "MIN_PARALLEL", 1)
    numbers = list(range(200))
    with workers(1) as here:
        alone = here.map_chunks(_square_with_pid, numbers, 3)
    with workers(2) as pool:
        shared = pool.map_chunks(_square_with_pid, numbers, 3)
    assert [value for value, _ in shared] == [value for value, _ in alone]
    assert {pid for _, pid in alone} != {pid for _, pid in shared}  # others did the work


def test_little_work_stays_in_this_process() -> None:
    import os
    with workers(2) as pool:
        done = pool.map_chunks(_square_with_pid, [1, 2, 3], 0)
    assert {pid for _, pid in done} == {os.getpid()}


def test_workers_are_not_forked_while_another_thread_runs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert workers_module._start_method() != "fork"
    finally:
        stop.set()
        thread.join()
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # the main thread alone
    assert workers_module._start_method() == "fork"


def test_tasks_run_together_in_forked_workers_see_this_process_state(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    # Threads other tests left behind (a server log reader) would keep the tasks here.
    monkeypatch.setattr(workers_module, "_start_method", lambda: "fork")
    here = os.getpid()
    # Closures over local state: forked workers inherit it, nothing is pickled but results.
    state = {"plans": list(range(40))}
    tasks = [lambda i=i: (sum(state["plans"]) + i, os.getpid()) for i in range(6)]
    together = workers_module.run_together(tasks, 2, size=40)
    assert [value for value, _ in together] == [780 + i for i in range(6)]
    assert all(pid != here for _, pid in together)
    alone = workers_module.run_together(tasks, 1, size=40)
    assert [value for value, _ in alone] == [value for value, _ in together]
    assert all(pid == here for _, pid in alone)


def test_small_work_and_a_running_thread_keep_tasks_here() -> None:
    import os
    here = os.getpid()
    tasks = [lambda: os.getpid(), lambda: os.getpid()]
    assert workers_module.run_together(tasks, 2, size=3) == [here, here]
    stop = threading.Event()
    watcher = threading.Thread(target=stop.wait, daemon=True)
    watcher.start()
    try:  # forking beside another thread could copy a lock it holds
        assert workers_module.run_together(tasks, 2, size=1000) == [here, here]
    finally:
        stop.set()
        watcher.join()
