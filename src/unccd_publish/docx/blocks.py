"""The blocks of the model as Word paragraphs and tables, numbers typed as text and a tab as
conference services edit them: "1.<tab>", "<tab>(a)<tab>", "<tab><tab>(i)<tab>"."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Twips
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from unccd_publish import model as m
from unccd_publish.catalogue import Catalogue
from unccd_publish.docx import styles as s
from unccd_publish.docx.ooxml import cell_borders, el, paragraph_border
from unccd_publish.docx.text import PLAIN, Calls, Look, add_inlines, add_text
from unccd_publish.html.page import annex_heading

HEADINGS = {"chapter": s.CHAPTER, "section": s.SECTION, "subsection": s.SUBSECTION,
            "annex_section": s.SUBSECTION, "annex_subsection": s.SUBSECTION}
BULLET = "\u2022"
FIRST_COLUMN = 0.36  # of a table's width, as the PDF gives it
RULE, HEAVY_RULE, LIGHT_RULE = 4, 8, 2  # eighths of a point


class Place:
    """Where paragraphs are added: the document's body or a table cell."""

    def __init__(self, container: Document | _Cell, in_table: bool = False) -> None:
        self.container = container
        self.in_table = in_table
        self.fresh: Paragraph | None = (container.paragraphs[0]
                                        if isinstance(container, _Cell) else None)

    def paragraph(self, style_id: str) -> Paragraph:
        if self.fresh is not None:  # a new cell's own empty paragraph
            paragraph, self.fresh = self.fresh, None
        else:
            paragraph = self.container.add_paragraph()
        paragraph._p.get_or_add_pPr().style = style_id
        return paragraph

    def text_style(self, style_id: str = s.SINGLE_TXT) -> str:
        return s.TABLE_TEXT if self.in_table else style_id


@dataclass
class BlockWriter:
    """Writes the blocks of one language version of a document."""

    document: Document
    cat: Catalogue
    script: s.Script
    enacting_formula: str
    calls: Calls

    def inlines(self, paragraph: Paragraph, inlines: list[m.Inline],
                look: Look = PLAIN) -> None:
        add_inlines(paragraph, inlines, self.script, self.calls, look)

    def inlines_in_note(self, paragraph: Paragraph, inlines: list[m.Inline]) -> None:
        """A footnote's own text: a call in it is its number only."""
        add_inlines(paragraph, inlines, self.script, None)

    def text(self, paragraph: Paragraph, text: str, look: Look = PLAIN) -> None:
        add_text(paragraph, text, look, self.script)

    def line(self, place: Place, style_id: str, lead: str, inlines: list[m.Inline],
             look: Look = PLAIN) -> Paragraph:
        """A paragraph: ``lead`` (a number and its tab), then ``inlines``."""
        paragraph = place.paragraph(style_id)
        self.text(paragraph, lead, look)
        self.inlines(paragraph, inlines, look)
        return paragraph

    def write_all(self, blocks: list[m.Block], place: Place, lead: str = "",
                  depth: int = 0) -> None:
        """``blocks``; ``lead`` before the first paragraph's text (a list item's bullet)."""
        for block in blocks:
            self.write(block, place, lead, depth)
            lead = "\t" if lead else ""

    def write(self, block: m.Block, place: Place, lead: str = "", depth: int = 0) -> None:
        writer = WRITERS.get(type(block))
        if writer is not None:
            writer(self, block, place, lead, depth)

    # -- paragraphs
    def paragraph(self, block: m.Paragraph, place: Place, lead: str, depth: int) -> None:
        style = place.text_style(bullet_style(depth) if depth else s.SINGLE_TXT)
        if block.role == "preamble" and not place.in_table:
            lead = "\t" + lead
        self.line(place, style, lead, block.inlines)

    def numbered(self, block: m.NumberedParagraph, place: Place, lead: str,
                 depth: int) -> None:
        number = self.cat.number("paragraph", block.number) + "\t"
        first, *rest = block.blocks or [None]
        if isinstance(first, m.Paragraph):
            self.line(place, place.text_style(), number, first.inlines)
        else:
            self.line(place, place.text_style(), number, [])
            rest = block.blocks
        self.write_all(rest, place, depth=depth)

    def subparagraph(self, block: m.SubParagraph, place: Place, lead: str,
                     depth: int) -> None:
        indent = "" if place.in_table else "\t" * block.level
        self.line(place, place.text_style(), f"{indent}{block.marker}\t", block.inlines)
        for item in block.items:
            self.subparagraph(item, place, lead, depth)

    def bullets(self, block: m.BulletList, place: Place, lead: str, depth: int) -> None:
        for item in block.items:
            self.write_all(item.blocks, place, f"{BULLET}\t", depth + 1)

    def ordered(self, block: m.OrderedList, place: Place, lead: str, depth: int) -> None:
        for number, item in enumerate(block.items, block.start):
            self.write_all(item.blocks, place, f"{number}.\t", depth)

    # -- headings and parts
    def heading(self, style_id: str, place: Place, lead: str, inlines: list[m.Inline],
                new_page: bool = False) -> Paragraph:
        paragraph = self.line(place, style_id, lead, inlines)
        if new_page:
            paragraph.paragraph_format.page_break_before = True
        return paragraph

    def section(self, block: m.Section, place: Place, lead: str, depth: int) -> None:
        self.heading(HEADINGS[block.level], place, f"{block.number}\t", block.title)
        self.write_all(block.blocks, place)

    def decision(self, block: m.Decision, place: Place, lead: str, depth: int) -> None:
        number = self.cat.number("decision", block.number)
        self.heading(s.SECTION, place, f"{number}\t", block.title, new_page=True)
        if self.enacting_formula:
            formula = place.paragraph(s.SINGLE_TXT)
            self.text(formula, f"\t{self.enacting_formula}", Look(italic=True))
        self.write_all(block.blocks, place)

    def annex(self, block: m.Annex, place: Place, lead: str, depth: int) -> None:
        word = self.heading(s.CHAPTER, place, f"\t{annex_heading(block, self.cat)}", [],
                            new_page=True)
        word.paragraph_format.keep_with_next = True
        self.heading(s.CHAPTER, place, "\t", block.title)
        self.write_all(block.blocks, place)

    # -- tables
    def table(self, block: m.Table, place: Place, lead: str, depth: int) -> None:
        caption = self.heading(s.SUBSECTION, place, "\t", [])
        self.text(caption, self.cat.format("words.table", number=block.number))
        for run in caption.runs:
            run.bold = False
        self.heading(s.SUBSECTION, place, "\t", block.caption)
        columns = max((len(row.cells) for row in block.rows), default=1)
        table = self.document.add_table(rows=len(block.rows), cols=columns)
        table.style = self.document.styles["UN Table"]
        shape_table(table, columns)
        last = len(block.rows) - 1
        for index, (row, cells) in enumerate(zip(block.rows, table.rows, strict=True)):
            if row.header:
                repeat_header(cells._tr)
            for cell, target in zip(row.cells, cells.cells, strict=False):
                self.cell(cell, target, row.header)
                sides = ({"top": RULE, "bottom": RULE} if row.header else
                         {"bottom": HEAVY_RULE if index == last else LIGHT_RULE})
                cell_borders(target._tc, **sides)
        end = place.paragraph(s.SINGLE_TXT)  # Word needs a paragraph between two tables
        end.paragraph_format.space_after = 0

    def cell(self, cell: m.Cell, target: _Cell, header: bool) -> None:
        place = Place(target, in_table=True)
        if header:
            for block in cell.blocks:
                if isinstance(block, m.Paragraph):
                    self.line(place, s.TABLE_TEXT, "", block.inlines, Look(italic=True))
                else:
                    self.write(block, place)
        else:
            self.write_all(cell.blocks, place)
        if place.fresh is not None:
            place.paragraph(s.TABLE_TEXT)


