"""The Word format of the build (:mod:`unccd_publish.formats`): ``docx/<symbol>_<E|C>.docx``
per document and language, named as its PDF is, and the reference documents of the styles
in ``docx/reference/``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from unccd_publish import model as m
from unccd_publish.catalogue import available, catalogue
from unccd_publish.docx import page as pg
from unccd_publish.docx.blocks import BlockWriter, Place, end_rule
from unccd_publish.docx.notes import Fill, Footnotes
from unccd_publish.docx.package import set_properties, stable_bytes, when
from unccd_publish.docx.reference import (
    fresh_document,
    reference_bytes,
    script_of,
    word_language,
)
from unccd_publish.docx.text import Calls
from unccd_publish.formats import Unwritable
from unccd_publish.html.builder import pdf_name
from unccd_publish.html.page import UNDOCS, make_page
from unccd_publish.output import write_atomic
from unccd_publish.pdf.builder import creation_date
from unccd_publish.reading import DocumentSet, Project

REFERENCE = "reference"
TITLE_LIMIT = 255  # characters a core property may hold


def docx_name(symbol: str | None, folder: str, lang: str) -> str:
    """The PDF's name, with .docx."""
    return pdf_name(symbol, folder, lang).removesuffix(".pdf") + ".docx"


def reference_name(lang: str) -> str:
    return f"{REFERENCE}/reference_{catalogue(lang)['un_letter']}.docx"


def note_fills(note: m.Footnote, writer: BlockWriter) -> list[Fill]:
    """A paragraph of the note per run of its text (its paragraphs and list items)."""
    def fill(inlines: list[m.Inline]) -> Fill:
        return lambda paragraph: writer.inlines_in_note(paragraph, inlines)

    return [fill(run) for block in note.blocks for b in m.walk(block)
            for run in m.inlines_of(b)]


def make_docx(docset: DocumentSet, lang: str, document_url: str) -> bytes:
    """The .docx of ``docset`` in ``lang``."""
    doc = docset.versions[lang]
    cat = catalogue(lang)
    page = make_page(doc, [], None, css=[], document_url=document_url)
    document = fresh_document(lang)
    notes = Footnotes(document)
    writer = BlockWriter(document, cat, script_of(cat), page.enacting_formula, Calls())

    pg.masthead(document, page)
    pg.session_block(document, page, notes, writer)
    pg.title_block(document, page, writer)
    if doc.summary is not None:
        pg.summary(document, page, writer, doc.summary)
    body = Place(document)
    writer.write_all(doc.body, body)
    end_rule(body)

    for note in doc.footnotes:
        note_id = writer.calls.ids.get(note.number)
        if note_id is not None:
            notes.add(note_id, note_fills(note, writer))
    notes.attach()

    meta = docset.meta
    pg.first_page_footer(document, page)
    pg.running_heads(document, meta.symbol or page.masthead.symbol_unassigned,
                     page.masthead.job_number)
    moment = when(creation_date(meta.date))
    set_properties(document, moment, title=page.title[:TITLE_LIMIT],
                   subject=meta.symbol or "", author=page.masthead.organ,
                   language=word_language(cat))
    return stable_bytes(document, moment)


class DocxWriter:
    """Writes a .docx per document and language (:class:`unccd_publish.formats.Writer`)."""

    def __init__(self, project: Project, out: Path,
                 symbols: dict[str, tuple[str, list[str]]]) -> None:
        self.project = project
        self.out = out
        self.document_url = project.config.document_url or UNDOCS

    def prepare(self) -> Unwritable | None:
        """Leave the reference documents (the styles) beside the documents."""
        for lang in sorted(available()):
            path = self.out / reference_name(lang)
            data = reference_bytes(lang)
            try:
                if not path.exists() or path.read_bytes() != data:
                    write_atomic(path, data)
            except OSError as exc:
                return path, exc
        return None

    def load(self) -> None:
        """Make the reference documents now, before the workers are forked."""
        for lang in available():
            reference_bytes(lang)

    def files(self, docset: DocumentSet) -> Iterator[tuple[Path, Callable[[], bytes]]]:
        meta = docset.meta
        for lang in docset.versions:
            yield (self.out / docx_name(meta.symbol, meta.slug, lang),
                   partial(make_docx, docset, lang, self.document_url))

