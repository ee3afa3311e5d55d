"""The build's output formats, one family: what each writes for a document, and what
makes it.

A format made from the read documents is described by a :class:`Format`: the files it
writes for a document (which a no-op build checks with the standard library alone), what
every one of those files depends on besides the document, and its :class:`Writer`, a
class imported only when something is to be written. The build gives every format the
same incremental state, ``-j`` workers, shards, atomic writes and progress
(:mod:`unccd_publish.build`); a new format is one writer module and one entry in
:data:`FORMATS`.

PDF is not one of them: it is laid out from the HTML pages, after they are written, by a
pool of WeasyPrint processes (:mod:`unccd_publish.pdf.builder`), and each PDF is keyed by
its page.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from unccd_publish.environment import (
    CATALOGUES,
    PACKAGE,
    DocumentState,
    digest,
    files_digest,
    html_inputs_digest,
    installed_version,
)

if TYPE_CHECKING:
    from unccd_publish.reading import DocumentSet, Project

Content = str | bytes | Iterable[str]  # what a file is written from (see output.write_atomic)
Unwritable = tuple[Path, OSError]  # where a file could not be written, and why


class Writer(Protocol):
    """A format's writer, for one run. Made with the project, the format's output folder
    and every document's symbol (to link documents to one another), before any is read."""

    def __init__(self, project: Project, out: Path,
                 symbols: dict[str, tuple[str, list[str]]]) -> None: ...

    def prepare(self) -> Unwritable | None:
        """Once a run, beside the first documents (while the workers write them): the files
        every document's share (none, if the format has none); where that failed, if it
        did."""

    def load(self) -> None:
        """Load what writing needs (templates) now: the worker processes are forked next."""

    def files(self, docset: DocumentSet) -> Iterator[tuple[Path, Callable[[], Content]]]:
        """What the format writes for ``docset``: each file, and how to make it."""


@dataclass(frozen=True)
class Format:
    """An output format of the build."""

    name: str  # as the command line and the state call it
    writer: str  # its Writer, as "module:Class"
    # the files it writes for a document (by folder name), relative to the output folder
    targets: Callable[[str, DocumentState], list[str]]
    # everything every file of the format depends on besides its document:
    # (content folder, templates folder, the code's digest) → a digest
    inputs: Callable[[Path, Path, str], str]
    # errors of a document that do not stop this format from writing it (a translators'
    # export is made before there is a translation)
    tolerates: frozenset[str] = frozenset()

    def make_writer(self, project: Project, out: Path,
                    symbols: dict[str, tuple[str, list[str]]]) -> Writer:
        """Its writer for a run writing under ``out`` (the build's output folder)."""
        module, _, name = self.writer.partition(":")
        writer: type[Writer] = getattr(importlib.import_module(module), name)
        return writer(project, out / self.name, symbols)

    def written(self, name: str, record: DocumentState, out: Path, inputs: str) -> bool:
        """Whether every file of document ``name`` is in ``out``, made from ``inputs``."""
        where = str(out)  # strings, not Paths: a no-op asks this of every document
        return all(record.outputs.get(t) == inputs and os.path.exists(os.path.join(where, t))
                   for t in self.targets(name, record))


def html_targets(name: str, record: DocumentState) -> list[str]:
    return [f"html/{name}/{lang}.html" for lang in record.languages]


def export_targets(format_name: str) -> Callable[[str, DocumentState], list[str]]:
    """The files of a translators' export: one per document and translation language."""

    def targets(name: str, record: DocumentState) -> list[str]:
        return [export_file(format_name, name, lang) for lang in record.translations]
    return targets


def export_file(format_name: str, folder: str, lang: str = "") -> str:
    """Where an export of a document (into ``lang``) is written, relative to the output
    folder: ``xliff/<folder>_zh.xlf``, ``po/<folder>_zh.po``, ``tmx/<folder>.tmx``."""
    if format_name == "tmx":
        return f"tmx/{folder}.tmx"
    return f"{format_name}/{folder}_{lang}{'.po' if format_name == 'po' else '.xlf'}"


def tmx_targets(name: str, record: DocumentState) -> list[str]:
    """A TMX file per document that has a translation."""
    return ([export_file("tmx", name)] if set(record.translations) & set(record.languages)
            else [])


def export_inputs(content: Path, templates: Path, code: str) -> str:
    """What every export depends on besides its document: the code, lxml and polib."""
    return digest(code, installed_version("lxml"), installed_version("polib"))


def docx_targets(name: str, record: DocumentState) -> list[str]:
    """A Word file per document and language, named as its PDF is."""
    return [f"docx/{record.pdfs.get(lang, name).removesuffix('.pdf')}.docx"
            for lang in record.languages]


def docx_inputs(content: Path, templates: Path, code: str) -> str:
    """What every Word file depends on besides its document: the code and its catalogues,
    the bilingual data and configuration, and the libraries that write the file."""
    catalogues = PACKAGE / CATALOGUES
    return digest(code, files_digest([content / "bodies.yaml", content / "config.yaml"], content),
                  files_digest(sorted(catalogues.glob("*.yaml")), catalogues),
                  *(installed_version(name)
                    for name in ("python-docx", "python-barcode", "segno", "pillow")))


EXPORT_WRITER = "unccd_publish.interchange.writers:ExportWriter"
UNTRANSLATED = frozenset({"lang.missing"})  # a language listed whose file is not written yet
FORMATS = {
    "html": Format("html", "unccd_publish.html.builder:PageWriter", html_targets,
                   html_inputs_digest),
    # the translators' exports: XLIFF 1.2, XLIFF 2.0 and PO
    "xliff": Format("xliff", EXPORT_WRITER, export_targets("xliff"), export_inputs,
                    UNTRANSLATED),
    "xliff2": Format("xliff2", EXPORT_WRITER, export_targets("xliff2"), export_inputs,
                     UNTRANSLATED),
    "po": Format("po", EXPORT_WRITER, export_targets("po"), export_inputs, UNTRANSLATED),
    # Word, for conference services
    "docx": Format("docx", "unccd_publish.docx.writer:DocxWriter", docx_targets, docx_inputs),
    # the aligned versions, for a translation memory
    "tmx": Format("tmx", EXPORT_WRITER, tmx_targets, export_inputs),
}
