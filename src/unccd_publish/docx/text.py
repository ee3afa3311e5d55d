"""Inline content of the model as Word runs: text, emphasis, footnote calls."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docx.text.paragraph import Paragraph

from unccd_publish import model as m
from unccd_publish.docx import styles as s
from unccd_publish.docx.ooxml import el, note_reference, styled_run, text_of


@dataclass(frozen=True)
class Look:
    """How a run is set besides its style."""

    italic: bool = False
    bold: bool = False


PLAIN = Look()
BREAKS = re.compile(r"(\t|\n)")


@dataclass
class Calls:
    """The footnote calls of a document. The first call of a note is its Word footnote; a
    later one repeats its number. Word notes are numbered 1, 2 … in the order of their first
    calls, as Word itself writes them (LibreOffice reads them in that order)."""

    ids: dict[int | str, int] = field(default_factory=dict)  # by note number, or mark

    def first(self, key: int | str) -> int | None:
        """The Word id of note ``key`` at its first call; None at a later one."""
        if key in self.ids:
            return None
        self.ids[key] = len(self.ids) + 1
        return self.ids[key]


def add_text(paragraph: Paragraph, text: str, look: Look, script: s.Script) -> None:
    """A run of ``text``, its tabs and line breaks as Word's (built as XML: python-docx
    adds a run's text a character at a time)."""
    if not text:
        return
    run = el("w:r")
    marks = [el("w:b")] if look.bold else []
    if look.italic and script.italic:
        marks.append(el("w:i"))
    if marks:
        run.append(el("w:rPr", None, *marks))
    for piece in BREAKS.split(text):
        if piece == "\t":
            run.append(el("w:tab"))
        elif piece == "\n":
            run.append(el("w:br"))
        elif piece:
            words = el("w:t", {"xml:space": "preserve"} if piece != piece.strip() else None)
            words.text = piece
            run.append(words)
    paragraph._p.append(run)


def add_inlines(paragraph: Paragraph, inlines: list[m.Inline], script: s.Script,
                calls: Calls | None, look: Look = PLAIN) -> None:
    """``inlines`` at the end of ``paragraph``; ``calls`` None in a footnote's own text,
    where a call is its number only."""
    for inline in inlines:
        if isinstance(inline, (m.Text, m.Code, m.SymbolRef)):
            add_text(paragraph, inline.text, look, script)
        elif isinstance(inline, m.Emphasis):
            add_inlines(paragraph, inline.children, script, calls,
                        Look(italic=not look.italic, bold=look.bold))
        elif isinstance(inline, m.Strong):
            add_inlines(paragraph, inline.children, script, calls,
                        Look(italic=look.italic, bold=True))
        elif isinstance(inline, m.Link):
            add_inlines(paragraph, inline.children, script, calls, look)
        elif isinstance(inline, m.CrossRef):
            if inline.children:
                add_inlines(paragraph, inline.children, script, calls, look)
            else:
                add_text(paragraph, inline.text, look, script)
        elif isinstance(inline, m.LineBreak):
            add_text(paragraph, "\n", look, script)
        elif isinstance(inline, m.FootnoteCall):
            add_call(paragraph, inline.number, calls)


def add_call(paragraph: Paragraph, number: int, calls: Calls | None) -> None:
    """A footnote call: Word's footnote reference at the note's first call; its number,
    raised, at a later one (and in a note)."""
    note_id = calls.first(number) if number and calls is not None else None
    if note_id is not None:
        paragraph._p.append(note_reference(note_id, s.FOOTNOTE_REFERENCE))
        return
    paragraph._p.append(styled_run(s.FOOTNOTE_REFERENCE, text_of(str(number or "?"))))
