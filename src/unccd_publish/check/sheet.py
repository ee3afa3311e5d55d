"""What the rules read of one language version of a document, as plain values: its sheet.

A sheet is made from the model once the document is read and linked: every unit of text
(:func:`~unccd_publish.check.pairing.units`) as a row, and, for the structure, footnote and
metadata rules, the outline, the numbered paragraphs of each stretch, the decisions'
preambles, the sub-items, the tables, the lists, the typed numbers and the footnotes. The
rules compare two sheets, never the model.

A check keeps each document's sheets under the document's check key (:class:`Checked`,
:mod:`~unccd_publish.check.run`): a document compared again without a change (``check -E``)
then loads its sheets, a tenth of the model's objects, and not the model. Places are lines of
the version's one source file (every place of a language version is in its Markdown file).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from unccd_publish import model as m
from unccd_publish.check.facts import Facts
from unccd_publish.check.pairing import Known, Unit, units
from unccd_publish.diagnostics import Diagnostic, Location

# a unit: its key, text, line, scope, the codes it switches off, its references' targets and
# the numbers of the footnotes it calls
Row = tuple[str, str, int, str, frozenset[str], Sequence[str], Sequence[int]]
Text = tuple[str, int, str]  # an anchor, a line, and the text of what stands there


# a numbered paragraph, a decision's preamble or a table cell: its anchor, its position in
# reading order (cells have no anchor), whether it is a cell, its line, what it is ("paragraph
# 3"), its sub-item markers as the source types them ("(a)", "(a)(i)" …), and each sub-item's
# line
Holder = tuple[str, int, bool, int, str, tuple[str, ...], tuple[int, ...]]


@dataclass
class Sheet:
    lang: str
    path: Path
    front: int  # the line of the front matter
    title: str
    agenda_title: tuple[str, ...]
    rows: list[Row]
    # the chapters, sections, decisions, annexes and tables: kind, anchor, line
    outline: list[tuple[str, str, int]]
    # numbered paragraphs by the stretch they are numbered in ("para": the body; a decision's
    # or annex's anchor): its name, the line of its block, and each paragraph
    scopes: dict[str, tuple[str, int | None, list[Text]]]
    # every decision: anchor, number, line, and its preambular paragraphs (line, text)
    decisions: list[tuple[str, int, int, list[tuple[int, str]]]]
    holders: list[Holder]
    # every table: anchor, number, line, and its rows (cells, line, text)
    tables: list[tuple[str, int, int, list[tuple[int, int, str]]]]
    lists: list[tuple[object, int, int]]  # every list: its shape, items and line
    # the typed numbers that are not the computed ones: typed, computed, line, anchor
    typed: list[tuple[int | str, str, int, str]]
    footnotes: list[tuple[int, str, int, str]]  # number, anchor, line, text
    noqa: list[tuple[str, frozenset[str]]]  # the codes a block with an anchor switches off
    # how many numbered paragraphs each stretch has, by the anchors' stem ("para": the body)
    paragraph_counts: dict[str, int]
    # the units made from the model with the sheet (with their blocks and runs, which the
    # side-by-side report shows): not kept, a sheet loaded makes its units from its rows
    made: list[Unit] | None = field(default=None, repr=False, compare=False)

    def __getstate__(self) -> dict[str, object]:
        return {**vars(self), "made": None}

    def at(self, line: int) -> Location:
        return Location(self.path, line)

    def units(self, known: Known) -> list[Unit]:
        """The sheet's units; what is read in their texts goes to ``known``."""
        if self.made is not None:
            return self.made
        lang, path = self.lang, self.path
        return [Unit.kept(row, path, lang, known) for row in self.rows]


@dataclass
class Checked:
    """What a check keeps of a document between runs, under its check key: what the rules
    compare, and what the record of the check names besides the findings."""

    symbol: str | None
    cites: list[str]
    diagnostics: list[Diagnostic]  # the problems reading and linking found
    original: str
    sheets: dict[str, Sheet]  # by language
    known: dict[tuple[str, str], Facts]


def sheet_of(doc: m.Document, known: Known | None = None) -> Sheet:
    """The sheet of ``doc``; what is read in its texts goes to ``known``."""
    made = units(doc, known)
    texts = {id(unit.block): unit.text for unit in made}  # a block's own run, read once
    sheet = Sheet(doc.lang, doc.path, doc.front.location.line, doc.front.title,
                  tuple(doc.front.agenda_title), [unit.row() for unit in made], [],
                  {"para": ("the body", None, [])}, [], [], [], [], [], [], [], {}, made)
    _outline(doc.body, "para", sheet, texts)
    for block in doc.walk():
        _block(block, sheet, texts)
    sheet.footnotes = [(note.number, note.anchor, note.location.line,
                        _joined(note, texts, False)) for note in doc.footnotes]
    return sheet


