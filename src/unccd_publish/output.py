"""Writing outputs so that a failed or interrupted build never leaves a broken file."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def write_atomic(path: Path, data: bytes | str | Iterable[str], sync: bool = True) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``;
    ``sync=False`` for what may be lost in a crash (a cache), to spare the disk flush.

    ``data`` may be the text in pieces (a template's stream, a state's records), written as
    they come: a file listing thousands of documents is never whole in memory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # not at the top: a no-op build writes nothing and need not load it

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, (bytes, str)):
                handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            else:
                for piece in data:
                    handle.write(piece.encode("utf-8"))
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
