"""Real Word footnotes (python-docx has no API for them): the footnotes part, its
separators, and a note per footnote of the model, called from the text."""

from __future__ import annotations

from collections.abc import Callable

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph
from lxml import etree

from unccd_publish.docx import styles as s
from unccd_publish.docx.ooxml import el, styled_run, text_of

SEPARATOR, CONTINUATION = -1, 0  # the ids of Word's two separator notes
Fill = Callable[[Paragraph], None]  # writes a paragraph's text


class Footnotes:
    """The notes of one document, gathered as its text is written."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.notes: list[BaseOxmlElement] = []

    def paragraph(self, first_mark: BaseOxmlElement | None) -> tuple[BaseOxmlElement,
                                                                     Paragraph]:
        p = el("w:p", None, el("w:pPr", None, el("w:pStyle", {"val": s.FOOTNOTE_TEXT})))
        if first_mark is not None:
            p.append(first_mark)
            p.append(el("w:r", None, el("w:tab")))
        return p, Paragraph(p, self.document._body)

    def add(self, note_id: int, fills: list[Fill], mark: str | None = None) -> None:
        """Note ``note_id``, a paragraph per fill; its number as Word counts it, or ``mark``."""
        first = styled_run(s.FOOTNOTE_REFERENCE,
                           el("w:footnoteRef") if mark is None else text_of(mark))
        note = el("w:footnote", {"id": str(note_id)})
        for index, fill in enumerate(fills or [lambda _: None]):
            p, paragraph = self.paragraph(first if index == 0 else None)
            fill(paragraph)
            note.append(p)
        self.notes.append(note)

    def attach(self) -> None:
        """Add the footnotes part to the document, when there is a note."""
        if not self.notes:
            return
        root = parse_xml(f"<w:footnotes {nsdecls('w', 'r')}/>")
        root.append(separator(SEPARATOR, "separator"))
        root.append(separator(CONTINUATION, "continuationSeparator"))
        for note in sorted(self.notes, key=lambda n: int(n.get(qn("w:id")))):
            root.append(note)
        blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob,
                    self.document.part.package)
        self.document.part.relate_to(part, RT.FOOTNOTES)
        settings = self.document.settings.element
        properties = el("w:footnotePr", None, el("w:footnote", {"id": str(SEPARATOR)}),
                        el("w:footnote", {"id": str(CONTINUATION)}))
        compat = settings.find(qn("w:compat"))
        if compat is not None:
            compat.addprevious(properties)
        else:
            settings.append(properties)


def separator(note_id: int, kind: str) -> BaseOxmlElement:
    """Word's rule over the notes: short, at the text column's left edge."""
    return el("w:footnote", {"type": kind, "id": str(note_id)},
              el("w:p", None,
                 el("w:pPr", None, el("w:spacing", {"after": "0", "line": "240",
                                                    "lineRule": "auto"}),
                    el("w:ind", {"left": str(s.INSET)})),
                 el("w:r", None, el(f"w:{kind}"))))
