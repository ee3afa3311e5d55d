"""When Python's cycle collector runs in a run of the pipeline: once per document.

A run keeps every document's model alive while it makes millions of short-lived objects
(tokens, syntax trees, template frames, layout boxes). Left to itself, the collector walks
all survivors again at every full collection, and there are more of them with every
document read: 40 % of an HTML build of 100 documents went to it. Instead, the collector
is paused while one document is read, compared, rendered or laid out, runs once after it,
and what survives is frozen out of later collections. At the end of the run everything is
unfrozen, so that a long-lived process (``serve``) frees the models of earlier runs.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def one_document() -> Iterator[None]:
    """No collection while the block runs; one after it, then its survivors are frozen."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.collect()
        gc.freeze()


@contextmanager
def one_run() -> Iterator[None]:
    """Around a whole run: whatever its documents froze is collectable again afterwards."""
    try:
        yield
    finally:
        gc.unfreeze()
