"""What the rules read of one language version of a document, as plain values: its sheet.

A sheet is made from the model once the document is read and linked: every unit of text
(:func:`~unccd_publish.check.units.units`) as a row, and, for the structure, footnote and
metadata rules, the outline, the numbered paragraphs of each stretch, the decisions'
preambles, the sub-items, the tables, the lists, the typed numbers and the footnotes. The
rules compare two sheets, never the model.

A check keeps each document's sheets under the document's check key (:class:`Checked`,
:mod:`~unccd_publish.check.run`): a document compared again without a change (``check -E``)
then loads its sheets, plain tuples that load in about a third of the model's time, and not
the model. Places are lines of the version's one source file (every place of a language
version is in its Markdown file).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from unccd_publish import model as m
from unccd_publish.check.units import Known, Row, Unit, units
from unccd_publish.diagnostics import Diagnostic, Location

# the text of a block and all it holds, its runs joined by spaces, as the rows that hold its
# runs (each stretch of them as its first and its end) and the numbers of its numbered lists:
# see Sheet.text (texts are not kept twice)
Recipe = tuple[tuple[int, int] | str, ...]
Text = tuple[str, int, Recipe]  # an anchor, a line, and the text of what stands there


# a numbered paragraph, a decision's preamble or a table cell: its anchor, its position in
# reading order (cells have no anchor), whether it is a cell, its line, what it is ("paragraph
# 3"), its sub-item markers as the source types them ("(a)", "(a)(i)" …), and each sub-item's
# line
Holder = tuple[str, int, bool, int, str, tuple[str, ...], tuple[int, ...]]


@dataclass
class Sheet:
    """What the rules read of one language version."""

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
    # every decision: anchor, number, line, and its preambular paragraphs (line, row)
    decisions: list[tuple[str, int, int, list[tuple[int, int]]]]
    holders: list[Holder]
    # every table: anchor, number, line, and its rows (cells, line, text)
    tables: list[tuple[str, int, int, list[tuple[int, int, Recipe]]]]
    lists: list[tuple[object, int, int]]  # every list: its shape, items and line
    # the typed numbers that are not the computed ones: typed, computed, line, anchor
    typed: list[tuple[int | str, str, int, str]]
    footnotes: list[tuple[int, str, int, Recipe]]  # number, anchor, line, text
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

    def text(self, recipe: Recipe) -> str:
        """The text a recipe stands for (see :data:`Recipe`)."""
        rows = self.rows
        return " ".join(" ".join(rows[i][1] for i in range(*part))
                        if isinstance(part, tuple) else part for part in recipe)

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
    # what was read in the document's texts, pickled as the read cache keeps it (see
    # ReadCache.facts_kept): not pickled a second time
    facts: bytes


def sheet_of(doc: m.Document, known: Known | None = None) -> Sheet:
    """The sheet of ``doc``; what is read in its texts goes to ``known``."""
    made = units(doc, known)
    texts = {id(unit.block): i for i, unit in enumerate(made)}  # the row of a block's run
    sheet = Sheet(doc.lang, doc.path, doc.front.location.line, doc.front.title,
                  tuple(doc.front.agenda_title), [unit.row() for unit in made], [],
                  {"para": ("the body", None, [])}, [], [], [], [], [], [], [], {}, made)
    _outline(doc.body, "para", sheet, texts)
    for block in doc.walk():
        _block(block, sheet, texts)
    sheet.footnotes = [(note.number, note.anchor, note.location.line,
                        _joined(note, texts, False)) for note in doc.footnotes]
    return sheet


def _outline(blocks: list[m.Block], scope: str, sheet: Sheet, texts: dict[int, int]) -> None:
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


def _block(block: m.Block, sheet: Sheet, texts: dict[int, int]) -> None:
    """What the rules read of one block of the walk (by its class: this runs for every
    block of every document checked)."""
    cls = type(block)
    if block.anchor and block.suppress:
        sheet.noqa.append((block.anchor, block.suppress))
    if cls is m.Paragraph or cls is m.ListItem or cls is m.Row or cls is m.Summary:
        return
    line = block.location.line
    if cls is m.SubParagraph:
        _typed(block, sheet, line)
    elif cls is m.NumberedParagraph:
        _holder(block, f"paragraph {block.number}", sheet, line)
        scope = stretch(block.anchor)
        sheet.paragraph_counts[scope] = sheet.paragraph_counts.get(scope, 0) + 1
        _typed(block, sheet, line)
    elif cls is m.Cell:
        _holder(block, "a table cell", sheet, line)
    elif cls is m.BulletList or cls is m.OrderedList:
        sheet.lists.append((_shape(block), len(block.items), line))
    else:  # a section, decision, annex or table: in the outline
        sheet.outline.append((block.kind, block.anchor, line))
        if cls is m.Decision:
            _holder(block, f"the preamble of decision {block.number}", sheet, line)
            sheet.decisions.append((block.anchor, block.number, line, [
                (p.location.line, texts[id(p)]) for p in block.preamble]))
        elif cls is m.Table:
            sheet.tables.append((block.anchor, block.number, line, [
                (len(row.cells), row.location.line, _joined(row, texts)) for row in block.rows]))
        if cls is not m.Annex:
            _typed(block, sheet, line)


def _holder(block: m.Block, what: str, sheet: Sheet, line: int) -> None:
    subs = [c for c in block.children() if type(c) is m.SubParagraph]
    sheet.holders.append((block.anchor, block.order, type(block) is m.Cell, line, what,
                          _markers(subs), tuple(s.location.line for s in subs)))


def stretch(key: str) -> str:
    """The stretch a numbered paragraph is counted in (see Sheet.paragraph_counts), from its
    anchor or the key of a unit within it: "decision-1-para-3" → "decision-1"; the body's
    "para-3" → "para"."""
    return key.rsplit("-para-", 1)[0] if "-para-" in key else "para"


def _typed(block: m.Block, sheet: Sheet, line: int) -> None:
    """A typed number that is not the computed one."""
    typed = block.typed  # type: ignore[union-attr]
    if typed is not None and str(typed).strip("()") != (computed := _computed(block)):
        sheet.typed.append((typed, computed, line, block.anchor))


def _joined(block: m.Block, texts: dict[int, int], numbers: bool = True) -> Recipe:
    """The recipe of the text of ``block`` and all it holds (with the numbers of its
    numbered lists, given ``numbers``)."""
    parts: list[int | str] = []
    _gather(block, texts, numbers, parts)
    recipe: list[tuple[int, int] | str] = []
    for part in parts:
        if isinstance(part, str):
            recipe.append(part)
        elif recipe and isinstance(last := recipe[-1], tuple) and last[1] == part:
            recipe[-1] = (last[0], part + 1)
        else:
            recipe.append((part, part + 1))
    return tuple(recipe)


def _gather(block: m.Block, texts: dict[int, int], numbers: bool,
            parts: list[int | str]) -> None:
    if numbers and type(block) is m.OrderedList and block.items:
        parts.append(" ".join(f"{block.start + i}." for i in range(len(block.items))))
    row = texts.get(id(block))  # the blocks with a run of their own
    if row is not None:
        parts.append(row)
    for child in block.children():
        _gather(child, texts, numbers, parts)


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
