"""Writing outputs so that a failed or interrupted build never leaves a broken file."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable
from pathlib import Path

_written = itertools.count()  # numbers the temporary files of this process


def write_atomic(path: Path, data: bytes | str | Iterable[str], sync: bool = True) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``;
    ``sync=False`` for what may be lost in a crash (a cache), to spare the disk flush.

    ``data`` may be the text in pieces (a template's stream, a state's records), written as
    they come: a file listing thousands of documents is never whole in memory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = _beside(path)
    try:
        if isinstance(data, (bytes, str)):
            try:  # whole: straight to the file, no buffer between
                view = memoryview(data.encode("utf-8") if isinstance(data, str) else data)
                while view:
                    view = view[os.write(fd, view):]
                if sync:
                    os.fsync(fd)
            finally:
                os.close(fd)
        else:
            with os.fdopen(fd, "wb") as handle:  # in pieces: buffered
                for piece in data:
                    handle.write(piece.encode("utf-8"))
                if sync:
                    handle.flush()
                    os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _beside(path: Path) -> tuple[int, Path]:
    """A new file beside ``path``, named for this process and write (a fork writes under
    its own process number, so no other writer holds the same name), with the permissions
    the umask gives a new file."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:
        temporary = path.parent / f".{path.name}.{os.getpid()}.{next(_written)}.tmp"
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:  # left by a run that died, under the same process number
            continue
