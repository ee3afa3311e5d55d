"""The cache of read documents, shared by every command that reads sources.

Reading a document (Markdown parsing, tree → model, resolution within the document) is most
of what a build or a check of it costs. What it gives depends only on the bytes of the
document's sources, on the project's shared reading inputs (``bodies.yaml``,
``config.yaml``, the catalogues) and on the code that reads them: an entry is kept under
the document's folder name with a key made of exactly these, and used only when the key
matches. The model is stored before anything links it to other documents, with the
problems the reading found, which are reported again when the entry is used. After it, in
the same file and under the same key, the checker keeps what it read in the document's text
(numbers, dates, references, acts: :func:`unccd_publish.check.facts.facts`), which on real
text costs more than reading the document: one file a document, written once by a check.

An entry that is truncated, corrupt, of another version or made elsewhere is ignored and
replaced, never trusted: it is checked against a digest of its bytes, and unpickling may
only make the model's own classes (:class:`_ModelUnpickler`), so a planted entry cannot
run code. Entries are written atomically, so that runs in parallel (``-j``, shards) may
share one cache folder.
"""

from __future__ import annotations

import contextlib
import copyreg
import io
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from unccd_publish.diagnostics import Diagnostic, Diagnostics
from unccd_publish.environment import (
    PACKAGE,
    SourceDigests,
    code_digest,
    digest,
    files_digest,
    installed_version,
)
from unccd_publish.output import write_atomic

T = TypeVar("T")

MAGIC = b"unccd-publish read cache 3\n"
DIGEST_SIZE = 32  # hex characters of the payload's digest, after the magic
SIZE_SIZE = 16  # hex digits of the entry's pickle's size, after the digest
# Whatever an entry may make when it is unpickled: the model's classes and what they hold.
ALLOWED = {
    "unccd_publish.model": None,  # every class of the model
    "unccd_publish.diagnostics": {"Location", "Diagnostic"},
    "unccd_publish.reading": {"DocumentSet"},
    "unccd_publish.reading.cache": {"Entry"},
    "pathlib": {"PosixPath", "WindowsPath", "PurePosixPath", "PureWindowsPath", "Path"},
    "datetime": {"date"},
    # what the checker read in the document's text, kept beside it (see ReadCache.facts)
    "unccd_publish.check.facts": {"Facts", "Quantity", "When", "ProseRef", "Act", "Sure"},
    "fractions": {"Fraction"},
    # what a check keeps of a document under its check key (see ReadCache.checked)
    "unccd_publish.check.sheet": {"Checked", "Sheet"},
}


class _ModelUnpickler(pickle.Unpickler):
    """An unpickler that makes the model's classes and nothing else."""

    def find_class(self, module: str, name: str) -> type:
        allowed = ALLOWED.get(module, set())
        if module in ALLOWED and (allowed is None or name in allowed):
            found = super().find_class(module, name)
            if isinstance(found, type) and (allowed is not None
                                            or found.__module__ == module):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a read document")


@dataclass
class Entry:
    """A document as reading left it: the model (None when it could not be read) and the
    problems found."""

    document: object | None
    diagnostics: list[Diagnostic]


def reading_inputs(content: Path, code: str | None = None) -> str:
    """What every document's reading depends on besides its own sources."""
    catalogues = sorted((PACKAGE / "catalogue").glob("*.yaml"))
    return digest(code or code_digest(), installed_version("markdown-it-py"),
                  installed_version("mdit-py-plugins"),
                  files_digest([content / "bodies.yaml", content / "config.yaml"], content),
                  files_digest(catalogues, PACKAGE))


