"""When Python's cycle collector runs in a run of the pipeline: once per document.

A run keeps every document's model alive while it makes millions of short-lived objects
(tokens, syntax trees, template frames, layout boxes). Left to itself, the collector walks
all survivors again at every full collection, and there are more of them with every
document read: 40 % of an HTML build of 100 documents went to it. Instead, the collector
is paused while one document is read, compared, rendered or laid out, runs once after it,
and what survives is frozen out of later collections. At the end of the run everything is
unfrozen, so that a long-lived process (``serve``) frees the models of earlier runs.

Scopes nest: inside one, an inner scope changes nothing, so a caller that handles a few
documents together (the checker's chunks) pays for one collection, not one per step.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_open = 0  # how many scopes are open: only the outermost one acts


@contextmanager
def one_document(freeze: bool = True) -> Iterator[None]:
    """No collection while the block runs; one after it, then its survivors are frozen.

    ``freeze=False`` when nothing of the document is kept (what is frozen is not collected
    until the run ends): then only the young generations are collected, where what the
    document made is.
    """
    global _open
    if _open:
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    _open += 1
    try:
        yield
    finally:
        _open -= 1
        if was_enabled:
            gc.enable()
        if freeze:
            gc.collect()
            gc.freeze()
        else:  # what the document made is young: no need to walk everything that lives
            gc.collect(1)


@contextmanager
def one_run() -> Iterator[None]:
    """Around a whole run: whatever its documents froze is collectable again afterwards."""
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def loading() -> Iterator[None]:
    """No collection while a command's modules are imported: what an import makes lives as
    long as the process, so a collection finds nothing to free, and at start-up the collector
    would run a hundred times over what the imports made (3 % of the imports' cost)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
