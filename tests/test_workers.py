"""Worker processes: `-j` spreads documents over forked workers, and what a run writes and
reports does not depend on how many there are."""

from __future__ import annotations

import os
import re
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from unccd_publish.workers import forked_map

from conftest import CONTENT, REPO, run_cli

sys.path.insert(0, str(REPO / "bench"))
from corpus import make_corpus


def test_forked_workers_do_the_items_in_order() -> None:
    parent = os.getpid()
    found = list(forked_map(lambda n: (n * n, os.getpid()), range(8), 2))
    assert [square for square, _ in found] == [n * n for n in range(8)]
    assert {pid for _, pid in found} - {parent}, "no item was done in a worker"


def test_given_their_cost_the_costliest_items_are_handed_out_first(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import concurrent.futures
    from concurrent.futures import Future

    from unccd_publish import workers

    handed: list[int] = []

    class InOrder:
        """A pool that does each item as it is handed, and tells in which order."""

        def __init__(self, **_options: object) -> None:
            pass

        def __enter__(self) -> InOrder:
            return self

        def __exit__(self, *_exc: object) -> None:
            pass

        def submit(self, fn: Callable[[int], int], item: int) -> Future[int]:
            handed.append(item)
            done: Future[int] = Future()
            done.set_result(fn(item))
            return done

    # the pool forked_map takes from concurrent.futures (imported by a run that forks)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", InOrder)
    sizes = {0: 5, 1: 40, 2: 1, 3: 40, 4: 12}
    found = list(forked_map(lambda n: n * 10, sizes, 2, cost=sizes.__getitem__))
    assert found == [0, 10, 20, 30, 40]  # in the order of the items …
    assert handed == [1, 3, 4, 0, 2]  # … done largest first

    # … within a window: a result waits to be taken only behind those of its window
    handed.clear()
    monkeypatch.setattr(workers, "WINDOW", 2)
    list(forked_map(lambda n: n, sizes, 2, cost=sizes.__getitem__))
    assert handed == [1, 0, 3, 2, 4]


def test_forked_workers_given_costs_still_give_the_items_in_order() -> None:
    found = list(forked_map(lambda n: (n * n, os.getpid()), range(8), 2, cost=float))
    assert [square for square, _ in found] == [n * n for n in range(8)]


def test_the_workers_inherit_this_process_frozen_out_of_their_collections() -> None:
    import gc

    before = gc.get_freeze_count()
    counts = list(forked_map(lambda _: gc.get_freeze_count(), range(4), 2))
    assert min(counts) > before + 1000  # the modules, at least, are frozen in the workers …
    assert gc.get_freeze_count() == before  # … and thawed here once they are done


done_here: list[int] = []  # what forked_map's meanwhile did, in this process


def test_meanwhile_is_done_here_while_the_workers_work() -> None:
    done_here.clear()
    found = list(forked_map(lambda n: (n, len(done_here)), range(6), 2,
                            meanwhile=lambda: done_here.append(os.getpid())))
    assert done_here == [os.getpid()]  # once, here …
    assert found == [(n, 0) for n in range(6)]  # … after the workers were forked


def test_meanwhile_comes_first_when_the_items_are_done_here() -> None:
    done_here.clear()
    found = list(forked_map(lambda n: (n, len(done_here)), range(3), 1,
                            meanwhile=lambda: done_here.append(os.getpid())))
    assert found == [(n, 1) for n in range(3)]


def test_with_another_thread_running_the_items_are_done_here() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        found = list(forked_map(lambda n: (n + 1, os.getpid()), range(4), 2))
    finally:
        stop.set()
        other.join()
    assert found == [(n + 1, os.getpid()) for n in range(4)]


def outputs(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and "cache" not in p.parts}


def said(text: str) -> str:
    """What a run printed, without its times, the slowest documents and its output folder's
    name."""
    text = re.sub(r"(?m)^slowest: .*\n", "", text)
    text = re.sub(r"\d+(\.\d+)? (ms|s)\b", "T", text)
    return re.sub(r"/out-j\w+/", "/OUT/", text)


@pytest.mark.parametrize("command", [["build", "html"], ["check"]])
def test_one_worker_or_two_write_and_report_the_same(tmp_path: Path,
                                                     command: list[str]) -> None:
    make_corpus(CONTENT, tmp_path / "content", 18)  # the checker compares 16 at a time
    (tmp_path / "templates").symlink_to(REPO / "templates")
    folders = sorted(p.parent for p in (tmp_path / "content").glob("*/document.yaml"))
    broken = folders[-1] / "en.md"
    broken.write_text(broken.read_text(encoding="utf-8") + "\nSee [^nowhere].\n",
                      encoding="utf-8")
    (folders[2] / "zh.md").unlink()  # one language only
    runs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out-j{jobs}"
        done = run_cli("--content", str(tmp_path / "content"), "--out", str(out), *command,
                       "-j", jobs, cwd=tmp_path)
        runs[jobs] = done.returncode, said(done.stdout), said(done.stderr), outputs(out)
    assert runs["1"][0] == 1, runs["1"][2]  # the broken document is reported …
    assert "nowhere" in runs["1"][2]
    assert runs["1"] == runs["2"]  # … and everything is the same, byte for byte


def test_a_check_of_few_documents_still_keeps_every_worker_busy() -> None:
    """The checker compares its documents a chunk at a time; where they are few for the
    workers, the chunks are smaller, so that ten documents keep two workers busy, while two
    documents are compared here, not by workers that would each load the checker first."""
    from unccd_publish.check import run

    chunks = {n: -(-n // run.chunk_size(n, 2)) for n in (2, 10, 80, 500)}
    assert chunks[2] == 1
    assert chunks[10] >= 2
    assert chunks[80] >= 2 * run.SPREAD
    assert run.chunk_size(500, 2) == run.CHUNK  # many: chunks of the most a worker holds
    assert run.chunk_size(10, 1) == run.CHUNK  # one worker: no smaller chunks