class ReadCache:
    """Read documents kept in ``folder``, one file per document folder."""

    def __init__(self, folder: Path, content: Path, code: str | None = None,
                 sources: SourceDigests | None = None, hold: bool = False) -> None:
        """``hold``: keep each entry read or made in memory until its facts are kept (the
        checker's chunks, a few documents at a time), so that the model and its facts are
        written together, one file a document, and read once; :meth:`flush` writes what
        is held without facts."""
        self.folder = folder
        self.content = content
        self.code = code
        self.sources = sources or SourceDigests(None)
        self.hold = hold
        self.hits = self.misses = 0
        # by document folder: (key, the entry's pickle, the facts' pickle or b"")
        self._held: dict[Path, tuple[str, bytes, bytes]] = {}
        self._pending: set[Path] = set()  # held, not written yet
        self._facts: dict[Path, bytes] = {}  # the pickle of each document's facts, as kept

    @cached_property
    def inputs(self) -> str:
        return reading_inputs(self.content, self.code or self.sources.code())

    def key(self, source: Path) -> str:
        return digest(self.inputs, str(source), self.sources.of(source))

    def path(self, source: Path) -> Path:
        return self.folder / f"{source.name}.pickle"

    def get(self, source: Path, key: str) -> Entry | None:
        """The entry of the document folder ``source`` made with ``key``, if there is a sound
        one."""
        parts = self.read_parts(source, key)
        if parts is None:
            return None
        entry = _unpickle(parts[0], key)
        if not isinstance(entry, Entry):
            return None
        if self.hold:
            self._held[source] = (key, *parts)
        return entry

    def facts(self, source: Path) -> dict[tuple[str, str], object]:
        """What the checker read in the texts of ``source`` as its sources are now, by
        language and text; empty when nothing sound is kept."""
        key = self.key(source)
        parts = self._parts(source, key)
        found = _unpickle(parts[1], key) if parts is not None and parts[1] else None
        if not isinstance(found, dict):
            return {}
        self._facts[source] = parts[1]  # type: ignore[index]
        return found

    def facts_kept(self, source: Path) -> bytes:
        """The facts of ``source`` as this cache keeps them, pickled (b"" when none): to be
        kept elsewhere too without being pickled again, and read with :func:`facts_of`."""
        return self._facts.get(source, b"")

    def put_facts(self, source: Path, facts: dict[tuple[str, str], object]) -> None:
        """Keep ``facts`` with the entry of ``source`` as its sources are now (written
        again, the entry as it was)."""
        key = self.key(source)
        parts = self._parts(source, key)
        if parts is None:
            return
        self._pending.discard(source)
        self._held.pop(source, None)
        made = self._facts[source] = _pickle_facts(key, facts)
        self._write(source, key, parts[0], made)

    def put(self, source: Path, key: str, entry: Entry) -> None:
        """Keep ``entry``; a cache that cannot be written only makes the next run slower."""
        made = _pickle(key, entry)
        if self.hold:
            self._held[source] = (key, made, b"")
            self._pending.add(source)
        else:
            self._write(source, key, made, b"")

    def flush(self) -> None:
        """Write the entries held that no facts were kept with."""
        for source in sorted(self._pending):
            key, made, facts = self._held.pop(source)
            self._write(source, key, made, facts)
        self._pending.clear()

    def checked(self, source: Path, key: str) -> object | None:
        """What a check kept of the document folder ``source`` under the document's check
        ``key`` (:class:`unccd_publish.check.sheet.Checked`), if there is a sound entry."""
        parts = self.read_parts(source, digest(key, str(source)), self.checked_path(source))
        return _unpickle(parts[0], key) if parts is not None else None

    def put_checked(self, source: Path, key: str, checked: object) -> None:
        """Keep what a check read of ``source`` under its check ``key``, in a file of its
        own: the key covers more than the document's sources (the documents it cites, the
        glossary, the templates)."""
        with contextlib.suppress(OSError):
            write_atomic(self.checked_path(source),
                         framed(digest(key, str(source)), _pickle(key, checked)), sync=False)

    def checked_path(self, source: Path) -> Path:
        return self.folder / f"{source.name}.checked.pickle"

    def _parts(self, source: Path, key: str) -> tuple[bytes, bytes] | None:
        held = self._held.get(source)
        if held is not None and held[0] == key:
            return held[1], held[2]
        return self.read_parts(source, key)

    def read_parts(self, source: Path, key: str,
                   path: Path | None = None) -> tuple[bytes, bytes] | None:
        """The entry's pickle and the facts' pickle (b"" when none) of a sound file (the
        entry's own, or ``path``)."""
        try:
            raw = (path or self.path(source)).read_bytes()
        except OSError:
            return None
        head = len(MAGIC)
        size = raw[head + DIGEST_SIZE:head + DIGEST_SIZE + SIZE_SIZE]
        body = raw[head + DIGEST_SIZE + SIZE_SIZE:]
        if (not raw.startswith(MAGIC) or raw[head:head + DIGEST_SIZE].decode("ascii", "replace")
                != digest(key, size, body)):
            return None
        try:
            split = int(size, 16)
        except ValueError:
            return None
        return body[:split], body[split:]

    def _write(self, source: Path, key: str, made: bytes, facts: bytes) -> None:
        with contextlib.suppress(OSError):
            write_atomic(self.path(source), framed(key, made, facts), sync=False)


