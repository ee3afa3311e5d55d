"""Worker processes: how many a run uses (``-j N`` or ``-j auto``), and a map over them."""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

In = TypeVar("In")
Out = TypeVar("Out")

WINDOW = 32  # items put in order of cost among themselves (see forked_map)
_task: Callable[[Any], Any] | None = None  # what the forked workers run, inherited at the fork


def available_memory() -> int:
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError):
        return 0


def worker_count(jobs: str | int, tasks: int, memory_each: int) -> int:
    """``-j auto``: one worker per core, no more than there are tasks, nor than fit in the
    free memory at ``memory_each`` bytes a worker."""
    if str(jobs) == "auto":
        wanted = os.cpu_count() or 1
        memory = available_memory()
        if memory:
            wanted = min(wanted, max(1, memory // memory_each))
    else:
        wanted = max(1, int(jobs))
    return max(1, min(wanted, tasks))


def forked_map(task: Callable[[In], Out], items: Iterable[In], count: int,
               cost: Callable[[In], float] | None = None,
               meanwhile: Callable[[], None] | None = None) -> Iterator[Out]:
    """``task`` over ``items``, results in order, in ``count`` processes forked from this one.
    Given their ``cost``, the workers take the costliest items of every WINDOW first, so
    that none is left with a large one at the end while the others wait (the results are
    taken in order: a result done before those of the items before it waits here, at most a
    window of them, so that what waits does not grow with the number of items).
    ``meanwhile`` is done here while the workers work (first, when the items are done here).

    A forked worker starts with everything this process has loaded (modules, templates,
    configuration), so it costs milliseconds, not the second an interpreter of its own takes
    to import the pipeline; and ``task`` needs no pickling. A fork copies only the calling
    thread: while another runs (the live preview's server), the items are done here, in turn.
    """
    global _task
    if count <= 1 or threading.active_count() > 1 or not _can_fork():
        if meanwhile is not None:
            meanwhile()
        yield from map(task, items)
        return
    # imported here, by a run that forks: one that does everything itself loads none of it
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    _task = task
    # what this process holds is frozen out of the collector's walks before the fork: else
    # each worker's first collection walks (and so copies, page by page) all of it
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=count, mp_context=get_context("fork")) as pool:
            listed = list(items)
            order = list(range(len(listed)))
            if cost is not None:  # within each window: what is done waits to be taken
                order = [i for start in range(0, len(listed), WINDOW)
                         for i in sorted(order[start:start + WINDOW],
                                         key=lambda i: -cost(listed[i]))]
            # the workers are forked at the first item handed out
            futures = {i: pool.submit(_run_task, listed[i]) for i in order}
            if meanwhile is not None:
                meanwhile()
            for i in range(len(listed)):
                yield futures.pop(i).result()
    finally:
        _task = None
        gc.unfreeze()


def _can_fork() -> bool:
    from multiprocessing import get_all_start_methods

    return "fork" in get_all_start_methods()


def _run_task(item: Any) -> Any:
    assert _task is not None, "forked_map sets the task before the workers are forked"
    return _task(item)
