"""The answer of the last build that had nothing to do, kept with what it depended on.

Telling that a build has nothing to do (:mod:`unccd_publish.uptodate`) loads the state of
every document and digests the inputs. When it finds nothing to do, the command line keeps
its answer (what it printed and its exit status) in the cache folder, with the command's
words, the working folder and every file and folder the answer depended on (the document
folders and their sources, the outputs' folders, the templates, the configuration, the
code, the state file) as they stat: inode, size, modification and change times. The next
run of the same command replays the answer when every one of them stats as it did, before
the command line itself is loaded: a stat per path, the standard library's built-in
modules only. An edited, added, removed or renamed file changes its own change time or its
folder's, which nothing can set back; any difference, or anything unreadable, leaves the
answer to the full check. An answer is kept only when every path it depended on is older
than STABLE seconds before the check started (a file changed twice within the same tick of
its clock would stat the same).
"""

from __future__ import annotations

import marshal
import os
import sys
import time
from array import array
from itertools import chain
from operator import attrgetter

CACHE_DIR = "cache"  # the cache folder, under the output folder unless --cache names another
OUT = "build"  # the output folder unless --out names another
NOOP_FILE = "no-op"
FORMAT = "unccd-publish no-op 1"
STABLE = 2.0  # seconds
ELAPSED = "\0elapsed\0"  # where a summary says how long the run took
SIGNATURE = attrgetter("st_ino", "st_size", "st_mtime_ns", "st_ctime_ns")


def place(argv: list[str]) -> str:
    """Where the answer of the command ``argv`` is kept: in the cache folder its
    ``--cache`` or ``--out`` names (the command line then keeps it only if that is the
    folder it uses)."""
    found: dict[str, str] = {}
    words = iter(argv)
    for word in words:
        option, equals, value = word.partition("=")
        if option in ("--out", "--cache"):
            found[option] = value if equals else next(words, "")
    cache = found.get("--cache") or os.path.join(found.get("--out") or OUT, CACHE_DIR)
    return os.path.join(cache, NOOP_FILE)


def key(argv: list[str]) -> str:
    """What besides the files the answer of ``argv`` depends on: the words, the working
    folder, where modules are found."""
    return repr((argv, os.getcwd(), sys.executable, sys.path, sys.version))


def signatures(paths: list[str]) -> array[int]:
    """What tells a file or folder changed, for every one of ``paths``, one after another."""
    return array("q", chain.from_iterable(map(SIGNATURE, map(os.stat, paths))))


def replay(argv: list[str]) -> int | None:
    """Print the kept answer of the command ``argv`` and give its exit status, if every path
    it depended on is as it was; None otherwise."""
    started = time.perf_counter()
    try:
        with open(place(argv), "rb") as file:
            kept = marshal.loads(file.read())
        tag, words, status, told, summary, paths, expected = kept
        if tag != FORMAT or words != key(argv) or signatures(paths).tobytes() != expected:
            return None
    except (OSError, ValueError, EOFError, TypeError, OverflowError):
        return None
    if told:
        sys.stderr.write(told)
    if summary:
        elapsed = time.perf_counter() - started
        sys.stderr.write(summary.replace(ELAPSED, f"{elapsed:.2f} s", 1) + "\n")
    return int(status)


def remember(argv: list[str], cache: str, paths: list[str], started: float, told: str,
             summary: str, status: int) -> None:
    """Keep the answer of ``argv`` (what it printed before its summary, the summary with
    ELAPSED for its time, its exit status) with the signatures of ``paths``, if the cache
    folder is ``cache`` and every path is older than STABLE seconds before ``started``
    (a time.time()); a kept answer that cannot be kept again is removed."""
    where = place(argv)
    if not paths or os.path.normpath(os.path.dirname(where)) != os.path.normpath(cache):
        return
    try:
        found = signatures(paths)
        bound = (started - STABLE) * 1e9
        stable = all(found[i + 2] < bound and found[i + 3] < bound
                     for i in range(0, len(found), 4))
        if stable:
            from pathlib import Path  # not at the top: replaying an answer need not load it

            from unccd_publish.output import write_atomic

            write_atomic(Path(where), marshal.dumps((FORMAT, key(argv), status, told, summary,
                                                     paths, found.tobytes())), sync=False)
        elif os.path.exists(where):
            os.remove(where)
    except (OSError, ValueError, OverflowError):
        return
