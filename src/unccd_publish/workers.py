"""How many worker processes a run uses: ``-j N`` or ``-j auto``."""

from __future__ import annotations

import os


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