def _outline(blocks: list[m.Block], scope: str, sheet: Sheet, texts: dict[int, str]) -> None:
    """The numbered paragraphs of each stretch: the body, each decision, each annex."""
    for block in blocks:
        if isinstance(block, m.Decision):
            sheet.scopes[block.anchor] = (f"decision {block.number}", block.location.line, [])
            _outline(block.blocks, block.anchor, sheet, texts)
        elif isinstance(block, m.Annex):
            sheet.scopes[block.anchor] = ("the annex", block.location.line, [])
            _outline(block.blocks, block.anchor, sheet, texts)
        elif isinstance(block, m.NumberedParagraph):
            sheet.scopes[scope][2].append((block.anchor, block.location.line,
                                           _joined(block, texts)))
        elif isinstance(block, m.Section):
            _outline(block.blocks, scope, sheet, texts)


def _block(block: m.Block, sheet: Sheet, texts: dict[int, str]) -> None:
    """What the rules read of one block of the walk."""
    line = block.location.line
    if isinstance(block, m.Section | m.Decision | m.Annex | m.Table):
        sheet.outline.append((block.kind, block.anchor, line))
    if isinstance(block, m.NumberedParagraph | m.Cell | m.Decision):
        subs = [c for c in block.children() if isinstance(c, m.SubParagraph)]
        what = (f"paragraph {block.number}" if isinstance(block, m.NumberedParagraph) else
                f"the preamble of decision {block.number}" if isinstance(block, m.Decision)
                else "a table cell")
        sheet.holders.append((block.anchor, block.order, isinstance(block, m.Cell), line,
                              what, _markers(subs), tuple(s.location.line for s in subs)))
    if isinstance(block, m.Decision):
        sheet.decisions.append((block.anchor, block.number, line, [
            (p.location.line, texts[id(p)]) for p in block.preamble]))
    elif isinstance(block, m.Table):
        sheet.tables.append((block.anchor, block.number, line, [
            (len(row.cells), row.location.line, _joined(row, texts)) for row in block.rows]))
    elif isinstance(block, m.BulletList | m.OrderedList):
        sheet.lists.append((_shape(block), len(block.items), line))
    typed = getattr(block, "typed", None)
    if isinstance(block, m.NumberedParagraph):
        scope = block.anchor.rsplit("-para-", 1)[0] if "-para-" in block.anchor else "para"
        sheet.paragraph_counts[scope] = sheet.paragraph_counts.get(scope, 0) + 1
    if typed is not None and str(typed).strip("()") != (computed := _computed(block)):
        sheet.typed.append((typed, computed, line, block.anchor))
    if block.anchor and block.suppress:
        sheet.noqa.append((block.anchor, block.suppress))


def _joined(block: m.Block, texts: dict[int, str], numbers: bool = True) -> str:
    """The text of ``block`` and all it holds, its runs joined by spaces (with the numbers
    of its numbered lists, given ``numbers``)."""
    parts: list[str] = []
    for inner in m.walk(block):
        if numbers and isinstance(inner, m.OrderedList):
            parts.extend(f"{inner.start + i}." for i in range(len(inner.items)))
        if type(inner) in m.OWN_RUN:
            parts.append(texts[id(inner)])
    return " ".join(parts)


def _markers(subs: list[m.SubParagraph]) -> tuple[str, ...]:
    """The sub-item markers as the source types them (computed where it does not)."""
    out: list[str] = []
    for child in subs:
        mark = f"({child.typed})" if child.typed else child.marker
        out.append(mark)
        out.extend(f"{mark}({item.typed})" if item.typed else f"{mark}{item.marker}"
                   for item in child.items)
    return tuple(out)


def _shape(block: m.Node) -> object:
    if isinstance(block, m.BulletList | m.OrderedList):
        return tuple(tuple(_shape(c) for c in item.blocks) for item in block.items)
    return ()


def _computed(block: m.Node) -> str:
    if isinstance(block, m.SubParagraph):
        return block.marker.strip("()")
    if isinstance(block, m.Section):
        return block.number.rstrip(".")
    return str(getattr(block, "number", ""))