def framed(key: str, made: bytes, facts: bytes = b"") -> bytes:
    """A cache file: the magic, the digest of all that follows with ``key``, the size of
    the entry's pickle ``made``, that pickle, and the facts' pickle (or nothing)."""
    size = b"%016x" % len(made)
    body = made + facts
    return b"".join((MAGIC, digest(key, size, body).encode("ascii"), size, body))


def _pickle(key: str, payload: object) -> bytes:
    return pickle.dumps((key, payload), protocol=pickle.HIGHEST_PROTOCOL)


def _pickle_facts(key: str, facts: object) -> bytes:
    """:func:`_pickle`, with each fraction as its integers (see :func:`_fraction`)."""
    made = io.BytesIO()
    pickler = pickle.Pickler(made, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _DISPATCH  # type: ignore[misc]
    pickler.dump((key, facts))
    return made.getvalue()


def _fraction(value: Fraction) -> tuple[type[Fraction], tuple[int, ...]]:
    """A fraction as its two integers (one, for a whole number), not as the string the
    standard library pickles it as, which loading parses again: a read document's facts
    hold hundreds, and load in three quarters of the time."""
    if value.denominator == 1:
        return Fraction, (value.numerator,)
    return Fraction, (value.numerator, value.denominator)


_DISPATCH = {**copyreg.dispatch_table, Fraction: _fraction}


def _unpickle(data: bytes, key: str) -> object | None:
    """What ``data`` holds, if it was pickled under ``key`` and holds only what a read
    document may hold."""
    loaded = _loaded(data)
    return loaded[1] if loaded is not None and loaded[0] == key else None


def facts_of(made: bytes) -> dict[tuple[str, str], object]:
    """The facts of :meth:`ReadCache.facts_kept`'s pickle; empty when it is not sound."""
    loaded = _loaded(made)
    return loaded[1] if loaded is not None and isinstance(loaded[1], dict) else {}


def _loaded(data: bytes) -> tuple[object, object] | None:
    """The key ``data`` was pickled under and what it holds, if it holds only what a read
    document may hold."""
    try:
        key, payload = _ModelUnpickler(io.BytesIO(data)).load()
    except Exception:  # whatever is wrong with it, what it held is read again
        return None
    return key, payload


def read_through(cache: ReadCache | None, source: Path, diagnostics: Diagnostics,
                 read: Callable[[Diagnostics], T | None]) -> T | None:
    """The document of folder ``source``: from ``cache`` when it holds it as its sources
    are now, else ``read(diagnostics)``, which is then kept."""
    if cache is None:
        return read(diagnostics)
    key = cache.key(source)
    entry = cache.get(source, key)
    if entry is not None:
        cache.hits += 1
        diagnostics.extend(entry.diagnostics)
        return entry.document  # type: ignore[return-value]
    cache.misses += 1
    found = Diagnostics()
    document = read(found)
    diagnostics.extend(found.items)
    cache.put(source, key, Entry(document, list(found.items)))
    return document