def bullet_style(depth: int) -> str:
    return s.BULLET_1 if depth <= 1 else s.BULLET_2


def shape_table(table: Table, columns: int) -> None:
    """In the text column, the first column as the PDF sets it, the others sharing the rest."""
    width = s.TABLE_WIDTH
    first = round(width * FIRST_COLUMN) if columns > 1 else width
    tblw = table._tbl.tblPr.find(qn("w:tblW"))
    tblw.set(qn("w:w"), str(width))
    tblw.set(qn("w:type"), "dxa")
    set_in(table)
    fixed_widths(table, [first] + [(width - first) // (columns - 1)] * (columns - 1))


def set_in(table: Table) -> None:
    """The table set in from the margin as the text column is (by INSET)."""
    table._tbl.tblPr.insert_element_before(
        el("w:tblInd", {"w": str(s.INSET), "type": "dxa"}),
        "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")


def fixed_widths(table: Table, widths: list[int]) -> None:
    """Columns of these widths (twips), not fitted to their text: on every cell too, where
    Word reads them."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Twips(width)
        for cell in column.cells:
            cell.width = Twips(width)


def repeat_header(tr: object) -> None:
    """A header row, repeated at the top of every page the table runs on."""
    trpr = tr.get_or_add_trPr()  # type: ignore[attr-defined]
    trpr.append(el("w:cantSplit"))
    trpr.append(el("w:tblHeader"))


def end_rule(place: Place) -> None:
    """The short centred rule that ends the text."""
    paragraph = place.paragraph(s.SINGLE_TXT)
    side = (s.COLUMN_WIDTH - 3 * s.CM) // 2
    layout = paragraph.paragraph_format
    layout.left_indent = layout.right_indent = Twips(side)
    layout.space_before = Twips(480)
    paragraph_border(paragraph._p.get_or_add_pPr(), "top", RULE)


Writer = Callable[[BlockWriter, m.Block, Place, str, int], None]
WRITERS: dict[type, Writer] = {
    m.Paragraph: BlockWriter.paragraph,
    m.NumberedParagraph: BlockWriter.numbered,
    m.SubParagraph: BlockWriter.subparagraph,
    m.BulletList: BlockWriter.bullets,
    m.OrderedList: BlockWriter.ordered,
    m.Section: BlockWriter.section,
    m.Decision: BlockWriter.decision,
    m.Annex: BlockWriter.annex,
    m.Table: BlockWriter.table,
}
